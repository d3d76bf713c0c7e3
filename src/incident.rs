//! The `Incident` record and the CSV reader.
//!
//! The reader recognises three layouts by their headers: our native columns
//! (see the README), ACLED exports and GTD extracts. Every row becomes either an
//! [`Incident`] or a [`RowError`] that names the line and the column, so no row
//! is lost without a word.

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::text;

/// A field incimap understands, whatever the header calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Date of the incident (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `22 March 2024`).
    Date,
    /// GTD's year, month and day columns, 0 meaning unknown.
    Year,
    /// GTD month column.
    Month,
    /// GTD day column.
    Day,
    /// Place name as written in the source.
    Place,
    /// First-level division (province, oblast) as written.
    Province,
    /// Country hint: ISO alpha-2, alpha-3 or English name.
    Country,
    /// Incident type: drives marker shape and colour.
    Type,
    /// Number killed.
    Fatalities,
    /// Number wounded.
    Injuries,
    /// Free text.
    Description,
    /// Where the report came from.
    Source,
    /// Latitude in decimal degrees (WGS 84).
    Latitude,
    /// Longitude in decimal degrees (WGS 84).
    Longitude,
}

impl Field {
    /// Every field, in a fixed order.
    pub const ALL: [Field; 14] = [
        Field::Date,
        Field::Year,
        Field::Month,
        Field::Day,
        Field::Place,
        Field::Province,
        Field::Country,
        Field::Type,
        Field::Fatalities,
        Field::Injuries,
        Field::Description,
        Field::Source,
        Field::Latitude,
        Field::Longitude,
    ];

    /// The native column name of this field.
    pub fn name(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Year => "year",
            Field::Month => "month",
            Field::Day => "day",
            Field::Place => "place",
            Field::Province => "province",
            Field::Country => "country",
            Field::Type => "type",
            Field::Fatalities => "fatalities",
            Field::Injuries => "injuries",
            Field::Description => "description",
            Field::Source => "source",
            Field::Latitude => "latitude",
            Field::Longitude => "longitude",
        }
    }

    /// Parses a native field name (used by `--column field=header`).
    pub fn from_name(name: &str) -> Option<Field> {
        let name = name.trim().to_ascii_lowercase();
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Which kind of file the header says this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// incimap's own columns.
    Native,
    /// An ACLED export.
    Acled,
    /// A Global Terrorism Database extract.
    Gtd,
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Layout::Native => "native",
            Layout::Acled => "ACLED",
            Layout::Gtd => "GTD",
        })
    }
}

/// Header names each layout uses for each field, in order of preference.
fn aliases(layout: Layout, field: Field) -> &'static [&'static str] {
    match (layout, field) {
        (Layout::Acled, Field::Date) => &["event_date"],
        (Layout::Acled, Field::Place) => &["location"],
        (Layout::Acled, Field::Province) => &["admin1"],
        (Layout::Acled, Field::Type) => &["event_type"],
        (Layout::Acled, Field::Description) => &["notes"],
        (Layout::Gtd, Field::Year) => &["iyear"],
        (Layout::Gtd, Field::Month) => &["imonth"],
        (Layout::Gtd, Field::Day) => &["iday"],
        (Layout::Gtd, Field::Place) => &["city"],
        (Layout::Gtd, Field::Province) => &["provstate"],
        (Layout::Gtd, Field::Country) => &["country_txt"],
        (Layout::Gtd, Field::Type) => &["attacktype1_txt"],
        (Layout::Gtd, Field::Fatalities) => &["nkill"],
        (Layout::Gtd, Field::Injuries) => &["nwound"],
        (Layout::Gtd, Field::Description) => &["summary"],
        (Layout::Gtd, Field::Source) => &["scite1", "dbsource"],
        (_, Field::Latitude) => &["latitude", "lat"],
        (_, Field::Longitude) => &["longitude", "lon", "lng", "long"],
        (Layout::Native, Field::Type) => &["type", "event_type"],
        (Layout::Native, Field::Injuries) => &["injuries", "injured", "wounded"],
        (Layout::Native, Field::Description) => &["description", "notes"],
        (Layout::Native, Field::Place) => &["place", "location", "city"],
        (Layout::Native, Field::Province) => &["province", "admin1", "region"],
        _ => &[],
    }
}

/// How the columns of one input map onto [`Field`]s.
#[derive(Clone, Debug)]
pub struct Schema {
    /// The layout recognised from the header.
    pub layout: Layout,
    /// The header as read, one name per column.
    pub columns: Vec<String>,
    /// Column index of each field the header provides.
    indices: Vec<(Field, usize)>,
}

