//! `cargo xtask release-notes ARGS`: `mdbook-design release-notes --book book ARGS` on this
//! repository's own design book.

use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::workspace_root;

/// Runs the real binary on `book/` with the caller's arguments; its exit code is kept.
pub fn run(args: &[String]) -> Result<()> {
    let root = workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(["run", "--quiet", "--release", "--bin", "mdbook-design", "--", "release-notes", "--book"])
        .arg(root.join("book"))
        .args(args)
        .current_dir(&root)
        .status()
        .context("cannot run mdbook-design release-notes")?;
    match status.code() {
        Some(0) => Ok(()),
        Some(code) => std::process::exit(code),
        None => bail!("mdbook-design release-notes was stopped by a signal"),
    }
}
