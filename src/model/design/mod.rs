//! The design model: a document parsed once into title, status, sections and front matter,
//! each with the byte spans that rewrites and diagnostics need.

pub(crate) mod front_matter;
pub(crate) mod metadata;
mod shown;
pub(crate) mod sidecar;
pub(crate) mod yaml;

use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::status::{self, Reading, Status};
use crate::model::template::{NameMatch, Template};
use crate::text::markdown as scan;
pub(crate) use crate::text::markdown::{Heading, IdTarget, Outline, Problem};
use crate::text::source::{line_end, line_start};
pub(crate) use front_matter::FrontMatter;
pub(crate) use metadata::Metadata;
pub(crate) use sidecar::{Sidecar, SidecarText};

/// Where a status was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusSource {
    /// The first non-blank line of a `Status` section.
    Section,
    /// A `status:` key in front matter.
    FrontMatter,
}

/// The status a design declares, as read and as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusField {
    /// The canonical status (`Unknown` when the text names none).
    pub status: Status,
    /// How the raw text was read.
    pub reading: Reading,
    /// The text as written, trimmed.
    pub raw: String,
    /// The span of `raw` in the source.
    pub span: Range<usize>,
    /// Section or front matter.
    pub source: StatusSource,
    /// The span of a leading `One of:` prompt (with the spaces after it), when present.
    pub prompt: Option<Range<usize>>,
    /// The whole source line holding the status, line break excluded.
    pub line: Range<usize>,
    /// A line above the status holding only the template's unedited list of choices (with its
    /// line break), which normalization drops.
    pub placeholder_line: Option<Range<usize>>,
}

/// A template section found in a design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Template::sections`].
    pub template: usize,
    /// Index into the outline's headings.
    pub heading: usize,
    /// How its heading text matched the template's.
    pub name_match: NameMatch,
    /// Its content, from the end of the heading line to the next heading that closes it.
    pub body: Range<usize>,
}

/// A design document parsed once.
#[derive(Debug, Clone)]
pub struct Design {
    /// Headings, blocks and links with spans.
    pub outline: Outline,
    /// Parsed front matter, when the document has one.
    pub front_matter: Option<FrontMatter>,
    /// Index into the outline's headings of the title (the first top-level H1 that is not a
    /// template section).
    pub title: Option<usize>,
    /// Template sections in document order.
    pub sections: Vec<Section>,
    /// The declared status, when there is one.
    pub status: Option<StatusField>,
    /// The design this one is replaced by (a link in the Status section or `superseded-by`).
    pub replaced_by: Option<String>,
    /// Designs this one replaces (`replaces` in front matter).
    pub replaces: Vec<String>,
    /// Problems that make rewriting the document unsafe.
    pub problems: Vec<Problem>,
    /// The sidecar metadata file beside the design (`metadata-file`), when there is one.
    pub sidecar: Option<Sidecar>,
    /// Why the page can show no badge (a problem comes before the badge's place), when it
    /// cannot; then the status reads as unknown everywhere (see [`shown`]).
    pub badge_blocked: Option<String>,
}

