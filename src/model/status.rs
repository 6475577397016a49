//! The status vocabulary of the template and the tolerant reading of what authors write.

use std::collections::BTreeMap;
use std::fmt;

/// One of the template's seven statuses, or `Unknown` for anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Status {
    /// Being discussed; may still change a lot.
    Provisional,
    /// Agreed and ready to be built.
    Implementable,
    /// Built and shipped.
    Implemented,
    /// Put off for now.
    Deferred,
    /// Decided against.
    Rejected,
    /// Taken back by its authors.
    Withdrawn,
    /// Superseded by another design.
    Replaced,
    /// No status, or one that is not one of the seven.
    Unknown,
}

impl Status {
    /// The seven canonical statuses in template order.
    pub const CANONICAL: [Status; 7] = [
        Status::Provisional,
        Status::Implementable,
        Status::Implemented,
        Status::Deferred,
        Status::Rejected,
        Status::Withdrawn,
        Status::Replaced,
    ];

    /// Every status in template order, `Unknown` last.
    pub const ALL: [Status; 8] = [
        Status::Provisional,
        Status::Implementable,
        Status::Implemented,
        Status::Deferred,
        Status::Rejected,
        Status::Withdrawn,
        Status::Replaced,
        Status::Unknown,
    ];

    /// The lowercase word used in documents, HTML attributes and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Provisional => "provisional",
            Status::Implementable => "implementable",
            Status::Implemented => "implemented",
            Status::Deferred => "deferred",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
            Status::Replaced => "replaced",
            Status::Unknown => "unknown",
        }
    }

    /// The canonical status named exactly by `word` (ASCII case-insensitive).
    pub fn from_word(word: &str) -> Option<Status> {
        Status::CANONICAL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(word))
    }

    /// Whether the design is no longer a current plan (deferred, rejected, withdrawn, replaced).
    pub fn is_inactive(self) -> bool {
        matches!(self, Status::Deferred | Status::Rejected | Status::Withdrawn | Status::Replaced)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a raw status text was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A status word, possibly written loosely; `exact` is false when the text was not just the
    /// lowercase word.
    Status {
        /// The canonical status.
        status: Status,
        /// Whether the raw text was exactly the canonical lowercase word.
        exact: bool,
    },
    /// The template's unedited list of choices (`provisional|implementable|...`): no status.
    Placeholder,
    /// Text that names no known status.
    Unrecognized,
    /// Nothing at all.
    Empty,
}

/// Reads a raw status text as the template's vocabulary, with project aliases.
///
/// `aliases` maps lowercase words to canonical statuses (`superseded = "replaced"`).
pub(crate) fn read(raw: &str, aliases: &BTreeMap<String, Status>) -> Reading {
    let text = raw.trim();
    if text.is_empty() {
        return Reading::Empty;
    }
    // `One of:` with no choice after it is the template's text, not a status.
    if strip_prefix_ci(text, "one of:").is_some_and(|after| after.trim().is_empty()) {
        return Reading::Placeholder;
    }
    let rest = core(text);
    // The template's list of choices: two or more status words joined by `|`, nothing else, is
    // a placeholder. A list of single words with another word in it (`provisional|implmeentable`)
    // is the author's edit of that list: no status, and not the template's text either.
    if rest.contains('|') {
        let words: Vec<&str> = rest.split('|').map(str::trim).collect();
        let statuses = words.iter().filter(|w| Status::from_word(w).is_some()).count();
        if statuses == words.len() {
            return Reading::Placeholder;
        }
        let all_words = words.iter().all(|w| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '-'));
        if statuses >= 2 && all_words {
            return Reading::Unrecognized;
        }
    }
    let word = word_of(rest);
    if word.is_empty() {
        return Reading::Unrecognized;
    }
    let lower = word.to_ascii_lowercase();
    let status = Status::from_word(&lower).or_else(|| aliases.get(&lower).copied());
    match status {
        Some(status) => Reading::Status { exact: text == status.as_str(), status },
        None => Reading::Unrecognized,
    }
}

/// The text that holds the status word: without a `One of:` prompt, Markdown emphasis or code
/// before it, or a link around it (`[Implemented](link)`, `[Implemented][ref]`).
fn core(text: &str) -> &str {
    let mut rest = text.trim();
    // `One of: implementable` is the template prompt with a choice left after it.
    if let Some(after) = strip_prefix_ci(rest, "one of:") {
        rest = after.trim_start();
    }
    // Markdown emphasis or code around the word: `**implemented**`, `` `implementable` ``.
    rest = rest.trim_start_matches(['*', '_', '`']);
    if let Some(inner) = rest.strip_prefix('[') {
        if let Some(end) = inner.find(']') {
            rest = &inner[..end];
        }
    }
    rest.trim()
}

