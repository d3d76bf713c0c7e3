//! Places named in the article: capitalised names looked up in the gazetteer,
//! with organisations, people, actors and common words set aside, and each
//! name resolved with the countries and other places around it.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use rstar::RTree;
use rstar::primitives::GeomWithData;

use super::Relative;
use super::document::{Citation, Document, Part, Token, TokenKind};
use super::lexicon::{self, contains};
use crate::gazetteer::{self, Gazetteer, Kind, Match, Place};
use crate::geocode::distance_km;

/// How a place stands to what happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Where something is or happened: "in Kunduz".
    Locative,
    /// A point of reference: "near Moscow", "east of Dushanbe".
    Reference,
    /// Where something came from: "fired from Afghanistan".
    Origin,
    /// The place a following place is in: "Istanbul's Ortaköy district".
    Container,
    /// The place of the dateline.
    Dateline,
    /// An official's area: "the head of the Sergokala district".
    Attribute,
    /// Where a statement was made or heard: "police reported today in Lima".
    Report,
    /// A border named by the adjectives of its countries: "the Afghan-Tajik border".
    Border,
}

/// The gazetteer entry (or country) a name was resolved to.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The gazetteer's name, or the country's English name.
    pub name: String,
    /// ISO alpha-2 country code.
    pub country: String,
    /// City, site, province or country.
    pub kind: Kind,
    /// First-level division name, when known.
    pub admin1: String,
    /// GeoNames first-level division code.
    pub admin1_code: String,
    /// Latitude and longitude, `None` for a country.
    pub point: Option<(f64, f64)>,
    /// GeoNames id.
    pub geonameid: Option<u64>,
}

impl Resolved {
    /// Whether two resolutions name the same place.
    pub fn same(&self, other: &Resolved) -> bool {
        self.country == other.country && self.kind == other.kind && self.name == other.name
    }

    /// Whether `self` lies within `other` (a country or province), or within 50 km of it.
    pub fn within(&self, other: &Resolved) -> bool {
        match other.kind {
            Kind::Country => self.country == other.country,
            Kind::Admin1 => {
                self.country == other.country
                    && (self.admin1_code == other.admin1_code || self.near(other, 50.0))
            }
            _ => self.near(other, 50.0),
        }
    }

    /// Whether both have points less than `km` apart.
    pub fn near(&self, other: &Resolved, km: f64) -> bool {
        match (self.point, other.point) {
            (Some(a), Some(b)) => distance_km(a.0, a.1, b.0, b.1) < km,
            _ => false,
        }
    }

    /// How specific the place is: site 0, city 1, county 2, province 3, country 4, area 5.
    pub fn rank(&self) -> u8 {
        match self.kind {
            Kind::Site => 0,
            Kind::City => 1,
            Kind::Admin2 => 2,
            Kind::Admin1 => 3,
            Kind::Country => 4,
            Kind::Area => 5,
        }
    }
}

/// A place name found in a sentence and resolved.
#[derive(Clone, Debug)]
pub struct Found {
    /// Sentence index.
    pub sentence: usize,
    /// First token.
    pub start: usize,
    /// One past the last token (including a following "province").
    pub end: usize,
    /// As written, without a possessive, with "province" or "region" when written.
    pub surface: String,
    /// What it was resolved to.
    pub place: Resolved,
    /// How it stands to the sentence's events.
    pub role: Role,
    /// Places joined by "and" or commas share a group number.
    pub group: usize,
    /// Resolution score; higher is surer.
    pub score: f64,
    /// Near the place or on a border, not at it: "20 km east of", "the Kyrgyz–Tajik border".
    pub relative: Option<Relative>,
}

/// A name that looked like a place but was set aside, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// Sentence index.
    pub sentence: usize,
    /// The name.
    pub text: String,
    /// Why.
    pub reason: String,
}

/// Everything found about places in an article.
#[derive(Clone, Debug, Default)]
pub struct Places {
    /// Accepted places, in reading order.
    pub found: Vec<Found>,
    /// Names set aside.
    pub skipped: Vec<Skipped>,
    /// Country weights over the article (mentions of countries, adjectives, places).
    pub countries: BTreeMap<String, f64>,
    /// The countries the article names by their adjectives ("Tajik border
    /// guards"), where it names them: not places of incidents by themselves.
    pub adjectives: Vec<Found>,
}

impl Places {
    /// The places of one sentence.
    pub fn in_sentence(&self, s: usize) -> impl Iterator<Item = &Found> {
        // `found` is in reading order.
        let first = self.found.partition_point(|f| f.sentence < s);
        self.found[first..]
            .iter()
            .take_while(move |f| f.sentence == s)
    }

    /// The country the article is most about.
    pub fn main_country(&self) -> Option<&str> {
        self.countries
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| c.as_str())
    }
}

/// A name before resolution.
#[derive(Clone, Debug)]
struct Raw {
    sentence: usize,
    start: usize,
    end: usize,
    key: String,
    surface: String,
    hint: Option<Kind>,
    role: Role,
    /// A country by name: its alpha-2 code.
    country: Option<String>,
    candidates: Vec<(usize, Match)>,
    /// Index of a possessive place right before ("Istanbul's").
    container: Option<usize>,
    /// Index of the province or country named right after it that says
    /// where it is ("Tejutla, Chalatenango Department", "Huanta, Peru",
    /// "Kok-Tash in western Kyrgyzstan").
    qualified_by: Option<usize>,
    /// Penalty for a weak position (sentence start, title case).
    penalty: f64,
    /// Followed by a speech verb, or spoken of as its officials ("officials in Kabul said").
    speaker: bool,
    /// Followed by an auxiliary verb ("Uzbekistan has").
    subject: bool,
    /// Told relative to the name: "east of Osh", "northern Afghanistan".
    relative: Option<Relative>,
    /// The relation is only a part of the place ("western Kabul"): a town's
    /// part is still the town, a province's or country's is approximate.
    part_of: bool,
    /// Followed by "neighborhood", "district" or the like: a part of a town.
    quarter: bool,
    /// Index of the town told right before this county or district ("Bent,
    /// Nikshahr County"): when that town is found, the county places nothing.
    holds: Option<usize>,
}

/// Last words of organisations besides [`lexicon::ORG_MARKERS`] that an
/// abbreviation in parentheses follows ("the air force (FAS)").
const ABBREVIATED: &[&str] = &[
    "force",
    "forces",
    "group",
    "groups",
    "union",
    "federation",
    "police",
    "commission",
    "alliance",
    "command",
    "confederation",
    "office",
];

/// Last words of street names ("Guryanov Street"); told in lower case
/// after the name ("on La Reforma street"), all but the road words, since a
/// road is often named by the town it leads to ("the Kabul highway").
const STREET_WORDS: &[&str] = &[
    "street",
    "streets",
    "promenade",
    "highway",
    "avenue",
    "road",
    "boulevard",
    "prospekt",
    "prospect",
    "lane",
];

/// Buildings a name before them may belong to, written in lower case in
/// wire copy: "the Santa Isabel high school" is a school, not the town.
const FACILITY_WORDS: &[&str] = &[
    "school",
    "college",
    "university",
    "hospital",
    "clinic",
    "hotel",
    "church",
    "cathedral",
    "mosque",
    "stadium",
];

/// Nouns for a part of a country: "a region of Kyrgyzstan" places in it.
const AREA_NOUNS: &[&str] = &[
    "region",
    "regions",
    "part",
    "parts",
    "area",
    "areas",
    "territory",
    "corner",
    "province",
    "provinces",
    "district",
    "districts",
    "villages",
];

/// The population of a major town: a hotel's name may open with it and
/// still name the town ("the Kabul Serena Hotel", not "the Pearl
/// Continental Hotel").
const MAJOR_TOWN_POPULATION: u64 = 100_000;

/// The population of a provincial capital that counts as a major town.
const SEAT_POPULATION: u64 = 10_000;

/// Tokens within which a country named beside a place counts in full.
const NEARBY: usize = 8;

/// Score a candidate needs to be accepted as a place.
const THRESHOLD: f64 = 3.0;

/// What a dateline's form adds to its name's score: "OSORNO, 18 JAN 89 --"
/// names a place, whatever the case of the text.
const DATELINE_BONUS: f64 = 1.0;

