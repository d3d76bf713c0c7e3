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
        17–20 August 2019,J,10,10\n";
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
    let out = incimap(&["export", path.to_str().unwrap(), "-o", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
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
    let out = incimap(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        "-",
        "--column",
        "date=date_strat",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("--column date=date_strat: no column `date_strat` (closest: `date_start`)"),
        "{err}"
    );
}
