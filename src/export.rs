//! RFC 7946 GeoJSON, the per-row geocoding report and the geocoded CSV.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use crate::geocode::{Geocoded, Located, Outcome};
use crate::incident::{Field, Incident, Schema};

/// Rounds a coordinate to 6 decimals (about 0.1 m), the most RFC 7946 needs.
pub fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The property names incimap adds to each feature, after the input's columns.
pub const LOCATION_PROPERTIES: [&str; 7] = [
    "incimap_date",
    "incimap_status",
    "incimap_precision",
    "incimap_place",
    "incimap_country",
    "incimap_admin1",
    "incimap_geonameid",
];

/// How each input column is written: as numbers or as text.
#[derive(Clone, Debug)]
pub struct ColumnTypes {
    numeric: Vec<bool>,
}

impl ColumnTypes {
    /// A column is numeric when it is a count or coordinate field, or when
    /// every non-empty value in it is a number. Either way every feature gets
    /// the same type (or null), so GDAL and geopandas infer one field type.
    pub fn infer<'a>(schema: &Schema, rows: impl Iterator<Item = &'a Incident>) -> ColumnTypes {
        let n = schema.columns.len();
        let mut numeric = vec![true; n];
        let mut seen = vec![false; n];
        for incident in rows {
            for (i, value) in incident.fields.iter().enumerate().take(n) {
                let value = value.trim();
                if !value.is_empty() {
                    seen[i] = true;
                    numeric[i] &= value.parse::<f64>().is_ok_and(f64::is_finite);
                }
            }
        }
        for i in 0..n {
            numeric[i] = match schema.field_of(i) {
                Some(Field::Fatalities | Field::Injuries | Field::Latitude | Field::Longitude) => {
                    true
                }
                Some(Field::Date | Field::Place | Field::Country | Field::Type) => false,
                _ => numeric[i] && seen[i],
            };
        }
        ColumnTypes { numeric }
    }
}

fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        json!(v as i64)
    } else {
        json!(v)
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
    for (i, name) in schema.columns.iter().enumerate() {
        let raw = incident.fields.get(i).map(|s| s.trim()).unwrap_or("");
        let value = match schema.field_of(i) {
            Some(Field::Fatalities) => incident.fatalities.map_or(Value::Null, |n| json!(n)),
            Some(Field::Injuries) => incident.injuries.map_or(Value::Null, |n| json!(n)),
            _ if raw.is_empty() => Value::Null,
            _ if types.numeric[i] => raw.parse::<f64>().map_or(Value::Null, number),
            _ => Value::String(crate::text::clean(raw)),
        };
        if !name.is_empty() && !props.contains_key(name) {
            props.insert(name.clone(), value);
        }
    }
    let text = |s: &str| if s.is_empty() { Value::Null } else { json!(s) };
    let matched = outcome.matched.as_ref();
    let values = [
        incident.date.map_or(Value::Null, |d| json!(d.to_string())),
        json!(outcome.status.as_str()),
        outcome.precision.map_or(Value::Null, |p| json!(p.as_str())),
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

/// Writes the located rows as an RFC 7946 FeatureCollection with a `bbox`,
/// one feature per line. Same rows in, same bytes out.
pub fn write_geojson<W: Write>(geocoded: &Geocoded, out: W) -> io::Result<()> {
    let types = ColumnTypes::infer(
        &geocoded.schema,
        geocoded.rows.iter().filter_map(|r| r.incident.as_ref()),
    );
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
