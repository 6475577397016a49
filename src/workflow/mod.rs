//! The docs workflow as plain functions, for another project's `xtask` or tools: create a design
//! from the template ([`new_design`]), move its status ([`set_status`]), add the preprocessor to an
//! existing book ([`install`]), lint a book ([`lint_book`]), build it in-process
//! ([`build_book`], with the `driver` feature) and write release notes from git
//! ([`release_notes`]). The `mdbook-design` subcommands `new`,
//! `status set` and `install`, and this project's `cargo xtask`, call exactly these.
//!
//! Every change to an author's file is a byte-range splice ([`crate::edit::splice`]): only the
//! edited bytes differ. Files are written only after every edit of a step has been computed.

#[cfg(feature = "driver")]
mod build;
mod front_matter;
mod install;
mod lint;
mod new;
mod paths;
mod release;
mod status;
mod summary;

use std::fmt;
use std::path::Path;

#[cfg(feature = "driver")]
pub use build::build_book;
pub use install::{install, InstallOptions};
pub use lint::{lint_book, LintReport, LintedFile};
pub use new::new_design;
pub use release::{release_notes, NotesFormat, Range, ReleaseNotes};
pub use status::{set_status, status_edits, FileEdits, StatusChange};

/// Why a workflow step failed: one message naming the file and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<crate::book::BookError> for Error {
    fn from(e: crate::book::BookError) -> Error {
        Error(e.0)
    }
}

/// What a step changed, one line per change; empty when it had nothing to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// What was changed, in the order it was done (`added [preprocessor.design] to book.toml`).
    pub changes: Vec<String>,
}

impl Report {
    /// Whether nothing was changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return f.write_str("nothing to change: everything was already in place\n");
        }
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}

/// Reads a file as UTF-8 text, naming it in the error.
pub(crate) fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error(format!("cannot read {}: {e}", path.display())))
}

/// Writes every `(path, text)` pair, creating parent folders; `new` files must not exist yet.
pub(crate) fn write_all(files: &[(&Path, &str, bool)]) -> Result<(), Error> {
    use std::io::Write as _;
    for (path, text, new) in files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error(format!("cannot create the folder {}: {e}", parent.display())))?;
        }
        let result = if *new {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .and_then(|mut f| f.write_all(text.as_bytes()))
        } else {
            std::fs::write(path, text)
        };
        result.map_err(|e| Error(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(())
}
