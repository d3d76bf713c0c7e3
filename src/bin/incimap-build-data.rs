//! Makes the embedded gazetteer from the raw GeoNames and Natural Earth extract.
//!
//! `cargo run --release --features dev-tools --bin incimap-build-data -- DATA_DIR` reads from DATA_DIR
//! `gazetteer_world500.csv` (GeoNames cities500), `admin1.csv`, `countries.csv`,
//! `continents.csv`, `reference/admin1-10m.geojson.gz` (Natural Earth provinces)
//! and `reference/us-counties-10m.json` (US Census counties); merges the lists
//! in `gazetteer/` (country names, demonyms, province names, world regions,
//! curated corrections); and writes `gazetteer/places.tsv`, `names.fst`,
//! `postings.bin` and `countries.csv`.
//!
//! Provinces and counties are placed at the area centroid of their largest
//! part, moved to an interior point when the centroid falls outside; each
//! Natural Earth province gets the GeoNames first-level code that most of
//! the GeoNames places inside it have, so names and points never come from
//! two different joins.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::io::Read;
use std::path::{Path, PathBuf};

use geo::{Area, BoundingRect, Centroid, Contains, InteriorPoint, MapCoords, MultiPolygon, Point};

use incimap::gazetteer::{self, Kind, PLACES_HEADER, Place};
use incimap::render::basemap::{self, Detail};

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

/// The rows of an optional list in `gazetteer/`; none when the file is absent.
fn optional_rows(path: &Path) -> Result<Vec<Row>, Box<dyn Error>> {
    if path.exists() {
        read_rows(path)
    } else {
        eprintln!("note: {} not found, skipped", path.display());
        Ok(Vec::new())
    }
}

fn field<'r>(row: &'r Row, name: &str) -> &'r str {
    row.get(name).map(String::as_str).unwrap_or("")
}

/// Five decimals (about a metre), so the table does not carry float noise.
fn round(v: f64) -> f64 {
    (v * 1e5).round() / 1e5
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

/// A shape's parts on a cylindrical equal-area projection (y = sin
/// latitude), largest first, so that areas and centroids are true ones and
/// northern parts do not weigh more than they cover (Russia's centre moves
/// some 150 km south).
fn equal_area_parts(shape: &MultiPolygon<f64>) -> Vec<geo::Polygon<f64>> {
    let to_equal_area = |c: geo::Coord<f64>| geo::Coord {
        x: c.x,
        y: c.y.to_radians().sin(),
    };
    let mut parts: Vec<geo::Polygon<f64>> = shape
        .0
        .iter()
        .map(|p| p.map_coords(to_equal_area))
        .collect();
    parts.sort_by(|a, b| b.unsigned_area().total_cmp(&a.unsigned_area()));
    parts
}

/// Back from the equal-area projection to longitude and latitude.
fn from_equal_area(p: Point<f64>) -> Point<f64> {
    Point::new(p.x(), p.y().clamp(-1.0, 1.0).asin().to_degrees())
}

/// A representative centre of a shape: the area centroid of its largest
/// part, or an interior point of that part when the centroid falls outside
/// it.
fn centre(shape: &MultiPolygon<f64>) -> Option<Point<f64>> {
    let parts = equal_area_parts(shape);
    let largest = parts.first()?;
    let centroid = largest.centroid()?;
    if largest.contains(&centroid) {
        Some(from_equal_area(centroid))
    } else {
        largest.interior_point().map(from_equal_area)
    }
}

/// Share of a country's area its largest part must hold to be its main
/// landmass: below it (Indonesia, the Philippines, Japan, New Zealand,
/// Malaysia) no single part stands for the country.
const MAIN_LANDMASS_SHARE: f64 = 2.0 / 3.0;

/// The area centroid of a country's main landmass, when it has one and the
/// centroid lies on it; `None` for archipelagos and for shapes whose
/// centroid falls outside (Canada's, in Hudson Bay), where any interior
/// point would be arbitrary.
fn main_landmass_centroid(shape: &MultiPolygon<f64>) -> Option<Point<f64>> {
    let parts = equal_area_parts(shape);
    let largest = parts.first()?;
    let total: f64 = parts.iter().map(|p| p.unsigned_area()).sum();
    if largest.unsigned_area() < MAIN_LANDMASS_SHARE * total {
        return None;
    }
    let centroid = largest.centroid()?;
    largest
        .contains(&centroid)
        .then(|| from_equal_area(centroid))
}

/// GeoNames places on a one-degree grid, for finding those inside a shape.
struct Grid {
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Grid {
    fn new(places: &[Place]) -> Grid {
        let mut cells: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            cells
                .entry((p.lon.floor() as i32, p.lat.floor() as i32))
                .or_default()
                .push(i);
        }
        Grid { cells }
    }

    /// Indices of the places inside `shape`.
    fn inside(&self, places: &[Place], shape: &MultiPolygon<f64>) -> Vec<usize> {
        let Some(bounds) = shape.bounding_rect() else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for x in bounds.min().x.floor() as i32..=bounds.max().x.floor() as i32 {
            for y in bounds.min().y.floor() as i32..=bounds.max().y.floor() as i32 {
                for &i in self.cells.get(&(x, y)).into_iter().flatten() {
                    if shape.contains(&Point::new(places[i].lon, places[i].lat)) {
                        found.push(i);
                    }
                }
            }
        }
        found
    }
}

/// The first-level code most of these places have, with its share.
fn majority_admin1(places: &[Place], inside: &[usize]) -> Option<(String, String)> {
    let mut votes: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for &i in inside {
        *votes
            .entry((&places[i].country, &places[i].admin1))
            .or_default() += 1;
    }
    votes
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|((cc, code), _)| (cc.to_string(), code.to_string()))
}

