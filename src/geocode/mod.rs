//! Turns incidents into located incidents, recording for every row how it was
//! located: given coordinates, which gazetteer entry and why it won, how many
//! candidates there were, or why it failed and what was close.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

pub mod context;
pub mod score;
pub mod weights;

pub use context::Context;
use score::Scored;

use crate::gazetteer::{Gazetteer, Hints, Kind, Match, Place};
use crate::incident::{Incident, Incidents, LonLat, RowError};

/// How a row was located, or why it was not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// The row gave its own coordinates.
    Given,
    /// The place name as written is a gazetteer entry's primary name.
    Exact,
    /// The place name matched only after folding spelling differences.
    Folded,
    /// The place name as written is one of an entry's alternate names.
    Alias,
    /// The place is a province: located at its representative point.
    Admin1,
    /// The place is a second-level division (county, district): located at its centre.
    Admin2,
    /// The place is a country: located at its representative point.
    Country,
    /// The place is a continent or world region: located at its centre.
    Area,
    /// Located at the best of several close candidates; check it.
    Ambiguous,
    /// Not located: the name is not in the gazetteer.
    Unresolved,
    /// Not located: the row itself is invalid.
    #[default]
    Invalid,
}

impl Status {
    /// Every status, in report order.
    pub const ALL: [Status; 11] = [
        Status::Given,
        Status::Exact,
        Status::Alias,
        Status::Folded,
        Status::Admin1,
        Status::Admin2,
        Status::Country,
        Status::Area,
        Status::Ambiguous,
        Status::Unresolved,
        Status::Invalid,
    ];

    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Given => "given",
            Status::Exact => "exact",
            Status::Folded => "folded",
            Status::Alias => "alias",
            Status::Admin1 => "admin1",
            Status::Admin2 => "admin2",
            Status::Country => "country",
            Status::Area => "area",
            Status::Ambiguous => "ambiguous",
            Status::Unresolved => "unresolved",
            Status::Invalid => "invalid",
        }
    }

    /// Whether a row with this status has a location.
    pub fn is_located(self) -> bool {
        !matches!(self, Status::Unresolved | Status::Invalid)
    }

    /// Whether a row with this status is worth a look: unresolved, ambiguous or invalid.
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            Status::Unresolved | Status::Ambiguous | Status::Invalid
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How precisely a located row is placed, like ACLED's `geo_precision`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// Coordinates given in the row.
    Given,
    /// A town, city or site.
    City,
    /// The representative point of a province.
    Admin1,
    /// The centre of a county or district.
    Admin2,
    /// The representative point of a country.
    Country,
    /// The centre of a continent or world region.
    Area,
}

impl Precision {
    /// Every precision, finest first.
    pub const ALL: [Precision; 6] = [
        Precision::Given,
        Precision::City,
        Precision::Admin1,
        Precision::Admin2,
        Precision::Country,
        Precision::Area,
    ];

    /// Whether the point stands for a whole area (province, county,
    /// country, region) rather than a place: the map draws it hollow.
    pub fn is_area(self) -> bool {
        matches!(
            self,
            Precision::Admin1 | Precision::Admin2 | Precision::Country | Precision::Area
        )
    }

    /// The word used in reports and GeoJSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Given => "given",
            Precision::City => "city",
            Precision::Admin1 => "admin1",
            Precision::Admin2 => "admin2",
            Precision::Country => "country",
            Precision::Area => "area",
        }
    }
}

/// The gazetteer entry a row was matched to.
#[derive(Clone, Debug, PartialEq)]
pub struct Matched {
    /// The entry's name as the gazetteer has it (the matched alternate, if that is how it matched).
    pub name: String,
    /// GeoNames id, if any.
    pub geonameid: Option<u64>,
    /// ISO alpha-2 country code.
    pub country: String,
    /// Name of the first-level division, if known.
    pub admin1: String,
    /// Kind of place.
    pub kind: Kind,
}

