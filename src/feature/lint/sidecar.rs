//! Lint of a design's sidecar metadata file (`metadata-file`): `sidecar-status`,
//! `sidecar-syntax`, `sidecar-keys` and `sidecar-link`. The findings point into the sidecar's own
//! text, so they are reported under its path, and a loose status word is fixed there.

use crate::model::design::{Design, Sidecar};
use crate::model::status::{Reading, Status};
use crate::text::edit::Edit;

use super::{Diagnostic, LintContext, Rule, Severity};

/// The findings about `design`'s sidecar, placed in the sidecar's text (none without a sidecar).
pub(crate) fn lint_sidecar(ctx: &LintContext, design: &Design) -> Vec<Diagnostic> {
    let Some(sidecar) = &design.sidecar else { return Vec::new() };
    let on = |rule: Rule| ctx.severities.get(rule) != Severity::Allow;
    let text = &sidecar.text;
    let mut out = Vec::new();
    if let Some((line, message)) = &sidecar.error {
        if on(Rule::SidecarSyntax) {
            let at = offset_of_line(text, *line);
            out.push(
                Diagnostic::new(Rule::SidecarSyntax, at..at, format!("{} does not parse: {message}", sidecar.path))
                    .with_help("fix the file's syntax (quote values holding `:` or `#`); until then it is not read"),
            );
        }
        return super::place(ctx, &sidecar.path, text, out);
    }
    if on(Rule::SidecarStatus) {
        status(ctx, sidecar, &mut out);
    }
    if on(Rule::SidecarKeys) {
        if let Some(template) = &ctx.template_sidecar {
            keys(sidecar, template, &mut out);
        }
    }
    if on(Rule::SidecarLink) {
        links(ctx, sidecar, &mut out);
    }
    super::place(ctx, &sidecar.path, text, out)
}

/// The sidecar's `status`: empty, the template's unedited list, not a status, or a loose word.
fn status(ctx: &LintContext, sidecar: &Sidecar, out: &mut Vec<Diagnostic>) {
    let Some(field) = &sidecar.status else { return };
    let words = Status::CANONICAL.map(|s| s.as_str()).join(", ");
    if let Some(what) = field.form.container_name() {
        let at = offset_of_line(&sidecar.text, field.line);
        out.push(
            Diagnostic::new(
                Rule::SidecarStatus,
                at..at,
                format!("the sidecar's `status` holds {what}; write one status word"),
            )
            .with_help(format!("write `status: <word>` on one line, the word one of: {words}")),
        );
        return;
    }
    match field.reading {
        Reading::Empty => {
            let at = offset_of_line(&sidecar.text, field.line);
            out.push(
                Diagnostic::new(Rule::SidecarStatus, at..at, "the sidecar's `status` is empty")
                    .with_help(format!("write one of: {words}")),
            );
        }
        Reading::Placeholder => out.push(
            Diagnostic::new(
                Rule::SidecarStatus,
                field.span.clone(),
                "the template's list of statuses was left unedited",
            )
            .with_help(format!("keep only the status of this design, one of: {words}")),
        ),
        Reading::Unrecognized => {
            let mut d = Diagnostic::new(
                Rule::SidecarStatus,
                field.span.clone(),
                format!("`{}` is not a status; use one of: {words}", field.raw),
            );
            if let Some(near) = crate::feature::lint::rules::status::suggest(&field.raw, &ctx.project.aliases) {
                d = d.with_help(format!(
                    "did you mean `{near}`? (or map the word in [preprocessor.design.status-aliases])"
                ));
            } else {
                d = d.with_help("map the project's word to a status in [preprocessor.design.status-aliases]");
            }
            out.push(d);
        }
        Reading::Status { status, .. } => {
            // A project's own word (`status-aliases`) is as valid as the seven: no finding, no
            // fix, so two of the project's words are never made one.
            if crate::model::status::alias_in(&field.raw, &ctx.project.aliases).is_some() {
                return;
            }
            // Only the word itself is loose; a YAML comment after it is the author's.
            let raw = &field.raw;
            let end = raw.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(raw.len());
            let word = &raw[..end];
            if word.is_empty() || word == status.as_str() || !sidecar.text[field.span.clone()].starts_with(word) {
                return;
            }
            let span = field.span.start..field.span.start + end;
            let d = Diagnostic::new(
                Rule::SidecarStatus,
                span.clone(),
                format!("the status `{word}` is written loosely; the canonical word is `{status}`"),
            );
            let d = if ctx.with_edits {
                d.with_fix(
                    format!("Write `{status}`"),
                    format!("wrote `{status}`"),
                    vec![Edit::replace(span, status.as_str())],
                )
            } else {
                d.fixed_elsewhere()
            };
            out.push(d);
        }
    }
}

