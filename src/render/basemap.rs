//! Natural Earth country shapes, embedded in the binary, decoded from TopoJSON.
//!
//! The data in `basemap/` (Natural Earth 4.1.0 via world-atlas 2.0.2) is decoded once by
//! `incimap-build-reference` into the [`packed`] files the binary embeds. World-atlas
//! stitched the rings of Russia, Fiji and Antarctica across ±180°; the decoder cuts them
//! at the antimeridian so that every shape stays within [-180, 180] (Antarctica is closed
//! along the meridians and down to the South Pole).

use std::sync::OnceLock;

use geo::orient::Direction;
use geo::{
    BooleanOps, BoundingRect, Coord, Densify, Euclidean, LineString, MapCoordsInPlace,
    MultiPolygon, Orient, Polygon, Rect,
};
use serde::Deserialize;

pub mod packed;

static MEDIUM_PACKED: &[u8] = include_bytes!("../../basemap/countries-50m.bin");
static FINE_PACKED: &[u8] = include_bytes!("../../basemap/countries-10m.bin");

/// Natural Earth level of detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Detail {
    /// 1:50m, the default for regional maps
    Medium,
    /// 1:10m, for close-up extents
    Fine,
}

/// One country of the basemap, in longitude/latitude degrees.
#[derive(Clone, Debug)]
pub struct Country {
    /// Natural Earth name (`properties.name`), e.g. "Tajikistan".
    pub name: String,
    /// ISO 3166-1 numeric code, zero-padded (the TopoJSON `id`, e.g. "762"); `None` for
    /// Kosovo, N. Cyprus, Somaliland and a few other territories.
    pub iso_numeric: Option<String>,
    /// x = longitude, y = latitude; cut at ±180; exteriors counter-clockwise, holes clockwise.
    pub shape: MultiPolygon<f64>,
}

/// The embedded countries at this detail, decoded once per process and cached.
pub fn countries(detail: Detail) -> &'static [Country] {
    static MEDIUM: OnceLock<Vec<Country>> = OnceLock::new();
    static FINE: OnceLock<Vec<Country>> = OnceLock::new();
    let (cache, packed) = match detail {
        Detail::Medium => (&MEDIUM, MEDIUM_PACKED),
        Detail::Fine => (&FINE, FINE_PACKED),
    };
    cache.get_or_init(|| packed::decode(packed).expect("embedded basemap is valid"))
}

/// A point on the border two countries share (ISO 3166-1 numeric codes):
/// of the boundary points the two shapes have in common (the topology's
/// shared arcs, at 1:50m), the one nearest their mean. `None` when they do
/// not touch. Latitude, longitude.
pub fn shared_border(a: &str, b: &str) -> Option<(f64, f64)> {
    let shape = |code: &str| {
        countries(Detail::Medium)
            .iter()
            .find(|c| c.iso_numeric.as_deref() == Some(code))
            .map(|c| &c.shape)
    };
    let (a, b) = (shape(a)?, shape(b)?);
    let points = |shape: &'static MultiPolygon<f64>| {
        shape.0.iter().flat_map(|p| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .flat_map(|ring| ring.0.iter())
        })
    };
    let key = |c: &Coord<f64>| (c.x.to_bits(), c.y.to_bits());
    let of_b: std::collections::HashSet<(u64, u64)> = points(b).map(key).collect();
    let mut shared: Vec<Coord<f64>> = points(a)
        .filter(|c| of_b.contains(&key(c)))
        .copied()
        .collect();
    shared.sort_by(|p, q| p.x.total_cmp(&q.x).then(p.y.total_cmp(&q.y)));
    shared.dedup();
    let n = shared.len() as f64;
    let mean = Coord {
        x: shared.iter().map(|c| c.x).sum::<f64>() / n,
        y: shared.iter().map(|c| c.y).sum::<f64>() / n,
    };
    let nearest = shared.iter().min_by(|p, q| {
        let d = |c: &&Coord<f64>| (c.x - mean.x).powi(2) + (c.y - mean.y).powi(2);
        d(p).total_cmp(&d(q))
    })?;
    Some((nearest.y, nearest.x))
}

