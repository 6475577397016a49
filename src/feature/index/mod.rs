//! The index of all designs: one [`Entry`] per design (also the JSON schema), two-way
//! `replaced` links, and the `{{#design-index}}` expansion into a summary table.
//!
//! Everything here is pure: the preprocessor and `mdbook-design index` read the files and call
//! [`Entry::from_design`], [`link_replacements`], [`expand`] and [`to_json`].

pub(crate) mod replace;
pub(crate) mod summary;
pub(crate) mod table;

use std::fmt;

use serde::{Serialize, Serializer};

use crate::feature::render::Format;
pub(crate) use crate::model::config::IndexOrder;
use crate::model::design::Design;
use crate::model::directive;
pub(crate) use crate::model::directive::Filter;
use crate::model::project::Project;
use crate::model::status::Status;
use crate::text::edit::{container_prefix, splice, Edit};
use crate::text::links;
use crate::text::source::{line_break, line_end, line_of, line_start};
use replace::is_none_word;
pub(crate) use replace::link_replacements;

/// The version of the JSON index's schema; it changes only when a field changes meaning or
/// goes away (new fields may be added).
pub(crate) const SCHEMA_VERSION: u32 = 2;

/// One design in the index: a table row and an object of the JSON index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The chapter's path relative to the book's `src`, with `/` separators.
    pub path: String,
    /// The H1 title (else front matter `title`, else one made from the file name).
    pub title: String,
    /// The canonical status; `unknown` when none is declared or recognised.
    #[serde(serialize_with = "status_word")]
    pub status: Status,
    /// The status as written in the design, or `None` when it declares none.
    pub status_raw: Option<String>,
    /// The project's own word the status is written as (`status-aliases`), which the index's
    /// badge shows as the page's does; kept out of the JSON, whose `status_raw` has it.
    #[serde(skip)]
    pub status_word: Option<String>,
    /// The first sentence of the Summary section as one line of inline Markdown, cut near
    /// 200 characters with an ellipsis; `None` without a Summary paragraph.
    pub summary: Option<String>,
    /// The first sentence of the first paragraph, shown in the table when there is no Summary
    /// (not in the JSON index, whose `summary` stays the Summary section's).
    #[serde(skip)]
    pub lead: Option<String>,
    /// The design's area: its metadata's `area` (or `owning-sig`, `sig`), else the sub-folder
    /// under the designs folder (`net`, `net/dns`; a `README.md` design's own folder is not
    /// counted), empty at the top level.
    pub area: String,
    /// The metadata's `number` (or `kep-number`, `id`).
    pub number: Option<String>,
    /// The metadata's `authors` (or `author`).
    pub authors: Vec<String>,
    /// The metadata's `stage`.
    pub stage: Option<String>,
    /// The metadata's `latest-milestone`, else the last `milestone` value.
    pub milestone: Option<String>,
    /// Configured columns (`[preprocessor.design.index] columns`) that are other metadata keys.
    pub extra: std::collections::BTreeMap<String, String>,
    /// The configured columns, in order, for the table.
    #[serde(skip)]
    pub columns: Vec<String>,
    /// Whether the status is deferred, rejected, withdrawn or replaced.
    pub inactive: bool,
    /// Paths of the designs this one replaces (filled by [`link_replacements`]).
    pub replaces: Vec<String>,
    /// Path of the design that replaces this one (filled by [`link_replacements`]).
    pub replaced_by: Option<String>,
    /// The template sections present, by their template names, in document order.
    pub sections: Vec<String>,
    /// The version tag the design was implemented in, from git (`null` when it is not
    /// implemented, not released yet, or the history is off).
    pub released: Option<String>,
    /// The date (`YYYY-MM-DD`, UTC) of the last commit that changed the design's file, from git
    /// (`null` when the design is not committed or the history is off).
    pub last_changed: Option<String>,
    /// Whether the design is stale under `[preprocessor.design.stale]` (always `false` when that
    /// is not configured or the design has no history).
    pub stale: bool,
    /// The references as written in the design, before resolution.
    #[serde(skip)]
    pub references: References,
}

/// `replaced-by` and `replaces` references as a design writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct References {
    /// `superseded-by` in front matter, or a link in the Status section of a replaced design.
    pub replaced_by: Option<String>,
    /// `replaces` in front matter.
    pub replaces: Vec<String>,
}

fn status_word<S: Serializer>(status: &Status, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.as_str())
}

