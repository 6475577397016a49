//! `set_status`: a design's status changed where the design keeps it (its sidecar metadata
//! file's `status:`, its Status section or front matter `status:`), and the two-way `replaced`
//! links kept consistent.

use std::path::{Path, PathBuf};

use crate::edge::book::BookDir;
use crate::model::config::Config;
use crate::model::design::{Design, StatusSource};
use crate::model::project::Project;
use crate::model::status::Status;
use crate::text::edit::{splice, Applied, Edit};
use crate::text::markdown::{FrontMatterKind, RawFrontMatter};
use crate::text::source::{line_break, line_end};

use super::paths::{absolute, book_root_of, is_local, names_file, relative_link};
use super::verify::{verify, Reader};
use super::{front_matter, read, write_all, Error, Report};

/// Sets the status of the design in `file` to `status`, editing only the status text: the
/// status line of its Status section, or its front matter `status:` value (a Status section is
/// added under the title when the design declares no status at all). Every other byte stays.
///
/// With `replaced_by` (only with [`Status::Replaced`]), both designs name each other as the
/// index reads them: the old design links the new one (a `Replaced by [Title](path).` line under
/// its status in the Status section, or `superseded-by:` in its front matter when its status
/// lives there), and the new one lists the old one under `replaces:` in its front matter (front
/// matter is added when it has none). References already there are kept and not repeated.
///
/// The book's configuration (template, status aliases) applies when a `book.toml` is found in a
/// folder above `file`.
pub fn set_status(file: &Path, status: Status, replaced_by: Option<&Path>) -> Result<Report, Error> {
    check_request(status, replaced_by.is_some())?;
    let project = project_for(file)?;
    let text = read(file)?;
    let sidecar = match project.config.metadata_file.as_deref().filter(|n| !n.trim().is_empty()) {
        Some(name) => crate::edge::sidecar_files::read_beside_file(file, name, name),
        None => None,
    };
    let replacement = match replaced_by {
        Some(new_file) => {
            if !absolute(new_file).is_file() {
                return Err(Error::workflow(format!("{}: no such design to be replaced by", new_file.display())));
            }
            Some((new_file, read(new_file)?))
        }
        None => None,
    };
    let change = status_edits(
        &project,
        file,
        &text,
        status,
        sidecar.as_ref(),
        replacement.as_ref().map(|(p, t)| (*p, t.as_str())),
    )?;
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    for f in &change.files {
        let (out, _) = splice(&f.text, f.edits.clone()).map_err(|e| at(&f.path, e.to_string()))?;
        if out != f.text {
            writes.push((f.path.clone(), out));
        }
    }
    let files: Vec<(&Path, &str, bool)> = writes.iter().map(|(p, t)| (p.as_path(), t.as_str(), false)).collect();
    write_all(&files)?;
    Ok(Report { changes: change.changes })
}

/// One file's part of a status change: the file, its text as read and the edits to it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileEdits {
    /// The file (the design, its sidecar metadata file, or the replacing design).
    pub path: PathBuf,
    /// Its text before the change, which the edits' byte ranges point into.
    pub text: String,
    /// The edits, for splicing into `text`.
    pub edits: Vec<Edit>,
}

/// What [`status_edits`] computed: the edits per file, and a sentence per change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatusChange {
    /// The files to change, the design first.
    pub files: Vec<FileEdits>,
    /// What changes, as [`set_status`] reports it.
    pub changes: Vec<String>,
}

fn check_request(status: Status, replaced: bool) -> Result<(), Error> {
    if status == Status::Unknown {
        return Err(Error::workflow(format!("`unknown` is not a status; use one of {}", canonical_list())));
    }
    if replaced && status != Status::Replaced {
        return Err(Error::workflow(format!("--replaced-by goes with the status `replaced`, not `{status}`")));
    }
    Ok(())
}

