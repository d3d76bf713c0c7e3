//! The zoom inset: where place labels cannot fit in a cluster, a framed
//! panel shows that area enlarged, at its own scale with its own scale
//! bar, and names its places there; the area is outlined on the map and
//! joined to the panel. The places inside the outline are then named in
//! the panel only. Made after the incidents' first labels, only when some
//! were left out, and kept only when the panel names one of them.

use std::collections::BTreeSet;

use super::basemap::{draw_countries, shaded_countries};
use super::labels::{PlaceLabels, draw_point_labels};
use super::{Layer, Taken, lakes, provinces, rivers};
use crate::render::PlacedMarker;
use crate::render::basemap::Detail;
use crate::render::frame::{Frame, MetreBox};
use crate::render::labels::{self, Rect, Segment};
use crate::render::land::{self, LandShape, Projector};
use crate::render::legend;
use crate::render::page::reserve_corners;
use crate::render::plan::Plan;
use crate::render::sites;
use crate::render::svg::{self, Svg, num};
use crate::render::zoom::{self, Zoom, ZoomLayout};

/// Least enlargement worth a panel.
const LEAST_FACTOR: f64 = 1.5;
/// Most enlargement: a few places need no panel half the map's width.
const MOST_FACTOR: f64 = 6.0;
/// Flattest and tallest panel, height per width.
const ASPECTS: (f64, f64) = (0.45, 1.5);
/// Most panels tried (sizes times places) before giving up.
const MOST_TRIES: usize = 40;

/// The zoom inset as placed.
pub(crate) struct ZoomInset {
    /// Where it went.
    pub layout: ZoomLayout,
    /// The places (groups of the sites) named in the panel, not on the map.
    pub groups: BTreeSet<usize>,
    /// Names that found no room in the panel either.
    pub unplaced: Vec<String>,
    /// The symbol of each marker in the panel.
    symbols: Vec<usize>,
    /// The panel's own frame: the main map's projection, at a larger scale.
    frame: Frame,
    countries: Vec<LandShape>,
    shaded: Vec<bool>,
    lakes: Vec<geo::MultiPolygon<f64>>,
    rivers: geo::MultiLineString<f64>,
    boundaries: geo::MultiLineString<f64>,
    /// The scale bar's length in pixels and its text.
    bar: (f64, String),
}

impl ZoomInset {
    /// The panel for the largest cluster of the places whose labels
    /// `first` left out, with the map's labels placed again around it; or
    /// `None`: when `--zoom none`, on aggregated and choropleth maps, when
    /// no label was left out, when the cluster holds a single place, or
    /// when no place along the frame's sides has room for a panel at least
    /// [`LEAST_FACTOR`] times larger that names one of the places left out
    /// and costs no other place its label, on the map or in the panel
    /// (nor puts a line through one).
    pub fn place(
        plan: &Plan,
        taken: &Taken,
        first: &PlaceLabels,
    ) -> Option<(ZoomInset, PlaceLabels)> {
        if plan.options.zoom == Zoom::None
            || plan.reduced.is_some()
            || plan.choropleth.is_some()
            || first.dropped.is_empty()
        {
            return None;
        }
        let style = plan.style;
        let r = plan.rect();
        let place_px = |g: usize| plan.fitted.anchors[plan.sites.groups[g][0]];
        let centres: Vec<(f64, f64)> = first.dropped.iter().map(|&g| place_px(g)).collect();
        let cluster = zoom::clusters(&centres, 0.3 * r.width().max(r.height()))
            .into_iter()
            .next()?;
        let seeds: Vec<usize> = cluster.iter().map(|&i| first.dropped[i]).collect();
        let pad = style.sizes.labels * 2.0;
        let seed_box = seeds
            .iter()
            .map(|&g| Rect::around(place_px(g).0, place_px(g).1, pad))
            .reduce(|a, b| a.union(&b))?;
        // The panel's shape follows the area's, within bounds.
        let (mut bw, mut bh) = (seed_box.width(), seed_box.height());
        let aspect = (bh / bw).clamp(ASPECTS.0, ASPECTS.1);
        if bh > bw * aspect {
            bw = bh / aspect;
        } else {
            bh = bw * aspect;
        }
        let (cx, cy) = seed_box.centre();
        let area = Rect::new(
            (cx - bw / 2.0).clamp(r.x0, (r.x1 - bw).max(r.x0)),
            (cy - bh / 2.0).clamp(r.y0, (r.y1 - bh).max(r.y0)),
            bw.min(r.width()),
            bh.min(r.height()),
        );
        let groups: BTreeSet<usize> = (0..plan.sites.groups.len())
            .filter(|&g| area.contains_point(place_px(g)))
            .collect();
        if groups.len() < 2 {
            return None;
        }
        let mut blocked: Vec<Rect> = plan.panels();
        blocked.extend(&taken.markers);
        // The places the map named before, apart from those the panel takes.
        let keep = first
            .placed
            .len()
            .saturating_sub(groups.iter().filter(|g| !first.dropped.contains(g)).count());
        let mut tries = 0;
        let mut w = (r.width() * 0.5)
            .min(r.height() * 0.62 / aspect)
            .min(area.width() * MOST_FACTOR);
        while w / area.width() >= LEAST_FACTOR && tries < MOST_TRIES {
            for panel in zoom::panel_places(r, (w, w * aspect), &blocked, area.inflate(12.0)) {
                tries += 1;
                if tries > MOST_TRIES {
                    break;
                }
                let Some(zoom) = Self::fill(plan, area, panel, &groups, &seeds) else {
                    continue;
                };
                let mut around = taken.clone();
                zoom.reserve(&mut around);
                let labels = PlaceLabels::place(plan, &around, &zoom.groups);
                let crossed = zoom
                    .layout
                    .connectors
                    .iter()
                    .any(|&(a, b)| labels.placed.iter().any(|l| l.bbox.crossed_by(a, b)));
                if labels.placed.len() >= keep && !crossed {
                    return Some((zoom.with_reference(plan), labels));
                }
            }
            w *= 0.92;
        }
        None
    }

