//! The `mdbook-design` command of this workspace, run through cargo, for the xtask commands that
//! take its options as they are (`lint`, `release-notes`).

use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::workspace_root;

/// Runs `mdbook-design ARGS` (built from this workspace) in the current folder; fails when it
/// exits non-zero.
pub fn run(args: &[String]) -> Result<()> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(workspace_root().join("Cargo.toml"))
        .args(["--bin", "mdbook-design", "--"])
        .args(args)
        .status()
        .context("cannot run mdbook-design through cargo")?;
    if !status.success() {
        bail!(
            "`mdbook-design {}` exited with {}",
            args.join(" "),
            status.code().map_or("a signal".into(), |c| c.to_string())
        );
    }
    Ok(())
}

/// `mdbook-design lint` on the book in `book/` (unless `--book` is given), with `args`.
pub fn lint(args: &[String]) -> Result<()> {
    let mut all = vec!["lint".to_string()];
    if !args.iter().any(|a| a == "--book" || a.starts_with("--book=")) {
        all.push("--book".into());
        all.push(workspace_root().join("book").to_string_lossy().into_owned());
    }
    all.extend(args.iter().cloned());
    run(&all)
}

/// `mdbook-design release-notes --book book ARGS`, in the workspace root (the git repository).
pub fn release_notes(args: &[String]) -> Result<()> {
    let mut all = vec!["release-notes".to_string()];
    if !args.iter().any(|a| a == "--book" || a.starts_with("--book=")) {
        all.push("--book".into());
        all.push(workspace_root().join("book").to_string_lossy().into_owned());
    }
    all.extend(args.iter().cloned());
    std::env::set_current_dir(workspace_root()).context("cannot enter the workspace")?;
    run(&all)
}
