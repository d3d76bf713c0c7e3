//! Small multiples (`--facet year|type`): panels that share one projection,
//! frame and scale bar, one panel per year (empty years too) or per type in
//! legend order, counts that add up, a named layer per panel, the same
//! bytes on every run, and clear words for what cannot be faceted.

use std::collections::BTreeMap;
use std::path::Path;

use incimap::geocode::{self, Geocoded};
use incimap::incident::{self, ReadOptions};
use incimap::render::labels::Rect;
use incimap::render::{self, Facet, Map, MapOptions, SizeBy};

mod io_support;
use io_support::{gazetteer, incimap, stderr};

/// The shipped example spanning 2017–2023 (no incident in 2018).
const SAHEL: &str = "examples/sahel.csv";

fn geocoded(relative: &str) -> Geocoded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let read = incident::read_path(&path, &ReadOptions::default()).unwrap();
    geocode::geocode(read, gazetteer())
}

fn geocoded_text(csv: &str) -> Geocoded {
    let read = incident::read(csv.as_bytes(), "test.csv", &ReadOptions::default()).unwrap();
    geocode::geocode(read, gazetteer())
}

fn faceted(g: &Geocoded, facet: Facet, more: MapOptions) -> Map {
    let options = MapOptions {
        facet: Some(facet),
        ..more
    };
    render::render(g, &options).unwrap_or_else(|e| panic!("render failed: {e}"))
}

fn located(g: &Geocoded) -> usize {
    g.rows
        .iter()
        .filter(|r| r.outcome.location.is_some())
        .count()
}

#[test]
fn panels_share_the_projection_the_frame_and_one_scale_bar() {
    let g = geocoded(SAHEL);
    let map = faceted(&g, Facet::Year, MapOptions::default());
    let panels = &map.layout.panels;
    assert!(panels.len() > 1);
    let size = |r: Rect| (r.x1 - r.x0, r.y1 - r.y0);
    let first = size(panels[0].layout.frame);
    for p in panels {
        let here = size(p.layout.frame);
        assert!(
            (here.0 - first.0).abs() < 1e-9 && (here.1 - first.1).abs() < 1e-9,
            "panel {} is {here:?}, not {first:?}",
            p.name
        );
    }
    // A place sits at the same spot of every panel's frame: one extent.
    let lonlat: BTreeMap<u64, (i64, i64)> = g
        .rows
        .iter()
        .filter_map(|r| {
            let at = r.outcome.location?;
            let line = r.incident.as_ref()?.line;
            Some((line, ((at.lon * 1e4) as i64, (at.lat * 1e4) as i64)))
        })
        .collect();
    let mut spot: BTreeMap<(i64, i64), (f64, f64)> = BTreeMap::new();
    let mut compared = 0;
    for p in panels {
        let f = p.layout.frame;
        for m in &p.layout.markers {
            let at = (m.anchor.0 - f.x0, m.anchor.1 - f.y0);
            let seen = *spot.entry(lonlat[&m.line]).or_insert(at);
            if seen != at {
                assert!(
                    (seen.0 - at.0).abs() < 0.01 && (seen.1 - at.1).abs() < 0.01,
                    "line {} at {at:?} in {}, elsewhere at {seen:?}",
                    m.line,
                    p.name
                );
            }
            compared += 1;
        }
    }
    assert_eq!(compared, located(&g));
    // One scale bar for the figure, none in the panels.
    assert!(map.layout.scale_bar.is_some());
    assert_eq!(map.svg.matches("id=\"scalebar\"").count(), 1);
    assert!(panels.iter().all(|p| p.layout.scale_bar.is_none()));
    assert_eq!(map.svg.matches("id=\"legend\"").count(), 1);
    // ...and one credit line, with the GeoNames credit.
    assert_eq!(map.svg.matches("id=\"credits\"").count(), 1);
    assert!(map.svg.contains("GeoNames (CC BY 4.0)"));
}

