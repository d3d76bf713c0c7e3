//! Under the map: the timeline panel and the credit line, stacked from the
//! frame's (or the legend's) bottom down; they decide the figure's height.

use crate::render::labels::Rect;
use crate::render::plan::Plan;
use crate::render::svg::Svg;
use crate::render::{RenderError, page, timeline};

/// What the foot took: the timeline's box and the figure's height.
pub(crate) struct Foot {
    /// The timeline panel, when drawn.
    pub timeline: Option<Rect>,
    /// The figure's height.
    pub height: f64,
}

/// Draws the timeline and the credits (with `unplaced`, the labels left
/// out), adding the timeline's notes.
pub(crate) fn draw(
    svg: &mut Svg,
    plan: &Plan,
    credits: &[String],
    unplaced: &[String],
    notes: &mut Vec<String>,
) -> Result<Foot, RenderError> {
    let style = plan.style;
    let sizes = &style.sizes;
    let r = plan.rect();
    let mut y = plan.fitted.legend.map_or(r.y1, |b| b.y1.max(r.y1));
    let timeline_box = match &plan.bars {
        Some(bars) => {
            let b = Rect::new(r.x0, y + 12.0, plan.width, plan.timeline_px);
            let note = timeline::draw(svg, b, bars, style).map_err(RenderError::Timeline)?;
            notes.extend(note);
            y = b.y1;
            Some(b)
        }
        None => None,
    };
    notes.extend(
        unplaced
            .iter()
            .map(|t| format!("label `{t}` left out: no free space next to its markers")),
    );
    if style.layers.credits {
        let note = (!unplaced.is_empty()).then(|| unplaced_note(unplaced));
        let lines = with_notes(credits, note.as_slice(), style, plan.width);
        y = page::draw_credits(svg, r.x0, y, &lines, style);
    }
    let height = match plan.options.height {
        Some(h) => h,
        None => (y + plan.line_step + sizes.margin * 0.5).max(r.y1 + plan.credits_height),
    };
    Ok(Foot {
        timeline: timeline_box,
        height,
    })
}

/// The credit lines followed by `notes` for the reader (what was left out),
/// each wrapped to `width`.
pub(crate) fn with_notes(
    credits: &[String],
    notes: &[String],
    style: &crate::render::Style,
    width: f64,
) -> Vec<String> {
    let font = &style.typeface.regular;
    let mut lines = credits.to_vec();
    for note in notes {
        lines.extend(page::wrap_text(note, font, style.sizes.credits, width));
    }
    lines
}

/// Most names the credit line lists as left out; the rest are counted.
const MOST_UNPLACED: usize = 30;

/// "Not labelled for lack of room: A, B.", naming at most [`MOST_UNPLACED`]
/// and counting the others, which the terminal lists one by one.
fn unplaced_note(unplaced: &[String]) -> String {
    if unplaced.len() <= MOST_UNPLACED {
        return format!("Not labelled for lack of room: {}.", unplaced.join(", "));
    }
    format!(
        "Not labelled for lack of room: {} and {} more (each is listed on the terminal).",
        unplaced[..MOST_UNPLACED].join(", "),
        unplaced.len() - MOST_UNPLACED
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_names_left_out_is_cut_and_counted() {
        let few: Vec<String> = ["Shali", "Magas"].map(String::from).to_vec();
        assert_eq!(
            unplaced_note(&few),
            "Not labelled for lack of room: Shali, Magas."
        );
        let many: Vec<String> = (0..45).map(|i| format!("Town {i}")).collect();
        let note = unplaced_note(&many);
        assert!(note.contains("Town 29 and 15 more"), "{note}");
        assert!(!note.contains("Town 30"), "{note}");
    }
}
