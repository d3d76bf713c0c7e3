//! The map: projection, extent, basemap, symbols, labels, legend, scale bar,
//! inset, timeline, title and credits, written as a layered SVG that Inkscape
//! and Illustrator open as named layers. PNG and PDF are made from that SVG
//! ([`formats`]).

pub mod basemap;
pub mod font;
pub mod formats;
pub mod frame;
pub mod inset;
pub mod labels;
pub mod land;
pub mod legend;
pub mod projection;
pub mod style;
pub mod svg;
pub mod symbols;
pub mod timeline;

use std::collections::BTreeMap;

use geo::Contains;

use crate::geocode::{Geocoded, Outcome, Precision};
use crate::incident::Incident;
pub use formats::Format;
use frame::{Frame, MetreBox};
use labels::{AreaLabel, LabelRequest, PlacedLabel, Rect, Segment};
use land::Projector;
use projection::{GeoBox, Projection};
pub use style::Style;
use svg::{Svg, num};
use symbols::SizeScale;

/// What marker size stands for under `--size-by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeBy {
    /// The number killed.
    Fatalities,
    /// The number wounded.
    Injuries,
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

    fn title(self) -> &'static str {
        match self {
            SizeBy::Fatalities => "Fatalities",
            SizeBy::Injuries => "Injuries",
        }
    }

    fn value(self, incident: &Incident) -> Option<u32> {
        match self {
            SizeBy::Fatalities => incident.fatalities,
            SizeBy::Injuries => incident.injuries,
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
    /// Colours, fonts, sizes, layers.
    pub style: Style,
}

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
    /// Marker radius.
    pub radius: f64,
    /// Rank of the incident's type in the legend.
    pub type_rank: usize,
    /// Drawn hollow: located to a province or country only.
    pub hollow: bool,
}

impl PlacedMarker {
    /// The box the marker covers, with its outline.
    pub fn bbox(&self) -> Rect {
        Rect::around(self.centre.0, self.centre.1, self.radius + 1.0)
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

/// One type of incident in the legend.
struct TypeEntry {
    name: String,
    count: usize,
}

/// Types ranked most frequent first, ties by name; empty types are "Unspecified".
fn rank_types<'a>(incidents: impl Iterator<Item = &'a Incident>) -> Vec<TypeEntry> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for i in incidents {
        *counts.entry(type_name(i)).or_default() += 1;
    }
    let mut entries: Vec<TypeEntry> = counts
        .into_iter()
        .map(|(name, count)| TypeEntry { name, count })
        .collect();
    entries.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    entries
}

fn type_name(incident: &Incident) -> String {
    if incident.kind.trim().is_empty() {
        "Unspecified".into()
    } else {
        crate::text::clean(incident.kind.trim())
    }
}

/// Spreads markers so none covers another: incidents at one place start on a
/// ring around it, then overlapping markers push each other apart while a
/// weak pull keeps each near its place; all stay inside `bounds`.
fn spread(
    anchors: &[(f64, f64)],
    groups: &[Vec<usize>],
    radii: &[f64],
    bounds: Rect,
) -> Vec<(f64, f64)> {
    let mut pos = anchors.to_vec();
    for group in groups.iter().filter(|g| g.len() > 1) {
        let n = group.len() as f64;
        let r = group.iter().map(|&i| radii[i]).fold(0.0, f64::max);
        let ring = (r * 1.15 / (std::f64::consts::PI / n).sin()).max(r * 1.2);
        for (k, &i) in group.iter().enumerate() {
            let a = -std::f64::consts::FRAC_PI_2 + k as f64 * std::f64::consts::TAU / n;
            pos[i] = (anchors[i].0 + ring * a.cos(), anchors[i].1 + ring * a.sin());
        }
    }
    let start = pos.clone();
    let keep_inside = |p: (f64, f64), r: f64| {
        let inner = bounds.inflate(-(r + 2.0));
        (
            p.0.clamp(inner.x0, inner.x1.max(inner.x0)),
            p.1.clamp(inner.y0, inner.y1.max(inner.y0)),
        )
    };
    for _ in 0..600 {
        let mut moved = false;
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                let min_gap = radii[i] + radii[j] + 1.5;
                let (dx, dy) = (pos[j].0 - pos[i].0, pos[j].1 - pos[i].1);
                let d = (dx * dx + dy * dy).sqrt();
                if d < min_gap {
                    let (ux, uy) = if d > 1e-6 {
                        (dx / d, dy / d)
                    } else {
                        // Same spot: part along a direction fixed by the pair.
                        let a = (i * 7 + j * 13) as f64;
                        (a.cos(), a.sin())
                    };
                    let push = (min_gap - d) / 2.0 + 0.01;
                    pos[i] = (pos[i].0 - ux * push, pos[i].1 - uy * push);
                    pos[j] = (pos[j].0 + ux * push, pos[j].1 + uy * push);
                    moved = true;
                }
            }
        }
        for (i, p) in pos.iter_mut().enumerate() {
            *p = keep_inside(*p, radii[i]);
        }
        if !moved {
            break;
        }
        for (p, s) in pos.iter_mut().zip(&start) {
            *p = (p.0 + (s.0 - p.0) * 0.02, p.1 + (s.1 - p.1) * 0.02);
        }
    }
    pos
}

