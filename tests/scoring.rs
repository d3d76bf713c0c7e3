//! The scored ranking, the file's context and the gazetteer's coverage,
//! each rule with its own cases, on the embedded data.

use std::sync::OnceLock;

use incimap::gazetteer::{Gazetteer, Kind};
use incimap::geocode::{Geocoder, Outcome, Status, context_of, distance_km};
use incimap::render::basemap::{self, Detail};

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::embedded)
}

fn alone(place: &str) -> Outcome {
    Geocoder::new(gazetteer()).resolve(place, "", "")
}

/// Each place of a sheet resolved with the others as context.
fn sheet(places: &[&str]) -> Vec<Outcome> {
    let context = context_of(gazetteer(), places.iter().map(|p| (*p, "", "")));
    let geocoder = Geocoder::new(gazetteer()).with_context(&context);
    places.iter().map(|p| geocoder.resolve(p, "", "")).collect()
}

fn kind_and_country(o: &Outcome) -> (Kind, String) {
    let m = o
        .matched
        .as_ref()
        .unwrap_or_else(|| panic!("unresolved: {}", o.reason));
    (m.kind, m.country.clone())
}

fn km_from(o: &Outcome, lat: f64, lon: f64) -> f64 {
    let at = o
        .location
        .unwrap_or_else(|| panic!("unresolved: {}", o.reason));
    distance_km(at.lat, at.lon, lat, lon)
}

#[test]
fn countries_win_over_towns_of_the_same_name() {
    for (name, cc) in [
        ("China", "CN"),
        ("Mexico", "MX"),
        ("Russia", "RU"),
        ("Morocco", "MA"),
    ] {
        let o = alone(name);
        assert_eq!(
            kind_and_country(&o),
            (Kind::Country, cc.into()),
            "{name}: {}",
            o.reason
        );
    }
}

#[test]
fn abbreviations_and_short_forms_name_countries_and_states() {
    for (name, kind, cc) in [
        ("UK", Kind::Country, "GB"),
        ("US", Kind::Country, "US"),
        ("U.S.", Kind::Country, "US"),
        ("USA", Kind::Country, "US"),
        ("UAE", Kind::Country, "AE"),
        ("DRC", Kind::Country, "CD"),
        ("NSW", Kind::Admin1, "AU"),
        ("Calif.", Kind::Admin1, "US"),
    ] {
        let o = alone(name);
        assert_eq!(
            kind_and_country(&o),
            (kind, cc.into()),
            "{name}: {}",
            o.reason
        );
    }
    // A state's abbreviation narrows a county: "Laurel County, Ky.".
    let o = alone("Laurel County, Ky.");
    assert_eq!(
        kind_and_country(&o),
        (Kind::Admin2, "US".into()),
        "{}",
        o.reason
    );
    assert_eq!(o.matched.unwrap().admin1, "Kentucky");
}

#[test]
fn demonyms_continents_and_regions_are_places() {
    assert_eq!(
        kind_and_country(&alone("Russian")),
        (Kind::Country, "RU".into())
    );
    assert_eq!(
        kind_and_country(&alone("Palestinians")),
        (Kind::Country, "PS".into())
    );
    let africa = alone("Africa");
    assert_eq!(
        africa.matched.as_ref().unwrap().kind,
        Kind::Area,
        "{}",
        africa.reason
    );
    assert_eq!(africa.status, Status::Area);
    let caucasus = alone("North Caucasus");
    assert!(
        km_from(&caucasus, 43.3, 44.5) < 300.0,
        "{}",
        caucasus.reason
    );
    // Regions news names that are also, folded, names of towns elsewhere
    // (Ghouta, a town in Slovakia) or of nothing in GeoNames.
    for (name, lat, lon) in [
        ("Eastern Ghouta", 33.57, 36.40),
        ("the Americas", 19.0, -96.0),
        ("Bay Area", 37.8, -122.3),
        ("Asia-Pacific", 5.0, 115.0),
    ] {
        let o = alone(name);
        assert!(km_from(&o, lat, lon) < 100.0, "{name}: {}", o.reason);
        assert_eq!(o.status, Status::Area, "{name}");
    }
}

