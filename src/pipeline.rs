//! The book-level pass: parse every design once, then compute and splice its edits.
//!
//! Pure over in-memory chapters; the mdBook glue hands chapters in and writes them back.

use rayon::prelude::*;

use crate::design::Design;
use crate::edit::splice;
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

/// A design parsed from its chapter, ready for the book-level steps.
#[derive(Debug)]
pub struct Parsed {
    /// The chapter's path.
    pub path: String,
    /// The model, or `None` when the chapter passes through unchanged.
    pub design: Option<Design>,
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
    if let Some(at) = text.find(|c: char| c == '\0' || c == '\u{FFFD}') {
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
    if let Some((at, message, help)) = unreadable(text, project.config.max_size) {
        return Err(Warning { path: path.to_string(), line: line_of(text, at), message, help });
    }
    let design = project.parse(text);
    if let Some(problem) = design.problems.first() {
        return Err(Warning {
            path: path.to_string(),
            line: line_of(text, problem.offset),
            message: format!("{}; the chapter is passed through unchanged", problem.message),
            help: problem.help.clone(),
        });
    }
    Ok(design)
}

/// The new text of one parsed design: normalized, with its badge.
pub fn rewrite(project: &Project, path: &str, text: &str, design: &Design, format: Format) -> Result<String, Warning> {
    let options = Options {
        normalize: project.config.normalize,
        notice: project.config.notice,
        format,
        replaced_by: design.replaced_by.as_deref().filter(|d| is_relative_link(d)),
    };
    let edits = normalize::edits(path, text, design, &project.template, options)
        .into_iter()
        .map(|n| n.edit)
        .collect();
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

/// What a book-level run reports.
#[derive(Debug, Default)]
pub struct Report {
    /// Warnings in chapter order.
    pub warnings: Vec<Warning>,
    /// How many design chapters were rewritten.
    pub rewritten: usize,
    /// How many design chapters passed through unchanged.
    pub passed_through: usize,
}

/// Runs every step over a book's chapters, rewriting design chapters in place, in parallel.
pub fn process_book(project: &Project, format: Format, chapters: &mut [Chapter]) -> Report {
    let results: Vec<Option<Result<Option<String>, Warning>>> = chapters
        .par_iter()
        .with_min_len(4)
        .map(|chapter| {
            let path = chapter.path.as_deref().filter(|p| project.is_design(std::path::Path::new(p)))?;
            Some(parse_chapter(project, path, &chapter.content).and_then(|design| {
                let out = rewrite(project, path, &chapter.content, &design, format)?;
                Ok((out != chapter.content).then_some(out))
            }))
        })
        .collect();
    let mut report = Report::default();
    for (chapter, result) in chapters.iter_mut().zip(results) {
        match result {
            Some(Ok(Some(text))) => {
                chapter.content = text;
                report.rewritten += 1;
            }
            Some(Ok(None)) | None => {}
            Some(Err(w)) => {
                report.passed_through += 1;
                report.warnings.push(w);
            }
        }
    }
    report
}
