//! Hostile inputs and set-ups (issue 15): each case is made here, small,
//! and its work is bounded by a cap or a linear algorithm, not timed.

use std::path::{Path, PathBuf};
use std::process::Command;

use incimap::geocode::{self, Geocoder, Status};
use incimap::incident::{self, ReadOptions};
use incimap::render::{self, MapOptions, Style};

mod io_support;
use io_support::{gazetteer, incimap, stderr};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn style(text: &str) -> Result<Style, render::style::StyleError> {
    Style::from_toml(text, "style.toml", Path::new("."))
}

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

// Item 4: style values that would explode the work.

#[test]
fn a_graticule_step_too_fine_to_draw_is_refused_by_the_validator() {
    for step in ["0.01", "0.0001", "1e-9", "-1", "91"] {
        let e = style(&format!("[sizes]\ngraticule_step = {step}\n")).unwrap_err();
        assert!(
            e.to_string().contains("sizes.graticule_step"),
            "{step}: {e}"
        );
    }
    for step in ["0", "0.1", "0.5", "90"] {
        style(&format!("[sizes]\ngraticule_step = {step}\n")).unwrap();
    }
}

#[test]
fn a_fine_graticule_set_from_rust_is_widened_to_a_few_hundred_lines() {
    let mut style = Style::default();
    style.sizes.graticule_step = 1e-6;
    let csv = "place,latitude,longitude\nA,10,-170\nB,-40,170\nC,60,0\n";
    let read = incident::read(csv.as_bytes(), "t.csv", &ReadOptions::default()).unwrap();
    let g = geocode::geocode(read, gazetteer());
    let map = render::render(
        &g,
        &MapOptions {
            style,
            ..MapOptions::default()
        },
    )
    .unwrap();
    let start = map.svg.find("<path id=\"graticule-").unwrap();
    let end = start + map.svg[start..].find("/>").unwrap();
    let lines = map.svg[start..end].matches('M').count();
    assert!(lines <= 4 * 360, "{lines} graticule lines");
    assert!(
        map.notes.iter().any(|n| n.contains("graticule")),
        "{:?}",
        map.notes
    );
}

// Item 5: font files are capped and must be regular files.

#[cfg(unix)]
#[test]
fn dev_zero_as_a_font_fails_at_once() {
    let e = style("[fonts]\nregular = \"/dev/zero\"\n").unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");
}

#[test]
fn a_font_file_over_the_cap_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ttf");
    // Sparse: no disk space is used and nothing is read.
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(render::style::MAX_FONT_BYTES + 1).unwrap();
    let e = Style::from_toml("[fonts]\nregular = \"big.ttf\"\n", "s.toml", dir.path()).unwrap_err();
    assert!(e.to_string().contains("larger than"), "{e}");
}

// Item 3: characters XML cannot carry never reach the SVG.

#[test]
fn noncharacters_and_nul_never_reach_the_svg() {
    let csv = "date,place,type,description,latitude,longitude\n\
               2024-01-01,\"Os\u{FFFE}h\",\"Ars\u{FFFF}on\u{0}\",\"d\u{FFFE}\",40.5,72.8\n\
               2024-01-02,Kulob\u{FDD0},Attack\u{10FFFF},x,37.9,69.8\n";
    let read = incident::read(csv.as_bytes(), "t.csv", &ReadOptions::default()).unwrap();
    let g = geocode::geocode(read, gazetteer());
    let style =
        style("[fonts]\nfamily = \"DejaVu\\u0000 Sans\\uFFFE\"\n").expect("a family is free text");
    let options = MapOptions {
        title: Some("T\u{FFFE}itle\u{0}".into()),
        subtitle: Some("S\u{FFFF}".into()),
        source: Some("So\u{FFFE}urce".into()),
        timeline: true,
        style,
        ..MapOptions::default()
    };
    let map = render::render(&g, &options).unwrap();
    for c in ['\u{FFFE}', '\u{FFFF}', '\u{0}', '\u{FDD0}', '\u{10FFFF}'] {
        assert!(!map.svg.contains(c), "{c:?} in the SVG");
    }
    let mut reader = quick_xml::Reader::from_str(&map.svg);
    while reader.read_event().expect("well-formed") != quick_xml::events::Event::Eof {}
    render::formats::png(&map.svg, 24.0, &options.style.typeface).unwrap();
}

