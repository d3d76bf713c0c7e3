//! The graticule layer: faint meridians and parallels inside the sea.

use super::Layer;
use crate::render::land;
use crate::render::plan::Plan;
use crate::render::style;
use crate::render::svg::{self, Svg, num};

/// Meridians and parallels, in pixels.
pub(crate) struct Graticule {
    /// Degrees between lines (longitude, latitude).
    step: (f64, f64),
    /// The lines, clipped to the map's area.
    lines: geo::MultiLineString<f64>,
}

impl Graticule {
    /// Lines at the style's step, widened (and said in `notes`) when that
    /// would draw too many, or at a step chosen from the extent.
    pub fn new(
        plan: &Plan,
        sea: Option<&geo::MultiPolygon<f64>>,
        notes: &mut Vec<String>,
    ) -> Graticule {
        let style = plan.style;
        let sizes = &style.sizes;
        let bounds = plan.bounds();
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
        let r = plan.rect();
        let area = sea.cloned().unwrap_or_else(|| {
            geo::MultiPolygon::new(vec![
                geo::Rect::new((r.x0, r.y0), (r.x1, r.y1)).to_polygon(),
            ])
        });
        let lines = land::graticule(&plan.projector(), bounds, step, &area);
        Graticule { step, lines }
    }
}

impl Layer for Graticule {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let style = plan.style;
        svg.layer(
            "graticule",
            "Graticule",
            &format!(
                "fill=\"none\" stroke=\"{}\" stroke-opacity=\"0.45\" stroke-width=\"{}\"",
                style.colours.graticule,
                num(style.sizes.graticule)
            ),
        );
        svg.element(&format!(
            "<path id=\"graticule-{}x{}deg\" d=\"{}\"/>",
            num(self.step.0),
            num(self.step.1),
            svg::lines_path(&self.lines)
        ));
        svg.end();
    }
}
