//! `{{#design-releases}}`: the release history page, built from the status timelines: for the
//! unreleased changes and then each version tag, newest first, the designs whose status
//! changed in it, as the release notes show them. A change belongs to the first final release
//! that holds it, so a pre-release shows only changes no final release holds yet (and is left
//! out when there are none). Final releases in which no design changed fold, run by run, into
//! one short section each (a repository with many patch tags would otherwise print a section
//! per tag saying only that), and an empty "Unreleased" is left out when there are releases.

use super::excerpt::LinkBase;
use super::range::Resolved;
use super::{groups, quiet_releases_markdown, to_markdown, Notes};
use crate::feature::history::changes::DesignChange;
use crate::feature::history::git::Tag;
use crate::feature::history::versions::Versions;
use crate::feature::history::History;
use crate::model::project::Project;

/// The directive's text, on a line of its own.
pub(crate) const DIRECTIVE: &str = "{{#design-releases}}";

/// The release history as Markdown, for the chapter at `chapter_path`; `text_of` gives a
/// design's current text by path. With `html`, links name the pages mdBook writes (see
/// [`LinkBase::html`]).
pub(crate) fn releases_markdown(
    history: &History,
    project: &Project,
    chapter_path: &str,
    html: bool,
    text_of: &dyn Fn(&str) -> Option<String>,
) -> String {
    let tags: Vec<Tag> =
        history.releases.iter().map(|name| Tag { name: name.clone(), commit: String::new() }).collect();
    let versions = Versions::from_tags(&tags);
    let links = LinkBase { base_url: None, src_prefix: "", from_chapter: Some(chapter_path), html };
    let mut sections: Vec<Option<&str>> = vec![None];
    sections.extend(versions.tags.iter().rev().map(|t| Some(t.name.as_str())));
    let mut out = String::new();
    // The run of final releases without changes, newest first, not yet written.
    let mut quiet: Vec<&str> = Vec::new();
    let push = |out: &mut String, section: &str| {
        if section.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(section);
    };
    for release in sections {
        let pre_release = release.and_then(|r| versions.find(r)).is_some_and(|t| !t.version.pre.is_empty());
        let mut changes = Vec::new();
        for (path, timeline) in &history.designs {
            let mut in_release = timeline.iter().filter(|c| c.release.as_deref() == release);
            let Some(first) = in_release.next() else { continue };
            let last = in_release.next_back().unwrap_or(first);
            let Some(text) = text_of(path) else { continue };
            changes.push(DesignChange { path: path.clone(), old_path: None, from: first.from, to: last.to, text });
        }
        // Only what the notes list counts (a design whose status cannot be read is in no group).
        let groups = groups(changes, project, links);
        let changed = groups.iter().any(|g| !g.entries.is_empty());
        // A pre-release shows only what no final release holds yet.
        if pre_release && !changed {
            continue;
        }
        match release {
            Some(name) if !changed => {
                quiet.push(name);
                continue;
            }
            None if !changed && !versions.tags.is_empty() => continue,
            _ => {}
        }
        push(&mut out, &quiet_releases_markdown(&quiet));
        quiet.clear();
        let previous = match release {
            Some(name) => versions.find(name).and_then(|t| versions.previous(t)).map(|t| t.name.clone()),
            None => versions.latest().map(|t| t.name.clone()),
        };
        // The page reads the releases from the build's history, not from a commit range.
        let range = Resolved {
            release: release.map(str::to_string),
            unreleased: release.is_none(),
            previous,
            until: release.unwrap_or("HEAD").to_string(),
            from: None,
            to: String::new(),
        };
        let notes = Notes { range, groups };
        push(&mut out, &to_markdown(&notes));
    }
    push(&mut out, &quiet_releases_markdown(&quiet));
    out
}

/// The byte ranges of the lines holding only the directive, outside fenced code.
pub(crate) fn find(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m))
                if open == m && trimmed.trim_start_matches(m.chars().next().unwrap_or('`')).is_empty() =>
            {
                fence = None
            }
            (None, None) if trimmed == DIRECTIVE => {
                let start = at + line.find(DIRECTIVE).unwrap_or(0);
                out.push(start..start + DIRECTIVE.len());
            }
            _ => {}
        }
        at += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_directive_outside_fences() {
        let text = "# R\n\n{{#design-releases}}\n\n```\n{{#design-releases}}\n```\n\nsee `{{#design-releases}}`\n";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], DIRECTIVE);
        assert_eq!(found[0].start, 5);
    }
}
