//! `stale`: a design unchanged for longer than `[preprocessor.design.stale]` allows.

use super::Check;
use crate::feature::lint::{Diagnostic, Rule};

/// Reports the design when the session found it stale; the finding points at the status.
pub(super) fn check(cx: &mut Check) {
    if !cx.on(Rule::Stale) {
        return;
    }
    let Some(stale) = cx.ctx.stale.get(cx.path) else { return };
    let span = match &cx.design.status {
        Some(field) if field.span.end <= cx.text.len() => field.span.clone(),
        _ => cx.design.title_heading().map_or(0..0, |h| h.range.clone()),
    };
    let last = crate::feature::history::timeline::utc_date(stale.last.time);
    let shipped = stale.last.release.as_deref().map(|r| format!(", shipped in {r}")).unwrap_or_default();
    cx.emit(Diagnostic::new(Rule::Stale, span, stale.message()).with_help(format!(
        "last changed on {last} in {}{shipped}: update the design, or change its status (`withdrawn`, `deferred`) \
         if it is no longer being worked on",
        &stale.last.commit[..stale.last.commit.len().min(12)]
    )));
}
