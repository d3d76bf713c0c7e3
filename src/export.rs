//! RFC 7946 GeoJSON, the per-row geocoding report, the geocoded CSV (with
//! WKT geometry and a `.csvt` sidecar), the GeoPackage ([`gpkg`]) and the
//! layer's style for QGIS ([`qml`]) and as SLD ([`sld`]).

pub mod gpkg;
pub mod qml;
pub mod sld;

use std::io::{self, Write};

use serde_json::Value;

use std::collections::HashMap;
use std::sync::Arc;

use foldhash::fast::FixedState;

use crate::geocode::{Geocoded, Located, Outcome, Status};
use crate::incident::{Field, Incident, LonLat, PartialDate, Schema};
use crate::output::AtomicFile;

/// Rounds a coordinate to 6 decimals (about 0.1 m), the most RFC 7946 needs.
pub fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The property names incimap adds to each feature, after the input's columns.
pub const LOCATION_PROPERTIES: [&str; 12] = [
    "incimap_date",
    "incimap_date_precision",
    "incimap_date_start",
    "incimap_date_end",
    "incimap_date_approximate",
    "incimap_status",
    "incimap_precision",
    "incimap_source_precision",
    "incimap_place",
    "incimap_country",
    "incimap_admin1",
    "incimap_geonameid",
];

/// How each input column is written: under which property name, as numbers or as text.
#[derive(Clone, Debug)]
pub struct ColumnTypes {
    numeric: Vec<bool>,
    seen: Vec<bool>,
    /// Every number seen in the column is a whole number.
    integer: Vec<bool>,
    /// Some whole number in the column needs more than 32 bits.
    wide: Vec<bool>,
    /// The input's header, from which the names are made.
    headers: Vec<String>,
    /// Whether names are cut to 10 bytes (`--short-names`).
    short: bool,
    names: Vec<String>,
    /// Property names (input columns, then incimap's) as JSON keys with their colon.
    keys: Vec<String>,
    /// The field each column maps onto, if any.
    fields: Vec<Option<Field>>,
}

/// A value written as a JSON number, or `None` if it must stay text to lose
/// nothing: `007` keeps its zeros, a 25-digit id its digits.
pub fn as_number(schema: &Schema, text: &str) -> Option<Value> {
    let text = text.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.len() > 1 && digits.starts_with('0') && digits.as_bytes()[1].is_ascii_digit() {
        return None;
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i64>().ok().map(Value::from);
    }
    schema
        .parse_number(text)
        .and_then(serde_json::Number::from_f64)
        .map(Value::Number)
}

/// Property names for the input's columns: the header names, made unique
/// case-blind (GDAL's field names are) and kept clear of incimap's own.
/// Linear in the number of columns: names taken are kept in a hash set, and
/// each base name remembers the last suffix it tried.
pub fn property_names(schema: &Schema) -> Vec<String> {
    column_names(&schema.columns, false, &[])
}

/// The shorter names (at most 10 bytes, as Shapefile's DBF needs) that
/// `--short-names` gives incimap's own fields, by their full name.
pub const SHORT_NAMES: [(&str, &str); 16] = [
    ("incimap_date", "im_date"),
    ("incimap_date_precision", "im_dateprc"),
    ("incimap_date_start", "im_start"),
    ("incimap_date_end", "im_end"),
    ("incimap_date_approximate", "im_approx"),
    ("incimap_status", "im_status"),
    ("incimap_precision", "im_prec"),
    ("incimap_source_precision", "im_srcprec"),
    ("incimap_place", "im_place"),
    ("incimap_country", "im_country"),
    ("incimap_admin1", "im_admin1"),
    ("incimap_geonameid", "im_geoid"),
    ("incimap_latitude", "im_lat"),
    ("incimap_longitude", "im_lon"),
    ("incimap_wkt", "im_wkt"),
    ("incimap_line", "im_line"),
];

