//! The map's layers, one module each. A layer is made from the [`Plan`]
//! and what the layers placed before it took ([`Taken`]); it says what it
//! takes itself ([`Layer::reserve`]) and writes itself into the SVG
//! ([`Layer::draw`]), as its own Inkscape layer.
//!
//! Layers are placed in order of importance (incidents, their labels,
//! context places, country and province names) and drawn from the bottom
//! up (basemap, reference layers, incidents, labels, legend).

pub(crate) mod background;
pub(crate) mod basemap;
pub(crate) mod choropleth;
pub(crate) mod context;
pub(crate) mod foot;
pub(crate) mod frame;
pub(crate) mod graticule;
pub(crate) mod incidents;
pub(crate) mod inset;
pub(crate) mod labels;
pub(crate) mod lakes;
pub(crate) mod legend;
pub(crate) mod provinces;
pub(crate) mod rivers;
pub(crate) mod title;
pub(crate) mod zoom;

use super::labels::{Rect, Segment};
use super::plan::Plan;
use super::svg::Svg;
use super::{Layout, reference};
use basemap::Basemap;
use choropleth::{ChoroplethFills, ChoroplethKey};
use context::ContextPlaces;
use frame::FrameOutline;
use graticule::Graticule;
use incidents::Incidents;
use inset::Inset;
use labels::{CountryNames, Labels, PlaceLabels};
use lakes::Lakes;
use legend::{Legend, ScaleBar};
use provinces::Provinces;
use rivers::Rivers;
use title::Title;
use zoom::ZoomInset;

/// What the layers placed so far take on the map, for later ones to avoid.
#[derive(Clone, Debug, Default)]
pub(crate) struct Taken {
    /// Markers' boxes (incidents, then context places).
    pub markers: Vec<Rect>,
    /// Text boxes: labels and names.
    pub labels: Vec<Rect>,
    /// Boxes over the map: legend, scale bar, inset.
    pub panels: Vec<Rect>,
    /// Lines text must not cross: leaders.
    pub segments: Vec<Segment>,
}

impl Taken {
    /// Everything an area name (a country, a province) keeps clear of:
    /// markers and labels with a margin, and the panels.
    pub fn blocked(&self) -> Vec<Rect> {
        let mut blocked: Vec<Rect> = self.markers.iter().map(|b| b.inflate(2.0)).collect();
        blocked.extend(self.labels.iter().map(|b| b.inflate(2.0)));
        blocked.extend(&self.panels);
        blocked
    }
}

/// One layer of the map.
pub(crate) trait Layer {
    /// Adds what the layer covers to `taken` (nothing by default: lines and
    /// fills under the text do not block it).
    fn reserve(&self, _plan: &Plan, _taken: &mut Taken) {}

    /// Writes the layer into `svg`.
    fn draw(&self, svg: &mut Svg, plan: &Plan);
}

/// What [`draw_map`] placed.
pub(crate) struct Drawn {
    /// The place labels, and the names left out.
    pub place_labels: PlaceLabels,
    /// The country names.
    pub country_names: CountryNames,
    /// The context places.
    pub context: ContextPlaces,
    /// The provinces, when drawn.
    pub provinces: Option<Provinces>,
    /// The zoom inset, when the map has one.
    pub zoom: Option<ZoomInset>,
    /// Rivers were drawn (their credit is due).
    pub rivers: bool,
}

impl Drawn {
    /// The credits the layers drawn call for.
    pub fn credits(&self) -> Vec<&'static str> {
        if self.rivers {
            vec![reference::GSHHG_CREDIT]
        } else {
            Vec::new()
        }
    }

    /// Where everything went, on a figure `height` tall with the timeline
    /// at `timeline`.
    pub fn layout(self, plan: &Plan, height: f64, timeline: Option<Rect>) -> Layout {
        Layout {
            width: plan.options.width,
            height,
            frame: plan.rect(),
            globe: plan.globe,
            markers: plan.markers.clone(),
            labels: self.place_labels.placed,
            country_labels: self.country_names.placed,
            context_labels: self.context.labels,
            province_labels: self.provinces.map(|p| p.names).unwrap_or_default(),
            legend: plan.fitted.legend,
            scale_bar: plan.fitted.scale.as_ref().map(|s| s.1),
            inset: plan.fitted.inset,
            timeline,
            choropleth_key: plan.fitted.key,
            panels: Vec::new(),
            zoom: self.zoom.map(|z| z.layout),
        }
    }
}

