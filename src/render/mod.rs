//! The map: projection, extent, basemap, symbols, labels, legend, scale bar,
//! title and credits, written as a layered SVG that Inkscape and Illustrator
//! open as named layers.

pub mod aggregate;
pub mod basemap;
pub mod font;
pub mod labels;
pub mod projection;
pub mod svg;
pub mod symbols;

use std::collections::BTreeMap;

use geo::{BoundingRect, Contains, MapCoords, Simplify};

use crate::geocode::{Geocoded, Precision, distance_km};
use crate::incident::Incident;
use labels::{LabelRequest, PlacedLabel, Rect};
use projection::{GeoBox, Projection};
use svg::{Svg, escape, num};

/// What the map should say and how big it is.
#[derive(Clone, Debug)]
pub struct MapOptions {
    /// Title; by default "Incidents" with the span of years.
    pub title: Option<String>,
    /// Who collected the data, for the credit line.
    pub source: Option<String>,
    /// Width of the figure in pixels.
    pub width: f64,
    /// A PROJ string to use instead of the automatic choice.
    pub projection: Option<String>,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            title: None,
            source: None,
            width: 1200.0,
            projection: None,
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
}

/// Where everything went, for checking the figure without parsing it.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The map frame.
    pub frame: Rect,
    /// Every incident's marker.
    pub markers: Vec<PlacedMarker>,
    /// Every label drawn.
    pub labels: Vec<PlacedLabel>,
    /// The legend box.
    pub legend: Rect,
    /// The scale bar box.
    pub scale_bar: Rect,
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
}

const MARKER_RADIUS: f64 = 6.5;
const LABEL_SIZE: f64 = 12.0;
const LAND: &str = "#ece8df";
const LAND_WITH_INCIDENTS: &str = "#ddd6c6";
const SEA: &str = "#d4e4ee";
const BORDER: &str = "#ffffff";
const INK: &str = "#222222";
const MUTED: &str = "#5c5c5c";

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
    if incident.kind.is_empty() {
        "Unspecified".into()
    } else {
        incident.kind.clone()
    }
}

/// Maps projected metres to pixels inside the frame.
struct Frame {
    rect: Rect,
    x0: f64,
    y1: f64,
    scale: f64,
}

impl Frame {
    fn to_px(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.rect.x0 + (x - self.x0) * self.scale,
            self.rect.y0 + (self.y1 - y) * self.scale,
        )
    }

    fn to_metres(&self, (px, py): (f64, f64)) -> (f64, f64) {
        (
            self.x0 + (px - self.rect.x0) / self.scale,
            self.y1 - (py - self.rect.y0) / self.scale,
        )
    }
}

/// Fits a frame around projected points: a margin around them, at least
/// 400 km across, and an aspect ratio between 0.55 and 0.9.
fn fit_frame(points: &[(f64, f64)], left: f64, top: f64, width: f64) -> Frame {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let span = (x1 - x0).max(y1 - y0).max(400_000.0);
    let pad = span * 0.14;
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let mut w = (x1 - x0).max(span * 0.5) + 2.0 * pad;
    let mut h = (y1 - y0).max(span * 0.3) + 2.0 * pad;
    let aspect = (h / w).clamp(0.55, 0.9);
    if h / w < aspect {
        h = w * aspect;
    } else {
        w = h / aspect;
    }
    let scale = width / w;
    Frame {
        rect: Rect::new(left, top, width, h * scale),
        x0: cx - w / 2.0,
        y1: cy + h / 2.0,
        scale,
    }
}

/// The longitude/latitude box a frame shows, from points along its edge.
fn frame_bounds(frame: &Frame, projection: &Projection) -> GeoBox {
    let r = frame.rect;
    let steps = 24;
    let mut edge = Vec::new();
    for i in 0..=steps {
        let t = i as f64 / steps as f64;
        let x = r.x0 + t * (r.x1 - r.x0);
        let y = r.y0 + t * (r.y1 - r.y0);
        edge.extend([(x, r.y0), (x, r.y1), (r.x0, y), (r.x1, y)]);
    }
    let points = edge
        .into_iter()
        .filter_map(|p| {
            let (mx, my) = frame.to_metres(p);
            projection.inverse(mx, my)
        })
        .collect::<Vec<_>>();
    let b = GeoBox::around(points).unwrap_or(GeoBox {
        west: -180.0,
        south: -90.0,
        east: 180.0,
        north: 90.0,
    });
    GeoBox {
        west: (b.west - 2.0).max(-180.0),
        south: (b.south - 2.0).max(-90.0),
        east: (b.east + 2.0).min(180.0),
        north: (b.north + 2.0).min(90.0),
    }
}