/// The name of one of incimap's own fields, short under `--short-names`.
pub fn own_name(name: &'static str, short: bool) -> &'static str {
    if !short {
        return name;
    }
    SHORT_NAMES
        .iter()
        .find(|(long, _)| *long == name)
        .map_or(name, |(_, s)| s)
}

/// Names for `headers`: cleaned, empty ones `column_N`, made unique
/// case-blind against each other, incimap's own fields and `reserved`.
/// `short` cuts each to 10 bytes, a suffix `_2`, `_3`... included.
fn column_names(headers: &[String], short: bool, reserved: &[&str]) -> Vec<String> {
    use std::collections::{HashMap, HashSet};
    let own = LOCATION_PROPERTIES
        .iter()
        .chain(&GEOCODED_COLUMNS)
        .chain(&["incimap_wkt", "incimap_line"]);
    let mut taken: HashSet<String> = own
        .map(|s| own_name(s, short).to_ascii_lowercase())
        .chain(reserved.iter().map(|s| s.to_ascii_lowercase()))
        .collect();
    // Names only ever join `taken`, so the first free suffix of a base
    // never goes down: each base remembers the last one tried (linear in
    // the number of columns, however many repeat).
    let mut suffixes: HashMap<String, usize> = HashMap::new();
    let limit = if short { 10 } else { usize::MAX };
    let mut names = Vec::with_capacity(headers.len());
    for (i, column) in headers.iter().enumerate() {
        let base = match crate::text::clean(column) {
            c if c.is_empty() => format!("column_{}", i + 1),
            c => c,
        };
        let mut name = cut(&base, limit).to_string();
        if taken.contains(&name.to_ascii_lowercase()) {
            let n = suffixes.entry(name.to_ascii_lowercase()).or_insert(1);
            loop {
                *n += 1;
                let suffix = format!("_{n}");
                name = format!("{}{suffix}", cut(&base, limit.saturating_sub(suffix.len())));
                if !taken.contains(&name.to_ascii_lowercase()) {
                    break;
                }
            }
        }
        taken.insert(name.to_ascii_lowercase());
        names.push(name);
    }
    names
}

/// `text` cut to at most `limit` bytes, at a character boundary.
fn cut(text: &str, limit: usize) -> &str {
    let mut end = text.len().min(limit);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// How the values of a column are typed in the outputs that declare types
/// (GeoPackage, `.csvt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// Text.
    Text,
    /// Whole numbers that fit in 32 bits.
    Integer,
    /// Whole numbers, some wider than 32 bits.
    Integer64,
    /// Numbers with decimals.
    Real,
    /// Dates, `YYYY-MM-DD`.
    Date,
    /// True or false.
    Boolean,
}

impl ColumnTypes {
    /// Starts a type inference for `schema`: call [`ColumnTypes::observe`]
    /// on every row, then [`ColumnTypes::finish`].
    pub fn start(schema: &Schema) -> ColumnTypes {
        let n = schema.columns.len();
        ColumnTypes {
            numeric: vec![true; n],
            seen: vec![false; n],
            integer: vec![true; n],
            wide: vec![false; n],
            headers: schema.columns.clone(),
            short: false,
            names: property_names(schema),
            keys: Vec::new(),
            fields: (0..n).map(|i| schema.field_of(i)).collect(),
        }
    }

    /// Takes one row's values into account.
    pub fn observe(&mut self, schema: &Schema, incident: &Incident) {
        for (i, value) in incident.fields.iter().enumerate().take(self.numeric.len()) {
            if self.numeric[i] && !value.trim().is_empty() {
                self.seen[i] = true;
                match as_number(schema, value) {
                    Some(number) => match number.as_i64() {
                        Some(v) => self.wide[i] |= i32::try_from(v).is_err(),
                        None => self.integer[i] = false,
                    },
                    None => self.numeric[i] = false,
                }
            }
        }
    }

    /// Decides each column's type: a count or coordinate field is numeric, a
    /// date, place, country or type field is text, and any other column is
    /// numeric when every non-empty value observed is a number ([`as_number`]).
    /// Either way every feature gets the same type (or null), so GDAL and
    /// geopandas infer one field type.
    pub fn finish(mut self, schema: &Schema) -> ColumnTypes {
        for i in 0..self.numeric.len() {
            self.numeric[i] = match schema.field_of(i) {
                Some(
                    Field::Fatalities
                    | Field::Injuries
                    | Field::Latitude
                    | Field::Longitude
                    | Field::GeoPrecision,
                ) => true,
                Some(
                    Field::Date
                    | Field::Place
                    | Field::Province
                    | Field::Country
                    | Field::Type
                    | Field::Description
                    | Field::Source,
                ) => false,
                _ => self.numeric[i] && self.seen[i],
            };
        }
        self.make_keys();
        self
    }

    /// The JSON keys, from the names.
    fn make_keys(&mut self) {
        let own = LOCATION_PROPERTIES.iter().map(|s| own_name(s, self.short));
        self.keys = self
            .names
            .iter()
            .map(String::as_str)
            .chain(own)
            .map(|name| format!("{}:", Value::String(name.to_string())))
            .collect();
    }

    /// The same types under names of at most 10 bytes (`--short-names`):
    /// incimap's own fields as in [`SHORT_NAMES`], the input's columns cut
    /// and made unique with `_2`, `_3`...
    pub fn with_short_names(mut self) -> ColumnTypes {
        self.short = true;
        self.names = column_names(&self.headers, true, &[]);
        self.make_keys();
        self
    }

    /// Renames the input's columns that clash (case-blind) with `reserved`,
    /// e.g. a GeoPackage's `fid` and `geom`.
    pub fn reserving(mut self, reserved: &[&str]) -> ColumnTypes {
        self.names = column_names(&self.headers, self.short, reserved);
        self.make_keys();
        self
    }

    /// Whether names are short (`--short-names`).
    pub fn short(&self) -> bool {
        self.short
    }

    /// The name of one of incimap's own fields in this output.
    pub fn own(&self, name: &'static str) -> &'static str {
        own_name(name, self.short)
    }

    /// The declared type of column `index`: numbers as whole (32 or 64 bits)
    /// or real, everything else text. Counts are whole, coordinates real.
    pub fn kind(&self, index: usize) -> ValueKind {
        match self.fields.get(index).copied().flatten() {
            Some(Field::Latitude | Field::Longitude) => ValueKind::Real,
            Some(Field::Fatalities | Field::Injuries | Field::GeoPrecision) => ValueKind::Integer,
            _ if !self.is_numeric(index) => ValueKind::Text,
            _ if !self.integer[index] => ValueKind::Real,
            _ if self.wide[index] => ValueKind::Integer64,
            _ => ValueKind::Integer,
        }
    }

    /// How many input columns there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the input has no columns.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Infers the types from every row at once.
    pub fn infer<'a>(schema: &Schema, rows: impl Iterator<Item = &'a Incident>) -> ColumnTypes {
        let mut types = ColumnTypes::start(schema);
        for incident in rows {
            types.observe(schema, incident);
        }
        types.finish(schema)
    }

    /// Whether every column's type follows from the schema alone, so a
    /// stream needs no first pass to infer them.
    pub fn known_from_schema(schema: &Schema) -> bool {
        (0..schema.columns.len()).all(|i| {
            matches!(
                schema.field_of(i),
                Some(
                    Field::Fatalities
                        | Field::Injuries
                        | Field::Latitude
                        | Field::Longitude
                        | Field::GeoPrecision
                        | Field::Date
                        | Field::Place
                        | Field::Province
                        | Field::Country
                        | Field::Type
                        | Field::Description
                        | Field::Source
                )
            )
        }) || schema.columns.is_empty()
    }

    /// Whether column `index` is written as numbers.
    pub fn is_numeric(&self, index: usize) -> bool {
        self.numeric.get(index).copied().unwrap_or(false)
    }

    /// The property name of column `index`.
    pub fn name(&self, index: usize) -> &str {
        self.names.get(index).map(String::as_str).unwrap_or("")
    }
}

/// A JSON value of one property, written straight into the output.
enum Prop<'a> {
    Null,
    Int(i64),
    Float(f64),
    Text(&'a str),
    Date(PartialDate),
    Number(Value),
    Bool(bool),
}

fn write_prop<W: Write>(out: &mut W, value: &Prop<'_>) -> io::Result<()> {
    match value {
        Prop::Null => out.write_all(b"null"),
        Prop::Int(n) => out.write_all(itoa::Buffer::new().format(*n).as_bytes()),
        Prop::Float(v) => serde_json::to_writer(&mut *out, v).map_err(io::Error::from),
        Prop::Text(s) => write_text(out, s),
        Prop::Date(d) => write_date(out, d),
        Prop::Number(v) => serde_json::to_writer(&mut *out, v).map_err(io::Error::from),
        Prop::Bool(b) => out.write_all(if *b { b"true" } else { b"false" }),
    }
}

/// Writes a date as a JSON string, `"2024"`, `"2024-03"` or `"2024-03-22"`,
/// digit by digit (this runs for every row).
fn write_date<W: Write>(out: &mut W, d: &PartialDate) -> io::Result<()> {
    if !(0..=9999).contains(&d.year) {
        return write!(out, "\"{d}\"");
    }
    let two = |v: u8| [b'-', b'0' + v / 10, b'0' + v % 10];
    let y = d.year as u32;
    let mut buf = [0u8; 12];
    buf[0] = b'"';
    buf[1..5].copy_from_slice(&[
        b'0' + (y / 1000) as u8,
        b'0' + (y / 100 % 10) as u8,
        b'0' + (y / 10 % 10) as u8,
        b'0' + (y % 10) as u8,
    ]);
    let mut end = 5;
    for part in [d.month, d.month.and(d.day)].into_iter().flatten() {
        buf[end..end + 3].copy_from_slice(&two(part));
        end += 3;
    }
    buf[end] = b'"';
    out.write_all(&buf[..=end])
}

/// Writes a JSON string, cleaned of control characters and odd white space ([`crate::text::clean`]).
fn write_text<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    if crate::text::is_plain(s) {
        out.write_all(b"\"")?;
        out.write_all(s.as_bytes())?;
        out.write_all(b"\"")
    } else if crate::text::is_clean(s) {
        serde_json::to_writer(&mut *out, s).map_err(io::Error::from)
    } else {
        serde_json::to_writer(&mut *out, &crate::text::clean(s)).map_err(io::Error::from)
    }
}