/// Finds and resolves the places of an article.
pub fn find(doc: &Document, gazetteer: &Gazetteer) -> Places {
    let mut raws = Vec::new();
    let mut skipped = Vec::new();
    let mut sentence_countries: Vec<Vec<(String, usize)>> = Vec::new();
    let mut weights: BTreeMap<String, f64> = BTreeMap::new();
    let looked_up = LookedUp::default();
    let people = surnames(doc);
    let mut adjectives = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let mut scan = Scan {
            gazetteer,
            looked_up: &looked_up,
            people: &people,
            tokens: &sentence.tokens,
            citations: &sentence.citations,
            sentence: s,
            part: sentence.part,
            restored: doc.restored,
            raws: Vec::new(),
            countries: Vec::new(),
            skipped: &mut skipped,
            name_end: 0,
        };
        scan.run();
        let Scan {
            raws: found,
            countries,
            ..
        } = scan;
        for (cc, at) in &countries {
            *weights.entry(cc.clone()).or_default() += 1.0;
            let place = country(gazetteer, cc);
            adjectives.push(Found {
                sentence: s,
                start: *at,
                end: at + 1,
                surface: place.name.clone(),
                place,
                role: Role::Attribute,
                group: 0,
                score: 0.0,
                relative: None,
            });
        }
        for r in &found {
            if let Some(cc) = &r.country {
                *weights.entry(cc.clone()).or_default() += if r.role == Role::Locative && !r.speaker
                {
                    2.0
                } else {
                    1.0
                };
            }
        }
        let mut here = countries;
        // Countries named as actors say nothing about where a place is.
        here.extend(found.iter().filter(|r| !r.speaker).flat_map(|r| {
            r.country
                .iter()
                .flat_map(|c| c.split(','))
                .map(|c| (c.to_string(), r.start))
        }));
        sentence_countries.push(here);
        let base = raws.len();
        raws.extend(found.into_iter().map(|mut r| {
            r.container = r.container.map(|c| c + base);
            r.qualified_by = r.qualified_by.map(|c| c + base);
            r.holds = r.holds.map(|c| c + base);
            r
        }));
    }
    let mut places = resolve(
        gazetteer,
        &raws,
        &sentence_countries,
        &weights,
        &mut skipped,
    );
    for f in &places.found {
        *places.countries.entry(f.place.country.clone()).or_default() += 0.5;
    }
    for (cc, w) in weights {
        *places.countries.entry(cc).or_default() += w;
    }
    capitals(gazetteer, &mut places);
    groups(doc, &mut places);
    places.skipped = skipped;
    places.adjectives = adjectives;
    places
}

/// Whether a person's name that starts at `start` with a given name goes on
/// at `b` with a given name that upper-case wire copy lost the capital of
/// ("JOSE MARIA MARTINEZ" read as "Jose maria Martinez"), or with a
/// Spanish particle ("Alfonso de Lima", "Arturo Rivera y Damas"): a given
/// name or particle followed by a capitalised word.
fn given_name_goes_on(tokens: &[Token], start: usize, b: usize) -> bool {
    contains(lexicon::GIVEN_NAMES, &tokens[start].lower)
        && !tokens[b].is_cap()
        && (contains(lexicon::GIVEN_NAMES, &tokens[b].lower)
            || matches!(tokens[b].lower.as_str(), "de" | "del" | "y"))
        && tokens.get(b + 1).is_some_and(Token::is_cap)
}

/// Whether a person's name after a title ("CATTLEMAN GERMAN SIERRA MEDINA
/// WAS KIDNAPPED") goes on at `b` over a word that restoring the capitals of
/// upper-case copy left in lower case because it is also English ("sierra"):
/// a plain word, not a preposition, article, auxiliary or verb of speech,
/// followed by a capitalised word.
fn titled_name_goes_on(tokens: &[Token], restored: bool, start: usize, b: usize) -> bool {
    let word = &tokens[b];
    restored
        && lexicon::names_person(|k| tokens[k].lower.as_str(), start)
        && !word.is_cap()
        && word.kind == TokenKind::Word
        && word.lower.len() >= 3
        && word.lower.chars().all(char::is_alphabetic)
        && ![
            lexicon::LOCATIVE,
            lexicon::AUX_VERBS,
            lexicon::DETERMINERS,
            lexicon::SPEECH_VERBS,
            lexicon::ADVERBS,
            &[
                "and",
                "who",
                "which",
                "from",
                "with",
                "for",
                "today",
                "yesterday",
            ],
        ]
        .iter()
        .any(|list| contains(list, &word.lower))
        && !super::dates::is_date_word(&word.lower)
        && tokens.get(b + 1).is_some_and(Token::is_cap)
}

/// The surnames (lower case) of the people an article names: the words after
/// the first of a capitalised run that starts with a given name ("Mario
/// Flores") or follows a title ("President Alfredo Cristiani"). A surname
/// told alone later ("Flores said") is the person, not a place.
fn surnames(doc: &Document) -> HashSet<String> {
    let mut people = HashSet::new();
    for sentence in &doc.sentences {
        let tokens = &sentence.tokens;
        let mut i = 0;
        while i < tokens.len() {
            if !tokens[i].is_cap() {
                i += 1;
                continue;
            }
            let mut b = i + 1;
            while b < tokens.len()
                && (tokens[b].is_cap()
                    || given_name_goes_on(tokens, i, b)
                    || titled_name_goes_on(tokens, doc.restored, i, b))
                && !tokens[b - 1].possessive()
            {
                b += 1;
            }
            let titled = lexicon::names_person(|k| tokens[k].lower.as_str(), i);
            let given = contains(lexicon::GIVEN_NAMES, &tokens[i].lower) && b > i + 1;
            // "Archbishop Arturo Rivera": the words after a title inside the
            // run; "Italian Dino Rossy": from a given name after a people's name.
            let inner = (i..b.saturating_sub(1))
                .find(|&k| contains(lexicon::TITLES, &tokens[k].lower))
                .map(|k| k + 1)
                .or_else(|| {
                    let adjective = &tokens[i].lower;
                    (b > i + 2
                        && adjective.len() >= 5
                        && ends_as_people(adjective)
                        && contains(lexicon::GIVEN_NAMES, &tokens[i + 1].lower))
                    .then_some(i + 1)
                });
            let from = if titled || given { Some(i) } else { inner };
            if let Some(from) = from {
                people.extend(
                    tokens[from..b]
                        .iter()
                        .map(|t| t.stem().to_lowercase())
                        .filter(|w| {
                            !contains(lexicon::GIVEN_NAMES, w) && lexicon::demonym(w).is_none()
                        }),
                );
            }
            i = b;
        }
    }
    people
}

/// The gazetteer's answers for the names of one article, each name looked
/// up once however often it is told: candidates (index, match, whether a
/// country), and the country a name is, if any.
#[derive(Default)]
struct LookedUp {
    places: RefCell<HashMap<String, Candidates>>,
    countries: RefCell<HashMap<String, Option<String>>>,
}

/// A name's candidates: gazetteer index, how the name matched, whether a country.
type Candidates = Rc<[(usize, Match, bool)]>;

impl LookedUp {
    fn get(&self, gazetteer: &Gazetteer, key: &str) -> Candidates {
        if let Some(found) = self.places.borrow().get(key) {
            return found.clone();
        }
        let found: Candidates = gazetteer
            .lookup(key)
            .iter()
            .map(|c| (c.index, c.matched, c.place.kind == Kind::Country))
            .collect();
        self.places
            .borrow_mut()
            .insert(key.to_string(), found.clone());
        found
    }

    /// The alpha-2 code of the country `name` names ([`Gazetteer::country_code`]).
    fn country(&self, gazetteer: &Gazetteer, name: &str) -> Option<String> {
        if let Some(found) = self.countries.borrow().get(name) {
            return found.clone();
        }
        let found = gazetteer.country_code(name).map(|c| c.alpha2.clone());
        self.countries
            .borrow_mut()
            .insert(name.to_string(), found.clone());
        found
    }
}

struct Scan<'a, 'g> {
    gazetteer: &'g Gazetteer,
    /// Names already looked up in this article.
    looked_up: &'a LookedUp,
    /// Surnames of the people the article names ([`surnames`]).
    people: &'a HashSet<String>,
    tokens: &'a [Token],
    /// Source citations, whose names are outlets, not places.
    citations: &'a [Citation],
    sentence: usize,
    part: Part,
    /// Capitals restored from upper case: a first word is capitalised whatever it is.
    restored: bool,
    raws: Vec<Raw>,
    countries: Vec<(String, usize)>,
    skipped: &'a mut Vec<Skipped>,
    /// Where an organisation's name that went on past its run ends.
    name_end: usize,
}

impl Scan<'_, '_> {
    fn lower(&self, k: usize) -> &str {
        self.tokens.get(k).map_or("", |t| t.lower.as_str())
    }

    fn text(&self, a: usize, b: usize) -> String {
        let words: Vec<&str> = self.tokens[a..b].iter().map(|t| t.text.as_str()).collect();
        words.join(" ")
    }

    fn skip(&mut self, a: usize, b: usize, reason: &str) {
        let text = self.text(a, b);
        self.skipped.push(Skipped {
            sentence: self.sentence,
            text,
            reason: reason.to_string(),
        });
    }

