//! The fuzz targets' properties (`fuzz/properties.rs`) as ordinary tests: every committed seed
//! through every target's checks, and each crash that fuzzing found, minimized, through the
//! target that found it.

#[path = "../fuzz/properties.rs"]
mod properties;

use std::path::Path;

/// A target's checks over one input.
type Check = fn(&[u8]);

/// The targets and their checks, by the name of their seed folder.
const TARGETS: [(&str, Check); 4] = [
    ("parse", properties::parse),
    ("preprocess", properties::preprocess),
    ("lint_fix", properties::lint_fix),
    ("links", properties::links),
];

/// The seed files of `folder` under `fuzz/seeds`, sorted.
fn seeds(folder: &str) -> Vec<std::path::PathBuf> {
    let dir = seed(folder);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the seeds in {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seeds in {}", dir.display());
    out
}

/// One committed seed, by its path under `fuzz/seeds`.
fn seed(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds").join(path)
}

#[test]
fn every_seed_passes_every_target() {
    let common = seeds("common");
    let mut failed = Vec::new();
    for (target, check) in TARGETS {
        for seed in common.iter().chain(&seeds(target)) {
            let data = std::fs::read(seed).unwrap();
            if std::panic::catch_unwind(|| check(&data)).is_err() {
                failed.push(format!("{target}: {}", seed.display()));
            }
        }
    }
    assert!(failed.is_empty(), "seeds that fail their target's checks (messages above):\n{}", failed.join("\n"));
}

/// `links` found it: `%` followed by a multibyte character in a link fragment made the lint link
/// decoder slice inside the character (`src/feature/lint/rules/links.rs`, `decode`).
#[test]
fn percent_before_multibyte_char_in_a_fragment() {
    properties::links("[x](#%a\u{e9})".as_bytes());
    properties::lint_fix("[x](#%a\u{e9})".as_bytes());
}

/// `lint_fix` found it: a missing section is inserted at the end of the text, inside an HTML
/// comment left open, where it does not count; every `--fix` round inserts it again and the
/// findings stay fixable (the `missing-section` fix in `src/feature/lint/rules/sections.rs`).
#[test]
fn missing_sections_after_an_unclosed_comment() {
    properties::lint_fix(b"## Status\n\nimplemented\n\n<!--\n");
}

/// The CI smoke run of `lint_fix` found it (stop 14): the same loop as above behind an HTML block
/// that only a closing marker ends (here `<!tatus`, a `<!` declaration with no `>`); the parser
/// only knew unclosed comments.
#[test]
fn missing_sections_after_an_unclosed_html_block() {
    properties::lint_fix(b"# T\n\n## Status\n\n# T~~\n\n~~\n## Simplemented\n\n<!tatus\n\nimplemented\n~~~\n\n-#-\n");
    for opener in ["<!x", "<?php", "<![CDATA[", "<pre>", "<SCRIPT", "<style", "<textarea"] {
        properties::lint_fix(format!("## Status\n\nimplemented\n\n{opener}\n").as_bytes());
    }
}

/// `lint_fix` found it (stop 15, exploring on the seeds; its input is the seed read last): bare
/// `\r`s inside a long line. To CommonMark a bare `\r` ends a line, and two make a blank line that
/// ends the paragraph, so the rewrap of the paragraph before them could not shorten a line that
/// line-length measured up to the next `\n`; each round only dropped one `\r`, and the finding
/// stayed fixable.
#[test]
fn bare_carriage_returns_split_lines() {
    let words = |w: &str| format!("{w} ").repeat(12);
    let head = "# T\n\n## Status\n\nimplemented\n\n## Summary\n\n";
    for breaks in ["\r", "\r\r", "  \r", &"\r".repeat(8)] {
        properties::lint_fix(format!("{head}{}{breaks}{}\n", words("aaaa").trim_end(), words("bbbb")).as_bytes());
    }
    properties::lint_fix(&std::fs::read(seed("lint_fix/bare-carriage-returns-found.md")).unwrap());
}

/// `preprocess` found it: an author's own `**Status:**` line under the title was taken for the
/// tool's badge and replaced (`is_badge_line` in `src/feature/render/badge.rs`).
#[test]
fn an_authors_status_line_is_kept() {
    properties::preprocess(b"# A\n\n**Status:** Draft, waiting on review\n");
}

/// `preprocess` found it: a design of front matter only got a second title and badge on a second
/// run.
#[test]
fn front_matter_only_is_idempotent() {
    properties::preprocess(b"---\ntitle: Only front matter\nstatus: implementable\n---\n");
}

/// `preprocess` found it: a chapter in the designs folder holding `{{#design-index}}` is an index
/// page, not a design; once the directive is expanded, a second run takes it for a design (it
/// has a Status section) and adds a badge.
#[test]
fn an_expanded_index_chapter_stays_an_index_chapter() {
    properties::preprocess(b"{{#design-index}}\n\n## Status\n\nimplemented\n");
}

/// `preprocess` found it (in CI's smoke run): the template's list of choices with one choice
/// misspelt was taken for the unedited list and deleted, with the author's word in it.
#[test]
fn a_misspelt_choice_list_is_kept() {
    properties::preprocess(
        b"# T\n\n## Status\n\nOne of: provisional|implmeentable|implemented|deferred\n\n## Summary\n",
    );
}

/// `lint_fix` found it: a rewrap joined author words onto a paragraph line holding the text
/// `data-mdbook-design=`, and the oracle, which then took the line for one the tool inserted,
/// counted the words as lost. The oracle now knows a marked line by its shape (a tag carrying the
/// mark, or a trailing mark comment), as the tool writes them.
#[test]
fn mark_words_in_a_paragraph_are_the_authors() {
    properties::lint_fix(
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/lint_fix/mark-words-in-a-paragraph.md"))
            .unwrap(),
    );
}
