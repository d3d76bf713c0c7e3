//! Every file analysts actually have: dates as databases, spreadsheets and
//! other languages write them, cells that cannot be read, column names of
//! every kind, UCDP and GDELT layouts, compressed and JSON input. Each test
//! writes its own input into a temporary folder.

use std::path::PathBuf;

use incimap::incident::{self, DayOrder, Incidents, PartialDate, ReadOptions};

mod io_support;
use io_support::{incimap, stderr};

/// Writes `bytes` as `name` in a fresh temporary folder.
fn write(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

fn read_text(name: &str, text: &str, options: &ReadOptions) -> Incidents {
    let (_dir, path) = write(name, text.as_bytes());
    incident::read_path(&path, options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn date(text: &str) -> Option<PartialDate> {
    Some(PartialDate::parse(text).unwrap())
}

/// Runs `incimap export FILE -o -` with `args` and parses the GeoJSON.
fn export(path: &std::path::Path, args: &[&str]) -> (serde_json::Value, String) {
    let mut all = vec!["export", path.to_str().unwrap(), "-o", "-"];
    all.extend_from_slice(args);
    let out = incimap(&all);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    (serde_json::from_slice(&out.stdout).unwrap(), err)
}

/// Runs `incimap geocode` on `path`, writing `out` and the `report`, and
/// checks that it succeeded.
fn geocode(path: &std::path::Path, out: &std::path::Path, report: &std::path::Path) {
    let run = incimap(&[
        "geocode",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
}

/// Runs `incimap export FILE -o -` with `args`, expecting exit code 1, and
/// returns what it printed on standard error.
fn export_fails(path: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["export", path.to_str().unwrap(), "-o", "-"];
    all.extend_from_slice(args);
    let out = incimap(&all);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn date_forms_one_by_one() {
    let csv = "date,place,latitude,longitude\n\
        2019-08-17 00:00:00.000,A,10,10\n\
        20190817,B,10,10\n\
        9-Feb-68,C,10,10\n\
        2019-08-17/2019-08-20,D,10,10\n\
        c. 2019,E,10,10\n\
        Mai 2024,F,10,10\n\
        22 марта 2024,G,10,10\n\
        ۱۷/۰۸/۲۰۱۹,H,10,10\n\
        14 Şubat 2024,I,10,10\n\
        17–20 August 2019,J,10,10\n\
        43694,K,10,10\n";
    let read = read_text("dates.csv", csv, &ReadOptions::default());
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let got: Vec<(Option<PartialDate>, Option<PartialDate>, bool)> = read
        .rows
        .iter()
        .map(|r| (r.date, r.date_end, r.date_approximate))
        .collect();
    let want = [
        (date("2019-08-17"), None, false),
        (date("2019-08-17"), None, false),
        (date("1968-02-09"), None, false),
        (date("2019-08-17"), date("2019-08-20"), false),
        (date("2019"), None, true),
        (date("2024-05"), None, false),
        (date("2024-03-22"), None, false),
        (date("2019-08-17"), None, false),
        (date("2024-02-14"), None, false),
        (date("2019-08-17"), date("2019-08-20"), false),
        (date("2019-08-17"), None, false),
    ];
    assert_eq!(got, want);
    let pivot = read.warnings.iter().find(|w| w.contains("two-digit year"));
    let pivot = pivot.expect("a warning about the two-digit year");
    assert!(
        pivot.contains("1 dates") && pivot.contains("line 4") && pivot.contains("30-99 as 1930"),
        "{pivot}"
    );

    // The span reaches the GeoJSON and the filter.
    let (_dir, path) = write("dates.csv", csv.as_bytes());
    let (json, _) = export(&path, &["--from", "2019-08-19", "--to", "2019-08-19"]);
    let features = json["features"].as_array().unwrap();
    let places: Vec<&str> = features
        .iter()
        .map(|f| f["properties"]["place"].as_str().unwrap())
        .collect();
    assert_eq!(
        places,
        ["D", "E", "J"],
        "spans and the year 2019 overlap the day"
    );
    assert!(
        read.warnings
            .iter()
            .any(|w| w.contains("1 dates are Excel serial numbers (first at line 12)")),
        "{:?}",
        read.warnings
    );
    let d = &features[0]["properties"];
    assert_eq!(d["incimap_date"], "2019-08-17");
    assert_eq!(d["incimap_date_start"], "2019-08-17");
    assert_eq!(d["incimap_date_end"], "2019-08-20");
}

#[test]
fn date_format_flag_reads_the_unusual() {
    let csv = "date,place,latitude,longitude\n03-04-2024,A,10,10\n2024.077,B,10,10\n";
    let (_dir, path) = write("odd.csv", csv.as_bytes());
    // Without a format the first is ambiguous and the second no date.
    let read = incident::read_path(&path, &ReadOptions::default()).unwrap();
    assert_eq!(read.errors.len(), 2);
    let (json, _) = export(
        &path,
        &["--date-format", "%m-%d-%Y", "--date-format", "%Y.%j"],
    );
    let dates: Vec<&str> = json["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["incimap_date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2024-03-04", "2024-03-17"]);
    let bad = incimap(&["export", path.to_str().unwrap(), "--date-format", "%d.%m"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("no year"), "{}", stderr(&bad));
    // --dayfirst still settles what no format matched.
    let options = ReadOptions {
        day_order: DayOrder::DayFirst,
        ..ReadOptions::default()
    };
    let read = incident::read_path(&path, &options).unwrap();
    assert_eq!(read.rows[0].date, date("2024-04-03"));
}

#[test]
fn acled_time_precision_sets_the_span() {
    let csv = "event_date,time_precision,location,country,event_type,latitude,longitude,fatalities\n\
        2024-03-22,1,Kabul,Afghanistan,Battles,34.5,69.2,1\n\
        2024-03-22,2,Kabul,Afghanistan,Battles,34.5,69.2,1\n\
        2024-03-22,3,Kabul,Afghanistan,Battles,34.5,69.2,1\n";
    let read = read_text("acled.csv", csv, &ReadOptions::default());
    let got: Vec<(Option<PartialDate>, Option<PartialDate>)> =
        read.rows.iter().map(|r| (r.date, r.date_end)).collect();
    assert_eq!(
        got,
        [
            (date("2024-03-22"), None),
            (date("2024-03-19"), date("2024-03-25")),
            (date("2024-03"), None),
        ]
    );
}

#[test]
fn bad_cells_are_left_empty_and_the_row_mapped() {
    let csv = "date,date_end,place,latitude,longitude,fatalities,injuries\n\
        2024-03-22,2024-03-24,A,10,10,c. 10,x\n\
        2024-03-22,soon,B,10,10,ten,3\n\
        2024-03-22,,C,10,10,-1,\n";
    let read = read_text("cells.csv", csv, &ReadOptions::default());
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    let got: Vec<(Option<u32>, Option<u32>, Option<PartialDate>)> = read
        .rows
        .iter()
        .map(|r| (r.fatalities, r.injuries, r.date_end))
        .collect();
    assert_eq!(
        got,
        [
            (Some(10), None, date("2024-03-24")),
            (None, Some(3), None),
            (None, None, None),
        ]
    );
    let cells: Vec<&String> = read
        .warnings
        .iter()
        .filter(|w| w.contains("read as empty"))
        .collect();
    let expect = [
        "line 2, column `injuries`: `x` is not a whole number",
        "line 3, column `fatalities`: `ten` is not a whole number",
        "line 3, column `date_end`: `soon` is not a date",
        "line 4, column `fatalities`: `-1` is negative",
    ];
    assert_eq!(cells.len(), expect.len(), "{cells:?}");
    for (cell, want) in cells.iter().zip(expect) {
        assert!(cell.contains(want), "{cell} lacks {want}");
        assert!(cell.contains("cells.csv, line"), "{cell}");
    }
}

#[test]
fn an_own_sheet_maps_without_column_flags() {
    let csv = "Date of attack,Town,Country,Attack type,Killed,Wounded\n\
        2024-03-22,Kerman,IR,Bombing,91,284\n\
        2024-01-03,Kabul,AF,Bombing,5,\n\
        2023-02-01,Khujand,TJ,Arrests,0,0\n\
        2023-05-01,Osh,KG,Riot,2,7\n\
        2023-06-01,Bishkek,KG,Arrests,,\n\
        2023-07-01,Moscow,RU,Armed attack,1,1\n";
    let (_dir, path) = write("own.csv", csv.as_bytes());
    let (json, err) = export(&path, &[]);
    let features = json["features"].as_array().unwrap();
    assert_eq!(features.len(), 6, "{err}");
    assert!(err.contains("located 6 of 6"), "{err}");
    for said in [
        "`Date of attack` as date",
        "`Town` as place",
        "`Attack type` as type",
        "`Killed` as fatalities",
        "`Wounded` as injuries",
    ] {
        assert!(err.contains(said), "the summary lacks {said}: {err}");
    }
    assert_eq!(features[0]["properties"]["Killed"], 91);
    assert_eq!(features[0]["properties"]["incimap_date"], "2024-03-22");
}

#[test]
fn missing_columns_are_explained() {
    let csv = "when,Locaton,deaths\n2024-03-22,Kerman,3\n";
    let (_dir, path) = write("typo.csv", csv.as_bytes());
    let err = export_fails(&path, &[]);
    assert!(
        err.contains("no `place` column")
            && err.contains("`Locaton` looks like one: use --column place=Locaton"),
        "{err}"
    );
    let (json, _) = export(
        &path,
        &["--column", "place=Locaton", "--column", "date=when"],
    );
    assert_eq!(
        json["features"][0]["properties"]["incimap_date"],
        "2024-03-22"
    );

    let csv = "date_start,date_end,where_coordinates,latitude,longitude\n2019-08-17,2019-08-18,Kabul,34.5,69.2\n";
    let (_dir, path) = write("typo2.csv", csv.as_bytes());
    let err = export_fails(&path, &["--column", "date=date_strat"]);
    assert!(
        err.contains("--column date=date_strat: no column `date_strat` (closest: `date_start`)"),
        "{err}"
    );
}

#[test]
fn ucdp_ged_is_recognised_by_its_header() {
    let csv = "id,year,type_of_violence,conflict_name,side_a,side_b,where_prec,where_coordinates,adm_1,latitude,longitude,country,date_start,date_end,deaths_civilians,best,high,low\n\
        1,2019,1,Afghanistan: Government,Government of Afghanistan,Taleban,1,Kabul town,Kabul province,34.53,69.17,Afghanistan,2019-08-17 00:00:00.000,2019-08-17 00:00:00.000,10,63,70,60\n\
        2,2019,3,IS - Civilians,IS,Civilians,4,Nangarhar province,Nangarhar province,34.3,70.4,Afghanistan,2019-08-17 00:00:00.000,2019-08-20 00:00:00.000,5,5,7,5\n\
        3,2019,2,Taleban - IS,Taleban,IS,2,Kunar,Kunar province,35.0,71.1,Afghanistan,2019-09-01 00:00:00.000,2019-09-01 00:00:00.000,0,not known,3,1\n";
    let read = read_text("ged.csv", csv, &ReadOptions::default());
    assert_eq!(read.schema.layout, incident::Layout::Ucdp);
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    type Row<'a> = (
        &'a str,
        Option<u32>,
        Option<PartialDate>,
        Option<PartialDate>,
    );
    let got: Vec<Row> = read
        .rows
        .iter()
        .map(|r| (r.kind.as_str(), r.fatalities, r.date, r.date_end))
        .collect();
    assert_eq!(
        got,
        [
            ("state-based", Some(63), date("2019-08-17"), None),
            ("one-sided", Some(5), date("2019-08-17"), date("2019-08-20")),
            ("non-state", None, date("2019-09-01"), None),
        ]
    );
    assert!(
        read.warnings
            .iter()
            .any(|w| w.contains("line 4, column `best`"))
    );
    let (_dir, path) = write("ged.csv", csv.as_bytes());
    let (json, err) = export(&path, &[]);
    assert!(err.contains("(UCDP GED columns)"), "{err}");
    let p = &json["features"][1]["properties"];
    assert_eq!(p["incimap_source_precision"], "province");
    assert_eq!(p["incimap_date_end"], "2019-08-20");
    assert_eq!(p["high"], 7, "low and high travel");
    // The user may pick another type column.
    let (json, _) = export(&path, &["--column", "type=conflict_name"]);
    assert_eq!(
        json["features"][0]["properties"]["incimap_date"],
        "2019-08-17"
    );
    let read = incident::read_path(
        &path,
        &ReadOptions {
            columns: vec![(incident::Field::Type, "conflict_name".into())],
            ..ReadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(read.rows[0].kind, "Afghanistan: Government");
}

/// A GDELT 2.0 event row in Afghanistan (FIPS `AF`): 61 tab-separated fields.
fn gdelt_row(id: u64, date: &str, root: &str, place: &str, lat: &str, lon: &str) -> String {
    gdelt_row_in("AF", id, date, root, place, lat, lon)
}

/// A GDELT 2.0 event row whose `ActionGeo_CountryCode` is `fips`.
fn gdelt_row_in(
    fips: &str,
    id: u64,
    date: &str,
    root: &str,
    place: &str,
    lat: &str,
    lon: &str,
) -> String {
    let mut fields = vec![String::new(); 61];
    fields[0] = id.to_string();
    fields[1] = date.into();
    fields[3] = date[..4].into();
    fields[26] = format!("{root}0");
    fields[28] = root.into();
    fields[51] = "4".into();
    fields[52] = place.into();
    fields[53] = fips.into();
    fields[56] = lat.into();
    fields[57] = lon.into();
    fields[60] = format!("https://example.org/{id}");
    fields.join("\t") + "\n"
}

#[test]
fn gdelt_events_without_a_header() {
    let text = gdelt_row(
        1,
        "20240322",
        "18",
        "Kabul, Kabol, Afghanistan",
        "34.5167",
        "69.1833",
    ) + &gdelt_row(
        2,
        "20240323",
        "14",
        "Herat, Herat, Afghanistan",
        "34.3482",
        "62.1997",
    ) + &gdelt_row(3, "2024032", "19", "Nowhere", "", "");
    let (_dir, path) = write("20240322.export.CSV", text.as_bytes());
    let options = ReadOptions {
        layout: Some(incident::Layout::Gdelt),
        ..ReadOptions::default()
    };
    let read = incident::read_path(&path, &options).unwrap();
    assert_eq!(read.schema.layout, incident::Layout::Gdelt);
    let got: Vec<(u64, &str, Option<PartialDate>)> = read
        .rows
        .iter()
        .map(|r| (r.line, r.kind.as_str(), r.date))
        .collect();
    assert_eq!(
        got,
        [
            (1, "Assault", date("2024-03-22")),
            (2, "Protest", date("2024-03-23"))
        ]
    );
    assert_eq!(read.errors.len(), 1);
    assert_eq!(read.errors[0].line, 3);
    assert_eq!(read.errors[0].column.as_deref(), Some("SQLDATE"));
    assert_eq!(read.rows[0].country, "AF", "FIPS AF is ISO AF");
    let (json, err) = export(&path, &["--layout", "gdelt"]);
    assert!(err.contains("(GDELT columns"), "{err}");
    let p = &json["features"][0]["properties"];
    assert_eq!(p["ActionGeo_FullName"], "Kabul, Kabol, Afghanistan");
    assert_eq!(p["incimap_status"], "given");
    assert_eq!(p["incimap_source_precision"], "town");

    // Without --layout, the first row would be a header; --no-header and
    // --columns say otherwise.
    let csv = "2024-03-22,Kabul\n2024-03-23,Herat\n";
    let (_dir, path) = write("plain.csv", csv.as_bytes());
    let (json, _) = export(&path, &["--columns", "date,place"]);
    assert_eq!(json["features"].as_array().unwrap().len(), 2);
    assert_eq!(json["features"][0]["id"], 1);
    let (json, _) = export(&path, &["--no-header", "--column", "place=column_2"]);
    assert_eq!(json["features"][1]["properties"]["column_2"], "Herat");
}

#[test]
fn gdelt_fips_country_codes_become_iso_hints() {
    let rows = [
        (
            "UK",
            "London, London, City of, United Kingdom",
            "51.5",
            "-0.12",
        ),
        ("GM", "Berlin, Berlin, Germany", "52.52", "13.4"),
        ("TI", "Dushanbe, Dushanbe, Tajikistan", "38.56", "68.77"),
        ("RS", "Moscow, Moskva, Russia", "55.75", "37.62"),
        ("AU", "Vienna, Wien, Austria", "48.2", "16.37"),
        ("PF", "Paracel Islands", "16.5", "112.0"),
    ];
    let text: String = rows
        .iter()
        .enumerate()
        .map(|(i, (fips, place, lat, lon))| {
            gdelt_row_in(fips, i as u64 + 1, "20240322", "14", place, lat, lon)
        })
        .collect();
    let (_dir, path) = write("20240322.export.CSV", text.as_bytes());
    let options = ReadOptions {
        layout: Some(incident::Layout::Gdelt),
        ..ReadOptions::default()
    };
    let read = incident::read_path(&path, &options).unwrap();
    let countries: Vec<&str> = read.rows.iter().map(|r| r.country.as_str()).collect();
    assert_eq!(
        countries,
        ["GB", "DE", "TJ", "RU", "AT", ""],
        "a code without an ISO country gives no hint"
    );
    // --country now chooses GDELT rows, by name or ISO code.
    for (wanted, place) in [
        ("Tajikistan", "Dushanbe"),
        ("DE", "Berlin"),
        ("AT", "Vienna"),
    ] {
        let (json, _) = export(&path, &["--layout", "gdelt", "--country", wanted]);
        let features = json["features"].as_array().unwrap();
        assert_eq!(features.len(), 1, "--country {wanted}");
        let p = &features[0]["properties"];
        assert!(
            p["ActionGeo_FullName"].as_str().unwrap().starts_with(place),
            "{p}"
        );
    }
    // The FIPS code itself travels unchanged.
    let (json, _) = export(&path, &["--layout", "gdelt", "--country", "GB"]);
    assert_eq!(
        json["features"][0]["properties"]["ActionGeo_CountryCode"],
        "UK"
    );
}

#[test]
fn approximate_dates_are_flagged_in_every_output() {
    let csv = "date,place,latitude,longitude\n\
        c. 2019,A,10,10\n\
        2019-08-17,B,11,11\n\
        ,C,12,12\n\
        approx. March 2020,D,13,13\n";
    let (dir, path) = write("approx.csv", csv.as_bytes());
    let (json, _) = export(&path, &[]);
    let flags: Vec<serde_json::Value> = json["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["incimap_date_approximate"].clone())
        .collect();
    assert_eq!(
        flags,
        [
            serde_json::json!(true),
            serde_json::json!(false),
            serde_json::Value::Null,
            serde_json::json!(true)
        ]
    );
    let p = &json["features"][3]["properties"];
    assert_eq!(p["incimap_date_precision"], "month", "{p}");

    // The geocoded CSV, with its column typed as a boolean for GDAL.
    let out = dir.path().join("geocoded.csv");
    let report = dir.path().join("report.csv");
    geocode(&path, &out, &report);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header = reader.headers().unwrap().clone();
    let at = header
        .iter()
        .position(|h| h == "incimap_date_approximate")
        .expect("the column");
    let flags: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[at].to_string())
        .collect();
    assert_eq!(flags, ["true", "false", "", "true"]);
    let csvt = std::fs::read_to_string(out.with_extension("csvt")).unwrap();
    let kinds: Vec<&str> = csvt.trim().split(',').collect();
    assert_eq!(kinds.len(), header.len());
    assert_eq!(kinds[at], "\"Integer(Boolean)\"");

    // The GeoPackage, as a BOOLEAN column.
    let gpkg = dir.path().join("approx.gpkg");
    let run = incimap(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        gpkg.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let db = rusqlite::Connection::open(&gpkg).unwrap();
    let declared: String = db
        .query_row(
            "SELECT type FROM pragma_table_info('incidents') WHERE name = 'incimap_date_approximate'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(declared, "BOOLEAN");
    let mut query = db
        .prepare("SELECT incimap_date_approximate FROM incidents ORDER BY fid")
        .unwrap();
    let flags: Vec<Option<i64>> = query
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(flags, [Some(1), Some(0), None, Some(1)]);
}

#[test]
fn bad_cells_are_in_the_report() {
    let csv = "date,date_end,place,latitude,longitude,fatalities,injuries\n\
        2024-03-22,soon,A,10,10,ten,\"=1+2\"\n\
        2024-03-22,,B,10,10,3,4\n\
        2024-03-22,,,,,many,\n";
    let (dir, path) = write("cells.csv", csv.as_bytes());
    let out = dir.path().join("geocoded.csv");
    let report = dir.path().join("geocode-report.csv");
    geocode(&path, &out, &report);
    let mut reader = csv::Reader::from_path(&report).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.iter().next_back(), Some("cell_warnings"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3, "one report row per input row");
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let warnings: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[15])).collect();
    assert_eq!(
        warnings[0],
        (
            "2",
            "column `fatalities`: `ten` is not a whole number; read as empty | \
             column `injuries`: `=1+2` is not a whole number; read as empty | \
             column `date_end`: `soon` is not a date (expected YYYY-MM-DD, YYYY-MM, \
             YYYY, 22 March 2024 or 22/03/2024; --date-format reads others); read as empty"
        )
    );
    assert_eq!(warnings[1], ("3", ""));
    // A row left out says why in `reason`, which is what matters about it.
    assert_eq!(&rows[2][3], "invalid");
    assert!(
        rows[2][14].contains("neither a place nor coordinates"),
        "{:?}",
        rows[2]
    );
    assert_eq!(&rows[2][15], "");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn gzip_is_read_by_its_content() {
    let csv = "date,place,latitude,longitude\n2024-03-22,A,10,10\n2024-03-23,B,11,11\n";
    // Named .gz or not, it is decompressed.
    for name in ["rows.csv.gz", "rows.csv"] {
        let (_dir, path) = write(name, &gzip(csv.as_bytes()));
        let read = incident::read_path(&path, &ReadOptions::default()).unwrap();
        assert_eq!(read.rows.len(), 2, "{name}");
        assert_eq!(read.rows[1].line, 3);
        assert!(read.schema.describe().contains("gzip-compressed"));
    }
    let (_dir, path) = write("rows.csv.gz", &gzip(csv.as_bytes()));
    let (json, err) = export(&path, &[]);
    assert_eq!(json["features"].as_array().unwrap().len(), 2);
    assert!(err.contains("native columns; gzip-compressed"), "{err}");
}

#[test]
fn json_rows_and_api_envelopes() {
    let acled = r#"{"status":200,"success":true,"last_update":1,"count":2,"messages":[],"data":[
        {"event_id_cnty":"AFG1","event_date":"2024-03-22","time_precision":"1","event_type":"Battles","country":"Afghanistan","admin1":"Kabul","location":"Kabul","latitude":"34.5167","longitude":"69.1833","geo_precision":"1","fatalities":"3","notes":"x"},
        {"event_id_cnty":"AFG2","event_date":"2024-03-20","time_precision":"3","event_type":"Protests","country":"Afghanistan","admin1":"Herat","location":"Herat","latitude":"34.3482","longitude":"62.1997","geo_precision":"2","fatalities":"0","notes":"y"}
    ],"filename":"acled"}"#;
    let (_dir, path) = write("acled.json", acled.as_bytes());
    let read = incident::read_path(&path, &ReadOptions::default()).unwrap();
    assert_eq!(read.schema.layout, incident::Layout::Acled);
    assert_eq!(read.rows.len(), 2);
    assert_eq!(read.rows[0].fatalities, Some(3));
    assert_eq!(read.rows[1].date, date("2024-03"), "time_precision 3");
    let (json, err) = export(&path, &[]);
    assert!(err.contains("(ACLED columns; JSON, ACLED API)"), "{err}");
    assert_eq!(json["features"][0]["properties"]["event_id_cnty"], "AFG1");

    let ucdp = r#"{"TotalCount":1,"TotalPages":1,"PreviousPageUrl":"","NextPageUrl":"","Result":[
        {"id":1,"year":2019,"type_of_violence":3,"where_prec":1,"where_coordinates":"Kabul town","adm_1":"Kabul province","latitude":34.53,"longitude":69.17,"country":"Afghanistan","date_start":"2019-08-17T00:00:00","date_end":"2019-08-18T00:00:00","best":63,"high":70,"low":60}
    ]}"#;
    let (_dir, path) = write("ged.json", gzip(ucdp.as_bytes()).as_slice());
    let read = incident::read_path(&path, &ReadOptions::default()).unwrap();
    assert_eq!(read.schema.layout, incident::Layout::Ucdp);
    let r = &read.rows[0];
    assert_eq!((r.kind.as_str(), r.fatalities), ("one-sided", Some(63)));
    assert_eq!(
        (r.date, r.date_end),
        (date("2019-08-17"), date("2019-08-18"))
    );
    assert!(
        read.schema
            .describe()
            .contains("JSON, UCDP API, gzip-compressed")
    );

    let list = r#"[{"date":"2024-03-22","place":"Kerman","extra":{"a":1}},{"place":"Kabul","date":null,"killed":2}]"#;
    let read = read_text("list.json", list, &ReadOptions::default());
    assert_eq!(read.schema.columns, ["date", "place", "extra", "killed"]);
    assert_eq!(read.rows[1].fatalities, Some(2));
    assert_eq!(read.rows[1].line, 3);
    assert_eq!(read.rows[0].fields[2], r#"{"a":1}"#);
}

#[test]
fn files_that_are_not_tables_say_what_they_look_like() {
    let cases: [(&str, &[u8], &str); 6] = [
        (
            "report.pdf",
            b"%PDF-1.7\n\x00\x01\x02binary",
            "looks like a PDF",
        ),
        (
            "sheet.xlsx",
            b"PK\x03\x04\x14\x00\x06\x00binary\x00",
            "looks like a zip archive or an Office file, but not a workbook",
        ),
        (
            "old.xls",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
            "save the sheet as CSV",
        ),
        (
            "map.png",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "looks like a PNG image",
        ),
        (
            "config.json",
            br#"{"name":"x","size":3}"#,
            "is JSON without a list of rows",
        ),
        (
            "cut.json",
            br#"[{"place":"Kabul"},"#,
            "looks like JSON but cannot be read",
        ),
    ];
    for (name, bytes, want) in cases {
        let (_dir, path) = write(name, bytes);
        let err = export_fails(&path, &[]);
        assert!(err.contains(want), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(
            !err.contains("binary") && !err.contains('\u{FFFD}'),
            "no bytes echoed: {err}"
        );
    }
}

/// A workbook made here: a `Notes` sheet first, then `Data` with typed cells.
fn xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "Incidents, compiled by hand")
        .unwrap();
    let data = book.add_worksheet();
    data.set_name("Data").unwrap();
    for (col, name) in ["Date", "Town", "Killed", "Latitude", "Longitude", "Code"]
        .iter()
        .enumerate()
    {
        data.write_string(0, col as u16, *name).unwrap();
    }
    let day_first = Format::new().set_num_format("dd/mm/yyyy");
    let words = Format::new().set_num_format("mmm d, yyyy");
    let d = |y, m, d| ExcelDateTime::from_ymd(y, m, d).unwrap();
    for (row, date, format, town, numbers) in [
        (1, d(2019, 8, 17), &day_first, "Kabul", [3.0, 34.5, 69.2]),
        (2, d(2020, 2, 29), &words, "Herat", [0.0, 34.3482, 62.1997]),
    ] {
        data.write_datetime_with_format(row, 0, date, format)
            .unwrap();
        data.write_string(row, 1, town).unwrap();
        for (col, n) in numbers.into_iter().enumerate() {
            data.write_number(row, col as u16 + 2, n).unwrap();
        }
    }
    data.write_string(1, 5, "007").unwrap();
    // Row 4 is left empty; row 5 is text all through.
    for (col, text) in ["c. 2019", "Kandahar", "many", "31.61", "65.71"]
        .iter()
        .enumerate()
    {
        data.write_string(4, col as u16, *text).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_sheets_are_read_with_typed_cells() {
    let (_dir, path) = write("incidents.xlsx", &xlsx());
    // The first sheet has no rows to map: the error says so and names the sheet.
    let err = export_fails(&path, &[]);
    assert!(err.contains("sheet `Notes`"), "{err}");
    for sheet in ["Data", "2"] {
        let options = ReadOptions {
            sheet: Some(sheet.into()),
            ..ReadOptions::default()
        };
        let read = incident::read_path(&path, &options).unwrap();
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        let got: Vec<(u64, Option<PartialDate>, &str, Option<u32>)> = read
            .rows
            .iter()
            .map(|r| (r.line, r.date, r.place.as_str(), r.fatalities))
            .collect();
        assert_eq!(
            got,
            [
                (2, date("2019-08-17"), "Kabul", Some(3)),
                (3, date("2020-02-29"), "Herat", Some(0)),
                (5, date("2019"), "Kandahar", None),
            ],
            "dates as dates whatever their format; rows numbered as the sheet numbers them"
        );
        assert_eq!(read.blank, 1);
        assert!(read.rows[2].date_approximate);
        assert_eq!(read.rows[0].fields[5], "007", "text stays text");
        assert!(
            read.warnings
                .iter()
                .any(|w| w.contains("line 5, column `Killed`")),
            "{:?}",
            read.warnings
        );
    }
    let (json, err) = export(&path, &["--sheet", "Data"]);
    assert!(err.contains("Excel workbook, sheet `Data`"), "{err}");
    let p = &json["features"][0]["properties"];
    assert_eq!(p["Killed"], 3);
    assert_eq!(p["Date"], "2019-08-17");
    assert_eq!(p["incimap_status"], "given");
    let err = export_fails(&path, &["--sheet", "Daten"]);
    assert!(
        err.contains("without a sheet `Daten` (sheets: `Notes`, `Data`)"),
        "{err}"
    );
}

#[test]
fn a_sheet_that_starts_below_and_right_of_a1() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // A formatted but empty cell in A1 is no part of the table.
    sheet.write_blank(0, 0, &Format::new().set_bold()).unwrap();
    for (col, name) in ["place", "latitude", "longitude", "note"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, col as u16 + 2, *name).unwrap();
    }
    sheet.write_string(3, 2, "Kabul").unwrap();
    sheet.write_number(3, 3, 34.5).unwrap();
    sheet.write_number(3, 4, 69.2).unwrap();
    // Row 5 is empty; row 6 has a gap in the middle and a last cell.
    sheet.write_string(5, 2, "Herat").unwrap();
    sheet.write_string(5, 5, "no coordinates").unwrap();
    let (_dir, path) = write("offset.xlsx", &book.save_to_buffer().unwrap());
    let read = incident::read_path(&path, &ReadOptions::default()).unwrap();
    assert_eq!(
        read.schema.columns,
        ["place", "latitude", "longitude", "note"]
    );
    let got: Vec<(u64, &str, Option<f64>, &str)> = read
        .rows
        .iter()
        .map(|r| {
            let note = r.fields.get(3).map_or("", String::as_str);
            (r.line, r.place.as_str(), r.given.map(|g| g.lat), note)
        })
        .collect();
    assert_eq!(
        got,
        [
            (4, "Kabul", Some(34.5), ""),
            (6, "Herat", None, "no coordinates")
        ]
    );
    assert_eq!(read.blank, 1);
}

/// A minimal OpenDocument spreadsheet, zipped here.
fn ods() -> Vec<u8> {
    use std::io::Write;
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Vorfälle">
<table:table-row><table:table-cell office:value-type="string"><text:p>Datum</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Ort</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Tote</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="date" office:date-value="2024-03-22"><text:p>22.03.24</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Kerman</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="91"><text:p>91</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn ods_is_read_like_xlsx() {
    let (_dir, path) = write("vorfaelle.ods", &ods());
    let read = incident::read_path(&path, &ReadOptions::default()).unwrap();
    assert_eq!(read.rows.len(), 1, "{:?}", read.errors);
    let r = &read.rows[0];
    assert_eq!(
        (r.line, r.date, r.place.as_str()),
        (2, date("2024-03-22"), "Kerman")
    );
    assert!(
        read.schema
            .describe()
            .contains("OpenDocument spreadsheet, sheet `Vorfälle`")
    );
    // Compressed, it is still found.
    let (_dir, path) = write("vorfaelle.ods.gz", &gzip(&ods()));
    assert_eq!(
        incident::read_path(&path, &ReadOptions::default())
            .unwrap()
            .rows
            .len(),
        1
    );
}

#[test]
fn a_workbook_is_parsed_once_for_every_pass() {
    let (_dir, path) = write("incidents.xlsx", &xlsx());
    let source = incimap::pipeline::Source::open(&path).unwrap();
    let options = ReadOptions {
        sheet: Some("Data".into()),
        ..ReadOptions::default()
    };
    let count = |source: &incimap::pipeline::Source| {
        let mut reader = source.reader(&options).unwrap();
        let mut rows = 0;
        while let Some(row) = reader.next_row().unwrap() {
            assert!(row.is_ok());
            rows += 1;
        }
        rows
    };
    assert_eq!(count(&source), 3);
    // Later passes read the rows already parsed, not the file again.
    std::fs::write(&path, b"%PDF-1.7").unwrap();
    assert_eq!(count(&source), 3);
}

#[test]
fn a_zip_holding_one_file_is_opened() {
    use std::io::Write;
    let zipped = |files: &[(&str, &[u8])]| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, body) in files {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(body).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    let csv: &[u8] = b"date,place,latitude,longitude\n2024-03-22,A,10,10\n";
    let (_dir, path) = write("export.zip", &zipped(&[("data/export.csv", csv)]));
    let read = incident::read_path(&path, &ReadOptions::default()).unwrap();
    assert_eq!(read.rows.len(), 1);
    assert!(
        read.schema
            .describe()
            .contains("`data/export.csv` in a zip archive")
    );
    let (_dir, path) = write("book.zip", &zipped(&[("book.xlsx", &xlsx())]));
    let options = ReadOptions {
        sheet: Some("Data".into()),
        ..ReadOptions::default()
    };
    assert_eq!(incident::read_path(&path, &options).unwrap().rows.len(), 3);
    let (_dir, path) = write("two.zip", &zipped(&[("a.csv", csv), ("b.csv", csv)]));
    let err = export_fails(&path, &[]);
    assert!(err.contains("unzip the CSV inside"), "{err}");
}