#[test]
fn capitals_and_cities_win_over_hamlets_and_their_provinces() {
    // A provincial capital over a village of the same name.
    let faizabad = Geocoder::new(gazetteer()).resolve("Faizabad", "AF", "");
    assert!(
        km_from(&faizabad, 37.116, 70.58) < 25.0,
        "{}",
        faizabad.reason
    );
    // Cities over the governorates named after them.
    for (name, lat, lon) in [
        ("Raqqa", 35.95, 39.01),
        ("Daraa", 32.62, 36.10),
        ("Basra", 30.51, 47.78),
        // Written without the article GeoNames has (Al Hudaydah, El-Hodeidah).
        ("Hodeidah", 14.80, 42.95),
    ] {
        let o = alone(name);
        assert_eq!(
            o.matched.as_ref().unwrap().kind,
            Kind::City,
            "{name}: {}",
            o.reason
        );
        assert!(km_from(&o, lat, lon) < 25.0, "{name}: {}", o.reason);
    }
}

#[test]
fn a_capital_wins_over_a_province_of_its_name_elsewhere_in_the_country() {
    // Washington, D.C. is not in Washington state, yet the bare name means
    // the capital in news far more often than the state.
    let washington = alone("Washington");
    assert_eq!(
        washington.matched.as_ref().unwrap().kind,
        Kind::City,
        "{}",
        washington.reason
    );
    assert!(
        km_from(&washington, 38.895, -77.036) < 25.0,
        "{}",
        washington.reason
    );
    // A province of the name is still what a province hint asks for.
    let state = Geocoder::new(gazetteer()).resolve("Washington state", "US", "");
    assert_eq!(
        state.matched.as_ref().unwrap().kind,
        Kind::Admin1,
        "{}",
        state.reason
    );
}

#[test]
fn the_reason_names_the_deciding_features_the_runner_up_and_the_margin() {
    let o = alone("Kerman");
    assert!(
        o.reason.contains("over Kerman (California, US)"),
        "{}",
        o.reason
    );
    assert!(o.reason.contains("larger population"), "{}", o.reason);
    assert!(o.reason.contains("margin"), "{}", o.reason);
    assert_eq!(o.runner_up.as_deref(), Some("Kerman (California, US)"));
}

#[test]
fn context_pulls_unclear_names_toward_the_files_other_places() {
    // Alone, Paris is in France; among Texan towns, in Texas.
    assert_eq!(kind_and_country(&alone("Paris")).1, "FR");
    let texas = sheet(&["Dallas", "Tyler", "Longview", "Paris"]);
    assert!(
        km_from(&texas[3], 33.66, -95.56) < 25.0,
        "{}",
        texas[3].reason
    );
    // Georgia is the US state among Georgian (US) towns, the country among Georgian ones.
    let us = sheet(&["Atlanta", "Savannah", "Macon", "Georgia"]);
    assert_eq!(
        kind_and_country(&us[3]),
        (Kind::Admin1, "US".into()),
        "{}",
        us[3].reason
    );
    let ge = sheet(&["Tbilisi", "Kutaisi", "Batumi", "Georgia"]);
    assert_eq!(
        kind_and_country(&ge[3]),
        (Kind::Country, "GE".into()),
        "{}",
        ge[3].reason
    );
    assert!(
        texas[3].reason.contains("file"),
        "the reason says context decided: {}",
        texas[3].reason
    );
}

#[test]
fn a_country_holds_the_files_places_in_it() {
    // Among Mexican towns "Mexico" is the country they lie in, not the
    // capital that has the name as an alternate.
    let mx = sheet(&["Mexico City", "Tijuana", "Guadalajara", "Mexico"]);
    assert_eq!(
        kind_and_country(&mx[3]),
        (Kind::Country, "MX".into()),
        "{}",
        mx[3].reason
    );
    // Its towns still resolve to themselves.
    assert_eq!(
        kind_and_country(&mx[0]),
        (Kind::City, "MX".into()),
        "{}",
        mx[0].reason
    );
}

