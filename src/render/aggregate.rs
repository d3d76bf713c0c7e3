//! Aggregation for maps of many incidents: instead of one marker each,
//! per-type counts on a square grid, or clusters of nearby places, so the
//! figure stays legible and small whatever the number of rows.

use std::collections::BTreeMap;

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
    /// Where the bin is drawn, in pixels: the count-weighted mean of its points.
    pub centre: (f64, f64),
    /// Incidents per type rank (index = rank in the legend).
    pub by_type: Vec<usize>,
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
    let mut cells: BTreeMap<(i64, i64), Vec<&Weighted>> = BTreeMap::new();
    for p in points {
        let key = (
            (p.at.1 / cell).floor() as i64,
            (p.at.0 / cell).floor() as i64,
        );
        cells.entry(key).or_default().push(p);
    }
    cells
        .into_values()
        .map(|members| {
            let mut by_type = Vec::new();
            for m in &members {
                add(&mut by_type, &m.by_type);
            }
            Bin {
                centre: weighted_centre(&members),
                by_type,
            }
        })
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
                        members.push(&points[i]);
                    }
                }
            }
        }
        let mut by_type = Vec::new();
        for m in &members {
            add(&mut by_type, &m.by_type);
        }
        bins.push(Bin {
            centre: weighted_centre(&members),
            by_type,
        });
    }
    bins
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
        assert_eq!(a, b);
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
}