/// One Natural Earth province with its shape.
struct Unit {
    properties: serde_json::Map<String, serde_json::Value>,
    shape: MultiPolygon<f64>,
}

impl Unit {
    fn text(&self, key: &str) -> &str {
        self.properties
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
    }

    /// Every name the unit has: local, English, alternates and the translations.
    fn names(&self) -> Vec<&str> {
        let mut names = vec![
            self.text("name"),
            self.text("name_en"),
            self.text("gn_name"),
        ];
        names.extend(self.text("name_alt").split('|'));
        for (key, value) in &self.properties {
            if key.starts_with("name_")
                && !matches!(key.as_str(), "name_len" | "name_alt")
                && let Some(v) = value.as_str()
            {
                names.push(v);
            }
        }
        names
    }
}

fn read_units(path: &Path) -> Result<Vec<Unit>, Box<dyn Error>> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_string(&mut text)?;
    let collection: geojson::FeatureCollection = text.parse()?;
    let mut units = Vec::new();
    for feature in collection.features {
        let Some(geometry) = feature.geometry else {
            continue;
        };
        let shape = match geo::Geometry::<f64>::try_from(geometry)? {
            geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
            geo::Geometry::MultiPolygon(m) => m,
            _ => continue,
        };
        units.push(Unit {
            properties: feature.properties.unwrap_or_default(),
            shape,
        });
    }
    Ok(units)
}

/// The generic words GeoNames appends to province names.
const GENERIC: [&str; 9] = [
    " Province",
    " Region",
    " Oblast",
    " Viloyati",
    " Governorate",
    " District",
    " Prefecture",
    " State",
    " Department",
];

