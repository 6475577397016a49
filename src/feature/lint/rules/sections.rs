//! `missing-section`, `section-order`, `heading-level` and `section-name`.

use crate::feature::headings::Wanted;
use crate::model::template::NameMatch;
use crate::text::edit::Edit;
use crate::text::source::line_start;

use super::super::{Diagnostic, Rule};
use super::Check;

pub(super) fn check(cx: &mut Check) {
    if cx.on(Rule::MissingSection) {
        missing(cx);
    }
    if cx.on(Rule::SectionOrder) {
        order(cx);
    }
    if cx.on(Rule::HeadingLevel) || cx.on(Rule::SectionName) {
        headings(cx);
    }
}

/// Every non-optional template section that the design leaves out, with a fix that inserts it
/// holding `None`, in template order.
fn missing(cx: &mut Check) {
    let design = cx.design;
    let template = cx.template;
    let present: Vec<bool> = (0..template.sections.len()).map(|i| cx.section_at(i).is_some()).collect();
    if !present.iter().any(|p| *p) && design.status.is_none() {
        // Nothing of the template at all: one finding, not eighteen.
        let at = design.title_heading().map_or(0..0, |h| h.range.clone());
        let names: Vec<_> = template.sections.iter().filter(|s| !s.optional).map(|s| s.name.as_str()).collect();
        cx.emit(
            Diagnostic::new(Rule::MissingSection, at, "the design has none of the template's sections")
                .with_help(format!("start from the template; its sections are {}", names.join(", "))),
        );
        return;
    }
    // A missing Status is `missing-status`'s finding (a status may also live in front matter),
    // and inserting `None` there would only make an invalid status.
    let status_index = template.index_of("Status");
    // New sections go before the first section that is in template order and comes after them
    // in the template, so that inserting never puts anything out of order.
    let mut seen = vec![false; template.sections.len()];
    let firsts: Vec<_> = design.sections.iter().filter(|s| !std::mem::replace(&mut seen[s.template], true)).collect();
    let keys: Vec<usize> = firsts.iter().map(|s| s.template).collect();
    let in_order: Vec<_> =
        firsts.iter().zip(longest_increasing(&keys)).filter(|(_, keep)| *keep).map(|(s, _)| *s).collect();
    let text = cx.text;
    let nl = cx.nl;
    let mut at_end = 0;
    for (i, ts) in template.sections.iter().enumerate() {
        if present[i] || ts.optional {
            continue;
        }
        if ts.parent.is_some_and(|p| template.sections[p].optional && !present[p]) {
            continue;
        }
        if Some(i) == status_index {
            continue;
        }
        let hashes = "#".repeat(usize::from(ts.level));
        let next = in_order.iter().find(|s| s.template > i);
        let (span, insert, place) = match next {
            Some(next) => {
                let h = design.heading(next);
                let at = line_start(text, h.range.start);
                let insert = format!("{hashes} {}{nl}{nl}None{nl}{nl}", ts.name);
                (h.range.clone(), Edit::insert(at, insert), format!("before `{}`", h.text.trim()))
            }
            None => {
                let sep = if at_end > 0 {
                    nl.to_string()
                } else if text.is_empty() || text.ends_with(&format!("{nl}{nl}")) || text.ends_with("\n\n") {
                    String::new()
                } else if text.ends_with('\n') {
                    nl.to_string()
                } else {
                    format!("{nl}{nl}")
                };
                at_end += 1;
                let insert = format!("{sep}{hashes} {}{nl}{nl}None{nl}", ts.name);
                // Point at the end of the last line (not past its line break).
                let point = text.trim_end_matches(['\n', '\r']).len();
                (point..point, Edit::insert(text.len(), insert), "at the end".to_string())
            }
        };
        let message = format!("the template's `{}` section is missing", ts.name);
        let d = Diagnostic::new(Rule::MissingSection, span, message)
            .with_help(format!(
                "keep every section of the template; write `None` when there is nothing to say (it goes {place})"
            ))
            .with_fix(
                format!("Add `{hashes} {}` with `None` {place}", ts.name),
                format!("added `{hashes} {}` with `None` {place}", ts.name),
                vec![insert],
            );
        cx.emit(d);
    }
}

