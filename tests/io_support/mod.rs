//! Helpers shared by the integration tests (`input`, `export`, `hostile`, `layers`...).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use incimap::gazetteer::Gazetteer;

/// A fixture under `tests/data/input/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/input")
        .join(name)
}

/// Runs the `incimap` binary.
pub fn incimap<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incimap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What a run printed on standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The embedded gazetteer, loaded once per test binary.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::embedded)
}
