//! `mdbook-design lint` end to end: the real binary on temporary books and on the corpus.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-design");

/// A design that passes every rule at `src/design/a-good-design.md`.
const GOOD: &str = include_str!("fixtures/a-good-design.md");

/// A design with one finding of most rules.
const BAD: &str = "\
# Bad Design!

## Status

Implemnted

## Summary

TBD

## Motivation

This is the title of the design.

## Goals

Pass.

### Non Goals

## Proposal

See [missing](gone.md) and [anchor](a-good-design.md#nope). This line is long enough to go over the limit.
";

/// A temporary folder removed on drop.
struct Temp(PathBuf);

impl Temp {
    fn new(name: &str) -> Temp {
        let dir = std::env::temp_dir().join(format!("mdbook-design-lint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Temp(dir)
    }

    fn write(&self, path: &str, text: &str) -> &Temp {
        let path = self.0.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.0.join(path)).unwrap()
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn book(name: &str, toml_extra: &str, designs: &[(&str, &str)]) -> Temp {
    let t = Temp::new(name);
    t.write("book.toml", &format!("[book]\ntitle = \"t\"\n\n[preprocessor.design]\n{toml_extra}"));
    let mut summary = String::from("# Summary\n\n");
    for (path, _) in designs {
        summary.push_str(&format!("- [x]({path})\n"));
    }
    t.write("src/SUMMARY.md", &summary);
    for (path, text) in designs {
        t.write(&format!("src/{path}"), text);
    }
    t
}

fn lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).arg("lint").args(args).current_dir(dir).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn clean_book_exits_zero() {
    let t = book("clean", "", &[("design/a-good-design.md", GOOD)]);
    let o = lint(&t.0, &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn findings_human_json_and_exit_codes() {
    let t = book("bad", "", &[("design/a-good-design.md", GOOD), ("design/bad.md", BAD)]);
    let o = lint(&t.0, &["--color", "never"]);
    assert_eq!(o.status.code(), Some(1), "deny findings fail: {}", stderr(&o));
    let human = stdout(&o);
    assert!(human.contains("error[invalid-status]: `Implemnted` is not a status"), "{human}");
    assert!(human.contains("--> src/design/bad.md:5:1"), "{human}");
    assert!(human.contains("= help: did you mean `implemented`?"), "{human}");

    let o = lint(&t.0, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("bad_design_json", stdout(&o));

    // Only warnings: exit 0.
    let t = book(
        "warn",
        "[preprocessor.design.lint]\ninvalid-status = \"warn\"\nbroken-design-link = \"allow\"\n",
        &[("design/bad.md", BAD)],
    );
    let o = lint(&t.0, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rules: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(!rules.contains(&"broken-design-link"));
    assert!(json.as_array().unwrap().iter().all(|d| d["severity"] == "warn"));
}

#[test]
fn github_and_sarif() {
    let t = book("ci", "", &[("design/bad.md", BAD)]);
    let o = lint(&t.0, &["--format", "github"]);
    let out = stdout(&o);
    assert!(out.lines().all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")), "{out}");
    assert!(
        out.contains("::error file=src/design/bad.md,line=5,col=1,endLine=5,endColumn=11,title=invalid-status::"),
        "{out}"
    );
    let o = lint(&t.0, &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 24);
    let first = &run["results"][0];
    assert_eq!(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/design/bad.md");
    assert!(first["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap() >= 1);
}

#[test]
fn usage_config_and_io_errors_exit_two() {
    let t = Temp::new("errors");
    let o = lint(&t.0, &[]);
    assert_eq!(o.status.code(), Some(2), "no book.toml");
    assert!(stderr(&o).contains("--book"), "{}", stderr(&o));
    let o = lint(&t.0, &["--dry-run"]);
    assert_eq!(o.status.code(), Some(2), "--dry-run needs --fix");
    let o = lint(&t.0, &["--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = lint(&t.0, &["no-such-file.md"]);
    assert_eq!(o.status.code(), Some(2));
    let t =
        book("badconfig", "[preprocessor.design.lint]\nline-lenght = \"deny\"\n", &[("design/a-good-design.md", GOOD)]);
    // A misspelt rule id is a warning naming the known ids, as in the build: only that entry is
    // ignored, and lint runs (a typo cannot switch a `deny` gate off).
    let o = lint(&t.0, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("line-lenght") && stderr(&o).contains("line-length"), "{}", stderr(&o));
    assert!(stderr(&o).contains("that entry is ignored"), "{}", stderr(&o));
}

#[test]
fn book_template_summary_and_opt_outs() {
    let template = "# Title\n\n## Status\n\n## Summary\n\n## Plan\n\n## Extras\n\n<!-- This section is optional. -->\n";
    let design = "# Own\n\n## Status\n\nprovisional\n\n## Summary\n\nThis is the summary of it.\n";
    let t = book("template", "", &[("design/own.md", design)]);
    t.write("src/design/_template.md", template);
    t.write(
        "src/design/unlisted.md",
        &format!("{design}\n<!-- mdbook-design-lint allow(duplicate-title, file-name) -->\n"),
    );
    let o = lint(&t.0, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let found: Vec<(String, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["file"].as_str().unwrap().to_string(), d["rule"].as_str().unwrap().to_string()))
        .collect();
    let expect = [
        ("src/design/own.md", "duplicate-title"),
        ("src/design/own.md", "missing-section"),
        ("src/design/unlisted.md", "not-in-summary"),
        ("src/design/unlisted.md", "missing-section"),
    ];
    let expect: Vec<(String, String)> = expect.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(found, expect, "the book's template has Plan (required) and Extras (optional)");
}

/// A book whose template writes `### User Stories (Optional)`: a design that copies the heading
/// as the template writes it has no `section-name` finding, and `--fix` leaves it.
#[test]
fn the_template_heading_as_written_is_no_variant() {
    let template = "# Title\n\n## Status\n\n## Summary\n\n## Proposal\n\n### User Stories (Optional)\n";
    let design = "# Own\n\n## Status\n\nprovisional\n\n## Summary\n\nThis is the summary of it.\n\n\
                  ## Proposal\n\nThe plan.\n\n### User Stories (Optional)\n\nAs a user I want it.\n";
    let t = book("template-optional", "", &[("design/own.md", design)]);
    t.write("src/design/_template.md", template);
    let o = lint(&t.0, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json, serde_json::json!([]), "{}", stdout(&o));
    let o = lint(&t.0, &["--fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(t.read("src/design/own.md"), design);
    // A variant of it is still one.
    t.write("src/design/own.md", &design.replace("User Stories (Optional)", "User Stories (optional!)"));
    let o = lint(&t.0, &["--format", "json"]);
    assert!(stdout(&o).contains("\"section-name\""), "{}", stdout(&o));
}

#[test]
fn fix_dry_run_and_idempotence() {
    let bad = GOOD.replace("### Non-Goals", "### Non Goals").replace("## Drawbacks\n\nNone\n\n", "").replace(
        "The details.",
        "The details are long enough that this single line goes well past the seventy-nine columns.",
    );
    let t = book("fix", "", &[("design/a-good-design.md", &bad)]);
    let o = lint(&t.0, &["--fix", "--dry-run", "--color", "never"]);
    let out = stdout(&o);
    assert!(out.contains("--- a/src/design/a-good-design.md") && out.contains("+### Non-Goals"), "{out}");
    assert_eq!(t.read("src/design/a-good-design.md"), bad, "--dry-run writes nothing");
    let o = lint(&t.0, &["--fix"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("fixed src/design/a-good-design.md:") && err.contains("[section-name]"), "{err}");
    let after = t.read("src/design/a-good-design.md");
    assert!(after.contains("## Drawbacks\n\nNone\n\n## Alternatives"), "{after}");
    assert_words_kept(&bad, &after);
    let o = lint(&t.0, &["--fix"]);
    assert_eq!(stderr(&o), "", "a second --fix changes nothing");
    assert_eq!(t.read("src/design/a-good-design.md"), after);
}

/// A design whose API has a status field (`#### Status` under a section of its own, `### Status`
/// under Design Details): a subsection, not the design's Status, so no heading finding and no
/// fix that promotes it to a second `## Status`.
#[test]
fn a_subsection_named_status_is_left_alone() {
    let design = GOOD.replace(
        "The details.",
        "The details.\n\n### The API\n\nA field.\n\n#### Status\n\nWhat the object reports.\n",
    );
    let design = design.replace("## Drawbacks", "### Status\n\nThe API's status.\n\n## Drawbacks");
    let t = book("subsection-status", "", &[("design/a-good-design.md", &design)]);
    let o = lint(&t.0, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json, serde_json::json!([]), "no finding for the subsections");
    let o = lint(&t.0, &["--fix"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(t.read("src/design/a-good-design.md"), design, "--fix changes nothing");
    let o = Command::new(BIN).args(["index"]).current_dir(&t.0).output().unwrap();
    let index: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(index["designs"][0]["status"], "implementable");
}

/// A byte-order mark before the front matter or the title hides neither, and `--fix` keeps it
/// as the file's first bytes; a title declared in front matter is a title.
#[test]
fn byte_order_marks_and_front_matter_titles() {
    let front = GOOD.replacen("# A good design\n", "---\ntitle: A good design\nstatus: implementable\n---\n", 1);
    let front = front.replacen("## Status\n\nimplementable\n\n", "", 1);
    let bom_title = format!("\u{FEFF}{}", GOOD.replace("### Non-Goals", "### Non Goals"));
    let t = book(
        "bom",
        "",
        &[
            ("design/a-good-design.md", &bom_title),
            ("design/x/a-good-design.md", &format!("\u{FEFF}{front}")),
            ("design/y/a-good-design.md", &front),
        ],
    );
    // Three designs with one title: duplicate-title is not what this test is about.
    t.write("book.toml", "[book]\ntitle = \"t\"\n\n[preprocessor.design.lint]\nduplicate-title = \"allow\"\n");
    let o = lint(&t.0, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let found: Vec<(&str, &str)> =
        json.as_array().unwrap().iter().map(|d| (d["file"].as_str().unwrap(), d["rule"].as_str().unwrap())).collect();
    assert_eq!(found, [("src/design/a-good-design.md", "section-name")], "{}", stdout(&o));
    let o = lint(&t.0, &["--fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(t.read("src/design/a-good-design.md"), format!("\u{FEFF}{GOOD}"));
    let o = Command::new(BIN).args(["index"]).current_dir(&t.0).output().unwrap();
    let index: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for d in index["designs"].as_array().unwrap() {
        assert_eq!((&d["title"], &d["status"]), (&"A good design".into(), &"implementable".into()), "{d}");
    }
}

/// `lint` reads files as written: a Status pulled in with `{{#include}}` is named with the fix
/// when the build would not expand it either, and left alone when the book runs after `links`.
#[test]
fn a_status_include_is_named_with_the_fix() {
    let design = GOOD.replace("\nimplementable\n", "\n{{#include ../parts/status.md}}\n");
    let t = book("include", "", &[("design/a-good-design.md", &design)]);
    t.write("src/parts/status.md", "implementable\n");
    let o = lint(&t.0, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d = &json[0];
    assert_eq!((d["rule"].as_str(), d["line"].as_u64()), (Some("invalid-status"), Some(5)), "{json}");
    assert!(d["message"].as_str().unwrap().contains("`{{#include ../parts/status.md}}`"), "{d}");
    assert!(d["help"].as_str().unwrap().contains("`after = [\"links\"]` under `[preprocessor.design]`"), "{d}");
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
    t.write("book.toml", "[book]\ntitle = \"t\"\n\n[preprocessor.design]\nafter = [\"links\"]\n");
    let o = lint(&t.0, &["--format", "json"]);
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn changed_since() {
    let t = book("git", "", &[("design/a-good-design.md", GOOD), ("design/bad.md", BAD)]);
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(&t.0)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "x"]);
    let o = lint(&t.0, &["--changed-since", "HEAD", "--format", "json"]);
    assert_eq!(stdout(&o).trim(), "[]", "nothing changed");
    t.write("src/design/a-good-design.md", &GOOD.replace("Unit tests.", "None"));
    let o = lint(&t.0, &["--changed-since", "HEAD", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["src/design/a-good-design.md"]);
    let o = lint(&t.0, &["--changed-since", "no-such-rev", "--format", "json"]);
    assert!(stderr(&o).contains("warning: unknown git revision `no-such-rev`"), "{}", stderr(&o));
    assert!(stdout(&o).contains("src/design/bad.md"), "all designs are linted");
}

/// `--changed-since` asks the repository that holds the book (or, for plain paths, the paths),
/// wherever the command runs: here from a folder in no repository and from inside another
/// repository, whose history knows nothing of the book's files.
#[test]
fn changed_since_asks_the_books_repository() {
    let t = book("git-book", "", &[("design/a-good-design.md", GOOD), ("design/bad.md", BAD)]);
    let outside = Temp::new("git-outside");
    let other = Temp::new("git-other");
    other.write("notes.md", "# Notes\n");
    let git = |dir: &Path, args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    for dir in [&t.0, &other.0] {
        git(dir, &["init", "-q"]);
        git(dir, &["add", "."]);
        git(dir, &["commit", "-q", "-m", "x"]);
    }
    t.write("src/design/a-good-design.md", &GOOD.replace("Unit tests.", "None"));
    let changed = t.0.join("src/design/a-good-design.md");
    let book_arg = t.0.to_str().unwrap();
    let src_arg = t.0.join("src/design");
    for cwd in [&outside.0, &other.0] {
        for args in [vec!["--book", book_arg], vec![src_arg.to_str().unwrap()]] {
            let o = Command::new(BIN)
                .arg("lint")
                .args(&args)
                .args(["--changed-since", "HEAD", "--format", "json"])
                .current_dir(cwd)
                // The folder outside stays outside any repository the temp folder may sit in.
                .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
                .output()
                .unwrap();
            assert!(!stderr(&o).contains("warning"), "{args:?} from {}: {}", cwd.display(), stderr(&o));
            let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
            let mut files: Vec<PathBuf> =
                json.as_array().unwrap().iter().map(|d| PathBuf::from(d["file"].as_str().unwrap())).collect();
            files.dedup();
            assert_eq!(
                files,
                std::slice::from_ref(&changed),
                "{args:?} from {}: only the changed design",
                cwd.display()
            );
        }
    }
}

#[test]
fn paths_and_folders() {
    let t = Temp::new("paths");
    t.write("designs/a-good-design.md", GOOD).write("designs/_template.md", BAD).write("designs/sub/bad.md", BAD);
    let o = lint(&t.0, &["designs", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut files: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["file"].as_str().unwrap()).collect();
    files.dedup();
    assert_eq!(files, ["designs/sub/bad.md"], "files starting with `_` are skipped");
    let o = lint(&t.0, &["designs/a-good-design.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// Every word of `before` is in `after`, in order. Headings compare by their letters (a renamed
/// `Non Goals` keeps its words as `Non-Goals`), and the template's `One of:` prompt may go.
fn assert_words_kept(before: &str, after: &str) {
    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim();
            // An ATX heading: one to six `#` and a space or the line's end (`#123](...)` in a
            // rewrapped link text is not one).
            let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&hashes) && trimmed[hashes..].chars().next().is_none_or(char::is_whitespace) {
                let key: String =
                    trimmed.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
                if !key.is_empty() {
                    out.push(key);
                }
                continue;
            }
            let lower = line.to_lowercase();
            let lower = lower.replace("one of:", " ");
            out.extend(
                lower.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).map(str::to_string),
            );
        }
        out
    }
    let after_tokens = tokens(after);
    let mut rest = after_tokens.iter();
    for word in tokens(before) {
        assert!(rest.any(|w| *w == word), "the word `{word}` was lost");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn md_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn corpus_counts_and_fix_safety() {
    let Some(corpus) = common::corpus() else { return };
    let t = Temp::new("corpus");
    let copy = t.0.join("corpus");
    copy_dir(&corpus, &copy);

    let o = lint(&t.0, &["corpus", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in json.as_array().unwrap() {
        *counts.entry(d["rule"].as_str().unwrap().to_string()).or_default() += 1;
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
    }
    eprintln!("findings per rule over the corpus ({} files):", md_files(&copy).len());
    for (rule, n) in &counts {
        eprintln!("{n:>7} {rule}");
    }
    for rule in ["line-length", "missing-section", "missing-status", "section-name", "heading-level"] {
        assert!(counts.get(rule).copied().unwrap_or(0) > 0, "the corpus has {rule} findings");
    }

    let before: Vec<(PathBuf, String)> = md_files(&copy)
        .into_iter()
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap_or_default();
            (p, t)
        })
        .collect();
    let o = lint(&t.0, &["corpus", "--fix", "--format", "json"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let fixed_lines = stderr(&o).lines().filter(|l| l.starts_with("fixed ")).count();
    eprintln!("--fix applied {fixed_lines} fixes");
    assert!(fixed_lines > 0);
    let mut changed = 0;
    let mut after_first = Vec::new();
    for (path, text) in &before {
        let after = std::fs::read_to_string(path).unwrap_or_default();
        if after != *text {
            changed += 1;
            assert_words_kept(text, &after);
        }
        after_first.push(after);
    }
    eprintln!("{changed} files changed, every word kept");
    let o = lint(&t.0, &["corpus", "--fix", "--format", "json"]);
    assert_eq!(stderr(&o).lines().filter(|l| l.starts_with("fixed ")).count(), 0, "a second --fix changes nothing");
    for ((path, _), first) in before.iter().zip(&after_first) {
        assert_eq!(&std::fs::read_to_string(path).unwrap_or_default(), first, "{}", path.display());
    }
}

#[test]
fn the_book_documents_every_rule_as_registered() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("book/src/lint-rules.md")).unwrap();
    for rule in mdbook_design::lint::RULES {
        let default = match rule.default {
            mdbook_design::Severity::Allow => "allow",
            mdbook_design::Severity::Warn => "warn",
            mdbook_design::Severity::Deny => "deny",
        };
        let fixable = if rule.fixable { "yes" } else { "no" };
        let row = format!("| `{}` | {default} | {fixable} |", rule.id);
        assert!(doc.contains(&row), "book/src/lint-rules.md needs the row `{row} ...`");
        assert!(doc.contains(&format!("`{}`", rule.id)), "{}", rule.id);
    }
}

#[test]
fn percent_before_a_multibyte_character_is_no_panic() {
    // `decode` in the linter once sliced inside `é` here: exit 101 from lint and from the build.
    let design =
        GOOD.replace("## Summary\n", "## Summary\n\nSee [x](#%aé), [y](a-good-design.md#%é) and [z](%aé.md).\n");
    let dir = book("percent-multibyte", "", &[("design/a-good-design.md", &design)]);
    let out = lint(&dir.0, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(stdout(&out).contains("there is no heading `#%aé` in this design"), "{}", stdout(&out));
}

/// `lint PATH...` from a repository's root (as pre-commit runs it), with the book in a subfolder:
/// the nearest `book.toml` above the paths applies (here it turns `invalid-status` down to `warn`
/// and allows `broken-design-link`), printed paths stay relative to the current folder, and
/// neither SUMMARY.md (in the book, not a design) nor README.md (outside the book) is linted.
#[test]
fn paths_find_the_nearest_book_above_them() {
    let t = Temp::new("nearest");
    t.write(
        "docs/book.toml",
        "[book]\ntitle = \"t\"\n\n[preprocessor.design.lint]\ninvalid-status = \"warn\"\nbroken-design-link = \"allow\"\n",
    );
    t.write("docs/src/SUMMARY.md", "# Summary\n\n- [Bad](design/bad.md)\n");
    t.write("docs/src/design/bad.md", BAD);
    t.write("README.md", "# A project\n\nNo design.\n");
    let o = lint(&t.0, &["docs/src/design/bad.md", "docs/src/SUMMARY.md", "README.md", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "the book's configuration applies: {}{}", stdout(&o), stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let found: Vec<(&str, &str)> =
        json.as_array().unwrap().iter().map(|d| (d["file"].as_str().unwrap(), d["rule"].as_str().unwrap())).collect();
    assert!(found.contains(&("docs/src/design/bad.md", "invalid-status")), "{found:?}");
    assert!(found.iter().all(|(file, _)| *file == "docs/src/design/bad.md"), "{found:?}");
    assert!(!found.iter().any(|(_, rule)| *rule == "broken-design-link"), "{found:?}");
    // The same from inside the book's `src`: the book is found above.
    let o = lint(&t.0.join("docs/src"), &["design/bad.md", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // Paths in two books: one book at a time.
    t.write("other/book.toml", "[book]\ntitle = \"o\"\n");
    t.write("other/src/design/bad.md", BAD);
    let o = lint(&t.0, &["docs/src/design/bad.md", "other/src/design/bad.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--book"), "{}", stderr(&o));
}
