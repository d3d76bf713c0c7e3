//! The choropleth: incidents (or fatalities) counted per first-level
//! division or per country, and the counts put in a few classes, by
//! quantile or by natural breaks, for a sequential colour scale.
//!
//! Incidents are assigned to areas by point in polygon on their
//! coordinates; a point on the coast that the simplified shapes leave just
//! outside goes to the nearest area within 0.1°.

use std::collections::HashMap;

use geo::{BoundingRect, Contains, Distance, Euclidean, MultiPolygon, Point};

use super::basemap::{self, Detail};
use super::reference;
use super::rows::MapRows;

/// Which areas are shaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Areas {
    /// First-level divisions: provinces, states, regions.
    Admin1,
    /// Countries.
    Country,
}

/// What the shading counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Incidents.
    Count,
    /// People killed.
    Fatalities,
}

/// How values are put into classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Classing {
    /// Each class holds about as many areas.
    Quantile,
    /// Jenks's natural breaks: classes as alike inside as they can be.
    NaturalBreaks,
}

/// A choropleth as asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choropleth {
    /// Areas shaded.
    pub areas: Areas,
    /// What is counted.
    pub measure: Measure,
    /// How classes are made.
    pub classing: Classing,
}

impl Areas {
    /// Parses `admin1` (also `province`, `provinces`) or `country`.
    pub fn parse(text: &str) -> Result<Areas, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "admin1" | "province" | "provinces" => Ok(Areas::Admin1),
            "country" | "countries" => Ok(Areas::Country),
            other => Err(format!(
                "cannot shade `{other}`; use admin1 (provinces) or country"
            )),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Areas::Admin1 => "province",
            Areas::Country => "country",
        }
    }
}

impl Measure {
    /// Parses `count` (also `incidents`) or `fatalities` (also `killed`).
    pub fn parse(text: &str) -> Result<Measure, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "count" | "incidents" => Ok(Measure::Count),
            "fatalities" | "killed" => Ok(Measure::Fatalities),
            other => Err(format!(
                "cannot shade by `{other}`; use count or fatalities"
            )),
        }
    }
}

impl Classing {
    /// Parses `quantile` or `jenks` (also `natural-breaks`).
    pub fn parse(text: &str) -> Result<Classing, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "quantile" | "quantiles" => Ok(Classing::Quantile),
            "jenks" | "natural-breaks" | "natural" => Ok(Classing::NaturalBreaks),
            other => Err(format!(
                "cannot make classes by `{other}`; use jenks (natural breaks) or quantile"
            )),
        }
    }

    fn text(self) -> &'static str {
        match self {
            Classing::Quantile => "Classes by quantile",
            Classing::NaturalBreaks => "Classes by natural breaks (Jenks)",
        }
    }
}

impl Choropleth {
    /// The key's title, e.g. "Incidents per province".
    pub fn title(&self) -> String {
        let what = match self.measure {
            Measure::Count => "Incidents",
            Measure::Fatalities => "Fatalities",
        };
        format!("{what} per {}", self.areas.noun())
    }

    /// The key's note on how the classes were made.
    pub fn classing_text(&self) -> &'static str {
        self.classing.text()
    }
}

/// An area with its value.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaValue {
    /// Index of the area: in [`reference::provinces`] (the same at both
    /// details) or in the basemap's 1:10m countries.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// Incidents or fatalities in it.
    pub value: u64,
}

/// The values per area and the classes they fall in.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    /// What was asked for.
    pub choropleth: Choropleth,
    /// Areas with a value above zero, in the order of the data.
    pub areas: Vec<AreaValue>,
    /// Classes as inclusive ranges of values, lowest first.
    pub classes: Vec<(u64, u64)>,
    /// Incidents that fell in no area.
    pub outside: usize,
}

