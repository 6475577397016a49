//! What changed in a design between two revisions: its sections (split at level-1 and level-2
//! headings, matched by template section name, else by heading text), each changed one as a
//! word diff. Pure over the two texts; `mdbook-design diff` reads them from git.

pub(crate) mod page;

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::model::project::Project;

/// The name of the part before the first section (front matter and title).
pub(crate) const TOP: &str = "(title and front matter)";

/// One section of a design's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SectionText<'t> {
    /// The template section's name, else the heading's text; [`TOP`] before the first heading.
    pub name: String,
    /// The section's text, its heading included.
    pub text: &'t str,
}

/// How a section changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Change {
    /// In both, different.
    Changed,
    /// Only in the new text.
    Added,
    /// Only in the old text.
    Removed,
}

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Run {
    /// `equal`, `delete` or `insert`.
    pub op: &'static str,
    /// The words of the run, joined by single spaces.
    pub text: String,
}

/// A changed section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SectionDiff {
    /// Its name (see [`SectionText::name`]).
    pub section: String,
    /// How it changed.
    pub change: Change,
    /// The words only the old text has, in order.
    pub removed: Vec<String>,
    /// The words only the new text has, in order.
    pub added: Vec<String>,
    /// The word diff as runs.
    pub runs: Vec<Run>,
}

/// Splits a design's text into sections at its level-1 and level-2 headings.
pub(crate) fn sections<'t>(project: &Project, text: &'t str) -> Vec<SectionText<'t>> {
    let design = project.parse(text);
    let headings = &design.outline.headings;
    let mut cuts: Vec<(usize, String)> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        if h.level > 2 || design.title == Some(i) {
            continue;
        }
        let name = design
            .sections
            .iter()
            .find(|s| s.heading == i)
            .map_or_else(|| h.text.trim().to_string(), |s| project.template.sections[s.template].name.clone());
        cuts.push((h.range.start, name));
    }
    let mut out = Vec::new();
    let first = cuts.first().map_or(text.len(), |c| c.0);
    if !text[..first].trim().is_empty() {
        out.push(SectionText { name: TOP.to_string(), text: &text[..first] });
    }
    for (k, (start, name)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(text.len(), |c| c.0);
        // Two sections of one name (a repeated heading) are told apart by their number.
        let mut name = name.clone();
        let same =
            out.iter().filter(|s: &&SectionText| s.name == name || s.name.starts_with(&format!("{name} ("))).count();
        if same > 0 {
            name = format!("{name} ({})", same + 1);
        }
        out.push(SectionText { name, text: &text[*start..end] });
    }
    out
}

/// The word diff of two texts: words are runs of non-whitespace, as `git diff --word-diff`
/// takes them.
pub(crate) fn word_diff(old: &str, new: &str) -> (Vec<String>, Vec<String>, Vec<Run>) {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
    let (mut removed, mut added, mut runs) = (Vec::new(), Vec::new(), Vec::new());
    let mut push = |op: &'static str, words: &[&str]| {
        if !words.is_empty() {
            runs.push(Run { op, text: words.join(" ") });
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal { old_index, len, .. } => push("equal", &a[old_index..old_index + len]),
            DiffOp::Delete { old_index, old_len, .. } => {
                removed.extend(a[old_index..old_index + old_len].iter().map(|w| w.to_string()));
                push("delete", &a[old_index..old_index + old_len]);
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                added.extend(b[new_index..new_index + new_len].iter().map(|w| w.to_string()));
                push("insert", &b[new_index..new_index + new_len]);
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                removed.extend(a[old_index..old_index + old_len].iter().map(|w| w.to_string()));
                added.extend(b[new_index..new_index + new_len].iter().map(|w| w.to_string()));
                push("delete", &a[old_index..old_index + old_len]);
                push("insert", &b[new_index..new_index + new_len]);
            }
        }
    }
    (removed, added, runs)
}

/// The sections that changed between `old` (`None` when the design did not exist) and `new`,
/// in the new text's order, removed sections after them.
pub(crate) fn diff(project: &Project, old: Option<&str>, new: &str) -> Vec<SectionDiff> {
    let before = old.map(|t| sections(project, t)).unwrap_or_default();
    let after = sections(project, new);
    let mut out = Vec::new();
    for s in &after {
        let old = before.iter().find(|o| o.name == s.name);
        if old.is_some_and(|o| o.text.split_whitespace().eq(s.text.split_whitespace())) {
            continue;
        }
        let (removed, added, runs) = word_diff(old.map_or("", |o| o.text), s.text);
        let change = if old.is_some() { Change::Changed } else { Change::Added };
        out.push(SectionDiff { section: s.name.clone(), change, removed, added, runs });
    }
    for o in &before {
        if !after.iter().any(|s| s.name == o.name) {
            let (removed, added, runs) = word_diff(o.text, "");
            out.push(SectionDiff { section: o.name.clone(), change: Change::Removed, removed, added, runs });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        Project::new(crate::model::config::Config::default(), None).unwrap()
    }

    #[test]
    fn changed_added_and_removed_sections() {
        let old = "# T\n\n## Status\n\nprovisional\n\n## Summary\n\nIt syncs slowly today.\n\n## Notes\n\nGone soon.\n";
        let new = "# T\n\n## Status\n\nimplementable\n\n## Summary\n\nIt syncs fast today.\n\n## Non Goals\n\nNone.\n";
        let d = diff(&project(), Some(old), new);
        let names: Vec<(&str, Change)> = d.iter().map(|s| (s.section.as_str(), s.change)).collect();
        assert_eq!(
            names,
            [
                ("Status", Change::Changed),
                ("Summary", Change::Changed),
                ("Non-Goals", Change::Added),
                ("Notes", Change::Removed)
            ]
        );
        assert_eq!((d[1].removed.clone(), d[1].added.clone()), (vec!["slowly".to_string()], vec!["fast".to_string()]));
        assert_eq!(d[1].runs[0], Run { op: "equal", text: "## Summary It syncs".into() });
        assert!(diff(&project(), Some(new), new).is_empty());
    }
}
