//! Geography in pixels: countries cut at the projection's seam, clipped to
//! the frame, projected and simplified to what the output can show; the
//! globe's outline (the sea of a world map); and the graticule.

use geo::{
    BooleanOps, BoundingRect, Coord, Densify, Euclidean, LineString, MapCoords, MultiLineString,
    MultiPolygon, Polygon, Rect as GeoRect, Simplify,
};

use super::basemap::{self, Country, Detail};
use super::frame::Frame;
use super::labels::Rect;
use super::projection::{GeoBox, Projection, wrap};

/// Longest edge, in degrees, left straight before projecting: longer edges
/// get points in between so that parallels curve as they should.
const DENSIFY_DEGREES: f64 = 1.0;

/// Projects relative longitude/latitude degrees to pixels, for one map.
pub struct Projector<'a> {
    /// The projection.
    pub projection: &'a Projection,
    /// Where the projected plane lands on the page.
    pub frame: &'a Frame,
}

impl Projector<'_> {
    /// A point given by its longitude relative to the central meridian.
    pub fn relative(&self, rel: f64, lat: f64) -> Option<(f64, f64)> {
        self.projection
            .forward_relative(rel, lat)
            .map(|m| self.frame.to_px(m))
    }

    /// A point given by its longitude.
    pub fn absolute(&self, lon: f64, lat: f64) -> Option<(f64, f64)> {
        self.relative(wrap(lon - self.projection.lon0()), lat)
    }

    /// A shape in relative degrees, densified, in pixels; rings that leave
    /// the projection's domain are dropped.
    fn shape(&self, shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        let dense = Euclidean.densify(shape, DENSIFY_DEGREES);
        let ring = |ring: &LineString<f64>| -> Option<LineString<f64>> {
            ring.coords()
                .map(|c| self.relative(c.x, c.y).map(|(x, y)| Coord { x, y }))
                .collect::<Option<Vec<_>>>()
                .map(LineString::new)
        };
        let polygons = dense.iter().filter_map(|p| {
            let exterior = ring(p.exterior())?;
            let holes = p.interiors().iter().filter_map(ring).collect();
            Some(Polygon::new(exterior, holes))
        });
        MultiPolygon::new(polygons.collect())
    }
}

/// A country as drawn.
pub struct LandShape {
    /// The country.
    pub country: &'static Country,
    /// Its shape in pixels, clipped and simplified.
    pub shape: MultiPolygon<f64>,
}

fn geo_rect(b: &GeoBox) -> GeoRect<f64> {
    GeoRect::new((b.west, b.south), (b.east, b.north))
}

/// Splits a shape at the projection's seam (the meridian opposite the central
/// one) and moves each piece to longitudes relative to the central meridian.
/// With `near` (relative degrees), pieces wholly outside it are left out
/// before they are moved, which spares copying the far side of the world.
fn to_relative(
    shape: &MultiPolygon<f64>,
    lon0: f64,
    near: Option<GeoRect<f64>>,
) -> MultiPolygon<f64> {
    let seam = wrap(lon0 + 180.0);
    let Some(bounds) = shape.bounding_rect() else {
        return MultiPolygon::new(Vec::new());
    };
    let cut;
    let pieces: &[Polygon<f64>] = if bounds.min().x < seam && seam < bounds.max().x && seam > -180.0
    {
        let west = GeoRect::new((-180.0, -91.0), (seam, 91.0));
        let east = GeoRect::new((seam, -91.0), (180.0, 91.0));
        let mut pieces = basemap::clip_to_rect(shape, west).0;
        pieces.extend(basemap::clip_to_rect(shape, east).0);
        cut = pieces;
        &cut
    } else {
        &shape.0
    };
    let moved: Vec<Polygon<f64>> = pieces
        .iter()
        .filter_map(|p| {
            let b = p.bounding_rect()?;
            let mid = (b.min().x + b.max().x) / 2.0 - lon0;
            let shift = -lon0 - 360.0 * (mid / 360.0).round();
            let moved = GeoRect::new(
                (b.min().x + shift, b.min().y),
                (b.max().x + shift, b.max().y),
            );
            if near.is_some_and(|r| !basemap::overlaps(moved, r)) {
                return None;
            }
            Some(p.map_coords(|c| Coord {
                x: c.x + shift,
                y: c.y,
            }))
        })
        .collect();
    // Pieces the basemap cut at ±180 meet again away from the seam: join
    // them, or the cut would show as a border along the 180th meridian.
    let cut_at_180 = bounds.min().x <= -179.999 || bounds.max().x >= 179.999;
    if cut_at_180 && seam > -180.0 {
        geo::unary_union(&moved)
    } else {
        MultiPolygon::new(moved)
    }
}

