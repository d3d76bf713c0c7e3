//! Place data: the embedded GeoNames extract plus user files, name folding,
//! the name index, and ranking of candidates.
//!
//! The embedded table (`gazetteer/places.tsv`) and its index
//! (`gazetteer/names.fst`, `gazetteer/postings.bin`) are made from GeoNames
//! by `cargo run --features dev-tools --bin incimap-build-data`; see `gazetteer/README.md`.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use fst::{Automaton, IntoStreamer, Streamer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const PLACES_TSV: &str = include_str!("../gazetteer/places.tsv");
const NAMES_FST: &[u8] = include_bytes!("../gazetteer/names.fst");
const POSTINGS: &[u8] = include_bytes!("../gazetteer/postings.bin");
/// Where each row of the embedded table starts (made by `build.rs`).
const PLACE_LINES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/place-lines.bin"));
/// The embedded table's divisions and capitals by row (made by `build.rs`).
const PLACE_INDEX: &str = include_str!(concat!(env!("OUT_DIR"), "/place-index.tsv"));

/// How many embedded rows one lazily made slot chunk holds.
const CHUNK: usize = 1024;

/// The slots of [`CHUNK`] embedded rows, each filled when the row is first read.
type Chunk = Box<[OnceLock<Box<Place>>]>;

/// The number of rows of the embedded table.
fn embedded_rows() -> usize {
    PLACE_LINES.len() / 4 - 1
}

/// Row `index` of the embedded table, without its line end.
fn embedded_row(index: usize) -> &'static str {
    let at = |i: usize| {
        let bytes = PLACE_LINES[i * 4..i * 4 + 4]
            .try_into()
            .expect("four bytes");
        u32::from_le_bytes(bytes) as usize
    };
    &PLACES_TSV[at(index)..at(index + 1) - 1]
}

/// A row number written by `build.rs`.
fn parse_row(row: &str) -> usize {
    row.parse().expect("build.rs wrote a row number")
}
const COUNTRIES_CSV: &str = include_str!("../gazetteer/countries.csv");

/// Header of the embedded table, which is also the columns of [`Place::to_tsv`].
pub const PLACES_HEADER: &str =
    "geonameid\tkind\tname\talternates\tlatitude\tlongitude\tfeature\tcountry\tadmin1\tpopulation";

/// What sort of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A populated place.
    City,
    /// A venue or landmark (curated).
    Site,
    /// A first-level division: province, oblast, region.
    Admin1,
    /// A second-level division: county, district, département.
    Admin2,
    /// A country.
    Country,
    /// A continent or a world region news names (Middle East, Central Asia, Darfur).
    Area,
}

impl Kind {
    /// The word used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::City => "city",
            Kind::Site => "site",
            Kind::Admin1 => "admin1",
            Kind::Admin2 => "admin2",
            Kind::Country => "country",
            Kind::Area => "area",
        }
    }

    /// Parses the word used in files.
    pub fn parse(word: &str) -> Option<Kind> {
        match word.trim().to_ascii_lowercase().as_str() {
            "" | "city" | "town" | "village" | "place" => Some(Kind::City),
            "site" | "venue" | "landmark" => Some(Kind::Site),
            "admin1" | "province" | "region" | "oblast" => Some(Kind::Admin1),
            "admin2" | "county" | "district" => Some(Kind::Admin2),
            "country" => Some(Kind::Country),
            "area" | "continent" | "world region" => Some(Kind::Area),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// GeoNames id, when the entry comes from GeoNames.
    pub geonameid: Option<u64>,
    /// City, site, province or country.
    pub kind: Kind,
    /// Primary name.
    pub name: String,
    /// Alternate names, `|`-separated.
    pub alternates: String,
    /// Latitude, decimal degrees.
    pub lat: f64,
    /// Longitude, decimal degrees.
    pub lon: f64,
    /// GeoNames feature code (`PPLC`, `PPLA`, ...), may be empty.
    pub feature: String,
    /// ISO 3166 alpha-2 country code.
    pub country: String,
    /// GeoNames first-level division code within the country.
    pub admin1: String,
    /// Population, 0 when unknown.
    pub population: u64,
    /// Where the entry came from: `None` for the embedded data, else the file.
    pub origin: Option<String>,
}

impl Place {
    /// The primary name followed by the alternate names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.alternates.split('|').filter(|s| !s.is_empty()))
    }

    /// One line of the embedded table format.
    pub fn to_tsv(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            self.geonameid.map(|id| id.to_string()).unwrap_or_default(),
            self.kind,
            self.name,
            self.alternates,
            self.lat,
            self.lon,
            self.feature,
            self.country,
            self.admin1,
            self.population
        )
    }

    fn from_tsv(line: &str) -> Option<Place> {
        let mut f = line.split('\t');
        Some(Place {
            geonameid: f.next()?.parse().ok(),
            kind: Kind::parse(f.next()?)?,
            name: f.next()?.to_string(),
            alternates: f.next()?.to_string(),
            lat: f.next()?.parse().ok()?,
            lon: f.next()?.parse().ok()?,
            feature: f.next()?.to_string(),
            country: f.next()?.to_string(),
            admin1: f.next()?.to_string(),
            population: f.next()?.parse().unwrap_or(0),
            origin: None,
        })
    }
}