impl Schema {
    /// Recognises the layout from a header and maps its columns.
    /// `overrides` (field, header name) pairs come from `--column`.
    pub fn detect(columns: Vec<String>, overrides: &[(Field, String)]) -> Schema {
        let lower: Vec<String> = columns.iter().map(|c| c.trim().to_lowercase()).collect();
        let has = |name: &str| lower.iter().any(|c| c == name);
        let layout = if has("event_date") && has("location") {
            Layout::Acled
        } else if has("iyear") && has("city") {
            Layout::Gtd
        } else {
            Layout::Native
        };
        let mut indices = Vec::new();
        for field in Field::ALL {
            let wanted = overrides
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, header)| vec![header.trim().to_lowercase()]);
            let names: Vec<String> = wanted.unwrap_or_else(|| {
                let mut names: Vec<String> = aliases(layout, field)
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                if names.is_empty() || layout == Layout::Native {
                    names.insert(0, field.name().to_string());
                }
                names
            });
            if let Some(index) = names
                .iter()
                .find_map(|name| lower.iter().position(|c| c == name))
            {
                indices.push((field, index));
            }
        }
        Schema {
            layout,
            columns,
            indices,
        }
    }

    /// The column index of a field, if the header has it.
    pub fn index(&self, field: Field) -> Option<usize> {
        self.indices
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, i)| *i)
    }

    /// The header name of a column.
    pub fn column_name(&self, index: usize) -> &str {
        self.columns.get(index).map(String::as_str).unwrap_or("")
    }

    /// Whether a column maps onto a field incimap understands.
    pub fn field_of(&self, index: usize) -> Option<Field> {
        self.indices
            .iter()
            .find(|(_, i)| *i == index)
            .map(|(f, _)| *f)
    }

    fn can_locate(&self) -> bool {
        self.index(Field::Place).is_some()
            || (self.index(Field::Latitude).is_some() && self.index(Field::Longitude).is_some())
    }
}

/// A date that may lack its day or month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month 1-12, if known.
    pub month: Option<u8>,
    /// Day of the month, if known (only with a month).
    pub day: Option<u8>,
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_from_name(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word) && (word.len() == 3 || *m == word || word == "sept"))
        .map(|i| i as u8 + 1)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialDate {
    /// Builds a date, checking that the month and day exist.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<PartialDate, String> {
        if !(1..=9999).contains(&year) {
            return Err(format!("year {year} is out of range"));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("month {m} does not exist"));
            }
            if let Some(d) = day
                && (d == 0 || d > days_in_month(year, m))
            {
                return Err(format!("{year:04}-{m:02} has no day {d}"));
            }
        } else if day.is_some() {
            return Err("a day without a month".into());
        }
        Ok(PartialDate { year, month, day })
    }

    /// Parses `2024-03-22`, `2024-03`, `2024`, `22 March 2024`, `March 22, 2024`, `March 2024`.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let text = text.trim();
        let bad = || format!("`{text}` is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)");
        let number = |s: &str| -> Result<u32, String> {
            if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                Err(bad())
            } else {
                s.parse().map_err(|_| bad())
            }
        };
        if text.starts_with(|c: char| c.is_ascii_digit()) && !text.contains(' ') {
            let parts: Vec<&str> = text.split('-').collect();
            if parts[0].len() != 4 || parts.len() > 3 {
                return Err(bad());
            }
            let year = number(parts[0])? as i32;
            let month = parts.get(1).map(|p| number(p)).transpose()?;
            let day = parts.get(2).map(|p| number(p)).transpose()?;
            let small = |v: u32| u8::try_from(v).map_err(|_| bad());
            return PartialDate::new(
                year,
                month.map(small).transpose()?,
                day.map(small).transpose()?,
            );
        }
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let (day, month, year) = match words.as_slice() {
            [d, m, y] if d.starts_with(|c: char| c.is_ascii_digit()) => (Some(*d), *m, *y),
            [m, d, y] => (Some(*d), *m, *y),
            [m, y] => (None, *m, *y),
            _ => return Err(bad()),
        };
        let month = month_from_name(month).ok_or_else(bad)?;
        let year = number(year)? as i32;
        let day = day
            .map(|d| number(d).and_then(|d| u8::try_from(d).map_err(|_| bad())))
            .transpose()?;
        PartialDate::new(year, Some(month), day)
    }
}

/// Longitude and latitude in decimal degrees, WGS 84.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    /// Longitude, -180..180.
    pub lon: f64,
    /// Latitude, -90..90.
    pub lat: f64,
}