/// The result of locating one row (by default: an invalid row, with no reason given).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// How the row was located.
    pub status: Status,
    /// Where, if located.
    pub location: Option<LonLat>,
    /// How precise the location is.
    pub precision: Option<Precision>,
    /// The entry that won, if the gazetteer located the row.
    pub matched: Option<Matched>,
    /// How many entries matched the name (after the country filter).
    pub candidates: usize,
    /// The best of the others, as `Name, CC`.
    pub runner_up: Option<String>,
    /// Spelling suggestions for an unresolved name, as `Name, CC`.
    pub suggestions: Vec<String>,
    /// Why: the rule that chose the winner, or why nothing was chosen.
    pub reason: String,
}

impl Outcome {
    /// A row that was not located, why, and the names it may have meant.
    fn unresolved(reason: String, suggestions: Vec<String>) -> Outcome {
        Outcome {
            status: Status::Unresolved,
            location: None,
            precision: None,
            matched: None,
            candidates: 0,
            runner_up: None,
            suggestions,
            reason,
        }
    }
}

/// One row of the input with its outcome; `incident` is `None` for rows that could not be read.
#[derive(Clone, Debug)]
pub struct Located {
    /// The row as read.
    pub incident: Option<Incident>,
    /// The row's line in the input.
    pub line: u64,
    /// How it was located (shared by the rows that name the same place).
    pub outcome: Arc<Outcome>,
}

/// Everything the geocoder made of one input, in input order.
#[derive(Clone, Debug)]
pub struct Geocoded {
    /// How the input's columns were understood.
    pub schema: crate::incident::Schema,
    /// Every row, located or not, ordered by line.
    pub rows: Vec<Located>,
}

impl Geocoded {
    /// Rows that have a location.
    pub fn located(&self) -> impl Iterator<Item = (&Incident, &Outcome)> {
        self.rows
            .iter()
            .filter_map(|r| match (&r.incident, r.outcome.location) {
                (Some(i), Some(_)) => Some((i, &*r.outcome)),
                _ => None,
            })
    }

    /// How many rows have each status, in report order, leaving out zeros.
    pub fn counts(&self) -> Vec<(Status, usize)> {
        self.tally().counts()
    }

    /// The counts and problem rows of every row.
    pub fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for row in &self.rows {
            tally.add(row);
        }
        tally
    }
}

/// A row that was not located cleanly: unresolved, ambiguous or invalid.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Input line.
    pub line: u64,
    /// The place as written.
    pub place: String,
    /// Unresolved, ambiguous or invalid.
    pub status: Status,
    /// Why.
    pub reason: String,
    /// Spelling suggestions, for unresolved rows.
    pub suggestions: Vec<String>,
}

/// Counts per status and the first problem rows, gathered as rows stream past.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    counts: [usize; Status::ALL.len()],
    /// The first [`Tally::KEPT_PROBLEMS`] rows that were unresolved,
    /// ambiguous or invalid, in input order (the report has them all).
    pub problems: Vec<Problem>,
    counts_only: bool,
    /// Warnings about the input that `--strict` fails on, like problem
    /// rows: quoted fields that seem to hold rows, a quote open at the end,
    /// control characters removed from the text.
    pub suspect: usize,
}

impl Tally {
    /// How many problem rows are kept for telling, so memory stays flat.
    pub const KEPT_PROBLEMS: usize = 100;

    /// A tally that counts rows without keeping any problem row: for a
    /// later part of an input whose earlier parts kept enough.
    pub fn counts_only() -> Tally {
        Tally {
            counts_only: true,
            ..Tally::default()
        }
    }

    /// Counts one row.
    pub fn add(&mut self, row: &Located) {
        let o = &row.outcome;
        if let Some(k) = Status::ALL.iter().position(|s| *s == o.status) {
            self.counts[k] += 1;
        }
        if o.status.is_problem() && !self.counts_only && self.problems.len() < Tally::KEPT_PROBLEMS
        {
            self.problems.push(Problem {
                line: row.line,
                place: row
                    .incident
                    .as_ref()
                    .map(|i| i.place.clone())
                    .unwrap_or_default(),
                status: o.status,
                reason: o.reason.clone(),
                suggestions: o.suggestions.clone(),
            });
        }
    }

