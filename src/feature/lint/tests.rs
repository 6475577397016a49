//! Every rule with a failing and a passing example, through the public API.

use super::*;
use crate::model::config::Config;

fn project() -> Project {
    Project::new(Config::default(), None).unwrap()
}

/// A complete design that passes every rule (at `path` `design/a-good-design.md`).
pub(crate) const GOOD: &str = include_str!("../../../tests/fixtures/a-good-design.md");

fn lint_at(path: &str, text: &str) -> Vec<Diagnostic> {
    let p = project();
    let d = p.parse(text);
    let files = [LintFile { path, text, design: &d }];
    let ctx = LintContext::new(&p, &files, None).unwrap();
    lint_design(&ctx, &files[0])
}

fn lint(text: &str) -> Vec<Diagnostic> {
    lint_at("design/a-good-design.md", text)
}

fn rules(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.rule.id()).collect()
}

fn only(diags: &[Diagnostic], rule: Rule) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.rule == rule).collect()
}

fn fixed(text: &str) -> String {
    let p = project();
    let d = p.parse(text);
    let files = [LintFile { path: "design/a-good-design.md", text, design: &d }];
    let ctx = LintContext::new(&p, &files, None).unwrap();
    let out = fix_text(&ctx, "design/a-good-design.md", text).unwrap();
    let again = fix_text(&ctx, "design/a-good-design.md", &out.text).unwrap();
    assert_eq!(again.text, out.text, "a second --fix changes nothing");
    assert!(again.changes.is_empty());
    out.text
}

#[test]
fn the_good_design_passes_every_rule() {
    let diags = lint(GOOD);
    assert!(diags.is_empty(), "{:#?}", diags);
}

#[test]
fn missing_status() {
    let bad = GOOD.replace("## Status\n\nimplementable\n\n", "");
    let d = lint(&bad);
    assert_eq!(rules(&only(&d, Rule::MissingStatus).into_iter().cloned().collect::<Vec<_>>()), ["missing-status"]);
    let empty = GOOD.replace("implementable\n", "");
    assert_eq!(only(&lint(&empty), Rule::MissingStatus).len(), 1);
    assert!(only(&d, Rule::MissingSection).is_empty(), "a missing Status is missing-status's finding");
    let front = format!("---\nstatus: implementable\n---\n{}", GOOD.replace("## Status\n\nimplementable\n\n", ""));
    let d = lint(&front);
    assert!(only(&d, Rule::MissingStatus).is_empty(), "{d:#?}");
    assert!(only(&d, Rule::MissingSection).is_empty(), "front matter status stands for the section: {d:#?}");
}

#[test]
fn status_sections_that_are_not_read_say_why() {
    let message = |text: &str| only(&lint(text), Rule::MissingStatus)[0].message.clone();
    let html = GOOD.replace("\nimplementable\n", "\n<div>implementable</div>\n");
    assert!(message(&html).contains("`<div>implementable</div>` is in an HTML block"), "{}", message(&html));
    let setext = GOOD.replace("\nimplementable\n", "\nImplementable\n---\n");
    assert!(message(&setext).contains("`Implementable` is underlined"), "{}", message(&setext));
    let empty = GOOD.replace("implementable\n", "");
    assert_eq!(message(&empty), "the Status section is empty");
}

#[test]
fn status_sections_that_disagree() {
    let two = format!("{GOOD}\n## Status\n\nrejected\n");
    let d = lint(&two);
    let found = only(&d, Rule::InvalidStatus);
    assert_eq!(found.len(), 1, "{d:#?}");
    assert!(found[0].message.contains("`rejected`") && found[0].message.contains("(line 5)"), "{}", found[0].message);
    let agree = format!("{GOOD}\n## Status\n\nImplementable\n");
    assert!(only(&lint(&agree), Rule::InvalidStatus).is_empty());
}

