//! A design's Summary as a Markdown excerpt for release notes: headings demoted below the
//! entry's heading, relative links and images made absolute, comments dropped, wording intact.
//!
//! Only this excerpt is re-rendered (with `pulldown-cmark-to-cmark`); the design files are never
//! rewritten.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::design::Design;
use crate::model::template::Template;
use crate::text::links::{chapter_link, decode, dir_of, encode_path, html_path, normalize, relative, scheme};

/// Where links in an excerpt point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkBase<'a> {
    /// The built book's address (no trailing `/`); `None` links to source files instead.
    pub base_url: Option<&'a str>,
    /// The book's `src` folder relative to the repository's top (`book/src/`, or empty).
    pub src_prefix: &'a str,
    /// The chapter the links are written in, for links relative to it (inside the book);
    /// it takes the place of the base URL.
    pub from_chapter: Option<&'a str>,
    /// With `from_chapter`: link chapters by the page mdBook's HTML renderer writes (`x.html`,
    /// `index.html` for a `README.md`, which mdBook does not rewrite in links) instead of `.md`.
    pub html: bool,
}

impl LinkBase<'_> {
    /// The address of the chapter at `path` (relative to `src`), with `fragment` (`#x` or empty).
    pub(crate) fn chapter(&self, path: &str, fragment: &str) -> String {
        if let Some(from) = self.from_chapter {
            return format!("{}{fragment}", chapter_link(from, path, self.html));
        }
        match self.base_url {
            Some(base) => format!("{base}/{}{fragment}", encode_path(&html_path(path))),
            None => format!("{}{fragment}", encode_path(&format!("{}{path}", self.src_prefix))),
        }
    }

    /// The address of a file that is not a chapter (an image), at `path` relative to `src`.
    fn file(&self, path: &str, fragment: &str) -> String {
        if let Some(from) = self.from_chapter {
            return format!("{}{fragment}", encode_path(&relative(dir_of(from), path)));
        }
        match self.base_url {
            Some(base) => format!("{base}/{}{fragment}", encode_path(path)),
            None => format!("{}{fragment}", encode_path(&format!("{}{path}", self.src_prefix))),
        }
    }

    /// `dest`, written in the design at `design_path`, as an absolute address (or one from the
    /// repository's top without a base URL); addresses with a scheme and from the root are kept.
    pub(crate) fn rebase(&self, dest: &str, design_path: &str, image: bool) -> String {
        let trimmed = dest.trim();
        if trimmed.is_empty() || scheme(trimmed).is_some() || trimmed.starts_with('/') {
            return dest.to_string();
        }
        let (path, fragment) = match trimmed.find(['#', '?']) {
            Some(i) => (&trimmed[..i], &trimmed[i..]),
            None => (trimmed, ""),
        };
        let target = if path.is_empty() {
            design_path.to_string()
        } else {
            match normalize(&format!("{}/{}", dir_of(design_path), decode(path))) {
                Some(p) => p,
                // Climbing above `src`: nothing to point at in the book.
                None => return dest.to_string(),
            }
        };
        if !image && target.ends_with(".md") {
            self.chapter(&target, fragment)
        } else {
            self.file(&target, fragment)
        }
    }
}

/// The parser options of the excerpt: mdBook's, less smart punctuation (which would change the
/// author's quotes and dashes).
fn options() -> Options {
    crate::text::markdown::markdown_options() - Options::ENABLE_SMART_PUNCTUATION
}

