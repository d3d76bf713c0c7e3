//! The look of the map: colours, fonts, sizes, palette and which layers are
//! drawn. The defaults are the figure we publish; a TOML file (`--style`)
//! changes any of them. Every key is documented in the README.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::font::{Font, Typeface};
use super::symbols::PALETTE;

/// The choropleth's default classes: the five darkest of ColorBrewer's
/// six-class Purples (sequential, colour-blind safe, apart from the types'
/// colours; the lightest still darker than land without incidents).
pub const CHOROPLETH: [&str; 5] = ["#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"];

/// Colours, as `#rgb` or `#rrggbb` (or `none` where nothing should be drawn).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Colours {
    /// Behind everything.
    pub background: String,
    /// Water.
    pub sea: String,
    /// Countries without incidents.
    pub land: String,
    /// Countries with at least one incident.
    pub land_with_incidents: String,
    /// Country borders and coastlines.
    pub borders: String,
    /// Graticule lines.
    pub graticule: String,
    /// Title, labels, legend text.
    pub text: String,
    /// Subtitle, credits, scale bar notes.
    pub muted_text: String,
    /// Country names on the map.
    pub country_names: String,
    /// The frame around the map.
    pub frame: String,
    /// Leader lines from labels and displaced markers to their places.
    pub leaders: String,
    /// The outline of filled markers.
    pub marker_outline: String,
    /// The frame of the main map drawn on the inset.
    pub inset_highlight: String,
    /// Colours of incident types, most frequent type first.
    pub palette: Vec<String>,
    /// Rivers.
    pub rivers: String,
    /// Large lakes and reservoirs.
    pub lakes: String,
    /// Boundaries between first-level divisions (provinces).
    pub provinces: String,
    /// Province names.
    pub province_names: String,
    /// Context places (capitals, larger cities) and their names.
    pub context_places: String,
    /// The choropleth's classes, lightest (fewest) first.
    pub choropleth: Vec<String>,
}

impl Default for Colours {
    fn default() -> Self {
        Colours {
            background: "#ffffff".into(),
            sea: "#d4e4ee".into(),
            land: "#ece8df".into(),
            land_with_incidents: "#ddd6c6".into(),
            borders: "#ffffff".into(),
            graticule: "#7f95a3".into(),
            text: "#222222".into(),
            muted_text: "#5c5c5c".into(),
            country_names: "#8a8174".into(),
            frame: "#8a8a8a".into(),
            leaders: "#5c5c5c".into(),
            marker_outline: "#ffffff".into(),
            inset_highlight: "#c8102e".into(),
            palette: PALETTE.iter().map(|c| c.to_string()).collect(),
            rivers: "#8fb4cc".into(),
            lakes: "#d4e4ee".into(),
            provinces: "#b3a994".into(),
            province_names: "#9c937f".into(),
            context_places: "#767676".into(),
            choropleth: CHOROPLETH.iter().map(|c| c.to_string()).collect(),
        }
    }
}

/// Font files and the family the SVG names.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Fonts {
    /// Family written into the SVG; by default the regular file's own family name.
    pub family: Option<String>,
    /// TrueType/OpenType file for regular text (relative to the style file).
    pub regular: Option<String>,
    /// File for bold text (the title, the legend heading).
    pub bold: Option<String>,
}