/// Folds a name for matching: lower case, diacritics and apostrophes removed,
/// hyphens, spaces and punctuation dropped, a few letters mapped across
/// scripts' variants (Tajik Cyrillic, Persian and Arabic forms).
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfkd().flat_map(char::to_lowercase).nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'þ' => out.push_str("th"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ı' => out.push('i'),
            'ё' => out.push('е'),
            'ς' => out.push('σ'),
            'ҳ' => out.push('х'),
            'қ' => out.push('к'),
            'ғ' => out.push('г'),
            'ҷ' => out.push('ч'),
            'ӣ' => out.push('и'),
            'ӯ' => out.push('у'),
            'ي' | 'ى' => out.push('ی'),
            'ك' => out.push('ک'),
            'ة' => out.push('ه'),
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// Lower-cases a name without folding anything else, for exact comparison.
fn exact_key(name: &str) -> String {
    name.nfc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim()
        .to_string()
}

/// How a candidate's name matched the query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Match {
    /// The primary name, as written (case aside).
    Exact,
    /// An alternate name, as written (case aside).
    Alias,
    /// Only after folding diacritics, hyphens, spaces and the like.
    Folded,
    /// Only as a transliteration variant (Kh/H, Dzh/J, -yab/-ob, -i-/-e-...).
    Variant,
}

impl Match {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Match::Exact => "exact",
            Match::Alias => "alias",
            Match::Folded => "folded",
            Match::Variant => "variant",
        }
    }
}

/// A place that matches a query, with how it matched.
#[derive(Clone, Debug)]
pub struct Candidate<'g> {
    /// Position of the place in the gazetteer.
    pub index: usize,
    /// The place.
    pub place: &'g Place,
    /// How its name matched.
    pub matched: Match,
    /// The name of the place that matched.
    pub matched_name: &'g str,
    /// Whether the query matches the place's primary name (folded).
    pub primary: bool,
}

/// What the row says besides the name, to filter or steer candidates.
#[derive(Clone, Debug, Default)]
pub struct Hints {
    /// ISO alpha-2 country code the place must be in.
    pub country: Option<String>,
    /// First-level division name the place should be in.
    pub province: Option<String>,
    /// The kind the query asked for ("Nangarhar province" asks for an admin1).
    pub kind: Option<Kind>,
}

/// The place data: embedded entries followed by user entries.
///
/// Embedded rows are parsed the first time a lookup reaches them, and where
/// each row starts is worked out at build time, so loading costs almost
/// nothing.
pub struct Gazetteer {
    /// Each embedded row once parsed, boxed so that the 243,000 empty slots
    /// cost a word each, not a whole `Place`.

    /// Each embedded row once parsed, in chunks of [`CHUNK`] rows made on
    /// first use, so that the 243,000 empty slots cost nothing at startup.
    embedded: Vec<OnceLock<Chunk>>,
    user: Vec<Place>,
    user_index: HashMap<String, Vec<u32>>,
    overridden: HashSet<u64>,
    admin1: HashMap<(String, String), usize>,
    /// Every province's folded name with its country and code, made on first use.
    admin1_keys: OnceLock<Vec<(String, (String, String))>>,
    capitals: HashMap<String, usize>,
    countries: Vec<CountryCode>,
}

/// ISO codes and English name of one country.
#[derive(Clone, Debug)]
pub struct CountryCode {
    /// Alpha-2, e.g. `TJ`.
    pub alpha2: String,
    /// Alpha-3, e.g. `TJK`.
    pub alpha3: String,
    /// English name, e.g. `Tajikistan`.
    pub name: String,
    /// ISO 3166-1 numeric, zero-padded, e.g. `762`.
    pub iso_numeric: String,
    /// The name folded, for matching.
    key: String,
}

/// The embedded country table (`gazetteer/countries.csv`), parsed once.
fn embedded_countries() -> &'static [CountryCode] {
    static COUNTRIES: OnceLock<Vec<CountryCode>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        COUNTRIES_CSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let f: Vec<&str> = line.splitn(5, ',').collect();
                let name = f.get(3)?.trim_matches('"').to_string();
                Some(CountryCode {
                    alpha2: f.first()?.to_string(),
                    alpha3: f.get(1)?.to_string(),
                    iso_numeric: f.get(2)?.to_string(),
                    key: fold(&name),
                    name,
                })
            })
            .collect()
    })
}