/// Clip a shape (in any planar coordinates, e.g. projected map units) to an axis-aligned
/// rectangle. Polygons wholly inside are kept as they are, those wholly outside dropped.
pub fn clip_to_rect(shape: &MultiPolygon<f64>, rect: Rect<f64>) -> MultiPolygon<f64> {
    let Some(bounds) = shape.bounding_rect() else {
        return MultiPolygon::new(Vec::new());
    };
    if within(bounds, rect) {
        return shape.clone();
    }
    if !overlaps(bounds, rect) {
        return MultiPolygon::new(Vec::new());
    }
    let clip = rect.to_polygon();
    let mut out = Vec::new();
    for polygon in shape {
        match polygon.bounding_rect() {
            Some(b) if within(b, rect) => out.push(polygon.clone()),
            Some(b) if overlaps(b, rect) => {
                // The overlay snaps to an integer grid: keep its output inside the rect.
                let pieces = polygon.intersection(&clip).into_iter();
                out.extend(pieces.map(|mut p| {
                    p.map_coords_in_place(|c| Coord {
                        x: c.x.clamp(rect.min().x, rect.max().x),
                        y: c.y.clamp(rect.min().y, rect.max().y),
                    });
                    p
                }));
            }
            _ => {}
        }
    }
    MultiPolygon::new(out)
}

/// `inner` lies inside `outer` (boundaries may touch).
fn within(inner: Rect<f64>, outer: Rect<f64>) -> bool {
    inner.min().x >= outer.min().x
        && inner.min().y >= outer.min().y
        && inner.max().x <= outer.max().x
        && inner.max().y <= outer.max().y
}

/// The two rectangles share some area (touching edges do not count).
pub(crate) fn overlaps(a: Rect<f64>, b: Rect<f64>) -> bool {
    a.min().x < b.max().x && b.min().x < a.max().x && a.min().y < b.max().y && b.min().y < a.max().y
}

// --- TopoJSON, only what the world-atlas countries files use ---

#[derive(Deserialize)]
struct Topology {
    transform: Transform,
    arcs: Vec<Vec<[i32; 2]>>,
    objects: std::collections::BTreeMap<String, Collection>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    id: Option<String>,
    #[serde(default)]
    properties: Properties,
    /// Absent for null geometries.
    #[serde(default)]
    arcs: Option<ArcRefs>,
}

#[derive(Deserialize, Default)]
struct Properties {
    #[serde(default)]
    name: String,
}

/// Arc indices per ring; `!i` (that is `-i - 1`) means arc `i` reversed.
#[derive(Deserialize)]
#[serde(untagged)]
enum ArcRefs {
    Polygon(Vec<Vec<i32>>),
    MultiPolygon(Vec<Vec<Vec<i32>>>),
}

/// The shapes of one object of a TopoJSON topology (`"countries"`, `"counties"`...),
/// named by `properties.name` and identified by `id`, cut at the antimeridian.
pub fn decode_topojson(json: &str, object: &str) -> Result<Vec<Country>, String> {
    let mut topology: Topology = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let collection = topology
        .objects
        .remove(object)
        .ok_or_else(|| format!("the topology has no object `{object}`"))?;
    let arcs = absolute_arcs(&topology.arcs);
    let [sx, sy] = topology.transform.scale;
    let [tx, ty] = topology.transform.translate;
    let to_degrees = |[x, y]: [i64; 2]| Coord {
        x: x as f64 * sx + tx,
        y: y as f64 * sy + ty,
    };
    let crosses = |a: [i64; 2], b: [i64; 2]| (b[0] - a[0]).abs() as f64 * sx > 180.0;
    let mut countries = Vec::with_capacity(collection.geometries.len());
    for geometry in collection.geometries {
        let polygons = match geometry.arcs {
            None => Vec::new(),
            Some(ArcRefs::Polygon(rings)) => vec![rings],
            Some(ArcRefs::MultiPolygon(polygons)) => polygons,
        };
        let mut parts = Vec::new();
        for refs in polygons {
            let mut rings = Vec::with_capacity(refs.len());
            for refs in &refs {
                let ring = ring(&arcs, refs)?;
                if ring.windows(2).any(|w| crosses(w[0], w[1])) {
                    // Left as is for cut_at_antimeridian, which unwraps it first.
                    rings.push(ring.into_iter().map(to_degrees).collect());
                    continue;
                }
                let ring = clean(ring);
                // Quantization collapsed some tiny islands onto a line or a point: skip them.
                if ring.len() >= 4 && twice_area(&ring) != 0 {
                    rings.push(ring.into_iter().map(to_degrees).collect());
                }
            }
            parts.extend(build_polygons(rings));
        }
        countries.push(Country {
            name: geometry.properties.name,
            iso_numeric: geometry.id,
            shape: MultiPolygon::new(parts).orient(Direction::Default),
        });
    }
    Ok(countries)
}

