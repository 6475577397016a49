//! The design book as data: `designs.json` (every design with its status history, dates and
//! current findings, a documented schema with a version) and `feed.xml` (an Atom feed of status
//! changes). Pure: the edge hands in the index entries, the history and the lint findings, and
//! writes the texts where the HTML output is.

pub(crate) mod feed;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::feature::history::timeline::utc_date;
use crate::feature::history::History;
use crate::feature::index::Entry;
use crate::feature::lint::Diagnostic;
use crate::text::links::{encode_path, html_path};

/// The major version of `designs.json`'s schema. Fields are only ever added within a major
/// version; renaming or removing one, or changing its meaning, makes a new major version.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// The file name of the data file in the HTML output.
pub(crate) const DESIGNS_FILE: &str = "designs.json";

/// The file name of its JSON Schema, published beside it.
pub(crate) const SCHEMA_FILE: &str = "designs.schema.json";

/// The JSON Schema of `designs.json` (the book's copy, which the tests validate against).
pub(crate) const SCHEMA: &str = include_str!("../../../book/src/designs.schema.json");

/// The whole `designs.json` document.
#[derive(Debug, Serialize)]
pub(crate) struct Document<'a> {
    /// The schema's major version ([`SCHEMA_VERSION`]).
    schema_version: u32,
    /// The tool and version that wrote the file.
    generator: String,
    /// The book's address, when configured.
    site_url: Option<&'a str>,
    /// Every design, in the book's order.
    designs: Vec<DesignData<'a>>,
}

/// One design in `designs.json`.
#[derive(Debug, Serialize)]
struct DesignData<'a> {
    path: &'a str,
    url: String,
    title: &'a str,
    status: &'static str,
    status_raw: Option<&'a str>,
    area: &'a str,
    number: Option<&'a str>,
    authors: &'a [String],
    stage: Option<&'a str>,
    milestone: Option<&'a str>,
    metadata: &'a BTreeMap<String, String>,
    summary: Option<&'a str>,
    /// The whole Summary section as written (Markdown), trimmed.
    summary_text: Option<&'a str>,
    replaces: &'a [String],
    replaced_by: Option<&'a str>,
    created: Option<String>,
    last_changed: Option<String>,
    released: Option<&'a str>,
    /// The first release each status shipped in, by status word.
    status_releases: BTreeMap<&'static str, &'a str>,
    /// Every status change, oldest first.
    history: Vec<StatusChangeData<'a>>,
    stale: Option<StaleData>,
    findings: Vec<FindingData<'a>>,
}

#[derive(Debug, Serialize)]
struct StatusChangeData<'a> {
    from: Option<&'static str>,
    to: &'static str,
    date: String,
    commit: &'a str,
    release: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct StaleData {
    days: u32,
    releases: u32,
    message: String,
}

#[derive(Debug, Serialize)]
struct FindingData<'a> {
    rule: &'static str,
    severity: &'static str,
    line: usize,
    column: usize,
    message: &'a str,
}

/// The address of a design's page: under `site_url` when configured, else relative to the
/// book's root.
pub(crate) fn page_url(site_url: Option<&str>, path: &str) -> String {
    let page = encode_path(&html_path(path));
    match site_url {
        Some(base) => format!("{}/{page}", base.trim_end_matches('/')),
        None => page,
    }
}

/// What `designs.json` is made from: the session's entries, history, stale designs and findings.
pub(crate) struct Inputs<'a> {
    /// The index entries, in book order.
    pub entries: &'a [Entry],
    /// The status history, when read.
    pub history: Option<&'a History>,
    /// The stale designs by path.
    pub stale: &'a crate::feature::lint::FxHashMap<String, crate::feature::history::stale::Staleness>,
    /// Each design's findings (its own file's), by path.
    pub findings: &'a BTreeMap<&'a str, &'a [Diagnostic]>,
    /// The book's address.
    pub site_url: Option<&'a str>,
    /// Each design's whole Summary section (Markdown), by path.
    pub summaries: &'a BTreeMap<&'a str, &'a str>,
}

/// The `designs.json` document.
pub(crate) fn document<'a>(inputs: &Inputs<'a>) -> Document<'a> {
    let designs = inputs
        .entries
        .iter()
        .map(|e| {
            let changes = inputs.history.map_or(&[][..], |h| h.of(&e.path));
            let touched = inputs.history.and_then(|h| h.touched(&e.path));
            let mut status_releases = BTreeMap::new();
            for c in changes {
                if let Some(r) = &c.release {
                    status_releases.entry(c.to.as_str()).or_insert(r.as_str());
                }
            }
            DesignData {
                path: &e.path,
                url: page_url(inputs.site_url, &e.path),
                title: &e.title,
                status: e.status.as_str(),
                status_raw: e.status_raw.as_deref(),
                area: &e.area,
                number: e.number.as_deref(),
                authors: &e.authors,
                stage: e.stage.as_deref(),
                milestone: e.milestone.as_deref(),
                metadata: &e.extra,
                summary: e.summary.as_deref(),
                summary_text: inputs.summaries.get(e.path.as_str()).copied(),
                replaces: &e.replaces,
                replaced_by: e.replaced_by.as_deref(),
                created: touched.map(|t| utc_date(t.created.time)),
                last_changed: touched.map(|t| utc_date(t.last.time)),
                released: e.released.as_deref(),
                status_releases,
                history: changes
                    .iter()
                    .map(|c| StatusChangeData {
                        from: c.from.map(|s| s.as_str()),
                        to: c.to.as_str(),
                        date: c.date(),
                        commit: &c.commit,
                        release: c.release.as_deref(),
                    })
                    .collect(),
                stale: inputs.stale.get(&e.path).map(|s| StaleData {
                    days: s.days,
                    releases: s.releases,
                    message: s.message(),
                }),
                findings: inputs
                    .findings
                    .get(e.path.as_str())
                    .map_or(&[][..], |d| d)
                    .iter()
                    .map(|d| FindingData {
                        rule: d.rule.id(),
                        severity: severity_word(d.severity),
                        line: d.line,
                        column: d.column,
                        message: &d.message,
                    })
                    .collect(),
            }
        })
        .collect();
    Document {
        schema_version: SCHEMA_VERSION,
        generator: format!("mdbook-design {}", env!("CARGO_PKG_VERSION")),
        site_url: inputs.site_url,
        designs,
    }
}

/// The severity as its configuration word.
fn severity_word(severity: crate::feature::lint::Severity) -> &'static str {
    match severity {
        crate::feature::lint::Severity::Deny => "deny",
        crate::feature::lint::Severity::Warn => "warn",
        crate::feature::lint::Severity::Allow => "allow",
    }
}

/// `designs.json`'s text: pretty JSON with a final line break.
pub(crate) fn designs_json(inputs: &Inputs<'_>) -> String {
    let mut text = serde_json::to_string_pretty(&document(inputs)).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls() {
        assert_eq!(page_url(Some("https://x.org/book/"), "design/a b.md"), "https://x.org/book/design/a%20b.html");
        assert_eq!(page_url(None, "design/README.md"), "design/index.html");
    }
}