    /// Counts the rows of a later part of the same input.
    pub fn merge(&mut self, later: Tally) {
        for (mine, theirs) in self.counts.iter_mut().zip(later.counts) {
            *mine += theirs;
        }
        self.suspect += later.suspect;
        let room = Tally::KEPT_PROBLEMS.saturating_sub(self.problems.len());
        self.problems.extend(later.problems.into_iter().take(room));
    }

    /// Rows counted.
    pub fn rows(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Rows that were unresolved, ambiguous or invalid.
    pub fn problem_rows(&self) -> usize {
        self.rows_where(Status::is_problem)
    }

    /// Rows with a location.
    pub fn located(&self) -> usize {
        self.rows_where(Status::is_located)
    }

    fn rows_where(&self, wanted: fn(Status) -> bool) -> usize {
        Status::ALL
            .iter()
            .zip(self.counts)
            .filter(|(s, _)| wanted(**s))
            .map(|(_, n)| n)
            .sum()
    }

    /// How many rows have each status, in report order, leaving out zeros.
    pub fn counts(&self) -> Vec<(Status, usize)> {
        Status::ALL
            .iter()
            .copied()
            .zip(self.counts)
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}

/// Locates incidents with a gazetteer, caching the answer per distinct name and hints.
pub struct Geocoder<'g> {
    gazetteer: &'g Gazetteer,
    context: Option<&'g Context>,
    cache: Answers,
    shared: Option<&'g SharedAnswers>,
    key: String,
}

/// One geocoder's answers by key (place, country and province joined). It
/// is looked up for every row, so the keys' bytes sit together in one
/// buffer, where comparing them seldom misses the cache, and the hash is
/// foldhash's (SipHash guards against crafted keys, which a local file
/// cannot send to a local program).
#[derive(Default)]
struct Answers {
    keys: String,
    /// Each key's hash, where it is in `keys`, and its answer.
    table: hashbrown::HashTable<(u64, u32, u32, Arc<Outcome>)>,
    hasher: foldhash::fast::FixedState,
}

impl Answers {
    fn hash(&self, key: &str) -> u64 {
        use std::hash::BuildHasher;
        self.hasher.hash_one(key)
    }

    fn get(&self, key: &str, hash: u64) -> Option<&Arc<Outcome>> {
        let keys = &self.keys;
        self.table
            .find(hash, |(h, start, len, _)| {
                *h == hash && keys.get(*start as usize..(*start + *len) as usize) == Some(key)
            })
            .map(|(.., outcome)| outcome)
    }

    fn insert(&mut self, key: &str, hash: u64, outcome: Arc<Outcome>) {
        let start = u32::try_from(self.keys.len()).expect("keys under 4 GB");
        let len = u32::try_from(key.len()).expect("a key under 4 GB");
        self.keys.push_str(key);
        self.table
            .insert_unique(hash, (hash, start, len, outcome), |(h, ..)| *h);
    }
}

/// Answers shared by the geocoders of several threads, so that each
/// distinct name is resolved about once in all (an unknown name's spelling
/// suggestions take a millisecond). Each geocoder keeps its own copies too,
/// so threads do not contend for the rows that follow.
#[derive(Debug, Default)]
pub struct SharedAnswers(std::sync::Mutex<HashMap<String, Outcome>>);

impl SharedAnswers {
    fn get(&self, key: &str) -> Option<Outcome> {
        self.0.lock().ok()?.get(key).cloned()
    }

