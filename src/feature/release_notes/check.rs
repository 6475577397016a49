//! `--check`: a design whose status changed needs a Summary fit for release notes.

use crate::model::design::Design;
use crate::model::template::Template;
use crate::text::markdown::BlockKind;

/// What is wrong with a Summary, for a design going into release notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SummaryProblem {
    /// There is no Summary section.
    Missing,
    /// The section holds nothing but whitespace and comments.
    Empty,
    /// The section says only `None`.
    None,
    /// The section is still the template's text.
    TemplateText,
}

impl SummaryProblem {
    /// The problem in words.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            SummaryProblem::Missing => "has no Summary section",
            SummaryProblem::Empty => "has an empty Summary",
            SummaryProblem::None => "has a Summary that says only `None`",
            SummaryProblem::TemplateText => "has a Summary that is still the template's text",
        }
    }
}

/// The problem with `design`'s Summary, if any.
pub(crate) fn summary_problem(text: &str, design: &Design, template: &Template) -> Option<SummaryProblem> {
    let Some(section) = design.section(template, "Summary") else { return Some(SummaryProblem::Missing) };
    let body = section.body.clone();
    // Prose outside comments and HTML blocks, line by line.
    let mut lines: Vec<&str> = Vec::new();
    let mut at = body.start;
    let mut pieces = Vec::new();
    for block in design.outline.blocks.iter().filter(|b| b.range.start >= body.start && b.range.end <= body.end) {
        if block.kind == BlockKind::Html {
            pieces.push(&text[at..block.range.start.max(at)]);
            at = at.max(block.range.end);
        }
    }
    pieces.push(&text[at.min(body.end)..body.end]);
    for piece in pieces {
        lines.extend(piece.lines().map(str::trim).filter(|l| !l.is_empty()));
    }
    if lines.is_empty() {
        return Some(SummaryProblem::Empty);
    }
    let words = lines.join(" ");
    let word = words.trim_start_matches(['-', '*', '+', '>', ' ']).trim_matches(['*', '_', '`', '.', ' ']);
    if ["none", "n/a", "na"].iter().any(|w| word.eq_ignore_ascii_case(w)) {
        return Some(SummaryProblem::None);
    }
    let template_lines = template.index_of("Summary").map(|i| &template.sections[i].prose);
    if let Some(prose) = template_lines.filter(|p| !p.is_empty()) {
        if lines.iter().all(|line| prose.iter().any(|p| p == line)) {
            return Some(SummaryProblem::TemplateText);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(summary: &str) -> Option<SummaryProblem> {
        let template = Template::builtin();
        let text = format!("# A\n\n## Status\n\nimplemented\n\n## Summary\n\n{summary}\n## Motivation\n\nWhy.\n");
        let design = Design::parse(&text, &template, &Default::default());
        summary_problem(&text, &design, &template)
    }

    #[test]
    fn summaries() {
        assert_eq!(problem("This adds spot instances.\n"), None);
        assert_eq!(problem("\n<!-- fill in -->\n"), Some(SummaryProblem::Empty));
        assert_eq!(problem("None.\n"), Some(SummaryProblem::None));
        assert_eq!(problem("**N/A**\n"), Some(SummaryProblem::None));
        let template_summary = "A good summary is probably at least a paragraph in length.\n";
        assert_eq!(problem(template_summary), Some(SummaryProblem::TemplateText));
        let template = Template::builtin();
        let design = Design::parse("# A\n\n## Status\n\nx\n", &template, &Default::default());
        assert_eq!(summary_problem("# A\n\n## Status\n\nx\n", &design, &template), Some(SummaryProblem::Missing));
    }
}
