//! The book-level pass: parse every design once, then compute and splice its edits.
//!
//! Pure over in-memory chapters; the mdBook glue hands chapters in and writes them back.

pub(crate) mod cache;

use std::sync::OnceLock;

use rayon::prelude::*;

pub(crate) use cache::CacheInput;
use cache::{Key, LintRecord, RewriteRecord};

use crate::feature::history::History;
use crate::feature::index::{self, Entry};
use crate::feature::lint::{self, Diagnostic, LintContext, LintFile, Severities};
use crate::feature::normalize::{self, Options};
use crate::feature::release_notes::page;
use crate::feature::render::timeline::timeline_line;
use crate::feature::render::Format;
use crate::model::config::LintMode;
use crate::model::design::{title_from_path, Design, SidecarText};
use crate::model::project::Project;
use crate::text::edit::splice;
use crate::text::source::line_of;

pub(crate) use crate::model::warning::Warning;

/// A chapter handed to the pipeline: its source path (when it has one) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// Path relative to the book's `src`, `/`-separated; `None` for draft chapters.
    pub path: Option<String>,
    /// The chapter's Markdown, rewritten in place.
    pub content: String,
}

/// A design chapter after parsing: its model (unless unreadable) and the warning that makes it
/// pass through unchanged (if any).
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The model; `None` for binary or oversized files.
    pub design: Option<Design>,
    /// Why the chapter passes through unchanged.
    pub warning: Option<Warning>,
}

/// Parses a design chapter for the book-level steps, with its sidecar metadata file when the
/// edge found one: the model is kept even when a problem makes the chapter pass through, so the
/// index and the linter still see it.
pub(crate) fn parse_with_sidecar(project: &Project, path: &str, text: &str, sidecar: Option<&SidecarText>) -> Parsed {
    if let Some((at, message, help)) = unreadable(text, project.config.max_size) {
        let warning = Warning { path: path.to_string(), line: line_of(text, at), message, help };
        return Parsed { design: None, warning: Some(warning) };
    }
    let design = project.parse_with(text, sidecar);
    let warning = design.problems.first().map(|problem| Warning {
        path: path.to_string(),
        line: line_of(text, problem.offset),
        message: format!("{}; {}", problem.message, design.pass_through_note()),
        help: problem.help.clone(),
    });
    Parsed { design: Some(design), warning }
}

/// Why a chapter cannot be treated as a design before parsing it (too large, binary).
pub(crate) fn unreadable(text: &str, max_size: usize) -> Option<(usize, String, String)> {
    if text.len() > max_size {
        return Some((
            0,
            format!(
                "the file is {} bytes, over the {max_size}-byte limit for designs; the chapter is passed through unchanged",
                text.len()
            ),
            "split the design, or raise `max-size` in [preprocessor.design]".into(),
        ));
    }
    // A NUL byte, or U+FFFD where invalid UTF-8 was replaced, found with SIMD byte searches.
    let nul = memchr::memchr(0, text.as_bytes());
    let replaced = memchr::memmem::find(text.as_bytes(), "\u{FFFD}".as_bytes());
    let first = match (nul, replaced) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if let Some(at) = first {
        return Some((
            at,
            "the file holds binary data (a NUL byte or invalid UTF-8), not Markdown text; the chapter is passed \
             through unchanged"
                .into(),
            "remove the binary content or move the file out of the designs folder".into(),
        ));
    }
    None
}

/// The edits that make the new text of one parsed design: normalized, with its badge (`replacement` is the two-way
/// replacement sentence shown after the badge, `history` the status timeline line); or with
/// `only_badge` the badge block alone (and the title made from the file
/// name, when the design has none), for a design whose problem stops the other normalizations
/// ([`Design::badge_only`]).
#[allow(clippy::too_many_arguments)]
fn rewrite_as(
    project: &Project,
    path: &str,
    text: &str,
    design: &Design,
    format: Format,
    replacement: Option<&str>,
    history: Option<&str>,
    only_badge: bool,
) -> Vec<crate::text::edit::Edit> {
    let word = design.alias_word(&project.aliases);
    let options = Options {
        // Only the badge: the front matter is not wrapped, so no line links to that block.
        normalize: crate::model::config::Normalize {
            front_matter: project.config.normalize.front_matter && !only_badge,
            ..project.config.normalize
        },
        notice: project.config.notice,
        format,
        replaced_by: design.replaced_by.as_deref().filter(|d| is_relative_link(d)),
        replacement,
        history,
        smart_punctuation: project.config.smart_punctuation,
        inline_style: !project.config.stylesheet_installed,
        status_word: word.as_deref(),
    };
    normalize::edits(path, text, design, &project.template, options)
        .into_iter()
        .filter(|n| !only_badge || matches!(n.change, normalize::Change::Badge | normalize::Change::Title))
        .map(|n| n.edit)
        .collect()
}

/// `text` with a design's rewrite edits (in order) spliced in, or the warning that passes it
/// through.
fn apply(path: &str, text: &str, edits: &[crate::text::edit::Edit]) -> Result<String, Warning> {
    crate::text::edit::splice_in_order(text, edits).map_err(|e| Warning {
        path: path.to_string(),
        line: line_of(text, e.range.start),
        message: format!("{e}; the chapter is passed through unchanged"),
        help: "please report this as a bug in mdbook-design, with the file".into(),
    })
}

/// Whether a link works from the design's own page: repository-absolute paths such as
/// `/docs/proposals/x.md` (common in front matter) do not.
fn is_relative_link(dest: &str) -> bool {
    !dest.starts_with('/')
}

/// Lint findings for one design, with the text they point into.
#[derive(Debug)]
pub struct LintReport {
    /// The design's path relative to the book's `src`.
    pub path: String,
    /// The design's text as the author wrote it, kept only where a build can show a finding in
    /// full (see [`SHOWN_FINDINGS`]): copying every linted design would double the build's memory.
    pub text: Option<String>,
    /// The findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// What to lint and how: see [`Session::lint`].
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct LintOptions {
    /// Whether findings carry their fixes' edits (for `--fix` and an editor's quick fixes).
    pub with_edits: bool,
    /// Report only the designs at these paths (the others still give context); all when `None`.
    pub only: Option<std::collections::HashSet<String>>,
    /// Report the findings the session's baseline records too (`lint --write-baseline`).
    pub ignore_baseline: bool,
}

impl LintOptions {
    /// Findings with their fixes' edits.
    pub fn with_edits(mut self) -> LintOptions {
        self.with_edits = true;
        self
    }

