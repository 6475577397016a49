//! Keeps the documentation in step with the code: configuration keys, the template copy, the
//! book's chapters, and the commands the README promises.

mod common;

use std::path::Path;

use mdbook_design::Config;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every key `[preprocessor.design]` accepts, as the configuration's own error lists them.
fn config_keys() -> Vec<String> {
    let value = serde_json::json!({"no-such-key": 1});
    let error = Config::from_json(Some(&value)).unwrap_err().to_string();
    let list = error.split("expected one of").nth(1).unwrap_or_else(|| panic!("no key list in: {error}"));
    let keys: Vec<String> = list.split('`').skip(1).step_by(2).map(str::to_string).collect();
    assert!(keys.len() >= 10, "{error}");
    keys
}

#[test]
fn readme_and_book_document_every_configuration_key() {
    let readme = read("README.md");
    let chapter = read("book/src/configuration.md");
    for key in config_keys() {
        assert!(readme.contains(&format!("`{key}`")), "README.md does not document `{key}`");
        assert!(chapter.contains(&format!("`{key}`")), "book/src/configuration.md does not document `{key}`");
    }
    for key in ["title", "heading-levels", "heading-names", "status-prompt", "front-matter"] {
        assert!(readme.contains(key) && chapter.contains(key), "normalize.{key} is not documented");
    }
}

#[test]
fn book_template_is_the_built_in_template() {
    assert_eq!(read("book/src/design/_template.md"), mdbook_design::BUILTIN_TEMPLATE);
}

#[test]
fn every_book_chapter_is_in_summary() {
    let summary = mdbook_design::__private::summary_paths(&read("book/src/SUMMARY.md"));
    let src = root().join("book/src");
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let rel = entry.path().strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let name = entry.file_name().to_string_lossy();
        if rel.ends_with(".md") && rel != "SUMMARY.md" && !name.starts_with('_') {
            assert!(summary.contains(&rel), "book/src/{rel} is not in SUMMARY.md");
        }
    }
}

#[test]
fn ci_runs_the_readme_commands() {
    let readme = read("README.md");
    for command in ["cargo xtask book", "cargo xtask test"] {
        assert!(readme.contains(&format!("```sh\n{command}\n```")), "README.md does not give `{command}`");
    }
    let ci = read(".ci/run");
    assert!(ci.lines().any(|l| l.trim() == "cargo xtask ci"), ".ci/run does not run `cargo xtask ci`");
    // `cargo xtask ci` runs the README's test command and lints and builds book/ as `cargo xtask book` does.
    let steps = read("xtask/src/ci.rs");
    for call in ["crate::test::run(", "book::lint(", "book::build("] {
        assert!(steps.contains(call), "`cargo xtask ci` no longer calls {call}");
    }
}

#[test]
fn architecture_names_every_source_module() {
    let map = read("ARCHITECTURE.md");
    for entry in std::fs::read_dir(root().join("src")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let shown = if entry.path().is_dir() { format!("src/{name}/") } else { format!("src/{name}") };
        if name == "lib.rs" {
            continue;
        }
        assert!(map.contains(&shown), "ARCHITECTURE.md does not mention {shown}");
    }
}

/// The highest `rust-version` among the packages the library and binary build with (normal and
/// build dependencies of the root package, as locked).
fn rust_version_needed() -> (semver::Version, String) {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = meta["packages"].as_array().unwrap();
    let nodes = meta["resolve"]["nodes"].as_array().unwrap();
    let root_id = packages.iter().find(|p| p["name"] == "mdbook-design").unwrap()["id"].as_str().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let mut stack = vec![root_id.to_string()];
    while let Some(id) = stack.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let node = nodes.iter().find(|n| n["id"] == id.as_str()).unwrap();
        for dep in node["deps"].as_array().unwrap() {
            let normal_or_build =
                dep["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null() || k["kind"] == "build");
            if normal_or_build {
                stack.push(dep["pkg"].as_str().unwrap().to_string());
            }
        }
    }
    let mut best = (semver::Version::new(0, 0, 0), String::new());
    for p in packages.iter().filter(|p| seen.contains(p["id"].as_str().unwrap()) && p["name"] != "mdbook-design") {
        if let Some(v) = p["rust_version"].as_str() {
            let parts: Vec<u64> = v.split('.').map(|x| x.parse().unwrap()).collect();
            let version = semver::Version::new(parts[0], parts.get(1).copied().unwrap_or(0), 0);
            if version > best.0 {
                best = (version, format!("{} {}", p["name"].as_str().unwrap(), p["version"].as_str().unwrap()));
            }
        }
    }
    best
}

#[test]
fn rust_version_is_what_the_locked_dependencies_need() {
    let (needed, by) = rust_version_needed();
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let declared = manifest["package"]["rust-version"].as_str().expect("Cargo.toml sets rust-version");
    let declared = semver::Version::parse(&format!("{declared}.0")).unwrap();
    assert_eq!(
        (declared.major, declared.minor),
        (needed.major, needed.minor),
        "Cargo.toml's rust-version should be {}.{} (needed by {by})",
        needed.major,
        needed.minor
    );
}

/// Every picture the book and the README show is a file in the repository (a renamed or deleted
/// screenshot would otherwise leave a broken image in the published book), and every picture in
/// book/src/images/ is shown somewhere.
#[test]
fn every_image_shown_exists_and_every_image_is_shown() {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut pages = vec![root().join("README.md")];
    for entry in walkdir::WalkDir::new(root().join("book/src")).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            pages.push(entry.into_path());
        }
    }
    let mut shown = std::collections::BTreeSet::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for event in Parser::new(&text) {
            let Event::Start(Tag::Image { dest_url, .. }) = event else { continue };
            if dest_url.contains("://") {
                continue;
            }
            let file = page.parent().unwrap().join(dest_url.as_ref());
            assert!(file.is_file(), "{} shows {dest_url}, which does not exist", page.display());
            shown.insert(file.canonicalize().unwrap());
        }
    }
    let images: Vec<_> =
        std::fs::read_dir(root().join("book/src/images")).unwrap().flatten().map(|e| e.path()).collect();
    assert!(
        images.len() >= 10,
        "book/src/images/ holds {} files; the editor and appearance chapters show more",
        images.len()
    );
    for image in images {
        assert!(
            shown.contains(&image.canonicalize().unwrap()),
            "{} is shown by no page of the book or README",
            image.display()
        );
    }
}
