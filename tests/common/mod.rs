//! Helpers every command-line test uses: run the `merit` binary, find fixtures and samples.
// Each test file uses a different subset of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `merit` with `args` in `dir`.
pub fn merit(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_merit"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run merit")
}

/// Runs `merit`, asserts success and returns its standard output.
pub fn ok(args: &[&str], dir: &Path) -> String {
    let out = merit(args, dir);
    assert!(
        out.status.success(),
        "merit {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The path of a file in `tests/fixtures`.
pub fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// The path of a file in `data-samples`.
pub fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data-samples")
        .join(name)
        .display()
        .to_string()
}
