//! `cargo xtask book`: the docs pipeline: lint the designs, then build the book.

use std::path::Path;
use std::process::Command;

use anyhow::{anyhow, bail, Context, Result};
use mdbook_design::mdbook::DesignPreprocessor;
use mdbook_driver::MDBook;

use crate::workspace_root;

/// Lints the book's designs with the real binary (findings at `deny` fail), then builds the
/// book in-process with mdbook-driver, which needs no `mdbook` binary.
pub fn run(dir: &Path) -> Result<()> {
    let root = workspace_root();
    let dir = if dir.is_absolute() { dir.to_path_buf() } else { root.join(dir) };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(["run", "--quiet", "--release", "--bin", "mdbook-design", "--", "lint", "--book"])
        .arg(&dir)
        .current_dir(&root)
        .status()
        .context("cannot run mdbook-design lint")?;
    if !status.success() {
        bail!("lint found errors in {}", dir.display());
    }
    let mut book = MDBook::load(&dir).map_err(|e| anyhow!("cannot load the book in {}: {e:#}", dir.display()))?;
    book.with_preprocessor(DesignPreprocessor);
    book.build().map_err(|e| anyhow!("cannot build the book in {}: {e:#}", dir.display()))?;
    eprintln!("xtask: the design book is in {}", dir.join("book").display());
    Ok(())
}