/// The basemap layer: sea, then each country clipped to the frame and
/// simplified to a quarter pixel, holes drawn with the even-odd rule.
fn draw_basemap(svg: &mut Svg, frame: &Frame, projection: &Projection, sites: &[(f64, f64)]) {
    let bounds = frame_bounds(frame, projection);
    let detail = if bounds.east - bounds.west < 14.0 {
        basemap::Detail::Fine
    } else {
        basemap::Detail::Medium
    };
    let geo_rect = geo::Rect::new((bounds.west, bounds.south), (bounds.east, bounds.north));
    let px = frame.rect.inflate(2.0);
    let px_rect = geo::Rect::new((px.x0, px.y0), (px.x1, px.y1));
    svg.layer("basemap", "Basemap", "");
    let r = frame.rect;
    svg.element(&format!(
        "<rect id=\"sea\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{SEA}\"/>",
        num(r.x0),
        num(r.y0),
        num(r.x1 - r.x0),
        num(r.y1 - r.y0)
    ));
    svg.group(&format!("id=\"countries\" stroke=\"{BORDER}\" stroke-width=\"0.8\" stroke-linejoin=\"round\" fill-rule=\"evenodd\""));
    for country in basemap::countries(detail) {
        let Some(bbox) = country.shape.bounding_rect() else {
            continue;
        };
        if bbox.max().x < geo_rect.min().x
            || bbox.min().x > geo_rect.max().x
            || bbox.max().y < geo_rect.min().y
            || bbox.min().y > geo_rect.max().y
        {
            continue;
        }
        let near = basemap::clip_to_rect(&country.shape, geo_rect);
        let projected = near.map_coords(|c| {
            let p = projection
                .forward(c.x, c.y)
                .map(|m| frame.to_px(m))
                .unwrap_or((px.x0, px.y0));
            geo::coord! { x: p.0, y: p.1 }
        });
        let shape = basemap::clip_to_rect(&projected, px_rect).simplify(0.25);
        if shape.0.is_empty() {
            continue;
        }
        let rings: Vec<Vec<(f64, f64)>> = shape
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|ring| ring.coords().map(|c| (c.x, c.y)).collect())
            .collect();
        let has_incident = sites
            .iter()
            .any(|&(lon, lat)| country.shape.contains(&geo::point!(x: lon, y: lat)));
        let fill = if has_incident {
            LAND_WITH_INCIDENTS
        } else {
            LAND
        };
        svg.element(&format!(
            "<path inkscape:label=\"{}\" fill=\"{fill}\" d=\"{}\"/>",
            escape(&country.name),
            svg::ring_path(rings.iter().map(Vec::as_slice))
        ));
    }
    svg.end();
    svg.end();
}