    /// Reports the findings the baseline records too.
    pub fn ignore_baseline(mut self) -> LintOptions {
        self.ignore_baseline = true;
        self
    }

    /// Reports only the designs at `paths`.
    pub fn only(mut self, paths: impl IntoIterator<Item = String>) -> LintOptions {
        self.only = Some(paths.into_iter().collect());
        self
    }
}

/// The findings of one file: a design, or the sidecar metadata file beside it.
#[derive(Debug)]
pub struct Findings<'s> {
    /// The file's path as the session names it (relative to the book's `src`, or as given).
    pub path: &'s str,
    /// The design the file belongs to (its own path for a design).
    pub design: &'s str,
    /// The file's text.
    pub text: &'s str,
    /// The findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// What one lint run found.
#[derive(Debug)]
pub struct LintRun<'s> {
    /// How many designs were checked (and reported on).
    pub checked: usize,
    /// The files with findings, designs in chapter order, each followed by its sidecar.
    pub findings: Vec<Findings<'s>>,
    /// Configuration warnings (a misspelt rule id).
    pub warnings: Vec<Warning>,
    /// How many findings the session's baseline recorded, and so were left out.
    pub baselined: usize,
}

impl LintRun<'_> {
    /// The text of a baseline file recording every finding of the run (see
    /// [`crate::lint::Baseline`]): run it with [`LintOptions::ignore_baseline`], so that the
    /// findings fixed since the last baseline drop out and none it hid is lost.
    pub fn baseline_text(&self) -> String {
        let entries =
            self.findings.iter().flat_map(|f| lint::baseline::entries(f.path, f.text, &f.diagnostics)).collect();
        lint::baseline::render(entries)
    }
}

/// How many lint findings a build shows in full; the rest are counted by rule.
pub(crate) const SHOWN_FINDINGS: usize = 50;

/// What a book-level run reports.
#[derive(Debug, Default)]
pub struct Report {
    /// Warnings in chapter order.
    pub warnings: Vec<Warning>,
    /// How many design chapters were rewritten.
    pub rewritten: usize,
    /// How many design chapters passed through unchanged.
    pub passed_through: usize,
    /// Lint findings, per design with any.
    pub lint: Vec<LintReport>,
    /// Whether a lint finding is at `deny` and the configuration says the build must fail.
    pub denied: bool,
    /// How many lint findings the baseline (`baseline = "FILE"`) recorded, and so left out.
    pub baselined: usize,
    /// With the rebuild cache: how many designs this build parsed, of how many.
    pub parsed: Option<(usize, usize)>,
}

/// The book as every entry point hands it to the pass: the build (from mdBook's JSON), `lint`
/// and `index` (from the book folder). Reading it is the caller's I/O; what is a design, an index
/// page or an unlisted design that joins the book is decided here.
#[derive(Debug, Default)]
pub struct BookInput {
    /// The book's chapters in `SUMMARY.md` order, depth first.
    pub chapters: Vec<Chapter>,
    /// Design files on disk that `SUMMARY.md` does not list, sorted by path.
    pub unlisted: Vec<Chapter>,
    /// The chapter paths `SUMMARY.md` lists (for `not-in-summary`), when the book has one.
    pub listed: Option<Vec<String>>,
    /// Sidecar metadata files (`metadata-file`) by the path of the chapter they sit beside.
    pub sidecars: std::collections::HashMap<String, SidecarText>,
    /// Every file known to exist (relative paths like the chapters'), when the edge read a
    /// folder: links to `.md` files that are not designs are checked only then.
    pub files: Option<Vec<String>>,
    /// Folders (path prefixes, `""` for every relative path) inside which link targets are
    /// known; empty means every relative path.
    pub roots: Vec<String>,
}

/// Which designs the pass takes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The designs of the built book: the listed ones, and unlisted ones when `include-unlisted`
    /// is on and a chapter holds `{{#design-index}}` for them to join.
    Book,
    /// Every chapter but index pages is a design, and every unlisted design joins: the linter
    /// checks the files it was given, listed or not.
    Files,
}

/// What the pass knows of one chapter.
// Most chapters of a design book are designs: boxing the large variant would add an allocation
// per design and save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
enum Kind {
    /// Neither a design nor an index page.
    Other,
    /// A chapter holding `{{#design-index}}`.
    Index,
    /// A design, parsed once (when first needed, if the rebuild cache knows it).
    Design(Slot),
}

/// A design of the session: its parse, made at once, or when first needed when the rebuild
/// cache holds what an earlier build learnt from the same bytes; and, in a build with the cache,
/// what this build learns for the next.
#[derive(Debug, Default)]
struct Slot {
    parsed: OnceLock<Parsed>,
    /// The design key ([`cache::design_key`]); 0 without the cache.
    key: Key,
    /// What the last build learnt about the same design key.
    prior: Option<Box<cache::Record>>,
    /// What this build computed itself, for the next build's cache.
    fresh: Fresh,
}

/// The results a build with the cache computed for one design (see [`cache::Record`]).
#[derive(Debug, Default)]
struct Fresh {
    entry: OnceLock<Entry>,
    info: OnceLock<lint::DesignInfo>,
    include: OnceLock<Option<Warning>>,
    lint: OnceLock<LintRecord>,
    rewrite: OnceLock<RewriteRecord>,
}

impl Slot {
    /// A design parsed now.
    fn parsed_now(parsed: Parsed) -> Slot {
        Slot { parsed: OnceLock::from(parsed), ..Slot::default() }
    }

    /// The parse of the design at `path` whose text is `text`, made on first use.
    fn parsed(
        &self,
        project: &Project,
        path: &str,
        text: &str,
        sidecars: &std::collections::HashMap<String, SidecarText>,
    ) -> &Parsed {
        self.parsed.get_or_init(|| parse_with_sidecar(project, path, text, sidecars.get(path)))
    }

    /// Why the design passes through unchanged, if it does: from the cache, without a parse,
    /// when the cache knows the design.
    fn pass_through(
        &self,
        project: &Project,
        path: &str,
        text: &str,
        sidecars: &std::collections::HashMap<String, SidecarText>,
    ) -> Option<&Warning> {
        match &self.prior {
            Some(prior) => prior.warning.as_ref(),
            None => self.parsed(project, path, text, sidecars).warning.as_ref(),
        }
    }
}

/// The rebuild cache of a session that keeps one: the book key, and the lint digest once known.
#[derive(Debug)]
struct CacheState {
    book: Key,
    /// A digest of every design's title and anchors, in book order (set with the lint data).
    infos: OnceLock<Key>,
}

