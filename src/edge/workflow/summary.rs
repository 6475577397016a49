//! Entries added to `SUMMARY.md`: a new design after the last design entry, and the index
//! chapter at the end of the numbered chapters. Insertions only; every other byte stays.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::model::project::Project;
use crate::text::edit::{splice, Edit};
use crate::text::source::{line_break, line_start};

use super::Error;

/// A list item of `SUMMARY.md` and the chapter it links.
struct Item {
    /// The item's bytes, nested items included.
    range: Range<usize>,
    /// How deep the list is (1 for the top level).
    depth: usize,
    /// The linked chapter, relative to `src` (as `book::summary_chapter` reads it), when it links one.
    path: Option<String>,
}

/// Every list item of a `SUMMARY.md`, in document order.
fn items(summary: &str) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut depth = 0;
    for (event, range) in Parser::new(summary).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Item) => {
                open.push(out.len());
                out.push(Item { range, depth, path: None });
            }
            Event::End(TagEnd::Item) => {
                open.pop();
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(&i) = open.last() {
                    if out[i].path.is_none() {
                        out[i].path = crate::edge::book::summary_chapter(&dest_url);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The offset just past the line holding the last non-blank byte of `range`.
fn after_item(text: &str, range: &Range<usize>) -> usize {
    let content = text[..range.end].trim_end();
    next_line(text, content.len().saturating_sub(1).max(range.start))
}

/// The start of the line after the one holding byte `at` (the end of the text on the last line).
pub(crate) fn next_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// A new entry in the style of `item` (same indentation and marker), inserted after it.
fn entry_after(text: &str, item: &Item, extra_indent: &str, title: &str, path: &str) -> Edit {
    let nl = line_break(text);
    let indent = &text[line_start(text, item.range.start)..item.range.start];
    let marker: String = text[item.range.start..].chars().take_while(|c| !c.is_whitespace()).collect();
    let at = after_item(text, &item.range);
    let lead = if text[..at].ends_with('\n') || at == 0 { "" } else { nl };
    Edit::insert(at, format!("{lead}{indent}{extra_indent}{marker} {}{nl}", link(title, path)))
}

/// `[title](path)` with the title's brackets escaped and the path in `<>` when it needs them.
fn link(title: &str, path: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('[', "\\[").replace(']', "\\]");
    if path.contains([' ', '(', ')', '<', '>']) {
        format!("[{title}](<{path}>)")
    } else {
        format!("[{title}]({path})")
    }
}

/// `summary` with an entry for the design at `path` (relative to `src`): after the last entry
/// that links a design, at its indentation; else as the first child of the chapter holding the
/// design index (`is_index` tells, by path); else at the end of the numbered chapters.
pub(crate) fn add_design(
    summary: &str,
    title: &str,
    path: &str,
    project: &Project,
    is_index: &dyn Fn(&str) -> bool,
) -> Result<String, Error> {
    let items = items(summary);
    if items.iter().any(|i| i.path.as_deref() == Some(path)) {
        return Ok(summary.to_string());
    }
    let last_design = items.iter().rev().find(|i| i.path.as_deref().is_some_and(|p| project.is_design(Path::new(p))));
    let edit = if let Some(item) = last_design {
        entry_after(summary, item, "", title, path)
    } else if let Some(index) = items.iter().find(|i| i.path.as_deref().is_some_and(is_index)) {
        let at = next_line(summary, index.range.start);
        let single = Item { range: index.range.start..at, depth: index.depth, path: None };
        entry_after(summary, &single, "  ", title, path)
    } else {
        return Ok(append_chapter(summary, &items, title, path));
    };
    splice(summary, vec![edit]).map(|(text, _)| text).map_err(|e| Error::workflow(e.to_string()))
}

/// `summary` with a top-level chapter linking `path`: after the last top-level list item, or at
/// the end when there is no list.
pub(crate) fn append_chapter_to(summary: &str, title: &str, path: &str) -> String {
    append_chapter(summary, &items(summary), title, path)
}

fn append_chapter(summary: &str, items: &[Item], title: &str, path: &str) -> String {
    let nl = line_break(summary);
    match items.iter().rev().find(|i| i.depth == 1) {
        Some(item) => {
            let edit = entry_after(summary, item, "", title, path);
            splice(summary, vec![edit]).map(|(text, _)| text).unwrap_or_else(|_| summary.to_string())
        }
        None => {
            let mut out = summary.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(nl);
            }
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push_str(nl);
            }
            out.push_str(&format!("- {}{nl}", link(title, path)));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Config;

    fn project() -> Project {
        Project::new(Config::default(), None).unwrap()
    }

    #[test]
    fn after_the_last_design_at_its_indentation() {
        let summary = "# Summary\n\n[Intro](index.md)\n\n- [Designs](designs.md)\n  - [A](design/a.md)\n  - [B](design/net/b.md)\n    - [Note](notes/b.md)\n\n# Reference\n\n- [Config](config.md)\n";
        let out = add_design(summary, "New [one]", "design/new-one.md", &project(), &|_| false).unwrap();
        assert_eq!(
            out,
            summary.replace(
                "    - [Note](notes/b.md)\n",
                "    - [Note](notes/b.md)\n  - [New \\[one\\]](design/new-one.md)\n"
            )
        );
        assert_eq!(add_design(&out, "x", "design/new-one.md", &project(), &|_| false).unwrap(), out);
    }

    #[test]
    fn under_the_index_chapter_or_at_the_end() {
        let summary = "- [Intro](index.md)\n- [Designs](designs.md)\n\n[Contributors](c.md)\n";
        let out = add_design(summary, "A", "design/a.md", &project(), &|p| p == "designs.md").unwrap();
        assert_eq!(out, "- [Intro](index.md)\n- [Designs](designs.md)\n  - [A](design/a.md)\n\n[Contributors](c.md)\n");
        let out = add_design(summary, "A", "design/a.md", &project(), &|_| false).unwrap();
        assert_eq!(out, "- [Intro](index.md)\n- [Designs](designs.md)\n- [A](design/a.md)\n\n[Contributors](c.md)\n");
        assert_eq!(append_chapter_to("# Summary", "D", "d.md"), "# Summary\n\n- [D](d.md)\n");
        let crlf = "- [A](design/a.md)\r\n";
        assert_eq!(
            add_design(crlf, "B", "design/b.md", &project(), &|_| false).unwrap(),
            "- [A](design/a.md)\r\n- [B](design/b.md)\r\n"
        );
    }
}
