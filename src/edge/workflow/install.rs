//! `install`: the preprocessor added to an existing mdBook in one step, keeping the author's
//! `book.toml` and `SUMMARY.md` as they are apart from what is added.

use std::path::Path;

use toml_edit::{Array, DocumentMut, Item, Table};

use crate::edge::book::summary_paths;
use crate::model::config::Config;
use crate::model::directive::is_index_chapter;
use crate::model::template::BUILTIN_TEMPLATE;

use super::paths::designs_folder;
use super::verify::{verify, Reader};
use super::{read, summary, write_all, Error, Report};

/// The index chapter `install` writes when the book has none.
const INDEX_CHAPTER: &str = "# Designs\n\n{{#design-index}}\n";

/// Adds mdbook-design to the book whose `book.toml` is in `book_root`:
///
/// - `[preprocessor.design]` (with `after = ["links"]`, so designs see `{{#include}}` results)
///   appended to `book.toml` with `toml_edit`, every comment and format of the file kept;
/// - when the designs folder (`src/design/` by default) is missing, that folder with the
///   built-in template as its `_template.md`;
/// - when no chapter of `SUMMARY.md` holds `{{#design-index}}`, a `designs.md` chapter holding
///   it, listed at the end of the numbered chapters.
///
/// With [`InstallOptions::stylesheet`], also the tool's stylesheet as a file
/// (`theme/mdbook-design.css`) listed in `[output.html] additional-css`, for books whose
/// content security policy forbids inline styles: pages then carry no inline copy. Run it again
/// after upgrading mdbook-design to bring the file up to date.
///
/// A second run changes nothing and returns an empty [`Report`].
///
/// ```no_run
/// use mdbook_design::workflow::{install, InstallOptions};
/// let report = install(std::path::Path::new("docs"), InstallOptions::default())?;
/// print!("{report}");
/// # Ok::<(), mdbook_design::workflow::Error>(())
/// ```
pub fn install(book_root: &Path, options: InstallOptions) -> Result<Report, Error> {
    let toml_path = book_root.join("book.toml");
    let toml_text = read(&toml_path)?;
    let mut doc: DocumentMut =
        toml_text.parse().map_err(|e| Error::workflow(format!("{}: not valid TOML: {e}", toml_path.display())))?;
    let mut report = Report::default();
    let mut writes: Vec<(std::path::PathBuf, String, bool)> = Vec::new();

    let has_table = doc.get("preprocessor").and_then(|p| p.get("design")).is_some();
    let mut toml_changed = false;
    if !has_table {
        add_table(&mut doc).map_err(|e| Error::workflow(format!("{}: {e}", toml_path.display())))?;
        toml_changed = true;
        report.changes.push(format!("{}: added [preprocessor.design]", toml_path.display()));
    }
    if options.stylesheet {
        let (css, added) =
            add_stylesheet(&mut doc).map_err(|e| Error::workflow(format!("{}: {e}", toml_path.display())))?;
        if added {
            toml_changed = true;
            report.changes.push(format!("{}: listed {css} in [output.html] additional-css", toml_path.display()));
        }
        let css_path = book_root.join(&css);
        let want = crate::feature::render::style::stylesheet_file();
        if std::fs::read_to_string(&css_path).ok().as_deref() != Some(want.as_str()) {
            report.changes.push(format!("{}: wrote the stylesheet", css_path.display()));
            writes.push((css_path, want, false));
        }
    }
    if toml_changed {
        writes.insert(0, (toml_path.clone(), doc.to_string(), false));
    }
    let new_toml = if toml_changed { writes[0].1.as_str() } else { toml_text.as_str() };
    let config =
        Config::from_book_toml(new_toml).map_err(|e| Error::workflow(format!("{}: {e}", toml_path.display())))?;
    let src_name = new_toml
        .parse::<toml::Table>()
        .ok()
        .and_then(|t| t.get("book")?.get("src")?.as_str().map(str::to_string))
        .unwrap_or_else(|| "src".to_string());
    let src = book_root.join(src_name);

    let folder = src.join(designs_folder(&config));
    if !folder.exists() {
        let template = src.join(&config.template);
        if template.exists() {
            return Err(Error::workflow(format!(
                "{} exists but the designs folder {} does not; check `designs` and `template` in [preprocessor.design]",
                template.display(),
                folder.display()
            )));
        }
        writes.push((template.clone(), BUILTIN_TEMPLATE.to_string(), true));
        report.changes.push(format!("{}: created from the built-in template", template.display()));
    }

    let summary_path = src.join("SUMMARY.md");
    let summary_text =
        read(&summary_path).map_err(|e| Error::workflow(format!("{e}; is {} an mdBook?", book_root.display())))?;
    let has_index = summary_paths(&summary_text)
        .iter()
        .any(|p| std::fs::read_to_string(src.join(p)).is_ok_and(|t| is_index_chapter(&t)));
    let mut listed = None;
    if !has_index {
        let name = ["designs.md", "design-index.md", "designs-index.md"]
            .into_iter()
            .find(|n| !src.join(n).exists())
            .ok_or_else(|| {
                Error::workflow(format!(
                    "{}: designs.md and design-index.md are taken; add a chapter holding {{{{#design-index}}}} by hand",
                    src.display()
                ))
            })?;
        writes.push((src.join(name), INDEX_CHAPTER.to_string(), true));
        writes.push((summary_path.clone(), summary::append_chapter_to(&summary_text, "Designs", name), false));
        listed = Some(name);
        report.changes.push(format!("{}: created with {{{{#design-index}}}}", src.join(name).display()));
        report.changes.push(format!("{}: listed {name}", summary_path.display()));
    }
    // Every text is read back as the build reads it before any file is written (the index
    // chapter and the stylesheet are this tool's own fixed texts).
    let project =
        crate::model::project::Project::new(config.clone(), None).map_err(|e| Error::workflow(e.to_string()))?;
    let template = src.join(&config.template);
    for (path, text, _) in &writes {
        if *path == toml_path {
            verify(path, Some(&toml_text), text, None, Reader::BookToml)?;
        } else if *path == summary_path {
            verify(path, Some(&summary_text), text, None, Reader::Summary { adds: listed.unwrap_or("") })?;
        } else if *path == template {
            verify(path, None, text, None, Reader::Design { project: &project, status: None })?;
        }
    }
    let files: Vec<(&Path, &str, bool)> = writes.iter().map(|(p, t, n)| (p.as_path(), t.as_str(), *n)).collect();
    write_all(&files)?;
    Ok(report)
}

