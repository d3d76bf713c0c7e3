//! Geocoding against the embedded gazetteer.

use incimap::gazetteer::Gazetteer;
use incimap::geocode::{Geocoder, Status, distance_km};
use incimap::incident::{self, ReadOptions};

/// GeoNames coordinates (latitude, longitude) of the design-card places.
const DESIGN_CARD: [(&str, f64, f64); 8] = [
    ("Danghara", 38.09578, 69.33998),
    ("Khujand", 40.28256, 69.62216),
    ("Jalal-Abad", 40.94498, 72.99313),
    ("Kulyab", 37.91459, 69.78454),
    ("Bishkek", 42.87, 74.59),
    ("Moscow", 55.75204, 37.61781),
    ("Kerman", 30.28321, 57.07879),
    ("Istanbul", 41.01384, 28.94966),
];

#[test]
fn design_card_places_resolve_without_a_country() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/design_card.csv");
    let read = incident::read_path(&path, &ReadOptions::default()).unwrap();
    let gazetteer = Gazetteer::embedded();
    let geocoded = incimap::geocode::geocode(read, &gazetteer);
    for (row, (name, lat, lon)) in geocoded.rows.iter().zip(DESIGN_CARD) {
        let at = row
            .outcome
            .location
            .unwrap_or_else(|| panic!("{name} not located: {}", row.outcome.reason));
        let km = distance_km(at.lat, at.lon, lat, lon);
        assert!(
            km < 15.0,
            "{name} is {km:.0} km from GeoNames' point ({})",
            row.outcome.reason
        );
        assert_ne!(
            row.outcome.status,
            Status::Ambiguous,
            "{name}: {}",
            row.outcome.reason
        );
    }
}

#[test]
fn hyphenated_jalal_abad_is_kyrgyz_but_jalalabad_in_af_is_afghan() {
    let g = Gazetteer::embedded();
    let geocoder = Geocoder::new(&g);
    let kg = geocoder.resolve("Jalal-Abad", "", "");
    assert_eq!(kg.matched.as_ref().unwrap().country, "KG", "{}", kg.reason);
    let af = geocoder.resolve("Jalalabad", "AF", "");
    assert_eq!(af.matched.as_ref().unwrap().country, "AF", "{}", af.reason);
}

#[test]
fn embedded_index_matches_the_embedded_table() {
    let g = Gazetteer::embedded();
    let places: Vec<_> = g.places().cloned().collect();
    let (fst, postings) = incimap::gazetteer::build_index(&places);
    let (embedded_fst, embedded_postings) = incimap::gazetteer::embedded_index();
    assert!(
        fst == embedded_fst && postings == embedded_postings,
        "rebuild with `cargo run --release --features dev-tools --bin incimap-build-data`"
    );
}

#[test]
fn a_department_kind_word_finds_the_province() {
    let gazetteer = Gazetteer::embedded();
    let geocoder = Geocoder::new(&gazetteer);
    for (place, country) in [("Antioquia department", "CO"), ("Morazan department", "SV")] {
        let outcome = geocoder.resolve(place, "", "");
        let matched = outcome.matched.expect(place);
        assert_eq!(matched.country, country, "{place}");
        assert_eq!(matched.kind, incimap::gazetteer::Kind::Admin1, "{place}");
    }
}
