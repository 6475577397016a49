//! `line-length`: prose lines over 79 columns, with a fix that rewraps plain paragraphs.
//!
//! Code blocks, tables, headings, HTML, link definitions and front matter are not prose. A line
//! that is one long token (a URL or a link) is exempt, and so is a line whose only overflow is
//! the tail of a URL or of a link's destination: wrapping cannot shorten those.

use crate::edit::Edit;
use crate::markdown::{Block, BlockKind};

use super::super::{Diagnostic, Rule};
use super::{Check, ProseLines};

/// The widest line the template allows.
pub(crate) const MAX: usize = 79;

pub(super) fn check(cx: &mut Check, lines: &ProseLines) {
    if !cx.on(Rule::LineLength) {
        return;
    }
    let text = cx.text;
    let blocks = &cx.design.outline.blocks;
    // The paragraph whose fix has been attached already.
    let mut fixed_paragraph: Option<usize> = None;
    for &(number, start, end) in &lines.lines {
        if end - start <= MAX {
            continue;
        }
        let line = &text[start..end];
        let Some(limit) = line.char_indices().nth(MAX).map(|(i, _)| i) else { continue };
        if exempt(line, limit) {
            continue;
        }
        let width = line.chars().count();
        let message = format!("this line is {width} columns; the template asks to wrap at {MAX}");
        let d = Diagnostic::new(Rule::LineLength, start + limit..end, message);
        let block = paragraph_at(blocks, start);
        let d = match block.filter(|(_, b)| !b.nested) {
            Some((index, _)) if fixed_paragraph == Some(index) => d.fixed_elsewhere(),
            Some((index, b)) if !cx.ctx.with_edits => {
                if can_rewrap(&text[b.range.clone()]) {
                    fixed_paragraph = Some(index);
                    d.fixed_elsewhere()
                } else {
                    d.with_help(format!("break the line before column {}", MAX + 1))
                }
            }
            Some((index, b)) => match rewrap(&text[b.range.clone()], cx.nl) {
                Some(wrapped) => {
                    fixed_paragraph = Some(index);
                    let first = number - text[b.range.start..start].matches('\n').count();
                    d.with_fix(
                        format!("rewrapped the paragraph at line {first} to {MAX} columns"),
                        vec![Edit::replace(b.range.clone(), wrapped)],
                    )
                }
                None => d.with_help(format!("break the line before column {}", MAX + 1)),
            },
            None => d.with_help(format!("break the line before column {}", MAX + 1)),
        };
        cx.emit(d);
    }
}

/// Whether a long line cannot be helped by wrapping: one token after its markers, or an
/// overflow that is the unbroken tail of a URL or link destination.
fn exempt(line: &str, limit: usize) -> bool {
    let content = strip_markers(line);
    if !content.contains([' ', '\t']) {
        return true;
    }
    let tail = &line[limit..];
    if tail.contains([' ', '\t']) {
        return false;
    }
    // The token that crosses the limit: a URL, or a link's destination.
    let token_start = line[..limit].rfind([' ', '\t']).map_or(0, |i| i + 1);
    let token = &line[token_start..];
    token.contains("://") || token.contains("](")
}

/// The line without leading space, block quote markers and a list marker.
fn strip_markers(line: &str) -> &str {
    let mut s = line.trim_start();
    loop {
        if let Some(rest) = s.strip_prefix('>') {
            s = rest.trim_start();
            continue;
        }
        let marker = ["- ", "* ", "+ "].iter().find(|m| s.starts_with(**m)).map(|m| m.len()).or_else(|| {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0 && (s[digits..].starts_with(". ") || s[digits..].starts_with(") "))).then_some(digits + 2)
        });
        match marker {
            Some(n) => s = s[n..].trim_start(),
            None => return s.trim_end(),
        }
    }
}

/// The paragraph block holding byte `at`, with its index.
fn paragraph_at(blocks: &[Block], at: usize) -> Option<(usize, &Block)> {
    let i = blocks.partition_point(|b| b.range.start <= at);
    let index = i.checked_sub(1)?;
    let b = &blocks[index];
    (b.kind == BlockKind::Paragraph && at <= b.range.end).then_some((index, b))
}

