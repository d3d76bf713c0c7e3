//! The title layer: title and subtitle above the frame.

use super::Layer;
use crate::render::page;
use crate::render::plan::Plan;
use crate::render::svg::Svg;

/// The title block with its subtitle (a panel's title has none).
pub(crate) struct Title {
    /// The subtitle: given, or the counts and dates.
    pub subtitle: Option<String>,
}

impl Title {
    /// The subtitle given, or the number of incidents, places and the dates.
    pub fn new(plan: &Plan) -> Title {
        let subtitle = (!plan.panel).then(|| {
            plan.options.subtitle.clone().unwrap_or_else(|| {
                page::default_subtitle(
                    plan.all,
                    plan.reduced.map_or(plan.sites.groups.len(), |r| r.places),
                )
            })
        });
        Title { subtitle }
    }
}

impl Layer for Title {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        plan.header
            .draw(svg, plan.rect().x0, self.subtitle.as_deref(), plan.style);
    }
}