/// Provinces (GeoNames' first-level divisions at the centre of their Natural
/// Earth shapes) and, where Natural Earth divides a GeoNames province
/// further (French départements, Philippine provinces), those parts as
/// second-level divisions.
fn divisions(
    rows: &[Row],
    extra_names: &[Row],
    units: &[Unit],
    cities: &[Place],
) -> (Vec<Place>, Vec<Place>) {
    let grid = Grid::new(cities);
    let mut population: HashMap<(&str, &str), u64> = HashMap::new();
    for c in cities {
        *population.entry((&c.country, &c.admin1)).or_default() += c.population;
    }
    // Each unit's GeoNames code: the majority of the places inside it, else
    // Natural Earth's own code.
    let mut groups: BTreeMap<(String, String), Vec<(usize, u64)>> = BTreeMap::new();
    for (u, unit) in units.iter().enumerate() {
        let inside = grid.inside(cities, &unit.shape);
        let people = inside.iter().map(|&i| cities[i].population).sum();
        let code = majority_admin1(cities, &inside).or_else(|| {
            let (cc, code) = unit.text("gn_a1_code").split_once('.')?;
            Some((cc.to_string(), code.to_string()))
        });
        if let Some(code) = code {
            groups.entry(code).or_default().push((u, people));
        }
    }
    // A town's names are the town's: a province keeps one as an alternate
    // only when it is the province's primary name (Sughd's old name "Khujand"
    // belongs to the city; "Raqqa" is the governorate's own name).
    let mut town_names: HashMap<(&str, &str), std::collections::HashSet<String>> = HashMap::new();
    for c in cities.iter().filter(|c| c.population > 0) {
        town_names
            .entry((&c.country, &c.admin1))
            .or_default()
            .extend(c.names().map(gazetteer::fold));
    }
    let not_a_town = |place: &mut Place| {
        let Some(names) = town_names.get(&(place.country.as_str(), place.admin1.as_str())) else {
            return;
        };
        let kept: Vec<&str> = place
            .alternates
            .split('|')
            .filter(|a| !names.contains(&gazetteer::fold(a)))
            .collect();
        place.alternates = kept.join("|");
    };
    let mut provinces = Vec::new();
    let mut parts = Vec::new();
    for row in rows {
        let name = field(row, "geonames_name");
        let (country, code) = field(row, "admin1_code")
            .split_once('.')
            .map(|(cc, c)| (cc.to_string(), c.to_string()))
            .unwrap_or_default();
        let members = groups.get(&(country.clone(), code.clone()));
        let bare = GENERIC
            .iter()
            .find_map(|g| name.strip_suffix(g))
            .unwrap_or("");
        // Natural Earth's names come from this join, not from `admin1.csv`'s
        // own, which was not unique everywhere.
        let mut names: Vec<&str> = vec![bare];
        let listed = format!("{country}.{code}");
        names.extend(
            extra_names
                .iter()
                .filter(|r| field(r, "admin1_code") == listed)
                .flat_map(|r| field(r, "alternates").split('|')),
        );
        let (point, geonameid) = match members {
            Some(members) => {
                let shapes: Vec<&MultiPolygon<f64>> =
                    members.iter().map(|&(u, _)| &units[u].shape).collect();
                let shape = if shapes.len() == 1 {
                    shapes[0].clone()
                } else {
                    geo::unary_union(shapes.iter().flat_map(|m| m.0.iter()))
                };
                if let [(u, _)] = members.as_slice() {
                    names.extend(units[*u].names());
                }
                let id = match members.as_slice() {
                    [(u, _)] => units[*u].properties.get("gn_id").and_then(|v| v.as_u64()),
                    _ => None,
                };
                (centre(&shape), id.filter(|&id| id > 0))
            }
            None => {
                let label = (
                    field(row, "label_lon").parse::<f64>(),
                    field(row, "label_lat").parse::<f64>(),
                );
                match label {
                    (Ok(lon), Ok(lat)) => (Some(Point::new(lon, lat)), None),
                    _ => (None, None),
                }
            }
        };
        let Some(point) = point else {
            continue;
        };
        provinces.push(Place {
            geonameid,
            kind: Kind::Admin1,
            name: name.to_string(),
            alternates: gazetteer::clean_alternates(names.into_iter(), name),
            lat: round(point.y()),
            lon: round(point.x()),
            feature: "ADM1".into(),
            country: country.clone(),
            admin1: code.clone(),
            population: population
                .get(&(country.as_str(), code.as_str()))
                .copied()
                .unwrap_or(0),
            origin: None,
        });
        let split = members.filter(|m| m.len() > 1);
        for &(u, people) in split.into_iter().flatten() {
            let unit = &units[u];
            let Some(point) = centre(&unit.shape) else {
                continue;
            };
            let own = unit.text("name");
            parts.push(Place {
                geonameid: unit
                    .properties
                    .get("gn_id")
                    .and_then(|v| v.as_u64())
                    .filter(|&id| id > 0),
                kind: Kind::Admin2,
                name: own.to_string(),
                alternates: gazetteer::clean_alternates(unit.names().into_iter(), own),
                lat: round(point.y()),
                lon: round(point.x()),
                feature: "ADM2".into(),
                country: country.clone(),
                admin1: code.clone(),
                population: people,
                origin: None,
            });
        }
    }
    provinces.iter_mut().for_each(not_a_town);
    parts.iter_mut().for_each(not_a_town);
    (provinces, parts)
}

