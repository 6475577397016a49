//! Lint baselines: a fingerprint per finding that survives unrelated edits, and the baseline
//! file that records a book's findings so that only new ones are reported
//! (`lint --write-baseline FILE`, `lint --baseline FILE`, `baseline = "FILE"`).
//!
//! A finding is known by its rule, its file's path (relative to the book's `src`, `/`-separated)
//! and its fingerprint: `<hash>:<occurrence>`. The hash is of what the finding is about, not of
//! where it is: the whitespace-normalized text of its line (and of its span within that line),
//! or for a finding about something absent (a missing section, no title) its message. The
//! occurrence numbers findings with the same rule and hash in one file, in document order. No
//! line number goes in, so lines inserted above a finding and other paragraphs edited leave it
//! known, as SARIF's partial fingerprints (GitHub's `primaryLocationLineHash`) do.
//!
//! The hash is SHA-256 (the first 64 bits, in hex), from the `sha2` crate: its output is fixed
//! by a standard, the same on every platform and Rust version (std's `DefaultHasher` promises
//! neither), and the crate was already in the lock file (mdBook's HTML renderer uses it).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Diagnostic, FxHashMap, FxHashSet, Rule};
use crate::text::source::{line_end, line_start};

/// The version of the baseline file format this build writes and reads.
pub(crate) const VERSION: u32 = 1;

/// What a rule's finding is known by.
enum Anchor {
    /// The text of the line it points at (and of its span on that line).
    Line,
    /// Its message: the finding is about something absent, and where it points is incidental.
    Message,
    /// Only its rule: one per design, with a message that changes by itself (`stale`'s age).
    Rule,
}

/// What `rule`'s findings are known by. Every rule is listed, so a new rule must choose.
fn anchor(rule: Rule) -> Anchor {
    match rule {
        Rule::MissingStatus | Rule::MissingTitle | Rule::MissingSection | Rule::NotInSummary | Rule::SidecarKeys => {
            Anchor::Message
        }
        Rule::Stale => Anchor::Rule,
        Rule::InvalidStatus
        | Rule::StatusFormat
        | Rule::MultipleTitles
        | Rule::SectionOrder
        | Rule::HeadingLevel
        | Rule::SectionName
        | Rule::EmptySection
        | Rule::TemplateText
        | Rule::LineLength
        | Rule::FileName
        | Rule::ReplacedWithoutLink
        | Rule::BrokenDesignLink
        | Rule::DuplicateTitle
        | Rule::ShortSummary
        | Rule::StatusConflict
        | Rule::SidecarStatus
        | Rule::SidecarSyntax
        | Rule::SidecarLink => Anchor::Line,
    }
}

/// `text` with every run of whitespace as one space, trimmed.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The hash of what `d` (found in `text`) is about, as 16 hex digits.
fn content_hash(text: &str, d: &Diagnostic) -> String {
    let mut hasher = Sha256::new();
    match anchor(d.rule) {
        Anchor::Line => {
            let at = floor_char_boundary(text, d.span.start);
            let (start, end) = (line_start(text, at), line_end(text, at));
            hasher.update(normalized(&text[start..end]).as_bytes());
            // The span's part of the line: two findings of one rule on one line (two broken
            // links) are told apart by what they point at.
            let to = floor_char_boundary(text, d.span.end.clamp(at, end));
            hasher.update([0]);
            hasher.update(normalized(&text[at..to]).as_bytes());
        }
        Anchor::Message => hasher.update(normalized(&d.message).as_bytes()),
        Anchor::Rule => {}
    }
    hasher.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The fingerprint of each of `diagnostics` (the findings of one file, in document order, made
/// from `text`), in the same order: `<hash>:<occurrence>`.
pub(crate) fn fingerprints(text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: FxHashMap<(Rule, String), usize> = FxHashMap::default();
    diagnostics
        .iter()
        .map(|d| {
            let hash = content_hash(text, d);
            let n = seen.entry((d.rule, hash.clone())).or_default();
            let fingerprint = format!("{hash}:{n}");
            *n += 1;
            fingerprint
        })
        .collect()
}

/// One finding in a baseline file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BaselineEntry {
    /// The file's path relative to the book's `src`, `/`-separated.
    pub(crate) path: String,
    /// The rule id.
    pub(crate) rule: String,
    /// `<hash>:<occurrence>` (see the module documentation).
    pub(crate) fingerprint: String,
    /// The finding's message when it was recorded, for people reading the file; not matched.
    pub(crate) message: String,
}

/// The baseline file as written: a version and the entries.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default)]
    #[allow(dead_code)]
    tool: Option<String>,
    findings: Vec<BaselineEntry>,
}