/// The edits of [`set_status`], computed in memory without reading or writing a file, each text
/// already read back as the build reads it: `file` is the design's path (its folder places the
/// sidecar and relative links), `text` its text (an editor's, say), `sidecar` the sidecar
/// metadata file beside it as read, and `replaced_by` the replacing design's path and text. The
/// language server's "Set status" action and [`set_status`] both take their edits from here.
pub fn status_edits(
    project: &Project,
    file: &Path,
    text: &str,
    status: Status,
    sidecar: Option<&crate::model::design::SidecarText>,
    replaced_by: Option<(&Path, &str)>,
) -> Result<StatusChange, Error> {
    check_request(status, replaced_by.is_some())?;
    let old_abs = absolute(file);
    // A byte-order mark is not part of the design: edits are computed past it.
    let (body, bom) = past_bom(text);
    let design = parse_safely(project, file, body)?;
    let mut sentence = None;
    let mut report = Report::default();
    let mut writes: Vec<Pending> = Vec::new();
    // A sidecar (`metadata-file`, such as `kep.yaml`) that declares a status wins over the text:
    // the status is set there, and in the text too only when the text also declares one.
    let sidecar = sidecar_status(project, file, sidecar, status)?;
    let in_sidecar = sidecar.is_some();
    if status == Status::Replaced && replaced_by.is_none() && !names_replacement(&design, sidecar.as_ref()) {
        return Err(Error::workflow(format!(
            "{}: `replaced` needs the design that replaces it, so that readers can follow: add \
             --replaced-by FILE (or name it first: `superseded-by:` in front matter, or `Replaced by [Title](file.md).` \
             in the Status section)",
            file.display()
        )));
    }
    if let Some(pending) = sidecar {
        report.changes.push(format!("{}: status set to {status}", pending.path.display()));
        writes.push(pending);
    }
    if let Some((new_file, new_text)) = replaced_by {
        let new_abs = absolute(new_file);
        if new_abs == old_abs {
            return Err(Error::workflow(format!("{}: a design cannot replace itself", file.display())));
        }
        let (new_body, new_bom) = past_bom(new_text);
        let new_design = parse_safely(project, new_file, new_body)?;
        let to_new = relative_link(old_abs.parent().unwrap_or(Path::new("/")), &new_abs);
        let to_old = relative_link(new_abs.parent().unwrap_or(Path::new("/")), &old_abs);
        let old_says = design.replaced_by.iter().chain(front_superseded(&design)).filter(|r| is_local(r));
        let mut already = false;
        for reference in old_says {
            if names_file(reference, &old_abs, &new_abs) {
                already = true;
            } else {
                return Err(Error::workflow(format!(
                    "{}: already says it is replaced by `{reference}`; remove that reference first",
                    file.display()
                )));
            }
        }
        if !already {
            let title = new_design.display_title(&to_new);
            sentence = Some(ReplacedBy { path: to_new.clone(), title });
            report.changes.push(format!("{}: now says it is replaced by {to_new}", file.display()));
        }
        let new_says = new_design.replaces.iter().any(|r| names_file(r, &new_abs, &old_abs));
        if !new_says {
            let new_edits = match &new_design.front_matter {
                Some(fm) => front_matter::add_to_list(new_body, &fm.raw, &["replaces"], &to_old),
                None => {
                    let nl = line_break(new_body);
                    vec![Edit::insert(0, format!("---{nl}replaces:{nl}  - \"{to_old}\"{nl}---{nl}{nl}"))]
                }
            };
            let edits = shifted(new_edits, new_bom);
            let (out, applied) = splice(new_text, edits.clone()).map_err(|e| at(new_file, e.to_string()))?;
            writes.push(Pending {
                path: new_file.to_path_buf(),
                before: new_text.to_string(),
                edits,
                out,
                applied,
                sidecar: false,
                status: None,
            });
            report.changes.push(format!("{}: now says it replaces {to_old}", new_file.display()));
        }
    }
    if !in_sidecar || design.status.is_some() || sentence.is_some() {
        let edits = edits(body, &design, project, status, sentence.as_ref()).map_err(|(offset, e)| {
            Error::workflow(format!("{}:{}: {e}", file.display(), crate::text::source::line_of(body, offset)))
        })?;
        let edits = shifted(edits, bom);
        let (out, applied) = splice(text, edits.clone()).map_err(|e| at(file, e.to_string()))?;
        if out != text {
            report.changes.insert(0, format!("{}: status set to {status}", file.display()));
            let pending = Pending {
                path: file.to_path_buf(),
                before: text.to_string(),
                edits,
                out,
                applied,
                sidecar: false,
                status: Some(status),
            };
            writes.insert(0, pending);
        }
    }
    // Every text is read back as the build reads it before any edit is handed out.
    for w in &writes {
        let reader = if w.sidecar {
            Reader::Sidecar { project, status: w.status }
        } else {
            Reader::Design { project, status: w.status }
        };
        verify(&w.path, Some(&w.before), &w.out, Some(&w.applied), reader)?;
    }
    let files = writes.into_iter().map(|w| FileEdits { path: w.path, text: w.before, edits: w.edits }).collect();
    Ok(StatusChange { files, changes: report.changes })
}

