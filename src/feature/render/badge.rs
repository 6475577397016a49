//! The status badge under a design's title and the notice on inactive designs.

use super::html::escape;
use super::Format;
use crate::model::status::Status;
use crate::text::marker::Mark;

/// The class every badge carries; also how the preprocessor recognises its own badge.
pub(crate) const BADGE_CLASS: &str = "design-status";
/// The class every notice carries.
pub(crate) const NOTICE_CLASS: &str = "design-notice";

/// The badge element alone, as inline HTML; its colours come from the stylesheet
/// ([`crate::feature::render::style`]), per theme.
pub(crate) fn html_badge(status: Status) -> String {
    format!("{}data-design-status=\"{s}\" title=\"Design status: {s}\">{s}</span>", badge_open(), s = status.as_str())
}

/// The badge of a status written as one of the project's own words (`status-aliases`): the
/// word as written, coloured and grouped as its canonical status.
pub(crate) fn html_badge_as(status: Status, word: &str) -> String {
    format!(
        "{}data-design-status=\"{s}\" title=\"Design status: {s}\">{}</span>",
        badge_open(),
        escape(word),
        s = status.as_str()
    )
}

/// What a badge line shows besides the status word.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BadgeExtras<'a> {
    /// The status text as written, shown when the status is unknown.
    pub raw: Option<&'a str>,
    /// Where the replacing design is, for `replaced`.
    pub replaced_by: Option<&'a str>,
    /// A Markdown sentence shown after the badge (`Replaced by [X](x.md).`); it takes the place
    /// of the `replaced_by` link.
    pub note: Option<&'a str>,
    /// The project's own word the status is written as (`status-aliases`), shown instead of
    /// the canonical word.
    pub word: Option<&'a str>,
}