/// Sizes in pixels (1 px = 1/96 inch, 0.75 pt) on the output, for a figure
/// of the default width; narrower figures shrink them down to print-legible
/// sizes ([`Sizes::for_width`]).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Sizes {
    /// Space around the figure.
    pub margin: f64,
    /// Title text.
    pub title: f64,
    /// Subtitle text.
    pub subtitle: f64,
    /// Place labels.
    pub labels: f64,
    /// Country names.
    pub country_names: f64,
    /// Legend text.
    pub legend: f64,
    /// Credit line.
    pub credits: f64,
    /// Marker radius.
    pub marker: f64,
    /// Radius of the largest marker under `--size-by`.
    pub marker_max: f64,
    /// Country border width.
    pub borders: f64,
    /// Graticule line width.
    pub graticule: f64,
    /// Degrees between graticule lines; 0 chooses from the extent.
    pub graticule_step: f64,
    /// Height of the timeline panel.
    pub timeline: f64,
    /// River line width.
    pub rivers: f64,
    /// Province boundary width.
    pub provinces: f64,
    /// Province names.
    pub province_names: f64,
    /// Names of context places.
    pub context_labels: f64,
    /// Radius of a context place's dot.
    pub context_marker: f64,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            margin: 24.0,
            title: 24.0,
            subtitle: 13.0,
            labels: 12.0,
            country_names: 10.5,
            legend: 12.0,
            credits: 10.0,
            marker: 6.5,
            marker_max: 22.0,
            borders: 0.8,
            graticule: 0.5,
            graticule_step: 0.0,
            timeline: 150.0,
            rivers: 0.9,
            provinces: 0.6,
            province_names: 9.0,
            context_labels: 10.0,
            context_marker: 2.2,
        }
    }
}

/// The figure width the default sizes are made for, in pixels (317.5 mm).
pub const REFERENCE_WIDTH: f64 = 1200.0;

/// One typographic point in pixels (1 px = 1/96 inch, 1 pt = 1/72 inch).
pub const POINT: f64 = 96.0 / 72.0;

/// One millimetre in pixels.
pub const MILLIMETRE: f64 = 96.0 / 25.4;

impl Sizes {
    /// The sizes for a figure `width` pixels wide. Sizes are lengths on the
    /// output (1 px = 1/96 inch), chosen for a figure of
    /// [`REFERENCE_WIDTH`]; a narrower figure (a journal column of 180 mm is
    /// 680 px) shrinks them with its width, so that it looks like the
    /// default figure printed smaller, but never below what stays legible in
    /// print: 7 pt for labels, legend and subtitle, 10 pt for the title,
    /// 6 pt for country names and credits, markers 1.1 mm across the radius.
    pub fn for_width(&self, width: f64) -> Sizes {
        let f = (width / REFERENCE_WIDTH).clamp(0.0, 1.0);
        let at_least = |size: f64, floor: f64| (size * f).max(floor.min(size));
        Sizes {
            margin: self.margin * f,
            title: at_least(self.title, 10.0 * POINT),
            subtitle: at_least(self.subtitle, 7.0 * POINT),
            labels: at_least(self.labels, 7.0 * POINT),
            country_names: at_least(self.country_names, 6.0 * POINT),
            legend: at_least(self.legend, 7.0 * POINT),
            credits: at_least(self.credits, 6.0 * POINT),
            marker: at_least(self.marker, 1.1 * MILLIMETRE),
            marker_max: at_least(self.marker_max, 3.2 * MILLIMETRE)
                .max(at_least(self.marker, 1.1 * MILLIMETRE)),
            borders: at_least(self.borders, 0.4 * POINT),
            graticule: at_least(self.graticule, 0.25 * POINT),
            graticule_step: self.graticule_step,
            timeline: at_least(self.timeline, 25.0 * MILLIMETRE),
            rivers: at_least(self.rivers, 0.4 * POINT),
            provinces: at_least(self.provinces, 0.3 * POINT),
            province_names: at_least(self.province_names, 5.5 * POINT),
            context_labels: at_least(self.context_labels, 6.0 * POINT),
            context_marker: at_least(self.context_marker, 0.5 * MILLIMETRE),
        }
    }
}

/// Which layers are drawn. `--inset` and `--timeline` switch those two on.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Layers {
    /// Lines of latitude and longitude.
    pub graticule: bool,
    /// Country names inside their countries.
    pub country_names: bool,
    /// Place labels.
    pub labels: bool,
    /// The legend.
    pub legend: bool,
    /// The scale bar.
    pub scalebar: bool,
    /// The credit line.
    pub credits: bool,
    /// The inset locator map.
    pub inset: bool,
    /// The timeline panel.
    pub timeline: bool,
    /// Major rivers (at regional scales also the smaller major rivers).
    pub rivers: bool,
    /// Large lakes and reservoirs.
    pub lakes: bool,
    /// Boundaries between provinces, on regional maps.
    pub provinces: bool,
    /// Province names where they fit, on close-up maps.
    pub province_names: bool,
    /// Capitals and the larger cities of the extent, as small grey points.
    pub context_places: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            graticule: true,
            country_names: true,
            labels: true,
            legend: true,
            scalebar: true,
            credits: true,
            inset: false,
            timeline: false,
            rivers: true,
            lakes: true,
            provinces: true,
            province_names: true,
            context_places: true,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct StyleFile {
    colours: Colours,
    fonts: Fonts,
    sizes: Sizes,
    layers: Layers,
}

