//! The notes as Markdown, ready to paste into a GitHub release or a CHANGELOG.

use super::{group_title, NoteEntry, Notes, ENTRY_LEVEL};
use crate::render::badge::inline_text;
use crate::render::Format;

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
