//! The template's sections: names, order, levels and optional marks, read from a template file.

use crate::text::markdown::{scan, BlockKind};

/// The template every design is checked against, built into the tool.
pub const BUILTIN_TEMPLATE: &str = include_str!("template.md");

/// One section the template asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSection {
    /// The heading text as the template writes it (`Non-Goals`), without an `(Optional)` mark.
    pub name: String,
    /// The heading text exactly as the template writes it, an `(Optional)` mark kept.
    pub heading: String,
    /// The heading level (2 or 3).
    pub level: u8,
    /// The index of the enclosing level-2 section, for level-3 sections.
    pub parent: Option<usize>,
    /// Whether the template marks it optional (`<!-- This section is optional ... -->`).
    pub optional: bool,
    /// Lines of template prose under the heading, for spotting leftovers.
    pub prose: Vec<String>,
    /// The name reduced to lowercase letters and digits, for matching variants.
    pub key: String,
}

/// The sections of a template in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Sections in template order.
    pub sections: Vec<TemplateSection>,
    /// Prose lines of the template's preamble (under its title), for spotting leftovers.
    pub preamble: Vec<String>,
    /// Headings of the template that are not sections (its title, `Story 1`), for spotting
    /// leftovers.
    pub placeholders: Vec<String>,
}

/// How a heading matched a template section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch {
    /// Exactly the template's text.
    Exact,
    /// The same words with other case or punctuation (`Non Goals`): safe to rename.
    Variant,
    /// A recognised but different wording (`Alternatives (Not Implemented)`, `Upgrade Strategy`).
    Loose,
}

/// Well-known wordings of template sections, as keys, seen in real design folders.
const KNOWN_VARIANTS: &[(&str, &str)] = &[
    ("implementationdetails", "implementationdetailsnotesconstraints"),
    ("implementationnotes", "implementationdetailsnotesconstraints"),
    ("notesconstraintscaveats", "implementationdetailsnotesconstraints"),
    ("implementationdetailsnotesconstraintscaveats", "implementationdetailsnotesconstraints"),
    ("upgradestrategy", "upgradedowngradestrategy"),
    ("upgradeanddowngradestrategy", "upgradedowngradestrategy"),
    ("risksandmitigation", "risksandmitigations"),
    ("alternativesconsidered", "alternatives"),
    ("nongoal", "nongoals"),
    ("goal", "goals"),
    ("userstory", "userstories"),
    ("stories", "userstories"),
];

impl Template {
    /// The built-in template (the one in `src/template.md`).
    pub fn builtin() -> Template {
        Template::parse(BUILTIN_TEMPLATE)
    }

    /// Reads a template: its level-2 and level-3 headings are the sections.
    pub fn parse(text: &str) -> Template {
        let outline = scan(text);
        let mut sections: Vec<TemplateSection> = Vec::new();
        let mut parent = None;
        let heading_ranges: Vec<_> = outline.headings.iter().map(|h| h.range.clone()).collect();
        for (i, h) in outline.headings.iter().enumerate() {
            if h.level < 2 || h.level > 3 {
                continue;
            }
            let own_end = heading_ranges.get(i + 1).map_or(text.len(), |r| r.start);
            let own = &text[h.range.end..own_end];
            let optional =
                own.contains("<!-- This section is optional") || h.text.to_ascii_lowercase().contains("(optional)");
            let prose = prose_lines(text, &outline, h.range.end..own_end);
            if h.level == 2 {
                parent = Some(sections.len());
            }
            let name = strip_optional(&h.text).to_string();
            sections.push(TemplateSection {
                key: key(&name),
                name,
                heading: h.text.trim().to_string(),
                level: h.level,
                parent: if h.level == 3 { parent } else { None },
                optional,
                prose,
            });
        }
        let first_section = outline.headings.iter().find(|h| h.level >= 2).map_or(text.len(), |h| h.range.start);
        let preamble = prose_lines(text, &outline, 0..first_section);
        let placeholders = outline
            .headings
            .iter()
            .filter(|h| !(2..=3).contains(&h.level) && !h.text.trim().is_empty())
            .map(|h| h.text.trim().to_string())
            .collect();
        Template { sections, preamble, placeholders }
    }

    /// The template section a heading text names, and how closely.
    pub fn match_heading(&self, heading: &str) -> Option<(usize, NameMatch)> {
        let full = key(heading);
        if full.is_empty() {
            return None;
        }
        // The template's own heading, as written (`User Stories (Optional)`), is exact.
        if let Some(i) = self.sections.iter().position(|s| s.heading == heading.trim()) {
            return Some((i, NameMatch::Exact));
        }
        if let Some(i) = self.sections.iter().position(|s| s.key == full) {
            let exact = self.sections[i].name == heading.trim();
            // Only case, spaces, `-`, `/` and `_` may differ for a safe rename; other marks
            // (`### Non Goals` as setext text) are the author's and stay.
            let safe = heading.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '/' | '_'));
            let kind = if exact {
                NameMatch::Exact
            } else if safe {
                NameMatch::Variant
            } else {
                NameMatch::Loose
            };
            return Some((i, kind));
        }
        for candidate in candidates(heading) {
            let canonical = KNOWN_VARIANTS
                .iter()
                .find(|(variant, _)| *variant == candidate)
                .map_or(candidate.as_str(), |(_, canonical)| canonical);
            if let Some(i) = self.sections.iter().position(|s| s.key == canonical) {
                return Some((i, NameMatch::Loose));
            }
        }
        None
    }

    /// The index of the section named exactly `name` (as the template writes it).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.name == name)
    }
}

