//! What each fuzz target asserts, as plain functions over the input bytes: the `cargo fuzz`
//! targets in `fuzz_targets/` call them, and `tests/fuzz_regressions.rs` calls them on the
//! crashes fuzzing found. Each panics when a property fails; the library calls are kept few and
//! in one place so that they are easy to update when module paths change.
#![allow(dead_code)]

#[path = "../tests/common/oracle.rs"]
mod oracle;

use mdbook_design::__private::anchors;
use mdbook_design::__private::links;
use mdbook_design::lint::{self, LintContext, LintFile, Rule, Severities};
use mdbook_design::Project;
use mdbook_design::Template;
use mdbook_design::{Config, Severity};
use serde_json::{json, Value};

/// Inputs longer than this are skipped (the corpus has longer files; their first 64 KiB are
/// seeds in their own right), so that one run stays well under libFuzzer's `-timeout`.
pub const MAX_INPUT: usize = 64 * 1024;

/// Where the fuzzed design sits in the book.
const DESIGN_PATH: &str = "design/fuzz.md";

/// The index chapter of the one-design book.
const INDEX_PATH: &str = "design/README.md";

/// The index chapter's text: it expands the design index.
const INDEX_TEXT: &str = "# Designs\n\n{{#design-index}}\n";

/// The input as text (invalid UTF-8 replaced), or `None` when it is over [`MAX_INPUT`].
fn text(data: &[u8]) -> Option<String> {
    (data.len() <= MAX_INPUT).then(|| String::from_utf8_lossy(data).into_owned())
}

/// Panics unless every word of `input` is still in `output` (but for the documented edits).
fn assert_preserved(what: &str, input: &str, output: &str) {
    if let Err(e) = oracle::check_preserved(input, output) {
        panic!("{what} lost words: {e}\n--- input ---\n{input:?}\n--- output ---\n{output:?}");
    }
}

/// The project every target uses: the default configuration and the built-in template.
fn project() -> Project {
    Project::new(Config::default(), None).expect("the default configuration is valid")
}

/// `parse`: the design parser and the template parser never panic on any text, also when the
/// text is its own template.
pub fn parse(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let project = project();
    let design = project.parse(&text);
    let _ = design.display_title(DESIGN_PATH);
    let _ = design.status();
    let template = Template::parse(&text);
    let _ = template.match_heading(&text);
    if let Ok(own) = Project::new(Config::default(), Some(&text)) {
        let _ = own.parse(&text);
    }
}

/// `preprocess`: the preprocessor on a book of an index chapter and one design, in the mdBook
/// 0.4.52 and 0.5.4 wire shapes (0.5.4 with the `html` or the `markdown` renderer): no panic or
/// error, every word of the design kept, and a second run over its output changes nothing.
pub fn preprocess(data: &[u8]) {
    let Some(text) = text(data) else { return };
    // mdBook 0.5 with one renderer per input (by the input's length, so both are fuzzed): every
    // run here costs six preprocessor passes otherwise.
    let renderer = if data.len() & 1 == 0 { "html" } else { "markdown" };
    for (version, renderer) in [("0.4.52", "html"), ("0.5.4", renderer)] {
        let once = preprocess_once(version, renderer, &text);
        assert_preserved(&format!("mdBook {version} ({renderer})"), &without_index_directives(&text), &once);
        let twice = preprocess_once(version, renderer, &once);
        assert_eq!(once, twice, "a second run (mdBook {version}, {renderer}) changed the design");
    }
}

/// One preprocessor run in `version`'s wire shape; returns the design chapter's new text.
fn preprocess_once(version: &str, renderer: &str, design: &str) -> String {
    let chapter = |name: &str, path: &str, content: &str, number: u32| {
        json!({"Chapter": {"name": name, "content": content, "number": [number], "sub_items": [],
            "path": path, "source_path": path, "parent_names": []}})
    };
    let mut index = chapter("Designs", INDEX_PATH, INDEX_TEXT, 1);
    index["Chapter"]["sub_items"] = json!([chapter("Fuzz", DESIGN_PATH, design, 2)]);
    let book = if version.starts_with("0.4.") {
        json!({"sections": [index], "__non_exhaustive": null})
    } else {
        json!({"items": [index]})
    };
    let ctx = json!({
        "root": "/nonexistent-fuzz-book",
        "config": {"book": {"src": "src", "multilingual": false}, "preprocessor": {"design": {}}},
        "renderer": renderer,
        "mdbook_version": version
    });
    let input = serde_json::to_vec(&json!([ctx, book])).expect("the request serializes");
    let mut out = Vec::new();
    if let Err(e) = mdbook_design::__private::run_preprocessor(&input, &mut out) {
        panic!("the preprocessor failed (mdBook {version}, {renderer}): {e}");
    }
    let back: Value = serde_json::from_slice(&out).expect("the preprocessor writes JSON");
    let key = if version.starts_with("0.4.") { "sections" } else { "items" };
    let index = &back[key][0]["Chapter"];
    assert_eq!(index["source_path"], INDEX_PATH, "the index chapter moved");
    let design = &index["sub_items"][0]["Chapter"];
    assert_eq!(design["source_path"], DESIGN_PATH, "the design chapter moved");
    design["content"].as_str().expect("the design chapter has text").to_string()
}

