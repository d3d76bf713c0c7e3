//! GIS-grade export: strict RFC 7946 GeoJSON, RFC 8142 sequences, the
//! geocoded CSV, property types GDAL can rely on, and atomic writes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use incimap::export::{self, Format};
use incimap::incident::{self, ReadOptions};
use proptest::prelude::*;

mod io_support;
use io_support::{fixture, gazetteer, incimap, stderr};
use serde_json::Value;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/incidents.csv")
}

/// Runs `incimap export INPUT -o OUT [extra]` and returns OUT's bytes.
fn export_to(input: &Path, out: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec![
        "export".into(),
        input.as_os_str().to_owned(),
        "-o".into(),
        out.as_os_str().to_owned(),
    ];
    args.extend(extra.iter().map(Into::into));
    let run = incimap(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    std::fs::read(out).unwrap()
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "real",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Checks what RFC 7946 and GDAL ask of a FeatureCollection; returns its features.
fn check_feature_collection(text: &str) -> Vec<Value> {
    let json: Value = serde_json::from_str(text).expect("valid JSON");
    assert_eq!(json["type"], "FeatureCollection");
    assert!(json.get("crs").is_none(), "RFC 7946 has no crs member");
    let features = json["features"].as_array().unwrap().clone();
    let (mut lon, mut lat) = (Vec::new(), Vec::new());
    let mut ids = BTreeSet::new();
    let mut types: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut keys: Option<Vec<String>> = None;
    for f in &features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c.len(), 2, "no altitude");
        let (x, y) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y));
        for v in c {
            let decimals = v.to_string().split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 6, "{v} has {decimals} decimals");
        }
        lon.push(x);
        lat.push(y);
        assert!(
            ids.insert(f["id"].as_u64().expect("a numeric id")),
            "ids are unique"
        );
        let props = f["properties"].as_object().unwrap();
        let these: Vec<String> = props.keys().cloned().collect();
        match &keys {
            None => keys = Some(these),
            Some(k) => assert_eq!(
                k, &these,
                "every feature has the same properties in the same order"
            ),
        }
        for (k, v) in props {
            types.entry(k.clone()).or_default().insert(json_type(v));
        }
        if let Some(d) = props["incimap_date"].as_str() {
            assert!(is_iso_date(&pad_date(d)), "incimap_date `{d}` is ISO");
            let precision = props["incimap_date_precision"].as_str().unwrap();
            assert!(["day", "month", "year"].contains(&precision));
            assert_eq!(d.len(), 10, "incimap_date is a full date at any precision");
            if precision != "day" {
                assert!(d.ends_with("-01"), "the first day of a month or year: {d}");
            }
            assert!(is_iso_date(props["incimap_date_start"].as_str().unwrap()));
            assert!(is_iso_date(props["incimap_date_end"].as_str().unwrap()));
        } else {
            assert!(props["incimap_date_precision"].is_null());
        }
    }
    for (key, seen) in &types {
        let kinds: BTreeSet<&str> = seen.iter().copied().filter(|t| *t != "null").collect();
        let numeric = kinds.iter().all(|t| *t == "integer" || *t == "real");
        assert!(kinds.len() <= 1 || numeric, "`{key}` mixes {kinds:?}");
    }
    if !features.is_empty() {
        let min = |v: &[f64]| v.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = |v: &[f64]| v.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let bbox: Vec<f64> = json["bbox"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert_eq!(bbox, [min(&lon), min(&lat), max(&lon), max(&lat)]);
    }
    let parsed: geojson::GeoJson = text.parse().expect("the geojson crate reads it");
    assert!(matches!(parsed, geojson::GeoJson::FeatureCollection(_)));
    features
}

/// Pads a partial ISO date to a full one for the shape check.
fn pad_date(d: &str) -> String {
    match d.len() {
        4 => format!("{d}-01-01"),
        7 => format!("{d}-01"),
        _ => d.to_string(),
    }
}