/// The ISO 3166-1 numeric code (`"762"`) of an alpha-2 code (`"TJ"`), from
/// the embedded country table.
pub fn iso_numeric(alpha2: &str) -> Option<&'static str> {
    embedded_countries()
        .iter()
        .find(|c| c.alpha2.eq_ignore_ascii_case(alpha2))
        .map(|c| c.iso_numeric.as_str())
}

/// A problem loading a user gazetteer file.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct GazetteerError {
    /// The file.
    pub file: String,
    /// What went wrong, with the line where there is one.
    pub message: String,
}

impl Gazetteer {
    /// The embedded gazetteer alone.
    pub fn embedded() -> Gazetteer {
        let mut admin1 = HashMap::new();
        let mut capitals = HashMap::new();
        for line in PLACE_INDEX.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["admin1", country, code, row] => {
                    admin1.insert((country.to_string(), code.to_string()), parse_row(row));
                }
                ["capital", country, row] => {
                    capitals.insert(country.to_string(), parse_row(row));
                }
                _ => panic!("build.rs wrote a bad place index line: {line}"),
            }
        }
        let countries = embedded_countries().to_vec();
        Gazetteer {
            embedded: (0..embedded_rows().div_ceil(CHUNK))
                .map(|_| OnceLock::new())
                .collect(),
            user: Vec::new(),
            user_index: HashMap::new(),
            overridden: HashSet::new(),
            admin1,
            admin1_keys: OnceLock::new(),
            capitals,
            countries,
        }
    }

    /// The place at position `index` (embedded places first, then user places).
    pub fn place(&self, index: usize) -> &Place {
        if index < embedded_rows() {
            let chunk = self.embedded[index / CHUNK].get_or_init(|| {
                let rows = CHUNK.min(embedded_rows() - index / CHUNK * CHUNK);
                (0..rows).map(|_| OnceLock::new()).collect()
            });
            return chunk[index % CHUNK].get_or_init(|| {
                Box::new(
                    Place::from_tsv(embedded_row(index)).expect("embedded gazetteer row is valid"),
                )
            });
        }
        &self.user[index - embedded_rows()]
    }

    /// How many places there are.
    pub fn len(&self) -> usize {
        embedded_rows() + self.user.len()
    }

    /// Whether there are no places at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every place, embedded first (parses every embedded row: slow, for tools and tests).
    pub fn places(&self) -> impl Iterator<Item = &Place> {
        (0..self.len()).map(|i| self.place(i))
    }

    /// Adds the places of a user file (our CSV or a GeoNames dump); they win over embedded ones.
    pub fn add_file(&mut self, path: &Path) -> Result<usize, GazetteerError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| GazetteerError {
            file: file.clone(),
            message: e.to_string(),
        })?;
        let places = parse_user_file(&text).map_err(|message| GazetteerError {
            file: file.clone(),
            message,
        })?;
        let count = places.len();
        for mut place in places {
            place.origin = Some(file.clone());
            let index = self.len() as u32;
            if let Some(id) = place.geonameid {
                self.overridden.insert(id);
            }
            if place.kind == Kind::Admin1 {
                self.admin1.insert(
                    (place.country.clone(), place.admin1.clone()),
                    index as usize,
                );
                self.admin1_keys = OnceLock::new();
            }
            let mut keys: Vec<String> = place.names().map(fold).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                self.user_index.entry(key).or_default().push(index);
            }
            self.user.push(place);
        }
        Ok(count)
    }

    /// Resolves a country hint (alpha-2, alpha-3 or English name) to its alpha-2 code.
    pub fn country_code(&self, hint: &str) -> Option<&CountryCode> {
        let hint = hint.trim();
        if hint.is_empty() {
            return None;
        }
        let folded = fold(hint);
        let by_code = self.countries.iter().find(|c| {
            c.alpha2.eq_ignore_ascii_case(hint)
                || c.alpha3.eq_ignore_ascii_case(hint)
                || c.key == folded
        });
        // Other names of countries: `USA`, `Россия`, `Britain`.
        by_code.or_else(|| {
            let country = self
                .lookup(hint)
                .into_iter()
                .find(|c| c.place.kind == Kind::Country)?;
            self.countries
                .iter()
                .find(|c| c.alpha2 == country.place.country)
        })
    }

    /// The capital city of a country (ISO alpha-2), if the gazetteer knows it.
    pub fn capital(&self, country: &str) -> Option<&Place> {
        self.capitals.get(country).map(|&i| self.place(i))
    }

    /// The name of a first-level division, from its country and code.
    pub fn admin1_name(&self, country: &str, code: &str) -> Option<&str> {
        if code.is_empty() {
            return None;
        }
        let index = *self.admin1.get(&(country.to_string(), code.to_string()))?;
        Some(self.place(index).name.as_str())
    }

    /// Every place one of whose names folds to the same key as `name`; when
    /// there is none, the places that match a transliteration variant of it.
    pub fn lookup(&self, name: &str) -> Vec<Candidate<'_>> {
        let key = fold(name);
        if key.is_empty() {
            return Vec::new();
        }
        let exact = exact_key(name);
        let mut found = self.candidates(&key, &exact, None);
        if found.is_empty() {
            let names = names_map();
            for variant in variant_keys(name) {
                if names.contains_key(&variant)
                    || (!self.user_index.is_empty() && self.user_index.contains_key(&variant))
                {
                    found.extend(self.candidates(&variant, &exact, Some(&key)));
                }
            }
            found.sort_by_key(|c| c.index);
            found.dedup_by_key(|c| c.index);
        }
        found
    }

    /// Every place one of whose names folds to the same key as `name`, with
    /// no transliteration variants: the cheap lookup, for scanning text.
    pub fn lookup_folded(&self, name: &str) -> Vec<Candidate<'_>> {
        let key = fold(name);
        if key.is_empty() {
            return Vec::new();
        }
        self.candidates(&key, &exact_key(name), None)
    }

    /// Places indexed under one folded key; `variant_of` is the folded query
    /// when `key` is only a variant of it.
    fn candidates(&self, key: &str, exact: &str, variant_of: Option<&str>) -> Vec<Candidate<'_>> {
        let mut indices: Vec<u32> = self.user_index.get(key).cloned().unwrap_or_default();
        indices.extend(embedded_postings(key));
        indices
            .into_iter()
            .map(|i| (i as usize, self.place(i as usize)))
            .filter(|(_, place)| {
                place.origin.is_some()
                    || place
                        .geonameid
                        .is_none_or(|id| !self.overridden.contains(&id))
            })
            .map(|(index, place)| {
                let (matched, matched_name) = best_name(place, exact, key);
                Candidate {
                    index,
                    place,
                    matched: if variant_of.is_some() {
                        Match::Variant
                    } else {
                        matched
                    },
                    matched_name,
                    primary: fold(&place.name) == key,
                }
            })
            .collect()
    }

    /// The provinces (country and first-level code) a province hint names:
    /// the provinces with that name (`Khatlon`, `Ky.`), else those whose
    /// name contains it or is contained in it.
    pub fn province_codes(&self, hint: &str) -> Vec<(String, String)> {
        let mut codes: Vec<(String, String)> = self
            .lookup(hint)
            .into_iter()
            .filter(|c| c.place.kind == Kind::Admin1)
            .map(|c| (c.place.country.clone(), c.place.admin1.clone()))
            .collect();
        if codes.is_empty() {
            let key = fold(hint);
            if key.is_empty() {
                return codes;
            }
            let keys = self.admin1_keys.get_or_init(|| {
                self.admin1
                    .iter()
                    .map(|(code, &index)| (fold(&self.place(index).name), code.clone()))
                    .filter(|(name, _)| !name.is_empty())
                    .collect()
            });
            codes.extend(
                keys.iter()
                    .filter(|(name, _)| name.contains(&key) || key.contains(name.as_str()))
                    .map(|(_, code)| code.clone()),
            );
            codes.sort();
        }
        codes
    }

    /// Places whose names are a small edit away from `name`, nearest and most populous first.
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<&Place> {
        let key = fold(name);
        let chars = key.chars().count();
        if chars < 3 {
            return Vec::new();
        }
        let distance = if chars <= 5 { 1 } else { 2 };
        let mut found: Vec<(u32, usize)> = Vec::new();
        // One edit: every string one deletion, substitution, insertion or
        // transposition away, looked up exactly (a few thousand look-ups,
        // far cheaper than walking the index with an automaton). Two edits:
        // only names that share the first three letters, where a typo is
        // rare, measured one by one over that range of the index.
        let prefix: String = key.chars().take(3).collect();
        let map = names_map();
        for d in 1..=distance {
            if d == 1 {
                for value in one_edit_values(map.as_fst(), &key) {
                    found.extend(postings_at(value).into_iter().map(|i| (1, i as usize)));
                }
            } else {
                let mut stream = map
                    .search(fst::automaton::Str::new(&prefix).starts_with())
                    .into_stream();
                while let Some((name, value)) = stream.next() {
                    let name = std::str::from_utf8(name).unwrap_or("");
                    if levenshtein_within(&key, name, d) {
                        found.extend(postings_at(value).into_iter().map(|i| (d, i as usize)));
                    }
                }
            }
            for (k, ids) in &self.user_index {
                if levenshtein_within(&key, k, d) {
                    found.extend(ids.iter().map(|&i| (d, i as usize)));
                }
            }
            if !found.is_empty() {
                break;
            }
        }
        // Nearest first; towns before the divisions that share their name
        // (Sughd has Khujand as an old name); then larger.
        let division = |i: usize| !matches!(self.place(i).kind, Kind::City | Kind::Site);
        found.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| division(a.1).cmp(&division(b.1)))
                .then_with(|| self.place(b.1).population.cmp(&self.place(a.1).population))
                .then(a.1.cmp(&b.1))
        });
        let mut places: Vec<&Place> = Vec::new();
        for (_, i) in found {
            let p = self.place(i);
            if !places
                .iter()
                .any(|q| q.name == p.name && q.country == p.country)
            {
                places.push(p);
            }
            if places.len() == limit {
                break;
            }
        }
        places
    }
}