/// One book, read once: its configuration and template (the [`Project`]), every chapter
/// classified and every design parsed once with its sidecar, the index entries with `replaced`
/// links resolved, the status history, and one lint service ([`Session::lint`]) with every rule
/// and one severity policy. The build, `lint` (and `--fix`), `index`, the workflow functions and
/// the language server are adapters over it; the edges construct it from what they read
/// (mdBook's JSON, a book folder on disk, loose files).
#[derive(Debug)]
pub struct Session {
    project: Project,
    /// The book's chapters, then the unlisted designs that joined it.
    pub chapters: Vec<Chapter>,
    kinds: Vec<Kind>,
    /// The first chapter holding `{{#design-index}}`, under which unlisted designs join.
    pub index_chapter: Option<usize>,
    /// How many chapters at the end of `chapters` are unlisted designs that joined the book.
    pub added: usize,
    /// Chapter positions of the designs, in chapter order; `entries` follows the same order.
    designs: Vec<usize>,
    /// One index entry per design (passed-through ones too, so none is invisible).
    pub entries: Vec<Entry>,
    /// Warnings so far, in chapter order.
    pub warnings: Vec<Warning>,
    listed: Option<Vec<String>>,
    /// The template's own sidecar metadata file, when `metadata-file` is set and it has one.
    pub template_sidecar: Option<crate::model::design::Sidecar>,
    /// The status history from git, when the build reads it.
    history: Option<History>,
    /// The designs past their `[preprocessor.design.stale]` thresholds, computed with the history.
    stale: crate::feature::lint::FxHashMap<String, crate::feature::history::stale::Staleness>,
    /// HTML after each design's timeline, by path (see [`Session::set_timeline_extras`]).
    timeline_extras: std::collections::HashMap<String, String>,
    /// Every file known to exist, when known (for link checks).
    files: Option<Vec<String>>,
    /// The sidecar metadata files as read, by the path of the chapter they sit beside.
    sidecars: std::collections::HashMap<String, SidecarText>,
    /// How the chapters were taken in.
    scope: Scope,
    /// Folders inside which link targets are known.
    roots: Vec<String>,
    /// Every design's title and anchors for the book-level rules, built at the first lint and
    /// kept current by [`Session::set_design_text`].
    infos: std::sync::OnceLock<lint::DesignInfos>,
    /// The findings lint no longer reports (`baseline = "FILE"`, `lint --baseline FILE`).
    baseline: Option<lint::baseline::Baseline>,
    /// Whether the build keeps the text of every design with findings, not only of those a
    /// build shows in full (see [`Session::keep_lint_texts`]).
    keep_lint_texts: bool,
    /// The rebuild cache, in a build that keeps one.
    cache: Option<CacheState>,
}

impl Session {
    /// Makes [`Session::build`] keep the text of every design with findings in its report, for
    /// `mdbook serve`, which shows in full the findings that changed wherever they are.
    pub(crate) fn keep_lint_texts(&mut self) {
        self.keep_lint_texts = true;
    }

    /// Gives the session the book's status history: designs get their timeline, index entries
    /// the release they were implemented in, and `{{#design-releases}}` its page.
    pub fn set_history(&mut self, history: Option<History>) {
        self.stale.clear();
        if let Some(history) = &history {
            let now = crate::feature::history::stale::now();
            for entry in &mut self.entries {
                entry.released = history.released(&entry.path).map(str::to_string);
                entry.last_changed =
                    history.touched(&entry.path).map(|t| crate::feature::history::timeline::utc_date(t.last.time));
                if let Some(config) = &self.project.config.stale {
                    if let Some(s) =
                        crate::feature::history::stale::check(config, history, &entry.path, entry.status, now)
                    {
                        self.stale.insert(entry.path.clone(), s);
                    }
                }
                entry.stale = self.stale.contains_key(&entry.path);
            }
        }
        self.history = history;
    }

    /// Gives the session a lint baseline, which the edge read (`baseline = "FILE"` in
    /// `book.toml`, or `lint --baseline FILE`): every lint path (`lint`, the build, the language
    /// server) then leaves out the findings it records and counts them in
    /// [`LintRun::baselined`], so a `deny` gate fails only on new findings.
    pub fn set_baseline(&mut self, baseline: Option<lint::baseline::Baseline>) {
        self.baseline = baseline;
    }

    /// The status history, when the session has it.
    pub(crate) fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    /// Sets, by design path, the HTML that follows the status timeline on the design's page
    /// (what changed at each status change).
    pub(crate) fn set_timeline_extras(&mut self, extras: std::collections::HashMap<String, String>) {
        self.timeline_extras = extras;
    }

    /// The stale designs by path, as [`Session::set_history`] found them once.
    pub(crate) fn stale(&self) -> &crate::feature::lint::FxHashMap<String, crate::feature::history::stale::Staleness> {
        &self.stale
    }

    /// The configuration, template and aliases the session reads designs with.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Classifies and parses the chapters of `book` on both cores, joins unlisted designs as
    /// `scope` and the configuration say, and builds the index entries.
    pub fn new(project: Project, book: BookInput, scope: Scope) -> Session {
        Session::new_cached(project, book, scope, None)
    }

