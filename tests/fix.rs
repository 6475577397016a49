//! `lint --fix` keeps its promise: a finding marked fixable is gone after one `--fix`, a second
//! `--fix` changes nothing, and the `line-length` rewrap only moves line breaks.
//!
//! The oracles do not use the rewrap's own helpers: the words of the text (split on whitespace)
//! must stay the same sequence, no line may end up wider than the widest line before, and
//! pulldown-cmark (with mdBook 0.5's options and with 0.4's) must see the same document, down
//! to every inline event, once soft breaks and runs of spaces in text are read as one space.

mod common;

use mdbook_design::lint::{fix_text, lint_design, Diagnostic, LintContext, LintFile, Rule, Severities};
use mdbook_design::Project;
use mdbook_design::{Config, Severity};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser};

/// The widest line the template allows (the rule's documented limit, written out here).
const LIMIT: usize = 79;

fn project() -> Project {
    Project::new(Config::default(), None).unwrap()
}

/// Every rule at its default severity, or only `line-length`.
fn severities(line_length_only: bool) -> Severities {
    if !line_length_only {
        return Severities::default();
    }
    let mut s = Severities::all(Severity::Allow);
    s.set(Rule::LineLength, Severity::Warn);
    s
}

/// The findings of one design, as `lint` reports them (`with_edits` false) or as `--fix` sees
/// them (`with_edits` true).
fn lint(project: &Project, severities: &Severities, path: &str, text: &str, with_edits: bool) -> Vec<Diagnostic> {
    let design = project.parse(text);
    let files = [LintFile { path, text, design: &design }];
    let ctx = LintContext::new(project, &files, None).unwrap().with_severities(severities.clone());
    let ctx = if with_edits { ctx } else { ctx.without_edits() };
    lint_design(&ctx, &files[0])
}

/// The text after `--fix`.
fn fix(project: &Project, severities: &Severities, path: &str, text: &str) -> String {
    let design = project.parse(text);
    let files = [LintFile { path, text, design: &design }];
    let ctx = LintContext::new(project, &files, None).unwrap().with_severities(severities.clone());
    fix_text(&ctx, path, text).unwrap().text
}

/// The words of `text`, in order.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// The width in characters of the widest line.
fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The Markdown options mdBook 0.5.4 renders with (its defaults), and those of mdBook 0.4.
fn mdbook_options() -> [Options; 2] {
    let v04 = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let v05 = v04 | Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_DEFINITION_LIST | Options::ENABLE_GFM;
    [v05, v04]
}

/// The width of the widest line of each paragraph pulldown-cmark finds in `text`, in order.
fn paragraph_widths(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, mdbook_options()[0]).into_offset_iter() {
        if let Event::Start(pulldown_cmark::Tag::Paragraph) = event {
            let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
            let end = text[range.end..].find('\n').map_or(text.len(), |i| range.end + i);
            out.push(widest(&text[start..end]));
        }
    }
    out
}

