//! The anchors mdBook 0.5 gives a design's headings and definition-list terms, for checking
//! `#fragment` links and updating them when a heading is renamed.
//!
//! mdBook (`mdbook-html`, `html/tree.rs` and `utils.rs`) gives every `<h1>`..`<h6>` and `<dt>`
//! made from Markdown an id: the heading's written `{#id}` as is (not numbered, and not counted
//! by the numbering), else the id made from its text by [`heading_id`], numbered `-1`, `-2` when
//! an earlier heading or term already made it. The text is read with smart punctuation as the
//! book sets it (`output.html.smart-punctuation`, on by default), so `A -- B` gives `a--b`
//! only with it off.

use std::borrow::Cow;

use crate::model::design::{Design, IdTarget};
use crate::text::markdown::{smart_id_texts, BlockKind};

use rustc_hash::FxHashSet;

/// The id mdBook makes from an element's text: trimmed, lowercased, alphanumerics, `_` and `-`
/// kept, other whitespace as `-`, everything else dropped.
pub(crate) fn heading_id(text: &str) -> String {
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

/// The ids mdBook gives a design's headings and definition-list terms, in document order (one
/// per [`crate::model::design::Outline::id_targets`] entry), with smart punctuation on or off.
pub fn element_ids(text: &str, design: &Design, smart_punctuation: bool) -> Vec<String> {
    number(&design.outline.id_targets, &id_texts(text, design, smart_punctuation))
}

/// The text each id target's id is made from.
fn id_texts<'d>(text: &str, design: &'d Design, smart_punctuation: bool) -> Vec<Cow<'d, str>> {
    let targets = &design.outline.id_targets;
    // Smart punctuation changes an id only by turning runs of `-` into dashes (curly quotes and
    // `…` are dropped like straight ones), so the document is read again only then.
    if smart_punctuation && targets.iter().any(|t| t.explicit.is_none() && t.text.contains("--")) {
        let smart = smart_id_texts(text, design.outline.front_matter.as_ref());
        if smart.len() == targets.len() {
            return smart.into_iter().map(Cow::Owned).collect();
        }
    }
    targets.iter().map(|t| Cow::Borrowed(t.text.as_str())).collect()
}