// Items 3 and 7: a map that cannot be made leaves this run's data, and no
// map of an earlier run beside it; outputs are committed together.

#[test]
fn a_failed_png_keeps_the_geojson_and_no_old_map() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "a.csv", "place\nOsh\n");
    let second = write(dir.path(), "b.csv", "place\nKulob\n");
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();
    let good = incimap(&[
        "map",
        first.to_str().unwrap(),
        "-o",
        o,
        "--format",
        "svg,png",
    ]);
    assert!(good.status.success(), "{}", stderr(&good));
    let bad = incimap(&[
        "map",
        second.to_str().unwrap(),
        "-o",
        o,
        "--format",
        "svg,png",
        "--width",
        "20000",
        "--dpi",
        "2400",
    ]);
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    let message = stderr(&bad);
    assert!(message.contains("wrote the GeoJSON"), "{message}");
    assert_eq!(names_in(&out), ["geocode-report.csv", "incidents.geojson"]);
    let geojson = std::fs::read_to_string(out.join("incidents.geojson")).unwrap();
    assert!(geojson.contains("Kulob"), "{geojson}");
}

/// The files of a folder and their bytes, but for `skip`.
fn snapshot(dir: &Path, skip: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    names_in(dir)
        .into_iter()
        .filter(|n| n != skip)
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

/// `incimap map INPUT -o OUT --format svg,png`, with `halt` as the test-only
/// hook that aborts the run at one step of publishing.
fn map_run(input: &Path, out: &Path, halt: Option<&str>) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_incimap"));
    command.args(["map", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    command.args(["--format", "svg,png"]);
    if let Some(step) = halt {
        command.env("INCIMAP_TEST_HALT", step);
    }
    command.output().unwrap()
}

// Item 7: a run killed while its outputs become visible leaves the folder
// wholly the previous run's or wholly the new one, and the user's own files.

#[cfg(target_os = "linux")]
#[test]
fn a_run_killed_while_publishing_leaves_one_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.csv", "place,type\nOsh,Attack\n");
    let new = write(
        dir.path(),
        "new.csv",
        "place,type\nKulob,Arson\nOsh,Attack\n",
    );
    // Each run alone, for comparison.
    let (alone_old, alone_new) = (dir.path().join("alone-old"), dir.path().join("alone-new"));
    assert!(map_run(&old, &alone_old, None).status.success());
    assert!(map_run(&new, &alone_new, None).status.success());
    let (old_files, new_files) = (snapshot(&alone_old, ""), snapshot(&alone_new, ""));
    assert_ne!(old_files, new_files);
    assert_eq!(old_files.len(), 6, "{:?}", old_files.keys());
    for (step, expected) in [("before-swap", &old_files), ("swapped", &new_files)] {
        let out = dir.path().join(format!("out-{step}"));
        assert!(map_run(&old, &out, None).status.success());
        write(&out, "notes.txt", "mine");
        let killed = map_run(&new, &out, Some(step));
        assert!(
            !killed.status.success(),
            "the hook did not stop the run at {step}"
        );
        assert!(
            &snapshot(&out, "notes.txt") == expected,
            "killed at {step}: the folder is not one run: {:?}",
            names_in(&out)
        );
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).unwrap(),
            "mine"
        );
        // The next run settles what the killed one left beside the folder.
        let next = map_run(&new, &out, None);
        assert!(next.status.success(), "{}", stderr(&next));
        assert_eq!(snapshot(&out, "notes.txt"), new_files);
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).unwrap(),
            "mine"
        );
        let leftovers: Vec<String> = names_in(dir.path())
            .into_iter()
            .filter(|n| n.contains(".incimap-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_cannot_be_swapped_says_its_files_came_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.csv", "place\nOsh\n");
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("drafts")).unwrap();
    write(&out.join("drafts"), "draft.txt", "mine");
    let run = map_run(&input, &out, None);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("one by one") && stderr(&run).contains("holds a folder (drafts)"),
        "{}",
        stderr(&run)
    );
    assert!(out.join("map.svg").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("drafts/draft.txt")).unwrap(),
        "mine"
    );
}

