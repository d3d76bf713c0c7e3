//! Turning the bytes of a spreadsheet export into UTF-8 CSV text: the
//! encoding (UTF-8 with or without BOM, UTF-16 from Excel's "Unicode text",
//! legacy code pages such as Windows-1252), line endings, and the delimiter.
//!
//! Everything is decided from the first few kilobytes, then the rest streams.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Cursor, Read};
use std::rc::Rc;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;

/// How many bytes are looked at to decide the encoding and the delimiter.
const SNIFF_BYTES: usize = 64 * 1024;

/// How an input file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    /// The character encoding the file was read with.
    pub encoding: &'static Encoding,
    /// Whether the file started with a byte-order mark.
    pub bom: bool,
    /// Whether the encoding was guessed (no BOM and not UTF-8): worth a warning.
    pub guessed: bool,
    /// The field delimiter: `,`, `;`, tab or `|`.
    pub delimiter: u8,
    /// Whether coordinates may use a decimal comma (`55,75`): only when the
    /// delimiter is not a comma.
    pub decimal_comma: bool,
}

impl Default for Dialect {
    fn default() -> Dialect {
        Dialect {
            encoding: UTF_8,
            bom: false,
            guessed: false,
            delimiter: b',',
            decimal_comma: false,
        }
    }
}

impl Dialect {
    /// A name for the delimiter, for messages.
    pub fn delimiter_name(&self) -> &'static str {
        match self.delimiter {
            b',' => "comma",
            b';' => "semicolon",
            b'\t' => "tab",
            b'|' => "pipe",
            _ => "other",
        }
    }
}

/// An input decoded to UTF-8 (or passed through as UTF-8 with fallbacks to
/// decide per row), with line endings made `\n` and a final `\n` ensured.
pub(crate) struct Decoded<'a> {
    /// The text, ready for the CSV parser.
    pub reader: Box<dyn Read + 'a>,
    /// What was found.
    pub dialect: Dialect,
    /// Whether no byte was read at all.
    pub empty: bool,
    /// Where the line breaks of the text are, for line numbers.
    pub lines: Lines,
}

/// The offsets of the line breaks in the decoded text, filled as the text is
/// read, so the line where a record starts can be told from its byte offset
/// (quoted line breaks, blank lines and unclosed quotes included).
#[derive(Clone, Default)]
pub(crate) struct Lines(Rc<RefCell<LineBreaks>>);

#[derive(Default)]
struct LineBreaks {
    /// Offsets of `\n` bytes not yet passed by a query.
    pending: VecDeque<u64>,
    /// How many breaks were dropped from the front of `pending`.
    passed: u64,
}

impl Lines {
    fn push(&self, offsets: impl Iterator<Item = u64>) {
        self.0.borrow_mut().pending.extend(offsets);
    }

    /// The line (1-based) of the first byte at or after `offset` that is not
    /// a line break: where a record whose parse began at `offset` starts.
    /// Offsets must not decrease from one call to the next.
    pub(crate) fn line_of_record(&self, offset: u64) -> u64 {
        let mut breaks = self.0.borrow_mut();
        while breaks.pending.front().is_some_and(|b| *b < offset) {
            breaks.pending.pop_front();
            breaks.passed += 1;
        }
        let mut start = offset;
        let mut skipped = 0;
        for b in &breaks.pending {
            if *b == start {
                start += 1;
                skipped += 1;
            } else {
                break;
            }
        }
        breaks.passed + skipped + 1
    }
}