/// Sections out of template order: those outside the longest run that is in order.
fn order(cx: &mut Check) {
    let mut seen = vec![false; cx.template.sections.len()];
    let sections: Vec<_> =
        cx.design.sections.iter().filter(|s| !std::mem::replace(&mut seen[s.template], true)).collect();
    let keys: Vec<usize> = sections.iter().map(|s| s.template).collect();
    let keep = longest_increasing(&keys);
    for (k, s) in sections.iter().enumerate() {
        if keep[k] {
            continue;
        }
        let name = cx.name(s).to_string();
        let before = (0..k).find(|&j| keys[j] > keys[k]);
        let message = match before {
            Some(j) => format!("`{name}` comes after `{}`, but the template puts it before", cx.name(sections[j])),
            None => {
                let after = (k + 1..keys.len()).find(|&j| keys[j] < keys[k]).unwrap_or(k);
                format!("`{name}` comes before `{}`, but the template puts it after", cx.name(sections[after]))
            }
        };
        let span = cx.design.heading(s).range.clone();
        cx.emit(
            Diagnostic::new(Rule::SectionOrder, span, message)
                .with_help("move the section so that the sections follow the template's order"),
        );
    }
}

/// Marks the members of one longest strictly increasing subsequence.
fn longest_increasing(keys: &[usize]) -> Vec<bool> {
    let n = keys.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if keys[j] < keys[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let mut keep = vec![false; n];
    let mut at = (0..n).max_by_key(|&i| (len[i], std::cmp::Reverse(i)));
    while let Some(i) = at {
        keep[i] = true;
        at = (prev[i] != usize::MAX).then_some(prev[i]);
    }
    keep
}

/// Wrong heading levels and known variants of heading names, fixed with the same edits the
/// build makes (`crate::feature::headings`).
fn headings(cx: &mut Check) {
    let text = cx.text;
    let smart = cx.ctx.project.config.smart_punctuation;
    for s in &cx.design.sections {
        let h = cx.design.heading(s);
        let ts = &cx.template.sections[s.template];
        if h.level != ts.level && cx.on(Rule::HeadingLevel) {
            let hashes = "#".repeat(usize::from(ts.level));
            let message = format!(
                "`{}` is a level-{} heading; the template has it at level {} (`{hashes}`)",
                h.text.trim(),
                h.level,
                ts.level
            );
            let mut d = Diagnostic::new(Rule::HeadingLevel, h.range.clone(), message);
            let wanted = Wanted { level: true, name: false };
            let edits: Vec<Edit> = crate::feature::headings::edits(text, cx.design, s, cx.template, wanted, smart)
                .into_iter()
                .map(|(_, e)| e)
                .collect();
            if edits.is_empty() {
                d = d.with_help(format!("write it as `{hashes} {}`", h.text.trim()));
            } else {
                d = d.with_fix(
                    format!("Make `{}` a `{hashes}` heading", h.text.trim()),
                    format!("made `{}` a `{hashes}` heading", h.text.trim()),
                    edits,
                );
            }
            cx.emit(d);
        }
        if s.name_match != NameMatch::Exact && cx.on(Rule::SectionName) {
            let message = format!("`{}` is a variant of the template's `{}`", h.text.trim(), ts.name);
            let mut d = Diagnostic::new(Rule::SectionName, h.content.clone(), message);
            let wanted = Wanted { level: false, name: true };
            let edits: Vec<Edit> = crate::feature::headings::edits(text, cx.design, s, cx.template, wanted, smart)
                .into_iter()
                .map(|(_, e)| e)
                .collect();
            if edits.is_empty() {
                d = d.with_help(format!(
                    "name the heading `{}` as the template does; move any extra words into the text",
                    ts.name
                ));
            } else {
                let links = edits.len() - 1;
                let (title, what) = if links == 0 {
                    (
                        format!("Rename `{}` to `{}`", h.text.trim(), ts.name),
                        format!("renamed `{}` to `{}`", h.text.trim(), ts.name),
                    )
                } else {
                    (
                        format!("Rename `{}` to `{}` and update {links} link(s) to it", h.text.trim(), ts.name),
                        format!("renamed `{}` to `{}` and updated {links} link(s) to it", h.text.trim(), ts.name),
                    )
                };
                d = d.with_fix(title, what, edits);
            }
            cx.emit(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lis_keeps_the_longest_ordered_run() {
        assert_eq!(longest_increasing(&[0, 1, 5, 2, 3, 4]), [true, true, false, true, true, true]);
        assert_eq!(longest_increasing(&[1, 0, 2]), [true, false, true]);
        assert_eq!(longest_increasing(&[]), Vec::<bool>::new());
    }
}