/// The Summary of `design` (whose text is `text`, at `path` relative to `src`) as Markdown whose
/// top headings sit at `top_level`; `None` without a Summary section or when it is blank.
pub(crate) fn summary(
    text: &str,
    design: &Design,
    template: &Template,
    path: &str,
    top_level: u8,
    links: LinkBase<'_>,
) -> Option<String> {
    let body = design.section(template, "Summary")?.body.clone();
    let events: Vec<Event<'_>> = Parser::new_ext(text, options())
        .into_offset_iter()
        .filter(|(_, range)| range.start >= body.start && range.start < body.end)
        .map(|(event, _)| event)
        .collect();
    let events = drop_comments(events);
    let shallowest = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(top_level);
    let demote = |level: HeadingLevel| -> HeadingLevel {
        let n = (level as u8).saturating_sub(shallowest).saturating_add(top_level).clamp(1, 6);
        HeadingLevel::try_from(usize::from(n)).unwrap_or(HeadingLevel::H6)
    };
    let events = events.into_iter().map(|event| match event {
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: demote(level), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => Event::Start(Tag::Link {
            link_type: inline(link_type),
            dest_url: CowStr::from(links.rebase(&dest_url, path, false)),
            title,
            id: if is_reference(link_type) { CowStr::from("") } else { id },
        }),
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => Event::Start(Tag::Image {
            link_type: inline(link_type),
            dest_url: CowStr::from(links.rebase(&dest_url, path, true)),
            title,
            id: if is_reference(link_type) { CowStr::from("") } else { id },
        }),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark_to_cmark::cmark(events, &mut out, options()).ok()?;
    let out = out.trim().to_string();
    (!out.is_empty()).then_some(out)
}

/// Whether a link refers to a definition elsewhere in the document.
fn is_reference(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown
    )
}

/// Reference links become inline ones: their definitions are outside the excerpt.
fn inline(link_type: LinkType) -> LinkType {
    if is_reference(link_type) {
        LinkType::Inline
    } else {
        link_type
    }
}

/// The events without HTML blocks that hold only comments (the template's instructions).
fn drop_comments(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<Vec<Event<'_>>> = None;
    for event in events {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(vec![event]),
            Event::End(TagEnd::HtmlBlock) => {
                let Some(mut held) = block.take() else { continue };
                let html: String = held
                    .iter()
                    .filter_map(|e| match e {
                        Event::Html(h) => Some(h.as_ref()),
                        _ => None,
                    })
                    .collect();
                if !only_comments(&html) {
                    held.push(event);
                    out.extend(held);
                }
            }
            other => match &mut block {
                Some(held) => held.push(other),
                None => out.push(other),
            },
        }
    }
    out
}

/// Whether `html` is nothing but comments and whitespace.
fn only_comments(html: &str) -> bool {
    let mut rest = html.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim_start(),
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template::Template;

    fn excerpt(text: &str, base: Option<&str>) -> Option<String> {
        let template = Template::builtin();
        let design = Design::parse(text, &template, &Default::default());
        summary(
            text,
            &design,
            &template,
            "design/net/a.md",
            5,
            LinkBase { base_url: base, src_prefix: "book/src/", from_chapter: None, html: false },
        )
    }

    #[test]
    fn headings_links_and_comments() {
        let text = "# A\n\n## Summary\n\n<!-- write it -->\n\nSpot \"instances\" -- see [B](b.md#x), [ref] and \
                    ![d](img/d.png).\n\n### Detail\n\nMore [out](https://e.org/x).\n\n## Motivation\n\nNo.\n\n[ref]: ../c.md\n";
        let with_base = excerpt(text, Some("https://d.example/book")).unwrap();
        assert_eq!(
            with_base,
            "Spot \"instances\" -- see [B](https://d.example/book/design/net/b.html#x), \
             [ref](https://d.example/book/design/c.html) and ![d](https://d.example/book/design/net/img/d.png).\n\n\
             ##### Detail\n\nMore [out](https://e.org/x)."
        );
        let without = excerpt(text, None).unwrap();
        assert!(without.contains("[B](book/src/design/net/b.md#x)"), "{without}");
        assert!(without.contains("![d](book/src/design/net/img/d.png)"), "{without}");
    }

    #[test]
    fn no_summary_or_blank() {
        assert_eq!(excerpt("# A\n\n## Motivation\n\nx\n", None), None);
        assert_eq!(excerpt("# A\n\n## Summary\n\n<!-- x -->\n\n## Motivation\n", None), None);
    }
}
