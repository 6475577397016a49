//! Reading Markdown: one pass of pulldown-cmark over a document, keeping what every feature
//! needs with byte spans, and the front matter found by hand at the start. The one place that
//! parses a design's or the template's text; `template` and `design` both build on it.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub(crate) mod id_text;

pub(crate) use id_text::IdTarget;
use id_text::{explicit_id, IdTextCollector};

/// The Markdown extensions mdBook 0.5 turns on, so that block structure matches the rendered book.
pub(crate) fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// The length of a UTF-8 byte-order mark at the start of `text` (3 bytes, or 0 without one).
/// Every reader starts after it: a file saved with one is read as mdBook reads it (mdBook drops
/// it when it loads a chapter), while its bytes stay in the text so that spans and edits keep
/// them.
pub(crate) fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    }
}

/// `text` with a leading byte-order mark turned into line breaks of the same length, for
/// pulldown-cmark (which would read it as text, so that `\u{FEFF}# Title` is no heading):
/// blank lines at the start change no block, and every offset stays the same.
fn without_bom(text: &str) -> Cow<'_, str> {
    match bom_len(text) {
        0 => text.into(),
        n => format!("{}{}", "\n".repeat(n), &text[n..]).into(),
    }
}

/// Byte ranges of code blocks and code spans, where directives and links are only text.
pub(crate) fn code_ranges(text: &str) -> Vec<Range<usize>> {
    Parser::new_ext(&without_bom(text), markdown_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => Some(range),
            _ => None,
        })
        .collect()
}

/// The destinations of the links of a text, in order (what `SUMMARY.md` lists).
pub(crate) fn link_destinations(text: &str) -> Vec<String> {
    Parser::new(text)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

/// How a heading is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingStyle {
    /// `## Text`
    Atx,
    /// `Text` underlined with `===` or `---`.
    Setext,
}

/// A heading with its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's text without markup.
    pub text: String,
    /// The whole heading, from its first marker to the end of its last line (line break excluded).
    pub range: Range<usize>,
    /// The inline content (what a rename replaces); empty at `range.start` for an empty heading.
    pub content: Range<usize>,
    /// Whether the content is one plain text run (safe to rename without losing markup).
    pub plain: bool,
    /// ATX or setext.
    pub style: HeadingStyle,
    /// Whether the heading sits inside a block quote or list item.
    pub nested: bool,
    /// An explicit id written as a heading attribute (`# Title {#id}` or `{id=...}`).
    pub id: Option<String>,
    /// The heading's text with inline HTML kept as written (`<b>x</b>` stays); `text` drops it.
    /// What a summary table shows as the title, escaped.
    pub source_text: String,
}

/// The kind of a block that rules treat specially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph of prose.
    Paragraph,
    /// A fenced or indented code block.
    Code,
    /// A table.
    Table,
    /// Raw HTML (comments included).
    Html,
}

/// A leaf block with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Where it is.
    pub range: Range<usize>,
    /// Whether it sits inside a block quote or list item.
    pub nested: bool,
}

/// A link in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Its destination as written (after reference resolution).
    pub dest: String,
    /// The link's source span.
    pub range: Range<usize>,
    /// The link text without markup.
    pub text: String,
}

/// The front matter block's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterKind {
    /// `---` delimited YAML.
    Yaml,
    /// `+++` delimited TOML.
    Toml,
}

/// The raw front matter block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFrontMatter {
    /// YAML or TOML.
    pub kind: FrontMatterKind,
    /// The whole block with its delimiters (final line break excluded).
    pub range: Range<usize>,
    /// The text between the delimiters.
    pub body: Range<usize>,
    /// The whole block as it shows: `range`, or the collapsed block the preprocessor wrapped it in.
    pub outer: Range<usize>,
}

/// Something structurally wrong that makes rewriting the document unsafe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it starts.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// What the author should do.
    pub help: String,
}