#[test]
fn geojson_is_strict_rfc7946_with_one_type_per_property() {
    let dir = tempfile::tempdir().unwrap();
    for input in [
        fixture("acled.csv"),
        fixture("gtd.csv"),
        fixture("hostile.csv"),
        example(),
    ] {
        let out = dir.path().join("out.geojson");
        let text = String::from_utf8(export_to(&input, &out, &[])).unwrap();
        let features = check_feature_collection(&text);
        assert!(!features.is_empty(), "{}", input.display());
    }
    let gtd = String::from_utf8(export_to(
        &fixture("gtd.csv"),
        &dir.path().join("g.geojson"),
        &[],
    ))
    .unwrap();
    let features = check_feature_collection(&gtd);
    let p = |i: usize, k: &str| features[i]["properties"][k].clone();
    assert_eq!(p(0, "nkill"), 4);
    assert_eq!(p(1, "nkill"), Value::Null, "-9 is unknown");
    assert_eq!(p(1, "nperps"), -99, "carried columns keep GTD's codes");
    assert_eq!(p(0, "eventid"), serde_json::json!(201807290001u64));
    assert_eq!(p(1, "incimap_date"), "2018-11-01");
    assert_eq!(p(1, "incimap_date_precision"), "month");
    assert_eq!(p(1, "incimap_date_end"), "2018-11-30");
    assert_eq!(p(2, "incimap_date_precision"), "year");
    assert_eq!(p(3, "incimap_source_precision"), "province");
    assert_eq!(p(3, "incimap_precision"), "admin1");
    assert_eq!(p(0, "latitude"), 38.09578);
    assert_eq!(p(1, "latitude"), Value::Null);
}

