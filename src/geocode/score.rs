//! Scoring of candidates: each candidate place gets a vector of features
//! (how its name matched, its kind and feature code, population,
//! prominence, the row's hints, the file's context), and its score is the
//! dot product with fitted weights ([`super::weights`]). The best score wins;
//! the features that gave it the lead are the reason.
//!
//! ```
//! use incimap::gazetteer::{Gazetteer, Hints};
//! use incimap::geocode::score::rank;
//!
//! let gazetteer = Gazetteer::embedded();
//! let ranked = rank(&gazetteer, "Moscow", &Hints::default(), None);
//! assert_eq!(ranked[0].candidate.place.country, "RU");
//! ```

use crate::gazetteer::{Candidate, Gazetteer, Hints, Kind, Match, fold};

use super::context::Context;
use super::weights::{CONTEXT_WEIGHTS, ISOLATED_WEIGHTS};

/// Number of features.
pub const FEATURES: usize = 30;

/// What each feature means, in order: a short name (for weights files) and
/// the words a report uses when the feature decided.
pub const FEATURE_NAMES: [(&str, &str); FEATURES] = [
    ("exact", "its primary name as written"),
    ("alias", "an alternate name as written"),
    ("folded", "matched only after folding"),
    ("variant", "matched only as a transliteration variant"),
    ("primary", "its primary name"),
    ("case", "letter case as written"),
    ("country", "a country"),
    ("admin1", "a province"),
    ("admin2", "a county or district"),
    ("area", "a continent or world region"),
    ("site", "a landmark"),
    ("capital", "a capital"),
    ("seat1", "a provincial seat"),
    ("seat2", "a district seat"),
    ("seat3", "a local seat"),
    ("section", "a part of a city"),
    ("nocode", "no feature code"),
    ("logpop", "larger population"),
    ("nopop", "no population known"),
    ("names", "better known (more names)"),
    ("kind_hint", "the kind of place the name says"),
    ("province_hint", "in the province given"),
    ("province_miss", "not in the province given"),
    ("short_city", "a town whose name is an abbreviation"),
    ("namesake", "a division named after a town in it"),
    ("ctx_country", "in the country of the file's other places"),
    ("ctx_admin1", "in the province of the file's other places"),
    ("ctx_near", "near the file's other places"),
    ("ctx_named_country", "its country is named in the file"),
    ("ctx_named_admin1", "its province is named in the file"),
];

/// The features of the row's hints (the kind word, the province given or
/// missed): their weights are set by hand, not fitted, since the corpora
/// give no hints.
pub const HINTS: std::ops::Range<usize> = 20..23;

/// Index of the feature "not in the province given".
pub const PROVINCE_MISS: usize = 22;

/// How many features say how the name matched (exact ... case).
const NAME_FEATURES: usize = 6;

/// Index of the feature "a division named after a town in it".
pub const NAMESAKE: usize = 24;

/// The seat levels, highest first: a capital has them all, a local seat
/// only the last.
pub const SEATS: std::ops::Range<usize> = 11..15;

/// A town of at least 1/NAMESAKE_SHARE of its province's population
/// makes the province its namesake, however it matched.
const NAMESAKE_SHARE: u64 = 20;

/// Index of the first context feature: the isolated score uses those before it.
pub const FIRST_CONTEXT: usize = 25;

/// A lead on the isolated score that the file's context cannot overturn.
pub const LOCK_MARGIN: f64 = 4.0;

/// Added to entries of a user gazetteer, which win over the embedded data.
const USER_BONUS: f64 = 20.0;

/// A candidate with its features and score.
#[derive(Clone, Debug)]
pub struct Scored<'g> {
    /// The candidate.
    pub candidate: Candidate<'g>,
    /// Its features ([`FEATURE_NAMES`]).
    pub features: [f64; FEATURES],
    /// The weighted sum: larger is better.
    pub score: f64,
    /// The score without context (the same as `score` when there is none).
    pub isolated: f64,
}

impl Scored<'_> {
    /// The features that put `self` ahead of `other`, largest contribution
    /// first, as the report's words with the points each gave.
    pub fn lead_over(&self, other: &Scored<'_>, context: bool) -> Vec<(&'static str, f64)> {
        let weights = weights(context);
        let gain = |i: usize| weights[i] * (self.features[i] - other.features[i]);
        // The seat levels count as one, named after this place's own seat.
        let seat = SEATS.filter(|&i| self.features[i] > 0.0).min();
        let seats = seat.map(|i| (FEATURE_NAMES[i].1, SEATS.map(gain).sum()));
        let mut parts: Vec<(&'static str, f64)> = (0..FEATURES)
            .filter(|i| !SEATS.contains(i))
            .map(|i| (FEATURE_NAMES[i].1, gain(i)))
            .chain(seats)
            .filter(|(_, v)| *v > 0.05)
            .collect();
        if self.candidate.place.origin.is_some() && other.candidate.place.origin.is_none() {
            parts.push(("user gazetteer entry", USER_BONUS));
        }
        parts.sort_by(|a, b| b.1.total_cmp(&a.1));
        parts
    }
}

