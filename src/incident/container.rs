//! What a file is, decided from its first bytes whatever its name says:
//! text to read as CSV, gzip around it, a zip holding one such file, a
//! workbook (zip or OLE, read by [`super::workbook`]), JSON rows (a list of flat objects, or the ACLED and
//! UCDP API envelopes), or a file incimap cannot read, named in one line
//! ("a PDF") without echoing its bytes.

use std::io::{self, BufRead, BufReader, Read};

use serde_json::Value;

use super::InputError;

/// Rows read whole from a file that is not text (JSON, a workbook): the
/// header and each row's fields, with the line (or sheet row) each starts on.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Line (or sheet row) of the header.
    pub header_line: u64,
    /// Each row's line and fields.
    pub rows: super::Records,
    /// What the rows came from, for the summary: `JSON, ACLED API`.
    pub container: String,
}

/// An input, opened.
pub enum Opened<'a> {
    /// Text for the CSV reader; `container` says what was around it (`gzip`).
    Text {
        /// The text's bytes, decompressed.
        reader: Box<dyn Read + 'a>,
        /// What the text came in, if anything.
        container: Option<String>,
    },
    /// Rows already read.
    Table(Table),
}

/// Magic numbers of files that are not incident tables, and what to call them.
const NOT_TABLES: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3\0", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xFD7zXZ\0", "an xz-compressed file"),
    (b"{\\rtf", "an RTF document"),
];

const GZIP: &[u8] = b"\x1F\x8B";
const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0";

fn io_error(name: &str, source: io::Error) -> InputError {
    InputError::Io {
        file: name.to_string(),
        source,
    }
}

fn unreadable(name: &str, what: &str, hint: &str) -> InputError {
    InputError::Unreadable {
        file: name.to_string(),
        message: format!("{what}{hint}"),
    }
}

/// Opens an input by its content: gzip is decompressed (and looked into
/// again), a workbook's `sheet` (or first sheet) and JSON are read as rows,
/// text goes to the CSV reader, and anything incimap cannot read is an
/// error saying what it looks like.
pub fn open<'a, R: Read + 'a>(
    input: R,
    name: &str,
    sheet: Option<&str>,
) -> Result<Opened<'a>, InputError> {
    open_boxed(Box::new(input), name, sheet, None)
}

fn open_boxed<'a>(
    input: Box<dyn Read + 'a>,
    name: &str,
    sheet: Option<&str>,
    container: Option<String>,
) -> Result<Opened<'a>, InputError> {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let head = input.fill_buf().map_err(|e| io_error(name, e))?.to_vec();
    if head.starts_with(GZIP) {
        let inner = flate2::bufread::MultiGzDecoder::new(input);
        return open_boxed(Box::new(inner), name, sheet, Some("gzip-compressed".into()));
    }
    if head.starts_with(ZIP) || head.starts_with(OLE) {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(name, e))?;
        if head.starts_with(ZIP)
            && let Some((member, inner)) = zipped_file(&bytes)
        {
            let outer = format!("`{member}` in a zip archive");
            let outer = match container {
                Some(c) => format!("{outer}, {c}"),
                None => outer,
            };
            return open_boxed(Box::new(io::Cursor::new(inner)), name, sheet, Some(outer));
        }
        let mut table = super::workbook::read(bytes, name, sheet)?;
        if let Some(outer) = container {
            table.container = format!("{}, {outer}", table.container);
        }
        return Ok(Opened::Table(table));
    }
    if let Some((_, what)) = NOT_TABLES.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Err(unreadable(
            name,
            &format!("looks like {what}, not a table of incidents"),
            "",
        ));
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'[' | b'{')) {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(name, e))?;
        let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        return json_table(json, name, container).map(Opened::Table);
    }
    Ok(Opened::Text {
        reader: Box::new(input),
        container,
    })
}