    fn run(&mut self) {
        let tokens = self.tokens;
        let n = tokens.len();
        let caps = tokens
            .iter()
            .filter(|t| t.is_cap() && t.lower.len() > 3)
            .count();
        let long = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word && t.lower.len() > 3)
            .count();
        let title_case = self.part == Part::Headline && long >= 3 && caps * 10 >= long * 6;
        let first_word = tokens.iter().position(|t| t.kind == TokenKind::Word);
        let mut i = 0;
        while i < n {
            if let Some(c) = self.citations.iter().find(|c| c.start == i) {
                i = c.end;
                continue;
            }
            let t = &tokens[i];
            // "the Afghan-Tajik border", "the Kyrgyz–Tajik border": a place when
            // nothing nearer is named.
            if let Some((codes, end)) = self.border(i) {
                let mut raw = self.raw(
                    i,
                    end,
                    t.text.clone(),
                    Some(codes.join(",")),
                    Vec::new(),
                    false,
                );
                self.countries.extend(codes.iter().map(|c| (c.clone(), i)));
                raw.role = Role::Border;
                raw.speaker = false;
                raw.relative = Some(Relative::Border(format!("the {}", self.written(i, end))));
                self.raws.push(raw);
                i = end;
                continue;
            }
            // Country adjectives, alone or joined: "Afghan", "Kyrgyz-Tajik".
            if t.kind == TokenKind::Word {
                let parts: Vec<&str> = t.lower.split('-').collect();
                let codes: Vec<&str> = parts.iter().filter_map(|p| lexicon::demonym(p)).collect();
                if t.is_cap()
                    && !codes.is_empty()
                    && codes.len() == parts.len()
                    && !self.abroad(i + 1)
                {
                    self.countries
                        .extend(codes.iter().map(|c| (c.to_string(), i)));
                }
            }
            if !self.starts_name(i, first_word) {
                i += 1;
                continue;
            }
            let mut b = i + 1;
            while b < n
                && !tokens[b - 1].possessive()
                && (self.continues_name(b)
                    || given_name_goes_on(tokens, i, b)
                    || titled_name_goes_on(tokens, self.restored, i, b))
            {
                b += 1;
            }
            // "Sistan and Baluchistan province": a name with "and" inside
            // that the gazetteer knows whole.
            if self.lower(b) == "and" && tokens.get(b + 1).is_some_and(Token::is_cap) {
                let mut c = b + 2;
                while c < n && !tokens[c - 1].possessive() && self.continues_name(c) {
                    c += 1;
                }
                if !self
                    .looked_up
                    .get(self.gazetteer, &self.text(i, c))
                    .is_empty()
                {
                    b = c;
                }
            }
            self.name(i, b, title_case || Some(i) == first_word);
            i = b.max(i + 1).max(self.name_end);
        }
        self.the_capital();
    }

    /// Whether a name starting at token `start` says where the place named
    /// just before it is: after commas ("Huanta, Peru", "Tejutla,
    /// Chalatenango Department") or "in" ("Kok-Tash in western Kyrgyzstan").
    fn qualifies_last(&self, start: usize) -> bool {
        self.raws.last().is_some_and(|r| {
            let between = &self.tokens[r.end.min(start)..start];
            r.country.is_none()
                && !r.speaker
                && !between.is_empty()
                && (between.iter().all(|t| t.is(','))
                    || (between[0].lower == "in"
                        && between[1..]
                            .iter()
                            .all(|t| t.lower == "the" || contains(lexicon::DIRECTIONS, &t.lower))))
        })
    }

    /// Adds to a name told as a province's ("Kaluga Region", "the province
    /// of Diyarbakır") the provinces listed under it with their kind word
    /// ("Kaluga Oblast"), the bare name being left to their capitals.
    fn add_provinces(&self, hit: &mut Raw) {
        for kind in ["Oblast", "Province", "Region", "Governorate", "Krai"] {
            let key = format!("{} {kind}", hit.key);
            for &(index, matched, country) in self.looked_up.get(self.gazetteer, &key).iter() {
                if !country && !hit.candidates.iter().any(|c| c.0 == index) {
                    hit.candidates.push((index, matched));
                }
            }
        }
    }

    /// Whether `hit`, told after a comma behind the name before it, may be
    /// a province holding that place: one of its candidates is a province
    /// in which one of the other name's candidates lies.
    fn holds_last(&self, hit: &Raw) -> bool {
        let Some(last) = self.raws.last() else {
            return false;
        };
        let between = &self.tokens[last.end.min(hit.start)..hit.start];
        if between.len() != 1 || !between[0].is(',') || last.country.is_some() {
            return false;
        }
        hit.candidates.iter().any(|&(q, _)| {
            let q = self.gazetteer.place(q);
            q.kind == Kind::Admin1
                && last.candidates.iter().any(|&(p, _)| {
                    let p = self.gazetteer.place(p);
                    p.kind != Kind::Admin1 && p.country == q.country && p.admin1 == q.admin1
                })
        })
    }

    /// Whether a country's adjective ending before token `b` names its
    /// people or mission abroad ("the U.S. embassy", "two American
    /// missionaries"): a noun of [`lexicon::ABROAD_NOUNS`] within two words.
    fn abroad(&self, b: usize) -> bool {
        self.tokens[b.min(self.tokens.len())..]
            .iter()
            .take(3)
            .take_while(|t| t.kind == TokenKind::Word)
            .any(|t| contains(lexicon::ABROAD_NOUNS, &t.lower))
    }

    /// The text of tokens `a..b` as written, each run of spaces as one.
    fn written(&self, a: usize, b: usize) -> String {
        let mut out = String::new();
        for k in a..b {
            let t = &self.tokens[k];
            if k > a && t.at > self.tokens[k - 1].at + self.tokens[k - 1].text.len() {
                out.push(' ');
            }
            out.push_str(&t.text);
        }
        out
    }

    /// A border named by its countries from token `i`, joined by hyphens or
    /// dashes: "Afghan-Tajik border", "Kyrgyz–Tajik border",
    /// "Afghanistan–Tajikistan border". The countries and the end of "border".
    fn border(&self, i: usize) -> Option<(Vec<String>, usize)> {
        let codes_of = |k: usize| -> Vec<String> {
            let Some(t) = self.tokens.get(k).filter(|t| t.is_cap()) else {
                return Vec::new();
            };
            let parts: Vec<&str> = t.stem().split('-').collect();
            let codes: Vec<String> = parts
                .iter()
                .filter_map(|p| {
                    lexicon::demonym(&p.to_lowercase())
                        .map(str::to_string)
                        .or_else(|| self.looked_up.country(self.gazetteer, p))
                })
                .collect();
            if codes.len() == parts.len() {
                codes
            } else {
                Vec::new()
            }
        };
        let mut codes = codes_of(i);
        let mut k = i + 1;
        while !codes.is_empty()
            && self.tokens.get(k).is_some_and(|t| {
                t.kind == TokenKind::Punct && matches!(t.text.as_str(), "-" | "–" | "—" | "/")
            })
        {
            let more = codes_of(k + 1);
            if more.is_empty() {
                return None;
            }
            codes.extend(more);
            k += 2;
        }
        (codes.len() >= 2 && matches!(self.lower(k), "border" | "frontier"))
            .then_some((codes, k + 1))
    }

    fn starts_name(&self, i: usize, first_word: Option<usize>) -> bool {
        let t = &self.tokens[i];
        if !t.is_cap() || super::dates::is_date_word(&t.lower) {
            return false;
        }
        if Some(i) == first_word && lexicon::never_place(&t.lower) {
            return false;
        }
        // "Shining path has attacked...": in restored text, an English word
        // starting a sentence is a name only when a name goes on after it.
        if self.restored
            && Some(i) == first_word
            && super::case::english(&t.lower)
            && !self.tokens.get(i + 1).is_some_and(Token::is_cap)
        {
            return false;
        }
        // Acronyms (IS, UN, GKNB) are not places, except a few country codes.
        let acronym = t.text.chars().count() <= 4
            && t.text.chars().all(|c| c.is_uppercase())
            && self.part != Part::Dateline;
        !acronym || matches!(t.text.as_str(), "US" | "UK" | "USA" | "UAE")
    }

    fn continues_name(&self, b: usize) -> bool {
        let t = &self.tokens[b];
        t.is_cap() && !super::dates::is_date_word(&t.lower)
    }

    /// Handles the capitalised run `a..b`.
    fn name(&mut self, a: usize, b: usize, weak: bool) {
        let tokens = self.tokens;
        let full = self.text(a, b);
        let country_run = self
            .looked_up
            .country(self.gazetteer, &strip_possessive(&full))
            .is_some();
        // "the Pearl Continental Hotel": a hotel's name, not the town of its
        // first word; unless that is a city: "the Kabul Serena Hotel" is in
        // Kabul (and not in La Serena), "the luxury Serena Hotel" nowhere.
        if b >= a + 2 && matches!(tokens[b - 1].lower.as_str(), "hotel" | "hotels") {
            if self.major_town(&self.text(a, a + 1)) {
                self.spans(a, a + 1, weak);
            } else if self.has_lookup(a, b) {
                self.skip(a, b, "a hotel's name");
            }
            return;
        }
        // "the Santa Isabel high school": a building's name, unless that of
        // a major town ("the Kabul university" is in Kabul).
        let facility_after = contains(FACILITY_WORDS, self.lower(b))
            || (self.lower(b) == "high" && self.lower(b + 1) == "school");
        if a >= 1 && self.lower(a - 1) == "the" && facility_after && !self.major_town(&full) {
            if self.has_lookup(a, b) {
                self.skip(a, b, "a building's name");
            }
            return;
        }
        // "Guryanov Street", "Kashirskoye Highway": a street, not the town
        // of its name; in wire copy the word may lose its capital ("on La
        // Reforma street"), though a road is often named by the town it
        // leads to ("the Kabul highway").
        let street_after = contains(STREET_WORDS, self.lower(b))
            && !matches!(self.lower(b), "road" | "highway" | "prospect");
        if street_after || b >= a + 2 && contains(STREET_WORDS, &tokens[b - 1].lower) {
            if self.has_lookup(a, b) {
                self.skip(a, b, "a street's name");
            }
            return;
        }
        // "GARY Elliot Kent JR": a person.
        if matches!(tokens.get(b).map(|t| t.text.as_str()), Some("Jr" | "JR")) {
            if self.has_lookup(a, b) {
                self.skip(a, b, "person's name");
            }
            return;
        }
        // "at 11:30 a.m. Moscow time": a time zone, not a place.
        if self.lower(b) == "time" {
            if self.has_lookup(a, b) {
                self.skip(a, b, "a time zone (\"Moscow time\"), not a place");
            }
            return;
        }
        // "a Molotov cocktail": a thing named after a place or a person.
        if lexicon::EPONYMS
            .iter()
            .any(|(name, thing)| full.eq_ignore_ascii_case(name) && self.lower(b) == *thing)
        {
            if self.has_lookup(a, b) {
                self.skip(a, b, "a thing named after a place or person, not a place");
            }
            return;
        }
        // "according to Al Jazeera": a source, not a place.
        if !country_run && a >= 2 && self.lower(a - 2) == "according" && self.lower(a - 1) == "to" {
            if self.has_lookup(a, b) {
                self.skip(a, b, "a source (\"according to\"), not a place");
            }
            return;
        }
        // "the Salvadoran air force (FAS)": an organisation's abbreviation.
        let abbreviation = b == a + 1
            && a >= 2
            && tokens[a - 1].is('(')
            && tokens.get(b).is_some_and(|t| t.is(')'))
            && (contains(lexicon::ORG_MARKERS, &tokens[a - 2].lower)
                || contains(ABBREVIATED, &tokens[a - 2].lower));
        if abbreviation {
            if self.has_lookup(a, b) {
                self.skip(a, b, "an organisation's abbreviation");
            }
            return;
        }
        // Organisations and publications: "Islamic State Khorasan Province", "Kabul Times".
        // "IS Khorasan", "ISIS-K": the group's initials, as written (not "is").
        let initials = |t: &Token| matches!(t.text.as_str(), "IS" | "ISIS" | "ISIL" | "ISKP");
        // "Lashkar Gah": a provincial capital, though "lashkar" opens the names of groups.
        let marker = (tokens[a..b]
            .iter()
            .any(|t| contains(lexicon::ORG_MARKERS, &t.lower))
            && !self.major_town(&full))
            || tokens[a..b].iter().any(initials)
            || a > 0 && initials(&tokens[a - 1]);
        let follower =
            contains(lexicon::ORG_FOLLOWERS, self.lower(b)) && !tokens[b - 1].possessive();
        // "Turkish daily Hurriyet", "the newspaper Izvestia".
        // "the Milanese firm \"Torno\"": the same, in quotes.
        let quoted = a >= 2 && (tokens[a - 1].is('"') || tokens[a - 1].is('\''));
        let titled = a > 0
            && contains(
                lexicon::PUBLICATION_WORDS,
                self.lower(if quoted { a - 2 } else { a - 1 }),
            );
        if !country_run && (marker || follower || titled) {
            let mut end = b;
            // "Islamic Renaissance Party of Tajikistan", "Islamic State of
            // Iraq and the Levant"
            let capitalised = |mut k: usize| {
                while k < tokens.len() && tokens[k].is_cap() && !tokens[k - 1].possessive() {
                    k += 1;
                }
                k
            };
            while self.lower(end) == "of" && tokens.get(end + 1).is_some_and(Token::is_cap) {
                end = capitalised(end + 1);
                let and_the = usize::from(self.lower(end + 1) == "the");
                if self.lower(end) == "and"
                    && tokens
                        .get(end + 1 + and_the)
                        .is_some_and(|t| t.is_cap() && !tokens[end - 1].possessive())
                {
                    end = capitalised(end + 1 + and_the);
                }
            }
            if self.has_lookup(a, end) {
                self.skip(a, end, "organisation or publication name");
            }
            self.name_end = end;
            return;
        }
        // People: after a title or "son of", or after a title inside the run.
        let kin =
            a >= 2 && self.lower(a - 1) == "of" && contains(lexicon::KINSHIP, self.lower(a - 2));
        // "Mario Flores", and "Flores" once he has been named.
        let given = contains(lexicon::GIVEN_NAMES, &tokens[a].lower);
        let surname = tokens[a..b]
            .iter()
            .all(|t| self.people.contains(&t.stem().to_lowercase()));
        // "[Sola] Chilean relations ...": a speaker's label in a transcript.
        let label = b == a + 1
            && a > 0
            && tokens[a - 1].text == "["
            && tokens.get(b).is_some_and(|t| t.text == "]");
        let titled = lexicon::names_person(|k| tokens[k].lower.as_str(), a);
        if titled || kin || given || surname || label {
            if self.has_lookup(a, b) {
                self.skip(a, b, "person's name");
            }
            return;
        }
        if let Some(t) = (a..b).find(|&k| contains(lexicon::TITLES, &tokens[k].lower)) {
            if t + 1 < b && self.has_lookup(t + 1, b) {
                self.skip(t + 1, b, "person's name");
            }
            if t > a {
                self.name(a, t, weak);
            }
            return;
        }
        self.spans(a, b, weak);
    }

    /// Whether `name` is, as written, a country or a major town: a capital,
    /// a provincial capital (of [`SEAT_POPULATION`], where GeoNames gives
    /// one: Puerto Rico's municipal seats are PPLA) or a city of
    /// [`MAJOR_TOWN_POPULATION`]. An alternate name counts only as a
    /// spelling of the whole name ("Lashkar Gah" for Lashkar Gāh), not as a
    /// short form ("Serena" for La Serena).
    fn major_town(&self, name: &str) -> bool {
        self.looked_up
            .get(self.gazetteer, name)
            .iter()
            .any(|&(i, matched, country)| {
                let p = self.gazetteer.place(i);
                let spelling = matched == Match::Exact
                    || matched == Match::Alias && gazetteer::fold(&p.name) == gazetteer::fold(name);
                country
                    || spelling
                        && (p.feature == "PPLC"
                            || p.feature == "PPLA"
                                && (p.population == 0 || p.population >= SEAT_POPULATION)
                            || p.population >= MAJOR_TOWN_POPULATION)
            })
    }

    /// Whether any part of `a..b` is a gazetteer name (worth reporting as skipped).
    fn has_lookup(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| {
            !lexicon::never_place(&self.tokens[k].lower)
                && !contains(lexicon::ORG_MARKERS, &self.tokens[k].lower)
                && (!self
                    .looked_up
                    .get(self.gazetteer, self.tokens[k].stem())
                    .is_empty()
                    || self
                        .looked_up
                        .country(self.gazetteer, self.tokens[k].stem())
                        .is_some())
        })
    }

    /// Greedy longest-first lookups inside the run `a..b`.
    fn spans(&mut self, a: usize, b: usize, weak: bool) {
        let tokens = self.tokens;
        let mut hits: Vec<Raw> = Vec::new();
        let mut covered = vec![false; b - a];
        let mut j = a;
        while j < b {
            let mut matched = 0;
            for len in (1..=(b - j).min(4)).rev() {
                let key = strip_possessive(&self.text(j, j + len));
                let lower = key.to_lowercase();
                // "Region" of "Kaluga Region": a kind of place, not a name.
                let kind_word = contains(lexicon::PROVINCE_WORDS, &lower)
                    || contains(lexicon::TOWN_WORDS, &lower);
                if len == 1
                    && (lexicon::never_place(&lower)
                        || lexicon::demonym(&lower).is_some()
                        || kind_word)
                {
                    if lexicon::demonym(&lower).is_some() {
                        matched = 1;
                    }
                    continue;
                }
                let words: Vec<&str> = lower.split(' ').collect();
                if let Some((_, codes)) = lexicon::REGIONS
                    .iter()
                    .find(|(w, _)| *w == words.as_slice())
                {
                    self.countries
                        .extend(codes.iter().map(|c| (c.to_string(), j)));
                    // "killed in the North Caucasus", "in the Fergana
                    // Valley": a region of a few countries is a place too,
                    // when the gazetteer has it; "Central Asia" and the
                    // "Middle East" only say what the article is about.
                    let found = if (1..=3).contains(&codes.len()) {
                        self.looked_up.get(self.gazetteer, &key)
                    } else {
                        Default::default()
                    };
                    if !found.is_empty() {
                        let candidates =
                            found.iter().filter(|c| !c.2).map(|c| (c.0, c.1)).collect();
                        hits.push(self.raw(j, j + len, key, None, candidates, weak));
                    }
                    matched = len;
                    break;
                }
                if (key.chars().count() >= 4 || matches!(key.as_str(), "US" | "UK" | "USA" | "UAE"))
                    && let Some(code) = self.looked_up.country(self.gazetteer, &key)
                {
                    // "Chilean", "Salvadoran": the country's adjective tells
                    // what the text is about, it is not a place.
                    if demonym_of(&key, self.gazetteer, &code) {
                        if !self.abroad(j + len) {
                            self.countries.push((code, j));
                        }
                        matched = len;
                        break;
                    }
                    hits.push(self.raw(j, j + len, key.clone(), Some(code), Vec::new(), weak));
                    matched = len;
                    break;
                }
                let found = self.looked_up.get(self.gazetteer, &key);
                if !found.is_empty() {
                    let candidates = found.iter().filter(|c| !c.2).map(|c| (c.0, c.1)).collect();
                    hits.push(self.raw(j, j + len, key, None, candidates, weak));
                    matched = len;
                    break;
                }
            }
            if matched > 0 {
                covered[j - a..j - a + matched]
                    .iter_mut()
                    .for_each(|c| *c = true);
                j += matched;
            } else {
                j += 1;
            }
        }
        // A place inside a longer name that is not a place ("Eid Gah", "Ahmad Shah") is not one.
        let loose = (a..b).any(|k| !covered[k - a] && !lexicon::place_word(&tokens[k].lower))
            // "the Nawa Kali area": two names side by side, neither a
            // country, are one name the gazetteer lacks.
            || (!weak
                && hits
                    .windows(2)
                    .any(|w| w[0].end == w[1].start && w[0].country.is_none() && w[1].country.is_none()));
        for mut hit in hits {
            if loose && hit.country.is_none() {
                let text = self.text(a, b);
                self.skipped.push(Skipped {
                    sentence: self.sentence,
                    text: hit.key.clone(),
                    reason: format!("part of the name `{text}`"),
                });
                continue;
            }
            // "Kunduz Province", "Khatlon region", "Danghara district".
            let next = hit.end;
            let word = self.lower(next).to_string();
            if contains(lexicon::PROVINCE_WORDS, &word) {
                hit.hint = Some(Kind::Admin1);
                hit.surface = format!("{} {}", hit.surface, word);
                hit.end += 1;
                self.add_provinces(&mut hit);
            } else if contains(lexicon::TOWN_WORDS, &word) {
                // "the town of Bent, Nikshahr County": the county of the
                // place before it, which the incident is at.
                if matches!(word.as_str(), "county" | "district" | "municipality")
                    && self.raws.last().is_some_and(|last| {
                        last.country.is_none()
                            && last.end < hit.start
                            && self.tokens[last.end..hit.start].iter().all(|t| t.is(','))
                    })
                {
                    hit.holds = Some(self.raws.len() - 1);
                }
                hit.hint = Some(Kind::City);
                hit.end += 1;
            } else if hit.end > hit.start + 1
                && contains(lexicon::PROVINCE_WORDS, self.lower(hit.end - 1))
            {
                // "Chalatenango Department", matched whole: its kind word too.
                hit.hint = Some(Kind::Admin1);
            }
            let before = hit
                .start
                .checked_sub(2)
                .map(|k| (self.lower(k), self.lower(k + 1)));
            if let Some((noun, "of")) = before {
                if contains(lexicon::TOWN_WORDS, noun) {
                    hit.hint = Some(Kind::City);
                } else if contains(lexicon::PROVINCE_WORDS, noun) {
                    // "the province of Diyarbakır": the province, not its capital.
                    hit.hint = Some(Kind::Admin1);
                    self.add_provinces(&mut hit);
                }
            }
            if hit.country.is_some() {
                self.country_role(&mut hit);
            }
            if let Some(last) = self.raws.last()
                && last.role == Role::Container
                && last.end + 3 >= hit.start
            {
                hit.container = Some(self.raws.len() - 1);
            }
            if hit.speaker && hit.country.is_none() {
                self.skip(hit.start, hit.end, "named as an actor, not a location");
                continue;
            }
            if hit.hint.is_none() && self.holds_last(&hit) {
                // "Tecpan, Chimaltenango": the province of the town before
                // it, not the city of the same name.
                hit.hint = Some(Kind::Admin1);
            }
            let qualifier = hit.hint == Some(Kind::Admin1)
                || hit.country.as_ref().is_some_and(|cc| !cc.contains(','));
            if qualifier && self.qualifies_last(hit.start) {
                let index = self.raws.len();
                if let Some(before) = self.raws.last_mut() {
                    before.qualified_by = Some(index);
                }
            }
            self.raws.push(hit);
        }
    }

    fn raw(
        &self,
        a: usize,
        b: usize,
        key: String,
        country: Option<String>,
        candidates: Vec<(usize, Match)>,
        weak: bool,
    ) -> Raw {
        let role = if self.part == Part::Dateline {
            Role::Dateline
        } else if self.apposed_to_report(a) {
            Role::Report
        } else {
            self.city_role(a, b)
        };
        let after = self.after_name(b);
        let (prev, _, _) = self.before(a);
        let subject = !contains(PREPOSITIONS, &prev);
        // "Moscow blamed Kyiv": both are actors.
        let object = matches!(
            prev.as_str(),
            "blamed"
                | "accused"
                | "urged"
                | "warned"
                | "thanked"
                | "asked"
                | "criticised"
                | "criticized"
        );
        // "Moscow's missteps", "Kabul's policy": a capital standing for its government.
        let government =
            self.tokens[b - 1].possessive() && contains(lexicon::POLICY_NOUNS, self.lower(b));
        let speaker = (subject && contains(lexicon::SPEECH_VERBS, self.lower(after)))
            || object
            || government
            || self.spoken_for(a, b);
        let subject = subject && contains(lexicon::AUX_VERBS, self.lower(after));
        Raw {
            sentence: self.sentence,
            start: a,
            end: b,
            surface: key.clone(),
            key,
            hint: None,
            role,
            country,
            candidates,
            container: None,
            qualified_by: None,
            penalty: if weak { 0.5 } else { 0.0 },
            speaker,
            subject,
            relative: self.relative(a, b),
            part_of: a > 0 && contains(lexicon::DIRECTIONS, self.lower(a - 1)),
            quarter: contains(lexicon::QUARTERS, self.lower(b.min(self.tokens.len() - 1)))
                && b < self.tokens.len(),
            holds: None,
        }
    }

    /// "20 km east of Osh", "near Osh", "the outskirts of Osh", "northern
    /// Afghanistan": the words before the name `a..b` that place an incident
    /// off it or in part of it, with the name.
    fn relative(&self, a: usize, b: usize) -> Option<Relative> {
        let mut k = a;
        let mut relative = false;
        while k > 0 {
            let t = &self.tokens[k - 1];
            let w = t.lower.as_str();
            if (contains(lexicon::DIRECTIONS, w) && w != "central")
                || contains(lexicon::REFERENCE_NOUNS, w)
                || contains(RELATIVE_WORDS, w)
            {
                relative = true;
            } else if !(matches!(w, "of" | "the" | "just" | "some" | "about" | "around")
                // "25 km to the north of Bogota"
                || w == "to" && self.lower(k) == "the"
                || t.kind == TokenKind::Number
                || lexicon::NUMBER_WORDS.iter().any(|(n, _)| *n == w))
            {
                break;
            }
            k -= 1;
        }
        while k < a && matches!(self.lower(k), "of" | "the" | "just" | "around" | "about") {
            k += 1;
        }
        let end = if self.tokens[b - 1].possessive() {
            b - 1
        } else {
            b
        };
        (relative && k < a).then(|| Relative::Near(self.written(k, end)))
    }

    /// The token after a name and the names coordinated with it and adverbs.
    fn after_name(&self, b: usize) -> usize {
        let mut k = b;
        loop {
            let t = self.lower(k);
            if contains(lexicon::ADVERBS, t) {
                k += 1;
            } else if (t == "and" || t == ",") && self.tokens.get(k + 1).is_some_and(Token::is_cap)
            {
                k += 2;
                while self.tokens.get(k).is_some_and(Token::is_cap) {
                    k += 1;
                }
            } else {
                return k;
            }
        }
    }

    /// "officials in Bishkek and Dushanbe blamed", "the government in Kabul said".
    fn spoken_for(&self, a: usize, b: usize) -> bool {
        let mut k = a;
        while k >= 2 && matches!(self.lower(k - 1), "and" | ",") && self.tokens[k - 2].is_cap() {
            k -= 2;
            while k > 0 && self.tokens[k - 1].is_cap() {
                k -= 1;
            }
        }
        if k < 2 || self.lower(k - 1) != "in" {
            return false;
        }
        let mut s = k - 2;
        while s > 0 && self.tokens[s].is_cap() {
            s -= 1;
        }
        let speaker = contains(lexicon::SPEAKERS, self.lower(k - 2))
            || contains(lexicon::SPEAKERS, self.lower(s));
        let after = self.after_name(b);
        speaker && contains(lexicon::SPEECH_VERBS, self.lower(after))
    }

    /// The word before a name, past "the", "just" and direction adjectives.
    fn before(&self, a: usize) -> (String, String, bool) {
        let mut k = a;
        let mut direction = false;
        while k > 0 {
            let w = self.lower(k - 1);
            if contains(lexicon::DIRECTIONS, w) {
                direction = true;
            } else if !matches!(w, "the" | "just" | "disputed") {
                break;
            }
            k -= 1;
        }
        let prev = k.checked_sub(1).map_or("", |p| self.lower(p)).to_string();
        let prev2 = k.checked_sub(2).map_or("", |p| self.lower(p)).to_string();
        (prev, prev2, direction)
    }

    /// "reported today in Ayacucho, 575 km southeast of Lima": a place told
    /// after a comma, with only a distance and direction between, places
    /// the place where the news was told, not an incident.
    fn apposed_to_report(&self, a: usize) -> bool {
        self.raws.last().is_some_and(|last| {
            last.role == Role::Report
                && last.end < a
                && a - last.end <= 8
                && self.tokens[last.end].is(',')
                && self.tokens[last.end + 1..a].iter().all(|t| {
                    t.kind == TokenKind::Number
                        || matches!(t.lower.as_str(), "km" | "kilometers" | "kilometres" | "of")
                        || contains(lexicon::DIRECTIONS, &t.lower)
                })
        })
    }

    /// "police reported today in Lima", "it was reported in Ayacucho": the
    /// name at `a` is where the news was told. Not "attacks were reported
    /// in Chalatenango", where they happened.
    fn reported_in(&self, a: usize) -> bool {
        let word = |back: usize| a.checked_sub(back).map_or("", |k| self.lower(k));
        let adverb = matches!(word(2), "today" | "yesterday" | "tonight" | "officially");
        let v = 2 + usize::from(adverb);
        let passive = matches!(
            word(v + 1),
            "was" | "were" | "been" | "is" | "are" | "being"
        );
        word(1) == "in"
            && contains(lexicon::REPORTING_VERBS, word(v))
            && (!passive || (v + 2..=v + 3).any(|k| word(k) == "it"))
    }

    /// Where "Pakistan's capital" or "the capital" starts when the name at
    /// `a` stands beside it ("160 km from Pakistan's capital, Islamabad"):
    /// the name's role is the phrase's.
    fn apposed_capital(&self, a: usize) -> Option<usize> {
        if a < 3 || !self.tokens[a - 1].is(',') || self.lower(a - 2) != "capital" {
            return None;
        }
        let before = &self.tokens[a - 3];
        (before.possessive() || before.lower == "the").then_some(a - 3)
    }

    fn city_role(&self, a: usize, b: usize) -> Role {
        if self.tokens[b - 1].possessive() {
            return Role::Container;
        }
        let (prev, prev2, _) = self.before(self.apposed_capital(a).unwrap_or(a));
        if prev == "of" && contains(lexicon::OFFICES, &prev2) || based_in(&prev, &prev2) {
            Role::Attribute
        } else if self.reported_in(a) {
            Role::Report
        } else if prev == "from"
            || (prev == "of" && self.people.contains(&prev2))
            || self
                .tokens
                .get(b)
                .is_some_and(|t| contains(VISITORS, &t.lower))
        {
            // "Mario Accurso of Rome", "a group of Moscow tourists in a ski
            // resort": where people are from.
            Role::Origin
        } else if prev == "near"
            || prev == "outside"
            || (prev == "of"
                && (contains(lexicon::DIRECTIONS, &prev2)
                    || contains(lexicon::REFERENCE_NOUNS, &prev2)))
        {
            Role::Reference
        } else {
            Role::Locative
        }
    }

    /// A country is a location only after a locative word; else it is an actor.
    fn country_role(&self, hit: &mut Raw) {
        let (prev, prev2, direction) = self.before(hit.start);
        let possessive = self.tokens[hit.end - 1].possessive();
        let next_is_place = (hit.end..(hit.end + 3).min(self.tokens.len())).any(|k| {
            let t = &self.tokens[k];
            t.is_cap()
                || lexicon::place_word(&t.lower)
                || contains(lexicon::DIRECTIONS, &t.lower)
                || t.lower == "capital"
        });
        let coordinated = matches!(prev.as_str(), "and" | "or" | ",")
            && self.raws.last().is_some_and(|r| {
                r.country.is_some()
                    && !r.speaker
                    && r.role == Role::Locative
                    && r.end + 2 >= hit.start
            });
        // "in Huanta, Peru, on 3 May": the country of the place before it.
        let qualifier = self.qualifies_last(hit.start);
        let locative = contains(lexicon::LOCATIVE, &prev)
            || (matches!(prev.as_str(), "with" | "of") && prev2 == "border")
            || (prev == "," && direction)
            // "in the north of Tajikistan".
            || (prev == "of" && contains(lexicon::DIRECTIONS, &prev2))
            // "in a remote southern region of Kyrgyzstan", "parts of Iraq".
            || (prev == "of" && contains(AREA_NOUNS, &prev2))
            || coordinated
            || qualifier
            || (hit.start == 0 && self.tokens.get(hit.end).is_some_and(|t| t.is(':')));
        // "Tajikistan's Interior Ministry", "Iran's Supreme National Security Council".
        let organisation = (hit.end..(hit.end + 4).min(self.tokens.len()))
            .take_while(|&k| self.tokens[k].is_cap())
            .any(|k| contains(lexicon::ORG_MARKERS, &self.tokens[k].lower));
        if prev == "from" {
            // "fired from Afghanistan", "militants from Afghanistan's neighbours".
            hit.role = Role::Origin;
        } else if based_in(&prev, &prev2) {
            // "the group, which is based in Iraq and Syria": where an actor is.
            hit.role = Role::Attribute;
        } else if possessive && next_is_place && !organisation {
            hit.role = Role::Container;
        } else if possessive {
            // "in Tajikistan's first admission", "in Iran's health ministry".
            hit.speaker = true;
        } else if locative {
            hit.role = Role::Locative;
        } else if self.part == Part::Dateline {
            hit.role = Role::Dateline;
        } else {
            // "Pakistan and Iran condemned", "Iran's health ministry", "citizens of Tajikistan".
            hit.speaker = true;
        }
        if hit.subject && !contains(lexicon::LOCATIVE, &prev) {
            hit.speaker = true;
        }
    }

    /// "in the capital": remembered for after resolution.
    fn the_capital(&mut self) {
        for k in 1..self.tokens.len() {
            // "in the capital", "in the Kyrgyz capital"
            let demonym =
                lexicon::demonym(self.lower(k - 1)).filter(|_| self.tokens[k - 1].is_cap());
            let the = if demonym.is_some() {
                k.saturating_sub(2)
            } else {
                k - 1
            };
            if self.lower(k) == "capital"
                && self.lower(the) == "the"
                && self.lower(k + 1) != "of"
                && !self.tokens.get(k + 1).is_some_and(Token::is_cap)
                && the >= 1
                && contains(lexicon::LOCATIVE, self.lower(the - 1))
            {
                let mut raw = self.raw(the, k + 1, "the capital".into(), None, Vec::new(), false);
                raw.role = Role::Locative;
                raw.key = format!("{CAPITAL}{}", demonym.unwrap_or(""));
                self.raws.push(raw);
            }
        }
    }
}

