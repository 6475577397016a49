//! Lint rules over the design model, their fixes and output formats.
//!
//! Everything here is pure: the caller reads files, parses each once into a [`Design`], builds
//! one [`LintContext`] for the cross-file rules, and calls [`lint_design`] per file. Fixes are
//! [`Edit`]s that [`fix::fix_text`] splices with [`crate::text::edit::splice`]; output formats live in
//! [`format`]. The command line (`mdbook-design lint`) and the preprocessor's build-time lint both
//! sit on this API.

pub(crate) mod baseline;
mod directive;
pub(crate) mod fix;
pub(crate) mod format;
pub(crate) mod registry;
mod rules;
pub(crate) mod sidecar;

use std::borrow::Cow;
use std::ops::Range;

use rayon::prelude::*;

use crate::model::config::ConfigError;
pub(crate) use crate::model::config::Severity;
use crate::model::design::Design;
use crate::model::project::Project;
use crate::text::edit::Edit;
pub(crate) use fix::{fix_text, fixes};
pub(crate) use format::{render, FileReport, Format};
pub(crate) use registry::{Rule, Severities};
pub(crate) use rustc_hash::{FxHashMap, FxHashSet};

/// A fix attached to a diagnostic: edits against the text the diagnostic was made from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fix {
    /// What the fix will do, in the imperative, for an editor's menu (`Write the status as ...`).
    pub title: String,
    /// What the fix did, for `--fix` to print (`wrote the status as ...`).
    pub description: String,
    /// The edits; they never touch code blocks or tables and keep every word of the author.
    pub edits: Vec<Edit>,
}

/// One finding in one design.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The design's path, as given in [`LintFile::path`].
    pub path: String,
    /// The rule that found it.
    pub rule: Rule,
    /// Its severity after configuration (never `Allow`).
    pub severity: Severity,
    /// The bytes it is about (may be empty: a point).
    pub span: Range<usize>,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column (in characters) of `span.start`.
    pub column: usize,
    /// 1-based line of `span.end`.
    pub end_line: usize,
    /// 1-based column (in characters) of `span.end`.
    pub end_column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it by hand, when there is more to say.
    pub help: Option<String>,
    /// Whether `--fix` fixes it (possibly through another diagnostic's fix of the same text).
    pub fixable: bool,
    /// The fix, for the diagnostic that carries it.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic of `rule` at `span`; the linter fills in path, severity and position.
    pub fn new(rule: Rule, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: String::new(),
            rule,
            severity: rule.info().default,
            span,
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            message: message.into(),
            help: None,
            fixable: false,
            fix: None,
        }
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a fix: its `title` for an editor's menu (imperative), its `description` for `--fix`
    /// to print (past tense).
    pub fn with_fix(
        mut self,
        title: impl Into<String>,
        description: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Diagnostic {
        self.fixable = true;
        self.fix = Some(Fix { title: title.into(), description: description.into(), edits });
        self
    }

    /// Marks it fixable by a fix that another diagnostic carries.
    pub fn fixed_elsewhere(mut self) -> Diagnostic {
        self.fixable = true;
        self
    }
}

/// One design to lint: its path, text and model.
#[derive(Debug, Clone, Copy)]
pub struct LintFile<'a> {
    /// The path relative to the book's `src` (or as given on the command line), `/` separated.
    pub path: &'a str,
    /// The source text.
    pub text: &'a str,
    /// The text parsed once.
    pub design: &'a Design,
}

/// What other designs need to know about one design: its title and anchors.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DesignInfo {
    /// The title as written (H1, else front matter `title:`), when there is one.
    pub title: Option<String>,
    /// The heading and term ids mdBook gives it, and HTML `id`/`name` anchors, case kept.
    pub anchors: FxHashSet<String>,
}

/// What the book-level rules read about every design of a book: each design's [`DesignInfo`]
/// by path, and the paths using each title. Built once for a book; [`DesignInfos::set`] updates
/// one design (a language server's edit) without touching the others.
#[derive(Debug, Clone, Default)]
pub struct DesignInfos {
    designs: FxHashMap<String, DesignInfo>,
    /// The paths `SUMMARY.md` lists, when there is one.
    summary: Option<FxHashSet<String>>,
    /// Every file known to exist, designs included, when known.
    files: Option<FxHashSet<String>>,
    /// Lowercased titles to the paths that use them, in the order of the designs given to
    /// [`DesignInfos::build`] (a design set later goes in path order).
    titles: FxHashMap<String, Vec<String>>,
}

