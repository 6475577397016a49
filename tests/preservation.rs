//! Property tests: the preprocessor loses no author text and is idempotent, on generated designs,
//! on Markdown noise and on every corpus file.
//!
//! The oracle (`common::oracle`) is written apart from the code under test: it compares the
//! case-blind word multisets of input and output, leaving out only the lines that carry the
//! tool's documented mark, and allows only the documented edits (heading renames, the dropped
//! `One of:` prompt and list of choices). The book pass runs whole, lint included, in both
//! output formats; running it again on its output must change nothing.

mod common;

use common::oracle::check_preserved;
use mdbook_design::__private::RenderFormat as Format;
use mdbook_design::Config;
use mdbook_design::Project;
use mdbook_design::{__private::process_book, Chapter};
use proptest::prelude::*;

fn project() -> Project {
    Project::new(Config::default(), None).unwrap()
}

/// The book pass over an index chapter and one design; the design's text afterwards.
fn run(project: &Project, path: &str, text: &str, format: Format) -> String {
    let mut chapters = vec![
        Chapter { path: Some("index.md".into()), content: "{{#design-index}}\n".into() },
        Chapter { path: Some(path.into()), content: text.into() },
    ];
    process_book(project, format, &mut chapters, None);
    assert!(!chapters[0].content.contains("{{#design-index}}"), "the index was not expanded");
    chapters.pop().unwrap().content
}

/// No word lost, and a second run changes nothing, in both formats.
fn check(project: &Project, path: &str, text: &str) -> Result<(), TestCaseError> {
    for format in [Format::Html, Format::Markdown] {
        let out = run(project, path, text, format);
        if let Err(e) = check_preserved(text, &out) {
            return Err(TestCaseError::fail(format!("{format:?}: {e}\n--- input\n{text}\n--- output\n{out}")));
        }
        let again = run(project, path, &out, format);
        prop_assert_eq!(again, out, "{:?}: not idempotent", format);
    }
    Ok(())
}

#[test]
fn the_oracle_catches_what_the_old_badge_recognizer_ate() {
    // Before the tool marked its own lines, this author line was taken for a badge and replaced.
    let text = "# A\n\n**Status:** Draft, waiting on review from the API team\n\n## Status\n\nprovisional\n";
    let out = run(&project(), "design/a.md", text, Format::Markdown);
    check_preserved(text, &out).unwrap();
    let eaten = out.replace("**Status:** Draft, waiting on review from the API team\n", "");
    assert!(check_preserved(text, &eaten).is_err(), "the oracle must see the loss");
}

fn heading_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Status"),
        Just("Summary"),
        Just("Motivation"),
        Just("Goals"),
        Just("Non-Goals"),
        Just("Non Goals"),
        Just("non-goals"),
        Just("Proposal"),
        Just("User Stories"),
        Just("User stories"),
        Just("Design Details"),
        Just("Implementation Details/Notes/Constraints"),
        Just("Risks and Mitigations"),
        Just("Test Plan"),
        Just("Upgrade/Downgrade Strategy"),
        Just("Upgrade Strategy"),
        Just("Drawbacks"),
        Just("Alternatives (Not Implemented)"),
        Just("References"),
        Just("Story 1"),
        Just("Other **bold** words"),
        Just("Status Quo"),
        Just("Status {#custom-id}"),
    ]
    .prop_map(str::to_string)
}

fn status_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("implemented"),
        Just("Implementable"),
        Just("[Implemented](other.md)"),
        Just("One of: implementable"),
        Just("One of: provisional|implementable|implemented|deferred|rejected|withdrawn|replaced"),
        Just("in-progress"),
        Just("**Rejected**"),
        Just("replaced by [new](new-design.md)"),
        Just("withdrawn"),
        Just("deferred (until 2.0)"),
        Just("<!-- comment -->\nprovisional"),
        Just("- implemented"),
    ]
    .prop_map(str::to_string)
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ,.]{1,60}".prop_map(|s| format!("{s}\n")),
        Just("- item one\n- item two\n\n  ## In a list\n".to_string()),
        Just("> quoted\n> ## Status\n> implemented\n".to_string()),
        Just("```md\n# Not a title\n## Status\nrejected\n```\n".to_string()),
        Just("~~~\ncode\n~~~\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("<!-- This section is optional. -->\n".to_string()),
        Just("None\n".to_string()),
        Just("[ref]: https://example.com\n".to_string()),
        Just("Text with *emphasis*, `code` & entities &amp; é ü 漢字.\n".to_string()),
    ]
}

fn heading(level: usize, name: &str, setext: bool) -> String {
    if setext && level <= 2 {
        format!("{name}\n{}\n", if level == 1 { "====" } else { "----" })
    } else {
        format!("{} {name}\n", "#".repeat(level))
    }
}

