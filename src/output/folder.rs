//! A run's outputs made visible together. Every output of a map job is
//! written into a staging folder beside the output folder; once all are
//! complete, the staging folder and the output folder trade places in one
//! rename (`renameat2(RENAME_EXCHANGE)` on Linux, `RENAME_SWAP` on macOS),
//! so that whoever looks sees the previous run's folder or the new one,
//! never a mix, even if the run is killed at any point.
//!
//! The output folder may hold the user's own files. They are hard-linked
//! into the staging folder just before the swap and are never deleted: what
//! the old folder still holds afterwards that is neither one of incimap's
//! outputs nor a link to a file of the new folder is moved back into it, and
//! what cannot be moved stays where it is, named in the run's notes.
//!
//! Where a swap cannot be done (the folder holds subfolders, is a symbolic
//! link, is the working folder, belongs to someone else, or the system has
//! no exchanging rename) the complete outputs are renamed into the folder
//! one right after the other, and the run says why.
//!
//! A staging folder has a lock file beside it (`….lock`, held while the run
//! lives) listing the outputs; a later run that finds a lock file nobody
//! holds settles what a killed run left by the same rules.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The test-only hook: `INCIMAP_TEST_HALT=STEP` aborts the process at that
/// step of publishing (`before-swap`, `swapped`, `renamed-one`), the way a
/// kill would, so tests can check what a folder looks like after one.
const HALT_VARIABLE: &str = "INCIMAP_TEST_HALT";

/// Aborts when the test-only hook names `step`.
fn halt_point(step: &str) {
    if std::env::var_os(HALT_VARIABLE).is_some_and(|s| s == step) {
        std::process::abort();
    }
}

/// Outputs being written for one run: they go into [`Staging::path`] and
/// appear in the output folder together on [`Staging::publish`]. Dropped
/// unpublished, the staging folder is cleared and the output folder is as
/// it was.
pub struct Staging {
    folder: PathBuf,
    stage: PathBuf,
    lock: Option<Lock>,
    /// Why a swap is out of the question from the start (the staging folder
    /// could only be made inside the output folder).
    no_swap: Option<String>,
    names: Vec<OsString>,
    published: bool,
}

/// What publishing did.
#[derive(Debug, Default)]
pub struct Published {
    /// Why the outputs were renamed one by one rather than swapped in.
    pub one_by_one: Option<String>,
    /// Earlier outputs removed because this run did not make them again
    /// (asked for with `drop`).
    pub removed: Vec<String>,
    /// Files left in a leftover folder because a file of the same name
    /// now exists in the output folder.
    pub left: Option<PathBuf>,
}

impl Published {
    /// A line for the run's notes, if publishing has something to say.
    pub fn note(&self, folder: &Path) -> Option<String> {
        let mut notes = Vec::new();
        if let Some(why) = &self.one_by_one {
            notes.push(format!(
                "the outputs were renamed into {} one by one, not swapped in together: {why}",
                folder.display()
            ));
        }
        if let Some(left) = &self.left {
            notes.push(format!(
                "{} holds files of the output folder that changed during the run; they were kept there",
                left.display()
            ));
        }
        (!notes.is_empty()).then(|| notes.join("; "))
    }
}

impl Staging {
    /// Starts a run writing `names` (file names) into `folder`: settles what
    /// killed runs left, and makes the staging folder.
    pub fn begin(folder: &Path, names: &[&str]) -> io::Result<Staging> {
        let names: Vec<OsString> = names.iter().map(OsString::from).collect();
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        // A symbolic link to a folder: the folder it leads to is swapped.
        let resolved = std::fs::symlink_metadata(folder)
            .is_ok_and(|m| m.file_type().is_symlink())
            .then(|| std::fs::canonicalize(folder))
            .transpose()?;
        let folder = resolved.as_deref().unwrap_or(folder);
        let (parent, prefix) = sibling_prefix(folder);
        std::fs::create_dir_all(&parent)?;
        settle_leftovers(&parent, &prefix, folder)?;
        if folder.is_dir() {
            settle_leftovers(folder, INSIDE_PREFIX, folder)?;
        }
        // Beside the folder, on the same file system, or else inside it.
        let inside = if is_working_folder(folder) {
            Some("it is the working folder".to_string())
        } else if folder.exists() && !same_device(folder, &parent) {
            Some("it is on a file system of its own".to_string())
        } else {
            None
        };
        let beside = match inside {
            None => make_stage(&parent, &prefix)
                .map_err(|_| format!("cannot make a folder in {}", parent.display())),
            Some(why) => Err(why),
        };
        let (stage, no_swap) = match beside {
            Ok(stage) => (stage, None),
            Err(why) => {
                std::fs::create_dir_all(folder)?;
                (make_stage(folder, INSIDE_PREFIX)?, Some(why))
            }
        };
        let mut staging = Staging {
            folder: folder.to_path_buf(),
            stage,
            lock: None,
            no_swap,
            names,
            published: false,
        };
        staging.lock = Some(Lock::take(&staging.lock_path())?);
        staging.write_manifest(Phase::Staging, &[])?;
        Ok(staging)
    }