/// The features of one candidate for a query as written, without context.
pub fn features(
    query: &str,
    candidate: &Candidate<'_>,
    hints: &Hints,
    in_province: Option<bool>,
) -> [f64; FEATURES] {
    let p = candidate.place;
    let mut f = [0.0; FEATURES];
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    match candidate.matched {
        Match::Exact => f[0] = 1.0,
        Match::Alias => f[1] = 1.0,
        Match::Folded => f[2] = 1.0,
        Match::Variant => f[3] = 1.0,
    }
    f[4] = flag(candidate.primary);
    f[5] = flag(candidate.matched_name.trim() == query.trim());
    match p.kind {
        Kind::Country => f[6] = 1.0,
        Kind::Admin1 => f[7] = 1.0,
        Kind::Admin2 => f[8] = 1.0,
        Kind::Area => f[9] = 1.0,
        Kind::Site => f[10] = 1.0,
        Kind::City => {
            // Seats are ordered: a capital is also at least a provincial,
            // district and local seat, so with weights of zero or more a
            // higher seat never scores below a lower one.
            let seat = match p.feature.as_str() {
                "PPLC" => 4,
                "PPLA" => 3,
                "PPLA2" => 2,
                "PPLA3" | "PPLA4" | "PPLA5" | "PPLG" => 1,
                _ => 0,
            };
            for level in 0..seat {
                f[SEATS.end - 1 - level] = 1.0;
            }
            match p.feature.as_str() {
                "PPLX" => f[15] = 1.0,
                "" => f[16] = 1.0,
                _ => {}
            }
        }
    }
    f[17] = (p.population as f64 + 1.0).log10();
    f[18] = flag(p.population == 0);
    let names = p.alternates.split('|').filter(|s| !s.is_empty()).count();
    f[19] = (names as f64 + 1.0).ln();
    f[20] = flag(hints.kind == Some(p.kind));
    f[21] = flag(in_province == Some(true));
    f[22] = flag(in_province == Some(false));
    let letters = query.chars().filter(|c| c.is_alphabetic()).count();
    f[23] = flag(letters <= 3 && matches!(p.kind, Kind::City | Kind::Site));
    f
}

/// The weights of the pass with or without context.
fn weights(context: bool) -> &'static [f64; FEATURES] {
    if context {
        &CONTEXT_WEIGHTS
    } else {
        &ISOLATED_WEIGHTS
    }
}

/// The weighted sum of features (with the user bonus).
fn weigh(features: &[f64; FEATURES], user: bool, context: bool) -> f64 {
    let sum: f64 = features
        .iter()
        .zip(weights(context))
        .map(|(f, w)| f * w)
        .sum();
    sum + if user { USER_BONUS } else { 0.0 }
}

/// Candidates for `name`, filtered by the country hint, scored and sorted
/// best first. With a context, the file's other places count too.
pub fn rank<'g>(
    gazetteer: &'g Gazetteer,
    name: &str,
    hints: &Hints,
    context: Option<&Context>,
) -> Vec<Scored<'g>> {
    let provinces = hints
        .province
        .as_deref()
        .map(|p| gazetteer.province_codes(p));
    let own = fold(name);
    let mut ranked: Vec<Scored<'g>> = gazetteer
        .lookup(name)
        .into_iter()
        .filter(|c| {
            hints
                .country
                .as_deref()
                .is_none_or(|cc| c.place.country.eq_ignore_ascii_case(cc))
        })
        .map(|candidate| {
            let in_province = provinces.as_ref().map(|codes| {
                codes.iter().any(|(cc, code)| {
                    *cc == candidate.place.country && *code == candidate.place.admin1
                })
            });
            Scored {
                features: features(name, &candidate, hints, in_province),
                candidate,
                score: 0.0,
                isolated: 0.0,
            }
        })
        .collect();
    // A province in which a town of the same name lies ("Raqqa", "New
    // York") matches no better than that town does. The town must match the
    // name as well as the province does, or be a large part of it: Montana
    // City (an alternate name "Montana") does not make the state a namesake.
    // The country's capital counts wherever it lies: "Washington" and
    // "Buenos Aires" name the capital more often than the province.
    for i in 0..ranked.len() {
        let p = ranked[i].candidate.place;
        if !matches!(p.kind, Kind::Admin1 | Kind::Admin2) {
            continue;
        }
        let matched = ranked[i].candidate.matched;
        let town = ranked
            .iter()
            .find(|t| {
                let town = t.candidate.place;
                let capital = town.feature == "PPLC";
                town.kind == Kind::City
                    && town.country == p.country
                    && (town.admin1 == p.admin1 || capital)
                    && (t.candidate.matched <= matched
                        || town.population.saturating_mul(NAMESAKE_SHARE) >= p.population)
            })
            .map(|t| t.features);
        if let Some(town) = town {
            ranked[i].features[NAMESAKE] = 1.0;
            ranked[i].features[..NAME_FEATURES].copy_from_slice(&town[..NAME_FEATURES]);
        }
    }
    for scored in &mut ranked {
        if let Some(context) = context {
            context.fill(&own, scored.candidate.place, &mut scored.features);
        }
        let user = scored.candidate.place.origin.is_some();
        scored.isolated = weigh(&scored.features, user, false);
        scored.score = match context {
            Some(_) => weigh(&scored.features, user, true),
            None => scored.isolated,
        };
    }
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.candidate.index.cmp(&b.candidate.index))
    });
    // Context may not overturn a clear lead on a name's own merits (Moscow
    // among Tajik towns is not the village of Moskva in Khatlon).
    if let Some(strong) = (1..ranked.len())
        .filter(|&i| ranked[i].isolated - ranked[0].isolated > LOCK_MARGIN)
        .max_by(|&a, &b| ranked[a].isolated.total_cmp(&ranked[b].isolated))
    {
        let best = ranked.remove(strong);
        ranked.insert(0, best);
    }
    ranked
}

/// The probability of each ranked candidate under the model (a softmax of the scores).
pub fn probabilities(ranked: &[Scored<'_>]) -> Vec<f64> {
    let Some(top) = ranked.first().map(|s| s.score) else {
        return Vec::new();
    };
    let exp: Vec<f64> = ranked.iter().map(|s| (s.score - top).exp()).collect();
    let sum: f64 = exp.iter().sum();
    exp.into_iter().map(|e| e / sum).collect()
}