const CAPITAL: &str = "\u{0}capital";

/// Words before a name that put an incident near it, not in it.
const RELATIVE_WORDS: &[&str] = &[
    "near",
    "nearby",
    "outside",
    "km",
    "kilometres",
    "kilometers",
    "miles",
];

/// Words before a name that make it something other than a sentence's subject.
pub(super) const PREPOSITIONS: &[&str] = &[
    "in", "at", "from", "near", "of", "to", "into", "across", "inside", "on", "outside", "with",
    "by", "towards", "toward", "over", "through",
];

/// Whether `name`, which names the country `code`, is its adjective or its
/// people ("Chilean", "Salvadoran", "Colombians"), not its name: it ends as
/// adjectives do and begins as the country's name goes on.
fn demonym_of(name: &str, gazetteer: &Gazetteer, code: &str) -> bool {
    gazetteer.country_code(code).is_some_and(|country| {
        names_people(name, &country.name)
            // A name of the country that ends as adjectives do and starts
            // as the country's name: "Spanish" (Spain), "Peruvian" (Peru).
            || {
                // "The Argentine" is an old name of Argentina, as is its adjective.
                let bare = name.get(..4).filter(|t| t.eq_ignore_ascii_case("the "));
                let word = gazetteer::fold(&name[bare.map_or(0, str::len)..]);
                let own = gazetteer::fold(&country.name);
                let shared = word.chars().zip(own.chars()).take_while(|(a, b)| a == b).count();
                word != own && shared >= 3 && ends_as_people(&word)
            }
    })
}