/// Ids for `targets` from their `texts`: explicit ids as written, made ones numbered.
fn number(targets: &[IdTarget], texts: &[Cow<'_, str>]) -> Vec<String> {
    let mut used = FxHashSet::default();
    targets
        .iter()
        .zip(texts)
        .map(|(t, text)| match &t.explicit {
            Some(id) => id.clone(),
            None => unique(heading_id(text), &mut used),
        })
        .collect()
}

/// `id`, or `id-1`, `id-2`, ... when already used; the result is marked used.
fn unique(id: String, used: &mut FxHashSet<String>) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    let mut n = 1;
    loop {
        let candidate = format!("{id}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// The id heading `heading` (an index into the outline's headings) has now, and the one it
/// would have with `name` as its text; `None` for a heading mdBook gives no id.
pub(crate) fn rename_ids(
    text: &str,
    design: &Design,
    smart_punctuation: bool,
    heading: usize,
    name: &str,
) -> Option<(String, String)> {
    let targets = &design.outline.id_targets;
    let at = targets.iter().position(|t| t.heading == Some(heading))?;
    let texts = id_texts(text, design, smart_punctuation);
    let renamed = format!("# {name}\n");
    let renamed_text = if smart_punctuation {
        smart_id_texts(&renamed, None).into_iter().next()
    } else {
        crate::text::markdown::scan(&renamed).id_targets.into_iter().next().map(|t| t.text)
    };
    // As [`number`] does, but only up to the heading: its id depends on the ids before it alone,
    // and a design renames several headings, each of which would number every id twice.
    let mut used = FxHashSet::default();
    for (t, text) in targets[..at].iter().zip(&texts) {
        if t.explicit.is_none() {
            unique(heading_id(text), &mut used);
        }
    }
    let target = &targets[at];
    let id = |text: &str, used: &mut FxHashSet<String>| match &target.explicit {
        Some(id) => id.clone(),
        None => unique(heading_id(text), used),
    };
    let old = id(&texts[at], &mut used.clone());
    let new = id(&renamed_text.unwrap_or_default(), &mut used);
    Some((old, new))
}

/// Every anchor of a design, case kept (browsers match fragments exactly): the ids of the
/// headings and terms mdBook shows, and `id`/`name` attributes of HTML blocks and of `<a>` tags
/// in paragraphs and headings.
pub fn anchors(text: &str, design: &Design, smart_punctuation: bool) -> FxHashSet<String> {
    let mut used: FxHashSet<String> = element_ids(text, design, smart_punctuation)
        .into_iter()
        .zip(&design.outline.id_targets)
        .filter(|(_, t)| t.shown)
        .map(|(id, _)| id)
        .collect();
    for block in &design.outline.blocks {
        let html = &text[block.range.clone()];
        match block.kind {
            BlockKind::Html => html_anchors(html, &mut used),
            BlockKind::Paragraph => inline_anchors(html, &mut used),
            _ => {}
        }
    }
    // `## Title <a name="old-title"></a>` keeps an old anchor working.
    for h in design.outline.headings.iter().filter(|h| !h.plain) {
        inline_anchors(&text[h.range.clone()], &mut used);
    }
    used
}

/// `id`/`name` attributes of `<a>` tags in inline text (`<a name="x"></a>`); only `<a` tags are
/// read (an anchor quoted in a code span only makes a link check more lenient).
fn inline_anchors(text: &str, out: &mut FxHashSet<String>) {
    if text.contains("<a ") {
        for tag in text.split("<a ").skip(1) {
            html_anchors(&format!(" {}", tag.split('>').next().unwrap_or("")), out);
        }
    }
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
                out.insert(rest[1..1 + end].to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project::Project;

    #[test]
    fn ids_like_mdbook() {
        assert_eq!(heading_id("Non-Goals/Future Work"), "non-goalsfuture-work");
        assert_eq!(heading_id("Upgrade / Downgrade Strategy"), "upgrade--downgrade-strategy");
        assert_eq!(heading_id(" Story 1 "), "story-1");
        assert_eq!(heading_id("Über `cfg`"), "über-cfg");
    }

    fn ids(text: &str, smart: bool) -> Vec<String> {
        let p = Project::new(Default::default(), None).unwrap();
        element_ids(text, &p.parse(text), smart)
    }

    #[test]
    fn duplicates_explicit_ids_and_html() {
        let p = Project::new(Default::default(), None).unwrap();
        let text = "# T\n\n## Story\n\n## Story\n\n## X {#Custom}\n\n<a name=\"Old-Anchor\"></a>\n\n## Y <a id=\"was-y\"></a>\n";
        let a = anchors(text, &p.parse(text), true);
        for id in ["t", "story", "story-1", "Custom", "Old-Anchor", "y", "was-y"] {
            assert!(a.contains(id), "{id} in {a:?}");
        }
        for id in ["x", "custom", "old-anchor"] {
            assert!(!a.contains(id), "{id} in {a:?}");
        }
    }

    #[test]
    fn smart_punctuation_turns_double_hyphens_into_dashes() {
        let text = "# Option A -- keep it\n\n## `--flag` and a--b\n";
        assert_eq!(ids(text, true), ["option-a--keep-it", "--flag-and-ab"]);
        assert_eq!(ids(text, false), ["option-a----keep-it", "--flag-and-a--b"]);
    }

    #[test]
    fn terms_share_the_numbering_and_explicit_ids_do_not_count() {
        let text = "# Term\n\nTerm\n: a term\n\n## Other {#term}\n\n## Term\n";
        assert_eq!(ids(text, true), ["term", "term-1", "term", "term-2"]);
        let text = "## A\n\n## A-1\n\n## A\n";
        assert_eq!(ids(text, true), ["a", "a-1", "a-2"]);
    }

    #[test]
    fn ids_ignore_front_matter_and_image_alt_text() {
        let text = "---\ntitle: x\n---\n# Title ![logo](l.png)\n";
        assert_eq!(ids(text, true), ["title"]);
    }

    #[test]
    fn renaming_a_duplicate_keeps_its_number() {
        let p = Project::new(Default::default(), None).unwrap();
        let text = "# T\n\n## Goals\n\n## Goal\n\n## Goals\n";
        let d = p.parse(text);
        assert_eq!(rename_ids(text, &d, true, 2, "Goals"), Some(("goal".into(), "goals-1".into())));
        assert_eq!(rename_ids(text, &d, true, 3, "Non -- Goals"), Some(("goals-1".into(), "non--goals".into())));
        assert_eq!(rename_ids(text, &d, false, 3, "Non -- Goals"), Some(("goals-1".into(), "non----goals".into())));
    }
}
