//! Shared helpers for integration tests: temp books, the corpus, and the mdBook binaries.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `mdbook-design` binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_mdbook-design")
}

/// `../shared/corpus` beside the checkout.
pub fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.is_dir(),
        "the design corpus is missing at {}; it ships beside the checkout in shared/corpus",
        dir.display()
    );
    dir
}

/// An mdBook binary named by `var` (`MDBOOK` for 0.5, `MDBOOK_04` for 0.4), checked to be `version`.
pub fn mdbook(var: &str, version: &str) -> PathBuf {
    let path = std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("mdbook"));
    let out = Command::new(&path).arg("--version").output().unwrap_or_else(|e| {
        panic!("cannot run mdBook `{}` ({e}); set {var} or run `cargo xtask test`, which installs it", path.display())
    });
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(version),
        "{var}={} is `{}`, not mdBook {version}; run `cargo xtask test`, which installs it",
        path.display(),
        text.trim()
    );
    path
}

/// A fresh temp folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` (path, text) under `root`.
pub fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

/// A `book.toml` that runs the binary under test as the design preprocessor.
pub fn book_toml(extra: &str) -> String {
    format!(
        "[book]\ntitle = \"Test\"\n\n[preprocessor.design]\ncommand = \"{}\"\n{extra}\n[output.html]\n",
        bin().replace('\\', "/")
    )
}

/// Runs `mdbook build` in `root`.
pub fn build(mdbook: &Path, root: &Path) -> Output {
    Command::new(mdbook).arg("build").current_dir(root).output().unwrap()
}

/// Every Markdown design file of the corpus, relative to the corpus root.
pub fn corpus_designs() -> Vec<String> {
    let root = corpus();
    let mut out: Vec<String> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// A book in `root` holding the whole corpus under `src/design/`, every design in SUMMARY.md.
pub fn corpus_book(root: &Path, extra_toml: &str) -> Vec<String> {
    let designs = corpus_designs();
    let mut summary = String::from("# Summary\n\n[Designs](index.md)\n\n");
    for d in &designs {
        let from = corpus().join(d);
        let to = root.join("src/design").join(d);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
        if !d.rsplit('/').next().unwrap().starts_with('_') {
            summary.push_str(&format!("- [{}](<design/{d}>)\n", d.trim_end_matches(".md")));
        }
    }
    write_files(
        root,
        &[
            ("book.toml", &book_toml(extra_toml)),
            ("src/SUMMARY.md", &summary),
            ("src/index.md", "# Designs\n\n{{#design-index}}\n"),
        ],
    );
    designs
}
pub mod oracle;
