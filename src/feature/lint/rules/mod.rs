//! The rules, one file per rule or small family, and the helpers they share.

mod content;
mod line_length;
mod links;
mod sections;
mod sidecar;
mod stale;
pub(crate) mod status;
mod title;

use std::ops::Range;

use crate::model::design::{Design, Section};
use crate::model::template::Template;
use crate::text::markdown::{Block, BlockKind};
use crate::text::source::line_break;

use super::{Diagnostic, LintContext, LintFile, Rule};

/// What one rule run sees: the context, the file, and where its findings go.
pub(crate) struct Check<'c, 'a> {
    /// The run's context.
    pub ctx: &'c LintContext<'a>,
    /// The design's path.
    pub path: &'c str,
    /// The design's text.
    pub text: &'c str,
    /// The design's model.
    pub design: &'c Design,
    /// The template.
    pub template: &'c Template,
    /// The text's line break.
    pub nl: &'static str,
    /// Whether rewriting is safe (no unclosed fence or unparsable front matter).
    pub can_fix: bool,
    /// Findings so far.
    pub out: Vec<Diagnostic>,
    enabled: &'c dyn Fn(Rule) -> bool,
}

/// Runs every enabled rule over one file.
pub(crate) fn run(ctx: &LintContext, file: &LintFile, enabled: &dyn Fn(Rule) -> bool) -> Vec<Diagnostic> {
    let design = file.design;
    let mut check = Check {
        ctx,
        path: file.path,
        text: file.text,
        design,
        template: &ctx.project.template,
        nl: line_break(file.text),
        can_fix: design.outline.problems.is_empty() && design.front_matter.as_ref().is_none_or(|f| f.error.is_none()),
        out: Vec::new(),
        enabled,
    };
    status::check(&mut check);
    title::check(&mut check);
    sections::check(&mut check);
    content::check(&mut check);
    let lines = ProseLines::new(file.text, design);
    line_length::check(&mut check, &lines);
    content::check_template_prose(&mut check, &lines);
    links::check(&mut check);
    sidecar::check(&mut check);
    stale::check(&mut check);
    check.out
}

impl Check<'_, '_> {
    /// Whether `rule` is on for this file.
    pub(super) fn on(&self, rule: Rule) -> bool {
        (self.enabled)(rule)
    }

    /// Records a finding; a fix is dropped when rewriting the file is unsafe.
    pub(super) fn emit(&mut self, mut d: Diagnostic) {
        if !self.can_fix && d.fixable {
            d.fix = None;
            d.fixable = false;
        }
        self.out.push(d);
    }

    /// The template's name of a section.
    pub(super) fn name(&self, section: &Section) -> &str {
        &self.template.sections[section.template].name
    }

    /// The first section for template section `index`, when present.
    pub(super) fn section_at(&self, index: usize) -> Option<&Section> {
        self.design.sections.iter().find(|s| s.template == index)
    }

    /// Blocks that overlap `range`, in order.
    pub(super) fn blocks_in(&self, range: Range<usize>) -> impl Iterator<Item = &Block> {
        let blocks = &self.design.outline.blocks;
        let first = blocks.partition_point(|b| b.range.end <= range.start);
        blocks[first..].iter().take_while(move |b| b.range.start < range.end)
    }

    /// The text of `range` without HTML blocks (comments) and, when `code` is false, without code
    /// blocks; pieces are returned in order.
    pub(super) fn text_pieces(&self, range: Range<usize>, code: bool) -> Vec<&str> {
        let mut pieces = Vec::new();
        let mut at = range.start;
        for b in self.blocks_in(range.clone()) {
            let skip = b.kind == BlockKind::Html || (!code && b.kind == BlockKind::Code);
            if !skip {
                continue;
            }
            if b.range.start > at {
                pieces.push(&self.text[at..b.range.start]);
            }
            at = at.max(b.range.end);
        }
        if at < range.end {
            pieces.push(&self.text[at..range.end]);
        }
        pieces
    }

