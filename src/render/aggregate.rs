//! Aggregation for maps of many incidents: instead of one marker each,
//! per-type counts on a square grid, or clusters of nearby places, so the
//! figure stays legible and small whatever the number of rows.

use std::collections::{BTreeMap, HashMap};

use super::RenderError;
use super::projection::{GeoBox, Projection};
use super::rows::{MapRow, MapRows};
use super::sites::type_name;

/// How to draw many incidents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Aggregate {
    /// One marker per incident, always.
    None,
    /// Counts per cell of a square grid.
    Grid,
    /// Counts per cluster of nearby places.
    Cluster,
    /// Markers up to [`AUTO_THRESHOLD`] incidents, clusters above.
    #[default]
    Auto,
}

/// Above this many incidents, `Auto` aggregates: beyond it markers cover each
/// other and labels cannot be placed on a report-sized figure.
pub const AUTO_THRESHOLD: usize = 300;

impl Aggregate {
    /// Parses `none`, `grid`, `cluster` or `auto`.
    pub fn parse(word: &str) -> Option<Aggregate> {
        match word.trim().to_ascii_lowercase().as_str() {
            "none" => Some(Aggregate::None),
            "grid" => Some(Aggregate::Grid),
            "cluster" => Some(Aggregate::Cluster),
            "auto" => Some(Aggregate::Auto),
            _ => None,
        }
    }

    /// The mode to use for `count` incidents: `Auto` resolved.
    pub fn resolve(self, count: usize) -> Aggregate {
        match self {
            Aggregate::Auto if count > AUTO_THRESHOLD => Aggregate::Cluster,
            Aggregate::Auto => Aggregate::None,
            other => other,
        }
    }
}

/// Incidents at one point of the figure, counted by type.
#[derive(Clone, Debug, PartialEq)]
pub struct Bin {
    /// Where the bin is drawn: the count-weighted mean of its points.
    pub centre: (f64, f64),
    /// Incidents per type (index = the type's number in the input points).
    pub by_type: Vec<usize>,
    /// The input points gathered in the bin.
    pub members: Vec<usize>,
}

impl Bin {
    /// All incidents in the bin.
    pub fn total(&self) -> usize {
        self.by_type.iter().sum()
    }
}

/// Points in pixels with a count per type, as the input to aggregation:
/// usually one per distinct place.
#[derive(Clone, Debug, PartialEq)]
pub struct Weighted {
    /// Position in pixels.
    pub at: (f64, f64),
    /// Incidents per type rank.
    pub by_type: Vec<usize>,
}

fn add(into: &mut Vec<usize>, counts: &[usize]) {
    if into.len() < counts.len() {
        into.resize(counts.len(), 0);
    }
    for (a, b) in into.iter_mut().zip(counts) {
        *a += b;
    }
}

/// The bin of some points: their counts added, at their weighted centre.
fn bin(points: &[Weighted], members: Vec<usize>) -> Bin {
    let chosen: Vec<&Weighted> = members.iter().map(|&i| &points[i]).collect();
    let mut by_type = Vec::new();
    for m in &chosen {
        add(&mut by_type, &m.by_type);
    }
    Bin {
        centre: weighted_centre(&chosen),
        by_type,
        members,
    }
}

fn weighted_centre(points: &[&Weighted]) -> (f64, f64) {
    let (mut x, mut y, mut n) = (0.0, 0.0, 0.0);
    for p in points {
        let w = p.by_type.iter().sum::<usize>() as f64;
        x += p.at.0 * w;
        y += p.at.1 * w;
        n += w;
    }
    if n == 0.0 {
        points.first().map_or((0.0, 0.0), |p| p.at)
    } else {
        (x / n, y / n)
    }
}

/// Counts per square cell of `cell` pixels; each bin sits at the weighted
/// centre of its points. Bins come in row-major cell order.
pub fn grid(points: &[Weighted], cell: f64) -> Vec<Bin> {
    let mut cells: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (i, p) in points.iter().enumerate() {
        let key = (
            (p.at.1 / cell).floor() as i64,
            (p.at.0 / cell).floor() as i64,
        );
        cells.entry(key).or_default().push(i);
    }
    cells
        .into_values()
        .map(|members| bin(points, members))
        .collect()
}

