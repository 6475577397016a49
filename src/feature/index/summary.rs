//! The one-sentence summary of a design: taken from the first paragraph of its Summary section,
//! kept as inline Markdown, and rendered into a table cell (HTML or Markdown).

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::feature::render::badge::inline_text;
use crate::feature::render::html::escape;
use crate::feature::render::Format;
use crate::model::design::Design;
use crate::model::template::Template;
use crate::text::edit::{splice, Edit};
use crate::text::links;
use crate::text::markdown::{markdown_options, BlockKind};

/// Summaries longer than this many visible characters are cut at a word boundary.
pub(crate) const LIMIT: usize = 200;

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] =
    &["e.g", "i.e", "etc", "vs", "cf", "approx", "incl", "mr", "mrs", "dr", "st", "no", "fig", "eg", "ie"];

/// The first sentence of the design's Summary section as one line of inline Markdown, cut near
/// [`LIMIT`] visible characters with an ellipsis; `None` without a Summary paragraph.
pub(crate) fn first_sentence(text: &str, design: &Design, template: &Template) -> Option<String> {
    let section = design.section(template, "Summary")?;
    let body = section.body.clone();
    let in_body = |r: &Range<usize>| r.start >= body.start && r.end <= body.end;
    let block = design
        .outline
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph && in_body(&b.range))
        .min_by_key(|b| (b.nested, b.range.start))?;
    sentence_of(text, design, block)
}

/// The first sentence of the design's first paragraph outside the Status section (after the
/// title), as [`first_sentence`] gives it: what the index shows for a design without a Summary.
pub(crate) fn lead_sentence(text: &str, design: &Design, template: &Template) -> Option<String> {
    let status = design.section(template, "Status").map(|s| s.body.clone());
    let after = design.title_heading().map_or(0, |h| h.range.end);
    let block = design.outline.blocks.iter().find(|b| {
        b.kind == BlockKind::Paragraph
            && !b.nested
            && b.range.start >= after
            && !status.as_ref().is_some_and(|r| b.range.start >= r.start && b.range.end <= r.end)
    })?;
    sentence_of(text, design, block)
}

/// The first sentence of a paragraph block, cut near 200 characters.
fn sentence_of(text: &str, design: &Design, block: &crate::text::markdown::Block) -> Option<String> {
    let markdown = paragraph_markdown(text, design, block.range.clone(), block.nested);
    let sentence = cut(&markdown);
    let sentence = sentence.trim();
    // A paragraph that introduces a list (`... as follows:`) reads as cut short.
    let sentence = match sentence.strip_suffix(':') {
        Some(head) if !head.ends_with(':') => format!("{}…", head.trim_end()),
        _ => sentence.to_string(),
    };
    (!sentence.is_empty()).then_some(sentence)
}

