//! `empty-section` (status-aware), `short-summary` and `template-text`.

use crate::model::status::Status;

use super::super::{Diagnostic, Rule};
use super::{normalize_prose, Check, ProseLines};

pub(super) fn check(cx: &mut Check) {
    if cx.on(Rule::EmptySection) {
        empty(cx);
    }
    if cx.on(Rule::ShortSummary) {
        summary(cx);
    }
    if cx.on(Rule::TemplateText) {
        placeholders(cx);
    }
}

/// Sections with no text at all; for implementable and implemented designs, Design Details and
/// Test Plan left empty or `None`; provisional designs may leave Design Details empty.
fn empty(cx: &mut Check) {
    let template = cx.template;
    let status = cx.design.status();
    let details = template.index_of("Design Details");
    let test_plan = template.index_of("Test Plan");
    let in_details = |i: usize| Some(i) == details || (details.is_some() && template.sections[i].parent == details);
    let strict = matches!(status, Status::Implementable | Status::Implemented);
    let skip = [template.index_of("Status"), template.index_of("Summary")];
    let mut seen = vec![false; template.sections.len()];
    for (k, s) in cx.design.sections.iter().enumerate() {
        if std::mem::replace(&mut seen[s.template], true) || skip.contains(&Some(s.template)) {
            continue;
        }
        if status == Status::Provisional && in_details(s.template) {
            continue;
        }
        let heading = cx.design.heading(s);
        let name = cx.name(s).to_string();
        if strict && (Some(s.template) == details || Some(s.template) == test_plan) {
            let bodies = cx.subtree_bodies(s.template);
            if bodies.iter().all(|b| cx.is_blank(b.clone()) || cx.is_none(b.clone())) {
                let message = format!("an {status} design needs its `{name}`; this one is empty or `None`");
                cx.emit(Diagnostic::new(Rule::EmptySection, heading.range.clone(), message).with_help(format!(
                    "describe the {} before the design is {status}, or move it back to provisional",
                    name.to_lowercase()
                )));
                continue;
            }
        }
        let has_children = cx
            .design
            .sections
            .get(k + 1)
            .is_some_and(|next| template.sections[next.template].parent == Some(s.template));
        if cx.is_blank(s.body.clone()) && !has_children {
            cx.emit(
                Diagnostic::new(Rule::EmptySection, heading.range.clone(), format!("the `{name}` section is empty"))
                    .with_help("write `None` when there is nothing to say, so readers know it was not forgotten"),
            );
        }
    }
}

/// A Summary that is empty, `None`, or under one full sentence.
fn summary(cx: &mut Check) {
    let Some(index) = cx.template.index_of("Summary") else { return };
    let Some(section) = cx.section_at(index) else { return };
    let heading = cx.design.heading(section).range.clone();
    let body = section.body.clone();
    let problem = if cx.is_blank(body.clone()) {
        Some("the Summary is empty")
    } else if cx.is_none(body.clone()) {
        Some("the Summary is `None`")
    } else if !has_sentence(&cx.text_pieces(body, false).concat()) {
        Some("the Summary is under one full sentence")
    } else {
        None
    };
    if let Some(message) = problem {
        cx.emit(Diagnostic::new(Rule::ShortSummary, heading, message).with_help(
            "release notes are built from the Summary: write at least one full sentence on what changes for users",
        ));
    }
}

/// Whether `text` holds a sentence: three words or more, ended by `.`, `!` or `?`.
fn has_sentence(text: &str) -> bool {
    let mut words = 0;
    let mut chars = text.chars().peekable();
    let mut in_word = false;
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            if !in_word {
                words += 1;
            }
            in_word = true;
            continue;
        }
        in_word = false;
        if matches!(c, '.' | '!' | '?') && words >= 3 {
            let next = chars.peek().copied();
            if next.is_none_or(|n| n.is_whitespace() || matches!(n, ')' | '"' | '\'' | '*' | '_' | '’' | '”')) {
                return true;
            }
        }
    }
    false
}

/// Headings of the template that are not sections (`#### Story 1`, the title `Title`) left with
/// nothing under them.
fn placeholders(cx: &mut Check) {
    let placeholders = &cx.template.placeholders;
    if placeholders.is_empty() {
        return;
    }
    let headings = &cx.design.outline.headings;
    let mut found = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let text = h.text.trim();
        if !placeholders.iter().any(|p| p == text) {
            continue;
        }
        let is_title = cx.design.title == Some(i);
        let end = headings.get(i + 1).map_or(cx.text.len(), |n| n.range.start);
        let start = (h.range.end).min(end);
        if is_title {
            found.push((
                h.range.clone(),
                format!("the title is still the template's `{text}`"),
                "write the design's own title",
            ));
        } else if cx.is_blank(start..end) {
            found.push((
                h.range.clone(),
                format!("the template's placeholder heading `{text}` has nothing under it"),
                "fill it in or remove it",
            ));
        }
    }
    for (span, message, help) in found {
        cx.emit(Diagnostic::new(Rule::TemplateText, span, message).with_help(help));
    }
}

/// Lines of template prose left in the design, one finding per run of consecutive lines.
pub(super) fn check_template_prose(cx: &mut Check, lines: &ProseLines) {
    if !cx.on(Rule::TemplateText) {
        return;
    }
    let text = cx.text;
    let mut runs: Vec<(usize, usize, usize, usize)> = Vec::new(); // first line, last line, start, end
    for &(number, start, end) in &lines.lines {
        let line = normalize_prose(&text[start..end]);
        if line.len() < ProseLines::MIN || !cx.ctx.is_template_prose(line) {
            continue;
        }
        let content_start = start + text[start..end].find(line).unwrap_or(0);
        match runs.last_mut() {
            Some(run) if run.1 + 1 == number => {
                run.1 = number;
                run.3 = end;
            }
            _ => runs.push((number, number, content_start, end)),
        }
    }
    for (first, last, start, end) in runs {
        let quoted = normalize_prose(&text[start..crate::text::source::line_end(text, start)]);
        let message = if last > first {
            format!("{} lines of template text are left in the design, from \"{quoted}\"", last - first + 1)
        } else {
            format!("template text is left in the design: \"{quoted}\"")
        };
        cx.emit(
            Diagnostic::new(Rule::TemplateText, start..end, message)
                .with_help("replace the template's instructions with your own text (or `None`)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        assert!(has_sentence("This adds spot instances to machines."));
        assert!(has_sentence("Machines can use *spot instances*!"));
        assert!(!has_sentence("TBD."));
        assert!(!has_sentence("Adds spot instance support"));
        assert!(!has_sentence("See v1.2 for details"));
    }
}
