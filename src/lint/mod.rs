//! Lint rules over the design model, their fixes and output formats.
//!
//! Everything here is pure: the caller reads files, parses each once into a [`Design`], builds
//! one [`LintContext`] for the cross-file rules, and calls [`lint_design`] per file. Fixes are
//! [`Edit`]s that [`fix::fix_text`] splices with [`crate::edit::splice`]; output formats live in
//! [`format`]. The command line (`mdbook-design lint`) and the preprocessor's build-time lint both
//! sit on this API.

pub mod anchors;
mod directive;
pub mod fix;
pub mod format;
pub mod hash;
pub mod registry;
mod rules;
pub mod sidecar;

use std::ops::Range;

use rayon::prelude::*;

use crate::config::ConfigError;
pub use crate::config::Severity;
use crate::design::Design;
use crate::edit::Edit;
use crate::project::Project;
pub use fix::{fix_text, fixes, Change, FixOutcome};
pub use format::{render, render_human, FileReport, Format};
pub use hash::{FxHashMap, FxHashSet};
pub use registry::{Rule, RuleInfo, Severities, RULES};

/// A fix attached to a diagnostic: edits against the text the diagnostic was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, for `--fix` to print.
    pub description: String,
    /// The edits; they never touch code blocks or tables and keep every word of the author.
    pub edits: Vec<Edit>,
}

/// One finding in one design.
#[derive(Debug, Clone, PartialEq, Eq)]
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

    /// Adds a fix.
    pub fn with_fix(mut self, description: impl Into<String>, edits: Vec<Edit>) -> Diagnostic {
        self.fixable = true;
        self.fix = Some(Fix { description: description.into(), edits });
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DesignInfo {
    /// The title as written (H1, else front matter `title:`), when there is one.
    pub title: Option<String>,
    /// The heading and term ids mdBook gives it, and HTML `id`/`name` anchors, case kept.
    pub anchors: FxHashSet<String>,
}

/// Everything the cross-file rules need, built once for a run.
#[derive(Debug, Clone)]
pub struct LintContext<'a> {
    /// Configuration, template and aliases.
    pub project: &'a Project,
    /// Severity of each rule.
    pub severities: Severities,
    /// Every design of the run by path (including ones not being reported on).
    pub designs: FxHashMap<String, DesignInfo>,
    /// Paths `SUMMARY.md` lists, when there is a `SUMMARY.md`.
    pub summary: Option<FxHashSet<String>>,
    /// Every file known to exist (designs included), when known; links to other `.md` files are
    /// checked only then.
    pub files: Option<FxHashSet<String>>,
    /// Folders (path prefixes, `""` for all relative paths) inside which link targets are known;
    /// links that leave them are not checked.
    pub roots: Vec<String>,
    /// Whether diagnostics carry their fixes' edits (otherwise only `fixable` is set, which is
    /// cheaper when nothing will be fixed).
    pub with_edits: bool,
    /// The template's own sidecar metadata file, whose keys every sidecar must have.
    pub template_sidecar: Option<crate::design::Sidecar>,
    /// The designs past their `[preprocessor.design.stale]` thresholds, by path, computed once
    /// from the session's history (empty when staleness is not configured or there is no history).
    pub(crate) stale: FxHashMap<String, crate::history::stale::Staleness>,
    /// Lowercased titles to the paths that use them.
    titles: FxHashMap<String, Vec<String>>,
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
        let smart = project.config.smart_punctuation;
        let infos: Vec<(String, DesignInfo)> =
            designs.par_iter().map(|f| (f.path.to_string(), anchors::design_info(f.text, f.design, smart))).collect();
        let mut titles: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (path, info) in &infos {
            if let Some(title) = &info.title {
                titles.entry(title_key(title)).or_default().push(path.clone());
            }
        }
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
            designs: infos.into_iter().collect(),
            summary: summary.map(|s| s.iter().cloned().collect()),
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
        self.files = Some(set);
        self
    }

    /// Sets the folders inside which link targets are known (the default is every relative path).
    pub fn with_roots(mut self, roots: Vec<String>) -> Self {
        self.roots = roots;
        self
    }

    /// Sets the template's own sidecar metadata file (for `sidecar-keys`).
    pub fn with_template_sidecar(mut self, sidecar: Option<crate::design::Sidecar>) -> Self {
        self.template_sidecar = sidecar;
        self
    }

    /// Sets the stale designs (for the `stale` rule).
    pub(crate) fn with_stale(mut self, stale: FxHashMap<String, crate::history::stale::Staleness>) -> Self {
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

/// Lints many designs on every core; the result is in the order of `files`.
pub fn lint_all(ctx: &LintContext, files: &[LintFile<'_>]) -> Vec<Vec<Diagnostic>> {
    files.par_iter().map(|f| lint_design(ctx, f)).collect()
}

/// Whether any diagnostic is at `deny`.
pub fn has_denied<'d>(diags: impl IntoIterator<Item = &'d Diagnostic>) -> bool {
    diags.into_iter().any(|d| d.severity == Severity::Deny)
}

#[cfg(test)]
mod tests;