/// The whole look of a map.
#[derive(Clone, Default)]
pub struct Style {
    /// Colours and palette.
    pub colours: Colours,
    /// Sizes.
    pub sizes: Sizes,
    /// Layers switched on.
    pub layers: Layers,
    /// The fonts the figure is set in.
    pub typeface: Typeface,
}

impl std::fmt::Debug for Style {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Style")
            .field("colours", &self.colours)
            .field("sizes", &self.sizes)
            .field("layers", &self.layers)
            .field("family", &self.typeface.family)
            .finish()
    }
}

/// Why a style file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StyleError {
    /// The file could not be read.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys.
    #[error("{file}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// What the TOML parser said (with line and column).
        message: String,
    },
    /// A value is out of range.
    #[error("{file}: {message}")]
    Value {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
}

impl Style {
    /// The style as TOML: every key with its value (font files are not
    /// known once loaded, so `[fonts]` holds the family only).
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            colours: &'a Colours,
            fonts: Fonts,
            sizes: &'a Sizes,
            layers: &'a Layers,
        }
        let out = Out {
            colours: &self.colours,
            fonts: Fonts {
                family: Some(self.typeface.family.clone()),
                regular: None,
                bold: None,
            },
            sizes: &self.sizes,
            layers: &self.layers,
        };
        toml::to_string(&out).unwrap_or_default()
    }

    /// Reads a style file; font paths in it are relative to its folder.
    pub fn load(path: &Path) -> Result<Style, StyleError> {
        let file = path.display().to_string();
        let text = read_capped(path, MAX_STYLE_BYTES)
            .and_then(|bytes| String::from_utf8(bytes).map_err(std::io::Error::other))
            .map_err(|source| StyleError::Io {
                file: file.clone(),
                source,
            })?;
        Style::from_toml(&text, &file, path.parent().unwrap_or(Path::new(".")))
    }

    /// Parses a style from TOML text; `name` is used in messages and font
    /// paths are taken relative to `base`.
    pub fn from_toml(text: &str, name: &str, base: &Path) -> Result<Style, StyleError> {
        let parsed: StyleFile = toml::from_str(text).map_err(|e| StyleError::Syntax {
            file: name.to_string(),
            message: e.to_string().trim_end().to_string(),
        })?;
        let value = |message: String| StyleError::Value {
            file: name.to_string(),
            message,
        };
        check_colours(&parsed.colours).map_err(value)?;
        check_sizes(&parsed.sizes).map_err(value)?;
        let typeface = load_fonts(&parsed.fonts, base).map_err(value)?;
        Ok(Style {
            colours: parsed.colours,
            sizes: parsed.sizes,
            layers: parsed.layers,
            typeface,
        })
    }

    /// The style for a figure `width` pixels wide: its sizes shrunk to the
    /// width, down to print-legible sizes ([`Sizes::for_width`]).
    pub fn for_width(&self, width: f64) -> Style {
        Style {
            sizes: self.sizes.for_width(width),
            ..self.clone()
        }
    }

    /// The colour of the type at `rank` in the legend.
    pub fn type_colour(&self, rank: usize) -> &str {
        let palette = &self.colours.palette;
        &palette[rank % palette.len()]
    }
}

/// Whether `text` is a colour we write into SVG attributes as is.
fn is_colour(text: &str) -> bool {
    if text == "none" {
        return true;
    }
    match text.strip_prefix('#') {
        Some(hex) => matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()),
        None => false,
    }
}

