//! A book on disk: `book.toml`, its `src` folder, its template, `SUMMARY.md` and design files.
//! This is the file-reading edge that `lint`, `index` and the xtask share.

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::project::Project;

/// A design file read from a book's `src` folder.
#[derive(Debug, Clone)]
pub struct DesignFile {
    /// The path relative to `src`, with `/` separators (as mdBook names chapters).
    pub path: String,
    /// The path on disk.
    pub disk_path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// A book read from disk.
#[derive(Debug)]
pub struct BookDir {
    /// The folder holding `book.toml`.
    pub root: PathBuf,
    /// The book's `src` folder.
    pub src: PathBuf,
    /// Settings, template and selection.
    pub project: Project,
    /// Chapter paths that `SUMMARY.md` links, relative to `src`; `None` without a `SUMMARY.md`.
    pub summary: Option<Vec<String>>,
    /// The designs, sorted by path.
    pub designs: Vec<DesignFile>,
}

/// Why a book could not be read.
#[derive(Debug)]
pub struct BookError(pub String);

impl fmt::Display for BookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BookError {}

impl BookDir {
    /// Reads the book whose `book.toml` is in `root`.
    pub fn load(root: &Path) -> Result<BookDir, BookError> {
        let toml_path = root.join("book.toml");
        let toml_text = std::fs::read_to_string(&toml_path).map_err(|e| {
            BookError(format!(
                "cannot read {}: {e}; pass --book with the folder that holds book.toml",
                toml_path.display()
            ))
        })?;
        let config =
            Config::from_book_toml(&toml_text).map_err(|e| BookError(format!("{}: {e}", toml_path.display())))?;
        let src_name = toml_text
            .parse::<toml::Table>()
            .ok()
            .and_then(|t| t.get("book")?.get("src")?.as_str().map(str::to_string))
            .unwrap_or_else(|| "src".to_string());
        let src = root.join(src_name);
        let template_text = std::fs::read_to_string(src.join(&config.template)).ok();
        let project = Project::new(config, template_text.as_deref())
            .map_err(|e| BookError(format!("{}: {e}", toml_path.display())))?;
        let summary = std::fs::read_to_string(src.join("SUMMARY.md")).ok().map(|t| summary_paths(&t));
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
            let entry = entry.map_err(|e| BookError(format!("cannot read {}: {e}", src.display())))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(&src) else { continue };
            if !project.is_design(relative) {
                continue;
            }
            found.push((slash_path(relative), entry.path().to_path_buf()));
        }
        // Reading (and checking UTF-8) on every core matters for books of a thousand designs.
        let designs = found
            .into_par_iter()
            .map(|(path, disk_path)| Ok(DesignFile { text: read_text(&disk_path)?, path, disk_path }))
            .collect::<Result<Vec<_>, BookError>>()?;
        Ok(BookDir { root: root.to_path_buf(), src, project, summary, designs })
    }
}

/// Reads a file as text; invalid UTF-8 is replaced so a bad file never stops a run.
pub fn read_text(path: &Path) -> Result<String, BookError> {
    let bytes = std::fs::read(path).map_err(|e| BookError(format!("cannot read {}: {e}", path.display())))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// A relative path with `/` separators.
pub fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The chapter paths a `SUMMARY.md` links, in order, without `./` and fragments.
pub fn summary_paths(summary: &str) -> Vec<String> {
    let parser = pulldown_cmark::Parser::new(summary);
    parser
        .filter_map(|event| match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                let dest = dest_url.split('#').next().unwrap_or("").trim_start_matches("./");
                (!dest.is_empty()).then(|| crate::links::decode(dest).into_owned())
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_links() {
        let s = "# Summary\n\n[Intro](intro.md)\n\n- [A](./design/a.md)\n  - [B](design/b%20c.md#x)\n- [Draft]()\n";
        assert_eq!(summary_paths(s), ["intro.md", "design/a.md", "design/b c.md"]);
    }

    #[test]
    fn loads_a_book() {
        let dir = std::env::temp_dir().join(format!("mdbook-design-book-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/design/net")).unwrap();
        std::fs::write(dir.join("book.toml"), "[book]\ntitle = \"x\"\n[preprocessor.design]\n").unwrap();
        std::fs::write(dir.join("src/SUMMARY.md"), "- [A](design/a.md)\n").unwrap();
        std::fs::write(dir.join("src/design/a.md"), "# A\n\n## Status\n\nimplemented\n").unwrap();
        std::fs::write(dir.join("src/design/net/b.md"), "# B\n").unwrap();
        std::fs::write(dir.join("src/design/_template.md"), crate::template::BUILTIN_TEMPLATE).unwrap();
        let book = BookDir::load(&dir).unwrap();
        let paths: Vec<_> = book.designs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["design/a.md", "design/net/b.md"]);
        assert_eq!(book.summary.as_deref(), Some(&["design/a.md".to_string()][..]));
        std::fs::remove_dir_all(&dir).unwrap();
        let err = BookDir::load(&dir).unwrap_err();
        assert!(err.0.contains("--book"), "{err}");
    }
}