/// A heading reduced to lowercase ASCII letters and digits.
pub(crate) fn key(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Shorter readings of a heading: without a trailing `(...)`, or only its first `/` part.
fn candidates(heading: &str) -> Vec<String> {
    let mut out = vec![key(heading)];
    let trimmed = heading.trim();
    if let Some(open) = trimmed.rfind('(') {
        if trimmed.ends_with(')') {
            out.push(key(&trimmed[..open]));
        }
    }
    if let Some(slash) = trimmed.find('/') {
        out.push(key(&trimmed[..slash]));
    }
    out.retain(|k| !k.is_empty());
    out
}

fn strip_optional(text: &str) -> &str {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    if lower.ends_with("(optional)") {
        t[..t.len() - "(optional)".len()].trim_end()
    } else {
        t
    }
}

/// Non-blank prose lines (paragraph text) within `range`, trimmed.
fn prose_lines(text: &str, outline: &crate::text::markdown::Outline, range: std::ops::Range<usize>) -> Vec<String> {
    outline
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && b.range.start >= range.start && b.range.end <= range.end)
        .flat_map(|b| text[b.range.clone()].lines())
        .map(|l| l.trim().trim_start_matches(['-', '*']).trim().to_string())
        .filter(|l| l.len() >= 20)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_template_has_the_documented_sections() {
        let t = Template::builtin();
        let names: Vec<_> = t.sections.iter().map(|s| (s.level, s.name.as_str())).collect();
        assert_eq!(
            names,
            [
                (2, "Status"),
                (2, "Summary"),
                (2, "Motivation"),
                (3, "Goals"),
                (3, "Non-Goals"),
                (2, "Proposal"),
                (3, "User Stories"),
                (2, "Design Details"),
                (3, "Implementation Details/Notes/Constraints"),
                (3, "Risks and Mitigations"),
                (3, "Work Items"),
                (3, "Dependencies"),
                (3, "Test Plan"),
                (3, "Upgrade / Downgrade Strategy"),
                (3, "Version Skew Strategy"),
                (2, "Drawbacks"),
                (2, "Alternatives"),
                (2, "References"),
            ]
        );
        let stories = &t.sections[t.index_of("User Stories").unwrap()];
        assert!(stories.optional);
        assert_eq!(stories.parent, t.index_of("Proposal"));
        assert!(!t.sections[t.index_of("Summary").unwrap()].optional);
        assert!(t.preamble.iter().any(|l| l.contains("This is the title of the design")));
        assert_eq!(t.placeholders, ["Title", "Story 1", "Story 2"]);
    }

    #[test]
    fn matching_variants() {
        let t = Template::builtin();
        let ng = t.index_of("Non-Goals").unwrap();
        assert_eq!(t.match_heading("Non-Goals"), Some((ng, NameMatch::Exact)));
        assert_eq!(t.match_heading("Non Goals"), Some((ng, NameMatch::Variant)));
        assert_eq!(t.match_heading("non-goals"), Some((ng, NameMatch::Variant)));
        assert_eq!(t.match_heading("Non-Goals/Future Work"), Some((ng, NameMatch::Loose)));
        let up = t.index_of("Upgrade / Downgrade Strategy").unwrap();
        assert_eq!(t.match_heading("Upgrade/Downgrade Strategy"), Some((up, NameMatch::Variant)));
        assert_eq!(t.match_heading("Upgrade Strategy"), Some((up, NameMatch::Loose)));
        let alt = t.index_of("Alternatives").unwrap();
        assert_eq!(t.match_heading("Alternatives (Not Implemented)"), Some((alt, NameMatch::Loose)));
        assert_eq!(t.match_heading("Status Quo"), None);
        assert_eq!(t.match_heading("### Non Goals"), Some((ng, NameMatch::Loose)));
        assert_eq!(t.match_heading("Non Goals!"), Some((ng, NameMatch::Loose)));
        assert_eq!(t.match_heading("Story 1"), None);
    }

    #[test]
    fn the_template_heading_as_written_is_exact() {
        let t = Template::parse("# Title\n\n## Proposal\n\n### User Stories (Optional)\n\n## Notes (optional)\n");
        let stories = t.index_of("User Stories").unwrap();
        assert!(t.sections[stories].optional);
        assert_eq!(t.match_heading("User Stories (Optional)"), Some((stories, NameMatch::Exact)));
        assert_eq!(t.match_heading("User Stories"), Some((stories, NameMatch::Exact)));
        assert_eq!(t.match_heading("User stories"), Some((stories, NameMatch::Variant)));
        let notes = t.index_of("Notes").unwrap();
        assert_eq!(t.match_heading(" Notes (optional) "), Some((notes, NameMatch::Exact)));
        assert_eq!(t.match_heading("Notes (Optional)"), Some((notes, NameMatch::Loose)));
    }
}