/// Everything one parse of a document yields.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Front matter, when the document starts with one.
    pub front_matter: Option<RawFrontMatter>,
    /// Every heading in document order.
    pub headings: Vec<Heading>,
    /// Leaf blocks (paragraphs, code, tables, HTML) in document order.
    pub blocks: Vec<Block>,
    /// Links in document order.
    pub links: Vec<Link>,
    /// Link reference definitions' spans.
    pub link_definitions: Vec<Range<usize>>,
    /// Problems found while parsing.
    pub problems: Vec<Problem>,
    /// Headings and definition-list terms, which mdBook gives ids, in document order (their
    /// text read with smart punctuation off).
    pub id_targets: Vec<IdTarget>,
}

/// Parses `text` once and collects its outline.
pub(crate) fn scan(text: &str) -> Outline {
    let mut outline = Outline::default();
    let front = front_matter_at_start(text);
    let source = masked_source(text, front.as_ref());
    let source = source.as_ref();
    if front.is_none() {
        outline.problems.extend(unclosed_front_matter(text));
    }
    outline.front_matter = front;
    let parser = Parser::new_ext(source, scan_options());
    outline.link_definitions = parser.reference_definitions().iter().map(|(_, def)| def.span.clone()).collect();
    let mut containers = 0usize;
    let mut heading: Option<(Heading, usize)> = None;
    let mut link: Option<Link> = None;
    let mut ids = IdTextCollector::default();
    for (event, range) in parser.into_offset_iter() {
        ids.event(&event);
        match event {
            Event::Start(Tag::Heading { level, id, attrs, .. }) => {
                let end = trim_line_break(text, range.end);
                let style = if text[range.start..end].contains('\n') || !is_atx(text, range.start) {
                    HeadingStyle::Setext
                } else {
                    HeadingStyle::Atx
                };
                heading = Some((
                    Heading {
                        level: heading_level(level),
                        text: String::new(),
                        range: range.start..end,
                        content: range.start..range.start,
                        plain: true,
                        style,
                        nested: containers > 0,
                        id: explicit_id(id.as_deref(), &attrs),
                        source_text: String::new(),
                    },
                    0,
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((mut h, runs)) = heading.take() {
                    if runs == 0 {
                        h.content = atx_empty_content(text, &h);
                    }
                    h.plain = h.plain && text[h.content.clone()] == h.text;
                    outline.headings.push(h);
                }
            }
            Event::Start(Tag::BlockQuote(_)) | Event::Start(Tag::Item) | Event::Start(Tag::FootnoteDefinition(_)) => {
                containers += 1
            }
            Event::End(TagEnd::BlockQuote(_)) | Event::End(TagEnd::Item) | Event::End(TagEnd::FootnoteDefinition) => {
                containers -= 1
            }
            Event::Start(Tag::Paragraph) => outline.blocks.push(Block {
                kind: BlockKind::Paragraph,
                range: range.start..trim_line_break(text, range.end),
                nested: containers > 0,
            }),
            Event::Start(Tag::Table(_)) => outline.blocks.push(Block {
                kind: BlockKind::Table,
                range: range.start..trim_line_break(text, range.end),
                nested: containers > 0,
            }),
            Event::Start(Tag::HtmlBlock) => {
                outline.problems.extend(unclosed_html_block(text, range.clone()));
                outline.blocks.push(Block {
                    kind: BlockKind::Html,
                    range: range.start..trim_line_break(text, range.end),
                    nested: containers > 0,
                })
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                if let CodeBlockKind::Fenced(_) = kind {
                    if !fence_is_closed(&text[range.clone()]) {
                        outline.problems.push(Problem {
                            offset: range.start,
                            message: "this code fence is never closed, so the rest of the document is code".into(),
                            help: "close the code block with a line holding the same fence".into(),
                        });
                    }
                }
                outline.blocks.push(Block {
                    kind: BlockKind::Code,
                    range: range.start..trim_line_break(text, range.end),
                    nested: containers > 0,
                });
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some(Link { dest: dest_url.into_string(), range, text: String::new() });
            }
            Event::End(TagEnd::Link) => {
                if let Some(l) = link.take() {
                    outline.links.push(l);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((h, runs)) = heading.as_mut() {
                    if *runs == 0 {
                        h.content = range.clone();
                    } else {
                        h.content.end = range.end;
                    }
                    *runs += 1;
                    h.text.push_str(&t);
                    h.source_text.push_str(&t);
                }
                if let Some(l) = link.as_mut() {
                    l.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((h, _)) = heading.as_mut() {
                    h.text.push(' ');
                    h.source_text.push(' ');
                    h.plain = false;
                }
            }
            Event::InlineHtml(html) => {
                if let Some((h, _)) = heading.as_mut() {
                    h.plain = false;
                    h.source_text.push_str(&html);
                }
            }
            Event::FootnoteReference(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                if let Some((h, _)) = heading.as_mut() {
                    h.plain = false;
                }
            }
            Event::Start(_) => {
                // Emphasis, links and images inside a heading make it more than plain text.
                if let Some((h, _)) = heading.as_mut() {
                    h.plain = false;
                }
            }
            _ => {}
        }
    }
    outline.id_targets = ids.finish();
    outline
}

/// The options of the outline's parse: mdBook's, without metadata blocks (front matter is
/// masked instead) and without the inline-only extensions that change no block, heading or
/// link the model keeps (they cost a fifth of the parse).
fn scan_options() -> Options {
    markdown_options()
        - Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        - Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        - Options::ENABLE_SMART_PUNCTUATION
        - Options::ENABLE_TASKLISTS
        - Options::ENABLE_GFM
}

/// mdBook reads no metadata blocks: only a block at the very start is front matter. It is
/// blanked out (offsets kept) and the rest parsed without metadata blocks, so that a later
/// `---` ... `---` pair stays thematic breaks around headings and text.
fn masked_source<'a>(text: &'a str, front: Option<&RawFrontMatter>) -> Cow<'a, str> {
    let text = without_bom(text);
    match front {
        Some(fm) => blank(&text, fm.range.clone()).into(),
        None => text,
    }
}

/// The id texts of [`Outline::id_targets`] read again with smart punctuation on (`--` an en
/// dash, quotes curly), as mdBook renders by default; `front` is the outline's front matter.
pub(crate) fn smart_id_texts(text: &str, front: Option<&RawFrontMatter>) -> Vec<String> {
    let source = masked_source(text, front);
    let mut ids = IdTextCollector::default();
    for event in Parser::new_ext(&source, scan_options() | Options::ENABLE_SMART_PUNCTUATION) {
        ids.event(&event);
    }
    ids.finish().into_iter().map(|t| t.text).collect()
}

/// The first line of the collapsed block the preprocessor wraps front matter in for HTML.
/// It carries the tool's mark (`data-mdbook-design`), so an author's own `<details>` is never taken
/// for it.
pub(crate) const FRONT_MATTER_OPEN: &str =
    "<details class=\"design-front-matter\" id=\"design-front-matter\" data-mdbook-design=\"front-matter\"><summary>Front matter</summary>";
/// The last line of that block.
pub(crate) const FRONT_MATTER_CLOSE: &str = "</details>";

/// Front matter at the very start of the document, bare or in the preprocessor's collapsed
/// block (so that a second run reads the same status).
fn front_matter_at_start(text: &str) -> Option<RawFrontMatter> {
    wrapped_front_matter(text).or_else(|| front_matter_from(text, bom_len(text)))
}

/// Front matter inside `FRONT_MATTER_OPEN`, a blank line, a fenced block, a blank line and
/// `FRONT_MATTER_CLOSE`.
fn wrapped_front_matter(text: &str) -> Option<RawFrontMatter> {
    let start = bom_len(text);
    let mut lines = LineIter { text, at: start };
    if lines.next()?.1.trim_end() != FRONT_MATTER_OPEN || !lines.next()?.1.trim().is_empty() {
        return None;
    }
    let fence_line = lines.next()?.1.trim_end();
    let fence_len = fence_line.len() - fence_line.trim_start_matches('`').len();
    if fence_len < 3 {
        return None;
    }
    let mut fm = front_matter_from(text, lines.at)?;
    let mut after = LineIter { text, at: (fm.range.end + 1).min(text.len()) };
    if text[fm.range.end..].starts_with("\r\n") {
        after.at = fm.range.end + 2;
    }
    let closing = after.next()?.1.trim_end();
    if closing.len() < fence_len || !closing.chars().all(|c| c == '`') || !after.next()?.1.trim().is_empty() {
        return None;
    }
    let (close_start, close) = after.next()?;
    if close.trim_end() != FRONT_MATTER_CLOSE {
        return None;
    }
    fm.outer = start..close_start + close.trim_end().len();
    Some(fm)
}

/// Lines of a text with their start offsets, line breaks (`\n` or `\r\n`) excluded.
struct LineIter<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        self.at = end + 1;
        Some((start, self.text[start..end].strip_suffix('\r').unwrap_or(&self.text[start..end])))
    }
}