impl Entry {
    /// The index entry of the design at `path` (relative to the book's `src`, `/` separators)
    /// whose text is `text`, parsed as `design`.
    pub fn from_design(path: &str, text: &str, design: &Design, project: &Project) -> Entry {
        let status = design.status();
        let mut sections = Vec::new();
        for s in &design.sections {
            let name = &project.template.sections[s.template].name;
            if !sections.contains(name) {
                sections.push(name.clone());
            }
        }
        // The sidecar's `superseded-by` and `replaces` (kep.yaml) count as front matter's do.
        let sidecar_list = |key: &str| design.sidecar.as_ref().map_or(&[][..], |s| s.get(key));
        let from_front_matter = design
            .front_matter
            .as_ref()
            .and_then(|f| f.superseded_by.first())
            .or_else(|| {
                sidecar_list("superseded-by").iter().chain(sidecar_list("replaced-by")).find(|r| !is_none_word(r))
            })
            .cloned();
        // A link in the Status section names the replacement only when the design is replaced
        // (`[Implemented](https://.../pull/1)` links a pull request).
        let replaced_by = if status == Status::Replaced {
            design.replaced_by.clone().or(from_front_matter)
        } else {
            from_front_matter
        };
        let columns = &project.config.index.columns;
        let meta = crate::model::design::Metadata::of(design, text, columns);
        Entry {
            path: path.to_string(),
            title: title(path, design),
            number: meta.number,
            authors: meta.authors,
            stage: meta.stage,
            milestone: meta.milestone,
            extra: meta.extra,
            columns: columns.clone(),
            status,
            status_raw: design.status_raw().map(str::to_string),
            status_word: design.alias_word(&project.aliases),
            summary: summary::first_sentence(text, design, &project.template),
            lead: summary::lead_sentence(text, design, &project.template),
            area: meta.area.unwrap_or_else(|| project.area(path)),
            inactive: status.is_inactive(),
            replaces: Vec::new(),
            replaced_by: None,
            sections,
            released: None,
            last_changed: None,
            stale: false,
            references: References {
                replaced_by: replaced_by.filter(|r| !r.trim().is_empty()),
                replaces: design
                    .replaces
                    .iter()
                    .chain(sidecar_list("replaces"))
                    .filter(|r| !r.trim().is_empty())
                    .cloned()
                    .collect(),
            },
        }
    }

    /// An entry with only a path, a title made from it and an unknown status.
    pub fn bare(path: &str) -> Entry {
        Entry {
            path: path.to_string(),
            title: crate::model::design::title_from_path(path),
            status: Status::Unknown,
            status_raw: None,
            status_word: None,
            summary: None,
            lead: None,
            area: String::new(),
            number: None,
            authors: Vec::new(),
            stage: None,
            milestone: None,
            extra: Default::default(),
            columns: Vec::new(),
            inactive: false,
            replaces: Vec::new(),
            replaced_by: None,
            sections: Vec::new(),
            released: None,
            last_changed: None,
            stale: false,
            references: References::default(),
        }
    }
}

/// The title as the index shows it: the one front matter declares (unless only an identifier),
/// else the H1 as written (inline HTML kept, to be escaped), else what [`Design::display_title`]
/// gives.
fn title(path: &str, design: &Design) -> String {
    match design.title_heading() {
        Some(h) if !h.source_text.trim().is_empty() && design.declared_display_title().is_none() => {
            h.source_text.trim().to_string()
        }
        _ => design.display_title(path),
    }
}

/// Orders entries: by status in template order (unknown last) then title, or by title.
pub(crate) fn sort(entries: &mut [&Entry], order: IndexOrder) {
    let rank = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap_or(usize::MAX);
    let title = |e: &Entry| e.title.to_lowercase();
    match order {
        IndexOrder::Status => {
            entries.sort_by(|a, b| (rank(a.status), title(a), &a.path).cmp(&(rank(b.status), title(b), &b.path)))
        }
        IndexOrder::Title => entries.sort_by(|a, b| (title(a), &a.path).cmp(&(title(b), &b.path))),
    }
}