    /// Where to write output `name` during the run.
    pub fn path(&self, name: &str) -> PathBuf {
        self.stage.join(name)
    }

    /// Where output `name` will be once published.
    pub fn published_path(&self, name: &str) -> PathBuf {
        self.folder.join(name)
    }

    fn lock_path(&self) -> PathBuf {
        lock_path_of(&self.stage)
    }

    fn write_manifest(&mut self, phase: Phase, drop: &[&str]) -> io::Result<()> {
        let mut text = format!("{}\n", phase.as_str());
        for name in self
            .names
            .iter()
            .map(|n| n.as_os_str())
            .chain(drop.iter().map(OsStr::new))
        {
            text.push_str(&name.to_string_lossy());
            text.push('\n');
        }
        let lock = self.lock.as_mut().expect("the lock is taken in begin");
        lock.rewrite(&text)
    }

    /// Makes the staged outputs visible in the output folder together, and
    /// removes the earlier outputs named in `drop` (files this run did not
    /// make again and that would not match it).
    pub fn publish(mut self, drop: &[&str]) -> io::Result<Published> {
        self.published = true;
        let result = self.publish_staged(drop);
        if result.is_err() {
            // Nothing was swapped in: clear the staging folder.
            let _ = self.clear();
        }
        result
    }

    fn publish_staged(&mut self, drop: &[&str]) -> io::Result<Published> {
        let removed: Vec<String> = drop
            .iter()
            .map(|n| self.folder.join(n))
            .filter(|p| p.is_file())
            .map(|p| p.display().to_string())
            .collect();
        let why = match self.no_swap.clone() {
            Some(why) => why,
            None => match self.try_swap(drop)? {
                None => {
                    return Ok(Published {
                        one_by_one: None,
                        removed,
                        left: self.finish_leftover(drop)?,
                    });
                }
                Some(why) => why,
            },
        };
        self.rename_one_by_one(drop)?;
        Ok(Published {
            one_by_one: Some(why),
            removed,
            left: None,
        })
    }

    /// Swaps the staging folder in; `Some(why)` when it could not be done
    /// and nothing changed.
    fn try_swap(&mut self, drop: &[&str]) -> io::Result<Option<String>> {
        if !self.folder.exists() {
            halt_point("before-swap");
            match rename_no_replace(&self.stage, &self.folder) {
                Ok(()) => {
                    halt_point("swapped");
                    // Nothing to settle: the folder did not exist.
                    std::fs::create_dir(&self.stage)?;
                    return Ok(None);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(Some(e.to_string()));
                }
                Err(e) => return Err(e),
            }
        }
        if let Some(why) = self.cannot_swap() {
            return Ok(Some(why));
        }
        keep_mode(&self.folder, &self.stage)?;
        let mut skip: Vec<OsString> = self.names.clone();
        skip.extend(drop.iter().map(OsString::from));
        if let Err(why) = link_others(&self.folder, &self.stage, &skip) {
            self.unlink_others()?;
            return Ok(Some(why));
        }
        self.write_manifest(Phase::Swapping, drop)?;
        halt_point("before-swap");
        if let Err(e) = exchange(&self.stage, &self.folder) {
            self.unlink_others()?;
            self.write_manifest(Phase::Staging, drop)?;
            return Ok(Some(format!("the system cannot swap folders ({e})")));
        }
        halt_point("swapped");
        Ok(None)
    }

