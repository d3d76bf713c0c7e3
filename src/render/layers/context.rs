//! The context places layer: capitals and the larger cities of the extent
//! as small grey points with their names, so that a reader can tell where
//! the incidents are. They give way to everything about the incidents: a
//! city at an incident's place is left out, and a name that does not fit
//! beside its point (clear of markers, incident labels and panels) takes
//! its point with it.

use super::{Layer, Taken};
use crate::render::labels::{self, LabelRequest, PlacedLabel, Rect};
use crate::render::plan::Plan;
use crate::render::reference;
use crate::render::svg::{Svg, num};

/// Frame area, in square pixels, per context place at most.
const AREA_PER_PLACE: f64 = 230.0 * 230.0;
/// Closest two context places may be, in pixels.
const SPACING: f64 = 70.0;

/// The context places drawn, with their names.
pub(crate) struct ContextPlaces {
    dots: Vec<(f64, f64)>,
    /// Their names.
    pub labels: Vec<PlacedLabel>,
}

impl ContextPlaces {
    /// Capitals first, then cities by population, inside the frame, apart
    /// from each other and from the incidents, at most one per
    /// [`AREA_PER_PLACE`]; each kept only where its name fits beside it.
    pub fn place(plan: &Plan, taken: &Taken) -> ContextPlaces {
        let style = plan.style;
        let none = ContextPlaces {
            dots: Vec::new(),
            labels: Vec::new(),
        };
        if !style.layers.context_places || plan.globe {
            return none;
        }
        let r = plan.rect();
        let inside = r.inflate(-8.0);
        let most = ((r.width() * r.height()) / AREA_PER_PLACE).clamp(3.0, 30.0) as usize;
        let projector = plan.projector();
        let radius = style.sizes.context_marker;
        let near_incident = |p: (f64, f64)| {
            taken
                .markers
                .iter()
                .chain(&taken.labels)
                .any(|m| m.inflate(6.0).contains_point(p))
        };
        let view = super::provinces::frame_degrees(plan);
        let in_view = |c: &&reference::City| {
            view.is_none_or(|v| {
                (v.min().x..=v.max().x).contains(&c.lon) && (v.min().y..=v.max().y).contains(&c.lat)
            })
        };
        let cities: Vec<&reference::City> = reference::cities().iter().filter(in_view).collect();
        let mut chosen: Vec<(&reference::City, (f64, f64))> = Vec::new();
        // Capitals, then the rest, each largest first.
        for &city in cities
            .iter()
            .filter(|c| c.capital)
            .chain(cities.iter().filter(|c| !c.capital))
        {
            if chosen.len() >= most {
                break;
            }
            let Some(p) = projector.absolute(city.lon, city.lat) else {
                continue;
            };
            if !inside.contains_point(p)
                || near_incident(p)
                || chosen
                    .iter()
                    .any(|(_, q)| (p.0 - q.0).hypot(p.1 - q.1) < SPACING)
            {
                continue;
            }
            chosen.push((city, p));
        }
        let boxes: Vec<Rect> = chosen
            .iter()
            .map(|(_, p)| Rect::around(p.0, p.1, radius + 1.0))
            .collect();
        let requests: Vec<LabelRequest> = chosen
            .iter()
            .zip(&boxes)
            .map(|((city, _), b)| LabelRequest {
                text: city.name.to_string(),
                anchor: *b,
            })
            .collect();
        let mut markers = taken.markers.clone();
        markers.extend(&boxes);
        let mut reserved: Vec<Rect> = taken.labels.iter().map(|b| b.inflate(2.0)).collect();
        reserved.extend(&taken.panels);
        let (placed, _) = labels::place_beside(
            &requests,
            &markers,
            &reserved,
            r,
            &style.typeface.regular,
            style.sizes.context_labels,
        );
        let dots = chosen
            .iter()
            .zip(&boxes)
            .filter(|(_, b)| placed.iter().any(|l| l.anchor == **b))
            .map(|((_, p), _)| *p)
            .collect();
        ContextPlaces {
            dots,
            labels: placed,
        }
    }

    /// Whether any place is drawn.
    pub fn is_empty(&self) -> bool {
        self.dots.is_empty()
    }
}

impl Layer for ContextPlaces {
    fn reserve(&self, plan: &Plan, taken: &mut Taken) {
        let radius = plan.style.sizes.context_marker + 1.0;
        taken
            .markers
            .extend(self.dots.iter().map(|p| Rect::around(p.0, p.1, radius)));
        taken.labels.extend(self.labels.iter().map(|l| l.bbox));
    }

    fn draw(&self, svg: &mut Svg, plan: &Plan) {
        let style = plan.style;
        let c = &style.colours;
        svg.text_layer(
            "context-places",
            "Context places",
            style,
            Some(style.sizes.context_labels),
            &c.context_places,
        );
        svg.group("id=\"context-points\" stroke=\"#ffffff\" stroke-width=\"0.8\"");
        for p in &self.dots {
            svg.element(&format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                num(p.0),
                num(p.1),
                num(style.sizes.context_marker)
            ));
        }
        svg.end();
        svg.group("id=\"context-names\"");
        super::labels::draw_point_labels(svg, &self.labels, &c.leaders);
        svg.end();
        svg.end();
    }
}