    /// [`Session::new`] for a build with the rebuild cache: designs the cache knows by their
    /// bytes are parsed only when something needs their model, and their index entries, titles,
    /// anchors, lint findings and rewrites come from the cache when what they read is unchanged.
    /// [`Session::take_cache`] then gives the cache for the next build.
    pub(crate) fn new_cached(project: Project, book: BookInput, scope: Scope, cache: Option<CacheInput>) -> Session {
        let BookInput { mut chapters, unlisted, listed, sidecars, files, roots } = book;
        let template_sidecar =
            sidecars.get(&project.config.template).map(|s| crate::model::design::Sidecar::parse(s, &project.aliases));
        let (cache, mut prior) = match cache {
            Some(input) => {
                let book = book_key(
                    input.fingerprint,
                    scope,
                    &project,
                    listed.as_deref(),
                    files.as_deref(),
                    &roots,
                    &sidecars,
                );
                let prior = input.prior.filter(|p| p.book == book).map(|p| p.records).unwrap_or_default();
                (Some(CacheState { book, infos: OnceLock::new() }), prior)
            }
            None => (None, Default::default()),
        };
        let keyed = cache.as_ref().map(|c| c.book);
        let mut kinds = classify(&project, &chapters, scope, &sidecars, keyed, &mut prior);
        let index_chapter = kinds.iter().position(|k| matches!(k, Kind::Index));
        let mut warnings = Vec::new();
        let joins = match scope {
            Scope::Files => true,
            Scope::Book => project.config.include_unlisted && index_chapter.is_some(),
        };
        let mut added = 0;
        if joins {
            let unlisted_kinds = classify(&project, &unlisted, scope, &sidecars, keyed, &mut prior);
            for (chapter, kind) in unlisted.into_iter().zip(unlisted_kinds) {
                // An index page in the designs folder (`design/README.md`) is not a design.
                let Kind::Design(slot) = kind else { continue };
                let path = chapter.path.clone().unwrap_or_default();
                if scope == Scope::Book {
                    let parsed = slot.parsed(&project, &path, &chapter.content, &sidecars);
                    let name =
                        parsed.design.as_ref().map_or_else(|| title_from_path(&path), |d| d.display_title(&path));
                    warnings.push(Warning {
                        line: 1,
                        message: "this design is not listed in SUMMARY.md; it was added under the design index".into(),
                        help: format!("add `- [{name}]({path})` to SUMMARY.md, or set include-unlisted = false"),
                        path,
                    });
                }
                chapters.push(chapter);
                kinds.push(Kind::Design(slot));
                added += 1;
            }
        }
        let designs: Vec<usize> =
            kinds.iter().enumerate().filter(|(_, k)| matches!(k, Kind::Design(_))).map(|(i, _)| i).collect();
        let mut entries: Vec<Entry> = designs
            .par_iter()
            .map(|&i| {
                let path = chapters[i].path.as_deref().unwrap_or_default();
                let Kind::Design(slot) = &kinds[i] else { return Entry::bare(path) };
                if let Some(prior) = &slot.prior {
                    return Entry::from(prior.entry.clone());
                }
                let text = &chapters[i].content;
                let parsed = slot.parsed(&project, path, text, &sidecars);
                let entry = match &parsed.design {
                    Some(design) => Entry::from_design(path, text, design, &project),
                    None => Entry::bare(path),
                };
                if cache.is_some() {
                    // Kept as made, before links and history; and the include warning, whose
                    // line is counted in the text as read.
                    let _ = slot.fresh.entry.set(entry.clone());
                    let include = parsed.design.as_ref().and_then(|d| include_warning(path, text, d));
                    let _ = slot.fresh.include.set(include);
                }
                entry
            })
            .collect();
        for w in index::link_replacements(&mut entries) {
            warnings.push(Warning {
                line: 1,
                help: "link the replacing design by its path in the book, or remove the reference".into(),
                path: w.path,
                message: w.message,
            });
        }
        Session {
            project,
            chapters,
            kinds,
            index_chapter,
            added,
            designs,
            entries,
            warnings,
            listed,
            template_sidecar,
            history: None,
            stale: Default::default(),
            timeline_extras: Default::default(),
            files,
            roots,
            sidecars,
            scope,
            infos: std::sync::OnceLock::new(),
            baseline: None,
            keep_lint_texts: false,
            cache,
        }
    }

    /// The same book with the texts of some designs (by path) and of some designs' sidecar
    /// metadata files (by the design's path) replaced, parsed again: what `--fix` reports on
    /// after writing.
    pub fn with_texts(
        &self,
        texts: &std::collections::HashMap<String, String>,
        sidecars: &std::collections::HashMap<String, String>,
    ) -> Session {
        let mut chapters: Vec<Chapter> = self
            .chapters
            .iter()
            .map(|c| match c.path.as_ref().and_then(|p| texts.get(p)) {
                Some(text) => Chapter { path: c.path.clone(), content: text.clone() },
                None => c.clone(),
            })
            .collect();
        let unlisted = chapters.split_off(chapters.len() - self.added);
        let mut sidecar_texts = self.sidecars.clone();
        for (design, text) in sidecars {
            if let Some(s) = sidecar_texts.get_mut(design) {
                s.text = text.clone();
                s.read_error = None;
            }
        }
        let input = BookInput {
            chapters,
            unlisted,
            listed: self.listed.clone(),
            sidecars: sidecar_texts,
            files: self.files.clone(),
            roots: self.roots.clone(),
        };
        let mut session = Session::new(self.project.clone(), input, self.scope);
        session.history = self.history.clone();
        session.stale = self.stale.clone();
        session.baseline = self.baseline.clone();
        session
    }

    /// The status and title (as the history reads them: without sidecar) of each design chapter
    /// the pass parsed, by its text, so that reading the history from git need not parse the
    /// same texts again.
    pub(crate) fn parsed_texts(&self) -> std::collections::HashMap<&str, (crate::model::status::Status, String)> {
        self.designs
            .iter()
            .filter_map(|&i| match self.parsed(i) {
                Some(Parsed { design: Some(design), .. }) if design.sidecar.is_none() => {
                    Some((self.chapters[i].content.as_str(), (design.status(), design.display_title(""))))
                }
                _ => None,
            })
            .collect()
    }

    /// The parse of chapter `i` when it is a design, made now if it was not yet.
    fn parsed(&self, i: usize) -> Option<&Parsed> {
        let Kind::Design(slot) = &self.kinds[i] else { return None };
        let path = self.chapters[i].path.as_deref().unwrap_or_default();
        Some(slot.parsed(&self.project, path, &self.chapters[i].content, &self.sidecars))
    }

    /// Why design chapter `i` passes through unchanged, if it does (from the cache, without a
    /// parse, when the cache knows it).
    fn pass_through(&self, i: usize) -> Option<&Warning> {
        let Kind::Design(slot) = &self.kinds[i] else { return None };
        let path = self.chapters[i].path.as_deref().unwrap_or_default();
        slot.pass_through(&self.project, path, &self.chapters[i].content, &self.sidecars)
    }

