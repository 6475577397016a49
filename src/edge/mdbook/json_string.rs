//! Writing a chapter's text as a JSON string, eight bytes at a time.
//!
//! The preprocessor writes back every chapter of the book; escaping them is about a tenth of a
//! build. serde_json looks every byte up in a table; here a word of eight bytes is tested at once
//! for the bytes JSON must escape (`"`, `\` and control characters), and runs without any are
//! copied whole. The output is the same bytes as `serde_json::to_vec(&text)`: the test checks it
//! against serde_json on every corpus document and on generated text.

/// Eight copies of byte `b`.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of each byte of `word` that JSON must escape: below 0x20, `"` or `\`. Exact for
/// the lowest flagged byte (borrows only run upwards), which is all the scan uses.
fn needs_escape(word: u64) -> u64 {
    let high = splat(0x80);
    let below_space = word.wrapping_sub(splat(0x20)) & !word;
    let quote = (word ^ splat(b'"')).wrapping_sub(splat(1)) & !(word ^ splat(b'"'));
    let backslash = (word ^ splat(b'\\')).wrapping_sub(splat(1)) & !(word ^ splat(b'\\'));
    (below_space | quote | backslash) & high
}

/// The escape JSON uses for byte `b` (one that [`needs_escape`] flags), as serde_json writes it.
fn escape(b: u8, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]),
    }
}

/// `text` as a JSON string with its quotes.
pub(crate) fn to_json_string(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 32 + 2);
    out.push(b'"');
    let mut run = 0; // start of the bytes not yet copied
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
        let flagged = needs_escape(word);
        if flagged == 0 {
            at += 8;
            continue;
        }
        let hit = at + (flagged.trailing_zeros() / 8) as usize;
        out.extend_from_slice(&bytes[run..hit]);
        escape(bytes[hit], &mut out);
        at = hit + 1;
        run = at;
    }
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        if b < 0x20 || b == b'"' || b == b'\\' {
            out.extend_from_slice(&bytes[run..i]);
            escape(b, &mut out);
            run = i + 1;
        }
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn agrees(text: &str) {
        assert_eq!(to_json_string(text), serde_json::to_vec(text).unwrap(), "{text:?}");
    }

    #[test]
    fn every_byte_and_position_agrees_with_serde_json() {
        // Each ASCII byte (escaped or not) at each offset of a word, and next to a multi-byte character.
        for b in 0u8..0x80 {
            for pad in 0..17 {
                let text = format!("{}{}é{}", "a".repeat(pad), b as char, "z".repeat(16 - pad));
                agrees(&text);
            }
        }
        agrees("");
        agrees("\u{7f}\u{80}\u{2028}\u{2029}\u{FFFD}🦀\"\\\n");
    }

    #[test]
    fn corpus_documents_agree_with_serde_json() {
        // The real designs beside the checkout (or DESIGN_CORPUS), as the integration tests find them.
        let dir = std::env::var_os("DESIGN_CORPUS").map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
            std::path::PathBuf::from,
        );
        if !dir.is_dir() {
            // The project's rule for a missing prerequisite: a failure under CI, a loud notice
            // elsewhere (a clone without `../shared` must still pass its tests).
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true needs the design corpus at {} (or DESIGN_CORPUS)",
                dir.display()
            );
            eprintln!("NOT RUN: corpus_documents_agree_with_serde_json: no design corpus at {}", dir.display());
            return;
        }
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok) {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                agrees(&text);
                seen += 1;
            }
        }
        assert!(seen > 100, "expected the design corpus at {} (or DESIGN_CORPUS), found {seen} files", dir.display());
    }

    proptest! {
        #[test]
        fn generated_text_agrees_with_serde_json(text in "(?s).{0,200}", noise in "[\\x00-\\x1f\"\\\\a-z]{0,40}") {
            agrees(&text);
            agrees(&format!("{text}{noise}{text}"));
        }
    }
}
