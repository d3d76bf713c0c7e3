//! Makes the embedded gazetteer from the raw GeoNames extract.
//!
//! `cargo run --release --bin incimap-build-data -- DATA_DIR` reads
//! `gazetteer_world5000.csv`, `gazetteer_focus500_extra.csv`, `admin1.csv`
//! and `countries.csv` from DATA_DIR, merges `gazetteer/curated.csv`, and
//! writes `gazetteer/places.tsv`, `names.fst`, `postings.bin` and `countries.csv`.

use std::collections::HashMap;

use geo::{Area, InteriorPoint};
use std::error::Error;
use std::path::{Path, PathBuf};

use incimap::gazetteer::{self, Kind, PLACES_HEADER, Place};

type Row = HashMap<String, String>;

fn read_rows(path: &Path) -> Result<Vec<Row>, Box<dyn Error>> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let header = reader.headers()?.clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        rows.push(
            header
                .iter()
                .map(String::from)
                .zip(record.iter().map(String::from))
                .collect(),
        );
    }
    Ok(rows)
}

fn field<'r>(row: &'r Row, name: &str) -> &'r str {
    row.get(name).map(String::as_str).unwrap_or("")
}

fn city(row: &Row) -> Option<Place> {
    let name = field(row, "name");
    let ascii = field(row, "asciiname");
    let alternates = std::iter::once(ascii).chain(field(row, "alternatenames").split('|'));
    Some(Place {
        geonameid: field(row, "geonameid").parse().ok(),
        kind: Kind::City,
        name: name.to_string(),
        alternates: gazetteer::clean_alternates(alternates, name),
        lat: field(row, "latitude").parse().ok()?,
        lon: field(row, "longitude").parse().ok()?,
        feature: field(row, "feature_code").to_string(),
        country: field(row, "country_code").to_string(),
        admin1: field(row, "admin1_code").to_string(),
        population: field(row, "population").parse().unwrap_or(0),
        origin: None,
    })
}

/// Province names with and without the generic word ("Khatlon Province" and "Khatlon").
fn admin1(row: &Row) -> Option<Place> {
    let name = field(row, "geonames_name");
    let code = field(row, "admin1_code");
    let generic = [
        " Province",
        " Region",
        " Oblast",
        " Viloyati",
        " Governorate",
        " District",
    ];
    let bare = generic
        .iter()
        .find_map(|g| name.strip_suffix(g))
        .unwrap_or("");
    let names = std::iter::once(bare)
        .chain(std::iter::once(field(row, "ne_name")))
        .chain(field(row, "ne_name_alt").split('|'));
    Some(Place {
        geonameid: None,
        kind: Kind::Admin1,
        name: name.to_string(),
        alternates: gazetteer::clean_alternates(names, name),
        lat: field(row, "label_lat").parse().ok()?,
        lon: field(row, "label_lon").parse().ok()?,
        feature: "ADM1".into(),
        country: field(row, "country_code").to_string(),
        admin1: code
            .split_once('.')
            .map(|(_, c)| c)
            .unwrap_or(code)
            .to_string(),
        population: 0,
        origin: None,
    })
}

/// Applies the curated corrections: rows with a known geonameid replace that
/// entry's name and coordinates and add alternates; others are new places.
fn merge_curated(places: &mut Vec<Place>, curated: Vec<Place>) {
    for fix in curated {
        let existing = fix
            .geonameid
            .and_then(|id| places.iter_mut().find(|p| p.geonameid == Some(id)));
        match existing {
            Some(place) => {
                let old_name = std::mem::replace(&mut place.name, fix.name.clone());
                let names = [old_name.as_str()]
                    .into_iter()
                    .chain(place.alternates.split('|'))
                    .chain(fix.alternates.split('|'))
                    .map(str::to_string)
                    .collect::<Vec<_>>();
                place.alternates =
                    gazetteer::clean_alternates(names.iter().map(String::as_str), &place.name);
                place.lat = fix.lat;
                place.lon = fix.lon;
            }
            None => places.push(fix),
        }
    }
}

/// Countries at the representative point of their largest polygon on the
/// basemap, named as in `countries.csv`, the basemap and `gazetteer/country-names.csv`.
fn countries(rows: &[Row], names: &[Row]) -> Vec<Place> {
    let shapes = incimap::render::basemap::countries(incimap::render::basemap::Detail::Medium);
    let mut places = Vec::new();
    for row in rows {
        let numeric = field(row, "iso_numeric");
        let atlas_name = field(row, "worldatlas_50m_name");
        let Some(shape) = shapes.iter().find(|c| {
            c.iso_numeric.as_deref() == Some(numeric)
                || (!atlas_name.is_empty() && c.name == atlas_name)
        }) else {
            continue;
        };
        let largest = shape
            .shape
            .0
            .iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()));
        let Some(point) = largest.and_then(|p| p.interior_point()) else {
            continue;
        };
        let iso2 = field(row, "iso2");
        let extra = names
            .iter()
            .filter(|n| field(n, "iso2") == iso2)
            .flat_map(|n| field(n, "alternates").split('|'));
        let name = field(row, "name");
        let alternates = std::iter::once(atlas_name).chain(extra);
        places.push(Place {
            geonameid: field(row, "geonameid").parse().ok(),
            kind: Kind::Country,
            name: name.to_string(),
            alternates: gazetteer::clean_alternates(alternates, name),
            lat: (point.y() * 1e5).round() / 1e5,
            lon: (point.x() * 1e5).round() / 1e5,
            feature: "PCLI".into(),
            country: iso2.to_string(),
            admin1: String::new(),
            population: field(row, "population").parse().unwrap_or(0),
            origin: None,
        });
    }
    places
}

fn main() -> Result<(), Box<dyn Error>> {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let out = PathBuf::from("gazetteer");
    let mut places: Vec<Place> = Vec::new();
    for file in ["gazetteer_world5000.csv", "gazetteer_focus500_extra.csv"] {
        places.extend(read_rows(&data.join(file))?.iter().filter_map(city));
    }
    places.extend(
        read_rows(&data.join("admin1.csv"))?
            .iter()
            .filter_map(admin1),
    );
    let country_rows = read_rows(&data.join("countries.csv"))?;
    places.extend(countries(
        &country_rows,
        &read_rows(&out.join("country-names.csv"))?,
    ));
    let curated = gazetteer::parse_user_file(&std::fs::read_to_string(out.join("curated.csv"))?)?;
    merge_curated(&mut places, curated);

    let mut table = String::from(PLACES_HEADER);
    table.push('\n');
    for place in &places {
        table.push_str(&place.to_tsv());
        table.push('\n');
    }
    std::fs::write(out.join("places.tsv"), table)?;
    let (fst, postings) = gazetteer::build_index(&places);
    std::fs::write(out.join("names.fst"), fst)?;
    std::fs::write(out.join("postings.bin"), postings)?;

    let mut countries = String::from("iso2,iso3,iso_numeric,name\n");
    for row in &country_rows {
        let name = field(row, "name").replace('"', "");
        countries.push_str(&format!(
            "{},{},{},\"{}\"\n",
            field(row, "iso2"),
            field(row, "iso3"),
            field(row, "iso_numeric"),
            name
        ));
    }
    std::fs::write(out.join("countries.csv"), countries)?;
    eprintln!("wrote {} places to {}", places.len(), out.display());
    Ok(())
}
