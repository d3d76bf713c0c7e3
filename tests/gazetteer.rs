//! The geocoding rules, one case each: spellings, scripts, ambiguity,
//! provinces, countries, suggestions, user files.

use std::path::{Path, PathBuf};

use incimap::gazetteer::{self, Gazetteer, Hints, Kind, fold};
use incimap::geocode::{Geocoder, Outcome, Precision, Status, distance_km};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/gazetteer")
        .join(name)
}

fn resolve(g: &Gazetteer, place: &str, country: &str) -> Outcome {
    Geocoder::new(g).resolve(place, country, "")
}

/// Asserts the outcome is within 15 km of (lat, lon) in `country`.
fn assert_at(o: &Outcome, country: &str, lat: f64, lon: f64) {
    let m = o
        .matched
        .as_ref()
        .unwrap_or_else(|| panic!("not located: {}", o.reason));
    assert_eq!(m.country, country, "{}", o.reason);
    let at = o.location.unwrap();
    let km = distance_km(at.lat, at.lon, lat, lon);
    assert!(km < 15.0, "{km:.0} km off: {}", o.reason);
}

#[test]
fn folding_handles_case_diacritics_apostrophes_hyphens_and_tajik_letters() {
    assert_eq!(fold("İstanbul"), fold("istanbul"));
    assert_eq!(fold("Kŭlob"), "kulob");
    assert_eq!(fold("Mazār-e Sharīf"), "mazaresharif");
    assert_eq!(fold("Boneh-ye ‘Alvān"), fold("Boneh-ye Alvan"));
    assert_eq!(fold("Jalal-Abad"), fold("Jalal Abad"));
    assert_eq!(fold("Jalal-Abad"), fold("Jalalabad"));
    assert_eq!(fold("Кӯлоб"), fold("Кулоб"));
    assert_eq!(fold("Ҳисор"), fold("Хисор"));
}

#[test]
fn kulyab_in_every_spelling_is_kulob_tajikistan() {
    let g = Gazetteer::embedded();
    for name in ["Kulyab", "Kulob", "Куляб", "Кулоб", "Kŭlob", "kulyab"] {
        assert_at(&resolve(&g, name, ""), "TJ", 37.91459, 69.78454);
    }
}

#[test]
fn khujand_in_every_spelling() {
    let g = Gazetteer::embedded();
    for name in ["Khujand", "Khudzhand", "Худжанд", "Khodjent", "Hujand"] {
        let o = resolve(&g, name, "");
        assert_at(&o, "TJ", 40.28256, 69.62216);
        assert_eq!(
            o.precision,
            Some(Precision::City),
            "{name}: a city, not the Sughd region"
        );
    }
    assert_eq!(
        resolve(&g, "Hujand", "").status,
        Status::Folded,
        "a transliteration variant"
    );
}

#[test]
fn dangara_is_danghara() {
    let g = Gazetteer::embedded();
    assert_at(&resolve(&g, "Dangara", ""), "TJ", 38.09578, 69.33998);
    assert_at(&resolve(&g, "Dangara", "TJK"), "TJ", 38.09578, 69.33998);
}

#[test]
fn jalal_abad_as_written_is_kyrgyz_and_jalalabad_with_af_is_afghan() {
    let g = Gazetteer::embedded();
    let kg = resolve(&g, "Jalal-Abad", "");
    assert_at(&kg, "KG", 40.94498, 72.99313);
    assert!(
        kg.runner_up.as_deref().unwrap_or("").contains("AF"),
        "the Afghan city is the runner-up: {kg:?}"
    );
    assert_at(&resolve(&g, "Jalal-Abad", "KG"), "KG", 40.94498, 72.99313);
    assert_at(&resolve(&g, "Jalalabad", "AF"), "AF", 34.42647, 70.45153);
    assert_at(
        &resolve(&g, "Jalalabad", "Afghanistan"),
        "AF",
        34.42647,
        70.45153,
    );
}

#[test]
fn moscow_and_kerman_with_and_without_us() {
    let g = Gazetteer::embedded();
    assert_at(&resolve(&g, "Moscow", ""), "RU", 55.75204, 37.61781);
    assert_at(&resolve(&g, "Moscow", "US"), "US", 46.73239, -117.00017);
    assert_at(&resolve(&g, "Moscow", "USA"), "US", 46.73239, -117.00017);
    assert_at(&resolve(&g, "Kerman", ""), "IR", 30.28321, 57.07879);
    assert_at(&resolve(&g, "Kerman", "US"), "US", 36.72356, -120.05988);
    let o = resolve(&g, "Kerman", "");
    assert!(
        o.reason.contains("over Kerman (California, US)") && o.reason.contains("larger population"),
        "the reason names the runner-up and the deciding feature: {}",
        o.reason
    );
}

#[test]
fn the_country_hint_is_a_filter_not_a_tiebreak() {
    let g = Gazetteer::embedded();
    let o = resolve(&g, "Bishkek", "UZ");
    assert_eq!(o.status, Status::Unresolved);
    assert!(o.reason.contains("not in UZ"), "{}", o.reason);
}

#[test]
fn istanbul_with_dotted_capital() {
    let g = Gazetteer::embedded();
    assert_at(&resolve(&g, "İstanbul", ""), "TR", 41.01384, 28.94966);
}

#[test]
fn provinces_resolve_to_their_representative_point() {
    let g = Gazetteer::embedded();
    for (name, country) in [
        ("Khatlon", "TJ"),
        ("Nangarhar province", "AF"),
        ("Sughd region", "TJ"),
    ] {
        let o = resolve(&g, name, "");
        assert_eq!(o.status, Status::Admin1, "{name}: {}", o.reason);
        assert_eq!(o.precision, Some(Precision::Admin1));
        assert_eq!(o.matched.as_ref().unwrap().country, country);
    }
}