/// Spreads markers so none covers another: incidents at one place start on a
/// ring around it, then overlapping markers push each other apart while a
/// weak pull keeps each near its place.
fn spread(anchors: &[(f64, f64)], groups: &[Vec<usize>], radius: f64) -> Vec<(f64, f64)> {
    let mut pos = anchors.to_vec();
    for group in groups.iter().filter(|g| g.len() > 1) {
        let n = group.len() as f64;
        let ring = (radius * 1.15 / (std::f64::consts::PI / n).sin()).max(radius * 1.2);
        for (k, &i) in group.iter().enumerate() {
            let a = -std::f64::consts::FRAC_PI_2 + k as f64 * std::f64::consts::TAU / n;
            pos[i] = (anchors[i].0 + ring * a.cos(), anchors[i].1 + ring * a.sin());
        }
    }
    let start = pos.clone();
    let min_gap = 2.0 * radius + 1.5;
    for _ in 0..400 {
        let mut moved = false;
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                let (dx, dy) = (pos[j].0 - pos[i].0, pos[j].1 - pos[i].1);
                let d = (dx * dx + dy * dy).sqrt();
                if d < min_gap {
                    let (ux, uy) = if d > 1e-6 {
                        (dx / d, dy / d)
                    } else {
                        (1.0, 0.0)
                    };
                    let push = (min_gap - d) / 2.0 + 0.01;
                    pos[i] = (pos[i].0 - ux * push, pos[i].1 - uy * push);
                    pos[j] = (pos[j].0 + ux * push, pos[j].1 + uy * push);
                    moved = true;
                }
            }
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

/// A round distance (1, 2 or 5 times a power of ten) near `target` km.
fn round_distance(target: f64) -> f64 {
    let power = 10f64.powf(target.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * power)
        .find(|d| *d <= target)
        .unwrap_or(power)
}

/// Pixels per kilometre at the centre of the frame, measured along the parallel.
fn px_per_km(frame: &Frame, projection: &Projection) -> Option<f64> {
    let c = frame.rect.centre();
    let (lon, lat) = projection.inverse(frame.to_metres(c).0, frame.to_metres(c).1)?;
    let a = frame.to_px(projection.forward(lon - 0.05, lat)?);
    let b = frame.to_px(projection.forward(lon + 0.05, lat)?);
    let px = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    Some(px / distance_km(lat, lon - 0.05, lat, lon + 0.05))
}

/// Picks the corner box of the frame that covers the fewest markers.
fn emptiest_corner(frame: Rect, w: f64, h: f64, markers: &[Rect], taken: &[Rect]) -> Rect {
    let m = 10.0;
    let corners = [
        Rect::new(frame.x0 + m, frame.y1 - m - h, w, h),
        Rect::new(frame.x1 - m - w, frame.y1 - m - h, w, h),
        Rect::new(frame.x1 - m - w, frame.y0 + m, w, h),
        Rect::new(frame.x0 + m, frame.y0 + m, w, h),
    ];
    corners
        .into_iter()
        .filter(|c| !taken.iter().any(|t| t.intersects(c)))
        .min_by_key(|c| {
            markers
                .iter()
                .filter(|r| r.inflate(4.0).intersects(c))
                .count()
        })
        .unwrap_or(corners[0])
}

/// Renders the located rows of `geocoded` as an SVG map.
pub fn render(geocoded: &Geocoded, options: &MapOptions) -> Result<Map, RenderError> {
    let located: Vec<(&Incident, &crate::geocode::Outcome)> = geocoded.located().collect();
    if located.is_empty() {
        return Err(RenderError::NothingToMap);
    }
    let lonlat: Vec<(f64, f64)> = located
        .iter()
        .map(|(_, o)| o.location.map(|l| (l.lon, l.lat)).unwrap_or_default())
        .collect();
    let extent = GeoBox::around(lonlat.iter().copied()).ok_or(RenderError::NothingToMap)?;
    let projection = match &options.projection {
        Some(def) => Projection::from_definition(def).map_err(RenderError::Projection)?,
        None => Projection::for_extent(extent),
    };
    let metres: Vec<(f64, f64)> = lonlat
        .iter()
        .map(|&(lon, lat)| projection.forward(lon, lat).unwrap_or((0.0, 0.0)))
        .collect();
    let margin = 24.0;
    let top = 84.0;
    let frame = fit_frame(&metres, margin, top, options.width - 2.0 * margin);
    let r = frame.rect;

    let types = rank_types(located.iter().map(|(i, _)| *i));
    let type_rank = |i: &Incident| {
        types
            .iter()
            .position(|t| t.name == type_name(i))
            .unwrap_or(0)
    };

    // Sites: distinct locations, in first-seen order.
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
    let anchors: Vec<(f64, f64)> = metres.iter().map(|&m| frame.to_px(m)).collect();
    let centres = spread(&anchors, &groups, MARKER_RADIUS);
    let markers: Vec<PlacedMarker> = located
        .iter()
        .enumerate()
        .map(|(k, (incident, _))| PlacedMarker {
            line: incident.line,
            centre: centres[k],
            anchor: anchors[k],
            radius: MARKER_RADIUS,
            type_rank: type_rank(incident),
        })
        .collect();
    let marker_boxes: Vec<Rect> = markers
        .iter()
        .map(|m| Rect::around(m.centre.0, m.centre.1, m.radius + 1.0))
        .collect();

    let title = options
        .title
        .clone()
        .unwrap_or_else(|| default_title(&located));
    let mut svg = Svg::new(options.width, r.y1 + 46.0, &title);
    svg.element(&format!(
        "<defs><clipPath id=\"frame-clip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>",
        num(r.x0),
        num(r.y0),
        num(r.x1 - r.x0),
        num(r.y1 - r.y0)
    ));
    svg.element("<rect id=\"background\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    let distinct_sites: Vec<(f64, f64)> = groups.iter().map(|g| lonlat[g[0]]).collect();
    draw_basemap(&mut svg, &frame, &projection, &distinct_sites);

    // Legend and scale bar sit in the emptiest corners.
    let legend_font = font::regular();
    let legend_rows: Vec<String> = types
        .iter()
        .map(|t| format!("{} ({})", t.name, t.count))
        .collect();
    let hollow = located
        .iter()
        .any(|(_, o)| matches!(o.precision, Some(Precision::Admin1 | Precision::Country)));
    let mut legend_width = legend_rows
        .iter()
        .map(|t| legend_font.width(t, 12.0))
        .fold(font::bold().width("Incident type", 12.0), f64::max)
        + 46.0;
    if hollow {
        legend_width =
            legend_width.max(legend_font.width("Hollow: province or country only", 11.0) + 24.0);
    }
    let legend_height = 36.0 + 20.0 * legend_rows.len() as f64 + if hollow { 18.0 } else { 0.0 };
    let legend = emptiest_corner(r, legend_width, legend_height, &marker_boxes, &[]);
    let scale_bar = emptiest_corner(r, 170.0, 34.0, &marker_boxes, &[legend]);

    // Incidents: leader lines from displaced markers to their places, then markers.
    svg.layer("incidents", "Incidents", "");
    svg.group(&format!(
        "id=\"leaders\" stroke=\"{MUTED}\" stroke-width=\"0.8\" fill=\"none\""
    ));
    for m in &markers {
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
    svg.group(&format!("id=\"places\" fill=\"{INK}\""));
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
    for (m, (incident, outcome)) in markers.iter().zip(&located) {
        let symbol = symbols::symbol(m.type_rank);
        let style = match outcome.precision {
            Some(Precision::Admin1 | Precision::Country) => format!(
                "fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"2.2\"",
                symbol.colour
            ),
            _ => format!(
                "fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"",
                symbol.colour
            ),
        };
        svg.element(&symbols::marker(
            symbol.shape,
            m.centre.0,
            m.centre.1,
            m.radius,
            &style,
            Some(&marker_title(incident)),
        ));
    }
    svg.end();

    // Labels: one per place, most incidents first.
    let mut requests: Vec<(usize, LabelRequest)> = groups
        .iter()
        .map(|g| {
            let (incident, outcome) = located[g[0]];
            let text = outcome
                .matched
                .as_ref()
                .map(|m| m.name.clone())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| incident.place.clone());
            let anchor = g
                .iter()
                .map(|&k| marker_boxes[k])
                .reduce(|a, b| a.union(&b))
                .unwrap_or(marker_boxes[g[0]]);
            (g.len(), LabelRequest { text, anchor })
        })
        .filter(|(_, r)| !r.text.is_empty())
        .collect();
    requests.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.text.cmp(&b.1.text)));
    let requests: Vec<LabelRequest> = requests.into_iter().map(|(_, r)| r).collect();
    let mut obstacles = marker_boxes.clone();
    obstacles.push(legend);
    obstacles.push(scale_bar);
    let (placed, unplaced) = labels::place(&requests, &obstacles, r, font::regular(), LABEL_SIZE);
    svg.layer(
        "labels",
        "Labels",
        &format!(
            "font-family=\"{}, sans-serif\" font-size=\"{LABEL_SIZE}\" fill=\"{INK}\"",
            font::FAMILY
        ),
    );
    for label in &placed {
        if let Some((a, b)) = label.leader {
            svg.element(&format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{MUTED}\" stroke-width=\"0.7\"/>",
                num(a.0),
                num(a.1),
                num(b.0),
                num(b.1)
            ));
        }
        svg.text(label.x, label.y, "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"", &label.text);
    }
    svg.end();

    draw_legend(&mut svg, legend, &types, hollow);
    draw_scale_bar(&mut svg, scale_bar, &frame, &projection);

    svg.element(&format!(
        "<rect id=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#8a8a8a\" stroke-width=\"0.75\"/>",
        num(r.x0),
        num(r.y0),
        num(r.x1 - r.x0),
        num(r.y1 - r.y0)
    ));

    svg.layer(
        "title",
        "Title",
        &format!(
            "font-family=\"{}, sans-serif\" fill=\"{INK}\"",
            font::FAMILY
        ),
    );
    svg.text(r.x0, 42.0, "font-size=\"24\" font-weight=\"bold\"", &title);
    svg.text(
        r.x0,
        66.0,
        &format!("font-size=\"13\" fill=\"{MUTED}\""),
        &subtitle(geocoded, &located, groups.len()),
    );
    svg.end();

    let mut notes: Vec<String> = unplaced
        .iter()
        .map(|t| format!("label `{t}` left out: no free space next to its markers"))
        .collect();
    let mut credit = String::new();
    if let Some(source) = options.source.as_deref().filter(|s| !s.trim().is_empty()) {
        credit.push_str(&format!("Data: {}. ", source.trim()));
    }
    credit.push_str(&format!(
        "{}. {}. Map: incimap.",
        crate::NATURAL_EARTH_CREDIT,
        crate::GEONAMES_CREDIT
    ));
    svg.layer(
        "credits",
        "Credits",
        &format!(
            "font-family=\"{}, sans-serif\" font-size=\"10\" fill=\"{MUTED}\"",
            font::FAMILY
        ),
    );
    svg.text(r.x0, r.y1 + 18.0, "", &credit);
    if !unplaced.is_empty() {
        let note = format!("Not labelled for lack of room: {}.", unplaced.join(", "));
        svg.text(r.x0, r.y1 + 32.0, "", &note);
    }
    svg.end();
    if located.len() < geocoded.rows.len() {
        notes.push(format!(
            "{} of {} rows are not on the map (see the report)",
            geocoded.rows.len() - located.len(),
            geocoded.rows.len()
        ));
    }

    Ok(Map {
        svg: svg.finish(),
        layout: Layout {
            frame: r,
            markers,
            labels: placed,
            legend,
            scale_bar,
        },
        notes,
        projection: projection.definition().to_string(),
    })
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

fn default_title(located: &[(&Incident, &crate::geocode::Outcome)]) -> String {
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

fn subtitle(
    geocoded: &Geocoded,
    located: &[(&Incident, &crate::geocode::Outcome)],
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

fn draw_legend(svg: &mut Svg, b: Rect, types: &[TypeEntry], hollow: bool) {
    svg.layer(
        "legend",
        "Legend",
        &format!(
            "font-family=\"{}, sans-serif\" fill=\"{INK}\"",
            font::FAMILY
        ),
    );
    svg.element(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"#b0b0b0\" stroke-width=\"0.6\"/>",
        num(b.x0),
        num(b.y0),
        num(b.x1 - b.x0),
        num(b.y1 - b.y0)
    ));
    svg.text(
        b.x0 + 12.0,
        b.y0 + 20.0,
        "font-size=\"12\" font-weight=\"bold\"",
        "Incident type",
    );
    for (k, t) in types.iter().enumerate() {
        let y = b.y0 + 38.0 + 20.0 * k as f64;
        let s = symbols::symbol(k);
        svg.element(&symbols::marker(
            s.shape,
            b.x0 + 20.0,
            y - 4.0,
            MARKER_RADIUS,
            &format!(
                "fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1\"",
                s.colour
            ),
            None,
        ));
        svg.text(
            b.x0 + 36.0,
            y,
            "font-size=\"12\"",
            &format!("{} ({})", t.name, t.count),
        );
    }
    if hollow {
        svg.text(
            b.x0 + 12.0,
            b.y1 - 10.0,
            &format!("font-size=\"11\" fill=\"{MUTED}\""),
            "Hollow: province or country only",
        );
    }
    svg.end();
}

fn draw_scale_bar(svg: &mut Svg, b: Rect, frame: &Frame, projection: &Projection) {
    let Some(ppk) = px_per_km(frame, projection) else {
        return;
    };
    let km = round_distance((b.x1 - b.x0 - 20.0) / ppk);
    let len = km * ppk;
    let (x, y) = (b.x0 + 10.0, b.y1 - 10.0);
    svg.layer(
        "scalebar",
        "Scale bar",
        &format!(
            "font-family=\"{}, sans-serif\" font-size=\"11\" fill=\"{INK}\"",
            font::FAMILY
        ),
    );
    svg.element(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"4\" fill=\"{INK}\" stroke=\"#ffffff\" stroke-width=\"0.8\"/>",
        num(x),
        num(y - 4.0),
        num(len)
    ));
    svg.element(&format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"4\" fill=\"#ffffff\"/>",
        num(x + len / 2.0),
        num(y - 3.2),
        num(len / 2.0 - 0.8)
    ));
    let text = if km >= 1.0 {
        format!("{} km", km)
    } else {
        format!("{} m", km * 1000.0)
    };
    svg.text(
        x,
        y - 9.0,
        "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"",
        &text,
    );
    svg.end();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_distances() {
        assert_eq!(round_distance(730.0), 500.0);
        assert_eq!(round_distance(199.0), 100.0);
        assert_eq!(round_distance(2.5), 2.0);
    }

    #[test]
    fn spread_separates_colocated_markers() {
        let anchors = vec![(100.0, 100.0); 5];
        let groups = vec![(0..5).collect::<Vec<_>>()];
        let pos = spread(&anchors, &groups, 6.0);
        for i in 0..5 {
            for j in i + 1..5 {
                let d = ((pos[i].0 - pos[j].0).powi(2) + (pos[i].1 - pos[j].1).powi(2)).sqrt();
                assert!(d >= 12.0, "markers {i} and {j} are {d} px apart");
            }
        }
    }
}