fn check_colours(c: &Colours) -> Result<(), String> {
    let named = [
        ("background", &c.background),
        ("sea", &c.sea),
        ("land", &c.land),
        ("land_with_incidents", &c.land_with_incidents),
        ("borders", &c.borders),
        ("graticule", &c.graticule),
        ("text", &c.text),
        ("muted_text", &c.muted_text),
        ("country_names", &c.country_names),
        ("frame", &c.frame),
        ("leaders", &c.leaders),
        ("marker_outline", &c.marker_outline),
        ("inset_highlight", &c.inset_highlight),
        ("rivers", &c.rivers),
        ("lakes", &c.lakes),
        ("provinces", &c.provinces),
        ("province_names", &c.province_names),
        ("context_places", &c.context_places),
    ];
    for (key, value) in named {
        if !is_colour(value) {
            return Err(format!(
                "colours.{key} = \"{value}\" is not a colour; write #rgb, #rrggbb or none"
            ));
        }
    }
    if c.choropleth.len() < 2 {
        return Err("colours.choropleth needs at least two colours".into());
    }
    for (i, value) in c.choropleth.iter().enumerate() {
        if !is_colour(value) || value == "none" {
            return Err(format!(
                "colours.choropleth[{i}] = \"{value}\" is not a colour; write #rgb or #rrggbb"
            ));
        }
    }
    if c.palette.is_empty() {
        return Err("colours.palette is empty".into());
    }
    for (i, value) in c.palette.iter().enumerate() {
        if !is_colour(value) || value == "none" {
            return Err(format!(
                "colours.palette[{i}] = \"{value}\" is not a colour; write #rgb or #rrggbb"
            ));
        }
    }
    Ok(())
}

/// The finest graticule a style may ask for, in degrees. The renderer also
/// widens any step that would draw more than [`MOST_GRATICULE_LINES`] lines
/// across the map's extent.
pub const MIN_GRATICULE_STEP: f64 = 0.1;

/// The most meridians (or parallels) a graticule draws; a finer step is
/// widened to this many lines, with a note.
pub const MOST_GRATICULE_LINES: f64 = 360.0;

fn check_sizes(s: &Sizes) -> Result<(), String> {
    let positive = [
        ("title", s.title),
        ("subtitle", s.subtitle),
        ("labels", s.labels),
        ("country_names", s.country_names),
        ("legend", s.legend),
        ("credits", s.credits),
        ("marker", s.marker),
        ("marker_max", s.marker_max),
        ("timeline", s.timeline),
        ("province_names", s.province_names),
        ("context_labels", s.context_labels),
    ];
    let non_negative = [
        ("margin", s.margin),
        ("borders", s.borders),
        ("graticule", s.graticule),
        ("rivers", s.rivers),
        ("provinces", s.provinces),
        ("context_marker", s.context_marker),
    ];
    for (key, v) in positive {
        if !(v.is_finite() && v > 0.0 && v < 1000.0) {
            return Err(format!("sizes.{key} = {v} must be above 0 and below 1000"));
        }
    }
    for (key, v) in non_negative {
        if !(v.is_finite() && (0.0..1000.0).contains(&v)) {
            return Err(format!(
                "sizes.{key} = {v} must be 0 or more and below 1000"
            ));
        }
    }
    let step = s.graticule_step;
    if !(step == 0.0 || (MIN_GRATICULE_STEP..=90.0).contains(&step)) {
        return Err(format!(
            "sizes.graticule_step = {step} must be 0 (chosen from the extent) or from \
             {MIN_GRATICULE_STEP} to 90 degrees"
        ));
    }
    if s.marker_max < s.marker {
        return Err(format!(
            "sizes.marker_max = {} is smaller than sizes.marker = {}",
            s.marker_max, s.marker
        ));
    }
    Ok(())
}

/// A family name as the SVG and the timeline's writer take it as is:
/// cleaned of controls and of what XML cannot carry ([`crate::text::clean`]),
/// and without markup characters.
fn family_text(name: &str) -> String {
    crate::text::clean(name).replace(NOT_IN_FAMILY, "")
}