#[test]
fn invalid_status() {
    let d = lint(&GOOD.replace("\nimplementable\n", "\nimplemnted\n"));
    let found = only(&d, Rule::InvalidStatus);
    assert_eq!(found.len(), 1);
    assert!(found[0]
        .message
        .contains("provisional, implementable, implemented, deferred, rejected, withdrawn, replaced"));
    assert_eq!(found[0].help.as_deref(), Some("did you mean `implemented`?"));
    let d = lint(&GOOD.replace("\nimplementable\n", "\nOne of: provisional|implementable|implemented\n"));
    assert_eq!(only(&d, Rule::InvalidStatus).len(), 1);
    assert!(only(&lint(GOOD), Rule::InvalidStatus).is_empty());
}

#[test]
fn status_format_and_its_fix() {
    for (loose, fixed_line) in [
        ("Implementable", "implementable"),
        ("One of: implementable", "implementable"),
        ("**implementable**", "implementable"),
        ("[Implementable](https://example.com/pr/1)", "implementable\n\n[Implementable](https://example.com/pr/1)"),
    ] {
        let bad = GOOD.replace("\nimplementable\n", &format!("\n{loose}\n"));
        let d = lint(&bad);
        let found = only(&d, Rule::StatusFormat);
        assert_eq!(found.len(), 1, "{loose}");
        assert!(found[0].fixable, "{loose}");
        let out = fixed(&bad);
        assert!(out.contains(&format!("## Status\n\n{fixed_line}\n")), "{loose}: {out}");
        assert!(lint(&out).is_empty(), "{loose}: {:#?}", lint(&out));
    }
    let comment = GOOD.replace("\nimplementable\n", "\nimplementable (since v2)\n");
    let d = lint(&comment);
    assert!(!only(&d, Rule::StatusFormat)[0].fixable, "words after the status are the author's");
    let fm =
        format!("---\nstatus: implementable # agreed\n---\n{}", GOOD.replace("## Status\n\nimplementable\n\n", ""));
    assert!(only(&lint(&fm), Rule::StatusFormat).is_empty(), "a YAML comment is fine");
}

#[test]
fn titles() {
    let d = lint(&GOOD.replace("# A good design\n\n", ""));
    assert_eq!(only(&d, Rule::MissingTitle).len(), 1);
    let d = lint(&GOOD.replace("## Drawbacks", "# Another title\n\n## Drawbacks"));
    assert_eq!(only(&d, Rule::MultipleTitles).len(), 1);
    assert!(only(&lint(GOOD), Rule::MultipleTitles).is_empty());
}

#[test]
fn missing_section_and_its_fix() {
    let bad = GOOD.replace("## Drawbacks\n\nNone\n\n", "").replace("### Non-Goals\n\nNone\n\n", "");
    let d = lint(&bad);
    let found = only(&d, Rule::MissingSection);
    assert_eq!(found.len(), 2, "{d:#?}");
    assert!(found.iter().all(|d| d.fixable));
    assert_eq!(fixed(&bad), GOOD);
    // At the end, and with CRLF line breaks.
    let bad = GOOD.replace("\n## References\n\nNone\n", "").replace('\n', "\r\n");
    let out = fixed(&bad);
    assert_eq!(out, GOOD.replace('\n', "\r\n"));
    // Out of order documents: the insertion never adds an order finding.
    let shuffled = GOOD
        .replace("## Alternatives\n\nNone\n\n", "")
        .replace("## Motivation", "## Alternatives\n\nNone\n\n## Motivation")
        .replace("## Drawbacks\n\nNone\n\n", "");
    let before = only(&lint(&shuffled), Rule::SectionOrder).len();
    let out = fixed(&shuffled);
    assert_eq!(only(&lint(&out), Rule::SectionOrder).len(), before, "{out}");
    assert!(only(&lint(&out), Rule::MissingSection).is_empty());
    // An optional section may be removed.
    let optional = GOOD.replace("### User Stories\n\nAs a tester I want a passing design.\n\n", "");
    assert!(only(&lint(&optional), Rule::MissingSection).is_empty());
}

