//! The reference data embedded for the reference layers: first-level
//! divisions (Natural Earth admin-1, public domain) with the boundaries
//! between the divisions of one country, major rivers (GSHHG, LGPL-3),
//! large lakes and reservoirs (Natural Earth 1:50m, public domain) and
//! the context cities (capitals and towns of 15,000 people or more, from
//! the embedded GeoNames gazetteer). `src/bin/incimap-build-reference.rs`
//! makes the files in `basemap/` from the sources; see `basemap/README.md`.

use std::sync::OnceLock;

use geo::orient::Direction;
use geo::{BoundingRect, Coord, LineString, MultiLineString, MultiPolygon, Orient};
use serde::Deserialize;

use super::basemap::{self, Detail};

static PROVINCES_MEDIUM: &str = include_str!("../../basemap/provinces-50m.json");
static PROVINCES_FINE: &str = include_str!("../../basemap/provinces-10m.json");
static RIVERS: &str = include_str!("../../basemap/rivers.json");
static LAKES: &str = include_str!("../../basemap/lakes.json");
static CITIES: &str = include_str!("../../basemap/cities.tsv");

/// The GSHHG credit, for the map's credit line when rivers are drawn.
pub const GSHHG_CREDIT: &str = "Rivers: GSHHG 2.3.7 (Wessel & Smith), LGPL-3";

/// One first-level division (province, state, region...).
#[derive(Clone, Debug)]
pub struct Province {
    /// English name (Natural Earth `name_en`, else `name`).
    pub name: String,
    /// ISO 3166-1 alpha-2 code of its country (alpha-3 where Natural
    /// Earth has no alpha-2).
    pub country: String,
    /// ISO 3166-2 code, e.g. `AF-KAB`.
    pub code: String,
    /// GeoNames first-level code, e.g. `AF.13` (may be empty).
    pub admin1: String,
    /// Its bounding box in degrees.
    pub bounds: geo::Rect<f64>,
    /// Its rings as arc references.
    arcs: Vec<Vec<Vec<i32>>>,
}

/// The boundaries between the divisions of one country (not the coast,
/// not the country's border).
#[derive(Clone, Debug)]
pub struct Boundaries {
    /// ISO 3166-1 alpha-2 code of the country.
    pub country: String,
    /// Their bounding box in degrees.
    pub bounds: geo::Rect<f64>,
    /// The lines in longitude/latitude degrees.
    pub lines: MultiLineString<f64>,
}

/// The divisions at one level of detail, with their boundaries. Shapes are
/// built on demand ([`Provinces::shape`]), for the few a map needs.
pub struct Provinces {
    /// Every division.
    pub provinces: Vec<Province>,
    /// Per country, the boundaries between its divisions.
    pub boundaries: Vec<Boundaries>,
    arcs: Arcs,
}

impl std::fmt::Debug for Provinces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provinces")
            .field("provinces", &self.provinces.len())
            .field("boundaries", &self.boundaries.len())
            .finish()
    }
}

impl Provinces {
    /// The shape of `province` in longitude/latitude degrees.
    pub fn shape(&self, province: &Province) -> MultiPolygon<f64> {
        self.arcs
            .areas(&province.arcs)
            .expect("embedded provinces are valid")
    }

    /// The provinces whose bounding box meets `bounds` (degrees), by index.
    pub fn meeting(&self, bounds: geo::Rect<f64>) -> impl Iterator<Item = usize> + '_ {
        self.provinces
            .iter()
            .enumerate()
            .filter(move |(_, p)| meets(p.bounds, bounds))
            .map(|(i, _)| i)
    }
}

/// Two boxes share some area or an edge.
pub fn meets(a: geo::Rect<f64>, b: geo::Rect<f64>) -> bool {
    a.min().x <= b.max().x
        && b.min().x <= a.max().x
        && a.min().y <= b.max().y
        && b.min().y <= a.max().y
}

fn rect(b: [f64; 4]) -> geo::Rect<f64> {
    geo::Rect::new((b[0], b[1]), (b[2], b[3]))
}

/// A major river.
#[derive(Clone, Debug)]
pub struct River {
    /// 1 for the permanent major rivers, 2 for the additional ones.
    pub level: u8,
    /// Its course in longitude/latitude degrees.
    pub line: MultiLineString<f64>,
}

/// A large lake or reservoir.
#[derive(Clone, Debug)]
pub struct Lake {
    /// Its extent in degrees.
    pub bounds: geo::Rect<f64>,
    /// Its shape in longitude/latitude degrees.
    pub shape: MultiPolygon<f64>,
}

/// A city that may be shown for context (its text borrowed from the
/// embedded table, so that reading it allocates nothing per city).
#[derive(Clone, Debug)]
pub struct City {
    /// Name.
    pub name: &'static str,
    /// ISO 3166-1 alpha-2 code of its country.
    pub country: &'static str,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Population.
    pub population: u64,
    /// A national capital.
    pub capital: bool,
}

