//! The embedded font (DejaVu Sans) and text widths from its real metrics, so
//! that label boxes match what a viewer draws with the font the SVG names.

use std::sync::OnceLock;

/// The font family the SVG names; the same font is embedded for measuring.
pub const FAMILY: &str = "DejaVu Sans";

const REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// One embedded font face, for measuring text.
pub struct Font {
    face: ttf_parser::Face<'static>,
    units_per_em: f64,
}

impl Font {
    fn load(data: &'static [u8]) -> Font {
        let face = ttf_parser::Face::parse(data, 0).expect("embedded font is valid");
        Font {
            units_per_em: face.units_per_em() as f64,
            face,
        }
    }

    /// Width of `text` set at `size` pixels: the sum of glyph advances, with kerning.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        let fallback = self.face.glyph_index('?');
        let mut units = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let glyph = self.face.glyph_index(c).or(fallback);
            if let Some(g) = glyph {
                units += self.face.glyph_hor_advance(g).unwrap_or(0) as f64;
                if let (Some(p), Some(kern)) = (previous, self.face.tables().kern) {
                    for sub in kern.subtables {
                        if sub.horizontal
                            && let Some(k) = sub.glyphs_kerning(p, g)
                        {
                            units += k as f64;
                            break;
                        }
                    }
                }
            }
            previous = glyph;
        }
        units * size / self.units_per_em
    }

    /// Height above the baseline of capital letters at `size` pixels.
    pub fn ascent(&self, size: f64) -> f64 {
        self.face
            .capital_height()
            .map_or(0.73, |h| h as f64 / self.units_per_em)
            * size
    }

    /// Depth below the baseline of descenders at `size` pixels.
    pub fn descent(&self, size: f64) -> f64 {
        -(self.face.descender() as f64) / self.units_per_em * size
    }
}

/// The regular face.
pub fn regular() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| Font::load(REGULAR))
}

/// The bold face.
pub fn bold() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| Font::load(BOLD))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let f = regular();
        let w = f.width("Danghara", 12.0);
        assert!(w > 40.0 && w < 70.0, "{w}");
        assert!(f.width("Danghara", 24.0) > 1.9 * w);
        assert!(bold().width("Danghara", 12.0) > w);
        assert!(f.width("Куляб", 12.0) > 20.0);
    }
}
