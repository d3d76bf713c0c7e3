//! Writing outputs safely: to a temporary file beside the target, then renamed
//! over it, so a failed run never leaves a half-written file over a good one.

pub mod folder;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, or to standard output when `path` is `-`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Streams into `path` atomically through `write`, or to standard output for `-`.
/// The file appears under its name only once `write` has succeeded.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    write(&mut file)?;
    file.commit()
}

/// A file being written: a temporary file beside its target (or standard
/// output for `-`) that takes the target's name only on [`AtomicFile::commit`].
/// Dropped without a commit, it vanishes and the target is untouched.
/// Writes go straight to the file: callers buffer (the exporters do).
pub struct AtomicFile {
    target: PathBuf,
    temp: Option<tempfile::NamedTempFile>,
    stdout: io::Stdout,
    /// Bytes written since the last call for an early flush to disk.
    unsynced: u64,
    syncer: Option<Syncer>,
}

/// Bytes written between early flushes to disk.
const SYNC_EVERY: u64 = 32 << 20;

/// A thread that flushes a large file to disk while it is still being
/// written, so that the flush before the rename has little left to wait for.
struct Syncer {
    wake: std::sync::mpsc::Sender<()>,
    thread: std::thread::JoinHandle<io::Result<()>>,
}

impl Syncer {
    fn start(file: &std::fs::File) -> io::Result<Syncer> {
        let file = file.try_clone()?;
        let (wake, woken) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            while woken.recv().is_ok() {
                while woken.try_recv().is_ok() {}
                file.sync_data()?;
            }
            Ok(())
        });
        Ok(Syncer { wake, thread })
    }

    /// Waits for the flushes asked for so far, and tells their first failure.
    fn finish(self) -> io::Result<()> {
        drop(self.wake);
        self.thread
            .join()
            .map_err(|_| io::Error::other("the thread flushing to disk panicked"))?
    }
}

impl AtomicFile {
    /// Starts writing `path` (`-` for standard output), creating its folder if needed.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let temp = if path.as_os_str() == "-" {
            stdout_is_open()?;
            None
        } else {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            std::fs::create_dir_all(dir)?;
            let temp = tempfile::Builder::new()
                .prefix(".incimap-")
                .suffix(".part")
                .tempfile_in(dir)?;
            Some(temp)
        };
        Ok(AtomicFile {
            target: path.to_path_buf(),
            temp,
            stdout: io::stdout(),
            unsynced: 0,
            syncer: None,
        })
    }

    /// The temporary file's path (`None` for standard output), for writers
    /// that open the file themselves, such as SQLite for a GeoPackage.
    pub fn temp_path(&self) -> Option<&Path> {
        self.temp.as_ref().map(|t| t.path())
    }

    /// Flushes the file to disk and gives it its name.
    pub fn commit(self) -> io::Result<()> {
        commit_all(vec![self])
    }

    /// A file holding `bytes`, not yet committed.
    pub fn with_bytes(path: &Path, bytes: &[u8]) -> io::Result<AtomicFile> {
        let mut file = AtomicFile::create(path)?;
        file.write_all(bytes)?;
        Ok(file)
    }

    /// Flushes the file to disk (standard output: its buffer), leaving the
    /// temporary file ready to be renamed.
    fn flush_to_disk(self) -> io::Result<Option<(tempfile::NamedTempFile, PathBuf)>> {
        let Some(temp) = self.temp else {
            self.stdout.lock().flush()?;
            return Ok(None);
        };
        keep_permissions(&self.target, temp.as_file())?;
        if let Some(syncer) = self.syncer {
            syncer.finish()?;
        }
        temp.as_file().sync_all()?;
        Ok(Some((temp, self.target)))
    }
}

/// Gives several files their names together: every file is first complete
/// and flushed to disk, and only then are they renamed, one right after the
/// other, in the order given. A failure before the renames leaves every
/// target as it was.
pub fn commit_all(files: Vec<AtomicFile>) -> io::Result<()> {
    let mut ready = Vec::with_capacity(files.len());
    for file in files {
        ready.extend(file.flush_to_disk()?);
    }
    for (temp, target) in ready {
        temp.persist(&target).map_err(|e| e.error)?;
    }
    Ok(())
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(temp) = self.temp.as_mut() else {
            return self.stdout.write(buf);
        };
        let n = temp.write(buf)?;
        self.unsynced += n as u64;
        if self.unsynced >= SYNC_EVERY {
            self.unsynced = 0;
            if self.syncer.is_none() {
                self.syncer = Some(Syncer::start(temp.as_file())?);
            }
            if let Some(syncer) = &self.syncer {
                // A syncer that stopped has failed: `commit` tells why.
                let _ = syncer.wake.send(());
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.temp.as_mut() {
            Some(temp) => temp.flush(),
            None => self.stdout.flush(),
        }
    }
}

/// Removes those of `paths` that exist (outputs of an earlier run that this
/// run could not replace), and names them.
pub fn remove_old(paths: &[PathBuf]) -> io::Result<Vec<String>> {
    let mut removed = Vec::new();
    for path in paths {
        match std::fs::remove_file(path) {
            Ok(()) => removed.push(path.display().to_string()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// Whether standard output was closed when the program started (set by
/// [`check_stdout`]).
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Notes whether standard output was closed when the program started
/// (`>&-`); call it first thing. Rust's runtime reopens a closed descriptor 1
/// on `/dev/null` for reading and writing, so data written to `-` would go
/// nowhere while the run said it wrote it. A shell's `> /dev/null` opens it
/// for writing only, so the two are told apart by the access mode (Linux).
#[cfg(target_os = "linux")]
pub fn check_stdout() {
    let null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == Path::new("/dev/null"));
    let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & 0o3 == 0o2)
    });
    STDOUT_CLOSED.store(null && read_write, std::sync::atomic::Ordering::Relaxed);
}

/// Notes whether standard output was closed (only known on Linux).
#[cfg(not(target_os = "linux"))]
pub fn check_stdout() {}

fn stdout_is_open() -> io::Result<()> {
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(io::Error::other("standard output is closed"));
    }
    Ok(())
}

/// Whether two paths name the same existing file (used to refuse writing over the input).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Gives the new file the mode of the file it replaces, or 0644 (temporary
/// files start private).
#[cfg(unix)]
fn keep_permissions(path: &Path, file: &std::fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0o644);
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_permissions(_: &Path, _: &std::fs::File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in a folder, sorted.
    pub(super) fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.svg");
        write_atomic(&path, b"good").unwrap();
        let failed = write_atomic_with(&path, |out| {
            out.write_all(b"half a fi")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"good");
        assert_eq!(names(dir.path()), ["map.svg"]);
        write_atomic(&path, b"better").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"better");
    }

    #[cfg(unix)]
    #[test]
    fn replaced_files_keep_their_mode_and_new_ones_are_readable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("sub/new.geojson");
        write_atomic(&fresh, b"{}").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&fresh), 0o644);
        std::fs::set_permissions(&fresh, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&fresh, b"{ }").unwrap();
        assert_eq!(mode(&fresh), 0o600);
    }

    #[test]
    fn same_file_sees_through_other_spellings() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        std::fs::write(&a, "x").unwrap();
        let dotted = dir.path().join(".").join("a.csv");
        assert!(same_file(&a, &dotted));
        assert!(!same_file(&a, &dir.path().join("b.csv")));
    }
}
