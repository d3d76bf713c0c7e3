//! Spreadsheet workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read
//! with calamine: one sheet (the first, or `--sheet NAME|N`) becomes a
//! [`Table`], its first used row the header, every row numbered as the
//! sheet numbers it, cells typed as the workbook types them: dates as ISO
//! dates whatever their number format, whole numbers without a `.0`.

use std::io::Cursor;

use calamine::{Data, Reader as _, Sheets, open_workbook_auto_from_rs};

use super::InputError;
use super::container::Table;

/// What kind of workbook it is, in words.
fn kind(sheets: &Sheets<Cursor<Vec<u8>>>) -> &'static str {
    match sheets {
        Sheets::Xls(_) => "Excel 97-2003 workbook",
        Sheets::Xlsx(_) => "Excel workbook",
        Sheets::Xlsb(_) => "Excel binary workbook",
        Sheets::Ods(_) => "OpenDocument spreadsheet",
    }
}

/// Writes a cell as text into `out` (emptied first): a date as `2019-08-17`
/// (with the time when it has one), a whole number without a fraction, an
/// error cell empty.
fn cell_text(cell: &Data, out: &mut String) {
    use std::fmt::Write;
    out.clear();
    let _ = match cell {
        Data::Empty | Data::Error(_) => Ok(()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            out.push_str(s);
            Ok(())
        }
        Data::Int(n) => write!(out, "{n}"),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => write!(out, "{}", *f as i64),
        Data::Float(f) => write!(out, "{f}"),
        Data::Bool(b) => write!(out, "{b}"),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                write!(out, "{y:04}-{m:02}-{day:02}")
            } else {
                write!(out, "{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTime(d) => write!(out, "{}", d.as_f64()),
    };
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
    let range = sheets.worksheet_range(&chosen).map_err(|e| {
        unreadable(format!(
            "is an {what} whose sheet `{chosen}` cannot be read: {e}"
        ))
    })?;
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    let mut rows = range.rows();
    let mut table = Table {
        container: format!("{what}, sheet `{chosen}`"),
        header_line: first_row + 1,
        ..Table::default()
    };
    let mut text = String::new();
    if let Some(header) = rows.next() {
        table.columns = header
            .iter()
            .map(|cell| {
                cell_text(cell, &mut text);
                text.clone()
            })
            .collect();
    }
    table.rows.reserve(rows.len());
    for (i, row) in rows.enumerate() {
        let mut record = csv::ByteRecord::with_capacity(64, row.len());
        for cell in row {
            cell_text(cell, &mut text);
            record.push_field(text.as_bytes());
        }
        table.rows.push((first_row + i as u64 + 2, record));
    }
    Ok(table)
}
