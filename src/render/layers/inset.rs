//! The inset locator map, in the corner the plan gave it.

use super::Layer;
use crate::render::inset;
use crate::render::plan::Plan;
use crate::render::svg::Svg;

/// A world map with the main map's frame outlined.
pub(crate) struct Inset;

impl Layer for Inset {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        if let Some(b) = plan.fitted.inset {
            inset::draw(svg, b, &plan.projector(), plan.style);
        }
    }
}