#[derive(Deserialize)]
struct Topology<O> {
    transform: Transform,
    arcs: Vec<Vec<[i32; 2]>>,
    objects: O,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Collection<G> {
    geometries: Vec<G>,
}

#[derive(Deserialize)]
struct ProvinceObjects {
    provinces: Collection<Areas>,
    boundaries: Collection<Lines<CountryProperty>>,
}

#[derive(Deserialize)]
struct LakeObjects {
    lakes: Collection<LakeArea>,
}

#[derive(Deserialize)]
struct LakeArea {
    bbox: [f64; 4],
    arcs: Vec<Vec<i32>>,
}

#[derive(Deserialize)]
struct RiverObjects {
    rivers: Collection<Lines<LevelProperty>>,
}

#[derive(Deserialize)]
struct Areas {
    bbox: [f64; 4],
    arcs: Vec<Vec<Vec<i32>>>,
    properties: ProvinceProperties,
}

#[derive(Deserialize)]
struct ProvinceProperties {
    name: String,
    country: String,
    code: String,
    admin1: String,
}

#[derive(Deserialize)]
struct Lines<P> {
    #[serde(default)]
    bbox: Option<[f64; 4]>,
    arcs: Vec<Vec<i32>>,
    properties: P,
}

#[derive(Deserialize)]
struct CountryProperty {
    country: String,
}

#[derive(Deserialize)]
struct LevelProperty {
    level: u8,
}

/// Arcs in degrees, from quantized, delta-encoded TopoJSON arcs.
struct Arcs {
    absolute: Vec<Vec<[i64; 2]>>,
    scale: [f64; 2],
    translate: [f64; 2],
}

impl Arcs {
    fn new(arcs: &[Vec<[i32; 2]>], transform: &Transform) -> Arcs {
        Arcs {
            absolute: basemap::absolute_arcs(arcs),
            scale: transform.scale,
            translate: transform.translate,
        }
    }

    fn degrees(&self, [x, y]: [i64; 2]) -> Coord<f64> {
        Coord {
            x: x as f64 * self.scale[0] + self.translate[0],
            y: y as f64 * self.scale[1] + self.translate[1],
        }
    }

    /// Lines, one per reference list (arcs joined end to end).
    fn lines(&self, refs: &[Vec<i32>]) -> Result<MultiLineString<f64>, String> {
        let lines: Result<Vec<LineString<f64>>, String> = refs
            .iter()
            .map(|r| {
                let points = basemap::ring(&self.absolute, r)?;
                Ok(LineString::new(
                    points.into_iter().map(|p| self.degrees(p)).collect(),
                ))
            })
            .collect();
        Ok(MultiLineString::new(lines?))
    }

