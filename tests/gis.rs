//! GIS outputs: the GeoPackage read back with SQLite, short field names,
//! the geocoded CSV's WKT column and sidecars, and the QGIS and SLD styles
//! of `map`.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

mod io_support;
use io_support::{incimap, stderr};

/// A sheet with what a GIS layer must keep apart: whole and real numbers,
/// an id wider than 32 bits, a code with leading zeros, dates of every
/// precision, given coordinates, a row that cannot be located and one that
/// is invalid. Lines 2..=8; line 6 is unresolved, line 7 invalid.
const SHEET: &str = "\
date,place,country,type,fatalities,latitude,longitude,event_id,score,code,\"fid\",a_very_long_column,a_very_long_column_b
2024-03-22,Kabul,AF,Armed attack,3,34.5553,69.2075,201807290001,1.5,007,a,x,y
2024-03,Kandahar,AF,Car bomb,,31.6133,65.7101,201807290002,2,012,b,x,y
2023,Herat,AF,Armed attack,0,34.3482,62.1997,201807290003,2.25,013,c,x,y
,Dushanbe,TJ,,1,38.5598,68.7870,201807290004,3,014,d,x,y
2024-01-05,Xqzvwplk,AF,Arrests,1,,,201807290005,4,015,e,x,y
2024-13-40,Kabul,AF,Arrests,1,34.5553,69.2075,201807290006,5,016,f,x,y
2024-02-29,Mazar-i-Sharif,AF,Armed attack,2,36.7090,67.1109,201807290007,6.5,017,g,x,y
";

fn write_sheet(dir: &Path) -> PathBuf {
    let path = dir.join("sheet.csv");
    std::fs::write(&path, SHEET).unwrap();
    path
}

fn run(args: &[&str]) {
    let out = incimap(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
}

fn export(input: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "export",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args);
}

