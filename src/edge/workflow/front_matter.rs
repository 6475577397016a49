//! Edits to front matter as insertions and small replacements: a `status` key, and a path added
//! to a list key (`replaces`, `superseded-by`), in YAML or TOML, keeping every other byte.

use crate::text::edit::Edit;
use crate::text::markdown::{FrontMatterKind, RawFrontMatter};
use crate::text::source::{line_break, line_start};

use super::summary::next_line;

/// A top-level key line of front matter: where it is and its value as written.
struct KeyLine {
    /// The line's start.
    start: usize,
    /// The span of the value after `:` or `=`, trimmed, comment excluded.
    value: std::ops::Range<usize>,
    /// Just after the `:` or `=`.
    after_sep: usize,
}

/// The first top-level line of `fm` setting one of `keys`.
fn find_key(text: &str, fm: &RawFrontMatter, keys: &[&str]) -> Option<KeyLine> {
    let mut at = fm.body.start;
    while at < fm.body.end {
        let end = next_line(text, at).min(fm.body.end);
        let line = text[at..end].trim_end_matches(['\n', '\r']);
        for key in keys {
            let Some(rest) = line.strip_prefix(key) else { continue };
            let rest_trimmed = rest.trim_start();
            let sep = match fm.kind {
                FrontMatterKind::Yaml => ':',
                FrontMatterKind::Toml => '=',
            };
            let Some(value) = rest_trimmed.strip_prefix(sep) else { continue };
            let value_start = at + line.len() - value.len();
            let lead = value.len() - value.trim_start().len();
            let value = strip_comment(value.trim_start());
            let start = value_start + lead;
            return Some(KeyLine { start: at, value: start..start + value.trim_end().len(), after_sep: value_start });
        }
        at = end;
    }
    None
}

/// A value without a trailing ` # comment` (outside quotes).
fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'#') if i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' => return &value[..i],
            _ => {}
        }
    }
    value
}

/// The start of the closing delimiter line, where new keys go.
fn closing_line(text: &str, fm: &RawFrontMatter) -> usize {
    line_start(text, fm.range.end.saturating_sub(1))
}

/// Edits setting the top-level `status` key to `word` (added before the closing delimiter when
/// missing).
///
/// A one-line plain or quoted YAML value is replaced in place (its quotes and a comment after
/// it kept). A value that goes on over more lines (a block scalar `|`/`>`, a block list, a flow
/// list or map, a plain or quoted scalar folded over lines) is replaced as a whole node: the key
/// line gets the word, the value's other lines go. An alias (`*name`) becomes the word. Refused,
/// with the offset to point at: a value with an anchor (`&name`, other keys may use it) or a tag
/// (`!tag`), and a multi-line value holding comment lines (they would be lost).
///
/// The YAML form is detected here, locally and on purpose small; the written file is read back
/// with the build's own readers before it lands (`super::verify`).
pub(crate) fn set_status(text: &str, fm: &RawFrontMatter, word: &str) -> Result<Vec<Edit>, (usize, String)> {
    let nl = line_break(text);
    let line = match (find_key(text, fm, &["status"]), fm.kind) {
        (Some(line), _) => line,
        (None, FrontMatterKind::Yaml) => {
            return Ok(vec![Edit::insert(closing_line(text, fm), format!("status: {word}{nl}"))])
        }
        (None, FrontMatterKind::Toml) => {
            return Ok(vec![Edit::insert(closing_line(text, fm), format!("status = \"{word}\"{nl}"))])
        }
    };
    let value = &text[line.value.clone()];
    let quoted = |v: &str| v.len() >= 2 && (v.starts_with('"') || v.starts_with('\'')) && v.ends_with(&v[..1]);
    if fm.kind == FrontMatterKind::Toml {
        let inner = if quoted(value) { line.value.start + 1..line.value.end - 1 } else { line.value.clone() };
        return Ok(vec![Edit::replace(inner, word)]);
    }
    let refuse = |what: &str| {
        Err((
            line.start,
            format!(
                "the front matter `status:` value {what}; write `status: {word}` there by hand, or make it a \
                 plain value first"
            ),
        ))
    };
    if value.starts_with('&') {
        return refuse("has an anchor that other keys may use");
    }
    if value.starts_with('!') {
        return refuse("has a tag");
    }
    let more = continuation(text, fm, line.start, value);
    if more.is_empty() {
        // One line: a plain or quoted scalar in place, anything else (alias, flow, empty block
        // scalar) as a whole.
        if value.is_empty() {
            return Ok(vec![Edit::insert(line.after_sep, format!(" {word}"))]);
        }
        let inner = if quoted(value) { line.value.start + 1..line.value.end - 1 } else { line.value.clone() };
        return Ok(vec![Edit::replace(inner, word)]);
    }
    if text[more.clone()].lines().any(|l| l.trim_start().starts_with('#')) {
        return refuse("goes on over lines that hold comments, which replacing it would lose");
    }
    // The key line keeps its comment; the value's later lines go, up to the last one's break.
    let key_line_end = crate::text::source::line_end(text, line.start);
    let key_line_end = if text[..key_line_end].ends_with('\r') { key_line_end - 1 } else { key_line_end };
    let head = if value.is_empty() {
        Edit::insert(line.after_sep, format!(" {word}"))
    } else {
        Edit::replace(line.value.clone(), word)
    };
    Ok(vec![head, Edit::delete(key_line_end..more.end)])
}

