//! `build_book`: a book built in-process with mdbook-driver and the design preprocessor, with no
//! `mdbook` or `mdbook-design` binary needed.

use std::path::{Path, PathBuf};

use mdbook_driver::MDBook;

use crate::edge::mdbook::preprocessor::DesignPreprocessor;

use super::Error;

/// Builds the book whose `book.toml` is in `book_root` with the design preprocessor compiled in
/// (it takes the place of a `[preprocessor.design]` command, in the same order; a book without
/// that table gets it after the built-in preprocessors). Returns the folder holding the HTML.
///
/// ```no_run
/// let html = mdbook_design::workflow::build_book(std::path::Path::new("book"))?;
/// println!("open {}", html.join("index.html").display());
/// # Ok::<(), mdbook_design::workflow::Error>(())
/// ```
pub fn build_book(book_root: &Path) -> Result<PathBuf, Error> {
    let mut book = MDBook::load(book_root)
        .map_err(|e| Error::workflow(format!("cannot load the book in {}: {e:#}", book_root.display())))?;
    book.with_preprocessor(DesignPreprocessor);
    book.build().map_err(|e| Error::workflow(format!("cannot build the book in {}: {e:#}", book_root.display())))?;
    Ok(book.build_dir_for("html"))
}
