//! The marks that tell the tool's own insertions from author text.
//!
//! Every line the preprocessor inserts carries one: an attribute in HTML, a comment in Markdown.
//! Only lines with a mark are ever recognised as the tool's and replaced; a line that merely
//! looks like a badge (`**Status:** Draft, waiting on review`) is the author's and is kept.

/// What an inserted line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// The status badge under the title.
    Badge,
    /// The notice on an inactive design.
    Notice,
    /// A title made from the file name.
    Title,
    /// The stylesheet of badges, notices and index tables.
    Style,
    /// The line of front matter facts under the badge.
    Meta,
    /// The status timeline under the badge.
    History,
    /// An expanded `{{#design-index}}` table: its chapter stays an index page on a second run.
    Index,
    /// The collapsed block around front matter (its mark is part of
    /// [`crate::text::markdown::FRONT_MATTER_OPEN`]).
    #[cfg_attr(not(test), allow(dead_code))]
    FrontMatter,
}

impl Mark {
    fn name(self) -> &'static str {
        match self {
            Mark::Badge => "badge",
            Mark::Notice => "notice",
            Mark::Title => "title",
            Mark::Style => "style",
            Mark::Meta => "meta",
            Mark::Index => "index",
            Mark::History => "history",
            Mark::FrontMatter => "front-matter",
        }
    }

    /// The HTML attribute that marks an element (`data-mdbook-design="badge"`).
    pub(crate) fn attribute(self) -> String {
        format!("data-mdbook-design=\"{}\"", self.name())
    }

    /// The comment that ends a marked Markdown line (`<!-- mdbook-design:badge -->`).
    pub(crate) fn comment(self) -> String {
        format!("<!-- mdbook-design:{} -->", self.name())
    }

    /// Whether `text` has a line that starts with this mark (as an attribute of an element, or
    /// as a comment), after any block quote markers.
    pub(crate) fn starts_a_line_in(self, text: &str) -> bool {
        let (attribute, comment) = (self.attribute(), self.comment());
        text.lines().any(|l| {
            let l = l.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
            l.starts_with(&comment)
                || (l.starts_with('<') && l.split('>').next().is_some_and(|tag| tag.contains(&attribute)))
        })
    }

    /// Whether `line` (trimmed) ends with this mark's comment.
    pub(crate) fn ends(self, line: &str) -> bool {
        let line = line.trim_end();
        let name = self.name();
        line.strip_suffix(" -->").and_then(|l| l.strip_suffix(name)).is_some_and(|l| l.ends_with("<!-- mdbook-design:"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_recognised_exactly() {
        assert!(crate::text::markdown::FRONT_MATTER_OPEN.contains(&Mark::FrontMatter.attribute()));
        assert!(Mark::Badge.ends("**Status:** x <!-- mdbook-design:badge -->  "));
        assert!(!Mark::Badge.ends("**Status:** x <!-- mdbook-design:notice -->"));
        assert!(!Mark::Badge.ends("**Status:** x <!-- badge -->"));
        assert!(!Mark::Title.ends("# T"));
    }
}
