//! The map: projection, extent, basemap, symbols, labels, legend, scale bar,
//! inset, timeline, title and credits, written as a layered SVG that Inkscape
//! and Illustrator open as named layers. PNG and PDF are made from that SVG
//! ([`formats`]).

pub mod aggregate;
pub mod basemap;
pub mod choropleth;
mod facet;
pub mod font;
pub mod formats;
pub mod frame;
pub mod inset;
pub mod labels;
pub mod land;
mod layers;
pub mod legend;
mod page;
mod plan;
pub mod projection;
pub mod reference;
pub mod rows;
mod sites;
pub mod style;
pub mod svg;
pub mod symbols;
pub mod timeline;
pub mod zoom;

use crate::geocode::Geocoded;
pub use facet::Facet;
pub use formats::Format;
use labels::{AreaLabel, PlacedLabel, Rect};
use layers::background::Background;
use layers::{Layer, foot};
use plan::Plan;
pub use rows::{MapRow, MapRows};
pub use style::Style;
use svg::Svg;

/// What marker size stands for under `--size-by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeBy {
    /// The number killed.
    Fatalities,
    /// The number wounded.
    Injuries,
    /// The number of incidents a marker stands for (aggregated maps).
    Count,
}

impl SizeBy {
    /// Parses `fatalities` or `injuries`.
    pub fn parse(text: &str) -> Result<SizeBy, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "fatalities" | "killed" => Ok(SizeBy::Fatalities),
            "injuries" | "wounded" => Ok(SizeBy::Injuries),
            other => Err(format!(
                "cannot size markers by `{other}`; use fatalities or injuries"
            )),
        }
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            SizeBy::Fatalities => "Fatalities",
            SizeBy::Injuries => "Injuries",
            SizeBy::Count => "Incidents",
        }
    }

    pub(crate) fn value(self, incident: &MapRow) -> Option<u32> {
        match self {
            SizeBy::Fatalities => incident.fatalities,
            SizeBy::Injuries => incident.injuries,
            SizeBy::Count => None,
        }
    }
}

/// Parses a figure dimension into pixels (1 px = 1/96 inch): `1200`,
/// `1200px`, `180mm`, `18cm` or `7in`.
pub fn parse_length(text: &str) -> Result<f64, String> {
    let t = text.trim().to_ascii_lowercase();
    let (number, per_unit) = [
        ("px", 1.0),
        ("mm", 96.0 / 25.4),
        ("cm", 96.0 / 2.54),
        ("in", 96.0),
    ]
    .into_iter()
    .find_map(|(unit, f)| t.strip_suffix(unit).map(|n| (n.trim().to_string(), f)))
    .unwrap_or((t.clone(), 1.0));
    let v: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a length; write e.g. 1200, 1200px or 180mm"))?;
    let px = v * per_unit;
    if !(200.0..=20_000.0).contains(&px) {
        return Err(format!(
            "`{text}` is {px:.0} px; use between 200 and 20000 px (53 to 5292 mm)"
        ));
    }
    Ok(px)
}

/// What the map should say, how big it is and how it looks.
#[derive(Clone, Debug)]
pub struct MapOptions {
    /// Title; by default "Incidents" with the span of years.
    pub title: Option<String>,
    /// Subtitle; by default the number of incidents, places and the dates.
    pub subtitle: Option<String>,
    /// Who collected the data, for the credit line.
    pub source: Option<String>,
    /// Width of the figure in pixels.
    pub width: f64,
    /// Height of the figure in pixels; by default what the extent needs.
    pub height: Option<f64>,
    /// A projection name (`lcc`, `albers`, `equalearth`, `robinson`,
    /// `mercator`...) or a PROJ string, instead of the automatic choice.
    pub projection: Option<String>,
    /// Scale marker area with a number.
    pub size_by: Option<SizeBy>,
    /// Draw the timeline panel (also on when the style's layers say so).
    pub timeline: bool,
    /// Draw the inset locator map (also on when the style's layers say so).
    pub inset: bool,
    /// Add a zoom inset where labels cannot fit in a cluster.
    pub zoom: zoom::Zoom,
    /// Markers per incident, or counts per cluster or grid cell for large inputs.
    pub aggregate: aggregate::Aggregate,
    /// Most types the legend lists (at least 2): past it, the rarest types
    /// share one entry, "Other types", with its shape and colour.
    pub max_types: usize,
    /// Shade provinces or countries by their incidents.
    pub choropleth: Option<choropleth::Choropleth>,
    /// Small multiples: a grid of maps, one per year or per type.
    pub facet: Option<Facet>,
    /// Colours, fonts, sizes, layers.
    pub style: Style,
}

