//! Normalization and badge edits for one design: pure functions from the model to [`Edit`]s.
//!
//! Each edit is small and spliced into the author's text; nothing is re-rendered. Running the
//! edits on their own output yields no further change (idempotence).

use std::ops::Range;

use crate::feature::headings::{self, Wanted};
use crate::feature::render::badge::{self, BadgeExtras};
use crate::feature::render::style;
use crate::feature::render::timeline::is_timeline_line;
use crate::feature::render::Format;
use crate::model::config::Normalize;
use crate::model::design::{Design, StatusSource};
use crate::model::status::{Reading, Status};
use crate::model::template::Template;
use crate::text::edit::{container_prefix, Edit};
use crate::text::markdown::{bom_len, FrontMatterKind, FRONT_MATTER_CLOSE, FRONT_MATTER_OPEN};
use crate::text::marker::Mark;
use crate::text::source::{line_break, line_end};

/// What kind of change an edit makes, for reports and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// The badge (and notice) under the title.
    Badge,
    /// A title made from the file name.
    Title,
    /// A template section moved to its template level.
    HeadingLevel,
    /// A heading variant renamed to the template's text.
    HeadingName,
    /// The `One of:` prompt removed from the Status section.
    StatusPrompt,
    /// Front matter wrapped in a collapsed block (HTML only).
    FrontMatter,
}

/// An edit with the reason for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Normalization {
    /// Why.
    pub change: Change,
    /// What.
    pub edit: Edit,
}

/// Settings for [`edits`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options<'a> {
    /// Which normalizations run.
    pub normalize: Normalize,
    /// Whether inactive designs get a notice.
    pub notice: bool,
    /// The output format.
    pub format: Format,
    /// Where the replacing design is (a link usable from this page), for `replaced`.
    pub replaced_by: Option<&'a str>,
    /// The two-way replacement sentence for this page (`Replaced by [X](x.md).`), if any.
    pub replacement: Option<&'a str>,
    /// The status timeline line shown under the badge and notice, if any.
    pub history: Option<&'a str>,
    /// Whether mdBook renders with smart punctuation (`--` a dash), which changes the anchors
    /// that renamed headings' links follow.
    pub smart_punctuation: bool,
    /// Whether the page carries the stylesheet (HTML); off when the book installed it as
    /// `additional-css`.
    pub inline_style: bool,
    /// The project's own word the status is written as (`status-aliases`), for the badge.
    pub status_word: Option<&'a str>,
}

