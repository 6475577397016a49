//! The notes as Markdown, ready to paste into a GitHub release or a CHANGELOG.

use super::{group_title, NoteEntry, Notes, ENTRY_LEVEL};
use crate::feature::render::badge::inline_text;
use crate::feature::render::Format;

/// The notes as Markdown: a `##` heading for the range, `###` per group, `####` per design.
pub(crate) fn to_markdown(notes: &Notes) -> String {
    let mut out = String::new();
    let (heading, intro) = match (&notes.range.release, &notes.range.previous) {
        (Some(release), Some(previous)) => {
            (release.clone(), format!("Designs whose status changed in {release}, since {previous}."))
        }
        (Some(release), None) => {
            (release.clone(), format!("Designs whose status changed up to {release}, the first release."))
        }
        (None, Some(previous)) if notes.range.unreleased => {
            ("Unreleased".to_string(), format!("Designs whose status changed since {previous}."))
        }
        (None, Some(previous)) => (
            format!("Changes from {previous} to {}", notes.range.until),
            format!("Designs whose status changed from {previous} to {}.", notes.range.until),
        ),
        (None, None) => {
            (format!("Changes up to {}", notes.range.until), format!("Designs up to {}.", notes.range.until))
        }
    };
    out.push_str(&format!("## {}\n\n{}\n", escape(&heading), escape(&intro)));
    let mut any = false;
    for group in notes.groups.iter().filter(|g| !g.entries.is_empty()) {
        any = true;
        out.push_str(&format!("\n### {}\n", group_title(group.status)));
        for entry in &group.entries {
            entry_markdown(&mut out, entry);
        }
    }
    if !any {
        out.push_str("\nNo design changed status.\n");
    }
    out
}

/// Releases in which no design changed status (newest first), as one section: a page of many
/// patch releases reads as the releases that changed something, each quiet run between them
/// one short section whose heading still names its releases (and the text every one of them,
/// so a search for any tag finds it).
pub(crate) fn quiet_releases_markdown(releases: &[&str]) -> String {
    match releases {
        [] => String::new(),
        [one] => format!("## {0}\n\nNo design changed status in {0}.\n", escape(one)),
        [newest, .., oldest] => {
            let names: Vec<String> = releases.iter().map(|r| escape(r)).collect();
            let (last, rest) = names.split_last().unwrap_or((&names[0], &[]));
            format!(
                "## {} to {}\n\nNo design changed status in these {} releases: {} and {last}.\n",
                escape(oldest),
                escape(newest),
                releases.len(),
                rest.join(", ")
            )
        }
    }
}

/// One design: its linked title, the status change and its Summary.
fn entry_markdown(out: &mut String, entry: &NoteEntry) {
    let hashes = "#".repeat(usize::from(ENTRY_LEVEL));
    let url = entry.url.replace('(', "%28").replace(')', "%29");
    out.push_str(&format!("\n{hashes} [{}]({url})\n\n", escape(&entry.title)));
    match entry.from {
        Some(from) => out.push_str(&format!("Status: {from} → {}\n", entry.to)),
        None => out.push_str(&format!("Status: {} (new)\n", entry.to)),
    }
    if let Some(summary) = &entry.summary {
        out.push('\n');
        out.push_str(summary);
        out.push('\n');
    }
}

/// Plain text made safe as Markdown inline text (the escaping the badge line uses too).
fn escape(text: &str) -> String {
    inline_text(text, Format::Markdown)
}
