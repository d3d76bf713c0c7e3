//! `incimap map --watch`: run again whenever the input, the project file,
//! the style or a gazetteer file changes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher};

use super::Failure;

/// Changes closer together than this make one run.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// One run's outcome, said in one line.
pub struct Ran {
    /// `located 40 of 43 rows; wrote …`.
    pub line: String,
}

/// Runs `once`, then again after each change to a file `watched` names,
/// printing one line per run, until interrupted (or after `limit` runs).
/// A failed run is reported and the outputs of the last good run stay.
pub fn run(
    watched: impl Fn() -> Vec<PathBuf>,
    once: impl Fn() -> Result<Ran, Failure>,
    limit: Option<usize>,
) -> Result<ExitCode, Failure> {
    let (events, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(events)
        .map_err(|e| Failure::Message(format!("cannot watch files: {e}")))?;
    let mut folders: HashSet<PathBuf> = HashSet::new();
    for run in 1.. {
        // Editors replace files by renaming, so the folders are watched and
        // events filtered to the files of the job (which may change with
        // the project file).
        let files: HashSet<PathBuf> = watched().iter().map(|f| absolute(f)).collect();
        for folder in files.iter().filter_map(|f| f.parent()) {
            if folders.insert(folder.to_path_buf()) {
                watcher
                    .watch(folder, RecursiveMode::NonRecursive)
                    .map_err(|e| format!("cannot watch {}: {e}", folder.display()))?;
            }
        }
        let started = Instant::now();
        let line = match once() {
            Ok(ran) => ran.line,
            Err(Failure::Message(m) | Failure::Usage(m)) => {
                format!("failed: {m}; the last good outputs are kept")
            }
            Err(Failure::ClosedPipe) => return Ok(ExitCode::SUCCESS),
        };
        eprintln!(
            "incimap: run {run} at {} UTC ({:.1} s): {line}",
            clock(),
            started.elapsed().as_secs_f64()
        );
        if limit.is_some_and(|n| run >= n) {
            break;
        }
        // Wait for a change to one of the job's files (reading them, as
        // the run just did, is not a change), then let a burst of saves settle.
        let changed = |event: &notify::Result<notify::Event>| {
            event.as_ref().is_ok_and(|e| {
                matches!(
                    e.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                ) && e.paths.iter().any(|p| files.contains(&absolute(p)))
            })
        };
        loop {
            let event = changes
                .recv()
                .map_err(|_| Failure::Message("the file watcher stopped".into()))?;
            if changed(&event) {
                break;
            }
        }
        while changes.recv_timeout(DEBOUNCE).is_ok() {}
    }
    Ok(ExitCode::SUCCESS)
}

/// A path made absolute against the working folder, without resolving links.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The time of day in UTC, `HH:MM:SS`.
fn clock() -> String {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        % 86_400;
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}