/// Whether a template value, kept unchanged in a design's sidecar, is a placeholder: any text
/// but a version (`v1.19`), a number or a boolean, which a design may share with the template.
fn is_placeholder(items: &[String]) -> bool {
    let fixed = |i: &str| {
        let version = i.strip_prefix('v').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        version || i.parse::<f64>().is_ok() || i == "true" || i == "false"
    };
    items.iter().any(|i| !fixed(i.trim()))
}

/// Keys of the template's own sidecar that are missing, or still hold its placeholder value.
fn keys(sidecar: &Sidecar, template: &Sidecar, out: &mut Vec<Diagnostic>) {
    let missing: Vec<&str> =
        template.values.keys().filter(|k| !sidecar.values.contains_key(*k)).map(String::as_str).collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        out.push(
            Diagnostic::new(Rule::SidecarKeys, 0..0, format!("{} has no {list}", sidecar.path))
                .with_help(format!("add the keys the template's {} has", template.path)),
        );
    }
    for (key, value) in &sidecar.values {
        let Some(t) = template.values.get(key) else { continue };
        if value.items == t.items && !t.items.is_empty() && is_placeholder(&t.items) {
            let at = offset_of_line(&sidecar.text, value.line);
            let end = crate::text::source::line_end(&sidecar.text, at);
            out.push(
                Diagnostic::new(
                    Rule::SidecarKeys,
                    at..end,
                    format!("`{key}` still holds the template's placeholder `{}`", t.items.join(", ")),
                )
                .with_help("replace it with this design's value"),
            );
        }
    }
}

/// `replaces` and `see-also` entries that are paths naming no design of the book.
fn links(ctx: &LintContext, sidecar: &Sidecar, out: &mut Vec<Diagnostic>) {
    let folder = sidecar.path.rfind('/').map_or("", |i| &sidecar.path[..=i]);
    for key in ["replaces", "see-also", "superseded-by"] {
        let Some(value) = sidecar.values.get(key) else { continue };
        let mut from = offset_of_line(&sidecar.text, value.line);
        for item in &value.items {
            let item = item.trim();
            let at = sidecar.text[from..].find(item).map_or(from, |i| from + i);
            from = at + item.len();
            // Only paths: not web pages, anchors, prose or bare words (`none`, `TBD`, `KEP-32`).
            let not_a_path = !item.contains('/') || item.eq_ignore_ascii_case("n/a");
            if not_a_path || item.contains("://") || item.starts_with('#') || item.contains(' ') {
                continue;
            }
            if !names_a_design(ctx, folder, item) {
                out.push(
                    Diagnostic::new(
                        Rule::SidecarLink,
                        at..at + item.len(),
                        format!("`{key}` names `{item}`, which is no design of the book"),
                    )
                    .with_help("give the path of the design (its folder or file), or remove the entry"),
                );
            }
        }
    }
}

/// Whether `target` (relative to `folder` or to `src`, or relative to the repository with or
/// without a leading `/`, its first folder being `src`) is a design or a design's folder.
fn names_a_design(ctx: &LintContext, folder: &str, target: &str) -> bool {
    let trimmed = target.trim_end_matches('/');
    let mut candidates = Vec::new();
    if let Some(absolute) = trimmed.strip_prefix('/') {
        candidates.push(absolute.to_string());
        if let Some((_, rest)) = absolute.split_once('/') {
            candidates.push(rest.to_string());
        }
    } else {
        candidates.push(normalize(&format!("{folder}{trimmed}")));
        candidates.push(normalize(trimmed));
        // Relative to the repository: `keps/sig-node/1234-x` with `keps` the book's `src`.
        if let Some((_, rest)) = trimmed.split_once('/') {
            candidates.push(normalize(rest));
        }
    }
    candidates.iter().any(|c| {
        let prefix = format!("{c}/");
        ctx.designs.contains_key(c.as_str())
            || ctx.designs.contains_key(format!("{c}.md").as_str())
            || ctx.designs.keys().any(|d| d.starts_with(&prefix))
    })
}

/// A `/`-separated path with `.` and `..` resolved.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The byte offset of the start of 1-based `line`.
fn offset_of_line(text: &str, line: usize) -> usize {
    let mut at = 0;
    for _ in 1..line.max(1) {
        match text[at..].find('\n') {
            Some(i) => at += i + 1,
            None => return text.len(),
        }
    }
    at
}
