//! Positions in a source text: byte offsets to 1-based lines, and line bounds.

/// The 1-based line of byte `offset` in `text`, without building an index.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// The start of the line holding byte `offset`.
pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line holding byte `offset`, before its line break (`\n` or `\r\n`).
pub(crate) fn line_end(text: &str, offset: usize) -> usize {
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if end > offset && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// The line break the text uses: `\r\n` when its first line ends so, else `\n`.
pub(crate) fn line_break(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let text = "ab\ncdé\n\nx";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 3), 2);
        assert_eq!(line_of(text, 9), 4);
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