    fn insert(&self, key: &str, outcome: &Outcome) {
        if let Ok(mut answers) = self.0.lock() {
            answers.insert(key.to_string(), outcome.clone());
        }
    }
}

/// Words after a name that say what kind of place it is: "Nangarhar
/// province", "Antioquia department", "Kabul city", "Mir Ali town",
/// "Urus-Martan - District".
const KIND_WORDS: [(&str, Kind); 22] = [
    ("province", Kind::Admin1),
    ("department", Kind::Admin1),
    ("departamento", Kind::Admin1),
    ("region", Kind::Admin1),
    ("oblast", Kind::Admin1),
    ("oblast'", Kind::Admin1),
    ("viloyati", Kind::Admin1),
    ("viloyat", Kind::Admin1),
    ("governorate", Kind::Admin1),
    ("vilayet", Kind::Admin1),
    ("state", Kind::Admin1),
    ("district", Kind::Admin2),
    ("county", Kind::Admin2),
    ("co.", Kind::Admin2),
    ("parish", Kind::Admin2),
    ("city", Kind::City),
    ("town", Kind::City),
    ("village", Kind::City),
    ("area", Kind::City),
    ("township", Kind::City),
    ("twp.", Kind::City),
    ("twp", Kind::City),
];

/// Kind words written before the name: "City of Kabul", "Town of Groton".
const KIND_PREFIXES: [(&str, Kind); 4] = [
    ("city of ", Kind::City),
    ("town of ", Kind::City),
    ("township of ", Kind::City),
    ("village of ", Kind::City),
];

/// Margin under which the best candidate is only a guess (in score units:
/// the model gives it less than about three times the odds of the next).
pub const AMBIGUOUS_MARGIN: f64 = 1.0;

/// A row's place as the geocoder read it: the name it looked up (after
/// taking off `, Country` or a kind word), the hints, and the candidates.
pub struct Query<'g> {
    /// The name looked up.
    pub name: String,
    /// The hints used.
    pub hints: Hints,
    /// The candidates, best first.
    pub ranked: Vec<Scored<'g>>,
    notes: Vec<String>,
}

impl<'g> Geocoder<'g> {
    /// A geocoder over this gazetteer.
    pub fn new(gazetteer: &'g Gazetteer) -> Geocoder<'g> {
        Geocoder {
            gazetteer,
            context: None,
            cache: Answers::default(),
            shared: None,
            key: String::new(),
        }
    }

    /// The gazetteer it looks names up in.
    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.gazetteer
    }

