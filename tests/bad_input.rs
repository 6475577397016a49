//! The bad-input table of `book/src/bad-input.md`, one test per row: the real binary under real
//! mdBook 0.5.x and 0.4.52 builds (or fed a request on stdin, for the mdBook versions that are
//! not installed). Each test checks the exit code, that the message names the file and line,
//! that the design's words are all still in the built page, and that nothing panicked.

mod common;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use common::*;

/// The design every bad design is made from: it passes every lint rule, so a book of them shows
/// only the findings the bad input causes.
const GOOD: &str = include_str!("fixtures/a-good-design.md");

/// The good design titled `title` (whose slug is the file name, so `file-name` stays quiet)
/// with `status` as its Status section's text.
fn good_with(title: &str, status: &str) -> String {
    GOOD.replacen("# A good design", &format!("# {title}"), 1).replacen(
        "\nimplementable\n",
        &format!("\n{status}\n"),
        1,
    )
}

/// The file name that follows a title: lowercase, other characters as `-`.
fn slug(title: &str) -> String {
    let lower: String =
        title.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    lower.split('-').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

/// A design of the bad book: its path under `src`, its bytes, and whether `SUMMARY.md` lists it.
#[derive(Clone)]
struct Design {
    path: String,
    bytes: Vec<u8>,
    listed: bool,
}

fn design(path: &str, text: impl Into<Vec<u8>>) -> Design {
    Design { path: format!("design/{path}"), bytes: text.into(), listed: true }
}

/// Status forms: (title, the Status section's text, the badge it gets).
const STATUSES: &[(&str, &str, &str)] = &[
    ("Status capitalised", "Implementable", "implementable"),
    ("Status as link", "[Implemented](x.md)", "implemented"),
    ("Status after prompt", "One of: implementable", "implementable"),
    ("Status unedited list", "provisional|implementable|implemented|deferred|rejected|withdrawn|replaced", "unknown"),
    ("Status with parenthesis", "implemented (alpha)", "implemented"),
    ("Status with comment", "implementable # comment", "implementable"),
    ("Status in progress", "in-progress", "unknown"),
    ("Status empty", "", "unknown"),
    ("Status in quote", "> implemented", "unknown"),
    ("Status in list", "- implemented", "implemented"),
    ("Status setext", "Implemented\n-----------", "unknown"),
    ("Status in html", "<div>implemented</div>", "unknown"),
    ("Status in emphasis", "*implemented*", "implemented"),
    ("Status in code", "`implemented`", "implemented"),
    ("Status in fence", "```\nimplemented\n```", "unknown"),
];

/// The text of a design whose status is in its front matter.
const FM_BODY: &str = "# Front matter status\n\n## Summary\n\nThe status is in the front matter.\n";

/// Titles and summaries full of HTML.
const EVIL_TITLE: &str = "<script>alert(1)</script> Evil </table> title <img src=x onerror=alert(2)>";

/// Every design of the bad book.
fn bad_designs() -> Vec<Design> {
    let mut out = vec![
        design("a-good-design.md", GOOD),
        design("empty.md", ""),
        design("front-matter-only.md", "---\ntitle: Only front matter\nstatus: implemented\n---\n"),
        design("binary.md", "# Binary\n\n## Status\n\nimplemented\n\n\u{0}\u{1}\u{2}junk words\n"),
        design("nested-list.md", format!("{GOOD}\n{}deep list words\n", "- ".repeat(10_000))),
        design("nested-quote.md", format!("{GOOD}\n{} deep quote words\n", ">".repeat(10_000))),
        design("long-line.md", format!("{GOOD}\n{}\n", "longword ".repeat(1 << 17))),
        design("fence.md", "# Fence\n\n## Status\n\nimplemented\n\n```rust\nfn main() {}\nfence words\n"),
        design(
            "comment.md",
            "# Comment\n\n## Status\n\nimplemented\n\n## Summary\n\nBefore the comment.\n\n<!-- never closed\n\n\
             ## Motivation\n\nHidden words after.\n",
        ),
        design(
            "pre-open.md",
            "# Pre open\n\n## Status\n\nimplemented\n\n## Summary\n\nBefore the block.\n\n<pre>\nnever closed\n\n\
             ## Motivation\n\nRaw words after.\n",
        ),
        design(
            "front-matter-open.md",
            "---\ntitle: Unclosed\nstatus: implemented\n\n# Front matter open\n\n## Status\n\nimplemented\n",
        ),
        design(
            "yaml-error.md",
            "---\nstatus: implemented\nauthors: [\"@a\"\nowners: x\n---\n\n# Yaml error\n\n## Summary\n\nThe YAML is \
             broken below its status.\n",
        ),
        design("crlf.md", good_with("Crlf", "Implementable").replace('\n', "\r\n")),
        design("two-statuses.md", format!("{}\n## Status\n\nrejected\n", good_with("Two statuses", "implemented"))),
        design("evil.md", GOOD.replacen("# A good design", &format!("# {EVIL_TITLE}"), 1).replacen(
            "This design adds a good example to the test suite.",
            "The summary has <img src=x onerror=alert(3)> an image, </table> a table end and <script>alert(4)</script>.",
            1,
        )),
        design(
            "replaced-by-evil.md",
            good_with("Replaced by evil", "replaced by [the evil one](evil.md)").replacen(
                "This design adds",
                "It was replaced. This design adds",
                1,
            ),
        ),
        design("fm-alias.md", format!("---\nword: &s implementable\nstatus: *s\n---\n{FM_BODY}")),
        design("fm-block.md", format!("---\ntitle: FM block\nstatus: |\n  implemented\n---\n{FM_BODY}")),
        design("fm-list.md", format!("---\ntitle: FM list\nstatus:\n  - implemented\n---\n{FM_BODY}")),
        // In SUMMARY.md, never written: mdBook creates it (create-missing).
        Design { path: "design/missing.md".into(), bytes: Vec::new(), listed: true },
    ];
    for (title, status, _) in STATUSES {
        out.push(design(&format!("{}.md", slug(title)), good_with(title, status)));
    }
    let mut unlisted = |path: &str, bytes: Vec<u8>| {
        out.push(Design { path: format!("design/{path}"), bytes, listed: false });
    };
    unlisted(
        "latin1-unlisted.md",
        b"# Latin1 unlisted\n\n## Status\n\nimplemented\n\n## Summary\n\nCaf\xe9 au lait.\n".to_vec(),
    );
    unlisted(
        "evil-unlisted.md",
        GOOD.replacen("# A good design", "# <img src=x onerror=alert(5)> Unlisted </table>", 1)
            .replacen("This design adds", "Unlisted <script>alert(6)</script> design adds", 1)
            .into_bytes(),
    );
    out
}

/// One finished `mdbook build`.
struct Build {
    root: PathBuf,
    success: bool,
    stderr: String,
    designs: Vec<Design>,
}

impl Build {
    /// The built page of a chapter (`design/a.md` is `book/design/a.html`).
    fn page(&self, chapter: &str) -> String {
        let path = self.root.join("book").join(chapter.replace(".md", ".html"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}\n{}", path.display(), self.stderr))
    }

    /// The source bytes of a design of this book.
    fn source(&self, chapter: &str) -> &[u8] {
        &self.designs.iter().find(|d| d.path == chapter).unwrap_or_else(|| panic!("no design {chapter}")).bytes
    }

    /// Asserts the build went on, nothing panicked, and the good design got its badge.
    fn went_on(&self) {
        assert!(self.success, "the build failed:\n{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert_eq!(badges(&self.page("design/a-good-design.md")), ["implementable"], "the good design lost its badge");
    }

    /// Asserts a warning of the book pass `chapter:line: message` (the chapter path is relative to
    /// `src`), on one line that names the tool.
    fn warned(&self, chapter: &str, line: usize, message: &str) {
        let needle = format!("{chapter}:{line}: {message}");
        let lines = common::tool_lines(&self.stderr);
        let found = lines.iter().filter(|l| l.contains(&needle)).count();
        assert_eq!(found, 1, "expected one `{needle}` in a line of the tool in:\n{}", self.stderr);
    }

    /// Asserts a lint finding `message` pointing at `src/chapter:line:`.
    fn linted(&self, chapter: &str, line: usize, message: &str) {
        let at = format!("--> src/{chapter}:{line}:");
        let found = self.stderr.match_indices(message).any(|(i, _)| {
            let next = self.stderr[i..].lines().nth(1).unwrap_or("");
            next.trim_start().starts_with(&at)
        });
        assert!(found, "expected `{message}` at `{at}` in:\n{}", self.stderr);
    }

    /// Asserts every word of the design's source is still in its page, as often as in the source.
    fn kept_words(&self, chapter: &str) {
        self.kept_words_but(chapter, &[]);
    }

    /// [`Build::kept_words`], but for `dropped`, the words a documented edit removes.
    fn kept_words_but(&self, chapter: &str, dropped: &[&str]) {
        let mut source = String::from_utf8_lossy(self.source(chapter)).into_owned();
        for word in dropped {
            source = source.replacen(word, " ", 1);
        }
        assert_words_kept(&source, &self.page(chapter), chapter);
    }

    /// Asserts the design got only its badge, `status`, and kept every word.
    fn badge_only(&self, chapter: &str, status: &str) {
        assert_eq!(badges(&self.page(chapter)), [status], "{chapter}");
        self.kept_words(chapter);
    }

    /// The status each row of the index page shows (its badge, found by class), by the link of
    /// the row's title (`design/a.html`).
    fn index_statuses(&self) -> HashMap<String, String> {
        let index = std::fs::read_to_string(self.root.join("book/index.html")).unwrap();
        let mut out = HashMap::new();
        for row in index.split("<tr class=\"design-index-row").skip(1) {
            let row = &row[..row.find("</tr>").unwrap_or(row.len())];
            let title = &row[row.find("class=\"design-index-title\"").expect("a title cell")..];
            let href = &title[title.find("href=\"").expect("a title link") + 6..];
            let href = &href[..href.find('"').unwrap()];
            let status = &row[row.find("class=\"design-index-status\"").expect("a status cell")..];
            let status = &status[..status.find("</td>").unwrap_or(status.len())];
            let found = badges(status);
            assert_eq!(found.len(), 1, "{href}: {status}");
            out.insert(href.to_string(), found[0].clone());
        }
        assert!(!out.is_empty(), "no rows in the index page");
        out
    }

    /// Asserts the design passed through unchanged: no badge, every word kept.
    fn passed_through(&self, chapter: &str) {
        assert!(badges(&self.page(chapter)).is_empty(), "{chapter} got a badge");
        self.kept_words(chapter);
    }
}

/// Words (ASCII letter and digit runs) with their counts.
fn words(text: &str) -> HashMap<&str, usize> {
    let mut out = HashMap::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        *out.entry(word).or_insert(0) += 1;
    }
    out
}

/// The text without HTML tags (`<b>`, `</table>`): they are markup, which mdBook 0.5 may rewrite
/// or drop when unbalanced, not words.
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let is_tag = tail[1..].trim_start_matches('/').starts_with(|c: char| c.is_ascii_alphabetic());
        match tail.find('>').filter(|end| is_tag && !tail[1..*end].contains('<')) {
            Some(end) => {
                out.push(' ');
                rest = &tail[end + 1..];
            }
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Asserts `html` holds every word of `source` at least as often. mdBook links `x.md` as
/// `x.html`, so link targets are compared that way; HTML tags are not words.
fn assert_words_kept(source: &str, html: &str, what: &str) {
    let have = words(html);
    let source = without_tags(source).replace(".md)", ".html)").replace(".md#", ".html#");
    let lost: Vec<String> = words(&source)
        .into_iter()
        .filter(|(w, n)| have.get(w).copied().unwrap_or(0) < *n)
        .map(|(w, n)| format!("{w} ({n} in the source, {} on the page)", have.get(w).copied().unwrap_or(0)))
        .take(10)
        .collect();
    assert!(lost.is_empty(), "{what}: words lost from the page: {lost:?}");
}

/// The status of every badge (a `design-status` span) on a page.
fn badges(html: &str) -> Vec<String> {
    html.match_indices("<span class=\"design-status\"")
        .filter_map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>')?];
            let at = tag.find("data-design-status=\"")? + "data-design-status=\"".len();
            Some(tag[at..at + tag[at..].find('"')?].to_string())
        })
        .collect()
}

/// Writes a book of `designs` (with an index page) in a fresh folder; returns its root.
fn write_book(dir: &str, toml_extra: &str, designs: &[Design]) -> PathBuf {
    let root = temp_dir(dir);
    let mut summary = String::from("# Summary\n\n[Designs](index.md)\n\n");
    for d in designs.iter().filter(|d| d.listed) {
        let name = d.path.trim_start_matches("design/").trim_end_matches(".md");
        summary.push_str(&format!("- [{name}](<{}>)\n", d.path));
    }
    write_files(
        &root,
        &[
            ("book.toml", &book_toml(toml_extra)),
            ("src/SUMMARY.md", &summary),
            ("src/index.md", "# Designs\n\n{{#design-index}}\n"),
        ],
    );
    // `missing.md` is listed but never written.
    for d in designs.iter().filter(|d| d.path != "design/missing.md") {
        let path = root.join("src").join(&d.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &d.bytes).unwrap();
    }
    root
}

/// Runs `mdbook build` in `root`, a book of `designs`.
fn run_build(mdbook: &Path, root: PathBuf, designs: Vec<Design>) -> Build {
    // Every finding in full: the tests read them.
    let out = common::build_full(mdbook, &root);
    Build { root, success: out.status.success(), stderr: String::from_utf8_lossy(&out.stderr).into_owned(), designs }
}

/// Writes and builds a book of `designs` with `mdbook`.
fn build_book(mdbook: &Path, dir: &str, toml_extra: &str, designs: Vec<Design>) -> Build {
    let root = write_book(dir, toml_extra, &designs);
    run_build(mdbook, root, designs)
}

/// The bad book's configuration: a build shows its first 50 lint findings in full, and the
/// designs without sections would fill them with `missing-section`, hiding the findings under test.
const BAD_BOOK_TOML: &str = "[preprocessor.design.lint]\nmissing-section = \"allow\"\n";

/// The bad book, built once per mdBook version.
fn bad_books() -> [&'static Build; 2] {
    static V05: OnceLock<Build> = OnceLock::new();
    static V04: OnceLock<Build> = OnceLock::new();
    [
        V05.get_or_init(|| build_book(&mdbook("MDBOOK", "v0.5"), "bad-input-0.5", BAD_BOOK_TOML, bad_designs())),
        V04.get_or_init(|| build_book(&mdbook("MDBOOK_04", "v0.4.52"), "bad-input-0.4", BAD_BOOK_TOML, bad_designs())),
    ]
}

/// Runs the binary in preprocessor mode on `input`; returns the exit code, stdout and stderr.
fn preprocess(input: &[u8]) -> (Option<i32>, Vec<u8>, String) {
    let mut child =
        Command::new(bin()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (out.status.code(), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A preprocessor request from mdBook `version`, in that version's shape, with one design.
fn request(version: &str, design_text: &str) -> Vec<u8> {
    let chapter = serde_json::json!({"Chapter": {"name": "A", "content": design_text, "number": [1],
        "sub_items": [], "path": "design/a.md", "source_path": "design/a.md", "parent_names": []}});
    let mut book = serde_json::json!({});
    if version.starts_with("0.5") || version.starts_with("0.6") {
        book["items"] = serde_json::json!([chapter]);
    } else {
        book["sections"] = serde_json::json!([chapter]);
        book["__non_exhaustive"] = serde_json::Value::Null;
    }
    let ctx = serde_json::json!({"root": "/nonexistent", "renderer": "html", "mdbook_version": version,
        "config": {"book": {"src": "src", "multilingual": false, "title": "T"}, "preprocessor": {"design": {}}}});
    serde_json::to_vec(&serde_json::json!([ctx, book])).unwrap()
}

// --- Configuration ---------------------------------------------------------------------------

/// Builds a one-design book whose `[preprocessor.design]` has `extra`; asserts it fails with a
/// message naming `book.toml`, its `line` and each of `says`.
fn config_fails(dir: &str, extra: &str, line: usize, says: &[&str]) {
    let mdbook = mdbook("MDBOOK", "v0.5");
    let b = build_book(&mdbook, dir, extra, vec![design("a-good-design.md", GOOD)]);
    assert!(!b.success, "the build should fail on `{extra}`");
    assert!(!b.stderr.contains("panicked"), "{}", b.stderr);
    let head = format!("mdbook-design: book.toml:{line}: invalid [preprocessor.design] in book.toml: ");
    assert!(b.stderr.contains(&head), "expected `{head}` in:\n{}", b.stderr);
    for s in says {
        assert!(b.stderr.contains(s), "expected `{s}` in:\n{}", b.stderr);
    }
}

#[test]
fn config_unknown_key() {
    // book_toml puts `command = ...` on line 5; extra keys start on line 6.
    config_fails("bad-input-config-unknown", "colour = \"blue\"\n", 6, &["unknown field `colour`", "`designs`"]);
}

#[test]
fn config_mistyped_key() {
    config_fails(
        "bad-input-config-mistyped",
        "notice = true\ninclude_unlisted = false\n",
        7,
        &["unknown field `include_unlisted`", "`include-unlisted`"],
    );
    config_fails(
        "bad-input-config-mistyped-table",
        "[preprocessor.design.normalize]\ntitel = false\n",
        7,
        &["`normalize.titel`: unknown field `titel`", "`title`"],
    );
}

#[test]
fn config_wrong_type() {
    config_fails(
        "bad-input-config-type-designs",
        "designs = \"design/**\"\n",
        6,
        &["`designs`: invalid type: string \"design/**\", expected a sequence"],
    );
    config_fails(
        "bad-input-config-type-size",
        "max-size = \"big\"\n",
        6,
        &["`max-size`: invalid type: string \"big\""],
    );
    config_fails("bad-input-config-type-lint", "lint = 3\n", 6, &["`lint` is \"off\", \"warn\", \"deny\" or a table"]);
}

#[test]
fn config_unknown_lint_rule_warns_and_builds() {
    let mdbook = mdbook("MDBOOK", "v0.5");
    let extra = "[preprocessor.design.lint]\nline-lenght = \"allow\"\n";
    let designs =
        vec![design("a-good-design.md", GOOD), design("no-status.md", "# No status\n\n## Summary\n\nText.\n")];
    let b = build_book(&mdbook, "bad-input-config-rule", extra, designs.clone());
    b.went_on();
    assert!(b.stderr.contains("`lint.line-lenght` is not a lint rule; the rules are missing-status"), "{}", b.stderr);
    assert!(b.stderr.contains("that entry is ignored"), "{}", b.stderr);
    // The other rules still run: a typo does not switch lint off.
    assert!(b.stderr.contains("[missing-status]"), "{}", b.stderr);
    // Nor does it open a `deny` gate.
    let deny = format!("{extra}mode = \"deny\"\n");
    let b = build_book(&mdbook, "bad-input-config-rule-deny", &deny, designs);
    assert!(!b.success, "a denied finding must fail the build:\n{}", b.stderr);
    assert!(b.stderr.contains("[missing-status]"), "{}", b.stderr);
}

// --- Designs ---------------------------------------------------------------------------------

#[test]
fn empty_design() {
    for b in bad_books() {
        b.went_on();
        b.warned("design/empty.md", 1, "the design is empty; the chapter is passed through unchanged");
        b.passed_through("design/empty.md");
    }
}

#[test]
fn design_of_only_front_matter() {
    for b in bad_books() {
        b.went_on();
        let page = b.page("design/front-matter-only.md");
        assert_eq!(badges(&page), ["implemented"]);
        assert!(page.contains("<h1 id=\"only-front-matter\">"), "the front matter title is the page's title");
        b.kept_words("design/front-matter-only.md");
    }
}

#[test]
fn binary_design() {
    for b in bad_books() {
        b.went_on();
        b.warned("design/binary.md", 7, "the file holds binary data (a NUL byte or invalid UTF-8)");
        b.passed_through("design/binary.md");
    }
}

#[test]
fn design_not_utf8_unlisted() {
    for b in bad_books() {
        b.went_on();
        let path = "design/latin1-unlisted.md";
        b.warned(path, 1, "this design is not listed in SUMMARY.md; it was added under the design index");
        b.warned(path, 9, "the file holds binary data (a NUL byte or invalid UTF-8)");
        // The invalid byte shows as U+FFFD; every word around it is kept.
        b.passed_through(path);
        assert!(b.page(path).contains("Caf\u{FFFD} au lait."));
    }
}

#[test]
fn design_not_utf8_listed_stops_mdbook_itself() {
    let designs = || {
        vec![
            design("a-good-design.md", GOOD),
            design("latin1.md", b"# Latin1\n\n## Status\n\nimplemented\n\nCaf\xe9.\n".to_vec()),
        ]
    };
    for (var, version, dir) in
        [("MDBOOK", "v0.5", "bad-input-latin1-0.5"), ("MDBOOK_04", "v0.4.52", "bad-input-latin1-0.4")]
    {
        let b = build_book(&mdbook(var, version), dir, "", designs());
        // mdBook reads SUMMARY.md's chapters before any preprocessor runs, and stops.
        assert!(!b.success);
        assert!(!b.stderr.contains("panicked"), "{}", b.stderr);
        assert!(b.stderr.contains("design/latin1.md") && b.stderr.contains("UTF-8"), "{version}:\n{}", b.stderr);
        // mdBook 0.4.52 names the file by its full path, which holds the folder the repository is
        // cloned into (often `mdbook-design`): that path is not the preprocessor speaking.
        let said = b.stderr.replace(&*b.root.to_string_lossy(), "<book>");
        assert!(!said.contains("mdbook-design"), "the preprocessor never ran:\n{said}");
    }
}

#[test]
fn design_of_50_mb() {
    let body: String = (0..1_200_000).map(|i| format!("Paragraph {i} holds words about the big design.\n\n")).collect();
    let head = "# Big\n\n## Status\n\nimplemented\n\n## Summary\n\n";
    let text = format!("{head}{}", &body[..(50 << 20) - head.len()]);
    let designs = vec![design("a-good-design.md", GOOD), design("big.md", text)];
    // mdBook's search index of 50 MB takes a minute and 115 MB; the page itself is the test.
    let extra = "[output.html.search]\nenable = false\n[output.html.print]\nenable = false\n";
    let b = build_book(&mdbook("MDBOOK", "v0.5"), "bad-input-big", extra, designs);
    b.went_on();
    b.warned("design/big.md", 1, "the file is 52428800 bytes, over the 4194304-byte limit for designs");
    b.passed_through("design/big.md");
}

#[test]
fn design_nested_10000_list_levels() {
    for b in bad_books() {
        b.went_on();
        let page = b.page("design/nested-list.md");
        assert_eq!(badges(&page), ["implementable"]);
        assert!(page.matches("<li>").count() >= 10_000, "mdBook renders every level");
        b.kept_words("design/nested-list.md");
    }
}

#[test]
fn design_nested_10000_quote_levels() {
    for b in bad_books() {
        b.went_on();
        let page = b.page("design/nested-quote.md");
        assert_eq!(badges(&page), ["implementable"]);
        assert!(page.matches("<blockquote").count() >= 10_000, "mdBook renders every level");
        b.kept_words("design/nested-quote.md");
    }
}

#[test]
fn design_with_a_1_mb_line() {
    for b in bad_books() {
        b.went_on();
        assert_eq!(badges(&b.page("design/long-line.md")), ["implementable"]);
        b.linted("design/long-line.md", 75, "this line is 1179648 columns; the template asks to wrap at 79");
        // The finding shows an excerpt of the line, not the megabyte.
        assert!(b.stderr.len() < 200_000, "{} bytes of warnings", b.stderr.len());
        b.kept_words("design/long-line.md");
    }
}

/// What the build says of a design whose problem comes after its status and title.
const BADGE_ONLY: &str = "only the status badge was inserted, under the title and above the problem; the other \
                          normalizations were skipped";

#[test]
fn design_with_an_unclosed_fence() {
    for b in bad_books() {
        b.went_on();
        b.warned(
            "design/fence.md",
            7,
            &format!("this code fence is never closed, so the rest of the document is code; {BADGE_ONLY}"),
        );
        b.badge_only("design/fence.md", "implemented");
    }
}

#[test]
fn design_with_an_unclosed_comment() {
    for b in bad_books() {
        b.went_on();
        b.warned(
            "design/comment.md",
            11,
            &format!("this HTML comment is never closed, so the text after it is hidden on the page; {BADGE_ONLY}"),
        );
        b.badge_only("design/comment.md", "implemented");
    }
}

#[test]
fn design_with_an_unclosed_html_block() {
    for b in bad_books() {
        b.went_on();
        b.warned(
            "design/pre-open.md",
            11,
            &format!(
                "this HTML block is never closed, so the rest of the document is raw HTML, not Markdown; {BADGE_ONLY}"
            ),
        );
        b.badge_only("design/pre-open.md", "implemented");
    }
}

#[test]
fn design_with_unclosed_front_matter() {
    for b in bad_books() {
        b.went_on();
        b.warned(
            "design/front-matter-open.md",
            1,
            "this front matter is never closed (no `---` line ends it), so it shows as text; the chapter is passed \
             through unchanged, with no badge: the problem at line 1 comes before the title, so no badge can be \
             placed safely, and the status reads as unknown in the index too",
        );
        b.passed_through("design/front-matter-open.md");
        // Its status is readable below the problem, but the page shows none: nor does the index.
        assert_eq!(b.index_statuses().get("design/front-matter-open.html").map(String::as_str), Some("unknown"));
    }
}

#[test]
fn design_with_a_yaml_error_below_its_status() {
    for b in bad_books() {
        b.went_on();
        // Line 4 (`owners: x`), where PyYAML also places the error: the flow list opened on line 3
        // should have closed before it.
        b.warned("design/yaml-error.md", 4, "the YAML front matter does not parse");
        b.kept_words("design/yaml-error.md");
        let page = badges(&b.page("design/yaml-error.md"));
        let row = b.index_statuses().get("design/yaml-error.html").cloned();
        assert_eq!(page.first().cloned().unwrap_or_else(|| "unknown".into()), row.unwrap(), "page and index");
    }
}

/// The oracle over the whole bad book: every design's page badge (found by its class in mdBook's
/// HTML; no badge counts as `unknown`) is the status its index row shows, and a page has at most
/// one badge.
#[test]
fn page_badge_and_index_row_agree_for_every_bad_design() {
    for b in bad_books() {
        b.went_on();
        let rows = b.index_statuses();
        let mut compared = 0;
        for d in &b.designs {
            let html = d.path.replace(".md", ".html");
            let Ok(page) = std::fs::read_to_string(b.root.join("book").join(&html)) else { continue };
            let Some(row) = rows.get(&html) else { continue };
            let page = badges(&page);
            assert!(page.len() <= 1, "{}: {page:?}", d.path);
            let shown = page.first().cloned().unwrap_or_else(|| "unknown".into());
            assert_eq!(&shown, row, "{}: the page's badge and the index row disagree", d.path);
            compared += 1;
        }
        assert!(compared >= 25, "only {compared} designs compared");
    }
}

#[test]
fn design_with_crlf_line_breaks() {
    for b in bad_books() {
        b.went_on();
        assert_eq!(badges(&b.page("design/crlf.md")), ["implementable"]);
        b.linted("design/crlf.md", 5, "the status `Implementable` is written loosely; write `implementable`");
        b.kept_words("design/crlf.md");
    }
    // What mdBook gets back: the badge lines use CRLF like the rest of the file.
    let text = String::from_utf8(bad_books()[0].source("design/crlf.md").to_vec()).unwrap();
    let (code, stdout, stderr) = preprocess(&request("0.5.4", &text));
    assert_eq!(code, Some(0), "{stderr}");
    let back: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let content = back["items"][0]["Chapter"]["content"].as_str().unwrap();
    assert_eq!(badges(content), ["implementable"]);
    assert_eq!(content.matches('\n').count(), content.matches("\r\n").count(), "a bare LF in:\n{content}");
}

/// A front matter status behind an alias, or in a block scalar, reads as YAML reads it.
#[test]
fn front_matter_status_alias_and_block_scalar() {
    for b in bad_books() {
        b.went_on();
        assert_eq!(badges(&b.page("design/fm-alias.md")), ["implementable"]);
        assert_eq!(badges(&b.page("design/fm-block.md")), ["implemented"]);
        for path in ["design/fm-alias.md", "design/fm-block.md"] {
            assert!(!b.stderr.contains(&format!("src/{path}:3")), "{path}: no finding expected:\n{}", b.stderr);
            b.kept_words_but(path, &[]);
        }
    }
}

/// A front matter status holding a list is named as such, at its line; not "empty".
#[test]
fn front_matter_status_list() {
    for b in bad_books() {
        b.went_on();
        assert_eq!(badges(&b.page("design/fm-list.md")), ["unknown"]);
        b.linted("design/fm-list.md", 3, "`status` holds a list; write one status word");
        let empty =
            b.stderr.match_indices("the status is empty").map(|(i, _)| b.stderr[i..].lines().nth(1).unwrap_or(""));
        assert!(!empty.clone().any(|next| next.contains("fm-list.md")), "{}", b.stderr);
        b.kept_words_but("design/fm-list.md", &[]);
    }
}

// --- Statuses --------------------------------------------------------------------------------

/// Asserts the badge and the message (a lint finding at the status line, or none) of one form.
fn status_row(title: &str, line: usize, message: Option<&str>) {
    status_row_dropping(title, line, message, &[]);
}

/// [`status_row`] for a form whose documented normalization drops `dropped` words.
fn status_row_dropping(title: &str, line: usize, message: Option<&str>, dropped: &[&str]) {
    let (_, _, badge) = STATUSES.iter().find(|s| s.0 == title).unwrap();
    let path = format!("design/{}.md", slug(title));
    for b in bad_books() {
        b.went_on();
        assert_eq!(badges(&b.page(&path)), [*badge], "{title}");
        match message {
            Some(message) => b.linted(&path, line, message),
            None => assert!(!b.stderr.contains(&format!("src/{path}:")), "{title}: no finding expected:\n{}", b.stderr),
        }
        b.kept_words_but(&path, dropped);
    }
}

#[test]
fn status_capitalised() {
    status_row("Status capitalised", 5, Some("the status `Implementable` is written loosely; write `implementable`"));
}

#[test]
fn status_as_a_link() {
    status_row("Status as link", 5, Some("the status `[Implemented](x.md)` is written loosely; write `implemented`"));
}

#[test]
fn status_after_the_prompt() {
    // Normalization drops the template's `One of:` prompt (a documented edit).
    status_row_dropping(
        "Status after prompt",
        5,
        Some("the status `One of: implementable` is written loosely; write `implementable`"),
        &["One", "of"],
    );
}

#[test]
fn status_unedited_list() {
    status_row("Status unedited list", 5, Some("the template's list of statuses was left unedited"));
}

#[test]
fn status_with_parenthesis() {
    status_row(
        "Status with parenthesis",
        5,
        Some("the status `implemented (alpha)` is written loosely; write `implemented`"),
    );
}

#[test]
fn status_with_comment() {
    status_row(
        "Status with comment",
        5,
        Some("the status `implementable # comment` is written loosely; write `implementable`"),
    );
}

#[test]
fn status_in_progress() {
    status_row("Status in progress", 5, Some("`in-progress` is not a status; use one of: provisional"));
}

#[test]
fn status_empty() {
    status_row("Status empty", 3, Some("the Status section is empty"));
}

#[test]
fn status_in_a_block_quote() {
    status_row("Status in quote", 5, Some("`> implemented` is not a status; use one of: provisional"));
}

#[test]
fn status_in_a_list_item() {
    status_row("Status in list", 5, None);
}

#[test]
fn status_in_a_setext_heading() {
    status_row(
        "Status setext",
        3,
        Some("the Status section is empty: `Implemented` is underlined, which makes it a heading, not the status"),
    );
}

#[test]
fn status_in_an_html_block() {
    status_row(
        "Status in html",
        3,
        Some("the Status section has no status line: its first text `<div>implemented</div>` is in an HTML block"),
    );
}

#[test]
fn status_in_emphasis() {
    status_row("Status in emphasis", 5, Some("the status `*implemented*` is written loosely; write `implemented`"));
}

#[test]
fn status_in_code() {
    status_row("Status in code", 5, Some("the status `` `implemented` `` is written loosely; write `implemented`"));
    status_row("Status in fence", 5, Some("`` ``` `` is not a status; use one of: provisional"));
}

#[test]
fn two_status_sections_that_disagree() {
    for b in bad_books() {
        b.went_on();
        assert_eq!(badges(&b.page("design/two-statuses.md")), ["implemented"]);
        b.linted(
            "design/two-statuses.md",
            77,
            "this second Status section says `rejected`, but the badge shows `implemented`, read from the first \
             Status section (line 5)",
        );
        b.kept_words("design/two-statuses.md");
    }
}

// --- Template and SUMMARY.md -----------------------------------------------------------------

/// Builds a good design with the template at `template` made by `make`; asserts the build goes
/// on with the built-in template and a warning `template:line: message`.
fn template_row(dir: &str, extra: &str, template: &str, make: impl Fn(&Path), line: usize, message: &str) {
    let mdbook = mdbook("MDBOOK", "v0.5");
    let designs = vec![design("a-good-design.md", GOOD)];
    let root = write_book(dir, extra, &designs);
    make(&root.join("src"));
    let b = run_build(&mdbook, root, designs);
    b.went_on();
    b.warned(template, line, message);
    assert!(b.stderr.contains("the built-in template is used instead"), "{}", b.stderr);
    b.kept_words("design/a-good-design.md");
    // `lint` reads the book the same way and says the same.
    let out = Command::new(bin()).arg("lint").arg("--book").arg(&b.root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("warning: {template}:{line}: {message}")), "lint:\n{stderr}");
    assert_eq!(out.status.code(), Some(0), "the good design passes lint:\n{stderr}");
}

#[test]
fn template_file_missing() {
    template_row(
        "bad-input-template-missing",
        "template = \"design/no-such-template.md\"\n",
        "design/no-such-template.md",
        |_| {},
        1,
        "the template file cannot be read (No such file or directory",
    );
}

#[test]
fn template_file_unreadable() {
    // Tests run as root, where `chmod 000` does not stop a read; a folder at the template's
    // path fails the read the same way.
    template_row(
        "bad-input-template-folder",
        "",
        "design/_template.md",
        |src| std::fs::create_dir_all(src.join("design/_template.md")).unwrap(),
        1,
        "the template file cannot be read (Is a directory",
    );
    template_row(
        "bad-input-template-latin1",
        "",
        "design/_template.md",
        |src| std::fs::write(src.join("design/_template.md"), b"# T\n\n## Status\n\nCaf\xe9\n").unwrap(),
        5,
        "the template file is not UTF-8 text",
    );
}

#[test]
fn summary_entry_whose_file_is_missing() {
    // mdBook creates the file (`create-missing`, on by default) holding the chapter's title.
    for b in bad_books() {
        b.went_on();
        let created = std::fs::read_to_string(b.root.join("src/design/missing.md")).unwrap();
        assert_eq!(created.trim(), "# missing");
        b.warned("design/missing.md", 1, "no section of the design template was found");
        assert!(badges(&b.page("design/missing.md")).is_empty());
    }
    // With `create-missing = false`, mdBook stops before any preprocessor runs.
    for (var, version) in [("MDBOOK", "v0.5"), ("MDBOOK_04", "v0.4.52")] {
        let mdbook = mdbook(var, version);
        let designs = vec![
            design("a-good-design.md", GOOD),
            Design { path: "design/missing.md".into(), bytes: Vec::new(), listed: true },
        ];
        let root = write_book(&format!("bad-input-missing-{version}"), "", &designs);
        let toml = std::fs::read_to_string(root.join("book.toml")).unwrap();
        std::fs::write(root.join("book.toml"), format!("{toml}\n[build]\ncreate-missing = false\n")).unwrap();
        let out = build(&mdbook, &root);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.contains("design/missing.md"), "{version}:\n{stderr}");
    }
}

// --- mdBook versions and standard input ------------------------------------------------------

#[test]
fn mdbook_0_4_52_and_0_5_build() {
    for b in bad_books() {
        b.went_on();
        assert_eq!(badges(&b.page("design/status-capitalised.md")), ["implementable"]);
    }
}

#[test]
fn mdbook_versions_not_installed() {
    let text = good_with("A", "implemented");
    for version in ["0.3.7", "0.6.0"] {
        let (code, stdout, stderr) = preprocess(&request(version, &text));
        assert_eq!(code, Some(1), "{version}: {stderr}");
        assert!(stdout.is_empty(), "nothing is written for mdBook to read");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(&format!("supports mdBook >=0.4.0, <0.6.0 (0.4.x and 0.5.x), but was called by mdBook {version}; install a supported mdBook")),
            "{stderr}"
        );
    }
    let (code, stdout, stderr) = preprocess(&request("0.4.0", &text));
    assert_eq!(code, Some(0), "{stderr}");
    let back: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let content = back["sections"][0]["Chapter"]["content"].as_str().unwrap();
    assert_eq!(badges(content), ["implemented"]);
    assert!(back.as_object().unwrap().contains_key("__non_exhaustive"));
    assert_words_kept(&text, content, "0.4.0");
}

#[test]
fn stdin_truncated_or_not_json() {
    let full = request("0.5.4", GOOD);
    let cases: [(&[u8], &str); 4] = [
        (&full[..full.len() / 2], "EOF while parsing"),
        (b"hello\n", "expected value at line 1 column 1"),
        (b"", "EOF while parsing a value at line 1 column 0"),
        (b"{\"a\": 1}", "invalid type: map, expected a tuple of size 2"),
    ];
    for (input, says) in cases {
        let (code, stdout, stderr) = preprocess(input);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.starts_with("mdbook-design: the input is not an mdBook preprocessor request: "), "{stderr}");
        assert!(stderr.contains(says) && stderr.contains("run `mdbook build`"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

// --- HTML in titles and summaries ------------------------------------------------------------

#[test]
fn titles_and_summaries_full_of_html() {
    for b in bad_books() {
        b.went_on();
        let index = b.page("index.md");
        // Every title and summary is escaped into the table, which stays one table with a row per design.
        for escaped in [
            "&lt;script&gt;alert(1)&lt;/script&gt; Evil &lt;/table&gt; title &lt;img src=x onerror=alert(2)&gt;",
            "The summary has &lt;img src=x onerror=alert(3)&gt; an image, &lt;/table&gt; a table end and &lt;script&gt;alert(4)&lt;/script&gt;.",
            "&lt;img src=x onerror=alert(5)&gt; Unlisted &lt;/table&gt;",
            "Unlisted &lt;script&gt;alert(6)&lt;/script&gt; design adds",
        ] {
            assert!(index.contains(escaped), "not escaped in the index: {escaped}");
        }
        let table = &index[index.find("<table").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        let rows = table.matches("<tr class=\"design-index-row").count();
        let designs = b.designs.len();
        assert_eq!(rows, designs, "one row per design");
        // The replaced design's notice names the evil title, escaped.
        let old = b.page("design/replaced-by-evil.md");
        assert!(old.contains(
            "Replaced by <a href=\"evil.html\">&lt;script&gt;alert(1)&lt;/script&gt; Evil &lt;/table&gt; title \
             &lt;img src=x onerror=alert(2)&gt;</a>."
        ));
        // No page but the evil designs' own (whose author wrote the HTML) runs it.
        for entry in walkdir::WalkDir::new(b.root.join("book")).into_iter().flatten() {
            let name = entry.file_name().to_string_lossy();
            if !name.ends_with(".html") || name.starts_with("evil") || name == "print.html" {
                continue;
            }
            let html = std::fs::read_to_string(entry.path()).unwrap();
            for raw in ["<script>alert(", "<img src=x onerror", "<img src=\"x\" onerror"] {
                assert!(!html.contains(raw), "{}: `{raw}` unescaped", entry.path().display());
            }
        }
        for path in ["design/evil.md", "design/evil-unlisted.md"] {
            assert_eq!(badges(&b.page(path)), ["implementable"]);
            b.kept_words(path);
        }
    }
}

// --- Subsections, byte-order marks and includes -------------------------------------------------

/// Both installed mdBook versions, with a folder-name suffix for each.
fn both_mdbooks() -> [(PathBuf, &'static str); 2] {
    [(mdbook("MDBOOK", "v0.5"), "0.5"), (mdbook("MDBOOK_04", "v0.4.52"), "0.4")]
}

#[test]
fn status_subsection_of_another_section() {
    let api = "The details.\n\n### API\n\nThe object.\n\n#### Status\n\nrejected\n";
    let text = good_with("Api status", "implementable").replacen("The details.", api, 1);
    for (mdbook, v) in both_mdbooks() {
        let designs = vec![design("a-good-design.md", GOOD), design("api-status.md", text.clone())];
        let b = build_book(&mdbook, &format!("bad-input-subsection-status-{v}"), "", designs);
        b.went_on();
        let page = b.page("design/api-status.md");
        assert_eq!(badges(&page), ["implementable"]);
        // It stays the API's level-4 heading: not a second `## Status`, and no finding about it.
        assert!(page.contains("<h4 id=\"status-1\">"), "{page}");
        assert!(!page.contains("<h2 id=\"status-1\">"), "{page}");
        assert!(!b.stderr.contains("api-status.md"), "{}", b.stderr);
        b.kept_words("design/api-status.md");
    }
}

#[test]
fn design_with_a_byte_order_mark() {
    let listed = format!("\u{FEFF}{}", good_with("Bom listed", "implemented"));
    let front = GOOD.replacen("# A good design\n", "---\ntitle: Bom front\nstatus: rejected\n---\n", 1);
    let front = format!("\u{FEFF}{}", front.replacen("## Status\n\nimplementable\n\n", "", 1));
    for (mdbook, v) in both_mdbooks() {
        let designs = vec![
            design("a-good-design.md", GOOD),
            design("bom-listed.md", listed.clone()),
            Design { path: "design/bom-front.md".into(), bytes: front.clone().into_bytes(), listed: false },
        ];
        let b = build_book(&mdbook, &format!("bad-input-bom-{v}"), "", designs);
        b.went_on();
        for (chapter, title, status) in
            [("design/bom-listed.md", "Bom listed", "implemented"), ("design/bom-front.md", "Bom front", "rejected")]
        {
            let page = b.page(chapter);
            assert_eq!(badges(&page), [status], "{chapter}");
            let h1 = format!("<h1 id=\"{0}\"><a class=\"header\" href=\"#{0}\">{title}", slug(title));
            assert!(page.contains(&h1), "{chapter}: its title is the page's H1");
            assert!(!page.contains('\u{FEFF}'), "{chapter}: the mark is not on the page");
            assert!(b.page("index.md").contains(&format!(">{title}</a>")), "{title} is in the index");
            b.kept_words(chapter);
        }
        assert!(!b.stderr.contains("missing-title") && !b.stderr.contains("missing-status"), "{}", b.stderr);
    }
}

#[test]
fn status_from_an_unexpanded_include() {
    let include = "{{#include ../parts/status.md}}";
    let text = good_with("Include", include);
    let part = Design { path: "parts/status.md".into(), bytes: b"implemented\n".to_vec(), listed: false };
    for (mdbook, v) in both_mdbooks() {
        let designs = vec![design("a-good-design.md", GOOD), design("include.md", text.clone()), part.clone()];
        // Before `links` (no `after`): the badge cannot know, and the build says why and what to do.
        let b = build_book(&mdbook, &format!("bad-input-include-{v}"), "", designs.clone());
        b.went_on();
        assert_eq!(badges(&b.page("design/include.md")), ["unknown"]);
        b.linted(
            "design/include.md",
            5,
            &format!("the status is pulled in with `{include}`, which mdBook has not expanded here"),
        );
        assert!(b.stderr.contains("`after = [\"links\"]` under `[preprocessor.design]`"), "{}", b.stderr);
        b.kept_words_but("design/include.md", &[include]);
        // With lint off, a warning says the same.
        let off = "[preprocessor.design.lint]\nmode = \"off\"\n";
        let b = build_book(&mdbook, &format!("bad-input-include-off-{v}"), off, designs.clone());
        b.warned(
            "design/include.md",
            5,
            &format!("the status is pulled in with `{include}`, which mdBook has not expanded yet"),
        );
        // After `links`: the included status.
        let b = build_book(&mdbook, &format!("bad-input-include-after-{v}"), "after = [\"links\"]\n", designs);
        b.went_on();
        assert_eq!(badges(&b.page("design/include.md")), ["implemented"]);
        assert!(!b.stderr.contains("include.md"), "{}", b.stderr);
    }
}