/// Reads up to `limit` bytes, fewer only at the end of the input.
fn read_head(input: &mut dyn Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(limit.min(8192));
    input.take(limit as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// The encoding a byte-order mark announces, and the mark's length.
fn bom(head: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(head)
}

/// UTF-16 without a BOM: one byte of each pair is almost always zero in
/// mostly-ASCII text.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let sample = &head[..head.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= pairs * 7 && even * 20 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether the head reads as UTF-8: valid, or mixing valid multi-byte
/// sequences with a few stray bytes (each such row is decoded on its own).
/// A sequence cut at the end of a full head does not count against it.
fn looks_utf8(head: &[u8], complete: bool) -> bool {
    let mut invalid = 0;
    let mut multibyte = 0;
    let mut chunks = head.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        let cut_at_end = chunks.peek().is_none() && !complete && chunk.invalid().len() < 4;
        if !chunk.invalid().is_empty() && !cut_at_end {
            invalid += 1;
        }
    }
    invalid == 0 || multibyte > 0
}

/// Guesses a legacy code page (Windows-1252, Windows-1251...) from the bytes.
fn guess_legacy(head: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == UTF_8 { WINDOWS_1252 } else { guess }
}

/// Decides the encoding and delimiter from the first bytes of `input` and
/// returns a reader of UTF-8 text. `encoding` and `delimiter` override the
/// guesses (`--encoding`, `--delimiter`).
pub(crate) fn decode<'a, R: Read + 'a>(
    mut input: R,
    encoding: Option<&'static Encoding>,
    delimiter: Option<u8>,
) -> io::Result<Decoded<'a>> {
    let head = read_head(&mut input, SNIFF_BYTES)?;
    let complete = head.len() < SNIFF_BYTES;
    let empty = head.is_empty();
    let found_bom = bom(&head);
    let (chosen, guessed) = match (encoding, found_bom) {
        (Some(e), _) => (e, false),
        (None, Some((e, _))) => (e, false),
        (None, None) => match utf16_without_bom(&head) {
            Some(e) => (e, false),
            None if looks_utf8(&head, complete) => (UTF_8, false),
            None => (guess_legacy(&head), true),
        },
    };
    let skip = match found_bom {
        Some((e, len)) if e == chosen => len,
        _ => 0,
    };
    let raw = Cursor::new(head).chain(input);
    let text: Box<dyn Read + 'a> = if chosen == UTF_8 {
        // Passed through: rows that are not UTF-8 are decoded one by one.
        let mut raw = raw;
        io::copy(&mut (&mut raw).take(skip as u64), &mut io::sink())?;
        Box::new(raw)
    } else {
        Box::new(
            DecodeReaderBytesBuilder::new()
                .encoding(Some(chosen))
                .strip_bom(true)
                .build(raw),
        )
    };
    let lines = Lines::default();
    let mut text = Newlines::new(text, lines.clone());
    let head = read_head(&mut text, SNIFF_BYTES)?;
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(&head, head.len() < SNIFF_BYTES));
    Ok(Decoded {
        reader: Box::new(Cursor::new(head).chain(text)),
        dialect: Dialect {
            encoding: chosen,
            bom: skip > 0,
            guessed,
            delimiter,
            decimal_comma: delimiter != b',',
        },
        empty,
        lines,
    })
}