/// Whether a word ends as the names of peoples and adjectives of places do.
fn ends_as_people(word: &str) -> bool {
    ["an", "ans", "ian", "ians", "ese", "ish", "i", "is", "ine"]
        .iter()
        .any(|e| word.ends_with(e))
}

/// Whether `word` names the people of the place `name` (or is its
/// adjective): it ends as adjectives do and begins as the place's name goes on.
fn names_people(word: &str, name: &str) -> bool {
    let word = crate::gazetteer::fold(word);
    let own = crate::gazetteer::fold(name);
    let ending = ends_as_people(&word);
    let stem: String = word.chars().take(5).collect();
    word != own && ending && word.chars().count() > 5 && own.contains(&stem)
}

/// "based in", "headquartered in": the place an actor is based, not where an incident was.
fn based_in(prev: &str, prev2: &str) -> bool {
    prev == "in" && matches!(prev2, "based" | "headquartered")
}

fn strip_possessive(text: &str) -> String {
    for end in ["'s", "’s", "'", "’"] {
        if let Some(s) = text.strip_suffix(end) {
            return s.to_string();
        }
    }
    text.to_string()
}

/// A town's population, where GeoNames gives 0 for a seat of a district
/// (Musa Qala, Tal Afar): unknown there, not none, so taken as a small
/// town's, [`UNKNOWN_SEAT_POPULATION`].
fn known_population(p: &Place) -> u64 {
    match p.feature.as_str() {
        "PPLA2" | "PPLA3" if p.population == 0 => UNKNOWN_SEAT_POPULATION,
        _ => p.population,
    }
}

