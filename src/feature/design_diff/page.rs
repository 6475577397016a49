//! What changed at each status change, for the design's page: one collapsed `<details>` after
//! the status timeline, holding per status change the sections that changed since the one
//! before, as word diffs (`<del>` and `<ins>`). One line of HTML, so it joins the timeline's
//! marked line and is replaced with it on every build.

use std::collections::HashMap;

use super::{diff, SectionDiff};
use crate::feature::history::StatusChange;
use crate::feature::render::html::escape;
use crate::model::project::Project;

/// The class of the element.
pub(crate) const CLASS: &str = "design-history-diff";

/// The `<details>` for a design whose status changes are `changes` (oldest first), with the
/// texts of their blobs in `texts`; `None` when there is no change between two known texts.
pub(crate) fn details(project: &Project, changes: &[StatusChange], texts: &HashMap<String, String>) -> Option<String> {
    let mut steps = Vec::new();
    for pair in changes.windows(2) {
        let (Some(old), Some(new)) = (texts.get(&pair[0].blob), texts.get(&pair[1].blob)) else { continue };
        let sections = diff(project, Some(old), new);
        if sections.is_empty() {
            continue;
        }
        let when = pair[1].release.as_deref().map_or_else(|| "not released yet".to_string(), escape);
        steps.push(format!(
            "<section data-release=\"{r}\"><p><strong>{from} → {to}</strong> ({when}, <time datetime=\"{date}\">{date}</time>)</p>{body}</section>",
            r = escape(pair[1].release.as_deref().unwrap_or("")),
            from = pair[0].to,
            to = pair[1].to,
            date = pair[1].date(),
            body = sections.iter().map(section_html).collect::<String>(),
        ));
    }
    if steps.is_empty() {
        return None;
    }
    // Newest first, as a reader asks "what changed lately".
    steps.reverse();
    Some(format!(
        "<details class=\"{CLASS}\"><summary>What changed at each status change</summary>{}</details>",
        steps.concat()
    ))
}

/// One section's word diff: its name, then the words with removals and additions marked.
fn section_html(s: &SectionDiff) -> String {
    const DEL: &str = "background:rgba(248,81,73,.25);text-decoration:line-through";
    const INS: &str = "background:rgba(46,160,67,.25);text-decoration:none";
    let last = s.runs.len().saturating_sub(1);
    let words: Vec<String> = s
        .runs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // An added or removed section's heading is its name, shown already.
            let text = if i == 0 && r.op != "equal" { without_heading(&r.text, &s.section) } else { r.text.clone() };
            match r.op {
                _ if text.is_empty() => String::new(),
                "delete" => format!("<del style=\"{DEL}\">{}</del>", escape(&text)),
                "insert" => format!("<ins style=\"{INS}\">{}</ins>", escape(&text)),
                _ => escape(&context(&text, &s.section, i == 0, i == last)),
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    format!("<p><em>{}</em>: {}</p>", escape(&s.section), words.join(" "))
}

/// `text` without a leading heading (`## Name`) of the section named `section`.
fn without_heading(text: &str, section: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.first().is_some_and(|w| w.chars().all(|c| c == '#')) {
        let skip = (1 + section.split_whitespace().count()).min(words.len());
        return words[skip..].join(" ");
    }
    text.to_string()
}

/// An unchanged run as context: without the section's own heading (its name is shown), and
/// with the middle of a long run left out.
fn context(text: &str, section: &str, first: bool, last: bool) -> String {
    const KEEP: usize = 6;
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if first && words.first().is_some_and(|w| w.chars().all(|c| c == '#')) {
        let heading = section.split_whitespace().count();
        let skip = (1 + heading).min(words.len());
        words.drain(..skip);
    }
    let n = words.len();
    let (head, tail) = match (first, last) {
        (true, true) => (KEEP, KEEP),
        (true, false) => (0, KEEP),
        (false, true) => (KEEP, 0),
        (false, false) => (KEEP, KEEP),
    };
    if n <= head + tail + 1 {
        return words.join(" ");
    }
    let mut out: Vec<&str> = words[..head].to_vec();
    out.push("…");
    out.extend(&words[n - tail..]);
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_drops_the_heading_and_shortens() {
        assert_eq!(context("## Status", "Status", true, false), "");
        let long = "## Summary a b c d e f g h i j k l m n";
        assert_eq!(context(long, "Summary", true, false), "… i j k l m n");
        assert_eq!(context("a b c d e f g h i j k l m n o", "S", false, false), "a b c d e f … j k l m n o");
        assert_eq!(context("a b", "S", false, true), "a b");
        assert_eq!(without_heading("## Non-Goals Nothing else.", "Non-Goals"), "Nothing else.");
    }
}