/// One input row that passed validation.
#[derive(Clone, Debug)]
pub struct Incident {
    /// Line of the input file where the row starts (the header is line 1).
    pub line: u64,
    /// When it happened, if the row says.
    pub date: Option<PartialDate>,
    /// Place name as written (may be empty when coordinates are given).
    pub place: String,
    /// First-level division as written.
    pub province: String,
    /// Country hint as written.
    pub country: String,
    /// Incident type as written (empty when the row gives none).
    pub kind: String,
    /// Number killed.
    pub fatalities: Option<u32>,
    /// Number wounded.
    pub injuries: Option<u32>,
    /// Free text description.
    pub description: String,
    /// Source of the report.
    pub source: String,
    /// Coordinates given in the row.
    pub given: Option<LonLat>,
    /// Every input column as read, in header order.
    pub fields: Vec<String>,
}

/// A row that could not be read, with where and why.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    /// Line of the input file where the row starts.
    pub line: u64,
    /// Header name of the column at fault, if one is.
    pub column: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column `{}`: {}", self.line, c, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// A problem with the input as a whole: nothing can be made from it.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("{file}: {source}")]
    Io {
        /// The input's name.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The CSV itself is broken.
    #[error("{file}: line {line}: {message}")]
    Csv {
        /// The input's name.
        file: String,
        /// Line of the error.
        line: u64,
        /// What the CSV parser said.
        message: String,
    },
    /// The file is empty or has a header and no rows.
    #[error("{file}: {message}")]
    Empty {
        /// The input's name.
        file: String,
        /// What is missing.
        message: String,
    },
    /// The header lacks both a place column and coordinate columns.
    #[error(
        "{file}: line 1: no `place` column and no `latitude`/`longitude` columns (header: {header})"
    )]
    NoLocation {
        /// The input's name.
        file: String,
        /// The header as read.
        header: String,
    },
}

/// Everything read from one input.
#[derive(Clone, Debug)]
pub struct Incidents {
    /// How the columns were understood.
    pub schema: Schema,
    /// Rows that were read.
    pub rows: Vec<Incident>,
    /// Rows that were rejected, with reasons.
    pub errors: Vec<RowError>,
}

/// Options for reading an incidents CSV.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// `--column field=header` overrides.
    pub columns: Vec<(Field, String)>,
}

/// Reads an incidents CSV from a file, or standard input for `-`.
pub fn read_path(path: &Path, options: &ReadOptions) -> Result<Incidents, InputError> {
    let file = path.display().to_string();
    let io = |source| InputError::Io {
        file: file.clone(),
        source,
    };
    if path.as_os_str() == "-" {
        read(std::io::stdin().lock(), "<stdin>", options)
    } else {
        let handle = std::fs::File::open(path).map_err(io)?;
        read(std::io::BufReader::new(handle), &file, options)
    }
}

/// Reads an incidents CSV from any reader; `name` is used in messages.
pub fn read<R: Read>(input: R, name: &str, options: &ReadOptions) -> Result<Incidents, InputError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(input);
    let csv_error = |e: csv::Error| match e.kind() {
        csv::ErrorKind::Io(_) => InputError::Io {
            file: name.to_string(),
            source: std::io::Error::other(e.to_string()),
        },
        _ => InputError::Csv {
            file: name.to_string(),
            line: e.position().map(|p| p.line()).unwrap_or(1),
            message: e.to_string(),
        },
    };
    let header = reader.headers().map_err(csv_error)?.clone();
    if header.is_empty() || header.iter().all(|h| h.trim().is_empty()) {
        return Err(InputError::Empty {
            file: name.to_string(),
            message: "the file is empty".into(),
        });
    }
    let schema = Schema::detect(
        header.iter().map(|h| h.trim().to_string()).collect(),
        &options.columns,
    );
    if !schema.can_locate() {
        return Err(InputError::NoLocation {
            file: name.to_string(),
            header: schema.columns.join(","),
        });
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map(|p| p.line()).unwrap_or(0);
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                match parse_row(&schema, &record, line) {
                    Ok(incident) => rows.push(incident),
                    Err(e) => errors.push(e),
                }
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Utf8 { .. } => errors.push(RowError {
                    line: e.position().map(|p| p.line()).unwrap_or(0),
                    column: None,
                    message: "the row is not valid UTF-8".into(),
                }),
                _ => return Err(csv_error(e)),
            },
        }
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(InputError::Empty {
            file: name.to_string(),
            message: "the header has no rows under it".into(),
        });
    }
    Ok(Incidents {
        schema,
        rows,
        errors,
    })
}

