//! PNG and PDF made from the map's SVG, so every format shows the same
//! figure. Text is set in the style's fonts (the embedded DejaVu Sans by
//! default), never in whatever fonts the system has.

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
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| FormatError::Png(e.to_string()))
}

/// Converts the SVG to PDF, one page the size of the figure (1 px = 1/96
/// inch). Text is drawn as glyph outlines in the style's fonts: svg2pdf 0.13
/// writes embedded fonts in hash-map order, which would give different bytes
/// for the same map (the SVG keeps the text as text for editing).
pub fn pdf(svg: &str, typeface: &Typeface) -> Result<Vec<u8>, FormatError> {
    let tree = parse(svg, typeface)?;
    let options = svg2pdf::ConversionOptions {
        embed_text: false,
        ..svg2pdf::ConversionOptions::default()
    };
    svg2pdf::to_pdf(&tree, options, svg2pdf::PageOptions { dpi: 96.0 })
        .map(canonical_resources)
        .map_err(|e| FormatError::Pdf(e.to_string()))
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
        assert!(String::from_utf8_lossy(&a).contains("/MediaBox [0 0 30 15]"));
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