    /// The designs that parsed cleanly, as the linter takes them (a design that passes through
    /// has had its one warning).
    pub fn lint_files(&self) -> Vec<LintFile<'_>> {
        self.lint_designs().filter_map(|i| self.lint_file(i)).collect()
    }

    /// The chapter positions of the designs that lint (those that do not pass through).
    fn lint_designs(&self) -> impl Iterator<Item = usize> + '_ {
        self.designs.iter().copied().filter(|&i| self.pass_through(i).is_none())
    }

    /// Design chapter `i` as the linter takes it, when it parsed cleanly.
    fn lint_file(&self, i: usize) -> Option<LintFile<'_>> {
        match self.parsed(i)? {
            Parsed { design: Some(design), warning: None } => Some(LintFile {
                path: self.chapters[i].path.as_deref().unwrap_or_default(),
                text: &self.chapters[i].content,
                design,
            }),
            _ => None,
        }
    }

    /// The title of chapter `i` as the book shows it (for a design without one, from its path).
    pub fn title(&self, i: usize) -> String {
        let path = self.chapters[i].path.as_deref().unwrap_or_default();
        match self.parsed(i) {
            Some(Parsed { design: Some(design), .. }) => design.display_title(path),
            _ => title_from_path(path),
        }
    }

    /// The chapter paths `SUMMARY.md` lists, when known.
    pub fn listed(&self) -> Option<&[String]> {
        self.listed.as_deref()
    }

    /// A warning for each design whose status is an `{{#include}}` that mdBook has not expanded
    /// yet (this preprocessor runs before `links`): it shows `unknown`, and one line fixes it.
    fn unexpanded_includes(&self, report: &mut Report) {
        for &i in &self.designs {
            let warning = match &self.kinds[i] {
                Kind::Design(Slot { prior: Some(prior), .. }) => prior.include.clone(),
                _ => match self.parsed(i) {
                    Some(Parsed { design: Some(design), .. }) => include_warning(
                        self.chapters[i].path.as_deref().unwrap_or_default(),
                        &self.chapters[i].content,
                        design,
                    ),
                    _ => None,
                },
            };
            report.warnings.extend(warning);
        }
    }

    /// The warnings of designs that pass through unchanged (binary, too large, malformed).
    pub fn design_warnings(&self) -> impl Iterator<Item = &Warning> {
        self.designs.iter().filter_map(|&i| self.pass_through(i))
    }

    /// The lint context of this session, the one place where lint is configured: every
    /// design's title and anchors, `SUMMARY.md`, the known files, the template's sidecar and the
    /// configured severities. A misspelt rule id in `[preprocessor.design.lint]` is a warning
    /// (returned) and only that entry is ignored, on every path, so a typo cannot switch off a
    /// `deny` gate. `with_edits` makes findings carry their fixes' edits.
    pub fn lint_context(&self, with_edits: bool) -> (LintContext<'_>, Vec<Warning>) {
        let (severities, unknown) = Severities::from_known(&self.project.config.lint);
        let warnings = unknown
            .into_iter()
            .map(|e| Warning {
                path: "book.toml".into(),
                line: 1,
                message: format!("{e}; that entry is ignored"),
                help: "correct the rule id in [preprocessor.design.lint], or remove the entry".into(),
            })
            .collect();
        let infos = self.infos.get_or_init(|| {
            lint::DesignInfos::from_infos(self.design_infos())
                .with_summary(self.listed())
                .with_files(self.files.as_deref())
        });
        let mut ctx = LintContext::with_infos(&self.project, infos, severities)
            .with_template_sidecar(self.template_sidecar.clone());
        if !self.roots.is_empty() {
            ctx = ctx.with_roots(self.roots.clone());
        }
        if !with_edits {
            ctx = ctx.without_edits();
        }
        if !self.stale.is_empty() {
            ctx = ctx.with_stale(self.stale.clone());
        }
        (ctx, warnings)
    }

    /// The title and anchors of every design that lints, in book order, from the cache where it
    /// knows the design; with the cache, their digest is recorded for the lint records' key.
    fn design_infos(&self) -> Vec<(String, lint::DesignInfo)> {
        let smart = self.project.config.smart_punctuation;
        let designs: Vec<usize> = self.lint_designs().collect();
        let infos: Vec<(String, lint::DesignInfo)> = designs
            .par_iter()
            .with_min_len(4)
            .filter_map(|&i| {
                let path = self.chapters[i].path.as_deref().unwrap_or_default();
                let Kind::Design(slot) = &self.kinds[i] else { return None };
                if let Some(info) = slot.prior.as_ref().and_then(|p| p.info.clone()) {
                    return Some((path.to_string(), info));
                }
                let file = self.lint_file(i)?;
                let info = lint::design_info(file.text, file.design, smart);
                if self.cache.is_some() {
                    let _ = slot.fresh.info.set(info.clone());
                }
                Some((path.to_string(), info))
            })
            .collect();
        if let Some(cache) = &self.cache {
            let mut h = cache::Hasher::new();
            h.key(cache.book);
            for (path, info) in &infos {
                h.str(path).opt(info.title.as_deref());
                let mut anchors: Vec<&String> = info.anchors.iter().collect();
                anchors.sort_unstable();
                h.key(anchors.len() as Key);
                for a in anchors {
                    h.str(a);
                }
            }
            let _ = cache.infos.set(h.finish());
        }
        infos
    }

    /// The key under which a design's lint findings hold, in a build with the cache: every
    /// design's title and anchors, and the stale designs.
    fn lint_digest(&self) -> Option<Key> {
        let cache = self.cache.as_ref()?;
        let mut h = cache::Hasher::new();
        h.key(*cache.infos.get()?);
        let mut stale: Vec<(&String, String)> = self.stale.iter().map(|(p, s)| (p, format!("{s:?}"))).collect();
        stale.sort_unstable();
        for (path, s) in stale {
            h.str(path).str(&s);
        }
        Some(h.finish())
    }

    /// The one lint path: every design that parsed cleanly and its sidecar metadata file,
    /// checked with every rule at the configured severities, on both cores. Findings come per
    /// file (a sidecar's under its own path), in chapter order; files without findings are left
    /// out, and designs outside `only` (when given) are checked for context but not reported.
    pub fn lint(&self, options: &LintOptions) -> LintRun<'_> {
        let (ctx, warnings) = self.lint_context(options.with_edits);
        // Findings are kept in (and taken from) the cache only as a build makes them.
        let digest = self.lint_digest().filter(|_| !options.with_edits);
        let path_of = |i: usize| self.chapters[i].path.as_deref().unwrap_or_default();
        let designs: Vec<usize> = self
            .lint_designs()
            .filter(|&i| options.only.as_ref().is_none_or(|only| only.contains(path_of(i))))
            .collect();
        // Findings the baseline records are left out here, so that every entry point (and its
        // `deny` gate) sees only the new ones.
        let baseline = self.baseline.as_ref().filter(|_| !options.ignore_baseline);
        let results: Vec<(Vec<Diagnostic>, Vec<Diagnostic>, usize)> = designs
            .par_iter()
            .map(|&i| {
                let Kind::Design(slot) = &self.kinds[i] else { return (Vec::new(), Vec::new(), 0) };
                let known = slot.prior.as_ref().and_then(|p| p.lint.as_ref()).filter(|l| Some(l.digest) == digest);
                let (mut design, mut sidecar) = match known {
                    Some(record) => (record.design.clone(), record.sidecar.clone()),
                    None => {
                        let Some(f) = self.lint_file(i) else { return (Vec::new(), Vec::new(), 0) };
                        let found = (lint::lint_design(&ctx, &f), lint::sidecar::lint_sidecar(&ctx, f.design));
                        if let Some(digest) = digest {
                            let (design, sidecar) = (found.0.clone(), found.1.clone());
                            let _ = slot.fresh.lint.set(LintRecord { digest, design, sidecar });
                        }
                        found
                    }
                };
                let mut hidden = 0;
                if let Some(baseline) = baseline {
                    hidden += baseline.filter(path_of(i), &self.chapters[i].content, &mut design);
                    if let Some(s) = self.sidecars.get(path_of(i)) {
                        hidden += baseline.filter(&s.path, &s.text, &mut sidecar);
                    }
                }
                (design, sidecar, hidden)
            })
            .collect();
        let mut findings = Vec::new();
        let mut baselined = 0;
        for (&i, (design, sidecar, hidden)) in designs.iter().zip(results) {
            baselined += hidden;
            let (path, text) = (path_of(i), self.chapters[i].content.as_str());
            if !design.is_empty() {
                findings.push(Findings { path, design: path, text, diagnostics: design });
            }
            if let (false, Some(s)) = (sidecar.is_empty(), self.sidecars.get(path)) {
                findings.push(Findings { path: &s.path, design: path, text: &s.text, diagnostics: sidecar });
            }
        }
        LintRun { checked: designs.len(), findings, warnings, baselined }
    }

    /// Lints the book for the build, into `report`: the findings, the config warnings, and
    /// whether the build must fail (`lint = "deny"` and a finding at `deny`).
    fn lint_for_build(&self, report: &mut Report) {
        let run = self.lint(&LintOptions::default());
        report.warnings.extend(run.warnings);
        report.baselined = run.baselined;
        // A report's text is kept when one of its findings can be among the first SHOWN_FINDINGS
        // that `mdbook::wire::lint_text` shows: denied ones first, in book order, then the others.
        let mut before = 0usize;
        let mut denied_before = 0usize;
        for Findings { path, text, diagnostics, .. } in run.findings {
            let denied = diagnostics.iter().filter(|d| d.severity == lint::Severity::Deny).count();
            report.denied |= self.project.config.lint.mode == LintMode::Deny && denied > 0;
            let shown =
                self.keep_lint_texts || before < SHOWN_FINDINGS || (denied > 0 && denied_before < SHOWN_FINDINGS);
            before += diagnostics.len();
            denied_before += denied;
            report.lint.push(LintReport { path: path.to_string(), text: shown.then(|| text.to_string()), diagnostics });
        }
    }

    /// Rewrites every design that parsed cleanly (badge, normalization) and expands the
    /// `{{#design-index}}` directives, on both cores, into `report`.
    pub fn rewrite(&mut self, format: Format, report: &mut Report) {
        let project = &self.project;
        let entries = &self.entries;
        let history = self.history.as_ref();
        let timeline_extras = &self.timeline_extras;
        let titles = index::Titles::new(entries);
        // Each design's index entry, by chapter position.
        let mut entry_of: Vec<Option<usize>> = vec![None; self.chapters.len()];
        for (k, &i) in self.designs.iter().enumerate() {
            entry_of[i] = Some(k);
        }
        let kinds = &self.kinds;
        let sidecars = &self.sidecars;
        let cached = self.cache.is_some();
        // Each design is rewritten in place, so its old text is freed as soon as the new one is
        // made: the book never holds two copies of every design at once.
        // Whether each chapter changed, and the warning it gets.
        let rewritten: Vec<(bool, Option<Warning>)> = self
            .chapters
            .par_iter_mut()
            .with_min_len(4)
            .enumerate()
            .filter_map(|(i, chapter)| {
                let entry = &entries[entry_of[i]?];
                let Kind::Design(slot) = &kinds[i] else { return Some((false, None)) };
                let path = chapter.path.as_deref().unwrap_or_default();
                let replaces_or_replaced = entry.replaced_by.is_some() || !entry.replaces.is_empty();
                let replacement =
                    replaces_or_replaced.then(|| index::replacement_line(entry, &titles, format)).flatten();
                let timeline = history.and_then(|h| timeline_line(h.of(path), format)).map(|t| {
                    match (format, timeline_extras.get(path)) {
                        (Format::Html, Some(extra)) => format!("{t}{extra}"),
                        _ => t,
                    }
                });
                // What the rewrite reads besides the design itself (whose bytes key the record).
                let key = cached.then(|| {
                    cache::Hasher::new()
                        .bytes(&[u8::from(format == Format::Html)])
                        .opt(replacement.as_deref())
                        .opt(timeline.as_deref())
                        .finish()
                });
                let known = slot.prior.as_ref().and_then(|p| p.rewrite.as_ref()).filter(|r| Some(r.key) == key);
                let fresh;
                let edits: Option<&[crate::text::edit::Edit]> = match known {
                    Some(record) => record.edits.as_deref(),
                    None => {
                        let parsed = slot.parsed(project, path, &chapter.content, sidecars);
                        let edits = match parsed {
                            Parsed { design: Some(design), warning } if warning.is_none() || design.badge_only() => {
                                Some(rewrite_as(
                                    project,
                                    path,
                                    &chapter.content,
                                    design,
                                    format,
                                    replacement.as_deref(),
                                    timeline.as_deref(),
                                    warning.is_some(),
                                ))
                            }
                            _ => None,
                        };
                        // In the order the splice applies them, which the record keeps.
                        let edits = edits.map(|mut edits| {
                            edits.sort_by_key(|e| (e.range.start, e.range.end));
                            edits
                        });
                        match key {
                            Some(key) => {
                                let _ = slot.fresh.rewrite.set(RewriteRecord { key, edits });
                                slot.fresh.rewrite.get().and_then(|r| r.edits.as_deref())
                            }
                            None => {
                                fresh = edits;
                                fresh.as_deref()
                            }
                        }
                    }
                };
                let warning = slot.pass_through(project, path, &chapter.content, sidecars).cloned();
                let Some(edits) = edits else { return Some((false, warning)) };
                Some(match apply(path, &chapter.content, edits) {
                    Ok(out) => {
                        let changed = out != chapter.content;
                        if changed {
                            chapter.content = out;
                        }
                        (changed, warning)
                    }
                    Err(w) => (false, Some(w)),
                })
            })
            .collect();
        for (changed, warning) in rewritten {
            if changed {
                report.rewritten += 1;
            } else if warning.is_some() {
                report.passed_through += 1;
            }
            report.warnings.extend(warning);
        }
        let order = project.config.index_order;
        for (i, chapter) in self.chapters.iter_mut().enumerate() {
            if !matches!(self.kinds[i], Kind::Index) {
                continue;
            }
            let path = chapter.path.clone().unwrap_or_default();
            let (text, errors) = index::expand_lenient(
                &chapter.content,
                &path,
                &self.entries,
                order,
                format,
                !self.project.config.stylesheet_installed,
            );
            if let Some(text) = text {
                chapter.content = text;
            }
            for e in errors {
                report.warnings.push(Warning {
                    path: e.chapter,
                    line: e.line,
                    message: format!("{{{{#design-index}}}}: {}; the directive is left as written", e.message),
                    help: "fix the directive's arguments".into(),
                });
            }
        }
    }

    /// Expands `{{#design-releases}}` in the chapters that are not designs: the release history
    /// page from the status timelines, or a sentence and a warning when there is no history.
    fn expand_releases(&mut self, format: Format, report: &mut Report) {
        let pages: Vec<(usize, Vec<std::ops::Range<usize>>)> = self
            .chapters
            .iter()
            .enumerate()
            .filter(|(i, c)| !matches!(self.kinds[*i], Kind::Design(_)) && c.content.contains(page::DIRECTIVE))
            .map(|(i, c)| (i, page::find(&c.content)))
            .filter(|(_, found)| !found.is_empty())
            .collect();
        for (i, found) in pages {
            let path = self.chapters[i].path.clone().unwrap_or_default();
            let expansion = match &self.history {
                Some(history) => {
                    let texts: std::collections::HashMap<&str, &str> = self
                        .designs
                        .iter()
                        .filter_map(|&d| Some((self.chapters[d].path.as_deref()?, self.chapters[d].content.as_str())))
                        .collect();
                    let text_of = |p: &str| texts.get(p).map(|t| t.to_string());
                    page::releases_markdown(history, &self.project, &path, format == Format::Html, &text_of)
                }
                None => {
                    report.warnings.push(Warning {
                        path: path.clone(),
                        line: line_of(&self.chapters[i].content, found[0].start),
                        message: "{{#design-releases}} needs the book's git history, which this build does not have"
                            .into(),
                        help: "build the book inside its git clone, with history = \"auto\" or \"on\"".into(),
                    });
                    "*The release history is not available in this build.*".to_string()
                }
            };
            let edits = found
                .into_iter()
                .map(|r| crate::text::edit::Edit::replace(r, expansion.trim_end().to_string()))
                .collect();
            if let Ok((text, _)) = splice(&self.chapters[i].content, edits) {
                self.chapters[i].content = text;
            }
        }
    }

    /// The build: lint (when configured) and rewrite; the report holds every warning.
    pub fn build(&mut self, format: Format) -> Report {
        let mut report = Report { warnings: std::mem::take(&mut self.warnings), ..Report::default() };
        if self.project.config.lint.mode != LintMode::Off {
            self.lint_for_build(&mut report);
        } else {
            // Lint's `invalid-status` says this when lint runs; without it, the build still does.
            self.unexpanded_includes(&mut report);
        }
        self.rewrite(format, &mut report);
        self.expand_releases(format, &mut report);
        report
    }
}