#[test]
fn countries_resolve_to_their_representative_point() {
    let g = Gazetteer::embedded();
    for name in ["Tajikistan", "Таджикистан", "Kyrgyzstan", "Türkiye"] {
        let o = resolve(&g, name, "");
        assert_eq!(o.status, Status::Country, "{name}: {}", o.reason);
        assert_eq!(o.precision, Some(Precision::Country));
    }
    // Tajikistan's point lies inside Tajikistan's own bounding box.
    let at = resolve(&g, "Tajikistan", "").location.unwrap();
    assert!(
        (67.3..75.2).contains(&at.lon) && (36.6..41.1).contains(&at.lat),
        "{at:?}"
    );
}

#[test]
fn place_comma_country_and_place_comma_province() {
    let g = Gazetteer::embedded();
    assert_at(
        &resolve(&g, "Moscow, Idaho", ""),
        "US",
        46.73239,
        -117.00017,
    );
    assert_at(&resolve(&g, "Kerman, Iran", ""), "IR", 30.28321, 57.07879);
    assert_at(&resolve(&g, "Kulob, Khatlon", ""), "TJ", 37.91459, 69.78454);
}

#[test]
fn a_misspelling_is_unresolved_with_a_suggestion() {
    let g = Gazetteer::embedded();
    let o = resolve(&g, "Khujandd", "");
    assert_eq!(o.status, Status::Unresolved);
    assert!(o.location.is_none());
    assert_eq!(
        o.suggestions.first().map(String::as_str),
        Some("Khujand, TJ"),
        "{o:?}"
    );
}

#[test]
fn short_codes_never_win_over_real_names() {
    let g = Gazetteer::embedded();
    // "MOW" is an airport code among Moscow's alternate names in GeoNames.
    assert!(
        incimap::geocode::score::rank(&g, "MOW", &Hints::default(), None)
            .iter()
            .all(|r| r.candidate.matched_name != "MOW")
    );
}

#[test]
fn curated_names_ship_with_the_project() {
    let g = Gazetteer::embedded();
    let o = resolve(&g, "Crocus City Hall", "");
    assert_at(&o, "RU", 55.8256, 37.3886);
    assert_eq!(o.matched.unwrap().kind, Kind::Site);
}

#[test]
fn close_candidates_that_nothing_separates_are_ambiguous() {
    let mut g = Gazetteer::embedded();
    g.add_file(&fixture("user_places.csv")).unwrap();
    let o = resolve(&g, "Novo Testovo", "");
    assert_eq!(o.status, Status::Ambiguous, "{}", o.reason);
    assert!(o.location.is_some(), "the best is still used");
    assert!(o.runner_up.as_deref().unwrap_or("").contains("KZ"), "{o:?}");
    assert_eq!(
        resolve(&g, "Novo Testovo", "KZ").status,
        Status::Exact,
        "a hint separates them"
    );
}

#[test]
fn a_user_gazetteer_overrides_an_embedded_place() {
    let mut g = Gazetteer::embedded();
    assert_eq!(g.add_file(&fixture("user_places.csv")).unwrap(), 3);
    let o = resolve(&g, "Danghara", "");
    assert_at(&o, "TJ", 38.1, 69.35);
    assert_eq!(
        o.location.unwrap().lat,
        38.1,
        "the user's coordinates, not GeoNames'"
    );
    let ranked = incimap::geocode::score::rank(&g, "Danghara", &Hints::default(), None);
    let with_id: Vec<_> = ranked
        .iter()
        .filter(|r| r.candidate.place.geonameid == Some(1221965))
        .collect();
    assert_eq!(with_id.len(), 1, "the overridden embedded entry is gone");
    assert!(with_id[0].candidate.place.origin.is_some());
    assert_eq!(resolve(&g, "Дангара", "").location.unwrap().lat, 38.1);
}

#[test]
fn a_geonames_dump_is_read_as_is() {
    let mut g = Gazetteer::embedded();
    assert_eq!(
        g.add_file(&fixture("geonames_sample.txt")).unwrap(),
        2,
        "ADM2 rows are skipped"
    );
    let o = resolve(&g, "Shaartuz Test", "");
    assert_at(&o, "TJ", 37.26, 68.13);
    assert_eq!(o.matched.as_ref().unwrap().geonameid, Some(9000001));
    assert_eq!(
        resolve(&g, "Kulyab", "").location.unwrap().lat,
        37.9,
        "user entry wins"
    );
}

#[test]
fn a_bad_user_file_names_the_line_and_column() {
    let mut g = Gazetteer::embedded();
    let err = g
        .add_file(&fixture("bad_places.csv"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("bad_places.csv") && err.contains("line 3") && err.contains("latitude"),
        "{err}"
    );
}

#[test]
fn variants_cover_the_common_transliteration_pairs() {
    let v = gazetteer::variants("Khudzhand");
    assert!(
        v.contains(&"hujand".to_string()) || v.contains(&"khujand".to_string()),
        "{v:?}"
    );
    assert!(gazetteer::variants("Kulyab").contains(&"kulob".to_string()));
    assert!(gazetteer::variants("Mazar-i-Sharif").contains(&"mazaresharif".to_string()));
}

#[test]
fn pashto_khel_and_khail_are_one_spelling() {
    let g = Gazetteer::embedded();
    for name in ["Musakhail", "Musa Khail", "Musakhel"] {
        assert_at(&resolve(&g, name, ""), "PK", 30.85944, 69.82208);
    }
}