/// The area enclosed by a closed ring.
fn ring_area(ring: &LineString<f64>) -> f64 {
    ring.lines()
        .map(|l| l.start.x * l.end.y - l.end.x * l.start.y)
        .sum::<f64>()
        .abs()
        / 2.0
}

/// Drops rings too small to see (under a quarter of a square pixel) and
/// polygons left without an exterior.
fn drop_specks(shape: MultiPolygon<f64>) -> MultiPolygon<f64> {
    let min_area = 0.25;
    let kept = shape.into_iter().filter_map(|p| {
        if ring_area(p.exterior()) < min_area || p.exterior().0.len() < 4 {
            return None;
        }
        let (exterior, holes) = p.into_inner();
        let holes = holes
            .into_iter()
            .filter(|h| ring_area(h) >= min_area && h.0.len() >= 4)
            .collect();
        Some(Polygon::new(exterior, holes))
    });
    MultiPolygon::new(kept.collect())
}

/// The countries of `detail` that show inside `clip` (pixels), projected and
/// simplified to `tolerance` pixels. `bounds` (relative degrees, from
/// [`Frame::relative_bounds`]) skips what lies far outside.
pub fn countries(
    detail: Detail,
    projector: &Projector,
    bounds: GeoBox,
    clip: Rect,
    tolerance: f64,
) -> Vec<LandShape> {
    basemap::countries(detail)
        .iter()
        .filter_map(|country| {
            let shape = area_in_frame(&country.shape, projector, bounds, clip, tolerance)?;
            Some(LandShape { country, shape })
        })
        .collect()
}

/// An area in longitude/latitude degrees as it shows inside `clip`
/// (pixels), projected and simplified to `tolerance` pixels; `None` when
/// nothing of it shows. `bounds` (relative degrees) skips what lies far
/// outside.
pub fn area_in_frame(
    shape: &MultiPolygon<f64>,
    projector: &Projector,
    bounds: GeoBox,
    clip: Rect,
    tolerance: f64,
) -> Option<MultiPolygon<f64>> {
    let whole = bounds.east - bounds.west >= 360.0 && bounds.north - bounds.south >= 180.0;
    let lon0 = projector.projection.lon0();
    let near = if whole {
        to_relative(shape, lon0, None)
    } else {
        let rect = geo_rect(&bounds);
        basemap::clip_to_rect(&to_relative(shape, lon0, Some(rect)), rect)
    };
    if near.0.is_empty() {
        return None;
    }
    let projected = projector.shape(&near);
    let px_rect = GeoRect::new((clip.x0, clip.y0), (clip.x1, clip.y1));
    let shape = drop_specks(basemap::clip_to_rect(&projected, px_rect).simplify(tolerance));
    (!shape.0.is_empty()).then_some(shape)
}