/// A `---` (YAML) or `+++` (TOML) block starting at byte `start`: the opening line alone, a
/// `key:` line after it (blank lines between allowed), and a closing line (`---` or `...` for YAML).
fn front_matter_from(text: &str, start: usize) -> Option<RawFrontMatter> {
    let rest = &text[start..];
    let first = rest.lines().next()?;
    let kind = match first.trim_end() {
        "---" => FrontMatterKind::Yaml,
        "+++" => FrontMatterKind::Toml,
        _ => return None,
    };
    let mut at = start + rest.find('\n')? + 1;
    let mut lines = 0;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..end].trim_end();
        // A blank line right after the opening `---` is allowed when a `key:` line follows, as
        // front matter readers (and authors) take it; a lone thematic break is not front matter.
        if lines == 0 && line.is_empty() {
            at = end + 1;
            continue;
        }
        if lines == 0 && !looks_like_key(line) {
            return None;
        }
        let closes = match kind {
            FrontMatterKind::Yaml => line == "---" || line == "...",
            FrontMatterKind::Toml => line == "+++",
        };
        if closes && lines > 0 {
            let range = start..at + line.len();
            return Some(RawFrontMatter {
                kind,
                body: front_matter_body(text, range.clone()),
                outer: range.clone(),
                range,
            });
        }
        lines += 1;
        at = end + 1;
    }
    None
}