/// Places the map's layers by importance, each keeping clear of what the
/// ones before it took, and draws them from the bottom up: everything but
/// the page's background and what goes under the map (timeline, credits).
pub(crate) fn draw_map(plan: &Plan, svg: &mut Svg, notes: &mut Vec<String>) -> Drawn {
    std::thread::scope(|scope| {
        // The basemap and the reference lines depend on the plan alone: they
        // are decoded and clipped on a second core while labels are placed.
        let background = scope.spawn(|| Reference {
            basemap: Basemap::new(plan),
            rivers: Rivers::new(plan),
            lakes: Lakes::new(plan),
        });
        let labelled = place_incident_labels(plan);
        let reference = background
            .join()
            .expect("the basemap thread does not panic");
        draw_layers(plan, svg, notes, labelled, reference)
    })
}

/// The incidents' labels, the zoom inset that names what does not fit, the
/// context places, and what they take.
struct Labelled {
    place_labels: PlaceLabels,
    zoom: Option<ZoomInset>,
    context: ContextPlaces,
    taken: Taken,
}

/// The layers made from the plan alone.
struct Reference {
    basemap: Basemap,
    rivers: Option<Rivers>,
    lakes: Option<Lakes>,
}

/// Places the incidents' labels (and a zoom inset for those that do not
/// fit), then the context places, each keeping clear of what came before.
fn place_incident_labels(plan: &Plan) -> Labelled {
    let mut taken = Taken {
        panels: plan.panels(),
        ..Taken::default()
    };
    Incidents.reserve(plan, &mut taken);
    let mut place_labels = PlaceLabels::place(plan, &taken, &Default::default());
    // Labels left out in a cluster: a zoom inset names them, and the map
    // leaves the places it shows to it (not in a facet's small panels).
    let zoom = (!plan.panel)
        .then(|| ZoomInset::place(plan, &taken, &place_labels))
        .flatten()
        .map(|(z, labels)| {
            z.reserve(&mut taken);
            place_labels = labels;
            z
        });
    place_labels.reserve(&mut taken);
    let context = ContextPlaces::place(plan, &taken);
    context.reserve(plan, &mut taken);
    Labelled {
        place_labels,
        zoom,
        context,
        taken,
    }
}

/// Places the area names, then draws every layer from the bottom up.
fn draw_layers(
    plan: &Plan,
    svg: &mut Svg,
    notes: &mut Vec<String>,
    labelled: Labelled,
    reference: Reference,
) -> Drawn {
    let style = plan.style;
    let Labelled {
        place_labels,
        zoom,
        context,
        mut taken,
    } = labelled;
    let Reference {
        basemap,
        rivers,
        lakes,
    } = reference;
    let country_names = CountryNames::place(plan, &basemap, &taken);
    country_names.reserve(&mut taken);
    // A province is not named again where a town of its name is labelled,
    // but on a choropleth, whose subject the provinces are.
    let towns: Vec<&str> = place_labels
        .placed
        .iter()
        .chain(&context.labels)
        .filter(|_| plan.choropleth.is_none())
        .map(|l| l.text.as_str())
        .collect();
    let provinces = Provinces::new(plan).map(|mut p| {
        p.name(plan, &taken, &towns);
        p
    });
    if let Some(p) = &provinces {
        p.reserve(plan, &mut taken);
    }
    let fills = plan.choropleth.map(|t| ChoroplethFills::new(plan, t));
    let graticule = style
        .layers
        .graticule
        .then(|| Graticule::new(plan, basemap.sea.as_ref(), notes));
    let title = Title::new(plan);

    let frame = FrameOutline {
        sea: basemap.sea.as_ref(),
    };
    let labels = Labels {
        places: &place_labels,
        countries: &country_names,
    };
    let outline = zoom.as_ref().map(ZoomInset::outline);
    // From the bottom up; the reference layers under the frame's line.
    let mut stack: Vec<&dyn Layer> = vec![&basemap];
    let optional: [Option<&dyn Layer>; 5] = [
        fills.as_ref().map(|l| l as &dyn Layer),
        lakes.as_ref().map(|l| l as &dyn Layer),
        graticule.as_ref().map(|l| l as &dyn Layer),
        rivers.as_ref().map(|l| l as &dyn Layer),
        provinces.as_ref().map(|l| l as &dyn Layer),
    ];
    stack.extend(optional.into_iter().flatten());
    stack.push(&frame);
    if let Some(o) = &outline {
        stack.push(o);
    }
    if !context.is_empty() {
        stack.push(&context);
    }
    stack.extend::<[&dyn Layer; 7]>([
        &Incidents,
        &labels,
        &Legend,
        &ChoroplethKey,
        &ScaleBar,
        &Inset,
        &title,
    ]);
    if let Some(z) = &zoom {
        stack.push(z);
    }
    for layer in stack {
        layer.draw(svg, plan);
    }
    Drawn {
        place_labels,
        country_names,
        context,
        provinces,
        zoom,
        rivers: rivers.is_some(),
    }
}
