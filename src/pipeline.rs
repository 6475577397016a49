//! The book-level pass: parse every design once, then compute and splice its edits.
//!
//! Pure over in-memory chapters; the mdBook glue hands chapters in and writes them back.

use rayon::prelude::*;

use crate::config::LintMode;
use crate::design::Design;
use crate::edit::splice;
use crate::index::{self, Entry};
use crate::lint::{self, Diagnostic, LintContext, LintFile};
use crate::normalize::{self, Options};
use crate::project::Project;
use crate::render::Format;
use crate::source::line_of;

/// A warning about one chapter, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The chapter's path relative to the book's `src`.
    pub path: String,
    /// The 1-based line it is about.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}\n  = help: {}", self.path, self.line, self.message, self.help)
    }
}

/// A chapter handed to the pipeline: its source path (when it has one) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// Path relative to the book's `src`, `/`-separated; `None` for draft chapters.
    pub path: Option<String>,
    /// The chapter's Markdown, rewritten in place.
    pub content: String,
}

/// A design chapter after parsing: its model (unless unreadable) and the warning that makes it
/// pass through unchanged (if any).
#[derive(Debug)]
pub struct Parsed {
    /// The model; `None` for binary or oversized files.
    pub design: Option<Design>,
    /// Why the chapter passes through unchanged.
    pub warning: Option<Warning>,
}

/// Parses a design chapter for the book-level steps: the model is kept even when a problem
/// makes the chapter pass through, so the index and the linter still see it.
pub fn parse_for_book(project: &Project, path: &str, text: &str) -> Parsed {
    if let Some((at, message, help)) = unreadable(text, project.config.max_size) {
        let warning = Warning { path: path.to_string(), line: line_of(text, at), message, help };
        return Parsed { design: None, warning: Some(warning) };
    }
    let design = project.parse(text);
    let warning = design.problems.first().map(|problem| Warning {
        path: path.to_string(),
        line: line_of(text, problem.offset),
        message: format!("{}; the chapter is passed through unchanged", problem.message),
        help: problem.help.clone(),
    });
    Parsed { design: Some(design), warning }
}

/// Why a chapter cannot be treated as a design before parsing it (too large, binary).
pub fn unreadable(text: &str, max_size: usize) -> Option<(usize, String, String)> {
    if text.len() > max_size {
        return Some((
            0,
            format!(
                "the file is {} bytes, over the {max_size}-byte limit for designs; the chapter is passed through unchanged",
                text.len()
            ),
            "split the design, or raise `max-size` in [preprocessor.design]".into(),
        ));
    }
    // A NUL byte, or U+FFFD where invalid UTF-8 was replaced, found with SIMD byte searches.
    let nul = memchr::memchr(0, text.as_bytes());
    let replaced = memchr::memmem::find(text.as_bytes(), "\u{FFFD}".as_bytes());
    let first = match (nul, replaced) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if let Some(at) = first {
        return Some((
            at,
            "the file holds binary data (a NUL byte or invalid UTF-8), not Markdown text; the chapter is passed \
             through unchanged"
                .into(),
            "remove the binary content or move the file out of the designs folder".into(),
        ));
    }
    None
}

/// Parses one design chapter, or says why it passes through unchanged.
pub fn parse_chapter(project: &Project, path: &str, text: &str) -> Result<Design, Warning> {
    let Parsed { design, warning } = parse_for_book(project, path, text);
    match (design, warning) {
        (Some(design), None) => Ok(design),
        (_, Some(warning)) => Err(warning),
        // parse_for_book keeps a model whenever it gives no warning.
        (None, None) => Err(Warning {
            path: path.to_string(),
            line: 1,
            message: "the design could not be read".into(),
            help: "please report this as a bug in mdbook-design, with the file".into(),
        }),
    }
}

/// The new text of one parsed design: normalized, with its badge; `replacement` is the
/// two-way replacement sentence shown after the badge.
pub fn rewrite(
    project: &Project,
    path: &str,
    text: &str,
    design: &Design,
    format: Format,
    replacement: Option<&str>,
) -> Result<String, Warning> {
    let options = Options {
        normalize: project.config.normalize,
        notice: project.config.notice,
        format,
        replaced_by: design.replaced_by.as_deref().filter(|d| is_relative_link(d)),
        replacement,
    };
    let edits = normalize::edits(path, text, design, &project.template, options).into_iter().map(|n| n.edit).collect();
    splice(text, edits).map(|(out, _)| out).map_err(|e| Warning {
        path: path.to_string(),
        line: line_of(text, e.range.start),
        message: format!("{e}; the chapter is passed through unchanged"),
        help: "please report this as a bug in mdbook-design, with the file".into(),
    })
}

/// Whether a link works from the design's own page: repository-absolute paths such as
/// `/docs/proposals/x.md` (common in front matter) do not.
fn is_relative_link(dest: &str) -> bool {
    !dest.starts_with('/')
}

