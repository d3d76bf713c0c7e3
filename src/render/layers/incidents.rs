//! The incidents layer: the markers, with leader lines from those moved off
//! their places.

use super::{Layer, Taken};
use crate::render::PlacedMarker;
use crate::render::plan::Plan;
use crate::render::sites;
use crate::render::svg::Svg;

/// The markers as the plan placed them.
pub(crate) struct Incidents;

impl Layer for Incidents {
    /// The markers' boxes, and the leaders of displaced markers.
    fn reserve(&self, plan: &Plan, taken: &mut Taken) {
        taken
            .markers
            .extend(plan.markers.iter().map(PlacedMarker::bbox));
        taken.segments.extend(
            plan.markers
                .iter()
                .filter(|m| m.displaced())
                .map(|m| (m.anchor, m.centre)),
        );
    }

    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        sites::draw_incidents(
            svg,
            &plan.markers,
            &plan.sites,
            plan.pies.as_deref(),
            plan.style,
        );
    }
}
