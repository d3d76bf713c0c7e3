//! The `Incident` record and the CSV reader.
//!
//! The reader recognises three layouts by their headers: our native columns
//! (see the README), ACLED exports and GTD extracts. It reads what
//! spreadsheets write: UTF-8 with or without BOM, UTF-16, legacy code pages,
//! comma, semicolon or tab delimiters, decimal commas, CRLF and quoted line
//! breaks (see [`decode`]). Every row becomes either an [`Incident`] or a
//! [`RowError`] that names the line and the column, so no row is lost without
//! a word. [`Reader`] streams; [`read`] collects.

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::text;

pub mod columns;
pub mod container;
mod dates;
pub mod decode;
pub mod layouts;
mod quotes;
mod workbook;

pub use dates::{
    DatePrecision, DateRead, DateRules, DayOrder, PartialDate, check_date_format, month_name,
    strip_approximate, two_digit_year,
};
pub use decode::Dialect;

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
    /// The source's own location precision code (ACLED `geo_precision`, GTD `specificity`).
    GeoPrecision,
    /// The last day of a span (UCDP `date_end`).
    DateEnd,
    /// How well the date is known (ACLED `time_precision`: 1 day, 2 week, 3 month).
    TimePrecision,
}

impl Field {
    /// Every field, in a fixed order.
    pub const ALL: [Field; 17] = [
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
        Field::GeoPrecision,
        Field::DateEnd,
        Field::TimePrecision,
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
            Field::GeoPrecision => "geo_precision",
            Field::DateEnd => "date_end",
            Field::TimePrecision => "time_precision",
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
    /// A UCDP Georeferenced Event Dataset (GED) file.
    Ucdp,
    /// A GDELT 2.0 event file.
    Gdelt,
}

impl Layout {
    /// Every layout, in the order `--layout` lists them.
    pub const ALL: [Layout; 5] = [
        Layout::Native,
        Layout::Acled,
        Layout::Gtd,
        Layout::Ucdp,
        Layout::Gdelt,
    ];

    /// Parses a `--layout` name: `native`, `acled`, `gtd`, `ucdp`, `gdelt`.
    pub fn from_name(name: &str) -> Result<Layout, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "native" => Ok(Layout::Native),
            "acled" => Ok(Layout::Acled),
            "gtd" => Ok(Layout::Gtd),
            "ucdp" | "ged" | "ucdp-ged" => Ok(Layout::Ucdp),
            "gdelt" => Ok(Layout::Gdelt),
            _ => Err(format!(
                "`{name}` is not a layout (native, acled, gtd, ucdp, gdelt)"
            )),
        }
    }

    /// What the source's own location precision code means, in the words
    /// `town`, `district`, `province`, `country`, `unknown` (ACLED
    /// `geo_precision` 1-3, GTD `specificity` 1-5, UCDP `where_prec` 1-7,
    /// GDELT `ActionGeo_Type` 1-5). `None` for codes the layout does not define.
    pub fn describe_precision(self, code: u8) -> Option<&'static str> {
        match (self, code) {
            (Layout::Ucdp, 1 | 2) => Some("town"),
            (Layout::Ucdp, 3) => Some("district"),
            (Layout::Ucdp, 4 | 5) => Some("province"),
            (Layout::Ucdp, 6) => Some("country"),
            (Layout::Ucdp, 7) => Some("unknown"),
            (Layout::Gdelt, 1) => Some("country"),
            (Layout::Gdelt, 2 | 5) => Some("province"),
            (Layout::Gdelt, 3 | 4) => Some("town"),
            (Layout::Acled | Layout::Gtd, 1) => Some("town"),
            (Layout::Acled | Layout::Gtd, 2) => Some("district"),
            (Layout::Acled, 3) => Some("province"),
            (Layout::Gtd, 3) => Some("district"),
            (Layout::Gtd, 4) => Some("province"),
            (Layout::Gtd, 5) => Some("unknown"),
            _ => None,
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Layout::Native => "native",
            Layout::Acled => "ACLED",
            Layout::Gtd => "GTD",
            Layout::Ucdp => "UCDP GED",
            Layout::Gdelt => "GDELT",
        })
    }
}