/// A front matter block opened at the start (`---` or `+++`, then a `key:` line) that no line
/// closes: mdBook shows it as text, and the keys in it are not read.
fn unclosed_front_matter(text: &str) -> Option<Problem> {
    let start = bom_len(text);
    let mut lines = LineIter { text, at: start };
    let fence = match lines.next()?.1.trim_end() {
        "---" => "---",
        "+++" => "+++",
        _ => return None,
    };
    let first_key = lines.find(|(_, line)| !line.trim().is_empty())?.1;
    if !looks_like_key(first_key.trim_end()) {
        return None;
    }
    Some(Problem {
        offset: start,
        message: format!("this front matter is never closed (no `{fence}` line ends it), so it shows as text"),
        help: format!("end the front matter with a line holding `{fence}`, or remove the opening `{fence}`"),
    })
}

/// An HTML block of one of the kinds that CommonMark ends only at a closing marker (a comment,
/// `<script>`, `<pre>`, `<style>` or `<textarea>`, `<?`, `<!X` declarations, `<![CDATA[`) with
/// no such marker: the rest of the document (or of its block quote or list item) is part of the
/// block, raw HTML on the page, and text appended to the document would land inside it.
fn unclosed_html_block(text: &str, range: Range<usize>) -> Option<Problem> {
    let block = &text[range.clone()];
    let opener = block.trim_start_matches([' ', '\t']);
    let offset = range.end - opener.len();
    let (closer, message, help) = if opener.starts_with("<!--") {
        (
            "-->",
            "this HTML comment is never closed, so the text after it is hidden on the page",
            "close the comment with `-->`, or remove the `<!--`",
        )
    } else if let Some(tag) = raw_text_tag(opener) {
        let closer = match tag {
            "script" => "</script>",
            "pre" => "</pre>",
            "style" => "</style>",
            _ => "</textarea>",
        };
        (
            closer,
            "this HTML block is never closed, so the rest of the document is raw HTML, not Markdown",
            "close the element on a later line, or indent the opening tag by four spaces to show it as code",
        )
    } else if opener.starts_with("<![CDATA[") {
        (
            "]]>",
            "this CDATA section is never closed, so the rest of the document is raw HTML, not Markdown",
            "close it with `]]>`",
        )
    } else if opener.starts_with("<?") {
        (
            "?>",
            "this `<?` block is never closed, so the rest of the document is raw HTML, not Markdown",
            "close it with `?>`, or write `\\<?` to show the text",
        )
    } else if opener.starts_with("<!") && opener.as_bytes().get(2).is_some_and(u8::is_ascii_alphabetic) {
        (
            ">",
            "this `<!` declaration is never closed, so the rest of the document is raw HTML, not Markdown",
            "close it with `>`, or write `\\<!` to show the text",
        )
    } else {
        return None;
    };
    // pulldown-cmark (which renders the page) looks for the closer as written, case and all.
    (!block.contains(closer)).then(|| Problem { offset, message: message.into(), help: help.into() })
}

