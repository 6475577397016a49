//! Paths between chapters: where a chapter's page is, relative links between pages, and links
//! written in one design rebased for a page elsewhere in the book.

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

/// Decodes `%XX` escapes (invalid ones are kept as written).
pub fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && path.is_char_boundary(i + 3) {
            if let Ok(v) = u8::from_str_radix(&path[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| path.to_string())
}

/// A link destination safe inside `<...>` in Markdown: no angle brackets, line breaks or `|`.
pub fn encode_markdown_dest(dest: &str) -> String {
    dest.replace('<', "%3C").replace('>', "%3E").replace('|', "%7C").replace(['\n', '\r'], "")
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
}
