//! The map project file (`incimap.toml`), `init`, `--watch` and the habits
//! of the command line (-q, completions, man page, closed pipes).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/incidents.csv")
}

/// Runs the binary in `dir`.
fn incimap_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incimap"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A folder with the example sheet copied in as `sheet.csv`.
fn folder_with_sheet() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example(), dir.path().join("sheet.csv")).unwrap();
    dir
}

#[test]
fn a_project_file_makes_the_same_map_as_the_command_line() {
    let dir = folder_with_sheet();
    let cli = incimap_in(
        dir.path(),
        &[
            "map",
            "sheet.csv",
            "-o",
            "by-hand",
            "--title",
            "Attacks",
            "--size-by",
            "fatalities",
            "--timeline",
            "--width",
            "180mm",
        ],
    );
    assert!(cli.status.success(), "{}", stderr(&cli));
    std::fs::write(
        dir.path().join("incimap.toml"),
        "input = \"sheet.csv\"\noutput = \"by-project\"\ntitle = \"Attacks\"\n\
         size-by = \"fatalities\"\ntimeline = true\nwidth = \"180mm\"\n",
    )
    .unwrap();
    let project = incimap_in(dir.path(), &["map"]);
    assert!(project.status.success(), "{}", stderr(&project));
    for file in ["map.svg", "incidents.geojson", "geocode-report.csv"] {
        assert_eq!(
            read(dir.path().join("by-hand").join(file)),
            read(dir.path().join("by-project").join(file)),
            "{file} differs"
        );
    }
}

#[test]
fn the_command_line_wins_over_the_project_file() {
    let dir = folder_with_sheet();
    std::fs::write(
        dir.path().join("incimap.toml"),
        "input = \"sheet.csv\"\ntitle = \"From the file\"\nformat = [\"svg\", \"png\"]\n",
    )
    .unwrap();
    let out = incimap_in(
        dir.path(),
        &[
            "map",
            "incimap.toml",
            "--title",
            "From the command line",
            "--format",
            "svg",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = String::from_utf8(read(dir.path().join("output/map.svg"))).unwrap();
    assert!(svg.contains("From the command line"));
    assert!(!svg.contains("From the file"));
    assert!(
        !dir.path().join("output/map.png").exists(),
        "--format on the command line replaces the file's list"
    );
}

#[test]
fn an_unknown_key_is_an_error_that_names_it() {
    let dir = folder_with_sheet();
    std::fs::write(
        dir.path().join("incimap.toml"),
        "input = \"sheet.csv\"\ntitel = \"x\"\n",
    )
    .unwrap();
    let out = incimap_in(dir.path(), &["map"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("incimap.toml") && err.contains("`titel`"),
        "{err}"
    );
    assert!(err.contains("did you mean `title`"), "{err}");
    assert!(!dir.path().join("output").exists());
}

#[test]
fn a_bad_value_in_the_project_file_names_the_file_and_the_option() {
    let dir = folder_with_sheet();
    std::fs::write(
        dir.path().join("incimap.toml"),
        "input = \"sheet.csv\"\nwidth = \"wide\"\n",
    )
    .unwrap();
    let out = incimap_in(dir.path(), &["map"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("incimap.toml") && err.contains("--width"),
        "{err}"
    );
}

#[test]
fn init_then_map_reproduces_the_map_of_the_input() {
    let dir = folder_with_sheet();
    let init = incimap_in(dir.path(), &["init", "sheet.csv"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let text = std::fs::read_to_string(dir.path().join("incimap.toml")).unwrap();
    assert!(text.contains("input = \"sheet.csv\""), "{text}");
    assert!(
        text.contains("# title"),
        "the other options are listed: {text}"
    );
    let again = incimap_in(dir.path(), &["init", "sheet.csv"]);
    assert_eq!(again.status.code(), Some(1), "an existing file is kept");

    let project = incimap_in(dir.path(), &["map"]);
    assert!(project.status.success(), "{}", stderr(&project));
    let direct = incimap_in(dir.path(), &["map", "sheet.csv", "-o", "direct"]);
    assert!(direct.status.success(), "{}", stderr(&direct));
    for file in ["map.svg", "incidents.geojson"] {
        assert_eq!(
            read(dir.path().join("output").join(file)),
            read(dir.path().join("direct").join(file)),
            "{file} differs"
        );
    }
}

#[test]
fn watch_runs_again_after_the_input_changes() {
    let dir = folder_with_sheet();
    let mut child = Command::new(env!("CARGO_BIN_EXE_incimap"))
        .current_dir(dir.path())
        .args(["map", "sheet.csv", "--watch", "--watch-runs", "2"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let geojson = dir.path().join("output/incidents.geojson");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !geojson.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(geojson.exists(), "the first run wrote its outputs");
    let first = read(geojson.clone());
    // Give the watcher a moment to be listening, then drop the last row.
    std::thread::sleep(Duration::from_millis(500));
    let sheet = std::fs::read_to_string(dir.path().join("sheet.csv")).unwrap();
    let shorter: Vec<&str> = sheet.lines().collect();
    std::fs::write(
        dir.path().join("sheet.csv"),
        shorter[..shorter.len() - 1].join("\n") + "\n",
    )
    .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("watch did not run again within a minute");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("run 1") && err.contains("run 2"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.contains("run ")).count(),
        2,
        "{err}"
    );
    assert!(first != read(geojson), "the second run used the new sheet");
}

#[test]
fn quiet_says_nothing_on_success_and_map_refuses_a_dash_folder() {
    let dir = folder_with_sheet();
    let out = incimap_in(dir.path(), &["-q", "map", "sheet.csv"]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
    let out = incimap_in(dir.path(), &["map", "sheet.csv", "-o", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("export -o -"), "{}", stderr(&out));
    assert!(!dir.path().join("-").exists());
}

#[test]
fn completions_and_the_manual_page_are_printed() {
    let dir = tempfile::tempdir().unwrap();
    let bash = incimap_in(dir.path(), &["completions", "bash"]);
    assert!(bash.status.success());
    let script = String::from_utf8_lossy(&bash.stdout);
    assert!(script.contains("incimap") && script.contains("--size-by"));
    let man = incimap_in(dir.path(), &["man"]);
    assert!(man.status.success());
    assert!(String::from_utf8_lossy(&man.stdout).starts_with(".ie"));
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    // `incimap gazetteer search Springfield | head -1`: the pipe closes
    // after one line; no "Broken pipe" error, exit 0.
    let mut child = Command::new(env!("CARGO_BIN_EXE_incimap"))
        .args(["gazetteer", "search", "Springfield"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Broken pipe"), "{}", stderr(&out));
}
