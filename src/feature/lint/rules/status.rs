//! `missing-status`, `invalid-status`, `status-format` and `replaced-without-link`.

use crate::model::design::{Section, StatusField, StatusSource};
use crate::model::status::{self, Reading, Status};
use crate::text::edit::{container_prefix, Edit};
use crate::text::markdown::HeadingStyle;

use super::super::{Diagnostic, Rule};
use super::Check;

pub(super) fn check(cx: &mut Check) {
    declared(cx);
    if cx.on(Rule::InvalidStatus) {
        disagreeing_sections(cx);
    }
}

/// A later Status section that names another status than the one the badge shows.
fn disagreeing_sections(cx: &mut Check) {
    let shown = cx.design.status();
    let first_line = cx.design.status.as_ref().map(|f| crate::text::source::line_of(cx.text, f.span.start));
    for later in cx.design.later_statuses(cx.text, cx.template, &cx.ctx.project.aliases) {
        let Reading::Status { status, .. } = later.reading else { continue };
        if status == shown {
            continue;
        }
        let first = match first_line {
            Some(line) => format!("`{shown}`, read from the first Status section (line {line})"),
            None => "`unknown`: the first Status section holds no status".to_string(),
        };
        let message = format!("this second Status section says `{status}`, but the badge shows {first}");
        cx.emit(
            Diagnostic::new(Rule::InvalidStatus, later.span.clone(), message)
                .with_help("keep one Status section, holding the design's current status"),
        );
    }
}

/// The declared status: missing, empty, the unedited list, unknown, or written loosely.
fn declared(cx: &mut Check) {
    let design = cx.design;
    let status_section = cx.template.index_of("Status").and_then(|i| cx.section_at(i));
    match &design.status {
        None => {
            // A sidecar that declares a status is checked by the sidecar rules.
            if !cx.on(Rule::MissingStatus) || design.sidecar.as_ref().is_some_and(|s| s.status.is_some()) {
                return;
            }
            let (span, message) = match status_section {
                Some(s) => {
                    let h = design.heading(s);
                    (h.range.clone(), empty_section_message(cx, s))
                }
                None => (title_span(cx), "the design has no status".to_string()),
            };
            let help = match cx.ctx.project.config.metadata_file.as_deref() {
                Some(file) => format!("add `status:` to the design's {file}, holding one of: {}", words(cx)),
                None => format!(
                    "add a `## Status` section holding one of: {} (or `status:` in the front matter)",
                    words(cx)
                ),
            };
            cx.emit(Diagnostic::new(Rule::MissingStatus, span, message).with_help(help));
        }
        Some(field) => match field.reading {
            Reading::Empty if container(design, field).is_some() => {
                if cx.on(Rule::InvalidStatus) {
                    let what = container(design, field).unwrap_or("a list");
                    let message = format!("`status` holds {what}; write one status word");
                    cx.emit(
                        Diagnostic::new(Rule::InvalidStatus, field.line.clone(), message)
                            .with_help(format!("write `status: <word>` on one line, the word one of: {}", words(cx))),
                    );
                }
            }
            Reading::Empty => {
                if cx.on(Rule::MissingStatus) {
                    cx.emit(
                        Diagnostic::new(Rule::MissingStatus, field.line.clone(), "the status is empty")
                            .with_help(format!("write one of: {}", words(cx))),
                    );
                }
            }
            Reading::Placeholder => {
                if cx.on(Rule::InvalidStatus) {
                    let message = "the template's list of statuses was left unedited";
                    cx.emit(
                        Diagnostic::new(Rule::InvalidStatus, field.span.clone(), message)
                            .with_help(format!("keep only the status of this design, one of: {}", words(cx))),
                    );
                }
            }
            Reading::Unrecognized if design.unexpanded_include().is_some() => {
                // mdBook's `links` preprocessor expands it; with this one configured to run
                // after it, the build reads the included status, which lint cannot see.
                let after_links = cx.ctx.project.config.after.iter().any(|p| p == "links");
                if cx.on(Rule::InvalidStatus) && !after_links {
                    let message = format!(
                        "the status is pulled in with {}, which mdBook has not expanded here, so the design shows \
                         `unknown`",
                        code_span(&field.raw)
                    );
                    cx.emit(Diagnostic::new(Rule::InvalidStatus, field.span.clone(), message).with_help(
                        "mdBook's `links` preprocessor expands `{{#include}}`: run this one after it, with \
                         `after = [\"links\"]` under `[preprocessor.design]` in book.toml",
                    ));
                }
            }
            Reading::Unrecognized => {
                if cx.on(Rule::InvalidStatus) {
                    let message = format!("{} is not a status; use one of: {}", code_span(&field.raw), words(cx));
                    let mut d = Diagnostic::new(Rule::InvalidStatus, field.span.clone(), message);
                    if let Some(near) = nearest(&field.raw, cx) {
                        d = d.with_help(format!("did you mean `{near}`?"));
                    }
                    cx.emit(d);
                }
            }
            Reading::Status { status, exact } => {
                // A project's own word (`status-aliases`) is as valid as the seven: never loose.
                let own_word = status::alias_in(&field.raw, &cx.ctx.project.aliases).is_some();
                if !exact && !own_word && cx.on(Rule::StatusFormat) {
                    format_check(cx, field, status);
                }
                if status == Status::Replaced && design.replaced_by.is_none() && cx.on(Rule::ReplacedWithoutLink) {
                    cx.emit(
                        Diagnostic::new(
                            Rule::ReplacedWithoutLink,
                            field.span.clone(),
                            "the design is `replaced` but does not link the design that replaces it",
                        )
                        .with_help(
                            "link it in the Status section (`replaced by [New design](new-design.md)`) or set \
                             `superseded-by:` in the front matter",
                        ),
                    );
                }
            }
        },
    }
}

