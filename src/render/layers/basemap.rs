//! The basemap layer: the sea (the frame, or the globe's outline), then the
//! countries, darker where there are incidents.

use geo::Contains;

use super::Layer;
use super::frame::draw_frame_shape;
use crate::render::land::{self, LandShape};
use crate::render::plan::Plan;
use crate::render::rows::MapRows;
use crate::render::style::Style;
use crate::render::svg::{self, Svg, num};

/// The countries in the frame and the sea.
pub(crate) struct Basemap {
    /// Countries, clipped to the frame, in pixels.
    pub countries: Vec<LandShape>,
    /// World projections show the globe's outline wherever the frame
    /// reaches it; the sea and the frame are drawn along it.
    pub sea: Option<geo::MultiPolygon<f64>>,
    /// Per country: it has incidents.
    pub shaded: Vec<bool>,
}

impl Basemap {
    /// The countries at the detail the scale needs.
    pub fn new(plan: &Plan) -> Basemap {
        let r = plan.rect();
        let projector = plan.projector();
        let countries = land::countries(
            plan.detail(),
            &projector,
            plan.bounds(),
            r.inflate(2.0),
            0.25,
        );
        let sea = land::globe(&projector, r);
        // A choropleth's shading says where the incidents are instead.
        let shaded = match plan.choropleth {
            Some(_) => vec![false; countries.len()],
            None => shaded_countries(plan.located, &countries),
        };
        Basemap {
            countries,
            sea,
            shaded,
        }
    }
}

impl Layer for Basemap {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let style = plan.style;
        let c = &style.colours;
        svg.layer("basemap", "Basemap", "");
        draw_frame_shape(
            svg,
            "sea",
            &format!("fill=\"{}\"", c.sea),
            self.sea.as_ref(),
            plan.rect(),
        );
        draw_countries(svg, "countries", &self.countries, &self.shaded, style);
        svg.end();
    }
}

/// Writes `countries` as the group `id`, each named for Inkscape and filled
/// darker where `shaded` says it has incidents.
pub(crate) fn draw_countries(
    svg: &mut Svg,
    id: &str,
    countries: &[LandShape],
    shaded: &[bool],
    style: &Style,
) {
    let c = &style.colours;
    svg.group(&format!(
        "id=\"{id}\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" fill-rule=\"evenodd\"",
        c.borders,
        num(style.sizes.borders)
    ));
    for (country, &shaded) in countries.iter().zip(shaded) {
        let fill = if shaded {
            &c.land_with_incidents
        } else {
            &c.land
        };
        svg.element(&format!(
            "<path inkscape:label=\"{}\" fill=\"{fill}\" d=\"{}\"/>",
            svg::escape(&country.country.name),
            svg::multipolygon_path(&country.shape)
        ));
    }
    svg.end();
}

/// Which of the drawn countries have incidents: those the geocoder put rows
/// in, and those holding a row placed by its own coordinates alone.
pub(crate) fn shaded_countries(located: &MapRows, countries: &[LandShape]) -> Vec<bool> {
    let named: std::collections::HashSet<&str> = located
        .countries()
        .filter_map(crate::gazetteer::iso_numeric)
        .collect();
    countries
        .iter()
        .map(|c| {
            c.country
                .iso_numeric
                .as_deref()
                .is_some_and(|n| named.contains(n))
                || located
                    .unnamed_points()
                    .iter()
                    .any(|&(lon, lat)| holds(&c.country.shape, &geo::Point::new(lon, lat)))
        })
        .collect()
}

/// Whether a place lies in a shape, or within 0.1° of its outline (places
/// on the coast may fall just outside the generalised shape).
pub(crate) fn holds(shape: &geo::MultiPolygon<f64>, p: &geo::Point<f64>) -> bool {
    use geo::{BoundingRect, Distance, Euclidean};
    let near = shape.bounding_rect().is_some_and(|b| {
        p.x() >= b.min().x - 0.1
            && p.x() <= b.max().x + 0.1
            && p.y() >= b.min().y - 0.1
            && p.y() <= b.max().y + 0.1
    });
    near && (shape.contains(p) || Euclidean.distance(p, shape) < 0.1)
}
