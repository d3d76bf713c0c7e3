//! Drafting an incidents CSV from a news report: the places the text names
//! (resolved with the gazetteer and the article's context), the incidents it
//! tells (event words near those places, their dates and casualty figures),
//! one row per incident, each with a confidence and the sentence it came from.
//!
//! The draft is for an analyst to review, then map: its columns are the
//! native ones that [`crate::incident`] reads.

mod case;
mod counts;
mod dates;
mod document;
mod incidents;
mod lexicon;
mod places;

use std::collections::BTreeMap;
use std::io::{self, Read, Write};

use geo::{Destination, Haversine};

use crate::gazetteer::{Gazetteer, Kind};
use crate::geocode::{Precision, precision_of};
use crate::incident::PartialDate;

pub use document::ReferenceFrom;
pub use lexicon::EventType;

/// What to draft, and how strict to be.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Rows below this confidence (0 to 1) are left out of the draft and listed as skipped.
    pub min_confidence: f64,
    /// The `source` column of rows that cite no source (e.g. the article's file name).
    pub source: String,
    /// The publication date: the anchor for "on Friday" and the year of "in
    /// June". Without it, the dateline's date, else the latest full date in
    /// the text, else the year of the title or of the first sentence.
    pub date: Option<PartialDate>,
}

/// Where an incident was, told relative to the place the row is located at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relative {
    /// Near the place, off it in a direction, or in part of it: "20 km east
    /// of Kunduz", "near Osh", "northern Afghanistan" (the words as written).
    Near(String),
    /// On the border of two countries, located at a point of the border they
    /// share (else at one of them): "the Kyrgyz–Tajik border".
    Border(String),
}

impl Relative {
    /// `near` or `border`: the word the `precision` column puts before the precision.
    pub fn word(&self) -> &'static str {
        match self {
            Relative::Near(_) => "near",
            Relative::Border(_) => "border",
        }
    }

    /// The words of the text that tell the location.
    pub fn phrase(&self) -> &str {
        match self {
            Relative::Near(p) | Relative::Border(p) => p,
        }
    }

    /// The distance in km and the bearing in degrees the words tell a place
    /// off its town: "about 850 km north of Bogota", "25 miles to the
    /// southwest of Quetta".
    ///
    /// ```
    /// use incimap::extract::Relative;
    /// let near = Relative::Near("some 1,200 km to the northeast of Lima".into());
    /// assert_eq!(near.offset(), Some((1200.0, 45.0)));
    /// assert_eq!(Relative::Near("near Lima".into()).offset(), None);
    /// ```
    pub fn offset(&self) -> Option<(f64, f64)> {
        let Relative::Near(phrase) = self else {
            return None;
        };
        let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        let unit = words.iter().position(|w| {
            matches!(
                w.as_str(),
                "km" | "kms" | "kilometres" | "kilometers" | "miles" | "mi"
            )
        })?;
        let number: f64 = words
            .get(unit.checked_sub(1)?)?
            .replace(',', "")
            .parse()
            .ok()?;
        let km = if words[unit].starts_with("mi") {
            number * 1.609_344
        } else {
            number
        };
        let bearing = words[unit + 1..]
            .iter()
            .take_while(|w| *w != "of")
            .find_map(|w| lexicon::BEARINGS.iter().find(|(d, _)| d == w))?
            .1;
        Some((km, bearing))
    }
}

/// One drafted row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// When, as precisely as the text says.
    pub date: Option<PartialDate>,
    /// The place as written ("Kunduz", "Kunduz province", "Tajikistan").
    pub place: String,
    /// The province of a town, to keep the geocoder on the same place.
    pub province: String,
    /// ISO alpha-2 country code.
    pub country: String,
    /// Incident type.
    pub kind: String,
    /// Number killed.
    pub fatalities: Option<u32>,
    /// Number wounded.
    pub injuries: Option<u32>,
    /// A short summary and the sentences it draws on.
    pub description: String,
    /// Where the report came from.
    pub source: String,
    /// Town, province or country.
    pub precision: Precision,
    /// When the incident was only near the place or on a border: located
    /// approximately, at the place.
    pub relative: Option<Relative>,
    /// Latitude and longitude when the row is located by them, not by its
    /// place's name: a point of a border two countries share, or the point
    /// the distance and direction told lead to ("850 km north of Bogota").
    pub point: Option<(f64, f64)>,
    /// How sure the draft is, 0 to 1.
    pub confidence: f64,
    /// The sentence the row came from.
    pub evidence: String,
}

impl Row {
    /// The `precision` column: `city`, `admin1` or `country`, after `near `
    /// or `border ` when the row is located only approximately; `border`
    /// alone for a point on a shared border.
    pub fn precision_label(&self) -> String {
        match &self.relative {
            Some(Relative::Border(_)) if self.point.is_some() => "border".to_string(),
            Some(r) => format!("{} {}", r.word(), self.precision.as_str()),
            None => self.precision.as_str().to_string(),
        }
    }
}