impl DesignInfos {
    /// The titles and anchors of `designs` (every design of the book, parsed), on every core.
    pub fn build(designs: &[LintFile<'_>], smart_punctuation: bool) -> DesignInfos {
        let infos: Vec<(String, DesignInfo)> = designs
            .par_iter()
            .map(|f| (f.path.to_string(), design_info(f.text, f.design, smart_punctuation)))
            .collect();
        DesignInfos::from_infos(infos)
    }

    /// The book-level data of designs whose [`DesignInfo`]s are already known (made by
    /// [`design_info`], now or by an earlier build), in book order.
    pub fn from_infos(infos: Vec<(String, DesignInfo)>) -> DesignInfos {
        let mut titles: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (path, info) in &infos {
            if let Some(title) = &info.title {
                titles.entry(title_key(title)).or_default().push(path.clone());
            }
        }
        DesignInfos { designs: infos.into_iter().collect(), titles, summary: None, files: None }
    }

    /// Records the paths `SUMMARY.md` lists (see [`LintContext::summary`]).
    pub fn with_summary(mut self, summary: Option<&[String]>) -> DesignInfos {
        self.summary = summary.map(|s| s.iter().cloned().collect());
        self
    }

    /// Records every file known to exist (see [`LintContext::with_files`]); the designs are
    /// known too.
    pub fn with_files(mut self, files: Option<&[String]>) -> DesignInfos {
        self.files = files.map(|f| f.iter().cloned().chain(self.designs.keys().cloned()).collect());
        self
    }

    /// Replaces what is known of the design at `path` (`None`: it is no longer a design that
    /// lints), keeping the title lists current.
    pub fn set(&mut self, path: &str, info: Option<DesignInfo>) {
        if let Some(old) = self.designs.remove(path).and_then(|old| old.title) {
            let key = title_key(&old);
            if let Some(paths) = self.titles.get_mut(&key) {
                paths.retain(|p| p != path);
                if paths.is_empty() {
                    self.titles.remove(&key);
                }
            }
        }
        let Some(info) = info else { return };
        if let Some(files) = &mut self.files {
            files.insert(path.to_string());
        }
        if let Some(title) = &info.title {
            let paths = self.titles.entry(title_key(title)).or_default();
            let at = paths.partition_point(|p| p.as_str() < path);
            paths.insert(at, path.to_string());
        }
        self.designs.insert(path.to_string(), info);
    }

    /// What is known of the design at `path`.
    pub fn get(&self, path: &str) -> Option<&DesignInfo> {
        self.designs.get(path)
    }

    /// Every design's path and what is known of it, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &DesignInfo)> {
        self.designs.iter().map(|(p, i)| (p.as_str(), i))
    }
}

/// Everything the cross-file rules need, built once for a run.
#[derive(Debug, Clone)]
pub struct LintContext<'a> {
    /// Configuration, template and aliases.
    pub project: &'a Project,
    /// Severity of each rule.
    pub severities: Severities,
    /// Every design of the run by path (including ones not being reported on); borrowed from a
    /// [`DesignInfos`] that a long-lived session keeps current.
    pub designs: Cow<'a, FxHashMap<String, DesignInfo>>,
    /// Paths `SUMMARY.md` lists, when there is a `SUMMARY.md`.
    pub summary: Option<Cow<'a, FxHashSet<String>>>,
    /// Every file known to exist (designs included), when known; links to other `.md` files are
    /// checked only then.
    pub files: Option<Cow<'a, FxHashSet<String>>>,
    /// Folders (path prefixes, `""` for all relative paths) inside which link targets are known;
    /// links that leave them are not checked.
    pub roots: Vec<String>,
    /// Whether diagnostics carry their fixes' edits (otherwise only `fixable` is set, which is
    /// cheaper when nothing will be fixed).
    pub with_edits: bool,
    /// The template's own sidecar metadata file, whose keys every sidecar must have.
    pub template_sidecar: Option<crate::model::design::Sidecar>,
    /// The designs past their `[preprocessor.design.stale]` thresholds, by path, computed once
    /// from the session's history (empty when staleness is not configured or there is no history).
    pub(crate) stale: FxHashMap<String, crate::feature::history::stale::Staleness>,
    /// Lowercased titles to the paths that use them.
    titles: Cow<'a, FxHashMap<String, Vec<String>>>,
    /// Template prose lines, for `template-text`.
    template_prose: FxHashSet<String>,
    /// A bitmap of [`prose_key`]s of template prose lines (a cheap filter before hashing).
    prose_filter: Vec<u64>,
}

