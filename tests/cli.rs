//! End-to-end runs of the `incimap` binary, as a user would run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn incimap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incimap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/incidents.csv")
        .display()
        .to_string()
}

fn map_into(input: &str, dir: &Path) -> Output {
    incimap(&["map", input, "-o", dir.to_str().unwrap()])
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every `<g>` id in the document, and whether it parsed as XML.
fn layer_ids(svg: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut ids = Vec::new();
    loop {
        match reader.read_event().expect("the SVG is well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "g" => {
                for a in e.attributes() {
                    let a = a.unwrap();
                    if a.key.as_ref() == "id" {
                        ids.push(a.value.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    ids
}

#[test]
fn map_of_the_example_has_named_layers_and_rfc7946_points() {
    let dir = tempfile::tempdir().unwrap();
    let out = map_into(&example(), dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("located 10 of 10"),
        "{}",
        stderr(&out)
    );

    let svg = std::fs::read_to_string(dir.path().join("map.svg")).unwrap();
    let ids = layer_ids(&svg);
    for layer in [
        "basemap",
        "incidents",
        "labels",
        "legend",
        "credits",
        "scalebar",
    ] {
        assert!(
            ids.iter().any(|i| i == layer),
            "no layer {layer} in {ids:?}"
        );
    }
    assert!(svg.contains("GeoNames (CC BY 4.0)"));
    assert!(svg.contains("Natural Earth"));
    assert!(
        svg.contains(">Jalal-Abad</text>"),
        "the label uses the name as written"
    );

    let text = std::fs::read_to_string(dir.path().join("incidents.geojson")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["type"], "FeatureCollection");
    assert!(json.get("crs").is_none());
    let features = json["features"].as_array().unwrap();
    assert_eq!(features.len(), 10);
    for f in features {
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(f["geometry"]["type"], "Point");
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!(
            (20.0..80.0).contains(&lon) && (30.0..60.0).contains(&lat),
            "[lon, lat] order: {c:?}"
        );
        for v in c {
            let decimals = v.to_string().split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 6, "{v} has {decimals} decimals");
        }
        assert!(f["properties"]["fatalities"].is_null() || f["properties"]["fatalities"].is_u64());
        assert!(f["properties"]["incimap_status"].is_string());
    }
    let geojson: geojson::GeoJson = text.parse().expect("the geojson crate reads it");
    assert!(matches!(geojson, geojson::GeoJson::FeatureCollection(_)));

    let report = std::fs::read_to_string(dir.path().join("geocode-report.csv")).unwrap();
    assert_eq!(report.lines().count(), 11);
}

#[test]
fn two_runs_give_identical_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(map_into(&example(), a.path()).status.success());
    assert!(map_into(&example(), b.path()).status.success());
    for file in ["map.svg", "incidents.geojson", "geocode-report.csv"] {
        let x = std::fs::read(a.path().join(file)).unwrap();
        let y = std::fs::read(b.path().join(file)).unwrap();
        assert!(x == y, "{file} differs between runs");
    }
}

#[test]
fn rows_that_cannot_be_located_are_listed_and_the_rest_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let out = map_into(&data("some_unlocated.csv"), dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("line 3: not located"), "{err}");
    assert!(err.contains("Khujand, TJ"), "suggestion missing: {err}");
    // A count that cannot be read is a bad cell, not a bad row.
    assert!(
        err.contains(
            "line 4, column `fatalities`: `not a number` is not a whole number; read as empty"
        ),
        "{err}"
    );
    assert!(err.contains("line 5: skipped: column `date`"), "{err}");
    assert!(err.contains("line 6: skipped"), "{err}");
    let report = std::fs::read_to_string(dir.path().join("geocode-report.csv")).unwrap();
    assert_eq!(report.lines().count(), 6, "one report row per input row");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("incidents.geojson")).unwrap())
            .unwrap();
    assert_eq!(json["features"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["features"][1]["properties"]["fatalities"],
        serde_json::Value::Null
    );

    let strict = incimap(&[
        "map",
        &data("some_unlocated.csv"),
        "-o",
        dir.path().to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(strict.status.code(), Some(1));
}

fn assert_fails_cleanly(input: &str, expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = map_into(input, dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(expect), "expected `{expect}` in: {err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no output written"
    );
}

#[test]
fn bad_inputs_fail_with_one_line_and_no_output() {
    assert_fails_cleanly(&data("missing.csv"), "missing.csv");
    assert_fails_cleanly(&data("no_place_column.csv"), "no `place` column");
    assert_fails_cleanly(&data("empty.csv"), "empty");
    assert_fails_cleanly(&data("header_only.csv"), "no rows");
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(incimap(&["map"]).status.code(), Some(2));
    assert_eq!(incimap(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn help_credits_geonames() {
    let out = incimap(&["--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("GeoNames"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("CC BY 4.0"));
}

#[test]
fn given_coordinates_win_and_other_columns_travel() {
    let dir = tempfile::tempdir().unwrap();
    let out = map_into(&data("given_coordinates.csv"), dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("incidents.geojson")).unwrap())
            .unwrap();
    let f = &json["features"][1];
    assert_eq!(
        f["geometry"]["coordinates"],
        serde_json::json!([37.62, 55.75])
    );
    assert_eq!(f["properties"]["actor"], "Group B");
    assert_eq!(f["properties"]["incimap_status"], "given");
}

#[test]
fn refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let input: PathBuf = dir.path().join("in.csv");
    std::fs::copy(example(), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = incimap(&[
        "export",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn export_to_stdout() {
    let out = incimap(&["export", &example(), "-o", "-"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["features"].as_array().unwrap().len(), 10);
    assert_eq!(json["bbox"].as_array().unwrap().len(), 4);
}

#[test]
fn max_types_groups_the_rarest_types() {
    // The example has eight types: all shown apart by default, three with
    // `--max-types 3` (two and "Other types"); fewer than two is a usage error.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["map", "-q", "-o", out];
        let input = example();
        args.push(&input);
        args.extend_from_slice(extra);
        let status = incimap(&args).status;
        (status, std::fs::read_to_string(dir.path().join("map.svg")))
    };
    let (status, svg) = run(&[]);
    assert!(status.success());
    assert!(!svg.unwrap().contains("Other types"));
    let (status, svg) = run(&["--max-types", "3"]);
    assert!(status.success());
    assert!(svg.unwrap().contains(">Other types (6)</text>"));
    assert_eq!(run(&["--max-types", "1"]).0.code(), Some(2));
}
