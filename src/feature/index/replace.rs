//! Two-way `replaced` links: a design names what replaced it (`superseded-by`, a link in its
//! Status section) or what it replaces (`replaces`); both sides get both directions, and a
//! reference to a design that is not in the book is reported.

use super::{Entry, Warning};
use crate::text::links::{decode, dir_of, normalize, scheme};

/// Values that mean "nothing" in `replaces` and `superseded-by` lists.
const NONE_WORDS: &[&str] = &["", "-", "n/a", "na", "none", "nil", "null", "tbd", "~"];

/// Resolves every entry's written `replaces`/`replaced-by` references to book paths, fills
/// both directions, and returns a warning for each reference to a design not in `entries`.
///
/// A reference resolves as a path relative to the design, then relative to the book's `src`,
/// then by file name (front matter often holds repository paths such as
/// `/docs/proposals/2019...md`). Web links that do not end in `.md` (a Google doc, a pull
/// request) are not designs and are ignored.
pub(crate) fn link_replacements(entries: &mut [Entry]) -> Vec<Warning> {
    let paths: Vec<String> = entries.iter().map(|e| e.path.clone()).collect();
    let index = PathIndex::new(&paths);
    let mut warnings = Vec::new();
    let mut replaced_by: Vec<Option<usize>> = vec![None; entries.len()];
    let mut replaces: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for (i, entry) in entries.iter().enumerate() {
        if let Some(reference) = &entry.references.replaced_by {
            match resolve(reference, &entry.path, &index) {
                Resolution::Design(j) if j != i => replaced_by[i] = Some(j),
                Resolution::NotADesign | Resolution::Design(_) => {}
                Resolution::Missing => warnings.push(Warning {
                    path: entry.path.clone(),
                    message: format!("marked as replaced by `{reference}`, which is not a design in this book"),
                }),
            }
        }
        for reference in &entry.references.replaces {
            match resolve(reference, &entry.path, &index) {
                Resolution::Design(j) if j != i => replaces[i].push(j),
                Resolution::NotADesign | Resolution::Design(_) => {}
                Resolution::Missing => warnings.push(Warning {
                    path: entry.path.clone(),
                    message: format!("says it replaces `{reference}`, which is not a design in this book"),
                }),
            }
        }
    }
    // Both directions: A replaced by B means B replaces A, and the other way round.
    let mut pairs: Vec<(usize, usize)> = Vec::new(); // (old, new)
    for (old, new) in replaced_by.iter().enumerate() {
        if let Some(new) = new {
            pairs.push((old, *new));
        }
    }
    for (new, olds) in replaces.iter().enumerate() {
        for &old in olds {
            pairs.push((old, new));
        }
    }
    for entry in entries.iter_mut() {
        entry.replaced_by = None;
        entry.replaces.clear();
    }
    for &(old, new) in &pairs {
        let new_path = paths[new].clone();
        match &entries[old].replaced_by {
            None => entries[old].replaced_by = Some(new_path),
            Some(existing) if *existing == new_path => {}
            Some(existing) => {
                // The design's own word wins over what another design claims.
                if replaced_by[old] == Some(new) {
                    let other = existing.clone();
                    entries[old].replaced_by = Some(new_path.clone());
                    warnings.push(conflict(&paths[old], &new_path, &other));
                } else {
                    warnings.push(conflict(&paths[old], existing, &new_path));
                }
            }
        }
        let old_path = paths[old].clone();
        if !entries[new].replaces.contains(&old_path) {
            entries[new].replaces.push(old_path);
        }
    }
    for entry in entries.iter_mut() {
        entry.replaces.sort();
    }
    warnings
}

fn conflict(old: &str, kept: &str, other: &str) -> Warning {
    Warning {
        path: old.to_string(),
        message: format!("replaced by `{kept}`, but `{other}` also says it replaces `{old}`"),
    }
}

/// Whether a list value means "nothing" (`n/a`, `none`, `-`).
pub(crate) fn is_none_word(value: &str) -> bool {
    NONE_WORDS.contains(&value.trim().to_ascii_lowercase().as_str())
}

