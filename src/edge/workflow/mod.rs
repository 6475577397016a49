//! The docs workflow as plain functions, for another project's `xtask` or tools: create a design
//! from the template ([`new_design`]), move its status ([`set_status`]), add the preprocessor to an
//! existing book ([`install`]), lint a book ([`lint_book`]), build it in-process
//! ([`build_book`], with the `driver` feature) and write release notes from git
//! ([`release_notes`]). The `mdbook-design` subcommands `new`,
//! `status set` and `install`, and this project's `cargo xtask`, call exactly these.
//!
//! Every change to an author's file is a byte-range splice ([`crate::text::edit::splice`]): only the
//! edited bytes differ. Every text is read back with the build's own readers before it is
//! written (`verify`), and files are written only after every file of a step has passed: each
//! goes to a temporary file in its own folder first, and all are renamed into place at the end.

#[cfg(feature = "driver")]
pub(crate) mod build;
mod front_matter;
pub(crate) mod install;
pub(crate) mod lint;
pub(crate) mod new;
pub(crate) mod paths;
pub(crate) mod release;
pub(crate) mod status;
mod summary;
pub(crate) mod verify;

use std::fmt;
use std::path::Path;

pub(crate) use install::{install, InstallOptions};
pub(crate) use lint::{lint_book, LintReport};
pub(crate) use new::new_design;
pub(crate) use release::{release_notes, NotesFormat, Range};
pub(crate) use status::{set_status, status_edits};

pub(crate) use crate::model::error::Error;

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
    std::fs::read_to_string(path).map_err(|e| Error::workflow(format!("cannot read {}: {e}", path.display())))
}

/// Writes every `(path, text, new)` triple, creating parent folders; `new` files must not exist
/// yet. All or nothing as far as the file system allows: every text goes to a temporary file
/// beside its target first, and only when all of them are written are they renamed into place
/// (an existing file's permissions are kept).
pub(crate) fn write_all(files: &[(&Path, &str, bool)]) -> Result<(), Error> {
    let mut temps: Vec<std::path::PathBuf> = Vec::new();
    let result = stage(files, &mut temps).and_then(|()| {
        for ((path, _, _), temp) in files.iter().zip(&temps) {
            std::fs::rename(temp, path)
                .map_err(|e| Error::workflow(format!("cannot write {}: {e}", path.display())))?;
        }
        Ok(())
    });
    if result.is_err() {
        for temp in &temps {
            let _ = std::fs::remove_file(temp);
        }
    }
    result
}

/// Writes each text to a temporary file beside its target, pushing each to `temps`.
fn stage(files: &[(&Path, &str, bool)], temps: &mut Vec<std::path::PathBuf>) -> Result<(), Error> {
    for (path, text, new) in files {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::workflow(format!("cannot create the folder {}: {e}", parent.display())))?;
        }
        if *new && path.exists() {
            return Err(Error::workflow(format!("{} already exists; not overwritten", path.display())));
        }
        let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
        let temp = path.with_file_name(format!(".{name}.mdbook-design-{}.tmp", std::process::id()));
        std::fs::write(&temp, text).map_err(|e| Error::workflow(format!("cannot write {}: {e}", temp.display())))?;
        temps.push(temp.clone());
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(&temp, meta.permissions());
        }
    }
    Ok(())
}
