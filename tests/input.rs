//! Reading real-world inputs: ACLED and GTD as they come, spreadsheet
//! encodings and dialects, dates, filters, bad rows, empty files, hostile
//! text, and randomized runs of the CSV reader and the place lookup.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use incimap::filter::Filter;
use incimap::gazetteer::{Hints, fold};
use incimap::geocode::{self, Geocoder, Status};
use incimap::incident::{
    self, DatePrecision, DayOrder, Field, Incidents, InputError, Layout, PartialDate, ReadOptions,
};
use proptest::prelude::*;

mod io_support;
use io_support::{fixture, gazetteer, incimap, stderr};

fn read_with(name: &str, options: &ReadOptions) -> Incidents {
    incident::read_path(&fixture(name), options)
        .unwrap_or_else(|e| panic!("{name} should be read: {e}"))
}

fn read(name: &str) -> Incidents {
    read_with(name, &ReadOptions::default())
}

fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).unwrap()
}

#[test]
fn acled_export_is_recognised_and_mapped() {
    let read = read("acled.csv");
    assert_eq!(read.schema.layout, Layout::Acled);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(read.rows.len(), 4);
    let crocus = &read.rows[0];
    assert_eq!(crocus.line, 2);
    assert_eq!(crocus.date, Some(date("2024-03-22")), "`22 March 2024`");
    assert_eq!(read.rows[1].date, Some(date("2024-03-21")), "`2024-03-21`");
    assert_eq!(crocus.place, "Krasnogorsk");
    assert_eq!(crocus.province, "Moscow Oblast");
    assert_eq!(crocus.country, "Russia");
    assert_eq!(crocus.kind, "Violence against civilians");
    assert_eq!(crocus.fatalities, Some(145));
    assert_eq!(crocus.source, "Interfax; TASS");
    assert!(crocus.description.starts_with("On 22 March 2024, gunmen"));
    let at = crocus.given.unwrap();
    assert_eq!((at.lat, at.lon), (55.8256, 37.3886));
    let codes: Vec<Option<u8>> = read.rows.iter().map(|r| r.geo_precision).collect();
    assert_eq!(codes, [Some(1), Some(1), Some(2), Some(3)]);
    let words: Vec<&str> = [1, 2, 3]
        .iter()
        .map(|c| Layout::Acled.describe_precision(*c).unwrap())
        .collect();
    assert_eq!(words, ["town", "district", "province"]);
    // The columns incimap has no field for travel as they are.
    let column = read
        .schema
        .columns
        .iter()
        .position(|c| c == "sub_event_type")
        .unwrap();
    assert_eq!(crocus.fields[column], "Attack");
}

#[test]
fn gtd_extract_with_unknown_days_and_missing_coordinates() {
    let read = read("gtd.csv");
    assert_eq!(read.schema.layout, Layout::Gtd);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let rows = &read.rows;
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0].date, Some(date("2018-07-29")));
    assert_eq!(rows[0].kind, "Armed Assault");
    assert_eq!((rows[0].fatalities, rows[0].injuries), (Some(4), Some(3)));
    // iday 0: the month is known, not the day.
    assert_eq!(rows[1].date.unwrap().precision(), DatePrecision::Month);
    assert_eq!(rows[1].date.unwrap().to_string(), "2018-11");
    // imonth 0 and iday 0: only the year.
    assert_eq!(rows[2].date.unwrap().precision(), DatePrecision::Year);
    // -9 and -99 are unknown numbers, not negative ones.
    assert_eq!((rows[1].fatalities, rows[1].injuries), (None, None));
    assert_eq!(rows[3].injuries, None);
    // Empty coordinates: located by name later.
    assert!(rows[1].given.is_none());
    assert_eq!(rows[1].place, "Khujand");
    assert_eq!(rows[1].province, "Sughd");
    assert_eq!(rows[1].country, "Tajikistan");
    // City "Unknown" and no coordinates: the province stands in.
    assert_eq!(rows[3].place, "Nangarhar province");
    let codes: Vec<Option<u8>> = rows.iter().map(|r| r.geo_precision).collect();
    assert_eq!(codes, [Some(1), Some(1), Some(2), Some(4), Some(1)]);
    assert_eq!(Layout::Gtd.describe_precision(4), Some("province"));
    assert_eq!(Layout::Gtd.describe_precision(5), Some("unknown"));

    let geocoded = geocode::geocode(read, gazetteer());
    let status: Vec<Status> = geocoded.rows.iter().map(|r| r.outcome.status).collect();
    assert_eq!(status[0], Status::Given);
    assert!(
        status[1].is_located(),
        "Khujand by name: {:?}",
        geocoded.rows[1].outcome
    );
    assert_eq!(status[3], Status::Admin1, "{:?}", geocoded.rows[3].outcome);
}