/// A plain paragraph rewrapped greedily at [`MAX`] columns, when that is safe: no indentation,
/// tabs, hard breaks, inline HTML or autolinks, pipes, and no word that would start a new block
/// at the start of a line. Every word is kept in order; only the line breaks between them move.
pub(crate) fn rewrap(paragraph: &str, nl: &str) -> Option<String> {
    if !can_rewrap(paragraph) {
        return None;
    }
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let mut out = String::with_capacity(paragraph.len() + 16);
    // The current line: where it starts in `out`, its width, and where its last word starts.
    let (mut line_start, mut width, mut last_word) = (0, 0, 0);
    for word in &words {
        let w = word.chars().count();
        if out.len() == line_start || width + 1 + w <= MAX {
            if out.len() > line_start {
                out.push(' ');
                width += 1;
            }
            last_word = out.len();
            out.push_str(word);
            width += w;
            continue;
        }
        if !starts_block(word) {
            out.push_str(nl);
            line_start = out.len();
            last_word = line_start;
            out.push_str(word);
            width = w;
            continue;
        }
        // The word cannot start a line: take the previous word along, or let the line run over.
        let previous = out[last_word..].to_string();
        if last_word > line_start && !starts_block(&previous) {
            out.truncate(last_word - 1);
            out.push_str(nl);
            line_start = out.len();
            out.push_str(&previous);
            out.push(' ');
            last_word = out.len();
            out.push_str(word);
            width = previous.chars().count() + 1 + w;
        } else {
            out.push(' ');
            last_word = out.len();
            out.push_str(word);
            width += 1 + w;
        }
    }
    (out != paragraph).then_some(out)
}

/// Whether a paragraph is plain enough to rewrap: no tabs, inline HTML, autolinks or pipes, no
/// indented lines, no hard breaks, no word ending in `\\`, and no double spaces in code spans.
fn can_rewrap(paragraph: &str) -> bool {
    if paragraph.contains(['\t', '<', '|']) {
        return false;
    }
    for line in paragraph.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with(' ') || line.ends_with("  ") || line.ends_with('\\') {
            return false;
        }
    }
    if paragraph.contains('`') && paragraph.split('\n').any(|l| l.trim().contains("  ")) {
        // Spaces inside code spans matter; do not collapse them.
        return false;
    }
    !paragraph.split_whitespace().any(|w| w.ends_with('\\'))
}

/// Whether a word at the start of a line would begin a block (list, heading, quote, fence,
/// thematic break, setext underline, definition, table, HTML, footnote) instead of continuing
/// the paragraph.
fn starts_block(word: &str) -> bool {
    let first = word.chars().next().unwrap_or(' ');
    if matches!(first, '-' | '+' | '*' | '#' | '>' | '=' | '|' | '~' | ':' | '<' | '`' | '_') {
        return true;
    }
    if word.starts_with("[^") {
        return true;
    }
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits < 10 && matches!(word.as_bytes().get(digits), Some(b'.') | Some(b')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exemptions() {
        let url = format!("- <https://example.com/{}>", "a".repeat(90));
        assert!(exempt(&url, 79));
        let link = format!("See [the docs](https://example.com/{})", "a".repeat(90));
        assert!(exempt(&link, 79));
        let prose = "word ".repeat(20);
        assert!(!exempt(prose.trim_end(), 79));
    }

    #[test]
    fn rewrap_keeps_words_and_avoids_block_starts() {
        let p = format!("{} - and 1. more words here", "alpha ".repeat(12).trim_end());
        let out = rewrap(&p, "\n").unwrap();
        assert_eq!(out.split_whitespace().collect::<Vec<_>>(), p.split_whitespace().collect::<Vec<_>>());
        for line in out.lines() {
            assert!(!starts_block(line.split(' ').next().unwrap()), "{line:?}");
            assert!(line.chars().count() <= MAX, "{line:?}");
        }
        assert_eq!(rewrap(&out, "\n"), None, "idempotent");
        assert_eq!(rewrap("hard  \nbreak", "\n"), None);
        assert_eq!(rewrap("<b>html</b> here", "\n"), None);
    }
}