#[test]
fn formats_by_extension_or_flag() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture("acled.csv");
    let collection = export_to(&input, &dir.path().join("a.geojson"), &[]);
    let features = check_feature_collection(std::str::from_utf8(&collection).unwrap());
    assert_eq!(
        export_to(&input, &dir.path().join("a.json"), &[]),
        collection
    );

    // RFC 8142: RS, one feature, LF; the same features as the collection.
    let seq = export_to(&input, &dir.path().join("a.geojsons"), &[]);
    assert_eq!(seq.first(), Some(&0x1E));
    assert_eq!(seq.last(), Some(&b'\n'));
    let records: Vec<&[u8]> = seq.split(|b| *b == 0x1E).skip(1).collect();
    assert_eq!(records.len(), features.len());
    for (record, feature) in records.iter().zip(&features) {
        assert_eq!(record.last(), Some(&b'\n'));
        assert_eq!(
            record.iter().filter(|b| **b == b'\n').count(),
            1,
            "one line per feature"
        );
        let parsed: Value = serde_json::from_slice(record).unwrap();
        assert_eq!(&parsed, feature);
        let _: geojson::Feature = serde_json::from_slice(record).expect("a GeoJSON Feature");
    }
    assert_eq!(
        export_to(&input, &dir.path().join("a.txt"), &["--format", "geojsons"]),
        seq
    );

    // The geocoded CSV: the input's columns as they were, plus six.
    let csv_bytes = export_to(&input, &dir.path().join("a.csv"), &[]);
    let mut reader = csv::Reader::from_reader(&csv_bytes[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut original = csv::Reader::from_path(&input).unwrap();
    let input_header: Vec<String> = original
        .headers()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header[..input_header.len()], input_header[..]);
    assert_eq!(
        header[input_header.len()..],
        [
            "incimap_latitude",
            "incimap_longitude",
            "incimap_precision",
            "incimap_status",
            "incimap_date_approximate",
            "incimap_wkt"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let originals: Vec<csv::StringRecord> = original.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), originals.len());
    for (row, orig) in rows.iter().zip(&originals) {
        assert_eq!(
            row.iter().take(orig.len()).collect::<Vec<_>>(),
            orig.iter().collect::<Vec<_>>()
        );
        assert_eq!(&row[input_header.len() + 3], "given");
    }
    assert_eq!(&rows[0][input_header.len()], "55.8256");

    // Standard output defaults to GeoJSON; an unknown extension is a usage error.
    let stdout = incimap(&[
        "export".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert_eq!(stdout.stdout, collection);
    let unknown = dir.path().join("a.xlsx");
    let run = incimap(&[
        "export".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        unknown.as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("--format"), "{}", stderr(&run));
    assert!(!unknown.exists());
    let bad = incimap(&[
        "export".as_ref(),
        input.as_os_str(),
        "--format".as_ref(),
        "kml".as_ref(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(Format::from_name("GeoJSONs"), Some(Format::GeoJsonSeq));
}

#[test]
fn numbers_and_names_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(
        &input,
        "place,latitude,longitude,code,big,ratio,name,Name,,incimap_status,wert\n\
         a,1.5,2,007,123456789012345678901234,1.5,x,y,z,mine,inf\n\
         b,-3,4.25,12,5,2,x,y,z,mine,\n",
    )
    .unwrap();
    let text = String::from_utf8(export_to(&input, &dir.path().join("o.geojson"), &[])).unwrap();
    let features = check_feature_collection(&text);
    let p = &features[0]["properties"];
    assert_eq!(p["code"], "007", "leading zeros keep the column text");
    assert_eq!(
        features[1]["properties"]["code"], "12",
        "the whole column is text"
    );
    assert_eq!(
        p["big"], "123456789012345678901234",
        "too many digits for a number"
    );
    assert_eq!(p["ratio"], 1.5);
    assert_eq!(features[1]["properties"]["ratio"], 2);
    assert_eq!(
        (p["name"].clone(), p["Name_2"].clone()),
        ("x".into(), "y".into()),
        "GDAL field names are case-blind"
    );
    assert_eq!(p["column_9"], "z", "an empty header gets a name");
    assert_eq!(
        p["incimap_status_2"], "mine",
        "the input's column does not overwrite ours"
    );
    assert_eq!(p["incimap_status"], "given");
    assert_eq!(p["wert"], "inf", "infinity is not a JSON number");
    assert_eq!(p["latitude"], 1.5);
    assert_eq!(
        features[0]["geometry"]["coordinates"],
        serde_json::json!([2.0, 1.5])
    );

    // Decimal commas in a semicolon file are numbers, in every column.
    let semi = dir.path().join("semi.csv");
    std::fs::write(
        &semi,
        "place;latitude;longitude;wert\na;1,5;2,25;3,75\nb;1;2;4\n",
    )
    .unwrap();
    let text = String::from_utf8(export_to(&semi, &dir.path().join("s.geojson"), &[])).unwrap();
    let features = check_feature_collection(&text);
    assert_eq!(features[0]["properties"]["wert"], 3.75);
    assert_eq!(features[1]["properties"]["wert"], 4);
    assert_eq!(
        features[0]["geometry"]["coordinates"],
        serde_json::json!([2.25, 1.5])
    );
}

#[test]
fn outputs_beside_the_input_never_touch_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("incidents.csv");
    std::fs::copy(example(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let run = incimap(&[
        "map".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "geocode-report.csv",
            "incidents.csv",
            "incidents.geojson",
            "incidents.qml",
            "incidents.sld",
            "map.svg"
        ],
        "no temporary files left"
    );

    // Named as an output, the input is refused, whichever output it is.
    for args in [
        vec!["export", "IN", "-o", "IN"],
        vec!["geocode", "IN", "-o", "OUT.csv", "--report", "IN"],
        vec!["export", "IN", "-o", "LINK"],
    ] {
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&input, &link).unwrap();
        }
        let args: Vec<PathBuf> = args
            .iter()
            .map(|a| match *a {
                "IN" => input.clone(),
                "OUT.csv" => dir.path().join("out.csv"),
                "LINK" => dir.path().join("link.csv"),
                other => PathBuf::from(other),
            })
            .collect();
        let run = incimap(&args);
        assert_eq!(run.status.code(), Some(1), "{args:?}: {}", stderr(&run));
        assert!(stderr(&run).contains("is the input"), "{}", stderr(&run));
        assert_eq!(std::fs::read(&input).unwrap(), before);
    }
}

#[test]
fn a_failed_run_leaves_the_previous_output_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.geojson");
    let good = export_to(&example(), &out, &[]);
    for bad in ["empty.csv", "header_only.csv", "no_usable_column.csv"] {
        let run = incimap(&[
            "export".as_ref(),
            fixture(bad).as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert_eq!(run.status.code(), Some(1));
        assert_eq!(
            std::fs::read(&out).unwrap(),
            good,
            "{bad} replaced a good output"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary files left"
    );
}

#[test]
fn a_killed_run_never_leaves_half_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.csv");
    let mut csv = String::from("date,place,type,latitude,longitude,description\n");
    let rows = 20_000;
    for i in 0..rows {
        let (lat, lon) = (
            f64::from(i % 170) - 85.0 + 0.123456,
            f64::from(i % 350) - 175.0 + 0.654321,
        );
        csv.push_str(&format!(
            "2024-01-{:02},P{i},Type {},{lat},{lon},row {i} with some words in it\n",
            i % 28 + 1,
            i % 7
        ));
    }
    std::fs::write(&input, csv).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("big.geojson");
    let old = b"{\"type\":\"FeatureCollection\",\"features\":[]}\n".to_vec();
    std::fs::write(&out, &old).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_incimap"))
        .args([
            "export".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it while it writes: once its temporary file has appeared.
    let started = std::time::Instant::now();
    let part = loop {
        let part = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().ends_with(".part"));
        if let Some(part) = part {
            break Some(part);
        }
        if child.try_wait().unwrap().is_some() || started.elapsed().as_secs() > 60 {
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    };
    child.kill().ok();
    child.wait().unwrap();
    let now = std::fs::read(&out).unwrap();
    match part {
        Some(part) => {
            assert_eq!(
                now,
                old,
                "killed while writing {}: the old file stays",
                part.display()
            );
        }
        None => {
            // It finished first: then the new file is whole.
            let json: Value = serde_json::from_slice(&now).expect("a complete file");
            assert_eq!(json["features"].as_array().unwrap().len(), rows as usize);
        }
    }
    // Run to the end, it replaces the old file with a whole one.
    let done = incimap(&[
        "export".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(done.status.success());
    let json: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["features"].as_array().unwrap().len(), rows as usize);
}

/// Text for a property that must stay text: starts with a letter.
fn label() -> impl Strategy<Value = String> {
    ("[a-zA-Z]", "\\PC{0,20}").prop_map(|(a, b)| format!("{a}{b}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Rows go in as CSV and come out of the GeoJSON with the same values:
    /// coordinates to 6 decimals, numbers as numbers, text cleaned, and the
    /// GeoJSON sequence carries the same features.
    #[test]
    fn geojson_round_trip(rows in proptest::collection::vec(
        (-90.0f64..=90.0, -180.0f64..=180.0, label(), proptest::option::of(0u32..1_000_000), proptest::option::of(-1e6f64..1e6)),
        1..12,
    )) {
        let mut bytes = Vec::new();
        {
            let mut w = csv::Writer::from_writer(&mut bytes);
            w.write_record(["latitude", "longitude", "label", "count", "value"]).unwrap();
            for (lat, lon, label, count, value) in &rows {
                w.write_record([
                    lat.to_string(),
                    lon.to_string(),
                    label.clone(),
                    count.map(|c| c.to_string()).unwrap_or_default(),
                    value.map(|v| v.to_string()).unwrap_or_default(),
                ]).unwrap();
            }
        }
        let read = incident::read(&bytes[..], "round.csv", &ReadOptions::default()).unwrap();
        prop_assert!(read.errors.is_empty(), "{:?}", read.errors);
        let geocoded = incimap::geocode::geocode(read, gazetteer());
        let mut out = Vec::new();
        export::write_geojson(&geocoded, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let features = check_feature_collection(&text);
        prop_assert_eq!(features.len(), rows.len());
        for (f, (lat, lon, label, count, value)) in features.iter().zip(&rows) {
            let c = &f["geometry"]["coordinates"];
            prop_assert_eq!(c[0].as_f64().unwrap(), export::round6(*lon));
            prop_assert_eq!(c[1].as_f64().unwrap(), export::round6(*lat));
            let p = &f["properties"];
            prop_assert_eq!(p["latitude"].as_f64().unwrap(), *lat);
            let cleaned = incimap::text::clean(label);
            prop_assert_eq!(p["label"].as_str().unwrap(), cleaned.as_str());
            prop_assert_eq!(p["count"].as_u64(), count.map(u64::from));
            prop_assert_eq!(p["value"].as_f64(), *value);
        }
        // A GeoJSON library reads it and writes the same thing back.
        let collection: geojson::FeatureCollection = text.parse().unwrap();
        let again: Value = serde_json::to_value(&collection).unwrap();
        let original: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(again, original);
        let mut seq = Vec::new();
        export::write_geojson_seq(&geocoded, &mut seq).unwrap();
        let records: Vec<Value> = seq
            .split(|b| *b == 0x1E)
            .skip(1)
            .map(|r| serde_json::from_slice(r).unwrap())
            .collect();
        prop_assert_eq!(&records, &features);
    }
}