/// Header names each layout uses for each field, in order of preference.
fn aliases(layout: Layout, field: Field) -> &'static [&'static str] {
    match (layout, field) {
        (Layout::Ucdp, Field::Date) => &["date_start"],
        (Layout::Ucdp, Field::DateEnd) => &["date_end"],
        (Layout::Ucdp, Field::Place) => &["where_coordinates"],
        (Layout::Ucdp, Field::Province) => &["adm_1"],
        (Layout::Ucdp, Field::Type) => &["type_of_violence"],
        (Layout::Ucdp, Field::Fatalities) => &["best"],
        (Layout::Ucdp, Field::Description) => &["source_headline"],
        (Layout::Ucdp, Field::Source) => &["source_article", "source_office"],
        (Layout::Ucdp, Field::GeoPrecision) => &["where_prec"],
        (Layout::Gdelt, Field::Date) => &["SQLDATE"],
        (Layout::Gdelt, Field::Place) => &["ActionGeo_FullName"],
        (Layout::Gdelt, Field::Type) => &["EventRootCode"],
        (Layout::Gdelt, Field::Latitude) => &["ActionGeo_Lat"],
        (Layout::Gdelt, Field::Longitude) => &["ActionGeo_Long"],
        (Layout::Gdelt, Field::GeoPrecision) => &["ActionGeo_Type"],
        (Layout::Gdelt, Field::Country) => &["ActionGeo_CountryCode"],
        (Layout::Gdelt, Field::Source) => &["SOURCEURL"],
        (Layout::Acled, Field::Date) => &["event_date"],
        (Layout::Acled, Field::Place) => &["location"],
        (Layout::Acled, Field::Province) => &["admin1"],
        (Layout::Acled, Field::Type) => &["event_type"],
        (Layout::Acled, Field::Description) => &["notes"],
        (Layout::Acled, Field::TimePrecision) => &["time_precision"],
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
        (Layout::Gtd, Field::GeoPrecision) => &["specificity"],
        (_, Field::Latitude) => &["latitude", "lat"],
        (_, Field::Longitude) => &["longitude", "lon", "lng", "long"],
        (Layout::Native, Field::Type) => &["type", "event_type"],
        (Layout::Native, Field::Injuries) => &["injuries", "injured", "wounded"],
        (Layout::Native, Field::Description) => &["description", "notes"],
        (Layout::Native, Field::Place) => &["place", "location", "city"],
        (Layout::Native, Field::Province) => &["province", "admin1", "region"],
        (Layout::Native, Field::DateEnd) => &["date_end", "end_date"],
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
    /// The same, by field (`field as usize`), for looking up every row's fields.
    by_field: [Option<usize>; Field::ALL.len()],
    /// Encoding, delimiter and decimal mark the file was read with.
    pub dialect: Dialect,
    /// Codes of the type column in words (UCDP `type_of_violence`, GDELT `EventRootCode`).
    type_words: Option<fn(&str) -> Option<&'static str>>,
    /// Codes of the country column as ISO 3166 codes (GDELT's FIPS 10-4):
    /// a code without one gives no country hint.
    country_codes: Option<fn(&str) -> Option<&'static str>>,
    /// What held the rows, when not plain text: `gzip-compressed`, `JSON, ACLED API`.
    pub container: Option<String>,
}

impl Schema {
    /// Recognises the layout from a header and maps its columns.
    /// `overrides` (field, header name) pairs come from `--column`.
    pub fn detect(columns: Vec<String>, overrides: &[(Field, String)]) -> Schema {
        Schema::detect_as(columns, overrides, None)
    }

    /// [`Schema::detect`], with the layout given (`--layout`) or recognised
    /// from the header when `None`.
    pub fn detect_as(
        columns: Vec<String>,
        overrides: &[(Field, String)],
        layout: Option<Layout>,
    ) -> Schema {
        let lower: Vec<String> = columns.iter().map(|c| columns::header_key(c)).collect();
        let has = |name: &str| lower.iter().any(|c| *c == columns::header_key(name));
        let layout = layout.unwrap_or(if has("event_date") && has("location") {
            Layout::Acled
        } else if has("iyear") && (has("city") || has("country_txt")) {
            Layout::Gtd
        } else if has("date_start") && (has("where_prec") || has("type_of_violence")) {
            Layout::Ucdp
        } else if has("globaleventid") && has("actiongeo_lat") {
            Layout::Gdelt
        } else {
            Layout::Native
        });
        let mut indices = Vec::new();
        for field in Field::ALL {
            // GDELT's date is SQLDATE, whatever `Year` says.
            if layout == Layout::Gdelt && matches!(field, Field::Year | Field::Month | Field::Day) {
                continue;
            }
            let wanted = overrides
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, header)| vec![columns::header_key(header)]);
            let names: Vec<String> = wanted.unwrap_or_else(|| {
                let mut names: Vec<String> = aliases(layout, field)
                    .iter()
                    .map(|s| columns::header_key(s))
                    .collect();
                if names.is_empty() || layout == Layout::Native {
                    names.insert(0, columns::header_key(field.name()));
                }
                if layout == Layout::Native {
                    names.extend(columns::synonyms(field).iter().map(|s| s.to_string()));
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
        let mut by_field = [None; Field::ALL.len()];
        for &(field, index) in &indices {
            by_field[field as usize] = Some(index);
        }
        let type_column = by_field[Field::Type as usize].map(|i| lower[i].as_str());
        let type_words: Option<fn(&str) -> Option<&'static str>> = match (layout, type_column) {
            (Layout::Ucdp, Some("type of violence")) => Some(layouts::ucdp_violence),
            (Layout::Gdelt, Some("eventrootcode")) => Some(layouts::cameo_root),
            _ => None,
        };
        // GDELT's `*Geo_CountryCode` columns hold FIPS 10-4 codes, not ISO.
        let country_column = by_field[Field::Country as usize].map(|i| lower[i].as_str());
        let country_codes: Option<fn(&str) -> Option<&'static str>> = match (layout, country_column)
        {
            (Layout::Gdelt, Some(c)) if c.ends_with("geo countrycode") => {
                Some(layouts::fips_to_iso)
            }
            _ => None,
        };
        Schema {
            layout,
            columns,
            by_field,
            indices,
            type_words,
            country_codes,
            container: None,
            dialect: Dialect::default(),
        }
    }

    /// The column index of a field, if the header has it.
    pub fn index(&self, field: Field) -> Option<usize> {
        self.by_field[field as usize]
    }

    /// The layout, and the encoding and delimiter when they are not plain
    /// UTF-8 and commas: `GTD columns`, `native columns; UTF-16LE with BOM, tab-separated`.
    pub fn describe(&self) -> String {
        let d = &self.dialect;
        let mut notes: Vec<String> = self.container.iter().cloned().collect();
        if d.encoding != UTF_8 || d.bom {
            let bom = if d.bom { " with BOM" } else { "" };
            notes.push(format!("{}{bom}", d.encoding.name()));
        }
        if d.delimiter != b',' {
            notes.push(format!("{}-separated", d.delimiter_name()));
        }
        let renamed: Vec<String> = self
            .indices
            .iter()
            .filter(|(field, i)| {
                self.layout == Layout::Native
                    && columns::header_key(self.column_name(*i))
                        != columns::header_key(field.name())
            })
            .map(|(field, i)| {
                format!(
                    "`{}` as {}",
                    text::clean(self.column_name(*i)),
                    field.name()
                )
            })
            .collect();
        let mut layout = format!("{} columns", self.layout);
        if !renamed.is_empty() {
            layout = format!("{layout}: {}", renamed.join(", "));
        }
        if notes.is_empty() {
            layout
        } else {
            format!("{layout}; {}", notes.join(", "))
        }
    }

    /// The header name of a column.
    pub fn column_name(&self, index: usize) -> &str {
        self.columns.get(index).map(String::as_str).unwrap_or("")
    }

    /// Parses a number as this file writes it: `55.75`, or `55,75` where the
    /// delimiter is not a comma. `None` for anything else, and for infinities.
    pub fn parse_number(&self, text: &str) -> Option<f64> {
        let text = text.trim();
        let text: Cow<str> = if self.dialect.decimal_comma
            && text.matches(',').count() == 1
            && !text.contains('.')
        {
            Cow::Owned(text.replace(',', "."))
        } else {
            Cow::Borrowed(text)
        };
        let plain = text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
        text.parse::<f64>().ok().filter(|v| plain && v.is_finite())
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

/// Longitude and latitude in decimal degrees, WGS 84.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    /// Longitude, -180..180.
    pub lon: f64,
    /// Latitude, -90..90.
    pub lat: f64,
}

/// One input row that passed validation.
#[derive(Clone, Debug, Default)]
pub struct Incident {
    /// Line of the input file where the row starts (the header is line 1).
    pub line: u64,
    /// When it happened, if the row says: the date, or the first of a span.
    pub date: Option<PartialDate>,
    /// The last date, when the row gives a span (`2019-08-17/2019-08-20`,
    /// UCDP's `date_end`, an ACLED date known to the week).
    pub date_end: Option<PartialDate>,
    /// Whether the cell said the date is approximate (`c. 2019`, `circa`, `approx.`).
    pub date_approximate: bool,
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
    /// The source's own location precision code (ACLED `geo_precision`, GTD `specificity`).
    pub geo_precision: Option<u8>,
    /// Cells that could not be read (a count, a secondary date) and were
    /// read as empty, each with its column and why; the row was kept.
    pub bad_cells: Vec<RowError>,
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
        "{file}: line {line}: no `place` column and no `latitude`/`longitude` columns{suggestion} (header: {header})"
    )]
    NoLocation {
        /// The input's name.
        file: String,
        /// The header's line.
        line: u64,
        /// The header as read.
        header: String,
        /// A column that looks like a place column, and how to use it, or empty.
        suggestion: String,
    },
    /// The file is not something incimap reads (a PDF, an image...), or JSON
    /// without rows: says what it looks like, never its bytes.
    #[error("{file} {message}")]
    Unreadable {
        /// The input's name.
        file: String,
        /// What the file looks like, and what to do.
        message: String,
    },
    /// `--column FIELD=HEADER` names a header the file does not have.
    #[error(
        "{file}: line {line}: --column {field}={header}: no column `{header}` (closest: {closest})"
    )]
    UnknownColumn {
        /// The input's name.
        file: String,
        /// The header's line.
        line: u64,
        /// The field it was meant for.
        field: &'static str,
        /// The header name given.
        header: String,
        /// The closest header names, quoted and comma-separated.
        closest: String,
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
    /// Rows with every field empty, skipped.
    pub blank: usize,
    /// Rows left out by a filter (`--from`, `--to`, `--type`, `--country`).
    pub filtered: usize,
    /// Things about the input as a whole worth a look (a guessed encoding...).
    pub warnings: Vec<String>,
}