/// The best of a place's names for an exact (lower-cased) query and its folded key.
fn best_name<'p>(place: &'p Place, exact: &str, key: &str) -> (Match, &'p str) {
    if exact_key(&place.name) == exact {
        return (Match::Exact, &place.name);
    }
    let mut folded = None;
    for name in place.names().skip(1) {
        if exact_key(name) == exact {
            return (Match::Alias, name);
        }
        if folded.is_none() && fold(name) == key {
            folded = Some(name);
        }
    }
    (Match::Folded, folded.unwrap_or(&place.name))
}

/// Transliteration pairs tried in both directions when a name is not found:
/// Russian- and English-style spellings of Central Asian and Persian names,
/// and the Pashto `khel` ("Musakhail", "Musa Khel").
const VARIANT_PAIRS: [(&str, &str); 17] = [
    ("khail", "khel"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("kh", "x"),
    ("gh", "g"),
    ("yab", "ob"),
    ("ya", "a"),
    ("yo", "o"),
    ("yu", "u"),
    ("q", "k"),
    ("ou", "u"),
    ("ee", "i"),
    ("w", "v"),
    ("y", "i"),
    ("ph", "f"),
];

/// The most spellings [`variants`] makes of one name.
const MAX_VARIANTS: usize = 400;

/// Forms of the Arabic article `al-` that names keep or drop.
const ARTICLES: [&str; 9] = ["al", "el", "ar", "as", "ad", "at", "an", "ash", "az"];

/// Folded spellings a name may have in another transliteration: the
/// Arabic article added or taken off, the ezafe
/// (`Mazar-i-Sharif`, `Mazar-e Sharif`, `Mazar Sharif`), then up to two
/// letter-pair swaps from [`VARIANT_PAIRS`]. Sorted, without the name itself.
pub fn variants(name: &str) -> Vec<String> {
    let mut out = variant_keys(name);
    out.sort_unstable();
    out
}

/// [`variants`] in no order.
fn variant_keys(name: &str) -> Vec<String> {
    let key = fold(name);
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let mut seeds = vec![key.clone()];
    // The Arabic article, written or left out, in its assimilated forms:
    // `Hodeidah` / `El-Hodeidah`, `Raqqah` / `Ar Raqqah`.
    for article in ARTICLES {
        match key.strip_prefix(article) {
            Some(bare) if bare.chars().count() >= 3 => seeds.push(bare.to_string()),
            _ => seeds.push(format!("{article}{key}")),
        }
    }
    for gap in 1..words.len() {
        for joint in ["i", "e"] {
            let mut changed = words.clone();
            changed.insert(gap, joint);
            seeds.push(fold(&changed.concat()));
        }
    }
    if words.len() > 2 {
        for (i, w) in words.iter().enumerate().take(words.len() - 1).skip(1) {
            if matches!(*w, "i" | "e" | "y" | "ye" | "el" | "al") {
                for replacement in ["i", "e", "", "al", "el"] {
                    let mut changed = words.clone();
                    changed[i] = replacement;
                    seeds.push(fold(&changed.concat()));
                }
            }
        }
    }
    // A hash set in the loop (each name makes up to 400), sorted at the end.
    let mut found: std::collections::HashSet<String, foldhash::fast::FixedState> =
        std::collections::HashSet::with_capacity_and_hasher(512, Default::default());
    found.extend(seeds.iter().cloned());
    let mut frontier = seeds;
    let mut scratch = String::new();
    for _ in 0..2 {
        let mut next = Vec::new();
        for word in &frontier {
            if found.len() >= MAX_VARIANTS {
                break;
            }
            let bytes = word.as_bytes();
            for (a, b) in VARIANT_PAIRS {
                for (from, to) in [(a, b), (b, a)] {
                    // The pairs are ASCII: a byte match is a match at a char
                    // boundary. Matches do not overlap, as `match_indices`.
                    let pattern = from.as_bytes();
                    let mut free = 0;
                    for at in memchr::memchr_iter(pattern[0], bytes) {
                        if at < free || !bytes[at..].starts_with(pattern) {
                            continue;
                        }
                        free = at + pattern.len();
                        scratch.clear();
                        scratch.push_str(&word[..at]);
                        scratch.push_str(to);
                        scratch.push_str(&word[at + pattern.len()..]);
                        if found.len() < MAX_VARIANTS && !found.contains(scratch.as_str()) {
                            found.insert(scratch.clone());
                            next.push(scratch.clone());
                        }
                    }
                }
            }
        }
        frontier = next;
    }
    found.remove(&key);
    found
        .into_iter()
        .filter(|v| v.chars().count() >= 3)
        .collect()
}

fn names_map() -> fst::Map<&'static [u8]> {
    fst::Map::new(NAMES_FST).expect("embedded name index is valid")
}

