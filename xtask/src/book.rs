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
    eprintln!("xtask: linting the designs of {}", dir.display());
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
    eprintln!("xtask: building the book in {} (mdBook and the design preprocessor, in-process)", dir.display());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: impl AsRef<Path>) -> String {
        std::fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
    }

    /// `cargo xtask book`'s path (lint, then the in-process build) on a copy of our own book:
    /// every design page has its badge and the index chapter has the summary table.
    #[test]
    fn xtask_book_path_builds_badges_and_the_summary_table() {
        let source = crate::workspace_root().join("book");
        let root = std::env::temp_dir().join(format!("xtask-book-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for entry in walkdir::WalkDir::new(&source).into_iter().flatten() {
            let rel = entry.path().strip_prefix(&source).unwrap();
            if entry.file_type().is_file() && (rel.starts_with("src") || rel == Path::new("book.toml")) {
                let to = root.join(rel);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        // Exactly what `cargo xtask book` runs: lint (errors stop it), then the in-process build.
        lint(&root).unwrap();
        let html = build(&root).unwrap();
        assert_eq!(html, root.join("book"));
        let mut designs = 0;
        for entry in walkdir::WalkDir::new(root.join("src/design")).into_iter().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if !name.ends_with(".md") || name.starts_with('_') {
                continue;
            }
            let rel = entry.path().strip_prefix(root.join("src")).unwrap().with_extension("html");
            let page = read(html.join(&rel));
            assert_eq!(
                page.matches("<span class=\"design-status\" data-mdbook-design=\"badge\" data-design-status=\"")
                    .count(),
                1,
                "{}",
                rel.display()
            );
            designs += 1;
        }
        // The chapters holding `{{#design-index}}` show one table row per design.
        let summary = mdbook_design::__private::summary_paths(&read(root.join("src/SUMMARY.md")));
        let index_pages: Vec<&String> = summary
            .iter()
            .filter(|p| mdbook_design::__private::is_index_chapter(&read(root.join("src").join(p))))
            .collect();
        assert!(!index_pages.is_empty());
        let mut unfiltered = 0;
        for page in index_pages {
            let page_html = read(html.join(page.replace(".md", ".html")));
            let rows = page_html
                .split("<tr")
                .skip(1)
                .filter(|t| t[..t.find('>').unwrap_or(0)].contains("data-design-status="))
                .count();
            assert!(rows >= 1, "{page}: an empty table");
            if read(root.join("src").join(page)).contains("{{#design-index}}") {
                assert_eq!(rows, designs, "{page}: one row per design");
                unfiltered += 1;
            }
        }
        assert!(unfiltered >= 1, "no unfiltered index table");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
