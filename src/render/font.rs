//! Fonts and text widths from their real metrics, so that label boxes match
//! what a viewer draws with the font the SVG names. DejaVu Sans is embedded;
//! a style file may name other font files.

use std::sync::{Arc, OnceLock};

use owned_ttf_parser::{AsFaceRef, OwnedFace};

/// The family of the embedded font, which the SVG names by default.
pub const FAMILY: &str = "DejaVu Sans";

/// The embedded regular face (DejaVu Sans).
pub const REGULAR_DATA: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
/// The embedded bold face (DejaVu Sans Bold).
pub const BOLD_DATA: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// One font face, for measuring text and for handing to the rasteriser.
pub struct Font {
    face: Face,
}

enum Face {
    Embedded(Box<ttf_parser::Face<'static>>, &'static [u8]),
    Owned(OwnedFace),
}

impl Font {
    fn embedded(data: &'static [u8]) -> Font {
        let face = ttf_parser::Face::parse(data, 0).expect("embedded font is valid");
        Font {
            face: Face::Embedded(Box::new(face), data),
        }
    }

    /// A font from the bytes of a TrueType or OpenType file.
    pub fn from_bytes(data: Vec<u8>) -> Result<Font, String> {
        let face = OwnedFace::from_vec(data, 0).map_err(|e| e.to_string())?;
        Ok(Font {
            face: Face::Owned(face),
        })
    }

    fn face(&self) -> &ttf_parser::Face<'_> {
        match &self.face {
            Face::Embedded(face, _) => face,
            Face::Owned(face) => face.as_face_ref(),
        }
    }

    /// The bytes of the font file.
    pub fn data(&self) -> &[u8] {
        match &self.face {
            Face::Embedded(_, data) => data,
            Face::Owned(face) => face.as_slice(),
        }
    }

    /// The family name the font file gives itself, if any.
    pub fn family_name(&self) -> Option<String> {
        let names = self.face().names();
        names
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
            .find_map(|n| n.to_string())
    }

    fn units_per_em(&self) -> f64 {
        self.face().units_per_em() as f64
    }

    /// Width of `text` set at `size` pixels: the sum of glyph advances, with kerning.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        let face = self.face();
        let fallback = face.glyph_index('?');
        let mut units = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let glyph = face.glyph_index(c).or(fallback);
            if let Some(g) = glyph {
                units += face.glyph_hor_advance(g).unwrap_or(0) as f64;
                if let (Some(p), Some(kern)) = (previous, face.tables().kern) {
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
        units * size / self.units_per_em()
    }

    /// Height above the baseline of capital letters at `size` pixels.
    pub fn ascent(&self, size: f64) -> f64 {
        self.face()
            .capital_height()
            .map_or(0.73, |h| h as f64 / self.units_per_em())
            * size
    }

    /// Depth below the baseline of descenders at `size` pixels.
    pub fn descent(&self, size: f64) -> f64 {
        -(self.face().descender() as f64) / self.units_per_em() * size
    }
}

/// The embedded regular face.
pub fn regular() -> Arc<Font> {
    static FONT: OnceLock<Arc<Font>> = OnceLock::new();
    FONT.get_or_init(|| Arc::new(Font::embedded(REGULAR_DATA)))
        .clone()
}

/// The embedded bold face.
pub fn bold() -> Arc<Font> {
    static FONT: OnceLock<Arc<Font>> = OnceLock::new();
    FONT.get_or_init(|| Arc::new(Font::embedded(BOLD_DATA)))
        .clone()
}

/// The fonts of one figure: the family the SVG names and the faces measured
/// (and loaded into the rasteriser) for it.
#[derive(Clone)]
pub struct Typeface {
    /// Family name written into the SVG.
    pub family: String,
    /// Regular face.
    pub regular: Arc<Font>,
    /// Bold face.
    pub bold: Arc<Font>,
}

impl Default for Typeface {
    fn default() -> Self {
        Typeface {
            family: FAMILY.to_string(),
            regular: regular(),
            bold: bold(),
        }
    }
}

impl Typeface {
    /// The font-family attribute value: the family, then a generic fallback.
    pub fn css_family(&self) -> String {
        format!("{}, sans-serif", super::svg::escape(&self.family))
    }
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

    #[test]
    fn a_font_from_bytes_measures_like_the_embedded_one() {
        let owned = Font::from_bytes(REGULAR_DATA.to_vec()).unwrap();
        assert_eq!(
            owned.width("Khujand", 12.0),
            regular().width("Khujand", 12.0)
        );
        assert_eq!(owned.family_name().as_deref(), Some(FAMILY));
        assert!(Font::from_bytes(b"not a font".to_vec()).is_err());
    }
}