/// A place the article names, with how often.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceSeen {
    /// As first written.
    pub surface: String,
    /// The gazetteer's name (or the country's).
    pub name: String,
    /// ISO alpha-2 country code.
    pub country: String,
    /// Town, province or country.
    pub precision: Precision,
    /// How many times it is named.
    pub mentions: usize,
}

/// Something left out of the draft, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skip {
    /// Sentence number, from 1.
    pub sentence: usize,
    /// The words concerned.
    pub text: String,
    /// Why they were left out.
    pub reason: String,
}

/// The draft and what went into it.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    /// Rows at or above the minimum confidence, in the order the article tells them.
    pub rows: Vec<Row>,
    /// Rows below the minimum confidence.
    pub below: Vec<Row>,
    /// Places named in the article, in order of first mention.
    pub places: Vec<PlaceSeen>,
    /// Names and events left out, and why.
    pub skipped: Vec<Skip>,
    /// Number of sentences read.
    pub sentences: usize,
    /// The date the article's dates were read against, and where it came from.
    pub reference: Option<(PartialDate, ReferenceFrom)>,
}

/// The columns of the draft, in order.
pub const COLUMNS: [&str; 14] = [
    "date",
    "place",
    "province",
    "country",
    "type",
    "fatalities",
    "injuries",
    "description",
    "source",
    "precision",
    "confidence",
    "evidence",
    "latitude",
    "longitude",
];

/// The largest article [`read_article`] takes: a long report is a few
/// hundred kilobytes, and drafting takes time in proportion to the text
/// (about 1.5 s per MB of text that names new places throughout, 0.3 s per
/// MB of text that names the same ones again; `cargo bench --bench extract`).
pub const MAX_ARTICLE_BYTES: u64 = 8 << 20;

/// Reads an article for [`extract`]: UTF-8, or UTF-16 with a byte-order mark
/// (as `map` reads it), of at most [`MAX_ARTICLE_BYTES`]. `name` is used in
/// messages.
pub fn read_article(input: impl io::Read, name: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    input
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(format!(
            "{name}: longer than {} MB, the most `extract` reads; split the text into parts",
            MAX_ARTICLE_BYTES >> 20
        ));
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes);
        if had_errors {
            return Err(format!("{name}: not valid {} text", encoding.name()));
        }
        return Ok(text.into_owned());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not UTF-8 text (byte {}); UTF-16 needs its byte-order mark",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Drafts incident rows from an article (plain text or Markdown). An
/// article in upper case (wire copy) is first given the capitals of mixed
/// case from the gazetteer and the word lists; its evidence is quoted so.
pub fn extract(text: &str, gazetteer: &Gazetteer, options: &Options) -> Extraction {
    let upper = case::is_upper_case(text);
    let restored;
    let text = if upper {
        restored = case::restore(text, gazetteer);
        restored.as_str()
    } else {
        text
    };
    let mut doc = document::parse(text);
    doc.restored = upper;
    let from = doc.set_reference(options.date);
    let places = places::find(&doc, gazetteer);
    let (found, event_skips) = incidents::build(&doc, &places);
    let mut out = Extraction {
        sentences: doc.sentences.len(),
        reference: doc.reference.zip(from).map(|(r, f)| (r.date, f)),
        ..Extraction::default()
    };
    for incident in &found {
        let row = row(&doc, gazetteer, incident, options);
        if row.confidence + 1e-9 >= options.min_confidence {
            out.rows.push(row);
        } else {
            out.below.push(row);
        }
    }
    let mut seen: BTreeMap<(String, String, Kind), usize> = BTreeMap::new();
    for f in places
        .found
        .iter()
        .filter(|f| f.role != places::Role::Border)
    {
        let key = (f.place.name.clone(), f.place.country.clone(), f.place.kind);
        match seen.get(&key) {
            Some(&k) => out.places[k].mentions += 1,
            None => {
                seen.insert(key, out.places.len());
                out.places.push(PlaceSeen {
                    surface: f.surface.clone(),
                    name: f.place.name.clone(),
                    country: f.place.country.clone(),
                    precision: precision_of(f.place.kind),
                    mentions: 1,
                });
            }
        }
    }
    // Each name and reason once, at its first sentence.
    let mut told = std::collections::HashSet::new();
    for s in places.skipped.iter().chain(&event_skips) {
        let text = crate::text::clean(&s.text);
        if told.insert((text.clone(), s.reason.clone())) {
            out.skipped.push(Skip {
                sentence: s.sentence + 1,
                text,
                reason: s.reason.clone(),
            });
        }
    }
    out
}