/// The rebuild cache of a build that keeps one.
impl Session {
    /// The cache for the next build ([`cache::BookCache::encode`] makes its bytes): one record
    /// per design of this build (none for designs gone), with what this build computed or reused.
    /// Call it after [`Session::build`]; it moves the records out, so it gives `None` the second
    /// time, as it does without the cache. Also says how many designs this build parsed.
    pub(crate) fn take_cache(&mut self) -> Option<(cache::BookCache, usize)> {
        let book = self.cache.take()?.book;
        let mut records = crate::feature::lint::FxHashMap::default();
        let mut parsed = 0;
        for &i in &self.designs {
            let Kind::Design(slot) = &mut self.kinds[i] else { continue };
            parsed += usize::from(slot.parsed.get().is_some());
            let prior = slot.prior.take().map(|p| *p);
            let fresh = &mut slot.fresh;
            let record = match prior {
                Some(prior) => cache::Record {
                    info: fresh.info.take().or(prior.info),
                    lint: fresh.lint.take().or(prior.lint),
                    rewrite: fresh.rewrite.take().or(prior.rewrite),
                    ..prior
                },
                None => {
                    let Some(entry) = fresh.entry.take() else { continue };
                    cache::Record {
                        warning: slot.parsed.get().and_then(|p| p.warning.clone()),
                        entry: cache::EntryRecord::from(&entry),
                        info: fresh.info.take(),
                        include: fresh.include.take().flatten(),
                        lint: fresh.lint.take(),
                        rewrite: fresh.rewrite.take(),
                    }
                }
            };
            records.insert(slot.key, record);
        }
        Some((cache::BookCache { book, records }, parsed))
    }
}

