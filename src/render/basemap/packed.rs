//! The embedded countries in a packed binary form, made from the TopoJSON
//! once (by `incimap-build-reference`) so that a map does not parse JSON,
//! join arcs and cut rings at the antimeridian on every run.
//!
//! Layout, all little-endian: the magic `INCIMAP-SHAPES-1\n`, then a `u32`
//! count of countries; per country its name and its ISO numeric code (empty
//! when it has none) each as a `u16` byte length and UTF-8 bytes, a `u32`
//! count of polygons; per polygon a `u32` count of rings (exterior first);
//! per ring a `u32` count of points, then each point as `f32` longitude and
//! `f32` latitude. `f32` keeps about a metre, far finer than the source's
//! quantization (0.0036° at 1:50m, 0.0004° at 1:10m).

use geo::orient::Direction;
use geo::{Area, Coord, LineString, MultiPolygon, Orient, Polygon};

use super::Country;

const MAGIC: &[u8] = b"INCIMAP-SHAPES-1\n";

/// Packs countries into the layout above.
pub fn encode(countries: &[Country]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    let count = |out: &mut Vec<u8>, n: usize| {
        let n = u32::try_from(n).expect("fewer than 2^32 parts");
        out.extend_from_slice(&n.to_le_bytes());
    };
    let text = |out: &mut Vec<u8>, s: &str| {
        let n = u16::try_from(s.len()).expect("names are short");
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    count(&mut out, countries.len());
    for country in countries {
        text(&mut out, &country.name);
        text(&mut out, country.iso_numeric.as_deref().unwrap_or(""));
        let shape = rounded(&country.shape);
        count(&mut out, shape.0.len());
        for polygon in &shape {
            count(&mut out, 1 + polygon.interiors().len());
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                count(&mut out, ring.0.len());
                for c in &ring.0 {
                    out.extend_from_slice(&(c.x as f32).to_le_bytes());
                    out.extend_from_slice(&(c.y as f32).to_le_bytes());
                }
            }
        }
    }
    out
}

/// The shape at `f32` precision, as it will be read back. Rounding can turn
/// a sliver the antimeridian cut left over the other way round, or flatten
/// it: such polygons are oriented again, and flat ones dropped.
fn rounded(shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let round = |ring: &LineString<f64>| -> LineString<f64> {
        ring.0
            .iter()
            .map(|c| Coord {
                x: f64::from(c.x as f32),
                y: f64::from(c.y as f32),
            })
            .collect()
    };
    let polygons = shape
        .iter()
        .map(|p| {
            Polygon::new(
                round(p.exterior()),
                p.interiors().iter().map(round).collect(),
            )
        })
        .filter(|p| p.unsigned_area() > 0.0)
        .collect();
    MultiPolygon::new(polygons).orient(Direction::Default)
}

/// Unpacks what [`encode`] wrote; an error says where the bytes ran out or
/// went wrong.
pub fn decode(bytes: &[u8]) -> Result<Vec<Country>, String> {
    let mut r = Reader {
        bytes: bytes
            .strip_prefix(MAGIC)
            .ok_or("not a packed shapes file (bad magic)")?,
        at: MAGIC.len(),
    };
    let n = r.count()?;
    let mut countries = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.text()?;
        let iso = r.text()?;
        let parts = r.count()?;
        let mut polygons = Vec::with_capacity(parts);
        for _ in 0..parts {
            let rings = r.count()?;
            let exterior = r.ring()?;
            let interiors = (1..rings).map(|_| r.ring()).collect::<Result<_, _>>()?;
            polygons.push(Polygon::new(exterior, interiors));
        }
        countries.push(Country {
            name,
            iso_numeric: (!iso.is_empty()).then_some(iso),
            shape: MultiPolygon::new(polygons),
        });
    }
    if !r.bytes.is_empty() {
        return Err(format!(
            "{} bytes left over at byte {}",
            r.bytes.len(),
            r.at
        ));
    }
    Ok(countries)
}