impl Tally {
    /// Counts `rows` per area and classes the values into at most `most`
    /// classes.
    pub fn count(rows: &MapRows, choropleth: Choropleth, most: usize) -> Tally {
        // One lookup per distinct place.
        let mut sites: HashMap<(i64, i64), (f64, f64, u64)> = HashMap::new();
        let mut order: Vec<(i64, i64)> = Vec::new();
        for row in rows.iter() {
            let (lon, lat) = row.lonlat;
            let key = ((lon * 1e5).round() as i64, (lat * 1e5).round() as i64);
            let value = match choropleth.measure {
                Measure::Count => 1,
                Measure::Fatalities => u64::from(row.fatalities.unwrap_or(0)),
            };
            let site = sites.entry(key).or_insert_with(|| {
                order.push(key);
                (lon, lat, 0)
            });
            site.2 += value;
        }
        let finder = Finder::new(choropleth.areas);
        let mut values: HashMap<usize, u64> = HashMap::new();
        let mut outside = 0;
        for key in &order {
            let (lon, lat, value) = sites[key];
            match finder.find(lon, lat) {
                Some(i) => *values.entry(i).or_default() += value,
                None => outside += 1,
            }
        }
        let mut areas: Vec<AreaValue> = values
            .into_iter()
            .filter(|&(_, v)| v > 0)
            .map(|(index, value)| AreaValue {
                index,
                name: finder.name(index).to_string(),
                value,
            })
            .collect();
        areas.sort_by_key(|a| a.index);
        let list: Vec<u64> = areas.iter().map(|a| a.value).collect();
        Tally {
            choropleth,
            classes: classes(&list, most, choropleth.classing),
            areas,
            outside,
        }
    }

    /// What the reader of the figure should know: places in no area, or
    /// nothing to shade.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.outside > 0 {
            notes.push(format!(
                "choropleth: {} place{} in no {}, not counted",
                self.outside,
                if self.outside == 1 { " lies" } else { "s lie" },
                self.choropleth.areas.noun()
            ));
        }
        if self.areas.is_empty() {
            notes.push(format!(
                "choropleth: no {} has a value above zero; nothing shaded",
                self.choropleth.areas.noun()
            ));
        }
        notes
    }

    /// The class a value falls in.
    pub fn class_of(&self, value: u64) -> Option<usize> {
        self.classes
            .iter()
            .position(|&(lo, hi)| (lo..=hi).contains(&value))
    }

    /// A class's range as the key shows it: "3" or "4–7".
    pub fn class_text(&self, class: usize) -> String {
        let (lo, hi) = self.classes[class];
        if lo == hi {
            lo.to_string()
        } else {
            format!("{lo}–{hi}")
        }
    }
}

/// Finds the area holding a point.
struct Finder {
    areas: Areas,
    bounds: Vec<geo::Rect<f64>>,
    /// Shapes built so far (provinces are built on demand).
    shapes: std::cell::RefCell<HashMap<usize, MultiPolygon<f64>>>,
}

impl Finder {
    fn new(areas: Areas) -> Finder {
        let bounds = match areas {
            Areas::Admin1 => reference::provinces(Detail::Fine)
                .provinces
                .iter()
                .map(|p| p.bounds)
                .collect(),
            Areas::Country => basemap::countries(Detail::Fine)
                .iter()
                .map(|c| {
                    c.shape
                        .bounding_rect()
                        .unwrap_or(geo::Rect::new((0.0, 0.0), (0.0, 0.0)))
                })
                .collect(),
        };
        Finder {
            areas,
            bounds,
            shapes: Default::default(),
        }
    }

    fn name(&self, i: usize) -> &'static str {
        match self.areas {
            Areas::Admin1 => &reference::provinces(Detail::Fine).provinces[i].name,
            Areas::Country => &basemap::countries(Detail::Fine)[i].name,
        }
    }

    fn with_shape<T>(&self, i: usize, f: impl FnOnce(&MultiPolygon<f64>) -> T) -> T {
        match self.areas {
            Areas::Country => f(&basemap::countries(Detail::Fine)[i].shape),
            Areas::Admin1 => {
                let mut shapes = self.shapes.borrow_mut();
                let shape = shapes.entry(i).or_insert_with(|| {
                    let data = reference::provinces(Detail::Fine);
                    data.shape(&data.provinces[i])
                });
                f(shape)
            }
        }
    }

    /// The area holding the point, else the nearest within 0.1°.
    fn find(&self, lon: f64, lat: f64) -> Option<usize> {
        let p = Point::new(lon, lat);
        let near = geo::Rect::new((lon - 0.1, lat - 0.1), (lon + 0.1, lat + 0.1));
        let candidates: Vec<usize> = (0..self.bounds.len())
            .filter(|&i| reference::meets(self.bounds[i], near))
            .collect();
        if let Some(&i) = candidates
            .iter()
            .find(|&&i| self.with_shape(i, |s| s.contains(&p)))
        {
            return Some(i);
        }
        candidates
            .into_iter()
            .map(|i| (self.with_shape(i, |s| Euclidean.distance(&p, s)), i))
            .filter(|(d, _)| *d < 0.1)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, i)| i)
    }
}

