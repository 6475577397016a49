//! A book on disk: `book.toml`, its `src` folder, its template, `SUMMARY.md` and design files.
//! This is the file-reading edge that `lint`, `index` and the xtask share.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::feature::lint::baseline::Baseline;
use crate::model::config::Config;
use crate::model::project::Project;
use crate::session::{BookInput, Chapter, Scope, Session, Warning};

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
    /// Why the book's template file could not be used, when it could not.
    pub template_warning: Option<Warning>,
}

pub(crate) use crate::model::error::Error as BookError;

impl BookDir {
    /// Reads the book whose `book.toml` is in `root`.
    pub fn load(root: &Path) -> Result<BookDir, BookError> {
        let toml_path = root.join("book.toml");
        let toml_text = std::fs::read_to_string(&toml_path).map_err(|e| {
            BookError::book(format!(
                "cannot read {}: {e}; pass --book with the folder that holds book.toml",
                toml_path.display()
            ))
        })?;
        let config =
            Config::from_book_toml(&toml_text).map_err(|e| BookError::book(format!("{}: {e}", toml_path.display())))?;
        let src_name = toml_text
            .parse::<toml::Table>()
            .ok()
            .and_then(|t| t.get("book")?.get("src")?.as_str().map(str::to_string))
            .unwrap_or_else(|| "src".to_string());
        let src = root.join(src_name);
        let (template_text, template_warning) = crate::model::project::read_template(&src, &config);
        let project = Project::new(config, template_text.as_deref())
            .map_err(|e| BookError::book(format!("{}: {e}", toml_path.display())))?;
        let summary = std::fs::read_to_string(src.join("SUMMARY.md")).ok().map(|t| summary_paths(&t));
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
            let entry = entry.map_err(|e| BookError::book(format!("cannot read {}: {e}", src.display())))?;
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
        Ok(BookDir { root: root.to_path_buf(), src, project, summary, designs, template_warning })
    }

    /// The book as the build sees it, for the book pass: the chapters `SUMMARY.md` lists (read
    /// from disk, in order), the designs it does not list, and warnings for listed files that
    /// cannot be read. Without a `SUMMARY.md`, every design is a chapter.
    pub fn book_input(&self) -> (BookInput, Vec<Warning>) {
        let as_chapter = |d: &DesignFile| Chapter { path: Some(d.path.clone()), content: d.text.clone() };
        let Some(listed) = &self.summary else {
            let chapters = self.designs.iter().map(as_chapter).collect();
            let warnings = self.template_warning.iter().cloned().collect();
            let mut input = BookInput { chapters, listed: None, ..BookInput::default() };
            input.sidecars = crate::edge::sidecar_files::read_beside(&self.src, &self.project.config, &input);
            return (input, warnings);
        };
        let by_path: std::collections::HashMap<&str, &DesignFile> =
            self.designs.iter().map(|d| (d.path.as_str(), d)).collect();
        let read: Vec<Result<Chapter, Warning>> = listed
            .par_iter()
            .map(|path| match by_path.get(path.as_str()) {
                Some(d) => Ok(as_chapter(d)),
                None => read_text(&self.src.join(path))
                    .map(|content| Chapter { path: Some(path.clone()), content })
                    .map_err(|e| Warning {
                        path: path.clone(),
                        line: 1,
                        message: format!("SUMMARY.md lists this chapter, but it cannot be read: {e}"),
                        help: "create the file, or remove its entry from SUMMARY.md".into(),
                    }),
            })
            .collect();
        let (mut chapters, mut warnings) = (Vec::new(), self.template_warning.iter().cloned().collect::<Vec<_>>());
        for r in read {
            match r {
                Ok(c) => chapters.push(c),
                Err(w) => warnings.push(w),
            }
        }
        let listed_set: std::collections::HashSet<&str> = listed.iter().map(String::as_str).collect();
        let unlisted = self.designs.iter().filter(|d| !listed_set.contains(d.path.as_str())).map(as_chapter).collect();
        let mut input = BookInput { chapters, unlisted, listed: Some(listed.clone()), ..BookInput::default() };
        input.sidecars = crate::edge::sidecar_files::read_beside(&self.src, &self.project.config, &input);
        (input, warnings)
    }
}

impl BookDir {
    /// The lint baseline the book's configuration names (`baseline`), read; `None` without one.
    pub(crate) fn baseline(&self) -> Result<Option<Baseline>, BookError> {
        configured_baseline(&self.root, &self.project.config)
    }

    /// The session over this book, as `scope` takes it: [`Scope::Book`] as the build does (the
    /// chapters `SUMMARY.md` lists, in order, and the unlisted designs that join them),
    /// [`Scope::Files`] as `lint` does (every design, listed or not, by path). Every file under
    /// `src` is known for link checks. The warnings are what could not be read.
    pub fn into_session(self, scope: Scope) -> (Session, Vec<Warning>) {
        let (mut input, warnings) = match scope {
            Scope::Book => self.book_input(),
            Scope::Files => {
                let chapters = self
                    .designs
                    .iter()
                    .map(|d| Chapter { path: Some(d.path.clone()), content: d.text.clone() })
                    .collect();
                let mut input = BookInput { chapters, listed: self.summary.clone(), ..BookInput::default() };
                input.sidecars = crate::edge::sidecar_files::read_beside(&self.src, &self.project.config, &input);
                (input, self.template_warning.iter().cloned().collect())
            }
        };
        input.files = Some(known_files(&self.src));
        (Session::new(self.project, input, scope), warnings)
    }
}

