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
    provinces: HashMap<(String, String), f64>,
    named_countries: HashMap<String, usize>,
    named_provinces: HashMap<(String, String), usize>,
    /// Best answers' points: latitude, longitude, weight, the name's key.
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
            self.points.push((place.lat, place.lon, sure, key.clone()));
        }
        for (cc, p) in &mine.countries {
            *self.countries.entry(cc.clone()).or_default() += p;
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
        let mass = |total: Option<&f64>, mine: f64| (total.copied().unwrap_or(0.0) - mine).max(0.0);
        let my_country: f64 = own
            .iter()
            .flat_map(|c| &c.countries)
            .filter(|(cc, _)| *cc == place.country)
            .map(|(_, p)| p)
            .sum();
        features[FIRST_CONTEXT] = mass(self.countries.get(&place.country), my_country) / n;
        if !place.admin1.is_empty() && place.kind != Kind::Country {
            let my_province: f64 = own
                .iter()
                .flat_map(|c| &c.provinces)
                .filter(|(code, _)| *code == province)
                .map(|(_, p)| p)
                .sum();
            features[FIRST_CONTEXT + 1] = mass(self.provinces.get(&province), my_province) / n;
        }
        if !matches!(place.kind, Kind::Country | Kind::Area) {
            features[FIRST_CONTEXT + 2] = self
                .points
                .iter()
                .filter(|(.., name)| name != key)
                .map(|&(lat, lon, w, _)| {
                    w * (-distance_km(lat, lon, place.lat, place.lon) / NEAR_KM).exp()
                })
                .fold(0.0, f64::max);
        }
        let named_by_me = own
            .iter()
            .filter(|c| c.named_country.as_deref() == Some(&place.country))
            .count();
        let named = self
            .named_countries
            .get(&place.country)
            .copied()
            .unwrap_or(0);
        features[FIRST_CONTEXT + 3] = if named > named_by_me { 1.0 } else { 0.0 };
        if !place.admin1.is_empty() {
            let named_by_me = own
                .iter()
                .filter(|c| c.named_province.as_ref() == Some(&province))
                .count();
            let named = self.named_provinces.get(&province).copied().unwrap_or(0);
            features[FIRST_CONTEXT + 4] = if named > named_by_me && place.kind != Kind::Admin1 {
                1.0
            } else {
                0.0
            };
        }
    }
}

fn add_mass<K: PartialEq>(masses: &mut Vec<(K, f64)>, key: K, p: f64) {
    match masses.iter_mut().find(|(k, _)| *k == key) {
        Some((_, m)) => *m += p,
        None => masses.push((key, p)),
    }
}
