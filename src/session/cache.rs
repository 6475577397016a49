//! The rebuild cache's data: what one build learnt about each design, keyed by everything it was
//! made from, so that the next build (`mdbook serve` after one save) parses, lints and rewrites
//! only what changed, and gives byte for byte what a cold build gives.
//!
//! Pure: the edge reads and writes the bytes ([`crate::edge::cache_file`]). Three kinds of key:
//!
//! - the **book key**: the configuration, the tool, the template, `SUMMARY.md`'s list and every
//!   known file (the edge's fingerprint and [`book_key`]); a change there empties the cache;
//! - a **design key** per design: the book key, its path, its bytes and its sidecar file. The
//!   parse warning, the index entry (before the two-way `replaced` links and the history fill it
//!   in), the title and anchors, and the unexpanded-include warning are functions of it;
//! - what a design's lint findings and rewritten text read from other designs: the **lint
//!   digest** (every design's title and anchors, the stale designs) and a **rewrite key** (its
//!   replacement sentence and timeline line, the output format). A record's findings or edits are
//!   reused only when that key is the same as now.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::feature::index::{Entry, References};
use crate::feature::lint::{DesignInfo, Diagnostic, FxHashMap};
use crate::model::status::Status;
use crate::model::warning::Warning;
use crate::text::edit::Edit;

/// A 128-bit content key (XXH3).
pub(crate) type Key = u128;

/// The first bytes of a cache file: the format, and its version in the last byte. Bytes that do
/// not start with it (another version of the tool, another file) are no cache.
const MAGIC: &[u8; 8] = b"mdbdc\0\0\x01";

/// Builds a key from fields, each length-prefixed so that no two sequences of fields collide by
/// concatenation.
pub(crate) struct Hasher(Xxh3);

impl Hasher {
    pub(crate) fn new() -> Hasher {
        Hasher(Xxh3::new())
    }

    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut Hasher {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub(crate) fn str(&mut self, s: &str) -> &mut Hasher {
        self.bytes(s.as_bytes())
    }

    pub(crate) fn opt(&mut self, s: Option<&str>) -> &mut Hasher {
        match s {
            Some(s) => self.bytes(&[1]).str(s),
            None => self.bytes(&[0]),
        }
    }

    pub(crate) fn key(&mut self, key: Key) -> &mut Hasher {
        self.bytes(&key.to_le_bytes())
    }

    pub(crate) fn finish(&self) -> Key {
        self.0.digest128()
    }
}

/// What the session hands over for a build with the cache: the edge's fingerprint of what the
/// session cannot see (the tool, the whole configuration, the renderer), and the bytes of the
/// last build's cache, if any.
#[derive(Debug, Clone)]
pub(crate) struct CacheInput {
    pub(crate) fingerprint: Key,
    pub(crate) prior: Option<BookCache>,
}

impl CacheInput {
    /// A cache for a build whose tool and configuration hash to `fingerprint`, with what the
    /// last build left ([`BookCache::decode`]).
    pub(crate) fn new(fingerprint: &[&[u8]], prior: Option<BookCache>) -> CacheInput {
        let mut h = Hasher::new();
        for part in fingerprint {
            h.bytes(part);
        }
        CacheInput { fingerprint: h.finish(), prior }
    }
}

/// What a build learnt about every design of the book.
#[derive(Debug, Clone, Default)]
pub(crate) struct BookCache {
    /// The book key the records were made under.
    pub book: Key,
    /// Records by design key.
    pub records: FxHashMap<Key, Record>,
}

impl BookCache {
    /// The cache file's bytes: [`MAGIC`], a checksum of the rest, then the records.
    pub(crate) fn encode(&self) -> Vec<u8> {
        // Serializing plain data into a Vec cannot fail; an empty cache is the safe answer if
        // it ever did.
        let body = postcard::to_stdvec(&wire::BookOut::from(self)).unwrap_or_default();
        let mut out = Vec::with_capacity(body.len() + 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
        out.extend(body);
        out
    }

    /// The cache in `bytes`, or `None` when they are not a whole, undamaged cache of this
    /// version (then the build is cold: a bad cache costs time, never correctness).
    pub(crate) fn decode(bytes: &[u8]) -> Option<BookCache> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let (sum, body) = rest.split_first_chunk::<8>()?;
        if u64::from_le_bytes(*sum) != xxhash_rust::xxh3::xxh3_64(body) {
            return None;
        }
        let (book, rest) = postcard::take_from_bytes::<wire::Book>(body).ok()?;
        if !rest.is_empty() {
            return None;
        }
        book.into_cache()
    }
}

/// What one build learnt about one design, for its design key.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    /// Why the design passes through unchanged, if it does.
    pub warning: Option<Warning>,
    /// Its index entry before links and history.
    pub entry: EntryRecord,
    /// Its title and anchors, when it lints and a build has computed them.
    pub info: Option<DesignInfo>,
    /// The warning for a status pulled in with an unexpanded `{{#include}}`.
    pub include: Option<Warning>,
    /// Its lint findings (the design's, its sidecar's), before the baseline, without edits.
    pub lint: Option<LintRecord>,
    /// Its rewrite.
    pub rewrite: Option<RewriteRecord>,
}

