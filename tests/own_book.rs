//! Our own design book builds with real mdBook and the preprocessor found on PATH, as a user's
//! book would, and lints clean.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

#[test]
fn own_book_builds_with_badges_and_an_index() {
    let mdbook = mdbook("MDBOOK", "v0.5");
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("book");
    let out_dir = temp_dir("own-book");
    let bin_dir = Path::new(bin()).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new(&mdbook).arg("build").arg(&book).arg("-d").arg(&out_dir).env("PATH", path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "the own book should build without warnings:\n{stderr}");
    let mut designs = 0;
    for entry in walkdir::WalkDir::new(book.join("src/design")).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.ends_with(".md") || name.starts_with('_') {
            continue;
        }
        let rel = entry.path().strip_prefix(book.join("src")).unwrap().with_extension("html");
        let html = std::fs::read_to_string(out_dir.join(&rel)).unwrap();
        assert!(
            html.contains("<span class=\"design-status\" data-mdbook-design=\"badge\" data-design-status=\""),
            "{} has no badge",
            rel.display()
        );
        designs += 1;
    }
    assert!(designs >= 5);
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    let rows = index
        .split("<tr")
        .skip(1)
        .filter(|tag| tag[..tag.find('>').unwrap_or(0)].contains("data-design-status="))
        .count();
    assert_eq!(rows, designs, "one index row per design");
}

#[test]
fn own_book_lints_clean() {
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("book");
    let out = Command::new(bin()).args(["lint", "--format", "json", "--book"]).arg(&book).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings.as_array().map(Vec::len), Some(0), "{findings:#}");
    assert!(out.status.success());
}