/// The population taken for a district seat GeoNames gives none for.
const UNKNOWN_SEAT_POPULATION: u64 = 5_000;

/// The prior of a candidate: kind, seat and population, and the kind asked for.
fn prior(p: &Place, matched: Match, hint: Option<Kind>) -> f64 {
    let population = 0.4 * ((known_population(p) as f64) + 1.0).log10();
    let seat = match p.kind {
        Kind::Admin1 => 1.5,
        Kind::Admin2 => 0.5,
        Kind::Site => 2.0,
        Kind::Country | Kind::Area => 0.0,
        Kind::City => match p.feature.as_str() {
            // A seat of government is a capital too (La Paz, The Hague).
            "PPLC" | "PPLG" => 2.0,
            "PPLA" => 1.5,
            "PPLA2" => 0.7,
            "PPLA3" | "PPLA4" => 0.4,
            _ => 0.0,
        },
    };
    let kind = match (hint, p.kind) {
        (Some(Kind::Admin1), Kind::Admin1) => 3.0,
        (Some(Kind::Admin1), _) => -1.0,
        (Some(Kind::City), Kind::Admin1) => -1.0,
        (None, Kind::Admin1) => -0.5,
        _ => 0.0,
    };
    let folded = if matched == Match::Folded { -0.5 } else { 0.0 };
    population + seat + kind + folded
}

