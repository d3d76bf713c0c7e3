//! The map's layers: the reference layers (rivers, provinces, context
//! places) present, named and muted under the incidents; context names that
//! give way to incident labels; the choropleth's classes and key; the same
//! bytes on every run.

use std::path::{Path, PathBuf};

use incimap::geocode::{self, Geocoded};
use incimap::incident::{self, ReadOptions};
use incimap::render::choropleth::{Areas, Choropleth, Classing, Measure, Tally};
use incimap::render::{self, Map, MapOptions, MapRows, Style};

mod io_support;
use io_support::gazetteer;

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn geocoded_text(csv: &str) -> Geocoded {
    let read = incident::read(csv.as_bytes(), "test.csv", &ReadOptions::default()).unwrap();
    geocode::geocode(read, gazetteer())
}

fn geocoded_file(relative: &str) -> Geocoded {
    let read = incident::read_path(&path(relative), &ReadOptions::default()).unwrap();
    geocode::geocode(read, gazetteer())
}

fn draw(g: &Geocoded, options: &MapOptions) -> Map {
    render::render(g, options).unwrap_or_else(|e| panic!("render failed: {e}"))
}

/// Ids of the Inkscape layers, in document order.
fn layer_ids(svg: &str) -> Vec<String> {
    svg.split("<g ")
        .skip(1)
        .map(|tag| &tag[..tag.find('>').unwrap()])
        .filter(|tag| tag.contains("inkscape:groupmode=\"layer\""))
        .map(|tag| {
            let id = &tag[tag.find("id=\"").unwrap() + 4..];
            id[..id.find('"').unwrap()].to_string()
        })
        .collect()
}

/// The Fergana Valley and Dushanbe, by coordinates.
const FERGANA: &str = "date,place,type,latitude,longitude\n\
    2024-01-05,Osh,Attack,40.5283,72.7985\n\
    2024-02-11,Andijan,Arrest,40.7821,72.3442\n\
    2024-03-02,Namangan,Attack,40.9983,71.6726\n\
    2024-03-20,Khujand,Arrest,40.2826,69.6222\n\
    2024-04-14,Isfara,Attack,40.1265,70.6252\n\
    2024-05-01,Dushanbe,Attack,38.5358,68.7791\n";

/// Afghanistan, by coordinates.
const AFGHANISTAN: &str = "date,place,type,fatalities,latitude,longitude\n\
    2024-01-05,Kabul,Attack,5,34.5281,69.1723\n\
    2024-01-06,Kabul,Attack,2,34.5281,69.1723\n\
    2024-01-07,Kabul,Attack,0,34.5281,69.1723\n\
    2024-01-08,Kabul,Attack,1,34.5281,69.1723\n\
    2024-02-11,Kandahar,Attack,3,31.6133,65.7101\n\
    2024-03-02,Herat,Attack,1,34.3482,62.1997\n\
    2024-03-03,Herat,Attack,0,34.3482,62.1997\n\
    2024-03-20,Mazar-i-Sharif,Attack,9,36.7090,67.1109\n\
    2024-03-21,Mazar-i-Sharif,Attack,1,36.7090,67.1109\n\
    2024-03-22,Mazar-i-Sharif,Attack,1,36.7090,67.1109\n\
    2024-03-23,Mazar-i-Sharif,Attack,1,36.7090,67.1109\n\
    2024-03-24,Mazar-i-Sharif,Attack,1,36.7090,67.1109\n\
    2024-03-25,Mazar-i-Sharif,Attack,1,36.7090,67.1109\n\
    2024-03-26,Mazar-i-Sharif,Attack,1,36.7090,67.1109\n\
    2024-04-14,Jalalabad,Attack,0,34.4342,70.4478\n\
    2024-05-01,Kunduz,Attack,2,36.7280,68.8681\n\
    2024-05-02,Faizabad,Attack,0,37.1166,70.5800\n";

/// Runs incimap with `args` in `dir` (where a project file may be), checks
/// that it succeeded, and returns the map it wrote to `output/map.svg`.
fn map_in(dir: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_incimap"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", io_support::stderr(&out));
    std::fs::read_to_string(dir.join("output/map.svg")).unwrap()
}