/// Undoes the delta encoding: every arc as absolute quantized positions.
pub(crate) fn absolute_arcs(arcs: &[Vec<[i32; 2]>]) -> Vec<Vec<[i64; 2]>> {
    let absolute = |arc: &Vec<[i32; 2]>| {
        let (mut x, mut y) = (0i64, 0i64);
        let points = arc.iter().map(|&[dx, dy]| {
            x += i64::from(dx);
            y += i64::from(dy);
            [x, y]
        });
        points.collect()
    };
    arcs.iter().map(absolute).collect()
}

/// Joins the arcs of one ring, dropping the point each arc shares with the previous one.
pub(crate) fn ring(arcs: &[Vec<[i64; 2]>], refs: &[i32]) -> Result<Vec<[i64; 2]>, String> {
    let mut out = Vec::new();
    for &r in refs {
        let index = if r >= 0 { r } else { !r } as usize;
        let arc = arcs
            .get(index)
            .ok_or_else(|| format!("arc index {r} out of range"))?;
        let skip = usize::from(!out.is_empty());
        if r >= 0 {
            out.extend(arc.iter().skip(skip));
        } else {
            out.extend(arc.iter().rev().skip(skip));
        }
    }
    Ok(out)
}

/// Drops repeated points and spikes (runs out and straight back along the same line) from
/// a closed ring. Quantization leaves them in small features; they carry no area, but a
/// spike at the lowest-left point leaves geo's winding order undefined.
pub(crate) fn clean(ring: Vec<[i64; 2]>) -> Vec<[i64; 2]> {
    let backtracks = |a: [i64; 2], b: [i64; 2], c: [i64; 2]| {
        let (u, v) = ([b[0] - a[0], b[1] - a[1]], [c[0] - b[0], c[1] - b[1]]);
        u[0] * v[1] == u[1] * v[0] && u[0] * v[0] + u[1] * v[1] <= 0
    };
    let pass = |ring: Vec<[i64; 2]>| {
        let mut out: Vec<[i64; 2]> = Vec::with_capacity(ring.len());
        for p in ring {
            while let [.., a, b] = out[..] {
                if !backtracks(a, b, p) {
                    break;
                }
                out.pop();
            }
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
        out
    };
    let mut ring = pass(ring);
    // A second pass starting half-way round cleans what sat at the closing point.
    if ring.len() >= 4 && ring.first() == ring.last() {
        ring.pop();
        let half = ring.len() / 2;
        ring.rotate_left(half);
        ring.push(ring[0]);
        ring = pass(ring);
    }
    ring
}

pub(crate) fn twice_area(ring: &[[i64; 2]]) -> i64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum()
}

/// One TopoJSON polygon (exterior first, then holes) as geo polygons, cut at ±180 if needed.
pub(crate) fn build_polygons(rings: Vec<Vec<Coord<f64>>>) -> Vec<Polygon<f64>> {
    if rings.iter().any(|r| crosses_antimeridian(r)) {
        return cut_at_antimeridian(rings);
    }
    let mut rings = rings.into_iter().map(LineString::from);
    match rings.next() {
        Some(exterior) => vec![Polygon::new(exterior, rings.collect())],
        None => Vec::new(),
    }
}

fn crosses_antimeridian(ring: &[Coord<f64>]) -> bool {
    ring.windows(2).any(|w| (w[1].x - w[0].x).abs() > 180.0)
}

fn is_degenerate(ring: &[Coord<f64>]) -> bool {
    twice_signed_area(ring).abs() < 1e-9
}

