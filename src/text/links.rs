//! Links and paths between chapters: percent escapes, URL schemes, resolving a relative link
//! from a chapter, where a chapter's page is, relative links between pages, and links written in
//! one design rebased for a page elsewhere in the book. The one home of these helpers for the
//! index, the linter and the book reader.

use std::borrow::Cow;

/// The folder part of a chapter path (`design/net` for `design/net/a.md`, empty at the top).
pub fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// The page mdBook writes for a chapter: `.md` becomes `.html`, and `README.md` becomes
/// `index.html` (mdBook's `index` preprocessor).
pub fn html_path(chapter: &str) -> String {
    let (dir, name) = match chapter.rfind('/') {
        Some(i) => (&chapter[..=i], &chapter[i + 1..]),
        None => ("", chapter),
    };
    if name.eq_ignore_ascii_case("readme.md") {
        return format!("{dir}index.html");
    }
    match name.strip_suffix(".md") {
        Some(stem) => format!("{dir}{stem}.html"),
        None => chapter.to_string(),
    }
}

/// Removes `.` and `..` segments; `None` when `..` climbs above the root.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The relative path from the folder `from_dir` to the file `to` (both relative to the root).
pub fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|p| !p.is_empty()).collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count().min(to_parts.len().saturating_sub(1));
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

/// The link from the page of chapter `from` to the page of chapter `to`, percent-encoded.
/// With `html`, it points at the `.html` page; else at the `.md` chapter.
pub fn chapter_link(from: &str, to: &str, html: bool) -> String {
    let target = if html { html_path(to) } else { to.to_string() };
    encode_path(&relative(dir_of(from), &target))
}

/// Whether `dest` starts with a URL scheme (`https:`, `mailto:`, `javascript:`).
pub fn scheme(dest: &str) -> Option<&str> {
    let colon = dest.find(':')?;
    let name = &dest[..colon];
    let valid = name.len() > 1
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(name)
}

/// A link written in the design at `design_path`, made to work from the page of `chapter_path`.
/// Relative links are rebased (and `.md` turned into `.html` when `html`); links with a scheme
/// other than http, https or mailto give `None`.
pub fn safe_href(dest: &str, design_path: &str, chapter_path: &str, html: bool) -> Option<String> {
    let dest = dest.trim();
    if let Some(s) = scheme(dest) {
        return matches!(s.to_ascii_lowercase().as_str(), "http" | "https" | "mailto").then(|| dest.to_string());
    }
    if dest.starts_with('/') || dest.starts_with("//") {
        return Some(dest.to_string());
    }
    let (path, fragment) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let target = if path.is_empty() {
        design_path.to_string()
    } else {
        let joined = format!("{}/{}", dir_of(design_path), decode(path));
        match normalize(&joined) {
            Some(p) => p,
            None => return Some(dest.to_string()),
        }
    };
    let link = if html && target.ends_with(".md") {
        chapter_link(chapter_path, &target, true)
    } else {
        encode_path(&relative(dir_of(chapter_path), &target))
    };
    Some(format!("{link}{fragment}"))
}

/// Percent-encodes what may not stand in a URL path (spaces, quotes, `%`, `#`, `?`, `|`,
/// brackets, non-ASCII).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; invalid escapes (and any `%` not followed by two hex digits, such as
/// `%` before a multibyte character) are kept as written. Text whose escapes decode to invalid
/// UTF-8 is returned unchanged.
pub fn decode(path: &str) -> Cow<'_, str> {
    if !path.contains('%') {
        return Cow::Borrowed(path);
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let (Some(hi), Some(lo)) = (bytes.get(i + 1).and_then(hex), bytes.get(i + 2).and_then(hex)) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).map_or(Cow::Borrowed(path), Cow::Owned)
}

/// The value of one ASCII hex digit.
fn hex(b: &u8) -> Option<u8> {
    (*b as char).to_digit(16).map(|d| d as u8)
}