#[test]
fn other_layouts_through_column_mapping() {
    // `Datum` and `Ort` are known synonyms; the other German headers are not.
    let plain = read("other_layout.csv");
    assert_eq!(plain.rows[0].place, "Moskau");
    assert_eq!(plain.rows[0].fatalities, None, "`Tote` is not known");
    let mapping = [
        (Field::Date, "Datum"),
        (Field::Place, "Ort"),
        (Field::Country, "Land"),
        (Field::Type, "Art"),
        (Field::Fatalities, "Tote"),
        (Field::Latitude, "breite"),
        (Field::Longitude, "LÄNGE"),
    ];
    let options = ReadOptions {
        columns: mapping.iter().map(|(f, h)| (*f, h.to_string())).collect(),
        ..ReadOptions::default()
    };
    let read = read_with("other_layout.csv", &options);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(read.rows[0].place, "Moskau");
    assert_eq!(read.rows[0].kind, "Anschlag");
    assert_eq!(read.rows[0].fatalities, Some(145));
    assert!(read.rows[0].given.is_none());
    assert_eq!(
        read.rows[1].given.map(|g| g.lon),
        Some(57.0788),
        "header matched case-blind"
    );

    // The same through the command line.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.geojson");
    let mut args = vec![
        "export".to_string(),
        fixture("other_layout.csv").display().to_string(),
    ];
    for (field, header) in mapping {
        args.push("--column".into());
        args.push(format!("{}={header}", field.name()));
    }
    args.extend(["-o".into(), out.display().to_string()]);
    let run = incimap(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("located 2 of 2"), "{}", stderr(&run));
    let bad = incimap(&["export", "x.csv", "--column", "nonsense=Ort"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("is not a field"), "{}", stderr(&bad));
}

#[test]
fn numeric_dates_need_an_order_only_when_ambiguous() {
    let read = read("numeric_dates.csv");
    let dates: Vec<String> = read
        .rows
        .iter()
        .map(|r| r.date.unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2024-03-22", "2024-05-05", "2024-12-31"]);
    assert_eq!(read.errors.len(), 1);
    let e = &read.errors[0];
    assert_eq!((e.line, e.column.as_deref()), (3, Some("date")));
    assert!(
        e.message.contains("--dayfirst or --monthfirst"),
        "{}",
        e.message
    );

    let order = |day_order| ReadOptions {
        day_order,
        ..ReadOptions::default()
    };
    let dayfirst = read_with("numeric_dates.csv", &order(DayOrder::DayFirst));
    assert!(dayfirst.errors.is_empty());
    assert_eq!(dayfirst.rows[1].date, Some(date("2024-04-03")));
    assert_eq!(
        dayfirst.rows[3].date,
        Some(date("2024-12-31")),
        "12/31 is December whatever the flag"
    );
    let monthfirst = read_with("numeric_dates.csv", &order(DayOrder::MonthFirst));
    assert_eq!(monthfirst.rows[1].date, Some(date("2024-03-04")));
    assert_eq!(
        monthfirst.rows[0].date,
        Some(date("2024-03-22")),
        "22/03 is 22 March whatever the flag"
    );

    let cli = incimap(&[
        "export",
        fixture("numeric_dates.csv").to_str().unwrap(),
        "-o",
        "-",
        "--dayfirst",
    ]);
    assert!(cli.status.success(), "{}", stderr(&cli));
    let json: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(
        json["features"][1]["properties"]["incimap_date"],
        "2024-04-03"
    );
    let both = incimap(&["export", "x.csv", "--dayfirst", "--monthfirst"]);
    assert_eq!(
        both.status.code(),
        Some(2),
        "the two orders exclude each other"
    );
}

#[test]
fn excel_unicode_text_is_utf16_with_tabs_and_decimal_commas() {
    let read = read("excel_unicode_text.txt");
    let d = read.schema.dialect;
    assert_eq!(
        (d.encoding.name(), d.bom, d.delimiter),
        ("UTF-16LE", true, b'\t')
    );
    assert!(d.decimal_comma);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!(read.schema.columns[0], "date", "no BOM in the first header");
    assert_eq!(read.rows[0].place, "Душанбе");
    assert_eq!(read.rows[0].description, "Нападение на пост");
    assert_eq!(read.rows[0].date, Some(date("2024-03-22")), "22.03.2024");
    let at = read.rows[1].given.unwrap();
    assert_eq!((at.lat, at.lon), (40.2826, 69.6222));
    assert_eq!((read.rows[0].line, read.rows[1].line), (2, 3));
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);

    let be = read_with("utf16be.csv", &ReadOptions::default());
    assert_eq!(be.schema.dialect.encoding.name(), "UTF-16BE");
    assert_eq!(be.rows[0].place, "Köln");
    assert_eq!(be.rows[1].place, "Malmö");
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    let read = read("windows1252.csv");
    assert_eq!(read.schema.dialect.encoding.name(), "windows-1252");
    assert_eq!(read.warnings.len(), 1);
    assert!(read.warnings[0].contains("not UTF-8") && read.warnings[0].contains("--encoding"));
    let places: Vec<&str> = read.rows.iter().map(|r| r.place.as_str()).collect();
    assert_eq!(places, ["Köln", "Zürich", "Malmö"]);
    assert_eq!(read.rows[0].description, "Brandanschlag – Schaden 10000 €");
    assert_eq!(read.rows[1].description, "Dégâts à la façade");

    // Told the encoding, it does not guess or warn.
    let told = read_with(
        "windows1252.csv",
        &ReadOptions {
            encoding: Some(incident::encoding_for_label("latin1").unwrap()),
            ..ReadOptions::default()
        },
    );
    assert!(told.warnings.is_empty());
    assert_eq!(told.rows[0].place, "Köln");
    assert!(incident::encoding_for_label("klingon").is_err());

    let cli = incimap(&[
        "export",
        fixture("windows1252.csv").to_str().unwrap(),
        "-o",
        "-",
    ]);
    assert!(cli.status.success());
    assert!(stderr(&cli).contains("warning: "), "{}", stderr(&cli));
}

#[test]
fn windows_1251_cyrillic_is_recognised() {
    let options = ReadOptions {
        columns: vec![
            (Field::Date, "дата".into()),
            (Field::Place, "МЕСТО".into()),
            (Field::Country, "страна".into()),
        ],
        ..ReadOptions::default()
    };
    let read = read_with("windows1251.csv", &options);
    assert_eq!(read.schema.dialect.encoding.name(), "windows-1251");
    assert_eq!(read.schema.dialect.delimiter, b';');
    assert_eq!(read.rows[0].place, "Душанбе");
    assert_eq!(read.rows[1].country, "Таджикистан");
}

#[test]
fn a_stray_windows_1252_row_in_utf8_is_decoded_and_named() {
    let read = read("utf8_with_one_cp1252_row.csv");
    assert_eq!(read.schema.dialect.encoding.name(), "UTF-8");
    assert_eq!(read.rows[0].description, "Straße gesperrt");
    assert_eq!(read.rows[1].description, "Dégâts");
    assert_eq!(read.warnings.len(), 1);
    assert!(read.warnings[0].contains("line 3"), "{}", read.warnings[0]);
}

#[test]
fn a_stray_byte_far_beyond_the_sniffed_head_is_still_read() {
    let mut csv = b"place,description\n".to_vec();
    for i in 0..3000 {
        writeln!(csv, "Kerman,row {i} with a little text to make it long ÄÖÜ").unwrap();
    }
    csv.extend_from_slice(b"Z\xfcrich,late \x80 row\n");
    assert!(csv.len() > 100_000);
    let read = incident::read(&csv[..], "big.csv", &ReadOptions::default()).unwrap();
    assert_eq!(read.rows.len(), 3001);
    let last = read.rows.last().unwrap();
    assert_eq!(
        (last.place.as_str(), last.description.as_str(), last.line),
        ("Zürich", "late € row", 3002)
    );
    assert!(
        read.warnings[0].contains("line 3002"),
        "{:?}",
        read.warnings
    );
}

#[test]
fn semicolons_and_decimal_commas() {
    let read = read("semicolon_decimal_comma.csv");
    assert_eq!(read.schema.dialect.delimiter, b';');
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let at = read.rows[0].given.unwrap();
    assert_eq!((at.lat, at.lon), (55.8256, 37.3886));
    assert_eq!(read.rows[0].description, "Crocus City Hall, Krasnogorsk");
    assert_eq!(
        read.rows[1].description,
        "Two blasts; a memorial procession"
    );
    assert_eq!(
        read.rows[1].date,
        Some(date("2024-01-03")),
        "03.01.2024 is day first"
    );
    assert!(read.rows[2].given.is_none());

    // A decimal comma in a comma-separated file is an error with a hint.
    let csv = "place,latitude,longitude\nKerman,\"30,28\",\"57,07\"\n";
    let read = incident::read(csv.as_bytes(), "x.csv", &ReadOptions::default()).unwrap();
    assert!(
        read.errors[0].message.contains("decimal comma"),
        "{}",
        read.errors[0].message
    );
}

#[test]
fn bom_and_crlf() {
    let read = read("bom_crlf.csv");
    assert!(read.schema.dialect.bom);
    assert_eq!(read.schema.columns[0], "date");
    assert_eq!(read.schema.index(Field::Date), Some(0));
    let lines: Vec<u64> = read.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3]);
    assert_eq!(
        read.rows[1].fatalities,
        Some(1),
        "no stray \\r in the last field"
    );
}

