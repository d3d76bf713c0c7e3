//! The map: projection, extent, basemap, symbols, labels, legend, scale bar,
//! inset, timeline, title and credits, written as a layered SVG that Inkscape
//! and Illustrator open as named layers. PNG and PDF are made from that SVG
//! ([`formats`]).

pub mod aggregate;
pub mod basemap;
pub mod font;
pub mod formats;
pub mod frame;
pub mod inset;
pub mod labels;
pub mod land;
pub mod legend;
mod page;
pub mod projection;
pub mod rows;
mod sites;
pub mod style;
pub mod svg;
pub mod symbols;
pub mod timeline;

use geo::Contains;

use crate::geocode::Geocoded;
pub use formats::Format;
use frame::MetreBox;
use labels::{AreaLabel, PlacedLabel, Rect, Segment};
use land::{LandShape, Projector};
use page::{Fitting, Header, Plan};
use projection::{GeoBox, Projection};
pub use rows::{MapRow, MapRows};
use sites::Sites;
pub use style::Style;
use svg::{Svg, num};

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
    /// Markers per incident, or counts per cluster or grid cell for large inputs.
    pub aggregate: aggregate::Aggregate,
    /// Most types the legend lists (at least 2): past it, the rarest types
    /// share one entry, "Other types", with its shape and colour.
    pub max_types: usize,
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
            aggregate: aggregate::Aggregate::Auto,
            max_types: usize::from(DEFAULT_MAX_TYPES),
            style: Style::default(),
        }
    }
}

/// A marker as drawn: which row, where, how big.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedMarker {
    /// Input line of the incident.
    pub line: u64,
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
    /// The legend box.
    pub legend: Option<Rect>,
    /// The scale bar box.
    pub scale_bar: Option<Rect>,
    /// The inset locator map box.
    pub inset: Option<Rect>,
    /// The timeline panel.
    pub timeline: Option<Rect>,
}

impl Layout {
    /// The boxes drawn over the map (legend, scale bar, inset).
    pub fn reserved(&self) -> Vec<Rect> {
        [self.legend, self.scale_bar, self.inset]
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
}

/// Renders the located rows of `geocoded` as an SVG map.
pub fn render(geocoded: &Geocoded, options: &MapOptions) -> Result<Map, RenderError> {
    render_rows(&geocoded.rows.iter().collect(), options)
}

/// Renders the rows kept in `all` as an SVG map: what [`render`] does, for
/// rows gathered as they streamed past.
pub fn render_rows(all: &MapRows, options: &MapOptions) -> Result<Map, RenderError> {
    let style = &options.style;
    let sizes = &style.sizes;
    if all.is_empty() {
        return Err(RenderError::NothingToMap);
    }
    let mut notes: Vec<String> = Vec::new();
    // Many incidents become counts per cluster or cell, drawn as markers
    // whose area shows the count.
    let mode = options.aggregate.resolve(all.len());
    let reduced = match mode {
        aggregate::Aggregate::None | aggregate::Aggregate::Auto => None,
        mode => Some(aggregate::reduce(all, mode, options.projection.as_deref())?),
    };
    let (located, weights, size_by) = match &reduced {
        Some(r) => {
            if options.size_by.is_some() {
                notes.push("marker sizes show incident counts on an aggregated map".into());
            }
            notes.push(r.note.clone());
            (&r.rows, r.weights.clone(), Some(SizeBy::Count))
        }
        None => (all, vec![1; all.len()], options.size_by),
    };
    let totals = reduced.as_ref().map(|r| r.totals.as_slice());
    let sites = Sites::new(located, &weights, totals, size_by, options, &mut notes);
    // On an aggregated map each marker is a pie of its types.
    let pies: Option<Vec<Vec<(usize, usize)>>> = reduced.as_ref().map(|r| {
        r.shares
            .iter()
            .map(|share| {
                share
                    .iter()
                    .map(|(name, n)| (sites.rank_of(name), *n))
                    .collect()
            })
            .collect()
    });
    let extent = GeoBox::around(sites.lonlat.iter().copied()).ok_or(RenderError::NothingToMap)?;
    let projection = match &options.projection {
        Some(choice) => Projection::from_choice(choice, extent).map_err(RenderError::Projection)?,
        None => Projection::for_extent(extent),
    };
    let metres = sites.project(&projection)?;

    // From the top: title block, map frame, timeline, credits.
    let margin = sizes.margin;
    let width = options.width - 2.0 * margin;
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| page::default_title(all));
    let header = Header::new(title, style, width);
    let bars = if options.timeline || style.layers.timeline {
        let ranks = sites.ranks_of_kinds(all);
        let events = all
            .dates_and_kinds()
            .map(|(date, kind)| (date, ranks[kind]));
        let bars = timeline::Bars::count(events, sites.types.len());
        if bars.is_none() {
            notes.push("no incident has a date, so there is no timeline".into());
        }
        bars
    } else {
        None
    };
    // A fixed-size figure gives the timeline at most a quarter of its height.
    let timeline_px = match options.height {
        Some(h) => sizes.timeline.min((h - header.bottom) * 0.25),
        None => sizes.timeline,
    };
    let credit_lines = page::credit_lines(options.source.as_deref(), style, width);
    let line_step = sizes.credits * 1.45;
    // One line more for the list of labels left out, when there is one.
    let credits_height = 8.0 + (credit_lines.len() + 1) as f64 * line_step;
    let bottom = bars.as_ref().map_or(0.0, |_| timeline_px + 12.0) + credits_height + margin * 0.5;
    let frame_height = match options.height {
        Some(h) if h - header.bottom - bottom < 120.0 => {
            return Err(RenderError::Size(format!(
                "a figure {h:.0} px tall leaves {:.0} px for the map; make it taller",
                h - header.bottom - bottom
            )));
        }
        Some(h) => Some(h - header.bottom - bottom),
        None => None,
    };

