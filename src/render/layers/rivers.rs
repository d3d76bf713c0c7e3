//! The rivers layer: GSHHG's major rivers, thin and muted, under the
//! incidents. The permanent major rivers are drawn on continental and
//! closer maps (a world map has no room for them); the additional major
//! rivers only on regional maps, where they do not crowd.

use super::Layer;
use crate::render::labels::Rect;
use crate::render::land::{self, Projector};
use crate::render::plan::Plan;
use crate::render::projection::GeoBox;
use crate::render::reference;
use crate::render::svg::{self, Svg, num};

/// Kilometres per pixel under which rivers are drawn (about 11,000 km
/// across a 1,100 px frame).
const RIVERS_KM_PER_PX: f64 = 10.0;
/// Kilometres per pixel under which the smaller major rivers are drawn too.
const SMALLER_RIVERS_KM_PER_PX: f64 = 3.0;

/// The rivers inside the frame, in pixels.
pub(crate) struct Rivers {
    lines: geo::MultiLineString<f64>,
}

impl Rivers {
    /// The rivers this scale shows, or `None` when the layer is off or no
    /// river crosses the frame.
    pub fn new(plan: &Plan) -> Option<Rivers> {
        if !plan.style.layers.rivers || plan.globe {
            return None;
        }
        let lines = lines_in(
            &plan.projector(),
            plan.bounds(),
            plan.rect(),
            plan.km_per_px(),
        );
        (!lines.is_empty()).then(|| Rivers {
            lines: geo::MultiLineString::new(lines),
        })
    }
}

/// The rivers a view at `km_per_px` shows inside `r`, in pixels (none on
/// maps of too small a scale); `bounds` in degrees relative to the
/// projection's central meridian.
pub(crate) fn lines_in(
    projector: &Projector,
    bounds: GeoBox,
    r: Rect,
    km_per_px: f64,
) -> Vec<geo::LineString<f64>> {
    if km_per_px >= RIVERS_KM_PER_PX {
        return Vec::new();
    }
    let most_level = if km_per_px < SMALLER_RIVERS_KM_PER_PX {
        2
    } else {
        1
    };
    let mut lines = Vec::new();
    for river in reference::rivers().iter().filter(|r| r.level <= most_level) {
        lines.extend(land::lines_in_frame(&river.line, projector, bounds, r, 0.3));
    }
    lines
}

impl Layer for Rivers {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let style = plan.style;
        svg.layer(
            "rivers",
            "Rivers",
            &format!(
                "fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"",
                style.colours.rivers,
                num(style.sizes.rivers)
            ),
        );
        svg.element(&format!("<path d=\"{}\"/>", svg::lines_path(&self.lines)));
        svg.end();
    }
}