    /// Why the output folder cannot be swapped, if it cannot.
    fn cannot_swap(&self) -> Option<String> {
        let meta = match std::fs::symlink_metadata(&self.folder) {
            Ok(meta) => meta,
            Err(e) => return Some(e.to_string()),
        };
        if meta.file_type().is_symlink() {
            return Some("it became a symbolic link during the run".into());
        }
        if !meta.is_dir() {
            return Some("it is not a folder".into());
        }
        if is_working_folder(&self.folder) {
            return Some("it is the working folder".into());
        }
        if !same_owner(&self.folder, &self.stage) {
            return Some("it belongs to another user".into());
        }
        None
    }

    /// Removes from the staging folder what [`link_others`] put there.
    fn unlink_others(&self) -> io::Result<()> {
        for entry in std::fs::read_dir(&self.stage)? {
            let entry = entry?;
            let name = entry.file_name();
            if !self.names.contains(&name) && !is_temporary(&name) {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }

    /// After a swap: the old folder sits where the staging folder was.
    /// Settles it into the new one and removes it; names it if files had
    /// to stay in it.
    fn finish_leftover(&mut self, drop: &[&str]) -> io::Result<Option<PathBuf>> {
        let mut ours = self.names.clone();
        ours.extend(drop.iter().map(OsString::from));
        let kept = settle(&self.stage, &self.folder, &ours, Phase::Swapping)?;
        if kept {
            // The lock file goes; the folder stays, holding the user's files.
            self.lock.take();
            std::fs::remove_file(self.lock_path())?;
            return Ok(Some(self.stage.clone()));
        }
        self.remove_lock()?;
        Ok(None)
    }

    /// Renames each staged output into the folder (all complete first),
    /// removes the `drop` names, and clears the staging folder.
    fn rename_one_by_one(&mut self, drop: &[&str]) -> io::Result<()> {
        std::fs::create_dir_all(&self.folder)?;
        let mut first = true;
        for name in &self.names {
            let staged = self.stage.join(name);
            if !staged.is_file() {
                continue;
            }
            if !first {
                halt_point("renamed-one");
            }
            first = false;
            std::fs::rename(&staged, self.folder.join(name))?;
        }
        super::remove_old(&drop.iter().map(|n| self.folder.join(n)).collect::<Vec<_>>())?;
        self.clear()
    }

    /// Removes the staging folder (what this run wrote into it) and its lock.
    fn clear(&mut self) -> io::Result<()> {
        if self.stage.exists() {
            settle(&self.stage, &self.folder, &self.names, Phase::Staging)?;
        }
        self.remove_lock()
    }

    fn remove_lock(&mut self) -> io::Result<()> {
        if self.lock.take().is_some() {
            match std::fs::remove_file(self.lock_path()) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = self.clear();
        }
    }
}

/// How far a run had come, as its lock file says.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    /// Writing into the staging folder: everything in it is the run's.
    Staging,
    /// About to swap or swapped: the folder may be the old output folder.
    Swapping,
}

impl Phase {
    fn as_str(self) -> &'static str {
        match self {
            Phase::Staging => "staging",
            Phase::Swapping => "swapping",
        }
    }

    fn parse(text: &str) -> Option<Phase> {
        match text {
            "staging" => Some(Phase::Staging),
            "swapping" => Some(Phase::Swapping),
            _ => None,
        }
    }
}

/// Whether `folder` is the working folder or holds it (swapping it would
/// leave this process in the old one).
fn is_working_folder(folder: &Path) -> bool {
    match (
        std::env::current_dir().and_then(std::fs::canonicalize),
        std::fs::canonicalize(folder),
    ) {
        (Ok(cwd), Ok(folder)) => cwd.starts_with(folder),
        _ => false,
    }
}

/// The prefix of staging folders made inside the output folder.
const INSIDE_PREFIX: &str = ".incimap-stage-";