#[test]
fn section_order() {
    let bad = GOOD.replace(
        "## Drawbacks\n\nNone\n\n## Alternatives\n\nNone\n",
        "## Alternatives\n\nNone\n\n## Drawbacks\n\nNone\n",
    );
    let d = lint(&bad);
    let found = only(&d, Rule::SectionOrder);
    assert_eq!(found.len(), 1, "{d:#?}");
    assert!(
        found[0].message.contains("`Drawbacks` comes after `Alternatives`")
            || found[0].message.contains("`Alternatives`")
    );
    assert!(only(&lint(GOOD), Rule::SectionOrder).is_empty());
}

#[test]
fn heading_level_and_name_fixes() {
    let bad = GOOD
        .replace("### Goals", "## Goals")
        .replace("### Non-Goals", "### Non Goals")
        .replace("### User Stories", "#### User stories");
    let d = lint(&bad);
    assert_eq!(only(&d, Rule::HeadingLevel).len(), 2, "{d:#?}");
    assert_eq!(only(&d, Rule::SectionName).len(), 2, "{d:#?}");
    assert_eq!(fixed(&bad), GOOD);
    // A renamed heading takes the links to it along.
    let linked = GOOD
        .replace("### Upgrade / Downgrade Strategy", "### Upgrade/Downgrade Strategy")
        .replace("Write it.", "Write it (see [upgrades](#upgradedowngrade-strategy)).");
    let out = fixed(&linked);
    assert!(out.contains("### Upgrade / Downgrade Strategy"), "{out}");
    assert!(out.contains("[upgrades](#upgrade--downgrade-strategy)"), "{out}");
    assert!(lint(&out).is_empty(), "{:#?}", lint(&out));
    let loose = GOOD.replace("## Alternatives", "## Alternatives (Not Implemented)");
    let d = lint(&loose);
    let found = only(&d, Rule::SectionName);
    assert_eq!(found.len(), 1);
    assert!(!found[0].fixable, "renaming would drop the author's words");
}

#[test]
fn empty_section_and_status_awareness() {
    let bad = GOOD.replace("## Drawbacks\n\nNone\n", "## Drawbacks\n\n<!-- later -->\n");
    let d = lint(&bad);
    assert_eq!(only(&d, Rule::EmptySection).len(), 1, "{d:#?}");
    // Implementable designs need a Test Plan.
    let no_tests = GOOD.replace("Unit tests.", "None");
    assert_eq!(only(&lint(&no_tests), Rule::EmptySection).len(), 1);
    let provisional = no_tests.replace("\nimplementable\n", "\nprovisional\n");
    assert!(only(&lint(&provisional), Rule::EmptySection).is_empty());
    // Provisional designs may leave Design Details empty.
    let empty_details = provisional.replace("The details.\n", "").replace("Unit tests.", "");
    assert!(only(&lint(&empty_details), Rule::EmptySection).is_empty(), "{:#?}", lint(&empty_details));
    let details_none = GOOD.replace("The details.", "None");
    assert!(only(&lint(&details_none), Rule::EmptySection).is_empty(), "sub-sections have text");
}

#[test]
fn template_text() {
    let bad = GOOD
        .replace("We need an example that passes.", "This is the title of the design.\nKeep it simple and descriptive.")
        .replace("As a tester I want a passing design.\n", "As a tester.\n\n#### Story 1\n\n#### Story 2\n\nText.\n");
    let d = lint(&bad);
    let found = only(&d, Rule::TemplateText);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].message.contains("2 lines of template text"));
    assert!(found[1].message.contains("Story 1"));
    assert!(only(&lint(GOOD), Rule::TemplateText).is_empty());
}