#[test]
fn quoted_line_breaks_keep_line_numbers_where_rows_start() {
    let read = read("embedded_newlines.csv");
    let lines: Vec<u64> = read.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 5, 9]);
    assert_eq!(
        read.rows[0].description,
        "Two blasts. The second one 20 minutes later."
    );
    assert_eq!(read.errors.len(), 1);
    assert_eq!(read.errors[0].line, 7);
    assert_eq!(read.errors[0].column.as_deref(), Some("date"));
}

#[test]
fn an_unclosed_quote_runs_to_the_end_from_the_line_it_opens() {
    // Found by `cargo fuzz run csv_reader`: the last row's quote never closes.
    let csv = "\n\nplace,description\n\nKerman,ok\nIstanbul,\"open\nquote\n\nto the end";
    let read = incident::read(csv.as_bytes(), "x.csv", &ReadOptions::default()).unwrap();
    let lines: Vec<u64> = read.rows.iter().map(|r| r.line).collect();
    assert_eq!(
        lines,
        [5, 6],
        "blank lines before the header and between rows count"
    );
    assert_eq!(read.rows[1].description, "open quote to the end");
}

#[test]
fn each_kind_of_bad_row_is_named_by_line_and_column() {
    let read = read("bad_rows.csv");
    let lines: Vec<u64> = read.rows.iter().map(|r| r.line).collect();
    // Unreadable counts are bad cells, not bad rows; empty fields past the
    // header are harmless.
    assert_eq!(lines, [2, 4, 11, 13], "the good rows go through");
    assert_eq!(
        (read.rows[1].fatalities, read.rows[2].fatalities),
        (None, None)
    );
    let cells: Vec<String> = read
        .warnings
        .iter()
        .filter(|w| w.contains("read as empty"))
        .cloned()
        .collect();
    assert_eq!(cells.len(), 2, "{cells:?}");
    assert!(
        cells[0]
            .contains("bad_rows.csv, line 4, column `fatalities`: `many` is not a whole number"),
        "{cells:?}"
    );
    assert!(
        cells[1].contains("line 11, column `fatalities`: `-3` is negative"),
        "{cells:?}"
    );
    let got: Vec<(u64, &str, &str)> = read
        .errors
        .iter()
        .map(|e| {
            (
                e.line,
                e.column.as_deref().unwrap_or(""),
                e.message.as_str(),
            )
        })
        .collect();
    let expect = [
        (3, "date", "no day 29"),
        (
            5,
            "latitude",
            "outside ±90 (are latitude and longitude swapped?)",
        ),
        (6, "longitude", "200 is outside ±180"),
        (7, "place", "neither a place nor coordinates"),
        (8, "longitude", "longitude is empty"),
        (9, "latitude", "`abc` is not a number"),
        (10, "date", "ambiguous"),
        (
            12,
            "",
            "field 8 is past the header's 7 columns (an unquoted comma in the text?)",
        ),
    ];
    assert_eq!(got.len(), expect.len(), "{got:?}");
    for ((line, column, message), (l, c, m)) in got.iter().zip(expect) {
        assert_eq!((*line, *column), (l, c), "{message}");
        assert!(message.contains(m), "line {line}: `{message}` lacks `{m}`");
    }

    // On the terminal, each names the file, the line and the column; the summary counts them.
    let dir = tempfile::tempdir().unwrap();
    let out = incimap(&[
        "map",
        fixture("bad_rows.csv").to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("located 4 of 12"), "{err}");
    assert!(err.contains("8 invalid"), "{err}");
    assert!(err.contains("line 4, column `fatalities`: `many` is not a whole number; read as empty, the row is kept"), "{err}");
    for (line, column, message) in expect {
        let needle = match column {
            "" => format!("bad_rows.csv, line {line}: skipped: {message}"),
            _ => format!("bad_rows.csv, line {line}: skipped: column `{column}`"),
        };
        assert!(err.contains(&needle), "no `{needle}` in {err}");
    }
    let report = std::fs::read_to_string(dir.path().join("geocode-report.csv")).unwrap();
    assert_eq!(report.lines().count(), 13, "one report row per input row");
    assert_eq!(report.matches(",invalid,").count(), 8);
}

#[test]
fn empty_inputs_fail_cleanly_and_write_nothing() {
    let cases = [
        ("empty.csv", "the file is empty"),
        ("bom_only.csv", "the file is empty"),
        ("whitespace_only.csv", "the file is empty"),
        ("header_only.csv", "no rows"),
        ("header_only_utf16.txt", "no rows"),
        ("blank_rows.csv", "every row under the header is empty"),
        ("no_usable_column.csv", "line 1: no `place` column"),
    ];
    for (name, expect) in cases {
        let err = incident::read_path(&fixture(name), &ReadOptions::default()).unwrap_err();
        assert!(err.to_string().contains(expect), "{name}: {err}");
        assert!(
            err.to_string().contains(name),
            "{name}: names the file: {err}"
        );
        assert!(matches!(
            err,
            InputError::Empty { .. } | InputError::NoLocation { .. }
        ));
        for command in ["map", "export", "geocode"] {
            let dir = tempfile::tempdir().unwrap();
            let target = match command {
                "map" => dir.path().join("out"),
                "export" => dir.path().join("out.geojson"),
                _ => dir.path().join("out.csv"),
            };
            let mut args = vec![command.into(), fixture(name), "-o".into(), target];
            if command == "geocode" {
                args.extend(["--report".into(), dir.path().join("report.csv")]);
            }
            let out = incimap(&args);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{command} {name}: {}",
                stderr(&out)
            );
            assert_eq!(
                stderr(&out).trim().lines().count(),
                1,
                "one clear line: {}",
                stderr(&out)
            );
            assert!(stderr(&out).contains(expect), "{}", stderr(&out));
            assert_eq!(
                std::fs::read_dir(dir.path()).unwrap().count(),
                0,
                "{command} {name} wrote something"
            );
        }
    }
}

