//! Positions in a source text: byte offsets to 1-based lines and columns.

/// Maps byte offsets of one text to 1-based line and column numbers.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// The 1-based line and 1-based column (in characters) of byte `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let offset = floor_char_boundary(text, offset.min(text.len()));
        (line, text[start..offset].chars().count() + 1)
    }

    /// The byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.saturating_sub(1).min(self.starts.len() - 1)]
    }

    /// The number of lines.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the text has no lines (never true: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }
}

/// The 1-based line of byte `offset` in `text`, without building an index.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// The start of the line holding byte `offset`.
pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line holding byte `offset`, before its line break (`\n` or `\r\n`).
pub fn line_end(text: &str, offset: usize) -> usize {
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if end > offset && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// The line break the text uses: `\r\n` when its first line ends so, else `\n`.
pub fn line_break(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\ncdé\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 3), (2, 1));
        assert_eq!(index.line_col(text, 7), (2, 4));
        assert_eq!(index.line_col(text, 9), (4, 1));
        assert_eq!(line_of(text, 9), 4);
        assert_eq!(index.line_start(4), 9);
    }

    #[test]
    fn line_bounds() {
        let text = "one\r\ntwo\nthree";
        assert_eq!(line_end(text, 0), 3);
        assert_eq!(line_start(text, 6), 5);
        assert_eq!(line_end(text, 6), 8);
        assert_eq!(line_end(text, 10), 14);
        assert_eq!(line_break(text), "\r\n");
        assert_eq!(line_break("a\nb"), "\n");
    }
}