fn embedded_postings(key: &str) -> Vec<u32> {
    names_map().get(key).map(postings_at).unwrap_or_default()
}

/// Place indices stored at one offset of the postings: a count, then the indices.
fn postings_at(offset: u64) -> Vec<u32> {
    let word = |i: usize| {
        let at = i * 4;
        u32::from_le_bytes(POSTINGS[at..at + 4].try_into().expect("four bytes"))
    };
    let start = offset as usize;
    let count = word(start) as usize;
    (start + 1..=start + count).map(word).collect()
}

/// Builds the name index of a table of places: the FST bytes and the postings bytes.
pub fn build_index(places: &[Place]) -> (Vec<u8>, Vec<u8>) {
    let mut keys: Vec<(String, u32)> = Vec::new();
    for (i, place) in places.iter().enumerate() {
        let mut own: Vec<String> = place.names().map(fold).filter(|k| !k.is_empty()).collect();
        own.sort();
        own.dedup();
        keys.extend(own.into_iter().map(|k| (k, i as u32)));
    }
    keys.sort();
    let mut builder = fst::MapBuilder::memory();
    let mut postings: Vec<u32> = Vec::new();
    let mut at = 0;
    while at < keys.len() {
        let key = &keys[at].0;
        let end = at + keys[at..].iter().take_while(|(k, _)| k == key).count();
        let offset = postings.len() as u64;
        postings.push((end - at) as u32);
        postings.extend(keys[at..end].iter().map(|(_, i)| *i));
        builder
            .insert(key, offset)
            .expect("keys are sorted and unique");
        at = end;
    }
    let fst = builder.into_inner().expect("in-memory FST");
    let bytes = postings.iter().flat_map(|v| v.to_le_bytes()).collect();
    (fst, bytes)
}