#[test]
fn filters_count_what_they_leave_out() {
    let run = |args: &[&str]| {
        let mut all = vec![
            "export".into(),
            fixture("acled.csv"),
            "-o".into(),
            "-".into(),
        ];
        all.extend(args.iter().map(PathBuf::from));
        let out = incimap(&all);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let ids: Vec<u64> = json["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_u64().unwrap())
            .collect();
        (ids, stderr(&out))
    };
    let (ids, err) = run(&["--from", "2024-03"]);
    assert_eq!(ids, [2, 3, 5]);
    assert!(err.contains("filtered out: 1 rows"), "{err}");
    assert!(
        !err.contains("skipped"),
        "filtered rows are not errors: {err}"
    );
    assert_eq!(run(&["--from", "2024-03-01", "--to", "2024-03-21"]).0, [3]);
    assert_eq!(run(&["--to", "2024-02"]).0, [4]);
    assert_eq!(
        run(&["--type", "protests", "--type", "Strategic developments"]).0,
        [4, 5]
    );
    assert_eq!(
        run(&["--country", "AF"]).0,
        [3],
        "an ISO code matches the name"
    );
    assert_eq!(
        run(&["--country", "RUS", "--country", "kyrgyzstan"]).0,
        [2, 5]
    );
    let (ids, err) = run(&["--country", "Iran"]);
    assert!(ids.is_empty());
    assert!(err.contains("filtered out: 4 rows"), "{err}");
    let bad = incimap(&["export", "x.csv", "--from", "March"]);
    assert_eq!(bad.status.code(), Some(2), "a bad --from is a usage error");

    // GTD: partial dates count as the span they cover.
    let mut gtd = read("gtd.csv");
    let filter = Filter {
        from: Some(date("2018-11-15")),
        to: Some(date("2019-03")),
        ..Filter::default()
    };
    filter.apply(&mut gtd, gazetteer());
    let lines: Vec<u64> = gtd.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4, 5], "2018-11 and 2019 overlap the range");
    assert_eq!(gtd.filtered, 2);
}