impl<'a> LintContext<'a> {
    /// Builds the context for `designs` (every design of the book, parsed), with the paths
    /// `SUMMARY.md` lists when the book has one. Fails when the lint configuration names an
    /// unknown rule.
    pub fn new(
        project: &'a Project,
        designs: &[LintFile<'_>],
        summary: Option<&[String]>,
    ) -> Result<Self, ConfigError> {
        let severities = Severities::from_config(&project.config.lint)?;
        Ok(Self::with_configured(project, designs, summary, severities))
    }

    /// [`LintContext::new`] with `severities` standing for the configured ones.
    pub fn with_configured(
        project: &'a Project,
        designs: &[LintFile<'_>],
        summary: Option<&[String]>,
        severities: Severities,
    ) -> Self {
        let DesignInfos { designs, titles, .. } = DesignInfos::build(designs, project.config.smart_punctuation);
        let summary = summary.map(|s| Cow::Owned(s.iter().cloned().collect()));
        Self::assemble(project, Cow::Owned(designs), Cow::Owned(titles), summary, severities)
    }

    /// [`LintContext::with_configured`] over cross-file data built before (and kept current by
    /// [`DesignInfos::set`]), borrowed: what a long-lived session lints with, so that one changed
    /// design does not rebuild every design's titles and anchors.
    pub fn with_infos(project: &'a Project, infos: &'a DesignInfos, severities: Severities) -> Self {
        let summary = infos.summary.as_ref().map(Cow::Borrowed);
        let mut ctx =
            Self::assemble(project, Cow::Borrowed(&infos.designs), Cow::Borrowed(&infos.titles), summary, severities);
        ctx.files = infos.files.as_ref().map(Cow::Borrowed);
        ctx
    }

    fn assemble(
        project: &'a Project,
        designs: Cow<'a, FxHashMap<String, DesignInfo>>,
        titles: Cow<'a, FxHashMap<String, Vec<String>>>,
        summary: Option<Cow<'a, FxHashSet<String>>>,
        severities: Severities,
    ) -> Self {
        let template = &project.template;
        let template_prose: FxHashSet<String> = template
            .preamble
            .iter()
            .chain(template.sections.iter().flat_map(|s| s.prose.iter()))
            .map(|l| rules::normalize_prose(l).to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let mut prose_filter = vec![0u64; 1024];
        for line in &template_prose {
            let k = prose_key(line);
            prose_filter[k / 64] |= 1 << (k % 64);
        }
        LintContext {
            project,
            severities,
            designs,
            summary,
            files: None,
            roots: vec![String::new()],
            with_edits: true,
            template_sidecar: None,
            stale: FxHashMap::default(),
            titles,
            template_prose,
            prose_filter,
        }
    }

    /// Records every file known to exist (relative paths like the designs'), so that links to
    /// `.md` files that are not designs are checked too.
    pub fn with_files(mut self, files: impl IntoIterator<Item = String>) -> Self {
        let mut set: FxHashSet<String> = files.into_iter().collect();
        set.extend(self.designs.keys().cloned());
        self.files = Some(Cow::Owned(set));
        self
    }

    /// Sets the folders inside which link targets are known (the default is every relative path).
    pub fn with_roots(mut self, roots: Vec<String>) -> Self {
        self.roots = roots;
        self
    }

    /// Sets the template's own sidecar metadata file (for `sidecar-keys`).
    pub fn with_template_sidecar(mut self, sidecar: Option<crate::model::design::Sidecar>) -> Self {
        self.template_sidecar = sidecar;
        self
    }

    /// Sets the stale designs (for the `stale` rule).
    pub(crate) fn with_stale(mut self, stale: FxHashMap<String, crate::feature::history::stale::Staleness>) -> Self {
        self.stale = stale;
        self
    }

    /// Leaves the edits of fixes out of diagnostics (for runs that only report).
    pub fn without_edits(mut self) -> Self {
        self.with_edits = false;
        self
    }

    /// Overrides the configured severities.
    pub fn with_severities(mut self, severities: Severities) -> Self {
        self.severities = severities;
        self
    }

    /// The other paths that use `title`.
    pub(crate) fn same_title(&self, title: &str) -> &[String] {
        self.titles.get(&title_key(title)).map_or(&[], Vec::as_slice)
    }

    /// Whether `line` (normalized) is a line of template prose.
    pub(crate) fn is_template_prose(&self, line: &str) -> bool {
        let k = prose_key(line);
        self.prose_filter[k / 64] & (1 << (k % 64)) != 0 && self.template_prose.contains(line)
    }
}

/// A 16-bit key of a line from its length and first and last bytes.
fn prose_key(line: &str) -> usize {
    let b = line.as_bytes();
    let (first, last) = (b.first().copied().unwrap_or(0), b.last().copied().unwrap_or(0));
    (line.len().wrapping_mul(31).wrapping_add(usize::from(first)).wrapping_mul(31).wrapping_add(usize::from(last)))
        & 0xFFFF
}

fn title_key(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Lints one design: every rule that is not `allow`, minus the file's opt-outs, sorted by
/// position, with lines and columns filled in.
pub fn lint_design(ctx: &LintContext, file: &LintFile) -> Vec<Diagnostic> {
    let allowed = directive::allowed_rules(file.text, file.design);
    let mut diags =
        rules::run(ctx, file, &|rule| ctx.severities.get(rule) != Severity::Allow && !allowed.contains(&rule));
    diags.retain(|d| ctx.severities.get(d.rule) != Severity::Allow && !allowed.contains(&d.rule));
    if diags.is_empty() {
        return diags;
    }
    place(ctx, file.path, file.text, diags)
}

/// Sorts `diags` (found in `text`, the file at `path`) by position and fills in their lines,
/// columns, path and configured severity.
pub(crate) fn place(ctx: &LintContext, path: &str, text: &str, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by_key(|d| (d.span.start, d.rule, d.span.end));
    let mut offsets: Vec<(usize, usize)> = Vec::with_capacity(2 * diags.len());
    for (i, d) in diags.iter().enumerate() {
        offsets.push((d.span.start, 2 * i));
        offsets.push((d.span.end.max(d.span.start), 2 * i + 1));
    }
    offsets.sort_unstable();
    let positions = positions(text, &offsets);
    for ((offset, slot), (line, column)) in offsets.iter().zip(positions) {
        let _ = offset;
        let d = &mut diags[slot / 2];
        if slot % 2 == 0 {
            (d.line, d.column) = (line, column);
        } else {
            (d.end_line, d.end_column) = (line, column);
        }
    }
    for d in &mut diags {
        d.path = path.to_string();
        d.severity = ctx.severities.get(d.rule);
    }
    diags
}

/// 1-based lines and columns (in characters) of sorted byte offsets, in one pass over the text
/// up to the last offset.
fn positions(text: &str, sorted: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(sorted.len());
    let (mut line, mut line_start, mut at) = (1, 0, 0);
    for &(offset, _) in sorted {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let chunk = &text.as_bytes()[at..offset];
        if let Some(last) = memchr::memrchr(b'\n', chunk) {
            line += memchr::memchr_iter(b'\n', chunk).count();
            line_start = at + last + 1;
        }
        at = offset;
        out.push((line, text[line_start..offset].chars().count() + 1));
    }
    out
}

/// Lints many designs on every core; the result is in the order of `files` (the tests' shortcut:
/// the session's lint service is the one path the tool takes).
#[cfg(test)]
pub(crate) fn lint_all(ctx: &LintContext, files: &[LintFile<'_>]) -> Vec<Vec<Diagnostic>> {
    files.par_iter().map(|f| lint_design(ctx, f)).collect()
}

/// Whether any diagnostic is at `deny`.
pub fn has_denied<'d>(diags: impl IntoIterator<Item = &'d Diagnostic>) -> bool {
    diags.into_iter().any(|d| d.severity == Severity::Deny)
}

/// The title and anchors of one design, ids made with smart punctuation on or off.
pub(crate) fn design_info(text: &str, design: &Design, smart_punctuation: bool) -> DesignInfo {
    let title = design
        .title_heading()
        .map(|h| h.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| design.front_matter.as_ref().and_then(|f| f.title.clone()).filter(|t| !t.trim().is_empty()));
    DesignInfo { title, anchors: crate::feature::anchors::anchors(text, design, smart_punctuation) }
}

#[cfg(test)]
mod tests;