/// The one file of a zip archive that is not a workbook (a `.zip` holding
/// one CSV, JSON or workbook), with its name: `None` for a workbook (it has
/// its own parts), or an archive of more or fewer files.
fn zipped_file(bytes: &[u8]) -> Option<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(io::Cursor::new(bytes)).ok()?;
    let workbook_part =
        |n: &str| n == "mimetype" || n == "[Content_Types].xml" || n.starts_with("META-INF/");
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    if names.iter().any(|n| workbook_part(n)) {
        return None;
    }
    let files: Vec<&String> = names
        .iter()
        .filter(|n| !n.ends_with('/') && !n.starts_with("__MACOSX/"))
        .collect();
    let [member] = files.as_slice() else {
        return None;
    };
    let mut inner = Vec::new();
    archive.by_name(member).ok()?.read_to_end(&mut inner).ok()?;
    Some(((*member).clone(), inner))
}

/// The list of rows in a JSON document, and what holds it: a list itself,
/// ACLED's API answer (`{"status":200,"success":true,"data":[...]}`),
/// UCDP's (`{"Result":[...]}`), or another object with one list of objects.
fn rows_of(value: Value) -> Result<(Vec<Value>, &'static str), &'static str> {
    match value {
        Value::Array(rows) => Ok((rows, "JSON")),
        Value::Object(mut object) => {
            for (key, what) in [("data", "JSON, ACLED API"), ("Result", "JSON, UCDP API")] {
                if let Some(Value::Array(rows)) = object.remove(key) {
                    return Ok((rows, what));
                }
            }
            if object.contains_key("features") {
                return Err("is GeoJSON: incimap reads rows of incidents, not features");
            }
            let mut lists = object.into_iter().filter_map(|(_, v)| match v {
                Value::Array(rows) if rows.iter().all(Value::is_object) && !rows.is_empty() => {
                    Some(rows)
                }
                _ => None,
            });
            match (lists.next(), lists.next()) {
                (Some(rows), None) => Ok((rows, "JSON")),
                _ => Err("is JSON without a list of rows"),
            }
        }
        _ => Err("is JSON without a list of rows"),
    }
}

/// A cell's text: strings as they are, numbers and booleans as written,
/// null empty, anything nested as compact JSON.
fn cell_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        nested => nested.to_string(),
    }
}

/// Reads JSON rows: every object is a row, its keys the columns (in the
/// order they first appear); rows are numbered from 2, as in the CSV the
/// same rows would make.
fn json_table(bytes: &[u8], name: &str, container: Option<String>) -> Result<Table, InputError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        unreadable(
            name,
            &format!(
                "looks like JSON but cannot be read (line {}, column {}: {})",
                e.line(),
                e.column(),
                classify(&e)
            ),
            "",
        )
    })?;
    let (rows, what) = rows_of(value).map_err(|what| unreadable(name, what, ""))?;
    let mut columns: Vec<String> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for row in &rows {
        let Value::Object(object) = row else {
            return Err(unreadable(
                name,
                "is JSON whose list holds something other than objects",
                "",
            ));
        };
        for key in object.keys() {
            if !index.contains_key(key) {
                index.insert(key.clone(), columns.len());
                columns.push(key.clone());
            }
        }
    }
    let mut table = Table {
        header_line: 1,
        container: match container {
            Some(outer) => format!("{what}, {outer}"),
            None => what.to_string(),
        },
        ..Table::default()
    };
    let mut fields = vec![String::new(); columns.len()];
    for (i, row) in rows.iter().enumerate() {
        fields.iter_mut().for_each(String::clear);
        if let Value::Object(object) = row {
            for (key, value) in object {
                fields[index[key]] = cell_text(value);
            }
        }
        for field in &fields {
            table.rows.push_field(field.as_bytes());
        }
        table.rows.end_record(i as u64 + 2);
    }
    table.columns = columns;
    Ok(table)
}

/// What kind of JSON error it is, in words.
fn classify(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Eof => "it ends too early",
        serde_json::error::Category::Syntax => "a syntax error",
        _ => "not valid JSON",
    }
}