impl Design {
    /// Parses `text` against `template`, reading status words through `aliases`.
    pub fn parse(text: &str, template: &Template, aliases: &BTreeMap<String, Status>) -> Design {
        let outline = scan::scan(text);
        let mut problems = outline.problems.clone();
        let front_matter = outline.front_matter.as_ref().map(|raw| FrontMatter::parse(text, raw.clone()));
        if let Some(fm) = &front_matter {
            if let Some(error) = &fm.error {
                problems.push(error.clone());
            }
        }
        let mut matches: Vec<Option<(usize, NameMatch)>> = outline
            .headings
            .iter()
            .map(|h| if h.nested || h.level > 4 { None } else { template.match_heading(&h.text) })
            .collect();
        let title = outline.headings.iter().zip(&matches).position(|(h, m)| h.level == 1 && !h.nested && m.is_none());
        drop_subsections(&outline.headings, &mut matches, template);
        let mut sections = Vec::new();
        for (i, (h, m)) in outline.headings.iter().zip(&matches).enumerate() {
            let Some((template_index, name_match)) = *m else { continue };
            let end = outline.headings[i + 1..]
                .iter()
                .zip(&matches[i + 1..])
                .find(|(next, next_match)| !next.nested && (next.level <= h.level || next_match.is_some()))
                .map_or(text.len(), |(next, _)| line_start(text, next.range.start));
            let start = (h.range.end + 1).min(end.max(h.range.end));
            sections.push(Section {
                template: template_index,
                heading: i,
                name_match,
                body: start.min(text.len())..end.max(start.min(text.len())),
            });
        }
        let status_index = template.index_of("Status");
        let mut status = sections
            .iter()
            .find(|s| Some(s.template) == status_index)
            .and_then(|s| status_in_section(text, &outline, s.body.clone(), aliases));
        let mut replaced_by = None;
        let mut replaces = Vec::new();
        if let Some(fm) = &front_matter {
            // The template's unedited list in the Status section says nothing; front matter may.
            let section_says_nothing = status.as_ref().is_some_and(|s| s.reading == Reading::Placeholder);
            if (status.is_none() || section_says_nothing) && fm.status.is_some() {
                status = fm.status.as_ref().map(|(raw, span)| {
                    let line = line_start(text, span.start)..line_end(text, span.start);
                    field(raw, span.clone(), StatusSource::FrontMatter, line, None, aliases)
                });
            }
            replaced_by = fm.superseded_by.first().cloned();
            replaces = fm.replaces.clone();
        }
        if let Some(section) = sections.iter().find(|s| Some(s.template) == status_index) {
            if let Some(link) =
                outline.links.iter().find(|l| l.range.start >= section.body.start && l.range.end <= section.body.end)
            {
                replaced_by = Some(link.dest.clone());
            }
        }
        if sections.is_empty() && status.is_none() {
            problems.push(no_template_section(text));
        }
        let badge_blocked = shown::badge_blocked(text, &outline, title.map(|i| &outline.headings[i]));
        Design {
            outline,
            front_matter,
            title,
            sections,
            status,
            replaced_by,
            replaces,
            problems,
            sidecar: None,
            badge_blocked,
        }
    }

    /// The canonical status, `Unknown` when none was declared or recognised. A known status in
    /// the sidecar comes first, then the text's own (the Status section, else front matter).
    /// The one status reading: the badge, the index, lint, the release notes and `status set`
    /// all take it from here, so it is `Unknown` too when the page can show no badge
    /// ([`Design::badge_blocked`]).
    pub fn status(&self) -> Status {
        if self.badge_blocked.is_some() {
            return Status::Unknown;
        }
        self.declared_status()
    }

    /// The status as written where it names no status, for the badge to show: the text's, unless
    /// the sidecar names a known status; else the sidecar's unrecognized word.
    pub fn unrecognized_raw(&self) -> Option<&str> {
        if self.badge_blocked.is_some() {
            return None;
        }
        let sidecar = self.sidecar.as_ref().and_then(|s| s.status.as_ref());
        if sidecar.is_some_and(|s| s.status != Status::Unknown) {
            return None;
        }
        let text = self.status.as_ref().filter(|s| s.reading == Reading::Unrecognized).map(|s| s.raw.as_str());
        text.or_else(|| sidecar.filter(|s| s.reading == Reading::Unrecognized).map(|s| s.raw.as_str()))
    }

    /// The raw status to show in the index: the sidecar's when it names a known status or the
    /// text has none, else the text's.
    pub fn status_raw(&self) -> Option<&str> {
        if self.badge_blocked.is_some() {
            return None;
        }
        let sidecar = self.sidecar.as_ref().and_then(|s| s.status.as_ref());
        match (sidecar, &self.status) {
            (Some(s), _) if s.status != Status::Unknown => Some(&s.raw),
            (_, Some(t)) => Some(&t.raw),
            (Some(s), None) => Some(&s.raw),
            (None, None) => None,
        }
    }

    /// The status line when it is an mdBook `{{#include ...}}` (or `{{#rustdoc_include ...}}`)
    /// that has not been expanded: the build runs before mdBook's `links` preprocessor, or the
    /// text was read from disk as written.
    pub fn unexpanded_include(&self) -> Option<&StatusField> {
        self.status
            .as_ref()
            .filter(|f| f.source == StatusSource::Section && f.reading == Reading::Unrecognized)
            .filter(|f| is_include_directive(&f.raw))
    }