/// Greedy clusters: the place with most incidents takes every place within
/// `radius` pixels, then the next unclaimed place, and so on. Ties are broken
/// by position, so the result does not depend on input order.
pub fn cluster(points: &[Weighted], radius: f64) -> Vec<Bin> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    let total = |i: usize| points[i].by_type.iter().sum::<usize>();
    order.sort_by(|&a, &b| {
        total(b)
            .cmp(&total(a))
            .then(points[a].at.0.total_cmp(&points[b].at.0))
            .then(points[a].at.1.total_cmp(&points[b].at.1))
    });
    // A coarse grid of radius-sized cells finds neighbours without comparing every pair.
    let cell_of = |p: (f64, f64)| ((p.0 / radius).floor() as i64, (p.1 / radius).floor() as i64);
    let mut cells: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (i, p) in points.iter().enumerate() {
        cells.entry(cell_of(p.at)).or_default().push(i);
    }
    let mut claimed = vec![false; points.len()];
    let mut bins = Vec::new();
    for &seed in &order {
        if claimed[seed] {
            continue;
        }
        let centre = points[seed].at;
        let (cx, cy) = cell_of(centre);
        let mut members = Vec::new();
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                for &i in cells.get(&(gx, gy)).map(Vec::as_slice).unwrap_or(&[]) {
                    let (dx, dy) = (points[i].at.0 - centre.0, points[i].at.1 - centre.1);
                    if !claimed[i] && dx * dx + dy * dy <= radius * radius {
                        claimed[i] = true;
                        members.push(i);
                    }
                }
            }
        }
        members.sort_unstable();
        bins.push(bin(points, members));
    }
    bins
}

/// The member of `bin` nearest its centre; ties go to the member with more
/// incidents, then to the first.
fn nearest_member(bin: &Bin, points: &[Weighted]) -> usize {
    let (cx, cy) = bin.centre;
    let d = |m: usize| (points[m].at.0 - cx).powi(2) + (points[m].at.1 - cy).powi(2);
    let total = |m: usize| points[m].by_type.iter().sum::<usize>();
    bin.members
        .iter()
        .copied()
        .min_by(|&a, &b| {
            d(a).total_cmp(&d(b))
                .then(total(b).cmp(&total(a)))
                .then(a.cmp(&b))
        })
        .unwrap_or(0)
}

/// The names of a bin's places, most incidents first, the first ten.
fn member_names(bin: &Bin, points: &[Weighted], sites: &[Site]) -> String {
    let mut members = bin.members.clone();
    let total = |m: usize| points[m].by_type.iter().sum::<usize>();
    members.sort_by(|&a, &b| total(b).cmp(&total(a)).then(a.cmp(&b)));
    let mut names: Vec<&str> = members
        .iter()
        .take(10)
        .map(|&m| sites[m].name.as_str())
        .collect();
    if members.len() > 10 {
        names.push("…");
    }
    names.join(", ")
}

/// Incidents reduced to one row per cluster or cell, for the map: drawn as
/// a pie of its types, with area showing its count.
pub struct Reduced {
    /// One row per cluster or cell, at the member place nearest its centre,
    /// named after that place ("Gaza and 4 places") and typed by its most
    /// frequent type.
    pub rows: MapRows,
    /// How many incidents each row stands for.
    pub weights: Vec<u32>,
    /// Each row's incidents by type name, most first.
    pub shares: Vec<Vec<(String, usize)>>,
    /// Incidents by type name over the whole map.
    pub totals: Vec<(String, usize)>,
    /// Distinct places among the incidents.
    pub places: usize,
    /// A sentence for the reader on how the map was aggregated.
    pub note: String,
}

/// One distinct place with its incidents counted by type.
struct Site {
    lon: f64,
    lat: f64,
    name: String,
    by_type: Vec<usize>,
}

