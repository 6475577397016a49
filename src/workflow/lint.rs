//! `lint_book`: every design of a book checked against the template, as `mdbook-design lint
//! --book DIR` does, returned instead of printed.

use std::path::Path;

use crate::book::{slash_path, BookDir};
use crate::lint::{self, Diagnostic, FileReport, Format, LintContext};
use crate::pipeline::{BookInput, Chapter, Pass, Scope};

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
    // The book pass every entry point shares, as `lint` takes a book: every design, listed or
    // not; index pages skipped; a design that cannot be read as one is a warning.
    let input = BookInput {
        chapters: book
            .designs
            .iter()
            .map(|d| Chapter { path: Some(d.path.clone()), content: d.text.clone() })
            .collect(),
        unlisted: Vec::new(),
        listed: book.summary.clone(),
    };
    let pass = Pass::new(&book.project, input, Scope::Files);
    let warnings = pass.design_warnings().map(|w| format!("{}/{w}", slash_path(&book.src))).collect();
    let files = pass.lint_files();
    let known: Vec<String> = walkdir::WalkDir::new(&book.src)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| Some(slash_path(e.path().strip_prefix(&book.src).ok()?)))
        .collect();
    let ctx = LintContext::new(&book.project, &files, book.summary.as_deref())
        .map_err(|e| Error(format!("{}: {e}", book_root.join("book.toml").display())))?
        .with_files(known)
        .without_edits();
    let findings = lint::lint_all(&ctx, &files);
    let mut report = LintReport { checked: files.len(), files: Vec::new(), warnings };
    for (file, diagnostics) in files.iter().zip(findings) {
        if !diagnostics.is_empty() {
            let display = slash_path(&book.src.join(file.path));
            report.files.push(LintedFile { display, text: file.text.to_string(), diagnostics });
        }
    }
    report.files.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(report)
}