    let (area, globe) = map_area(&metres, &projection, frame_height.is_none())?;
    let inset = (options.inset || style.layers.inset) && !globe;
    if (options.inset || style.layers.inset) && globe {
        notes.push("no inset on a world map".into());
    }
    let type_symbols = sites.type_symbols(style);
    let mut legend = sites.legend(style);
    if reduced.is_some() {
        // Pies show types by colour alone.
        for entry in &mut legend.types {
            entry.1 = symbols::Shape::Circle;
        }
    }
    let mut plan = Plan::new(legend, style, width, frame_height, options.height, &area)?;
    let fitting = Fitting {
        sites: &sites,
        metres: &metres,
        projection: &projection,
        globe,
        inset,
        origin: (margin, header.bottom),
        style,
    };
    let fitted = page::fit(&fitting, &mut plan, area, &mut notes)?;
    let frame = fitted.frame;
    let r = frame.rect;
    let markers = sites.markers(&fitted.anchors, &fitted.centres);
    let marker_boxes: Vec<Rect> = markers.iter().map(PlacedMarker::bbox).collect();
    let reserved: Vec<Rect> = [
        fitted.legend,
        fitted.scale.as_ref().map(|s| s.1),
        fitted.inset,
    ]
    .into_iter()
    .flatten()
    .collect();

    // Place labels, then the basemap, then country names clear of both.
    let (placed, unplaced) = if style.layers.labels {
        let mut requests = sites.label_requests(&marker_boxes);
        if reduced.is_some() {
            requests.truncate(aggregate::LABELLED);
        }
        let font = &style.typeface.regular;
        labels::place(&requests, &marker_boxes, &reserved, r, font, sizes.labels)
    } else {
        (Vec::new(), Vec::new())
    };
    let projector = Projector {
        projection: &projection,
        frame: &frame,
    };
    let bounds = frame.relative_bounds(&projection);
    // 1:10m when a pixel is under 2 km.
    let detail = if 1.0 / (frame.scale * 1000.0) < 2.0 {
        basemap::Detail::Fine
    } else {
        basemap::Detail::Medium
    };
    let countries = land::countries(detail, &projector, bounds, r.inflate(2.0), 0.25);
    // World projections show the globe's outline wherever the frame reaches
    // it; the frame is drawn along the same shape.
    let sea = land::globe(&projector, r);
    let country_labels = if style.layers.country_names {
        let mut blocked: Vec<Rect> = marker_boxes.iter().map(|b| b.inflate(2.0)).collect();
        blocked.extend(placed.iter().map(|l| l.bbox.inflate(2.0)));
        blocked.extend(&reserved);
        let mut segments: Vec<Segment> = markers
            .iter()
            .filter(|m| m.displaced())
            .map(|m| (m.anchor, m.centre))
            .collect();
        segments.extend(placed.iter().filter_map(|l| l.leader));
        name_countries(&countries, &blocked, &segments, r, style)
    } else {
        Vec::new()
    };

