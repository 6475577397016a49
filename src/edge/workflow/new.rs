//! `new_design`: the book's template copied to a correctly named file, title and status filled,
//! and listed in `SUMMARY.md`.

use std::path::{Path, PathBuf};

use crate::edge::book::BookDir;
use crate::model::design::file_name_for;
use crate::model::project::Project;
use crate::model::status::Status;
use crate::model::template::BUILTIN_TEMPLATE;
use crate::text::edit::{splice, Edit};

use super::paths::designs_folder;
use super::verify::{verify, Reader};
use super::{read, summary, write_all, Error};

/// Creates a design titled `title` in the book whose `book.toml` is in `book_root`: the book's
/// template (the built-in one when the book has none) copied to
/// `<src>/<designs folder>/<file name>.md`, where the file name is the template's rule (the
/// lowercased title, runs of spaces and punctuation as one `-`), with the title filled in and
/// the status `provisional`, and an entry in `SUMMARY.md` after the last design entry (at the
/// same indentation). Refuses to overwrite an existing file. Returns the new file's path.
///
/// ```no_run
/// let path = mdbook_design::workflow::new_design(std::path::Path::new("book"), "Faster builds")?;
/// assert!(path.ends_with("design/faster-builds.md"));
/// # Ok::<(), mdbook_design::workflow::Error>(())
/// ```
pub fn new_design(book_root: &Path, title: &str) -> Result<PathBuf, Error> {
    let title = title.trim();
    if title.is_empty() || title.contains(['\n', '\r']) {
        return Err(Error::workflow("a design's title is one non-empty line"));
    }
    let stem = file_name_for(title);
    if stem.is_empty() {
        return Err(Error::workflow(format!("the title `{title}` has no letter or digit to name the file after")));
    }
    let book = BookDir::load(book_root)?;
    let config = &book.project.config;
    let path = format!("{}{stem}.md", designs_folder(config));
    let disk = book.src.join(&path);
    if disk.exists() {
        return Err(Error::workflow(format!(
            "{} already exists; choose another title, or edit that design instead",
            disk.display()
        )));
    }
    let template_path = book.src.join(&config.template);
    let template = if template_path.is_file() { read(&template_path)? } else { BUILTIN_TEMPLATE.to_string() };
    let text = fill(&template, title, &book.project)
        .map_err(|e| Error::workflow(format!("{}: {e}", template_path.display())))?;
    let summary_path = book.src.join("SUMMARY.md");
    let summary_text = read(&summary_path)?;
    let is_index = |chapter: &str| {
        std::fs::read_to_string(book.src.join(chapter)).is_ok_and(|t| crate::model::directive::is_index_chapter(&t))
    };
    let summary = summary::add_design(&summary_text, title, &path, &book.project, &is_index)?;
    // Both texts are read back as the build reads them before either is written.
    verify(
        &disk,
        Some(&template),
        &text,
        None,
        Reader::Design { project: &book.project, status: Some(Status::Provisional) },
    )?;
    verify(&summary_path, Some(&summary_text), &summary, None, Reader::Summary { adds: &path })?;
    write_all(&[(&disk, &text, true), (&summary_path, &summary, false)])?;
    Ok(disk)
}

/// The template with its title heading's text replaced by `title` and its status by
/// `provisional`.
pub(crate) fn fill(template: &str, title: &str, project: &Project) -> Result<String, String> {
    let design = project.parse(template);
    let mut edits = Vec::new();
    match design.title_heading() {
        Some(h) => edits.push(Edit::replace(h.content.clone(), title)),
        None => {
            let at = design.front_matter.as_ref().map_or(0, |f| super::summary::next_line(template, f.raw.range.end));
            let nl = crate::text::source::line_break(template);
            edits.push(Edit::insert(at, format!("# {title}{nl}{nl}")));
        }
    }
    let status = design
        .status
        .as_ref()
        .ok_or("the template has no Status section or front matter `status:` to fill; add `## Status`")?;
    edits.push(Edit::replace(status.span.clone(), Status::Provisional.as_str()));
    splice(template, edits).map(|(text, _)| text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Config;

    #[test]
    fn fills_the_builtin_template() {
        let project = Project::new(Config::default(), None).unwrap();
        let text = fill(BUILTIN_TEMPLATE, "Faster builds", &project).unwrap();
        let design = project.parse(&text);
        assert_eq!(design.title_heading().unwrap().text, "Faster builds");
        assert_eq!(design.status(), Status::Provisional);
        assert_eq!(design.status.unwrap().raw, "provisional");
        assert_eq!(
            text.len(),
            BUILTIN_TEMPLATE.len() - "Title".len() + "Faster builds".len()
                - "One of: provisional|implementable|implemented|deferred|rejected|withdrawn|replaced".len()
                + "provisional".len()
        );
    }
}