#[test]
fn one_panel_per_year_empty_years_too_and_the_counts_add_up() {
    let g = geocoded(SAHEL);
    let map = faceted(&g, Facet::Year, MapOptions::default());
    let names: Vec<&str> = map.layout.panels.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["2017", "2018", "2019", "2020", "2021", "2022", "2023"]
    );
    let empty = &map.layout.panels[1];
    assert_eq!(empty.incidents, 0);
    assert_eq!(empty.title, "2018 — no incidents");
    assert!(empty.layout.markers.is_empty());
    let total: usize = map.layout.panels.iter().map(|p| p.incidents).sum();
    assert_eq!(total, located(&g));
    for p in &map.layout.panels {
        let drawn: usize = p.layout.markers.iter().map(|m| m.lines.len()).sum();
        assert_eq!(drawn, p.incidents, "{}", p.name);
        if p.incidents > 1 {
            assert_eq!(p.title, format!("{} — {} incidents", p.name, p.incidents));
        }
    }
    // Every marker of a panel is an incident of its year.
    let year: BTreeMap<u64, i32> = g
        .rows
        .iter()
        .filter_map(|r| {
            let i = r.incident.as_ref()?;
            Some((i.line, i.date?.year))
        })
        .collect();
    for p in &map.layout.panels {
        for m in &p.layout.markers {
            assert!(m.lines.iter().all(|l| year[l].to_string() == p.name));
        }
    }
}

#[test]
fn each_panel_is_a_named_layer_and_ids_stay_unique() {
    let g = geocoded(SAHEL);
    let map = faceted(&g, Facet::Year, MapOptions::default());
    for p in &map.layout.panels {
        let opening = format!(
            "<g id=\"{}\" inkscape:groupmode=\"layer\" inkscape:label=\"{}\"",
            p.id, p.title
        );
        assert!(map.svg.contains(&opening), "no layer {opening}");
        assert!(map.svg.contains(&format!(
            "<g id=\"{}-incidents\" inkscape:groupmode=\"layer\"",
            p.id
        )));
    }
    let mut ids: Vec<&str> = map
        .svg
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "an id is repeated");
}

#[test]
fn two_runs_give_the_same_bytes() {
    let g = geocoded(SAHEL);
    let options = || MapOptions {
        size_by: Some(SizeBy::Fatalities),
        ..MapOptions::default()
    };
    let a = faceted(&g, Facet::Year, options());
    let b = faceted(&g, Facet::Year, options());
    assert_eq!(a.svg, b.svg);
    let a = faceted(&g, Facet::Type, options());
    let b = faceted(&g, Facet::Type, options());
    assert_eq!(a.svg, b.svg);
}

#[test]
fn type_panels_follow_the_legend_and_group_the_rarest() {
    let g = geocoded(SAHEL);
    let map = faceted(
        &g,
        Facet::Type,
        MapOptions {
            max_types: 3,
            ..MapOptions::default()
        },
    );
    let names: Vec<&str> = map.layout.panels.iter().map(|p| p.name.as_str()).collect();
    let legend: Vec<&str> = map.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, legend);
    assert_eq!(names, ["Armed attack", "IED", "Other types"]);
    let counts: Vec<usize> = map.layout.panels.iter().map(|p| p.incidents).collect();
    assert_eq!(
        counts,
        map.types.iter().map(|t| t.count).collect::<Vec<_>>()
    );
    assert_eq!(counts.iter().sum::<usize>(), located(&g));
    // A panel's markers all have its type's shape and colour.
    for (rank, p) in map.layout.panels.iter().enumerate() {
        assert!(
            p.layout.markers.iter().all(|m| m.type_rank == rank),
            "{}",
            p.name
        );
    }
}

#[test]
fn sizes_mean_the_same_in_every_panel() {
    let g = geocoded(SAHEL);
    let map = faceted(
        &g,
        Facet::Year,
        MapOptions {
            size_by: Some(SizeBy::Fatalities),
            ..MapOptions::default()
        },
    );
    let fatalities: BTreeMap<u64, Option<u32>> = g
        .rows
        .iter()
        .filter_map(|r| r.incident.as_ref().map(|i| (i.line, i.fatalities)))
        .collect();
    // Single markers of the same number of fatalities have one radius,
    // whichever panel they are in.
    let mut radius: BTreeMap<Option<u32>, f64> = BTreeMap::new();
    let mut panels_per_value: BTreeMap<Option<u32>, usize> = BTreeMap::new();
    for p in &map.layout.panels {
        let mut here = std::collections::BTreeSet::new();
        for m in p.layout.markers.iter().filter(|m| m.lines.len() == 1) {
            let v = fatalities[&m.line];
            let r = *radius.entry(v).or_insert(m.radius);
            assert!((r - m.radius).abs() < 1e-9, "{v:?} in {}", p.name);
            here.insert(v);
        }
        for v in here {
            *panels_per_value.entry(v).or_default() += 1;
        }
    }
    assert!(panels_per_value.values().any(|&n| n > 1));
    assert!(map.svg.contains(">Fatalities<"));
}