/// Column name and declared type of the `incidents` table, in order.
fn table_columns(db: &Connection) -> Vec<(String, String)> {
    let mut statement = db.prepare("PRAGMA table_info(incidents)").unwrap();
    statement
        .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn geopackage_reads_back_typed_with_lines_as_fids_and_an_rtree() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_sheet(dir.path());
    let gpkg = dir.path().join("out/incidents.gpkg");
    export(&input, &gpkg, &[]);
    let db = Connection::open(&gpkg).unwrap();

    let application_id: i64 = db
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(application_id, 0x4750_4B47, "'GPKG'");

    let mut fids = db
        .prepare("SELECT fid, incimap_line FROM incidents ORDER BY fid")
        .unwrap();
    let rows: Vec<(i64, i64)> = fids
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [(2, 2), (3, 3), (4, 4), (5, 5), (8, 8)],
        "one feature per located row, fid = incimap_line = input line"
    );

    let columns = table_columns(&db);
    let type_of = |name: &str| {
        columns
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no column {name} in {columns:?}"))
            .1
            .clone()
    };
    assert_eq!(columns[0], ("fid".to_string(), "INTEGER".to_string()));
    assert_eq!(columns[1], ("geom".to_string(), "POINT".to_string()));
    assert_eq!(
        type_of("fid_2"),
        "TEXT",
        "the input's fid column is renamed"
    );
    assert_eq!(type_of("fatalities"), "MEDIUMINT");
    assert_eq!(type_of("latitude"), "REAL");
    assert_eq!(type_of("event_id"), "INTEGER", "wider than 32 bits");
    assert_eq!(type_of("score"), "REAL");
    assert_eq!(type_of("code"), "TEXT", "007 keeps its zeros");
    assert_eq!(type_of("incimap_date"), "DATE");
    assert_eq!(type_of("incimap_date_start"), "DATE");
    assert_eq!(type_of("incimap_geonameid"), "MEDIUMINT");
    assert_eq!(type_of("incimap_status"), "TEXT");

    let (date, precision, end, code, id): (String, String, String, String, i64) = db
        .query_row(
            "SELECT incimap_date, incimap_date_precision, incimap_date_end, code, event_id \
             FROM incidents WHERE fid = 3",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        (date.as_str(), precision.as_str(), end.as_str()),
        ("2024-03-01", "month", "2024-03-31")
    );
    assert_eq!((code.as_str(), id), ("012", 201807290002));
    let (fatalities, undated): (Option<i64>, Option<String>) = db
        .query_row(
            "SELECT (SELECT fatalities FROM incidents WHERE fid = 3), \
             (SELECT incimap_date FROM incidents WHERE fid = 5)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((fatalities, undated), (None, None), "empty cells are NULL");

    let blob: Vec<u8> = db
        .query_row("SELECT geom FROM incidents WHERE fid = 2", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        &blob[..4],
        b"GP\x00\x03",
        "GeoPackage binary with an XY envelope"
    );
    let lon = f64::from_le_bytes(blob[45..53].try_into().unwrap());
    let lat = f64::from_le_bytes(blob[53..61].try_into().unwrap());
    assert_eq!((lon, lat), (69.2075, 34.5553));

    let rtree: i64 = db
        .query_row("SELECT count(*) FROM rtree_incidents_geom", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rtree, 5, "every feature is in the spatial index");
    let (minx, maxx): (f64, f64) = db
        .query_row(
            "SELECT minx, maxx FROM rtree_incidents_geom WHERE id = 8",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!((minx - 67.1109).abs() < 1e-4 && minx <= maxx);
    let extension: String = db
        .query_row(
            "SELECT extension_name FROM gpkg_extensions WHERE table_name = 'incidents'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(extension, "gpkg_rtree_index");
    let triggers: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_incidents_geom_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(triggers, 6);

    let (kind, description, min_x, max_y, srs): (String, String, f64, f64, i64) = db
        .query_row(
            "SELECT data_type, description, min_x, max_y, srs_id FROM gpkg_contents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!((kind.as_str(), srs), ("features", 4326));
    assert!(description.contains("GeoNames") && description.contains("CC BY 4.0"));
    assert_eq!((min_x, max_y), (62.1997, 38.5598));
    let geometry: (String, String, i64) = db
        .query_row(
            "SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(geometry, ("geom".into(), "POINT".into(), 4326));
    drop(fids);
    drop(db);

    let again = dir.path().join("again.gpkg");
    export(&input, &again, &["--format", "gpkg"]);
    assert_eq!(
        std::fs::read(&gpkg).unwrap(),
        std::fs::read(&again).unwrap(),
        "same input, same bytes"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["incidents.gpkg"], "no temporary file is left");
}

#[test]
fn incimap_properties_have_one_type_whatever_the_dates() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_sheet(dir.path());
    let out = dir.path().join("out.geojson");
    export(&input, &out, &[]);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let dates: Vec<&serde_json::Value> = json["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["properties"]["incimap_date"])
        .collect();
    assert_eq!(
        dates,
        [
            "2024-03-22",
            "2024-03-01",
            "2023-01-01",
            "null",
            "2024-02-29"
        ]
        .map(|d| if d == "null" {
            serde_json::Value::Null
        } else {
            serde_json::Value::from(d)
        })
        .iter()
        .collect::<Vec<_>>(),
        "a full date (the first day of a month or year) or null, never a partial one"
    );
}

#[test]
fn short_names_fit_ten_bytes_and_stay_unique() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_sheet(dir.path());
    let out = dir.path().join("short.geojson");
    export(&input, &out, &["--short-names"]);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let names: Vec<String> = json["features"][0]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    for name in &names {
        assert!(name.len() <= 10, "`{name}` is longer than 10 bytes");
    }
    let mut folded: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    folded.sort();
    folded.dedup();
    assert_eq!(folded.len(), names.len(), "unique case-blind: {names:?}");
    for expected in [
        "a_very_lon",
        "a_very_l_2",
        "event_id",
        "im_date",
        "im_dateprc",
        "im_geoid",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }

    let gpkg = dir.path().join("short.gpkg");
    export(&input, &gpkg, &["--short-names"]);
    let db = Connection::open(&gpkg).unwrap();
    let columns = table_columns(&db);
    assert!(columns.iter().all(|(n, _)| n.len() <= 10), "{columns:?}");
    assert!(columns.iter().any(|(n, _)| n == "im_line"));
}

#[test]
fn geocoded_csv_has_wkt_types_and_a_bom_for_excel() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_sheet(dir.path());
    let csv = dir.path().join("geo.csv");
    let report = dir.path().join("report.csv");
    let args = |extra: &[&'static str]| {
        let mut args = vec![
            "geocode".to_string(),
            input.display().to_string(),
            "-o".into(),
            csv.display().to_string(),
            "--report".into(),
            report.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let plain = incimap(&args(&[]));
    assert!(plain.status.success(), "{}", stderr(&plain));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(!text.starts_with('\u{feff}'), "no BOM unless asked");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.last().unwrap(), "incimap_wkt");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6, "every row read, the invalid one aside");
    assert_eq!(&rows[0][header.len() - 1], "POINT (69.2075 34.5553)");
    assert_eq!(
        &rows[4][header.len() - 1],
        "",
        "an unresolved row has no geometry"
    );

    let csvt = std::fs::read_to_string(csv.with_extension("csvt")).unwrap();
    let types: Vec<&str> = csvt
        .trim()
        .split(',')
        .map(|t| t.trim_matches('"'))
        .collect();
    assert_eq!(types.len(), header.len(), "one type per column: {csvt}");
    let type_of = |name: &str| types[header.iter().position(|h| h == name).unwrap()];
    assert_eq!(type_of("fatalities"), "Integer");
    assert_eq!(type_of("event_id"), "Integer64");
    assert_eq!(type_of("score"), "Real");
    assert_eq!(type_of("code"), "String");
    assert_eq!(
        type_of("latitude"),
        "String",
        "coordinates are kept as written"
    );
    assert_eq!(type_of("incimap_latitude"), "Real");
    assert_eq!(type_of("incimap_wkt"), "WKT");
    let prj = std::fs::read_to_string(csv.with_extension("prj")).unwrap();
    assert!(prj.contains("AUTHORITY[\"EPSG\",\"4326\"]]"));

    let excel = incimap(&args(&["--excel"]));
    assert!(excel.status.success(), "{}", stderr(&excel));
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(
        &bytes[..3],
        b"\xEF\xBB\xBF",
        "--excel starts with a UTF-8 BOM"
    );
    assert_eq!(&bytes[3..], text.as_bytes(), "and is otherwise the same");
}

/// Pairs of strings read from a style.
type Pairs = Vec<(String, String)>;

/// What a QML style classifies by, its categories (value, symbol name) and
/// its symbols (fill colour, shape name).
fn qml_categories(qml: &str) -> (String, Pairs, Pairs) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(qml);
    let (mut attr, mut categories, mut symbols) = (String::new(), Vec::new(), Vec::new());
    let mut colour = String::new();
    loop {
        match reader.read_event().expect("the QML is well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let get = |key: &str| {
                    e.attributes()
                        .map(|a| a.expect("well-formed attribute"))
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned()
                        })
                };
                match e.name().as_ref() {
                    "renderer-v2" => {
                        assert_eq!(get("type").as_deref(), Some("categorizedSymbol"));
                        attr = get("attr").unwrap();
                    }
                    "category" => categories.push((get("value").unwrap(), get("symbol").unwrap())),
                    "Option" => match get("name").as_deref() {
                        Some("color") => colour = get("value").unwrap(),
                        Some("name") => {
                            let shape = get("value").unwrap();
                            if !shape.is_empty() {
                                symbols.push((colour.clone(), shape));
                            }
                        }
                        _ => {}
                    },
                    _ => {}
                }
            }
            _ => {}
        }
    }
    (attr, categories, symbols)
}

