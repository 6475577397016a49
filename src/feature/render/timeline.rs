//! The status timeline under a design's badge: each status the design has had, with the date
//! and the release it first shipped in, as one marked line (HTML or plain Markdown).

use super::badge::inline_text;
use super::html::escape;
use super::Format;
use crate::feature::history::StatusChange;
use crate::text::marker::Mark;

/// The class of the timeline element.
pub(crate) const HISTORY_CLASS: &str = "design-history";

/// The timeline line of a design with `changes` (oldest first); `None` without changes.
pub(crate) fn timeline_line(changes: &[StatusChange], format: Format) -> Option<String> {
    if changes.is_empty() {
        return None;
    }
    Some(match format {
        Format::Html => {
            let children: Vec<String> = changes
                .iter()
                .map(|c| {
                    let date = c.date();
                    let release = c.release.as_deref().unwrap_or("");
                    let shipped =
                        if release.is_empty() { String::new() } else { format!(" in {}", escape(release)) };
                    format!(
                        "<span data-design-status=\"{s}\" data-release=\"{r}\">{s} <time datetime=\"{date}\">{date}</time>{shipped}</span>",
                        s = c.to.as_str(),
                        r = escape(release),
                    )
                })
                .collect();
            format!(
                "<div class=\"{HISTORY_CLASS}\" {}>History: {}</div>",
                Mark::History.attribute(),
                children.join(" → ")
            )
        }
        Format::Markdown => {
            let steps: Vec<String> = changes
                .iter()
                .map(|c| match &c.release {
                    Some(r) => format!("{} {} in {}", c.to, c.date(), inline_text(r, Format::Markdown)),
                    None => format!("{} {}", c.to, c.date()),
                })
                .collect();
            format!("*History:* {} {}", steps.join(" → "), Mark::History.comment())
        }
    })
}

/// Whether a line is a timeline this tool inserted (by its start and its mark).
pub(crate) fn is_timeline_line(line: &str) -> bool {
    let line = line.trim();
    let html_start = format!("<div class=\"{HISTORY_CLASS}\" {}", Mark::History.attribute());
    line.starts_with(&html_start) || (line.starts_with("*History:* ") && Mark::History.ends(line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::status::Status;

    fn change(from: Option<Status>, to: Status, time: i64, release: Option<&str>) -> StatusChange {
        StatusChange { from, to, commit: "c".into(), time, release: release.map(str::to_string), blob: String::new() }
    }

    #[test]
    fn lines_and_recognition() {
        let changes = [
            change(None, Status::Provisional, 1_704_110_400, Some("v1.0.0")),
            change(Some(Status::Provisional), Status::Implemented, 1_704_196_800, None),
        ];
        let html = timeline_line(&changes, Format::Html).unwrap();
        assert_eq!(
            html,
            "<div class=\"design-history\" data-mdbook-design=\"history\">History: \
             <span data-design-status=\"provisional\" data-release=\"v1.0.0\">provisional <time datetime=\"2024-01-01\">2024-01-01</time> in v1.0.0</span> → \
             <span data-design-status=\"implemented\" data-release=\"\">implemented <time datetime=\"2024-01-02\">2024-01-02</time></span></div>"
        );
        let markdown = timeline_line(&changes, Format::Markdown).unwrap();
        assert_eq!(
            markdown,
            "*History:* provisional 2024-01-01 in v1.0.0 → implemented 2024-01-02 <!-- mdbook-design:history -->"
        );
        assert!(is_timeline_line(&html) && is_timeline_line(&markdown));
        assert!(!is_timeline_line("*History:* written by the author"));
        assert!(!is_timeline_line("<div class=\"design-history\">mine</div>"));
        assert_eq!(timeline_line(&[], Format::Html), None);
    }
}
