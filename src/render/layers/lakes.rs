//! The lakes layer: Natural Earth's large lakes and reservoirs (1:50m),
//! filled in the water colour over the land and under the rivers and the
//! incidents, on continental and closer maps.

use super::Layer;
use crate::render::labels::Rect;
use crate::render::land::{self, Projector};
use crate::render::plan::Plan;
use crate::render::projection::GeoBox;
use crate::render::reference;
use crate::render::svg::{self, Svg, num};

/// Kilometres per pixel under which lakes are drawn (as rivers are).
const LAKES_KM_PER_PX: f64 = 10.0;

/// The lakes inside the frame, in pixels.
pub(crate) struct Lakes {
    shapes: Vec<geo::MultiPolygon<f64>>,
}

impl Lakes {
    /// The lakes in the frame, or `None` when the layer is off, the map is
    /// of the world or too small in scale, or no lake is in the frame.
    pub fn new(plan: &Plan) -> Option<Lakes> {
        if !plan.style.layers.lakes || plan.globe {
            return None;
        }
        let shapes = shapes_in(
            &plan.projector(),
            plan.bounds(),
            plan.rect(),
            plan.km_per_px(),
        );
        (!shapes.is_empty()).then_some(Lakes { shapes })
    }
}

/// The lakes a view at `km_per_px` shows inside `r`, in pixels (none on
/// maps of too small a scale); `bounds` in degrees relative to the
/// projection's central meridian.
pub(crate) fn shapes_in(
    projector: &Projector,
    bounds: GeoBox,
    r: Rect,
    km_per_px: f64,
) -> Vec<geo::MultiPolygon<f64>> {
    if km_per_px >= LAKES_KM_PER_PX {
        return Vec::new();
    }
    let view = super::provinces::degrees(bounds, projector.projection.lon0());
    reference::lakes()
        .iter()
        .filter(|l| view.is_none_or(|v| reference::meets(l.bounds, v)))
        .filter_map(|l| land::area_in_frame(&l.shape, projector, bounds, r.inflate(2.0), 0.3))
        .collect()
}

impl Layer for Lakes {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let style = plan.style;
        svg.layer(
            "lakes",
            "Lakes",
            &format!(
                "fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" fill-rule=\"evenodd\"",
                style.colours.lakes,
                style.colours.rivers,
                num(style.sizes.rivers * 0.5)
            ),
        );
        for shape in &self.shapes {
            svg.element(&format!("<path d=\"{}\"/>", svg::multipolygon_path(shape)));
        }
        svg.end();
    }
}