    /// A geocoder that shares its answers with the others made from `shared`.
    pub fn sharing(gazetteer: &'g Gazetteer, shared: &'g SharedAnswers) -> Geocoder<'g> {
        Geocoder {
            shared: Some(shared),
            ..Geocoder::new(gazetteer)
        }
    }

    /// The same geocoder, resolving with the places of the file as context.
    pub fn with_context(self, context: &'g Context) -> Geocoder<'g> {
        Geocoder {
            context: (!context.is_empty()).then_some(context),
            ..self
        }
    }

    /// Locates one incident. Rows with the same place, country and province
    /// share one answer, computed once.
    pub fn locate(&mut self, incident: &Incident) -> Arc<Outcome> {
        if let Some(at) = incident.given {
            return Arc::new(Outcome {
                status: Status::Given,
                location: Some(at),
                precision: Some(Precision::Given),
                matched: None,
                candidates: 0,
                runner_up: None,
                suggestions: Vec::new(),
                reason: "coordinates given in the row".into(),
            });
        }
        self.key.clear();
        for part in [&incident.place, &incident.country, &incident.province] {
            self.key.push_str(part);
            self.key.push('\u{1F}');
        }
        let hash = self.cache.hash(&self.key);
        if let Some(hit) = self.cache.get(&self.key, hash) {
            return Arc::clone(hit);
        }
        let known = self.shared.and_then(|shared| shared.get(&self.key));
        let outcome = known.unwrap_or_else(|| {
            let outcome = self.resolve(&incident.place, &incident.country, &incident.province);
            if let Some(shared) = self.shared {
                shared.insert(&self.key, &outcome);
            }
            outcome
        });
        let outcome = Arc::new(outcome);
        self.cache.insert(&self.key, hash, Arc::clone(&outcome));
        outcome
    }

    /// Locates a place name with an optional country hint and province hint.
    /// A name or hint longer than [`MAX_NAME_CHARS`] is not looked up.
    pub fn resolve(&self, place: &str, country: &str, province: &str) -> Outcome {
        if let Some(reason) = too_long(place, country, province) {
            return Outcome::unresolved(reason, Vec::new());
        }
        let query = self.query(place, country, province);
        self.decide(query)
    }

    /// Reads a row's place and ranks its candidates: the name as written,
    /// else `Name, Country` or `Name, Province`, else the name without a
    /// word that says its kind ("Kabul city", "Nangarhar province").
    pub fn query(&self, place: &str, country: &str, province: &str) -> Query<'g> {
        let mut hints = Hints::default();
        let mut notes = Vec::new();
        if !country.is_empty() {
            match self.gazetteer.country_code(country) {
                Some(code) => hints.country = Some(code.alpha2.clone()),
                None => notes.push(format!("country `{country}` not recognised, ignored")),
            }
        }
        if !province.is_empty() {
            hints.province = Some(province.to_string());
        }
        let mut name = place.trim().to_string();
        let rank =
            |name: &str, hints: &Hints| score::rank(self.gazetteer, name, hints, self.context);
        let mut ranked = rank(&name, &hints);
        if ranked.is_empty()
            && let Some((head, tail)) = name.rsplit_once(',')
        {
            // "Moscow, Idaho", "Kulob, Khatlon", "Kerman, Iran".
            let tail = tail.trim();
            let mut narrower = hints.clone();
            match self.gazetteer.country_code(tail) {
                Some(code) => narrower.country = Some(code.alpha2.clone()),
                None => narrower.province = Some(tail.to_string()),
            }
            let found = rank(head.trim(), &narrower);
            if !found.is_empty() {
                name = head.trim().to_string();
                hints = narrower;
                ranked = found;
            }
        }
        // The name as written, kept only for the fallbacks below.
        let written = ranked.is_empty().then(|| name.clone());
        if ranked.is_empty()
            && let Some((bare, kind)) = strip_kind_word(&name)
        {
            hints.kind = Some(kind);
            name = bare;
            ranked = rank(&name, &hints);
        }
        if ranked.is_empty()
            && let Some(written) = written
            && let Some(within) = strip_container_words(&written)
        {
            // "Delhi High Court", "University of Alberta", "West Wales":
            // not a place of the gazetteer, but inside one it names.
            hints.kind = None;
            let mut found = rank(&within, &hints);
            let mut bare = within.clone();
            if found.is_empty()
                && let Some((head, kind)) = strip_kind_word(&within)
            {
                let mut narrower = hints.clone();
                narrower.kind = Some(kind);
                found = rank(&head, &narrower);
                if !found.is_empty() {
                    hints = narrower;
                    bare = head;
                }
            }
            if !found.is_empty() {
                notes.push(format!(
                    "`{written}` is not in the gazetteer; placed at `{bare}`, which its name holds"
                ));
                name = bare;
                ranked = found;
            }
        }
        if let Some(province) = hints.province.as_deref()
            && ranked
                .first()
                .is_some_and(|r| r.features[score::PROVINCE_MISS] > 0.0)
        {
            notes.push(format!("no candidate is in `{province}`"));
        }
        Query {
            name,
            hints,
            ranked,
            notes,
        }
    }

    fn decide(&self, query: Query<'_>) -> Outcome {
        let Query {
            name,
            hints,
            ranked,
            notes,
        } = query;
        let label = |r: &Scored<'_>| {
            let p = r.candidate.place;
            match self.gazetteer.admin1_name(&p.country, &p.admin1) {
                Some(province) if !matches!(p.kind, Kind::Admin1 | Kind::Country) => {
                    format!("{} ({province}, {})", p.name, p.country)
                }
                _ if p.country.is_empty() => p.name.clone(),
                _ => format!("{}, {}", p.name, p.country),
            }
        };
        let Some(best) = ranked.first() else {
            let suggestions: Vec<String> = self
                .gazetteer
                .suggest(&name, 3)
                .into_iter()
                .map(|p| format!("{}, {}", p.name, p.country))
                .collect();
            let mut reason = match &hints.country {
                Some(cc) if !self.gazetteer.lookup(&name).is_empty() => {
                    format!("`{name}` is in the gazetteer, but not in {cc}")
                }
                _ => format!("`{name}` is not in the gazetteer"),
            };
            for note in &notes {
                reason.push_str("; ");
                reason.push_str(note);
            }
            return Outcome::unresolved(reason, suggestions);
        };
        let place = best.candidate.place;
        // The runner-up is the best candidate that is somewhere else: not
        // within 25 km, and neither the winner's own province or country
        // nor a place inside the winner.
        let rival = ranked.iter().skip(1).find(|r| {
            let other = r.candidate.place;
            distance_km(place.lat, place.lon, other.lat, other.lon) > 25.0
                && !one_within_the_other(place, other)
        });
        let runner_up = rival.map(label);
        let margin = rival.map(|r| best.score - r.score);
        let ambiguous = margin.is_some_and(|m| m < AMBIGUOUS_MARGIN);
        let mut reason = match rival {
            Some(r) => {
                let lead: Vec<String> = best
                    .lead_over(r, self.context.is_some())
                    .into_iter()
                    .take(3)
                    .map(|(why, points)| format!("{why} (+{points:.1})"))
                    .collect();
                format!(
                    "{} over {}{}: {}; margin {:.1}",
                    label(best),
                    label(r),
                    if ambiguous { ", a close call" } else { "" },
                    if lead.is_empty() {
                        "gazetteer order".to_string()
                    } else {
                        lead.join(", ")
                    },
                    best.score - r.score
                )
            }
            None => format!("{}: {}", label(best), best.candidate.matched.as_str()),
        };
        for note in &notes {
            reason.push_str("; ");
            reason.push_str(note);
        }
        let status = match place.kind {
            _ if ambiguous => Status::Ambiguous,
            Kind::Admin1 => Status::Admin1,
            Kind::Admin2 => Status::Admin2,
            Kind::Country => Status::Country,
            Kind::Area => Status::Area,
            Kind::City | Kind::Site => match best.candidate.matched {
                Match::Exact => Status::Exact,
                Match::Alias => Status::Alias,
                Match::Folded | Match::Variant => Status::Folded,
            },
        };
        Outcome {
            status,
            location: Some(LonLat {
                lon: place.lon,
                lat: place.lat,
            }),
            precision: Some(precision_of(place.kind)),
            matched: Some(Matched {
                name: match best.candidate.matched {
                    Match::Exact | Match::Alias => best.candidate.matched_name.to_string(),
                    _ => place.name.clone(),
                },
                geonameid: place.geonameid,
                country: place.country.clone(),
                admin1: self
                    .gazetteer
                    .admin1_name(&place.country, &place.admin1)
                    .unwrap_or("")
                    .to_string(),
                kind: place.kind,
            }),
            candidates: ranked.len(),
            runner_up,
            suggestions: Vec::new(),
            reason,
        }
    }
}