/// Options for reading an incidents CSV.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// `--column field=header` overrides.
    pub columns: Vec<(Field, String)>,
    /// How to read `03/04/2024` (`--dayfirst`, `--monthfirst`).
    pub day_order: DayOrder,
    /// The encoding, instead of guessing it (`--encoding`).
    pub encoding: Option<&'static Encoding>,
    /// The delimiter, instead of guessing it (`--delimiter`).
    pub delimiter: Option<u8>,
    /// strftime formats tried before the built-in date forms (`--date-format`).
    pub date_formats: Vec<String>,
    /// The first line is a row, not a header (`--no-header`).
    pub no_header: bool,
    /// The names of the columns of a file without a header (`--columns a,b,c`).
    pub names: Vec<String>,
    /// The layout, instead of recognising it from the header (`--layout`);
    /// GDELT event files have no header, and get the codebook's names.
    pub layout: Option<Layout>,
    /// The sheet of a workbook to read, by name or number from 1 (`--sheet`); the first by default.
    pub sheet: Option<String>,
}

impl ReadOptions {
    /// How date cells are read under these options.
    pub fn date_rules(&self) -> DateRules {
        DateRules {
            order: self.day_order,
            formats: self.date_formats.clone(),
        }
    }
}

/// Looks up an encoding by any of its WHATWG labels (`utf-16le`,
/// `windows-1251`, `latin1`...), for `--encoding`.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes())
        .filter(|e| *e != encoding_rs::REPLACEMENT)
        .ok_or_else(|| {
            format!(
                "`{label}` is not an encoding (try utf-8, utf-16le, windows-1252, windows-1251)"
            )
        })
}

/// Parses a `--delimiter` value: one ASCII character, or `tab`.
pub fn delimiter_for_name(name: &str) -> Result<u8, String> {
    match name {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        s if s.len() == 1 && s.is_ascii() && s != "\"" && s != "\n" => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "`{name}` is not a delimiter: give one character, or `tab`"
        )),
    }
}

/// Reads an incidents CSV from a file, or standard input for `-`.
pub fn read_path(path: &Path, options: &ReadOptions) -> Result<Incidents, InputError> {
    if path.as_os_str() == "-" {
        read(std::io::stdin().lock(), "<stdin>", options)
    } else {
        let file = path.display().to_string();
        let handle = std::fs::File::open(path).map_err(|source| InputError::Io {
            file: file.clone(),
            source,
        })?;
        read(handle, &file, options)
    }
}

/// Reads a whole incidents CSV from any reader; `name` is used in messages.
pub fn read<R: Read>(input: R, name: &str, options: &ReadOptions) -> Result<Incidents, InputError> {
    let mut reader = Reader::new(input, name, options)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    while let Some(row) = reader.next_row()? {
        match row {
            Ok(incident) => rows.push(incident),
            Err(e) => errors.push(e),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(reader.no_rows());
    }
    Ok(Incidents {
        warnings: reader.warnings(),
        blank: reader.blank,
        filtered: 0,
        schema: reader.parser.schema,
        rows,
        errors,
    })
}

/// Reads rows one at a time, so inputs of any size stream through.
pub struct Reader<'a> {
    name: String,
    csv: csv::Reader<Box<dyn Read + 'a>>,
    parser: RowParser,
    record: csv::ByteRecord,
    /// Rows with every field empty, skipped so far.
    pub blank: usize,
    /// Rows not UTF-8 in a UTF-8 file, cells read as empty, two-digit years.
    notes: Notes,
    /// Where the line breaks are, to tell the line where each record starts.
    lines: decode::Lines,
    /// Quoted fields that seem to hold rows, and a quote open at the end.
    quotes: quotes::Watch,
    /// What `quotes` found, once the input has been read to its end.
    quote_warnings: Vec<String>,
    /// The first record of a file without a header, read to learn its width.
    pending: Option<(u64, csv::ByteRecord)>,
    /// Rows read whole (JSON, a workbook), when the input is not text, and
    /// the next to read.
    table: Option<(std::sync::Arc<container::Table>, usize)>,
}

