//! The crate's one error type: every failure the library reports is an [`Error`], one message
//! naming the file, the line and what to do, with a kind that says which step failed.

use std::fmt;

/// Why something mdbook-design was asked to do cannot be done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// Which step failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `[preprocessor.design]` in `book.toml` is invalid.
    Config,
    /// A book folder or one of its files cannot be read.
    Book,
    /// A workflow step (new, status set, install, lint --fix, release notes) refused or failed;
    /// nothing was written.
    Workflow,
    /// The preprocessor cannot run on what mdBook sent.
    Preprocessor,
}

impl Error {
    /// An invalid `[preprocessor.design]`: `message` says which key and what it accepts.
    pub(crate) fn config(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Config, message: message.into() }
    }

    /// A book that cannot be read.
    pub(crate) fn book(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Book, message: message.into() }
    }

    /// A workflow step that failed.
    pub(crate) fn workflow(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Workflow, message: message.into() }
    }

    /// A preprocessor run that cannot go on.
    pub(crate) fn preprocessor(message: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Preprocessor, message: message.into() }
    }

    /// Which step failed.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message without the prefix that [`fmt::Display`] adds for its kind.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::Config => write!(f, "invalid [preprocessor.design] in book.toml: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