#[test]
fn reference_layers_are_drawn_under_the_incidents_and_named() {
    let map = draw(&geocoded_text(FERGANA), &MapOptions::default());
    let ids = layer_ids(&map.svg);
    let at = |id: &str| {
        ids.iter()
            .position(|i| i == id)
            .unwrap_or_else(|| panic!("no layer {id} in {ids:?}"))
    };
    for layer in ["rivers", "provinces", "context-places"] {
        assert!(at(layer) > at("basemap"), "{layer} over the basemap");
        assert!(at(layer) < at("incidents"), "{layer} under the incidents");
        assert!(
            map.svg.contains(&format!(
                "id=\"{layer}\" inkscape:groupmode=\"layer\" inkscape:label="
            )),
            "{layer} is an Inkscape layer"
        );
    }
    // Tashkent is the capital in this extent; it has no incident.
    let context: Vec<&str> = map
        .layout
        .context_labels
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert!(context.contains(&"Tashkent"), "{context:?}");
    assert!(map.svg.contains("GSHHG"), "rivers are credited");
}

#[test]
fn province_boundaries_are_lines_inside_the_country() {
    let map = draw(&geocoded_text(AFGHANISTAN), &MapOptions::default());
    let start = map
        .svg
        .find("id=\"province-boundaries\"")
        .expect("boundaries drawn");
    let d = &map.svg[start..start + map.svg[start..].find("/>").unwrap()];
    // Afghanistan's 34 provinces share dozens of boundary lines.
    assert!(
        d.matches('M').count() > 30,
        "{} lines",
        d.matches('M').count()
    );
    // Open lines, not the provinces' closed outlines.
    assert!(!d.contains('Z'));
}

#[test]
fn context_names_give_way_to_incident_labels_and_markers() {
    for g in [
        geocoded_text(FERGANA),
        geocoded_text(AFGHANISTAN),
        geocoded_file("examples/incidents.csv"),
        geocoded_file("examples/middle-east.csv"),
    ] {
        let map = draw(&g, &MapOptions::default());
        let layout = &map.layout;
        for c in &layout.context_labels {
            for l in &layout.labels {
                assert!(!c.bbox.intersects(&l.bbox), "{} over {}", c.text, l.text);
            }
            for m in &layout.markers {
                assert!(!c.bbox.intersects(&m.bbox()), "{} over a marker", c.text);
            }
            for r in layout.reserved() {
                assert!(!c.bbox.intersects(&r), "{} under a panel", c.text);
            }
            for n in &layout.country_labels {
                assert!(!c.bbox.intersects(&n.bbox), "{} over {}", c.text, n.text);
            }
            assert!(c.leader.is_none(), "a context name stays by its point");
        }
    }
}

#[test]
fn a_single_incident_has_context() {
    let map = draw(
        &geocoded_text("date,place,latitude,longitude\n2024-03-22,Khorugh,37.4895,71.5530\n"),
        &MapOptions::default(),
    );
    assert!(
        !map.layout.context_labels.is_empty(),
        "a lone incident gets places around it"
    );
    assert!(
        map.svg.contains("id=\"rivers\""),
        "the Panj flows by Khorugh"
    );
}

#[test]
fn reference_layers_follow_the_style() {
    let style = Style::from_toml(
        "[layers]\nrivers = false\nprovinces = false\ncontext_places = false\n",
        "style.toml",
        Path::new("."),
    )
    .unwrap();
    let map = draw(
        &geocoded_text(FERGANA),
        &MapOptions {
            style,
            ..MapOptions::default()
        },
    );
    let ids = layer_ids(&map.svg);
    for layer in ["rivers", "provinces", "context-places"] {
        assert!(!ids.contains(&layer.to_string()), "{layer} in {ids:?}");
    }
    assert!(!map.svg.contains("GSHHG"), "no river, no river credit");
}

fn afghan_rows() -> MapRows {
    let g = geocoded_text(AFGHANISTAN);
    g.rows.iter().collect()
}

fn choropleth(measure: Measure, classing: Classing) -> Choropleth {
    Choropleth {
        areas: Areas::Admin1,
        measure,
        classing,
    }
}

#[test]
fn incidents_are_counted_in_their_provinces() {
    let tally = Tally::count(
        &afghan_rows(),
        choropleth(Measure::Count, Classing::NaturalBreaks),
        5,
    );
    let value = |name: &str| tally.areas.iter().find(|a| a.name == name).map(|a| a.value);
    assert_eq!(value("Kabul"), Some(4));
    assert_eq!(value("Balkh"), Some(7));
    assert_eq!(value("Herat"), Some(2));
    assert_eq!(value("Kandahar"), Some(1));
    assert_eq!(tally.areas.iter().map(|a| a.value).sum::<u64>(), 17);
    assert_eq!(tally.outside, 0);
    // Values 1, 1, 1, 1, 1, 2, 4, 7 in at most five classes: four distinct values.
    assert_eq!(tally.classes, [(1, 1), (2, 2), (3, 4), (5, 7)]);
    let fatalities = Tally::count(
        &afghan_rows(),
        choropleth(Measure::Fatalities, Classing::Quantile),
        5,
    );
    let balkh = fatalities.areas.iter().find(|a| a.name == "Balkh").unwrap();
    assert_eq!(balkh.value, 15);
    // Provinces with incidents but nobody killed are not shaded.
    assert!(fatalities.areas.iter().all(|a| a.value > 0));
    assert!(!fatalities.areas.iter().any(|a| a.name == "Nangarhar"));
}