/// Reads the lint baseline file at `path` (`lint --baseline FILE`, or `baseline = "FILE"`): a
/// file that is missing or does not read as a baseline is an error naming it and what to do,
/// never ignored (a gate that silently reported everything, or nothing, would mislead).
pub(crate) fn read_baseline(path: &Path) -> Result<Baseline, BookError> {
    let again = format!("write it with `mdbook-design lint --write-baseline {}`", path.display());
    let text = std::fs::read_to_string(path).map_err(|e| {
        BookError::book(format!(
            "{}: cannot read the lint baseline: {e}; {again}, or stop naming it (`baseline` in \
             [preprocessor.design], `--baseline`)",
            path.display()
        ))
    })?;
    Baseline::parse(&text)
        .map_err(|why| BookError::book(format!("{}: not a usable lint baseline: {why}; {again} again", path.display())))
}

/// The lint baseline that `baseline` in `[preprocessor.design]` names (relative to the book's
/// `root`), read; `None` when the key is not set (or empty).
pub(crate) fn configured_baseline(root: &Path, config: &Config) -> Result<Option<Baseline>, BookError> {
    match config.baseline.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(path) => read_baseline(&root.join(path)).map(Some),
        None => Ok(None),
    }
}

/// Every file under `src` outside hidden folders, relative to it, sorted.
pub(crate) fn known_files(src: &Path) -> Vec<String> {
    walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| Some(slash_path(e.path().strip_prefix(src).ok()?)))
        .collect()
}

/// What the build reads of `src` beside mdBook's chapters: the design files that `listed` does
/// not name (read from disk and sorted by path; a file that cannot be read is a warning instead;
/// none when `read_unlisted` is off) and every file outside hidden folders (for link checks), in
/// one walk.
pub(crate) fn unlisted_designs(
    project: &Project,
    src: &Path,
    listed: &[String],
    read_unlisted: bool,
) -> (Vec<Chapter>, Vec<Warning>, Vec<String>) {
    let listed: std::collections::HashSet<&str> = listed.iter().map(|p| p.trim_start_matches("./")).collect();
    let mut paths = Vec::new();
    let mut known = Vec::new();
    let walk = walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk.flatten() {
        let Ok(relative) = entry.path().strip_prefix(src) else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = slash_path(relative);
        if read_unlisted && project.is_design(relative) && !listed.contains(path.as_str()) {
            paths.push(path.clone());
        }
        known.push(path);
    }
    let read: Vec<Result<Chapter, Warning>> = paths
        .into_par_iter()
        .map(|path| match read_text(&src.join(&path)) {
            // Without a byte-order mark, as mdBook loads the chapters SUMMARY.md lists: left in,
            // it would be the page's first character and its title a paragraph.
            Ok(content) => {
                let content = match content.strip_prefix('\u{FEFF}') {
                    Some(rest) => rest.to_string(),
                    None => content,
                };
                Ok(Chapter { path: Some(path), content })
            }
            Err(e) => Err(Warning {
                line: 1,
                message: format!("this design is not in SUMMARY.md and cannot be read: {e}"),
                help: "add it to SUMMARY.md or fix its permissions".into(),
                path,
            }),
        })
        .collect();
    let (mut chapters, mut warnings) = (Vec::new(), Vec::new());
    for r in read {
        match r {
            Ok(c) => chapters.push(c),
            Err(w) => warnings.push(w),
        }
    }
    (chapters, warnings, known)
}

/// Reads a file as text; invalid UTF-8 is replaced so a bad file never stops a run.
pub(crate) fn read_text(path: &Path) -> Result<String, BookError> {
    let bytes = std::fs::read(path).map_err(|e| BookError::book(format!("cannot read {}: {e}", path.display())))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

pub(crate) use crate::text::links::slash_path;

/// The chapter paths a `SUMMARY.md` links, in order, without `./` and fragments.
pub fn summary_paths(summary: &str) -> Vec<String> {
    crate::text::markdown::link_destinations(summary).into_iter().filter_map(|dest| summary_chapter(&dest)).collect()
}

/// The chapter a `SUMMARY.md` link destination names, relative to `src`: without `./` and the
/// fragment, percent-decoded; `None` for a draft chapter's empty link.
pub(crate) fn summary_chapter(dest: &str) -> Option<String> {
    let dest = dest.split('#').next().unwrap_or("").trim_start_matches("./");
    (!dest.is_empty()).then(|| crate::text::links::decode(dest).into_owned())
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
        std::fs::write(dir.join("src/design/_template.md"), crate::model::template::BUILTIN_TEMPLATE).unwrap();
        let book = BookDir::load(&dir).unwrap();
        let paths: Vec<_> = book.designs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["design/a.md", "design/net/b.md"]);
        assert_eq!(book.summary.as_deref(), Some(&["design/a.md".to_string()][..]));
        std::fs::remove_dir_all(&dir).unwrap();
        let err = BookDir::load(&dir).unwrap_err();
        assert!(err.message().contains("--book"), "{err}");
    }
}
