//! One status reading: the status the page's badge shows is the status the index, lint, the
//! release notes and `status set` read, because all of them take it from [`Design::status`],
//! and that status accounts for whether the badge can be shown at all.
//!
//! A design whose text has a problem that changes how the rest of it renders (a code fence never
//! closed, an HTML block left open, front matter never closed) is not normalized; its badge is
//! still inserted when the place for it (right under the title, or where the title made from the
//! file name goes) comes before the first such problem. When it does not, the page has no badge,
//! and the status reads as `unknown` everywhere, with the reason in the chapter's warning.

use std::collections::BTreeMap;

use super::Design;
use crate::model::status::{self, Status};
use crate::text::markdown::{Heading, Outline};
use crate::text::source::line_of;

/// Why no badge can be placed safely in `text`: the first problem of the outline (a rendering
/// hazard from its offset on) comes at or before the badge's place. `None` when it is safe.
pub(crate) fn badge_blocked(text: &str, outline: &Outline, title: Option<&Heading>) -> Option<String> {
    let first = outline.problems.iter().map(|p| p.offset).min()?;
    let (place, what) = match title {
        Some(h) => (h.range.end, "the title"),
        None => (
            outline.front_matter.as_ref().map_or(0, |fm| fm.outer.end),
            "the place of the title made from the file name",
        ),
    };
    // The badge goes after `place`: everything up to it renders as written, whatever follows.
    if place < first {
        return None;
    }
    Some(format!(
        "no badge: the problem at line {} comes before {what}, so no badge can be placed safely, and the status \
         reads as unknown in the index too",
        line_of(text, first)
    ))
}

impl Design {
    /// Whether the build inserts only the badge: the design has a problem that stops the other
    /// normalizations, but its status is known and the badge's place comes before the problem.
    pub fn badge_only(&self) -> bool {
        !self.problems.is_empty() && self.badge_blocked.is_none() && self.status() != Status::Unknown
    }

    /// What the build does with a design that has problems, for its warning.
    pub fn pass_through_note(&self) -> String {
        if self.badge_only() {
            let place = if self.outline.problems.is_empty() { "" } else { ", under the title and above the problem" };
            return format!("only the status badge was inserted{place}; the other normalizations were skipped");
        }
        match &self.badge_blocked {
            Some(why) if self.declared_status() != Status::Unknown => {
                format!("the chapter is passed through unchanged, with {why}")
            }
            _ => "the chapter is passed through unchanged".to_string(),
        }
    }

    /// The status as declared (the sidecar's known status, else the text's), before asking
    /// whether the page can show it.
    pub(crate) fn declared_status(&self) -> Status {
        if let Some(status) = self.sidecar.as_ref().and_then(super::Sidecar::known_status) {
            return status;
        }
        self.status.as_ref().map_or(Status::Unknown, |s| s.status)
    }

    /// The word the status is written as, when it is one of the project's own words
    /// (`status-aliases`): the badge shows it, coloured and grouped as its canonical status.
    pub fn alias_word(&self, aliases: &BTreeMap<String, Status>) -> Option<String> {
        if self.status() == Status::Unknown {
            return None;
        }
        let sidecar = self.sidecar.as_ref().and_then(|s| s.status.as_ref()).filter(|s| s.status != Status::Unknown);
        let raw = match sidecar {
            Some(s) => s.raw.as_str(),
            None => self.status.as_ref()?.raw.as_str(),
        };
        status::alias_in(raw, aliases).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template::Template;

    fn parse(text: &str) -> Design {
        Design::parse(text, &Template::builtin(), &BTreeMap::new())
    }

    #[test]
    fn a_problem_below_the_title_leaves_the_badge() {
        let d = parse("# T\n\n## Status\n\nimplemented\n\n```\nnever closed\n");
        assert!(d.badge_blocked.is_none() && d.badge_only());
        assert_eq!(d.status(), Status::Implemented);
        assert!(d.pass_through_note().contains("above the problem"));
    }

    #[test]
    fn a_problem_before_the_title_blocks_the_badge_everywhere() {
        let d = parse("<pre>\nopen\n\n# T\n\n## Status\n\nimplemented\n");
        assert!(d.badge_blocked.is_some() && !d.badge_only());
        assert_eq!(d.status(), Status::Unknown);
        assert_eq!((d.status_raw(), d.unrecognized_raw()), (None, None));
        let d = parse("---\ntitle: x\nstatus: implemented\n\n# T\n\n## Status\n\nimplemented\n");
        assert_eq!(d.declared_status(), Status::Implemented);
        assert_eq!(d.status(), Status::Unknown);
        assert!(d.pass_through_note().contains("no badge: the problem at line 1 comes before the title"));
    }

    #[test]
    fn without_a_title_the_place_is_after_the_front_matter() {
        let d = parse("---\nstatus: implemented\n---\n\ntext\n\n```\nopen\n");
        assert!(d.badge_only(), "{:?}", d.badge_blocked);
        let d = parse("```\nopen\n");
        assert!(d.badge_blocked.is_some());
    }

    #[test]
    fn alias_words_are_read_from_the_source_the_status_comes_from() {
        let aliases = BTreeMap::from([("standard".to_string(), Status::Implemented)]);
        let d = Design::parse("# T\n\n## Status\n\n**Standard**\n", &Template::builtin(), &aliases);
        assert_eq!(d.alias_word(&aliases).as_deref(), Some("Standard"));
        let d = Design::parse("# T\n\n## Status\n\nimplemented\n", &Template::builtin(), &aliases);
        assert_eq!(d.alias_word(&aliases), None);
    }
}
