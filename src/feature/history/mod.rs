//! A book's status history read from git: version tags, the designs at any revision, how each
//! design's status changed between two revisions (renames and moves followed), and every
//! design's timeline.

pub(crate) mod changes;
pub(crate) mod git;
pub(crate) mod stale;
pub(crate) mod timeline;
pub(crate) mod versions;

use std::fmt;

/// What kind of problem stopped reading the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HistoryErrorKind {
    /// The book is not inside a git repository, or git cannot run.
    NotARepository,
    /// A shallow clone lacks the commits or tags needed.
    Shallow,
    /// A tag given on the command line does not exist or is not a version.
    UnknownTag,
    /// A revision given on the command line names no commit.
    UnknownRevision,
    /// The repository has no version tags.
    NoVersionTags,
    /// The repository has no commits yet.
    NoHistory,
    /// A git command failed.
    Git,
}

/// Why the history could not be read: one message that says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HistoryError {
    /// The kind of problem.
    pub kind: HistoryErrorKind,
    /// The message for the user.
    pub message: String,
}

impl HistoryError {
    /// Builds an error of `kind`.
    pub(crate) fn new(kind: HistoryErrorKind, message: impl Into<String>) -> HistoryError {
        HistoryError { kind, message: message.into() }
    }

    /// The book is not in a git repository.
    pub(crate) fn not_a_repository(message: impl Into<String>) -> HistoryError {
        HistoryError::new(HistoryErrorKind::NotARepository, message)
    }

    /// A git command failed.
    pub(crate) fn git(message: impl Into<String>) -> HistoryError {
        HistoryError::new(HistoryErrorKind::Git, message)
    }
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HistoryError {}

pub(crate) use timeline::{History, StatusChange};
