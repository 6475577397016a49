//! Template section headings put right: the edits that move a heading to the template's level
//! and rename a variant to the template's name, with the same-file `#anchor` links that follow a
//! rename. The build (normalization) and `lint --fix` both make exactly these edits.

use crate::feature::anchors::rename_ids;
use crate::model::design::{Design, Section};
use crate::model::template::{NameMatch, Template};
use crate::text::edit::Edit;
use crate::text::links::decode;
use crate::text::markdown::{Heading, HeadingStyle};
use crate::text::source::line_start;

/// What to put right on one heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wanted {
    /// Move it to the template's level.
    pub(crate) level: bool,
    /// Rename a variant (same letters) to the template's name.
    pub(crate) name: bool,
}

/// The edits, each with whether it renames (`true`) or changes the level, that put `section`'s
/// heading right; empty when nothing is wanted or nothing can be done safely. Anchors are made
/// with smart punctuation on or off, as the book renders.
pub(crate) fn edits(
    text: &str,
    design: &Design,
    section: &Section,
    template: &Template,
    wanted: Wanted,
    smart_punctuation: bool,
) -> Vec<(bool, Edit)> {
    let heading = design.heading(section);
    let target = &template.sections[section.template];
    let rename = wanted.name && can_rename(section, heading);
    let relevel = wanted.level && heading.level != target.level;
    // A rename that would leave a same-file link pointing nowhere is not made.
    let relinks =
        if rename { relink(text, design, section.heading, &target.name, smart_punctuation) } else { Some(Vec::new()) };
    let Some(relinks) = relinks else {
        return if relevel {
            edits(text, design, section, template, Wanted { level: true, name: false }, smart_punctuation)
        } else {
            Vec::new()
        };
    };
    let mut out = Vec::new();
    match heading.style {
        HeadingStyle::Atx => {
            let hashes = text[heading.range.clone()].bytes().take_while(|b| *b == b'#').count();
            if relevel && hashes > 0 {
                let edit =
                    Edit::replace(heading.range.start..heading.range.start + hashes, "#".repeat(target.level as usize));
                out.push((false, edit));
            }
            if rename {
                out.push((true, Edit::replace(heading.content.clone(), target.name.clone())));
            }
        }
        HeadingStyle::Setext => {
            let underline = setext_underline(text, heading);
            // An indented setext heading (a lazy paragraph line) would not stay a heading as
            // ATX; it keeps its form.
            let at_line_start = line_start(text, heading.range.start) == heading.range.start;
            if relevel && target.level <= 2 {
                let c = if target.level == 1 { "=" } else { "-" };
                out.push((false, Edit::replace(underline.clone(), c.repeat(underline.len().max(3)))));
            }
            if relevel && target.level > 2 && at_line_start {
                let name =
                    if rename { target.name.clone() } else { text[heading.content.clone()].replace(['\r', '\n'], " ") };
                out.push((
                    rename,
                    Edit::replace(heading.range.clone(), format!("{} {name}", "#".repeat(target.level as usize))),
                ));
            } else if rename && !(relevel && target.level > 2) {
                out.push((true, Edit::replace(heading.content.clone(), target.name.clone())));
            }
        }
    }
    if out.iter().any(|(renames, _)| *renames) {
        out.extend(relinks.into_iter().map(|e| (true, e)));
    }
    out
}

/// Whether a heading may be renamed to the template's name without losing anything: a variant
/// with the same letters, written as one plain run of text.
pub(crate) fn can_rename(section: &Section, heading: &Heading) -> bool {
    section.name_match == NameMatch::Variant && heading.plain && !heading.content.is_empty()
}

/// Edits that point this design's `#anchor` links at renamed heading `heading`'s new anchor
/// (the id mdBook gives it, duplicates numbered; a link matches it exactly, percent-decoded, as
/// in browsers); `None` when a link cannot be updated in place (a reference-style link).
fn relink(text: &str, design: &Design, heading: usize, name: &str, smart_punctuation: bool) -> Option<Vec<Edit>> {
    if design.outline.headings[heading].id.is_some() {
        return Some(Vec::new());
    }
    let Some((old, new)) = rename_ids(text, design, smart_punctuation, heading, name) else { return Some(Vec::new()) };
    if old == new {
        return Some(Vec::new());
    }
    let mut edits = Vec::new();
    for link in &design.outline.links {
        if link.dest.strip_prefix('#').is_none_or(|a| decode(a) != old) {
            continue;
        }
        let written = &text[link.range.clone()];
        let needle = format!("](#{})", &link.dest[1..]);
        let at = written.find(&needle)?;
        let start = link.range.start + at + 2;
        edits.push(Edit::replace(start..start + link.dest.len(), format!("#{new}")));
    }
    Some(edits)
}

/// The underline of a setext heading, without surrounding spaces.
fn setext_underline(text: &str, heading: &Heading) -> std::ops::Range<usize> {
    let range = heading.range.clone();
    let block = &text[range.clone()];
    let start = block.rfind('\n').map_or(0, |i| i + 1);
    let line = &block[start..];
    let lead = line.len() - line.trim_start().len();
    let trimmed = line.trim();
    range.start + start + lead..range.start + start + lead + trimmed.len()
}