/// Whether one place is the country or province the other lies in.
fn one_within_the_other(a: &Place, b: &Place) -> bool {
    let area = |k: Kind| matches!(k, Kind::Country | Kind::Admin1);
    a.country == b.country
        && (a.kind == Kind::Country
            || b.kind == Kind::Country
            || ((area(a.kind) || area(b.kind)) && a.admin1 == b.admin1))
}

/// The longest place name, country or province hint that is looked up, in
/// characters. The longest names in the gazetteer are under 100; a longer
/// cell is text in the wrong column (or an unclosed quote), and looking it
/// up would cost time that grows with its length.
pub const MAX_NAME_CHARS: usize = 200;

/// Why a row's place, country or province is too long to look up, if one is.
fn too_long(place: &str, country: &str, province: &str) -> Option<String> {
    [
        ("place", place),
        ("country", country),
        ("province", province),
    ]
    .into_iter()
    .find_map(|(field, text)| {
        let chars = if text.len() > MAX_NAME_CHARS {
            text.chars().count()
        } else {
            0
        };
        (chars > MAX_NAME_CHARS).then(|| {
            let start: String = text.chars().take(30).collect();
            format!(
                "`{}…` ({chars} characters) is too long for a {field} name; \
                     names over {MAX_NAME_CHARS} characters are not looked up",
                start.trim()
            )
        })
    })
}