/// The lines after the key line at `start` that still belong to its value `value` (as written
/// on the key line): indented lines, a block list's `-` lines at the key's column, the lines up
/// to a flow collection's closing bracket; trailing blank lines excluded. The range runs from
/// the first such line's start to the last one's end (line break excluded).
fn continuation(text: &str, fm: &RawFrontMatter, start: usize, value: &str) -> std::ops::Range<usize> {
    let first = next_line(text, start).min(fm.body.end);
    let mut depth = flow_depth(value);
    let mut end = first;
    let mut at = first;
    while at < fm.body.end {
        let next = next_line(text, at).min(fm.body.end);
        let raw = text[at..next].trim_end_matches(['\n', '\r']);
        let belongs = if depth > 0 {
            true
        } else if raw.trim().is_empty() {
            at = next;
            continue;
        } else {
            raw.starts_with([' ', '\t']) || (value.is_empty() && (raw == "-" || raw.starts_with("- ")))
        };
        if !belongs {
            break;
        }
        depth = (depth + flow_depth(raw)).max(0);
        end = at + raw.len();
        at = next;
    }
    first..end.max(first)
}

/// How many flow brackets (`[`, `{`) `s` leaves open, quotes and comments skipped.
fn flow_depth(s: &str) -> i32 {
    let mut depth = 0;
    let mut quote = None;
    let mut prev = ' ';
    for c in s.chars() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if prev == ' ' || prev == '\t' => break,
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth -= 1,
            _ => {}
        }
        prev = c;
    }
    depth
}