/// A cursor over the packed bytes that knows its offset, for errors.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let (head, rest) = self
            .bytes
            .split_first_chunk::<N>()
            .ok_or_else(|| format!("cut short at byte {}", self.at))?;
        self.bytes = rest;
        self.at += N;
        Ok(*head)
    }

    fn count(&mut self) -> Result<usize, String> {
        Ok(u32::from_le_bytes(self.take()?) as usize)
    }

    fn text(&mut self) -> Result<String, String> {
        let n = usize::from(u16::from_le_bytes(self.take()?));
        if self.bytes.len() < n {
            return Err(format!("cut short in a name at byte {}", self.at));
        }
        let (s, rest) = self.bytes.split_at(n);
        let s = std::str::from_utf8(s).map_err(|e| format!("byte {}: {e}", self.at))?;
        self.bytes = rest;
        self.at += n;
        Ok(s.to_string())
    }

    fn ring(&mut self) -> Result<LineString<f64>, String> {
        let n = self.count()?;
        if self.bytes.len() < n * 8 {
            return Err(format!("cut short in a ring at byte {}", self.at));
        }
        let (points, rest) = self.bytes.split_at(n * 8);
        let coords = points
            .chunks_exact(8)
            .map(|p| Coord {
                x: f64::from(f32::from_le_bytes([p[0], p[1], p[2], p[3]])),
                y: f64::from(f32::from_le_bytes([p[4], p[5], p[6], p[7]])),
            })
            .collect();
        self.bytes = rest;
        self.at += n * 8;
        Ok(LineString::new(coords))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::basemap::{Detail, countries, decode_topojson};
    use geo::BoundingRect;

    /// The packed files hold what decoding the TopoJSON gives, rounded to
    /// `f32`: if this fails, run `incimap-build-reference` again.
    #[test]
    fn the_packed_files_match_the_topojson() {
        for (packed, json) in [
            (
                include_bytes!("../../../basemap/countries-50m.bin").as_slice(),
                include_str!("../../../basemap/countries-50m.json"),
            ),
            (
                include_bytes!("../../../basemap/countries-10m.bin").as_slice(),
                include_str!("../../../basemap/countries-10m.json"),
            ),
        ] {
            let fresh = decode_topojson(json, "countries").unwrap();
            assert!(encode(&fresh) == packed, "stale packed basemap");
            // Read back, the same bytes: names, codes and points survive.
            let read = decode(packed).unwrap();
            assert_eq!(read.len(), fresh.len());
            assert!(encode(&read) == packed, "decoding loses something");
            for (a, b) in fresh.iter().zip(&read) {
                assert_eq!((&a.name, &a.iso_numeric), (&b.name, &b.iso_numeric));
                // Rounding to f32 moves no country's extent.
                let drift = a
                    .shape
                    .bounding_rect()
                    .zip(b.shape.bounding_rect())
                    .map(|(p, q)| {
                        let (lo, hi) = (p.min() - q.min(), p.max() - q.max());
                        [lo.x, lo.y, hi.x, hi.y]
                            .iter()
                            .fold(0.0f64, |m, d| m.max(d.abs()))
                    });
                assert!(drift.is_none_or(|d| d < 1e-4), "{} {drift:?}", a.name);
            }
        }
    }

    #[test]
    fn decoding_says_where_the_bytes_went_wrong() {
        let bytes = encode(&countries(Detail::Medium)[..2]);
        assert_eq!(decode(&bytes).unwrap().len(), 2);
        let short = decode(&bytes[..bytes.len() - 3]).unwrap_err();
        assert!(short.contains("cut short in a ring"), "{short}");
        assert!(
            decode(b"{\"type\":\"Topology\"}")
                .unwrap_err()
                .contains("magic")
        );
        let mut long = bytes.clone();
        long.push(0);
        assert!(decode(&long).unwrap_err().contains("1 bytes left over"));
    }
}