#[test]
fn line_length_and_rewrap() {
    let long = "word ".repeat(30);
    let bad = GOOD.replace("The details.", long.trim_end());
    let d = lint(&bad);
    let found = only(&d, Rule::LineLength);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].column, 80);
    let out = fixed(&bad);
    assert!(out.lines().all(|l| l.chars().count() <= 79));
    assert!(only(&lint(&out), Rule::LineLength).is_empty());
    // Code, tables, headings, link definitions and URLs are exempt.
    let exempt = GOOD.replace(
        "The details.",
        &format!(
            "The details.\n\n```\n{long}\n```\n\n| a | b |\n|---|---|\n| {long} | x |\n\n[ref]: https://example.com/{}\n\n<https://example.com/{}>\n",
            "x".repeat(90),
            "y".repeat(90)
        ),
    );
    let d = lint(&exempt);
    assert!(only(&d, Rule::LineLength).is_empty(), "{d:#?}");
    // A long line in a list item is reported but not rewrapped.
    let nested = GOOD.replace("The details.", &format!("- {}", long.trim_end()));
    let d = lint(&nested);
    assert!(!only(&d, Rule::LineLength)[0].fixable);
}

#[test]
fn file_name() {
    assert_eq!(only(&lint_at("design/other-name.md", GOOD), Rule::FileName).len(), 1);
    assert!(only(&lint_at("design/20240101-a-good-design.md", GOOD), Rule::FileName).is_empty());
    assert!(only(&lint_at("design/a-good-design.md", GOOD), Rule::FileName).is_empty());
}

#[test]
fn replaced_without_link() {
    let bad = GOOD.replace("\nimplementable\n", "\nreplaced\n");
    assert_eq!(only(&lint(&bad), Rule::ReplacedWithoutLink).len(), 1);
    let good = GOOD.replace("\nimplementable\n", "\nreplaced by [B](b.md)\n");
    let d = lint(&good);
    assert!(only(&d, Rule::ReplacedWithoutLink).is_empty(), "{d:#?}");
}

fn lint_book(files: &[(&str, &str)], summary: Option<&[String]>) -> Vec<Vec<Diagnostic>> {
    let p = project();
    let designs: Vec<_> = files.iter().map(|(_, t)| p.parse(t)).collect();
    let lint_files: Vec<_> =
        files.iter().zip(&designs).map(|((path, text), design)| LintFile { path, text, design }).collect();
    let ctx = LintContext::new(&p, &lint_files, summary).unwrap().with_files(["design/notes.md".to_string()]);
    lint_all(&ctx, &lint_files)
}

#[test]
fn cross_file_rules() {
    let b = GOOD.replace("# A good design", "# B");
    let links = GOOD.replace(
        "The details.",
        "See [b](b.md#summary), [b](b.md#nope), [c](c.md), [notes](notes.md), [self](#motivation), [gone](#gone).",
    );
    let summary = vec!["design/a-good-design.md".to_string()];
    let out = lint_book(&[("design/a-good-design.md", &links), ("design/b.md", &b)], Some(&summary));
    let broken: Vec<_> = only(&out[0], Rule::BrokenDesignLink).iter().map(|d| d.message.clone()).collect();
    assert_eq!(broken.len(), 3, "{broken:#?}");
    assert!(broken[0].contains("#nope") && broken[1].contains("c.md") && broken[2].contains("#gone"));
    assert!(only(&out[0], Rule::NotInSummary).is_empty());
    assert_eq!(only(&out[1], Rule::NotInSummary).len(), 1);
    let dup = lint_book(&[("design/a-good-design.md", GOOD), ("design/copy.md", GOOD)], None);
    assert_eq!(only(&dup[0], Rule::DuplicateTitle).len(), 1);
    assert_eq!(only(&dup[1], Rule::DuplicateTitle).len(), 1);
    let unique = lint_book(&[("design/a-good-design.md", GOOD), ("design/b.md", &b)], None);
    assert!(unique.iter().all(|d| only(d, Rule::DuplicateTitle).is_empty()));
}