    /// The title heading, when the design has one.
    pub fn title_heading(&self) -> Option<&Heading> {
        self.title.map(|i| &self.outline.headings[i])
    }

    /// The section for the template section named `name`, when present.
    pub fn section(&self, template: &Template, name: &str) -> Option<&Section> {
        let index = template.index_of(name)?;
        self.sections.iter().find(|s| s.template == index)
    }

    /// The heading of a section.
    pub fn heading(&self, section: &Section) -> &Heading {
        &self.outline.headings[section.heading]
    }

    /// The statuses read from the second and later Status sections (the first one is
    /// [`Design::status`]'s source), for spotting sections that disagree.
    pub(crate) fn later_statuses(
        &self,
        text: &str,
        template: &Template,
        aliases: &BTreeMap<String, Status>,
    ) -> Vec<StatusField> {
        let Some(index) = template.index_of("Status") else { return Vec::new() };
        self.sections
            .iter()
            .filter(|s| s.template == index)
            .skip(1)
            .filter_map(|s| status_in_section(text, &self.outline, s.body.clone(), aliases))
            .collect()
    }
}

/// Unmatches the headings that only share a template section's name but are subsections of
/// another section (`#### Status` under `## Design Details` or `## API`, an API's status field).
///
/// A heading at the template's level is a section wherever it is. One at another level is the
/// design's own section written at the wrong level only when its parent (the nearest heading
/// above it of a lower level) is a title (an H1 that is not a section) or a template section
/// that the template puts before it (`### Drawbacks` under `## Proposal`, as older templates had
/// it); under any other heading, or under a section that the template puts after it (a Status
/// under Design Details), it is a subsection. Sections count at the template's level, where
/// normalization puts them, so that the build's output reads the same.
///
/// A subsection is never the design's Status. For the other sections the first subsection still
/// stands in for one the design does not otherwise have (`### Drawbacks` under `## Implementation
/// History`): taking it away would only ask for a second, empty one.
fn drop_subsections(headings: &[Heading], matches: &mut [Option<(usize, NameMatch)>], template: &Template) {
    let status = template.index_of("Status");
    let mut standing_in = vec![false; headings.len()];
    let mut subsection = subsections(headings, matches, template, &standing_in);
    // Standing in changes levels, and so parents: settle (each round only adds stand-ins).
    for _ in 0..headings.len() {
        let mut changed = false;
        for t in 0..template.sections.len() {
            let is = |j: usize| matches[j].is_some_and(|(m, _)| m == t);
            if Some(t) == status || (0..headings.len()).any(|j| is(j) && (!subsection[j] || standing_in[j])) {
                continue;
            }
            if let Some(first) = (0..headings.len()).find(|&j| is(j) && subsection[j]) {
                standing_in[first] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        subsection = subsections(headings, matches, template, &standing_in);
    }
    for i in 0..headings.len() {
        if subsection[i] && !standing_in[i] {
            matches[i] = None;
        }
    }
}

/// Which matched headings are subsections of another section, the `standing_in` ones counted as
/// sections (see [`drop_subsections`]).
fn subsections(
    headings: &[Heading],
    matches: &[Option<(usize, NameMatch)>],
    template: &Template,
    standing_in: &[bool],
) -> Vec<bool> {
    let mut subsection = vec![false; headings.len()];
    for i in 0..headings.len() {
        let Some((template_index, _)) = matches[i] else { continue };
        let h = &headings[i];
        if h.level == template.sections[template_index].level {
            continue;
        }
        let section = |j: usize| matches[j].filter(|_| !subsection[j] || standing_in[j]).map(|(t, _)| t);
        let level = |j: usize| section(j).map_or(headings[j].level, |t| template.sections[t].level);
        let Some(parent) = (0..i).rev().find(|&j| !headings[j].nested && level(j) < h.level) else { continue };
        let title = matches[parent].is_none() && headings[parent].level == 1;
        let own_section = title || section(parent).is_some_and(|t| t < template_index);
        subsection[i] = !own_section;
    }
    subsection
}

/// Whether `raw` is one mdBook `{{#include ...}}` or `{{#rustdoc_include ...}}` directive.
fn is_include_directive(raw: &str) -> bool {
    let Some(inner) = raw.trim().strip_prefix("{{").and_then(|r| r.strip_suffix("}}")) else { return false };
    let inner = inner.trim_start();
    ["#include", "#rustdoc_include"]
        .iter()
        .any(|d| inner.strip_prefix(d).is_some_and(|rest| rest.starts_with(char::is_whitespace)))
}

/// Why a design with no template section passes through: empty, or written without the template.
fn no_template_section(text: &str) -> Problem {
    if text.trim().is_empty() {
        return Problem {
            offset: 0,
            message: "the design is empty".into(),
            help: "write the design from the template, or remove the file and its SUMMARY.md entry".into(),
        };
    }
    Problem {
        offset: 0,
        message: "no section of the design template was found (no Status, Summary, ...)".into(),
        help: "start from the template: add `## Status` and `## Summary` sections".into(),
    }
}

fn field(
    raw: &str,
    span: Range<usize>,
    source: StatusSource,
    line: Range<usize>,
    prompt: Option<Range<usize>>,
    aliases: &BTreeMap<String, Status>,
) -> StatusField {
    let reading = status::read(raw, aliases);
    let status = match reading {
        Reading::Status { status, .. } => status,
        _ => Status::Unknown,
    };
    StatusField { status, reading, raw: raw.to_string(), span, source, prompt, line, placeholder_line: None }
}

/// The first non-blank line of a Status section that is not an HTML comment or block.
fn status_in_section(
    text: &str,
    outline: &Outline,
    body: Range<usize>,
    aliases: &BTreeMap<String, Status>,
) -> Option<StatusField> {
    // The template's unedited list of choices is skipped: the status is what follows it, if
    // anything does, so dropping the list changes no reading.
    let mut placeholder: Option<(StatusField, Range<usize>)> = None;
    let found = |field: StatusField, placeholder: Option<(StatusField, Range<usize>)>| match placeholder {
        Some((_, line)) => Some(StatusField { placeholder_line: Some(line), ..field }),
        None => Some(field),
    };
    let mut at = body.start;
    while at < body.end {
        let end = line_end(text, at).min(body.end);
        let next = text[at..body.end].find('\n').map_or(body.end, |i| at + i + 1);
        let in_html = outline
            .blocks
            .iter()
            .any(|b| b.kind == scan::BlockKind::Html && b.range.start <= at && at < b.range.end.max(b.range.start + 1));
        let line = &text[at..end];
        let content = line.trim();
        // A sub-heading ends the part of the section that can hold the status.
        if outline.headings.iter().any(|h| h.range.start >= at && h.range.start < end.max(at + 1)) {
            return placeholder.map(|(field, _)| field);
        }
        if !content.is_empty() && !in_html {
            let lead = line.len() - line.trim_start().len();
            let mut start = at + lead;
            // A list marker before the status word is not part of it.
            for marker in ["- ", "* ", "+ "] {
                if text[start..end].starts_with(marker) {
                    start += marker.len();
                    while text[start..end].starts_with(' ') {
                        start += 1;
                    }
                }
            }
            let value_end = (at + line.trim_end().len()).max(start);
            let raw = &text[start..value_end];
            let prompt = prompt_span(raw).map(|len| start..start + len);
            let candidate = field(raw, start..value_end, StatusSource::Section, at..end, prompt, aliases);
            if candidate.reading == Reading::Placeholder && placeholder.is_none() {
                placeholder = Some((candidate, at..next));
            } else {
                return found(candidate, placeholder);
            }
        }
        at = next;
    }
    placeholder.map(|(field, _)| field)
}

/// The length of a leading `One of:` prompt with its trailing spaces.
fn prompt_span(raw: &str) -> Option<usize> {
    let head = raw.get(..7)?;
    if !head.eq_ignore_ascii_case("one of:") {
        return None;
    }
    let rest = &raw[7..];
    Some(7 + rest.len() - rest.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Design {
        Design::parse(text, &Template::builtin(), &BTreeMap::new())
    }

    #[test]
    fn status_from_section() {
        let d = parse("# A design\n\n## Status\n\n<!-- note -->\n[Implemented](http://x)\n\n## Summary\n\nText.\n");
        let s = d.status.as_ref().unwrap();
        assert_eq!(s.status, Status::Implemented);
        assert_eq!(s.raw, "[Implemented](http://x)");
        assert_eq!(s.source, StatusSource::Section);
        assert_eq!(d.title_heading().unwrap().text, "A design");
        assert_eq!(d.sections.len(), 2);
        assert_eq!(d.replaced_by.as_deref(), Some("http://x"));
    }

    #[test]
    fn status_from_front_matter() {
        let text = "---\ntitle: x\nstatus: implementable # note\n---\n\n# T\n\n## Summary\n\nS.\n";
        let d = parse(text);
        let s = d.status.as_ref().unwrap();
        assert_eq!(s.status, Status::Implementable);
        assert_eq!(s.source, StatusSource::FrontMatter);
        // The value YAML reads: the comment is not part of it.
        assert_eq!(s.raw, "implementable");
        assert_eq!(&text[s.span.clone()], "implementable");
    }

    #[test]
    fn prompt_is_spanned() {
        let text = "# T\n\n## Status\n\nOne of:  implementable\n";
        let d = parse(text);
        let s = d.status.unwrap();
        assert_eq!(&text[s.prompt.unwrap()], "One of:  ");
        assert_eq!(s.status, Status::Implementable);
    }

    #[test]
    fn wrong_level_status_is_a_section_not_a_title() {
        let d = parse("# Real title\n\n# Status\n\nimplemented\n\n## Summary\n\nx\n");
        assert_eq!(d.title_heading().unwrap().text, "Real title");
        assert_eq!(d.status(), Status::Implemented);
        let status = &d.sections[0];
        assert_eq!(d.heading(status).level, 1);
    }

    /// Which template sections the design has, by heading text.
    fn section_names(d: &Design) -> Vec<String> {
        d.sections.iter().map(|s| d.heading(s).text.clone()).collect()
    }

    #[test]
    fn a_subsection_named_status_is_not_the_status() {
        // An API's status field under a section of the template or of the design's own.
        for parent in ["## Design Details", "## API"] {
            for deeper in ["### Status", "#### Status"] {
                let text = format!(
                    "# T\n\n## Status\n\nimplementable\n\n## Summary\n\nS.\n\n{parent}\n\n{deeper}\n\nrejected\n"
                );
                let d = parse(&text);
                assert_eq!(d.status(), Status::Implementable, "{parent} / {deeper}");
                let statuses = d.sections.iter().filter(|s| d.heading(s).text == "Status").count();
                assert_eq!(statuses, 1, "{parent} / {deeper}: {:?}", section_names(&d));
                assert!(d.later_statuses(&text, &Template::builtin(), &BTreeMap::new()).is_empty());
                // Without a Status section of its own, the design has no status at all.
                let alone = text.replace("## Status\n\nimplementable\n\n", "");
                assert_eq!(parse(&alone).status, None, "{parent} / {deeper}");
            }
        }
        // The section it sits in runs over it: Design Details keeps its body.
        let text = "# T\n\n## Status\n\nimplemented\n\n## Design Details\n\n### Status\n\nx\n";
        let d = parse(text);
        let details = d.section(&Template::builtin(), "Design Details").unwrap();
        assert_eq!(details.body.end, text.len());
    }

    #[test]
    fn sections_at_the_wrong_level_are_still_found() {
        // Above the template's level.
        let d = parse("# T\n\n# Status\n\nimplemented\n");
        assert_eq!(d.status(), Status::Implemented);
        // All one level too deep, under the title, a section's subsections with it.
        let d = parse("# T\n\n### Status\n\nimplemented\n\n### Motivation\n\nm\n\n#### Goals\n\ng\n");
        assert_eq!(d.status(), Status::Implemented);
        assert_eq!(section_names(&d), ["Status", "Motivation", "Goals"]);
        // Under a second H1 (cluster-api's notice above the real title).
        let d = parse("# Notice\n\n# Real title\n\n### Status\n\nimplemented\n");
        assert_eq!(d.status(), Status::Implemented);
        // Under a section the template puts before it, as older templates had Drawbacks.
        let d = parse("# T\n\n## Status\n\nimplemented\n\n## Proposal\n\np\n\n### Drawbacks\n\nd\n");
        assert_eq!(section_names(&d), ["Status", "Proposal", "Drawbacks"]);
    }

    #[test]
    fn other_subsections_stand_in_only_for_a_missing_section() {
        // A second Upgrade Strategy under the real one is a subsection of it.
        let text = "# T\n\n## Design Details\n\n### Upgrade / Downgrade Strategy\n\n#### Upgrade Strategy\n\nu\n";
        assert_eq!(section_names(&parse(text)), ["Design Details", "Upgrade / Downgrade Strategy"]);
        // The design's only Drawbacks, put under another heading, is still its Drawbacks.
        let text = "# T\n\n## Status\n\nimplemented\n\n## Implementation History\n\nh\n\n### Drawbacks\n\nd\n";
        assert_eq!(section_names(&parse(text)), ["Status", "Drawbacks"]);
    }

    #[test]
    fn an_unexpanded_include_is_spotted() {
        let d = parse("# T\n\n## Status\n\n{{#include status.md}}\n");
        assert_eq!(d.status(), Status::Unknown);
        assert_eq!(d.unexpanded_include().map(|f| f.raw.as_str()), Some("{{#include status.md}}"));
        assert!(parse("# T\n\n## Status\n\n{{ #rustdoc_include ../s.md:2 }}\n").unexpanded_include().is_some());
        for not in ["{{#includes x}}", "{{#include x.md}} and more", "{{#title T}}", "implemented"] {
            let d = parse(&format!("# T\n\n## Status\n\n{not}\n"));
            assert!(d.unexpanded_include().is_none(), "{not}");
        }
    }

    #[test]
    fn no_sections_is_a_problem() {
        let d = parse("just some text\n");
        assert_eq!(d.problems.len(), 1);
        assert_eq!(d.status(), Status::Unknown);
        for empty in ["", "\n", " \r\n\t\n"] {
            assert_eq!(parse(empty).problems[0].message, "the design is empty");
        }
    }
}

/// A file stem without a leading date (`20190610-`), a filing convention, not part of a title.
pub(crate) fn without_date(stem: &str) -> &str {
    match stem.split_once('-') {
        Some((date, rest)) if date.len() >= 6 && date.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() => rest,
        _ => stem,
    }
}

/// The name of the design at `path`: its file stem, or for a `README.md` or `index.md` (one
/// folder per design, `keps/sig-x/1234-faster-pods/README.md`) its folder's name.
pub(crate) fn design_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or(path);
    if is_folder_design(path) {
        if let Some(folder) = parts.next().filter(|f| !f.is_empty()) {
            return folder;
        }
    }
    name.strip_suffix(".md").unwrap_or(name)
}

/// Whether the design at `path` is the `README.md` or `index.md` of its own folder.
pub(crate) fn is_folder_design(path: &str) -> bool {
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or(path);
    let in_folder = parts.next().is_some_and(|f| !f.is_empty());
    in_folder && (name.eq_ignore_ascii_case("README.md") || name.eq_ignore_ascii_case("index.md"))
}

/// A folder name without a leading number (`1234-`), a numbering convention, not part of a title.
pub(crate) fn without_number(stem: &str) -> &str {
    match stem.split_once('-') {
        Some((number, rest))
            if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() =>
        {
            rest
        }
        _ => stem,
    }
}

/// The file stem a title asks for (the template's rule): lowercase, runs of spaces and
/// punctuation as one `-`, none at either end (`Don't panic!` gives `don-t-panic`).
pub(crate) fn file_name_for(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A title made from a design's file name: `20190610-machine-states.md` gives `Machine states`.
pub(crate) fn title_from_path(path: &str) -> String {
    let stem = design_name(path);
    let stem = without_date(stem);
    let stem = without_number(stem);
    let words: String = stem.chars().map(|c| if c == '-' || c == '_' { ' ' } else { c }).collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled design".to_string(),
    }
}

impl Design {
    /// The title front matter declares (`title:`), when it names one.
    pub fn declared_title(&self) -> Option<&str> {
        self.front_matter.as_ref().and_then(|f| f.title.as_deref()).map(str::trim).filter(|t| !t.is_empty())
    }

    /// The declared title when it is one to show, not an identifier: OpenShift's template asks
    /// for `title: neat-enhancement-idea` (the file's name) above `# Neat Enhancement Idea`, and
    /// designs write `forward_to_loki` or `Separate-OAuth-API-Resources`. An identifier is one
    /// word, joined with `-`, `_` or `.`, or all lowercase.
    pub fn declared_display_title(&self) -> Option<&str> {
        let identifier = |t: &str| {
            !t.contains(char::is_whitespace) && (t.contains(['-', '_', '.']) || !t.chars().any(char::is_uppercase))
        };
        self.declared_title().filter(|t| !identifier(t))
    }

    /// The title to show: the one front matter declares (the design's title, which the first
    /// heading may not be: cluster-api's `# IMPORTANT! Superseded by ...`) unless it is only an
    /// identifier, else the H1's text, else the declared identifier, else the sidecar's, else
    /// one from `path`.
    pub fn display_title(&self, path: &str) -> String {
        if let Some(t) = self.declared_display_title() {
            return t.to_string();
        }
        if let Some(h) = self.title_heading() {
            if !h.text.trim().is_empty() {
                return h.text.trim().to_string();
            }
        }
        if let Some(t) = self.declared_title() {
            return t.to_string();
        }
        if let Some(t) = self.sidecar.as_ref().and_then(Sidecar::title) {
            return t.to_string();
        }
        title_from_path(path)
    }
}

#[cfg(test)]
mod title_tests {
    use super::*;

    #[test]
    fn titles_from_paths() {
        assert_eq!(title_from_path("design/20190610-machine-states.md"), "Machine states");
        assert_eq!(title_from_path("design/hardware_raid.md"), "Hardware raid");
        assert_eq!(title_from_path("design/--.md"), "Untitled design");
        assert_eq!(title_from_path("2019.md"), "2019");
        assert_eq!(title_from_path("keps/sig-node/1234-faster-pods/README.md"), "Faster pods");
        assert_eq!(title_from_path("designs/net-dns/index.md"), "Net dns");
        assert_eq!(title_from_path("README.md"), "README");
    }

    #[test]
    fn the_declared_title_wins() {
        let parse = |text: &str| Design::parse(text, &Template::builtin(), &BTreeMap::new());
        let d = parse("---\ntitle: Conditions\n---\n\n# IMPORTANT! Superseded\n\n## Summary\n\nS.\n");
        assert_eq!(d.display_title("design/x.md"), "Conditions");
        assert_eq!(d.title_heading().unwrap().text, "IMPORTANT! Superseded");
        let d = parse("---\ntitle: \"  \"\n---\n\n# Heading\n");
        assert_eq!(d.declared_title(), None);
        assert_eq!(d.display_title("design/x.md"), "Heading");
        // An identifier (OpenShift's `title: neat-enhancement-idea`) gives way to the heading.
        let d = parse("---\ntitle: neat-idea\n---\n\n# Neat Idea\n");
        assert_eq!(d.display_title("design/x.md"), "Neat Idea");
        for id in ["forward_to_loki", "Separate-OAuth-API-Resources", "tnf", "config.openshift.io"] {
            let d = parse(&format!("---\ntitle: {id}\n---\n\n# The Title\n"));
            assert_eq!(d.display_title("design/x.md"), "The Title", "{id}");
        }
        let d = parse("---\ntitle: Conditions\n---\n\n# The Title\n");
        assert_eq!(d.display_title("design/x.md"), "Conditions");
        let d = parse("---\ntitle: neat-idea\n---\n\n## Summary\n\nS.\n");
        assert_eq!(d.display_title("design/x.md"), "neat-idea");
        // Through a byte-order mark.
        let d = parse("\u{FEFF}---\ntitle: Marked\nstatus: implemented\n---\n\n## Summary\n\nS.\n");
        assert_eq!((d.display_title("design/x.md").as_str(), d.status()), ("Marked", Status::Implemented));
        let d = parse("\u{FEFF}# Marked too\n\n## Status\n\nrejected\n");
        assert_eq!((d.display_title("design/x.md").as_str(), d.status()), ("Marked too", Status::Rejected));
    }

    #[test]
    fn file_names_from_titles() {
        assert_eq!(file_name_for("Machine States & Preboot Bootstrapping"), "machine-states-preboot-bootstrapping");
        assert_eq!(file_name_for("  Don't panic! "), "don-t-panic");
        assert_eq!(file_name_for("API v1.2"), "api-v1-2");
    }
}