/// A long-lived session (the language server's): one design's text replaced as an editor changes
/// it, and what the session knows of the design looked up by path.
impl Session {
    /// The design chapter at `path` now reads `text` (an editor's unsaved text, or the file as
    /// saved): that one chapter is parsed again with its sidecar, its index entry rebuilt (and
    /// the two-way `replaced` links when either text names a replacement), and its title and
    /// anchors updated in the book-level lint data, without touching the other designs. A path
    /// the session does not hold joins it as an unlisted design when the project takes it for a
    /// design (a new file). Returns whether `path` is a design of the session now.
    pub fn set_design_text(&mut self, path: &str, text: String) -> bool {
        let i = match self.chapters.iter().position(|c| c.path.as_deref() == Some(path)) {
            Some(i) => i,
            None => {
                if self.scope == Scope::Book || !self.project.is_design(std::path::Path::new(path)) {
                    return false;
                }
                self.chapters.push(Chapter { path: Some(path.to_string()), content: String::new() });
                self.kinds.push(Kind::Other);
                self.added += 1;
                self.designs.push(self.chapters.len() - 1);
                self.entries.push(Entry::bare(path));
                self.chapters.len() - 1
            }
        };
        let Some(k) = self.designs.iter().position(|&d| d == i) else { return false };
        let parsed = parse_with_sidecar(&self.project, path, &text, self.sidecars.get(path));
        let entry = match &parsed.design {
            Some(design) => Entry::from_design(path, &text, design, &self.project),
            None => Entry::bare(path),
        };
        let info = match &parsed {
            Parsed { design: Some(design), warning: None } => {
                Some(lint::design_info(&text, design, self.project.config.smart_punctuation))
            }
            _ => None,
        };
        let references = |e: &Entry| e.references.replaced_by.is_some() || !e.references.replaces.is_empty();
        let relink = references(&self.entries[k]) || references(&entry);
        self.chapters[i].content = text;
        self.kinds[i] = Kind::Design(Slot::parsed_now(parsed));
        self.entries[k] = entry;
        if let Some(history) = &self.history {
            self.entries[k].released = history.released(path).map(str::to_string);
        }
        if relink {
            index::link_replacements(&mut self.entries);
        }
        if let Some(infos) = self.infos.get_mut() {
            infos.set(path, info);
        }
        true
    }

