//! The provinces layer: the boundaries between the first-level divisions
//! of each country (Natural Earth admin-1), dashed and muted, on regional
//! maps; on close-up maps also their names, where markers, labels and
//! country names leave room.

use super::{Layer, Taken};
use crate::gazetteer::fold;
use crate::render::basemap::Detail;
use crate::render::labels::{self, AreaLabel, Rect};
use crate::render::land::{self, Projector};
use crate::render::plan::Plan;
use crate::render::projection::GeoBox;
use crate::render::reference;
use crate::render::svg::{self, Svg, num};

/// Kilometres per pixel under which province boundaries are drawn (about
/// 4,500 km across a 1,100 px frame).
const BOUNDARIES_KM_PER_PX: f64 = 4.0;
/// Kilometres per pixel under which province names are set.
const NAMES_KM_PER_PX: f64 = 1.5;

/// The boundaries in pixels and the names placed.
pub(crate) struct Provinces {
    lines: geo::MultiLineString<f64>,
    /// Names drawn.
    pub names: Vec<AreaLabel>,
}

/// The province data at the detail this scale needs.
pub(crate) fn data(plan: &Plan) -> &'static reference::Provinces {
    data_at(plan.km_per_px())
}

/// The province data at the detail a view at `km_per_px` needs, or `None`
/// for a scale too small for boundaries.
pub(crate) fn boundaries_data(km_per_px: f64) -> Option<&'static reference::Provinces> {
    (km_per_px < BOUNDARIES_KM_PER_PX).then(|| data_at(km_per_px))
}

fn data_at(km_per_px: f64) -> &'static reference::Provinces {
    reference::provinces(if km_per_px < 1.0 {
        Detail::Fine
    } else {
        Detail::Medium
    })
}

/// The frame's extent in absolute degrees, widened by a degree, when the
/// frame does not cross the projection's seam (`None` then: test all).
pub(crate) fn frame_degrees(plan: &Plan) -> Option<geo::Rect<f64>> {
    degrees(plan.bounds(), plan.projection.lon0())
}

/// `b` (degrees relative to the central meridian `lon0`) in absolute
/// degrees, widened by a degree, unless it crosses the seam.
pub(crate) fn degrees(b: GeoBox, lon0: f64) -> Option<geo::Rect<f64>> {
    let (west, east) = (b.west + lon0, b.east + lon0);
    (west >= -180.0 && east <= 180.0)
        .then(|| geo::Rect::new((west - 1.0, b.south - 1.0), (east + 1.0, b.north + 1.0)))
}

/// The boundaries between provinces of `data` inside `r`, in pixels;
/// `bounds` in degrees relative to the projection's central meridian.
pub(crate) fn boundaries_in(
    data: &reference::Provinces,
    projector: &Projector,
    bounds: GeoBox,
    r: Rect,
) -> Vec<geo::LineString<f64>> {
    let view = degrees(bounds, projector.projection.lon0());
    let mut lines = Vec::new();
    for b in &data.boundaries {
        if view.is_some_and(|v| !reference::meets(b.bounds, v)) {
            continue;
        }
        lines.extend(land::lines_in_frame(&b.lines, projector, bounds, r, 0.3));
    }
    lines
}

impl Provinces {
    /// The boundaries in the frame, or `None` when the layer is off, the
    /// map too small in scale, or no boundary crosses the frame.
    pub fn new(plan: &Plan) -> Option<Provinces> {
        if !plan.style.layers.provinces || plan.km_per_px() >= BOUNDARIES_KM_PER_PX {
            return None;
        }
        let lines = boundaries_in(data(plan), &plan.projector(), plan.bounds(), plan.rect());
        (!lines.is_empty()).then(|| Provinces {
            lines: geo::MultiLineString::new(lines),
            names: Vec::new(),
        })
    }

    /// Sets the names of the provinces in view where they fit, clear of
    /// everything taken, on close-up maps; not those named like one of the
    /// `towns` labelled (Zaqatala, the town, names Zaqatala, the district).
    pub fn name(&mut self, plan: &Plan, taken: &Taken, towns: &[&str]) {
        let style = plan.style;
        if !style.layers.province_names || plan.km_per_px() >= NAMES_KM_PER_PX {
            return;
        }
        let data = data(plan);
        let projector = plan.projector();
        let (bounds, r) = (plan.bounds(), plan.rect());
        let view =
            frame_degrees(plan).unwrap_or_else(|| geo::Rect::new((-180.0, -90.0), (180.0, 90.0)));
        // Parts listed apart under one name (Urozgan, Parwan) get one name.
        let mut areas: Vec<(String, geo::MultiPolygon<f64>)> = Vec::new();
        for i in data.meeting(view) {
            let p = &data.provinces[i];
            if towns.iter().any(|t| fold(t) == fold(&p.name)) {
                continue;
            }
            let Some(shape) = land::area_in_frame(&data.shape(p), &projector, bounds, r, 0.5)
            else {
                continue;
            };
            match areas.iter_mut().find(|(name, _)| *name == p.name) {
                Some((_, all)) => all.0.extend(shape.0),
                None => areas.push((p.name.clone(), shape)),
            }
        }
        let size = style.sizes.province_names;
        self.names = labels::place_in_areas(
            &areas,
            &taken.blocked(),
            &taken.segments,
            r,
            &style.typeface.regular,
            size,
            size * 0.05,
        );
    }
}

impl Layer for Provinces {
    fn reserve(&self, _plan: &Plan, taken: &mut Taken) {
        taken.labels.extend(self.names.iter().map(|l| l.bbox));
    }

    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let style = plan.style;
        let c = &style.colours;
        svg.text_layer("provinces", "Provinces", style, None, &c.province_names);
        svg.element(&format!(
            "<path id=\"province-boundaries\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-dasharray=\"3 2\" stroke-linejoin=\"round\" d=\"{}\"/>",
            c.provinces,
            num(style.sizes.provinces),
            svg::lines_path(&self.lines)
        ));
        if !self.names.is_empty() {
            svg.group("id=\"province-names\" text-anchor=\"middle\"");
            for label in &self.names {
                super::labels::draw_area_label(svg, label);
            }
            svg.end();
        }
        svg.end();
    }
}