#[test]
fn a_journal_column_keeps_panels_legible() {
    let g = geocoded(SAHEL);
    let width = render::parse_length("180mm").unwrap();
    let map = faceted(
        &g,
        Facet::Year,
        MapOptions {
            width,
            ..MapOptions::default()
        },
    );
    let mm = |px: f64| px * 25.4 / 96.0;
    for p in &map.layout.panels {
        let f = p.layout.frame;
        assert!(
            mm(f.x1 - f.x0) >= 45.0,
            "{} is {} mm wide",
            p.name,
            mm(f.x1 - f.x0)
        );
        assert!(f.x1 <= width);
    }
    // Labels in the panels are set at 7 pt or more.
    let sizes: Vec<f64> = map
        .svg
        .split("-place-labels\" font-size=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse::<f64>().unwrap())
        .collect();
    assert!(!sizes.is_empty());
    for size in sizes {
        assert!(size * 72.0 / 96.0 >= 6.99, "labels at {size} px");
    }
    assert_labels_clear(&map);
}

/// In every panel, no label overlaps another, a marker, or leaves the
/// panel's frame; some labels are drawn.
fn assert_labels_clear(map: &Map) {
    let mut drawn = 0;
    for p in &map.layout.panels {
        let l = &p.layout;
        for (i, a) in l.labels.iter().enumerate() {
            assert!(l.frame.contains(&a.bbox), "{} leaves {}", a.text, p.name);
            for b in &l.labels[i + 1..] {
                assert!(
                    !a.bbox.intersects(&b.bbox),
                    "{} and {} overlap in {}",
                    a.text,
                    b.text,
                    p.name
                );
            }
            for m in &l.markers {
                assert!(
                    !m.bbox().intersects(&a.bbox),
                    "{} covers a marker in {}",
                    a.text,
                    p.name
                );
            }
            drawn += 1;
        }
    }
    assert!(drawn > 0);
}

#[test]
fn panel_labels_never_overlap() {
    let g = geocoded(SAHEL);
    for facet in [Facet::Year, Facet::Type] {
        let map = faceted(
            &g,
            facet,
            MapOptions {
                size_by: Some(SizeBy::Fatalities),
                ..MapOptions::default()
            },
        );
        assert_labels_clear(&map);
    }
}

#[test]
fn without_dates_the_map_is_one_map_and_says_so() {
    let g = geocoded_text("place,type\nKabul,Bombing\nHerat,Bombing\n");
    let map = faceted(&g, Facet::Year, MapOptions::default());
    assert!(map.layout.panels.is_empty());
    assert!(
        map.notes.iter().any(|n| n.contains("no row has a date")),
        "{:?}",
        map.notes
    );
}

#[test]
fn rows_without_a_date_are_counted_not_lost() {
    let g = geocoded_text(
        "date,place,type\n2021-03-01,Kabul,Bombing\n,Herat,Bombing\n2023-05-01,Kandahar,Bombing\n",
    );
    let map = faceted(&g, Facet::Year, MapOptions::default());
    let names: Vec<&str> = map.layout.panels.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["2021", "2022", "2023"]);
    let note = "1 located row without a date is in no panel";
    assert!(map.notes.iter().any(|n| n == note), "{:?}", map.notes);
    assert!(map.svg.contains(note), "the figure says it too");
}

#[test]
fn a_bad_facet_names_the_accepted_values() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/incidents.csv");
    let dir = tempfile::tempdir().unwrap();
    let out = incimap(&[
        "map".as_ref(),
        example.as_os_str(),
        "--facet".as_ref(),
        "colour".as_ref(),
        "-o".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains("`colour`") && e.contains("year") && e.contains("type"),
        "{e}"
    );
}

#[test]
fn the_project_file_takes_a_facet() {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAHEL);
    std::fs::copy(example, dir.path().join("sahel.csv")).unwrap();
    std::fs::write(
        dir.path().join("incimap.toml"),
        "input = \"sahel.csv\"\nfacet = \"type\"\nformat = [\"svg\", \"png\"]\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_incimap"))
        .arg("map")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.path().join("output/map.svg")).unwrap();
    assert!(svg.contains("inkscape:label=\"Armed attack — 22 incidents\""));
    assert!(dir.path().join("output/map.png").is_file());
}

#[test]
fn the_manual_documents_the_flag() {
    let out = incimap(&["map", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--facet <BY>") && help.contains("a map per year"),
        "{help}"
    );
}
