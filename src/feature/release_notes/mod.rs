//! Release notes from the designs themselves: every design whose status changed in a range of
//! git history, grouped by its new status, each with its title, link and Summary.
//!
//! [`collect`] reads git (through [`crate::feature::history`]) and parses each design with the same
//! model as the book; [`to_markdown`] and [`to_json`] are pure.

pub(crate) mod check;
pub(crate) mod excerpt;
mod json;
mod markdown;
pub(crate) mod page;
pub(crate) mod range;

use std::path::Path;

pub(crate) use check::SummaryProblem;
pub(crate) use json::to_json;
pub(crate) use markdown::{quiet_releases_markdown, to_markdown};
pub(crate) use range::Selection;

use crate::feature::history::changes::{compare, DesignChange};
use crate::feature::history::git::Repo;
use crate::feature::history::HistoryError;
use crate::model::project::Project;
use crate::model::status::Status;
use excerpt::LinkBase;

/// The version of the JSON output's schema; it changes only when a field changes meaning or
/// goes away (new fields may be added).
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// The groups of the notes, in the order they are printed.
pub(crate) const GROUP_ORDER: [Status; 7] = [
    Status::Implemented,
    Status::Implementable,
    Status::Provisional,
    Status::Deferred,
    Status::Rejected,
    Status::Withdrawn,
    Status::Replaced,
];

/// The heading of the group of designs that reached `status`.
pub(crate) fn group_title(status: Status) -> &'static str {
    match status {
        Status::Implemented => "Implemented",
        Status::Implementable => "Ready for implementation",
        Status::Provisional => "New proposals",
        Status::Deferred => "Deferred",
        Status::Rejected => "Rejected",
        Status::Withdrawn => "Withdrawn",
        Status::Replaced => "Replaced",
        Status::Unknown => "Other",
    }
}

/// The release notes of one range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Notes {
    /// The range the notes cover.
    pub range: range::Resolved,
    /// One group per status of [`GROUP_ORDER`], each possibly empty.
    pub groups: Vec<Group>,
}

/// The designs that reached one status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    /// The status they reached.
    pub status: Status,
    /// The designs, by title (ignoring case) then path.
    pub entries: Vec<NoteEntry>,
}

/// One design in the notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteEntry {
    /// The path at the end of the range, relative to the book's `src`.
    pub path: String,
    /// The path at the start of the range, when the design was renamed or moved.
    pub old_path: Option<String>,
    /// The design's title as plain text.
    pub title: String,
    /// The status at the start; `None` for a design added in the range.
    pub from: Option<Status>,
    /// The status at the end.
    pub to: Status,
    /// The Summary as Markdown (headings demoted, links absolute); `None` when it is missing
    /// or blank.
    pub summary: Option<String>,
    /// The built page under the base URL, else the source file from the repository's top.
    pub url: String,
    /// What `--check` reports about the Summary.
    pub problem: Option<SummaryProblem>,
}

/// Where the book is and how it is configured.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BookLocation<'a> {
    /// The book's `src` folder on disk (inside a git work tree).
    pub src: &'a Path,
    /// The book's settings.
    pub project: &'a Project,
    /// The built book's address; `None` links to source files.
    pub base_url: Option<&'a str>,
}

/// The heading level of each entry in the Markdown notes; Summary headings go below it.
pub(crate) const ENTRY_LEVEL: u8 = 4;

/// Reads the history of the book at `book` and builds the notes of `selection`.
pub(crate) fn collect(book: BookLocation<'_>, selection: &Selection) -> Result<Notes, HistoryError> {
    let repo = Repo::open(book.src)?;
    let prefix = repo.prefix_of(book.src)?;
    let resolved = range::resolve(&repo, selection)?;
    let changes = compare(&repo, book.project, &prefix, resolved.from.as_deref(), &resolved.to)?;
    let base_url = book.base_url.map(|u| u.trim_end_matches('/')).filter(|u| !u.is_empty());
    let links = LinkBase { base_url, src_prefix: &prefix, from_chapter: None, html: false };
    Ok(Notes { groups: groups(changes, book.project, links), range: resolved })
}

/// The changed designs grouped by new status, in [`GROUP_ORDER`], each group sorted.
pub(crate) fn groups(changes: Vec<DesignChange>, project: &Project, links: LinkBase<'_>) -> Vec<Group> {
    let mut groups: Vec<Group> = GROUP_ORDER.iter().map(|&status| Group { status, entries: Vec::new() }).collect();
    for change in changes.into_iter().filter(DesignChange::changed) {
        let Some(group) = groups.iter_mut().find(|g| g.status == change.to) else { continue };
        let design = project.parse(&change.text);
        let template = &project.template;
        group.entries.push(NoteEntry {
            title: design.display_title(&change.path),
            summary: excerpt::summary(&change.text, &design, template, &change.path, ENTRY_LEVEL + 1, links),
            url: links.chapter(&change.path, ""),
            problem: check::summary_problem(&change.text, &design, template),
            path: change.path,
            old_path: change.old_path,
            from: change.from,
            to: change.to,
        });
    }
    for group in &mut groups {
        group.entries.sort_by_cached_key(|e| (e.title.to_lowercase(), e.title.clone(), e.path.clone()));
    }
    groups
}

impl Notes {
    /// Every entry, in printed order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = &NoteEntry> {
        self.groups.iter().flat_map(|g| &g.entries)
    }
}