    /// Whether `range` holds nothing but whitespace and HTML comments or blocks.
    pub(super) fn is_blank(&self, range: Range<usize>) -> bool {
        self.text_pieces(range, true).iter().all(|p| p.trim().is_empty())
    }

    /// Whether `range` says only `None` (or `N/A`), the template's word for nothing to say.
    pub(super) fn is_none(&self, range: Range<usize>) -> bool {
        let pieces = self.text_pieces(range, true);
        if pieces.iter().map(|p| p.trim().len()).sum::<usize>() > 16 {
            return false;
        }
        let words: String = pieces.concat();
        let word = words
            .trim()
            .trim_start_matches(['-', '*', '+', '>', ' '])
            .trim_matches(['*', '_', '`', '.', ' '])
            .to_ascii_lowercase();
        matches!(word.as_str(), "none" | "n/a" | "na")
    }

    /// The byte range of a section together with the template sub-sections that follow it.
    pub(super) fn subtree_bodies(&self, index: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let Some(pos) = self.design.sections.iter().position(|s| s.template == index) else { return out };
        out.push(self.design.sections[pos].body.clone());
        for s in &self.design.sections[pos + 1..] {
            if self.template.sections[s.template].parent == Some(index) {
                out.push(s.body.clone());
            } else {
                break;
            }
        }
        out
    }
}

/// A line of template prose as compared: trimmed, without list or quote markers.
pub(crate) fn normalize_prose(line: &str) -> &str {
    line.trim().trim_start_matches(['-', '*', '>']).trim()
}

/// The lines of a design that are prose (not in code blocks, tables, headings, HTML blocks, link
/// definitions or front matter) and at least [`ProseLines::MIN`] bytes long: the only ones the
/// line rules look at.
pub(crate) struct ProseLines {
    /// `(line number, start, end)` of each such line; `end` excludes the line break.
    pub lines: Vec<(usize, usize, usize)>,
}

impl ProseLines {
    /// Shorter lines are neither too long nor template prose.
    pub(super) const MIN: usize = 20;

    /// Finds the prose lines of `text`.
    pub(super) fn new(text: &str, design: &Design) -> ProseLines {
        let outline = &design.outline;
        let mut exempt: Vec<Range<usize>> = outline
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Paragraph)
            .map(|b| b.range.clone())
            .chain(outline.headings.iter().map(|h| h.range.clone()))
            .chain(outline.link_definitions.iter().cloned())
            .chain(outline.front_matter.iter().map(|f| f.range.clone()))
            .collect();
        exempt.sort_by_key(|r| r.start);
        let mut lines = Vec::with_capacity(text.len() / 64);
        let mut next_exempt = 0;
        let bytes = text.as_bytes();
        // CommonMark ends a line at `\n`, `\r\n` or a bare `\r`; a bare `\r` does not start a new
        // line number (they count `\n`), but what follows it is a line of its own to the parser.
        let ends = memchr::memchr2_iter(b'\n', b'\r', bytes)
            .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
            .chain(std::iter::once(text.len()));
        let mut start = 0;
        let mut number = 1;
        for newline in ends {
            let mut end = newline;
            if end > start && bytes[end - 1] == b'\r' && bytes.get(end) == Some(&b'\n') {
                end -= 1;
            }
            if end - start >= Self::MIN {
                while next_exempt < exempt.len() && exempt[next_exempt].end < start {
                    next_exempt += 1;
                }
                let is_exempt = exempt[next_exempt..]
                    .iter()
                    .take_while(|r| r.start <= end)
                    .any(|r| r.start <= end && start <= r.end);
                if !is_exempt {
                    lines.push((number, start, end));
                }
            }
            if bytes.get(newline) == Some(&b'\n') {
                number += 1;
            }
            start = newline + 1;
        }
        ProseLines { lines }
    }
}