/// The one-line badge paragraph inserted under a title.
pub(crate) fn badge_line(status: Status, extras: BadgeExtras<'_>, format: Format) -> String {
    let word = extras.word.map(str::trim).filter(|w| !w.is_empty() && status != Status::Unknown);
    let mut line = match (format, word) {
        (Format::Html, Some(word)) => html_badge_as(status, word),
        (Format::Html, None) => html_badge(status),
        (Format::Markdown, Some(word)) => format!("{MARKDOWN_BADGE}{} ({status})", inline_text(word, format)),
        (Format::Markdown, None) => format!("{MARKDOWN_BADGE}{status}"),
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

/// The notice under the badge of an inactive design: one paragraph with a title (`Replaced`)
/// and a sentence; `note` is a Markdown sentence naming the replacement (`Replaced by
/// [X](x.md).`), `replaced_by` a link to it when there is no note. In HTML it is a box styled by
/// the stylesheet; in Markdown a block quote.
pub(crate) fn notice(status: Status, note: Option<&str>, replaced_by: Option<&str>, format: Format) -> Option<String> {
    let (title, what) = match status {
        Status::Deferred => ("Deferred", "This design is on hold: it was deferred and is not being worked on."),
        Status::Rejected => ("Rejected", "This design was rejected: it records an idea that was decided against."),
        Status::Withdrawn => ("Withdrawn", "This design was withdrawn by its authors."),
        Status::Replaced => ("Replaced", "This design was replaced by another design."),
        _ => return None,
    };
    let mut text = match (status, note.map(str::trim).filter(|n| !n.is_empty()), replaced_by.map(str::trim)) {
        (Status::Replaced, Some(note), _) => note.to_string(),
        (Status::Replaced, None, Some(dest)) if !dest.is_empty() => {
            format!("Replaced by [the replacing design](<{}>).", dest.replace(['<', '>', '\n'], ""))
        }
        _ => what.to_string(),
    };
    text.push_str(" It is kept for the record and is not a current plan.");
    Some(match format {
        Format::Html => format!(
            "{}data-design-status=\"{s}\" role=\"note\"><strong class=\"design-notice-title\">{title}</strong> {text}</span>",
            notice_open(),
            s = status.as_str(),
        ),
        Format::Markdown => format!("{MARKDOWN_NOTICE}{title}:** {text} {}", Mark::Notice.comment()),
    })
}

/// How every HTML notice starts, mark included.
fn notice_open() -> String {
    format!("<span class=\"{NOTICE_CLASS}\" {} ", Mark::Notice.attribute())
}

/// How every Markdown notice starts.
const MARKDOWN_NOTICE: &str = "> **";

/// The one-line summary of a design's front matter under its badge (HTML only): authors,
/// owners, dates and links, then a link to the raw block (`#design-front-matter`), which the
/// stylesheet shows only when it is the link's target.
pub(crate) fn meta_line(meta: &[(&str, Vec<String>)], raw_link: bool) -> String {
    let mut parts = Vec::new();
    for (key, values) in meta {
        let label = match *key {
            "authors" => "Authors",
            "owners" => "Owners",
            "owning-sig" => "Owning SIG",
            "creation-date" => "Created",
            "last-updated" => "Updated",
            "see-also" => "See also",
            "tracking-link" => "Tracking",
            other => other,
        };
        let shown: Vec<String> = values.iter().take(6).map(|v| meta_value(v)).collect();
        let more = if values.len() > 6 { format!(" and {} more", values.len() - 6) } else { String::new() };
        parts.push(format!("{label}: {}{more}", shown.join(", ")));
    }
    if raw_link {
        parts.push("<a href=\"#design-front-matter\">front matter</a>".into());
    }
    format!("{}>{}</span>", meta_open(), parts.join(" · "))
}

/// A front matter value as inline text: web addresses as links, the rest escaped for both HTML
/// and Markdown (the line is a Markdown paragraph).
fn meta_value(value: &str) -> String {
    let value = value.trim();
    if (value.starts_with("https://") || value.starts_with("http://"))
        && !value.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
    {
        return format!("<{value}>");
    }
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// How every metadata line starts, mark included.
fn meta_open() -> String {
    format!("<span class=\"design-meta\" {}", Mark::Meta.attribute())
}

/// Whether a line is a metadata line this tool inserted (by its start and mark).
pub(crate) fn is_meta_line(line: &str) -> bool {
    line.trim().starts_with(&format!("{}>", meta_open()))
}

/// Whether a line is a badge this tool inserted: it starts as the tool's badges start and
/// carries the tool's mark. An author's `**Status:** Draft` line is not one.
pub(crate) fn is_badge_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with(&badge_open()) || (line.starts_with(MARKDOWN_BADGE) && Mark::Badge.ends(line))
}

/// Whether a line is a notice this tool inserted (by its start and its mark).
pub(crate) fn is_notice_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with(&notice_open()) || (line.starts_with(MARKDOWN_NOTICE) && Mark::Notice.ends(line))
}

/// Text from a design made safe for the output: escaped for HTML; for Markdown, with
/// characters that would start markup escaped.
pub(crate) fn inline_text(text: &str, format: Format) -> String {
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
    fn meta_line_escapes_values_and_links_addresses() {
        let meta = vec![
            ("authors", vec!["@a_b".to_string(), "<x>".to_string()]),
            ("see-also", vec!["https://example.com/k".to_string()]),
        ];
        let line = meta_line(&meta, true);
        assert_eq!(
            line,
            "<span class=\"design-meta\" data-mdbook-design=\"meta\">Authors: @a\\_b, &lt;x&gt; · See also: \
             <https://example.com/k> · <a href=\"#design-front-matter\">front matter</a></span>"
        );
        assert!(is_meta_line(&line) && !is_badge_line(&line) && !is_notice_line(&line));
    }

    #[test]
    fn replaced_notice_names_the_replacement() {
        let n = notice(Status::Replaced, Some("Replaced by [New](<new.md>)."), None, Format::Html).unwrap();
        assert!(n.contains(">Replaced</strong> Replaced by [New](<new.md>). It is kept"), "{n}");
        assert!(is_notice_line(&n));
        let md = notice(Status::Deferred, None, None, Format::Markdown).unwrap();
        assert!(md.starts_with("> **Deferred:** This design is on hold") && is_notice_line(&md), "{md}");
        assert!(!n.contains("style="), "no inline colours: {n}");
    }

    #[test]
    fn badge_carries_class_attribute_and_word() {
        for status in Status::ALL {
            let line = badge_line(status, BadgeExtras::default(), Format::Html);
            assert!(line.contains(&format!("data-design-status=\"{status}\"")));
            assert!(line.contains(&format!(">{status}</span>")));
            assert!(is_badge_line(&line));
            assert_eq!(notice(status, None, None, Format::Html).is_some(), status.is_inactive());
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
    fn a_projects_own_word_is_shown_with_the_canonical_colour() {
        let extras = BadgeExtras { word: Some("Standard"), ..BadgeExtras::default() };
        let line = badge_line(Status::Implemented, extras, Format::Html);
        assert!(line.contains("data-design-status=\"implemented\"") && line.contains(">Standard</span>"), "{line}");
        assert!(is_badge_line(&line));
        let md = badge_line(Status::Implemented, extras, Format::Markdown);
        assert_eq!(md, "**Status:** Standard (implemented) <!-- mdbook-design:badge -->");
        assert!(is_badge_line(&md));
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
            "<span class=\"design-notice\">mine</span>",
            "**Status:** implemented <!-- mdbook-design:notice -->",
        ] {
            assert!(!is_badge_line(line) && !is_notice_line(line), "{line}");
        }
        for status in Status::ALL {
            for format in [Format::Html, Format::Markdown] {
                assert!(is_badge_line(&badge_line(status, BadgeExtras::default(), format)));
                if let Some(n) = notice(status, None, None, format) {
                    assert!(is_notice_line(&n) && !is_badge_line(&n), "{n}");
                }
            }
        }
    }
}