/// The leading word of `rest` (letters, digits, `-` and `_`).
fn word_of(rest: &str) -> &str {
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
    &rest[..end]
}

/// The status word of `raw` as written, when it is one of the project's own words (a key of
/// `aliases`, not one of the seven): `Standard` with `standard = "implemented"`. Such a word is
/// the project's, as valid as the seven: it is never reported as loose or rewritten.
pub(crate) fn alias_in<'a>(raw: &'a str, aliases: &BTreeMap<String, Status>) -> Option<&'a str> {
    if !matches!(read(raw, aliases), Reading::Status { .. }) {
        return None;
    }
    let word = word_of(core(raw));
    let lower = word.to_ascii_lowercase();
    (Status::from_word(&lower).is_none() && aliases.contains_key(&lower)).then_some(word)
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status_of(raw: &str) -> Reading {
        read(raw, &BTreeMap::new())
    }

    fn is(status: Status, exact: bool) -> Reading {
        Reading::Status { status, exact }
    }

    #[test]
    fn exact_words_are_exact() {
        for s in Status::CANONICAL {
            assert_eq!(status_of(s.as_str()), is(s, true));
        }
    }

    #[test]
    fn loose_forms_keep_the_keyword() {
        assert_eq!(status_of("Implementable"), is(Status::Implementable, false));
        assert_eq!(status_of("[Implemented](https://example.com/pr/1)"), is(Status::Implemented, false));
        assert_eq!(status_of("One of: implementable"), is(Status::Implementable, false));
        assert_eq!(status_of("implemented (alpha)"), is(Status::Implemented, false));
        assert_eq!(status_of("implementable # note"), is(Status::Implementable, false));
        assert_eq!(status_of("**Provisional**"), is(Status::Provisional, false));
        assert_eq!(status_of("  rejected  "), is(Status::Rejected, true));
        assert_eq!(status_of("rejected."), is(Status::Rejected, false));
    }

    #[test]
    fn unedited_list_is_a_placeholder() {
        assert_eq!(
            status_of("One of: provisional|implementable|implemented|deferred|rejected|withdrawn|replaced"),
            Reading::Placeholder
        );
        assert_eq!(status_of("provisional|implementable"), Reading::Placeholder);
        assert_eq!(status_of("One of:"), Reading::Placeholder);
        assert_eq!(status_of("| a | b |"), Reading::Unrecognized);
        assert_eq!(status_of("implemented | rejected | x y"), is(Status::Implemented, false));
    }

    #[test]
    fn edited_list_is_the_authors_text() {
        // Found by `cargo fuzz run preprocess`: a misspelt choice made the list a placeholder,
        // and normalization deleted the line with the author's word in it.
        let typo = "One of: provisional|implmeentable|implemented|deferred|rejected|withdrawn|replaced";
        assert_eq!(status_of(typo), Reading::Unrecognized);
        assert_eq!(status_of("provisional|implementable|maybe"), Reading::Unrecognized);
    }

    #[test]
    fn other_words_are_unrecognized() {
        assert_eq!(status_of("in-progress"), Reading::Unrecognized);
        assert_eq!(status_of("not implemented"), Reading::Unrecognized);
        assert_eq!(status_of("implementedd"), Reading::Unrecognized);
        assert_eq!(status_of("[]"), Reading::Unrecognized);
        assert_eq!(status_of(""), Reading::Empty);
    }

    #[test]
    fn aliases_map_project_words() {
        let mut aliases = BTreeMap::new();
        aliases.insert("superseded".to_string(), Status::Replaced);
        assert_eq!(read("Superseded", &aliases), is(Status::Replaced, false));
        assert_eq!(read("superseded", &aliases), is(Status::Replaced, false));
        assert_eq!(alias_in("**Superseded** (2020)", &aliases), Some("Superseded"));
        assert_eq!(alias_in("[superseded](x.md)", &aliases), Some("superseded"));
        assert_eq!(alias_in("Replaced", &aliases), None);
        assert_eq!(alias_in("in-progress", &aliases), None);
    }
}