// Item 2: blowups in the number or length of things.

#[test]
fn ten_thousand_repeated_header_names_become_unique_properties() {
    let header = format!("place,{}", vec!["x"; 10_000].join(","));
    let csv = format!("{header}\nOsh{}\n", ",".repeat(10_000));
    let read = incident::read(csv.as_bytes(), "t.csv", &ReadOptions::default()).unwrap();
    let names = incimap::export::property_names(&read.schema);
    assert_eq!(names[1], "x");
    assert_eq!(names[10_000], "x_10000");
    let unique: std::collections::HashSet<String> =
        names.iter().map(|n| n.to_ascii_lowercase()).collect();
    assert_eq!(unique.len(), names.len());
}

#[test]
fn suffixes_skip_names_already_taken() {
    let csv = "place,x,x_2,X,x\nOsh,1,2,3,4\n";
    let read = incident::read(csv.as_bytes(), "t.csv", &ReadOptions::default()).unwrap();
    let names = incimap::export::property_names(&read.schema);
    assert_eq!(names, ["place", "x", "x_2", "X_3", "x_4"]);
}

#[test]
fn a_place_cell_of_twenty_kilobytes_is_reported_not_looked_up() {
    let geocoder = Geocoder::new(gazetteer());
    for place in [vec!["Osh"; 5000].join(", "), vec!["Osh"; 5000].join(" ")] {
        let outcome = geocoder.resolve(&place, "", "");
        assert_eq!(outcome.status, Status::Unresolved);
        assert!(outcome.reason.contains("too long"), "{}", outcome.reason);
    }
    let long_hint = "x".repeat(geocode::MAX_NAME_CHARS + 1);
    let outcome = geocoder.resolve("Osh", &long_hint, "");
    assert!(outcome.reason.contains("country"), "{}", outcome.reason);
    // A name at the cap is still looked up.
    let at_cap = format!("Osh{}", " ".repeat(geocode::MAX_NAME_CHARS - 3));
    assert!(geocoder.resolve(&at_cap, "", "").status.is_located());
}

#[test]
fn a_user_place_with_many_alternates_keeps_each_once() {
    let alternates: Vec<String> = (0..50_000).map(|i| format!("Alt{}", i % 25_000)).collect();
    let kept = incimap::gazetteer::clean_alternates(alternates.iter().map(String::as_str), "Foo");
    let kept: Vec<&str> = kept.split('|').collect();
    assert_eq!(kept.len(), 25_000);
    assert_eq!(kept[0], "Alt0");
    assert_eq!(kept[24_999], "Alt24999");
}

#[test]
fn a_negative_population_in_a_user_gazetteer_is_an_error() {
    let text = "name,country,latitude,longitude,population\nFoo,TJ,38.5,68.7,-5\n";
    let e = incimap::gazetteer::parse_user_file(text).unwrap_err();
    assert!(e.contains("line 2") && e.contains("population"), "{e}");
}

#[test]
fn extract_refuses_an_article_over_its_size_cap() {
    let text = "a".repeat(incimap::extract::MAX_ARTICLE_BYTES as usize + 1);
    let e = incimap::extract::read_article(text.as_bytes(), "big.txt").unwrap_err();
    assert!(e.contains("big.txt") && e.contains("MB"), "{e}");
    // Reading stops at the cap, whatever the input's length.
    let endless = std::io::repeat(b'a');
    assert!(incimap::extract::read_article(endless, "zero").is_err());
}

