//! How fast `incimap extract` drafts rows: MB of text per second.
//!
//! ```text
//! cargo bench --bench extract                 # the test articles, repeated to 4 MB
//! cargo bench --bench extract -- FILE...      # your own texts, each on its own
//! ```
//!
//! Without files, the articles of `tests/data/articles` are joined and
//! repeated to 4 MB, once as written and once in upper case (as wire copy
//! comes). Each text is drafted three times; the fastest run counts.

use std::path::Path;
use std::process::ExitCode;

#[path = "support.rs"]
mod support;
use std::time::Instant;

use incimap::extract::{self, Options};
use incimap::gazetteer::Gazetteer;

// The allocator of the `incimap` binary, so the figures are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The size the test articles are repeated to.
const SYNTHETIC_BYTES: usize = 4 << 20;

fn test_articles() -> Result<String, String> {
    let mut joined = String::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/articles")];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt" | "md")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    for f in files {
        joined.push_str(&std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?);
        joined.push_str("\n\n");
    }
    let mut text = String::with_capacity(SYNTHETIC_BYTES + joined.len());
    while text.len() + joined.len() <= SYNTHETIC_BYTES {
        text.push_str(&joined);
    }
    Ok(text)
}

fn measure(name: &str, text: &str, gazetteer: &Gazetteer) {
    let options = Options {
        source: name.to_string(),
        ..Options::default()
    };
    let mut best = f64::INFINITY;
    let mut rows = 0;
    for _ in 0..3 {
        let started = Instant::now();
        rows = extract::extract(text, gazetteer, &options).rows.len();
        best = best.min(started.elapsed().as_secs_f64());
    }
    let mb = text.len() as f64 / (1 << 20) as f64;
    println!(
        "| {name} | {mb:.2} | {rows} | {best:.2} | {:.2} |",
        mb / best
    );
}

fn run() -> Result<(), String> {
    let files = support::args();
    let gazetteer = Gazetteer::embedded();
    println!("| text | MB | rows | seconds | MB/s |");
    println!("|---|---|---|---|---|");
    if files.is_empty() {
        let text = test_articles()?;
        measure("test articles", &text, &gazetteer);
        measure(
            "test articles, upper case",
            &text.to_uppercase(),
            &gazetteer,
        );
    }
    for f in &files {
        let file = std::fs::File::open(f).map_err(|e| format!("{f}: {e}"))?;
        let text = extract::read_article(file, f)?;
        measure(f, &text, &gazetteer);
    }
    Ok(())
}

fn main() -> ExitCode {
    support::exit(run())
}
