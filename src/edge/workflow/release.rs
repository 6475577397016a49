//! Release notes of a book, as text: the step behind `mdbook-design release-notes`.

use std::path::Path;

use crate::edge::book::BookDir;
use crate::feature::release_notes::{self, BookLocation, Selection};

use super::Error;

/// Which changes the notes cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Range {
    /// A version tag, compared with the release before it (`v1.5.0` with the highest `v1.4.x`).
    Release(String),
    /// From one revision (excluded) to another (included; HEAD when `None`).
    Since {
        /// Start of the range.
        since: String,
        /// End of the range.
        until: Option<String>,
    },
    /// From the latest version tag to HEAD.
    Unreleased,
}

/// The release notes' text format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotesFormat {
    /// Markdown to paste into a release or a CHANGELOG.
    Markdown,
    /// JSON with a `schema_version` (the book's "Release notes" chapter documents it).
    Json,
}

/// Release notes made by [`release_notes`]: the text, and the designs `--check` would reject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseNotes {
    /// The notes in the asked format.
    pub text: String,
    /// One line per design whose status changed but whose Summary is empty, `None` or the
    /// template's text (`design/x.md (Title) has no Summary`).
    pub missing_summaries: Vec<String>,
}

/// The release notes of the book in `book_root` for `range`, read from git; `base_url` (else
/// the config's `release-notes.base-url`) is where the built pages are.
pub fn release_notes(
    book_root: &Path,
    range: Range,
    format: NotesFormat,
    base_url: Option<&str>,
) -> Result<ReleaseNotes, Error> {
    let book = BookDir::load(book_root)?;
    let selection = match range {
        Range::Release(tag) => Selection::Release(tag),
        Range::Since { since, until } => Selection::Since { since, until },
        Range::Unreleased => Selection::Unreleased,
    };
    let base_url = base_url.map(str::to_string).or_else(|| book.project.config.release_notes.base_url.clone());
    let location = BookLocation { src: &book.src, project: &book.project, base_url: base_url.as_deref() };
    let notes = release_notes::collect(location, &selection).map_err(|e| Error::workflow(e.to_string()))?;
    let text = match format {
        NotesFormat::Markdown => release_notes::to_markdown(&notes),
        NotesFormat::Json => {
            let mut text = serde_json::to_string_pretty(&release_notes::to_json(&notes)).unwrap_or_default();
            text.push('\n');
            text
        }
    };
    let missing_summaries = notes
        .entries()
        .filter_map(|e| {
            let problem = e.problem?;
            Some(format!(
                "{} ({}) {}; its status changed to {}, so the release notes need its Summary: write one or two \
                 sentences on what changes for users",
                e.path,
                e.title,
                problem.describe(),
                e.to
            ))
        })
        .collect();
    Ok(ReleaseNotes { text, missing_summaries })
}
