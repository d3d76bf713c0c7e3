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
