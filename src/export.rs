//! RFC 7946 GeoJSON, the per-row geocoding report and the geocoded CSV.

use std::io::{self, Write};

use serde_json::Value;

use std::collections::HashMap;
use std::sync::Arc;

use foldhash::fast::FixedState;

use crate::geocode::{Geocoded, Located, Outcome, Status};
use crate::incident::{Field, Incident, LonLat, PartialDate, Schema};

/// Rounds a coordinate to 6 decimals (about 0.1 m), the most RFC 7946 needs.
pub fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The property names incimap adds to each feature, after the input's columns.
pub const LOCATION_PROPERTIES: [&str; 11] = [
    "incimap_date",
    "incimap_date_precision",
    "incimap_date_start",
    "incimap_date_end",
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
pub fn property_names(schema: &Schema) -> Vec<String> {
    let mut taken: Vec<String> = LOCATION_PROPERTIES.iter().map(|s| s.to_string()).collect();
    let mut names = Vec::with_capacity(schema.columns.len());
    for (i, column) in schema.columns.iter().enumerate() {
        let base = match crate::text::clean(column) {
            c if c.is_empty() => format!("column_{}", i + 1),
            c => c,
        };
        let mut name = base.clone();
        let mut n = 1;
        while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            n += 1;
            name = format!("{base}_{n}");
        }
        taken.push(name.clone());
        names.push(name);
    }
    names
}