/// Candidate delimiters, in order of preference when they tie.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter under which the header has the most columns that the
/// rows below agree with. Parses the first rows with each candidate (so
/// quoted fields are respected); a cut-off last row is ignored.
pub fn sniff_delimiter(head: &[u8], complete: bool) -> u8 {
    let mut best = (b',', (false, 0, 0));
    for delimiter in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(head);
        let mut widths: Vec<usize> = reader
            .byte_records()
            .take(51)
            .map_while(Result::ok)
            .map(|r| r.len())
            .collect();
        if !complete && widths.len() > 1 {
            widths.pop();
        }
        let Some((&header, rows)) = widths.split_first() else {
            continue;
        };
        let agree = rows.iter().filter(|w| **w == header).count();
        let score = (header > 1, agree, header);
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

/// Makes every line end in `\n` (CRLF and lone CR become LF), ends the text
/// with one, and notes where each is in [`Lines`].
struct Newlines<R> {
    inner: R,
    /// A `\r` was the last byte of the previous read.
    after_cr: bool,
    /// The last byte given out, to add a final `\n` if it was not one.
    last: Option<u8>,
    done: bool,
    /// Bytes given out so far.
    offset: u64,
    lines: Lines,
}

impl<R: Read> Newlines<R> {
    fn new(inner: R, lines: Lines) -> Newlines<R> {
        Newlines {
            inner,
            after_cr: false,
            last: None,
            done: false,
            offset: 0,
            lines,
        }
    }

    /// Records the line breaks of `out`, the next bytes given out.
    fn give(&mut self, out: &[u8]) -> usize {
        let start = self.offset;
        self.lines
            .push(memchr::memchr_iter(b'\n', out).map(|i| start + i as u64));
        self.offset += out.len() as u64;
        self.last = out.last().copied().or(self.last);
        out.len()
    }
}

impl<R: Read> Read for Newlines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.done {
            return Ok(0);
        }
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                self.done = true;
                if self.last.is_some_and(|b| b != b'\n') {
                    buf[0] = b'\n';
                    return Ok(self.give(&buf[..1]));
                }
                return Ok(0);
            }
            if !self.after_cr && memchr::memchr(b'\r', &buf[..n]).is_none() {
                // No carriage return to turn into a line feed.
                return Ok(self.give(&buf[..n]));
            }
            let mut out = 0;
            for i in 0..n {
                let b = buf[i];
                let after_cr = std::mem::replace(&mut self.after_cr, b == b'\r');
                match b {
                    b'\n' if after_cr => continue,
                    b'\r' => buf[out] = b'\n',
                    _ => buf[out] = b,
                }
                out += 1;
            }
            if out > 0 {
                return Ok(self.give(&buf[..out]));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Dialect) {
        let mut decoded = decode(bytes, None, None).unwrap();
        let mut out = String::new();
        decoded.reader.read_to_string(&mut out).unwrap();
        (out, decoded.dialect)
    }

    #[test]
    fn line_endings_become_lf_and_a_final_one_is_added() {
        assert_eq!(text(b"a,b\r\n1,2\r\n").0, "a,b\n1,2\n");
        assert_eq!(text(b"a,b\r1,2").0, "a,b\n1,2\n");
        assert_eq!(text(b"a,b\n\n1,2\n").0, "a,b\n\n1,2\n");
        // A CRLF split across two reads is still one line break.
        let split = io::Read::chain(&b"a,b\r"[..], &b"\n1,2"[..]);
        let mut out = String::new();
        decode(split, None, None)
            .unwrap()
            .reader
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "a,b\n1,2\n");
    }

    #[test]
    fn encodings() {
        let (t, d) = text(b"\xEF\xBB\xBFplace\nK\xC3\xB6ln\n");
        assert_eq!(
            (t.as_str(), d.encoding, d.bom),
            ("place\nKöln\n", UTF_8, true)
        );
        let utf16: Vec<u8> = "\u{FEFF}place\tlat\nKöln\t50,9\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (t, d) = text(&utf16);
        assert_eq!(
            (t.as_str(), d.encoding, d.delimiter),
            ("place\tlat\nKöln\t50,9\n", UTF_16LE, b'\t')
        );
        assert!(d.decimal_comma);
        let be: Vec<u8> = "place\nKöln\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            text(&be).1.encoding,
            UTF_16BE,
            "no BOM, found by its zero bytes"
        );
        let (t, d) = text(b"place\nK\xF6ln\n");
        assert_eq!(
            (t.as_str(), d.encoding, d.guessed),
            ("place\nKöln\n", WINDOWS_1252, true)
        );
        assert_eq!(text(b"").0, "");
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n", true), b',');
        assert_eq!(sniff_delimiter(b"a;b;c\n1,5;2,5;3\n", true), b';');
        assert_eq!(sniff_delimiter(b"a\tb\n1\t2\n", true), b'\t');
        assert_eq!(sniff_delimiter(b"a|b\n1|2\n", true), b'|');
        assert_eq!(sniff_delimiter(b"place\nMoscow\n", true), b',');
        // Semicolons inside quoted text do not fool it.
        assert_eq!(
            sniff_delimiter(b"a,b\n\"x;y;z\",2\n\"p;q\",3\n", true),
            b','
        );
        assert_eq!(
            sniff_delimiter(b"date;place;notes\n2024;Kabul;\"a, b, c, d\"\n", true),
            b';'
        );
    }
}
