//! Quotes that were never closed. A CSV parser reads everything after an
//! opening quote as one field up to the next quote, so a missing closing
//! quote silently pulls the following rows into one field. The watch looks
//! at the fields that run over line breaks: a line inside one that splits
//! into as many fields as the header, with a number or date among them, is
//! most likely a row of its own; and a field still open at the end of the
//! file ends with the file's last line break.
//!
//! The watch also counts the control characters (NUL and the like) that
//! cleaning drops from the text, so that they are not lost without a word.

use super::Schema;

/// What was seen of quoted fields spanning lines, record by record.
#[derive(Debug, Default)]
pub(crate) struct Watch {
    /// Messages about fields that seem to hold rows, in input order.
    found: Vec<String>,
    /// The message for the last record, if a quote in it was still open
    /// when the record ended (true only of the file's last record).
    open: Option<String>,
    /// Control characters in the text (tab and line breaks aside), which
    /// cleaning removes, and the first lines that held them.
    dropped: usize,
    dropped_lines: Vec<u64>,
    file: String,
}

/// Messages kept at most; the count is still told.
const KEPT: usize = 20;

impl Watch {
    /// Looks at one record that starts on `line`.
    pub(crate) fn record(
        &mut self,
        record: &csv::ByteRecord,
        line: u64,
        schema: &Schema,
        file: &str,
    ) {
        self.open = None;
        let bytes = record.as_slice();
        if bytes.iter().any(|&b| is_dropped_control(b)) {
            self.dropped += bytes.iter().filter(|&&b| is_dropped_control(b)).count();
            if self.dropped_lines.len() < 5 {
                self.dropped_lines.push(line);
            }
            self.file = file.to_string();
        }
        if memchr::memchr(b'\n', bytes).is_none() {
            return;
        }
        let width = schema.columns.len();
        let delimiter = schema.dialect.delimiter;
        let mut breaks_before = 0u64;
        for (k, field) in record.iter().enumerate() {
            let column = schema.column_name(k);
            let column = if column.is_empty() {
                format!("column {}", k + 1)
            } else {
                format!("`{}`", crate::text::clean(column))
            };
            let inner: Vec<&[u8]> = field.split(|&b| b == b'\n').collect();
            if inner.len() > 1 && width >= 2 {
                let row_like = inner[1..]
                    .iter()
                    .position(|l| looks_like_row(l, delimiter, width));
                if let Some(i) = row_like {
                    if self.found.len() < KEPT {
                        let text = String::from_utf8_lossy(inner[i + 1]);
                        let shown: String = text.chars().take(60).collect();
                        self.found.push(format!(
                            "{file}, line {line}: the quoted field {column} runs on to line {} \
                             and holds what looks like a row of its own there (`{}`): is a \
                             closing quote missing? Those lines were read as part of line {line}",
                            line + breaks_before + i as u64 + 1,
                            crate::text::clean(&shown)
                        ));
                    } else {
                        self.found.push(String::new());
                    }
                }
            }
            if field.last() == Some(&b'\n') {
                self.open = Some(format!(
                    "{file}, line {line}: the quote opened in field {column} is still open at the \
                     end of the file, so every line after it was read into that field"
                ));
            }
            breaks_before += inner.len() as u64 - 1;
        }
    }

    /// The messages, once the input has been read to its end: at most
    /// [`KEPT`] of them and a count of the rest, then the quote still open.
    pub(crate) fn finish(&mut self) -> Vec<String> {
        let total = self.found.len();
        let mut out: Vec<String> = self.found.drain(..).filter(|m| !m.is_empty()).collect();
        if total > out.len() {
            out.push(format!(
                "... and {} more quoted fields that seem to hold rows",
                total - out.len()
            ));
        }
        out.extend(self.open.take());
        if self.dropped > 0 {
            let lines: Vec<String> = self.dropped_lines.iter().map(u64::to_string).collect();
            out.push(format!(
                "{}: {} control characters (NUL and the like) were removed from the text (line{} {}{})",
                self.file,
                self.dropped,
                if lines.len() == 1 { "" } else { "s" },
                lines.join(", "),
                if self.dropped_lines.len() == 5 { ", ..." } else { "" }
            ));
            self.dropped = 0;
        }
        out
    }
}

/// An ASCII control byte that cleaning removes (tab and line breaks become
/// spaces instead). Bytes of other characters are never below 0x20.
fn is_dropped_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F
}

/// Whether a line inside a field reads as a row: as many fields as the
/// header when split at the delimiter, one of them starting with a digit
/// (a date, a count, a coordinate).
fn looks_like_row(line: &[u8], delimiter: u8, width: usize) -> bool {
    let cells: Vec<&[u8]> = line.split(|&b| b == delimiter).collect();
    cells.len() == width
        && cells.iter().any(|c| {
            c.iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(u8::is_ascii_digit)
        })
}
