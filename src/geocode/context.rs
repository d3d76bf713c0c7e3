//! Context from the file: where the other places of the same file (or
//! article) are. A first pass resolves every distinct name on its own; the
//! countries, provinces and points of those answers, each weighted by how
//! sure its own answer was, then pull unclear names toward them in the
//! second pass (the way CLAVIN and Mordecai use a document's country focus).
//! A name never counts as its own context.

use std::collections::HashMap;

use crate::gazetteer::{Kind, Place, fold};

use super::distance_km;
use super::score::{FIRST_CONTEXT, Scored, probabilities};

/// Points kept for the nearness feature, at most (the first distinct names).
const MAX_POINTS: usize = 2000;

/// Distance at which the nearness feature falls to 1/e, in km.
const NEAR_KM: f64 = 150.0;

/// Points more than this many degrees away in latitude, or in longitude
/// scaled to the candidate's latitude (about 780 km, where nearness is under
/// 0.6%), are not measured.
const NEAR_CUTOFF_DEG: f64 = 7.0;

/// A file of up to this many names is read like one article: one name that
/// is a province, or one point near a candidate, counts in full. In a larger
/// file such evidence counts by how many of its names bear it out, so that
/// one mention of Idaho among a thousand US towns does not make `Moscow` the
/// Idaho town. (Chosen on the fit half of LGL and GeoWebNews read as one
/// file each; articles are unaffected.)
const DENSE_NAMES: f64 = 80.0;

/// The concentration of a file's places in countries (the sum of squared
/// country shares) at and above which context counts in full. A file
/// spread over many countries, such as a digest of world news (about 0.15),
/// says little about where any one name is, and its context counts less in
/// proportion; most single articles are above it. (Chosen as `DENSE_NAMES`.)
const FOCUSED: f64 = 0.3;

/// What one distinct name contributed.
#[derive(Clone, Debug, Default)]
struct Contribution {
    countries: Vec<(String, f64)>,
    provinces: Vec<((String, String), f64)>,
    /// The country or province the name itself is, when it is one (best answer, likely).
    named_country: Option<String>,
    named_province: Option<(String, String)>,
}

/// The places of a file, for pulling its unclear names toward the clear ones.
#[derive(Clone, Debug, Default)]
pub struct Context {
    names: usize,
    countries: HashMap<String, f64>,
    /// The total of `countries`, and the sum of its squares.
    country_mass: f64,
    country_squares: f64,
    provinces: HashMap<(String, String), f64>,
    named_countries: HashMap<String, usize>,
    named_provinces: HashMap<(String, String), usize>,
    /// Best answers' points: latitude, longitude, weight, the name's key;
    /// sorted by latitude, so that only those near a candidate are measured.
    points: Vec<(f64, f64, f64, String)>,
    own: HashMap<String, Vec<Contribution>>,
}

impl Context {
    /// An empty context: every context feature is zero.
    pub fn new() -> Context {
        Context::default()
    }