/// An input opened as far as its first record.
struct Opening<'a> {
    /// The first record's fields as text.
    names: Vec<String>,
    /// The first record.
    header: csv::ByteRecord,
    header_line: u64,
    notes: Notes,
    dialect: Dialect,
    /// What held the rows (`gzip-compressed`, `JSON, ACLED API`).
    container: Option<String>,
    csv: csv::Reader<Box<dyn Read + 'a>>,
    lines: decode::Lines,
    table: Option<(std::sync::Arc<container::Table>, usize)>,
}

/// Where a record's parse began, in bytes of the decoded text.
fn record_offset(record: &csv::ByteRecord) -> u64 {
    record.position().map_or(0, |p| p.byte())
}

/// Records as the CSV parser split them, not yet understood: their fields'
/// bytes and the line each starts on. [`Reader::read_records`] fills a
/// batch on one thread; a [`RowParser`] can make rows of it on another.
#[derive(Clone, Debug, Default)]
pub struct Records {
    bytes: Vec<u8>,
    /// Where each field ends in `bytes`.
    ends: Vec<usize>,
    /// Each record's line and where its fields end in `ends`.
    records: Vec<(u64, usize)>,
}

impl Records {
    /// How many records the batch holds.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Empties the batch, keeping its memory.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
        self.records.clear();
    }

    /// Whether the batch holds no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Each record in input order: its line, the bytes of all its fields
    /// together, and each field's bytes.
    pub fn iter(
        &self,
    ) -> impl Iterator<Item = (u64, &[u8], impl Iterator<Item = &[u8]> + '_)> + '_ {
        let mut field = 0;
        self.records.iter().map(move |&(line, last)| {
            let ends = &self.ends[field..last];
            let mut start = if field == 0 { 0 } else { self.ends[field - 1] };
            let whole = &self.bytes[start..ends.last().copied().unwrap_or(start)];
            field = last;
            let fields = ends.iter().map(move |&end| {
                let bytes = &self.bytes[start..end];
                start = end;
                bytes
            });
            (line, whole, fields)
        })
    }

    fn push(&mut self, line: u64, record: &csv::ByteRecord) {
        for field in record {
            self.push_field(field);
        }
        self.end_record(line);
    }

    /// Adds a field to the record being made, which [`Records::end_record`] ends.
    pub fn push_field(&mut self, field: &[u8]) {
        self.bytes.extend_from_slice(field);
        self.ends.push(self.bytes.len());
    }

    /// Ends the record of the fields pushed since the last one; it starts on `line`.
    pub fn end_record(&mut self, line: u64) {
        self.records.push((line, self.ends.len()));
    }

    /// Record `i`'s line, its fields copied into `record`; `None` past the last.
    pub fn record(&self, i: usize, record: &mut csv::ByteRecord) -> Option<u64> {
        let &(line, last) = self.records.get(i)?;
        let first = i.checked_sub(1).map_or(0, |j| self.records[j].1);
        let mut start = first.checked_sub(1).map_or(0, |j| self.ends[j]);
        record.clear();
        for &end in &self.ends[first..last] {
            record.push_field(&self.bytes[start..end]);
            start = end;
        }
        Some(line)
    }
}

/// What a record turned out to be.
#[derive(Debug)]
pub enum Parsed {
    /// Every field is empty: the row is skipped and counted.
    Blank,
    /// An incident, now in the [`Incident`] handed to [`RowParser::parse`].
    Read,
    /// A row that could not be read, and why.
    Invalid(RowError),
}

/// Most characters of a header an error message quotes.
const HEADER_EXCERPT_CHARS: usize = 200;

/// The header as an error message quotes it: its columns comma-separated,
/// cut after about [`HEADER_EXCERPT_CHARS`] with the number left out, so a
/// header of thousands of columns does not flood the terminal.
fn header_excerpt(columns: &[String]) -> String {
    let mut out = String::new();
    for (i, column) in columns.iter().enumerate() {
        if out.chars().count() + column.chars().count() > HEADER_EXCERPT_CHARS && i > 0 {
            out.push_str(&format!(", … and {} more columns", columns.len() - i));
            break;
        }
        if i > 0 {
            out.push(',');
        }
        out.push_str(column);
    }
    text::clean(&out)
}

/// Makes incidents of records under one header: fields as text, dates,
/// numbers, coordinates, cleaned names. Cheap to clone and share between threads.
#[derive(Clone, Debug)]
pub struct RowParser {
    schema: Schema,
    dates: DateRules,
}

impl RowParser {
    /// How the columns were understood.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Parses one record's fields (`whole` is their bytes together) into
    /// `incident`, reusing its strings, so a loop over many records
    /// allocates next to nothing. What is worth telling about the input as
    /// a whole goes into `notes`: records that are not UTF-8 in a UTF-8 file
    /// (read as Windows-1252), cells read as empty, two-digit years.
    pub fn parse<'f>(
        &self,
        whole: &[u8],
        fields: impl Iterator<Item = &'f [u8]>,
        line: u64,
        incident: &mut Incident,
        notes: &mut Notes,
    ) -> Parsed {
        let mut texts = std::mem::take(&mut incident.fields);
        let encoding = self.schema.dialect.encoding;
        let (count, fallback) = fill_texts(whole, fields, encoding, &mut texts);
        let width = count.max(self.schema.columns.len());
        texts.truncate(width);
        texts.resize_with(width, String::new);
        for text in &mut texts[count..] {
            text.clear();
        }
        if fallback {
            notes.not_utf8.push(line);
        }
        let parsed = if texts.iter().all(|f| text::trim(f).is_empty()) {
            Parsed::Blank
        } else {
            let parsed = parse_row(&self.schema, &self.dates, &texts, line, incident, notes);
            for cell in &incident.bad_cells {
                notes.bad_cell(cell.clone());
            }
            match parsed {
                Ok(()) => Parsed::Read,
                Err(e) => Parsed::Invalid(e),
            }
        };
        incident.fields = texts;
        parsed
    }
}