/// Writes one GeoJSON Feature for a located row: a Point, the input line as
/// its `id`, every input column as a property, then how the row was located.
/// The parts that repeat from row to row come from `memo`.
#[allow(clippy::too_many_arguments)]
fn write_feature(
    out: &mut Vec<u8>,
    memo: &mut Memo,
    schema: &Schema,
    types: &ColumnTypes,
    incident: &Incident,
    outcome: &Arc<Outcome>,
    line: u64,
    at: LonLat,
) -> io::Result<()> {
    out.extend_from_slice(b"{\"type\":\"Feature\",\"id\":");
    out.extend_from_slice(itoa::Buffer::new().format(line).as_bytes());
    out.push(b',');
    let columns = schema.columns.len();
    memo.make_room();
    let date = (incident.date, incident.date_end, incident.date_approximate);
    let dates = memo.date_part(date, |bytes| write_dates(bytes, types, columns, date))?;
    let (parts, fresh) = memo.outcome_parts(outcome, |bytes| {
        write_geometry(bytes, at)?;
        let geometry = bytes.len();
        write_status(bytes, types, columns, outcome)?;
        let status = bytes.len();
        write_match(bytes, types, columns, outcome)?;
        Ok([geometry, status, bytes.len()])
    })?;
    let from = if fresh { &memo.fresh } else { &memo.bytes };
    let part = |k: usize| &from[parts[k]..parts[k + 1]];
    out.extend_from_slice(part(0));
    for i in 0..columns {
        write_key(out, types, i);
        write_prop(out, &column_prop(schema, types, incident, i))?;
    }
    out.extend_from_slice(&memo.bytes[dates[0]..dates[1]]);
    out.extend_from_slice(part(1));
    write_key(out, types, columns + 7);
    write_prop(out, &source_precision_prop(schema, incident))?;
    out.extend_from_slice(part(2));
    Ok(())
}

/// The value of input column `i` of a row, as every output writes it:
/// counts and coordinates as read, numbers in numeric columns, text.
fn column_prop<'a>(
    schema: &Schema,
    types: &ColumnTypes,
    incident: &'a Incident,
    i: usize,
) -> Prop<'a> {
    let count = |n: Option<u32>| n.map_or(Prop::Null, |n| Prop::Int(n.into()));
    let raw = incident.fields.get(i).map_or("", |s| crate::text::trim(s));
    match types.fields[i] {
        Some(Field::Fatalities) => count(incident.fatalities),
        Some(Field::Injuries) => count(incident.injuries),
        Some(Field::GeoPrecision) => count(incident.geo_precision.map(u32::from)),
        Some(Field::Latitude) => incident.given.map_or(Prop::Null, |g| Prop::Float(g.lat)),
        Some(Field::Longitude) => incident.given.map_or(Prop::Null, |g| Prop::Float(g.lon)),
        _ if raw.is_empty() => Prop::Null,
        _ if types.is_numeric(i) => as_number(schema, raw).map_or(Prop::Null, Prop::Number),
        _ => Prop::Text(raw),
    }
}

/// `incimap_source_precision`: the source's own precision code in words.
fn source_precision_prop(schema: &Schema, incident: &Incident) -> Prop<'static> {
    incident
        .geo_precision
        .and_then(|code| schema.layout.describe_precision(code))
        .map_or(Prop::Null, Prop::Text)
}

/// The values of [`LOCATION_PROPERTIES`] for a row, in order.
fn location_props<'a>(
    schema: &Schema,
    incident: &Incident,
    outcome: &'a Outcome,
) -> [Prop<'a>; 12] {
    let [d, dp, ds, de, da] =
        date_props((incident.date, incident.date_end, incident.date_approximate));
    let [st, pr] = status_props(outcome);
    let [pl, co, ad, id] = match_props(outcome);
    let sp = source_precision_prop(schema, incident);
    [d, dp, ds, de, da, st, pr, sp, pl, co, ad, id]
}

/// Writes property `index`'s key (after a comma unless it is the first).
fn write_key(out: &mut Vec<u8>, types: &ColumnTypes, index: usize) {
    if index > 0 {
        out.push(b',');
    }
    out.extend_from_slice(types.keys[index].as_bytes());
}

/// `"geometry":{...},"properties":{`
fn write_geometry(out: &mut Vec<u8>, at: LonLat) -> io::Result<()> {
    out.extend_from_slice(b"\"geometry\":{\"type\":\"Point\",\"coordinates\":[");
    serde_json::to_writer(&mut *out, &round6(at.lon))?;
    out.push(b',');
    serde_json::to_writer(&mut *out, &round6(at.lat))?;
    out.extend_from_slice(b"]},\"properties\":{");
    Ok(())
}