/// A text about to be written, with what it must read back as.
struct Pending {
    /// Where it goes.
    path: PathBuf,
    /// The file's text now.
    before: String,
    /// The edits to it.
    edits: Vec<Edit>,
    /// The new text.
    out: String,
    /// The edits that made it.
    applied: Vec<Applied>,
    /// Whether it is a sidecar metadata file (else a design).
    sidecar: bool,
    /// The status it must declare.
    status: Option<Status>,
}

/// `text` without a leading byte-order mark, and the mark's length.
fn past_bom(text: &str) -> (&str, usize) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, text.len() - rest.len()),
        None => (text, 0),
    }
}

/// Edits computed on a text past its byte-order mark, moved onto the whole text.
fn shifted(edits: Vec<Edit>, by: usize) -> Vec<Edit> {
    edits.into_iter().map(|e| Edit::replace(e.range.start + by..e.range.end + by, e.text)).collect()
}

/// Whether the design (its Status section or front matter) or its sidecar already names the
/// design that replaces it.
fn names_replacement(design: &Design, sidecar: Option<&Pending>) -> bool {
    let in_sidecar = sidecar.is_some_and(|s| {
        let file = crate::model::design::SidecarText { path: String::new(), text: s.before.clone(), read_error: None };
        let parsed = crate::model::design::Sidecar::parse(&file, &Default::default());
        ["superseded-by", "replaced-by"].iter().any(|k| parsed.values.get(*k).is_some_and(|v| !v.items.is_empty()))
    });
    design.replaced_by.is_some() || front_superseded(design).next().is_some() || in_sidecar
}

/// The design's sidecar with its `status` value replaced by `status`, when the book configures
/// `metadata-file` and the sidecar beside `file` declares a status; an error when that sidecar
/// does not parse (editing it would be a guess).
fn sidecar_status(
    project: &Project,
    file: &Path,
    found: Option<&crate::model::design::SidecarText>,
    status: Status,
) -> Result<Option<Pending>, Error> {
    let Some(name) = project.config.metadata_file.as_deref().filter(|n| !n.trim().is_empty()) else {
        return Ok(None);
    };
    let path = file.parent().unwrap_or(Path::new(".")).join(name);
    let Some(found) = found else {
        return Ok(None);
    };
    let sidecar = crate::model::design::Sidecar::parse(found, &project.aliases);
    if let Some((line, message)) = &sidecar.error {
        return Err(Error::workflow(format!("{}:{line}: {message}; fix it before setting the status", path.display())));
    }
    if sidecar.status.is_none() {
        return Ok(None);
    }
    // The whole file is edited as a front matter body: the `status` value is replaced inside
    // its quotes, and a comment after it is kept.
    let text = &sidecar.text;
    let kind = if name.ends_with(".toml") { FrontMatterKind::Toml } else { FrontMatterKind::Yaml };
    let whole = RawFrontMatter { kind, range: 0..text.len(), body: 0..text.len(), outer: 0..text.len() };
    let edits = front_matter::set_status(text, &whole, status.as_str()).map_err(|(offset, e)| {
        Error::workflow(format!("{}:{}: {e}", path.display(), crate::text::source::line_of(text, offset)))
    })?;
    let (out, applied) = splice(text, edits.clone()).map_err(|e| at(&path, e.to_string()))?;
    Ok(Some(Pending { path, before: text.clone(), edits, out, applied, sidecar: true, status: Some(status) }))
}