/// The folder that holds `folder`, and the prefix of staging folders for it there.
fn sibling_prefix(folder: &Path) -> (PathBuf, String) {
    let absolute = std::fs::canonicalize(folder)
        .or_else(|_| std::path::absolute(folder))
        .unwrap_or_else(|_| folder.to_path_buf());
    let mut parts = absolute.components();
    // `a/b/..` and `.` name a folder by where it leads.
    let name = loop {
        match parts.next_back() {
            Some(std::path::Component::Normal(name)) => break Some(name.to_os_string()),
            Some(std::path::Component::CurDir) => continue,
            _ => break None,
        }
    };
    let parent = parts.as_path().to_path_buf();
    let name = name.unwrap_or_else(|| OsString::from("root"));
    let prefix = format!(".{}.incimap-", name.to_string_lossy());
    (parent, prefix)
}

fn lock_path_of(stage: &Path) -> PathBuf {
    let mut name = stage.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// Makes an empty staging folder in `parent` named `prefix` and random letters.
fn make_stage(parent: &Path, prefix: &str) -> io::Result<PathBuf> {
    for _ in 0..100 {
        let mut name = prefix.to_string();
        name.extend(std::iter::repeat_with(fastrand::alphanumeric).take(8));
        let stage = parent.join(name);
        match std::fs::create_dir(&stage) {
            Ok(()) => return Ok(stage),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free name for a staging folder"))
}

/// Whether `name` is a temporary file of [`super::AtomicFile`].
fn is_temporary(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with(".incimap-") && name.ends_with(".part")
}

/// Settles the staging folders in `parent` starting with `prefix` that no
/// running process holds: what killed runs left.
fn settle_leftovers(parent: &Path, prefix: &str, folder: &Path) -> io::Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(stem) = name
            .strip_prefix(prefix)
            .and_then(|s| s.strip_suffix(".lock"))
        else {
            continue;
        };
        if stem.is_empty() || stem.contains('.') {
            continue;
        }
        let lock_path = entry.path();
        let Some(mut lock) = Lock::try_take(&lock_path)? else {
            continue;
        };
        let manifest = lock.read()?;
        let mut lines = manifest.lines();
        // An empty lock file is a run that has not written it yet.
        let Some(phase) = lines.next().and_then(Phase::parse) else {
            continue;
        };
        let ours: Vec<OsString> = lines.map(OsString::from).collect();
        let stage = parent.join(format!("{prefix}{stem}"));
        let kept = stage.is_dir() && settle(&stage, folder, &ours, phase)?;
        if !kept {
            std::fs::remove_file(&lock_path)?;
        }
    }
    Ok(())
}

/// Empties `dir` into `folder`: incimap's outputs (`ours`) and, while
/// `phase` is staging, its temporary files are removed; links to the same
/// file as `folder` holds are removed; anything else is moved into `folder`
/// unless a file of that name is there. Removes `dir` when it is empty, and
/// tells whether something had to stay.
fn settle(dir: &Path, folder: &Path, ours: &[OsString], phase: Phase) -> io::Result<bool> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let path = entry.path();
        let kind = entry.file_type()?;
        let there = folder.join(&name);
        let remove = (kind.is_file() && ours.contains(&name))
            || (kind.is_file() && phase == Phase::Staging && is_temporary(&name))
            || same_file(&path, &there);
        if remove {
            std::fs::remove_file(&path)?;
        } else if std::fs::symlink_metadata(&there).is_err() {
            match rename_no_replace(&path, &there) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
    }
    match std::fs::remove_dir(dir) {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty => Ok(true),
        Err(e) => Err(e),
    }
}

/// Whether two paths are one file (hard links of one inode) or two
/// symbolic links to the same place.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let (Ok(ma), Ok(mb)) = (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b)) else {
        return false;
    };
    if ma.file_type().is_symlink() && mb.file_type().is_symlink() {
        return std::fs::read_link(a).ok() == std::fs::read_link(b).ok();
    }
    !ma.is_dir() && ma.dev() == mb.dev() && ma.ino() == mb.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Links every entry of `folder` that is not in `skip` (nor a temporary
/// file) into `stage`: files as hard links, symbolic links as copies. Fails
/// with the reason on anything else.
fn link_others(folder: &Path, stage: &Path, skip: &[OsString]) -> Result<(), String> {
    let entries = std::fs::read_dir(folder).map_err(|e| e.to_string())?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        if skip.contains(&name) || is_temporary(&name) {
            continue;
        }
        let kind = entry.file_type().map_err(|e| e.to_string())?;
        let (from, to) = (entry.path(), stage.join(&name));
        let linked = if kind.is_file() {
            std::fs::hard_link(&from, &to)
        } else if kind.is_symlink() {
            copy_symlink(&from, &to)
        } else if kind.is_dir() {
            return Err(format!("it holds a folder ({})", name.to_string_lossy()));
        } else {
            return Err(format!("it holds {}, not a file", name.to_string_lossy()));
        };
        linked.map_err(|e| format!("cannot link {} ({e})", name.to_string_lossy()))?;
    }
    Ok(())
}