    /// The text of the design chapter at `path`, its model when it parsed, and the warning that
    /// makes it pass through (binary, too large, malformed), if any.
    pub fn design_at(&self, path: &str) -> Option<(&str, Option<&Design>, Option<&Warning>)> {
        let i = self.designs.iter().copied().find(|&i| self.chapters[i].path.as_deref() == Some(path))?;
        let parsed = self.parsed(i)?;
        Some((&self.chapters[i].content, parsed.design.as_ref(), parsed.warning.as_ref()))
    }

    /// The index entry of the design at `path`.
    pub fn entry(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// The sidecar metadata file beside the design at `path`, as read.
    pub fn sidecar_of(&self, path: &str) -> Option<&SidecarText> {
        self.sidecars.get(path)
    }
}

/// What each chapter is, with designs parsed, on both cores. A chapter holding
/// `{{#design-index}}` is an index page, not a design, wherever it sits. With the cache (`book`
/// is the book key), a design whose design key `prior` holds takes that record and is not parsed
/// now.
fn classify(
    project: &Project,
    chapters: &[Chapter],
    scope: Scope,
    sidecars: &std::collections::HashMap<String, SidecarText>,
    book: Option<Key>,
    prior: &mut crate::feature::lint::FxHashMap<Key, cache::Record>,
) -> Vec<Kind> {
    let is_design = |p: &&str| scope == Scope::Files || project.is_design(std::path::Path::new(p));
    // What each chapter is: `Err(true)` an index page, `Err(false)` another chapter, `Ok(key)`
    // a design with its design key (0 without the cache).
    let keys: Vec<Result<Key, bool>> = chapters
        .par_iter()
        .with_min_len(4)
        .map(|chapter| {
            if index::is_index_chapter(&chapter.content) {
                return Err(true);
            }
            let path = chapter.path.as_deref().filter(is_design).ok_or(false)?;
            Ok(book.map_or(0, |book| {
                let sidecar = sidecars.get(path).map(|s| (s.text.as_str(), s.read_error.as_deref()));
                cache::design_key(book, path, &chapter.content, sidecar)
            }))
        })
        .collect();
    let mut known: Vec<Option<Box<cache::Record>>> =
        keys.iter().map(|k| k.ok().filter(|_| book.is_some()).and_then(|k| prior.remove(&k)).map(Box::new)).collect();
    chapters
        .par_iter()
        .zip(keys.par_iter())
        .zip(known.par_iter_mut())
        .with_min_len(4)
        .map(|((chapter, key), known)| {
            let key = match *key {
                Ok(key) => key,
                Err(true) => return Kind::Index,
                Err(false) => return Kind::Other,
            };
            let path = chapter.path.as_deref().unwrap_or_default();
            match known.take() {
                Some(record) => Kind::Design(Slot { key, prior: Some(record), ..Slot::default() }),
                None => Kind::Design(Slot {
                    key,
                    ..Slot::parsed_now(parse_with_sidecar(project, path, &chapter.content, sidecars.get(path)))
                }),
            }
        })
        .collect()
}

/// The book key: the edge's `fingerprint` (tool, configuration, template, renderer) and what the
/// session was given that every design's results read: the scope, `SUMMARY.md`'s list,
/// the known files, the link roots, and the template's own sidecar file.
fn book_key(
    fingerprint: Key,
    scope: Scope,
    project: &Project,
    listed: Option<&[String]>,
    files: Option<&[String]>,
    roots: &[String],
    sidecars: &std::collections::HashMap<String, SidecarText>,
) -> Key {
    let mut h = cache::Hasher::new();
    h.key(fingerprint).bytes(&[u8::from(scope == Scope::Book)]);
    // As sets: the edges may hand them over in any order.
    for list in [listed, files, Some(roots)] {
        match list {
            Some(list) => {
                let mut sorted: Vec<&String> = list.iter().collect();
                sorted.sort_unstable();
                h.key(list.len() as Key + 1);
                for item in sorted {
                    h.str(item);
                }
            }
            None => {
                h.key(0);
            }
        }
    }
    let template = sidecars.get(&project.config.template);
    h.opt(template.map(|s| s.text.as_str())).opt(template.and_then(|s| s.read_error.as_deref()));
    h.finish()
}

/// The warning for a design whose status is an `{{#include}}` that mdBook has not expanded yet
/// (this preprocessor runs before `links`): it shows `unknown`, and one line fixes it.
fn include_warning(path: &str, text: &str, design: &Design) -> Option<Warning> {
    let field = design.unexpanded_include()?;
    Some(Warning {
        path: path.to_string(),
        line: line_of(text, field.span.start),
        message: format!(
            "the status is pulled in with `{}`, which mdBook has not expanded yet, so the design shows `unknown`",
            field.raw
        ),
        help: "mdBook's `links` preprocessor expands `{{#include}}`: run this one after it, with \
               `after = [\"links\"]` under `[preprocessor.design]` in book.toml"
            .into(),
    })
}

/// Runs the whole build pass over a book's chapters in place (no unlisted designs): parse each
/// design once, build the index entries, lint, rewrite designs, and expand `{{#design-index}}`
/// directives. `listed` holds the chapter paths `SUMMARY.md` lists (for `not-in-summary`).
pub fn process_book(
    project: &Project,
    format: Format,
    chapters: &mut Vec<Chapter>,
    listed: Option<&[String]>,
) -> Report {
    let book = BookInput {
        chapters: std::mem::take(chapters),
        listed: listed.map(<[String]>::to_vec),
        ..BookInput::default()
    };
    let mut pass = Session::new(project.clone(), book, Scope::Book);
    let report = pass.build(format);
    *chapters = pass.chapters;
    report
}
