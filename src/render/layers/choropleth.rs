//! The choropleth layers: the areas shaded by class, over the basemap and
//! under everything else, and their key in a corner of the map.

use super::Layer;
use crate::render::basemap::{self, Detail};
use crate::render::choropleth::{Areas, Tally};
use crate::render::labels::Rect;
use crate::render::land;
use crate::render::legend;
use crate::render::plan::Plan;
use crate::render::style::Style;
use crate::render::svg::{self, Svg, num};

/// Padding inside the key's box.
const PAD: f64 = 8.0;
/// A class's swatch: width and height.
const SWATCH: (f64, f64) = (22.0, 13.0);

/// The shaded areas in pixels, each with its class.
pub(crate) struct ChoroplethFills {
    fills: Vec<(String, geo::MultiPolygon<f64>, usize)>,
}

/// The colour of `class` of `classes`: spread over the style's scale.
pub(crate) fn class_colour(style: &Style, class: usize, classes: usize) -> &str {
    let scale = &style.colours.choropleth;
    let i = if classes <= 1 {
        scale.len() - 1
    } else {
        (class * (scale.len() - 1) + (classes - 1) / 2) / (classes - 1)
    };
    &scale[i.min(scale.len() - 1)]
}

impl ChoroplethFills {
    /// The areas of `tally` that show in the frame, at the detail of the
    /// map's scale.
    pub fn new(plan: &Plan, tally: &Tally) -> ChoroplethFills {
        let projector = plan.projector();
        let (bounds, r) = (plan.bounds(), plan.rect().inflate(2.0));
        let fills = tally
            .areas
            .iter()
            .filter_map(|area| {
                let class = tally.class_of(area.value)?;
                let shape = match tally.choropleth.areas {
                    Areas::Admin1 => {
                        let data = super::provinces::data(plan);
                        data.shape(&data.provinces[area.index])
                    }
                    // The 1:10m country, drawn at the map's detail.
                    Areas::Country => {
                        let fine = &basemap::countries(Detail::Fine)[area.index];
                        basemap::countries(plan.detail())
                            .iter()
                            .find(|c| c.name == fine.name)
                            .map_or_else(|| fine.shape.clone(), |c| c.shape.clone())
                    }
                };
                let shape = land::area_in_frame(&shape, &projector, bounds, r, 0.25)?;
                Some((area.name.clone(), shape, class))
            })
            .collect();
        ChoroplethFills { fills }
    }
}

impl Layer for ChoroplethFills {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let style = plan.style;
        let classes = plan.choropleth.map_or(0, |t| t.classes.len());
        svg.layer(
            "choropleth",
            "Choropleth",
            &format!(
                "stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" fill-rule=\"evenodd\"",
                style.colours.borders,
                num(style.sizes.borders * 0.6)
            ),
        );
        for (name, shape, class) in &self.fills {
            svg.element(&format!(
                "<path inkscape:label=\"{}\" fill=\"{}\" d=\"{}\"/>",
                svg::escape(name),
                class_colour(style, *class, classes),
                svg::multipolygon_path(shape)
            ));
        }
        svg.end();
    }
}

/// Width and height of the key for `tally`.
pub(crate) fn key_size(tally: &Tally, style: &Style) -> (f64, f64) {
    let s = style.sizes.legend;
    let f = &style.typeface;
    let rows = (0..tally.classes.len())
        .map(|c| f.regular.width(&tally.class_text(c), s) + SWATCH.0 + 8.0)
        .fold(0.0, f64::max);
    let width = rows
        .max(f.bold.width(&tally.choropleth.title(), s))
        .max(f.regular.width(tally.choropleth.classing_text(), s * 0.85));
    let height =
        PAD + s * 1.4 + tally.classes.len() as f64 * (SWATCH.1 + 4.0) + s * 1.5 + PAD * 0.5;
    (width + 2.0 * PAD, height)
}

/// The choropleth's key: title, one swatch per class with its range, and
/// how the classes were made.
pub(crate) struct ChoroplethKey;

impl Layer for ChoroplethKey {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let (Some(tally), Some(b)) = (plan.choropleth, plan.fitted.key) else {
            return;
        };
        draw_key(svg, b, tally, plan.style);
    }
}

fn draw_key(svg: &mut Svg, b: Rect, tally: &Tally, style: &Style) {
    let c = &style.colours;
    let s = style.sizes.legend;
    let ascent = legend::open_panel(
        svg,
        ("choropleth-key", "Choropleth key"),
        b,
        PAD,
        &tally.choropleth.title(),
        style,
    );
    let mut y = b.y0 + PAD + s * 1.4;
    let n = tally.classes.len();
    // Most first, as the eye reads a key from the top.
    for class in (0..n).rev() {
        svg.element(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#9a9a9a\" stroke-width=\"0.5\"/>",
            num(b.x0 + PAD),
            num(y),
            num(SWATCH.0),
            num(SWATCH.1),
            class_colour(style, class, n)
        ));
        svg.text(
            b.x0 + PAD + SWATCH.0 + 8.0,
            y + SWATCH.1 / 2.0 + ascent * 0.38,
            "",
            &tally.class_text(class),
        );
        y += SWATCH.1 + 4.0;
    }
    svg.text(
        b.x0 + PAD,
        y + s * 0.95,
        &format!("font-size=\"{}\" fill=\"{}\"", num(s * 0.85), c.muted_text),
        tally.choropleth.classing_text(),
    );
    svg.end();
}