#[test]
fn standard_input_in_any_encoding() {
    let bytes = std::fs::read(fixture("excel_unicode_text.txt")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_incimap"))
        .args(["export", "-", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["features"][0]["properties"]["place"], "Душанбе");
}

/// Resolves an entity reference the SVG may use.
fn resolve_entity(name: &str) -> char {
    match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16),
                None => name
                    .strip_prefix('#')
                    .unwrap_or_else(|| panic!("entity &{name}; in the SVG"))
                    .parse(),
            };
            char::from_u32(code.expect("a character reference")).expect("a character")
        }
    }
}

/// Every text node (entities resolved) and attribute value of an SVG, and
/// every element and attribute name. Panics on what input text must never
/// become: processing instructions, DOCTYPEs, CDATA, unknown entities.
fn svg_parts(svg: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut texts, mut elements, mut attributes) = (Vec::new(), Vec::new(), Vec::new());
    let mut text = String::new();
    loop {
        let event = reader.read_event().expect("the SVG is well-formed XML");
        if !matches!(event, Event::Text(_) | Event::GeneralRef(_)) && !text.is_empty() {
            texts.push(std::mem::take(&mut text));
        }
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                elements.push(e.name().as_ref().to_string());
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    attributes.push(a.key.as_ref().to_string());
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("attribute value unescapes");
                    texts.push(value.into_owned());
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push(resolve_entity(&r)),
            Event::PI(_) | Event::DocType(_) => {
                panic!("processing instruction or DOCTYPE from input")
            }
            Event::CData(c) => panic!("CDATA: {:?}", &*c),
            _ => {}
        }
    }
    (texts, elements, attributes)
}