/// "a list" or "a mapping" when the status is read from front matter whose `status` holds one.
fn container(design: &crate::model::design::Design, field: &StatusField) -> Option<&'static str> {
    let form = design.front_matter.as_ref().and_then(|f| f.status_form)?;
    (field.source == StatusSource::FrontMatter).then(|| form.container_name()).flatten()
}

/// Why a Status section yields no status: it is empty, its text is only in HTML blocks or a
/// sub-heading, or the status line is underlined with `---`, which makes it the next heading.
fn empty_section_message(cx: &Check, section: &Section) -> String {
    let text = cx.text;
    let headings = &cx.design.outline.headings;
    let body = section.body.clone();
    let Some(first) = text[body.clone()].lines().map(str::trim).find(|l| !l.is_empty()) else {
        let next = headings.get(section.heading + 1).filter(|h| h.style == HeadingStyle::Setext);
        if let Some(next) =
            next.filter(|h| matches!(status::read(&h.text, &cx.ctx.project.aliases), Reading::Status { .. }))
        {
            return format!(
                "the Status section is empty: `{}` is underlined, which makes it a heading, not the status",
                next.text.trim()
            );
        }
        return "the Status section is empty".to_string();
    };
    let first: String = first.chars().take(60).collect();
    let why = if headings.iter().any(|h| body.contains(&h.range.start)) { "a heading" } else { "an HTML block" };
    format!(
        "the Status section has no status line: its first text `{first}` is in {why}, which is not read as the status"
    )
}

/// A valid status written loosely: say how to write it, and fix it when no word is lost.
fn format_check(cx: &mut Check, field: &StatusField, status: Status) {
    let word = status.as_str();
    let text = cx.text;
    let mut core = field.span.clone();
    if let Some(prompt) = &field.prompt {
        core.start = prompt.end.min(core.end);
    }
    let raw = &text[core.clone()];
    if field.source == StatusSource::FrontMatter {
        // A YAML comment after the word is not part of the value.
        let value = raw.split(" #").next().unwrap_or(raw).trim();
        if value == word {
            return;
        }
    }
    let message = format!("the status {} is written loosely; write `{word}`", code_span(&field.raw));
    let d = Diagnostic::new(Rule::StatusFormat, field.span.clone(), message);
    let unwrapped = strip_markup(raw);
    if unwrapped.eq_ignore_ascii_case(word) {
        let (title, what) = (format!("Write the status as `{word}`"), format!("wrote the status as `{word}`"));
        cx.emit(d.with_fix(title, what, vec![Edit::replace(field.span.clone(), word)]));
        return;
    }
    if field.source == StatusSource::Section && is_link_to(unwrapped, word) {
        // Keep the link (it may say where or which design): the word goes first, the link
        // becomes the next paragraph.
        let prefix = container_prefix(text, field.span.start);
        let nl = cx.nl;
        let replacement = format!("{word}{nl}{}{nl}{prefix}{raw}", prefix.trim_end());
        let title = format!("Write the status as `{word}` and keep the link below it");
        let what = format!("wrote the status as `{word}` and kept the link below it");
        cx.emit(d.with_fix(title, what, vec![Edit::replace(field.span.clone(), replacement)]));
        return;
    }
    cx.emit(d.with_help(format!("write just `{word}` on the status line and move the rest into a sentence below it")));
}

