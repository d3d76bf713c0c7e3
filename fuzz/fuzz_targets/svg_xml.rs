//! Fuzzes the renderer's XML safety: any text as a row's place, type and
//! description and as the title. Every SVG written must be XML 1.0 (no
//! character XML forbids) and parse as strict XML (resvg's reader).
#![no_main]

use incimap::gazetteer::Gazetteer;
use incimap::geocode::{self};
use incimap::incident::{self, ReadOptions};
use incimap::render::{self, MapOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::embedded)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\n');
    let (place, kind, description, title) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let csv = format!(
        "place,type,description,latitude,longitude\n{},{},{},40.5,72.8\n",
        quote(place),
        quote(kind),
        quote(description)
    );
    let Ok(read) = incident::read(csv.as_bytes(), "fuzz.csv", &ReadOptions::default()) else {
        return;
    };
    let g = geocode::geocode(read, gazetteer());
    let options = MapOptions {
        title: Some(title.to_string()),
        timeline: true,
        ..MapOptions::default()
    };
    let Ok(map) = render::render(&g, &options) else {
        return;
    };
    assert!(!map.svg.chars().any(incimap::text::is_dropped), "a dropped character in the SVG");
    render::formats::png(&map.svg, 24.0, &options.style.typeface).expect("the SVG parses");
});
