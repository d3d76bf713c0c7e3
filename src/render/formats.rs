//! PNG and PDF made from the map's SVG, so every format shows the same
//! figure. Text is set in the style's fonts (the embedded DejaVu Sans by
//! default), never in whatever fonts the system has; in the PDF it stays
//! text, in embedded font subsets.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use super::font::Typeface;

/// Output formats of `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// The layered SVG.
    Svg,
    /// A raster image at `--dpi`.
    Png,
    /// A vector PDF with the fonts embedded.
    Pdf,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    /// Parses `svg`, `png` or `pdf`.
    pub fn parse(text: &str) -> Result<Format, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "svg" => Ok(Format::Svg),
            "png" => Ok(Format::Png),
            "pdf" => Ok(Format::Pdf),
            other => Err(format!("`{other}` is not a format; use svg, png or pdf")),
        }
    }
}

/// Parses `--dpi`: a resolution between 24 and 2400 dots per inch.
pub fn parse_dpi(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if (24.0..=2400.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "`{text}` is not a resolution; use 24 to 2400 dots per inch"
        )),
    }
}

/// Why a PNG or PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The SVG did not parse (a bug: we wrote it).
    #[error("the map's SVG could not be read back: {0}")]
    Svg(String),
    /// The image would be empty or too large.
    #[error("a {0}×{1} px image cannot be made; lower --dpi or the figure size")]
    Size(u32, u32),
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Png(String),
    /// PDF conversion failed.
    #[error("PDF conversion failed: {0}")]
    Pdf(String),
}

/// The map's SVG in `format`: as is, rasterised at `dpi`, or as PDF.
pub fn encode(
    svg: &str,
    format: Format,
    dpi: f64,
    typeface: &Typeface,
) -> Result<Vec<u8>, FormatError> {
    match format {
        Format::Svg => Ok(svg.as_bytes().to_vec()),
        Format::Png => png(svg, dpi, typeface),
        Format::Pdf => pdf(svg, typeface),
    }
}

fn parse(svg: &str, typeface: &Typeface) -> Result<usvg::Tree, FormatError> {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(typeface.regular.data().to_vec());
    if typeface.bold.data() != typeface.regular.data() {
        fonts.load_font_data(typeface.bold.data().to_vec());
    }
    fonts.set_sans_serif_family(typeface.family.clone());
    let options = usvg::Options {
        font_family: typeface.family.clone(),
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| FormatError::Svg(e.to_string()))
}

/// Rasterises the SVG at `dpi` (96 keeps one image pixel per SVG pixel).
pub fn png(svg: &str, dpi: f64, typeface: &Typeface) -> Result<Vec<u8>, FormatError> {
    let tree = parse(svg, typeface)?;
    let scale = (dpi / 96.0) as f32;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > 400_000_000 {
        return Err(FormatError::Size(w, h));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(FormatError::Size(w, h))?;
    // Stretched by under a pixel to fill whole pixels: a figure 1241.38 px
    // tall leaves no half-covered last row.
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(w as f32 / size.width(), h as f32 / size.height()),
        &mut pixmap.as_mut(),
    );
    encode_png(&pixmap).map_err(|e| FormatError::Png(e.to_string()))
}

/// Encodes the pixmap as PNG: 8-bit RGB when every pixel is opaque (a map
/// with a background always is), which skips tiny-skia's copy to undo the
/// premultiplied alpha and compresses a quarter less data; RGBA as tiny-skia
/// writes it otherwise.
fn encode_png(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    if pixmap.pixels().iter().any(|p| p.alpha() != 255) {
        return pixmap.encode_png();
    }
    let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
    for p in pixmap.data().chunks_exact(4) {
        rgb.extend_from_slice(&p[..3]);
    }
    let mut data = Vec::new();
    let mut encoder = png::Encoder::new(&mut data, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // fdeflate with the Paeth filter: a tenth of the time of zlib's default
    // level, and a smaller file than fdeflate with the default filter.
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::FilterType::Paeth);
    encoder.write_header()?.write_image_data(&rgb)?;
    Ok(data)
}