impl<'a> Reader<'a> {
    /// Opens a CSV: decides encoding and delimiter from its first bytes, reads
    /// the header and recognises the layout. Fails when the file is empty or
    /// the header has no column to locate rows by.
    pub fn new<R: Read + 'a>(
        input: R,
        name: &str,
        options: &ReadOptions,
    ) -> Result<Reader<'a>, InputError> {
        match container::open(input, name, options.sheet.as_deref())? {
            container::Opened::Text { reader, container } => {
                Reader::from_text(reader, container, name, options)
            }
            container::Opened::Table(table) => {
                Reader::from_table(std::sync::Arc::new(table), name, options)
            }
        }
    }

    /// A reader of rows read whole (JSON, a workbook), which several readers
    /// may share, so a file is parsed once however many passes read it.
    pub fn from_table(
        table: std::sync::Arc<container::Table>,
        name: &str,
        options: &ReadOptions,
    ) -> Result<Reader<'a>, InputError> {
        if table.rows.is_empty() && table.columns.is_empty() {
            return Err(InputError::Empty {
                file: name.to_string(),
                message: format!("the file ({}) has no rows", table.container),
            });
        }
        let header = csv::ByteRecord::from(table.columns.clone());
        let empty: Box<dyn Read + 'a> = Box::new(std::io::empty());
        Reader::assemble(
            Opening {
                names: table.columns.clone(),
                header,
                header_line: table.header_line,
                notes: Notes::default(),
                dialect: Dialect::default(),
                container: Some(table.container.clone()),
                csv: csv::ReaderBuilder::new().from_reader(empty),
                lines: decode::Lines::default(),
                table: Some((table, 0)),
            },
            name,
            options,
        )
    }

    /// A reader of CSV text (decompressed already: see [`container::open`]).
    pub fn from_text(
        input: Box<dyn Read + 'a>,
        container: Option<String>,
        name: &str,
        options: &ReadOptions,
    ) -> Result<Reader<'a>, InputError> {
        let io = |source| InputError::Io {
            file: name.to_string(),
            source,
        };
        let decoded = decode::decode(input, options.encoding, options.delimiter).map_err(io)?;
        let empty = || InputError::Empty {
            file: name.to_string(),
            message: "the file is empty".into(),
        };
        if decoded.empty {
            return Err(empty());
        }
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .delimiter(decoded.dialect.delimiter)
            .from_reader(decoded.reader);
        let mut header = csv::ByteRecord::new();
        if !csv
            .read_byte_record(&mut header)
            .map_err(|e| csv_error(name, e))?
        {
            return Err(empty());
        }
        let header_line = decoded.lines.line_of_record(record_offset(&header));
        let mut notes = Notes::default();
        let mut names = Vec::new();
        let (count, fallback) = fill_texts(
            header.as_slice(),
            header.iter(),
            decoded.dialect.encoding,
            &mut names,
        );
        names.truncate(count);
        if fallback {
            notes.not_utf8.push(header_line);
        }
        Reader::assemble(
            Opening {
                names,
                header,
                header_line,
                notes,
                dialect: decoded.dialect,
                container,
                csv,
                lines: decoded.lines,
                table: None,
            },
            name,
            options,
        )
    }

    /// Names the columns (from the header, or `--columns` and the layout for
    /// a file without one), recognises the layout and checks that rows can
    /// be located.
    fn assemble(
        opening: Opening<'a>,
        name: &str,
        options: &ReadOptions,
    ) -> Result<Reader<'a>, InputError> {
        let Opening {
            names,
            header,
            header_line,
            notes,
            dialect,
            container,
            csv,
            lines,
            table,
        } = opening;
        let empty = || InputError::Empty {
            file: name.to_string(),
            message: "the file is empty".into(),
        };
        let mut columns: Vec<String> = names
            .iter()
            .map(|h| {
                h.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
                    .to_string()
            })
            .collect();
        let headerless = options.no_header
            || !options.names.is_empty()
            || (options.layout == Some(Layout::Gdelt) && !layouts::is_gdelt_header(&columns));
        let mut pending = None;
        if headerless {
            // The first line is a row: the columns are named for it.
            let width = columns.len();
            columns = if !options.names.is_empty() {
                options.names.clone()
            } else if options.layout == Some(Layout::Gdelt) {
                layouts::GDELT_COLUMNS
                    .iter()
                    .map(|c| c.to_string())
                    .collect()
            } else {
                Vec::new()
            };
            for i in columns.len()..width {
                columns.push(format!("column_{}", i + 1));
            }
            pending = Some((header_line, header));
        }
        if columns.iter().all(String::is_empty) {
            return Err(empty());
        }
        check_overrides(&columns, &options.columns, name, header_line)?;
        let mut schema = Schema::detect_as(columns, &options.columns, options.layout);
        schema.dialect = dialect;
        schema.container = container;
        if !schema.can_locate() {
            let suggestion = columns::place_lookalike(&schema.columns)
                .map(|i| {
                    let column = text::clean(schema.column_name(i));
                    format!("; `{column}` looks like one: use --column place={column}")
                })
                .unwrap_or_default();
            return Err(InputError::NoLocation {
                file: match &schema.container {
                    Some(container) if container.contains("sheet") => {
                        format!("{name} ({container}; --sheet chooses another)")
                    }
                    _ => name.to_string(),
                },
                line: header_line,
                header: header_excerpt(&schema.columns),
                suggestion,
            });
        }
        Ok(Reader {
            lines,
            table,
            name: name.to_string(),
            parser: RowParser {
                schema,
                dates: options.date_rules(),
            },
            record: csv::ByteRecord::new(),
            blank: 0,
            notes,
            pending,
            csv,
            quotes: quotes::Watch::default(),
            quote_warnings: Vec::new(),
        })
    }

    /// The error for an input with a header and no rows under it.
    pub fn no_rows(&self) -> InputError {
        InputError::no_rows(&self.name, self.blank)
    }

    /// How the columns were understood.
    pub fn schema(&self) -> &Schema {
        &self.parser.schema
    }

    /// What makes rows of this input's records.
    pub fn parser(&self) -> &RowParser {
        &self.parser
    }

    /// Reads the next record; `false` at the end of the input.
    fn next_record(&mut self) -> Result<Option<u64>, InputError> {
        if let Some((line, record)) = self.pending.take() {
            self.record = record;
            return Ok(Some(line));
        }
        if let Some((table, next)) = &mut self.table {
            let Some(line) = table.rows.record(*next, &mut self.record) else {
                return Ok(None);
            };
            *next += 1;
            return Ok(Some(line));
        }
        let more = self
            .csv
            .read_byte_record(&mut self.record)
            .map_err(|e| csv_error(&self.name, e))?;
        if !more {
            self.quote_warnings.extend(self.quotes.finish());
            return Ok(None);
        }
        let line = self.lines.line_of_record(record_offset(&self.record));
        self.quotes
            .record(&self.record, line, &self.parser.schema, &self.name);
        Ok(Some(line))
    }

    /// Quoted fields that seem to hold rows of their own (a closing quote
    /// missing?) and a quote still open at the end of the file: known once
    /// the input has been read to its end.
    pub fn quote_warnings(&self) -> &[String] {
        &self.quote_warnings
    }

    /// Reads up to `max` more records into `batch` (fewer only at the end).
    pub fn read_records(&mut self, batch: &mut Records, max: usize) -> Result<(), InputError> {
        for _ in 0..max {
            let Some(line) = self.next_record()? else {
                break;
            };
            batch.push(line, &self.record);
        }
        Ok(())
    }

    /// The next row, read or rejected; `None` at the end of the input.
    /// Blank rows are skipped and counted in [`Reader::blank`].
    pub fn next_row(&mut self) -> Result<Option<Result<Incident, RowError>>, InputError> {
        while let Some(line) = self.next_record()? {
            let mut incident = Incident::default();
            match self.parser.parse(
                self.record.as_slice(),
                self.record.iter(),
                line,
                &mut incident,
                &mut self.notes,
            ) {
                Parsed::Blank => self.blank += 1,
                Parsed::Read => return Ok(Some(Ok(incident))),
                Parsed::Invalid(error) => return Ok(Some(Err(error))),
            }
        }
        Ok(None)
    }

    /// What is worth telling about the input as a whole.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = input_warnings(&self.name, &self.parser.schema.dialect, &self.notes);
        warnings.extend(self.quote_warnings.iter().cloned());
        warnings
    }
}

