//! `line-length`: prose lines over 79 columns, with a fix that rewraps plain paragraphs.
//!
//! Code blocks, tables, headings, HTML, link definitions and front matter are not prose. A line
//! that is one long token (a URL or a link) is exempt, and so is a line whose only overflow is
//! the tail of a URL or of a link's destination: wrapping cannot shorten those.
//!
//! A finding is fixable only when its paragraph's rewrap fixes it: every line within the limit
//! (or exempt) and none wider than before. `lint` and `--fix` decide this the same way, so a
//! finding reported fixable is gone after `--fix`; the others get a help line instead.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::text::edit::Edit;
use crate::text::markdown::{markdown_options, Block, BlockKind};

use super::super::{Diagnostic, Rule};
use super::{Check, ProseLines};

/// The widest line the template allows.
pub(crate) const MAX: usize = 79;

/// Reports prose lines over [`MAX`] columns; the paragraph's rewrap is the fix when it fixes them.
pub(super) fn check(cx: &mut Check, lines: &ProseLines) {
    if !cx.on(Rule::LineLength) {
        return;
    }
    let text = cx.text;
    let blocks = &cx.design.outline.blocks;
    // The paragraph looked at last: its index, whether its rewrap fixes it, and (with edits) the
    // rewrap until the first finding in it takes it as its fix. Without edits (the build) only
    // the verdict is needed, so the rewrapped text is never built.
    let mut paragraph: Option<(usize, bool, Option<String>)> = None;
    for &(number, start, end) in &lines.lines {
        if end - start <= MAX {
            continue;
        }
        let line = &text[start..end];
        let Some(limit) = overflow(line) else { continue };
        let width = line.chars().count();
        let message = format!("this line is {width} columns; the template asks to wrap at {MAX}");
        let d = Diagnostic::new(Rule::LineLength, start + limit..end, message);
        let help = || format!("break the line before column {}", MAX + 1);
        let d = match paragraph_at(blocks, start).filter(|(_, b)| !b.nested) {
            Some((index, b)) => {
                if paragraph.as_ref().is_some_and(|(i, _, _)| *i != index) {
                    paragraph = None;
                }
                let (_, fixes, wrapped) = paragraph.get_or_insert_with(|| {
                    let p = &text[b.range.clone()];
                    if cx.ctx.with_edits {
                        let wrapped = rewrap(p, cx.nl);
                        (index, wrapped.is_some(), wrapped)
                    } else {
                        (index, Wrap::plan(p, cx.nl).is_some(), None)
                    }
                });
                match (*fixes, wrapped.take()) {
                    (false, _) => d.with_help(help()),
                    (true, None) => d.fixed_elsewhere(),
                    (true, Some(wrapped)) => {
                        let first = number - text[b.range.start..start].matches('\n').count();
                        d.with_fix(
                            format!("Rewrap the paragraph to {MAX} columns"),
                            format!("rewrapped the paragraph at line {first} to {MAX} columns"),
                            vec![Edit::replace(b.range.clone(), wrapped)],
                        )
                    }
                }
            }
            None => d.with_help(help()),
        };
        cx.emit(d);
    }
}

/// Where a line is a finding: the byte index of its first character past [`MAX`], unless it is
/// no longer than that or [`exempt`].
fn overflow(line: &str) -> Option<usize> {
    let limit = line.char_indices().nth(MAX).map(|(i, _)| i)?;
    (!exempt(line, limit)).then_some(limit)
}