/// Lines in longitude/latitude degrees as they show inside `clip` (pixels),
/// cut at the projection's seam, projected, clipped and simplified to
/// `tolerance` pixels. `bounds` (relative degrees) skips lines far outside.
pub fn lines_in_frame(
    lines: &MultiLineString<f64>,
    projector: &Projector,
    bounds: GeoBox,
    clip: Rect,
    tolerance: f64,
) -> MultiLineString<f64> {
    let lon0 = projector.projection.lon0();
    let near = |b: GeoRect<f64>| {
        b.min().x <= bounds.east + 1.0
            && b.max().x >= bounds.west - 1.0
            && b.min().y <= bounds.north + 1.0
            && b.max().y >= bounds.south - 1.0
    };
    let mut pieces: Vec<LineString<f64>> = Vec::new();
    for line in lines {
        let mut piece: Vec<Coord<f64>> = Vec::new();
        let mut flush = |piece: &mut Vec<Coord<f64>>| {
            let relative = LineString::new(std::mem::take(piece));
            if relative.0.len() >= 2 && relative.bounding_rect().is_some_and(near) {
                let projected: Option<Vec<Coord<f64>>> = relative
                    .coords()
                    .map(|c| projector.relative(c.x, c.y).map(|(x, y)| Coord { x, y }))
                    .collect();
                pieces.extend(projected.map(LineString::new));
            }
        };
        for c in line.coords() {
            let rel = wrap(c.x - lon0);
            if piece.last().is_some_and(|p| (p.x - rel).abs() > 180.0) {
                flush(&mut piece);
            }
            piece.push(Coord { x: rel, y: c.y });
        }
        flush(&mut piece);
    }
    let clipped: Vec<LineString<f64>> = pieces
        .iter()
        .flat_map(|line| clip_line(line, clip))
        .collect();
    MultiLineString::new(clipped).simplify(tolerance)
}

/// The parts of a line inside a box (Liang–Barsky on each segment, joined
/// where they follow on).
fn clip_line(line: &LineString<f64>, r: Rect) -> Vec<LineString<f64>> {
    let mut out: Vec<LineString<f64>> = Vec::new();
    let mut current: Vec<Coord<f64>> = Vec::new();
    for segment in line.lines() {
        let (a, b) = (segment.start, segment.end);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        let inside = [
            (-dx, a.x - r.x0),
            (dx, r.x1 - a.x),
            (-dy, a.y - r.y0),
            (dy, r.y1 - a.y),
        ]
        .into_iter()
        .all(|(p, q)| {
            if p == 0.0 {
                return q >= 0.0;
            }
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            t0 <= t1
        });
        if !inside {
            if current.len() >= 2 {
                out.push(LineString::new(std::mem::take(&mut current)));
            }
            current.clear();
            continue;
        }
        let start = Coord {
            x: a.x + t0 * dx,
            y: a.y + t0 * dy,
        };
        let end = Coord {
            x: a.x + t1 * dx,
            y: a.y + t1 * dy,
        };
        if current.last() != Some(&start) {
            if current.len() >= 2 {
                out.push(LineString::new(std::mem::take(&mut current)));
            }
            current = vec![start];
        }
        current.push(end);
        if t1 < 1.0 {
            out.push(LineString::new(std::mem::take(&mut current)));
        }
    }
    if current.len() >= 2 {
        out.push(LineString::new(current));
    }
    out
}

/// The globe's outline in pixels for world projections, clipped to `clip`.
pub fn globe(projector: &Projector, clip: Rect) -> Option<MultiPolygon<f64>> {
    let outline = projector.projection.world_outline()?;
    let ring: Option<Vec<Coord<f64>>> = outline
        .iter()
        .map(|&(rel, lat)| projector.relative(rel, lat).map(|(x, y)| Coord { x, y }))
        .collect();
    let polygon = MultiPolygon::new(vec![Polygon::new(LineString::new(ring?), Vec::new())]);
    let px_rect = GeoRect::new((clip.x0, clip.y0), (clip.x1, clip.y1));
    Some(basemap::clip_to_rect(&polygon, px_rect))
}

/// Degrees between graticule lines for a span: about four to eight lines.
pub fn graticule_step(span: f64, most: f64) -> f64 {
    [1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0]
        .into_iter()
        .find(|s| span / s <= most)
        .unwrap_or(30.0)
}

/// `step` degrees, or the multiple of it that keeps a `span` of degrees to
/// at most [`super::style::MOST_GRATICULE_LINES`] lines.
pub fn widened_step(step: f64, span: f64) -> f64 {
    let most = super::style::MOST_GRATICULE_LINES;
    if span / step <= most {
        step
    } else {
        step * (span / step / most).ceil()
    }
}

