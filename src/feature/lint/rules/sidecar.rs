//! `status-conflict`: the sidecar metadata file and the design's own text disagree on the status.
//! The findings about the sidecar file itself are in [`crate::feature::lint::sidecar`].

use crate::model::design::StatusSource;

use super::super::{Diagnostic, Rule};
use super::Check;

pub(super) fn check(cx: &mut Check) {
    if !cx.on(Rule::StatusConflict) {
        return;
    }
    let Some(sidecar) = &cx.design.sidecar else { return };
    let (Some(side), Some(text)) =
        (sidecar.status.as_ref().filter(|s| s.status != crate::model::status::Status::Unknown), &cx.design.status)
    else {
        return;
    };
    if text.status == crate::model::status::Status::Unknown || text.status == side.status {
        return;
    }
    let line = crate::text::source::line_of(cx.text, text.span.start);
    let place = match text.source {
        StatusSource::Section => format!("the Status section (line {line})"),
        StatusSource::FrontMatter => format!("the front matter (line {line})"),
    };
    let message = format!(
        "{place} says `{}`, but {}:{} says `{}`; the badge shows `{}`, from {}",
        text.status, sidecar.path, side.line, side.status, side.status, sidecar.path
    );
    cx.emit(
        Diagnostic::new(Rule::StatusConflict, text.span.clone(), message)
            .with_help(format!("keep the status in one place: update it in {} and remove it here", sidecar.path)),
    );
}