#[test]
fn hostile_text_stays_text_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let out = incimap(&[
        "map",
        fixture("hostile.csv").to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
        "--title",
        "<title>&x;</title>",
        "--source",
        "\"/><script>alert(4)</script>",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.path().join("map.svg")).unwrap();
    assert!(
        !svg.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r'),
        "control characters in the SVG"
    );
    assert!(!svg.contains('\u{202E}'), "bidi override in the SVG");
    let (texts, elements, attributes) = svg_parts(&svg);
    for bad in ["script", "svg:script", "foreignObject", "iframe"] {
        assert!(
            !elements.iter().any(|e| e == bad),
            "<{bad}> element in the SVG"
        );
    }
    for attr in &attributes {
        assert!(
            !attr.starts_with("on"),
            "event attribute `{attr}` in the SVG"
        );
    }
    assert!(!svg.contains("id=\"evil\""), "an element from the input");
    // The hostile strings are there, but only as text.
    let all = texts.concat();
    for expected in [
        "<script>alert(1)</script>",
        "\"><svg onload=alert(2)>",
        "<title>&x;</title>",
    ] {
        assert!(all.contains(expected), "`{expected}` should show as text");
    }

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("incidents.geojson")).unwrap())
            .unwrap();
    let props = &json["features"][1]["properties"];
    assert_eq!(
        props["type"], "Bombing[31mTXE",
        "control and bidi characters removed"
    );
    assert_eq!(props["source"], "nul");
    assert_eq!(
        json["features"][0]["properties"]["type"],
        "<script>alert(1)</script>"
    );
}