/// Whether a long line cannot be helped by wrapping: one token after its markers, or an
/// overflow that is the unbroken tail of a URL or link destination.
fn exempt(line: &str, limit: usize) -> bool {
    let content = strip_markers(line);
    // Space and tab are ASCII, which never occurs inside a multibyte character: byte scans.
    if memchr::memchr2(b' ', b'\t', content.as_bytes()).is_none() {
        return true;
    }
    if memchr::memchr2(b' ', b'\t', &line.as_bytes()[limit..]).is_some() {
        return false;
    }
    // The token that crosses the limit: a URL, or a link's destination.
    let token_start = memchr::memrchr2(b' ', b'\t', &line.as_bytes()[..limit]).map_or(0, |i| i + 1);
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

/// A plain paragraph rewrapped greedily at [`MAX`] columns, when that is safe (see
/// [`can_rewrap`]) and it fixes the paragraph: every line of the result is within [`MAX`] or
/// exempt, and none is wider than the widest line before. Every word is kept in order; only
/// the line breaks between them move, and no line begins with a word that would start a block.
pub(crate) fn rewrap(paragraph: &str, nl: &str) -> Option<String> {
    Wrap::plan(paragraph, nl).map(|wrap| wrap.text(paragraph.len(), nl))
}

/// Where a paragraph's rewrap breaks its lines, found without building its text: the build only
/// asks whether there is a fix ([`Wrap::plan`] is `Some`), and `--fix` and the editor build it.
struct Wrap<'p> {
    /// The paragraph's words, each with its width in characters.
    words: Vec<(&'p str, usize)>,
    /// The index of the first word of each line, and then the number of words.
    starts: Vec<usize>,
}

impl<'p> Wrap<'p> {
    /// The rewrap of `paragraph` when it is safe, fixes the paragraph and changes it.
    fn plan(paragraph: &'p str, nl: &str) -> Option<Wrap<'p>> {
        if !can_rewrap(paragraph) {
            return None;
        }
        let words = words(paragraph);
        let glued = glued(paragraph, &words, nl)?;
        // The index of the first word of each line, the width of the last line, and its latest
        // word after the first that may begin a line.
        let mut starts = Vec::with_capacity(paragraph.len() / MAX + 2);
        starts.push(0);
        let mut width = words.first().map_or(0, |w| w.1);
        let mut last_break: Option<usize> = None;
        for i in 1..words.len() {
            let may_begin = !glued[i] && !starts_block(words[i].0);
            if width + 1 + words[i].1 <= MAX {
                width += 1 + words[i].1;
                if may_begin {
                    last_break = Some(i);
                }
                continue;
            }
            // Break before this word, or else before the latest one of the line that may begin
            // a line (taking the words after it along); when there is none, the line runs over
            // and the paragraph gets no fix.
            match if may_begin { Some(i) } else { last_break } {
                Some(j) => {
                    starts.push(j);
                    width = words[j..=i].iter().map(|w| w.1).sum::<usize>() + (i - j);
                    last_break = None;
                }
                None => width += 1 + words[i].1,
            }
        }
        starts.push(words.len());
        let wrap = Wrap { words, starts };
        // Every line within the limit or exempt (a line's width is its words' and the spaces
        // between them, so only a wider one is built, to ask `overflow`), none wider than the
        // widest line before, and not the paragraph as it is.
        let mut widest = 0;
        for line in wrap.lines() {
            let width = line.iter().map(|w| w.1).sum::<usize>() + line.len().saturating_sub(1);
            if width > MAX && overflow(&join(line)).is_some() {
                return None;
            }
            widest = widest.max(width);
        }
        let fits = widest == 0 || paragraph.lines().any(|l| l.len() >= widest && l.chars().count() >= widest);
        (fits && !wrap.is(paragraph, nl)).then_some(wrap)
    }

    /// The words of each line.
    fn lines(&self) -> impl Iterator<Item = &[(&'p str, usize)]> {
        self.starts.windows(2).map(|w| &self.words[w[0]..w[1]])
    }

    /// The pieces of the rewrapped text in order: words, the spaces between them and the line
    /// breaks.
    fn pieces<'w>(&'w self, nl: &'w str) -> impl Iterator<Item = &'w str> {
        self.lines().enumerate().flat_map(move |(n, line)| {
            let lead = if n == 0 { None } else { Some(nl) };
            lead.into_iter()
                .chain(line.iter().enumerate().flat_map(|(i, w)| (i > 0).then_some(" ").into_iter().chain([w.0])))
        })
    }

    /// Whether the rewrapped text is `paragraph` as it is (compared piece by piece, not built).
    fn is(&self, paragraph: &str, nl: &str) -> bool {
        let mut rest = paragraph;
        for piece in self.pieces(nl) {
            match rest.strip_prefix(piece) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    }

    /// The rewrapped text.
    fn text(&self, capacity: usize, nl: &str) -> String {
        let mut out = String::with_capacity(capacity);
        out.extend(self.pieces(nl));
        out
    }
}

/// The words of `paragraph` as `split_whitespace` finds them (split at Unicode whitespace), each
/// with its width in characters, in one pass over the bytes: ASCII bytes, nearly all of a
/// design, are told apart without decoding; any other character is decoded and asked.
fn words(paragraph: &str) -> Vec<(&str, usize)> {
    let bytes = paragraph.as_bytes();
    let mut out = Vec::with_capacity(paragraph.len() / 6);
    let mut word: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b if b.is_ascii() => (matches!(b, b' ' | b'\t'..=b'\r'), 1),
            _ => paragraph[i..].chars().next().map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        match (space, &mut word) {
            (true, Some((start, width))) => {
                out.push((&paragraph[*start..i], *width));
                word = None;
            }
            (true, None) => {}
            (false, Some((_, width))) => *width += 1,
            (false, None) => word = Some((i, 1)),
        }
        i += len;
    }
    if let Some((start, width)) = word {
        out.push((&paragraph[start..], width));
    }
    out
}

/// One line's words joined by single spaces.
fn join(line: &[(&str, usize)]) -> String {
    line.iter().map(|w| w.0).collect::<Vec<_>>().join(" ")
}

/// For each word of `paragraph`, whether it must stay on the line of the word before it, because
/// the space between them is not read as one space: in a link's destination and title (a title
/// keeps its line breaks), in a footnote reference, and in a code span of CRLF text (where a
/// line break reads as two spaces). `None` when the paragraph already breaks a line in one.
fn glued(paragraph: &str, words: &[(&str, usize)], nl: &str) -> Option<Vec<bool>> {
    let mut out = vec![false; words.len()];
    let crlf = nl == "\r\n";
    if memchr::memchr2(b'[', b'`', paragraph.as_bytes()).is_none() {
        return Some(out);
    }
    // Byte ranges whose whitespace must stay as written, and the links open at each point with
    // where their text (so far) ends.
    let mut kept: Vec<Range<usize>> = Vec::new();
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(paragraph, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                links.push((range.end, range.start));
                continue;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((end, text_end)) = links.pop() {
                    kept.push(text_end..end);
                }
            }
            Event::Code(_) if crlf => kept.push(range.clone()),
            Event::FootnoteReference(_) => kept.push(range.clone()),
            _ => {}
        }
        if let Some((_, text_end)) = links.last_mut() {
            *text_end = (*text_end).max(range.end);
        }
    }
    kept.sort_by_key(|r| r.start);
    let offset = |word: &str| word.as_ptr() as usize - paragraph.as_ptr() as usize;
    let mut next = kept.iter().peekable();
    for i in 1..words.len() {
        let gap = offset(words[i - 1].0) + words[i - 1].0.len()..offset(words[i].0);
        while next.next_if(|k| k.end <= gap.start).is_some() {}
        if next.peek().is_some_and(|k| k.start < gap.start && gap.end < k.end) {
            if paragraph[gap].contains('\n') {
                return None;
            }
            out[i] = true;
        }
    }
    Some(out)
}

/// Whether a paragraph is plain enough to rewrap: no tabs, inline HTML, autolinks, pipes or
/// mdBook `{{#...}}` directives, no bare `\r` line breaks, no start like a link definition's or a block's, no indented
/// lines, no hard breaks, no word ending in `\\`, and no double spaces in code spans.
fn can_rewrap(paragraph: &str) -> bool {
    // The needles are ASCII, which never occurs inside a multibyte character: byte scans.
    let bytes = paragraph.as_bytes();
    if memchr::memchr3(b'\t', b'<', b'|', bytes).is_some() || paragraph.contains("{{#") {
        return false;
    }
    if paragraph.match_indices('\r').any(|(i, _)| paragraph.as_bytes().get(i + 1) != Some(&b'\n')) {
        // A bare `\r` ends a line to CommonMark (and two make a blank one); the checks below
        // read lines at `\n`.
        return false;
    }
    if paragraph.starts_with('[') && paragraph.contains("]:") {
        // A link definition's start with more words: a new line break could complete it.
        return false;
    }
    if paragraph.split_whitespace().next().is_some_and(starts_block) {
        // `***` or ```` ``` ```` leads a paragraph only through what follows on its line
        // (more words, a backtick); with less it would be a thematic break or a fence.
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
    // A word ends in `\\` when a backslash is followed by whitespace or ends the paragraph.
    !memchr::memchr_iter(b'\\', bytes).any(|i| paragraph[i + 1..].chars().next().is_none_or(char::is_whitespace))
}

/// Whether a word at the start of a line (followed by a space or the line's end) could begin a
/// block that interrupts a paragraph, in CommonMark or in the extensions mdBook turns on: a
/// bullet, a heading, a setext underline or thematic break, `+++`, a block quote, a definition
/// (`:`), a table row, HTML, a fence, a footnote definition or an ordered list marker. Words that
/// merely begin with such a character (`-q`, `*emphasis*`, `_name`, `#tag`, `` `code` ``) do not.
fn starts_block(word: &str) -> bool {
    let bytes = word.as_bytes();
    let Some(&first) = bytes.first() else { return false };
    if matches!(first, b'#' | b'=' | b'-' | b'*' | b'_' | b'+') && bytes.iter().all(|&b| b == first) {
        return true;
    }
    if matches!(first, b'>' | b':' | b'|' | b'<') {
        return true;
    }
    if word.starts_with("```") || word.starts_with("~~~") || word.starts_with("[^") {
        return true;
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..10).contains(&digits) && bytes.len() == digits + 1 && matches!(bytes[digits], b'.' | b')')
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

    #[test]
    fn block_starts_and_look_alikes() {
        for word in ["-", "*", "+", "#", "######", "#######", "=", "---", "***", "___", "+++", ">", ">x", ":", ":x"] {
            assert!(starts_block(word), "{word}");
        }
        for word in ["|", "<b>", "```", "```rust", "~~~", "[^1]", "[^a]:", "1.", "2)", "123456789."] {
            assert!(starts_block(word), "{word}");
        }
        for word in ["-q", "--flag", "*emphasis*", "**bold**", "_name", "__init__", "#tag", "+1", "`code`", "``"] {
            assert!(!starts_block(word), "{word}");
        }
        for word in ["~~gone~~", "1.5", "1", "1234567890.", "e.g.", "[link](x)", "=>", "-->"] {
            assert!(!starts_block(word), "{word}");
        }
    }

    #[test]
    fn no_rewrap_unless_it_fits() {
        let p = format!("Some words here `{}` - + - + and more.", "a".repeat(73));
        assert_eq!(rewrap(&p, "\n"), None, "no line may begin with `-` or `+`, so no wrap fits");
        let spans = "`pod`, `namespace`, `job`, `service`, `endpoint`, `instance`, `container`";
        let p = format!("The proxy adds these labels to every series that it forwards: {spans}.");
        let out = rewrap(&p, "\n").unwrap();
        assert!(out.lines().all(|l| l.chars().count() <= MAX), "{out}");
    }

    #[test]
    fn crlf_keeps_code_spans_whole() {
        let p = format!("{} `alpha beta gamma` and more", "word ".repeat(14).trim_end());
        let lf = rewrap(&p, "\n").unwrap();
        assert!(lf.contains("`alpha\n"), "{lf:?}");
        let crlf = rewrap(&p, "\r\n").unwrap();
        assert!(crlf.contains("\r\n`alpha beta gamma`"), "{crlf:?}");
        assert_eq!(rewrap(&format!("{p} `a\r\nb`"), "\r\n"), None);
    }

    #[test]
    fn link_titles_stay_on_one_line() {
        let p = format!("{} [docs](https://example.com/x \"the full title\") more", "word ".repeat(13).trim_end());
        let out = rewrap(&p, "\n").unwrap();
        assert!(out.contains("\"the full title\")"), "{out:?}");
        assert!(out.lines().all(|l| l.chars().count() <= MAX), "{out:?}");
        assert_eq!(rewrap(&format!("{p} [x](y \"a\nb\")"), "\n"), None);
    }

    /// The rewrap as it was before [`Wrap`]: every line built as a string, measured and joined.
    /// The oracle for the fast path, which must give the same verdict and the same text.
    fn rewrap_by_building_lines(paragraph: &str, nl: &str) -> Option<String> {
        if !can_rewrap_by_chars(paragraph) {
            return None;
        }
        let words: Vec<&str> = paragraph.split_whitespace().collect();
        let widths: Vec<usize> = words.iter().map(|w| w.chars().count()).collect();
        let pairs: Vec<(&str, usize)> = words.iter().copied().zip(widths.iter().copied()).collect();
        let glued = glued(paragraph, &pairs, nl)?;
        let mut starts = vec![0];
        let mut width = widths.first().copied().unwrap_or(0);
        let mut last_break: Option<usize> = None;
        for i in 1..words.len() {
            let may_begin = !glued[i] && !starts_block(words[i]);
            if width + 1 + widths[i] <= MAX {
                width += 1 + widths[i];
                if may_begin {
                    last_break = Some(i);
                }
                continue;
            }
            match if may_begin { Some(i) } else { last_break } {
                Some(j) => {
                    starts.push(j);
                    width = widths[j..=i].iter().sum::<usize>() + (i - j);
                    last_break = None;
                }
                None => width += 1 + widths[i],
            }
        }
        starts.push(words.len());
        let lines: Vec<String> = starts.windows(2).map(|w| words[w[0]..w[1]].join(" ")).collect();
        let widest = |lines: &mut dyn Iterator<Item = &str>| lines.map(|l| l.chars().count()).max().unwrap_or(0);
        let fits = lines.iter().all(|l| overflow(l).is_none())
            && widest(&mut lines.iter().map(String::as_str)) <= widest(&mut paragraph.lines());
        let out = lines.join(nl);
        (fits && out != paragraph).then_some(out)
    }

    /// [`can_rewrap`] as it was, with char patterns and a split into words: the oracle for its
    /// byte scans.
    fn can_rewrap_by_chars(paragraph: &str) -> bool {
        if paragraph.contains(['\t', '<', '|']) || paragraph.contains("{{#") {
            return false;
        }
        if paragraph.match_indices('\r').any(|(i, _)| paragraph.as_bytes().get(i + 1) != Some(&b'\n')) {
            return false;
        }
        if paragraph.starts_with('[') && paragraph.contains("]:") {
            return false;
        }
        if paragraph.split_whitespace().next().is_some_and(starts_block) {
            return false;
        }
        for line in paragraph.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with(' ') || line.ends_with("  ") || line.ends_with('\\') {
                return false;
            }
        }
        if paragraph.contains('`') && paragraph.split('\n').any(|l| l.trim().contains("  ")) {
            return false;
        }
        !paragraph.split_whitespace().any(|w| w.ends_with('\\'))
    }

    /// [`exempt`] as it was, with char patterns: the oracle for its byte scans.
    fn exempt_by_chars(line: &str, limit: usize) -> bool {
        let content = strip_markers(line);
        if !content.contains([' ', '\t']) {
            return true;
        }
        if line[limit..].contains([' ', '\t']) {
            return false;
        }
        let token_start = line[..limit].rfind([' ', '\t']).map_or(0, |i| i + 1);
        let token = &line[token_start..];
        token.contains("://") || token.contains("](")
    }

    #[test]
    fn words_are_split_whitespace_with_widths() {
        for p in [
            "",
            "  ",
            "one",
            " two  words ",
            "a\u{85}b\u{a0}c\u{1680}d\u{2000}e\u{200a}f\u{2028}g\u{2029}h\u{202f}i\u{205f}j\u{3000}k",
            "x\u{b}y\u{c}z\r\nw\tv",
            "漢字 日本語\u{3000}テキスト naïve\u{200b}zero-width ＷＩＤＥ",
            "trailing  \nbreak\\ end\\",
        ] {
            let expected: Vec<(&str, usize)> = p.split_whitespace().map(|w| (w, w.chars().count())).collect();
            assert_eq!(words(p), expected, "{p:?}");
        }
    }

    /// Words and separators that make paragraphs hard to rewrap: long words, URLs, links with
    /// titles, code spans (with double spaces), table pipes, list and block markers, CJK, hard
    /// breaks (trailing spaces, a backslash), footnotes, directives, HTML and tabs.
    const TOKENS: &[&str] = &[
        "word",
        "alpha",
        "beta",
        "the",
        "a",
        "configuration",
        "e.g.",
        "-q",
        "*emphasis*",
        "1.5",
        "https://example.com/a/very/long/path/that/goes/on/and/on/and/on/until/it/is/past/the/limit/x.html",
        "[docs](https://example.com/x \"the full title\")",
        "[link](https://example.com/some/where)",
        "[text with words](target.md#anchor)",
        "`code`",
        "`alpha beta`",
        "`a  b`",
        "|",
        "| a | b |",
        "-",
        "+",
        "*",
        "1.",
        "2)",
        "#",
        "##",
        ">",
        "```",
        "~~~",
        "<b>",
        "[^1]",
        "{{#include x.md}}",
        "\\",
        "word\\",
        "漢字漢字漢字漢字",
        "日本語のテキストです。",
        "naïve",
        "café",
        "ＷＩＤＥ",
        "supercalifragilisticexpialidocioussupercalifragilisticexpialidocious-and-more-more-more",
    ];
    /// Separators: mostly a space, sometimes a line break, rarely a hard break or a tab.
    fn separator(pick: usize) -> &'static str {
        match pick % 64 {
            0..=57 | 63 => " ",
            58 => "\n",
            59 => " \n",
            60 => "\u{a0}",
            61 => "  \n",
            _ => "\t",
        }
    }

    /// A paragraph of words from [`TOKENS`] (rarely) and plain words (mostly), from a simple
    /// deterministic generator, so that every run checks the same paragraphs.
    fn paragraph_of(seed: &mut u64, crlf: bool) -> String {
        let mut next = || {
            *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (*seed >> 33) as usize
        };
        let count = next() % 90;
        let mut p = String::new();
        for k in 0..count {
            if k > 0 {
                let sep = separator(next());
                p.push_str(&if crlf { sep.replace('\n', "\r\n") } else { sep.to_string() });
            }
            let pick = next() % (TOKENS.len() * 12);
            p.push_str(TOKENS.get(pick).copied().unwrap_or(["word", "of", "proposal", "the", "ＷＩＤＥ"][pick % 5]));
        }
        p
    }

    #[test]
    fn fast_path_agrees_with_building_lines_on_generated_paragraphs() {
        let mut seed = 20;
        let (mut fixes, mut total) = (0, 0);
        for case in 0..4000 {
            let crlf = case % 4 == 0;
            let p = paragraph_of(&mut seed, crlf);
            let nl = if crlf { "\r\n" } else { "\n" };
            let slow = rewrap_by_building_lines(&p, nl);
            assert_eq!(rewrap(&p, nl), slow, "{p:?}");
            assert_eq!(Wrap::plan(&p, nl).is_some(), slow.is_some(), "{p:?}");
            assert_eq!(can_rewrap(&p), can_rewrap_by_chars(&p), "{p:?}");
            let expected: Vec<(&str, usize)> = p.split_whitespace().map(|w| (w, w.chars().count())).collect();
            assert_eq!(words(&p), expected, "{p:?}");
            for line in p.lines() {
                if let Some((limit, _)) = line.char_indices().nth(MAX) {
                    assert_eq!(exempt(line, limit), exempt_by_chars(line, limit), "{line:?}");
                }
            }
            fixes += usize::from(slow.is_some());
            total += 1;
        }
        // Not vacuous: hundreds of paragraphs get a rewrap (about one in nine), and most do not.
        assert!(fixes > total / 20 && fixes < total * 19 / 20, "{fixes} of {total}");
    }
}