/// A problem with the index worth telling the author: a dangling `replaced` reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Warning {
    /// The design the problem is in.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A `{{#design-index}}` directive that cannot be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexError {
    /// The chapter's path.
    pub chapter: String,
    /// The 1-based line of the directive.
    pub line: usize,
    /// What is wrong, with the accepted values.
    pub message: String,
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {{{{#design-index}}}}: {}", self.chapter, self.line, self.message)
    }
}

impl std::error::Error for IndexError {}

/// Replaces every `{{#design-index ...}}` of a chapter (outside code) with a table of
/// `entries`; `None` when the chapter has none. `chapter_path` is the chapter's path relative
/// to the book's `src`: links in the table are relative to its page.
///
/// A directive with bad arguments is an error naming the chapter, line and accepted values;
/// use [`expand_lenient`] to expand the good directives and keep the bad ones as written. The
/// build uses that one; this strict form is the tests' way to see each error.
#[cfg(test)]
pub(crate) fn expand(
    chapter_text: &str,
    chapter_path: &str,
    entries: &[Entry],
    order: IndexOrder,
    format: Format,
) -> Result<Option<String>, IndexError> {
    let (text, mut errors) = expand_lenient(chapter_text, chapter_path, entries, order, format, true);
    if errors.is_empty() {
        Ok(text)
    } else {
        Err(errors.remove(0))
    }
}

/// Like [`expand`], but directives with bad arguments stay in the text as written and are
/// returned as errors; the text is `None` when nothing was expanded. `inline_style` puts the
/// stylesheet on the page (with the first table); it is off when the book installed it as
/// `additional-css` (see [`crate::model::config::Config::stylesheet_installed`]).
pub(crate) fn expand_lenient(
    chapter_text: &str,
    chapter_path: &str,
    entries: &[Entry],
    order: IndexOrder,
    format: Format,
    inline_style: bool,
) -> (Option<String>, Vec<IndexError>) {
    let mut edits = Vec::new();
    let mut errors = Vec::new();
    for d in directive::find(chapter_text).into_iter().filter(|d| !d.escaped) {
        let filter = match directive::parse_args(&d.args) {
            Ok(f) => f,
            Err(message) => {
                errors.push(IndexError {
                    chapter: chapter_path.to_string(),
                    line: line_of(chapter_text, d.range.start),
                    message,
                });
                continue;
            }
        };
        let style = inline_style && edits.is_empty();
        let lines = table_lines(chapter_path, entries, &filter, filter.order.unwrap_or(order), format, style);
        edits.push(placement(chapter_text, d.range, &lines));
    }
    if edits.is_empty() {
        return (None, errors);
    }
    match splice(chapter_text, edits) {
        Ok((out, _)) => (Some(out), errors),
        Err(e) => {
            errors.push(IndexError { chapter: chapter_path.to_string(), line: 1, message: e.to_string() });
            (None, errors)
        }
    }
}

/// The lines of one table: `entries` filtered and ordered, for the page of `chapter_path`;
/// `style` adds the stylesheet (once per page).
pub(crate) fn table_lines(
    chapter_path: &str,
    entries: &[Entry],
    filter: &Filter,
    order: IndexOrder,
    format: Format,
    style: bool,
) -> Vec<String> {
    let mut rows: Vec<&Entry> = entries
        .iter()
        .filter(|e| {
            filter.accepts(e.status, &e.area)
                && filter.accepts_release(e.released.as_deref())
                && filter.accepts_stale(e.stale)
        })
        .collect();
    sort(&mut rows, order);
    let view = table::View { of: entries.len(), filter, style, group: filter.group_by_status };
    table::render(&rows, entries, chapter_path, format, &view)
}

/// The edit putting `lines` in place of the directive at `range`, as a block of its own: blank
/// lines around it where needed, and each line prefixed to stay in the directive's block
/// quote or list item.
fn placement(text: &str, range: std::ops::Range<usize>, lines: &[String]) -> Edit {
    let nl = line_break(text);
    let start_of_line = line_start(text, range.start);
    let end_of_line = line_end(text, range.end);
    let before = &text[start_of_line..range.start];
    let after = &text[range.end..end_of_line];
    let prefix = container_prefix(text, start_of_line + container_len(before));
    let blank = prefix.trim_end();
    let body = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { l.clone() } else { format!("{prefix}{l}") })
        .collect::<Vec<_>>()
        .join(nl);
    if is_container_prefix(before) && after.trim().is_empty() {
        let previous_blank = start_of_line == 0 || {
            let prev_start = line_start(text, start_of_line - 1);
            is_container_prefix(text[prev_start..start_of_line].trim_end_matches(['\n', '\r']))
        };
        let next_start = (end_of_line + nl.len()).min(text.len());
        let next_blank = next_start >= text.len() || {
            let next_end = line_end(text, next_start);
            is_container_prefix(&text[next_start..next_end])
        };
        let mut out = String::new();
        if !previous_blank {
            out.push_str(nl);
            out.push_str(&prefix);
        }
        out.push_str(&body);
        if !next_blank {
            out.push_str(nl);
            out.push_str(blank);
        }
        Edit::replace(range.start..end_of_line, out)
    } else {
        let trailing = after.len() - after.trim_start().len();
        let out = format!("{nl}{blank}{nl}{prefix}{body}{nl}{blank}{nl}{prefix}");
        Edit::replace(range.start..range.end + trailing, out)
    }
}

/// Whether a line's start holds only block quote markers, list markers and spaces.
fn is_container_prefix(text: &str) -> bool {
    container_len(text) == text.len()
}

/// The length of the block quote markers, list markers and spaces that start `text`.
fn container_len(text: &str) -> usize {
    let mut rest = text.trim_start();
    loop {
        if rest.is_empty() {
            return text.len();
        }
        if let Some(r) = rest.strip_prefix('>') {
            rest = r.trim_start();
            continue;
        }
        let marker = if rest.starts_with(['-', '*', '+']) {
            1
        } else {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 && rest[digits..].starts_with(['.', ')']) {
                digits + 1
            } else {
                return text.len() - rest.len();
            }
        };
        let r = &rest[marker..];
        if !(r.is_empty() || r.starts_with(char::is_whitespace)) {
            return text.len() - rest.len();
        }
        rest = r.trim_start();
    }
}

/// The entries' titles by path (the first entry of a path wins), for the replacement lines of
/// one build.
pub(crate) struct Titles<'a>(std::collections::HashMap<&'a str, &'a str>);

impl<'a> Titles<'a> {
    /// Indexes `entries`.
    pub(crate) fn new(entries: &'a [Entry]) -> Titles<'a> {
        let mut by_path = std::collections::HashMap::with_capacity(entries.len());
        for e in entries {
            by_path.entry(e.path.as_str()).or_insert(e.title.as_str());
        }
        Titles(by_path)
    }
}

/// The line a design's own page shows about replacements, as Markdown: `Replaced by [X](x.md).`
/// and/or `Replaces [Y](y.md).`, with links relative to the design's page; `None` when the
/// design neither replaces nor is replaced. `entry` is the design's entry after
/// [`link_replacements`], `titles` those of the book. For HTML the links name the pages mdBook
/// writes (`x.html`, and `index.html` for a `README.md`, which mdBook does not rewrite in links).
pub(crate) fn replacement_line(entry: &Entry, titles: &Titles, format: Format) -> Option<String> {
    let link = |to: &str| {
        let title = titles.0.get(to).copied().unwrap_or(to);
        format!(
            "[{}](<{}>)",
            crate::feature::render::badge::inline_text(title, Format::Markdown),
            links::encode_markdown_dest(&links::chapter_link(&entry.path, to, format == Format::Html))
        )
    };
    let mut parts = Vec::new();
    if let Some(new) = &entry.replaced_by {
        parts.push(format!("Replaced by {}.", link(new)));
    }
    if !entry.replaces.is_empty() {
        let olds: Vec<String> = entry.replaces.iter().map(|o| link(o)).collect();
        parts.push(format!("Replaces {}.", olds.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

pub(crate) use crate::model::directive::is_index_chapter;

/// Counts of designs per status, as the JSON index has them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    /// All designs.
    pub total: usize,
    /// `provisional`
    pub provisional: usize,
    /// `implementable`
    pub implementable: usize,
    /// `implemented`
    pub implemented: usize,
    /// `deferred`
    pub deferred: usize,
    /// `rejected`
    pub rejected: usize,
    /// `withdrawn`
    pub withdrawn: usize,
    /// `replaced`
    pub replaced: usize,
    /// No or unrecognised status.
    pub unknown: usize,
}

impl Counts {
    /// Counts `entries`.
    pub(crate) fn of(entries: &[Entry]) -> Counts {
        let mut c = Counts { total: entries.len(), ..Counts::default() };
        for e in entries {
            *match e.status {
                Status::Provisional => &mut c.provisional,
                Status::Implementable => &mut c.implementable,
                Status::Implemented => &mut c.implemented,
                Status::Deferred => &mut c.deferred,
                Status::Rejected => &mut c.rejected,
                Status::Withdrawn => &mut c.withdrawn,
                Status::Replaced => &mut c.replaced,
                Status::Unknown => &mut c.unknown,
            } += 1;
        }
        c
    }
}

/// The JSON index document.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct JsonIndex<'a> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Designs per status.
    pub counts: Counts,
    /// One object per design, in index order.
    pub designs: Vec<&'a Entry>,
}

/// The JSON index of `entries` in `order`.
pub(crate) fn to_json(entries: &[Entry], order: IndexOrder) -> serde_json::Value {
    let mut designs: Vec<&Entry> = entries.iter().collect();
    sort(&mut designs, order);
    serde_json::to_value(JsonIndex { schema_version: SCHEMA_VERSION, counts: Counts::of(entries), designs })
        .unwrap_or(serde_json::Value::Null)
}

/// The Markdown index (counts and one table) as `mdbook-design index --format markdown` prints
/// it, with links relative to the book's `src`.
pub(crate) fn to_markdown(entries: &[Entry], order: IndexOrder) -> String {
    let mut out = table_lines("index.md", entries, &Filter::default(), order, Format::Markdown, false).join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests;