/// The edits that normalize `design` (parsed from `text` at `path`) and add its badge.
pub(crate) fn edits(
    path: &str,
    text: &str,
    design: &Design,
    template: &Template,
    options: Options<'_>,
) -> Vec<Normalization> {
    let mut out = Vec::new();
    // First, so that its closing insertion comes before a title inserted at the same offset.
    if options.normalize.front_matter && options.format == Format::Html {
        out.extend(front_matter_block(text, design));
    }
    let nl = line_break(text);
    let status = design.status();
    // A replaced design's notice names its replacement; the badge line then does not.
    let notice_names_replacement = options.notice && status == Status::Replaced;
    let extras = BadgeExtras {
        // The raw text is worth showing only when it names no status; the template's unedited
        // list of choices is no status at all.
        raw: design.unrecognized_raw(),
        replaced_by: options.replaced_by.filter(|_| !notice_names_replacement),
        note: options.replacement.filter(|_| !notice_names_replacement),
        word: options.status_word,
    };
    let mut block = vec![badge::badge_line(status, extras, options.format)];
    // The front matter's facts under the badge, with a link to the raw block (HTML, wrapped).
    // The front matter's facts under the badge, with a link to the raw block (HTML, wrapped);
    // without front matter, the same keys of a sidecar metadata file (`kep.yaml`).
    if options.format == Format::Html {
        match (&design.front_matter, &design.sidecar) {
            (Some(fm), _) if options.normalize.front_matter => block.push(badge::meta_line(&fm.meta, true)),
            (None, Some(sidecar)) => {
                let meta = sidecar.meta();
                if !meta.is_empty() {
                    block.push(badge::meta_line(&meta, false));
                }
            }
            _ => {}
        }
    }
    if options.notice {
        block.extend(badge::notice(status, options.replacement, options.replaced_by, options.format));
    }
    block.extend(options.history.map(str::to_string));
    if options.format == Format::Html && options.inline_style {
        block.push(style::style_line());
    }
    match design.title_heading() {
        Some(title) => {
            let prefix = container_prefix(text, title.range.start);
            let (range, needs_break) = badge_slot(text, title.range.end, &prefix);
            let mut insert = String::new();
            for line in &block {
                insert.push_str(nl);
                insert.push_str(prefix.trim_end());
                insert.push_str(nl);
                insert.push_str(&prefix);
                insert.push_str(line);
            }
            if needs_break {
                insert.push_str(nl);
            }
            out.push(Normalization { change: Change::Badge, edit: Edit::replace(range, insert) });
        }
        None if options.normalize.title => {
            let at = body_start(text, design);
            let title = badge::inline_text(&design.display_title(path), Format::Markdown);
            let mark = Mark::Title.comment();
            // Front matter that ends the file gets a line break before the new title.
            let mut insert = if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
                format!("{nl}{nl}# {title} {mark}{nl}")
            } else {
                format!("# {title} {mark}{nl}")
            };
            for line in &block {
                insert.push_str(nl);
                insert.push_str(line);
                insert.push_str(nl);
            }
            insert.push_str(nl);
            out.push(Normalization { change: Change::Title, edit: Edit::insert(at, insert) });
        }
        None => {
            let at = body_start(text, design);
            let mut insert = if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
                format!("{nl}{nl}")
            } else {
                String::new()
            };
            for line in &block {
                insert.push_str(line);
                insert.push_str(nl);
                insert.push_str(nl);
            }
            out.push(Normalization { change: Change::Badge, edit: Edit::insert(at, insert) });
        }
    }
    let wanted = Wanted { level: options.normalize.heading_levels, name: options.normalize.heading_names };
    for section in &design.sections {
        for (renames, edit) in headings::edits(text, design, section, template, wanted, options.smart_punctuation) {
            let change = if renames { Change::HeadingName } else { Change::HeadingLevel };
            out.push(Normalization { change, edit });
        }
    }
    if options.normalize.status_prompt {
        if let Some(field) = design.status.as_ref().filter(|f| f.source == StatusSource::Section) {
            if let Some(prompt) = field.prompt.clone() {
                // Only a prompt before a status word (or before nothing but the template's
                // choices) goes; `One of: something else` stays as the author left it.
                let edit = match field.reading {
                    Reading::Placeholder => {
                        let rest = &text[field.line.end..];
                        let line_break = if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n')) };
                        Some(Edit::delete(field.line.start..field.line.end + line_break))
                    }
                    Reading::Status { .. } => Some(Edit::delete(prompt)),
                    Reading::Unrecognized | Reading::Empty => None,
                };
                if let Some(edit) = edit {
                    out.push(Normalization { change: Change::StatusPrompt, edit });
                }
            }
            if let Some(line) = field.placeholder_line.clone() {
                out.push(Normalization { change: Change::StatusPrompt, edit: Edit::delete(line) });
            }
        }
    }
    out
}

/// Where the badge goes after a title ending at `title_end`: an existing badge block (and
/// notice) is replaced, else an empty range; and whether a line break must follow the insertion.
fn badge_slot(text: &str, title_end: usize, prefix: &str) -> (Range<usize>, bool) {
    let mut end = title_end;
    let mut at = title_end;
    let mut seen_badge = false;
    // Walk the lines after the title: blank lines, then our badge, then our metadata line,
    // notice, stylesheet and timeline.
    while let Some(line_start) = next_line(text, at) {
        let line_stop = line_end(text, line_start);
        let line = &text[line_start..line_stop];
        let content = line.strip_prefix(prefix.trim_end()).unwrap_or(line).trim();
        if content.is_empty() {
            at = line_stop;
            continue;
        }
        if !seen_badge && badge::is_badge_line(content) {
            seen_badge = true;
            end = line_stop;
            at = line_stop;
            continue;
        }
        if seen_badge
            && (badge::is_meta_line(content)
                || badge::is_notice_line(content)
                || style::is_style_line(content)
                || is_timeline_line(content))
        {
            end = line_stop;
            at = line_stop;
            continue;
        }
        break;
    }
    let following = next_line(text, end).map(|s| &text[s..line_end(text, s)]);
    let needs_break = match following {
        Some(line) => !line.strip_prefix(prefix.trim_end()).unwrap_or(line).trim().is_empty(),
        None => false,
    };
    (title_end..end, needs_break)
}

/// The start of the line after the one ending at `at`, if any.
fn next_line(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let i = rest.find('\n')?;
    let start = at + i + 1;
    (start <= text.len()).then_some(start)
}