/// Fails when a `--column` override names a header the file lacks, naming
/// the closest headers it has.
fn check_overrides(
    header: &[String],
    overrides: &[(Field, String)],
    name: &str,
    line: u64,
) -> Result<(), InputError> {
    for (field, wanted) in overrides {
        let key = columns::header_key(wanted);
        if !header.iter().any(|c| columns::header_key(c) == key) {
            let closest: Vec<String> = columns::closest(header, wanted)
                .iter()
                .map(|c| format!("`{}`", text::clean(c)))
                .collect();
            return Err(InputError::UnknownColumn {
                file: name.to_string(),
                line,
                field: field.name(),
                header: text::clean(wanted),
                closest: closest.join(", "),
            });
        }
    }
    Ok(())
}

/// What is worth telling about an input as a whole: a guessed encoding, the
/// rows (by line) that were not UTF-8 in a UTF-8 file, cells that could not
/// be read and were left empty, and two-digit years.
pub fn input_warnings(name: &str, dialect: &Dialect, notes: &Notes) -> Vec<String> {
    let not_utf8 = &notes.not_utf8;
    let mut warnings = Vec::new();
    if dialect.guessed {
        warnings.push(format!(
            "{name} is not UTF-8; read it as {} (a guess: use --encoding to choose another)",
            dialect.encoding.name()
        ));
    }
    if !not_utf8.is_empty() {
        let lines: Vec<String> = not_utf8.iter().take(5).map(u64::to_string).collect();
        warnings.push(format!(
            "{name}: {} row{} not UTF-8, read as windows-1252 (line{} {}{}); use --encoding if that is wrong",
            not_utf8.len(),
            if not_utf8.len() == 1 { " is" } else { "s are" },
            if not_utf8.len() == 1 { "" } else { "s" },
            lines.join(", "),
            if not_utf8.len() > 5 { ", ..." } else { "" },
        ));
    }
    for cell in &notes.cells {
        warnings.push(format!("{name}, {cell}; read as empty, the row is kept"));
    }
    let unlisted = notes.bad_cells - notes.cells.len();
    if unlisted > 0 {
        warnings.push(format!(
            "{name}: {unlisted} more cells could not be read and were read as empty"
        ));
    }
    if let Some(first) = notes.first_two_digit_year {
        warnings.push(format!(
            "{name}: {} dates have a two-digit year (first at line {first}), read as Excel reads them: \
             00-29 as 2000-2029, 30-99 as 1930-1999; use --date-format if that is wrong",
            notes.two_digit_years
        ));
    }
    if let Some(first) = notes.first_excel_serial {
        warnings.push(format!(
            "{name}: {} dates are Excel serial numbers (first at line {first}), read as Excel's \
             1900 date system does (43694 is 2019-08-17)",
            notes.excel_serials
        ));
    }
    warnings
}

/// What rows taught about their input as a whole, gathered while parsing
/// and told once at the end ([`input_warnings`]).
#[derive(Clone, Debug, Default)]
pub struct Notes {
    /// Lines of rows that were not UTF-8 in a UTF-8 file, decoded as Windows-1252.
    pub not_utf8: Vec<u64>,
    /// The first [`Notes::KEPT_CELLS`] cells that could not be read and were
    /// read as empty, with line, column and why.
    pub cells: Vec<RowError>,
    /// How many cells could not be read, listed or not.
    pub bad_cells: usize,
    /// How many dates were written with a two-digit year.
    pub two_digit_years: usize,
    /// The line of the first of them.
    pub first_two_digit_year: Option<u64>,
    /// How many dates were Excel serial numbers (`43694`).
    pub excel_serials: usize,
    /// The line of the first of them.
    pub first_excel_serial: Option<u64>,
}

impl Notes {
    /// Cells listed by line and column; past these, only counted.
    pub const KEPT_CELLS: usize = 20;

    /// Adds the notes of a later part of the same input.
    pub fn merge(&mut self, later: Notes) {
        self.not_utf8.extend(later.not_utf8);
        self.two_digit_years += later.two_digit_years;
        self.first_two_digit_year = self.first_two_digit_year.or(later.first_two_digit_year);
        self.excel_serials += later.excel_serials;
        self.first_excel_serial = self.first_excel_serial.or(later.first_excel_serial);
        self.bad_cells += later.bad_cells;
        let room = Notes::KEPT_CELLS.saturating_sub(self.cells.len());
        self.cells.extend(later.cells.into_iter().take(room));
    }

    /// Notes a cell that could not be read.
    fn bad_cell(&mut self, error: RowError) {
        self.bad_cells += 1;
        if self.cells.len() < Notes::KEPT_CELLS {
            self.cells.push(error);
        }
    }
}