/// A row's date, when it is a span its last date, and whether the source
/// calls it approximate.
type DateKey = (Option<PartialDate>, Option<PartialDate>, bool);

/// The date, its precision, first and last day, and whether it is
/// approximate (`incimap_date`...); the last day of a span is its end's.
fn write_dates(
    out: &mut Vec<u8>,
    types: &ColumnTypes,
    columns: usize,
    date: DateKey,
) -> io::Result<()> {
    for (k, value) in date_props(date).iter().enumerate() {
        write_key(out, types, columns + k);
        write_prop(out, value)?;
    }
    Ok(())
}

/// `incimap_date` (a full date: the day, or the first day of the month or
/// year the source gives), its precision, first and last day, and
/// `incimap_date_approximate`: whether the source says `c.`, `circa` or
/// `approx.` (null without a date).
fn date_props((date, end, approximate): DateKey) -> [Prop<'static>; 5] {
    match date {
        Some(d) => [
            Prop::Date(d.start()),
            Prop::Text(d.precision().as_str()),
            Prop::Date(d.start()),
            Prop::Date(end.unwrap_or(d).end()),
            Prop::Bool(approximate),
        ],
        None => [Prop::Null, Prop::Null, Prop::Null, Prop::Null, Prop::Null],
    }
}

/// `incimap_status` and `incimap_precision`.
fn status_props(outcome: &Outcome) -> [Prop<'_>; 2] {
    let precision = outcome.precision.map(|p| p.as_str());
    [
        Prop::Text(outcome.status.as_str()),
        precision.map_or(Prop::Null, Prop::Text),
    ]
}

/// The gazetteer entry's name, country, province and id.
fn match_props(outcome: &Outcome) -> [Prop<'_>; 4] {
    let matched = outcome.matched.as_ref();
    fn text(s: &str) -> Option<Prop<'_>> {
        (!s.is_empty()).then_some(Prop::Text(s))
    }
    [
        matched.and_then(|m| text(&m.name)),
        matched.and_then(|m| text(&m.country)),
        matched.and_then(|m| text(&m.admin1)),
        matched
            .and_then(|m| m.geonameid)
            .map(|id| Prop::Int(id as i64)),
    ]
    .map(|v| v.unwrap_or(Prop::Null))
}

/// `incimap_status` and `incimap_precision`.
fn write_status(
    out: &mut Vec<u8>,
    types: &ColumnTypes,
    columns: usize,
    outcome: &Outcome,
) -> io::Result<()> {
    for (k, value) in status_props(outcome).iter().enumerate() {
        write_key(out, types, columns + 5 + k);
        write_prop(out, value)?;
    }
    Ok(())
}

/// The gazetteer entry's name, country, province and id, and the feature's end.
fn write_match(
    out: &mut Vec<u8>,
    types: &ColumnTypes,
    columns: usize,
    outcome: &Outcome,
) -> io::Result<()> {
    for (k, value) in match_props(outcome).iter().enumerate() {
        write_key(out, types, columns + 8 + k);
        write_prop(out, value)?;
    }
    out.extend_from_slice(b"}}");
    Ok(())
}

/// Parts of features that repeat from row to row, encoded once: the
/// geometry and location properties of each geocoder answer, the date
/// properties of each date. Each [`Encoder`] has its own.
#[derive(Clone, Default)]
struct Memo {
    bytes: Vec<u8>,
    /// Per answer, by address: where its parts start and end in `bytes`
    /// (small entries, so that the table stays in the cache).
    outcomes: HashMap<usize, [u32; 4], FixedState>,
    /// The answers in `outcomes`, kept so that no other can take their address.
    kept: Vec<Arc<Outcome>>,
    dates: HashMap<DateKey, [usize; 2], FixedState>,
    /// The parts for an answer with coordinates from the row, made afresh.
    fresh: Vec<u8>,
}

/// Answers and dates remembered at most, so that memory stays flat.
const MEMO_LIMIT: usize = 1 << 16;

impl Memo {
    /// Forgets everything when full (before a row, so that the parts of
    /// one row stay where they are).
    fn make_room(&mut self) {
        if self.outcomes.len() >= MEMO_LIMIT || self.dates.len() >= MEMO_LIMIT {
            self.bytes.clear();
            self.outcomes.clear();
            self.kept.clear();
            self.dates.clear();
        }
    }

    /// Where the geometry, status and match parts of a feature with
    /// `outcome` start and end, and whether they are in `fresh` (answers
    /// with coordinates from the row) rather than `bytes`.
    fn outcome_parts(
        &mut self,
        outcome: &Arc<Outcome>,
        write: impl FnOnce(&mut Vec<u8>) -> io::Result<[usize; 3]>,
    ) -> io::Result<([usize; 4], bool)> {
        if outcome.status == Status::Given {
            self.fresh.clear();
            let [a, b, c] = write(&mut self.fresh)?;
            return Ok(([0, a, b, c], true));
        }
        let key = Arc::as_ptr(outcome) as usize;
        if let Some(ends) = self.outcomes.get(&key) {
            return Ok((ends.map(|e| e as usize), false));
        }
        let start = self.bytes.len();
        let [a, b, c] = write(&mut self.bytes)?;
        let ends = [start, a, b, c];
        // The limit on entries keeps the bytes far below 4 GB.
        self.outcomes.insert(key, ends.map(|e| e as u32));
        self.kept.push(Arc::clone(outcome));
        Ok((ends, false))
    }

    /// Where the date properties for `date` start and end in `bytes`.
    fn date_part(
        &mut self,
        date: DateKey,
        write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<[usize; 2]> {
        if let Some(range) = self.dates.get(&date) {
            return Ok(*range);
        }
        let start = self.bytes.len();
        write(&mut self.bytes)?;
        let range = [start, self.bytes.len()];
        self.dates.insert(date, range);
        Ok(range)
    }
}

/// How many encoded bytes [`Exporter::write`] and [`ReportWriter::write`]
/// gather before writing them out.
pub const PENDING_BYTES: usize = 1 << 16;

/// Rows encoded for one output, a batch at a time: made on a worker
/// thread by an [`Encoder`] or [`encode_report`], written in input order by
/// an [`Exporter`] or a [`ReportWriter`].
#[derive(Default)]
pub struct Chunk {
    bytes: Vec<u8>,
    records: Vec<gpkg::Record>,
    csv: Option<csv::Writer<Vec<u8>>>,
    bbox: Option<[f64; 4]>,
    features: usize,
}

impl Chunk {
    fn csv(&mut self) -> &mut csv::Writer<Vec<u8>> {
        self.csv.get_or_insert_with(|| {
            csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new())
        })
    }

