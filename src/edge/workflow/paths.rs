//! Paths the workflow needs: the designs folder of a book, the book a file belongs to, and
//! relative links between two designs.

use std::path::{Component, Path, PathBuf};

use crate::model::config::Config;

/// The folder (relative to `src`, ending in `/`) that new designs go in: the literal start of
/// the first `designs` glob (`design/` for `design/**`), else `design/`.
pub(crate) fn designs_folder(config: &Config) -> String {
    let glob = config.designs.first().map_or("design/**", String::as_str);
    let literal = glob.find(['*', '?', '[', '{']).map_or(glob, |i| &glob[..i]);
    match literal.rfind('/') {
        Some(i) if i > 0 => literal[..=i].to_string(),
        _ => "design/".to_string(),
    }
}

/// The nearest folder above `file` holding a `book.toml`.
pub(crate) fn book_root_of(file: &Path) -> Option<PathBuf> {
    let absolute = absolute(file);
    absolute.ancestors().skip(1).find(|dir| dir.join("book.toml").is_file()).map(Path::to_path_buf)
}

/// `path` made absolute against the current folder, with `.` and `..` resolved lexically
/// (symbolic links resolved when the file exists).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    lexical(&joined)
}

/// Resolves `.` and `..` components without touching the disk.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The relative link from a file in `from_dir` to `to` (both absolute), with `/` separators:
/// `text::links::relative` over the two paths as `/`-separated strings.
pub(crate) fn relative_link(from_dir: &Path, to: &Path) -> String {
    use crate::text::links::{relative, slash_path};
    relative(&slash_path(from_dir), &slash_path(to))
}

/// Whether a reference written in `from`'s text (`../b.md`, `[B](b.md#x)`, `<b.md>`) names the
/// file `target` (absolute). Web links never do.
pub(crate) fn names_file(reference: &str, from: &Path, target: &Path) -> bool {
    let mut reference = reference.trim().trim_matches(['<', '>']);
    if reference.starts_with('[') && reference.ends_with(')') {
        if let Some(i) = reference.find("](") {
            reference = reference[i + 2..reference.len() - 1].trim().trim_matches(['<', '>']);
        }
    }
    // Percent-decoded as every other link is read (`text::links::decode`), not only `%20`.
    let path = crate::text::links::decode(reference.split(['#', '?']).next().unwrap_or("")).into_owned();
    if path.is_empty() || path.contains("://") {
        return false;
    }
    let path = match path.strip_suffix(".html") {
        Some(stem) => format!("{stem}.md"),
        None => path,
    };
    let from_dir = from.parent().unwrap_or(Path::new("/"));
    lexical(&from_dir.join(&path)) == target
}

/// Whether `reference` is a local path (not a web link, not a "none" word).
pub(crate) fn is_local(reference: &str) -> bool {
    let r = reference.trim().to_ascii_lowercase();
    !(r.contains("://") || ["", "-", "n/a", "na", "none", "nil", "null", "tbd", "~"].contains(&r.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_links() {
        assert_eq!(designs_folder(&Config::default()), "design/");
        let config = Config { designs: vec!["proposals/*.md".into()], ..Config::default() };
        assert_eq!(designs_folder(&config), "proposals/");
        let config = Config { designs: vec!["**/*.md".into()], ..Config::default() };
        assert_eq!(designs_folder(&config), "design/");
        assert_eq!(relative_link(Path::new("/b/src/design/net"), Path::new("/b/src/design/a.md")), "../a.md");
        assert_eq!(relative_link(Path::new("/b/src/design"), Path::new("/b/src/design/x/a.md")), "x/a.md");
        let from = Path::new("/b/src/design/net/old.md");
        assert!(names_file("../new.md", from, Path::new("/b/src/design/new.md")));
        assert!(names_file("[New](<../new.md#top>)", from, Path::new("/b/src/design/new.md")));
        assert!(!names_file("https://x.test/new.md", from, Path::new("/b/src/design/new.md")));
        assert!(!names_file("new.md", from, Path::new("/b/src/design/new.md")));
        // Any percent-escape, as links are decoded everywhere else.
        let target = Path::new("/b/src/design/new (v2).md");
        assert!(names_file("../new%20%28v2%29.md", from, target));
        assert!(names_file("../new%20(v2).md", from, target));
    }
}
