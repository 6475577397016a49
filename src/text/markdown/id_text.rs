//! The text mdBook 0.5 makes each heading's and definition-list term's id from, read from the
//! same pulldown-cmark events that mdBook's HTML renderer turns into elements.
//!
//! mdBook gives every `<h1>`..`<h6>` and `<dt>` it renders from Markdown an id: the one written
//! as a heading attribute, else one made from the element's text (the text of all its
//! descendants: plain text, code, link text, the numbers of footnote references; never image alt
//! text). Those ids are numbered in document order.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// An element mdBook gives an id: a heading or a definition-list term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdTarget {
    /// Index into the outline's headings for a heading; `None` for a definition-list term.
    pub heading: Option<usize>,
    /// The id written on a heading (`{#id}`, or `{id=...}`), kept exactly as written.
    pub explicit: Option<String>,
    /// The element's text as mdBook collects it for the id, from events parsed with the options
    /// they were parsed with (the outline's are parsed with smart punctuation off).
    pub text: String,
    /// Whether mdBook shows the element: `false` inside a footnote definition that nothing
    /// references (mdBook still counts its id when numbering duplicates).
    pub shown: bool,
}

/// The id a heading's attributes give it. mdBook sets the attributes first and `#id` last, so
/// `#id` wins, then the last `id=` attribute (`{id}` alone is an empty id).
pub(crate) fn explicit_id(id: Option<&str>, attrs: &[(CowStr<'_>, Option<CowStr<'_>>)]) -> Option<String> {
    id.map(str::to_string)
        .or_else(|| attrs.iter().rev().find(|(k, _)| &**k == "id").map(|(_, v)| v.as_deref().unwrap_or("").to_string()))
}

/// Collects [`IdTarget`]s from a document's events, fed one by one in order.
#[derive(Debug, Default)]
pub(crate) struct IdTextCollector {
    /// The targets found so far.
    targets: Vec<IdTarget>,
    /// The footnote definition each target sits in.
    footnote_of: Vec<Option<String>>,
    /// The target being read.
    open: Option<usize>,
    /// Headings seen, including ones mdBook drops (indexes match the outline's headings).
    headings: usize,
    /// Nesting depth inside an image: mdBook reads its events as alt text and keeps nothing.
    image: usize,
    /// Nesting depth inside a repeated footnote definition, which mdBook drops whole.
    dropped: usize,
    /// Footnote numbers by name, given at the first reference.
    footnote_numbers: HashMap<String, usize>,
    /// Footnote definitions seen.
    footnotes_defined: HashSet<String>,
    /// The footnote definition being read.
    footnote: Option<String>,
    /// Whether the previous event was a footnote reference (mdBook puts a space between two).
    after_reference: bool,
}

impl IdTextCollector {
    /// Takes in the next event of the document.
    #[inline]
    pub(crate) fn event(&mut self, event: &Event<'_>) {
        // Most events are text outside headings and terms: nothing to keep.
        if self.open.is_none() && self.dropped == 0 && self.image == 0 {
            if let Event::Text(_) | Event::Code(_) | Event::SoftBreak = event {
                self.after_reference = false;
                return;
            }
        }
        self.read(event);
    }