impl ColumnTypes {
    /// Starts a type inference for `schema`: call [`ColumnTypes::observe`]
    /// on every row, then [`ColumnTypes::finish`].
    pub fn start(schema: &Schema) -> ColumnTypes {
        let n = schema.columns.len();
        ColumnTypes {
            numeric: vec![true; n],
            seen: vec![false; n],
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
                self.numeric[i] = as_number(schema, value).is_some();
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
        self.keys = self
            .names
            .iter()
            .chain(
                LOCATION_PROPERTIES
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .map(|name| format!("{}:", Value::String(name.clone())))
            .collect();
        self
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
}

fn write_prop<W: Write>(out: &mut W, value: &Prop<'_>) -> io::Result<()> {
    match value {
        Prop::Null => out.write_all(b"null"),
        Prop::Int(n) => out.write_all(itoa::Buffer::new().format(*n).as_bytes()),
        Prop::Float(v) => serde_json::to_writer(&mut *out, v).map_err(io::Error::from),
        Prop::Text(s) => write_text(out, s),
        Prop::Date(d) => write_date(out, d),
        Prop::Number(v) => serde_json::to_writer(&mut *out, v).map_err(io::Error::from),
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
    let date = (incident.date, incident.date_end);
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
    let count = |n: Option<u32>| n.map_or(Prop::Null, |n| Prop::Int(n.into()));
    for i in 0..columns {
        let raw = incident.fields.get(i).map_or("", |s| crate::text::trim(s));
        let value = match types.fields[i] {
            Some(Field::Fatalities) => count(incident.fatalities),
            Some(Field::Injuries) => count(incident.injuries),
            Some(Field::GeoPrecision) => count(incident.geo_precision.map(u32::from)),
            Some(Field::Latitude) => incident.given.map_or(Prop::Null, |g| Prop::Float(g.lat)),
            Some(Field::Longitude) => incident.given.map_or(Prop::Null, |g| Prop::Float(g.lon)),
            _ if raw.is_empty() => Prop::Null,
            _ if types.is_numeric(i) => as_number(schema, raw).map_or(Prop::Null, Prop::Number),
            _ => Prop::Text(raw),
        };
        write_key(out, types, i);
        write_prop(out, &value)?;
    }
    out.extend_from_slice(&memo.bytes[dates[0]..dates[1]]);
    out.extend_from_slice(part(1));
    write_key(out, types, columns + 6);
    let source_precision = incident
        .geo_precision
        .and_then(|code| schema.layout.describe_precision(code));
    write_prop(out, &source_precision.map_or(Prop::Null, Prop::Text))?;
    out.extend_from_slice(part(2));
    Ok(())
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

/// A row's date and, when it is a span, its last date.
type DateKey = (Option<PartialDate>, Option<PartialDate>);

/// The date, its precision, first and last day (`incimap_date`...); the
/// last day of a span is its end's.
fn write_dates(
    out: &mut Vec<u8>,
    types: &ColumnTypes,
    columns: usize,
    (date, end): DateKey,
) -> io::Result<()> {
    let values = match date {
        Some(d) => [
            Prop::Date(d),
            Prop::Text(d.precision().as_str()),
            Prop::Date(d.start()),
            Prop::Date(end.unwrap_or(d).end()),
        ],
        None => [Prop::Null, Prop::Null, Prop::Null, Prop::Null],
    };
    for (k, value) in values.iter().enumerate() {
        write_key(out, types, columns + k);
        write_prop(out, value)?;
    }
    Ok(())
}

/// `incimap_status` and `incimap_precision`.
fn write_status(
    out: &mut Vec<u8>,
    types: &ColumnTypes,
    columns: usize,
    outcome: &Outcome,
) -> io::Result<()> {
    write_key(out, types, columns + 4);
    write_prop(out, &Prop::Text(outcome.status.as_str()))?;
    write_key(out, types, columns + 5);
    let precision = outcome.precision.map(|p| p.as_str());
    write_prop(out, &precision.map_or(Prop::Null, Prop::Text))
}

/// The gazetteer entry's name, country, province and id, and the feature's end.
fn write_match(
    out: &mut Vec<u8>,
    types: &ColumnTypes,
    columns: usize,
    outcome: &Outcome,
) -> io::Result<()> {
    let matched = outcome.matched.as_ref();
    fn text(s: &str) -> Option<Prop<'_>> {
        (!s.is_empty()).then_some(Prop::Text(s))
    }
    let values = [
        matched.and_then(|m| text(&m.name)),
        matched.and_then(|m| text(&m.country)),
        matched.and_then(|m| text(&m.admin1)),
        matched
            .and_then(|m| m.geonameid)
            .map(|id| Prop::Int(id as i64)),
    ];
    for (k, value) in values.iter().enumerate() {
        write_key(out, types, columns + 7 + k);
        write_prop(out, value.as_ref().unwrap_or(&Prop::Null))?;
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
        self.bytes.len() + self.csv.as_ref().map_or(0, |csv| csv.get_ref().len())
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
            let added = [
                lat.as_str(),
                lon.as_str(),
                o.precision.map_or("", |p| p.as_str()),
                o.status.as_str(),
            ];
            let record = fields.take(width).chain(added);
            return chunk.csv().write_record(record).map_err(io::Error::from);
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
                let names = schema.columns.iter().map(String::as_str);
                header.csv().write_record(names.chain(GEOCODED_COLUMNS))?;
                out.write_all(&header.take_bytes()?)?;
            }
            Format::GeoJson => out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?,
            Format::GeoJsonSeq => {}
        }
        Ok(Exporter {
            out,
            encoder: Encoder {
                format,
                schema: schema.clone(),
                types,
                memo: Memo::default(),
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

/// Writes the input rows that were read, with four columns added:
/// `incimap_latitude`, `incimap_longitude`, `incimap_precision`, `incimap_status`.
pub fn write_geocoded_csv<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    write_all(Format::Csv, geocoded, out)
}

/// The columns the geocoded CSV adds after the input's.
pub const GEOCODED_COLUMNS: [&str; 4] = [
    "incimap_latitude",
    "incimap_longitude",
    "incimap_precision",
    "incimap_status",
];

/// The formats `incimap export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 7946 GeoJSON FeatureCollection (`.geojson`, `.json`).
    GeoJson,
    /// RFC 8142 GeoJSON text sequence (`.geojsons`), for large data.
    GeoJsonSeq,
    /// The input's columns plus coordinates, precision and status (`.csv`).
    Csv,
}

impl Format {
    /// Every format, for help texts.
    pub const ALL: [Format; 3] = [Format::GeoJson, Format::GeoJsonSeq, Format::Csv];

    /// The name used by `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::GeoJson => "geojson",
            Format::GeoJsonSeq => "geojsons",
            Format::Csv => "csv",
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
                "cannot tell the format of {} from its extension; name it .geojson, .geojsons or .csv, or use --format",
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
        }
    }
}

/// Columns of `geocode-report.csv`.
pub const REPORT_COLUMNS: [&str; 15] = [
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
];

/// Encodes one row's line of the geocoding report into `chunk`, for a
/// [`ReportWriter`]. Text fields are borrowed: this runs for every input row.
pub fn encode_report(row: &Located, chunk: &mut Chunk) -> io::Result<()> {
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
    let fields: [&str; 15] = [
        &numbers[0],
        incident.map_or("", |i| i.place.as_str()),
        incident.map_or("", |i| i.country.as_str()),
        o.status.as_str(),
        o.precision.map_or("", |p| p.as_str()),
        m.map_or("", |m| m.name.as_str()),
        &numbers[4],
        m.map_or("", |m| m.country.as_str()),
        m.map_or("", |m| m.admin1.as_str()),
        &numbers[1],
        &numbers[2],
        &numbers[3],
        o.runner_up.as_deref().unwrap_or(""),
        &suggestions,
        &o.reason,
    ];
    chunk.csv().write_record(fields).map_err(io::Error::from)
}

/// Writes the per-row geocoding report as rows come: one line per input row.
pub struct ReportWriter<W: Write> {
    out: W,
    pending: Chunk,
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
        })
    }

    /// Writes one row's line (gathered into writes of about [`PENDING_BYTES`]).
    pub fn write(&mut self, row: &Located) -> io::Result<()> {
        encode_report(row, &mut self.pending)?;
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
