//! The book as a reader sees it: a generated book with long identifiers and 1,000 designs,
//! built by real mdBook 0.5.4 and opened in headless Chromium in every theme at 1280 and 400
//! pixels (tests/browser/reader.mjs), and the same book built by mdBook 0.4.52.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{artifacts, book_toml, browser, build, mdbook, temp_dir, write_files};

/// Statuses as the generated designs write them, in turn; `in-progress` is no status.
const WRITTEN: [&str; 8] =
    ["provisional", "implementable", "implemented", "deferred", "rejected", "withdrawn", "implemented", "in-progress"];

/// The area of design 1, which replaces design 0.
const NEXT_AREA: &str = "sig-scheduling-AllowDisruptionByPriorityGreaterThanOrEqual-01";

/// A book of `n` designs in ten areas with long names; titles and summaries hold identifiers too
/// long for any column. Design 0 has front matter and is replaced by design 1.
fn generated_book(name: &str, n: usize) -> PathBuf {
    let root = temp_dir(name);
    let mut summary = String::from("# Summary\n\n[Designs](index.md)\n\n");
    let mut files = vec![
        ("book.toml".to_string(), book_toml("")),
        ("src/index.md".to_string(), "# Designs\n\n{{#design-index}}\n".to_string()),
    ];
    for i in 0..n {
        let area = format!("sig-scheduling-AllowDisruptionByPriorityGreaterThanOrEqual-{:02}", i % 10);
        let path = format!("design/{area}/d{i:04}.md");
        let title = format!("Design {i} VeryLongIdentifierAllowDisruptionByPriorityGreaterThanOrEqualWithoutBreaks{i}");
        summary.push_str(&format!("- [{title}]({path})\n"));
        let status = if i == 0 {
            format!("replaced by [the next design](../{NEXT_AREA}/d0001.md)")
        } else {
            WRITTEN[i % 8].to_string()
        };
        let front = if i == 0 {
            "---\ntitle: The first design\nauthors:\n  - \"@alice\"\n  - \"@bob\"\ncreation-date: 2024-01-02\nlast-updated: 2025-03-04\nsee-also:\n  - https://example.com/kep/1\n---\n\n"
        } else {
            ""
        };
        let text = format!(
            "{front}# {title}\n\n## Status\n\n{status}\n\n## Summary\n\nDesign {i} sets `spec.template.spec.containers.resources.limits.ephemeralStorageQuotaBytesForDesign{i}` \
             for every node pool. More text follows.\n\n## Motivation\n\nWhy.\n"
        );
        files.push((format!("src/{path}"), text));
    }
    files.push(("src/SUMMARY.md".to_string(), summary));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    write_files(&root, &files);
    root
}

#[test]
fn readers_see_a_fitting_readable_index_in_every_theme() {
    let mdbook = mdbook("MDBOOK", "v0.5.4");
    if !browser() {
        return;
    }
    let root = generated_book("reader-1000", 1000);
    let out = build(&mdbook, &root);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = root.join("book");
    let design = html.join("design/sig-scheduling-AllowDisruptionByPriorityGreaterThanOrEqual-00/d0000.html");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/reader.mjs");
    let out = Command::new("node")
        .arg(script)
        .arg(html.join("index.html"))
        .arg(&design)
        .arg(artifacts())
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "the browser check failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    eprintln!("browser: {result}");
    assert_eq!(result["themes"].as_object().unwrap().len(), 10, "five themes at two widths");
    let shots = result["screenshots"].as_array().unwrap();
    assert_eq!(shots.len(), 8, "index and design page, light and navy, desktop and mobile");
    for shot in shots {
        let png = std::fs::read(shot.as_str().unwrap()).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{shot} is a PNG");
    }
}

#[test]
fn the_same_book_reads_with_mdbook_0_4() {
    let mdbook = mdbook("MDBOOK_04", "v0.4.52");
    let root = generated_book("reader-04", 16);
    let out = build(&mdbook, &root);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(
        root.join("book/design/sig-scheduling-AllowDisruptionByPriorityGreaterThanOrEqual-00/d0000.html"),
    )
    .unwrap();
    // The notice is the tool's own box (no admonitions needed), naming and linking the replacement.
    let notice = &page[page.find("<span class=\"design-notice\"").expect("a notice")..];
    let notice = &notice[..notice.find("</span>\n").or_else(|| notice.find("</span></p>")).unwrap()];
    assert!(notice.contains("<strong class=\"design-notice-title\">Replaced</strong>"), "{notice}");
    assert!(notice.contains(&format!("Replaced by <a href=\"../{NEXT_AREA}/d0001.html\">Design 1 ")), "{notice}");
    assert_eq!(page.matches("<style data-mdbook-design=\"style\">").count(), 1, "one stylesheet per page");
    // The metadata line, and the raw front matter kept in its collapsed block.
    assert!(page.contains("Authors: @alice, @bob · Created: 2024-01-02 · Updated: 2025-03-04"), "no metadata line");
    let code = page.replace("&quot;", "\"");
    assert!(code.contains("authors:\n  - \"@alice\"\n  - \"@bob\"\ncreation-date: 2024-01-02"), "{page}");
    let index = std::fs::read_to_string(root.join("book/index.html")).unwrap();
    assert_eq!(index.matches("<tr class=\"design-index-row").count(), 16);
    assert!(index.contains("<div class=\"table-wrapper\"><table class=\"design-index\">"));
    assert!(!index.contains("{{#design-index"));
}