/// The path a relative link written in the chapter `from` points to, `.` and `..` resolved (a
/// `..` that climbs above a relative start is kept); `None` when it climbs above an absolute
/// start.
pub fn resolve(from: &str, link: &str) -> Option<String> {
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
pub fn under(path: &str, root: &str) -> bool {
    if root.is_empty() {
        return !path.starts_with("../") && !path.starts_with('/');
    }
    let root = root.trim_end_matches('/');
    path.strip_prefix(root).is_some_and(|rest| rest.starts_with('/'))
}

/// A link destination safe inside `<...>` in Markdown: no angle brackets, line breaks or `|`.
pub fn encode_markdown_dest(dest: &str) -> String {
    dest.replace('<', "%3C").replace('>', "%3E").replace('|', "%7C").replace(['\n', '\r'], "")
}

/// A relative path with `/` separators.
pub fn slash_path(path: &std::path::Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_relative_links() {
        assert_eq!(html_path("design/net/a.md"), "design/net/a.html");
        assert_eq!(html_path("design/README.md"), "design/index.html");
        assert_eq!(html_path("readme.md"), "index.html");
        assert_eq!(chapter_link("index.md", "design/net/a.md", true), "design/net/a.html");
        assert_eq!(chapter_link("design/README.md", "design/net/a.md", true), "net/a.html");
        assert_eq!(chapter_link("design/net/x.md", "design/a.md", true), "../a.html");
        assert_eq!(chapter_link("other/deep/x.md", "design/a b.md", true), "../../design/a%20b.html");
        assert_eq!(chapter_link("design/x.md", "design/README.md", true), "index.html");
        assert_eq!(chapter_link("design/x.md", "design/README.md", false), "README.md");
        assert_eq!(relative("a/b", "a/b/c.md"), "c.md");
        assert_eq!(relative("a/b", "a/c.md"), "../c.md");
    }

    #[test]
    fn rebasing() {
        assert_eq!(safe_href("b.md#x", "design/net/a.md", "index.md", true).unwrap(), "design/net/b.html#x");
        assert_eq!(safe_href("../img/p.png", "design/net/a.md", "design/index.md", false).unwrap(), "img/p.png");
        assert_eq!(safe_href("#goals", "design/a.md", "index.md", true).unwrap(), "design/a.html#goals");
        assert_eq!(safe_href("https://x.test/a", "design/a.md", "index.md", true).unwrap(), "https://x.test/a");
        assert_eq!(safe_href("JavaScript:alert(1)", "design/a.md", "index.md", true), None);
        assert_eq!(safe_href("/docs/a.md", "design/a.md", "index.md", true).unwrap(), "/docs/a.md");
        assert_eq!(safe_href("../../../x.md", "design/a.md", "index.md", true).unwrap(), "../../../x.md");
        assert_eq!(decode("a%20b%2"), "a b%2");
    }

    #[test]
    fn percent_before_multibyte_text_is_kept() {
        // These sliced inside a character in the linter's old copy of the decoder.
        assert_eq!(decode("#%aé"), "#%aé");
        assert_eq!(decode("%é"), "%é");
        assert_eq!(decode("%aé%20"), "%aé ");
        assert_eq!(decode("x%"), "x%");
        assert_eq!(decode("%C3%A9"), "é");
        assert_eq!(decode("%FF"), "%FF");
        assert_eq!(decode("b%20c.md"), "b c.md");
        assert_eq!(decode("100%"), "100%");
    }

    #[test]
    fn resolving_relative_links() {
        assert_eq!(resolve("design/a.md", "b.md").as_deref(), Some("design/b.md"));
        assert_eq!(resolve("design/net/a.md", "../b.md").as_deref(), Some("design/b.md"));
        assert_eq!(resolve("design/a.md", "./x/../c.md").as_deref(), Some("design/c.md"));
        assert_eq!(resolve("a.md", "../b.md").as_deref(), Some("../b.md"));
        assert_eq!(resolve("/abs/dir/a.md", "../../../b.md"), None);
        assert!(under("design/b.md", ""));
        assert!(!under("../b.md", ""));
        assert!(under("/c/x/a.md", "/c/x"));
        assert!(!under("/c/xy/a.md", "/c/x"));
        assert!(scheme("https://x").is_some());
        assert!(scheme("mailto:a@b").is_some());
        assert!(scheme("a.md#x:y").is_none());
    }
}