/// The context of a file from its rows' places: each distinct place,
/// country and province resolved on its own, then added.
pub fn context_of<'a>(
    gazetteer: &Gazetteer,
    rows: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
) -> Context {
    let mut seen = std::collections::HashSet::new();
    let keys: Vec<(&str, &str, &str)> = rows
        .into_iter()
        .filter(|&(place, country, province)| {
            !place.trim().is_empty()
                && too_long(place, country, province).is_none()
                && seen.insert((place, country, province))
        })
        .collect();
    // The names are resolved on every core (a large file has thousands),
    // then added in the file's order.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(keys.len() / 256 + 1);
    let chunk = keys.len().div_ceil(workers.max(1)).max(1);
    let queries: Vec<Query<'_>> = std::thread::scope(|scope| {
        let parts: Vec<_> = keys
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let geocoder = Geocoder::new(gazetteer);
                    part.iter()
                        .map(|&(place, country, province)| geocoder.query(place, country, province))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("a context worker panicked"))
            .collect()
    });
    let mut context = Context::new();
    for query in &queries {
        context.add(&query.name, &query.ranked);
    }
    context
}

/// "Nangarhar province" → ("Nangarhar", admin1); "Mir Ali town" → ("Mir Ali", city);
/// "Town of Groton" → ("Groton", city).
fn strip_kind_word(name: &str) -> Option<(String, Kind)> {
    let name = name.trim();
    for (prefix, kind) in KIND_PREFIXES {
        if let Some(head) = name.get(..prefix.len())
            && head.eq_ignore_ascii_case(prefix)
            && name.len() > prefix.len()
        {
            return Some((name[prefix.len()..].trim().to_string(), kind));
        }
    }
    let (head, last) = name.rsplit_once(' ')?;
    let kind = KIND_WORDS
        .iter()
        .find(|(w, _)| last.eq_ignore_ascii_case(w))?
        .1;
    let head = head.trim().trim_end_matches(['-', '–', ',']).trim();
    (!head.is_empty()).then(|| (head.to_string(), kind))
}

/// Words after a place name that make it something inside the place: an
/// institution, a part, or a local government unit ("Colchester General
/// Hospital", "Guma Local Government Area", "Nenagh MDC"). Longer phrases
/// come first.
const INSIDE_SUFFIXES: [&str; 36] = [
    "local government area",
    "international airport",
    "sheriff's office",
    "sheriff’s office",
    "police department",
    "elementary school",
    "municipal district",
    "metropolitan area",
    "general hospital",
    "state university",
    "railway station",
    "medical center",
    "medical centre",
    "county council",
    "police station",
    "city council",
    "train station",
    "high school",
    "high court",
    "university",
    "municipality",
    "metro area",
    "city hall",
    "town hall",
    "hospital",
    "college",
    "airport",
    "council",
    "stadium",
    "station",
    "prison",
    "police",
    "school",
    "court",
    "mdc",
    "lga",
];

/// Words before a place name that make it a part of the place or something
/// in it ("University of Alberta", "West Wales", "Greater Manchester").
const INSIDE_PREFIXES: [&str; 24] = [
    "university of ",
    "north-east ",
    "north-west ",
    "south-east ",
    "south-west ",
    "northeastern ",
    "northwestern ",
    "southeastern ",
    "southwestern ",
    "downtown ",
    "northern ",
    "southern ",
    "eastern ",
    "western ",
    "central ",
    "greater ",
    "upstate ",
    "port of ",
    "rural ",
    "north ",
    "south ",
    "east ",
    "west ",
    "inner ",
];