/// Lint findings for one design, with the text they point into.
#[derive(Debug)]
pub struct LintReport {
    /// The design's path relative to the book's `src`.
    pub path: String,
    /// The design's text as the author wrote it.
    pub text: String,
    /// The findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a book-level run reports.
#[derive(Debug, Default)]
pub struct Report {
    /// Warnings in chapter order.
    pub warnings: Vec<Warning>,
    /// How many design chapters were rewritten.
    pub rewritten: usize,
    /// How many design chapters passed through unchanged.
    pub passed_through: usize,
    /// Lint findings, per design with any.
    pub lint: Vec<LintReport>,
    /// Whether a lint finding is at `deny` and the configuration says the build must fail.
    pub denied: bool,
}

/// Runs every step over a book's chapters in place: parse each design once, build the index
/// entries, lint, rewrite designs, and expand `{{#design-index}}` directives. `listed` holds
/// the chapter paths `SUMMARY.md` lists (for the `not-in-summary` rule).
pub fn process_book(project: &Project, format: Format, chapters: &mut [Chapter], listed: Option<&[String]>) -> Report {
    let mut report = Report::default();
    // Phase 1, both cores: parse every design once, and spot the index chapters (a chapter
    // holding `{{#design-index}}` is an index page, not a design, wherever it sits).
    let scanned: Vec<(Option<Parsed>, bool)> = chapters
        .par_iter()
        .with_min_len(4)
        .map(|chapter| {
            let is_index = index::is_index_chapter(&chapter.content);
            let design = chapter
                .path
                .as_deref()
                .filter(|p| !is_index && project.is_design(std::path::Path::new(p)))
                .map(|path| parse_for_book(project, path, &chapter.content));
            (design, is_index)
        })
        .collect();
    let designs: Vec<(usize, &Parsed)> =
        scanned.iter().enumerate().filter_map(|(i, (d, _))| d.as_ref().map(|d| (i, d))).collect();
    // The index: one entry per design, passed-through ones too, so none is invisible.
    let mut entries: Vec<Entry> = designs
        .par_iter()
        .map(|(i, parsed)| {
            let chapter = &chapters[*i];
            let path = chapter.path.as_deref().unwrap_or_default();
            match &parsed.design {
                Some(design) => Entry::from_design(path, &chapter.content, design, project),
                None => Entry::bare(path),
            }
        })
        .collect();
    for w in index::link_replacements(&mut entries) {
        report.warnings.push(Warning {
            line: 1,
            help: "link the replacing design by its path in the book, or remove the reference".into(),
            path: w.path,
            message: w.message,
        });
    }
    // Lint with the same parse, when the configuration asks for it.
    if project.config.lint.mode != LintMode::Off {
        let files: Vec<LintFile<'_>> = designs
            .iter()
            // A design that passes through has had its one warning; lint the others.
            .filter(|(_, d)| d.warning.is_none())
            .filter_map(|(i, d)| {
                let design = d.design.as_ref()?;
                Some(LintFile {
                    path: chapters[*i].path.as_deref().unwrap_or_default(),
                    text: &chapters[*i].content,
                    design,
                })
            })
            .collect();
        match LintContext::new(project, &files, listed) {
            Ok(ctx) => {
                let results = lint::lint_all(&ctx, &files);
                for (file, diagnostics) in files.iter().zip(results) {
                    if diagnostics.is_empty() {
                        continue;
                    }
                    report.denied |= project.config.lint.mode == LintMode::Deny && lint::has_denied(&diagnostics);
                    report.lint.push(LintReport {
                        path: file.path.to_string(),
                        text: file.text.to_string(),
                        diagnostics,
                    });
                }
            }
            Err(e) => report.warnings.push(Warning {
                path: "book.toml".into(),
                line: 1,
                message: format!("{e}; designs were not linted"),
                help: "fix [preprocessor.design.lint]".into(),
            }),
        }
    }
    // Phase 2, both cores: the new text of every design that parsed cleanly.
    let rewritten: Vec<(usize, Result<Option<String>, Warning>)> = designs
        .par_iter()
        .zip(entries.par_iter())
        .map(|((i, parsed), entry)| {
            let chapter = &chapters[*i];
            let path = chapter.path.as_deref().unwrap_or_default();
            let result = match (&parsed.design, &parsed.warning) {
                (Some(design), None) => {
                    let replaces_or_replaced = entry.replaced_by.is_some() || !entry.replaces.is_empty();
                    let replacement = replaces_or_replaced.then(|| index::replacement_line(path, &entries)).flatten();
                    rewrite(project, path, &chapter.content, design, format, replacement.as_deref())
                        .map(|out| (out != chapter.content).then_some(out))
                }
                (_, Some(w)) => Err(w.clone()),
                (None, None) => Ok(None),
            };
            (*i, result)
        })
        .collect();
    drop(designs);
    for (i, result) in rewritten {
        match result {
            Ok(Some(text)) => {
                chapters[i].content = text;
                report.rewritten += 1;
            }
            Ok(None) => {}
            Err(w) => {
                report.passed_through += 1;
                report.warnings.push(w);
            }
        }
    }
    // Index tables, with every design's entry.
    let order = project.config.index_order;
    for (chapter, (_, is_index)) in chapters.iter_mut().zip(&scanned) {
        if !is_index {
            continue;
        }
        let path = chapter.path.clone().unwrap_or_default();
        let (text, errors) = index::expand_lenient(&chapter.content, &path, &entries, order, format);
        if let Some(text) = text {
            chapter.content = text;
        }
        for e in errors {
            report.warnings.push(Warning {
                path: e.chapter,
                line: e.line,
                message: format!("{{{{#design-index}}}}: {}; the directive is left as written", e.message),
                help: "fix the directive's arguments".into(),
            });
        }
    }
    report
}