/// Edits adding `item` to the list under the first of `keys` (created as `keys[0]` when none is
/// there). A single value becomes a list around it; a block list gets one more line.
pub(crate) fn add_to_list(text: &str, fm: &RawFrontMatter, keys: &[&str], item: &str) -> Vec<Edit> {
    let nl = line_break(text);
    let quoted = format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""));
    let Some(line) = find_key(text, fm, keys) else {
        let entry = match fm.kind {
            FrontMatterKind::Yaml => format!("{}:{nl}  - {quoted}{nl}", keys[0]),
            FrontMatterKind::Toml => format!("{} = [{quoted}]{nl}", keys[0]),
        };
        return vec![Edit::insert(closing_line(text, fm), entry)];
    };
    let value = &text[line.value.clone()];
    if value.starts_with('[') && value.ends_with(']') {
        let inner = value[1..value.len() - 1].trim();
        let close = line.value.end - 1;
        return if inner.is_empty() {
            vec![Edit::replace(line.value.start + 1..close, quoted)]
        } else {
            let before = value[..value.len() - 1].trim_end().len();
            vec![Edit::insert(line.value.start + before, format!(", {quoted}"))]
        };
    }
    if !value.is_empty() {
        // A single value: `key: a.md` becomes `key: [a.md, "b.md"]`.
        return vec![Edit::insert(line.value.start, "["), Edit::insert(line.value.end, format!(", {quoted}]"))];
    }
    // A YAML block list (or nothing) under the key: one more item after the last one.
    let mut at = next_line(text, line.start);
    let mut insert_at = at;
    let mut indent = "  ".to_string();
    let mut first = true;
    while at < fm.body.end {
        // The whole line, its break included (the body may end before its last line break).
        let end = next_line(text, at);
        let raw = text[at..end].trim_end_matches(['\n', '\r']);
        let trimmed = raw.trim_start();
        if trimmed.starts_with("- ") || trimmed == "-" {
            if first {
                indent = raw[..raw.len() - trimmed.len()].to_string();
                first = false;
            }
            insert_at = end;
        } else if trimmed.is_empty() || trimmed.starts_with('#') || (raw.starts_with([' ', '\t']) && !first) {
            // Blank lines, comments and continuation lines of an item stay inside the list.
        } else {
            break;
        }
        at = end;
    }
    let lead = if text[..insert_at].ends_with('\n') { "" } else { nl };
    vec![Edit::insert(insert_at, format!("{lead}{indent}- {quoted}{nl}"))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::edit::splice;
    use crate::text::markdown::scan;

    fn apply(text: &str, edits: impl FnOnce(&str, &RawFrontMatter) -> Vec<Edit>) -> String {
        let fm = scan(text).front_matter.unwrap();
        splice(text, edits(text, &fm)).unwrap().0
    }

    #[test]
    fn lists_in_every_form() {
        let add = |t: &str, f: &RawFrontMatter| add_to_list(t, f, &["replaces", "x"], "a.md");
        assert_eq!(apply("---\ntitle: T\n---\n# T\n", add), "---\ntitle: T\nreplaces:\n  - \"a.md\"\n---\n# T\n");
        assert_eq!(apply("---\nreplaces: []\n---\n", add), "---\nreplaces: [\"a.md\"]\n---\n");
        assert_eq!(apply("---\nreplaces: [b.md] # old\n---\n", add), "---\nreplaces: [b.md, \"a.md\"] # old\n---\n");
        assert_eq!(apply("---\nreplaces: b.md\n---\n", add), "---\nreplaces: [b.md, \"a.md\"]\n---\n");
        assert_eq!(
            apply("---\nreplaces:\n    - b.md\n    - c.md\nstatus: x\n---\n", add),
            "---\nreplaces:\n    - b.md\n    - c.md\n    - \"a.md\"\nstatus: x\n---\n"
        );
        assert_eq!(apply("---\nreplaces:\n  - b.md\n---\n", add), "---\nreplaces:\n  - b.md\n  - \"a.md\"\n---\n");
        assert_eq!(apply("---\nreplaces:\nstatus: x\n---\n", add), "---\nreplaces:\n  - \"a.md\"\nstatus: x\n---\n");
        assert_eq!(apply("+++\ntitle = \"T\"\n+++\n", add), "+++\ntitle = \"T\"\nreplaces = [\"a.md\"]\n+++\n");
    }

    #[test]
    fn status_values() {
        let set = |t: &str, f: &RawFrontMatter| set_status(t, f, "implemented").unwrap();
        assert_eq!(apply("---\nstatus: provisional # n\n---\n", set), "---\nstatus: implemented # n\n---\n");
        assert_eq!(apply("---\nstatus: \"provisional\"\n---\n", set), "---\nstatus: \"implemented\"\n---\n");
        assert_eq!(apply("+++\nstatus = \"provisional\"\n+++\n", set), "+++\nstatus = \"implemented\"\n+++\n");
        assert_eq!(apply("---\ntitle: T\n---\n", set), "---\ntitle: T\nstatus: implemented\n---\n");
    }
}