/// The paragraph's source with reference links made inline (their definitions stay behind) and
/// its lines joined into one.
fn paragraph_markdown(text: &str, design: &Design, range: Range<usize>, nested: bool) -> String {
    let source = &text[range.clone()];
    let edits: Vec<Edit> = design
        .outline
        .links
        .iter()
        .filter(|l| l.range.start >= range.start && l.range.end <= range.end)
        .filter_map(|l| {
            let inner = reference_link_text(&text[l.range.clone()])?;
            let dest = l.dest.replace(['<', '>', '\n', '\r'], "");
            let bang = if text[l.range.clone()].starts_with('!') { "!" } else { "" };
            Some(Edit::replace(
                l.range.start - range.start..l.range.end - range.start,
                format!("{bang}[{inner}](<{dest}>)"),
            ))
        })
        .collect();
    let source = match splice(source, edits) {
        Ok((out, _)) => out,
        Err(_) => source.to_string(),
    };
    let mut joined = String::with_capacity(source.len());
    for (i, line) in source.lines().enumerate() {
        let mut line = line.trim();
        if i > 0 && nested {
            line = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        }
        // A hard break (trailing `\`) becomes a plain space.
        let line = line.strip_suffix('\\').unwrap_or(line).trim_end();
        if line.is_empty() {
            continue;
        }
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined
}

/// The text part of a reference link's source (`[text][ref]`, `[text][]`, `[text]`), or `None`
/// for an inline link or autolink.
fn reference_link_text(source: &str) -> Option<&str> {
    let s = source.strip_prefix('!').unwrap_or(source);
    if !s.starts_with('[') || !s.ends_with(']') {
        return None;
    }
    let s = s.strip_suffix("[]").unwrap_or(s);
    // Find the `[` matching the final `]`.
    let bytes = s.as_bytes();
    let mut depth = 0usize;
    let mut open = None;
    for i in (0..bytes.len()).rev() {
        match bytes[i] {
            b']' if i == 0 || bytes[i - 1] != b'\\' => depth += 1,
            b'[' if i == 0 || bytes[i - 1] != b'\\' => {
                depth -= 1;
                if depth == 0 {
                    open = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    match open? {
        0 => s.get(1..s.len() - 1),
        at if at >= 2 && bytes[at - 1] == b']' => s.get(1..at - 1),
        _ => None,
    }
}

/// Cuts one line of inline Markdown after its first sentence, and near [`LIMIT`] visible
/// characters at a word boundary outside any markup.
pub(crate) fn cut(markdown: &str) -> String {
    let mut depth = 0usize;
    let mut visible = 0usize;
    // Word boundaries outside markup: (byte offset, visible characters before it).
    let mut boundaries: Vec<(usize, usize)> = Vec::new();
    let mut end = None;
    let mut last_char = ' ';
    let mut last_word = String::new();
    // A sentence end at the end of a text run, decided by what follows (smart punctuation
    // splits `"done." Next` into several runs).
    let mut pending: Option<usize> = None;
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        if let Some(at) = pending.take() {
            let source = &markdown[range.clone()];
            match &event {
                Event::Text(_) if depth == 0 && source.chars().all(|c| matches!(c, ')' | '"' | '\'' | '”' | '’')) =>
                {
                    pending = Some(range.end);
                }
                Event::Text(_) if depth == 0 && source.starts_with(char::is_whitespace) => {
                    let next = source.trim_start().chars().next();
                    if !next.is_some_and(char::is_lowercase) {
                        end = Some(at);
                        break;
                    }
                }
                _ => {}
            }
        }
        match event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }) => {
                depth += 1
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && matches!(last_char, '.' | '!' | '?') {
                    let after = &markdown[range.end..];
                    if after.is_empty() || after.starts_with(char::is_whitespace) {
                        end = Some(range.end);
                    }
                }
            }
            Event::Text(t) if depth == 0 => {
                let source = &markdown[range.clone()];
                if source != &*t {
                    // Escapes, entities or smart punctuation: count it, do not cut inside it.
                    visible += t.chars().count();
                    last_char = t.chars().last().unwrap_or(last_char);
                } else {
                    let chars: Vec<(usize, char)> = source.char_indices().collect();
                    for (k, &(i, c)) in chars.iter().enumerate() {
                        if c.is_whitespace() {
                            boundaries.push((range.start + i, visible));
                            last_word.clear();
                        } else {
                            last_word.push(c);
                        }
                        visible += 1;
                        last_char = c;
                        if matches!(c, '.' | '!' | '?') {
                            let rest = &chars[k + 1..];
                            // Closing quotes and brackets belong to the sentence.
                            let close =
                                rest.iter().take_while(|(_, c)| matches!(c, ')' | '"' | '\'' | '”' | '’')).count();
                            let after = &rest[close..];
                            let at_end = after.is_empty() && range.end == markdown.len();
                            let spaced = after.first().is_some_and(|(_, c)| c.is_whitespace());
                            let next_lower =
                                after.iter().find(|(_, c)| !c.is_whitespace()).is_some_and(|(_, c)| c.is_lowercase());
                            let word = last_word
                                .trim_end_matches(['.', '!', '?'])
                                .trim_start_matches(['(', '"', '\''])
                                .to_lowercase();
                            let abbreviation = c == '.'
                                && (ABBREVIATIONS.contains(&word.as_str())
                                    || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic)));
                            if (at_end || (spaced && !next_lower)) && !abbreviation {
                                let stop = rest.get(close).map_or(range.end, |(i, _)| range.start + i);
                                end = Some(stop);
                            } else if after.is_empty() && !abbreviation {
                                pending = Some(range.end);
                            }
                        }
                        if end.is_some() {
                            break;
                        }
                    }
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::InlineMath(t) => {
                visible += t.chars().count();
                last_char = t.chars().last().unwrap_or(last_char);
            }
            Event::SoftBreak | Event::HardBreak => {
                if depth == 0 {
                    boundaries.push((range.start, visible));
                }
                visible += 1;
                last_char = ' ';
            }
            _ => {}
        }
        if end.is_some() {
            break;
        }
    }
    if let Some(stop) = end {
        if visible <= LIMIT + LIMIT / 10 {
            return markdown[..stop].trim_end().to_string();
        }
    } else if visible <= LIMIT + LIMIT / 10 {
        return markdown.trim_end().to_string();
    }
    // Too long: cut at the last word boundary before the limit (outside markup).
    if let Some(&(at, _)) = boundaries.iter().rev().find(|(_, v)| *v <= LIMIT && *v >= LIMIT / 2) {
        let head = markdown[..at].trim_end().trim_end_matches([',', ';', ':', '-', '–', '—']);
        return format!("{}…", head.trim_end());
    }
    // No usable boundary outside markup: fall back to plain text.
    let plain = plain_text(markdown);
    let mut cut_at = plain.len();
    for (count, (i, c)) in plain.char_indices().enumerate() {
        if count >= LIMIT {
            cut_at = i;
            break;
        }
        if c.is_whitespace() && count >= LIMIT / 2 {
            cut_at = i;
        }
    }
    if cut_at >= plain.len() {
        return inline_text(&plain, Format::Markdown);
    }
    format!("{}…", inline_text(plain[..cut_at].trim_end(), Format::Markdown))
}

/// The visible text of inline Markdown.
fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::InlineMath(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Renders a summary (inline Markdown written in the design at `design_path`) as inline HTML
/// for a page at `chapter_path`: relative links are rebased, raw HTML is shown as text, and
/// links with a scheme other than http, https or mailto are dropped (their text stays).
pub(crate) fn to_html(markdown: &str, design_path: &str, chapter_path: &str) -> String {
    let mut out = String::new();
    // Whether each open link was emitted (so its end tag matches).
    let mut links: Vec<bool> = Vec::new();
    let mut image: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        if let Some((_, alt)) = image.as_mut() {
            match event {
                Event::End(TagEnd::Image) => {
                    let (src, alt) = image.take().unwrap_or_default();
                    out.push_str(&format!("<img src=\"{}\" alt=\"{}\">", escape(&src), escape(&alt)));
                }
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Text(t) | Event::InlineHtml(t) | Event::Html(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push_str(&escape(&t))
            }
            Event::Code(t) => {
                out.push_str("<code>");
                out.push_str(&escape(&t));
                out.push_str("</code>");
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::FootnoteReference(name) => out.push_str(&escape(&format!("[^{name}]"))),
            Event::Start(Tag::Emphasis) => out.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => out.push_str("</em>"),
            Event::Start(Tag::Strong) => out.push_str("<strong>"),
            Event::End(TagEnd::Strong) => out.push_str("</strong>"),
            Event::Start(Tag::Strikethrough) => out.push_str("<del>"),
            Event::End(TagEnd::Strikethrough) => out.push_str("</del>"),
            Event::Start(Tag::Link { dest_url, title, .. }) => {
                match links::safe_href(&dest_url, design_path, chapter_path, true) {
                    Some(href) => {
                        out.push_str(&format!("<a href=\"{}\"", escape(&href)));
                        if !title.is_empty() {
                            out.push_str(&format!(" title=\"{}\"", escape(&title)));
                        }
                        out.push('>');
                        links.push(true);
                    }
                    None => links.push(false),
                }
            }
            Event::End(TagEnd::Link) if links.pop() == Some(true) => out.push_str("</a>"),
            Event::Start(Tag::Image { dest_url, .. }) => {
                let src = links::safe_href(&dest_url, design_path, chapter_path, false).unwrap_or_default();
                image = Some((src, String::new()));
            }
            _ => {}
        }
    }
    out
}

/// Renders a summary for a Markdown table cell of a page at `chapter_path`: relative links
/// rebased (to `.md` files), `|` escaped so the row stays whole.
pub(crate) fn to_markdown_cell(markdown: &str, design_path: &str, chapter_path: &str) -> String {
    let mut edits = Vec::new();
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        if let Event::InlineHtml(_) = &event {
            // Raw HTML from a design is shown as text.
            let escaped = markdown[range.clone()].replace('<', "\\<").replace('>', "\\>");
            edits.push(Edit::replace(range, escaped));
            continue;
        }
        let dest = match &event {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let source = &markdown[range.clone()];
        let Some(span) = dest_span(source, dest) else { continue };
        let new = match links::safe_href(dest, design_path, chapter_path, false) {
            Some(href) => format!("<{}>", links::encode_markdown_dest(&href)),
            None => "<#>".to_string(),
        };
        edits.push(Edit::replace(range.start + span.start..range.start + span.end, new));
    }
    // Nested links (an image inside a link) give overlapping edits: keep the outer ones.
    edits.sort_by_key(|e| e.range.start);
    let mut kept: Vec<Edit> = Vec::new();
    for e in edits {
        if kept.last().is_none_or(|k| e.range.start >= k.range.end) {
            kept.push(e);
        }
    }
    let rebased = splice(markdown, kept).map_or_else(|_| markdown.to_string(), |(out, _)| out);
    escape_pipes(&rebased)
}

/// The span of the destination (with its angle brackets, if any) inside an inline link's source.
fn dest_span(source: &str, dest: &str) -> Option<Range<usize>> {
    let mut from = 0;
    while let Some(i) = source[from..].find("](") {
        let start = from + i + 2;
        let rest = &source[start..];
        let lead = rest.len() - rest.trim_start().len();
        let rest = rest.trim_start();
        if let Some(inner) = rest.strip_prefix('<') {
            if inner.starts_with(dest) && inner[dest.len()..].starts_with('>') {
                return Some(start + lead..start + lead + dest.len() + 2);
            }
        } else if let Some(after) = rest.strip_prefix(dest) {
            if after.starts_with([')', ' ', '\t', '\n']) {
                return Some(start + lead..start + lead + dest.len());
            }
        }
        from = start;
    }
    None
}

/// Escapes every `|` not already escaped, so a Markdown table cell stays one cell.
pub(crate) fn escape_pipes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut backslashes = 0;
    for c in text.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn summary(text: &str) -> Option<String> {
        let template = Template::builtin();
        let design = Design::parse(text, &template, &BTreeMap::new());
        first_sentence(text, &design, &template)
    }

    #[test]
    fn first_sentence_with_markup_kept() {
        let text =
            "# T\n\n## Summary\n\n<!-- note -->\n\nAdd *fast* `boot` for\nhosts. Then more text.\n\n## Motivation\n";
        assert_eq!(summary(text).unwrap(), "Add *fast* `boot` for hosts.");
        let text = "# T\n\n## Summary\n\nIt does two things:\n\n- one\n";
        assert_eq!(summary(text).unwrap(), "It does two things…");
    }

    #[test]
    fn abbreviations_and_markup_do_not_end_sentences() {
        assert_eq!(cut("Use e.g. foo and `a. B` here. Next."), "Use e.g. foo and `a. B` here.");
        assert_eq!(cut("See *the end. Really* now. Next."), "See *the end. Really* now.");
        assert_eq!(cut("Version 1.2 is out! Next."), "Version 1.2 is out!");
        assert_eq!(cut("A sentence (with a note.) Next."), "A sentence (with a note.)");
        assert_eq!(cut("**Bold sentence.** Next one."), "**Bold sentence.**");
        assert_eq!(cut("No full stop"), "No full stop");
        assert_eq!(cut("He said \"it's done.\" Then more."), "He said \"it's done.\"");
        assert_eq!(cut("Ends with a quote 'x.' then lower. Next."), "Ends with a quote 'x.' then lower.");
    }

    #[test]
    fn long_sentences_are_cut_at_a_word_boundary() {
        let long = format!("{} [a link](x.md) end.", "word ".repeat(60));
        let out = cut(&long);
        assert!(out.ends_with('…'), "{out}");
        assert!(out.chars().count() <= LIMIT + 1, "{}", out.chars().count());
        assert!(!out.contains("[a link"), "{out}");
        let one_link = format!("[{}](x.md)", "word ".repeat(60).trim());
        let out = cut(&one_link);
        assert!(out.ends_with('…') && !out.contains('['), "{out}");
    }

    #[test]
    fn reference_links_become_inline() {
        let text =
            "# T\n\n## Summary\n\nSee [the doc][d] and [other]. More.\n\n[d]: https://x.test/a\n[other]: ../b.md\n";
        assert_eq!(summary(text).unwrap(), "See [the doc](<https://x.test/a>) and [other](<../b.md>).");
        assert_eq!(reference_link_text("[a [b]][c]"), Some("a [b]"));
        assert_eq!(reference_link_text("[a](b)"), None);
    }

    #[test]
    fn no_summary() {
        assert_eq!(summary("# T\n\n## Status\n\nimplemented\n"), None);
        assert_eq!(summary("# T\n\n## Summary\n\n## Motivation\n\nx\n"), None);
    }

    #[test]
    fn html_rendering_escapes_and_rebases() {
        let html = to_html(
            "Use <script>alert(1)</script> *now* and [b](b.md#x), [j](javascript:alert(1)), `a<b`.",
            "design/net/a.md",
            "index.md",
        );
        assert_eq!(
            html,
            "Use &lt;script&gt;alert(1)&lt;/script&gt; <em>now</em> and <a href=\"design/net/b.html#x\">b</a>, j, <code>a&lt;b</code>."
        );
    }

    #[test]
    fn markdown_cells_escape_pipes_and_rebase() {
        assert_eq!(
            to_markdown_cell("a | b `c|d` [l](../x.md) \\| e", "design/net/a.md", "index.md"),
            "a \\| b `c\\|d` [l](<design/x.md>) \\| e"
        );
        assert_eq!(to_markdown_cell("x <img src=x> y", "design/a.md", "index.md"), "x \\<img src=x\\> y");
    }
}