fn row(
    doc: &document::Document,
    gazetteer: &Gazetteer,
    incident: &incidents::Incident,
    options: &Options,
) -> Row {
    let place = &incident.place.place;
    let kind = match incident.kind {
        EventType::Riot if incident.prison => "Prison riot",
        k => k.name(),
    };
    let country_name = gazetteer
        .country_code(&place.country)
        .map_or(place.country.clone(), |c| c.name.clone());
    let mut description = format!("{kind} in {}", incident.place.surface);
    match place.kind {
        Kind::City | Kind::Site if !place.admin1.is_empty() => {
            description.push_str(&format!(" ({}, {country_name})", place.admin1))
        }
        Kind::Country => {}
        _ => description.push_str(&format!(" ({country_name})")),
    }
    let figures: Vec<String> = [
        (incident.fatalities, "killed"),
        (incident.injuries, "injured"),
    ]
    .iter()
    .filter_map(|(n, w)| n.map(|n| format!("{n} {w}")))
    .collect();
    if !figures.is_empty() {
        description.push_str(&format!(": {}", figures.join(", ")));
    }
    if let Some(r) = &incident.place.relative {
        description.push_str(&format!("; located approximately: {}", r.phrase()));
    }
    let numbers: Vec<String> = incident
        .sentences
        .iter()
        .map(|s| (s + 1).to_string())
        .collect();
    description.push_str(&format!(
        ". Sentence{} {}.",
        if numbers.len() > 1 { "s" } else { "" },
        numbers.join(", ")
    ));
    let sources = incident.sources.join("; ");
    let offset = incident.place.relative.as_ref().and_then(|near| {
        let (km, bearing) = near.offset()?;
        let (lat, lon) = place.point?;
        let to = Haversine.destination(geo::Point::new(lon, lat), bearing, km * 1000.0);
        Some((to.y(), to.x()))
    });
    let point = match incident.place.relative {
        Some(Relative::Border(_)) => place.point,
        _ => offset,
    };
    Row {
        date: incident.date,
        // Off the town by a distance: the map labels the point with the
        // words ("60 kilometers southwest of Dushanbe"), not the town's name.
        place: match (&incident.place.relative, offset) {
            (Some(near), Some(_)) => crate::text::clean(near.phrase()),
            // "NALCHIK (Kabardino-Balkaria), June 10": a dateline's capitals
            // are no spelling; the gazetteer's name is.
            _ if incident.place.surface.chars().count() > 3
                && !incident.place.surface.chars().any(char::is_lowercase) =>
            {
                place.name.clone()
            }
            _ => incident.place.surface.clone(),
        },
        province: match place.kind {
            Kind::City | Kind::Site => place.admin1.clone(),
            _ => String::new(),
        },
        country: place.country.clone(),
        kind: kind.to_string(),
        fatalities: incident.fatalities,
        injuries: incident.injuries,
        description,
        source: crate::text::clean(if incident.sources.is_empty() {
            &options.source
        } else {
            &sources
        }),
        precision: precision_of(place.kind),
        relative: incident.place.relative.clone(),
        point,
        confidence: confidence(doc, incident),
        evidence: doc.sentences[incident.lead].text.clone(),
    }
}

/// How sure the row is: the place's score, the event word's specificity, a
/// date found, support from several sentences, evidence beyond a headline.
fn confidence(doc: &document::Document, incident: &incidents::Incident) -> f64 {
    let place = match incident.place.place.kind {
        Kind::Country => 0.6,
        _ => (0.5 + (incident.place.score - 3.0) / 6.0).clamp(0.5, 0.95),
    };
    let kind = if incident.kind == EventType::Attack {
        0.85
    } else {
        1.0
    };
    let date = match incident.date {
        None => 0.8,
        Some(d) if d.month.is_none() => 0.9,
        Some(_) => 1.0,
    };
    let support = if incident.sentences.len() > 1 {
        0.05
    } else {
        0.0
    };
    let headline_only = incident
        .sentences
        .iter()
        .all(|&s| doc.sentences[s].part == document::Part::Headline);
    let value = (place * kind * date + support).min(1.0) * if headline_only { 0.8 } else { 1.0 };
    (value * 100.0).round() / 100.0
}

/// Writes rows as CSV with the [`COLUMNS`] header.
pub fn write_csv<W: Write>(rows: &[Row], out: W) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for r in rows {
        let number = |n: Option<u32>| n.map(|v| v.to_string()).unwrap_or_default();
        w.write_record([
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            r.place.clone(),
            r.province.clone(),
            r.country.clone(),
            r.kind.clone(),
            number(r.fatalities),
            number(r.injuries),
            r.description.clone(),
            r.source.clone(),
            r.precision_label(),
            format!("{:.2}", r.confidence),
            r.evidence.clone(),
            r.point.map(|p| format!("{:.4}", p.0)).unwrap_or_default(),
            r.point.map(|p| format!("{:.4}", p.1)).unwrap_or_default(),
        ])?;
    }
    w.flush()
}
