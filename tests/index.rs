//! `mdbook-design index` on books in temporary folders, and the `{{#design-index}}` table in
//! books built by real mdBook (`common::mdbook`: the binary named by `MDBOOK`, else `mdbook` on
//! `PATH`) and checked in headless Chromium.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{artifacts, browser};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-design");

/// A book in a fresh temporary folder, removed when dropped.
struct TempBook {
    root: PathBuf,
}

impl TempBook {
    fn new(name: &str) -> TempBook {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("mdbook-design-index-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("src")).unwrap();
        TempBook { root }
    }

    fn write(&self, path: &str, text: &str) -> &TempBook {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn index(&self, args: &[&str]) -> Output {
        Command::new(BIN).arg("index").arg("--book").arg(&self.root).args(args).output().unwrap()
    }
}

impl Drop for TempBook {
    fn drop(&mut self) {
        if std::env::var_os("KEEP_TEST_BOOKS").is_none() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

fn design(title: &str, status: &str, summary: &str) -> String {
    format!("# {title}\n\n## Status\n\n{status}\n\n## Summary\n\n{summary}\n\n## Motivation\n\nWhy.\n")
}

/// A book with designs at the top, in nested folders, one replaced by another, and one
/// whose title and summary try to break out of the table.
fn nested_book(name: &str) -> TempBook {
    let book = TempBook::new(name);
    book.write("book.toml", "[book]\ntitle = \"Nested\"\n\n[preprocessor.design]\n")
        .write(
            "src/SUMMARY.md",
            "# Summary\n\n[Introduction](index.md)\n\n- [Designs](design/README.md)\n  - [Top](design/top.md)\n  - [DNS](design/net/dns/resolver.md)\n  - [Old](design/net/old.md)\n  - [Evil](design/evil.md)\n",
        )
        .write("src/index.md", "# Introduction\n\n{{#design-index}}\n")
        .write("src/design/README.md", "# Designs\n\n{{#design-index area=net}}\n")
        .write("src/design/top.md", &design("Top level", "implementable", "A design at the top. More text."))
        .write(
            "src/design/net/dns/resolver.md",
            "---\nstatus: implemented\nreplaces:\n  - /docs/proposals/old.md\n---\n# DNS resolver\n\n## Summary\n\nResolve names *fast* with `dnsmasq`, see [the old one](../old.md). Then more.\n",
        )
        .write("src/design/net/old.md", &design("Old network", "replaced", "The old way."))
        .write(
            "src/design/evil.md",
            &design("<script>alert(1)</script> | pipe", "withdrawn", "Has a | pipe and <img src=x onerror=alert(2)>."),
        )
        .write("src/design/unlisted.md", &design("Not in summary", "provisional", "Forgotten."));
    book
}

fn json(output: &Output) -> Value {
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("the index is JSON")
}

fn find<'a>(index: &'a Value, path: &str) -> &'a Value {
    index["designs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == path)
        .unwrap_or_else(|| panic!("{path} is not in the index"))
}

#[test]
fn json_index_of_nested_folders() {
    let book = nested_book("json");
    let out = book.index(&[]);
    let index = json(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("design/unlisted.md"), "the unlisted design is named: {stderr}");
    assert_eq!(index["schema_version"], 2);
    assert_eq!(index["counts"]["total"], 5);
    let dns = find(&index, "design/net/dns/resolver.md");
    assert_eq!(dns["title"], "DNS resolver");
    assert_eq!(dns["status"], "implemented");
    assert_eq!(dns["status_raw"], "implemented");
    assert_eq!(dns["area"], "net/dns");
    assert_eq!(dns["summary"], "Resolve names *fast* with `dnsmasq`, see [the old one](../old.md).");
    assert_eq!(dns["replaces"], serde_json::json!(["design/net/old.md"]));
    assert_eq!(dns["sections"], serde_json::json!(["Summary"]));
    let old = find(&index, "design/net/old.md");
    assert_eq!(old["replaced_by"], "design/net/dns/resolver.md");
    assert_eq!(old["inactive"], true);
    assert_eq!(old["area"], "net");
    let top = find(&index, "design/top.md");
    assert_eq!(top["area"], "");
    assert_eq!(top["summary"], "A design at the top.");
    assert_eq!(top["sections"], serde_json::json!(["Status", "Summary", "Motivation"]));
    // Status order: provisional, implementable, implemented, ..., withdrawn, replaced.
    let order: Vec<&str> = index["designs"].as_array().unwrap().iter().map(|d| d["status"].as_str().unwrap()).collect();
    assert_eq!(order, ["provisional", "implementable", "implemented", "withdrawn", "replaced"]);
}

/// The title and status the index shows come through a byte-order mark, and a title declared in
/// front matter wins over the first heading (cluster-api's `# IMPORTANT! Superseded by ...`).
#[test]
fn titles_through_byte_order_marks_and_front_matter() {
    let book = TempBook::new("titles");
    let superseded = "---\ntitle: Conditions\nstatus: replaced\n---\n\n# IMPORTANT! Superseded by the new one\n\n\
                      # Conditions\n\n## Summary\n\nOld.\n";
    book.write("book.toml", "[book]\ntitle = \"T\"\n\n[preprocessor.design]\n")
        .write("src/SUMMARY.md", "# Summary\n\n- [a](design/a.md)\n- [b](design/b.md)\n- [c](design/c.md)\n")
        .write("src/design/a.md", &format!("\u{FEFF}{}", design("Marked title", "implemented", "A.")))
        .write("src/design/b.md", "\u{FEFF}---\ntitle: Marked front\nstatus: rejected\n---\n\n## Summary\n\nB.\n")
        .write("src/design/c.md", superseded);
    let index = json(&book.index(&[]));
    let got = |path: &str| {
        let d = find(&index, path);
        (d["title"].as_str().unwrap().to_string(), d["status"].as_str().unwrap().to_string())
    };
    assert_eq!(got("design/a.md"), ("Marked title".to_string(), "implemented".to_string()));
    assert_eq!(got("design/b.md"), ("Marked front".to_string(), "rejected".to_string()));
    assert_eq!(got("design/c.md"), ("Conditions".to_string(), "replaced".to_string()));
}

#[test]
fn json_schema_is_stable() {
    let book = TempBook::new("schema");
    book.write("book.toml", "[book]\ntitle = \"S\"\n")
        .write("src/SUMMARY.md", "- [A](design/a.md)\n- [B](design/x/b.md)\n")
        .write(
            "src/design/a.md",
            "---\ntitle: A\nstatus: Implemented (alpha)\nsuperseded-by:\n  - /docs/proposals/b.md\n---\n# Design A\n\n## Summary\n\nDoes **a**.\n",
        )
        .write("src/design/x/b.md", &design("Design B", "implementable", "Does b."));
    let index = json(&book.index(&[]));
    insta::assert_json_snapshot!("json_schema", index);
}

#[test]
fn markdown_index_escapes_cells() {
    let book = nested_book("markdown");
    let out = book.index(&["--format", "markdown"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let evil = text.lines().find(|l| l.contains("alert(1)")).unwrap();
    assert_eq!(
        evil,
        "| [\\<script\\>alert(1)\\</script\\> \\| pipe](<design/evil.md>) | *withdrawn* (inactive) | Has a \\| pipe and \\<img src=x onerror=alert(2)\\>. |  |"
    );
    // Every row has exactly the four cells (five unescaped pipes).
    for line in text.lines().filter(|l| l.starts_with('|')) {
        let pipes = line.match_indices('|').filter(|(i, _)| *i == 0 || &line[i - 1..*i] != "\\").count();
        assert_eq!(pipes, 5, "{line}");
    }
    assert!(text.contains("[DNS resolver](<design/net/dns/resolver.md>) | **implemented**, replaces [Old network](<design/net/old.md>)"), "{text}");
    assert!(text.contains("see [the old one](<design/net/old.md>)"), "{text}");
    assert!(
        text.starts_with(
            "<!-- mdbook-design:index -->\n\n**5 designs:** 1 provisional, 1 implementable, 1 implemented, 1 \
             withdrawn, 1 replaced\n"
        ),
        "{text}"
    );
}

#[test]
fn unlisted_designs_can_be_left_out() {
    let book = nested_book("unlisted");
    book.write("book.toml", "[book]\ntitle = \"N\"\n\n[preprocessor.design]\ninclude-unlisted = false\n");
    let out = book.index(&[]);
    let index = json(&out);
    assert_eq!(index["counts"]["total"], 4);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("unlisted.md"));
}

#[test]
fn dangling_replacements_are_reported() {
    let book = TempBook::new("dangling");
    book.write("book.toml", "[book]\ntitle = \"D\"\n")
        .write("src/SUMMARY.md", "- [A](design/a.md)\n")
        .write("src/design/a.md", "---\nstatus: replaced\nsuperseded-by:\n  - /docs/proposals/gone.md\n---\n# A\n");
    let out = book.index(&[]);
    let index = json(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "warning: design/a.md:1: marked as replaced by `/docs/proposals/gone.md`, which is not a design in this book"
        ),
        "{stderr}"
    );
    assert_eq!(find(&index, "design/a.md")["replaced_by"], Value::Null);
}

#[test]
fn unreadable_book_exits_2() {
    let out = Command::new(BIN).args(["index", "--book", "/nonexistent/book"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("book.toml") && stderr.contains("--book"), "{stderr}");
    let book = TempBook::new("badconfig");
    book.write("book.toml", "[preprocessor.design]\nindex-order = \"size\"\n");
    let out = book.index(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("index-order"));
    let out = Command::new(BIN).args(["index", "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// Books built by real mdBook.
// ---------------------------------------------------------------------------------------------

/// mdBook 0.5 for the built-book tests (always required; `cargo xtask test` installs it).
fn mdbook() -> PathBuf {
    common::mdbook("MDBOOK", "v0.5")
}

/// Builds the book at `root` with mdBook and this preprocessor; panics with mdBook's output on
/// failure. Returns the HTML output folder.
fn build(mdbook: &Path, root: &Path) -> PathBuf {
    let out = Command::new(mdbook).arg("build").arg(root).output().expect("mdbook runs");
    assert!(
        out.status.success(),
        "mdbook build failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    root.join("book")
}

fn book_toml(title: &str) -> String {
    format!("[book]\ntitle = \"{title}\"\n\n[preprocessor.design]\n{}\n[output.html]\n", common::command_line())
}

/// The book built from the corpus's folders: every folder becomes an area under
/// `src/design/`. `SUMMARY.md` lists every design when `listed`, else only the landing chapter
/// (the preprocessor then adds the designs as unlisted chapters).
fn corpus_book(corpus: &Path, listed: bool) -> TempBook {
    let book = TempBook::new("corpus");
    book.write("book.toml", &book_toml("Design corpus"))
        .write("src/SUMMARY.md", "# Summary\n\n[Designs](index.md)\n")
        .write("src/index.md", "# Designs\n\n{{#design-index}}\n");
    for entry in walk(corpus) {
        let relative = entry.strip_prefix(corpus).unwrap();
        if entry.extension().is_some_and(|e| e == "md") {
            let target = book.root.join("src/design").join(relative);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&entry, target).unwrap();
        }
    }
    if listed {
        // SUMMARY.md lists every design under the landing chapter, named by its index title.
        let index = json(&book.index(&[]));
        let mut summary = String::from("# Summary\n\n[Designs](index.md)\n\n");
        for d in index["designs"].as_array().unwrap() {
            let title = d["title"].as_str().unwrap().replace(['[', ']', '<', '>', '\\'], "");
            summary.push_str(&format!("- [{title}](<{}>)\n", d["path"].as_str().unwrap()));
        }
        book.write("src/SUMMARY.md", &summary);
    }
    book
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A design row of a built table.
#[derive(Debug)]
struct Row {
    status: String,
    path: String,
    /// The title as the table shows it.
    title: String,
    /// Every `href` in the row, in order; the first is the title link.
    hrefs: Vec<String>,
}

/// The value of attribute `name` in the start tag `tag`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The design rows of every `<table class="design-index">` in `html`.
fn rows(html: &str) -> Vec<Row> {
    let mut out = Vec::new();
    for table in html.split("<table class=\"design-index\">").skip(1) {
        let table = &table[..table.find("</table>").expect("the table is closed")];
        for row in table.split("<tr ").skip(1) {
            let tag = &row[..row.find('>').unwrap()];
            let Some(status) = attribute(tag, "data-design-status") else { continue };
            let body = &row[..row.find("</tr>").expect("the row is closed")];
            let hrefs =
                body.match_indices("<a href=\"").map(|(i, _)| attribute(&body[i + 2..], "href").unwrap()).collect();
            let title = body.split("<td class=\"design-index-title\">").nth(1).unwrap();
            let title = page_text(&title[..title.find("</td>").unwrap()]).trim().to_string();
            out.push(Row { status, path: attribute(tag, "data-design-path").unwrap(), title, hrefs });
        }
    }
    out
}

/// The counts above the first table: `data-count-status` to number.
fn shown_counts(html: &str) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    let counts = &html[html.find("<p class=\"design-index-counts\">").unwrap()..];
    let counts = &counts[..counts.find("</p>").unwrap()];
    for (i, _) in counts.match_indices("<span class=\"design-index-count\" ") {
        let span = &counts[i..];
        let status = attribute(&span[..span.find('>').unwrap()], "data-count-status").unwrap();
        let number = span.split("<span class=\"design-index-count-number\">").nth(1).unwrap();
        let number: u64 = number[..number.find('<').unwrap()].parse().unwrap();
        out.insert(status, number);
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// The file a relative `href` on the page `page` opens (fragment dropped).
fn target(page: &Path, href: &str) -> PathBuf {
    let path = href.split(['#', '?']).next().unwrap();
    let mut out = page.parent().unwrap().to_path_buf();
    for part in percent_decode(path).split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    out
}

/// The page mdBook writes for a chapter.
fn page_of(html_root: &Path, chapter: &str) -> PathBuf {
    let page = if let Some(dir) = chapter.strip_suffix("README.md") {
        format!("{dir}index.html")
    } else {
        format!("{}.html", chapter.strip_suffix(".md").unwrap())
    };
    html_root.join(page)
}

/// What following the links of a table found.
#[derive(Debug, Default)]
struct LinkCheck {
    rows: usize,
    followed: usize,
    /// Design pages that show the row's status badge (designs the preprocessor passes through
    /// unchanged, such as ones with an unclosed code fence, have none).
    badges: usize,
}

/// Lowercase letters and digits only: how a title is compared with a page, whatever smart
/// punctuation and escaping did to it.
fn key(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The text of an HTML page: tags removed, the common entities decoded.
fn page_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out).replace("&#x27;", "'")
}

/// Follows every title and replacement link of the tables on `page`: each must open the page of
/// the design it names, and that page must show the design's status badge.
fn follow_links(html_root: &Path, page: &Path) -> LinkCheck {
    let html = std::fs::read_to_string(page).unwrap();
    let rows = rows(&html);
    let mut check = LinkCheck { rows: rows.len(), ..LinkCheck::default() };
    for row in &rows {
        let title = &row.hrefs[0];
        assert!(!title.contains(".md"), "links from raw HTML must point at pages: {title}");
        let opened = target(page, title);
        assert_eq!(opened, page_of(html_root, &row.path), "the title link of {} opens the wrong page", row.path);
        let text = std::fs::read_to_string(&opened).unwrap_or_else(|e| panic!("{} ({title}): {e}", opened.display()));
        // The page renders inline HTML of its H1 as HTML (that is the design's own page).
        let shown = key(&page_text(&text));
        assert!(
            shown.contains(&key(&row.title)) || shown.contains(&key(&page_text(&row.title))),
            "{} ({}) does not show the title `{}`",
            opened.display(),
            row.path,
            row.title
        );
        if text.contains(&format!("data-design-status=\"{}\"", row.status)) {
            check.badges += 1;
        }
        check.followed += 1;
        for href in &row.hrefs[1..] {
            if href.contains("://") || href.starts_with('/') || href.starts_with("mailto:") {
                continue;
            }
            let t = target(page, href);
            // Links in summaries may point at files of the original repository that the book
            // does not have; the links this tool makes (replacements) must all resolve.
            if t.exists() {
                check.followed += 1;
            } else {
                assert!(
                    !html_between(&html, &row.path).contains(&format!("replaced-by\">replaced by <a href=\"{href}\""))
                        && !html_between(&html, &row.path).contains(&format!("replaces\">replaces <a href=\"{href}\"")),
                    "replacement link {href} of {} is broken",
                    row.path
                );
            }
        }
    }
    check
}

/// The HTML of the row of `path`.
fn html_between<'a>(html: &'a str, path: &str) -> &'a str {
    let key = format!("data-design-path=\"{path}\"");
    let start = html.find(&key).unwrap_or(0);
    let end = start + html[start..].find("</tr>").unwrap_or(html.len() - start);
    &html[start..end]
}

#[test]
fn corpus_book_links_and_counts() {
    let mdbook = mdbook();
    let Some(corpus) = common::corpus() else { return };
    check_corpus_book(&mdbook, &corpus, true);
}

#[test]
fn corpus_book_without_designs_in_summary() {
    let mdbook = mdbook();
    let Some(corpus) = common::corpus() else { return };
    check_corpus_book(&mdbook, &corpus, false);
}

/// Builds the corpus book, follows every link of its table and compares the counts with the
/// JSON index. With `listed` false, `SUMMARY.md` names no design: the preprocessor must add
/// them all to the book.
fn check_corpus_book(mdbook: &Path, corpus: &Path, listed: bool) -> (TempBook, PathBuf) {
    let book = corpus_book(corpus, listed);
    let index = json(&book.index(&[]));
    let html_root = build(mdbook, &book.root);
    let page = html_root.join("index.html");
    let check = follow_links(&html_root, &page);
    let html = std::fs::read_to_string(&page).unwrap();
    let total = index["counts"]["total"].as_u64().unwrap();
    assert_eq!(check.rows as u64, total, "one row per design");
    assert!(check.followed as u64 >= total);
    let shown = shown_counts(&html);
    for (status, n) in index["counts"].as_object().unwrap() {
        if status == "total" {
            continue;
        }
        assert_eq!(shown.get(status).copied().unwrap_or(0), n.as_u64().unwrap(), "count of {status}");
    }
    assert!(html.contains(&format!("data-count-total=\"{total}\"")));
    eprintln!(
        "corpus ({}): {} rows, {} links followed ({} pages show the row's badge), counts {:?} match the JSON index",
        if listed { "designs in SUMMARY.md" } else { "no design in SUMMARY.md" },
        check.rows,
        check.followed,
        check.badges,
        shown
    );
    (book, html_root)
}

#[test]
fn index_chapter_in_a_sub_folder() {
    let mdbook = mdbook();
    let book = nested_book("built");
    book.write("book.toml", &book_toml("Nested"));
    let index = json(&book.index(&[]));
    let html_root = build(&mdbook, &book.root);
    // The landing chapter at the top, and `design/README.md` (written as design/index.html).
    let top = follow_links(&html_root, &html_root.join("index.html"));
    assert_eq!(top.rows as u64, index["counts"]["total"].as_u64().unwrap());
    let sub = follow_links(&html_root, &html_root.join("design/index.html"));
    assert_eq!(sub.rows, 2, "area=net keeps net and net/dns");
    // Escaping: the script is text, the table stays whole.
    let html = std::fs::read_to_string(html_root.join("index.html")).unwrap();
    assert!(!html.contains("<script>alert(1)"), "a title's script must not run");
    assert!(!html.contains("<img src=x onerror"), "a summary's HTML must not render");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | pipe</a>"));
    // The summary's link to the replaced design, rebased to the landing page.
    assert!(html.contains("<a href=\"design/net/old.html\">the old one</a>"), "summary link rebased");
    // The unlisted design is in the book.
    assert!(html_root.join("design/unlisted.html").exists(), "unlisted designs are added to the book");
}

// ---------------------------------------------------------------------------------------------
// The built book in headless Chromium (tests/browser/check.mjs).
// ---------------------------------------------------------------------------------------------

/// Runs the browser check on `page`, keeping the screenshot as `name`.
fn browser_check(page: &Path, name: &str) -> Value {
    let screenshot = artifacts().join(name);
    let _ = std::fs::remove_file(&screenshot);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check.mjs");
    let out = Command::new("node").arg(script).arg(page).arg(&screenshot).output().expect("node runs");
    assert!(
        out.status.success(),
        "the browser check failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&screenshot).expect("the screenshot is written");
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
    eprintln!("browser: {}", String::from_utf8_lossy(&out.stdout).trim());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn browser_filters_rows() {
    let mdbook = mdbook();
    if !browser() {
        return;
    }
    let book = nested_book("browser");
    book.write("book.toml", &book_toml("Nested"));
    let html_root = build(&mdbook, &book.root);
    let result = browser_check(&html_root.join("index.html"), "design-index-nested.png");
    assert_eq!(result["rows"], 5);
    assert_eq!(result["shownAfterClick"], 1);
    // The table in a chapter in a sub-folder works the same.
    let result = browser_check(&html_root.join("design/index.html"), "design-index-subfolder.png");
    assert_eq!(result["rows"], 2);
}

#[test]
fn browser_corpus_book() {
    let mdbook = mdbook();
    let Some(corpus) = common::corpus() else { return };
    if !browser() {
        return;
    }
    let (_book, html_root) = check_corpus_book(&mdbook, &corpus, true);
    let result = browser_check(&html_root.join("index.html"), "design-index-corpus.png");
    assert!(result["rows"].as_u64().unwrap() > 100);
}
