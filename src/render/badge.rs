//! The status badge under a design's title and the notice on inactive designs.

use super::html::escape;
use super::marker::Mark;
use super::Format;
use crate::status::Status;

/// The class every badge carries; also how the preprocessor recognises its own badge.
pub const BADGE_CLASS: &str = "design-status";
/// The class every notice carries.
pub const NOTICE_CLASS: &str = "design-notice";

/// Background colour of a status's badge; white text on each has a contrast of at least 6.3:1,
/// so the badge reads the same in every mdBook theme.
pub fn colour(status: Status) -> &'static str {
    match status {
        Status::Provisional => "#6639ba",
        Status::Implementable => "#0550ae",
        Status::Implemented => "#116329",
        Status::Deferred => "#7d4e00",
        Status::Rejected => "#a40e26",
        Status::Withdrawn => "#57606a",
        Status::Replaced => "#6e3a0f",
        Status::Unknown => "#24292f",
    }
}

/// The inline style of a badge (no stylesheet needs installing).
pub fn style(status: Status) -> String {
    format!(
        "display:inline-block;padding:0.1em 0.6em;border-radius:1em;font-size:0.85em;font-weight:600;\
         color:#ffffff;background:{};box-shadow:0 0 0 1px rgba(255,255,255,0.35);",
        colour(status)
    )
}

/// The badge element alone, as inline HTML.
pub fn html_badge(status: Status) -> String {
    format!(
        "{}data-design-status=\"{s}\" title=\"Design status: {s}\" style=\"{}\">{s}</span>",
        badge_open(),
        style(status),
        s = status.as_str()
    )
}

/// What a badge line shows besides the status word.
#[derive(Debug, Clone, Copy, Default)]
pub struct BadgeExtras<'a> {
    /// The status text as written, shown when the status is unknown.
    pub raw: Option<&'a str>,
    /// Where the replacing design is, for `replaced`.
    pub replaced_by: Option<&'a str>,
    /// A Markdown sentence shown after the badge (`Replaced by [X](x.md).`); it takes the place
    /// of the `replaced_by` link.
    pub note: Option<&'a str>,
}

/// The one-line badge paragraph inserted under a title.
pub fn badge_line(status: Status, extras: BadgeExtras<'_>, format: Format) -> String {
    let mut line = match format {
        Format::Html => html_badge(status),
        Format::Markdown => format!("{MARKDOWN_BADGE}{status}"),
    };
    if status == Status::Unknown {
        if let Some(raw) = extras.raw.map(str::trim).filter(|r| !r.is_empty()) {
            line.push_str(&format!(" (written as “{}”)", inline_text(raw, format)));
        }
    }
    if let Some(note) = extras.note.filter(|n| !n.trim().is_empty()) {
        line.push(' ');
        line.push_str(note.trim());
    } else if status == Status::Replaced {
        if let Some(dest) = extras.replaced_by.filter(|d| !d.trim().is_empty()) {
            line.push_str(&format!(" by [the replacing design](<{}>)", dest.replace(['<', '>', '\n'], "")));
        }
    }
    if format == Format::Markdown {
        line.push(' ');
        line.push_str(&Mark::Badge.comment());
    }
    line
}

/// How every HTML badge starts, mark included.
fn badge_open() -> String {
    format!("<span class=\"{BADGE_CLASS}\" {} ", Mark::Badge.attribute())
}

/// How every Markdown badge starts.
const MARKDOWN_BADGE: &str = "**Status:** ";

