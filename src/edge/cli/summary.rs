//! `mdbook-design pr-summary`: a pull request's effect on the design book, as Markdown for a
//! GitHub job summary (`$GITHUB_STEP_SUMMARY`): designs whose status changed (old -> new),
//! designs added, and lint totals of the base revision against the work tree.
//!
//! Statuses at both revisions come from [`crate::feature::history::changes::compare`], the reader the
//! release notes use; lint totals from [`crate::edge::workflow::lint_book`], run on the work tree and
//! on a copy of the book's folder as it is at the base revision.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::edge::book::BookDir;
use crate::edge::workflow::{lint_book, LintReport};
use crate::feature::history::changes::compare;
use crate::feature::history::git::Repo;
use crate::model::config::Severity;

/// Arguments of `mdbook-design pr-summary`.
#[derive(Debug, clap::Args)]
pub(super) struct PrSummaryArgs {
    /// The folder holding `book.toml`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub book: PathBuf,
    /// The base of the pull request (in GitHub Actions: `origin/$GITHUB_BASE_REF`); statuses
    /// are compared between it and HEAD, lint totals between it and the work tree.
    #[arg(long, value_name = "REV")]
    pub base: String,
}

/// Runs `mdbook-design pr-summary`: prints the Markdown; 0 on success, 2 when the book, git or
/// the base revision cannot be read.
pub(super) fn run(args: PrSummaryArgs) -> ExitCode {
    match summary(&args.book, &args.base) {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("mdbook-design: error: cannot write the summary: {e}");
                    ExitCode::from(2)
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(message) => {
            eprintln!("mdbook-design: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Lint totals of one revision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Totals {
    designs: usize,
    errors: usize,
    warnings: usize,
}

impl Totals {
    fn of(report: &LintReport) -> Totals {
        let all = || report.files.iter().flat_map(|f| &f.diagnostics);
        Totals {
            designs: report.checked,
            errors: all().filter(|d| d.severity == Severity::Deny).count(),
            warnings: all().filter(|d| d.severity == Severity::Warn).count(),
        }
    }
}

/// The summary of the book at `book_root` between `base` and HEAD (work tree for lint).
fn summary(book_root: &Path, base: &str) -> Result<String, String> {
    let book = BookDir::load(book_root).map_err(|e| e.to_string())?;
    let repo = Repo::open(&book.src).map_err(|e| e.to_string())?;
    let base_id = repo.resolve(base).ok_or_else(|| {
        format!(
            "`{base}` names no commit in this clone; fetch the base branch (actions/checkout with \
             `fetch-depth: 0`) or pass another --base"
        )
    })?;
    let prefix = repo.prefix_of(&book.src).map_err(|e| e.to_string())?;
    let changes = compare(&repo, &book.project, &prefix, Some(&base_id), "HEAD").map_err(|e| e.to_string())?;

    let head = Totals::of(&lint_book(book_root).map_err(|e| e.to_string())?);
    let before = base_totals(&repo, book_root, &base_id)?;

    let mut out = String::from("## Design proposals\n\n");
    let _ = writeln!(out, "Compared with `{base}` (`{}`).\n", &base_id[..base_id.len().min(12)]);
    let title = |text: &str, path: &str| cell(&book.project.parse(text).display_title(path));
    let changed: Vec<_> = changes.iter().filter(|c| c.from.is_some_and(|f| f != c.to)).collect();
    let added: Vec<_> = changes.iter().filter(|c| c.from.is_none()).collect();
    out.push_str("### Status changes\n\n");
    if changed.is_empty() {
        out.push_str("No design changed its status.\n\n");
    } else {
        out.push_str("| Design | File | Status |\n| --- | --- | --- |\n");
        for c in &changed {
            let from = c.from.map_or("", |s| s.as_str());
            let _ = writeln!(out, "| {} | `{}` | {from} -> {} |", title(&c.text, &c.path), c.path, c.to.as_str());
        }
        out.push('\n');
    }
    out.push_str("### Added designs\n\n");
    if added.is_empty() {
        out.push_str("No design was added.\n\n");
    } else {
        out.push_str("| Design | File | Status |\n| --- | --- | --- |\n");
        for c in &added {
            let _ = writeln!(out, "| {} | `{}` | {} |", title(&c.text, &c.path), c.path, c.to.as_str());
        }
        out.push('\n');
    }
    out.push_str("### Lint\n\n| | base | this pull request | change |\n| --- | ---: | ---: | ---: |\n");
    for (name, was, now) in [
        ("designs", before.designs, head.designs),
        ("errors", before.errors, head.errors),
        ("warnings", before.warnings, head.warnings),
    ] {
        let _ = writeln!(out, "| {name} | {was} | {now} | {:+} |", now as i64 - was as i64);
    }
    Ok(out)
}

/// Lint totals of the book as it is at `base`: its folder written from git into a temporary
/// folder (removed afterwards) and linted there. A book that did not exist at `base` has none.
fn base_totals(repo: &Repo, book_root: &Path, base: &str) -> Result<Totals, String> {
    let book_prefix = repo.prefix_of(book_root).map_err(|e| e.to_string())?;
    let tree = repo.tree(base, &book_prefix).map_err(|e| e.to_string())?;
    if !tree.contains_key(&format!("{book_prefix}book.toml")) {
        return Ok(Totals::default());
    }
    let texts = repo.blobs(tree.values().map(String::as_str)).map_err(|e| e.to_string())?;
    let dir = std::env::temp_dir().join(format!("mdbook-design-pr-summary-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let written = (|| -> Result<LintReport, String> {
        for (path, blob) in &tree {
            let Some(relative) = path.strip_prefix(&book_prefix) else { continue };
            let to = dir.join(relative);
            let write = |to: &Path| -> std::io::Result<()> {
                std::fs::create_dir_all(to.parent().unwrap_or(&dir))?;
                // Binary files arrive as lossy text: only their presence matters to lint.
                std::fs::write(to, texts.get(blob).map_or("", String::as_str))
            };
            write(&to).map_err(|e| format!("cannot write {} (the book at {base}): {e}", to.display()))?;
        }
        lint_book(&dir).map_err(|e| format!("the book at {base}: {e}"))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(Totals::of(&written?))
}

/// Text for a Markdown table cell: one line, `|` escaped.
fn cell(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}