    /// Adds one distinct name with its candidates ranked on their own.
    pub fn add(&mut self, name: &str, ranked: &[Scored<'_>]) {
        let Some(best) = ranked.first() else {
            return;
        };
        let key = fold(name);
        let probabilities = probabilities(ranked);
        let mut mine = Contribution::default();
        for (scored, p) in ranked.iter().zip(&probabilities) {
            let place = scored.candidate.place;
            if place.country.is_empty() {
                continue;
            }
            add_mass(&mut mine.countries, place.country.clone(), *p);
            if !place.admin1.is_empty() && place.kind != Kind::Country {
                add_mass(
                    &mut mine.provinces,
                    (place.country.clone(), place.admin1.clone()),
                    *p,
                );
            }
        }
        let sure = probabilities[0];
        let place = best.candidate.place;
        if sure > 0.5 {
            match place.kind {
                Kind::Country => mine.named_country = Some(place.country.clone()),
                Kind::Admin1 => {
                    mine.named_province = Some((place.country.clone(), place.admin1.clone()))
                }
                _ => {}
            }
        }
        if self.points.len() < MAX_POINTS && !matches!(place.kind, Kind::Country | Kind::Area) {
            let at = self.points.partition_point(|p| p.0 < place.lat);
            self.points
                .insert(at, (place.lat, place.lon, sure, key.clone()));
        }
        for (cc, p) in &mine.countries {
            let mass = self.countries.entry(cc.clone()).or_default();
            self.country_squares += (*mass + p).powi(2) - mass.powi(2);
            self.country_mass += p;
            *mass += p;
        }
        for (code, p) in &mine.provinces {
            *self.provinces.entry(code.clone()).or_default() += p;
        }
        if let Some(cc) = &mine.named_country {
            *self.named_countries.entry(cc.clone()).or_default() += 1;
        }
        if let Some(code) = &mine.named_province {
            *self.named_provinces.entry(code.clone()).or_default() += 1;
        }
        self.names += 1;
        self.own.entry(key).or_default().push(mine);
    }

    /// How much the context counts, from 0 to 1: in full when the file's
    /// places are concentrated in a few countries (see [`FOCUSED`]).
    fn focus(&self) -> f64 {
        if self.country_mass <= 0.0 {
            return 0.0;
        }
        let concentration = self.country_squares / self.country_mass.powi(2);
        (concentration / FOCUSED).min(1.0)
    }

    /// How many distinct names the context holds.
    pub fn len(&self) -> usize {
        self.names
    }

    /// Whether the context holds no name.
    pub fn is_empty(&self) -> bool {
        self.names == 0
    }

    /// Sets the context features of `place` as a candidate for the name
    /// whose folded form is `key`, leaving that name's own contribution out.
    pub fn fill(&self, key: &str, place: &Place, features: &mut [f64]) {
        let own: &[Contribution] = self.own.get(key).map_or(&[], Vec::as_slice);
        let others = self.names - own.len();
        if others == 0 {
            return;
        }
        let n = others as f64;
        let province = (place.country.clone(), place.admin1.clone());
        let in_province = !place.admin1.is_empty() && place.kind != Kind::Country;
        features[FIRST_CONTEXT] =
            others_mass(&self.countries, &place.country, own, |c| &c.countries) / n;
        if in_province {
            features[FIRST_CONTEXT + 1] =
                others_mass(&self.provinces, &province, own, |c| &c.provinces) / n;
        } else if place.kind == Kind::Country {
            // The file's places in a country lie inside it, as those in a
            // province lie inside the province: "Mexico" among Mexican
            // towns is the country, not the capital whose alternate name
            // it is.
            features[FIRST_CONTEXT + 1] = features[FIRST_CONTEXT];
        }
        if !matches!(place.kind, Kind::Country | Kind::Area) {
            let from = self
                .points
                .partition_point(|p| p.0 < place.lat - NEAR_CUTOFF_DEG);
            let to = self
                .points
                .partition_point(|p| p.0 <= place.lat + NEAR_CUTOFF_DEG);
            // Degrees of longitude shrink toward the poles; the band is
            // measured in degrees of a great circle, so no far point is
            // measured in full.
            let shrink = place.lat.to_radians().cos();
            let near = |lon: f64| {
                let d = (lon - place.lon).abs();
                d.min(360.0 - d) * shrink < NEAR_CUTOFF_DEG
            };
            let weights = self.points[from..to]
                .iter()
                .filter(|(_, lon, _, name)| near(*lon) && name != key)
                .map(|&(lat, lon, w, _)| {
                    w * (-distance_km(lat, lon, place.lat, place.lon) / NEAR_KM).exp()
                });
            let (max, sum) = weights.fold((0.0f64, 0.0), |(m, s), x| (m.max(x), s + x));
            features[FIRST_CONTEXT + 2] = max.min(sum * dense(n));
        }
        let share = |count: usize| (count as f64 * dense(n)).min(1.0);
        features[FIRST_CONTEXT + 3] = share(named_by_others(
            &self.named_countries,
            &place.country,
            own,
            |c| c.named_country.as_ref(),
        ));
        features[FIRST_CONTEXT + 4] = if in_province && place.kind != Kind::Admin1 {
            share(named_by_others(
                &self.named_provinces,
                &province,
                own,
                |c| c.named_province.as_ref(),
            ))
        } else {
            0.0
        };
        let focus = self.focus();
        for x in &mut features[FIRST_CONTEXT..] {
            *x *= focus;
        }
    }
}

/// The probability mass the file's other names put on `key`: the total
/// less what this name's own contributions put there.
fn others_mass<K: Eq + std::hash::Hash>(
    total: &HashMap<K, f64>,
    key: &K,
    own: &[Contribution],
    masses: impl Fn(&Contribution) -> &[(K, f64)],
) -> f64 {
    let mine: f64 = own
        .iter()
        .flat_map(masses)
        .filter(|(k, _)| k == key)
        .map(|(_, p)| p)
        .sum();
    (total.get(key).copied().unwrap_or(0.0) - mine).max(0.0)
}

/// How many other names of the file are the country or province `key` itself.
fn named_by_others<K: Eq + std::hash::Hash>(
    named: &HashMap<K, usize>,
    key: &K,
    own: &[Contribution],
    names: impl Fn(&Contribution) -> Option<&K>,
) -> usize {
    let mine = own.iter().filter(|c| names(c) == Some(key)).count();
    named.get(key).copied().unwrap_or(0).saturating_sub(mine)
}

/// How much one name's evidence counts in a file of `n` other names: in
/// full up to [`DENSE_NAMES`], less in larger files.
fn dense(n: f64) -> f64 {
    DENSE_NAMES / n
}

fn add_mass<K: PartialEq>(masses: &mut Vec<(K, f64)>, key: K, p: f64) {
    match masses.iter_mut().find(|(k, _)| *k == key) {
        Some((_, m)) => *m += p,
        None => masses.push((key, p)),
    }
}