/// Where the legend goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LegendPlace {
    /// In a corner of the map frame.
    Corner,
    /// To the right of the frame.
    Beside,
    /// Under the frame.
    Below,
    /// Not drawn.
    Off,
}

/// Where a legend that fits no corner goes: beside the map when there is
/// room, else under it. Returns the place, the columns and the size.
fn legend_outside(
    beside: Option<(usize, (f64, f64))>,
    below: Option<(usize, (f64, f64))>,
) -> (LegendPlace, usize, f64, f64) {
    match (beside, below) {
        (Some((c, (w, h))), _) => (LegendPlace::Beside, c, w, h),
        (None, Some((c, (w, h)))) => (LegendPlace::Below, c, w, h),
        (None, None) => (LegendPlace::Off, 1, 0.0, 0.0),
    }
}

/// Makes room for a legend beside the map (a narrower map) or under it (a
/// shorter map, when the figure's height is fixed).
fn shape_for_legend(
    place: LegendPlace,
    width: f64,
    height: f64,
    map_width: &mut f64,
    frame_height: &mut Option<f64>,
    figure_height: Option<f64>,
) -> Result<(), RenderError> {
    match place {
        LegendPlace::Beside => *map_width -= width + 12.0,
        LegendPlace::Below => {
            if let Some(fh) = frame_height.as_mut() {
                *fh -= height + 12.0;
                if *fh < 120.0 {
                    return Err(RenderError::Size(format!(
                        "a figure {:.0} px tall leaves {:.0} px for the map once the legend \
                         and the other panels are in; make it taller",
                        figure_height.unwrap_or_default(),
                        *fh
                    )));
                }
            }
        }
        LegendPlace::Corner | LegendPlace::Off => {}
    }
    Ok(())
}

/// The four corner boxes of the frame: bottom left, bottom right, top right, top left.
fn corners(frame: Rect, w: f64, h: f64) -> [Rect; 4] {
    let m = 10.0;
    [
        Rect::new(frame.x0 + m, frame.y1 - m - h, w, h),
        Rect::new(frame.x1 - m - w, frame.y1 - m - h, w, h),
        Rect::new(frame.x1 - m - w, frame.y0 + m, w, h),
        Rect::new(frame.x0 + m, frame.y0 + m, w, h),
    ]
}

/// Picks, for each box size in turn, the free corner that covers the fewest
/// markers. Returns the boxes and whether any covers a marker.
fn reserve_corners(frame: Rect, sizes: &[(f64, f64)], markers: &[Rect]) -> (Vec<Rect>, bool) {
    let mut taken: Vec<Rect> = Vec::new();
    let mut covers = false;
    for &(w, h) in sizes {
        let cost = |c: &Rect| {
            markers
                .iter()
                .filter(|r| r.inflate(4.0).intersects(c))
                .count()
        };
        let choice = corners(frame, w, h)
            .into_iter()
            .filter(|c| !taken.iter().any(|t| t.inflate(6.0).intersects(c)))
            .min_by_key(cost);
        match choice {
            Some(c) => {
                covers |= cost(&c) > 0;
                taken.push(c);
            }
            None => {
                // No corner left: the box goes over the first corner, and counts as covering.
                covers = true;
                taken.push(corners(frame, w, h)[0]);
            }
        }
    }
    (taken, covers)
}

