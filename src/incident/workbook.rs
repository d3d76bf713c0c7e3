//! Spreadsheet workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read
//! with calamine: one sheet (the first, or `--sheet NAME|N`) becomes a
//! [`Table`], its first used row the header, every row numbered as the
//! sheet numbers it, cells typed as the workbook types them: dates as ISO
//! dates whatever their number format, whole numbers without a `.0`.
//!
//! An `.xlsx` sheet is streamed cell by cell into its rows' records (shared
//! strings borrowed, never copied); the other formats are read by calamine
//! into a range first and then go the same way.

use std::io::Cursor;

use calamine::{DataType, Reader as _, Sheets, open_workbook_auto_from_rs};

use super::container::Table;
use super::{InputError, Records};

/// What kind of workbook it is, in words.
fn kind(sheets: &Sheets<Cursor<Vec<u8>>>) -> &'static str {
    match sheets {
        Sheets::Xls(_) => "Excel 97-2003 workbook",
        Sheets::Xlsx(_) => "Excel workbook",
        Sheets::Xlsb(_) => "Excel binary workbook",
        Sheets::Ods(_) => "OpenDocument spreadsheet",
    }
}

/// Appends a cell as text to `out`: a date as `2019-08-17` (with the time
/// when it has one), a whole number without a fraction, an error cell empty.
fn cell_text<D: DataType>(cell: &D, out: &mut Vec<u8>) {
    use std::io::Write;
    if let Some(s) = cell
        .get_string()
        .or_else(|| cell.get_datetime_iso())
        .or_else(|| cell.get_duration_iso())
    {
        out.extend_from_slice(s.as_bytes());
    } else if let Some(n) = cell.get_int() {
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    } else if let Some(f) = cell.get_float() {
        if f.fract() == 0.0 && f.abs() < 1e15 {
            out.extend_from_slice(itoa::Buffer::new().format(f as i64).as_bytes());
        } else {
            let _ = write!(out, "{f}");
        }
    } else if let Some(b) = cell.get_bool() {
        out.extend_from_slice(if b { b"true" } else { b"false" });
    } else if let Some(d) = cell.get_datetime() {
        let _ = if !d.is_datetime() {
            write!(out, "{}", d.as_f64())
        } else {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                write!(out, "{y:04}-{m:02}-{day:02}")
            } else {
                write!(out, "{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        };
    }
}

/// Gathers a sheet's cells, given row by row, into a [`Table`]: the first
/// row with a value is the header, rows between are blank records, and the
/// first column with a value anywhere is the table's first.
#[derive(Default)]
struct Gather {
    table: Table,
    /// The row being gathered: its number, its cells' text and each cell's
    /// column with where its text ends.
    row: Option<u32>,
    text: Vec<u8>,
    cells: Vec<(u32, usize)>,
    /// The sheet row of the header, once seen, and of the last row kept.
    first: Option<u32>,
    last: u32,
    /// The leftmost column holding a value.
    min_col: Option<u32>,
    /// Whether a row came after one below it.
    unordered: bool,
}

impl Gather {
    /// Adds the cell at (`row`, `col`); empty cells are skipped.
    fn cell<D: DataType>(&mut self, row: u32, col: u32, cell: &D) {
        if cell.is_empty() {
            return;
        }
        if self.row != Some(row) {
            self.end_row();
            self.row = Some(row);
        }
        cell_text(cell, &mut self.text);
        self.min_col = Some(self.min_col.map_or(col, |min| min.min(col)));
        self.cells.push((col, self.text.len()));
    }

    /// Makes a record of the row gathered so far.
    fn end_row(&mut self) {
        let Some(row) = self.row.take() else {
            return;
        };
        if self.cells.windows(2).any(|w| w[0].0 >= w[1].0) {
            // Cells out of column order: sort them, each with its text.
            let mut start = 0;
            let mut spans: Vec<(u32, usize, usize)> = self
                .cells
                .iter()
                .map(|&(col, end)| {
                    let span = (col, start, end);
                    start = end;
                    span
                })
                .collect();
            spans.sort_by_key(|s| s.0);
            spans.dedup_by_key(|s| s.0);
            let mut text = Vec::with_capacity(self.text.len());
            self.cells.clear();
            for (col, from, to) in spans {
                text.extend_from_slice(&self.text[from..to]);
                self.cells.push((col, text.len()));
            }
            self.text = text;
        }
        // Each cell's text, with empty fields for the columns between.
        let mut fields = Vec::with_capacity(self.cells.last().map_or(0, |c| c.0 as usize + 1));
        let mut start = 0;
        for &(col, end) in &self.cells {
            fields.resize(col as usize, &b""[..]);
            fields.push(&self.text[start..end]);
            start = end;
        }
        let line = u64::from(row) + 1;
        match self.first {
            None => {
                self.first = Some(row);
                self.table.header_line = line;
                self.table.columns = fields
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect();
            }
            Some(_) => {
                let rows = &mut self.table.rows;
                if row < self.last {
                    self.unordered = true;
                }
                for blank in self.last + 1..row {
                    rows.end_record(u64::from(blank) + 1);
                }
                for field in fields {
                    rows.push_field(field);
                }
                rows.end_record(line);
            }
        }
        self.text.clear();
        self.cells.clear();
        self.last = row;
    }

    /// The table, its rows in sheet order and its columns from the first used one.
    fn finish(mut self) -> Table {
        self.end_row();
        let mut table = self.table;
        let skip = self.min_col.unwrap_or(0) as usize;
        if skip > 0 {
            table.columns.drain(..skip.min(table.columns.len()));
        }
        if skip > 0 || self.unordered {
            let mut order: Vec<(u64, usize)> = table
                .rows
                .iter()
                .enumerate()
                .map(|(i, (line, _, _))| (line, i))
                .collect();
            // A row that came late was first filled in as a blank row: of
            // the records of one line, the last made is kept.
            order.sort_by_key(|&(line, i)| (line, std::cmp::Reverse(i)));
            order.dedup_by_key(|(line, _)| *line);
            let mut rows = Records::default();
            let mut record = csv::ByteRecord::new();
            for (line, i) in order {
                table.rows.record(i, &mut record);
                for field in record.iter().skip(skip) {
                    rows.push_field(field);
                }
                rows.end_record(line);
            }
            table.rows = rows;
        }
        table
    }
}

/// Reads one sheet of a workbook held in `bytes`: the sheet named `sheet`,
/// or the `N`th (from 1) when no sheet has that name, or the first.
pub fn read(bytes: Vec<u8>, name: &str, sheet: Option<&str>) -> Result<Table, InputError> {
    let unreadable = |message: String| InputError::Unreadable {
        file: name.to_string(),
        message,
    };
    let mut sheets = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| {
        unreadable(
            "looks like a zip archive or an Office file, but not a workbook incimap reads \
             (.xlsx, .xlsm, .xlsb, .xls, .ods): unzip the CSV inside, or save the sheet as CSV"
                .into(),
        )
    })?;
    let what = kind(&sheets);
    let names = sheets.sheet_names();
    let chosen = match sheet {
        None => names.first().cloned(),
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| {
                let n: usize = wanted.trim().parse().ok()?;
                names.get(n.checked_sub(1)?)
            })
            .cloned(),
    };
    let Some(chosen) = chosen else {
        let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        return Err(unreadable(format!(
            "is an {what} without a sheet `{}` (sheets: {})",
            sheet.unwrap_or(""),
            list.join(", ")
        )));
    };
    let cannot = |e: &dyn std::fmt::Display| {
        unreadable(format!(
            "is an {what} whose sheet `{chosen}` cannot be read: {e}"
        ))
    };
    let mut gather = Gather::default();
    if let Sheets::Xlsx(xlsx) = &mut sheets {
        let mut cells = xlsx
            .worksheet_cells_reader(&chosen)
            .map_err(|e| cannot(&e))?;
        while let Some(cell) = cells.next_cell().map_err(|e| cannot(&e))? {
            let (row, col) = cell.get_position();
            gather.cell(row, col, cell.get_value());
        }
    } else {
        let range = sheets.worksheet_range(&chosen).map_err(|e| cannot(&e))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (row, col, cell) in range.used_cells() {
            gather.cell(row0 + row as u32, col0 + col as u32, cell);
        }
    }
    let mut table = gather.finish();
    table.container = format!("{what}, sheet `{chosen}`");
    if table.columns.is_empty() {
        table.header_line = 1;
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Data;

    fn lines_and_fields(table: &Table) -> Vec<(u64, Vec<String>)> {
        table
            .rows
            .iter()
            .map(|(line, _, fields)| {
                let fields = fields
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect();
                (line, fields)
            })
            .collect()
    }

    #[test]
    fn cells_in_any_order_make_rows_in_sheet_order() {
        let text = |s: &str| Data::String(s.into());
        let mut gather = Gather::default();
        for (row, col, cell) in [
            (1, 1, text("place")),
            (1, 2, text("when")),
            (1, 0, Data::Empty),
            (2, 3, text("late")),
            (2, 1, text("Kabul")),
            (2, 2, Data::Float(2019.0)),
            (5, 1, text("Herat")),
            (4, 2, Data::Int(7)),
        ] {
            gather.cell(row, col, &cell);
        }
        let table = gather.finish();
        assert_eq!(table.columns, ["place", "when"]);
        assert_eq!(table.header_line, 2);
        assert_eq!(
            lines_and_fields(&table),
            [
                (3, vec!["Kabul".into(), "2019".into(), "late".into()]),
                (4, vec![]),
                (5, vec![String::new(), "7".into()]),
                (6, vec!["Herat".into()]),
            ]
        );
    }
}
