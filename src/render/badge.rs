//! The status badge under a design's title and the notice on inactive designs.

use super::html::escape;
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
        "<span class=\"{BADGE_CLASS}\" data-design-status=\"{s}\" title=\"Design status: {s}\" style=\"{}\">{s}</span>",
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
        Format::Markdown => format!("**Status:** {status}"),
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
    line
}

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
            "<div class=\"{NOTICE_CLASS}\" data-design-status=\"{s}\" role=\"note\" style=\"border-left:4px solid {c};\
             padding:0.4em 0.8em;margin:0.5em 0 1em 0;\">This design {what}. It is kept for the record and is not a \
             current plan.</div>",
            s = status.as_str(),
            c = colour(status)
        ),
        Format::Markdown => {
            format!("> **Note:** This design {what}. It is kept for the record and is not a current plan.")
        }
    })
}

/// Whether a line is a badge this tool inserted.
pub fn is_badge_line(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with(&format!("<span class=\"{BADGE_CLASS}\"")) || line.starts_with("**Status:** ")
}

/// Whether a line starts a notice this tool inserted.
pub fn is_notice_line(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with(&format!("<div class=\"{NOTICE_CLASS}\"")) || line.starts_with("> **Note:** This design ")
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
        assert_eq!(md, "**Status:** unknown (written as “a\\*b”)");
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
}
