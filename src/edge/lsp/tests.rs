//! Protocol-level property: random edits applied through incremental sync give the text an
//! independent splice gives, and the same diagnostics as opening the final text from scratch.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use proptest::prelude::*;

use super::text::Encoding;
use super::State;

const START: &str = "---\nstatus: implementable\n---\n# Faster sync\n\n## Summary\n\nOne trip. See [b](b.md#x).\n\n\
## Status\n\nOne of: implementable\n\n## Motivation\n\nSlow ünïcödé 😀.\n\n### Goals\n\nFast.\n";

/// Another design of the same folder: its title and anchors feed the book-level rules.
const OTHER: &str = "# Other design\n\n## Summary\n\nElse.\n\n### X\n";

const PIECES: &[&str] = &[
    "",
    "x",
    "\n",
    "## ",
    "# ",
    "Status",
    "implemented",
    "é",
    "😀",
    "\r\n",
    "[t](#goals)",
    "```\n",
    "One of: ",
    "Other design",
    "[o](other.md#x)",
    "[n](none.md)",
];

/// The LSP position (UTF-16) of char index `at` in `chars`, counted here without the server's code.
fn position(chars: &[char], at: usize) -> Position {
    let (mut line, mut col) = (0u32, 0u32);
    for &c in &chars[..at] {
        if c == '\n' {
            line += 1;
            col = 0;
        } else {
            col += c.len_utf16() as u32;
        }
    }
    Position::new(line, col)
}

fn uri_of(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("mdbook-design-lsp-prop-{}", std::process::id()));
    super::path_to_uri(&dir.join(name))
}

fn uri() -> String {
    uri_of("faster-sync.md")
}

/// A state with the other design and `text` open.
fn opened(text: &str) -> State {
    let mut state = State::new(Encoding::Utf16);
    state.open(&uri_of("other.md"), 1, OTHER.to_string());
    state.open(&uri(), 1, text.to_string());
    state
}

#[test]
fn the_start_text_has_findings_and_sees_the_other_design() {
    let mut state = opened(&START.replace("b.md#x", "other.md#nope"));
    let codes: Vec<String> = state
        .diagnostics(&uri())
        .iter()
        .filter_map(|d| match &d.code {
            Some(lsp_types::NumberOrString::String(c)) => Some(c.clone()),
            _ => None,
        })
        .collect();
    assert!(codes.iter().any(|c| c == "broken-design-link"), "{codes:?}");
    // Renaming the other design's `X` heading to `nope` mends the anchor.
    assert!(state.change(
        &uri_of("other.md"),
        2,
        vec![TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: OTHER.replace("### X", "### Nope"),
        }]
    ));
    let after: Vec<_> = state.diagnostics(&uri()).into_iter().filter_map(|d| d.code).collect();
    assert!(after.len() < codes.len(), "{after:?} vs {codes:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn incremental_sync_matches_linting_from_scratch(
        edits in proptest::collection::vec((0usize..400, 0usize..40, 0usize..PIECES.len(), 0usize..PIECES.len()), 1..12)
    ) {
        let uri = uri();
        let mut state = opened(START);
        let mut chars: Vec<char> = START.chars().collect();
        for (version, (at, len, a, b)) in edits.into_iter().enumerate() {
            // Never split a `\r\n` pair: an editor's positions cannot point between them.
            let mut start = at.min(chars.len());
            while start > 0 && start < chars.len() && chars[start - 1] == '\r' && chars[start] == '\n' { start -= 1; }
            let mut end = (start + len).min(chars.len());
            while end > 0 && end < chars.len() && chars[end - 1] == '\r' && chars[end] == '\n' { end -= 1; }
            let end = end.max(start);
            let insert = format!("{}{}", PIECES[a], PIECES[b]);
            let change = TextDocumentContentChangeEvent {
                range: Some(Range::new(position(&chars, start), position(&chars, end))),
                range_length: None,
                text: insert.clone(),
            };
            prop_assert!(state.change(&uri, version as i32 + 2, vec![change]));
            chars.splice(start..end, insert.chars());
            let diags = state.diagnostics(&uri);
            let _ = diags;
        }
        let expected: String = chars.iter().collect();
        prop_assert_eq!(&state.docs[&uri].text, &expected);
        let incremental = state.diagnostics(&uri);
        let mut fresh = opened(&expected);
        prop_assert_eq!(incremental, fresh.diagnostics(&uri));
        prop_assert_eq!(state.diagnostics(&uri_of("other.md")), fresh.diagnostics(&uri_of("other.md")));
    }

    #[test]
    fn a_stale_version_is_ignored(version in -5i32..=3) {
        let uri = uri();
        let mut state = State::new(Encoding::Utf16);
        state.open(&uri, 3, START.to_string());
        let change = TextDocumentContentChangeEvent { range: None, range_length: None, text: "x".into() };
        prop_assert!(!state.change(&uri, version, vec![change]));
        prop_assert_eq!(&state.docs[&uri].text, START);
    }
}
