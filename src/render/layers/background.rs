//! The background: one rectangle behind everything (not an Inkscape layer,
//! so that it stays put while layers are moved).

use super::Layer;
use crate::render::plan::Plan;
use crate::render::svg::Svg;

/// The page's background colour.
pub(crate) struct Background;

impl Layer for Background {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        draw(svg, plan.style);
    }
}

/// Writes the page's background in the style's colour.
pub(crate) fn draw(svg: &mut Svg, style: &crate::render::Style) {
    svg.element(&format!(
        "<rect id=\"background\" width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        style.colours.background
    ));
}