/// A lint baseline: the findings a book had when it was recorded, which lint no longer reports.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// `rule fingerprint` by path.
    known: FxHashMap<String, FxHashSet<String>>,
    len: usize,
}

impl Baseline {
    /// Reads a baseline file's text; the error says what is wrong (the caller names the file).
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let version = serde_json::from_str::<serde_json::Value>(text)
            .map_err(|e| format!("it is not JSON ({e})"))?
            .get("version")
            .and_then(serde_json::Value::as_u64);
        match version {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => {
                return Err(format!(
                    "it is a version {v} baseline; this mdbook-design reads version {VERSION} (upgrade it, or write \
                     the baseline again with this version)"
                ))
            }
            None => return Err("it has no `\"version\"`: it is not a baseline written by mdbook-design".into()),
        }
        let file: File = serde_json::from_str(text).map_err(|e| format!("it is not a baseline file ({e})"))?;
        let _ = file.version;
        Ok(Baseline::from_entries(&file.findings))
    }

    /// The baseline of these entries.
    pub(crate) fn from_entries(entries: &[BaselineEntry]) -> Baseline {
        let mut known: FxHashMap<String, FxHashSet<String>> = FxHashMap::default();
        for e in entries {
            known.entry(e.path.clone()).or_default().insert(format!("{} {}", e.rule, e.fingerprint));
        }
        Baseline { known, len: entries.len() }
    }

    /// How many findings it records.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it records no finding.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the finding of `rule` with `fingerprint` in the file at `path` is recorded.
    pub(crate) fn contains(&self, path: &str, rule: Rule, fingerprint: &str) -> bool {
        self.known.get(path).is_some_and(|set| set.contains(&format!("{} {fingerprint}", rule.id())))
    }

    /// Keeps the findings of the file at `path` (made from `text`, in document order) that are
    /// not recorded; returns how many were dropped.
    pub(crate) fn filter(&self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> usize {
        if diagnostics.is_empty() || !self.known.contains_key(path) {
            return 0;
        }
        let prints = fingerprints(text, diagnostics);
        let before = diagnostics.len();
        let mut keep = prints.iter().map(|f| f.as_str());
        diagnostics.retain(|d| !self.contains(path, d.rule, keep.next().unwrap_or_default()));
        before - diagnostics.len()
    }
}

/// The baseline entries of one file's findings (made from `text`, in document order).
pub(crate) fn entries(path: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<BaselineEntry> {
    fingerprints(text, diagnostics)
        .into_iter()
        .zip(diagnostics)
        .map(|(fingerprint, d)| BaselineEntry {
            path: path.to_string(),
            rule: d.rule.id().to_string(),
            fingerprint,
            message: d.message.clone(),
        })
        .collect()
}

/// The text of a baseline file of `entries`: version 1, the entries sorted (by path, rule,
/// fingerprint), one per line so that a change of the baseline diffs line by line.
pub(crate) fn render(mut entries: Vec<BaselineEntry>) -> String {
    entries.sort();
    let mut out = format!("{{\n  \"version\": {VERSION},\n  \"tool\": \"mdbook-design\",\n  \"findings\": [");
    for (i, e) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&serde_json::to_string(e).expect("baseline entries serialize"));
    }
    out.push_str(if entries.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    out
}

/// What a run says about the findings its baseline left out, after the tool's name
/// (`mdbook-design lint: `): `3,358 findings in the baseline not shown`; `None` for none.
pub(crate) fn hidden_note(hidden: usize) -> Option<String> {
    (hidden > 0).then(|| format!("{} in the baseline not shown", findings(hidden)))
}