/// Characters no family name has, which could end an attribute or a rule.
const NOT_IN_FAMILY: [char; 6] = ['"', '\'', '<', '>', '&', ';'];

/// The largest style file read.
pub const MAX_STYLE_BYTES: u64 = 1 << 20;

/// The largest font file read (large CJK fonts are about 20 MB).
pub const MAX_FONT_BYTES: u64 = 64 << 20;

/// Reads a regular file of at most `limit` bytes; anything else (a device
/// such as `/dev/zero`, a pipe, a folder, a larger file) is refused before
/// more than `limit` bytes are read.
fn read_capped(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, Read};
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Error::other("not a regular file"));
    }
    let too_big = || Error::other(format!("larger than {} MB", limit >> 20));
    if meta.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

fn load_fonts(fonts: &Fonts, base: &Path) -> Result<Typeface, String> {
    let mut typeface = Typeface::default();
    let load = |file: &str| -> Result<Arc<Font>, String> {
        let path = base.join(file);
        let bytes = read_capped(&path, MAX_FONT_BYTES)
            .map_err(|e| format!("font {}: {e}", path.display()))?;
        Font::from_bytes(bytes)
            .map(Arc::new)
            .map_err(|e| format!("font {}: {e}", path.display()))
    };
    if let Some(file) = &fonts.regular {
        typeface.regular = load(file)?;
        typeface.bold = typeface.regular.clone();
        typeface.family = typeface
            .regular
            .family_name()
            .map(|name| family_text(&name))
            .filter(|name| !name.is_empty())
            .ok_or_else(|| format!("font {file} has no family name; set fonts.family"))?;
    }
    if let Some(file) = &fonts.bold {
        typeface.bold = load(file)?;
    }
    if let Some(family) = &fonts.family {
        if crate::text::clean(family).contains(NOT_IN_FAMILY) {
            return Err(format!(
                "fonts.family = {family:?} holds a character that no family name has (\" ' < > & ;)"
            ));
        }
        let clean = family_text(family);
        if clean.is_empty() {
            return Err("fonts.family is empty".into());
        }
        typeface.family = clean;
    }
    Ok(typeface)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Style, StyleError> {
        Style::from_toml(text, "style.toml", Path::new("."))
    }

    #[test]
    fn an_empty_file_gives_the_defaults() {
        let style = parse("").unwrap();
        assert_eq!(style.colours, Colours::default());
        assert_eq!(style.sizes, Sizes::default());
        assert_eq!(style.layers, Layers::default());
        assert_eq!(style.typeface.family, "DejaVu Sans");
    }

    #[test]
    fn keys_override_defaults() {
        let style = parse(
            "[colours]\nsea = \"#abc\"\npalette = [\"#111111\", \"#222222\"]\n\
             [sizes]\nlabels = 10\n[layers]\ngraticule = false\ninset = true\n",
        )
        .unwrap();
        assert_eq!(style.colours.sea, "#abc");
        assert_eq!(style.type_colour(3), "#222222");
        assert_eq!(style.sizes.labels, 10.0);
        assert_eq!(style.sizes.title, 24.0);
        assert!(!style.layers.graticule && style.layers.inset);
    }

    #[test]
    fn bad_values_are_errors_that_name_the_key() {
        let e = parse("[colours]\nsea = \"blue\\\" onload=\\\"x\"\n").unwrap_err();
        assert!(e.to_string().contains("colours.sea"), "{e}");
        let e = parse("[sizes]\nlabels = -1\n").unwrap_err();
        assert!(e.to_string().contains("sizes.labels"), "{e}");
        let e = parse("[layers]\ngraticle = true\n").unwrap_err();
        assert!(e.to_string().contains("graticle"), "{e}");
        let e = parse("[colours]\npalette = []\n").unwrap_err();
        assert!(e.to_string().contains("palette"), "{e}");
        let e = parse("[fonts]\nregular = \"no-such-font.ttf\"\n").unwrap_err();
        assert!(e.to_string().contains("no-such-font.ttf"), "{e}");
    }
}