/// Most types a map shows apart by default: the palette's eight colours.
pub const DEFAULT_MAX_TYPES: u16 = 8;

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            title: None,
            subtitle: None,
            source: None,
            width: 1200.0,
            height: None,
            projection: None,
            size_by: None,
            timeline: false,
            inset: false,
            zoom: zoom::Zoom::Auto,
            aggregate: aggregate::Aggregate::Auto,
            max_types: usize::from(DEFAULT_MAX_TYPES),
            choropleth: None,
            facet: None,
            style: Style::default(),
        }
    }
}

/// A marker as drawn: which row, where, how big.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedMarker {
    /// Input line of the incident (the first, for a crowded place's pie).
    pub line: u64,
    /// Input lines of every incident the marker stands for.
    pub lines: Vec<u64>,
    /// Where the marker is drawn.
    pub centre: (f64, f64),
    /// Where the incident really is (the marker may be displaced to stay visible).
    pub anchor: (f64, f64),
    /// Marker radius: the marker's area is that of a circle of this radius.
    pub radius: f64,
    /// How far the marker's shape reaches from its centre (at least `radius`).
    pub extent: f64,
    /// Rank of the incident's type in the legend.
    pub type_rank: usize,
    /// Drawn hollow: located to a province or country only.
    pub hollow: bool,
    /// The number its size shows is not reported: drawn smallest, with a
    /// dashed outline ("n/a" in the size key).
    pub unreported: bool,
}

impl PlacedMarker {
    /// Whether the marker was moved off its place to stay visible.
    pub fn displaced(&self) -> bool {
        let (dx, dy) = (self.centre.0 - self.anchor.0, self.centre.1 - self.anchor.1);
        (dx * dx + dy * dy).sqrt() > self.radius * 0.9
    }

    /// The box the marker covers, with its outline.
    pub fn bbox(&self) -> Rect {
        Rect::around(self.centre.0, self.centre.1, self.extent + 1.0)
    }
}

/// Where everything went, for checking the figure without parsing it.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Figure width in pixels.
    pub width: f64,
    /// Figure height in pixels.
    pub height: f64,
    /// The map frame.
    pub frame: Rect,
    /// Whether the frame shows the whole globe (world maps).
    pub globe: bool,
    /// Every located incident's marker.
    pub markers: Vec<PlacedMarker>,
    /// Every place label drawn.
    pub labels: Vec<PlacedLabel>,
    /// Every country name drawn.
    pub country_labels: Vec<AreaLabel>,
    /// The names of the context places drawn.
    pub context_labels: Vec<PlacedLabel>,
    /// Every province name drawn.
    pub province_labels: Vec<AreaLabel>,
    /// The legend box.
    pub legend: Option<Rect>,
    /// The scale bar box.
    pub scale_bar: Option<Rect>,
    /// The inset locator map box.
    pub inset: Option<Rect>,
    /// The timeline panel.
    pub timeline: Option<Rect>,
    /// The choropleth's key.
    pub choropleth_key: Option<Rect>,
    /// On a faceted figure, each panel's own layout (the figure's holds
    /// them all: every marker and label, the frame around the grid).
    pub panels: Vec<PanelLayout>,
    /// The zoom inset, when the map has one.
    pub zoom: Option<zoom::ZoomLayout>,
}

/// One panel of a faceted figure.
#[derive(Clone, Debug)]
pub struct PanelLayout {
    /// Its title ("2022 — 14 incidents").
    pub title: String,
    /// What it shows: the year, or the type.
    pub name: String,
    /// How many incidents it shows.
    pub incidents: usize,
    /// The id of its Inkscape layer.
    pub id: String,
    /// Where its frame, markers and labels went.
    pub layout: Layout,
}