#[test]
fn extract_reads_utf16_with_a_byte_order_mark() {
    let text = "On 8 October a bomb exploded in Osh.";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(
        incimap::extract::read_article(&bytes[..], "a.txt").unwrap(),
        text
    );
}

// Item 1: an unclosed quote is told, with its lines.

#[test]
fn an_unclosed_quote_that_swallows_rows_is_reported_and_fails_strict() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "q.csv",
        "date,place,type,description\n\
         2024-01-01,Osh,Attack,fine\n\
         2024-01-02,Khujand,Arson,\"never closed,\n\
         2024-01-03,Kulob,Attack,lost\n\
         2024-01-04,Osh,Attack,\"ok\"\n",
    );
    let out = dir.path().join("o.geojson");
    let run = |strict: bool| {
        let mut args = vec![
            "export",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        if strict {
            args.push("--strict");
        }
        incimap(&args)
    };
    let lax = run(false);
    let message = stderr(&lax);
    assert!(lax.status.success(), "{message}");
    assert!(
        message.contains("q.csv, line 3: the quoted field `description` runs on to line 4"),
        "{message}"
    );
    assert_eq!(run(true).status.code(), Some(1));
}

#[test]
fn a_quote_open_at_the_end_of_the_file_is_reported() {
    let csv = "date,place,description\n2024-01-01,Osh,fine\n2024-01-02,Kulob,\"never closed\nand more text\n";
    let read = incident::read(csv.as_bytes(), "e.csv", &ReadOptions::default()).unwrap();
    assert!(
        read.warnings
            .iter()
            .any(|w| w.contains("e.csv, line 3") && w.contains("still open at the end")),
        "{:?}",
        read.warnings
    );
    // Line breaks inside a closed quote are no warning.
    let csv = "date,place,description\n2024-01-01,Osh,\"two\nlines\"\n2024-01-02,Kulob,x\n";
    let read = incident::read(csv.as_bytes(), "ok.csv", &ReadOptions::default()).unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
}

// Item 6: inputs that are not regular files are read once.

#[cfg(unix)]
#[test]
fn a_named_pipe_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, "place\nOsh\nKulob\n").unwrap())
    };
    let out = dir.path().join("out.geojson");
    let run = incimap(&[
        "export",
        fifo.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    writer.join().unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let geojson = std::fs::read_to_string(&out).unwrap();
    assert!(geojson.contains("Kulob"));
    assert_eq!(names_in(dir.path()), ["in.csv", "out.geojson"]);
}

#[test]
fn a_font_family_cannot_carry_markup() {
    let e = style("[fonts]\nfamily = 'Sans\" onload=\"x'\n").unwrap_err();
    assert!(e.to_string().contains("fonts.family"), "{e}");
}

// Item 8: the smaller ones.

#[test]
fn report_cells_that_look_like_formulas_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "f.csv",
        "place,type,latitude,longitude\n\
         \"=HYPERLINK(\"\"http://x\"\")\",Attack,,\n\
         +cmd,Attack,,\n\
         @SUM(A1),Attack,,\n\
         -12.5,Attack,,\n\
         Osh,Attack,-10.5,-20.25\n",
    );
    let out = dir.path().join("out");
    let run = incimap(&["map", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let report = std::fs::read_to_string(out.join("geocode-report.csv")).unwrap();
    for cell in ["'=HYPERLINK", "'+cmd", "'@SUM(A1)"] {
        assert!(report.contains(cell), "{cell} not neutralised:\n{report}");
    }
    assert!(!report.contains(",=") && !report.contains(",+c") && !report.contains(",@"));
    // A place that is a plain number runs nothing and keeps its text.
    assert!(
        report.contains("5,-12.5,") && !report.contains("'-12.5"),
        "{report}"
    );
    // Negative coordinates stay numbers.
    assert!(report.contains("-10.5,-20.25"), "{report}");
    // The GeoJSON keeps the text as it was.
    let geojson = std::fs::read_to_string(out.join("incidents.geojson")).unwrap();
    assert!(!geojson.contains("'="), "{geojson}");
}

#[test]
fn the_geocoded_csv_neutralises_formulas_unless_raw() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "f.csv",
        "place,type,latitude,longitude,score,note\n\
         \"=HYPERLINK(\"\"http://x\"\")\",-cmd,40.5,72.8,-12.5,-1+2\n\
         @SUM(A1),\"\tx\",-10.5,-20.25,+3,-4%\n",
    );
    let geocode = |extra: &[&str], name: &str| {
        let (out, report) = (
            dir.path().join(name),
            dir.path().join(format!("report-{name}")),
        );
        let mut args = vec![
            "geocode",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ];
        args.extend(extra);
        let run = incimap(&args);
        assert!(run.status.success(), "{}", stderr(&run));
        let read = |p: &Path| std::fs::read_to_string(p).unwrap();
        (read(&out), read(&report))
    };
    let (csv, report) = geocode(&[], "safe.csv");
    for cell in ["\"'=HYPERLINK", ",'-cmd,", "'@SUM(A1)", ",'\tx,", ",'-1+2,"] {
        assert!(csv.contains(cell), "{cell:?} not neutralised:\n{csv}");
    }
    // Numbers, negative or signed, stay numbers.
    for cell in [",40.5,72.8,-12.5,", ",-10.5,-20.25,+3,-4%,", "-10.5,-20.25"] {
        assert!(csv.contains(cell), "{cell:?} changed:\n{csv}");
    }
    assert!(report.contains("'@SUM(A1)"), "{report}");
    let (csv, report) = geocode(&["--raw"], "raw.csv");
    assert!(
        csv.contains("\"=HYPERLINK") && csv.contains(",-cmd,"),
        "{csv}"
    );
    assert!(!csv.contains('\''), "{csv}");
    assert!(
        report.contains("\n@SUM(A1)") || report.contains(",@SUM(A1)"),
        "{report}"
    );
}