/// US counties at the centre of their shapes, named "Laurel County" (with
/// "Laurel" as an alternate; parishes in Louisiana), in the state that most
/// GeoNames places inside them are in.
fn counties(path: &Path, cities: &[Place]) -> Result<Vec<Place>, Box<dyn Error>> {
    let json = std::fs::read_to_string(path)?;
    let shapes = basemap::decode_topojson(&json, "counties")?;
    let us: Vec<Place> = cities
        .iter()
        .filter(|c| c.country == "US")
        .cloned()
        .collect();
    let grid = Grid::new(&us);
    let mut places = Vec::new();
    for county in shapes {
        let Some(point) = centre(&county.shape) else {
            continue;
        };
        let inside = grid.inside(&us, &county.shape);
        let state = majority_admin1(&us, &inside).map(|(_, code)| code);
        let fips = county.iso_numeric.as_deref().unwrap_or("");
        let word = match &fips[..fips.len().min(2)] {
            "22" => "Parish",
            "02" => "Borough",
            _ => "County",
        };
        let bare = county.name.trim();
        if bare.is_empty() {
            continue;
        }
        let name = if bare.ends_with(" city") || bare.ends_with(word) {
            bare.to_string()
        } else {
            format!("{bare} {word}")
        };
        places.push(Place {
            geonameid: None,
            kind: Kind::Admin2,
            name: name.clone(),
            alternates: gazetteer::clean_alternates(
                [bare, &format!("{bare} Co."), &format!("{bare} Cnty")].into_iter(),
                &name,
            ),
            lat: round(point.y()),
            lon: round(point.x()),
            feature: "ADM2".into(),
            country: "US".into(),
            admin1: state.unwrap_or_default(),
            population: inside.iter().map(|&i| us[i].population).sum(),
            origin: None,
        });
    }
    Ok(places)
}

/// Alternates of lists keyed by ISO alpha-2 (`country-names.csv`,
/// `demonyms.csv`) or by name (`area-demonyms.csv`): `column` of the rows
/// whose `key_column` is `key`.
fn listed<'r>(
    rows: &'r [Row],
    key: &'r str,
    key_column: &'r str,
    column: &'r str,
) -> impl Iterator<Item = &'r str> {
    rows.iter()
        .filter(move |n| field(n, key_column) == key)
        .flat_map(move |n| field(n, column).split('|'))
}

/// Countries at the area centroid of their main landmass on the 1:10m
/// basemap, or where that is no good at the CIA World Factbook's centre
/// (`gazetteer/factbook-centres.csv`), named as in `countries.csv`, the
/// basemap, `gazetteer/country-names.csv` and `gazetteer/demonyms.csv`.
fn countries(rows: &[Row], names: &[Row], demonyms: &[Row], factbook: &[Row]) -> Vec<Place> {
    let shapes = basemap::countries(Detail::Fine);
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
        let iso2 = field(row, "iso2");
        let factbook = factbook
            .iter()
            .find(|f| field(f, "iso2") == iso2)
            .and_then(|f| {
                Some(Point::new(
                    field(f, "longitude").parse().ok()?,
                    field(f, "latitude").parse().ok()?,
                ))
            });
        let Some(point) = main_landmass_centroid(&shape.shape)
            .or(factbook)
            .or_else(|| centre(&shape.shape))
        else {
            continue;
        };
        let name = field(row, "name");
        let alternates = std::iter::once(atlas_name)
            .chain(listed(names, iso2, "iso2", "alternates"))
            .chain(listed(demonyms, iso2, "iso2", "demonyms"));
        places.push(Place {
            geonameid: field(row, "geonameid").parse().ok(),
            kind: Kind::Country,
            name: name.to_string(),
            alternates: gazetteer::join_names(alternates, name),
            lat: round(point.y()),
            lon: round(point.x()),
            feature: "PCLI".into(),
            country: iso2.to_string(),
            admin1: String::new(),
            population: field(row, "population").parse().unwrap_or(0),
            origin: None,
        });
    }
    places
}