/// The embedded index bytes, for checking they match the embedded table.
pub fn embedded_index() -> (&'static [u8], &'static [u8]) {
    (NAMES_FST, POSTINGS)
}

/// The letters that replacements and insertions draw on: the key's own
/// script (Latin letters and digits, plus Cyrillic or Arabic letters when
/// the key has them).
fn edit_alphabet(chars: &[char]) -> Vec<char> {
    let mut alphabet: Vec<char> = ('a'..='z').chain('0'..='9').collect();
    if chars.iter().any(|c| ('\u{400}'..='\u{4FF}').contains(c)) {
        alphabet.extend('а'..='я');
    }
    if chars.iter().any(|c| ('\u{600}'..='\u{6FF}').contains(c)) {
        alphabet.extend('\u{621}'..='\u{64A}');
        alphabet.extend(['پ', 'چ', 'ژ', 'ک', 'گ', 'ی']);
    }
    alphabet
}

/// The values of the index's names one edit away from a folded key: a
/// letter deleted, replaced, inserted (from [`edit_alphabet`]) or swapped
/// with the next. Walks the index once per edit position from the node the
/// key's first letters lead to, so branches that no name takes end at once
/// (far cheaper than looking up every edited string from the root). A name
/// reached by two edits comes twice.
fn one_edit_values(fst: &fst::raw::Fst<&[u8]>, key: &str) -> Vec<u64> {
    use fst::raw::{Node, Output};
    /// Follows `bytes` from a node; the node reached and the output so far.
    fn follow<'f>(
        fst: &'f fst::raw::Fst<&[u8]>,
        mut at: (Node<'f>, Output),
        bytes: &[u8],
    ) -> Option<(Node<'f>, Output)> {
        for &b in bytes {
            let t = at.0.transition(at.0.find_input(b)?);
            at = (fst.node(t.addr), at.1.cat(t.out));
        }
        Some(at)
    }
    let value = |at: Option<(Node<'_>, Output)>| {
        at.filter(|(node, _)| node.is_final())
            .map(|(node, out)| out.cat(node.final_output()).value())
    };
    let chars: Vec<char> = key.chars().collect();
    let alphabet = edit_alphabet(&chars);
    let utf8 = |c: char, buf: &mut [u8; 4]| c.encode_utf8(buf).len();
    // Where each letter starts in the key's bytes.
    let starts: Vec<usize> = key
        .char_indices()
        .map(|(i, _)| i)
        .chain([key.len()])
        .collect();
    let bytes = key.as_bytes();
    let mut values = Vec::new();
    let mut prefix = Some((fst.root(), Output::zero()));
    for i in 0..=chars.len() {
        let Some(here) = prefix else {
            break;
        };
        let rest = &bytes[starts[i]..];
        let mut buf = [0u8; 4];
        for &c in &alphabet {
            let n = utf8(c, &mut buf);
            let Some(after) = follow(fst, here, &buf[..n]) else {
                continue;
            };
            // Inserted before letter i.
            values.extend(value(follow(fst, after, rest)));
            // Letter i replaced.
            if i < chars.len() && c != chars[i] {
                values.extend(value(follow(fst, after, &bytes[starts[i + 1]..])));
            }
        }
        if i < chars.len() {
            // Letter i deleted.
            values.extend(value(follow(fst, here, &bytes[starts[i + 1]..])));
        }
        if i + 1 < chars.len() {
            // Letters i and i + 1 swapped.
            let swapped = follow(fst, here, &bytes[starts[i + 1]..starts[i + 2]])
                .and_then(|at| follow(fst, at, &bytes[starts[i]..starts[i + 1]]))
                .and_then(|at| follow(fst, at, &bytes[starts[i + 2]..]));
            values.extend(value(swapped));
        }
        prefix = (i < chars.len())
            .then(|| follow(fst, here, &bytes[starts[i]..starts[i + 1]]))
            .flatten();
    }
    values
}