/// `1 finding`, `21,043 findings`: a count of findings as the tool prints it.
pub(crate) fn findings(n: usize) -> String {
    // Digits grouped by hand: a few lines do not need a formatting crate.
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let s = if n == 1 { "" } else { "s" };
    format!("{grouped} finding{s}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `line-length` finding at the first long line of each of `lines` in `text`.
    fn long_lines(text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches('\n');
            if body.len() > 20 {
                let mut d = Diagnostic::new(Rule::LineLength, at + 20..at + body.len(), "line over 20");
                d.line = text[..at].matches('\n').count() + 1;
                out.push(d);
            }
            at += line.len();
        }
        out
    }

    fn prints(text: &str) -> Vec<String> {
        fingerprints(text, &long_lines(text))
    }

    const TEXT: &str = "# Title\n\nshort\n\nthis line is rather long for the limit\n\nanother paragraph here\n";

    #[test]
    fn a_line_inserted_above_keeps_the_fingerprint() {
        let moved = TEXT.replace("short\n", "short\n\nnew words\nmore\n\n");
        assert_eq!(prints(TEXT), prints(&moved));
        assert_ne!(long_lines(TEXT)[0].line, long_lines(&moved)[0].line, "the finding moved");
    }

    #[test]
    fn another_paragraph_changed_keeps_it_and_whitespace_does_not_count() {
        let edited = TEXT.replace("short", "tiny").replace("this line is", "this  line\tis");
        assert_eq!(prints(TEXT)[0], prints(&edited)[0]);
    }

    #[test]
    fn the_findings_line_changed_is_a_new_finding() {
        let edited = TEXT.replace("rather long", "quite long");
        assert_ne!(prints(TEXT)[0], prints(&edited)[0]);
        assert_eq!(prints(TEXT)[1], prints(&edited)[1], "the other finding is still known");
    }

    #[test]
    fn two_identical_findings_are_two_entries() {
        let text = format!("{TEXT}\nthis line is rather long for the limit\n");
        let p = prints(&text);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].split(':').next(), p[2].split(':').next(), "same content");
        assert_ne!(p[0], p[2], "occurrences differ");
        let baseline = Baseline::from_entries(&entries("a.md", &text, &long_lines(&text)));
        assert_eq!(baseline.len(), 3);
        // A third copy is one new finding.
        let more = format!("{text}this line is rather long for the limit\n");
        let mut diags = long_lines(&more);
        assert_eq!(baseline.filter("a.md", &more, &mut diags), 3);
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn a_fixed_finding_drops_out_when_written_again() {
        let before = entries("a.md", TEXT, &long_lines(TEXT));
        let fixed = TEXT.replace("another paragraph here", "another one");
        let after = entries("a.md", &fixed, &long_lines(&fixed));
        assert_eq!(after.len(), before.len() - 1);
        let baseline = Baseline::parse(&render(after)).unwrap();
        assert_eq!(baseline.len(), 1);
        let mut diags = long_lines(&fixed);
        assert_eq!(baseline.filter("a.md", &fixed, &mut diags), 1);
        assert!(diags.is_empty());
        // Another path does not match.
        let mut diags = long_lines(&fixed);
        assert_eq!(baseline.filter("b.md", &fixed, &mut diags), 0);
    }

    #[test]
    fn absent_things_are_known_by_their_message() {
        let mut d = Diagnostic::new(Rule::MissingSection, 0..7, "the template's `Motivation` section is missing");
        let text = "# Title\n";
        let a = fingerprints(text, std::slice::from_ref(&d));
        let b = fingerprints("# Another title\n", std::slice::from_ref(&d));
        assert_eq!(a, b, "the heading it points at is incidental");
        d.message = "the template's `Goals` section is missing".into();
        assert_ne!(a, fingerprints(text, &[d]));
    }

    #[test]
    fn the_file_is_sorted_one_entry_per_line_and_reads_back() {
        let text = render(
            entries("b.md", TEXT, &long_lines(TEXT))
                .into_iter()
                .chain(entries("a.md", TEXT, &long_lines(TEXT)))
                .collect(),
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4 + 4 + 2, "{text}");
        assert!(lines[4].contains("\"a.md\"") && lines[7].contains("\"b.md\""), "{text}");
        serde_json::from_str::<serde_json::Value>(&text).unwrap();
        assert_eq!(Baseline::parse(&text).unwrap().len(), 4);
        assert_eq!(Baseline::parse(&render(Vec::new())).unwrap().len(), 0);
    }

    #[test]
    fn a_bad_file_says_what_is_wrong() {
        assert!(Baseline::parse("not json").unwrap_err().contains("not JSON"));
        assert!(Baseline::parse("{}").unwrap_err().contains("version"));
        assert!(Baseline::parse(r#"{"version": 2, "findings": []}"#).unwrap_err().contains("version 2"));
        assert!(Baseline::parse(r#"{"version": 1, "findings": [{"rule": "x"}]}"#)
            .unwrap_err()
            .contains("not a baseline"));
    }

    #[test]
    fn the_note_groups_digits() {
        assert_eq!(hidden_note(0), None);
        assert_eq!(hidden_note(1).unwrap(), "1 finding in the baseline not shown");
        assert_eq!(hidden_note(3358).unwrap(), "3,358 findings in the baseline not shown");
        assert_eq!(hidden_note(1_234_567).unwrap(), "1,234,567 findings in the baseline not shown");
        assert_eq!(hidden_note(100).unwrap(), "100 findings in the baseline not shown");
    }

    #[test]
    fn the_hash_is_sha256() {
        // The first 64 bits of SHA-256("abc") (FIPS 180-2's example): the fingerprint does not
        // depend on the platform or the Rust version.
        let d = Diagnostic::new(Rule::MissingTitle, 0..0, "abc");
        assert_eq!(fingerprints("", &[d]), ["ba7816bf8f01cfea:0"]);
    }
}