#[test]
fn context_does_not_drag_a_strong_name_away() {
    // Among Tajik towns, Moskva is still Moscow (or its oblast), not the
    // village of that name in Khatlon.
    let tj = sheet(&["Dushanbe", "Kulob", "Danghara", "Moskva"]);
    assert!(km_from(&tj[3], 55.75, 37.62) < 161.0, "{}", tj[3].reason);
    // A country stays itself among another country's towns.
    let o = &sheet(&["Dallas", "Tyler", "Longview", "China"])[3];
    assert_eq!(kind_and_country(o), (Kind::Country, "CN".into()));
    // One name alone has no context to be pulled by.
    assert_eq!(sheet(&["Paris"])[0].location, alone("Paris").location);
}

#[test]
fn a_file_spread_over_the_world_pulls_less() {
    // Texan towns near Paris, Texas, pull Paris there in a file of their
    // own; among places in fifteen other countries they say less, and
    // Paris stays in France.
    let texan = [
        "Bonham",
        "Sulphur Springs",
        "Honey Grove",
        "Dallas",
        "Paris",
    ];
    let near = sheet(&texan).pop().unwrap();
    assert!(km_from(&near, 33.66, -95.56) < 25.0, "{}", near.reason);
    let world = sheet(&[
        "Bonham",
        "Sulphur Springs",
        "Honey Grove",
        "Dallas",
        "Tokyo",
        "Lagos",
        "Lima",
        "Cairo",
        "Delhi",
        "Berlin",
        "Sydney",
        "Nairobi",
        "Jakarta",
        "Bogota",
        "Hanoi",
        "Kabul",
        "Madrid",
        "Oslo",
        "Quito",
        "Paris",
    ]);
    let paris = world.last().unwrap();
    assert_eq!(kind_and_country(paris).1, "FR", "{}", paris.reason);
    // Nor does Bogota make Madrid the Colombian town.
    let madrid = &world[16];
    assert_eq!(kind_and_country(madrid).1, "ES", "{}", madrid.reason);
}

#[test]
fn one_mention_among_many_names_pulls_less_than_in_an_article() {
    // A long file of US cities that names Idaho once: Moscow is still the
    // capital of Russia, not the Idaho town.
    let mut names: Vec<&str> = gazetteer()
        .places()
        .filter(|p| p.country == "US" && p.kind == Kind::City && p.population > 150_000)
        .map(|p| p.name.as_str())
        .take(150)
        .collect();
    assert!(names.len() >= 100, "{} US cities", names.len());
    names.extend(["Idaho", "Moscow"]);
    let moscow = sheet(&names).pop().unwrap();
    assert!(km_from(&moscow, 55.75, 37.62) < 161.0, "{}", moscow.reason);
}

#[test]
fn acled_and_ucdp_place_styles_resolve() {
    let kabul = alone("Kabul city");
    assert!(km_from(&kabul, 34.53, 69.17) < 25.0, "{}", kabul.reason);
    let urus = alone("Urus-Martan - District");
    assert!(km_from(&urus, 43.13, 45.54) < 25.0, "{}", urus.reason);
    let tal_afar = alone("Tal Afar");
    assert!(
        km_from(&tal_afar, 36.38, 42.45) < 25.0,
        "{}",
        tal_afar.reason
    );
}

#[test]
fn the_central_asian_cases_stay_right() {
    for (name, country, lat, lon) in [
        ("Kulyab", "", 37.91, 69.78),
        ("Kulob", "", 37.91, 69.78),
        ("Куляб", "", 37.91, 69.78),
        ("Khujand", "", 40.28, 69.62),
        ("Khudzhand", "", 40.28, 69.62),
        ("Jalal-Abad", "", 40.94, 72.99),
        ("Jalal-Abad", "KG", 40.94, 72.99),
        ("Jalalabad", "AF", 34.43, 70.45),
        ("Moscow", "US", 46.73, -117.0),
        ("Kerman", "US", 36.72, -120.06),
        ("Kerman, Iran", "", 30.28, 57.08),
    ] {
        let o = Geocoder::new(gazetteer()).resolve(name, country, "");
        assert!(
            km_from(&o, lat, lon) < 25.0,
            "{name} {country}: {}",
            o.reason
        );
    }
}

