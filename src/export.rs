//! RFC 7946 GeoJSON, the per-row geocoding report and the geocoded CSV.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::geocode::{Geocoded, Located, Outcome};
use crate::incident::{Field, Incident, PartialDate, Schema};

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
    names: Vec<String>,
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
    /// A column is numeric when it is a count or coordinate field, or when
    /// every non-empty value in it is a number ([`as_number`]). Either way
    /// every feature gets the same type (or null), so GDAL and geopandas
    /// infer one field type.
    pub fn infer<'a>(schema: &Schema, rows: impl Iterator<Item = &'a Incident>) -> ColumnTypes {
        let n = schema.columns.len();
        let mut numeric = vec![true; n];
        let mut seen = vec![false; n];
        for incident in rows {
            for (i, value) in incident.fields.iter().enumerate().take(n) {
                if numeric[i] && !value.trim().is_empty() {
                    seen[i] = true;
                    numeric[i] = as_number(schema, value).is_some();
                }
            }
        }
        for i in 0..n {
            numeric[i] = match schema.field_of(i) {
                Some(
                    Field::Fatalities
                    | Field::Injuries
                    | Field::Latitude
                    | Field::Longitude
                    | Field::GeoPrecision,
                ) => true,
                Some(Field::Date | Field::Place | Field::Country | Field::Type) => false,
                _ => numeric[i] && seen[i],
            };
        }
        ColumnTypes {
            numeric,
            names: property_names(schema),
        }
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

/// The GeoJSON properties of one located row: every input column, then how it was located.
pub fn properties(
    schema: &Schema,
    types: &ColumnTypes,
    incident: &Incident,
    outcome: &Outcome,
) -> Map<String, Value> {
    let mut props = Map::new();
    let count = |n: Option<u32>| n.map_or(Value::Null, |n| json!(n));
    for i in 0..schema.columns.len() {
        let raw = incident.fields.get(i).map(|s| s.trim()).unwrap_or("");
        let value = match schema.field_of(i) {
            Some(Field::Fatalities) => count(incident.fatalities),
            Some(Field::Injuries) => count(incident.injuries),
            Some(Field::GeoPrecision) => count(incident.geo_precision.map(u32::from)),
            Some(Field::Latitude) => incident.given.map_or(Value::Null, |g| json!(g.lat)),
            Some(Field::Longitude) => incident.given.map_or(Value::Null, |g| json!(g.lon)),
            _ if raw.is_empty() => Value::Null,
            _ if types.is_numeric(i) => as_number(schema, raw).unwrap_or(Value::Null),
            _ => Value::String(crate::text::clean(raw)),
        };
        props.insert(types.name(i).to_string(), value);
    }
    let text = |s: &str| if s.is_empty() { Value::Null } else { json!(s) };
    let matched = outcome.matched.as_ref();
    let date =
        |f: fn(&PartialDate) -> String| incident.date.as_ref().map_or(Value::Null, |d| json!(f(d)));
    let values = [
        date(|d| d.to_string()),
        date(|d| d.precision().as_str().to_string()),
        date(|d| d.start().to_string()),
        date(|d| d.end().to_string()),
        json!(outcome.status.as_str()),
        outcome.precision.map_or(Value::Null, |p| json!(p.as_str())),
        incident
            .geo_precision
            .and_then(|code| schema.layout.describe_precision(code))
            .map_or(Value::Null, |p| json!(p)),
        matched.map_or(Value::Null, |m| text(&m.name)),
        matched.map_or(Value::Null, |m| text(&m.country)),
        matched.map_or(Value::Null, |m| text(&m.admin1)),
        matched
            .and_then(|m| m.geonameid)
            .map_or(Value::Null, |id| json!(id)),
    ];
    for (name, value) in LOCATION_PROPERTIES.iter().zip(values) {
        props.insert(name.to_string(), value);
    }
    props
}

/// One GeoJSON Feature for a located row; `None` for rows without a location.
pub fn feature(schema: &Schema, types: &ColumnTypes, row: &Located) -> Option<geojson::Feature> {
    let (incident, at) = (row.incident.as_ref()?, row.outcome.location?);
    Some(geojson::Feature {
        bbox: None,
        geometry: Some(geojson::Geometry::new(geojson::GeometryValue::new_point([
            round6(at.lon),
            round6(at.lat),
        ]))),
        id: Some(geojson::feature::Id::Number(row.line.into())),
        properties: Some(properties(schema, types, incident, &row.outcome)),
        foreign_members: None,
    })
}

/// The column types of a geocoded input, inferred from every row that was read.
fn column_types(geocoded: &Geocoded) -> ColumnTypes {
    ColumnTypes::infer(
        &geocoded.schema,
        geocoded.rows.iter().filter_map(|r| r.incident.as_ref()),
    )
}

/// Writes the located rows as an RFC 7946 FeatureCollection with a `bbox`,
/// one feature per line. Same rows in, same bytes out.
pub fn write_geojson<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    let types = column_types(geocoded);
    let mut out = io::BufWriter::new(out);
    let mut bbox = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    let mut first = true;
    for row in &geocoded.rows {
        let Some(feature) = feature(&geocoded.schema, &types, row) else {
            continue;
        };
        if let Some(at) = row.outcome.location {
            bbox = [
                bbox[0].min(at.lon),
                bbox[1].min(at.lat),
                bbox[2].max(at.lon),
                bbox[3].max(at.lat),
            ];
        }
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut out, &feature)?;
    }
    out.write_all(b"\n]")?;
    if bbox[0].is_finite() {
        let bbox: Vec<f64> = bbox.iter().map(|v| round6(*v)).collect();
        write!(out, ",\"bbox\":{}", serde_json::to_string(&bbox)?)?;
    }
    out.write_all(b"}\n")?;
    out.flush()
}

