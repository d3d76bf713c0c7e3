//! Indexes the embedded gazetteer table at build time, so that loading it
//! costs nothing at startup: where each row starts, and which rows are
//! first-level divisions and capitals.
//!
//! Writes to `OUT_DIR`:
//! - `place-lines.bin`: the byte offset of each row of `gazetteer/places.tsv`
//!   (header excluded) as little-endian `u32`, then the offset just past the
//!   last row;
//! - `place-index.tsv`: `admin1 TAB country TAB code TAB row` for each
//!   division and `capital TAB country TAB row` for each country's first
//!   capital (feature `PPLC`).

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let table = "gazetteer/places.tsv";
    println!("cargo::rerun-if-changed={table}");
    let text = std::fs::read_to_string(table).expect("gazetteer/places.tsv is readable");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    let mut offsets: Vec<u8> = Vec::new();
    let mut index = String::new();
    let mut capitals = std::collections::HashSet::new();
    let header_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut at = header_end;
    let mut row = 0usize;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        offsets.extend_from_slice(&offset(at).to_le_bytes());
        let f: Vec<&str> = text[at..end].split('\t').collect();
        let field = |i: usize| f.get(i).copied().unwrap_or("");
        // Columns: geonameid kind name alternates lat lon feature country admin1 population.
        match (field(1), field(6)) {
            ("admin1", _) => {
                let _ = writeln!(index, "admin1\t{}\t{}\t{row}", field(7), field(8));
            }
            ("city", "PPLC") if capitals.insert(field(7).to_string()) => {
                let _ = writeln!(index, "capital\t{}\t{row}", field(7));
            }
            _ => {}
        }
        at = end + 1;
        row += 1;
    }
    offsets.extend_from_slice(&offset(text.len() + 1).to_le_bytes());
    std::fs::write(out.join("place-lines.bin"), offsets).expect("OUT_DIR is writable");
    std::fs::write(out.join("place-index.tsv"), index).expect("OUT_DIR is writable");
}

/// A byte offset as stored: the table is well under 4 GB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("gazetteer/places.tsv is under 4 GB")
}