    /// [`IdTextCollector::event`] for the events that may matter.
    fn read(&mut self, event: &Event<'_>) {
        if self.dropped > 0 {
            match event {
                Event::Start(tag) => {
                    self.dropped += 1;
                    if matches!(tag, Tag::Heading { .. }) {
                        self.headings += 1;
                    }
                }
                Event::End(_) => self.dropped -= 1,
                _ => {}
            }
            return;
        }
        if self.image > 0 {
            match event {
                Event::Start(tag) => {
                    self.image += 1;
                    if matches!(tag, Tag::Heading { .. }) {
                        self.headings += 1;
                    }
                }
                Event::End(_) => self.image -= 1,
                _ => {}
            }
            return;
        }
        let after_reference = std::mem::take(&mut self.after_reference);
        match event {
            Event::Start(Tag::Heading { id, attrs, .. }) => {
                self.open_target(Some(self.headings), explicit_id(id.as_deref(), attrs));
                self.headings += 1;
            }
            Event::Start(Tag::DefinitionListTitle) => self.open_target(None, None),
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::DefinitionListTitle) => self.open = None,
            Event::Start(Tag::Image { .. }) => self.image = 1,
            Event::Start(Tag::FootnoteDefinition(name)) => {
                if self.footnotes_defined.insert(name.to_string()) {
                    self.footnote = Some(name.to_string());
                } else {
                    self.dropped = 1;
                }
            }
            Event::End(TagEnd::FootnoteDefinition) => self.footnote = None,
            Event::Text(text) | Event::Code(text) => self.push(text),
            Event::SoftBreak => self.push("\n"),
            Event::FootnoteReference(name) => {
                let next = self.footnote_numbers.len() + 1;
                let number = *self.footnote_numbers.entry(name.to_string()).or_insert(next);
                if after_reference {
                    self.push(" ");
                }
                self.push(&number.to_string());
                self.after_reference = true;
            }
            _ => {}
        }
    }

    /// Starts reading a heading or term.
    fn open_target(&mut self, heading: Option<usize>, explicit: Option<String>) {
        self.open = Some(self.targets.len());
        self.targets.push(IdTarget { heading, explicit, text: String::new(), shown: true });
        self.footnote_of.push(self.footnote.clone());
    }

    /// Adds text to the target being read, if any.
    fn push(&mut self, text: &str) {
        if let Some(i) = self.open {
            self.targets[i].text.push_str(text);
        }
    }

    /// The targets in document order.
    pub(crate) fn finish(mut self) -> Vec<IdTarget> {
        for (target, footnote) in self.targets.iter_mut().zip(&self.footnote_of) {
            if let Some(name) = footnote {
                target.shown = self.footnote_numbers.contains_key(name);
            }
        }
        self.targets
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    use super::*;

    fn targets(text: &str) -> Vec<IdTarget> {
        let options = Options::ENABLE_FOOTNOTES
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_DEFINITION_LIST
            | Options::ENABLE_SMART_PUNCTUATION;
        let mut c = IdTextCollector::default();
        for event in Parser::new_ext(text, options) {
            c.event(&event);
        }
        c.finish()
    }

    fn texts(text: &str) -> Vec<String> {
        targets(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn text_code_links_and_breaks() {
        assert_eq!(texts("# A *b* `c--d` [e](x)\n"), ["A b c--d e"]);
        assert_eq!(texts("# Option A -- keep it\n"), ["Option A – keep it"]);
        assert_eq!(texts("Two\nlines\n===\n"), ["Two\nlines"]);
        assert_eq!(texts("Hard\\\nbreak\n===\n"), ["Hardbreak"]);
        assert_eq!(texts("# A &amp; B <b>bold</b>\n"), ["A & B bold"]);
    }

    #[test]
    fn images_are_left_out_and_footnotes_are_numbers() {
        assert_eq!(texts("# Logo ![alt *x*](a.png) end\n"), ["Logo  end"]);
        let t = texts("Text[^b].\n\n# Note[^a][^b]\n\n[^a]: A.\n[^b]: B.\n");
        assert_eq!(t, ["Note2 1"]);
        assert_eq!(texts("# X[^a]![y](i.png)[^b]\n\n[^a]: A.\n[^b]: B.\n"), ["X12"]);
    }

    #[test]
    fn explicit_ids_terms_and_dropped_footnotes() {
        let t = targets("# A {#Up .c}\n\n## B {id=x}\n\nTerm\n: def\n");
        let got: Vec<_> = t.iter().map(|t| (t.heading, t.explicit.as_deref(), t.text.as_str())).collect();
        assert_eq!(got, [(Some(0), Some("Up"), "A"), (Some(1), Some("x"), "B"), (None, None, "Term")]);
        let t = targets("x[^a]\n\n[^a]: # In\n\n[^a]: # Again\n\n[^z]: # Unused\n\n# After\n");
        let got: Vec<_> = t.iter().map(|t| (t.heading, t.text.as_str(), t.shown)).collect();
        assert_eq!(got, [(Some(0), "In", true), (Some(2), "Unused", false), (Some(3), "After", true)]);
    }
}