#[test]
fn export_to_a_closed_standard_output_fails() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.csv", "place\nOsh\n");
    let run = Command::new("sh")
        .arg("-c")
        .arg(format!("exec \"$0\" export '{}' -o - >&-", input.display()))
        .arg(env!("CARGO_BIN_EXE_incimap"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("standard output is closed"));
    // Standard output on /dev/null is a choice, not an error.
    let null = Command::new(env!("CARGO_BIN_EXE_incimap"))
        .args(["export", input.to_str().unwrap(), "-o", "-"])
        .stdout(std::fs::File::create("/dev/null").unwrap())
        .output()
        .unwrap();
    assert!(null.status.success(), "{}", stderr(&null));
}

#[cfg(target_os = "linux")]
#[test]
fn standard_output_on_a_full_disk_fails() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.csv", "place\nOsh\n");
    for mut args in [
        vec!["export", input.to_str().unwrap(), "-o", "-"],
        vec!["geocode", input.to_str().unwrap(), "-o", "-"],
    ] {
        let report = dir.path().join("r.csv");
        if args[0] == "geocode" {
            args.extend(["--report", report.to_str().unwrap()]);
        }
        let run = Command::new(env!("CARGO_BIN_EXE_incimap"))
            .args(&args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "{args:?}: {}", stderr(&run));
        assert!(stderr(&run).contains("No space left"), "{}", stderr(&run));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_folder_that_is_a_symbolic_link_has_its_folder_swapped() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "a.csv", "place\nOsh\n");
    std::fs::create_dir(dir.path().join("real")).unwrap();
    write(&dir.path().join("real"), "notes.txt", "mine");
    let link = dir.path().join("link");
    std::os::unix::fs::symlink("real", &link).unwrap();
    let run = map_run(&input, &link, None);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains("one by one"), "{}", stderr(&run));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(link.join("map.svg").is_file());
    assert_eq!(
        std::fs::read_to_string(link.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(names_in(dir.path()), ["a.csv", "link", "real"]);
}

#[test]
fn a_hidden_character_in_a_value_is_shown_and_big_counts_are_named() {
    let csv = "date,place,fatalities\n\u{FEFF}2024-01-05,Osh,1\n2024-01-06,Osh,4294967296\n";
    let read = incident::read(csv.as_bytes(), "b.csv", &ReadOptions::default()).unwrap();
    let messages: Vec<String> = read.errors.iter().map(|e| e.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`<U+FEFF>2024-01-05` is not a date")),
        "{messages:?}"
    );
    // A count too large to read is a bad cell: the row stays, the cell is
    // null, and the warning names it.
    assert!(
        read.warnings
            .iter()
            .any(|m| m.contains("4294967296") && m.contains("larger than")),
        "{:?}",
        read.warnings
    );
    assert!(
        read.rows
            .iter()
            .any(|r| r.line == 3 && r.fatalities.is_none())
    );
}

#[test]
fn a_negative_width_is_refused_as_a_width() {
    let run = incimap(&["map", "x.csv", "--width", "-100"]);
    assert_eq!(run.status.code(), Some(2));
    let message = stderr(&run);
    assert!(message.contains("-100 px"), "{message}");
    assert!(!message.contains("unexpected argument"), "{message}");
}

#[test]
fn a_projection_that_collapses_the_map_is_refused() {
    use render::projection::Projection;
    for k in ["1e-300", "1e300"] {
        let Err(e) = Projection::from_definition(&format!("+proj=tmerc +k={k}")) else {
            panic!("k={k} accepted");
        };
        assert!(e.contains("not a scale"), "{e}");
    }
    assert!(Projection::from_definition("+proj=tmerc +k=0.9996").is_ok());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]

    /// What the `svg_xml` fuzz target checks, on every `cargo test`: any
    /// text in a row and the title gives an SVG that is XML 1.0 and parses.
    #[test]
    fn any_text_gives_an_svg_that_parses(
        place in "\\PC{0,12}|[\u{0}-\u{1f}\u{fdd0}\u{fffe}\u{ffff}<&\"]{1,6}",
        kind in proptest::prelude::any::<String>(),
        title in proptest::prelude::any::<String>(),
    ) {
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let csv = format!(
            "place,type,latitude,longitude\n{},{},40.5,72.8\n",
            quote(&place),
            quote(&kind)
        );
        if let Ok(read) = incident::read(csv.as_bytes(), "p.csv", &ReadOptions::default()) {
            let g = geocode::geocode(read, gazetteer());
            let options = MapOptions { title: Some(title), ..MapOptions::default() };
            let map = render::render(&g, &options).unwrap();
            proptest::prop_assert!(!map.svg.chars().any(incimap::text::is_dropped));
            render::formats::png(&map.svg, 24.0, &options.style.typeface).unwrap();
        }
    }
}