/// What [`install`] adds besides the preprocessor, the template and the index chapter.
#[derive(Debug, Clone, Copy, Default)]
pub struct InstallOptions {
    /// Write the stylesheet to `theme/mdbook-design.css` and list it in `additional-css`.
    pub stylesheet: bool,
}

/// Where the stylesheet goes, relative to the book root, unless `additional-css` already names
/// a file of the same name.
const STYLESHEET_PATH: &str = "theme/mdbook-design.css";

/// Lists the stylesheet in `[output.html] additional-css`; returns its path (an existing entry
/// of that file name is kept) and whether the document changed.
fn add_stylesheet(doc: &mut DocumentMut) -> Result<(String, bool), String> {
    let output = doc.get("output");
    if output.is_some_and(|o| o.get("html").is_none()) {
        return Err(format!(
            "the book has [output] tables but no [output.html]; add \"{STYLESHEET_PATH}\" to the HTML renderer's \
             additional-css by hand"
        ));
    }
    let output = doc.entry("output").or_insert_with(|| {
        let mut t = Table::new();
        t.set_implicit(true);
        Item::Table(t)
    });
    let html =
        output.as_table_like_mut().ok_or("`output` is not a table")?.entry("html").or_insert(Item::Table(Table::new()));
    let html = html.as_table_like_mut().ok_or("`output.html` is not a table")?;
    let list = html.entry("additional-css").or_insert(toml_edit::value(Array::new()));
    let list = list.as_array_mut().ok_or("`additional-css` is not a list of paths")?;
    if let Some(existing) =
        list.iter().filter_map(|v| v.as_str()).find(|p| crate::feature::render::style::is_installed_stylesheet(p))
    {
        return Ok((existing.to_string(), false));
    }
    list.push(STYLESHEET_PATH);
    Ok((STYLESHEET_PATH.to_string(), true))
}

/// Appends `[preprocessor.design]` to the document, after every other table.
fn add_table(doc: &mut DocumentMut) -> Result<(), String> {
    let preprocessor = doc.entry("preprocessor").or_insert_with(|| {
        let mut t = Table::new();
        t.set_implicit(true);
        Item::Table(t)
    });
    let Some(preprocessor) = preprocessor.as_table_mut() else {
        return Err("`preprocessor` is not a table; write `[preprocessor.design]` by hand".into());
    };
    let mut design = Table::new();
    let mut after = Array::new();
    after.push("links");
    design.insert("after", toml_edit::value(after));
    design.decor_mut().set_prefix("\n# mdbook-design: status badges, the design index and lint at build time.\n");
    preprocessor.insert("design", Item::Table(design));
    Ok(())
}