/// The two insertions that wrap bare front matter in a collapsed `<details>` block holding it as
/// a fenced code block, so mdBook shows it as metadata rather than a rule and a heading.
fn front_matter_block(text: &str, design: &Design) -> Vec<Normalization> {
    let Some(fm) = design.outline.front_matter.as_ref().filter(|fm| fm.outer == fm.range) else {
        return Vec::new();
    };
    let nl = line_break(text);
    let inner = &text[fm.range.clone()];
    // A fence longer than any backtick run inside, so the block cannot close early.
    let longest = inner.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let lang = match fm.kind {
        FrontMatterKind::Yaml => "yaml",
        FrontMatterKind::Toml => "toml",
    };
    // The HTML block that `</details>` opens runs to the next blank line: keep one after it.
    let mut close = format!("{nl}{fence}{nl}{nl}{FRONT_MATTER_CLOSE}");
    // Unless a blank line already follows, add one: a title inserted after the front matter
    // would otherwise become part of that HTML block.
    let blank_line_follows = next_line(text, fm.range.end).is_some_and(|s| {
        let end = line_end(text, s);
        text[s..end].trim().is_empty() && end < text.len()
    });
    // (At the very end of the text, the title's own insertion starts with a blank line.)
    if !blank_line_follows && fm.range.end < text.len() {
        close.push_str(nl);
    }
    vec![
        Normalization {
            change: Change::FrontMatter,
            edit: Edit::insert(fm.range.start, format!("{FRONT_MATTER_OPEN}{nl}{nl}{fence}{lang}{nl}")),
        },
        Normalization { change: Change::FrontMatter, edit: Edit::insert(fm.range.end, close) },
    ]
}