/// Converts the SVG to PDF, one page the size of the figure (1 px = 1/96
/// inch). Text stays text: set in the style's fonts, embedded as subsets
/// with a map back to Unicode, so it can be searched, copied and edited.
/// svg2pdf 0.13 writes the fonts and resource entries in hash-map order;
/// [`canonical_resources`] and [`canonical_fonts`] put them in a fixed one,
/// so the same map gives the same bytes.
pub fn pdf(svg: &str, typeface: &Typeface) -> Result<Vec<u8>, FormatError> {
    let tree = parse(svg, typeface)?;
    let options = svg2pdf::ConversionOptions {
        embed_text: true,
        ..svg2pdf::ConversionOptions::default()
    };
    let pdf = svg2pdf::to_pdf(&tree, options, svg2pdf::PageOptions { dpi: 96.0 })
        .map_err(|e| FormatError::Pdf(e.to_string()))?;
    canonical_fonts(&canonical_resources(pdf))
        .ok_or_else(|| FormatError::Pdf("svg2pdf wrote a file we cannot read back".into()))
}

/// One indirect object of a PDF: its number, and its bytes from its
/// number to `endobj`.
struct Object<'a> {
    number: u32,
    bytes: &'a [u8],
}

/// The objects of a PDF written with a plain cross-reference table (as
/// pdf-writer does), in file order, with what comes before the first
/// (the header) and the trailer dictionary.
fn objects(pdf: &[u8]) -> Option<(&[u8], Vec<Object<'_>>, &[u8])> {
    let start = rfind(pdf, b"startxref\n")?;
    let xref: usize = std::str::from_utf8(&pdf[start + 10..])
        .ok()?
        .lines()
        .next()?
        .trim()
        .parse()
        .ok()?;
    let table = pdf.get(xref..start)?.strip_prefix(b"xref\n0 ")?;
    let line_end = find(table, b"\n")?;
    let count: usize = std::str::from_utf8(&table[..line_end]).ok()?.parse().ok()?;
    let entries = &table[line_end + 1..];
    let mut at: Vec<(usize, u32)> = Vec::new();
    for number in 0..count {
        let entry = entries.get(number * 20..number * 20 + 20)?;
        if entry[17] == b'n' {
            let offset = std::str::from_utf8(&entry[..10]).ok()?.parse().ok()?;
            at.push((offset, u32::try_from(number).ok()?));
        }
    }
    at.sort_unstable();
    let trailer_at = find(entries, b"trailer\n")?;
    let trailer = entries[trailer_at + 8..].trim_ascii_end();
    let mut list = Vec::with_capacity(at.len());
    for (i, &(offset, number)) in at.iter().enumerate() {
        let end = at.get(i + 1).map_or(xref, |next| next.0);
        list.push(Object {
            number,
            bytes: pdf.get(offset..end)?,
        });
    }
    let first = at.first().map_or(xref, |a| a.0);
    Some((&pdf[..first], list, trailer))
}

/// The object's dictionary: its bytes before any stream data.
fn dictionary(bytes: &[u8]) -> &[u8] {
    find(bytes, b"\nstream\n").map_or(bytes, |i| &bytes[..i])
}

/// Where each indirect reference (`12 0 R`) in `text` starts and ends, with
/// the object number it names. PDF dictionaries written by pdf-writer hold
/// no strings with such a pattern, so a scan for the pattern is enough.
fn references(text: &[u8]) -> Vec<(usize, usize, u32)> {
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"[]<>/()".contains(&b);
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(r) = find(&text[i..], b" 0 R").map(|j| i + j) {
        let end = r + 4;
        let digits = text[..r]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let begin = r - digits;
        let bounded = (begin == 0 || delimiter(text[begin - 1]))
            && text.get(end).is_none_or(|&b| delimiter(b));
        if digits > 0
            && bounded
            && let Some(n) = std::str::from_utf8(&text[begin..r])
                .ok()
                .and_then(|d| d.parse().ok())
        {
            found.push((begin, end, n));
        }
        i = end;
    }
    found
}