/// Classes of `values` (each above zero): at most `most`, fewer when there
/// are fewer distinct values; inclusive ranges that follow on from each
/// other, from the smallest value to the largest.
pub fn classes(values: &[u64], most: usize, classing: Classing) -> Vec<(u64, u64)> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mut distinct = sorted.clone();
    distinct.dedup();
    let k = most.min(distinct.len());
    if k == 0 {
        return Vec::new();
    }
    let uppers: Vec<u64> = match classing {
        Classing::Quantile => {
            let n = sorted.len();
            let mut uppers: Vec<u64> = (1..=k).map(|i| sorted[(i * n).div_ceil(k) - 1]).collect();
            uppers.dedup();
            uppers
        }
        Classing::NaturalBreaks => natural_breaks(&sorted, &distinct, k),
    };
    let mut out = Vec::with_capacity(uppers.len());
    let mut lo = sorted[0];
    for hi in uppers {
        out.push((lo, hi));
        lo = hi + 1;
    }
    out
}

/// Jenks's natural breaks, exactly (Fisher's dynamic programme over the
/// distinct values, weighted by how often each occurs): the upper bound of
/// each of `k` classes, minimising the squared deviations within classes.
fn natural_breaks(sorted: &[u64], distinct: &[u64], k: usize) -> Vec<u64> {
    let m = distinct.len();
    let weight: Vec<f64> = distinct
        .iter()
        .map(|v| sorted.iter().filter(|s| *s == v).count() as f64)
        .collect();
    // Prefix sums of weight, weight × value and weight × value².
    let mut w = vec![0.0; m + 1];
    let mut wv = vec![0.0; m + 1];
    let mut wv2 = vec![0.0; m + 1];
    for i in 0..m {
        let v = distinct[i] as f64;
        w[i + 1] = w[i] + weight[i];
        wv[i + 1] = wv[i] + weight[i] * v;
        wv2[i + 1] = wv2[i] + weight[i] * v * v;
    }
    // Squared deviations of distinct values a..b (exclusive end).
    let cost = |a: usize, b: usize| {
        let (sw, s1, s2) = (w[b] - w[a], wv[b] - wv[a], wv2[b] - wv2[a]);
        s2 - s1 * s1 / sw
    };
    // best[c][j]: least cost of the first j values in c + 1 classes.
    let mut best = vec![vec![f64::INFINITY; m + 1]; k];
    let mut cut = vec![vec![0usize; m + 1]; k];
    for (j, b) in best[0].iter_mut().enumerate().skip(1) {
        *b = cost(0, j);
    }
    for c in 1..k {
        for j in (c + 1)..=m {
            for i in c..j {
                let total = best[c - 1][i] + cost(i, j);
                if total < best[c][j] - 1e-9 {
                    best[c][j] = total;
                    cut[c][j] = i;
                }
            }
        }
    }
    let mut uppers = Vec::with_capacity(k);
    let mut j = m;
    for c in (0..k).rev() {
        uppers.push(distinct[j - 1]);
        j = cut[c][j];
    }
    uppers.reverse();
    uppers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_breaks_split_at_the_gaps() {
        let values = [1, 1, 2, 2, 3, 10, 11, 12, 40, 41, 100];
        let c = classes(&values, 4, Classing::NaturalBreaks);
        assert_eq!(c, [(1, 3), (4, 12), (13, 41), (42, 100)]);
    }

    #[test]
    fn quantiles_hold_about_as_many_areas() {
        let values: Vec<u64> = (1..=10).collect();
        let c = classes(&values, 5, Classing::Quantile);
        assert_eq!(c, [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]);
        // Ties merge classes rather than repeat a range.
        let c = classes(&[1, 1, 1, 1, 1, 1, 2, 9], 5, Classing::Quantile);
        assert_eq!(c, [(1, 1), (2, 9)]);
    }

    #[test]
    fn fewer_distinct_values_than_classes() {
        assert_eq!(
            classes(&[3, 3, 7], 5, Classing::NaturalBreaks),
            [(3, 3), (4, 7)]
        );
        assert!(classes(&[], 5, Classing::Quantile).is_empty());
    }
}