/// Every string one edit away from a folded key (what [`one_edit_values`]
/// finds in the index without spelling them out).
#[cfg(test)]
fn one_edit(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    let alphabet = edit_alphabet(&chars);
    let text = |v: &[char]| v.iter().collect::<String>();
    let mut edits = Vec::new();
    for i in 0..chars.len() {
        let mut v = chars.clone();
        v.remove(i);
        edits.push(text(&v));
        if i + 1 < chars.len() {
            let mut v = chars.clone();
            v.swap(i, i + 1);
            edits.push(text(&v));
        }
        for &c in &alphabet {
            if c != chars[i] {
                let mut v = chars.clone();
                v[i] = c;
                edits.push(text(&v));
            }
        }
    }
    for i in 0..=chars.len() {
        for &c in &alphabet {
            let mut v = chars.clone();
            v.insert(i, c);
            edits.push(text(&v));
        }
    }
    edits.sort();
    edits.dedup();
    edits
}

fn levenshtein_within(a: &str, b: &str, limit: u32) -> bool {
    if a.chars().count().abs_diff(b.chars().count()) > limit as usize {
        return false;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = if ca == cb { prev } else { prev + 1 };
            prev = row[j + 1];
            row[j + 1] = cost.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()] <= limit as usize
}

/// Reads a user gazetteer: GeoNames' tab-separated dump or our own CSV.
pub fn parse_user_file(text: &str) -> Result<Vec<Place>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    if first.split('\t').count() >= 15
        && first
            .split('\t')
            .next()
            .is_some_and(|f| f.parse::<u64>().is_ok())
    {
        parse_geonames_dump(text)
    } else {
        parse_own_csv(text)
    }
}

/// GeoNames' dump format: geonameid, name, asciiname, alternatenames, latitude,
/// longitude, feature class, feature code, country code, cc2, admin1..4, population, ...
fn parse_geonames_dump(text: &str) -> Result<Vec<Place>, String> {
    let mut places = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| format!("line {}: {what}", n + 1);
        if f.len() < 15 {
            return Err(bad(
                "expected at least 15 tab-separated columns (GeoNames dump)",
            ));
        }
        let kind = match (f[6], f[7]) {
            ("P", _) => Kind::City,
            ("A", "ADM1") => Kind::Admin1,
            ("A", "PCLI" | "PCL" | "PCLD" | "PCLF" | "PCLS") => Kind::Country,
            ("A", _) => continue,
            _ => Kind::Site,
        };
        places.push(Place {
            geonameid: Some(f[0].parse().map_err(|_| bad("geonameid is not a number"))?),
            kind,
            name: f[1].to_string(),
            alternates: clean_alternates(f[3].split(','), f[1]),
            lat: parse_coordinate(f[4], 90.0).map_err(|m| bad(&format!("latitude: {m}")))?,
            lon: parse_coordinate(f[5], 180.0).map_err(|m| bad(&format!("longitude: {m}")))?,
            feature: f[7].to_string(),
            country: f[8].to_string(),
            admin1: f[10].to_string(),
            population: f[14].parse().unwrap_or(0),
            origin: None,
        });
    }
    Ok(places)
}