/// Lint findings and the lint digest they were made under.
#[derive(Debug, Clone)]
pub(crate) struct LintRecord {
    pub digest: Key,
    pub design: Vec<Diagnostic>,
    pub sidecar: Vec<Diagnostic>,
}

/// The rewrite's edits (`None`: the design passes through) and the rewrite key they were made
/// under.
#[derive(Debug, Clone)]
pub(crate) struct RewriteRecord {
    pub key: Key,
    pub edits: Option<Vec<Edit>>,
}

/// An [`Entry`] as the cache keeps it: every field, the ones the JSON index leaves out too.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct EntryRecord {
    path: String,
    title: String,
    status: Status,
    status_raw: Option<String>,
    status_word: Option<String>,
    summary: Option<String>,
    lead: Option<String>,
    area: String,
    number: Option<String>,
    authors: Vec<String>,
    stage: Option<String>,
    milestone: Option<String>,
    extra: std::collections::BTreeMap<String, String>,
    columns: Vec<String>,
    inactive: bool,
    replaces: Vec<String>,
    replaced_by: Option<String>,
    sections: Vec<String>,
    released: Option<String>,
    last_changed: Option<String>,
    stale: bool,
    references_replaced_by: Option<String>,
    references_replaces: Vec<String>,
}

impl From<&Entry> for EntryRecord {
    fn from(entry: &Entry) -> EntryRecord {
        // Destructured in full, so that a field added to `Entry` does not compile until the cache
        // keeps it too.
        let Entry {
            path,
            title,
            status,
            status_raw,
            status_word,
            summary,
            lead,
            area,
            number,
            authors,
            stage,
            milestone,
            extra,
            columns,
            inactive,
            replaces,
            replaced_by,
            sections,
            released,
            last_changed,
            stale,
            references: References { replaced_by: references_replaced_by, replaces: references_replaces },
        } = entry.clone();
        EntryRecord {
            path,
            title,
            status,
            status_raw,
            status_word,
            summary,
            lead,
            area,
            number,
            authors,
            stage,
            milestone,
            extra,
            columns,
            inactive,
            replaces,
            replaced_by,
            sections,
            released,
            last_changed,
            stale,
            references_replaced_by,
            references_replaces,
        }
    }
}

impl From<EntryRecord> for Entry {
    fn from(record: EntryRecord) -> Entry {
        let EntryRecord {
            path,
            title,
            status,
            status_raw,
            status_word,
            summary,
            lead,
            area,
            number,
            authors,
            stage,
            milestone,
            extra,
            columns,
            inactive,
            replaces,
            replaced_by,
            sections,
            released,
            last_changed,
            stale,
            references_replaced_by,
            references_replaces,
        } = record;
        Entry {
            path,
            title,
            status,
            status_raw,
            status_word,
            summary,
            lead,
            area,
            number,
            authors,
            stage,
            milestone,
            extra,
            columns,
            inactive,
            replaces,
            replaced_by,
            sections,
            released,
            last_changed,
            stale,
            references: References { replaced_by: references_replaced_by, replaces: references_replaces },
        }
    }
}

/// The cache as the file holds it: every string of findings and edits once, in a table that
/// records refer to by number (most repeat: a rule's help, the inline stylesheet of each badge),
/// so that the file is a fraction of the book's size and quick to read and write.
mod wire {
    use serde::{Deserialize, Serialize};