    /// A multipolygon; rings that simplification collapsed are dropped.
    fn areas(&self, polygons: &[Vec<Vec<i32>>]) -> Result<MultiPolygon<f64>, String> {
        let mut parts = Vec::new();
        for polygon in polygons {
            let mut rings = Vec::new();
            for (i, refs) in polygon.iter().enumerate() {
                let ring = basemap::clean(basemap::ring(&self.absolute, refs)?);
                if ring.len() >= 4 && basemap::twice_area(&ring) != 0 {
                    rings.push(ring.into_iter().map(|p| self.degrees(p)).collect());
                } else if i == 0 {
                    // No exterior left: the holes go with it.
                    break;
                }
            }
            parts.extend(basemap::build_polygons(rings));
        }
        Ok(MultiPolygon::new(parts).orient(Direction::Default))
    }
}

fn decode_provinces(json: &str) -> Result<Provinces, String> {
    let topology: Topology<ProvinceObjects> =
        serde_json::from_str(json).map_err(|e| e.to_string())?;
    let arcs = Arcs::new(&topology.arcs, &topology.transform);
    let provinces = topology
        .objects
        .provinces
        .geometries
        .into_iter()
        .map(|g| Province {
            name: g.properties.name,
            country: g.properties.country,
            code: g.properties.code,
            admin1: g.properties.admin1,
            bounds: rect(g.bbox),
            arcs: g.arcs,
        })
        .collect();
    let boundaries = topology
        .objects
        .boundaries
        .geometries
        .into_iter()
        .map(|g| {
            let lines = arcs.lines(&g.arcs)?;
            let bounds = match g.bbox {
                Some(b) => rect(b),
                None => lines.bounding_rect().ok_or("an empty boundary")?,
            };
            Ok(Boundaries {
                country: g.properties.country,
                bounds,
                lines,
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(Provinces {
        provinces,
        boundaries,
        arcs,
    })
}

/// The embedded first-level divisions at this detail (simplified to about
/// 2.5 km for [`Detail::Medium`], 900 m for [`Detail::Fine`]), decoded once.
pub fn provinces(detail: Detail) -> &'static Provinces {
    static MEDIUM: OnceLock<Provinces> = OnceLock::new();
    static FINE: OnceLock<Provinces> = OnceLock::new();
    let (cache, json) = match detail {
        Detail::Medium => (&MEDIUM, PROVINCES_MEDIUM),
        Detail::Fine => (&FINE, PROVINCES_FINE),
    };
    cache.get_or_init(|| decode_provinces(json).expect("embedded provinces are valid"))
}

/// The embedded major rivers, decoded once.
pub fn rivers() -> &'static [River] {
    static RIVERS_CACHE: OnceLock<Vec<River>> = OnceLock::new();
    RIVERS_CACHE.get_or_init(|| {
        let topology: Topology<RiverObjects> =
            serde_json::from_str(RIVERS).expect("embedded rivers are valid");
        let arcs = Arcs::new(&topology.arcs, &topology.transform);
        topology
            .objects
            .rivers
            .geometries
            .iter()
            .map(|g| River {
                level: g.properties.level,
                line: arcs.lines(&g.arcs).expect("embedded rivers are valid"),
            })
            .collect()
    })
}

/// The embedded lakes and reservoirs, decoded once.
pub fn lakes() -> &'static [Lake] {
    static LAKES_CACHE: OnceLock<Vec<Lake>> = OnceLock::new();
    LAKES_CACHE.get_or_init(|| {
        let topology: Topology<LakeObjects> =
            serde_json::from_str(LAKES).expect("embedded lakes are valid");
        let arcs = Arcs::new(&topology.arcs, &topology.transform);
        topology
            .objects
            .lakes
            .geometries
            .into_iter()
            .map(|g| Lake {
                bounds: rect(g.bbox),
                shape: arcs
                    .areas(std::slice::from_ref(&g.arcs))
                    .expect("embedded lakes are valid"),
            })
            .collect()
    })
}

/// The embedded context cities, largest first, decoded once.
pub fn cities() -> &'static [City] {
    static CITIES_CACHE: OnceLock<Vec<City>> = OnceLock::new();
    CITIES_CACHE.get_or_init(|| {
        // Sized up front: growing a vector of 34,000 cities copies it into fresh pages.
        let mut cities = Vec::with_capacity(memchr::memchr_iter(b'\n', CITIES.as_bytes()).count());
        cities.extend(CITIES.lines().skip(1).filter_map(|line| {
            let mut f = line.split('\t');
            let mut next = || f.next();
            let (name, country, lat, lon, population, capital) =
                (next()?, next()?, next()?, next()?, next()?, next()?);
            Some(City {
                name,
                country,
                lat: lat.parse().ok()?,
                lon: lon.parse().ok()?,
                population: population.parse().ok()?,
                capital: capital == "1",
            })
        }));
        cities
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Contains;

    #[test]
    fn provinces_hold_their_capitals_and_have_inner_boundaries() {
        for detail in [Detail::Medium, Detail::Fine] {
            let p = provinces(detail);
            assert!(p.provinces.len() > 4000, "{}", p.provinces.len());
            let kabul = geo::Point::new(69.17, 34.53);
            let holder: Vec<&str> = p
                .provinces
                .iter()
                .filter(|q| p.shape(q).contains(&kabul))
                .map(|q| q.name.as_str())
                .collect();
            assert_eq!(holder, ["Kabul"], "{detail:?}");
            assert!(
                p.boundaries
                    .iter()
                    .any(|b| b.country == "AF" && b.lines.0.len() > 10)
            );
        }
    }

    #[test]
    fn lakes_hold_their_water() {
        use geo::Contains;
        let lakes = lakes();
        assert!(lakes.len() > 200, "{}", lakes.len());
        // Issyk-Kul, Lake Van, Lake Sevan, Toktogul reservoir, Tharthar.
        for (lon, lat) in [
            (77.3, 42.45),
            (42.9, 38.65),
            (45.3, 40.35),
            (72.95, 41.8),
            (43.3, 34.0),
        ] {
            let p = geo::Point::new(lon, lat);
            assert!(
                lakes.iter().any(|l| l.shape.contains(&p)),
                "no lake at {lon}, {lat}"
            );
        }
        assert!(
            !lakes
                .iter()
                .any(|l| l.shape.contains(&geo::Point::new(69.17, 34.53)))
        );
    }

    #[test]
    fn rivers_and_cities_are_there() {
        let rivers = rivers();
        assert!(rivers.iter().any(|r| r.level == 1) && rivers.iter().any(|r| r.level == 2));
        let cities = cities();
        let tashkent = cities.iter().find(|c| c.name == "Tashkent").unwrap();
        assert!(tashkent.capital && tashkent.country == "UZ");
        assert!(
            cities
                .windows(2)
                .all(|w| w[0].population >= w[1].population)
        );
    }
}