/// Gathers located incidents into clusters of nearby places (`Cluster`) or
/// grid cells (`Grid`), about a thirtieth of the extent across, and returns
/// one row per type in each, weighted by its count. The work is per place,
/// not per incident, past one pass that counts them.
pub fn reduce(
    all: &MapRows,
    mode: Aggregate,
    projection: Option<&str>,
) -> Result<Reduced, RenderError> {
    // Types as written that clean to the same name count as one.
    let mut type_names: Vec<String> = Vec::new();
    let type_ids: Vec<usize> = all
        .kinds()
        .map(|kind| {
            let name = type_name(kind);
            type_names
                .iter()
                .position(|n| *n == name)
                .unwrap_or_else(|| {
                    type_names.push(name);
                    type_names.len() - 1
                })
        })
        .collect();
    let mut site_of: HashMap<(i64, i64), usize, foldhash::fast::RandomState> = HashMap::default();
    let mut sites: Vec<Site> = Vec::new();
    for (k, (lon, lat)) in all.lonlats().enumerate() {
        let t = type_ids[all.kind_of(k)];
        let key = ((lon * 1e5).round() as i64, (lat * 1e5).round() as i64);
        let s = *site_of.entry(key).or_insert_with(|| {
            let row = all.get(k);
            let name = row.matched.filter(|n| !n.is_empty());
            sites.push(Site {
                lon,
                lat,
                name: name.map_or_else(|| crate::text::clean(row.place), str::to_string),
                by_type: Vec::new(),
            });
            sites.len() - 1
        });
        let counts = &mut sites[s].by_type;
        if counts.len() <= t {
            counts.resize(t + 1, 0);
        }
        counts[t] += 1;
    }
    // A fixed order, whatever the input order.
    sites.sort_by(|a, b| a.lon.total_cmp(&b.lon).then(a.lat.total_cmp(&b.lat)));
    let extent =
        GeoBox::around(sites.iter().map(|s| (s.lon, s.lat))).ok_or(RenderError::NothingToMap)?;
    let projection = match projection {
        Some(choice) => Projection::from_choice(choice, extent).map_err(RenderError::Projection)?,
        None => Projection::for_extent(extent),
    };
    let mut points = Vec::with_capacity(sites.len());
    for s in &sites {
        let at = projection.forward(s.lon, s.lat).ok_or_else(|| {
            RenderError::Projection(format!(
                "({}, {}) cannot be shown in `{}`",
                s.lon,
                s.lat,
                projection.definition()
            ))
        })?;
        points.push(Weighted {
            at,
            by_type: s.by_type.clone(),
        });
    }
    let (x0, x1, y0, y1) = points.iter().fold(
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
        |(a, b, c, d), p| (a.min(p.at.0), b.max(p.at.0), c.min(p.at.1), d.max(p.at.1)),
    );
    let size = ((x1 - x0).max(y1 - y0) / 30.0).max(5_000.0);
    let (bins, how) = match mode {
        Aggregate::Grid => (
            grid(&points, size),
            format!("counted per grid cell of {:.0} km", size / 1000.0),
        ),
        _ => (
            cluster(&points, size),
            format!(
                "counted per cluster of places within {:.0} km",
                size / 1000.0
            ),
        ),
    };
    let mut rows = MapRows::new();
    let mut weights = Vec::new();
    let mut shares = Vec::new();
    for b in &bins {
        // On a place of its own: the member nearest the bin's centre, not
        // the centre itself (which may fall between towns, or in the sea).
        let at = nearest_member(b, &points);
        let Site { lon, lat, .. } = sites[at];
        let name = sites[at].name.clone();
        let total: usize = b.total();
        let mut share: Vec<(String, usize)> = b
            .by_type
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(t, &n)| (type_names[t].clone(), n))
            .collect();
        share.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let (label, place) = match b.members.len() {
            1 => (name.clone(), format!("{total} incidents at {name}")),
            n => (
                format!(
                    "{name} and {} place{}",
                    n - 1,
                    if n == 2 { "" } else { "s" }
                ),
                format!(
                    "{total} incidents at {n} places: {}",
                    member_names(b, &points, &sites)
                ),
            ),
        };
        rows.push_row(MapRow {
            line: 0,
            lonlat: (lon, lat),
            date: None,
            kind: &share[0].0,
            place: &place,
            matched: Some(&label),
            fatalities: None,
            injuries: None,
            hollow: false,
        });
        weights.push(u32::try_from(total).unwrap_or(u32::MAX));
        shares.push(share);
    }
    let mut totals: Vec<(String, usize)> = type_names.iter().cloned().map(|n| (n, 0)).collect();
    for p in &points {
        for (t, n) in p.by_type.iter().enumerate() {
            totals[t].1 += n;
        }
    }
    totals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let note = format!(
        "{} incidents at {} places are {how}: {} pies, area showing the count",
        all.len(),
        sites.len(),
        rows.len()
    );
    Ok(Reduced {
        rows,
        weights,
        shares,
        totals,
        places: sites.len(),
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(x: f64, y: f64, counts: &[usize]) -> Weighted {
        Weighted {
            at: (x, y),
            by_type: counts.to_vec(),
        }
    }

    #[test]
    fn grid_counts_every_incident_once_per_cell() {
        let points = [
            w(1.0, 1.0, &[2, 0]),
            w(9.0, 9.0, &[0, 3]),
            w(11.0, 1.0, &[1]),
            w(25.0, 25.0, &[0, 0, 4]),
        ];
        let bins = grid(&points, 10.0);
        assert_eq!(bins.len(), 3);
        assert_eq!(bins.iter().map(Bin::total).sum::<usize>(), 10);
        assert_eq!(bins[0].by_type, vec![2, 3]);
        assert_eq!(bins[0].members, vec![0, 1]);
        // Weighted centre of (1,1)x2 and (9,9)x3.
        assert!((bins[0].centre.0 - 5.8).abs() < 1e-9);
    }

    #[test]
    fn clusters_gather_neighbours_around_the_biggest_place() {
        let points = [
            w(0.0, 0.0, &[1]),
            w(5.0, 0.0, &[10]),
            w(12.0, 0.0, &[1]),
            w(100.0, 100.0, &[0, 2]),
        ];
        let bins = cluster(&points, 8.0);
        assert_eq!(bins.len(), 2, "{bins:?}");
        assert_eq!(bins[0].total(), 12, "the 10 at x=5 takes both neighbours");
        assert_eq!(bins[1].by_type, vec![0, 2]);
    }

    #[test]
    fn clusters_do_not_depend_on_input_order() {
        let mut points: Vec<Weighted> = (0..200)
            .map(|i| {
                w(
                    (i * 37 % 101) as f64,
                    (i * 53 % 89) as f64,
                    &[1 + i % 3, i % 2],
                )
            })
            .collect();
        let a = cluster(&points, 15.0);
        points.reverse();
        let b = cluster(&points, 15.0);
        // Members are input positions, which the reversal changes; the bins are the same.
        let content = |bins: &[Bin]| -> Vec<((f64, f64), Vec<usize>, usize)> {
            bins.iter()
                .map(|b| (b.centre, b.by_type.clone(), b.members.len()))
                .collect()
        };
        assert_eq!(content(&a), content(&b));
        assert_eq!(
            a.iter().map(Bin::total).sum::<usize>(),
            points
                .iter()
                .map(|p| p.by_type.iter().sum::<usize>())
                .sum::<usize>()
        );
    }

    #[test]
    fn auto_switches_above_the_threshold() {
        assert_eq!(Aggregate::Auto.resolve(AUTO_THRESHOLD), Aggregate::None);
        assert_eq!(
            Aggregate::Auto.resolve(AUTO_THRESHOLD + 1),
            Aggregate::Cluster
        );
        assert_eq!(Aggregate::None.resolve(1_000_000), Aggregate::None);
        assert_eq!(Aggregate::parse("Grid"), Some(Aggregate::Grid));
    }

    #[test]
    fn reduce_keeps_every_incident_and_type_total() {
        use crate::geocode::{Located, Outcome, Precision, Status};
        use crate::incident::{Incident, LonLat};
        let rows: Vec<Located> = (0..1000)
            .map(|i| {
                let (lon, lat) = [(69.6, 40.3), (69.7, 40.25), (74.6, 42.9), (37.6, 55.75)][i % 4];
                let kind = ["Attack", "Arrests", "Riot"][i % 3];
                Located {
                    incident: Some(Incident {
                        line: i as u64 + 2,
                        kind: kind.into(),
                        place: "x".into(),
                        ..Incident::default()
                    }),
                    line: i as u64 + 2,
                    outcome: std::sync::Arc::new(Outcome {
                        status: Status::Given,
                        location: Some(LonLat { lon, lat }),
                        precision: Some(Precision::Given),
                        matched: None,
                        candidates: 0,
                        runner_up: None,
                        suggestions: Vec::new(),
                        reason: String::new(),
                    }),
                }
            })
            .collect();
        let all: MapRows = rows.iter().collect();
        let reduced = reduce(&all, Aggregate::Cluster, None).unwrap();
        assert_eq!(reduced.places, 4);
        assert_eq!(
            reduced.weights.iter().sum::<u32>(),
            1000,
            "every incident in some pie"
        );
        assert_eq!(reduced.totals.iter().map(|t| t.1).sum::<usize>(), 1000);
        assert_eq!(reduced.totals[0], ("Attack".to_string(), 334));
        // Khujand's two nearby points share a pie; Bishkek and Moscow have their own.
        assert_eq!(reduced.weights.len(), 3, "{:?}", reduced.weights);
        for (share, w) in reduced.shares.iter().zip(&reduced.weights) {
            assert_eq!(share.iter().map(|s| s.1).sum::<usize>() as u32, *w);
        }
        // Each pie sits on one of its places, not between them, and is
        // named after it and the others.
        let places = [(69.6, 40.3), (69.7, 40.25), (74.6, 42.9), (37.6, 55.75)];
        for row in reduced.rows.iter() {
            assert!(places.contains(&row.lonlat), "{:?}", row.lonlat);
        }
        let khujand = reduced
            .rows
            .iter()
            .find(|r| r.place.contains("2 places"))
            .unwrap();
        assert_eq!(khujand.matched, Some("x and 1 place"));
    }
}