/// Where the document's body starts: after the front matter and the blank lines after it.
fn body_start(text: &str, design: &Design) -> usize {
    match &design.outline.front_matter {
        Some(fm) => {
            let mut at = fm.outer.end;
            while let Some(next) = next_line(text, at) {
                if text[next..line_end(text, next)].trim().is_empty() && next < text.len() {
                    at = line_end(text, next);
                } else {
                    return next;
                }
            }
            text.len()
        }
        // After a byte-order mark, which stays the file's first bytes.
        None => bom_len(text),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::text::edit::splice;

    fn run(path: &str, text: &str) -> String {
        let template = Template::builtin();
        let design = Design::parse(text, &template, &BTreeMap::new());
        let options = Options {
            normalize: Normalize::default(),
            notice: true,
            format: Format::Markdown,
            replaced_by: None,
            replacement: None,
            history: None,
            smart_punctuation: true,
            inline_style: true,
            status_word: None,
        };
        let edits = edits(path, text, &design, &template, options).into_iter().map(|n| n.edit).collect();
        splice(text, edits).unwrap().0
    }

    fn twice(path: &str, text: &str) -> String {
        let once = run(path, text);
        assert_eq!(run(path, &once), once, "not idempotent on {text:?}");
        once
    }

    #[test]
    fn badge_under_title() {
        let out = twice("design/a.md", "# A\n\n## Status\n\nimplemented\n");
        assert_eq!(out, "# A\n\n**Status:** implemented <!-- mdbook-design:badge -->\n\n## Status\n\nimplemented\n");
        let out = twice("design/a.md", "# A\ntext right after\n");
        assert_eq!(out, "# A\n\n**Status:** unknown <!-- mdbook-design:badge -->\n\ntext right after\n");
    }

    #[test]
    fn notice_for_inactive() {
        let out = twice("design/a.md", "# A\n\n## Status\n\nRejected\n");
        assert!(
            out.starts_with(
                "# A\n\n**Status:** rejected <!-- mdbook-design:badge -->\n\n> **Rejected:** This design was rejected"
            ),
            "{out}"
        );
    }

    #[test]
    fn title_from_file_name() {
        let out = twice("design/20200101-my-design.md", "## Status\n\nprovisional\n");
        assert_eq!(out, "# My design <!-- mdbook-design:title -->\n\n**Status:** provisional <!-- mdbook-design:badge -->\n\n## Status\n\nprovisional\n");
        let out = twice("design/x.md", "---\nstatus: implemented\n---\n\n## Summary\n\nS.\n");
        assert_eq!(out, "---\nstatus: implemented\n---\n\n# X <!-- mdbook-design:title -->\n\n**Status:** implemented <!-- mdbook-design:badge -->\n\n## Summary\n\nS.\n");
    }

    #[test]
    fn title_declared_in_front_matter_not_the_file_name() {
        let out = twice("design/x.md", "---\ntitle: The real one\nstatus: implemented\n---\n\n## Summary\n\nS.\n");
        assert_eq!(out, "---\ntitle: The real one\nstatus: implemented\n---\n\n# The real one <!-- mdbook-design:title -->\n\n**Status:** implemented <!-- mdbook-design:badge -->\n\n## Summary\n\nS.\n");
    }

    #[test]
    fn subsections_read_the_same_after_normalization() {
        for text in [
            "# Non-Goals\n\n## Non-Goals",
            "# T\n\n## API\n\n#### Summary\n\n#### Drawbacks\n\n#### Status\n\nx\n",
            "# T\n\n## API\n\n### Drawbacks\n\n## Other\n\n### Drawbacks\n\n#### Goals\n",
            "# T\n\n# Design Details\n\n### Status\n\nimplemented\n\n## Status\n\nrejected\n",
        ] {
            let out = twice("design/x.md", text);
            let template = Template::builtin();
            let statuses = |t: &str| Design::parse(t, &template, &BTreeMap::new()).status();
            assert_eq!(statuses(&out), statuses(text), "{text:?}");
        }
    }

    #[test]
    fn a_byte_order_mark_stays_first() {
        // Read through the mark: the title, the status and the front matter are found.
        let out = twice("design/x.md", "\u{FEFF}# A\n\n## Status\n\nimplemented\n");
        assert_eq!(
            out,
            "\u{FEFF}# A\n\n**Status:** implemented <!-- mdbook-design:badge -->\n\n## Status\n\nimplemented\n"
        );
        // A title is inserted after it, not before.
        let out = twice("design/x.md", "\u{FEFF}## Status\n\nrejected\n");
        assert!(out.starts_with("\u{FEFF}# X <!-- mdbook-design:title -->\n\n**Status:** rejected"), "{out:?}");
        let out = run_html("\u{FEFF}---\nstatus: implemented\n---\n# X\n\nText.\n");
        assert!(
            out.starts_with(&format!("\u{FEFF}{FRONT_MATTER_OPEN}\n\n```yaml\n---\nstatus: implemented")),
            "{out:?}"
        );
        assert!(out.contains("data-design-status=\"implemented\""), "{out}");
    }

    #[test]
    fn levels_names_and_prompt() {
        let out = twice(
            "design/a.md",
            "# A\n\n# Status\n\nOne of: implementable\n\n## Goals\n\n### Non Goals\n\nUpgrade/Downgrade Strategy\n---\n",
        );
        assert_eq!(
            out,
            "# A\n\n**Status:** implementable <!-- mdbook-design:badge -->\n\n## Status\n\nimplementable\n\n### Goals\n\n### Non-Goals\n\n### Upgrade / Downgrade Strategy\n"
        );
    }

    #[test]
    fn placeholder_list_line_is_dropped() {
        let out =
            twice("design/a.md", "# A\n\n## Status\n\nOne of: provisional|implementable|implemented\n\n## Summary\n");
        assert_eq!(out, "# A\n\n**Status:** unknown <!-- mdbook-design:badge -->\n\n## Status\n\n\n## Summary\n");
        let out = twice("design/a.md", "# A\n\n## Status\n\nin-progress\n");
        assert_eq!(out, "# A\n\n**Status:** unknown (written as “in-progress”) <!-- mdbook-design:badge -->\n\n## Status\n\nin-progress\n");
    }

    fn run_html(text: &str) -> String {
        let template = Template::builtin();
        let once = |text: &str| {
            let design = Design::parse(text, &template, &BTreeMap::new());
            let options = Options {
                normalize: Normalize::default(),
                notice: true,
                format: Format::Html,
                replaced_by: None,
                replacement: None,
                history: None,
                smart_punctuation: true,
                inline_style: true,
                status_word: None,
            };
            let edits = edits("design/x.md", text, &design, &template, options).into_iter().map(|n| n.edit).collect();
            splice(text, edits).unwrap().0
        };
        let out = once(text);
        assert_eq!(once(&out), out, "not idempotent");
        out
    }

    #[test]
    fn front_matter_is_collapsed_in_html() {
        let out = run_html("---\nstatus: implemented\n---\n# X\n\nText.\n");
        assert!(
            out.starts_with(&format!(
                "{FRONT_MATTER_OPEN}\n\n```yaml\n---\nstatus: implemented\n---\n```\n\n{FRONT_MATTER_CLOSE}\n\n# X\n"
            )),
            "{out}"
        );
        assert!(out.contains("data-design-status=\"implemented\""));
        // A backtick fence inside the front matter gets a longer fence around it.
        let out = run_html("---\nnote: \"```\"\nstatus: rejected\n---");
        assert!(
            out.contains("````yaml\n---\nnote: \"```\"\nstatus: rejected\n---\n````\n\n</details>\n\n# X <!-- mdbook-design:title -->\n"),
            "{out}"
        );
        assert!(out.contains("data-design-status=\"rejected\""), "{out}");
    }

    #[test]
    fn author_status_line_under_the_title_is_kept() {
        let text = "# A\n\n**Status:** Draft, waiting on review from the API team\n\n## Status\n\nprovisional\n";
        let out = twice("design/a.md", text);
        assert!(out.contains("**Status:** Draft, waiting on review from the API team\n"), "{out}");
        assert!(
            out.starts_with("# A\n\n**Status:** provisional <!-- mdbook-design:badge -->\n\n**Status:** Draft"),
            "{out}"
        );
        let text = "# A\n\n<span class=\"design-status\">my own span</span>\n\n> **Note:** This design is mine.\n";
        let out = run_html(text);
        assert!(out.contains("<span class=\"design-status\">my own span</span>\n\n> **Note:** This design is mine.\n"));
    }

    #[test]
    fn renamed_headings_keep_their_same_file_links() {
        let text = "# A\n\n## Status\n\nimplemented\n\n## Draw Backs\n\nSee [above](#draw-backs).\n";
        let out = twice("design/a.md", text);
        assert!(out.contains("## Drawbacks\n\nSee [above](#drawbacks).\n"), "{out}");
        // A reference-style link cannot be updated in place: the heading keeps its name.
        let text = "# A\n\n## Draw Backs\n\nSee [above][r].\n\n[r]: #draw-backs\n";
        let out = twice("design/a.md", text);
        assert!(out.contains("## Draw Backs\n"), "{out}");
    }

    #[test]
    fn the_build_and_lint_fix_rename_and_relevel_alike() {
        use crate::feature::lint::{fix_text, LintContext, LintFile};
        let project = crate::model::project::Project::new(Default::default(), None).unwrap();
        let text =
            "# A\n\n## Status\n\nimplemented\n\n# Draw Backs\n\nSee [above](#draw-backs).\n\nSetext\n\nGoals\n-----\n";
        let built = run("design/a.md", text);
        let design = project.parse(text);
        let files = [LintFile { path: "design/a.md", text, design: &design }];
        let ctx = LintContext::new(&project, &files, None).unwrap();
        let fixed = fix_text(&ctx, "design/a.md", text).unwrap().text;
        for piece in ["## Drawbacks\n\nSee [above](#drawbacks).", "### Goals\n"] {
            assert!(built.contains(piece), "build: {built}");
            assert!(fixed.contains(piece), "fix: {fixed}");
        }
    }

    #[test]
    fn only_front_matter_is_idempotent() {
        for text in [
            "---\nstatus: implemented\n---",
            "---\nstatus: implemented\n---\n",
            "---\nstatus: implemented\n---\n\n",
            "---\r\nstatus: implemented\r\n---\r\n",
            "+++\nstatus = \"rejected\"\n+++\n",
            "---\ntitle: T\n---\n",
            "\n---\nstatus: deferred\n---\n",
        ] {
            let html = run_html(text);
            assert!(html.contains("data-design-status="), "{html}");
            let md = twice("design/x.md", text);
            assert!(md.contains("<!-- mdbook-design:badge -->"), "{md}");
        }
    }

    #[test]
    fn crlf_is_kept() {
        let out = twice("design/a.md", "# A\r\n\r\n## Status\r\n\r\nimplemented\r\n");
        assert_eq!(
            out,
            "# A\r\n\r\n**Status:** implemented <!-- mdbook-design:badge -->\r\n\r\n## Status\r\n\r\nimplemented\r\n"
        );
    }

    #[test]
    fn h1_in_block_quote_is_not_the_title() {
        let out = twice("design/a.md", "> # A\n> text\n");
        assert_eq!(
            out,
            "# A <!-- mdbook-design:title -->\n\n**Status:** unknown <!-- mdbook-design:badge -->\n\n> # A\n> text\n"
        );
    }
}