    use super::{EntryRecord, Key, LintRecord, Record, RewriteRecord};
    use crate::feature::lint::{DesignInfo, Diagnostic, FxHashMap, Rule, Severity};
    use crate::model::warning::Warning;
    use crate::text::edit::Edit;

    /// Edits, each a byte range of the design and its text by number.
    type Edits = Vec<(usize, usize, u32)>;

    /// The file's contents as read.
    #[derive(Deserialize)]
    pub(super) struct Book {
        book: Key,
        strings: Vec<String>,
        records: Vec<(Key, Design)>,
    }

    /// The file's contents as written: [`Book`], borrowing from the cache instead of copying it.
    #[derive(Serialize)]
    pub(super) struct BookOut<'a> {
        book: Key,
        strings: Vec<&'a str>,
        records: Vec<(Key, DesignOut<'a>)>,
    }

    /// [`Design`] as written.
    #[derive(Serialize)]
    struct DesignOut<'a> {
        warning: &'a Option<Warning>,
        entry: &'a EntryRecord,
        info: &'a Option<DesignInfo>,
        include: &'a Option<Warning>,
        lint: Option<(Key, Vec<Finding>, Vec<Finding>)>,
        rewrite: Option<(Key, Option<Edits>)>,
    }

    #[derive(Deserialize)]
    struct Design {
        warning: Option<Warning>,
        entry: EntryRecord,
        info: Option<DesignInfo>,
        include: Option<Warning>,
        lint: Option<(Key, Vec<Finding>, Vec<Finding>)>,
        rewrite: Option<(Key, Option<Edits>)>,
    }

    /// A [`Diagnostic`], its strings by number.
    #[derive(Serialize, Deserialize)]
    struct Finding {
        path: u32,
        rule: Rule,
        severity: Severity,
        span: (usize, usize),
        line: usize,
        column: usize,
        end_line: usize,
        end_column: usize,
        message: u32,
        help: Option<u32>,
        fixable: bool,
        /// A fix's title, description and edits.
        fix: Option<(u32, u32, Edits)>,
    }

    /// The string table being built.
    #[derive(Default)]
    struct Strings<'a> {
        numbers: FxHashMap<&'a str, u32>,
        table: Vec<&'a str>,
    }

    impl<'a> Strings<'a> {
        fn number(&mut self, s: &'a str) -> u32 {
            let next = self.table.len() as u32;
            *self.numbers.entry(s).or_insert_with(|| {
                self.table.push(s);
                next
            })
        }
    }

    impl<'a> From<&'a super::BookCache> for BookOut<'a> {
        fn from(cache: &'a super::BookCache) -> BookOut<'a> {
            let mut strings = Strings::default();
            let mut records = Vec::with_capacity(cache.records.len());
            for (&key, r) in &cache.records {
                let lint = r.lint.as_ref().map(|l| {
                    let design = l.design.iter().map(|d| finding(d, &mut strings)).collect();
                    let sidecar = l.sidecar.iter().map(|d| finding(d, &mut strings)).collect();
                    (l.digest, design, sidecar)
                });
                let rewrite = r.rewrite.as_ref().map(|w| {
                    let edits = w.edits.as_ref().map(|edits| {
                        edits.iter().map(|e| (e.range.start, e.range.end, strings.number(&e.text))).collect()
                    });
                    (w.key, edits)
                });
                records.push((
                    key,
                    DesignOut {
                        warning: &r.warning,
                        entry: &r.entry,
                        info: &r.info,
                        include: &r.include,
                        lint,
                        rewrite,
                    },
                ));
            }
            BookOut { book: cache.book, strings: strings.table, records }
        }
    }

    fn finding<'a>(d: &'a Diagnostic, strings: &mut Strings<'a>) -> Finding {
        let fix = d.fix.as_ref().map(|f| {
            let edits = f.edits.iter().map(|e| (e.range.start, e.range.end, strings.number(&e.text))).collect();
            (strings.number(&f.title), strings.number(&f.description), edits)
        });
        Finding {
            path: strings.number(&d.path),
            rule: d.rule,
            severity: d.severity,
            span: (d.span.start, d.span.end),
            line: d.line,
            column: d.column,
            end_line: d.end_line,
            end_column: d.end_column,
            message: strings.number(&d.message),
            help: d.help.as_deref().map(|h| strings.number(h)),
            fixable: d.fixable,
            fix,
        }
    }

    impl Book {
        /// The cache, or `None` when a number is not in the table.
        pub(super) fn into_cache(self) -> Option<super::BookCache> {
            let Book { book, strings, records } = self;
            let text = |n: u32| strings.get(n as usize).cloned();
            let diagnostic = |f: &Finding| -> Option<Diagnostic> {
                Some(Diagnostic {
                    path: text(f.path)?,
                    rule: f.rule,
                    severity: f.severity,
                    span: f.span.0..f.span.1,
                    line: f.line,
                    column: f.column,
                    end_line: f.end_line,
                    end_column: f.end_column,
                    message: text(f.message)?,
                    help: match f.help {
                        Some(n) => Some(text(n)?),
                        None => None,
                    },
                    fixable: f.fixable,
                    fix: match &f.fix {
                        Some((title, description, edits)) => Some(crate::feature::lint::Fix {
                            title: text(*title)?,
                            description: text(*description)?,
                            edits: edits
                                .iter()
                                .map(|&(start, end, n)| Some(Edit::replace(start..end, text(n)?)))
                                .collect::<Option<_>>()?,
                        }),
                        None => None,
                    },
                })
            };
            let mut out = FxHashMap::default();
            out.reserve(records.len());
            for (key, d) in records {
                let lint = match d.lint {
                    Some((digest, design, sidecar)) => Some(LintRecord {
                        digest,
                        design: design.iter().map(diagnostic).collect::<Option<_>>()?,
                        sidecar: sidecar.iter().map(diagnostic).collect::<Option<_>>()?,
                    }),
                    None => None,
                };
                let rewrite = match d.rewrite {
                    Some((key, Some(edits))) => Some(RewriteRecord {
                        key,
                        edits: Some(
                            edits
                                .into_iter()
                                .map(|(start, end, n)| Some(Edit::replace(start..end, text(n)?)))
                                .collect::<Option<_>>()?,
                        ),
                    }),
                    Some((key, None)) => Some(RewriteRecord { key, edits: None }),
                    None => None,
                };
                let record =
                    Record { warning: d.warning, entry: d.entry, info: d.info, include: d.include, lint, rewrite };
                out.insert(key, record);
            }
            Some(super::BookCache { book, records: out })
        }
    }
}