/// What pulldown-cmark makes of `text`: every event but text, with the text between them (soft
/// breaks included) joined and its runs of whitespace read as one space, as HTML shows it.
fn structure(text: &str, options: Options) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<String>| {
        let joined = words(run).join(" ");
        if !joined.is_empty() {
            out.push(format!("text {joined:?}"));
        }
        run.clear();
    };
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Text(t) => run.push_str(&t),
            Event::SoftBreak => run.push(' '),
            other => {
                flush(&mut run, &mut out);
                // The same text prints as `Borrowed`, `Boxed` or `Inlined` depending on how it
                // was parsed; only the text matters.
                let shown = format!("{other:?}");
                out.push(shown.replace("Borrowed(", "(").replace("Boxed(", "(").replace("Inlined(", "("));
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The problems with fixing `text` (at `path`): a fixable finding left after `--fix`, findings
/// whose `fixable` differs between `lint` and `--fix`, a second `--fix` that changes something,
/// a line wider than the widest before; and, for the `line-length` fix alone, a changed word
/// sequence or a document that mdBook would render differently.
fn problems(project: &Project, path: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for only in [true, false] {
        let what = if only { "line-length alone" } else { "every rule" };
        let sev = severities(only);
        let reported: Vec<(usize, Rule, bool)> =
            lint(project, &sev, path, text, false).iter().map(|d| (d.line, d.rule, d.fixable)).collect();
        let fixing: Vec<(usize, Rule, bool)> =
            lint(project, &sev, path, text, true).iter().map(|d| (d.line, d.rule, d.fixable)).collect();
        if reported != fixing {
            out.push(format!("{path} ({what}): `lint` and `--fix` disagree on what is fixable"));
        }
        let fixed = fix(project, &sev, path, text);
        for with_edits in [false, true] {
            for d in lint(project, &sev, path, &fixed, with_edits).iter().filter(|d| d.fixable) {
                out.push(format!(
                    "{path}:{} ({what}): [{}] still fixable after --fix: {}",
                    d.line,
                    d.rule.id(),
                    d.message
                ));
            }
        }
        if fix(project, &sev, path, &fixed) != fixed {
            out.push(format!("{path} ({what}): a second --fix changes the text"));
        }
        if widest(&fixed) > widest(text) {
            out.push(format!(
                "{path} ({what}): --fix widened the widest line from {} to {}",
                widest(text),
                widest(&fixed)
            ));
        }
        if only && fixed != text {
            if words(&fixed) != words(text) {
                out.push(format!("{path}: the line-length fix changed the words"));
            }
            let (before, after) = (paragraph_widths(text), paragraph_widths(&fixed));
            for (i, (b, a)) in before.iter().zip(&after).enumerate() {
                if a > b {
                    out.push(format!("{path}: the line-length fix widened paragraph {i} from {b} to {a} columns"));
                }
            }
            for options in mdbook_options() {
                let (before, after) = (structure(text, options), structure(&fixed, options));
                if before != after {
                    let at =
                        before.iter().zip(&after).position(|(a, b)| a != b).unwrap_or(before.len().min(after.len()));
                    out.push(format!(
                        "{path}: the line-length fix changed the document at event {at}: {:?} became {:?}",
                        before.get(at),
                        after.get(at)
                    ));
                }
            }
        }
    }
    out
}

/// A paragraph with a run of code spans across the limit: the old rewrap would not begin a line
/// with a backtick, so it ran the whole run onto one line wider than any line before, and the
/// finding stayed fixable while `--fix` kept the line.
#[test]
fn runs_of_code_spans_are_rewrapped_within_the_limit() {
    let text = "# Labels\n\n\
        The proxy adds these labels to every series that it forwards: `pod`, `namespace`,\n\
        `job`, `service`, `endpoint`, `instance`; they take precedence over the target labels\n\
        of the forwarder pod itself.\n";
    let project = project();
    let sev = severities(true);
    assert!(lint(&project, &sev, "design/labels.md", text, false).iter().any(|d| d.fixable));
    let fixed = fix(&project, &sev, "design/labels.md", text);
    assert!(widest(&fixed) <= LIMIT, "{fixed}");
    assert_eq!(words(&fixed), words(text));
    assert_eq!(problems(&project, "design/labels.md", text), Vec::<String>::new());
}

/// A long code span followed by words that may not begin a line: no wrap brings the paragraph
/// within the limit, so the finding is not fixable and has a help line, and `--fix` leaves it.
#[test]
fn a_paragraph_that_cannot_fit_is_not_offered_a_fix() {
    let text = format!("# T\n\nSome words here `{}` - + - + and more.\n", "a".repeat(73));
    let project = project();
    let sev = severities(true);
    let found = lint(&project, &sev, "design/t.md", &text, false);
    assert_eq!(found.len(), 1);
    assert!(!found[0].fixable && found[0].help.is_some(), "{found:?}");
    assert_eq!(fix(&project, &sev, "design/t.md", &text), text);
    assert_eq!(problems(&project, "design/t.md", &text), Vec::<String>::new());
}

/// Block starts and look-alikes: only real block starts may not begin a line.
#[test]
fn words_that_only_look_like_block_starts_may_begin_a_line() {
    let project = project();
    let sev = severities(true);
    let text = "# T\n\n\
        The flags are passed through to the tool unchanged when the caller sets them: --verbose\n\
        -q _private *emphasis* #hashtag 1.5 +1 `code` and then some more words to wrap here.\n";
    let fixed = fix(&project, &sev, "design/t.md", text);
    assert!(widest(&fixed) <= LIMIT, "{fixed}");
    assert_eq!(problems(&project, "design/t.md", text), Vec::<String>::new());
    let text = "# T\n\n\
        A sentence that mentions a list marker - and a heading mark # and a quote > and 1. there\n\
        and goes on a little while longer so that the rewrap has to move some of them around.\n";
    let fixed = fix(&project, &sev, "design/t.md", text);
    assert_ne!(fixed, text);
    for line in fixed.lines().skip(2) {
        let first = line.split(' ').next().unwrap();
        assert!(!["-", "#", ">", "1."].contains(&first), "a line starts a block: {line:?}");
    }
    assert_eq!(problems(&project, "design/t.md", text), Vec::<String>::new());
}

/// Every corpus design: no fixable finding survives `--fix`, and the rewrap only moves breaks.
#[test]
fn corpus_fix_leaves_nothing_fixable() {
    let project = project();
    let Some(root) = common::corpus() else { return };
    let designs = common::corpus_designs(&root);
    assert!(designs.len() > 100, "the corpus has its designs");
    let mut found = Vec::new();
    for name in &designs {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        found.extend(problems(&project, &format!("design/{name}"), &text));
    }
    for problem in &found {
        eprintln!("{problem}");
    }
    assert!(found.is_empty(), "{} problems (listed above)", found.len());
}

/// Words for generated paragraphs: prose, code spans (some long, some with spaces), links,
/// emphasis, bare URLs, and words that start or look like they start a block.
fn word() -> impl Strategy<Value = String> {
    let looks = prop::sample::select(vec![
        "-",
        "*",
        "+",
        "#",
        "##",
        "######",
        "#######",
        ">",
        ">x",
        "1.",
        "2)",
        "10.",
        "1.5",
        "---",
        "--",
        "===",
        "=",
        "***",
        "___",
        "_",
        "```",
        "```rust",
        "~~~",
        "~~x~~",
        ":",
        ":x",
        "[^1]",
        "[^a]:",
        "-x",
        "--flag",
        "#tag",
        "_x",
        "*x",
        "+1",
        "``",
        "[x]:",
        "-->",
        "1",
        "a\\",
        "x|y",
        "<b>",
        "{{#include",
        "x.md}}",
        "e.g.",
        "(see",
    ]);
    prop_oneof![
        6 => "[a-z]{1,12}[,.;:]?",
        2 => "`[a-zA-Z.]{1,30}`[,.]?",
        1 => "`[a-zA-Z./]{60,90}`",
        1 => "`[a-z]{1,8} [a-z]{1,8}`",
        1 => "`[a-z]{1,6}  [a-z]{1,6}`",
        1 => "\\[[a-z]{1,8} [a-z]{1,8}\\]\\(https://example\\.com/[a-z]{1,40}\\)",
        1 => "\\[`[a-z.]{1,20}`\\]\\(https://example\\.com/[a-z/]{20,90}\\)[,.]?",
        1 => "\\[[a-z]{1,8}\\]\\(https://example\\.com/[a-z]{1,8} \"[a-z]{1,6} [a-z]{1,6}\"\\)",
        1 => "\\*[a-z]{1,8} [a-z]{1,8}\\*",
        1 => "_[a-z]{1,8}_|\\*\\*[a-z]{1,8}\\*\\*",
        1 => "https://example\\.com/[a-z/]{10,90}",
        1 => "!\\[[a-z]{1,5} [a-z]{1,5}\\]\\([a-z]{1,5}\\.png\\)|\\[[a-z]{1,5} [a-z]{1,5}\\]\\[[a-z]{1,5} [a-z]{1,5}\\]",
        1 => "\\[\\^[a-z]{1,5}\\]|~~[a-z]{1,5} [a-z]{1,5}~~|'[a-z]{1,5} [a-z]{1,5}'|\"[a-z]{1,5}\"|\\\\\\*[a-z]{1,5}",
        3 => looks.prop_map(String::from),
    ]
}

/// A paragraph: words joined by spaces, or by a line break where `breaks` says so.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), prop::bool::weighted(0.08)), 3..90).prop_map(|words| {
        let mut out = String::new();
        for (i, (w, newline)) in words.iter().enumerate() {
            if i > 0 {
                out.push(if *newline { '\n' } else { ' ' });
            }
            out.push_str(w);
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Generated paragraphs: the same promises as on the corpus.
    #[test]
    fn generated_paragraphs_fix_cleanly(paragraphs in prop::collection::vec(paragraph(), 1..4), crlf: bool) {
        let mut text = format!("# Title\n\n{}\n\nThe end.\n", paragraphs.join("\n\n"));
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let found = problems(&project(), "design/generated.md", &text);
        prop_assert!(found.is_empty(), "{found:#?}\n{text}");
    }
}