#[cfg(unix)]
#[test]
fn a_device_as_input_fails_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o.geojson");
    let run = incimap(&["export", "/dev/zero", "-o", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("a device"), "{}", stderr(&run));
}

#[test]
fn nul_bytes_removed_from_place_and_type_are_counted() {
    let csv = "place,type\nOs\u{0}h,Arson\u{0}\u{1}\nKulob,x\n";
    let read = incident::read(csv.as_bytes(), "n.csv", &ReadOptions::default()).unwrap();
    assert_eq!(read.rows[0].place, "Osh");
    assert!(
        read.warnings
            .iter()
            .any(|w| w.contains("n.csv: 3 control characters") && w.contains("line 2")),
        "{:?}",
        read.warnings
    );
}

#[test]
fn a_header_of_thousands_of_columns_without_a_place_is_quoted_in_part() {
    let dir = tempfile::tempdir().unwrap();
    let header = vec!["x"; 10_000].join(",");
    let input = write(dir.path(), "wide.csv", &format!("{header}\n{header}\n"));
    let out = incimap(&[
        "map".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        dir.path().join("out").as_os_str(),
    ]);
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(message.contains("no `place` column"), "{message}");
    assert!(message.contains("more columns"), "{message}");
    assert!(message.len() < 1000, "{} bytes of message", message.len());
}