/// The notice under the badge of an inactive design, as a block.
pub fn notice(status: Status, format: Format) -> Option<String> {
    let what = match status {
        Status::Deferred => "was deferred: it is on hold and is not being worked on",
        Status::Rejected => "was rejected: it records an idea that was decided against",
        Status::Withdrawn => "was withdrawn by its authors",
        Status::Replaced => "was replaced by another design",
        _ => return None,
    };
    Some(match format {
        Format::Html => format!(
            "{}data-design-status=\"{s}\" role=\"note\" style=\"border-left:4px solid {c};\
             padding:0.4em 0.8em;margin:0.5em 0 1em 0;\">This design {what}. It is kept for the record and is not a \
             current plan.</div>",
            notice_open(),
            s = status.as_str(),
            c = colour(status)
        ),
        Format::Markdown => {
            format!(
                "{MARKDOWN_NOTICE}{what}. It is kept for the record and is not a current plan. {}",
                Mark::Notice.comment()
            )
        }
    })
}

/// How every HTML notice starts, mark included.
fn notice_open() -> String {
    format!("<div class=\"{NOTICE_CLASS}\" {} ", Mark::Notice.attribute())
}

/// How every Markdown notice starts.
const MARKDOWN_NOTICE: &str = "> **Note:** This design ";

/// Whether a line is a badge this tool inserted: it starts as the tool's badges start and
/// carries the tool's mark. An author's `**Status:** Draft` line is not one.
pub fn is_badge_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with(&badge_open()) || (line.starts_with(MARKDOWN_BADGE) && Mark::Badge.ends(line))
}

/// Whether a line is a notice this tool inserted (by its start and its mark).
pub fn is_notice_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with(&notice_open()) || (line.starts_with(MARKDOWN_NOTICE) && Mark::Notice.ends(line))
}

/// Text from a design made safe for the output: escaped for HTML; for Markdown, with
/// characters that would start markup escaped.
pub fn inline_text(text: &str, format: Format) -> String {
    match format {
        Format::Html => escape(text),
        Format::Markdown => {
            let mut out = String::with_capacity(text.len());
            for c in text.chars() {
                if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#') {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_carries_class_attribute_and_word() {
        for status in Status::ALL {
            let line = badge_line(status, BadgeExtras::default(), Format::Html);
            assert!(line.contains(&format!("data-design-status=\"{status}\"")));
            assert!(line.contains(&format!(">{status}</span>")));
            assert!(is_badge_line(&line));
            assert_eq!(notice(status, Format::Html).is_some(), status.is_inactive());
        }
    }

    #[test]
    fn unknown_shows_raw_text_escaped() {
        let line = badge_line(
            Status::Unknown,
            BadgeExtras { raw: Some("<b>in-progress</b>"), ..BadgeExtras::default() },
            Format::Html,
        );
        assert!(line.contains("&lt;b&gt;in-progress&lt;/b&gt;"), "{line}");
        let md =
            badge_line(Status::Unknown, BadgeExtras { raw: Some("a*b"), ..BadgeExtras::default() }, Format::Markdown);
        assert_eq!(md, "**Status:** unknown (written as “a\\*b”) <!-- mdbook-design:badge -->");
    }

    #[test]
    fn replaced_links_the_replacement() {
        let line = badge_line(
            Status::Replaced,
            BadgeExtras { replaced_by: Some("new-design.md"), ..BadgeExtras::default() },
            Format::Html,
        );
        assert!(line.ends_with("by [the replacing design](<new-design.md>)"), "{line}");
    }

    #[test]
    fn author_lines_that_look_like_badges_are_not_ours() {
        for line in [
            "**Status:** Draft, waiting on review from the API team",
            "<span class=\"design-status\">implemented</span>",
            "> **Note:** This design is a draft.",
            "<div class=\"design-notice\">mine</div>",
            "**Status:** implemented <!-- mdbook-design:notice -->",
        ] {
            assert!(!is_badge_line(line) && !is_notice_line(line), "{line}");
        }
        for status in Status::ALL {
            for format in [Format::Html, Format::Markdown] {
                assert!(is_badge_line(&badge_line(status, BadgeExtras::default(), format)));
                if let Some(n) = notice(status, format) {
                    assert!(is_notice_line(&n) && !is_badge_line(&n), "{n}");
                }
            }
        }
    }
}