    /// The panel's frame, markers, labels, scale bar and reference layers.
    fn fill(
        plan: &Plan,
        area: Rect,
        panel: Rect,
        groups: &BTreeSet<usize>,
        seeds: &[usize],
    ) -> Option<ZoomInset> {
        let style = plan.style;
        let main = &plan.fitted.frame;
        let (cx, cy) = main.to_metres(area.centre());
        let frame = Frame::fit(
            MetreBox {
                cx,
                cy,
                w: area.width() / main.scale,
                h: area.height() / main.scale,
            },
            panel.x0,
            panel.y0,
            panel.width(),
            Some(panel.height()),
        );
        let sites = &plan.sites;
        // The panel's symbols, and its places in its own numbering.
        let symbols: Vec<usize> = groups
            .iter()
            .flat_map(|&g| sites.groups[g].iter().copied())
            .collect();
        let mut local_groups = Vec::new();
        let mut next = 0;
        for &g in groups {
            let n = sites.groups[g].len();
            local_groups.push((next..next + n).collect::<Vec<usize>>());
            next += n;
        }
        let metres: Vec<(f64, f64)> = symbols
            .iter()
            .map(|&s| main.to_metres(plan.fitted.anchors[s]))
            .collect();
        let extents: Vec<f64> = symbols.iter().map(|&s| sites.extents[s]).collect();
        let (anchors, centres) = sites::place_markers(&frame, &metres, &local_groups, &extents);
        let markers: Vec<PlacedMarker> = symbols
            .iter()
            .enumerate()
            .map(|(i, &s)| PlacedMarker {
                centre: centres[i],
                anchor: anchors[i],
                ..plan.markers[s].clone()
            })
            .collect();
        let boxes: Vec<Rect> = markers.iter().map(PlacedMarker::bbox).collect();

        let (ppk, lat) = frame.px_per_km(&plan.projection, false)?;
        let (km, text) = legend::scale_bar_length(ppk, lat, false, panel.width() * 0.3);
        let text_width = style.typeface.regular.width(&text, 11.0);
        let (bars, _) = reserve_corners(
            panel,
            &[legend::scale_bar_size(text_width, km * ppk)],
            &boxes,
        );
        let scale_bar = bars.first().copied().filter(|b| panel.contains(b));

        let mut position = vec![usize::MAX; sites.members.len()];
        for (i, &s) in symbols.iter().enumerate() {
            position[s] = i;
        }
        let requests = sites.label_requests(|k| boxes[position[k]], |g| groups.contains(&g));
        let (named, requests): (Vec<usize>, Vec<labels::LabelRequest>) =
            requests.into_iter().unzip();
        let (placed, unplaced) = labels::place(
            &requests,
            &boxes,
            &scale_bar.into_iter().collect::<Vec<_>>(),
            panel,
            &style.typeface.regular,
            style.sizes.labels,
        );
        let labelled = |g: &usize| {
            named
                .iter()
                .zip(&requests)
                .any(|(n, q)| n == g && placed.iter().any(|l| l.anchor == q.anchor))
        };
        // Worth it when it names a place left out, and no place named on
        // the map loses its name in the panel.
        let lost = named.iter().any(|g| !seeds.contains(g) && !labelled(g));
        if lost || !seeds.iter().any(labelled) {
            return None;
        }

        Some(ZoomInset {
            layout: ZoomLayout {
                panel,
                area,
                factor: frame.scale / main.scale,
                markers,
                labels: placed,
                scale_bar,
                connectors: zoom::connectors(area, panel),
            },
            groups: groups.clone(),
            unplaced,
            symbols,
            frame,
            countries: Vec::new(),
            shaded: Vec::new(),
            lakes: Vec::new(),
            rivers: geo::MultiLineString::new(Vec::new()),
            boundaries: geo::MultiLineString::new(Vec::new()),
            bar: (km * ppk, text),
        })
    }

