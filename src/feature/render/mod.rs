//! Output pieces inserted into chapters: status badges, notices and status timelines (HTML or
//! plain Markdown).

pub(crate) mod badge;
pub(crate) mod html;
pub(crate) mod style;

pub(crate) mod timeline;

/// What the renderer that will read the chapter understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The html renderer: raw HTML with classes and inline styles.
    Html,
    /// Any other renderer: plain Markdown.
    Markdown,
}

impl Format {
    /// The format for an mdBook renderer name.
    pub fn for_renderer(renderer: &str) -> Format {
        if renderer == "html" {
            Format::Html
        } else {
            Format::Markdown
        }
    }
}