prop_compose! {
    fn design()(
        front in prop::option::of(status_text()),
        blank_after_fence in any::<bool>(),
        title in prop::option::of(("[A-Z][a-z <>|*]{0,20}", any::<bool>())),
        sections in prop::collection::vec((heading_name(), 1usize..5, any::<bool>(), prop::collection::vec(block(), 0..3)), 0..8),
        status in prop::option::of(status_text()),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
    ) -> String {
        let mut text = String::new();
        if let Some(fm) = front {
            let value = fm.lines().last().unwrap_or("").to_string();
            text.push_str(&format!("---\n{}title: x\nstatus: {value}\n---\n\n", if blank_after_fence { "\n" } else { "" }));
        }
        if let Some((t, setext)) = title {
            text.push_str(&heading(1, t.trim(), setext));
            text.push('\n');
        }
        if let Some(s) = status {
            text.push_str(&format!("## Status\n\n{s}\n\n"));
        }
        for (name, level, setext, blocks) in sections {
            text.push_str(&heading(level, &name, setext));
            text.push('\n');
            for b in blocks {
                text.push_str(&b);
                text.push('\n');
            }
        }
        if !final_newline {
            while text.ends_with('\n') { text.pop(); }
        }
        if crlf { text.replace('\n', "\r\n") } else { text }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn generated_designs_keep_every_word_and_are_idempotent(text in design()) {
        check(&project(), "design/20240101-generated-design.md", &text)?;
    }
}

#[test]
fn every_corpus_file_keeps_every_word_and_is_idempotent() {
    let Some(corpus) = common::corpus() else { return };
    let project = project();
    let mut checked = 0;
    for path in common::corpus_designs(&corpus) {
        let text = std::fs::read_to_string(corpus.join(&path)).unwrap();
        if let Err(e) = check(&project, &format!("design/{path}"), &text) {
            panic!("{path}: {e}");
        }
        checked += 1;
    }
    assert!(checked > 300, "only {checked} corpus files");
}

/// Markdown-shaped noise: fragments that stress the scanner (fences, quotes, lists, HTML,
/// front matter delimiters, CRLF, odd Unicode, percent escapes, lines that imitate the tool's
/// own badge and notice), in any order.
fn noise() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "---\n",
        "+++\n",
        "```\n",
        "~~~~\n",
        "# ",
        "## Status\n",
        "### Non Goals\n",
        "> ",
        "- ",
        "1. ",
        "    ",
        "\t",
        "\r\n",
        "\n",
        "<!-- ",
        " -->",
        "<div>",
        "| a | b |\n|---|---|\n",
        "[x]: y\n",
        "[l](a.md#b)",
        "[p](#%aé)",
        "[q](b%20c.md#%C3%A9)",
        "%",
        "%e9",
        "{#id}",
        "===\n",
        "status: implemented\n",
        "One of: ",
        "**Status:** Draft, waiting\n",
        "<span class=\"design-status\">x</span>\n",
        "> **Note:** This design is mine\n",
        "<details class=\"design-front-matter\"><summary>Front matter</summary>\n",
        "é",
        "漢字",
        "\u{A0}",
        "\u{200B}",
        "\u{FEFF}",
        "`",
        "*",
        "\\",
    ];
    let piece = prop_oneof![prop::sample::select(PIECES).prop_map(str::to_string), "[a-z ]{0,12}"];
    prop::collection::vec(piece, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1024), ..ProptestConfig::default() })]

    #[test]
    fn any_text_keeps_every_word_and_is_idempotent(text in noise()) {
        check(&project(), "design/noise.md", &text)?;
    }
}

/// The number of generated cases: `PROPTEST_CASES` when set (for long runs), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

// The oracle's own checks (here once, not in every test binary that includes `common`).

#[test]
fn oracle_catches_a_lost_line_under_the_title() {
    let input = "# A\n\n**Status:** Draft, waiting on review\n\ntext\n";
    let output = "# A\n\n<span data-mdbook-design=\"badge\">unknown</span>\n\ntext\n";
    let e = check_preserved(input, output).unwrap_err();
    assert!(e.contains("draft") && e.contains("review"), "{e}");
}

#[test]
fn oracle_allows_documented_edits() {
    let input = "# A\n\n## Status\n\nOne of: implementable\n\n## Draw Backs\n\n## NonGoals\n";
    let output = "# A\n\n**Status:** implementable <!-- mdbook-design:badge -->\n\n## Status\n\nimplementable\n\n\
                  ## Drawbacks\n\n## Non Goals\n";
    check_preserved(input, output).unwrap();
    // A word the tool adds in a marked line cannot stand in for an author word.
    let e = check_preserved("# A\n\nimplemented\n", "# A\n\n<b data-mdbook-design=\"x\">implemented</b>\n");
    assert!(e.is_err());
}

#[test]
fn oracle_drops_only_the_documented_directives() {
    let table = "# A\n\n<table data-mdbook-design=\"index\"></table>\n";
    check_preserved("# A\n\n{{#design-index status=implemented}}\n", table).unwrap();
    check_preserved("# A\n\n{{#design-releases}}\n", table).unwrap();
    // Exploring `preprocess` found the oracle dropping any `{{#design-...}}`, so a lost
    // directive-like text of the author's went unseen.
    let e = check_preserved("# A\n\n{{#design-inLdex x}}\n", "# A\n\n").unwrap_err();
    assert!(e.contains("inldex"), "{e}");
}

#[test]
fn oracle_allows_a_heading_renamed_with_its_words_cut_elsewhere() {
    // Exploring found `NonGo-als` renamed `Non-Goals`: the same letters, cut into other words.
    check_preserved("# A\n\n### NonGo-als\n\nNone\n", "# A\n\n### Non-Goals\n\nNone\n").unwrap();
    check_preserved("# A\r\n\r\n### NonG-oals\r\n", "# A\r\n\r\n### Non-Goals\r\n").unwrap();
    // Other letters are a loss, in a heading as anywhere.
    let e = check_preserved("# A\n\n### NonGo-als extra\n", "# A\n\n### Non-Goals\n").unwrap_err();
    assert!(e.contains("extra"), "{e}");
    let e = check_preserved("# A\n\nNonGo-als\n", "# A\n\nNon-Goals\n").unwrap_err();
    assert!(e.contains("nongo"), "only headings are renamed: {e}");
}
