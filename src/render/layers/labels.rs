//! The labels layer: country names, then place labels with their leaders.
//! Place labels are placed first (they name the incidents); country names
//! go where the labels and markers leave room.

use std::collections::BTreeSet;

use super::basemap::Basemap;
use super::{Layer, Taken};
use crate::render::labels::{self, AreaLabel, LabelRequest, PlacedLabel};
use crate::render::plan::Plan;
use crate::render::svg::{Svg, num};

/// Labels naming the incidents' places.
pub(crate) struct PlaceLabels {
    /// Labels drawn.
    pub placed: Vec<PlacedLabel>,
    /// Names that found no room.
    pub unplaced: Vec<String>,
    /// The places (groups of the sites) of those names.
    pub dropped: Vec<usize>,
}

impl PlaceLabels {
    /// Each place's name beside its markers, clear of the markers and the
    /// panels; the places in `skip` (named elsewhere: in a zoom inset) are
    /// left to it.
    pub fn place(plan: &Plan, taken: &Taken, skip: &BTreeSet<usize>) -> PlaceLabels {
        let style = plan.style;
        if !style.layers.labels {
            return PlaceLabels {
                placed: Vec::new(),
                unplaced: Vec::new(),
                dropped: Vec::new(),
            };
        }
        let requests = plan
            .sites
            .label_requests(|k| taken.markers[k], |g| !skip.contains(&g));
        let (groups, requests): (Vec<usize>, Vec<LabelRequest>) = requests.into_iter().unzip();
        let (placed, unplaced) = labels::place(
            &requests,
            &taken.markers,
            &taken.panels,
            plan.rect(),
            &style.typeface.regular,
            style.sizes.labels,
        );
        let dropped = groups
            .iter()
            .zip(&requests)
            .filter(|(_, r)| !placed.iter().any(|l| l.anchor == r.anchor))
            .map(|(&g, _)| g)
            .collect();
        PlaceLabels {
            placed,
            unplaced,
            dropped,
        }
    }

    /// Takes the labels' boxes and their leaders.
    pub fn reserve(&self, taken: &mut Taken) {
        taken.labels.extend(self.placed.iter().map(|l| l.bbox));
        taken
            .segments
            .extend(self.placed.iter().filter_map(|l| l.leader));
    }
}

/// Country names inside their countries.
pub(crate) struct CountryNames {
    /// Names drawn.
    pub placed: Vec<AreaLabel>,
}

impl CountryNames {
    /// Names inside their countries, clear of everything taken.
    pub fn place(plan: &Plan, basemap: &Basemap, taken: &Taken) -> CountryNames {
        let style = plan.style;
        if !style.layers.country_names {
            return CountryNames { placed: Vec::new() };
        }
        let areas: Vec<(String, geo::MultiPolygon<f64>)> = basemap
            .countries
            .iter()
            .map(|c| (c.country.name.to_uppercase(), c.shape.clone()))
            .collect();
        let size = style.sizes.country_names;
        let placed = labels::place_in_areas(
            &areas,
            &taken.blocked(),
            &taken.segments,
            plan.rect(),
            &style.typeface.regular,
            size,
            size * 0.12,
        );
        CountryNames { placed }
    }

    /// Takes the names' boxes.
    pub fn reserve(&self, taken: &mut Taken) {
        taken.labels.extend(self.placed.iter().map(|l| l.bbox));
    }
}

/// The labels layer as drawn.
pub(crate) struct Labels<'a> {
    /// Place labels.
    pub places: &'a PlaceLabels,
    /// Country names.
    pub countries: &'a CountryNames,
}

impl Layer for Labels<'_> {
    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let style = plan.style;
        let c = &style.colours;
        svg.text_layer("labels", "Labels", style, None, &c.text);
        svg.group(&format!(
            "id=\"country-names\" fill=\"{}\" text-anchor=\"middle\"",
            c.country_names
        ));
        for label in &self.countries.placed {
            draw_area_label(svg, label);
        }
        svg.end();
        svg.group(&format!(
            "id=\"place-labels\" font-size=\"{}\"",
            num(style.sizes.labels)
        ));
        draw_point_labels(svg, &self.places.placed, &c.leaders);
        svg.end();
        svg.end();
    }
}

/// An area's name, line by line, centred.
pub(crate) fn draw_area_label(svg: &mut Svg, label: &AreaLabel) {
    for (line, &(x, y)) in label.lines.iter().zip(&label.baselines) {
        // letter-spacing adds space after the last letter too: shift by half of it.
        svg.text(
            x + label.spacing / 2.0,
            y,
            &format!(
                "font-size=\"{}\" letter-spacing=\"{}\"",
                num(label.size),
                num(label.spacing)
            ),
            line,
        );
    }
}

/// Point labels with a white halo, and their leaders in `leader_colour`.
pub(crate) fn draw_point_labels(svg: &mut Svg, placed: &[PlacedLabel], leader_colour: &str) {
    for label in placed {
        if let Some((a, b)) = label.leader {
            svg.element(&format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"0.7\"/>",
                num(a.0),
                num(a.1),
                num(b.0),
                num(b.1),
                leader_colour
            ));
        }
        svg.text(
            label.x,
            label.y,
            "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
            &label.text,
        );
    }
}
