//! `lint_book`: every design of a book checked against the template, as `mdbook-design lint
//! --book DIR` does, returned instead of printed.

use std::path::Path;

use crate::edge::book::{slash_path, BookDir};
use crate::feature::lint::{self, Diagnostic, FileReport, Format};
use crate::session::{LintOptions, Scope};

use super::Error;

/// One design with findings.
#[derive(Debug, Clone)]
pub struct LintedFile {
    /// The path to print (the book folder joined with the design's path).
    pub display: String,
    /// The design's text.
    pub text: String,
    /// Its findings, in order of position.
    pub diagnostics: Vec<Diagnostic>,
}

/// The findings of a whole book.
#[derive(Debug, Clone, Default)]
pub struct LintReport {
    /// How many designs were checked.
    pub checked: usize,
    /// The designs with findings, sorted by path.
    pub files: Vec<LintedFile>,
    /// Designs that could not be linted (binary, too large, malformed), one line each.
    pub warnings: Vec<String>,
    /// How many findings the book's baseline (`baseline = "FILE"`) recorded, and so left out.
    pub baselined: usize,
}

impl LintReport {
    /// Whether any finding is at `deny` (the book's `[preprocessor.design.lint]` decides).
    pub fn has_denied(&self) -> bool {
        lint::has_denied(self.files.iter().flat_map(|f| &f.diagnostics))
    }

    /// How many findings there are.
    pub fn count(&self) -> usize {
        self.files.iter().map(|f| f.diagnostics.len()).sum()
    }

    /// The findings in one of the `lint` command's formats (human, json, github, sarif).
    pub fn render(&self, format: Format, color: bool) -> String {
        let reports: Vec<FileReport> = self
            .files
            .iter()
            .map(|f| FileReport { display: &f.display, text: &f.text, diagnostics: &f.diagnostics })
            .collect();
        lint::render(format, &reports, color)
    }
}

/// Lints every design of the book whose `book.toml` is in `book_root`, with the book's
/// configuration, template and `SUMMARY.md`, like `mdbook-design lint --book book_root`.
///
/// ```no_run
/// use mdbook_design::lint::Format;
/// let report = mdbook_design::workflow::lint_book(std::path::Path::new("book"))?;
/// print!("{}", report.render(Format::Human, false));
/// assert!(!report.has_denied());
/// # Ok::<(), mdbook_design::workflow::Error>(())
/// ```
pub fn lint_book(book_root: &Path) -> Result<LintReport, Error> {
    let book = BookDir::load(book_root)?;
    let src = book.src.clone();
    // The session as `lint` takes a book: every design, listed or not; index pages skipped; a
    // design that cannot be read as one is a warning.
    let baseline = book.baseline()?;
    let (mut session, read_warnings) = book.into_session(Scope::Files);
    session.set_baseline(baseline);
    let run = session.lint(&LintOptions::default());
    let warnings = read_warnings
        .iter()
        .chain(session.design_warnings())
        .chain(&run.warnings)
        .map(|w| format!("{}/{w}", slash_path(&src)))
        .collect();
    let mut report = LintReport { checked: run.checked, files: Vec::new(), warnings, baselined: run.baselined };
    for findings in run.findings {
        report.files.push(LintedFile {
            display: slash_path(&src.join(findings.path)),
            text: findings.text.to_string(),
            diagnostics: findings.diagnostics,
        });
    }
    report.files.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(report)
}
