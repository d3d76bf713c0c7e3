//! incimap: turn a spreadsheet of incidents into publication-ready maps and GIS data.
//!
//! The pipeline runs one way, one module per stage:
//! [`incident`] reads the CSV, [`geocode`] locates each row with the [`gazetteer`],
//! then [`export`] writes GeoJSON and CSV, and [`render`] draws the SVG map.
//! [`job`] puts them together as the command line runs them, streaming files
//! of any size.
//!
//! # Quick start
//!
//! A map and GeoJSON from a CSV in memory:
//!
//! ```
//! use incimap::{export, gazetteer::Gazetteer, geocode, incident, render};
//!
//! let csv = "date,place,country,type,fatalities\n\
//!            2024-03-22,Krasnogorsk,RU,Armed attack,145\n\
//!            2024-01-03,Kerman,IR,Suicide bombing,95\n\
//!            2018-07-29,Danghara,TJ,Vehicle ramming,4\n";
//! let rows = incident::read(csv.as_bytes(), "sheet.csv", &Default::default())?;
//! let located = geocode::geocode(rows, &Gazetteer::embedded());
//! assert!(located.rows.iter().all(|row| row.outcome.location.is_some()));
//!
//! let map = render::render(&located, &render::MapOptions::default())?;
//! assert!(map.svg.starts_with("<svg") || map.svg.starts_with("<?xml"));
//!
//! let mut geojson = Vec::new();
//! export::write_geojson(&located, &mut geojson)?;
//! assert!(String::from_utf8(geojson)?.contains("\"Kerman\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! From a file, as `incimap map` does, see [`job::MapJob`].

pub mod export;
pub mod extract;
pub mod filter;
pub mod gazetteer;
pub mod geocode;
pub mod incident;
pub mod job;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod text;

/// Credit line for the GeoNames data, required by its CC BY 4.0 licence.
pub const GEONAMES_CREDIT: &str = "Gazetteer: GeoNames (CC BY 4.0)";
/// Credit line for the Natural Earth basemap (public domain).
pub const NATURAL_EARTH_CREDIT: &str = "Basemap: Natural Earth";