    /// How many bytes are encoded.
    fn len(&self) -> usize {
        self.bytes.len()
            + self.csv.as_ref().map_or(0, |csv| csv.get_ref().len())
            + self.records.len() * 256
    }

    /// The encoded bytes, emptying the chunk.
    fn take_bytes(&mut self) -> io::Result<Vec<u8>> {
        let mut bytes = std::mem::take(&mut self.bytes);
        if let Some(csv) = self.csv.take() {
            let csv = csv
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?;
            bytes.extend_from_slice(&csv);
        }
        Ok(bytes)
    }
}

/// How rows become features or CSV lines in one export [`Format`]: each
/// thread that encodes rows has one (they remember what repeats from row to
/// row), while an [`Exporter`] writes what they made.
#[derive(Clone)]
pub struct Encoder {
    format: Format,
    schema: Schema,
    types: ColumnTypes,
    memo: Memo,
    /// What a CSV does with cells that look like formulas.
    formulas: Formulas,
}

impl Encoder {
    /// Encodes one row into `chunk`: a feature if it has a location
    /// (GeoJSON formats), or a CSV line for every row that was read.
    pub fn encode(&mut self, row: &Located, chunk: &mut Chunk) -> io::Result<()> {
        let Some(incident) = row.incident.as_ref() else {
            return Ok(());
        };
        let o = &row.outcome;
        if self.format == Format::Csv {
            let coordinate = |f: fn(&LonLat) -> f64| {
                o.location
                    .map(|l| round6(f(&l)).to_string())
                    .unwrap_or_default()
            };
            let (lat, lon) = (coordinate(|l| l.lat), coordinate(|l| l.lon));
            // The input's fields as read (padded to the header), borrowed.
            let width = self.schema.columns.len();
            let fields = incident
                .fields
                .iter()
                .map(String::as_str)
                .chain(std::iter::repeat(""));
            let wkt = o.location.map_or(String::new(), |l| {
                format!("POINT ({} {})", round6(l.lon), round6(l.lat))
            });
            let approximate = match incident.date {
                Some(_) if incident.date_approximate => "true",
                Some(_) => "false",
                None => "",
            };
            let added = [
                lat.as_str(),
                lon.as_str(),
                o.precision.map_or("", |p| p.as_str()),
                o.status.as_str(),
                approximate,
                wkt.as_str(),
            ];
            let csv = chunk.csv();
            for field in fields.take(width) {
                csv.write_field(self.formulas.guard(field).as_bytes())?;
            }
            return csv.write_record(added).map_err(io::Error::from);
        }
        let Some(at) = o.location else {
            return Ok(());
        };
        let b = chunk.bbox.get_or_insert([at.lon, at.lat, at.lon, at.lat]);
        *b = [
            b[0].min(at.lon),
            b[1].min(at.lat),
            b[2].max(at.lon),
            b[3].max(at.lat),
        ];
        if self.format == Format::Gpkg {
            let record = gpkg::record(&self.schema, &self.types, incident, o, row.line, at);
            chunk.records.push(record);
            chunk.features += 1;
            return Ok(());
        }
        let out = &mut chunk.bytes;
        // Every feature is preceded by its separator; the exporter drops
        // the comma before the first feature of the collection.
        match self.format {
            Format::GeoJson => out.extend_from_slice(b",\n"),
            _ => out.push(0x1E),
        }
        let (schema, types) = (&self.schema, &self.types);
        write_feature(
            out,
            &mut self.memo,
            schema,
            types,
            incident,
            o,
            row.line,
            at,
        )?;
        if self.format == Format::GeoJsonSeq {
            out.push(b'\n');
        }
        chunk.features += 1;
        Ok(())
    }
}

/// Writes located rows as they come, in one of the export [`Format`]s: the
/// whole output never sits in memory. Rows come one at a time
/// ([`Exporter::write`]) or as chunks encoded elsewhere
/// ([`Exporter::write_chunk`]); call [`Exporter::finish`] at the end.
pub struct Exporter<W: Write> {
    out: W,
    /// A GeoPackage is built in a scratch file and copied into `out` at the end.
    gpkg: Option<gpkg::GpkgWriter>,
    encoder: Encoder,
    bbox: Option<[f64; 4]>,
    features: usize,
    pending: Chunk,
}

impl<W: Write> Exporter<W> {
    /// Starts the output: the FeatureCollection's opening or the CSV header.
    pub fn new(
        format: Format,
        schema: &Schema,
        types: ColumnTypes,
        mut out: W,
    ) -> io::Result<Exporter<W>> {
        match format {
            Format::Csv => {
                let mut header = Chunk::default();
                header.csv().write_record(csv_header(schema, &types))?;
                out.write_all(&header.take_bytes()?)?;
            }
            Format::GeoJson => out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?,
            Format::GeoJsonSeq | Format::Gpkg => {}
        }
        let gpkg = match format {
            Format::Gpkg => Some(gpkg::GpkgWriter::scratch(&types)?),
            _ => None,
        };
        Ok(Exporter {
            out,
            gpkg,
            encoder: Encoder {
                format,
                schema: schema.clone(),
                types,
                memo: Memo::default(),
                formulas: Formulas::default(),
            },
            bbox: None,
            features: 0,
            pending: Chunk::default(),
        })
    }

    /// An encoder for this output, for a thread that encodes rows into [`Chunk`]s.
    pub fn encoder(&self) -> Encoder {
        Encoder {
            memo: Memo::default(),
            ..self.encoder.clone()
        }
    }

    /// Sets what a CSV does with cells that look like formulas (by default
    /// they are neutralised); other formats keep the text as it was.
    pub fn with_formulas(mut self, formulas: Formulas) -> Exporter<W> {
        self.encoder.formulas = formulas;
        self
    }