    // The document, layer by layer.
    let mut svg = Svg::new(options.width, &header.title);
    svg.element(&format!(
        "<rect id=\"background\" width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        style.colours.background
    ));
    draw_basemap(
        &mut svg,
        &countries,
        sea.as_ref(),
        r,
        &shaded_countries(located, &countries),
        style,
    );
    if style.layers.graticule {
        draw_graticule(
            &mut svg,
            &projector,
            bounds,
            sea.as_ref(),
            style,
            &mut notes,
        );
    }
    let frame_attrs = format!(
        "fill=\"none\" stroke=\"{}\" stroke-width=\"0.75\"",
        style.colours.frame
    );
    draw_frame_shape(&mut svg, "frame", &frame_attrs, sea.as_ref(), r);
    sites::draw_incidents(
        &mut svg,
        &markers,
        sites.located,
        &sites.groups,
        pies.as_deref(),
        style,
    );
    draw_labels(&mut svg, &placed, &country_labels, style);
    if let Some(b) = fitted.legend {
        plan.legend.draw(&mut svg, b, style);
    }
    if let Some(((ppk, km, text), b)) = &fitted.scale {
        legend::draw_scale_bar(&mut svg, *b, *ppk, *km, text, style);
    }
    if let Some(b) = fitted.inset {
        inset::draw(&mut svg, b, &projector, style);
    }
    let subtitle = options.subtitle.clone().unwrap_or_else(|| {
        page::default_subtitle(
            all,
            reduced.as_ref().map_or(sites.groups.len(), |r| r.places),
        )
    });
    header.draw(&mut svg, r.x0, &subtitle, style);

    let mut y = fitted.legend.map_or(r.y1, |b| b.y1.max(r.y1));
    let timeline_box = match &bars {
        Some(bars) => {
            let b = Rect::new(r.x0, y + 12.0, width, timeline_px);
            let note = timeline::draw(&mut svg, b, bars, style).map_err(RenderError::Timeline)?;
            notes.extend(note);
            y = b.y1;
            Some(b)
        }
        None => None,
    };
    notes.extend(
        unplaced
            .iter()
            .map(|t| format!("label `{t}` left out: no free space next to its markers")),
    );
    if style.layers.credits {
        let mut lines = credit_lines;
        if !unplaced.is_empty() {
            let note = format!("Not labelled for lack of room: {}.", unplaced.join(", "));
            let font = &style.typeface.regular;
            lines.extend(page::wrap_text(&note, font, sizes.credits, width));
        }
        y = page::draw_credits(&mut svg, r.x0, y, &lines, style);
    }
    let height = match options.height {
        Some(h) => h,
        None => (y + line_step + margin * 0.5).max(r.y1 + credits_height),
    };
    if all.len() < all.seen() {
        notes.push(format!(
            "{} of {} rows are not on the map (see the report)",
            all.seen() - all.len(),
            all.seen()
        ));
    }

    let size_scale = sites.size_scale.filter(|(by, _)| *by != SizeBy::Count);
    Ok(Map {
        types: type_symbols,
        size_scale,
        svg: svg.finish_with_height(height),
        layout: Layout {
            width: options.width,
            height,
            frame: r,
            globe,
            markers,
            labels: placed,
            country_labels,
            legend: fitted.legend,
            scale_bar: fitted.scale.map(|s| s.1),
            inset: fitted.inset,
            timeline: timeline_box,
        },
        notes,
        projection: projection.definition().to_string(),
    })
}