/// Our own CSV: name, alternates (`|`-separated), country, latitude, longitude,
/// and optionally kind, population, admin1, geonameid.
fn parse_own_csv(text: &str) -> Result<Vec<Place>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(name_col), Some(lat_col), Some(lon_col)) =
        (column("name"), column("latitude"), column("longitude"))
    else {
        return Err("line 1: expected columns name, latitude, longitude (and optionally alternates, country, kind, population, admin1, geonameid)".into());
    };
    let mut places = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let get = |col: Option<usize>| col.and_then(|c| record.get(c)).unwrap_or("").trim();
        let bad = |what: String| format!("line {line}: {what}");
        let name = get(Some(name_col));
        if name.is_empty() {
            return Err(bad("column `name` is empty".into()));
        }
        let kind_text = get(column("kind"));
        places.push(Place {
            geonameid: get(column("geonameid")).parse().ok(),
            kind: Kind::parse(kind_text).ok_or_else(|| {
                bad(format!(
                    "column `kind`: `{kind_text}` is not city, site, admin1 or country"
                ))
            })?,
            name: name.to_string(),
            alternates: clean_alternates(get(column("alternates")).split('|'), name),
            lat: parse_coordinate(get(Some(lat_col)), 90.0)
                .map_err(|m| bad(format!("column `latitude`: {m}")))?,
            lon: parse_coordinate(get(Some(lon_col)), 180.0)
                .map_err(|m| bad(format!("column `longitude`: {m}")))?,
            feature: String::new(),
            country: get(column("country")).to_ascii_uppercase(),
            admin1: get(column("admin1")).to_string(),
            population: match get(column("population")) {
                "" => 0,
                text => text.parse().map_err(|_| {
                    bad(format!(
                        "column `population`: `{text}` is not a whole number of 0 or more"
                    ))
                })?,
            },
            origin: None,
        });
    }
    Ok(places)
}

fn parse_coordinate(text: &str, limit: f64) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(v),
        _ => Err(format!("`{}` is not a number within ±{limit}", text.trim())),
    }
}

/// Keeps alternate names worth matching: drops empty ones, the primary name,
/// short all-capital codes (airport and similar codes), links, and repeats.
pub fn clean_alternates<'a>(names: impl Iterator<Item = &'a str>, primary: &str) -> String {
    keep_names(names, primary, true)
}

/// Joins the names of a curated list as alternates: like [`clean_alternates`],
/// but keeps short capital forms (`US`, `UAE`, `NSW`), which such lists hold on purpose.
pub fn join_names<'a>(names: impl Iterator<Item = &'a str>, primary: &str) -> String {
    keep_names(names, primary, false)
}

fn keep_names<'a>(names: impl Iterator<Item = &'a str>, primary: &str, drop_codes: bool) -> String {
    let mut kept: Vec<&str> = Vec::new();
    // Repeats are found in a set: a row may hold hundreds of thousands of names.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for name in names.map(str::trim) {
        let code = drop_codes
            && name.chars().count() <= 4
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if name.is_empty()
            || name == primary
            || code
            || name.contains("://")
            || name.contains(['|', '\t'])
            || !seen.insert(name)
        {
            continue;
        }
        kept.push(name);
    }
    kept.join("|")
}

#[cfg(test)]
mod tests {
    use super::{fold, names_map, one_edit, one_edit_values};

    /// The walk finds exactly the names that spelling out every edit and
    /// looking each up finds.
    #[test]
    fn one_edit_walk_finds_what_spelled_out_edits_find() {
        let map = names_map();
        let mut found = 0;
        for name in [
            "Nowhereville 12",
            "Kulob",
            "Khudzhand",
            "Dushanbe",
            "Куляб",
            "Bishkek",
            "Kerman",
            "Jalal-Abad",
            "کرمان",
            "ab",
        ] {
            let key = fold(name);
            let mut walked = one_edit_values(map.as_fst(), &key);
            walked.sort();
            walked.dedup();
            let mut spelled: Vec<u64> = one_edit(&key)
                .iter()
                .filter_map(|edit| map.get(edit))
                .collect();
            spelled.sort();
            spelled.dedup();
            assert_eq!(walked, spelled, "{name}");
            found += walked.len();
        }
        assert!(found > 10, "the names have neighbours to find: {found}");
    }
}