/// The tag of a CommonMark type-1 HTML block opener (`<script`, `<pre`, `<style`, `<textarea`,
/// any case, then whitespace, `>` or the end of the line), lowercased.
fn raw_text_tag(opener: &str) -> Option<&'static str> {
    let rest = opener.strip_prefix('<')?;
    ["script", "pre", "style", "textarea"].into_iter().find(|tag| {
        rest.get(..tag.len()).is_some_and(|t| t.eq_ignore_ascii_case(tag))
            && matches!(rest.as_bytes().get(tag.len()), None | Some(b'\t'..=b'\r' | b' ' | b'>'))
    })
}

/// Whether a line starts a `key:` (YAML) or `key =` (TOML) entry.
fn looks_like_key(line: &str) -> bool {
    let key_end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(line.len());
    key_end > 0 && matches!(line[key_end..].trim_start().chars().next(), Some(':') | Some('='))
}

/// `text` with the bytes of `range` turned into spaces (line breaks kept), so offsets still hold.
fn blank(text: &str, range: Range<usize>) -> String {
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..range.start]);
    for c in text[range.clone()].chars() {
        match c {
            '\n' | '\r' => out.push(c),
            c => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
        }
    }
    out.push_str(&text[range.end..]);
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

fn is_atx(text: &str, start: usize) -> bool {
    text[start..].starts_with('#')
}

fn trim_line_break(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    if end > 0 && bytes[end - 1] == b'\n' {
        end -= 1;
        if end > 0 && bytes[end - 1] == b'\r' {
            end -= 1;
        }
    }
    end
}

/// An empty ATX heading's content position: just after its `#` run and spaces.
fn atx_empty_content(text: &str, h: &Heading) -> Range<usize> {
    let line = &text[h.range.clone()];
    let hashes = line.len() - line.trim_start_matches('#').len();
    let at = h.range.start + hashes;
    at..at
}

fn fence_is_closed(block: &str) -> bool {
    let first = block.lines().next().unwrap_or("").trim_start();
    let fence_char = first.chars().next().unwrap_or('`');
    let fence_len = first.len() - first.trim_start_matches(fence_char).len();
    let mut lines = block.lines();
    lines.next();
    match lines.last() {
        Some(last) => {
            let last = last.trim();
            last.len() >= fence_len && last.chars().all(|c| c == fence_char)
        }
        None => false,
    }
}

