//! `broken-design-link` and `not-in-summary`.

use crate::text::links::{decode, resolve, scheme, under};

use super::super::{Diagnostic, Rule};
use super::Check;
use crate::feature::anchors::anchors;

pub(super) fn check(cx: &mut Check) {
    if cx.on(Rule::BrokenDesignLink) {
        links(cx);
    }
    if cx.on(Rule::NotInSummary) {
        if let Some(summary) = &cx.ctx.summary {
            if !summary.contains(cx.path) {
                let at = cx.design.title_heading().map_or(0..0, |h| h.range.clone());
                let title = cx.design.display_title(cx.path);
                cx.emit(
                    Diagnostic::new(Rule::NotInSummary, at, format!("`{}` is not listed in SUMMARY.md", cx.path))
                        .with_help(format!("add `- [{title}]({})` to SUMMARY.md", cx.path)),
                );
            }
        }
    }
}

/// Relative links to designs (or other known `.md` files) and anchors that do not exist.
fn links(cx: &mut Check) {
    let ctx = cx.ctx;
    let mut own_anchors = None;
    let mut found = Vec::new();
    for link in &cx.design.outline.links {
        let dest = link.dest.trim();
        if dest.is_empty() || dest.starts_with('/') || scheme(dest).is_some() {
            continue;
        }
        let (file, fragment) = match dest.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (dest, None),
        };
        let file = file.split('?').next().unwrap_or(file);
        if file.is_empty() {
            let Some(fragment) = fragment else { continue };
            let own = own_anchors.get_or_insert_with(|| match ctx.designs.get(cx.path) {
                Some(info) => info.anchors.clone(),
                None => anchors(cx.text, cx.design, ctx.project.config.smart_punctuation),
            });
            if !own.contains(&*decode(fragment)) {
                found.push((link.range.clone(), format!("there is no heading `#{fragment}` in this design"), None));
            }
            continue;
        }
        if file.len() < 3 || !file.as_bytes()[file.len() - 3..].eq_ignore_ascii_case(b".md") {
            continue;
        }
        let Some(target) = resolve(cx.path, &decode(file)) else { continue };
        if !ctx.roots.iter().any(|r| under(&target, r)) {
            continue;
        }
        match ctx.designs.get(&target) {
            Some(info) => {
                if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                    if !info.anchors.contains(&*decode(fragment)) {
                        found.push((
                            link.range.clone(),
                            format!("`{target}` has no heading `#{fragment}`"),
                            Some(format!("link one of the headings of `{target}`, or drop the `#{fragment}`")),
                        ));
                    }
                }
            }
            None => {
                let known = ctx.files.as_ref().is_some_and(|files| files.contains(&target));
                if ctx.files.is_some() && !known {
                    found.push((
                        link.range.clone(),
                        format!("`{file}` does not exist (it would be `{target}`)"),
                        Some("check the file name and the path relative to this design".to_string()),
                    ));
                }
            }
        }
    }
    for (span, message, help) in found {
        let mut d = Diagnostic::new(Rule::BrokenDesignLink, span, message);
        if let Some(help) = help {
            d = d.with_help(help);
        }
        cx.emit(d);
    }
}