fn resolved(gazetteer: &Gazetteer, p: &Place) -> Resolved {
    Resolved {
        name: p.name.clone(),
        country: p.country.clone(),
        kind: p.kind,
        admin1: gazetteer
            .admin1_name(&p.country, &p.admin1)
            .unwrap_or("")
            .to_string(),
        admin1_code: p.admin1.clone(),
        point: Some((p.lat, p.lon)),
        geonameid: p.geonameid,
    }
}

fn country(gazetteer: &Gazetteer, code: &str) -> Resolved {
    Resolved {
        name: gazetteer
            .country_code(code)
            .map_or(code.to_string(), |c| c.name.clone()),
        country: code.to_string(),
        kind: Kind::Country,
        admin1: String::new(),
        admin1_code: String::new(),
        point: None,
        geonameid: None,
    }
}

/// Places on a sphere, for the nearest one to a point (an R-tree of unit
/// vectors: the nearest by chord is the nearest by great circle), each with
/// what it stands for.
struct Nearest<'g, T> {
    gazetteer: &'g Gazetteer,
    tree: RTree<GeomWithData<[f64; 3], usize>>,
    items: Vec<(usize, T)>,
}

fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (lat, lon) = (lat.to_radians(), lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

impl<'g, T> Nearest<'g, T> {
    /// Items whose first field is a gazetteer index.
    fn new(gazetteer: &'g Gazetteer, items: Vec<(usize, T)>) -> Self {
        let points = items
            .iter()
            .enumerate()
            .map(|(k, (i, _))| {
                let p = gazetteer.place(*i);
                GeomWithData::new(unit_vector(p.lat, p.lon), k)
            })
            .collect();
        Nearest {
            gazetteer,
            tree: RTree::bulk_load(points),
            items,
        }
    }

    /// The distance in km from `p` to the nearest item that `keep` accepts.
    fn nearest(&self, p: &Place, keep: impl Fn(&(usize, T)) -> bool) -> Option<f64> {
        let item = self
            .tree
            .nearest_neighbor_iter(&unit_vector(p.lat, p.lon))
            .map(|g| &self.items[g.data])
            .find(|item| keep(item))?;
        let o = self.gazetteer.place(item.0);
        Some(distance_km(p.lat, p.lon, o.lat, o.lon))
    }
}

/// People named after the town they came from, not where they are ("a group
/// of Moscow tourists in a ski resort").
const VISITORS: &[&str] = &[
    "tourists",
    "pilgrims",
    "visitors",
    "holidaymakers",
    "fans",
    "delegation",
];

/// How often an article must name its main country for a small town of a
/// country it never names to be set aside.
const ABROAD_MAIN_WEIGHT: f64 = 3.0;

/// Added to a town in a province the article names elsewhere.
const PROVINCE_NAMED_BONUS: f64 = 1.0;

/// Towns at least this large are kept wherever they are.
const ABROAD_POPULATION: u64 = 100_000;

/// Towns matched only by an alternate name are kept wherever they are from
/// this size, or when they are a capital.
const ABROAD_ALIAS_POPULATION: u64 = 1_000_000;

/// How well the name matched candidate `i`: its best match among the name's.
fn match_of(r: &Raw, i: usize) -> Match {
    r.candidates
        .iter()
        .filter(|&&(j, _)| j == i)
        .map(|&(_, m)| m)
        .min()
        .unwrap_or(Match::Variant)
}

/// Scores every candidate of every name with the countries and places around
/// it, and keeps the names whose best candidate clears the threshold.
fn resolve(
    gazetteer: &Gazetteer,
    raws: &[Raw],
    sentence_countries: &[Vec<(String, usize)>],
    weights: &BTreeMap<String, f64>,
    skipped: &mut Vec<Skipped>,
) -> Places {
    let context = |r: &Raw, p: &Place| {
        let here = sentence_countries[r.sentence]
            .iter()
            .filter(|(c, _)| *c == p.country);
        let nearest = here.map(|(_, at)| at.abs_diff(r.start)).min();
        if nearest.is_some_and(|d| d <= NEARBY) {
            3.0
        } else if nearest.is_some() {
            1.5
        } else {
            (0.8 * weights.get(&p.country).copied().unwrap_or(0.0)).min(2.0)
        }
    };
    // "San Ramon" in an article about El Salvador that never names
    // Nicaragua: a small town of a country the article never names, while
    // it names another country often, is more likely a neighbourhood or
    // village the gazetteer lacks than that town.
    let main_weight = weights.values().copied().fold(0.0, f64::max);
    let score = |r: &Raw, (i, m): (usize, Match)| {
        let p = gazetteer.place(i);
        let dateline = if r.role == Role::Dateline {
            DATELINE_BONUS
        } else {
            0.0
        };
        prior(p, m, r.hint) + context(r, p) + dateline - r.penalty
    };
    let best = |r: &Raw, extra: &dyn Fn(&Place) -> f64| -> Option<(usize, f64)> {
        r.candidates
            .iter()
            .map(|&(i, m)| (i, score(r, (i, m)) + extra(gazetteer.place(i))))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    };
    // First pass: without the other places.
    let provisional: Vec<Option<(usize, f64)>> = raws.iter().map(|r| best(r, &|_| 0.0)).collect();
    // "the Santa Isabel neighborhood": a part of a town is likelier a
    // quarter of the article's towns than any town abroad (Malabo was once
    // Santa Isabel).
    // A town abroad that the name only matches by an alternate name
    // ("Las Guaras bridge" in El Salvador is not Huaraz, Peru, whose old
    // spelling it is) is set aside up to a larger size, as are small towns.
    // A quarter is set aside too when the dateline alone tells the
    // article's country ("SAN SALVADOR ... in San Miguelito neighborhood"
    // is not San Miguelito, Panama).
    let dateline_country = raws
        .iter()
        .zip(&provisional)
        .find(|(r, _)| r.role == Role::Dateline)
        .and_then(|(_, best)| best.map(|(i, _)| gazetteer.place(i).country.clone()));
    let abroad = |p: &Place, m: Match, quarter: bool| {
        (main_weight >= ABROAD_MAIN_WEIGHT
            || (quarter && dateline_country.as_ref().is_some_and(|c| *c != p.country)))
            && weights.get(&p.country).copied().unwrap_or(0.0) == 0.0
            && p.kind == Kind::City
            && (quarter
                || (!matches!(p.feature.as_str(), "PPLC" | "PPLG" | "PPLA")
                    && p.population < ABROAD_POPULATION)
                || (m != Match::Exact
                    && !matches!(p.feature.as_str(), "PPLC" | "PPLG")
                    && p.population < ABROAD_ALIAS_POPULATION))
    };
    // The places other names resolved to, each once, with the first name
    // that did and whether another did too: an article may name a few
    // places thousands of times, and each name looks at all of them.
    let mut seen_places: Vec<(usize, (&str, bool))> = Vec::new();
    let mut slot_of: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (r, b) in raws.iter().zip(&provisional) {
        if let Some((i, s)) = *b
            && s >= THRESHOLD
        {
            let slot = *slot_of.entry(i).or_insert_with(|| {
                seen_places.push((i, (&r.key, false)));
                seen_places.len() - 1
            });
            if seen_places[slot].1.0 != r.key {
                seen_places[slot].1.1 = true;
            }
        }
    }
    let others = Nearest::new(gazetteer, seen_places);
    // The provinces the article names ("Balochistan", "the province of
    // Diyarbakir") in the country most of its places are in: a town's
    // namesake in one of them is the likelier.
    let named: Vec<&Place> = provisional
        .iter()
        .flatten()
        .filter(|&&(_, s)| s >= THRESHOLD)
        .map(|&(i, _)| gazetteer.place(i))
        .collect();
    let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &named {
        *votes.entry(p.country.as_str()).or_default() += 1;
    }
    let most = votes.iter().max_by_key(|(_, n)| **n).map(|(c, _)| *c);
    let provinces: Vec<(&str, &str)> = named
        .iter()
        .filter(|p| p.kind == Kind::Admin1 && Some(p.country.as_str()) == most)
        .map(|p| (p.country.as_str(), p.admin1.as_str()))
        .collect();
    let mut out = Places::default();
    for r in raws {
        if r.key.starts_with(CAPITAL) {
            continue;
        }
        if let Some(cc) = &r.country {
            if r.speaker {
                skipped.push(Skipped {
                    sentence: r.sentence,
                    text: r.surface.clone(),
                    reason: "country named as an actor, not a location".into(),
                });
            } else {
                // Of a border's countries, the one the article names most (the last on a tie).
                let cc = cc
                    .split(',')
                    .rev()
                    .max_by(|a, b| {
                        let w = |c: &str| weights.get(c).copied().unwrap_or(0.0);
                        w(a).total_cmp(&w(b)).then(std::cmp::Ordering::Greater)
                    })
                    .unwrap_or(cc);
                let mut place = country(gazetteer, cc);
                let mut surface = r.surface.clone();
                if r.role == Role::Border {
                    // At a point of the border the countries share, else at one of them.
                    surface = place.name.clone();
                    let codes: Vec<&str> = r.country.iter().flat_map(|c| c.split(',')).collect();
                    if let [a, b] = codes[..]
                        && let (Some(ca), Some(cb)) =
                            (gazetteer.country_code(a), gazetteer.country_code(b))
                        && let Some(point) =
                            crate::render::basemap::shared_border(&ca.iso_numeric, &cb.iso_numeric)
                    {
                        place.point = Some(point);
                        surface = format!("{}–{} border", ca.name, cb.name);
                    }
                }
                out.found.push(Found {
                    sentence: r.sentence,
                    start: r.start,
                    end: r.end,
                    surface,
                    place,
                    role: r.role,
                    group: 0,
                    score: 4.0,
                    relative: r.relative.clone(),
                });
            }
            continue;
        }
        let container = r
            .container
            .and_then(|c| provisional[c].map(|b| gazetteer.place(b.0)));
        let (province_after, country_after) = match r.qualified_by.map(|c| (c, &raws[c].country)) {
            Some((_, Some(cc))) => (
                None,
                Some(cc).filter(|cc| {
                    r.candidates
                        .iter()
                        .any(|&(i, _)| gazetteer.place(i).country == **cc)
                }),
            ),
            Some((c, None)) => (
                provisional[c]
                    .map(|b| gazetteer.place(b.0))
                    .filter(|q| q.kind == Kind::Admin1),
                None,
            ),
            None => (None, None),
        };
        let extra = |p: &Place| {
            let mut e = 0.0;
            // "Tejutla, Chalatenango Department": a town of that province,
            // not a namesake abroad.
            if let Some(q) = province_after
                && p.kind != Kind::Admin1
            {
                // Provinces share names ("Lima" and "Lima Province"): only
                // another country rules a town out.
                if p.country != q.country {
                    e -= 3.0;
                } else if p.admin1 == q.admin1 {
                    e += 2.0;
                }
            }
            // "Huanta, Peru": the namesake in that country, when the
            // gazetteer has one (it lacks the Kyrgyz Kok-Tash: the Tajik one
            // across the border stays).
            if let Some(cc) = country_after {
                e += if p.country == *cc { 1.0 } else { -3.0 };
            }
            // The nearest place another name resolved to.
            if let Some(d) = others.nearest(p, |&(_, (key, several))| several || key != r.key) {
                e += if d < 150.0 {
                    1.5
                } else if d < 600.0 {
                    1.0
                } else if d < 1500.0 {
                    0.3
                } else {
                    -0.5
                };
            }
            if matches!(p.kind, Kind::City | Kind::Site)
                && provinces
                    .iter()
                    .any(|&(cc, code)| cc == p.country && code == p.admin1)
            {
                e += PROVINCE_NAMED_BONUS;
            }
            if let Some(c) = container
                && !(p.country == c.country
                    && (p.admin1 == c.admin1 || distance_km(p.lat, p.lon, c.lat, c.lon) < 40.0))
            {
                e -= 3.0;
            }
            e
        };
        let best = best(r, &extra);
        let matched = best.map_or(Match::Variant, |(i, _)| match_of(r, i));
        match best {
            Some((i, s)) if s >= THRESHOLD && abroad(gazetteer.place(i), matched, r.quarter) => {
                skipped.push(Skipped {
                    sentence: r.sentence,
                    text: r.surface.clone(),
                    reason: format!(
                        "{} in {}, a country the article never names: likely a local place the gazetteer lacks",
                        if r.quarter {
                            "told as a quarter, and the gazetteer has only a town"
                        } else if matched == Match::Exact {
                            "a small town"
                        } else {
                            "a town named so only by an alternate name"
                        },
                        gazetteer.place(i).country
                    ),
                })
            }
            // "Chechens fought in Syria", "Chechen rebels", "the Baloch
            // militant group", "Kurdish guerrillas": a province's or a
            // region's people, not the place.
            Some((i, s))
                if s >= THRESHOLD
                    && match gazetteer.place(i).kind {
                        Kind::Admin1 => lexicon::province_people(&r.key.to_lowercase()),
                        Kind::Area => lexicon::region_people(&r.key.to_lowercase()),
                        _ => false,
                    } =>
            {
                skipped.push(Skipped {
                    sentence: r.sentence,
                    text: r.surface.clone(),
                    reason: format!("the people of {}, not a place", gazetteer.place(i).name),
                })
            }
            Some((i, s)) if s >= THRESHOLD => out.found.push(Found {
                sentence: r.sentence,
                start: r.start,
                end: r.end,
                surface: r.surface.clone(),
                place: resolved(gazetteer, gazetteer.place(i)),
                role: if r
                    .holds
                    .is_some_and(|t| provisional[t].is_some_and(|(_, s)| s >= THRESHOLD))
                {
                    Role::Attribute
                } else {
                    r.role
                },
                group: 0,
                score: s,
                relative: r.relative.clone().filter(|_| {
                    !(r.part_of && matches!(gazetteer.place(i).kind, Kind::City | Kind::Site))
                }),
            }),
            Some((i, s)) => skipped.push(Skipped {
                sentence: r.sentence,
                text: r.surface.clone(),
                reason: format!(
                    "not likely a place here: best match {}, {} scores {:.1} (needs {THRESHOLD})",
                    gazetteer.place(i).name,
                    gazetteer.place(i).country,
                    s
                ),
            }),
            None => {}
        }
    }
    // Keep "the capital" raws for after the article's country is known.
    for r in raws.iter().filter(|r| r.key.starts_with(CAPITAL)) {
        out.found.push(Found {
            sentence: r.sentence,
            start: r.start,
            end: r.end,
            surface: CAPITAL.into(),
            place: country(gazetteer, &r.key[CAPITAL.len()..]),
            role: Role::Locative,
            group: 0,
            score: 0.0,
            relative: None,
        });
    }
    out.found.sort_by_key(|f| (f.sentence, f.start));
    out
}

/// Replaces "the capital" with the capital of the country named with it, or
/// of the article's main country.
fn capitals(gazetteer: &Gazetteer, places: &mut Places) {
    let main = places.main_country().map(str::to_string);
    for f in places.found.iter_mut().filter(|f| f.surface == CAPITAL) {
        let cc = match f.place.country.as_str() {
            "" => main.clone(),
            cc => Some(cc.to_string()),
        };
        let capital = cc.and_then(|cc| gazetteer.capital(&cc));
        if let Some(p) = capital {
            f.surface = p.name.clone();
            f.place = resolved(gazetteer, p);
            f.score = 3.5;
        }
    }
    places.found.retain(|f| f.surface != CAPITAL);
}

/// Numbers the groups of places joined by "and" or commas: "in Osh and Jalal-Abad".
fn groups(doc: &Document, places: &mut Places) {
    let mut group = 0;
    for k in 0..places.found.len() {
        let joined = k > 0 && {
            let (a, b) = (&places.found[k - 1], &places.found[k]);
            a.sentence == b.sentence
                && a.place.kind != Kind::Country
                && b.place.kind != Kind::Country
                && b.start >= a.end
                && b.start > a.end
                && {
                    // "in Hirmand, Khash, Sib-o-Suran and Zahedan": a name the
                    // gazetteer lacks may stand in the list between them.
                    let between = &doc.sentences[a.sentence].tokens[a.end..b.start];
                    let joint = |t: &Token| t.lower == "and" || t.is(',');
                    between.iter().all(|t| joint(t) || t.is_cap() || t.is('-'))
                        && joint(&between[0])
                        && joint(&between[between.len() - 1])
                }
        };
        if !joined {
            group += 1;
        }
        places.found[k].group = group;
    }
}