#[test]
fn the_choropleth_shades_by_class_and_says_so_in_its_key() {
    let g = geocoded_text(AFGHANISTAN);
    let options = MapOptions {
        choropleth: Some(choropleth(Measure::Count, Classing::NaturalBreaks)),
        ..MapOptions::default()
    };
    let map = draw(&g, &options);
    let ids = layer_ids(&map.svg);
    let at = |id: &str| ids.iter().position(|i| i == id).unwrap();
    assert!(at("basemap") < at("choropleth") && at("choropleth") < at("incidents"));
    let scale = &Style::default().colours.choropleth;
    // Four classes spread over the five colours: lightest, darkest and two between.
    let fill = |name: &str| {
        let tag = format!("inkscape:label=\"{name}\" fill=\"");
        let start = map
            .svg
            .find(&tag)
            .unwrap_or_else(|| panic!("{name} not shaded"))
            + tag.len();
        map.svg[start..start + 7].to_string()
    };
    assert_eq!(fill("Kandahar"), scale[0]);
    assert_eq!(fill("Herat"), scale[1]);
    assert_eq!(fill("Kabul"), scale[3]);
    assert_eq!(fill("Balkh"), scale[4]);
    let key_start = map.svg.find("id=\"choropleth-key\"").expect("a key");
    let key = &map.svg[key_start..key_start + map.svg[key_start..].find("</g>").unwrap()];
    for text in [
        "Incidents per province",
        ">5–7<",
        ">3–4<",
        ">2<",
        ">1<",
        "natural breaks (Jenks)",
    ] {
        assert!(key.contains(text), "{text} not in the key");
    }
    // The key is a panel: no label or marker under it.
    let b = map.layout.choropleth_key.expect("the key's box");
    assert!(map.layout.reserved().contains(&b));
    for l in &map.layout.labels {
        assert!(!l.bbox.intersects(&b));
    }
    // Country shading gives way to the choropleth.
    let shade = format!("fill=\"{}\"", Style::default().colours.land_with_incidents);
    let basemap_start = map.svg.find("id=\"basemap\"").unwrap();
    let basemap = &map.svg[basemap_start..map.svg.find("id=\"choropleth\"").unwrap()];
    assert!(!basemap.contains(&shade));
}

#[test]
fn two_runs_give_the_same_bytes() {
    let g = geocoded_text(AFGHANISTAN);
    let options = MapOptions {
        choropleth: Some(choropleth(Measure::Fatalities, Classing::Quantile)),
        ..MapOptions::default()
    };
    let a = draw(&g, &options).svg;
    let b = draw(&g, &options).svg;
    assert_eq!(a, b);
    let c = draw(&geocoded_text(FERGANA), &MapOptions::default()).svg;
    let d = draw(&geocoded_text(FERGANA), &MapOptions::default()).svg;
    assert_eq!(c, d);
}

#[test]
fn the_choropleth_is_a_project_key_and_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sheet.csv"), AFGHANISTAN).unwrap();
    std::fs::write(
        dir.path().join("incimap.toml"),
        "input = \"sheet.csv\"\nchoropleth = \"admin1\"\nchoropleth-by = \"fatalities\"\n\
         choropleth-classes = \"quantile\"\n",
    )
    .unwrap();
    let run = |args: &[&str]| map_in(dir.path(), args);
    let svg = run(&["-q", "map"]);
    assert!(svg.contains("id=\"choropleth\"") && svg.contains("Fatalities per province"));
    assert!(svg.contains("Classes by quantile"));
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_incimap"))
        .current_dir(dir.path())
        .args(["map", "sheet.csv", "--choropleth", "district"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("admin1"));
}