/// Writes a record's fields as text into `texts` (reusing its strings) and
/// returns how many there were, and whether a field that is not UTF-8 was
/// read as Windows-1252 (the decoder made every other encoding UTF-8).
/// `whole` is the fields' bytes together: when it is UTF-8, so is each field.
fn fill_texts<'f>(
    whole: &[u8],
    fields: impl Iterator<Item = &'f [u8]>,
    encoding: &'static Encoding,
    texts: &mut Vec<String>,
) -> (usize, bool) {
    let valid = std::str::from_utf8(whole).ok();
    let mut count = 0;
    let mut at = 0;
    let mut fallback = false;
    for bytes in fields {
        if texts.len() == count {
            texts.push(String::new());
        }
        let text = &mut texts[count];
        text.clear();
        // Fields split at ASCII delimiters, so they split valid text at
        // character boundaries.
        match valid
            .and_then(|all| all.get(at..at + bytes.len()))
            .map_or_else(|| std::str::from_utf8(bytes), Ok)
        {
            Ok(s) => text.push_str(s),
            Err(_) => {
                fallback = encoding == UTF_8;
                text.push_str(&WINDOWS_1252.decode_without_bom_handling(bytes).0);
            }
        }
        at += bytes.len();
        count += 1;
    }
    (count, fallback)
}

impl InputError {
    /// The error for an input with a header and no rows under it, or only
    /// `blank` rows with every field empty.
    pub fn no_rows(file: &str, blank: usize) -> InputError {
        InputError::Empty {
            file: file.to_string(),
            message: if blank > 0 {
                "every row under the header is empty".into()
            } else {
                "the header has no rows under it".into()
            },
        }
    }
}

fn csv_error(name: &str, e: csv::Error) -> InputError {
    match e.kind() {
        csv::ErrorKind::Io(_) => InputError::Io {
            file: name.to_string(),
            source: std::io::Error::other(e.to_string()),
        },
        _ => InputError::Csv {
            file: name.to_string(),
            line: e.position().map(|p| p.line()).unwrap_or(1),
            message: e.to_string(),
        },
    }
}

/// Parses a whole number such as a count of fatalities; `c. 10` and `~10`
/// are 10. In GTD, -9 and -99 mean unknown.
fn parse_count(text: &str, layout: Layout) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() || (layout == Layout::Gtd && (text == "-9" || text == "-99")) {
        return Ok(None);
    }
    let text = strip_approximate(text).0;
    if let Ok(n) = text.parse::<u32>() {
        return Ok(Some(n));
    }
    match text.parse::<f64>() {
        Ok(v) if v >= 0.0 && v.fract() == 0.0 && v <= u32::MAX as f64 => Ok(Some(v as u32)),
        Ok(v) if v < 0.0 => Err(format!("`{text}` is negative")),
        Ok(v) if v.fract() == 0.0 => Err(format!(
            "`{text}` is larger than the largest count read, {}",
            u32::MAX
        )),
        _ => Err(format!("`{text}` is not a whole number")),
    }
}

/// Which coordinate a column holds.
#[derive(Clone, Copy, PartialEq)]
enum Axis {
    Latitude,
    Longitude,
}

/// Parses a coordinate in decimal degrees: `55.75`, `55,75` (where the file
/// uses decimal commas), `55.75°`, `55.75N`, `S 12.5`, `12.5W`.
fn parse_degrees(schema: &Schema, text: &str, axis: Axis) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (limit, own, other) = match axis {
        Axis::Latitude => (90.0, ['N', 'S'], ['E', 'W']),
        Axis::Longitude => (180.0, ['E', 'W'], ['N', 'S']),
    };
    let upper = |c: char| c.to_ascii_uppercase();
    let mut number = text.trim_end_matches('°').trim();
    let mut sign = 1.0;
    let hemisphere = [number.chars().next(), number.chars().last()]
        .into_iter()
        .flatten()
        .map(upper)
        .find(|c| own.contains(c) || other.contains(c));
    if let Some(h) = hemisphere {
        if other.contains(&h) {
            return Err(format!(
                "`{text}` is a {} (are latitude and longitude swapped?)",
                if axis == Axis::Latitude {
                    "longitude"
                } else {
                    "latitude"
                }
            ));
        }
        number = number
            .trim_matches(|c: char| upper(c) == h)
            .trim()
            .trim_end_matches('°')
            .trim();
        if h == 'S' || h == 'W' {
            sign = -1.0;
        }
    }
    let Some(v) = schema.parse_number(number) else {
        let hint = if number.contains(',') && !schema.dialect.decimal_comma {
            " (a decimal comma in a comma-separated file: write a point, or use semicolons)"
        } else {
            ""
        };
        return Err(format!("`{text}` is not a number in decimal degrees{hint}"));
    };
    if hemisphere.is_some() && v < 0.0 {
        return Err(format!("`{text}` has both a sign and a hemisphere"));
    }
    let v = v * sign;
    if v.abs() > limit {
        return Err(format!("{v} is outside ±{limit}"));
    }
    Ok(Some(v))
}

/// Copies a field, cleaned ([`text::clean`]), into `out`; GTD's `Unknown`
/// city or province (where it is not known) becomes empty.
fn clean_known(text: &str, layout: Layout, out: &mut String) {
    text::clean_into(text, out);
    if layout == Layout::Gtd && out.eq_ignore_ascii_case("unknown") {
        out.clear();
    }
}