/// Meridians every `lon_step` and parallels every `lat_step` degrees inside
/// `bounds`, in pixels, clipped to `area`. On a world projection meridians
/// run from pole to pole; elsewhere they stop at the last parallel before the
/// pole, where they would crowd together, except every 90th.
pub fn graticule(
    projector: &Projector,
    bounds: GeoBox,
    (lon_step, lat_step): (f64, f64),
    area: &MultiPolygon<f64>,
) -> MultiLineString<f64> {
    let lon0 = projector.projection.lon0();
    let mut lines: Vec<LineString<f64>> = Vec::new();
    let line = |points: Vec<(f64, f64)>| -> Option<LineString<f64>> {
        let coords: Vec<Coord<f64>> = points
            .into_iter()
            .filter_map(|(rel, lat)| projector.relative(rel, lat))
            .map(|(x, y)| Coord { x, y })
            .collect();
        (coords.len() >= 2).then(|| LineString::new(coords))
    };
    let samples = |a: f64, b: f64| {
        let n = ((b - a) / 0.5).ceil().max(1.0) as usize;
        (0..=n).map(move |i| a + (b - a) * i as f64 / n as f64)
    };
    let last_parallel = ((90.0 - 1e-9) / lat_step).floor() * lat_step;
    let mut k = (-180.0 / lon_step).ceil() as i64;
    while (k as f64) * lon_step < 180.0 {
        let lon = k as f64 * lon_step;
        let rel = wrap(lon - lon0);
        // Not the seam, which is the globe's edge.
        if rel > bounds.west && rel < bounds.east && rel.abs() < 179.999 {
            let reach = if projector.projection.is_world() || lon % 90.0 == 0.0 {
                90.0
            } else {
                last_parallel
            };
            let (lo, hi) = (bounds.south.max(-reach), bounds.north.min(reach));
            if lo < hi {
                lines.extend(line(samples(lo, hi).map(|lat| (rel, lat)).collect()));
            }
        }
        k += 1;
    }
    let mut k = (-90.0 / lat_step).ceil() as i64;
    while (k as f64) * lat_step < 90.0 {
        let lat = k as f64 * lat_step;
        if lat > bounds.south && lat < bounds.north {
            lines.extend(line(
                samples(bounds.west, bounds.east)
                    .map(|rel| (rel, lat))
                    .collect(),
            ));
        }
        k += 1;
    }
    area.clip(&MultiLineString::new(lines), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cut_at_the_box() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        // In, out across the right edge, back in across the top.
        let line = LineString::from(vec![(2.0, 5.0), (20.0, 5.0), (20.0, -10.0), (5.0, 5.0)]);
        let parts = clip_line(&line, r);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], LineString::from(vec![(2.0, 5.0), (10.0, 5.0)]));
        let last = parts[1].0.clone();
        assert!((last[0].y - 0.0).abs() < 1e-9 && last[1] == Coord { x: 5.0, y: 5.0 });
        // Wholly outside: nothing.
        let away = LineString::from(vec![(-5.0, -5.0), (-1.0, 20.0)]);
        assert!(clip_line(&away, r).is_empty());
    }

    #[test]
    fn relative_pieces_stay_on_their_side_of_the_seam() {
        let russia = basemap::countries(Detail::Medium)
            .iter()
            .find(|c| c.name == "Russia")
            .unwrap();
        // Centred on the Bering Strait: Chukotka joins the rest of Russia.
        let rel = to_relative(&russia.shape, -174.0, None);
        let b = rel.bounding_rect().unwrap();
        assert!(b.min().x >= -180.0 && b.max().x <= 180.0, "{b:?}");
        // Seam at 6°E: Russia spans from about 20°E (rel -166) to 169°W (rel 5).
        assert!(b.max().x < 10.0 && b.min().x > -170.0, "{b:?}");
        // No edge runs along the 180th meridian (rel -6) any more (the
        // overlay leaves a few snapping slivers of a few centimetres).
        let along_180 = rel
            .iter()
            .flat_map(|p| p.exterior().lines())
            .filter(|l| (l.start.x + 6.0).abs() < 1e-6 && (l.end.x + 6.0).abs() < 1e-6)
            .filter(|l| (l.end.y - l.start.y).abs() > 1e-4)
            .count();
        assert_eq!(along_180, 0);
        for p in &rel {
            let pb = p.bounding_rect().unwrap();
            assert!(pb.max().x - pb.min().x < 180.0, "a piece spans {pb:?}");
        }
    }
}