fn front_matter_body(text: &str, range: Range<usize>) -> Range<usize> {
    let block = &text[range.clone()];
    let start = block.find('\n').map_or(block.len(), |i| i + 1);
    let end = block.rfind('\n').map_or(block.len(), |i| if i < start { start } else { i });
    let end = if end > start && block.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
    range.start + start..range.start + end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A UTF-8 byte-order mark is transparent: the outline of a text with one is the outline of
    /// the text without it, every span three bytes further on.
    #[test]
    fn a_byte_order_mark_is_transparent() {
        let texts = [
            "---\ntitle: T\nstatus: implemented\n---\n\n# T\n\n## Status\n\nx\n",
            "+++\ntitle = \"T\"\n+++\n# T\n",
            "# T\n\n```\ncode\n```\n",
            "T\n===\n\ntext [l](a.md)\n",
            "```\n{{#design-index}}\n```\n",
            "---\nstatus: x\n\n# Never closed\n",
        ];
        let shift = |r: &Range<usize>| r.start + 3..r.end + 3;
        for bare in texts {
            let with = format!("\u{FEFF}{bare}");
            let (a, b) = (scan(bare), scan(&with));
            let fm = |o: &Outline| o.front_matter.as_ref().map(|f| (f.kind, f.range.clone(), f.body.clone()));
            assert_eq!(fm(&b), fm(&a).map(|(k, r, body)| (k, shift(&r), shift(&body))), "{bare:?}");
            let heads = |o: &Outline| o.headings.iter().map(|h| (h.level, h.text.clone())).collect::<Vec<_>>();
            assert_eq!(heads(&b), heads(&a), "{bare:?}");
            let spans =
                |o: &Outline| o.headings.iter().map(|h| (h.range.clone(), h.content.clone())).collect::<Vec<_>>();
            let shifted: Vec<_> = spans(&a).iter().map(|(r, c)| (shift(r), shift(c))).collect();
            assert_eq!(spans(&b), shifted, "{bare:?}");
            let blocks = |o: &Outline| o.blocks.iter().map(|b| (b.kind, b.range.clone())).collect::<Vec<_>>();
            let shifted: Vec<_> = blocks(&a).iter().map(|(k, r)| (*k, shift(r))).collect();
            assert_eq!(blocks(&b), shifted, "{bare:?}");
            let problems = |o: &Outline| o.problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>();
            assert_eq!(problems(&b), problems(&a), "{bare:?}");
            let code: Vec<_> = code_ranges(bare).iter().map(shift).collect();
            assert_eq!(code_ranges(&with), code, "{bare:?}");
        }
    }

    #[test]
    fn headings_blocks_and_front_matter() {
        let text = "---\nstatus: x\n---\n# Title {#t}\n\n> ## Non Goals ##\n> text\n\nSetext\n------\n\n```rust\ncode\n```\n\n[l](a.md#x)\n";
        let o = scan(text);
        let fm = o.front_matter.unwrap();
        assert_eq!(&text[fm.body.clone()], "status: x");
        assert_eq!(&text[fm.range.clone()], "---\nstatus: x\n---");
        let h: Vec<_> = o.headings.iter().map(|h| (h.level, h.text.as_str(), h.nested, h.style)).collect();
        assert_eq!(
            h,
            [
                (1, "Title", false, HeadingStyle::Atx),
                (2, "Non Goals", true, HeadingStyle::Atx),
                (2, "Setext", false, HeadingStyle::Setext)
            ]
        );
        assert_eq!(&text[o.headings[0].range.clone()], "# Title {#t}");
        assert_eq!(o.headings[0].id.as_deref(), Some("t"));
        assert_eq!(o.headings[1].id, None);
        assert_eq!(&text[o.headings[1].content.clone()], "Non Goals");
        assert_eq!(&text[o.headings[2].range.clone()], "Setext\n------");
        assert!(o.problems.is_empty());
        assert_eq!(o.links[0].dest, "a.md#x");
        assert!(o.blocks.iter().any(|b| b.kind == BlockKind::Code && &text[b.range.clone()] == "```rust\ncode\n```"));
    }

    #[test]
    fn source_text_keeps_inline_html() {
        let o = scan("# <script>alert(1)</script> | *x*\n");
        assert_eq!(o.headings[0].text, "alert(1) | x");
        assert_eq!(o.headings[0].source_text, "<script>alert(1)</script> | x");
    }

    #[test]
    fn only_a_block_at_the_start_is_front_matter() {
        let text = "---\ntitle: x\n---\n# T\n\n---\n### Pending\n\ntext\n\n---\n### Running\n";
        let o = scan(text);
        assert_eq!(&text[o.front_matter.unwrap().range], "---\ntitle: x\n---");
        let h: Vec<_> = o.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(h, ["T", "Pending", "Running"]);
        assert!(scan("---\n\n---\n").front_matter.is_none());
        let o = scan("+++\ntitle = \"x\"\n+++\r\n# T\n");
        assert_eq!(o.front_matter.unwrap().range, 0..19);
        assert_eq!(o.headings[0].text, "T");
    }

    #[test]
    fn front_matter_may_start_with_a_blank_line() {
        let o = scan("---\n\ntitle: x\nstatus: implemented\n---\n# T\n");
        let fm = o.front_matter.expect("front matter");
        assert_eq!(fm.range, 0..37);
        let o = scan("---\n\nJust text after a rule.\n\n---\n# T\n");
        assert!(o.front_matter.is_none());
        assert_eq!(o.headings.len(), 1);
    }

    #[test]
    fn unclosed_fence_is_a_problem() {
        let o = scan("# T\n\n```\ncode\n");
        assert_eq!(o.problems.len(), 1);
        assert_eq!(o.problems[0].offset, 5);
    }

    #[test]
    fn unclosed_comment_and_front_matter_are_problems() {
        let o = scan("# T\n\ntext\n\n<!-- open\n\n## Status\n\nimplemented\n");
        assert_eq!(o.problems.len(), 1);
        assert_eq!(o.problems[0].offset, 11);
        assert!(scan("# T\n\n<!-- a -->\n\n<!--\nb\n-->\n").problems.is_empty());
        let o = scan("---\ntitle: x\n\n# T\n");
        assert_eq!(o.problems.len(), 1);
        assert!(o.problems[0].message.contains("`---`"), "{}", o.problems[0].message);
        assert!(scan("---\n\nJust a rule.\n").problems.is_empty());
        assert!(scan("---\ntitle: x\n---\n# T\n").problems.is_empty());
    }

    /// The oracle is pulldown-cmark itself: a heading appended after the opener is a heading
    /// exactly when the scan reports no problem.
    #[test]
    fn html_blocks_left_open_are_problems() {
        let openers = [
            "<!-- open",
            "<!-- closed -->",
            "<!x",
            "<!DOCTYPE html",
            "<!DOCTYPE html>",
            "<?php",
            "<? x ?>",
            "<![CDATA[ x",
            "<![CDATA[ x ]]>",
            "<pre>",
            "<PRE class=\"x\">",
            "<pre>a</pre>",
            "<script",
            "<style>",
            "<textarea>",
            "<textarea>\n</TEXTAREA>",
            "<pref>",
            "<div>",
            "<details>",
            "< pre>",
            "<!",
            "<!1",
        ];
        for opener in openers {
            let text = format!("# T\n\n{opener}\n\ntext\n");
            let appended = format!("{text}\n## Probe\n");
            let probe_is_heading = Parser::new_ext(&appended, scan_options())
                .any(|e| matches!(e, Event::Start(Tag::Heading { level: pulldown_cmark::HeadingLevel::H2, .. })));
            let problems = scan(&text).problems;
            assert_eq!(problems.is_empty(), probe_is_heading, "{opener:?}: {problems:?}");
            if let Some(p) = problems.first() {
                assert_eq!(p.offset, 5, "{opener:?}");
            }
        }
    }

    #[test]
    fn markup_in_heading_is_not_plain() {
        let o = scan("## **Bold** Goals\n## `code`\n## Plain words\n");
        assert!(!o.headings[0].plain);
        assert!(!o.headings[1].plain);
        assert!(o.headings[2].plain);
    }
}