/// People within this distance of a world region's centre count as its population.
const REGION_KM: f64 = 400.0;

/// Continents (`continents.csv`) and the world regions of
/// `gazetteer/regions.csv`, with the demonyms of `gazetteer/area-demonyms.csv`. A continent's population is its countries'; a
/// region's, the places' within [`REGION_KM`] of its centre (regions have no
/// outline here), so that population compares them with towns of the same name.
fn areas(
    continents: &[Row],
    regions: &[Row],
    demonyms: &[Row],
    countries: &[Row],
    cities: &[Place],
) -> Vec<Place> {
    let mut places = Vec::new();
    for row in continents.iter().chain(regions) {
        let code = field(row, "code");
        let name = field(row, "name");
        let alternates = field(row, "alternatenames").split('|');
        let alternates = alternates
            .chain(field(row, "alternates").split('|'))
            .chain(listed(demonyms, name, "area", "demonyms"));
        let (Ok(lat), Ok(lon)) = (
            field(row, "latitude").parse::<f64>(),
            field(row, "longitude").parse::<f64>(),
        ) else {
            eprintln!("note: area `{name}` has no coordinates, skipped");
            continue;
        };
        places.push(Place {
            geonameid: field(row, "geonameid").parse().ok(),
            kind: Kind::Area,
            name: name.to_string(),
            alternates: gazetteer::join_names(alternates, name),
            lat,
            lon,
            feature: match (code.is_empty(), field(row, "kind")) {
                (false, _) => "CONT".into(),
                (true, "sea") => "SEA".into(),
                (true, _) => "RGN".into(),
            },
            country: String::new(),
            admin1: String::new(),
            population: if code.is_empty() {
                cities
                    .iter()
                    .filter(|c| incimap::geocode::distance_km(lat, lon, c.lat, c.lon) < REGION_KM)
                    .map(|c| c.population)
                    .sum()
            } else {
                countries
                    .iter()
                    .filter(|c| field(c, "continent") == code)
                    .filter_map(|c| field(c, "population").parse::<u64>().ok())
                    .sum()
            },
            origin: None,
        });
    }
    places
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
                    gazetteer::join_names(names.iter().map(String::as_str), &place.name);
                place.lat = fix.lat;
                place.lon = fix.lon;
            }
            None => places.push(fix),
        }
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let out = PathBuf::from("gazetteer");
    let mut places: Vec<Place> = read_rows(&data.join("gazetteer_world500.csv"))?
        .iter()
        .filter_map(city)
        .collect();
    let units = read_units(&data.join("reference/admin1-10m.geojson.gz"))?;
    let (provinces, parts) = divisions(
        &read_rows(&data.join("admin1.csv"))?,
        &optional_rows(&out.join("admin1-names.csv"))?,
        &units,
        &places,
    );
    let counties = counties(&data.join("reference/us-counties-10m.json"), &places)?;
    eprintln!(
        "{} places, {} provinces, {} other divisions, {} counties",
        places.len(),
        provinces.len(),
        parts.len(),
        counties.len()
    );
    places.extend(provinces);
    places.extend(parts);
    places.extend(counties);
    let country_rows = read_rows(&data.join("countries.csv"))?;
    places.extend(countries(
        &country_rows,
        &read_rows(&out.join("country-names.csv"))?,
        &optional_rows(&out.join("demonyms.csv"))?,
        &read_rows(&out.join("factbook-centres.csv"))?,
    ));
    let areas = areas(
        &read_rows(&data.join("continents.csv"))?,
        &optional_rows(&out.join("regions.csv"))?,
        &optional_rows(&out.join("area-demonyms.csv"))?,
        &country_rows,
        &places,
    );
    places.extend(areas);
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