#[cfg(unix)]
fn copy_symlink(from: &Path, to: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(std::fs::read_link(from)?, to)
}

#[cfg(not(unix))]
fn copy_symlink(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "a symbolic link",
    ))
}

#[cfg(unix)]
fn same_device(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_device(_: &Path, _: &Path) -> bool {
    true
}

#[cfg(unix)]
fn same_owner(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.uid() == b.uid() && a.gid() == b.gid(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_owner(_: &Path, _: &Path) -> bool {
    true
}

/// Gives the staging folder the output folder's permissions.
#[cfg(unix)]
fn keep_mode(folder: &Path, stage: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(folder)?.permissions().mode() & 0o7777;
    std::fs::set_permissions(stage, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_mode(_: &Path, _: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn rename_with(from: &Path, to: &Path, flags: rustix::fs::RenameFlags) -> io::Result<()> {
    rustix::fs::renameat_with(rustix::fs::CWD, from, rustix::fs::CWD, to, flags)
        .map_err(io::Error::from)
}

/// Trades the contents of two folders' names in one step.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    rename_with(a, b, rustix::fs::RenameFlags::EXCHANGE)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no exchanging rename",
    ))
}

/// Renames `from` to `to` unless `to` exists (then `AlreadyExists`).
#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    match rename_with(from, to, rustix::fs::RenameFlags::NOREPLACE) {
        // File systems without the flag: check, then rename.
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::INVAL.raw_os_error()) => {
            checked_rename(from, to)
        }
        other => other,
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
fn rename_no_replace(from: &Path, to: &Path) -> io::Result<()> {
    checked_rename(from, to)
}

fn checked_rename(from: &Path, to: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    std::fs::rename(from, to)
}

/// A lock file, held (`flock`) while its run lives; it lists the run's outputs.
struct Lock {
    file: File,
}

impl Lock {
    /// Creates and holds a new lock file.
    fn take(path: &Path) -> io::Result<Lock> {
        let file = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)?;
        lock(&file, true)?;
        Ok(Lock { file })
    }

    /// Holds an existing lock file unless another process does.
    fn try_take(path: &Path) -> io::Result<Option<Lock>> {
        let file = match File::options().read(true).write(true).open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(lock(&file, false)?.then_some(Lock { file }))
    }

    fn read(&mut self) -> io::Result<String> {
        use std::io::Seek;
        let mut text = String::new();
        self.file.seek(io::SeekFrom::Start(0))?;
        self.file.read_to_string(&mut text)?;
        Ok(text)
    }

    fn rewrite(&mut self, text: &str) -> io::Result<()> {
        use std::io::Seek;
        self.file.set_len(0)?;
        self.file.seek(io::SeekFrom::Start(0))?;
        self.file.write_all(text.as_bytes())?;
        self.file.sync_data()
    }
}

/// Takes an exclusive lock on `file` (waiting, or not: then tells whether
/// it got it).
#[cfg(unix)]
fn lock(file: &File, wait: bool) -> io::Result<bool> {
    use rustix::fs::FlockOperation;
    let operation = if wait {
        FlockOperation::LockExclusive
    } else {
        FlockOperation::NonBlockingLockExclusive
    };
    match rustix::fs::flock(file, operation) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Without `flock`, no lock file is ever taken for a leftover.
#[cfg(not(unix))]
fn lock(_: &File, wait: bool) -> io::Result<bool> {
    Ok(wait)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::names;

    fn stage_run(folder: &Path, text: &str) -> Published {
        let staging = Staging::begin(folder, &["a.txt", "b.txt"]).unwrap();
        std::fs::write(staging.path("a.txt"), text).unwrap();
        std::fs::write(staging.path("b.txt"), text).unwrap();
        staging.publish(&[]).unwrap()
    }

    #[test]
    fn a_run_swaps_in_and_keeps_the_users_files() {
        let top = tempfile::tempdir().unwrap();
        let folder = top.path().join("out");
        let first = stage_run(&folder, "1");
        assert!(first.one_by_one.is_none(), "{first:?}");
        std::fs::write(folder.join("notes.txt"), "mine").unwrap();
        let second = stage_run(&folder, "2");
        assert!(second.one_by_one.is_none(), "{second:?}");
        assert_eq!(names(&folder), ["a.txt", "b.txt", "notes.txt"]);
        assert_eq!(std::fs::read_to_string(folder.join("a.txt")).unwrap(), "2");
        assert_eq!(
            std::fs::read_to_string(folder.join("notes.txt")).unwrap(),
            "mine"
        );
        // Nothing is left beside the folder.
        assert_eq!(names(top.path()), ["out"]);
    }

    #[test]
    fn a_folder_with_a_subfolder_gets_its_files_one_by_one() {
        let top = tempfile::tempdir().unwrap();
        let folder = top.path().join("out");
        std::fs::create_dir_all(folder.join("old")).unwrap();
        let run = stage_run(&folder, "1");
        let why = run.one_by_one.unwrap();
        assert!(why.contains("holds a folder (old)"), "{why}");
        assert_eq!(names(&folder), ["a.txt", "b.txt", "old"]);
        assert_eq!(names(top.path()), ["out"]);
    }

    #[test]
    fn settling_a_leftover_moves_back_what_is_not_ours() {
        let top = tempfile::tempdir().unwrap();
        let (old, new) = (top.path().join("old"), top.path().join("new"));
        std::fs::create_dir_all(&old).unwrap();
        std::fs::create_dir_all(&new).unwrap();
        std::fs::write(old.join("a.txt"), "old output").unwrap();
        std::fs::write(old.join("linked.txt"), "user").unwrap();
        std::fs::hard_link(old.join("linked.txt"), new.join("linked.txt")).unwrap();
        std::fs::write(old.join("late.txt"), "written during the run").unwrap();
        std::fs::write(old.join("clash.txt"), "changed during the run").unwrap();
        std::fs::write(new.join("clash.txt"), "the copy that was linked").unwrap();
        std::fs::write(old.join(".incimap-x.part"), "someone's").unwrap();
        let ours = [OsString::from("a.txt")];
        let kept = settle(&old, &new, &ours, Phase::Swapping).unwrap();
        assert!(kept, "the clashing file stays");
        assert_eq!(names(&old), ["clash.txt"]);
        assert_eq!(
            names(&new),
            [".incimap-x.part", "clash.txt", "late.txt", "linked.txt"]
        );
        assert_eq!(
            std::fs::read_to_string(new.join("linked.txt")).unwrap(),
            "user"
        );
    }

    #[test]
    fn a_dropped_run_leaves_the_folder_as_it_was() {
        let top = tempfile::tempdir().unwrap();
        let folder = top.path().join("out");
        stage_run(&folder, "1");
        {
            let staging = Staging::begin(&folder, &["a.txt", "b.txt"]).unwrap();
            std::fs::write(staging.path("a.txt"), "half").unwrap();
        }
        assert_eq!(std::fs::read_to_string(folder.join("a.txt")).unwrap(), "1");
        assert_eq!(names(top.path()), ["out"]);
    }

    #[test]
    fn dropped_outputs_are_removed_and_named() {
        let top = tempfile::tempdir().unwrap();
        let folder = top.path().join("out");
        stage_run(&folder, "1");
        let staging = Staging::begin(&folder, &["a.txt", "b.txt"]).unwrap();
        std::fs::write(staging.path("a.txt"), "2").unwrap();
        let run = staging.publish(&["b.txt"]).unwrap();
        assert_eq!(run.removed.len(), 1, "{run:?}");
        assert_eq!(names(&folder), ["a.txt"]);
    }
}