fn canonical_list() -> String {
    Status::CANONICAL.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

fn at(file: &Path, message: String) -> Error {
    Error::workflow(format!("{}: {message}", file.display()))
}

/// The project of the book holding `file`, or the defaults outside a book.
fn project_for(file: &Path) -> Result<Project, Error> {
    match book_root_of(file) {
        Some(root) => Ok(BookDir::load(&root)?.project),
        None => Project::new(Config::default(), None).map_err(|e| Error::workflow(e.to_string())),
    }
}

/// The design, unless its front matter does not parse (editing it would be a guess).
fn parse_safely(project: &Project, file: &Path, text: &str) -> Result<Design, Error> {
    let design = project.parse(text);
    if let Some(error) = design.front_matter.as_ref().and_then(|f| f.error.as_ref()) {
        let line = crate::text::source::line_of(text, error.offset);
        return Err(Error::workflow(format!("{}:{line}: {}; {}", file.display(), error.message, error.help)));
    }
    Ok(design)
}

fn front_superseded(design: &Design) -> impl Iterator<Item = &String> {
    design.front_matter.iter().flat_map(|f| f.superseded_by.iter())
}

/// The replacement an old design is to name.
struct ReplacedBy {
    /// The relative link to it.
    path: String,
    /// Its title.
    title: String,
}

impl ReplacedBy {
    /// `Replaced by [Title](path).`
    fn sentence(&self) -> String {
        let title = self.title.replace('[', "\\[").replace(']', "\\]");
        let target = if self.path.contains([' ', '(', ')']) { format!("<{}>", self.path) } else { self.path.clone() };
        format!("Replaced by [{title}]({target}).")
    }
}

/// The edits that write `status` where the design keeps its status, and the link to its
/// replacement: in front matter when the status is there, else under the status line.
fn edits(
    text: &str,
    design: &Design,
    project: &Project,
    status: Status,
    replaced_by: Option<&ReplacedBy>,
) -> Result<Vec<Edit>, (usize, String)> {
    let word = status.as_str();
    let nl = line_break(text);
    let in_front_matter = match &design.status {
        Some(field) => field.source == StatusSource::FrontMatter,
        None => design.front_matter.is_some() && design.section(&project.template, "Status").is_none(),
    };
    let mut edits = Vec::new();
    if let (true, Some(fm)) = (in_front_matter, &design.front_matter) {
        edits.extend(front_matter::set_status(text, &fm.raw, word)?);
        if let Some(new) = replaced_by {
            edits.extend(front_matter::add_to_list(text, &fm.raw, &["superseded-by", "replaced-by"], &new.path));
        }
        return Ok(edits);
    }
    let link = replaced_by.map_or(String::new(), |new| format!("{nl}{nl}{}", new.sentence()));
    if let Some(field) = design.status.as_ref().filter(|f| f.reading == crate::model::status::Reading::Unrecognized) {
        // Text that names no status (a table, a sentence) is the project's: the status goes on a
        // line of its own above it, where the build reads it, and the text stays.
        edits.push(Edit::insert(field.line.start, format!("{word}{link}{nl}{nl}")));
    } else if let Some(field) = &design.status {
        // A link in the status text would be read as the replacement: then the whole text goes.
        let range = if link.is_empty() { word_span(text, field) } else { field.span.clone() };
        edits.push(Edit::replace(range, word));
        if !link.is_empty() {
            edits.push(Edit::insert(field.line.end, link));
        }
    } else if let Some(section) = design.section(&project.template, "Status") {
        edits.push(Edit::insert(section.body.start, format!("{nl}{word}{link}{nl}")));
    } else if let Some(title) = design.title_heading() {
        edits.push(Edit::insert(line_end(text, title.range.end), format!("{nl}{nl}## Status{nl}{nl}{word}{link}")));
    } else {
        return Err((
            0,
            "the design has no title, Status section or front matter to put a status in; add `## Status`".into(),
        ));
    }
    Ok(edits)
}

/// The bytes of a section status to replace: the status word as written (with a `One of:`
/// prompt before it), keeping emphasis, a link's target and words after it (`**Implemented**`,
/// `[Implemented](https://...)`, `implemented (alpha)`); the whole text when it names no status.
fn word_span(text: &str, field: &crate::model::design::StatusField) -> std::ops::Range<usize> {
    if !matches!(field.reading, crate::model::status::Reading::Status { .. }) {
        return field.span.clone();
    }
    let raw = &text[field.span.clone()];
    let start = field.prompt.as_ref().map_or(field.span.start, |p| p.end);
    let lead = text[start..field.span.end].len()
        - text[start..field.span.end].trim_start_matches(['*', '_', '`', '[', '|', ' ']).len();
    let word_start = start + lead;
    let rest = &text[word_start..field.span.end];
    let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
    if len == 0 || raw.is_empty() {
        return field.span.clone();
    }
    field.prompt.as_ref().map_or(word_start, |p| p.start)..word_start + len
}
