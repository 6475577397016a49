//! `broken-design-link` and `not-in-summary`.

use super::super::anchors::anchors;
use super::super::{Diagnostic, Rule};
use super::Check;

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
        if dest.is_empty() || dest.starts_with('/') || has_scheme(dest) {
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
                None => anchors(cx.text, cx.design),
            });
            if !own.contains(&*lower(&decode(fragment))) {
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
                    if !info.anchors.contains(&*lower(&decode(fragment))) {
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

/// `s` lowercased, borrowed when it already is.
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_uppercase) {
        s.to_lowercase().into()
    } else {
        s.into()
    }
}

/// Whether a link has a scheme (`https:`, `mailto:`) rather than a path.
fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `%20` and other percent escapes decoded (invalid ones kept as written).
fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).map_or_else(|_| s.into(), Into::into)
}

/// The path a relative link from `from` points to, `..` and `.` resolved; `None` when it climbs
/// above the start of a relative path.
pub(crate) fn resolve(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." && !last.is_empty() => {
                    parts.pop();
                }
                Some(&"") => return None,
                _ => parts.push(".."),
            },
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Whether `path` lies inside folder `root` (`""` is every path that does not climb with `..`).
fn under(path: &str, root: &str) -> bool {
    if root.is_empty() {
        return !path.starts_with("../") && !path.starts_with('/');
    }
    let root = root.trim_end_matches('/');
    path.strip_prefix(root).is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(resolve("design/a.md", "b.md").as_deref(), Some("design/b.md"));
        assert_eq!(resolve("design/net/a.md", "../b.md").as_deref(), Some("design/b.md"));
        assert_eq!(resolve("design/a.md", "./x/../c.md").as_deref(), Some("design/c.md"));
        assert_eq!(resolve("a.md", "../b.md").as_deref(), Some("../b.md"));
        assert_eq!(resolve("/abs/dir/a.md", "../../../b.md"), None);
        assert!(under("design/b.md", ""));
        assert!(!under("../b.md", ""));
        assert!(under("/c/x/a.md", "/c/x"));
        assert!(!under("/c/xy/a.md", "/c/x"));
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a.md#x:y"));
        assert_eq!(decode("b%20c.md"), "b c.md");
        assert_eq!(decode("100%"), "100%");
    }
}