    /// Writes one row: a feature if it has a location (GeoJSON formats), or
    /// a CSV line for every row that was read. Rows are gathered into
    /// writes of about [`PENDING_BYTES`].
    pub fn write(&mut self, row: &Located) -> io::Result<()> {
        self.encoder.encode(row, &mut self.pending)?;
        if self.pending.len() >= PENDING_BYTES {
            self.flush_pending()?;
        }
        Ok(())
    }

    fn flush_pending(&mut self) -> io::Result<()> {
        let mut chunk = std::mem::take(&mut self.pending);
        self.write_chunk(&mut chunk)?;
        self.pending = chunk;
        Ok(())
    }

    /// Writes rows encoded by this exporter's [`Encoder`], emptying `chunk`.
    pub fn write_chunk(&mut self, chunk: &mut Chunk) -> io::Result<()> {
        if let Some(gpkg) = self.gpkg.as_mut() {
            return gpkg.write_chunk(chunk);
        }
        if let Some(b) = chunk.bbox.take() {
            let mine = self.bbox.get_or_insert(b);
            *mine = [
                mine[0].min(b[0]),
                mine[1].min(b[1]),
                mine[2].max(b[2]),
                mine[3].max(b[3]),
            ];
        }
        let mut bytes = chunk.take_bytes()?;
        let skip = usize::from(
            self.encoder.format == Format::GeoJson && self.features == 0 && !bytes.is_empty(),
        );
        self.out.write_all(&bytes[skip..])?;
        self.features += std::mem::take(&mut chunk.features);
        bytes.clear();
        chunk.bytes = bytes;
        Ok(())
    }

    /// Ends the output (the FeatureCollection's `bbox` and closing brace) and flushes it.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush_pending()?;
        if let Some(gpkg) = self.gpkg.take() {
            gpkg.finish_into(&mut self.out)?;
        }
        if self.encoder.format == Format::GeoJson {
            let out = &mut self.out;
            out.write_all(b"\n]")?;
            if let Some(bbox) = self.bbox {
                let bbox: Vec<f64> = bbox.iter().map(|v| round6(*v)).collect();
                write!(out, ",\"bbox\":{}", serde_json::to_string(&bbox)?)?;
            }
            out.write_all(b"}\n")?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The column types of a geocoded input, inferred from every row that was read.
fn column_types(geocoded: &Geocoded) -> ColumnTypes {
    ColumnTypes::infer(
        &geocoded.schema,
        geocoded.rows.iter().filter_map(|r| r.incident.as_ref()),
    )
}

fn write_all<W: Write>(format: Format, geocoded: &Geocoded, out: W) -> io::Result<()> {
    let mut exporter = Exporter::new(format, &geocoded.schema, column_types(geocoded), out)?;
    for row in &geocoded.rows {
        exporter.write(row)?;
    }
    exporter.finish().map(drop)
}

/// Writes the located rows as an RFC 7946 FeatureCollection with a `bbox`,
/// one feature per line. Same rows in, same bytes out.
pub fn write_geojson<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    write_all(Format::GeoJson, geocoded, out)
}

/// Writes the located rows as GeoJSON text sequences (RFC 8142): each
/// feature is the record separator byte 0x1E, one Feature, and a line feed.
/// Readers can take one feature at a time, however large the file.
pub fn write_geojson_seq<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    write_all(Format::GeoJsonSeq, geocoded, out)
}

/// Writes the input rows that were read, with six columns added:
/// `incimap_latitude`, `incimap_longitude`, `incimap_precision`,
/// `incimap_status`, `incimap_date_approximate` (`true` when the source
/// says `c.`, `circa` or `approx.`, empty without a date) and `incimap_wkt`
/// (`POINT (lon lat)`).
pub fn write_geocoded_csv<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    write_all(Format::Csv, geocoded, out)
}

/// Writes the located rows as a GeoPackage into `out` (built in a scratch
/// file first: SQLite needs a file). To write a file in place, use [`FileExporter`].
pub fn write_geopackage<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    write_all(Format::Gpkg, geocoded, out)
}

/// The columns the geocoded CSV adds after the input's.
pub const GEOCODED_COLUMNS: [&str; 6] = [
    "incimap_latitude",
    "incimap_longitude",
    "incimap_precision",
    "incimap_status",
    "incimap_date_approximate",
    "incimap_wkt",
];

/// The geocoded CSV's header: the input's names as they were (or short
/// ones under `--short-names`), then [`GEOCODED_COLUMNS`].
fn csv_header<'a>(schema: &'a Schema, types: &'a ColumnTypes) -> Vec<&'a str> {
    let input: Vec<&str> = if types.short() {
        (0..types.len()).map(|i| types.name(i)).collect()
    } else {
        schema.columns.iter().map(String::as_str).collect()
    };
    let own = GEOCODED_COLUMNS.iter().map(|c| types.own(c));
    input.into_iter().chain(own).collect()
}

/// The `.csvt` sidecar of a geocoded CSV: one GDAL type per column, so that
/// GDAL and QGIS read numbers as numbers and `incimap_wkt` as the geometry.
/// The input's columns keep their text as written, so only the numeric ones
/// that GDAL reads the same way are typed: not coordinates (which may say
/// `55.7N`) and nothing in a file with decimal commas.
pub fn csvt(schema: &Schema, types: &ColumnTypes) -> String {
    let mut kinds: Vec<&str> = (0..types.len())
        .map(|i| match types.kind(i) {
            _ if schema.dialect.decimal_comma => "String",
            _ if matches!(schema.field_of(i), Some(Field::Latitude | Field::Longitude)) => "String",
            ValueKind::Integer => "Integer",
            ValueKind::Integer64 => "Integer64",
            ValueKind::Real => "Real",
            ValueKind::Date => "Date",
            ValueKind::Boolean => "Integer(Boolean)",
            ValueKind::Text => "String",
        })
        .collect();
    kinds.extend([
        "Real",
        "Real",
        "String",
        "String",
        "Integer(Boolean)",
        "WKT",
    ]);
    let quoted: Vec<String> = kinds.iter().map(|k| format!("\"{k}\"")).collect();
    format!("{}\n", quoted.join(","))
}

