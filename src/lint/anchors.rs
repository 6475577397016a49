//! The anchors mdBook gives a design's headings, for checking `#fragment` links.

use crate::design::Design;
use crate::markdown::BlockKind;

use super::hash::FxHashSet;
use super::DesignInfo;

/// The id mdBook makes from a heading's text: lowercase, alphanumerics, `_` and `-` kept,
/// whitespace as `-`, everything else dropped.
pub fn heading_id(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Every anchor of a design: heading ids (explicit `{#id}` or made from the text, duplicates
/// numbered `-1`, `-2` as mdBook does) and `id`/`name` attributes of HTML blocks and of `<a>`
/// tags in paragraphs, lowercased.
pub fn anchors(text: &str, design: &Design) -> FxHashSet<String> {
    let mut used = FxHashSet::default();
    for h in &design.outline.headings {
        let id = match &h.id {
            Some(id) => id.to_lowercase(),
            None => heading_id(&h.text),
        };
        if used.insert(id.clone()) {
            continue;
        }
        let mut n = 1;
        while !used.insert(format!("{id}-{n}")) {
            n += 1;
        }
    }
    for block in &design.outline.blocks {
        let html = &text[block.range.clone()];
        match block.kind {
            BlockKind::Html => html_anchors(html, &mut used),
            // `<a name="x"></a>` inside a paragraph is inline HTML; only `<a` tags are read (an
            // anchor quoted in a code span only makes a link check more lenient).
            BlockKind::Paragraph if html.contains("<a ") => {
                for tag in html.split("<a ").skip(1) {
                    html_anchors(&format!(" {}", tag.split('>').next().unwrap_or("")), &mut used);
                }
            }
            _ => {}
        }
    }
    used
}

/// `id="x"` and `name="x"` attribute values in raw HTML.
fn html_anchors(html: &str, out: &mut FxHashSet<String>) {
    for attr in ["id=", "name="] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + attr.len()..];
            if !matches!(before, Some(c) if c.is_whitespace()) {
                continue;
            }
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
            if let Some(end) = rest[1..].find(quote) {
                out.insert(rest[1..1 + end].to_lowercase());
            }
        }
    }
}

/// The title and anchors of one design.
pub fn design_info(text: &str, design: &Design) -> DesignInfo {
    let title = design
        .title_heading()
        .map(|h| h.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| design.front_matter.as_ref().and_then(|f| f.title.clone()).filter(|t| !t.trim().is_empty()));
    DesignInfo { title, anchors: anchors(text, design) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Project;

    #[test]
    fn ids_like_mdbook() {
        assert_eq!(heading_id("Non-Goals/Future Work"), "non-goalsfuture-work");
        assert_eq!(heading_id("Upgrade / Downgrade Strategy"), "upgrade--downgrade-strategy");
        assert_eq!(heading_id(" Story 1 "), "story-1");
        assert_eq!(heading_id("Über `cfg`"), "über-cfg");
    }

    #[test]
    fn duplicates_explicit_ids_and_html() {
        let p = Project::new(Default::default(), None).unwrap();
        let text = "# T\n\n## Story\n\n## Story\n\n## X {#custom}\n\n<a name=\"Old-Anchor\"></a>\n";
        let a = anchors(text, &p.parse(text));
        for id in ["t", "story", "story-1", "custom", "old-anchor"] {
            assert!(a.contains(id), "{id} in {a:?}");
        }
        assert!(!a.contains("x"));
    }
}