/// Writes the located rows as GeoJSON text sequences (RFC 8142): each
/// feature is the record separator byte 0x1E, one Feature, and a line feed.
/// Readers can take one feature at a time, however large the file.
pub fn write_geojson_seq<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    let types = column_types(geocoded);
    let mut out = io::BufWriter::new(out);
    for row in &geocoded.rows {
        if let Some(feature) = feature(&geocoded.schema, &types, row) {
            out.write_all(&[0x1E])?;
            serde_json::to_writer(&mut out, &feature)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}

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

/// Writes the per-row geocoding report: one row per input row, in line order.
pub fn write_report<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(REPORT_COLUMNS)?;
    for row in &geocoded.rows {
        let o = &row.outcome;
        let m = o.matched.as_ref();
        let coordinate = |f: fn(&crate::incident::LonLat) -> f64| {
            o.location
                .map(|l| round6(f(&l)).to_string())
                .unwrap_or_default()
        };
        csv.write_record([
            row.line.to_string(),
            row.incident
                .as_ref()
                .map(|i| i.place.clone())
                .unwrap_or_default(),
            row.incident
                .as_ref()
                .map(|i| i.country.clone())
                .unwrap_or_default(),
            o.status.to_string(),
            o.precision
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            m.map(|m| m.name.clone()).unwrap_or_default(),
            m.and_then(|m| m.geonameid)
                .map(|id| id.to_string())
                .unwrap_or_default(),
            m.map(|m| m.country.clone()).unwrap_or_default(),
            m.map(|m| m.admin1.clone()).unwrap_or_default(),
            coordinate(|l| l.lat),
            coordinate(|l| l.lon),
            o.candidates.to_string(),
            o.runner_up.clone().unwrap_or_default(),
            o.suggestions.join("; "),
            o.reason.clone(),
        ])?;
    }
    csv.flush()
}

/// Writes the input rows that were read, with four columns added:
/// `incimap_latitude`, `incimap_longitude`, `incimap_precision`, `incimap_status`.
pub fn write_geocoded_csv<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    let mut csv = csv::WriterBuilder::new().flexible(true).from_writer(out);
    let mut header = geocoded.schema.columns.clone();
    header.extend(
        [
            "incimap_latitude",
            "incimap_longitude",
            "incimap_precision",
            "incimap_status",
        ]
        .map(String::from),
    );
    csv.write_record(&header)?;
    for row in &geocoded.rows {
        let Some(incident) = &row.incident else {
            continue;
        };
        let o = &row.outcome;
        let mut record = incident.fields.clone();
        record.resize(geocoded.schema.columns.len(), String::new());
        record.push(
            o.location
                .map(|l| round6(l.lat).to_string())
                .unwrap_or_default(),
        );
        record.push(
            o.location
                .map(|l| round6(l.lon).to_string())
                .unwrap_or_default(),
        );
        record.push(
            o.precision
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
        );
        record.push(o.status.to_string());
        csv.write_record(&record)?;
    }
    csv.flush()
}
