//! Property tests: the preprocessor loses no author text and is idempotent, on generated designs
//! and on every corpus file.
//!
//! (1) Undoing the listed edits gives the input back, every edit is of a kind the preprocessor
//!     documents, and every word of the input is still in the output (but the template's
//!     `One of:` prompt, which normalization drops).
//! (2) Running the preprocessor on its own output changes nothing.

mod common;

use std::collections::BTreeMap;

use mdbook_design::config::Config;
use mdbook_design::edit::{splice, undo, Applied};
use mdbook_design::normalize::{self, Change, Options};
use mdbook_design::pipeline::parse_chapter;
use mdbook_design::project::Project;
use mdbook_design::render::badge;
use mdbook_design::render::Format;
use mdbook_design::template::key;
use proptest::prelude::*;

fn project() -> Project {
    Project::new(Config::default(), None).unwrap()
}

/// The preprocessor's rewrite of one design, with its record of edits; `None` when the design
/// passes through unchanged.
fn rewrite(project: &Project, path: &str, text: &str, format: Format) -> Option<(String, Vec<(Change, Applied)>)> {
    let design = parse_chapter(project, path, text).ok()?;
    let options = Options {
        normalize: project.config.normalize,
        notice: true,
        format,
        replaced_by: design.replaced_by.as_deref(),
        replacement: None,
    };
    let edits = normalize::edits(path, text, &design, &project.template, options);
    let changes: Vec<Change> = {
        let mut sorted = edits.clone();
        sorted.sort_by_key(|n| (n.edit.range.start, n.edit.range.end));
        sorted.iter().map(|n| n.change).collect()
    };
    let (out, applied) = splice(text, edits.into_iter().map(|n| n.edit).collect()).expect("edits never overlap");
    Some((out, changes.into_iter().zip(applied).collect()))
}

fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

/// Checks properties (1) and (2) on one text.
fn check(project: &Project, path: &str, text: &str) -> Result<(), TestCaseError> {
    for format in [Format::Html, Format::Markdown] {
        let Some((out, record)) = rewrite(project, path, text, format) else { continue };
        let applied: Vec<Applied> = record.iter().map(|(_, a)| a.clone()).collect();
        prop_assert_eq!(undo(&out, &applied), text, "undo does not give the input back");
        let mut dropped = String::new();
        for (change, a) in &record {
            let new = &out[a.output.clone()];
            match change {
                Change::Badge | Change::Title => {
                    // Only our own lines (blank, badge, notice, the title from the file name) are
                    // added; an earlier badge of ours is the only thing replaced.
                    for line in new.lines().map(str::trim).filter(|l| !l.is_empty()) {
                        let ours = badge::is_badge_line(line.trim_start_matches('>').trim())
                            || badge::is_notice_line(line.trim_start_matches('>').trim())
                            || badge::is_notice_line(line)
                            || line.starts_with("# ")
                            || line == ">";
                        prop_assert!(ours, "unexpected inserted line {:?}", line);
                    }
                    for line in a.original.lines().map(str::trim).filter(|l| !l.is_empty()) {
                        prop_assert!(
                            badge::is_badge_line(line) || badge::is_notice_line(line),
                            "replaced author line {:?}",
                            line
                        );
                    }
                }
                Change::FrontMatter => {
                    prop_assert!(a.original.is_empty(), "front matter wrapping replaced {:?}", a.original);
                    for line in new.lines().map(str::trim).filter(|l| !l.is_empty()) {
                        let ours = line == mdbook_design::design::scan::FRONT_MATTER_OPEN
                            || line == mdbook_design::design::scan::FRONT_MATTER_CLOSE
                            || line.trim_start_matches('`').is_empty()
                            || line == "```yaml"
                            || line == "```toml"
                            || line.ends_with("`yaml")
                            || line.ends_with("`toml");
                        prop_assert!(ours, "unexpected front matter line {:?}", line);
                    }
                }
                Change::HeadingLevel => {
                    prop_assert_eq!(key(&a.original), key(new), "a level change altered heading words");
                }
                Change::HeadingName => {
                    // Same letters and digits in the same order (`Draw Backs` -> `Drawbacks`).
                    prop_assert_eq!(key(&a.original), key(new), "a rename changed the heading's words");
                    dropped.push_str(&a.original);
                    dropped.push(' ');
                }
                Change::StatusPrompt => {
                    prop_assert!(a.original.to_ascii_lowercase().starts_with("one of:"), "dropped {:?}", a.original);
                    prop_assert!(new.is_empty());
                    dropped.push_str(&a.original);
                    dropped.push(' ');
                }
            }
        }
        let before = words(text);
        let after = words(&out);
        let dropped = words(&dropped);
        for (word, count) in &before {
            let kept = after.get(word).copied().unwrap_or(0) + dropped.get(word).copied().unwrap_or(0);
            prop_assert!(kept >= *count, "word {:?} lost: {} of {}", word, kept, count);
        }
        let (again, _) = rewrite(project, path, &out, format).expect("the output is still a design");
        prop_assert_eq!(again, out, "not idempotent");
    }
    Ok(())
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
    fn generated_designs_keep_every_byte_and_are_idempotent(text in design()) {
        check(&project(), "design/20240101-generated-design.md", &text)?;
    }
}

#[test]
fn every_corpus_file_keeps_every_byte_and_is_idempotent() {
    let project = project();
    let mut checked = 0;
    for path in common::corpus_designs() {
        let text = std::fs::read_to_string(common::corpus().join(&path)).unwrap();
        if let Err(e) = check(&project, &format!("design/{path}"), &text) {
            panic!("{path}: {e}");
        }
        checked += 1;
    }
    assert!(checked > 300, "only {checked} corpus files");
}

/// Markdown-shaped noise: fragments that stress the scanner (fences, quotes, lists, HTML,
/// front matter delimiters, CRLF, odd Unicode), in any order.
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
        "{#id}",
        "===\n",
        "status: implemented\n",
        "One of: ",
        "é",
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
    fn any_text_is_processed_without_panic_and_idempotently(text in noise()) {
        check(&project(), "design/noise.md", &text)?;
        // The whole book pass too, with an index chapter beside the design.
        let mut chapters = vec![
            mdbook_design::pipeline::Chapter { path: Some("index.md".into()), content: "{{#design-index}}\n".into() },
            mdbook_design::pipeline::Chapter { path: Some("design/noise.md".into()), content: text.clone() },
        ];
        let config = Config { lint: mdbook_design::config::LintConfig::default(), ..Config::default() };
        let project = Project::new(config, None).unwrap();
        mdbook_design::pipeline::process_book(&project, Format::Html, &mut chapters, None);
        prop_assert!(chapters[0].content.contains("design-index"));
    }
}

/// The number of generated cases: `PROPTEST_CASES` when set (for long runs), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}