/// `text` as a Markdown code span: in single backticks, or in double ones with spaces when it
/// holds a backtick itself (`` `implemented` ``).
fn code_span(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The text without surrounding `**`, `*`, `_` or backticks.
fn strip_markup(raw: &str) -> &str {
    let mut s = raw.trim();
    loop {
        let before = s;
        for mark in ["**", "__", "*", "_", "`"] {
            if s.len() > 2 * mark.len() && s.starts_with(mark) && s.ends_with(mark) {
                s = s[mark.len()..s.len() - mark.len()].trim();
            }
        }
        if s == before {
            return s;
        }
    }
}

/// Whether `raw` is exactly one link whose text is `word` (`[Implemented](url)`, `[x][ref]`).
fn is_link_to(raw: &str, word: &str) -> bool {
    let Some(inner) = raw.strip_prefix('[') else { return false };
    let Some(close) = inner.find(']') else { return false };
    let rest = &inner[close + 1..];
    let target_ok = (rest.len() >= 2
        && rest.starts_with('(')
        && rest.ends_with(')')
        && !rest[1..rest.len() - 1].contains(')'))
        || (rest.len() >= 2 && rest.starts_with('[') && rest.ends_with(']') && !rest[1..rest.len() - 1].contains(']'));
    strip_markup(&inner[..close]).eq_ignore_ascii_case(word) && target_ok
}

/// Where to point when the design has no status: its title, else the start.
fn title_span(cx: &Check) -> std::ops::Range<usize> {
    cx.design.title_heading().map_or(0..0, |h| h.range.clone())
}

/// The seven words (and the project's aliases).
fn words(cx: &Check) -> String {
    let mut list = Status::CANONICAL.map(|s| s.as_str()).join(", ");
    if !cx.ctx.project.aliases.is_empty() {
        let aliases: Vec<_> = cx.ctx.project.aliases.keys().map(String::as_str).collect();
        list.push_str(&format!(" (or the aliases {})", aliases.join(", ")));
    }
    list
}

/// The closest status word to a misspelling, when it is close.
fn nearest(raw: &str, cx: &Check) -> Option<String> {
    suggest(raw, &cx.ctx.project.aliases)
}

/// The status word or alias within two edits of the first word of `raw`, when there is one.
pub(crate) fn suggest(raw: &str, aliases: &std::collections::BTreeMap<String, Status>) -> Option<String> {
    let word: String = raw
        .trim()
        .trim_start_matches(['*', '_', '`', '['])
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_lowercase();
    if word.len() < 4 {
        return None;
    }
    let candidates = Status::CANONICAL.iter().map(|s| s.as_str().to_string()).chain(aliases.keys().cloned());
    candidates.map(|c| (distance(&word, &c), c)).filter(|(d, _)| *d <= 2).min().map(|(_, c)| c)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_links() {
        assert_eq!(strip_markup("**Implemented**"), "Implemented");
        assert_eq!(strip_markup("`implementable`"), "implementable");
        assert!(is_link_to("[Implemented](https://x/pr/1)", "implemented"));
        assert!(is_link_to("[implemented][pr]", "implemented"));
        assert!(!is_link_to("[Implemented](x) in v2 (alpha)", "implemented"));
        assert_eq!(distance("implemnted", "implemented"), 1);
    }
}