/// The area to show, in metres: the incidents with room around them (shaped
/// between 0.55 and 0.9 tall per wide when the height is free), or, on a
/// world projection, the whole globe when they spread over most of it.
/// Returns the area and whether it is the globe.
fn map_area(
    metres: &[(f64, f64)],
    projection: &Projection,
    free_height: bool,
) -> Result<(MetreBox, bool), RenderError> {
    let mut area = MetreBox::around(metres)
        .ok_or(RenderError::NothingToMap)?
        .padded();
    if free_height {
        area = area.with_aspect((0.55, 0.9));
    }
    let globe = projection.world_outline().and_then(|outline| {
        let points: Vec<(f64, f64)> = outline
            .iter()
            .filter_map(|&(rel, lat)| projection.forward_relative(rel, lat))
            .collect();
        MetreBox::around(&points)
    });
    Ok(match globe {
        Some(g) => {
            let g = MetreBox {
                w: g.w * 1.02,
                h: g.h * 1.03,
                ..g
            };
            if area.w > 0.6 * g.w {
                (g, true)
            } else {
                // Part of a world map: no space beyond the globe's edge.
                (area.within(&g), false)
            }
        }
        None => (area, false),
    })
}

/// Country names inside their countries, clear of `blocked` and `segments`.
fn name_countries(
    countries: &[LandShape],
    blocked: &[Rect],
    segments: &[Segment],
    frame: Rect,
    style: &Style,
) -> Vec<AreaLabel> {
    let areas: Vec<(String, geo::MultiPolygon<f64>)> = countries
        .iter()
        .map(|c| (c.country.name.to_uppercase(), c.shape.clone()))
        .collect();
    let size = style.sizes.country_names;
    labels::place_in_areas(
        &areas,
        blocked,
        segments,
        frame,
        &style.typeface.regular,
        size,
        size * 0.12,
    )
}

/// Which of the drawn countries have incidents: those the geocoder put rows
/// in, and those holding a row placed by its own coordinates alone.
fn shaded_countries(located: &MapRows, countries: &[LandShape]) -> Vec<bool> {
    let named: std::collections::HashSet<&str> = located
        .countries()
        .filter_map(crate::gazetteer::iso_numeric)
        .collect();
    countries
        .iter()
        .map(|c| {
            c.country
                .iso_numeric
                .as_deref()
                .is_some_and(|n| named.contains(n))
                || located
                    .unnamed_points()
                    .iter()
                    .any(|&(lon, lat)| holds(&c.country.shape, &geo::Point::new(lon, lat)))
        })
        .collect()
}

/// The basemap layer: the sea (the frame, or the globe's outline), then the
/// countries, darker where there are incidents (`shaded`, one per country).
fn draw_basemap(
    svg: &mut Svg,
    countries: &[LandShape],
    sea: Option<&geo::MultiPolygon<f64>>,
    frame: Rect,
    shaded: &[bool],
    style: &Style,
) {
    let c = &style.colours;
    svg.layer("basemap", "Basemap", "");
    draw_frame_shape(svg, "sea", &format!("fill=\"{}\"", c.sea), sea, frame);
    svg.group(&format!(
        "id=\"countries\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" fill-rule=\"evenodd\"",
        c.borders,
        num(style.sizes.borders)
    ));
    for (country, &shaded) in countries.iter().zip(shaded) {
        let fill = if shaded {
            &c.land_with_incidents
        } else {
            &c.land
        };
        svg.element(&format!(
            "<path inkscape:label=\"{}\" fill=\"{fill}\" d=\"{}\"/>",
            svg::escape(&country.country.name),
            svg::multipolygon_path(&country.shape)
        ));
    }
    svg.end();
    svg.end();
}

