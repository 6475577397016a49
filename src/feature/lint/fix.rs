//! Applying fixes: gather the edits of fixable diagnostics, splice them, and repeat until the
//! text settles. Edits that would overlap one already chosen wait for the next round.

use std::ops::Range;

use crate::text::edit::{splice, Edit, SpliceError};

use super::{lint_design, Diagnostic, LintContext, LintFile, Rule};

/// One fix that was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The rule whose fix it was.
    pub rule: Rule,
    /// The 1-based line it was made at (in the text as it was in that round).
    pub line: usize,
    /// What it did.
    pub description: String,
}

/// The result of fixing one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    /// The fixed text (the original when nothing applied).
    pub text: String,
    /// What changed, in order.
    pub changes: Vec<Change>,
}

/// The edits of `diags` that can be applied together: every edit of a fix is taken or none, and
/// no two chosen edits overlap (insertions at the same point keep their order).
pub(crate) fn fixes(diags: &[Diagnostic]) -> Vec<Edit> {
    chosen(diags).into_iter().flat_map(|(_, d)| d.fix.iter().flat_map(|f| f.edits.clone())).collect()
}

fn chosen(diags: &[Diagnostic]) -> Vec<(usize, &Diagnostic)> {
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut out = Vec::new();
    for (i, d) in diags.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if fix.edits.iter().any(|e| taken.iter().any(|t| overlaps(t, &e.range))) {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.range.clone()));
        out.push((i, d));
    }
    out
}

/// Whether two edit ranges touch the same bytes (an insertion overlaps a replacement only when
/// it falls strictly inside it).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() && b.is_empty() {
        return false;
    }
    a.start < b.end && b.start < a.end
}

/// Fixes `text` (the design at `path`) until no fixable finding is left (at most a few rounds).
/// Pure: the caller writes the result.
pub fn fix_text(ctx: &LintContext, path: &str, text: &str) -> Result<FixOutcome, SpliceError> {
    let with_edits;
    let ctx = if ctx.with_edits {
        ctx
    } else {
        with_edits = LintContext { with_edits: true, ..ctx.clone() };
        &with_edits
    };
    let mut current = text.to_string();
    let mut changes = Vec::new();
    for _ in 0..5 {
        let design = ctx.project.parse(&current);
        let diags = lint_design(ctx, &LintFile { path, text: &current, design: &design });
        let picked = chosen(&diags);
        if picked.is_empty() {
            break;
        }
        let edits: Vec<Edit> = picked.iter().flat_map(|(_, d)| d.fix.iter().flat_map(|f| f.edits.clone())).collect();
        let (next, _) = splice(&current, edits)?;
        if next == current {
            break;
        }
        for (_, d) in &picked {
            let fix = d.fix.as_ref().expect("chosen diagnostics carry fixes");
            changes.push(Change { rule: d.rule, line: d.line, description: fix.description.clone() });
        }
        current = next;
    }
    Ok(FixOutcome { text: current, changes })
}