/// The place a name of something inside it holds: "Delhi High Court" →
/// "Delhi", "University of Alberta" → "Alberta", "West Wales" → "Wales".
/// `None` when no such word is there, or nothing would be left.
///
/// ```
/// use incimap::geocode::strip_container_words;
///
/// assert_eq!(strip_container_words("Colchester General Hospital").as_deref(), Some("Colchester"));
/// assert_eq!(strip_container_words("University of Alberta").as_deref(), Some("Alberta"));
/// assert_eq!(strip_container_words("Guma LGA").as_deref(), Some("Guma"));
/// assert_eq!(strip_container_words("Westminster"), None);
/// assert_eq!(strip_container_words("West Hospital"), None);
/// ```
pub fn strip_container_words(name: &str) -> Option<String> {
    let name = name.trim();
    let lower = name.to_lowercase();
    // Where lower case changes a name's length in bytes, offsets in one are
    // not offsets in the other: such names are left as they are.
    if lower.len() != name.len() {
        return None;
    }
    let suffix = INSIDE_SUFFIXES.iter().find(|w| {
        lower
            .strip_suffix(*w)
            .is_some_and(|head| head.ends_with(' ') || head.ends_with('-'))
    });
    let bare = match suffix {
        Some(w) => &name[..name.len() - w.len()],
        None => {
            let w = INSIDE_PREFIXES.iter().find(|w| lower.starts_with(*w))?;
            &name[w.len()..]
        }
    };
    let bare = bare.trim().trim_end_matches(['-', ',']).trim();
    let bare = bare.strip_prefix("the ").unwrap_or(bare);
    // What is left must be a name, not a direction ("West Hospital").
    let direction = INSIDE_PREFIXES
        .iter()
        .any(|w| w.trim_end().eq_ignore_ascii_case(bare));
    (!direction && bare.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .then(|| bare.to_string())
}

/// How precise a location at a place of this kind is.
pub fn precision_of(kind: Kind) -> Precision {
    match kind {
        Kind::City | Kind::Site => Precision::City,
        Kind::Admin1 => Precision::Admin1,
        Kind::Admin2 => Precision::Admin2,
        Kind::Country => Precision::Country,
        Kind::Area => Precision::Area,
    }
}

/// Great-circle distance in kilometres (haversine, mean Earth radius).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().asin()
}

impl Geocoder<'_> {
    /// Locates one row as the reader gave it: read, or rejected with a reason.
    pub fn locate_row(&mut self, row: Result<Incident, RowError>) -> Located {
        match row {
            Ok(incident) => Located {
                line: incident.line,
                outcome: self.locate(&incident),
                incident: Some(incident),
            },
            Err(error) => invalid(error),
        }
    }
}

/// Locates every row that was read, with the file's other places as
/// context, and carries the rows that were not, in line order.
pub fn geocode(input: Incidents, gazetteer: &Gazetteer) -> Geocoded {
    let context = context_of(
        gazetteer,
        input
            .rows
            .iter()
            .filter(|i| i.given.is_none())
            .map(|i| (i.place.as_str(), i.country.as_str(), i.province.as_str())),
    );
    let mut geocoder = Geocoder::new(gazetteer).with_context(&context);
    let mut rows: Vec<Located> = input
        .rows
        .into_iter()
        .map(Ok)
        .chain(input.errors.into_iter().map(Err))
        .map(|row| geocoder.locate_row(row))
        .collect();
    rows.sort_by_key(|r| r.line);
    Geocoded {
        schema: input.schema,
        rows,
    }
}

/// A row that could not be read, as a report row.
pub fn invalid(error: RowError) -> Located {
    Located {
        incident: None,
        line: error.line,
        outcome: Arc::new(Outcome {
            status: Status::Invalid,
            location: None,
            precision: None,
            matched: None,
            candidates: 0,
            runner_up: None,
            suggestions: Vec::new(),
            reason: match &error.column {
                Some(c) => format!("column `{c}`: {}", error.message),
                None => error.message.clone(),
            },
        }),
    }
}