/// An export written to a file (or standard output) in any [`Format`]:
/// GeoJSON, GeoJSON sequences and CSV stream through an [`Exporter`], a
/// GeoPackage goes into SQLite. A CSV file gets its `.csvt` (column types)
/// and `.prj` (WGS 84) beside it, which GDAL and QGIS read.
pub enum FileExporter {
    /// A streamed format.
    Stream {
        /// The exporter, writing into a temporary file.
        exporter: Box<Exporter<AtomicFile>>,
        /// The target, for the `.csvt` beside a CSV.
        path: std::path::PathBuf,
        /// The `.csvt` to write beside a CSV.
        csvt: Option<String>,
    },
    /// A GeoPackage.
    Gpkg {
        /// The database being written.
        writer: Box<gpkg::GpkgWriter>,
        /// Encodes rows for it.
        encoder: Box<Encoder>,
    },
}

impl FileExporter {
    /// Starts writing `path` (`-` for standard output) in `format`; `csv`
    /// says how a CSV is written.
    pub fn create(
        format: Format,
        path: &std::path::Path,
        schema: &Schema,
        types: ColumnTypes,
        csv: CsvOptions,
    ) -> io::Result<FileExporter> {
        if format == Format::Gpkg {
            let writer = Box::new(gpkg::GpkgWriter::create(path, &types)?);
            let encoder = Box::new(Encoder {
                format,
                schema: schema.clone(),
                types,
                memo: Memo::default(),
                formulas: Formulas::Keep,
            });
            return Ok(FileExporter::Gpkg { writer, encoder });
        }
        let mut file = AtomicFile::create(path)?;
        if csv.excel && format == Format::Csv {
            file.write_all("\u{feff}".as_bytes())?;
        }
        let to_file = format == Format::Csv && path.as_os_str() != "-";
        let csvt = to_file.then(|| csvt(schema, &types));
        let exporter = Exporter::new(format, schema, types, file)?.with_formulas(csv.formulas);
        Ok(FileExporter::Stream {
            exporter: Box::new(exporter),
            path: path.to_path_buf(),
            csvt,
        })
    }

    /// An encoder for this output, for a thread that encodes rows into [`Chunk`]s.
    pub fn encoder(&self) -> Encoder {
        match self {
            FileExporter::Stream { exporter, .. } => exporter.encoder(),
            FileExporter::Gpkg { encoder, .. } => Encoder {
                memo: Memo::default(),
                ..(**encoder).clone()
            },
        }
    }

    /// Writes rows encoded by this output's [`Encoder`], emptying `chunk`.
    pub fn write_chunk(&mut self, chunk: &mut Chunk) -> io::Result<()> {
        match self {
            FileExporter::Stream { exporter, .. } => exporter.write_chunk(chunk),
            FileExporter::Gpkg { writer, .. } => writer.write_chunk(chunk),
        }
    }

    /// Completes the output and gives it its name (and the `.csvt` beside a CSV).
    pub fn commit(self) -> io::Result<()> {
        crate::output::commit_all(self.finish()?)
    }

    /// Completes the output: its files (and the `.csvt` and `.prj` beside a
    /// CSV), complete but not yet named, for [`crate::output::commit_all`]
    /// with a run's other outputs.
    pub fn finish(self) -> io::Result<Vec<AtomicFile>> {
        match self {
            FileExporter::Stream {
                exporter,
                path,
                csvt,
            } => {
                let mut files = vec![exporter.finish()?];
                if let Some(csvt) = csvt {
                    let sidecars = [("csvt", csvt.as_str()), ("prj", gpkg::WGS84_WKT)];
                    for (extension, text) in sidecars {
                        let sidecar = path.with_extension(extension);
                        files.push(AtomicFile::with_bytes(&sidecar, text.as_bytes())?);
                    }
                }
                Ok(files)
            }
            FileExporter::Gpkg { writer, .. } => Ok(writer.finish()?.into_iter().collect()),
        }
    }
}

/// The formats `incimap export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 7946 GeoJSON FeatureCollection (`.geojson`, `.json`).
    GeoJson,
    /// RFC 8142 GeoJSON text sequence (`.geojsons`), for large data.
    GeoJsonSeq,
    /// The input's columns plus coordinates, precision, status and WKT (`.csv`).
    Csv,
    /// OGC GeoPackage (`.gpkg`): a typed points layer with an R-tree index.
    Gpkg,
}

impl Format {
    /// Every format, for help texts.
    pub const ALL: [Format; 4] = [
        Format::GeoJson,
        Format::GeoJsonSeq,
        Format::Csv,
        Format::Gpkg,
    ];

    /// The name used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::GeoJson => "geojson",
            Format::GeoJsonSeq => "geojsons",
            Format::Csv => "csv",
            Format::Gpkg => "gpkg",
        }
    }

    /// Parses a `--format` name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The format a file name's extension asks for, if it asks.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "geojson" | "json" => Some(Format::GeoJson),
            "geojsons" | "geojsonseq" | "jsonseq" => Some(Format::GeoJsonSeq),
            "csv" => Some(Format::Csv),
            "gpkg" => Some(Format::Gpkg),
            _ => None,
        }
    }

    /// The format for `path`: `explicit` if given, else the extension's,
    /// else GeoJSON for standard output. An error names the extension.
    pub fn choose(explicit: Option<Format>, path: &std::path::Path) -> Result<Format, String> {
        if let Some(f) = explicit {
            return Ok(f);
        }
        if path.as_os_str() == "-" {
            return Ok(Format::GeoJson);
        }
        Format::from_path(path).ok_or_else(|| {
            format!(
                "cannot tell the format of {} from its extension; name it .geojson, .geojsons, .csv or .gpkg, or use --format",
                path.display()
            )
        })
    }

    /// Writes the geocoded input in this format.
    pub fn write<W: Write>(self, geocoded: &Geocoded, out: W) -> io::Result<()> {
        match self {
            Format::GeoJson => write_geojson(geocoded, out),
            Format::GeoJsonSeq => write_geojson_seq(geocoded, out),
            Format::Csv => write_geocoded_csv(geocoded, out),
            Format::Gpkg => write_geopackage(geocoded, out),
        }
    }
}

