//! `--format human`: rustc-style excerpts, with the source line, a caret under the span and a
//! help line, rendered by annotate-snippets.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use rayon::prelude::*;

use crate::model::config::Severity;
use crate::text::source::{line_end, line_start};

use super::FileReport;

/// Excerpts show at most this many lines of a long span.
const MAX_LINES: usize = 4;

/// Every finding as a rustc-style excerpt, then a one-line total. Files render on every core.
pub(crate) fn render_human(reports: &[FileReport], color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let parts: Vec<(String, usize, usize, usize)> = reports.par_iter().map(|r| render_file(&renderer, r)).collect();
    let mut out = String::with_capacity(parts.iter().map(|p| p.0.len()).sum::<usize>() + 80);
    let (mut errors, mut warnings, mut fixable) = (0, 0, 0);
    for (text, e, w, f) in parts {
        out.push_str(&text);
        errors += e;
        warnings += w;
        fixable += f;
    }
    if errors + warnings > 0 {
        out.push_str(&format!("{} and {}", count(errors, "error"), count(warnings, "warning")));
        if fixable > 0 {
            out.push_str(&format!("; {fixable} fixable with `mdbook-design lint --fix`"));
        }
        out.push('\n');
    }
    out
}

/// One file's findings, with its counts of errors, warnings and fixable findings.
fn render_file(renderer: &Renderer, r: &FileReport) -> (String, usize, usize, usize) {
    let mut out = String::new();
    let (mut errors, mut warnings, mut fixable) = (0, 0, 0);
    for d in r.diagnostics {
        let text = r.text;
        let start = d.span.start.min(text.len());
        let mut from = line_start(text, start);
        let mut line = d.line;
        if from == text.len() && from > 0 {
            // A point at the very end: show the last line.
            from = line_start(text, from - 1);
            line -= 1;
        }
        let mut to = line_end(text, start.max(from));
        let end = d.span.end.min(text.len()).max(start);
        for _ in 1..MAX_LINES {
            if end <= to || to >= text.len() {
                break;
            }
            to = line_end(text, (to + 1).min(text.len()));
        }
        let local = start - from..end.min(to).max(start) - from;
        let level = if d.severity == Severity::Deny { Level::ERROR } else { Level::WARNING };
        let snippet = Snippet::source(&text[from..to])
            .line_start(line)
            .path(r.display)
            .annotation(AnnotationKind::Primary.span(local));
        let mut group = level.primary_title(d.message.as_str()).id(d.rule.id()).element(snippet);
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        if d.fixable {
            group = group.element(Level::NOTE.message("`mdbook-design lint --fix` can fix this"));
            fixable += 1;
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
        match d.severity {
            Severity::Deny => errors += 1,
            _ => warnings += 1,
        }
    }
    (out, errors, warnings, fixable)
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