/// Numbers the embedded fonts' objects in a fixed order and writes every
/// object in number order, with a new cross-reference table. svg2pdf
/// numbers each font's Type 0 dictionary as it meets the font (a fixed
/// order) but writes the fonts, and numbers the objects under each (CID
/// font, descriptor, ToUnicode map, font file), in hash-map order: here
/// the fonts are taken by their Type 0 number, and the objects under each
/// are numbered in the order they are referred to. `None` when the file is
/// not laid out as pdf-writer lays it out.
fn canonical_fonts(pdf: &[u8]) -> Option<Vec<u8>> {
    use std::collections::BTreeMap;
    let (header, list, trailer) = objects(pdf)?;
    let by_number: BTreeMap<u32, &Object> = list.iter().map(|o| (o.number, o)).collect();
    let refs_of = |n: u32| -> Vec<u32> {
        by_number.get(&n).map_or(Vec::new(), |o| {
            references(dictionary(o.bytes))
                .into_iter()
                .map(|r| r.2)
                .collect()
        })
    };
    // Each font's objects, found from its Type 0 dictionary, depth first.
    let mut fonts: Vec<(u32, Vec<u32>)> = Vec::new();
    for o in &list {
        if find(dictionary(o.bytes), b"/Subtype /Type0").is_some() {
            let mut under = Vec::new();
            let mut stack: Vec<u32> = refs_of(o.number).into_iter().rev().collect();
            while let Some(n) = stack.pop() {
                if n != o.number && !under.contains(&n) {
                    under.push(n);
                    stack.extend(refs_of(n).into_iter().rev());
                }
            }
            fonts.push((o.number, under));
        }
    }
    fonts.sort();
    let mut pool: Vec<u32> = fonts.iter().flat_map(|f| f.1.iter().copied()).collect();
    pool.sort_unstable();
    pool.dedup();
    let mut renumber: BTreeMap<u32, u32> = BTreeMap::new();
    for (old, new) in fonts.iter().flat_map(|f| &f.1).zip(&pool) {
        renumber.entry(*old).or_insert(*new);
    }
    let map = |n: u32| renumber.get(&n).copied().unwrap_or(n);

    let mut out: Vec<u8> = header.to_vec();
    let mut offsets: BTreeMap<u32, usize> = BTreeMap::new();
    let mut rewritten: Vec<(u32, Vec<u8>)> = list
        .iter()
        .map(|o| {
            let head_end = find(o.bytes, b" obj")?;
            let dict_end = dictionary(o.bytes).len();
            // The number, then " 0 obj" and on.
            let mut bytes = map(o.number).to_string().into_bytes();
            let mut last = head_end - 2;
            for (begin, end, n) in references(&o.bytes[head_end..dict_end]) {
                bytes.extend_from_slice(&o.bytes[last..head_end + begin]);
                bytes.extend_from_slice(format!("{} 0 R", map(n)).as_bytes());
                last = head_end + end;
            }
            bytes.extend_from_slice(&o.bytes[last..]);
            Some((map(o.number), bytes))
        })
        .collect::<Option<_>>()?;
    rewritten.sort_by_key(|o| o.0);
    for (number, bytes) in &rewritten {
        offsets.insert(*number, out.len());
        out.extend_from_slice(bytes);
    }
    let size = offsets.keys().last().map_or(1, |n| n + 1);
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for number in 0..size {
        let entry = match offsets.get(&number) {
            Some(offset) => format!("{offset:010} 00000 n\r\n"),
            None if number == 0 => "0000000000 65535 f\r\n".to_string(),
            None => "0000000000 00000 f\r\n".to_string(),
        };
        out.extend_from_slice(entry.as_bytes());
    }
    out.extend_from_slice(b"trailer\n");
    out.extend_from_slice(trailer);
    out.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF").as_bytes());
    Some(out)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Sorts the entries of the resource dictionaries (graphics states, XObjects,
/// patterns, shadings, fonts), which svg2pdf 0.13 writes in hash-map order.
/// The entries are lines of one form (`/gs0 8 0 R`), so sorting them keeps
/// the file's length and every cross-reference offset; stream data is left
/// alone.
fn canonical_resources(mut pdf: Vec<u8>) -> Vec<u8> {
    const KEYS: [&[u8]; 5] = [
        b"/ExtGState <<\n",
        b"/XObject <<\n",
        b"/Pattern <<\n",
        b"/Shading <<\n",
        b"/Font <<\n",
    ];
    let mut cursor = 0;
    while cursor < pdf.len() {
        // The dictionary text up to the next stream's data.
        let end = find(&pdf[cursor..], b"\nstream\n").map_or(pdf.len(), |i| cursor + i);
        for key in KEYS {
            let mut at = cursor;
            while let Some(i) = find(&pdf[at..end], key) {
                let start = at + i + key.len();
                let Some(close) = find(&pdf[start..end], b">>") else {
                    break;
                };
                // Back to the start of the line holding ">>".
                let body_end = start
                    + pdf[start..start + close]
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |j| j + 1);
                let mut lines: Vec<Vec<u8>> = pdf[start..body_end]
                    .split_inclusive(|&b| b == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect();
                lines.sort();
                pdf[start..body_end].copy_from_slice(&lines.concat());
                at = body_end;
            }
        }
        // Skip the stream's data.
        cursor = match find(&pdf[end..], b"\nendstream") {
            Some(i) => end + i + 10,
            None => pdf.len(),
        };
    }
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">\
        <rect width=\"40\" height=\"20\" fill=\"#0072B2\"/>\
        <text x=\"2\" y=\"15\" font-family=\"DejaVu Sans\" font-size=\"12\">Ab</text></svg>";

    #[test]
    fn png_has_the_size_asked_for_and_is_stable() {
        let t = Typeface::default();
        let a = png(SVG, 192.0, &t).unwrap();
        assert_eq!(&a[..8], b"\x89PNG\r\n\x1a\n");
        // IHDR width and height.
        assert_eq!(u32::from_be_bytes(a[16..20].try_into().unwrap()), 80);
        assert_eq!(u32::from_be_bytes(a[20..24].try_into().unwrap()), 40);
        // Opaque: 8-bit RGB (colour type 2); without its background, RGBA (6).
        assert_eq!((a[24], a[25]), (8, 2));
        let clear = SVG.replace("fill=\"#0072B2\"", "fill=\"none\"");
        let b = png(&clear, 96.0, &t).unwrap();
        assert_eq!((b[24], b[25]), (8, 6));
        assert!(a == png(SVG, 192.0, &t).unwrap());
    }

    #[test]
    fn pdf_has_the_figure_size_and_is_stable() {
        let t = Typeface::default();
        let bold = SVG.replace(
            "font-size=\"12\">",
            "font-size=\"12\" font-weight=\"bold\">",
        );
        let svg = SVG.replace(
            "</svg>",
            &format!(
                "{}</svg>",
                &bold[bold.find("<text").unwrap()..bold.find("</svg>").unwrap()]
            ),
        );
        let a = pdf(&svg, &t).unwrap();
        assert!(a.starts_with(b"%PDF-"));
        // 40 × 20 px at 96 px per inch is 30 × 15 points.
        let text = String::from_utf8_lossy(&a);
        assert!(text.contains("/MediaBox [0 0 30 15]"));
        // Both faces embedded as subsets, each with its map back to Unicode.
        assert_eq!(text.matches("/FontFile2").count(), 2, "{text}");
        assert_eq!(text.matches("/ToUnicode").count(), 2);
        assert!(text.contains("+DejaVuSans-Bold") && text.contains("+DejaVuSans\n"));
        for _ in 0..4 {
            assert!(a == pdf(&svg, &t).unwrap(), "the same SVG gave another PDF");
        }
    }

    #[test]
    fn resource_entries_are_sorted_outside_streams() {
        let pdf = b"1 0 obj\n<<\n  /ExtGState <<\n    /gs1 9 0 R\n    /gs0 8 0 R\n  >>\n>>\nstream\n/Font <<\nb\na\n>>\nendstream\n".to_vec();
        let sorted = canonical_resources(pdf.clone());
        assert_eq!(sorted.len(), pdf.len());
        let text = String::from_utf8(sorted).unwrap();
        assert!(text.contains("    /gs0 8 0 R\n    /gs1 9 0 R\n"), "{text}");
        assert!(
            text.contains("/Font <<\nb\na\n"),
            "stream data changed: {text}"
        );
    }

    #[test]
    fn formats_parse() {
        assert_eq!(Format::parse(" PNG").unwrap(), Format::Png);
        assert!(Format::parse("jpeg").is_err());
    }
}
