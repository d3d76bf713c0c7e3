//! incimap: turn a spreadsheet of incidents into publication-ready maps and GIS data.
//!
//! The pipeline runs one way, one module per stage:
//! [`incident`] reads the CSV, [`geocode`] locates each row with the [`gazetteer`],
//! then [`export`] writes GeoJSON and CSV, and [`render`] draws the SVG map.

pub mod export;
pub mod extract;
pub mod filter;
pub mod gazetteer;
pub mod geocode;
pub mod incident;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod text;

/// Credit line for the GeoNames data, required by its CC BY 4.0 licence.
pub const GEONAMES_CREDIT: &str = "Gazetteer: GeoNames (CC BY 4.0)";
/// Credit line for the Natural Earth basemap (public domain).
pub const NATURAL_EARTH_CREDIT: &str = "Basemap: Natural Earth";