/// The graticule layer: faint meridians and parallels inside the sea.
fn draw_graticule(
    svg: &mut Svg,
    projector: &Projector,
    bounds: GeoBox,
    sea: Option<&geo::MultiPolygon<f64>>,
    style: &Style,
    notes: &mut Vec<String>,
) {
    let sizes = &style.sizes;
    let step = if sizes.graticule_step > 0.0 {
        let (lon, lat) = (
            land::widened_step(sizes.graticule_step, bounds.east - bounds.west),
            land::widened_step(sizes.graticule_step, bounds.north - bounds.south),
        );
        if lon.max(lat) > sizes.graticule_step {
            notes.push(format!(
                "graticule every {}° would draw over {} lines; drawn every {}°",
                num(sizes.graticule_step),
                style::MOST_GRATICULE_LINES,
                num(lon.max(lat))
            ));
        }
        (lon, lat)
    } else {
        (
            land::graticule_step(bounds.east - bounds.west, 12.0),
            land::graticule_step(bounds.north - bounds.south, 8.0),
        )
    };
    let r = projector.frame.rect;
    let area = sea.cloned().unwrap_or_else(|| {
        geo::MultiPolygon::new(vec![
            geo::Rect::new((r.x0, r.y0), (r.x1, r.y1)).to_polygon(),
        ])
    });
    let lines = land::graticule(projector, bounds, step, &area);
    svg.layer(
        "graticule",
        "Graticule",
        &format!(
            "fill=\"none\" stroke=\"{}\" stroke-opacity=\"0.45\" stroke-width=\"{}\"",
            style.colours.graticule,
            num(sizes.graticule)
        ),
    );
    svg.element(&format!(
        "<path id=\"graticule-{}x{}deg\" d=\"{}\"/>",
        num(step.0),
        num(step.1),
        svg::lines_path(&lines)
    ));
    svg.end();
}

/// Whether a place lies in a country, or within 0.1° of its outline (places
/// on the coast may fall just outside the generalised shape).
fn holds(shape: &geo::MultiPolygon<f64>, p: &geo::Point<f64>) -> bool {
    use geo::{BoundingRect, Distance, Euclidean};
    let near = shape.bounding_rect().is_some_and(|b| {
        p.x() >= b.min().x - 0.1
            && p.x() <= b.max().x + 0.1
            && p.y() >= b.min().y - 0.1
            && p.y() <= b.max().y + 0.1
    });
    near && (shape.contains(p) || Euclidean.distance(p, shape) < 0.1)
}

/// Writes the map's area: the globe's outline when there is one, else the frame.
fn draw_frame_shape(
    svg: &mut Svg,
    id: &str,
    attrs: &str,
    globe: Option<&geo::MultiPolygon<f64>>,
    frame: Rect,
) {
    match globe {
        Some(shape) => svg.element(&format!(
            "<path id=\"{id}\" {attrs} d=\"{}\"/>",
            svg::multipolygon_path(shape)
        )),
        None => svg.rect(frame, &format!("id=\"{id}\" {attrs}")),
    }
}

/// The labels layer: country names, then place labels with their leaders.
fn draw_labels(svg: &mut Svg, placed: &[PlacedLabel], countries: &[AreaLabel], style: &Style) {
    let c = &style.colours;
    svg.text_layer("labels", "Labels", style, None, &c.text);
    svg.group(&format!(
        "id=\"country-names\" fill=\"{}\" text-anchor=\"middle\"",
        c.country_names
    ));
    for label in countries {
        for (line, &(x, y)) in label.lines.iter().zip(&label.baselines) {
            // letter-spacing adds space after the last letter too: shift by half of it.
            svg.text(
                x + label.spacing / 2.0,
                y,
                &format!(
                    "font-size=\"{}\" letter-spacing=\"{}\"",
                    num(label.size),
                    num(label.spacing)
                ),
                line,
            );
        }
    }
    svg.end();
    svg.group(&format!(
        "id=\"place-labels\" font-size=\"{}\"",
        num(style.sizes.labels)
    ));
    for label in placed {
        if let Some((a, b)) = label.leader {
            svg.element(&format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"0.7\"/>",
                num(a.0),
                num(a.1),
                num(b.0),
                num(b.1),
                c.leaders
            ));
        }
        svg.text(
            label.x,
            label.y,
            "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
            &label.text,
        );
    }
    svg.end();
    svg.end();
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
