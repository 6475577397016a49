//! The layers of `src/` as ARCHITECTURE.md states them, checked over the `crate::` paths of every
//! source file: a file may name its own layer and the layers below it, never one above, and the
//! modules inside one layer name each other without a cycle.
//!
//! The check reads the source text (not the compiler's view), so it also sees paths in `use`
//! groups, inline paths and doc links; comments are skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom first. A file's layer is its first folder under `src/`.
const LAYERS: [&str; 5] = ["text", "model", "feature", "session", "edge"];

/// Files at the top of `src/` that sit above every layer: the crate root (re-exports) and the
/// binary.
const ROOTS: [&str; 2] = ["lib.rs", "main.rs"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect::<Vec<_>>();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A module unit: its layer and the module under the layer (`feature/lint`), from a path below
/// `src/` given as segments.
fn unit(segments: &[&str]) -> Option<(usize, String)> {
    let first = segments.first()?.trim_end_matches(".rs");
    let layer = LAYERS.iter().position(|l| *l == first)?;
    let module = segments.get(1).map_or("", |m| m.trim_end_matches(".rs"));
    Some((layer, format!("{}/{}", LAYERS[layer], module)))
}

/// The code of a file without `//` comments (line and doc comments) and string contents kept
/// as they are (a `crate::` inside a string is rare and harmless to over-count).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                ""
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::a::b` path a file names, as its first two segments (`["feature", "lint"]`),
/// including each item of a `use crate::{a::b, c::{d}}` group.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(i) = code[at..].find("crate::") {
        let start = at + i;
        at = start + "crate::".len();
        // `$crate::` and `some_crate::` are not this crate.
        if start > 0
            && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_' || bytes[start - 1] == b'$')
        {
            continue;
        }
        if code[at..].starts_with('{') {
            // A group: split its top-level items.
            let mut depth = 0;
            let mut item = String::new();
            for c in code[at + 1..].chars() {
                match c {
                    '{' => {
                        depth += 1;
                        item.push(c);
                    }
                    '}' if depth == 0 => {
                        out.extend(expand(&item));
                        break;
                    }
                    '}' => {
                        depth -= 1;
                        item.push(c);
                    }
                    ',' if depth == 0 => {
                        out.extend(expand(&item));
                        item.clear();
                    }
                    _ => item.push(c),
                }
            }
        } else {
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            let mut path = code[at..end].to_string();
            if code[end..].starts_with('{') {
                // `crate::model::{a, b}`: the group is one level down.
                let close = code[end..].find('}').map_or(code.len(), |c| end + c + 1);
                path = code[at..close].to_string();
            }
            out.extend(expand(&path));
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The first two segments of each path an item of a `use` names: `model::status::Status` gives
/// `[model, status]`, `text::{edit, source::x}` gives `[text, edit]` and `[text, source]`.
fn expand(item: &str) -> Vec<Vec<String>> {
    let item = item.trim();
    let is_name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_');
    let Some((first, rest)) = item.split_once("::") else {
        return if is_name(item) { vec![vec![item.to_string()]] } else { Vec::new() };
    };
    let first = first.trim();
    if !is_name(first) {
        return Vec::new();
    }
    let rest = rest.trim();
    if let Some(group) = rest.strip_prefix('{') {
        let group = group.strip_suffix('}').unwrap_or(group);
        let mut depth = 0;
        let mut names = Vec::new();
        let mut current = String::new();
        for c in group.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => names.push(std::mem::take(&mut current)),
                _ if depth == 0 => current.push(c),
                _ => {}
            }
        }
        names.push(current);
        return names
            .iter()
            .map(|n| n.split("::").next().unwrap_or("").trim().to_string())
            .filter(|n| is_name(n) && n != "self")
            .map(|n| vec![first.to_string(), n])
            .chain(std::iter::once(vec![first.to_string()]).filter(|_| group.contains("self")))
            .collect();
    }
    let second = rest.split("::").next().unwrap_or("").trim();
    if is_name(second) {
        vec![vec![first.to_string(), second.to_string()]]
    } else {
        vec![vec![first.to_string()]]
    }
}

#[test]
fn no_file_imports_from_a_layer_above_it_and_no_layer_has_a_cycle() {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut upward = Vec::new();
    let mut outside = Vec::new();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let segs: Vec<&str> = rel.split('/').collect();
        if ROOTS.contains(&rel.as_str()) {
            continue;
        }
        let Some((layer, from)) = unit(&segs) else {
            outside.push(rel.clone());
            continue;
        };
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for path in crate_paths(&code) {
            let names: Vec<&str> = path.iter().map(String::as_str).collect();
            let Some((to_layer, to)) = unit(&names) else {
                outside.push(format!("{rel} names crate::{}", path.join("::")));
                continue;
            };
            if to_layer > layer {
                upward.push(format!(
                    "{rel} ({}) imports crate::{} ({})",
                    LAYERS[layer],
                    path.join("::"),
                    LAYERS[to_layer]
                ));
            } else if to_layer == layer && to != from {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    let cycles = cycles(&edges);
    let mut problems = String::new();
    for (what, list) in [
        ("files or paths outside every layer of ARCHITECTURE.md", &outside),
        ("imports from a layer above", &upward),
        ("modules of one layer that import each other in a cycle", &cycles),
    ] {
        if !list.is_empty() {
            problems.push_str(&format!("{what}:\n  {}\n", list.join("\n  ")));
        }
    }
    assert!(problems.is_empty(), "{problems}");
    // The check must have seen the crate: every layer holds code.
    for layer in LAYERS {
        assert!(root.join(layer).is_dir(), "src/{layer}/ is missing");
    }
}

/// Each cycle of the graph once, as `a -> b -> a`, found by depth-first search.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<String>,
    ) {
        if let Some(i) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(node.to_string());
            found.push(cycle.join(" -> "));
            return;
        }
        if done.contains(node) {
            return;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            visit(next, edges, stack, done, found);
        }
        stack.pop();
        done.insert(node.to_string());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        visit(node, edges, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[test]
fn the_checker_sees_groups_inline_paths_and_cycles() {
    let code = "use crate::{model::status::Status, text::{edit, source}};\nfn f() { crate::feature::lint::run(); }\n\
                // crate::edge::cli in a comment\nlet x = mdbook_crate::edge::y; $crate::edge::z;";
    let found = crate_paths(&code_of(code));
    assert_eq!(
        found,
        vec![
            vec!["model".to_string(), "status".into()],
            vec!["text".to_string(), "edit".into()],
            vec!["text".to_string(), "source".into()],
            vec!["feature".to_string(), "lint".into()]
        ]
    );
    let edges = BTreeMap::from([
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["a".to_string()])),
    ]);
    assert_eq!(cycles(&edges), vec!["a -> b -> a"]);
}