#[test]
fn map_writes_a_qgis_style_with_the_maps_symbols() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_sheet(dir.path());
    let out = dir.path().join("map");
    run(&["map", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let qml = std::fs::read_to_string(out.join("incidents.qml")).unwrap();
    let (attr, categories, symbols) = qml_categories(&qml);
    assert_eq!(attr, "coalesce(\"type\", 'Unspecified')");
    assert!(
        qml.contains("if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;"),
        "points that stand for areas are drawn hollow, as on the map"
    );
    let values: Vec<&str> = categories.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(
        values,
        ["Armed attack", "Car bomb", "Unspecified"],
        "one category per mapped type, most frequent first, as in the legend"
    );
    for (k, (_, symbol)) in categories.iter().enumerate() {
        assert_eq!(symbol, &k.to_string());
    }
    let palette = incimap::render::symbols::PALETTE;
    let svg = std::fs::read_to_string(out.join("map.svg")).unwrap();
    for (k, (colour, shape)) in symbols.iter().enumerate() {
        let hex = palette[k];
        let rgb: Vec<u8> = (0..3)
            .map(|c| u8::from_str_radix(&hex[1 + 2 * c..3 + 2 * c], 16).unwrap())
            .collect();
        assert_eq!(colour, &format!("{},{},{},255", rgb[0], rgb[1], rgb[2]));
        assert!(svg.contains(hex), "the map draws {hex} too");
        let expected = ["circle", "square", "equilateral_triangle"][k];
        assert_eq!(shape, expected, "the map's shape order");
    }

    let sld = std::fs::read_to_string(out.join("incidents.sld")).unwrap();
    let rules = sld_rules(&sld);
    assert_eq!(
        rules.len(),
        2 * categories.len(),
        "a filled and a hollow rule per type"
    );
    for (k, pair) in rules.chunks(2).enumerate() {
        let colour = palette[k];
        assert_eq!(pair[0].0, "type", "rules filter on the type first");
        assert_eq!(
            (pair[0].1.as_str(), pair[0].2.as_str()),
            (colour, "#ffffff")
        );
        assert_eq!(
            (pair[1].1.as_str(), pair[1].2.as_str()),
            ("#ffffff", colour)
        );
    }
}

/// Each SLD rule: the first property its filter names, its fill and its stroke.
fn sld_rules(sld: &str) -> Vec<(String, String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(sld);
    let mut rules = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut parameter = String::new();
    loop {
        match reader.read_event().expect("the SLD is well-formed XML") {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "se:Rule" {
                    rules.push((String::new(), String::new(), String::new()));
                }
                if name == "se:SvgParameter" {
                    parameter = e
                        .attributes()
                        .map(Result::unwrap)
                        .find(|a| a.key.as_ref() == "name")
                        .map(|a| a.value.to_string())
                        .unwrap();
                }
                open.push(name);
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                let text = t.xml10_content().into_owned();
                let Some(rule) = rules.last_mut() else {
                    continue;
                };
                match open.last().map(String::as_str) {
                    Some("ogc:PropertyName") if rule.0.is_empty() => rule.0 = text,
                    Some("se:SvgParameter") if parameter == "fill" => rule.1 = text,
                    Some("se:SvgParameter") if parameter == "stroke" => rule.2 = text,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    rules
}

#[test]
fn style_sizes_markers_as_the_map_does_under_size_by() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_sheet(dir.path());
    let out = dir.path().join("map");
    let (input, out_dir) = (input.to_str().unwrap(), out.to_str().unwrap());
    run(&["map", input, "-o", out_dir, "--size-by", "fatalities"]);
    let qml = std::fs::read_to_string(out.join("incidents.qml")).unwrap();
    // Radii 4.875 (0 or none) to 22 (the top, 3 killed), as on the map.
    let radius = "sqrt(23.7656 + 460.2344 * min(coalesce(&quot;fatalities&quot;, 0), 3) / 3)";
    assert!(qml.contains(radius), "no size expression {radius} in {qml}");
    assert!(qml.contains("<Option name=\"size\" type=\"Map\">"));
    run(&["map", input, "-o", out_dir]);
    let plain = std::fs::read_to_string(out.join("incidents.qml")).unwrap();
    assert!(
        !plain.contains("coalesce(&quot;fatalities"),
        "no sizes without --size-by"
    );
}

#[test]
fn qgis_and_sld_styles_draw_the_grouped_rare_types_as_other_types() {
    use incimap::export::qml::StyleFields;
    use incimap::render::symbols::{OTHER_TYPES, Shape, TypeSymbol};
    let symbol = |name: &str, colour: &str| TypeSymbol {
        name: name.into(),
        count: 1,
        shape: Shape::Circle,
        colour: colour.into(),
        radius: 6.5,
        outline: "#ffffff".into(),
    };
    let symbols = [
        symbol("Arrests", "#0072B2"),
        symbol("IED", "#D55E00"),
        symbol(OTHER_TYPES, "#666666"),
    ];
    let fields = StyleFields {
        kind: Some("type".into()),
        precision: "incimap_precision".into(),
        fatalities: None,
        injuries: None,
    };
    let qml = incimap::export::qml::style(&symbols, None, &fields);
    let (_, categories, _) = qml_categories(&qml);
    let values: Vec<&str> = categories.iter().map(|(v, _)| v.as_str()).collect();
    // QGIS gives the empty value's category to every value no other names.
    assert_eq!(values, ["Arrests", "IED", ""]);
    let sld = incimap::export::sld::style(&symbols, &fields);
    let other = sld
        .rfind("<ogc:Not><ogc:Or>")
        .expect("a rule for none of the named types");
    let rule = &sld[other..];
    assert!(
        rule.contains("<ogc:Literal>Arrests</ogc:Literal>")
            && rule.contains("<ogc:Literal>IED</ogc:Literal>"),
        "{rule}"
    );
}