/// Parses a row's fields (as text, padded to the header) into `incident`,
/// all but its `fields`, which the caller owns.
fn parse_row(
    schema: &Schema,
    dates: &DateRules,
    fields: &[String],
    line: u64,
    incident: &mut Incident,
    notes: &mut Notes,
) -> Result<(), RowError> {
    incident.bad_cells.clear();
    let get = |field: Field| -> &str {
        schema
            .index(field)
            .and_then(|i| fields.get(i))
            .map(|s| text::trim(s))
            .unwrap_or("")
    };
    // Messages quote the input: no control characters may reach a terminal.
    let fail = |field: Field, message: String| RowError {
        line,
        column: schema
            .index(field)
            .map(|i| text::clean(schema.column_name(i))),
        message: text::clean(&message),
    };
    let layout = schema.layout;
    let width = schema.columns.len();
    if let Some(extra) = fields
        .iter()
        .skip(width)
        .position(|f| !text::trim(f).is_empty())
    {
        return Err(RowError {
            line,
            column: None,
            message: format!(
                "field {} is past the header's {width} columns (an unquoted {} in the text?)",
                width + extra + 1,
                schema.dialect.delimiter_name()
            ),
        });
    }

    let mut date = if schema.index(Field::Date).is_some() && !get(Field::Date).is_empty() {
        Some(read_date(dates, get(Field::Date), line, notes).map_err(|m| fail(Field::Date, m))?)
    } else if schema.index(Field::Year).is_some() && !get(Field::Year).is_empty() {
        gtd_date(get(Field::Year), get(Field::Month), get(Field::Day))
            .map_err(|(field, m)| fail(field, m))?
            .map(|date| DateRead {
                date,
                end: None,
                approximate: false,
                two_digit_year: false,
                excel_serial: false,
            })
    } else {
        None
    };
    // Cells that only add to the row: what cannot be read is left empty,
    // with a warning (for the input, and on the row for the report), and
    // the row is kept.
    let mut count = |field: Field| {
        parse_count(get(field), layout).unwrap_or_else(|m| {
            incident.bad_cells.push(fail(field, m));
            None
        })
    };
    let fatalities = count(Field::Fatalities);
    let injuries = count(Field::Injuries);
    let geo_precision = count(Field::GeoPrecision).map(|c| u8::try_from(c).unwrap_or(u8::MAX));
    let time_precision = count(Field::TimePrecision);
    let end_text = get(Field::DateEnd);
    if let Some(date) = &mut date
        && !end_text.is_empty()
    {
        match read_date(dates, end_text, line, notes).and_then(|end| {
            let last = end.end.unwrap_or(end.date);
            if last.end() < date.date.start() {
                Err(format!("`{end_text}` is before the date"))
            } else {
                Ok(last)
            }
        }) {
            Ok(last) => date.end = (last != date.date).then_some(last).or(date.end),
            Err(m) => incident.bad_cells.push(fail(Field::DateEnd, m)),
        }
    }
    if let (Some(date), Some(code)) = (&mut date, time_precision) {
        acled_time_precision(date, code);
    }
    let lat = parse_degrees(schema, get(Field::Latitude), Axis::Latitude).map_err(|m| {
        let swapped = !m.contains("swapped")
            && m.contains("outside")
            && parse_degrees(schema, get(Field::Longitude), Axis::Latitude).is_ok();
        let hint = if swapped {
            " (are latitude and longitude swapped?)"
        } else {
            ""
        };
        fail(Field::Latitude, format!("{m}{hint}"))
    })?;
    let lon = parse_degrees(schema, get(Field::Longitude), Axis::Longitude)
        .map_err(|m| fail(Field::Longitude, m))?;
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
    clean_known(get(Field::Province), layout, &mut incident.province);
    clean_known(get(Field::Place), layout, &mut incident.place);
    if incident.place.is_empty()
        && given.is_none()
        && layout == Layout::Gtd
        && !incident.province.is_empty()
    {
        // GTD: city unknown, no coordinates: the province is the best we have.
        incident.place = format!("{} province", incident.province);
    }
    if incident.place.is_empty() && given.is_none() {
        return Err(fail(
            Field::Place,
            "the row has neither a place nor coordinates".into(),
        ));
    }
    let clean = |field: Field, out: &mut String| text::clean_into(get(field), out);
    clean(Field::Country, &mut incident.country);
    if let Some(iso) = schema.country_codes {
        let code = iso(&incident.country).unwrap_or("");
        incident.country.clear();
        incident.country.push_str(code);
    }
    clean(Field::Type, &mut incident.kind);
    if let Some(words) = schema.type_words.and_then(|words| words(&incident.kind)) {
        incident.kind.clear();
        incident.kind.push_str(words);
    }
    clean(Field::Description, &mut incident.description);
    clean(Field::Source, &mut incident.source);
    incident.line = line;
    incident.date = date.map(|d| d.date);
    incident.date_end = date.and_then(|d| d.end);
    incident.date_approximate = date.is_some_and(|d| d.approximate);
    incident.fatalities = fatalities;
    incident.injuries = injuries;
    incident.given = given;
    incident.geo_precision = geo_precision;
    Ok(())
}

/// Reads a date cell, noting a two-digit year.
fn read_date(
    dates: &DateRules,
    text: &str,
    line: u64,
    notes: &mut Notes,
) -> Result<DateRead, String> {
    let read = dates.read(text)?;
    if read.two_digit_year {
        notes.two_digit_years += 1;
        notes.first_two_digit_year.get_or_insert(line);
    }
    if read.excel_serial {
        notes.excel_serials += 1;
        notes.first_excel_serial.get_or_insert(line);
    }
    Ok(read)
}

/// Applies ACLED's `time_precision` to a date: 1 is the day, 2 a date known
/// to the week (the span of three days either side), 3 to the month.
fn acled_time_precision(date: &mut DateRead, code: u32) {
    let (Some(month), Some(day)) = (date.date.month, date.date.day) else {
        return;
    };
    match code {
        2 => {
            use chrono::{Days, NaiveDate};
            let Some(d) = NaiveDate::from_ymd_opt(date.date.year, month.into(), day.into()) else {
                return;
            };
            let partial = |d: Option<NaiveDate>| {
                use chrono::Datelike;
                d.and_then(|d| {
                    PartialDate::new(d.year(), Some(d.month() as u8), Some(d.day() as u8)).ok()
                })
            };
            if let (Some(first), Some(last)) = (
                partial(d.checked_sub_days(Days::new(3))),
                partial(d.checked_add_days(Days::new(3))),
            ) {
                date.date = first;
                date.end = Some(last);
            }
        }
        3 => date.date.day = None,
        _ => {}
    }
}

/// Builds a date from GTD's year, month and day, where 0 means unknown; an
/// error names the field at fault.
fn gtd_date(year: &str, month: &str, day: &str) -> Result<Option<PartialDate>, (Field, String)> {
    let part = |field: Field, s: &str| -> Result<Option<u8>, (Field, String)> {
        match s.trim() {
            "" | "0" => Ok(None),
            s => s
                .parse::<u8>()
                .map(Some)
                .map_err(|_| (field, format!("`{s}` is not a {} number", field.name()))),
        }
    };
    let year: i32 = year
        .trim()
        .parse()
        .map_err(|_| (Field::Year, format!("`{year}` is not a year")))?;
    let month = part(Field::Month, month)?;
    let day = if month.is_some() {
        part(Field::Day, day)?
    } else {
        None
    };
    PartialDate::new(year, month, day).map(Some).map_err(|m| {
        (
            if day.is_some() {
                Field::Day
            } else {
                Field::Month
            },
            m,
        )
    })
}