/// Every province's point lies in its country and among its own towns: the
/// Philippine regions' points were once shuffled (Central Luzon in Mindanao).
#[test]
fn province_points_lie_in_their_country_near_their_towns() {
    use geo::Contains;
    let g = gazetteer();
    let shapes = basemap::countries(Detail::Fine);
    let mut towns: std::collections::HashMap<(String, String), Vec<(f64, f64)>> =
        Default::default();
    let mut provinces = Vec::new();
    for p in g.places().filter(|p| p.origin.is_none()) {
        match p.kind {
            Kind::City => towns
                .entry((p.country.clone(), p.admin1.clone()))
                .or_default()
                .push((p.lat, p.lon)),
            Kind::Admin1 => provinces.push(p),
            _ => {}
        }
    }
    let numeric: std::collections::HashMap<String, String> =
        include_str!("../gazetteer/countries.csv")
            .lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                Some((f.first()?.to_string(), f.get(2)?.to_string()))
            })
            .collect();
    let (mut checked, mut outside, mut far) = (0, Vec::new(), Vec::new());
    for p in &provinces {
        let key = (p.country.clone(), p.admin1.clone());
        if let Some(list) = towns.get(&key).filter(|l| l.len() >= 5) {
            let mut d: Vec<f64> = list
                .iter()
                .map(|&(la, lo)| distance_km(p.lat, p.lon, la, lo))
                .collect();
            d.sort_by(f64::total_cmp);
            // Some of its own towns are near: a point taken from another
            // province would be hundreds of km from all of them (allowing
            // for archipelagos, whose towns lie far apart anyway).
            if d[0] > 400.0 && d[d.len() - 1] < 1500.0 {
                far.push(format!("{} {}", p.name, p.country));
            }
            checked += 1;
        }
        let shape = numeric.get(&p.country).and_then(|n| {
            shapes
                .iter()
                .find(|s| s.iso_numeric.as_deref() == Some(n.as_str()))
        });
        if let Some(shape) = shape
            && !shape.shape.contains(&geo::Point::new(p.lon, p.lat))
        {
            outside.push(format!("{} {}", p.name, p.country));
        }
    }
    assert!(checked > 2000, "{checked} provinces with towns checked");
    assert!(
        outside.len() * 100 < provinces.len(),
        "outside their country: {outside:?}"
    );
    assert!(far.is_empty(), "away from their towns: {far:?}");
    let luzon = alone("Central Luzon");
    assert!(km_from(&luzon, 15.4, 120.8) < 100.0, "{}", luzon.reason);
}

#[test]
fn country_points_agree_with_the_usual_centres() {
    // GeoNames' and the CIA World Factbook's centres.
    for (name, lat, lon) in [
        ("United States", 39.76, -98.5),
        ("Russia", 60.0, 100.0),
        ("China", 35.0, 105.0),
        ("India", 22.0, 79.0),
        ("Germany", 51.5, 10.5),
        ("Iran", 32.0, 53.0),
    ] {
        let o = alone(name);
        assert!(km_from(&o, lat, lon) < 161.0, "{name}: {:?}", o.location);
    }
}

#[test]
fn a_higher_seat_never_counts_for_less_than_a_lower_one() {
    // Columbia, South Carolina (a state capital) and Columbia, Missouri (a
    // county seat) are about as large: the higher seat wins.
    let o = alone("Columbia");
    assert!(km_from(&o, 34.0, -81.03) < 30.0, "{}", o.reason);
}

#[test]
fn a_small_town_with_the_name_as_an_alternate_does_not_make_its_state_a_namesake() {
    // Montana City (alternate name "Montana") is not what names Montana.
    let o = alone("Montana");
    assert_eq!(
        kind_and_country(&o),
        (Kind::Admin1, "US".into()),
        "{}",
        o.reason
    );
}

#[test]
fn township_and_town_of_styles_find_the_town() {
    for (name, lat, lon) in [
        ("Town of Groton", 41.35, -72.08),
        ("Madison Twp.", 43.07, -89.40),
        ("City of Kabul", 34.53, 69.17),
    ] {
        let o = alone(name);
        assert!(km_from(&o, lat, lon) < 161.0, "{name}: {}", o.reason);
    }
}

