//! Fuzzes the place lookup: a place, a country hint and a province hint,
//! separated by line breaks, through the geocoder and the gazetteer.
#![no_main]

use std::sync::OnceLock;

use incimap::gazetteer::{Gazetteer, Hints};
use incimap::geocode::Geocoder;
use libfuzzer_sys::fuzz_target;

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::embedded)
}

fuzz_target!(|text: &str| {
    let mut parts = text.splitn(3, '\n');
    let place = parts.next().unwrap_or("");
    let country = parts.next().unwrap_or("");
    let province = parts.next().unwrap_or("");
    let outcome = Geocoder::new(gazetteer()).resolve(place, country, province);
    assert_eq!(outcome.status.is_located(), outcome.location.is_some());
    if let Some(at) = outcome.location {
        assert!(at.lat.abs() <= 90.0 && at.lon.abs() <= 180.0);
    }
    let ranked = gazetteer().search(place, &Hints::default());
    assert!(
        ranked.windows(2).all(|w| w[0].key <= w[1].key),
        "ranked best first"
    );
});