/// Columns of `geocode-report.csv`. `cell_warnings` lists the row's cells
/// that could not be read and were read as empty (`column `nkill`: `many`
/// is not a whole number; read as empty`), separated by ` | `.
pub const REPORT_COLUMNS: [&str; 16] = [
    "line",
    "place",
    "country_hint",
    "status",
    "precision",
    "matched_name",
    "geonameid",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "candidates",
    "runner_up",
    "suggestion",
    "reason",
    "cell_warnings",
];

/// A text cell that a spreadsheet would not run as a formula: one that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, as
/// OWASP recommends against CSV injection, unless it is a plain number
/// (`-12.5`, `+3`, `-1,5`, `-2e-3`, `-4%`), which a spreadsheet reads as
/// that number and which runs nothing.
pub fn no_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A sign, digits with `.` or `,` among them, an optional exponent and an
/// optional `%`: no letter, operator or parenthesis a formula would need.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let digits = digits.strip_suffix('%').unwrap_or(digits);
    let (mantissa, exponent) = match digits.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    mantissa.bytes().any(|b| b.is_ascii_digit())
        && mantissa
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && exponent.is_none_or(all_digits)
}

/// What the CSV outputs (the geocoded CSV and the report) do with cells
/// that a spreadsheet would run as formulas. The GeoJSON and the GeoPackage
/// always keep the text as it was.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Formulas {
    /// Such cells get a leading `'` ([`no_formula`]): the default.
    #[default]
    Neutralise,
    /// The text as it was (`--raw`).
    Keep,
}

impl Formulas {
    /// `text` as this policy writes it into a CSV cell.
    pub fn guard(self, text: &str) -> std::borrow::Cow<'_, str> {
        match self {
            Formulas::Neutralise => no_formula(text),
            Formulas::Keep => text.into(),
        }
    }
}

/// How an export writes CSV: with a byte order mark for Excel, and what it
/// does with formulas.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte order mark, which Excel needs to read UTF-8.
    pub excel: bool,
    /// Cells that a spreadsheet would run as formulas.
    pub formulas: Formulas,
}

/// Encodes one row's line of the geocoding report into `chunk`, for a
/// [`ReportWriter`]. Text fields are borrowed: this runs for every input row.
/// Text cells pass `formulas`.
pub fn encode_report(row: &Located, formulas: Formulas, chunk: &mut Chunk) -> io::Result<()> {
    let o = &row.outcome;
    let m = o.matched.as_ref();
    let incident = row.incident.as_ref();
    let numbers = [
        row.line.to_string(),
        o.location
            .map(|l| round6(l.lat).to_string())
            .unwrap_or_default(),
        o.location
            .map(|l| round6(l.lon).to_string())
            .unwrap_or_default(),
        o.candidates.to_string(),
        m.and_then(|m| m.geonameid)
            .map(|id| id.to_string())
            .unwrap_or_default(),
    ];
    let suggestions = if o.suggestions.is_empty() {
        String::new()
    } else {
        o.suggestions.join("; ")
    };
    let warnings = incident.map_or(String::new(), cell_warnings);
    let text = |s| formulas.guard(s);
    let texts = [
        text(incident.map_or("", |i| i.place.as_str())),
        text(incident.map_or("", |i| i.country.as_str())),
        text(m.map_or("", |m| m.name.as_str())),
        text(m.map_or("", |m| m.admin1.as_str())),
        text(o.runner_up.as_deref().unwrap_or("")),
        text(&suggestions),
        text(&o.reason),
        text(&warnings),
    ];
    let fields: [&str; 16] = [
        &numbers[0],
        &texts[0],
        &texts[1],
        o.status.as_str(),
        o.precision.map_or("", |p| p.as_str()),
        &texts[2],
        &numbers[4],
        m.map_or("", |m| m.country.as_str()),
        &texts[3],
        &numbers[1],
        &numbers[2],
        &numbers[3],
        &texts[4],
        &texts[5],
        &texts[6],
        &texts[7],
    ];
    chunk.csv().write_record(fields).map_err(io::Error::from)
}

/// A row's cells that were read as empty, for the report: column and why.
fn cell_warnings(incident: &Incident) -> String {
    let mut text = String::new();
    for (i, cell) in incident.bad_cells.iter().enumerate() {
        if i > 0 {
            text.push_str(" | ");
        }
        if let Some(column) = &cell.column {
            text.push_str(&format!("column `{column}`: "));
        }
        text.push_str(&cell.message);
        text.push_str("; read as empty");
    }
    text
}

/// Writes the per-row geocoding report as rows come: one line per input row.
pub struct ReportWriter<W: Write> {
    out: W,
    pending: Chunk,
    formulas: Formulas,
}

impl<W: Write> ReportWriter<W> {
    /// Starts the report with its header.
    pub fn new(mut out: W) -> io::Result<ReportWriter<W>> {
        let mut header = Chunk::default();
        header.csv().write_record(REPORT_COLUMNS)?;
        out.write_all(&header.take_bytes()?)?;
        Ok(ReportWriter {
            out,
            pending: Chunk::default(),
            formulas: Formulas::default(),
        })
    }

    /// Sets what the report does with cells that look like formulas (by
    /// default they are neutralised).
    pub fn with_formulas(mut self, formulas: Formulas) -> ReportWriter<W> {
        self.formulas = formulas;
        self
    }

    /// Writes one row's line (gathered into writes of about [`PENDING_BYTES`]).
    pub fn write(&mut self, row: &Located) -> io::Result<()> {
        encode_report(row, self.formulas, &mut self.pending)?;
        if self.pending.len() >= PENDING_BYTES {
            let mut chunk = std::mem::take(&mut self.pending);
            self.write_chunk(&mut chunk)?;
        }
        Ok(())
    }

    /// Writes lines made by [`encode_report`], emptying `chunk`.
    pub fn write_chunk(&mut self, chunk: &mut Chunk) -> io::Result<()> {
        self.out.write_all(&chunk.take_bytes()?)
    }

    /// Flushes the report and hands back its output.
    pub fn finish(mut self) -> io::Result<W> {
        let mut chunk = std::mem::take(&mut self.pending);
        self.write_chunk(&mut chunk)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes the per-row geocoding report: one row per input row, in line order.
pub fn write_report<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    let mut report = ReportWriter::new(out)?;
    for row in &geocoded.rows {
        report.write(row)?;
    }
    report.finish().map(drop)
}