/// What a written reference points at.
#[derive(Debug, PartialEq, Eq)]
enum Resolution {
    /// The design at this index.
    Design(usize),
    /// Something that is not a design (a web page, `N/A`).
    NotADesign,
    /// A design that is not in the book.
    Missing,
}

/// The book's design paths, looked up by whole path and by file name in constant time, so that
/// resolving every design's references grows with the book, not with its square.
struct PathIndex<'a> {
    paths: &'a [String],
    /// The first position of each path.
    by_path: std::collections::HashMap<&'a str, usize>,
    /// The positions of the paths with each file name, in order.
    by_name: std::collections::HashMap<&'a str, Vec<usize>>,
    /// The positions of the folder designs (`x/README.md`) by their folder's name, in order.
    by_folder: std::collections::HashMap<&'a str, Vec<usize>>,
}

impl<'a> PathIndex<'a> {
    /// Indexes `paths`.
    fn new(paths: &'a [String]) -> PathIndex<'a> {
        let mut by_path = std::collections::HashMap::with_capacity(paths.len());
        let mut by_name: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        let mut by_folder: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        for (i, p) in paths.iter().enumerate() {
            by_path.entry(p.as_str()).or_insert(i);
            by_name.entry(p.rsplit('/').next().unwrap_or(p)).or_default().push(i);
            if crate::model::design::is_folder_design(p) {
                by_folder.entry(dir_of(p).rsplit('/').next().unwrap_or_default()).or_default().push(i);
            }
        }
        PathIndex { paths, by_path, by_name, by_folder }
    }
}

fn resolve(reference: &str, from: &str, index: &PathIndex<'_>) -> Resolution {
    let paths = index.paths;
    let mut reference = reference.trim().trim_matches(['<', '>']);
    // A Markdown link written in front matter: `[Title](url)`.
    if reference.starts_with('[') && reference.ends_with(')') {
        if let Some(i) = reference.find("](") {
            reference = reference[i + 2..reference.len() - 1].trim().trim_matches(['<', '>']);
        }
    }
    if is_none_word(reference) {
        return Resolution::NotADesign;
    }
    let path = reference.split(['#', '?']).next().unwrap_or("");
    let path = decode(path).into_owned();
    let path = match path.strip_suffix(".html") {
        Some(stem) => format!("{stem}.md"),
        None => path,
    };
    let web = scheme(&path).is_some();
    if web && !path.ends_with(".md") {
        return Resolution::NotADesign;
    }
    if path.is_empty() {
        return Resolution::NotADesign;
    }
    let find = |candidate: &str| index.by_path.get(candidate).copied();
    if !web {
        let relative = if path.starts_with('/') { None } else { normalize(&format!("{}/{path}", dir_of(from))) };
        for candidate in [relative, normalize(&path)].into_iter().flatten() {
            if let Some(i) = find(&candidate) {
                return Resolution::Design(i);
            }
            if let Some(i) = find(&format!("{candidate}.md")) {
                return Resolution::Design(i);
            }
            // A folder design: `sig-node/1234-foo` is `sig-node/1234-foo/README.md`.
            for file in ["README.md", "index.md"] {
                if let Some(i) = find(&format!("{}/{file}", candidate.trim_end_matches('/'))) {
                    return Resolution::Design(i);
                }
            }
        }
    }
    // By file name, preferring a design in the same folder, then the nearest one; a reference
    // that is not a `.md` file may also name a folder design by its folder (kep.yaml's
    // `replaces: ["/keps/sig-node/1234-foo"]`).
    let path = path.trim_end_matches('/');
    let name = path.rsplit('/').next().unwrap_or(path);
    let folder = (!name.ends_with(".md")).then_some(name);
    let name = if name.ends_with(".md") { name.to_string() } else { format!("{name}.md") };
    let by_name = index.by_name.get(name.as_str()).map_or(&[][..], Vec::as_slice);
    let by_folder = folder.and_then(|f| index.by_folder.get(f)).map_or(&[][..], Vec::as_slice);
    let mut same_name: Vec<usize> = [by_name, by_folder].concat();
    same_name.sort_unstable();
    same_name.dedup();
    match same_name.as_slice() {
        [] => Resolution::Missing,
        [one] => Resolution::Design(*one),
        many => {
            let from_dir = dir_of(from);
            let best = many
                .iter()
                .copied()
                .max_by_key(|&i| {
                    let dir = dir_of(&paths[i]);
                    let shared = dir.split('/').zip(from_dir.split('/')).take_while(|(a, b)| a == b).count();
                    (dir == from_dir, shared, std::cmp::Reverse(i))
                })
                .unwrap_or(many[0]);
            Resolution::Design(best)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feature::index::References;

    fn entry(path: &str, replaced_by: Option<&str>, replaces: &[&str]) -> Entry {
        Entry {
            references: References {
                replaced_by: replaced_by.map(str::to_string),
                replaces: replaces.iter().map(|s| s.to_string()).collect(),
            },
            ..Entry::bare(path)
        }
    }

    #[test]
    fn both_directions_and_repository_paths() {
        let mut entries = vec![
            entry("design/old.md", Some("/docs/proposals/new.md"), &[]),
            entry("design/new.md", None, &[]),
            entry("design/net/a.md", None, &["../older.md", "https://docs.google.com/document/d/1"]),
            entry("design/older.md", None, &[]),
            entry("design/x.md", Some("https://github.com/o/r/blob/main/docs/gone.md"), &["N/A"]),
        ];
        let warnings = link_replacements(&mut entries);
        assert_eq!(entries[0].replaced_by.as_deref(), Some("design/new.md"));
        assert_eq!(entries[1].replaces, ["design/old.md"]);
        assert_eq!(entries[2].replaces, ["design/older.md"]);
        assert_eq!(entries[3].replaced_by.as_deref(), Some("design/net/a.md"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].path, "design/x.md");
        assert!(warnings[0].message.contains("gone.md"), "{}", warnings[0].message);
    }

    #[test]
    fn same_file_name_prefers_the_same_folder() {
        let paths: Vec<String> = ["design/a/x.md", "design/b/x.md"].map(String::from).to_vec();
        let paths = PathIndex::new(&paths);
        assert_eq!(resolve("/elsewhere/x.md", "design/b/y.md", &paths), Resolution::Design(1));
        assert_eq!(resolve("x", "design/a/y.md", &paths), Resolution::Design(0));
        assert_eq!(resolve("x.html#top", "design/a/y.md", &paths), Resolution::Design(0));
        assert_eq!(resolve("none", "design/a/y.md", &paths), Resolution::NotADesign);
        assert_eq!(resolve("[X](https://x.test/pull/1)", "design/a/y.md", &paths), Resolution::NotADesign);
        assert_eq!(resolve("[X](../b/x.md)", "design/a/y.md", &paths), Resolution::Design(1));
        assert_eq!(resolve("z.md", "design/a/y.md", &paths), Resolution::Missing);
    }

    #[test]
    fn folder_designs_by_repository_path_or_folder_name() {
        let paths: Vec<String> =
            ["sig-node/1000-old/README.md", "sig-node/1001-new/README.md", "sig-apps/2000-x/index.md"]
                .map(String::from)
                .to_vec();
        let paths = PathIndex::new(&paths);
        let from = "sig-node/1001-new/README.md";
        assert_eq!(resolve("/keps/sig-node/1000-old", from, &paths), Resolution::Design(0));
        assert_eq!(resolve("keps/sig-node/1000-old/", from, &paths), Resolution::Design(0));
        assert_eq!(resolve("../1000-old", from, &paths), Resolution::Design(0));
        assert_eq!(resolve("sig-apps/2000-x", from, &paths), Resolution::Design(2));
        assert_eq!(resolve("/keps/sig-node/999-gone", from, &paths), Resolution::Missing);
        assert_eq!(resolve(" n/a ", from, &paths), Resolution::NotADesign);
    }
}
