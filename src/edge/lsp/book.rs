//! The books the server holds: found from an opened file (the nearest `book.toml` above it), read
//! once into a [`Session`], read again when `book.toml`, the template, `SUMMARY.md` or a sidecar
//! changes, and a design's text replaced as the editor or the disk changes it.

use std::path::{Path, PathBuf};

use crate::edge::book::{slash_path, BookDir};
use crate::model::config::Config;
use crate::model::project::Project;
use crate::session::{BookInput, Scope, Session};

/// One book (or one loose file's folder, without `book.toml`).
#[derive(Debug)]
pub(crate) struct Book {
    /// The folder holding `book.toml` (the file's folder for a loose file).
    pub(crate) root: PathBuf,
    /// Where chapter paths start (the book's `src`).
    pub(crate) src: PathBuf,
    /// Whether a `book.toml` was found.
    pub(crate) has_toml: bool,
    /// The session over the book's designs, as `mdbook-design lint` takes them.
    pub(crate) session: Session,
    /// Why `book.toml` could not be used (the defaults apply meanwhile).
    pub(crate) error: Option<String>,
}

impl Book {
    /// The book holding `file`: the nearest folder above it with a `book.toml`. A book whose
    /// `book.toml` (or template) does not parse is read with the defaults, with the error kept
    /// for the client to show.
    pub(crate) fn for_file(file: &Path) -> Book {
        let folder = file.parent().unwrap_or(Path::new("/"));
        match folder.ancestors().find(|d| d.join("book.toml").is_file()) {
            Some(root) => Book::load(root),
            None => Book::loose(folder, None),
        }
    }

    /// Reads the book whose `book.toml` is in `root`.
    pub(crate) fn load(root: &Path) -> Book {
        match BookDir::load(root) {
            Ok(dir) => {
                let src = dir.src.clone();
                // A baseline that cannot be read is shown as the book's error (every finding is
                // reported then), as `lint` and the build refuse it.
                let (baseline, baseline_error) = match dir.baseline() {
                    Ok(b) => (b, None),
                    Err(e) => (None, Some(e.to_string())),
                };
                let error = dir.template_warning.as_ref().map(ToString::to_string).or(baseline_error);
                let (mut session, _) = dir.into_session(Scope::Files);
                session.set_baseline(baseline);
                Book { root: root.to_path_buf(), src, has_toml: true, session, error }
            }
            Err(e) => {
                let mut book = Book::loose(root, Some(e.to_string()));
                book.has_toml = true;
                book.src = root.join("src");
                book
            }
        }
    }

    /// A folder without a usable `book.toml`: the default configuration, no designs yet (open
    /// files join as they are opened).
    fn loose(folder: &Path, error: Option<String>) -> Book {
        // As `mdbook-design lint FILE` outside a book: every file opened is a design.
        let config = Config { designs: vec!["**".into()], ..Config::default() };
        let project = Project::new(config, None).expect("the built-in template parses");
        let session = Session::new(project, BookInput::default(), Scope::Files);
        Book { root: folder.to_path_buf(), src: folder.to_path_buf(), has_toml: false, session, error }
    }

    /// The path the session names `file` by (relative to `src`, `/`-separated), when it is under it.
    pub(crate) fn chapter_path(&self, file: &Path) -> Option<String> {
        file.strip_prefix(&self.src).ok().map(slash_path)
    }

    /// Whether a change to `file` (relative to nothing: a path on disk) means reading the whole
    /// book again: `book.toml`, `SUMMARY.md`, the template, or a sidecar metadata file.
    pub(crate) fn is_book_file(&self, file: &Path) -> bool {
        if file == self.root.join("book.toml") || file == self.src.join("SUMMARY.md") {
            return true;
        }
        let config = &self.session.project().config;
        if file == self.src.join(&config.template) {
            return true;
        }
        // The lint baseline: rewritten by `lint --write-baseline`, it changes what is reported.
        if config.baseline.as_deref().is_some_and(|b| file == self.root.join(b.trim())) {
            return true;
        }
        match config.metadata_file.as_deref() {
            Some(name) if !name.trim().is_empty() => file.file_name().is_some_and(|n| n == name),
            _ => false,
        }
    }

    /// Replaces a design's text (see [`Session::set_design_text`]); a file outside `src` is no
    /// design of this book.
    pub(crate) fn set_text(&mut self, file: &Path, text: String) -> Option<String> {
        let path = self.chapter_path(file)?;
        self.session.set_design_text(&path, text).then_some(path)
    }
}