/// Names of the labels left out, from the map's notes.
fn left_out(map: &Map) -> Vec<String> {
    map.notes
        .iter()
        .filter_map(|n| n.strip_prefix("label `"))
        .filter_map(|n| n.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_dense_cluster_gets_a_zoom_inset_that_names_the_places_left_out() {
    let g = geocoded_file("tests/data/render/north-caucasus.csv");
    let without = draw(
        &g,
        &MapOptions {
            zoom: incimap::render::zoom::Zoom::None,
            ..MapOptions::default()
        },
    );
    assert!(without.layout.zoom.is_none());
    let before = left_out(&without);
    assert!(
        before.len() >= 3,
        "the set should crowd labels out: {before:?}"
    );
    assert!(before.iter().any(|n| n == "Urus-Martan"));

    let map = draw(&g, &MapOptions::default());
    let zoom = map.layout.zoom.as_ref().expect("a zoom inset");
    let after = left_out(&map);
    assert!(after.len() < before.len(), "{before:?} -> {after:?}");
    // Every place left out before is named now, on the map or in the panel,
    // or is still listed.
    let named: Vec<&str> = zoom
        .labels
        .iter()
        .chain(&map.layout.labels)
        .map(|l| l.text.as_str())
        .collect();
    for name in &before {
        assert!(
            named.contains(&name.as_str()) || after.contains(name),
            "{name} neither named nor listed"
        );
    }
    assert!(zoom.labels.iter().any(|l| l.text == "Urus-Martan"));
    // Named in the panel, not also on the map.
    for l in &zoom.labels {
        assert!(
            !map.layout.labels.iter().any(|m| m.text == l.text),
            "{} twice",
            l.text
        );
    }
    assert!(zoom.factor >= 1.5, "only {:.2}x", zoom.factor);

    // The panel: inside the frame, over no marker and no other box, clear
    // of the area it enlarges; its labels overlap nothing and stay inside.
    let frame = map.layout.frame;
    assert!(frame.contains(&zoom.panel));
    assert!(!zoom.panel.intersects(&zoom.area));
    for m in &map.layout.markers {
        assert!(
            !m.bbox().intersects(&zoom.panel),
            "marker {} under the panel",
            m.line
        );
    }
    for b in [map.layout.legend, map.layout.scale_bar, map.layout.inset]
        .into_iter()
        .flatten()
    {
        assert!(!b.intersects(&zoom.panel));
    }
    for l in &map.layout.labels {
        assert!(
            !l.bbox.intersects(&zoom.panel) && !l.bbox.intersects(&zoom.area),
            "{}",
            l.text
        );
    }
    for (i, a) in zoom.labels.iter().enumerate() {
        assert!(zoom.panel.contains(&a.bbox), "{} leaves the panel", a.text);
        for b in &zoom.labels[i + 1..] {
            assert!(
                !a.bbox.intersects(&b.bbox),
                "{} overlaps {}",
                a.text,
                b.text
            );
        }
        for m in &zoom.markers {
            assert!(!a.bbox.intersects(&m.bbox()), "{} over a marker", a.text);
        }
        if let Some(s) = zoom.scale_bar {
            assert!(!a.bbox.intersects(&s));
        }
    }
    // Its markers are the incidents of the area, inside the panel.
    for m in &zoom.markers {
        assert!(zoom.panel.contains(&m.bbox()));
        assert!(map.layout.markers.iter().any(|n| n.lines == m.lines));
    }
    assert!(!zoom.connectors.is_empty());

    // Named layers, over the map; the same bytes twice.
    let ids = layer_ids(&map.svg);
    let at = |id: &str| {
        ids.iter()
            .position(|i| i == id)
            .unwrap_or_else(|| panic!("no layer {id}"))
    };
    assert!(at("zoom-area") < at("incidents"));
    assert!(at("zoom") > at("labels"));
    assert!(map.svg.contains("id=\"zoom-scalebar\""));
    assert_eq!(map.svg, draw(&g, &MapOptions::default()).svg);
}

#[test]
fn maps_whose_labels_all_fit_have_no_zoom_inset() {
    let example = draw(
        &geocoded_file("examples/incidents.csv"),
        &MapOptions {
            size_by: Some(render::SizeBy::Fatalities),
            timeline: true,
            ..MapOptions::default()
        },
    );
    assert!(left_out(&example).is_empty());
    assert!(example.layout.zoom.is_none());
    assert!(
        !layer_ids(&example.svg)
            .iter()
            .any(|id| id.starts_with("zoom"))
    );
    let fergana = draw(&geocoded_text(FERGANA), &MapOptions::default());
    assert!(fergana.layout.zoom.is_none());
}

#[test]
fn zoom_is_a_project_key_and_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        path("tests/data/render/north-caucasus.csv"),
        dir.path().join("sheet.csv"),
    )
    .unwrap();
    let run = |extra: &[&str]| map_in(dir.path(), &[&["map"], extra].concat());
    assert!(run(&["sheet.csv"]).contains("id=\"zoom\""));
    assert!(!run(&["sheet.csv", "--zoom", "none"]).contains("id=\"zoom\""));
    std::fs::write(
        dir.path().join("incimap.toml"),
        "input = \"sheet.csv\"\nzoom = \"none\"\n",
    )
    .unwrap();
    assert!(!run(&[]).contains("id=\"zoom\""));
    assert!(run(&["--zoom", "auto"]).contains("id=\"zoom\""));
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_incimap"))
        .args(["map", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("--zoom"));
}

/// Around Lake Van and Lake Urmia, by coordinates.
const VAN_URMIA: &str = "date,place,type,latitude,longitude\n\
    2024-01-01,Van,Attack,38.49,43.38\n\
    2024-01-02,Urmia,Attack,37.55,45.07\n\
    2024-01-03,Yerevan,Attack,40.18,44.51\n\
    2024-01-04,Tabriz,Attack,38.08,46.29\n";

#[test]
fn lakes_are_a_named_layer_in_the_water_colour_under_the_incidents() {
    let g = geocoded_text(VAN_URMIA);
    let map = draw(&g, &MapOptions::default());
    let ids = layer_ids(&map.svg);
    let at = |id: &str| {
        ids.iter()
            .position(|i| i == id)
            .unwrap_or_else(|| panic!("no layer {id} in {ids:?}"))
    };
    assert!(at("lakes") > at("basemap") && at("lakes") < at("rivers"));
    assert!(at("lakes") < at("incidents"));
    let layer = &map.svg[map.svg.find("<g id=\"lakes\"").unwrap()..];
    let layer = &layer[..layer.find("</g>").unwrap()];
    assert!(layer.contains("inkscape:label=\"Lakes\""));
    assert!(layer.contains(&format!("fill=\"{}\"", Style::default().colours.lakes)));
    // Van, Urmia and Sevan at least.
    assert!(layer.matches("<path").count() >= 3, "{layer}");

    let style = Style::from_toml(
        "[colours]\nlakes = \"#123456\"\n",
        "style.toml",
        Path::new("."),
    )
    .unwrap();
    let tinted = draw(
        &g,
        &MapOptions {
            style,
            ..MapOptions::default()
        },
    );
    assert!(tinted.svg.contains("fill=\"#123456\""));
    let style =
        Style::from_toml("[layers]\nlakes = false\n", "style.toml", Path::new(".")).unwrap();
    let off = draw(
        &g,
        &MapOptions {
            style,
            ..MapOptions::default()
        },
    );
    assert!(!layer_ids(&off.svg).contains(&"lakes".to_string()));
    // No lake near Kabul: no layer.
    assert!(
        !layer_ids(&draw(&geocoded_text(AFGHANISTAN), &MapOptions::default()).svg)
            .contains(&"lakes".to_string())
    );
}

/// The texts of the Inkscape layer `id`.
fn layer_texts(svg: &str, id: &str) -> Vec<String> {
    let Some(start) = svg.find(&format!("<g id=\"{id}\"")) else {
        return Vec::new();
    };
    let layer = &svg[start..];
    let layer = &layer[..layer.find("</g>").unwrap_or(layer.len())];
    layer
        .split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>')?.1.split('<').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn a_province_is_named_once_and_not_beside_a_town_of_its_name() {
    let g = geocoded_file("tests/data/render/north-caucasus.csv");
    let map = draw(&g, &MapOptions::default());
    let provinces = layer_texts(&map.svg, "provinces");
    assert!(!provinces.is_empty(), "no province names");
    let towns: Vec<String> = layer_texts(&map.svg, "context-places")
        .into_iter()
        .chain(layer_texts(&map.svg, "labels"))
        .collect();
    for name in &provinces {
        assert!(
            !towns.contains(name),
            "{name} named as a town and a province"
        );
        let times = provinces.iter().filter(|p| *p == name).count();
        assert_eq!(times, 1, "{name} named {times} times");
    }
    // On a choropleth the provinces are the subject: named beside their
    // towns, but once each though Natural Earth lists some in two parts.
    let g = geocoded_text(AFGHANISTAN);
    let options = MapOptions {
        choropleth: Some(choropleth(Measure::Count, Classing::NaturalBreaks)),
        ..MapOptions::default()
    };
    let provinces = layer_texts(&draw(&g, &options).svg, "provinces");
    for name in ["Kabul", "Parwan", "Urozgan"] {
        let times = provinces.iter().filter(|p| *p == name).count();
        assert_eq!(times, 1, "{name} named {times} times: {provinces:?}");
    }
}
