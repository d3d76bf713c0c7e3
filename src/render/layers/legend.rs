//! The keys: the legend (types, sizes) and the scale bar, in the boxes the
//! plan gave them.

use super::Layer;
use crate::render::legend;
use crate::render::plan::Plan;
use crate::render::svg::Svg;

/// The legend, where the plan put it.
pub(crate) struct Legend;

impl Layer for Legend {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        if let Some(b) = plan.fitted.legend {
            plan.legend.legend.draw(svg, b, plan.style);
        }
    }
}

/// The scale bar, true at the frame's centre.
pub(crate) struct ScaleBar;

impl Layer for ScaleBar {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        if let Some(((ppk, km, text), b)) = &plan.fitted.scale {
            legend::draw_scale_bar(svg, *b, *ppk, *km, text, plan.style);
        }
    }
}