// Randomized runs. `fuzz/` holds cargo-fuzz targets over the same entry points
// (`incident::read` and `Geocoder::resolve`); these run them on every `cargo test`.

fn csv_field() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,12}",
        "[-0-9.,]{0,8}",
        "\\PC{0,10}",
        "[\"',;\t\r\n <>&]{0,6}",
        Just("2024-03-22".to_string()),
        Just("22 March 2024".to_string()),
        Just("03/04/2024".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Arbitrary bytes never panic the reader; what it reads is in line order.
    #[test]
    fn reader_survives_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(read) = incident::read(&bytes[..], "fuzz.csv", &ReadOptions::default()) {
            let mut lines: Vec<u64> = read.rows.iter().map(|r| r.line).chain(read.errors.iter().map(|e| e.line)).collect();
            prop_assert!(!lines.is_empty());
            let sorted = { let mut s = lines.clone(); s.sort(); s };
            prop_assert_eq!(&lines, &sorted);
            lines.dedup();
            prop_assert_eq!(lines.len(), read.rows.len() + read.errors.len(), "one row per line");
        }
    }

    /// Every row written by a CSV writer comes back, read or rejected, at the
    /// line where the writer started it, whatever its quotes and line breaks.
    #[test]
    fn every_row_is_accounted_for_at_its_line(
        rows in proptest::collection::vec(proptest::collection::vec(csv_field(), 4), 1..20),
        delimiter in prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
        crlf in any::<bool>(),
    ) {
        let mut out = Vec::new();
        let mut starts = Vec::new();
        {
            let terminator = if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
            let mut writer = csv::WriterBuilder::new().delimiter(delimiter).terminator(terminator).from_writer(&mut out);
            writer.write_record(["date", "place", "latitude", "description"]).unwrap();
            writer.flush().unwrap();
            for row in &rows {
                let row: Vec<String> = row.iter().map(|f| if f.trim().is_empty() { format!("x{f}") } else { f.clone() }).collect();
                let so_far = writer.get_ref().iter().filter(|b| **b == b'\n').count()
                    + writer.get_ref().iter().enumerate().filter(|(i, b)| **b == b'\r' && writer.get_ref().get(i + 1) != Some(&b'\n')).count();
                starts.push(so_far as u64 + 1);
                writer.write_record(&row).unwrap();
                writer.flush().unwrap();
            }
        }
        let options = ReadOptions { delimiter: Some(delimiter), ..ReadOptions::default() };
        let read = incident::read(&out[..], "rows.csv", &options).unwrap();
        let mut lines: Vec<u64> = read.rows.iter().map(|r| r.line).chain(read.errors.iter().map(|e| e.line)).collect();
        lines.sort();
        prop_assert_eq!(lines, starts);
    }

    /// Folding is idempotent.
    #[test]
    fn fold_is_idempotent(name in "\\PC{0,30}") {
        let once = fold(&name);
        prop_assert_eq!(fold(&once), once);
    }

    /// Folding ignores case in the scripts of the gazetteer's names.
    #[test]
    fn fold_ignores_case(name in "[a-zA-ZÀ-ÖØ-öø-ÿĀ-žА-яЁёҚқҒғҶҷӢӣӮӯҲҳ' -]{0,30}") {
        prop_assert_eq!(fold(&name.to_uppercase()), fold(&name.to_lowercase()));
        prop_assert_eq!(fold(&name.to_uppercase()), fold(&name));
    }

    /// Every name of the embedded gazetteer is found again written in capitals
    /// or in small letters, with hyphens for spaces or the other way round.
    #[test]
    fn gazetteer_names_survive_case_hyphens_and_spaces(
        pick in any::<proptest::sample::Index>(),
        alternate in any::<proptest::sample::Index>(),
        upper in any::<bool>(),
        separator in prop_oneof![Just(" "), Just("-"), Just("")],
    ) {
        let g = gazetteer();
        let place = g.place(pick.index(g.len()));
        let names: Vec<&str> = place.names().collect();
        let name = names[alternate.index(names.len())];
        let spelled: String = name.split([' ', '-']).collect::<Vec<_>>().join(separator);
        let spelled = if upper { spelled.to_uppercase() } else { spelled.to_lowercase() };
        prop_assert_eq!(fold(&spelled), fold(name), "{} as {}", name, spelled);
        if !fold(name).is_empty() {
            prop_assert!(
                gazetteer().lookup(&spelled).iter().any(|c| std::ptr::eq(c.place, place)),
                "{} as {} does not find {}", name, spelled, place.name
            );
        }
    }

    /// Folding ignores hyphens and spaces between words.
    #[test]
    fn fold_ignores_hyphens_and_spaces(words in proptest::collection::vec("[a-zA-Zа-яА-Я]{1,8}", 1..4)) {
        let joined = fold(&words.concat());
        prop_assert_eq!(fold(&words.join(" ")), joined.clone());
        prop_assert_eq!(fold(&words.join("-")), joined.clone());
        prop_assert_eq!(fold(&words.join(" - ")), joined);
    }
}

proptest! {
    // Each unresolved name costs a fuzzy search of the whole gazetteer: fewer
    // cases here; `cargo fuzz run place_lookup` runs the same call for minutes.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The place lookup takes any text without panicking.
    #[test]
    fn place_lookup_survives_any_text(place in "\\PC{0,30}", country in "\\PC{0,6}", province in "\\PC{0,10}") {
        let geocoder = Geocoder::new(gazetteer());
        let outcome = geocoder.resolve(&place, &country, &province);
        prop_assert!(outcome.status.is_located() == outcome.location.is_some());
        let _ = incimap::geocode::score::rank(gazetteer(), &place, &Hints::default(), None);
        let _ = gazetteer().suggest(&place, 3);
    }
}