/// Twice the signed area of a closed ring.
fn twice_signed_area(ring: &[Coord<f64>]) -> f64 {
    ring.windows(2)
        .map(|w| w[0].x * w[1].y - w[1].x * w[0].y)
        .sum()
}

/// Makes a ring's longitudes continuous (they may leave [-180, 180]) by undoing every jump
/// of more than 180°.
fn unwrap_longitudes(ring: Vec<Coord<f64>>) -> Vec<Coord<f64>> {
    let mut offset = 0.0;
    let mut previous: Option<f64> = None;
    ring.into_iter()
        .map(|c| {
            match previous {
                Some(p) if c.x - p > 180.0 => offset -= 360.0,
                Some(p) if c.x - p < -180.0 => offset += 360.0,
                _ => {}
            }
            previous = Some(c.x);
            Coord {
                x: c.x + offset,
                y: c.y,
            }
        })
        .collect()
}

/// Unwraps the rings of a polygon that crosses ±180, closes rings that go around a pole,
/// then intersects the result with 360°-wide strips and shifts each piece back into
/// [-180, 180].
fn cut_at_antimeridian(rings: Vec<Vec<Coord<f64>>>) -> Vec<Polygon<f64>> {
    let mut rings = rings.into_iter().filter_map(|ring| {
        let mut ring = unwrap_longitudes(ring);
        let (first, last) = (*ring.first()?, *ring.last()?);
        if (last.x - first.x).abs() < 180.0 {
            return (!is_degenerate(&ring)).then_some(ring);
        }
        // The ring goes once around a pole. World-atlas leaves a ring along the pole itself
        // (lat ±89.999) from its stitching: drop it; close the others down to the pole.
        if ring.iter().all(|c| c.y.abs() > 89.9) {
            return None;
        }
        let pole = if first.y < 0.0 { -90.0 } else { 90.0 };
        ring.push(Coord { x: last.x, y: pole });
        ring.push(Coord {
            x: first.x,
            y: pole,
        });
        ring.push(first);
        Some(ring)
    });
    let Some(exterior) = rings.next() else {
        return Vec::new();
    };
    let middle = mid_longitude(&exterior);
    // Holes were unwrapped on their own: bring each next to its exterior.
    let holes = rings.map(|hole| {
        let shift = 360.0 * ((middle - mid_longitude(&hole)) / 360.0).round();
        shifted(hole.into(), shift)
    });
    let polygon = Polygon::new(exterior.into(), holes.collect());
    let Some(bounds) = polygon.bounding_rect() else {
        return Vec::new();
    };
    let first_strip = ((bounds.min().x + 180.0) / 360.0).floor() as i32;
    let last_strip = ((bounds.max().x - 180.0) / 360.0).ceil() as i32;
    let mut pieces = Vec::new();
    for k in first_strip..=last_strip {
        let offset = 360.0 * f64::from(k);
        let strip = Rect::new(
            Coord {
                x: offset - 180.0,
                y: -91.0,
            },
            Coord {
                x: offset + 180.0,
                y: 91.0,
            },
        );
        for piece in polygon.intersection(&strip.to_polygon()) {
            let (exterior, interiors) = piece.into_inner();
            let back = |ring: LineString<f64>| clamp_longitudes(shifted(ring, -offset));
            let piece = Polygon::new(back(exterior), interiors.into_iter().map(back).collect());
            // Edges closed along a pole span up to 360°: give them points every degree so
            // that they follow the parallel in any projection.
            pieces.push(Euclidean.densify(&piece, 1.0));
        }
    }
    pieces
}

fn mid_longitude(ring: &[Coord<f64>]) -> f64 {
    let (min, max) = ring
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
            (lo.min(c.x), hi.max(c.x))
        });
    (min + max) / 2.0
}

fn shifted(mut ring: LineString<f64>, dx: f64) -> LineString<f64> {
    ring.0.iter_mut().for_each(|c| c.x += dx);
    ring
}

/// Removes the rounding drift left by shifting a piece back by a multiple of 360°.
fn clamp_longitudes(mut ring: LineString<f64>) -> LineString<f64> {
    ring.0
        .iter_mut()
        .for_each(|c| c.x = c.x.clamp(-180.0, 180.0));
    ring
}