/// Parses a whole number such as a count of fatalities. GTD's -9 and -99 mean unknown.
fn parse_count(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() || text == "-9" || text == "-99" {
        return Ok(None);
    }
    if let Ok(n) = text.parse::<u32>() {
        return Ok(Some(n));
    }
    match text.parse::<f64>() {
        Ok(v) if v >= 0.0 && v.fract() == 0.0 && v <= u32::MAX as f64 => Ok(Some(v as u32)),
        _ => Err(format!("`{text}` is not a whole number")),
    }
}

/// Parses a coordinate in decimal degrees within ±`limit`.
fn parse_degrees(text: &str, limit: f64) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(Some(v)),
        Ok(v) if v.is_finite() => Err(format!("{v} is outside ±{limit}")),
        _ => Err(format!("`{text}` is not a number in decimal degrees")),
    }
}

fn parse_row(schema: &Schema, record: &csv::StringRecord, line: u64) -> Result<Incident, RowError> {
    let get = |field: Field| -> &str {
        schema
            .index(field)
            .and_then(|i| record.get(i))
            .map(str::trim)
            .unwrap_or("")
    };
    let fail = |field: Field, message: String| RowError {
        line,
        column: schema
            .index(field)
            .map(|i| schema.column_name(i).to_string()),
        message,
    };
    let clean = |field: Field| text::clean(get(field));

    let date = if schema.index(Field::Date).is_some() && !get(Field::Date).is_empty() {
        Some(PartialDate::parse(get(Field::Date)).map_err(|m| fail(Field::Date, m))?)
    } else if schema.index(Field::Year).is_some() && !get(Field::Year).is_empty() {
        gtd_date(get(Field::Year), get(Field::Month), get(Field::Day))
            .map_err(|m| fail(Field::Year, m))?
    } else {
        None
    };
    let fatalities = parse_count(get(Field::Fatalities)).map_err(|m| fail(Field::Fatalities, m))?;
    let injuries = parse_count(get(Field::Injuries)).map_err(|m| fail(Field::Injuries, m))?;
    let lat = parse_degrees(get(Field::Latitude), 90.0).map_err(|m| {
        let swapped = get(Field::Longitude)
            .parse::<f64>()
            .is_ok_and(|v| v.abs() <= 90.0);
        let hint = if swapped {
            " (are latitude and longitude swapped?)"
        } else {
            ""
        };
        fail(Field::Latitude, format!("{m}{hint}"))
    })?;
    let lon = parse_degrees(get(Field::Longitude), 180.0).map_err(|m| fail(Field::Longitude, m))?;
    let given = match (lat, lon) {
        (Some(lat), Some(lon)) => Some(LonLat { lon, lat }),
        (None, None) => None,
        (Some(_), None) => {
            return Err(fail(
                Field::Longitude,
                "latitude is given but longitude is empty".into(),
            ));
        }
        (None, Some(_)) => {
            return Err(fail(
                Field::Latitude,
                "longitude is given but latitude is empty".into(),
            ));
        }
    };
    let place = clean(Field::Place);
    if place.is_empty() && given.is_none() {
        return Err(RowError {
            line,
            column: schema
                .index(Field::Place)
                .map(|i| schema.column_name(i).to_string()),
            message: "the row has neither a place nor coordinates".into(),
        });
    }
    Ok(Incident {
        line,
        date,
        place,
        province: clean(Field::Province),
        country: clean(Field::Country),
        kind: clean(Field::Type),
        fatalities,
        injuries,
        description: clean(Field::Description),
        source: clean(Field::Source),
        given,
        fields: (0..schema.columns.len())
            .map(|i| record.get(i).unwrap_or("").to_string())
            .collect(),
    })
}

/// Builds a date from GTD's year, month and day, where 0 means unknown.
fn gtd_date(year: &str, month: &str, day: &str) -> Result<Option<PartialDate>, String> {
    let part = |s: &str| -> Result<Option<u8>, String> {
        match s.trim() {
            "" | "0" => Ok(None),
            s => s
                .parse::<u8>()
                .map(Some)
                .map_err(|_| format!("`{s}` is not a month or day number")),
        }
    };
    let year: i32 = year
        .trim()
        .parse()
        .map_err(|_| format!("`{year}` is not a year"))?;
    let month = part(month)?;
    let day = if month.is_some() { part(day)? } else { None };
    PartialDate::new(year, month, day).map(Some)
}