impl Layout {
    /// The boxes drawn over the map (legend, scale bar, inset, the
    /// choropleth's key, the zoom inset's panel).
    pub fn reserved(&self) -> Vec<Rect> {
        [
            self.legend,
            self.scale_bar,
            self.inset,
            self.choropleth_key,
            self.zoom.as_ref().map(|z| z.panel),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// A rendered map.
#[derive(Clone, Debug)]
pub struct Map {
    /// The SVG document.
    pub svg: String,
    /// Where everything was placed.
    pub layout: Layout,
    /// Things the reader of the figure should know (labels left out, etc.).
    pub notes: Vec<String>,
    /// The projection used, as a PROJ string.
    pub projection: String,
    /// Each incident type's symbol, in legend order (for a QGIS style that
    /// draws the layer as the map does).
    pub types: Vec<symbols::TypeSymbol>,
    /// What marker area shows under `--size-by`, and the scale (`None`
    /// without it, and on aggregated maps, whose markers are not incidents).
    pub size_scale: Option<(SizeBy, symbols::SizeScale)>,
}

/// Why no map could be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No row has a location.
    #[error("no row could be located, so there is nothing to map")]
    NothingToMap,
    /// The projection given could not be used.
    #[error("{0}")]
    Projection(String),
    /// The figure is too small for what it must hold.
    #[error("{0}")]
    Size(String),
    /// The timeline could not be drawn.
    #[error("timeline: {0}")]
    Timeline(String),
    /// The small multiples cannot be drawn.
    #[error("{0}")]
    Facet(String),
}

/// Renders the located rows of `geocoded` as an SVG map.
pub fn render(geocoded: &Geocoded, options: &MapOptions) -> Result<Map, RenderError> {
    render_rows(&geocoded.rows.iter().collect(), options)
}

/// Renders the rows kept in `all` as an SVG map: what [`render`] does, for
/// rows gathered as they streamed past.
///
/// The plan (projection, page, frame, markers) is decided once; then the
/// layers are placed by importance, each keeping clear of what the ones
/// before it took, and drawn from the bottom up.
pub fn render_rows(all: &MapRows, options: &MapOptions) -> Result<Map, RenderError> {
    if all.is_empty() {
        return Err(RenderError::NothingToMap);
    }
    if let Some(facet) = options.facet {
        return facet::render(all, facet, options);
    }
    // Sizes for the figure's width (a journal column shrinks them, legibly).
    let options = &MapOptions {
        style: options.style.for_width(options.width),
        ..options.clone()
    };
    let mut notes: Vec<String> = Vec::new();
    let reduced = plan::reduce(all, options)?;
    let tally = options.choropleth.map(|c| {
        let most = options.style.colours.choropleth.len();
        choropleth::Tally::count(all, c, most)
    });
    if let Some(t) = &tally {
        notes.extend(t.notes());
    }
    let plan = Plan::new(
        all,
        reduced.as_ref(),
        tally.as_ref(),
        options,
        None,
        &mut notes,
    )?;
    let mut svg = Svg::new(options.width, &plan.header.title);
    Background.draw(&mut svg, &plan);
    let drawn = layers::draw_map(&plan, &mut svg, &mut notes);
    let credits = if drawn.rivers {
        page::credit_lines(
            options.source.as_deref(),
            &drawn.credits(),
            &options.style,
            plan.width,
        )
    } else {
        plan.credit_lines.clone()
    };
    let mut unplaced = drawn.place_labels.unplaced.clone();
    if let Some(z) = &drawn.zoom {
        unplaced.extend(z.unplaced.iter().cloned());
        notes.push(format!(
            "{} places of a crowded area are named in a zoom inset ({:.1}× larger)",
            z.groups.len(),
            z.layout.factor
        ));
    }
    let foot = foot::draw(&mut svg, &plan, &credits, &unplaced, &mut notes)?;
    notes.extend(unseen_note(all));
    Ok(Map {
        svg: svg.finish_with_height(foot.height),
        layout: drawn.layout(&plan, foot.height, foot.timeline),
        notes,
        projection: plan.projection.definition().to_string(),
        types: plan.type_symbols.clone(),
        size_scale: plan.sites.size_scale.filter(|(by, _)| *by != SizeBy::Count),
    })
}

/// "3 of 40 rows are not on the map", when rows were left out.
fn unseen_note(all: &MapRows) -> Option<String> {
    (all.len() < all.seen()).then(|| {
        format!(
            "{} of {} rows are not on the map (see the report)",
            all.seen() - all.len(),
            all.seen()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_in_px_mm_and_inches() {
        assert_eq!(parse_length("1200").unwrap(), 1200.0);
        assert_eq!(parse_length("800px").unwrap(), 800.0);
        assert!((parse_length("180mm").unwrap() - 680.315).abs() < 0.01);
        assert!((parse_length("7 in").unwrap() - 672.0).abs() < 1e-9);
        assert!(parse_length("wide").is_err());
        assert!(parse_length("10").is_err());
    }
}
