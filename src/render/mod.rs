//! The map: projection, basemap, symbols, labels and layout, written as layered SVG.

pub mod basemap;
