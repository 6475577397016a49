//! Positions and incremental text sync: LSP line/character positions (UTF-8 bytes or UTF-16 code
//! units, as negotiated) to byte offsets and back, and content changes applied to a document.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// How the client counts characters in a line: `positionEncoding`, negotiated at initialize.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units (bytes), when the client offers `utf-8`.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
}

/// The start of every line of a text, for positions both ways.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    encoding: Encoding,
}

impl LineIndex {
    /// The line starts of `text` (a line ends after `\n`; a `\r` before it belongs to the line).
    pub(crate) fn new(text: &str, encoding: Encoding) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts, encoding }
    }

    /// The byte offset of `pos` in `text`: a character past the line's end is the line's end (before
    /// its line break), a line past the end is the text's end, and a position inside a character
    /// (half a surrogate pair, a byte inside a UTF-8 sequence) is that character's start.
    pub(crate) fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else { return text.len() };
        let end = self.starts.get(pos.line as usize + 1).map_or(text.len(), |&next| next - 1);
        let line = text[start..end].strip_suffix('\r').unwrap_or(&text[start..end]);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= want {
                return start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units > want {
                return start + i;
            }
        }
        start + line.len()
    }

    /// The position of byte `offset` in `text` (clamped to the text, rounded down to a character).
    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &text[self.starts[line]..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position::new(line as u32, character as u32)
    }

    /// Whether positions count UTF-8 bytes.
    pub(crate) fn is_utf8(&self) -> bool {
        self.encoding == Encoding::Utf8
    }

    /// The range of bytes `span` in `text`.
    pub(crate) fn range(&self, text: &str, span: std::ops::Range<usize>) -> Range {
        Range::new(self.position(text, span.start), self.position(text, span.end.max(span.start)))
    }
}

/// Applies `changes` in order to `text`, as `textDocument/didChange` sends them: a change without
/// a range replaces the whole text, one with a range replaces those characters (each change's
/// positions are in the text the previous changes made).
pub(crate) fn apply_changes(text: &mut String, changes: Vec<TextDocumentContentChangeEvent>, encoding: Encoding) {
    for change in changes {
        match change.range {
            None => *text = change.text,
            Some(range) => {
                let index = LineIndex::new(text, encoding);
                let start = index.offset(text, range.start);
                let end = index.offset(text, range.end).max(start);
                text.replace_range(start..end, &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_count_surrogate_pairs() {
        let text = "a😀b\r\nλx\n";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.position(text, text.find('b').unwrap()), Position::new(0, 3));
        assert_eq!(index.offset(text, Position::new(0, 3)), text.find('b').unwrap());
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(index.offset(text, Position::new(0, 2)), 1);
        // Past the end of the line: before `\r\n`.
        assert_eq!(index.offset(text, Position::new(0, 99)), text.find('\r').unwrap());
        assert_eq!(index.position(text, text.find('x').unwrap()), Position::new(1, 1));
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, text.find('x').unwrap()), Position::new(1, 2));
        assert_eq!(index.offset(text, Position::new(7, 0)), text.len());
    }

    #[test]
    fn changes_apply_in_order() {
        let mut text = "# T\n\n## Status\n".to_string();
        let change = |l1, c1, l2, c2, t: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: t.to_string(),
        };
        apply_changes(&mut text, vec![change(0, 2, 0, 3, "Title"), change(2, 14, 2, 14, "\n\nDraft")], Encoding::Utf16);
        assert_eq!(text, "# Title\n\n## Status\n\nDraft\n");
    }
}
