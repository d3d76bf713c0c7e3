//! A small SVG writer: Inkscape layers, paths with holes, real text, and
//! escaping of everything that came from the input.

use std::fmt::Write;

/// Formats a coordinate with at most two decimals and no trailing zeros.
pub fn num(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Escapes text for XML content and attribute values, after removing
/// control characters (which XML 1.0 cannot carry).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Path data for rings of points: each ring a closed sub-path. Drawn with
/// `fill-rule="evenodd"`, holes stay holes whatever their winding.
pub fn ring_path<'a>(rings: impl IntoIterator<Item = &'a [(f64, f64)]>) -> String {
    let mut d = String::new();
    for ring in rings {
        let mut points = ring.iter();
        let Some(&(x, y)) = points.next() else {
            continue;
        };
        let _ = write!(d, "M{},{}", num(x), num(y));
        let mut last = (num(x), num(y));
        for &(x, y) in points {
            let here = (num(x), num(y));
            if here != last {
                let _ = write!(d, "L{},{}", here.0, here.1);
                last = here;
            }
        }
        d.push('Z');
    }
    d
}

/// Path data for every ring of a multipolygon (exteriors and holes).
pub fn multipolygon_path(shape: &geo::MultiPolygon<f64>) -> String {
    let rings: Vec<Vec<(f64, f64)>> = shape
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .map(|ring| ring.coords().map(|c| (c.x, c.y)).collect())
        .collect();
    ring_path(rings.iter().map(Vec::as_slice))
}

/// Path data for open lines.
pub fn lines_path(lines: &geo::MultiLineString<f64>) -> String {
    let mut d = String::new();
    for line in lines {
        for (i, c) in line.coords().enumerate() {
            let _ = write!(
                d,
                "{}{},{}",
                if i == 0 { 'M' } else { 'L' },
                num(c.x),
                num(c.y)
            );
        }
    }
    d
}

/// An SVG document being written, layer by layer. The height is given at
/// the end, when everything has found its place.
pub struct Svg {
    out: String,
    depth: usize,
    width: f64,
    title: String,
}

impl Svg {
    /// Starts a document `width` pixels wide, titled `title`.
    pub fn new(width: f64, title: &str) -> Svg {
        Svg {
            out: String::new(),
            depth: 0,
            width,
            title: title.to_string(),
        }
    }

    /// Opens a named Inkscape layer: `<g id=… inkscape:groupmode="layer">`.
    pub fn layer(&mut self, id: &str, label: &str, attrs: &str) {
        let _ = writeln!(
            self.out,
            "<g id=\"{id}\" inkscape:groupmode=\"layer\" inkscape:label=\"{}\"{}{attrs}>",
            escape(label),
            if attrs.is_empty() { "" } else { " " }
        );
        self.depth += 1;
    }

    /// Opens a named layer whose text is set in the style's fonts, in `fill`,
    /// at `size` pixels when given; `attrs` are added.
    pub fn text_layer(
        &mut self,
        id: &str,
        label: &str,
        style: &super::style::Style,
        size: Option<f64>,
        fill: &str,
    ) {
        let size = size.map_or(String::new(), |s| format!(" font-size=\"{}\"", num(s)));
        self.layer(
            id,
            label,
            &format!(
                "font-family=\"{}\"{size} fill=\"{fill}\"",
                style.typeface.css_family()
            ),
        );
    }

    /// Writes a `<rect>` covering `r`, with `attrs` (id, fill, stroke...).
    pub fn rect(&mut self, r: super::labels::Rect, attrs: &str) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {attrs}/>",
            num(r.x0),
            num(r.y0),
            num(r.x1 - r.x0),
            num(r.y1 - r.y0)
        );
    }

    /// Opens a plain group.
    pub fn group(&mut self, attrs: &str) {
        let _ = writeln!(self.out, "<g {attrs}>");
        self.depth += 1;
    }

    /// Closes the innermost layer or group.
    pub fn end(&mut self) {
        self.out.push_str("</g>\n");
        self.depth -= 1;
    }

    /// Writes a raw element. Callers escape any input text with [`escape`].
    pub fn element(&mut self, markup: &str) {
        self.out.push_str(markup);
        self.out.push('\n');
    }

    /// Writes a `<text>` element; the content is escaped.
    pub fn text(&mut self, x: f64, y: f64, attrs: &str, content: &str) {
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" {attrs}>{}</text>",
            num(x),
            num(y),
            escape(content)
        );
    }

    /// Writes `inner`, a document drawn on its own, as a named layer of
    /// this one: its ids are prefixed with `id` and a dash, so that ids
    /// repeated by several such layers stay unique. (Ids are only ever
    /// written as ` id="` attributes, and text cannot hold a `"`: it is
    /// escaped.)
    pub fn nest(&mut self, id: &str, label: &str, inner: Svg) {
        self.layer(id, label, "");
        let mut body = inner.out;
        for _ in 0..inner.depth {
            body.push_str("</g>\n");
        }
        self.out
            .push_str(&body.replace(" id=\"", &format!(" id=\"{id}-")));
        self.end();
    }

    /// Finishes the document, `height` pixels tall.
    pub fn finish_with_height(mut self, height: f64) -> String {
        while self.depth > 0 {
            self.end();
        }
        let mut doc = String::with_capacity(self.out.len() + 400);
        let _ = writeln!(
            doc,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" \
             width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n<title>{t}</title>",
            w = num(self.width),
            h = num(height),
            t = escape(&self.title)
        );
        doc.push_str(&self.out);
        doc.push_str("</svg>\n");
        debug_assert!(
            !doc.chars().any(crate::text::is_dropped),
            "a character XML cannot carry reached the SVG without `escape`: {:?}",
            doc.char_indices()
                .find(|(_, c)| crate::text::is_dropped(*c))
                .map(|(i, _)| &doc[i.saturating_sub(80)..(i + 20).min(doc.len())])
        );
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.50), "12.5");
    }

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<script>&\"x'\u{1}</script>"),
            "&lt;script&gt;&amp;&quot;x&apos;&lt;/script&gt;"
        );
    }

    #[test]
    fn ring_path_closes_each_ring_and_drops_repeats() {
        let outer = [(0.0, 0.0), (10.0, 0.0), (10.0, 0.001), (10.0, 10.0)];
        let hole = [(2.0, 2.0), (3.0, 2.0), (3.0, 3.0)];
        assert_eq!(
            ring_path([&outer[..], &hole[..]]),
            "M0,0L10,0L10,10ZM2,2L3,2L3,3Z"
        );
    }
}