#[test]
fn short_summary() {
    for summary in ["None", "TBD", "Adds things", ""] {
        let bad = GOOD.replace("This design adds a good example to the test suite. It passes every rule.", summary);
        let d = lint(&bad);
        assert_eq!(only(&d, Rule::ShortSummary).len(), 1, "{summary:?}: {d:#?}");
        assert!(only(&d, Rule::EmptySection).is_empty(), "one finding for an empty Summary");
    }
}

#[test]
fn severities_and_opt_outs() {
    let bad = GOOD.replace("The details.", &"word ".repeat(30));
    let opted = format!("{bad}\n<!-- mdbook-design-lint allow(line-length) -->\n");
    assert!(only(&lint(&opted), Rule::LineLength).is_empty());
    let mut config = Config::default();
    config.lint.rules.insert("line-length".into(), Severity::Deny);
    let p = Project::new(config, None).unwrap();
    let d = p.parse(&bad);
    let files = [LintFile { path: "design/a-good-design.md", text: &bad, design: &d }];
    let ctx = LintContext::new(&p, &files, None).unwrap();
    let diags = lint_design(&ctx, &files[0]);
    assert!(has_denied(&diags));
    let mut config = Config::default();
    config.lint.rules.insert("no-such-rule".into(), Severity::Deny);
    let p = Project::new(config, None).unwrap();
    assert!(LintContext::new(&p, &[], None).unwrap_err().message().contains("missing-status"));
}

#[test]
fn project_template_drives_the_rules() {
    let template = "# Title\n\n## Status\n\n## Summary\n\n## Risks\n\n<!-- This section is optional. -->\n\n## Plan\n";
    let p = Project::new(Config::default(), Some(template)).unwrap();
    let text = "# X\n\n## Status\n\nprovisional\n\n## Summary\n\nThis is a summary sentence.\n";
    let d = p.parse(text);
    let files = [LintFile { path: "design/x.md", text, design: &d }];
    let ctx = LintContext::new(&p, &files, None).unwrap();
    let diags = lint_design(&ctx, &files[0]);
    assert_eq!(rules(&diags), ["missing-section"], "{diags:#?}");
    assert!(diags[0].message.contains("`Plan`"));
}

#[test]
fn human_output_has_source_caret_and_help() {
    let bad = GOOD.replace("\nimplementable\n", "\nimplemnted\n");
    let diags = lint(&bad);
    let out =
        super::format::render_human(&[FileReport { display: "design/a.md", text: &bad, diagnostics: &diags }], false);
    assert!(out.contains("error[invalid-status]"), "{out}");
    assert!(out.contains("design/a.md:5:1"), "{out}");
    assert!(out.contains("^^^^^^^^^^"), "{out}");
    assert!(out.contains("help: did you mean `implemented`?"), "{out}");
    assert!(out.contains("1 error and 0 warnings"), "{out}");
}

#[test]
fn fragments_match_ids_exactly_as_browsers_do() {
    let text = GOOD.replace(
        "The details.",
        "See [a](#motivation), [b](#Motivation), [c](#option-a--keep-it), [d](#option-a----keep-it), \
         [e](#%C3%BCber-1), [f](#Term).\n\n#### Option A -- keep it\n\n#### Über\n\n#### Über\n\n\
         #### Term {#Term}",
    );
    let broken = |smart_punctuation: bool| -> Vec<String> {
        let p = Project::new(Config { smart_punctuation, ..Config::default() }, None).unwrap();
        let d = p.parse(&text);
        let files = [LintFile { path: "design/a-good-design.md", text: &text, design: &d }];
        let ctx = LintContext::new(&p, &files, None).unwrap();
        let diags = lint_design(&ctx, &files[0]);
        only(&diags, Rule::BrokenDesignLink).iter().map(|d| text[d.span.clone()].to_string()).collect()
    };
    assert_eq!(broken(true), ["[b](#Motivation)", "[d](#option-a----keep-it)"]);
    assert_eq!(broken(false), ["[b](#Motivation)", "[c](#option-a--keep-it)"]);
}
