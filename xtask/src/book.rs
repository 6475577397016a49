//! `cargo xtask book`: lint the designs (findings at `deny` stop it), build the book in-process,
//! and optionally open it or serve it on localhost with a rebuild on every change.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Result};
use mdbook_design::lint::Format;
use mdbook_design::workflow;

use crate::serve;

/// Lints, then builds the book in `dir` with the preprocessor compiled in (no `mdbook` binary
/// needed); `open` opens it in a browser, `serve` serves it on `127.0.0.1:port` and rebuilds on
/// change until interrupted.
pub fn run(dir: &Path, open: bool, serve: Option<u16>) -> Result<()> {
    lint(dir)?;
    let html = build(dir)?;
    if open {
        open_in_browser(&html.join("index.html"));
    }
    if let Some(port) = serve {
        serve::run(dir, &html, port)?;
    }
    Ok(())
}

/// Lints the book's designs, printing findings to standard error; fails on findings at `deny`.
pub fn lint(dir: &Path) -> Result<()> {
    let report = workflow::lint_book(dir)?;
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    eprint!("{}", report.render(Format::Human, false));
    if report.has_denied() {
        bail!("lint found errors in {} (findings at `deny` above)", dir.display());
    }
    eprintln!("xtask: {} designs linted, {} findings, none at `deny`", report.checked, report.count());
    Ok(())
}

/// Builds the book and prints where the HTML is.
pub fn build(dir: &Path) -> Result<PathBuf> {
    let html = workflow::build_book(dir)?;
    eprintln!("xtask: the book is in {}", html.join("index.html").display());
    Ok(html)
}

/// Opens `page` with the desktop's opener; says how when there is none.
fn open_in_browser(page: &Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if Command::new(opener).arg(page).status().map_or(true, |s| !s.success()) {
        eprintln!("xtask: could not run `{opener}`; open {} in a browser", page.display());
    }
}

/// The book folder, relative paths taken from the workspace root.
pub fn book_dir(dir: &Path) -> PathBuf {
    if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        crate::workspace_root().join(dir)
    }
}