    /// The panel with its countries, lakes, rivers and province boundaries.
    fn with_reference(mut self, plan: &Plan) -> ZoomInset {
        let style = plan.style;
        let (frame, panel) = (&self.frame, self.layout.panel);
        let projector = Projector {
            projection: &plan.projection,
            frame,
        };
        let bounds = frame.relative_bounds(&plan.projection);
        let km_per_px = 1.0 / (frame.scale * 1000.0);
        let clip = panel.inflate(2.0);
        self.countries = land::countries(Detail::Fine, &projector, bounds, clip, 0.25);
        self.shaded = shaded_countries(plan.located, &self.countries);
        if style.layers.lakes {
            self.lakes = lakes::shapes_in(&projector, bounds, panel, km_per_px);
        }
        if style.layers.rivers {
            self.rivers.0 = rivers::lines_in(&projector, bounds, panel, km_per_px);
        }
        if let Some(data) = provinces::boundaries_data(km_per_px)
            && style.layers.provinces
        {
            self.boundaries.0 = provinces::boundaries_in(data, &projector, bounds, panel);
        }
        self
    }

    /// Takes the panel and the outlined area (labels of other places keep
    /// out of both) and the lines between them.
    pub fn reserve(&self, taken: &mut Taken) {
        taken.panels.push(self.layout.panel);
        taken.panels.push(self.layout.area);
        taken.segments.extend(&self.layout.connectors);
    }

    /// The outline on the map, as its own layer under the incidents.
    pub fn outline(&self) -> ZoomOutline<'_> {
        ZoomOutline { zoom: self }
    }
}

/// The area the panel enlarges, outlined on the map and joined to it.
pub(crate) struct ZoomOutline<'a> {
    zoom: &'a ZoomInset,
}

impl Layer for ZoomOutline<'_> {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let z = &self.zoom.layout;
        svg.layer(
            "zoom-area",
            "Zoom area",
            &format!(
                "fill=\"none\" stroke=\"{}\" stroke-width=\"1\"",
                plan.style.colours.leaders
            ),
        );
        svg.rect(z.area, "");
        for &(a, b) in &z.connectors {
            line(svg, (a, b));
        }
        svg.end();
    }
}

impl Layer for ZoomInset {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let style = plan.style;
        let c = &style.colours;
        let z = &self.layout;
        svg.layer("zoom", "Zoom inset", "");
        svg.rect(z.panel, &format!("id=\"zoom-sea\" fill=\"{}\"", c.sea));
        draw_countries(svg, "zoom-countries", &self.countries, &self.shaded, style);
        if !self.lakes.is_empty() {
            svg.group(&format!(
                "id=\"zoom-lakes\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\" fill-rule=\"evenodd\"",
                c.lakes,
                c.rivers,
                num(style.sizes.rivers * 0.5)
            ));
            for shape in &self.lakes {
                svg.element(&format!("<path d=\"{}\"/>", svg::multipolygon_path(shape)));
            }
            svg.end();
        }
        if !self.boundaries.0.is_empty() {
            svg.element(&format!(
                "<path id=\"zoom-provinces\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-dasharray=\"3 2\" d=\"{}\"/>",
                c.provinces,
                num(style.sizes.provinces),
                svg::lines_path(&self.boundaries)
            ));
        }
        if !self.rivers.0.is_empty() {
            svg.element(&format!(
                "<path id=\"zoom-rivers\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"round\" d=\"{}\"/>",
                c.rivers,
                num(style.sizes.rivers),
                svg::lines_path(&self.rivers)
            ));
        }
        sites::draw_symbols(
            svg,
            &z.markers,
            &self.symbols,
            &plan.sites,
            None,
            style,
            "zoom-",
        );
        svg.group(&format!(
            "id=\"zoom-labels\" font-family=\"{}\" font-size=\"{}\" fill=\"{}\"",
            style.typeface.css_family(),
            num(style.sizes.labels),
            c.text
        ));
        draw_point_labels(svg, &z.labels, &c.leaders);
        svg.end();
        if let Some(b) = z.scale_bar {
            svg.group(&format!(
                "id=\"zoom-scalebar\" font-family=\"{}\" font-size=\"11\" fill=\"{}\"",
                style.typeface.css_family(),
                c.text
            ));
            legend::draw_bar(svg, b, self.bar.0, &self.bar.1, style);
            svg.end();
        }
        svg.rect(
            z.panel,
            &format!(
                "id=\"zoom-frame\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\"",
                c.leaders
            ),
        );
        svg.end();
    }
}

/// A straight line.
fn line(svg: &mut Svg, (a, b): Segment) {
    svg.element(&format!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        num(a.0),
        num(a.1),
        num(b.0),
        num(b.1)
    ));
}