/// Greedy line breaking by measured width.
fn wrap_text(text: &str, font: &font::Font, size: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && font.width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Points in pixels.
type Points = Vec<(f64, f64)>;

/// The markers for one frame: anchors, radii, spread positions.
fn place_markers(
    frame: &Frame,
    metres: &[(f64, f64)],
    groups: &[Vec<usize>],
    radii: &[f64],
) -> (Points, Points) {
    let anchors: Vec<(f64, f64)> = metres.iter().map(|&m| frame.to_px(m)).collect();
    let centres = spread(&anchors, groups, radii, frame.rect);
    (anchors, centres)
}

/// Renders the located rows of `geocoded` as an SVG map.
pub fn render(geocoded: &Geocoded, options: &MapOptions) -> Result<Map, RenderError> {
    let style = &options.style;
    let sizes = &style.sizes;
    let colours = &style.colours;
    let typeface = &style.typeface;
    let located: Vec<(&Incident, &Outcome)> = geocoded.located().collect();
    if located.is_empty() {
        return Err(RenderError::NothingToMap);
    }
    let lonlat: Vec<(f64, f64)> = located
        .iter()
        .map(|(_, o)| o.location.map(|l| (l.lon, l.lat)).unwrap_or_default())
        .collect();
    let extent = GeoBox::around(lonlat.iter().copied()).ok_or(RenderError::NothingToMap)?;
    let projection = match &options.projection {
        Some(choice) => Projection::from_choice(choice, extent).map_err(RenderError::Projection)?,
        None => Projection::for_extent(extent),
    };
    let mut metres = Vec::with_capacity(lonlat.len());
    for ((incident, _), &(lon, lat)) in located.iter().zip(&lonlat) {
        metres.push(projection.forward(lon, lat).ok_or_else(|| {
            RenderError::Projection(format!(
                "line {}: ({lon}, {lat}) cannot be shown in `{}`",
                incident.line,
                projection.definition()
            ))
        })?);
    }

    // Vertical layout: title block, map frame, timeline, credits.
    let margin = sizes.margin;
    let frame_width = options.width - 2.0 * margin;
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| default_title(&located));
    let title_size = {
        let w = typeface.bold.width(&title, sizes.title);
        if w > frame_width {
            sizes.title * frame_width / w
        } else {
            sizes.title
        }
    };
    let title_base = margin + title_size * 0.75;
    let subtitle_base = title_base + sizes.subtitle * 1.85;
    let top = subtitle_base + sizes.subtitle * 1.4;

    let types = rank_types(located.iter().map(|(i, _)| *i));
    let type_rank = |i: &Incident| {
        let name = type_name(i);
        types.iter().position(|t| t.name == name).unwrap_or(0)
    };
    let ranks: Vec<usize> = located.iter().map(|(i, _)| type_rank(i)).collect();

    let timeline_on = options.timeline || style.layers.timeline;
    let bars = if timeline_on {
        let events: Vec<_> = located
            .iter()
            .zip(&ranks)
            .map(|((i, _), &r)| (i.date, r))
            .collect();
        timeline::Bars::count(&events, types.len())
    } else {
        None
    };
    let mut notes: Vec<String> = Vec::new();
    if timeline_on && bars.is_none() {
        notes.push("no incident has a date, so there is no timeline".into());
    }
    // A fixed-size figure gives the timeline at most a quarter of its height.
    let timeline_px = match options.height {
        Some(h) => sizes.timeline.min((h - top) * 0.25),
        None => sizes.timeline,
    };
    let timeline_height = if bars.is_some() {
        timeline_px + 12.0
    } else {
        0.0
    };
    let mut credit = String::new();
    if let Some(source) = options.source.as_deref().filter(|s| !s.trim().is_empty()) {
        credit.push_str(&format!("Data: {}. ", crate::text::clean(source.trim())));
    }
    credit.push_str(&format!(
        "{}. {}. Map: incimap.",
        crate::NATURAL_EARTH_CREDIT,
        crate::GEONAMES_CREDIT
    ));
    let credit_lines = if style.layers.credits {
        wrap_text(&credit, &typeface.regular, sizes.credits, frame_width)
    } else {
        Vec::new()
    };
    let line_step = sizes.credits * 1.45;
    // One line more for the list of labels left out, when there is one.
    let credits_height = 8.0 + (credit_lines.len() + 1) as f64 * line_step;
    let bottom = timeline_height + credits_height + margin * 0.5;
    let mut frame_height = match options.height {
        Some(h) => {
            let fh = h - top - bottom;
            if fh < 120.0 {
                return Err(RenderError::Size(format!(
                    "a figure {h:.0} px tall leaves {fh:.0} px for the map; make it taller"
                )));
            }
            Some(fh)
        }
        None => None,
    };

    // The area to show: the incidents with room around them, or the globe.
    let mut area = MetreBox::around(&metres)
        .ok_or(RenderError::NothingToMap)?
        .padded();
    if frame_height.is_none() {
        area = area.with_aspect((0.55, 0.9));
    }
    let globe_box = projection.world_outline().and_then(|outline| {
        let points: Vec<(f64, f64)> = outline
            .iter()
            .filter_map(|&(rel, lat)| projection.forward_relative(rel, lat))
            .collect();
        MetreBox::around(&points)
    });
    let mut globe = false;
    if let Some(g) = globe_box {
        if area.w > 0.6 * g.w {
            area = MetreBox {
                w: g.w * 1.02,
                h: g.h * 1.03,
                ..g
            };
            globe = true;
        } else {
            // Part of a world map: show no space beyond the globe's edge.
            area = area.within(&MetreBox {
                w: g.w * 1.02,
                h: g.h * 1.03,
                ..g
            });
        }
    }

    // Markers: sites (distinct places, first-seen order), sizes, spread.
    let mut site_of: BTreeMap<(i64, i64), usize> = BTreeMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (k, &(lon, lat)) in lonlat.iter().enumerate() {
        let key = ((lon * 1e5).round() as i64, (lat * 1e5).round() as i64);
        let site = *site_of.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[site].push(k);
    }
    let size_scale = options.size_by.map(|by| {
        let top = located
            .iter()
            .filter_map(|(i, _)| by.value(i))
            .max()
            .unwrap_or(0);
        if top == 0 {
            notes.push(format!(
                "no row gives {}, so all markers have the smallest size",
                by.title().to_lowercase()
            ));
        }
        (
            by,
            SizeScale {
                min_radius: sizes.marker * 0.75,
                max_radius: sizes.marker_max,
                top: top.max(1),
            },
        )
    });
    let radii: Vec<f64> = located
        .iter()
        .map(|(i, _)| match size_scale {
            Some((by, scale)) => scale.radius(by.value(i)),
            None => sizes.marker,
        })
        .collect();
    let hollow: Vec<bool> = located
        .iter()
        .map(|(_, o)| matches!(o.precision, Some(Precision::Admin1 | Precision::Country)))
        .collect();

    let mut legend_content = legend::Legend {
        types: types
            .iter()
            .enumerate()
            .map(|(k, t)| {
                (
                    format!("{} ({})", t.name, t.count),
                    symbols::shape(k, colours.palette.len()),
                    style.type_colour(k).to_string(),
                )
            })
            .collect(),
        hollow: hollow.iter().any(|&h| h),
        spread: groups.iter().any(|g| g.len() > 1),
        size: size_scale.map(|(by, s)| (by.title().to_string(), s)),
        columns: 1,
    };
    // The legend goes in a corner of the map, in as few columns as keep it
    // low; if it is still too tall, beside the map; if there is no room
    // there, under it.
    let frame_guess = frame_height.unwrap_or(area.h * frame_width / area.w);
    let mut legend_place = LegendPlace::Off;
    let mut map_width = frame_width;
    // The layouts to fall back on when a corner does not work out.
    let mut beside: Option<(usize, (f64, f64))> = None;
    let mut below: Option<(usize, (f64, f64))> = None;
    if style.layers.legend {
        let layouts: Vec<(usize, (f64, f64))> = (1..=4)
            .map(|columns| {
                legend_content.columns = columns;
                (columns, legend_content.size(style))
            })
            .collect();
        let corner = layouts
            .iter()
            .find(|(_, (w, h))| *h <= 0.6 * frame_guess && *w <= 0.5 * frame_width)
            .copied();
        beside = layouts
            .iter()
            .find(|(_, (w, h))| {
                *h <= frame_height.unwrap_or(f64::INFINITY)
                    && frame_width - w - 12.0 >= 0.55 * frame_width
            })
            .copied();
        below = layouts
            .iter()
            .filter(|(_, (w, _))| *w <= frame_width)
            .min_by(|a, b| a.1.1.total_cmp(&b.1.1))
            .or(layouts.first())
            .copied();
        legend_content.columns = match corner {
            Some((columns, _)) => {
                legend_place = LegendPlace::Corner;
                columns
            }
            None => {
                let (place, columns, width, height) = legend_outside(beside, below);
                legend_place = place;
                shape_for_legend(
                    place,
                    width,
                    height,
                    &mut map_width,
                    &mut frame_height,
                    options.height,
                )?;
                columns
            }
        };
    }
    let mut legend_size = legend_content.size(style);
    let inset_on = (options.inset || style.layers.inset) && !globe;
    if (options.inset || style.layers.inset) && globe {
        notes.push("no inset on a world map".into());
    }

    // Fit the frame; zoom out while the legend, scale bar or inset would
    // cover a marker.
    let mut attempt = 0;
    let start_area = area;
    let (frame, anchors, centres, boxes, scale) = loop {
        let frame = Frame::fit(area, margin, top, map_width, frame_height);
        let (anchors, centres) = place_markers(&frame, &metres, &groups, &radii);
        let marker_boxes: Vec<Rect> = centres
            .iter()
            .zip(&radii)
            .map(|(c, r)| Rect::around(c.0, c.1, r + 1.0))
            .collect();
        let mut wanted = Vec::new();
        if legend_place == LegendPlace::Corner {
            wanted.push(legend_size);
        }
        let scale = if style.layers.scalebar {
            frame.px_per_km(&projection, globe).map(|(ppk, lat)| {
                let (km, text) = legend::scale_bar_length(ppk, lat, projection.is_world(), 150.0);
                let text_width = typeface.regular.width(&text, 11.0);
                wanted.push(legend::scale_bar_size(text_width, km * ppk));
                (ppk, km, text)
            })
        } else {
            None
        };
        if inset_on {
            wanted.push(inset::size(map_width));
        }
        let (boxes, covers) = reserve_corners(frame.rect, &wanted, &marker_boxes);
        attempt += 1;
        if covers && legend_place == LegendPlace::Corner && attempt >= 3 {
            // The corners are taken: the legend goes beside or under the map.
            let (place, columns, width, height) = legend_outside(beside, below);
            legend_place = place;
            legend_content.columns = columns;
            legend_size = legend_content.size(style);
            shape_for_legend(
                place,
                width,
                height,
                &mut map_width,
                &mut frame_height,
                options.height,
            )?;
            area = start_area;
            attempt = 0;
            continue;
        }
        if !covers || attempt >= 6 {
            if covers {
                notes.push("the legend, scale bar or inset covers a marker".into());
            }
            break (frame, anchors, centres, boxes, scale);
        }
        // Room first below the map (while the shape allows), then all round.
        let max_aspect = if globe { 0.7 } else { 0.9 };
        area = if frame_height.is_none() && area.h * 1.12 / area.w <= max_aspect {
            MetreBox {
                h: area.h * 1.12,
                cy: area.cy - area.h * 0.06,
                ..area
            }
        } else {
            MetreBox {
                w: area.w * 1.15,
                h: area.h * 1.15,
                ..area
            }
        };
    };
    let r = frame.rect;
    let mut reserved = boxes.into_iter();
    let legend_box = match legend_place {
        LegendPlace::Corner => reserved.next(),
        LegendPlace::Beside => Some(Rect::new(r.x1 + 12.0, r.y0, legend_size.0, legend_size.1)),
        LegendPlace::Below => Some(Rect::new(r.x0, r.y1 + 12.0, legend_size.0, legend_size.1)),
        LegendPlace::Off => None,
    };
    // What does not fit in the frame is left out, and said.
    let fits = |b: &Rect| r.inflate(-4.0).contains(b);
    let scale_box = scale.as_ref().and_then(|_| reserved.next()).filter(fits);
    let inset_box = inset_on.then(|| reserved.next()).flatten();
    if inset_box.is_some_and(|b| !fits(&b)) {
        notes.push("the inset does not fit in the map frame; left out".into());
    }
    let inset_box = inset_box.filter(fits);

    let markers: Vec<PlacedMarker> = located
        .iter()
        .enumerate()
        .map(|(k, (incident, _))| PlacedMarker {
            line: incident.line,
            centre: centres[k],
            anchor: anchors[k],
            radius: radii[k],
            type_rank: ranks[k],
            hollow: hollow[k],
        })
        .collect();
    let marker_boxes: Vec<Rect> = markers.iter().map(PlacedMarker::bbox).collect();
    let displaced: Vec<Segment> = markers
        .iter()
        .filter(|m| {
            let (dx, dy) = (m.centre.0 - m.anchor.0, m.centre.1 - m.anchor.1);
            (dx * dx + dy * dy).sqrt() > m.radius * 0.9
        })
        .map(|m| (m.anchor, m.centre))
        .collect();

    // Place labels: one per place, most incidents first.
    let reserved: Vec<Rect> = [legend_box, scale_box, inset_box]
        .into_iter()
        .flatten()
        .collect();
    let (placed, unplaced) = if style.layers.labels {
        let mut requests: Vec<(usize, LabelRequest)> = groups
            .iter()
            .map(|g| {
                let (incident, outcome) = located[g[0]];
                let text = outcome
                    .matched
                    .as_ref()
                    .map(|m| m.name.clone())
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| incident.place.clone());
                let anchor = g
                    .iter()
                    .map(|&k| marker_boxes[k])
                    .reduce(|a, b| a.union(&b))
                    .unwrap_or(marker_boxes[g[0]]);
                (
                    g.len(),
                    LabelRequest {
                        text: crate::text::clean(text.trim()),
                        anchor,
                    },
                )
            })
            .filter(|(_, r)| !r.text.is_empty())
            .collect();
        requests.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.text.cmp(&b.1.text)));
        let requests: Vec<LabelRequest> = requests.into_iter().map(|(_, r)| r).collect();
        labels::place(
            &requests,
            &marker_boxes,
            &reserved,
            r,
            &typeface.regular,
            sizes.labels,
        )
    } else {
        (Vec::new(), Vec::new())
    };

    // The basemap, in pixels.
    let projector = Projector {
        projection: &projection,
        frame: &frame,
    };
    let bounds = frame.relative_bounds(&projection);
    let km_per_px = 1.0 / (frame.scale * 1000.0);
    let detail = if km_per_px < 2.0 {
        basemap::Detail::Fine
    } else {
        basemap::Detail::Medium
    };
    let countries = land::countries(detail, &projector, bounds, r.inflate(2.0), 0.25);
    // World projections show the globe's outline wherever the frame reaches
    // it; the frame is drawn along the same shape.
    let sea = land::globe(&projector, r);

    // Country names, clear of everything placed so far.
    let country_labels = if style.layers.country_names {
        let areas: Vec<(String, geo::MultiPolygon<f64>)> = countries
            .iter()
            .map(|c| (c.country.name.to_uppercase(), c.shape.clone()))
            .collect();
        let mut blocked: Vec<Rect> = marker_boxes.iter().map(|b| b.inflate(2.0)).collect();
        blocked.extend(placed.iter().map(|l| l.bbox.inflate(2.0)));
        blocked.extend(&reserved);
        let mut segments = displaced.clone();
        segments.extend(placed.iter().filter_map(|l| l.leader));
        labels::place_in_areas(
            &areas,
            &blocked,
            &segments,
            r,
            &typeface.regular,
            sizes.country_names,
            sizes.country_names * 0.12,
        )
    } else {
        Vec::new()
    };

    // The document.
    let mut svg = Svg::new(options.width, &title);
    svg.element(&format!(
        "<rect id=\"background\" width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        colours.background
    ));
    svg.layer("basemap", "Basemap", "");
    draw_frame_shape(
        &mut svg,
        "sea",
        &format!("fill=\"{}\"", colours.sea),
        sea.as_ref(),
        r,
    );
    svg.group(&format!(
        "id=\"countries\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" fill-rule=\"evenodd\"",
        colours.borders,
        num(sizes.borders)
    ));
    let sites: Vec<geo::Point<f64>> = groups
        .iter()
        .map(|g| geo::Point::new(lonlat[g[0]].0, lonlat[g[0]].1))
        .collect();
    for c in &countries {
        let has_incident = sites.iter().any(|p| holds(&c.country.shape, p));
        let fill = if has_incident {
            &colours.land_with_incidents
        } else {
            &colours.land
        };
        svg.element(&format!(
            "<path inkscape:label=\"{}\" fill=\"{fill}\" d=\"{}\"/>",
            svg::escape(&c.country.name),
            svg::multipolygon_path(&c.shape)
        ));
    }
    svg.end();
    svg.end();

    if style.layers.graticule {
        let step = if sizes.graticule_step > 0.0 {
            (sizes.graticule_step, sizes.graticule_step)
        } else {
            (
                land::graticule_step(bounds.east - bounds.west, 12.0),
                land::graticule_step(bounds.north - bounds.south, 8.0),
            )
        };
        let area = sea.clone().unwrap_or_else(|| {
            geo::MultiPolygon::new(vec![
                geo::Rect::new((r.x0, r.y0), (r.x1, r.y1)).to_polygon(),
            ])
        });
        let lines = land::graticule(&projector, bounds, step, &area);
        svg.layer(
            "graticule",
            "Graticule",
            &format!(
                "fill=\"none\" stroke=\"{}\" stroke-opacity=\"0.45\" stroke-width=\"{}\"",
                colours.graticule,
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

    draw_frame_shape(
        &mut svg,
        "frame",
        &format!(
            "fill=\"none\" stroke=\"{}\" stroke-width=\"0.75\"",
            colours.frame
        ),
        sea.as_ref(),
        r,
    );

    draw_incidents(&mut svg, &markers, &located, &groups, style);
    draw_labels(&mut svg, &placed, &country_labels, style);

    if let Some(b) = legend_box {
        legend_content.draw(&mut svg, b, style);
    }
    if let (Some(b), Some((ppk, km, text))) = (scale_box, &scale) {
        legend::draw_scale_bar(&mut svg, b, *ppk, *km, text, style);
    }
    if let Some(b) = inset_box {
        inset::draw(&mut svg, b, &projector, style);
    }

    svg.text_layer("title", "Title", style, None, &colours.text);
    svg.text(
        r.x0,
        title_base,
        &format!("font-size=\"{}\" font-weight=\"bold\"", num(title_size)),
        &title,
    );
    let subtitle = options
        .subtitle
        .clone()
        .unwrap_or_else(|| default_subtitle(geocoded, &located, groups.len()));
    svg.text(
        r.x0,
        subtitle_base,
        &format!(
            "font-size=\"{}\" fill=\"{}\"",
            num(sizes.subtitle),
            colours.muted_text
        ),
        &subtitle,
    );
    svg.end();

    let mut y = legend_box.map_or(r.y1, |b| b.y1.max(r.y1));
    let timeline_box = match &bars {
        Some(bars) => {
            let b = Rect::new(r.x0, y + 12.0, frame_width, timeline_px);
            if let Some(note) =
                timeline::draw(&mut svg, b, bars, style).map_err(RenderError::Timeline)?
            {
                notes.push(note);
            }
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
        svg.text_layer(
            "credits",
            "Credits",
            style,
            Some(sizes.credits),
            &colours.muted_text,
        );
        let mut lines = credit_lines;
        if !unplaced.is_empty() {
            let note = format!("Not labelled for lack of room: {}.", unplaced.join(", "));
            lines.extend(wrap_text(
                &note,
                &typeface.regular,
                sizes.credits,
                frame_width,
            ));
        }
        for line in &lines {
            y += line_step;
            svg.text(r.x0, y + 4.0, "", line);
        }
        svg.end();
    }
    let height = match options.height {
        Some(h) => h,
        None => (y + line_step + margin * 0.5).max(r.y1 + credits_height),
    };
    if located.len() < geocoded.rows.len() {
        notes.push(format!(
            "{} of {} rows are not on the map (see the report)",
            geocoded.rows.len() - located.len(),
            geocoded.rows.len()
        ));
    }

    Ok(Map {
        svg: svg.finish_with_height(height),
        layout: Layout {
            width: options.width,
            height,
            frame: r,
            globe,
            markers,
            labels: placed,
            country_labels,
            legend: legend_box,
            scale_bar: scale_box,
            inset: inset_box,
            timeline: timeline_box,
        },
        notes,
        projection: projection.definition().to_string(),
    })
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

/// The incidents layer: leader lines from displaced markers to their places,
/// a dot at each such place, then the markers, largest first.
fn draw_incidents(
    svg: &mut Svg,
    markers: &[PlacedMarker],
    located: &[(&Incident, &Outcome)],
    groups: &[Vec<usize>],
    style: &Style,
) {
    let c = &style.colours;
    svg.layer("incidents", "Incidents", "");
    svg.group(&format!(
        "id=\"leaders\" stroke=\"{}\" stroke-width=\"0.8\" fill=\"none\"",
        c.leaders
    ));
    for m in markers {
        let (dx, dy) = (m.centre.0 - m.anchor.0, m.centre.1 - m.anchor.1);
        if (dx * dx + dy * dy).sqrt() > m.radius * 0.9 {
            svg.element(&format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                num(m.anchor.0),
                num(m.anchor.1),
                num(m.centre.0),
                num(m.centre.1)
            ));
        }
    }
    svg.end();
    svg.group(&format!("id=\"places\" fill=\"{}\"", c.text));
    for group in groups
        .iter()
        .filter(|g| g.iter().any(|&k| markers[k].centre != markers[k].anchor))
    {
        let a = markers[group[0]].anchor;
        svg.element(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"1.8\"/>",
            num(a.0),
            num(a.1)
        ));
    }
    svg.end();
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by(|&a, &b| {
        markers[b]
            .radius
            .total_cmp(&markers[a].radius)
            .then(a.cmp(&b))
    });
    svg.group("id=\"markers\"");
    for k in order {
        let m = &markers[k];
        let colour = style.type_colour(m.type_rank);
        let attrs = if m.hollow {
            format!("fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2.2\"")
        } else {
            format!(
                "fill=\"{colour}\" stroke=\"{}\" stroke-width=\"1\"",
                c.marker_outline
            )
        };
        svg.element(&symbols::marker(
            symbols::shape(m.type_rank, c.palette.len()),
            m.centre.0,
            m.centre.1,
            m.radius,
            &attrs,
            Some(&marker_title(located[k].0)),
        ));
    }
    svg.end();
    svg.end();
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

fn marker_title(incident: &Incident) -> String {
    let mut parts = vec![type_name(incident)];
    if let Some(d) = incident.date {
        parts.push(d.to_string());
    }
    if !incident.place.is_empty() {
        parts.push(incident.place.clone());
    }
    if let Some(f) = incident.fatalities {
        parts.push(format!("{f} killed"));
    }
    if let Some(n) = incident.injuries {
        parts.push(format!("{n} wounded"));
    }
    parts.join(" · ")
}

fn default_title(located: &[(&Incident, &Outcome)]) -> String {
    let years: Vec<i32> = located
        .iter()
        .filter_map(|(i, _)| i.date.map(|d| d.year))
        .collect();
    match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("Incidents, {a}"),
        (Some(a), Some(b)) => format!("Incidents, {a}–{b}"),
        _ => "Incidents".into(),
    }
}

fn default_subtitle(
    geocoded: &Geocoded,
    located: &[(&Incident, &Outcome)],
    places: usize,
) -> String {
    let n = located.len();
    let mut s = format!(
        "{n} incident{} at {places} place{}",
        if n == 1 { "" } else { "s" },
        if places == 1 { "" } else { "s" }
    );
    let dates: Vec<_> = located.iter().filter_map(|(i, _)| i.date).collect();
    if let (Some(a), Some(b)) = (dates.iter().min(), dates.iter().max()) {
        s.push_str(&format!(", {a} to {b}"));
    }
    let missing = geocoded.rows.len() - n;
    if missing > 0 {
        s.push_str(&format!(
            " · {missing} row{} not located, not shown",
            if missing == 1 { "" } else { "s" }
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_separates_colocated_markers() {
        let anchors = vec![(100.0, 100.0); 5];
        let groups = vec![(0..5).collect::<Vec<_>>()];
        let radii = [6.0, 6.0, 10.0, 6.0, 14.0];
        let bounds = Rect::new(0.0, 0.0, 300.0, 300.0);
        let pos = spread(&anchors, &groups, &radii, bounds);
        for i in 0..5 {
            assert!(bounds.contains(&Rect::around(pos[i].0, pos[i].1, radii[i])));
            for j in i + 1..5 {
                let d = ((pos[i].0 - pos[j].0).powi(2) + (pos[i].1 - pos[j].1).powi(2)).sqrt();
                assert!(
                    d >= radii[i] + radii[j],
                    "markers {i} and {j} are {d} px apart"
                );
            }
        }
    }

    #[test]
    fn lengths_in_px_mm_and_inches() {
        assert_eq!(parse_length("1200").unwrap(), 1200.0);
        assert_eq!(parse_length("800px").unwrap(), 800.0);
        assert!((parse_length("180mm").unwrap() - 680.315).abs() < 0.01);
        assert!((parse_length("7 in").unwrap() - 672.0).abs() < 1e-9);
        assert!(parse_length("wide").is_err());
        assert!(parse_length("10").is_err());
    }

    #[test]
    fn corners_avoid_markers_and_each_other() {
        let frame = Rect::new(0.0, 0.0, 400.0, 300.0);
        let marker = Rect::around(30.0, 280.0, 6.0);
        let (boxes, covers) = reserve_corners(frame, &[(100.0, 80.0), (100.0, 30.0)], &[marker]);
        assert!(!covers);
        assert!(!boxes[0].intersects(&marker) && !boxes[1].intersects(&marker));
        assert!(!boxes[0].intersects(&boxes[1]));
    }
}
