//! Byte-range splicing: the one way any text of an author is changed.
//!
//! Every rewrite (normalization, badges, lint fixes) is a list of [`Edit`]s against the original
//! text. [`splice`] copies every byte outside the edits unchanged and records what it replaced,
//! so that [`undo`] can give the original back.

use std::fmt;
use std::ops::Range;

/// Replace the bytes in `range` of the original text with `text` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Edit {
    /// The bytes of the original text to replace.
    pub range: Range<usize>,
    /// What goes in their place.
    pub text: String,
}

impl Edit {
    /// Inserts `text` at byte `at`.
    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit { range: at..at, text: text.into() }
    }

    /// Replaces `range` with `text`.
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Edit {
        Edit { range, text: text.into() }
    }

    /// Deletes `range`.
    pub fn delete(range: Range<usize>) -> Edit {
        Edit { range, text: String::new() }
    }
}

/// One applied edit: where its text sits in the output and what it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Applied {
    /// The span of the new text in the output.
    pub output: Range<usize>,
    /// The original bytes it replaced.
    pub original: String,
}

/// Two edits that touch the same bytes, or an edit outside the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpliceError {
    /// The offending range.
    pub range: Range<usize>,
}

impl fmt::Display for SpliceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "internal error: edit at bytes {}..{} overlaps another or lies outside the text",
            self.range.start, self.range.end
        )
    }
}

impl std::error::Error for SpliceError {}

/// Applies `edits` to `original`; insertions at the same offset keep their order.
pub(crate) fn splice(original: &str, mut edits: Vec<Edit>) -> Result<(String, Vec<Applied>), SpliceError> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut applied = Vec::with_capacity(edits.len());
    let out = splice_sorted(original, edits.iter(), |output, replaced| {
        applied.push(Applied { output, original: replaced.to_string() })
    })?;
    Ok((out, applied))
}

/// [`splice`] over edits it borrows, already in order (as [`splice`] sorts them, or as an earlier
/// build recorded them), without the record of what each replaced.
pub(crate) fn splice_in_order(original: &str, edits: &[Edit]) -> Result<String, SpliceError> {
    splice_sorted(original, edits.iter(), |_, _| {})
}

/// The splice itself, over edits in order: `applied` hears of each edit's range in the output
/// and the text it replaced.
fn splice_sorted<'e>(
    original: &str,
    edits: impl Iterator<Item = &'e Edit> + Clone,
    mut applied: impl FnMut(Range<usize>, &str),
) -> Result<String, SpliceError> {
    let extra: usize = edits.clone().map(|e| e.text.len()).sum();
    let mut out = String::with_capacity(original.len() + extra);
    let mut at = 0;
    for edit in edits {
        let r = edit.range.clone();
        if r.start < at
            || r.end < r.start
            || r.end > original.len()
            || !original.is_char_boundary(r.start)
            || !original.is_char_boundary(r.end)
        {
            return Err(SpliceError { range: r });
        }
        out.push_str(&original[at..r.start]);
        let start = out.len();
        out.push_str(&edit.text);
        applied(start..out.len(), &original[r.clone()]);
        at = r.end;
    }
    out.push_str(&original[at..]);
    Ok(out)
}

/// Gives the original text back from a spliced output and its record.
#[cfg(test)]
pub(crate) fn undo(output: &str, applied: &[Applied]) -> String {
    let mut out = String::with_capacity(output.len());
    let mut at = 0;
    for a in applied {
        out.push_str(&output[at..a.output.start]);
        out.push_str(&a.original);
        at = a.output.end;
    }
    out.push_str(&output[at..]);
    out
}

/// The prefix a new line needs to stay in the same block quote or list item as the line holding
/// byte `at` (`> ` inside a quote, spaces inside a list item).
pub(crate) fn container_prefix(text: &str, at: usize) -> String {
    // A byte-order mark before the first line is no container.
    let start = crate::text::source::line_start(text, at).max(crate::text::markdown::bom_len(text)).min(at);
    let lead = &text[start..at];
    let mut prefix: String = lead.chars().map(|c| if c == '>' || c == '\t' { c } else { ' ' }).collect();
    // Markers of headings and the text itself are not part of the container prefix.
    let keep = prefix.trim_end().len();
    if prefix[..keep].contains('>') {
        prefix.truncate(keep);
        prefix.push(' ');
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_and_undo() {
        let src = "abc def ghi";
        let edits = vec![Edit::replace(4..7, "DEF!"), Edit::insert(0, ">"), Edit::insert(0, ">"), Edit::delete(8..11)];
        let (out, applied) = splice(src, edits).unwrap();
        assert_eq!(out, ">>abc DEF! ");
        assert_eq!(undo(&out, &applied), src);
    }

    #[test]
    fn overlap_is_an_error() {
        let err = splice("abcdef", vec![Edit::replace(0..3, "x"), Edit::replace(2..4, "y")]).unwrap_err();
        assert_eq!(err.range, 2..4);
        assert!(splice("é", vec![Edit::insert(1, "x")]).is_err());
    }

    #[test]
    fn prefixes() {
        let text = "> ## H\n- item\n\n  ## In item\n";
        assert_eq!(container_prefix(text, 2), "> ");
        assert_eq!(container_prefix(text, 17), "  ");
        assert_eq!(container_prefix(text, 0), "");
    }
}