/// The design key of the design at `path` with `text` and its sidecar file (text and read
/// error), under the book key `book`.
pub(crate) fn design_key(book: Key, path: &str, text: &str, sidecar: Option<(&str, Option<&str>)>) -> Key {
    let mut h = Hasher::new();
    h.key(book).str(path).str(text);
    match sidecar {
        Some((text, error)) => h.bytes(&[1]).str(text).opt(error),
        None => h.bytes(&[0]),
    };
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_separate_fields() {
        let a = Hasher::new().str("ab").str("c").finish();
        let b = Hasher::new().str("a").str("bc").finish();
        assert_ne!(a, b);
        assert_eq!(a, Hasher::new().str("ab").str("c").finish());
        assert_ne!(design_key(1, "a.md", "x", None), design_key(1, "a.md", "x", Some(("", None))));
        assert_ne!(design_key(1, "a.md", "x", None), design_key(2, "a.md", "x", None));
    }

    #[test]
    fn bytes_that_are_not_a_whole_cache_are_no_cache() {
        let mut cache = BookCache { book: 7, ..BookCache::default() };
        let entry = Entry::bare("design/a.md");
        cache.records.insert(
            3,
            Record {
                warning: None,
                entry: EntryRecord::from(&entry),
                info: None,
                include: None,
                lint: None,
                rewrite: Some(RewriteRecord { key: 9, edits: Some(vec![Edit::insert(0, "x")]) }),
            },
        );
        let bytes = cache.encode();
        let back = BookCache::decode(&bytes).expect("a cache reads back");
        assert_eq!(back.book, 7);
        assert_eq!(Entry::from(back.records[&3].entry.clone()), entry);
        for cut in [0, 4, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(BookCache::decode(&bytes[..cut]).is_none(), "a cache cut at {cut} bytes is no cache");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(BookCache::decode(&longer).is_none());
        let mut other_version = bytes.clone();
        other_version[7] = 0;
        assert!(BookCache::decode(&other_version).is_none());
        let mut flipped = bytes;
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(BookCache::decode(&flipped).is_none(), "a damaged byte fails the checksum");
    }
}
