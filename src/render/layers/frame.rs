//! The frame around the map: the globe's outline on a world map, else the
//! frame's rectangle (a shape at the top level, not an Inkscape layer).

use super::Layer;
use crate::render::labels::Rect;
use crate::render::plan::Plan;
use crate::render::svg::{self, Svg};

/// The frame, drawn along the sea's shape when there is one.
pub(crate) struct FrameOutline<'a> {
    /// The globe's outline on a world map.
    pub sea: Option<&'a geo::MultiPolygon<f64>>,
}

impl Layer for FrameOutline<'_> {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let attrs = format!(
            "fill=\"none\" stroke=\"{}\" stroke-width=\"0.75\"",
            plan.style.colours.frame
        );
        draw_frame_shape(svg, "frame", &attrs, self.sea, plan.rect());
    }
}

/// Writes the map's area: the globe's outline when there is one, else the frame.
pub(crate) fn draw_frame_shape(
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