#[test]
fn archipelagos_take_the_factbook_centre_and_mainlands_their_centroid() {
    // The Philippines and Indonesia have no main landmass: the CIA World
    // Factbook's centre, not a point on Luzon or Borneo.
    for (name, lat, lon) in [("Philippines", 13.0, 122.0), ("Indonesia", -5.0, 120.0)] {
        let o = alone(name);
        assert!(km_from(&o, lat, lon) < 20.0, "{name}: {:?}", o.location);
    }
    // The United States' mainland holds most of it: its centroid, within
    // 120 km of where GeoNames puts the country (39.76 N, 98.5 W).
    let us = alone("United States");
    assert!(km_from(&us, 39.76, -98.5) < 120.0, "{:?}", us.location);
    // Canada's mainland centroid lies 870 km south-east of GeoNames' centre
    // (curated.csv): GeoNames' centre.
    let canada = alone("Canada");
    assert!(
        km_from(&canada, 60.11, -113.64) < 20.0,
        "{:?}",
        canada.location
    );
}

#[test]
fn demonyms_of_continents_regions_and_nations_of_the_uk() {
    for (name, area) in [
        ("European", "Europe"),
        ("EU", "Europe"),
        ("Africans", "Africa"),
        ("Latin American", "Latin America"),
        ("Kurdish", "Kurdistan"),
    ] {
        let o = alone(name);
        let m = o
            .matched
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: {}", o.reason));
        assert_eq!(
            (
                m.kind,
                m.name.as_str() == area || o.reason.starts_with(area)
            ),
            (Kind::Area, true),
            "{name}: {}",
            o.reason
        );
    }
    // English is England, not the whole United Kingdom; British is.
    let english = alone("English");
    assert_eq!(
        kind_and_country(&english),
        (Kind::Admin1, "GB".into()),
        "{}",
        english.reason
    );
    let british = alone("British");
    assert_eq!(
        kind_and_country(&british),
        (Kind::Country, "GB".into()),
        "{}",
        british.reason
    );
    assert_eq!(
        kind_and_country(&alone("T&T")),
        (Kind::Country, "TT".into())
    );
}

#[test]
fn things_inside_a_place_are_placed_at_the_place_they_name() {
    for (name, lat, lon) in [
        ("Delhi High Court", 28.65, 77.23),
        ("Colchester General Hospital", 51.89, 0.90),
        ("University of Alberta", 54.5, -115.0),
        ("Nenagh Municipal District", 52.86, -8.20),
        ("West Wales", 52.3, -3.7),
    ] {
        let o = alone(name);
        assert!(km_from(&o, lat, lon) < 161.0, "{name}: {}", o.reason);
        assert!(
            o.reason.contains("which its name holds"),
            "{name}: {}",
            o.reason
        );
    }
    // A name the gazetteer knows is never cut short.
    let o = alone("West Virginia");
    assert_eq!(
        kind_and_country(&o),
        (Kind::Admin1, "US".into()),
        "{}",
        o.reason
    );
    // Nothing is made up when the rest is unknown either.
    let o = alone("Qwzxv Hospital");
    assert!(o.location.is_none(), "{}", o.reason);
}

#[test]
fn seas_and_straits_are_places_in_the_water() {
    for (name, lat, lon) in [
        ("Red Sea", 20.0, 38.5),
        ("Gulf of Aden", 12.5, 48.0),
        ("Strait of Hormuz", 26.6, 56.5),
        ("Mediterranean", 35.0, 18.0),
    ] {
        let o = alone(name);
        // The Red Sea is a close call with Sudan's Red Sea state: said so.
        assert_eq!(kind_and_country(&o).0, Kind::Area, "{name}: {}", o.reason);
        assert!(km_from(&o, lat, lon) < 50.0, "{name}: {}", o.reason);
    }
    // A lake does not take the name of the province or town named after it.
    let o = alone("Issyk-Kul");
    assert_ne!(o.status, Status::Area, "{}", o.reason);
}
