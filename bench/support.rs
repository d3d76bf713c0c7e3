//! What the benchmark binaries share: their arguments and their exit.

use std::process::ExitCode;

/// The command-line arguments, without the `--bench` that `cargo bench` passes.
pub fn args() -> Vec<String> {
    std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect()
}

/// Runs a benchmark: its error, if any, on stderr and exit code 2.
pub fn exit(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