/// `text` without its `{{#design-index ...}}` directives, which the index table replaces (a
/// documented edit). Escaped directives and ones in code are removed too, which only weakens the
/// check.
fn without_index_directives(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{#design-index") {
        let Some(len) = rest[start..].find("}}") else { break };
        out.push_str(&rest[..start]);
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// `lint_fix`: lint and `--fix` on one design: no panic, every word kept, no fixable finding left
/// after fixing, and a second `--fix` (in a new run, over the fixed file) changes nothing.
pub fn lint_fix(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let project = project();
    let fixed = {
        let design = project.parse(&text);
        let file = LintFile { path: DESIGN_PATH, text: &text, design: &design };
        let ctx = lint_context(&project, &[file]);
        let _ = lint::lint_design(&ctx, &file);
        let outcome = lint::fix_text(&ctx, DESIGN_PATH, &text).expect("fixes splice");
        assert_preserved("lint --fix", &text, &outcome.text);
        let design = project.parse(&outcome.text);
        let left: Vec<String> =
            lint::lint_design(&ctx, &LintFile { path: DESIGN_PATH, text: &outcome.text, design: &design })
                .into_iter()
                .filter(|d| d.fixable)
                .map(|d| format!("{}:{}: [{}] {}", d.line, d.column, d.rule, d.message))
                .collect();
        assert!(left.is_empty(), "fixable findings left after --fix: {left:#?}\n--- fixed ---\n{:?}", outcome.text);
        outcome.text
    };
    let design = project.parse(&fixed);
    let file = LintFile { path: DESIGN_PATH, text: &fixed, design: &design };
    let ctx = lint_context(&project, &[file]);
    let again = lint::fix_text(&ctx, DESIGN_PATH, &fixed).expect("fixes splice");
    assert_eq!(again.text, fixed, "a second --fix changed the text: {:?}", again.changes);
}

/// A lint context over `files` with every rule on.
fn lint_context<'a>(project: &'a Project, files: &[LintFile<'_>]) -> LintContext<'a> {
    LintContext::new(project, files, None)
        .expect("the default lint configuration is valid")
        .with_severities(Severities::all(Severity::Warn))
}

/// `links`: link decoding, resolving and rebasing, and anchors. The first line is one link destination for
/// the path helpers (which must decode what they encode); the whole input is a design in a
/// two-design book, linted by `broken-design-link`, and a link to each of its anchors from the
/// other design must not be reported broken.
pub fn links(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let dest = text.lines().next().unwrap_or("");
    let decoded = links::decode(dest);
    let _ = links::normalize(&decoded);
    if let Some(target) = links::resolve("design/net/a.md", &decoded) {
        let _ = links::under(&target, "design");
    }
    for html in [true, false] {
        let _ = links::safe_href(dest, "design/net/a.md", "index.md", html);
        let _ = links::safe_href(dest, "design/net/a.md", "design/README.md", html);
    }
    assert_eq!(links::decode(&links::encode_path(dest)), dest, "encode_path then decode changed the path");
    assert_eq!(links::decode(&percent_encode(dest)), dest, "decode does not undo percent-encoding");

    // Heading ids with and without smart punctuation (mdBook's `output.html.smart-punctuation`),
    // by the input's length.
    let config = Config { smart_punctuation: data.len() & 1 == 0, ..Config::default() };
    let project = Project::new(config, None).expect("the default configuration is valid");
    let a_path = "design/net/a.md";
    let a = project.parse(&text);
    let ids = anchors(&text, &a, project.config.smart_punctuation);
    let mut b_text = String::from("# B\n\n## Links\n\n");
    let mut ids: Vec<&String> = ids.iter().collect();
    ids.sort();
    for id in ids.iter().take(64) {
        b_text.push_str(&format!("- [to {}](<net/a.md#{}>)\n", percent_encode(id), percent_encode(id)));
    }
    let b = project.parse(&b_text);
    let files = [
        LintFile { path: a_path, text: &text, design: &a },
        LintFile { path: "design/b.md", text: &b_text, design: &b },
    ];
    let mut only_links = Severities::all(Severity::Allow);
    only_links.set(Rule::BrokenDesignLink, Severity::Warn);
    let ctx = LintContext::new(&project, &files, None)
        .expect("the default lint configuration is valid")
        .with_files([a_path.to_string(), "design/b.md".to_string()])
        .with_severities(only_links);
    let _ = lint::lint_design(&ctx, &files[0]);
    let broken: Vec<String> = lint::lint_design(&ctx, &files[1]).into_iter().map(|d| d.message).collect();
    assert!(broken.is_empty(), "links to existing anchors reported broken: {broken:#?}\n--- design ---\n{text:?}");
}

/// Every byte but ASCII letters and digits as `%XX`: written here, apart from the code under test.
fn percent_encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
