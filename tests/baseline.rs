//! Lint baselines (`lint --write-baseline`, `lint --baseline`, `baseline = "FILE"`) on a real
//! repository and through a real `mdbook build`.
//!
//! The oracle is independent of the baseline code: plain `mdbook-design lint --format json`
//! before and after each edit, compared as multisets of `(file, rule, message)`. What the
//! baseline hides must be exactly what was there before; what it reports, exactly what was added.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

/// `(file, rule, message)`, as the JSON output names a finding.
type Key = (String, String, String);

fn lint(root: &Path, args: &[&str]) -> Output {
    Command::new(common::bin()).arg("lint").args(args).current_dir(root).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The findings of a `--format json` run.
fn json(o: &Output) -> Vec<serde_json::Value> {
    let value: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: not JSON\n{}", stderr(o)));
    value.as_array().unwrap().clone()
}

fn key(d: &serde_json::Value) -> Key {
    let s = |k: &str| d[k].as_str().unwrap().to_string();
    (s("file"), s("rule"), s("message"))
}

/// The plain findings of the book in `root` (no baseline): the oracle.
fn oracle(root: &Path) -> BTreeMap<Key, usize> {
    let o = lint(root, &["--format", "json"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let mut out = BTreeMap::new();
    for d in json(&o) {
        *out.entry(key(&d)).or_default() += 1;
    }
    out
}

/// What `after` holds more of than `before`.
fn more(after: &BTreeMap<Key, usize>, before: &BTreeMap<Key, usize>) -> Vec<Key> {
    let mut out = Vec::new();
    for (k, n) in after {
        for _ in before.get(k).copied().unwrap_or(0)..*n {
            out.push(k.clone());
        }
    }
    out
}

/// The entries of a baseline file as `(path, rule, fingerprint)`.
fn entries(file: &Path) -> Vec<(String, String, String)> {
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(value["version"], 1);
    let s = |e: &serde_json::Value, k: &str| e[k].as_str().unwrap().to_string();
    value["findings"].as_array().unwrap().iter().map(|e| (s(e, "path"), s(e, "rule"), s(e, "fingerprint"))).collect()
}

/// A count as the tool writes it: `21,331`.
fn grouped(n: usize) -> String {
    let digits: Vec<char> = n.to_string().chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    out
}

/// Whether line `n` (1-based) of `lines` starts a plain paragraph: a letter first, a blank line
/// before it, outside code fences, after the first `##` heading (past any front matter).
fn starts_paragraph(lines: &[&str], n: usize) -> bool {
    let i = n - 1;
    let Some(first_section) = lines.iter().position(|l| l.starts_with("## ")) else { return false };
    let fences = lines[..i].iter().filter(|l| l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~"));
    i > first_section + 1
        && lines[i - 1].trim().is_empty()
        && lines[i].starts_with(|c: char| c.is_ascii_alphabetic())
        && fences.count() % 2 == 0
}

/// Replaces line `n` (1-based) of `text` by `with` (which carries its own line breaks).
fn replace_line(text: &str, n: usize, with: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        out.push_str(if i + 1 == n { with } else { line });
    }
    out
}

#[test]
fn a_real_repository_baseline_reports_exactly_the_new_finding() {
    let Some(corpus) = common::corpus() else { return };
    let root = common::temp_dir("baseline-corpus");
    common::corpus_book(&corpus.join("openshift-enhancements"), &root, "");
    let before = oracle(&root);
    let total: usize = before.values().sum();
    assert!(total > 10_000, "the corpus has its thousands of findings: {total}");

    // Today's findings recorded: the baseline holds every one, and lint with it reports none.
    let started = Instant::now();
    let o = lint(&root, &["--write-baseline", "lint-baseline.json"]);
    let write_time = started.elapsed();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "writing a baseline prints no findings");
    let first = entries(&root.join("lint-baseline.json"));
    assert_eq!(first.len(), total, "one entry per finding");
    let started = Instant::now();
    let o = lint(&root, &["--baseline", "lint-baseline.json", "--format", "json"]);
    let check_time = started.elapsed();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(json(&o).is_empty(), "{:?}", json(&o).first());
    let note = format!("mdbook-design lint: {} findings in the baseline not shown", grouped(total));
    assert!(stderr(&o).contains(&note), "{}", stderr(&o));
    eprintln!(
        "openshift-enhancements: {total} findings baselined; --write-baseline {write_time:.2?}, --baseline {check_time:.2?} \
         (debug build)"
    );

    // The design to edit: its first `line-length` finding that starts a paragraph, and another
    // paragraph of it with no finding.
    let o = lint(&root, &["--format", "json"]);
    let all = json(&o);
    let (file, line, other) = all
        .iter()
        .filter(|d| d["rule"] == "line-length")
        .find_map(|d| {
            let file = d["file"].as_str().unwrap();
            let line = d["line"].as_u64().unwrap() as usize;
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let with_finding = |n: usize| all.iter().any(|e| e["file"] == file && e["line"] == n as u64);
            if !starts_paragraph(&lines, line) {
                return None;
            }
            let other = (1..=lines.len())
                .rev()
                .find(|&n| n != line && starts_paragraph(&lines, n) && lines[n - 1].len() < 60 && !with_finding(n))?;
            Some((file.to_string(), line, other))
        })
        .expect("a design with a long paragraph line and another paragraph");
    let path = root.join(&file);
    let original = std::fs::read_to_string(&path).unwrap();
    eprintln!("editing {file}: the finding at line {line}, the paragraph at line {other}");

    // Unrelated edits: two lines inserted above the finding, another paragraph rewritten. The
    // oracle sees the same findings (the finding moved two lines down); the baseline hides all.
    let edited = replace_line(&original, other, "This paragraph was edited.\n");
    let line_text = original.split_inclusive('\n').nth(line - 1).unwrap();
    let edited = replace_line(&edited, line, &format!("An inserted line.\n\n{line_text}"));
    std::fs::write(&path, &edited).unwrap();
    let after = oracle(&root);
    assert_eq!(more(&after, &before), Vec::<Key>::new(), "the edits add no finding");
    assert_eq!(more(&before, &after), Vec::<Key>::new(), "the edits remove no finding");
    let moved = json(&lint(&root, &["--format", "json"]));
    assert!(
        moved.iter().any(|d| d["file"] == file.as_str() && d["line"] == (line + 2) as u64),
        "the finding moved to line {}",
        line + 2
    );
    let o = lint(&root, &["--baseline", "lint-baseline.json", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(json(&o).is_empty(), "unrelated edits make no finding new: {:#?}", json(&o));

    // One new violation: exactly it is reported, as the oracle finds it.
    let long = "This new paragraph is written on purpose to run well past the seventy-nine column limit.\n\n";
    let with_new = replace_line(&edited, line, &format!("{long}An inserted line.\n"));
    std::fs::write(&path, &with_new).unwrap();
    let added = more(&oracle(&root), &after);
    assert_eq!(added.len(), 1, "the oracle sees one new finding: {added:?}");
    assert_eq!(added[0].1, "line-length");
    let o = lint(&root, &["--baseline", "lint-baseline.json", "--format", "json"]);
    let reported = json(&o);
    assert_eq!(reported.iter().map(key).collect::<Vec<_>>(), added, "exactly the new finding");
    assert_eq!(reported[0]["line"], line as u64, "at the new line");
    assert_eq!(o.status.code(), Some(0), "line-length is a warning: {}", stderr(&o));
    assert!(stderr(&o).contains(&note), "{}", stderr(&o));

    // A baselined finding fixed (a long line shortened, in another design), the new one
    // removed: written again, the baseline has exactly one entry fewer, the fixed one's.
    std::fs::write(&path, &edited).unwrap();
    let (fixed_file, fixed_line) = all
        .iter()
        .filter(|d| d["rule"] == "line-length" && d["file"] != file.as_str())
        .find_map(|d| {
            let f = d["file"].as_str().unwrap();
            let n = d["line"].as_u64().unwrap() as usize;
            let text = std::fs::read_to_string(root.join(f)).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let alone = all.iter().filter(|e| e["file"] == f && e["line"] == n as u64).count() == 1;
            (alone && starts_paragraph(&lines, n)).then(|| (f.to_string(), n))
        })
        .expect("another long paragraph line");
    let fixed_path = root.join(&fixed_file);
    let text = std::fs::read_to_string(&fixed_path).unwrap();
    std::fs::write(&fixed_path, replace_line(&text, fixed_line, "Shortened.\n")).unwrap();
    let now = oracle(&root);
    let gone = more(&before, &now);
    assert_eq!((gone.len(), more(&now, &before).len()), (1, 0), "the oracle sees one finding fewer: {gone:?}");
    let o = lint(&root, &["--write-baseline", "lint-baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let second = entries(&root.join("lint-baseline.json"));
    assert_eq!(second.len(), first.len() - 1, "the fixed finding dropped out");
    let dropped: Vec<_> = first.iter().filter(|e| !second.contains(e)).collect();
    assert_eq!(dropped.len(), 1, "every other entry kept its fingerprint: {dropped:?}");
    assert_eq!(dropped[0].1, "line-length");
    assert_eq!(format!("src/{}", dropped[0].0), fixed_file);
    assert!(second.iter().all(|e| first.contains(e)), "no entry is new");
    let o = lint(&root, &["--baseline", "lint-baseline.json", "--format", "json"]);
    assert!(json(&o).is_empty(), "{:#?}", json(&o));
}

const GOOD: &str = include_str!("fixtures/a-good-design.md");

/// A design whose status is not a status (`invalid-status`, at `deny`).
fn bad_status(title: &str) -> String {
    GOOD.replace("# A good design", &format!("# {title}")).replace("\nimplementable\n", "\nsomeday\n")
}

#[test]
fn mdbook_build_with_lint_deny_fails_only_on_findings_not_in_the_baseline() {
    let mdbook = common::mdbook("MDBOOK", "0.5.4");
    let root = common::temp_dir("baseline-build");
    let summary = "# Summary\n\n- [Old](design/old.md)\n- [New](design/new.md)\n";
    common::write_files(
        &root,
        &[
            ("book.toml", &common::book_toml("lint = \"deny\"\n")),
            ("src/SUMMARY.md", summary),
            ("src/design/old.md", &bad_status("Old")),
            ("src/design/new.md", &GOOD.replace("# A good design", "# New")),
        ],
    );
    let built = common::build(&mdbook, &root);
    assert!(!built.status.success(), "the legacy finding fails the build without a baseline");
    assert!(stderr(&built).contains("invalid-status"), "{}", stderr(&built));

    // The baseline, named in book.toml: the build passes and prints nothing of ours.
    let o = lint(&root, &["--write-baseline", "design-lint-baseline.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(entries(&root.join("design-lint-baseline.json")).len(), 1);
    let toml = common::book_toml("lint = \"deny\"\nbaseline = \"design-lint-baseline.json\"\n");
    std::fs::write(root.join("book.toml"), toml).unwrap();
    let built = common::build(&mdbook, &root);
    assert!(built.status.success(), "{}", stderr(&built));
    // No line of the tool's (mdBook's own lines may hold the book's path, which holds the folder
    // the repository is cloned into, often `mdbook-design`).
    let err = stderr(&built);
    assert!(common::tool_lines(&err).is_empty(), "quiet when all is well: {err}");
    assert!(root.join("book/design/old.html").is_file());
    // `lint` honours the key too (and `--baseline` is not needed).
    let o = lint(&root, &["--format", "json"]);
    assert_eq!((o.status.code(), json(&o).len()), (Some(0), 0), "{}", stderr(&o));

    // A new finding at `deny` in the other design: the build fails on it alone.
    std::fs::write(root.join("src/design/new.md"), bad_status("New")).unwrap();
    let built = common::build(&mdbook, &root);
    let err = stderr(&built);
    assert!(!built.status.success(), "{err}");
    assert!(err.contains("src/design/new.md"), "{err}");
    assert!(!err.contains("src/design/old.md"), "the baselined finding is not shown: {err}");
    // The count of what the baseline hides goes on the tool's summary line.
    assert!(
        err.lines().any(|l| l.contains("mdbook-design: ") && l.contains("(1 finding in the baseline not shown)")),
        "{err}"
    );
    let o = lint(&root, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "lint's gate fails on the new finding too");
    assert_eq!(
        json(&o).iter().map(|d| d["file"].as_str().unwrap().to_string()).collect::<Vec<_>>(),
        ["src/design/new.md"]
    );

    // A baseline that does not read fails the build, naming the file and what to do.
    std::fs::write(root.join("design-lint-baseline.json"), "{ not json").unwrap();
    let built = common::build(&mdbook, &root);
    let err = stderr(&built);
    assert!(!built.status.success());
    assert!(err.contains("design-lint-baseline.json") && err.contains("--write-baseline"), "{err}");
}

#[test]
fn a_baseline_that_is_missing_or_unreadable_is_an_error_never_ignored() {
    let root = common::temp_dir("baseline-errors");
    common::write_files(
        &root,
        &[
            ("book.toml", &common::book_toml("")),
            ("src/SUMMARY.md", "# Summary\n\n- [Old](design/old.md)\n- [New](design/new.md)\n"),
            ("src/design/old.md", &bad_status("Old")),
            ("src/design/new.md", &GOOD.replace("# A good design", "# New")),
            ("bad.json", "{\"version\": 1, \"findings\": [{\"rule\": \"x\"}]}"),
            ("newer.json", "{\"version\": 2, \"findings\": []}"),
        ],
    );
    for (file, why) in [("missing.json", "cannot read"), ("bad.json", "not a baseline"), ("newer.json", "version 2")] {
        let o = lint(&root, &["--baseline", file]);
        assert_eq!(o.status.code(), Some(2), "{file}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(file) && err.contains(why) && err.contains("--write-baseline"), "{err}");
    }
    // The book's key: the same error, the path relative to the book's folder.
    let toml = common::book_toml("baseline = \"missing.json\"\n");
    std::fs::write(root.join("book.toml"), toml).unwrap();
    let o = Command::new(common::bin()).args(["lint", "--book"]).arg(&root).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("missing.json"), "{}", stderr(&o));
    assert!(mdbook_design::workflow::lint_book(&root).is_err(), "the library refuses it too");
    // Writing one needs none to read, and records the whole book only.
    let o = lint(&root, &["--write-baseline", "missing.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = lint(&root, &["--write-baseline", "part.json", "src/design/old.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!root.join("part.json").exists());
    let report = mdbook_design::workflow::lint_book(&root).unwrap();
    assert_eq!((report.count(), report.baselined), (0, 1));
}

#[test]
fn sarif_fingerprints_are_the_baselines() {
    let root = common::temp_dir("baseline-sarif");
    common::write_files(
        &root,
        &[
            ("book.toml", &common::book_toml("")),
            ("src/SUMMARY.md", "# Summary\n\n- [Old](design/old.md)\n"),
            ("src/design/old.md", &format!("{}\nA line that is written long enough to run well past the seventy-nine column limit, twice.\n\nA line that is written long enough to run well past the seventy-nine column limit, twice.\n", bad_status("Old"))),
        ],
    );
    let o = lint(&root, &["--write-baseline", "b.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let baseline: Vec<(String, String)> =
        entries(&root.join("b.json")).into_iter().map(|(_, rule, print)| (rule, print)).collect();
    let o = lint(&root, &["--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut results: Vec<(String, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let print = r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap();
            (r["ruleId"].as_str().unwrap().to_string(), print.to_string())
        })
        .collect();
    results.sort();
    let mut baseline = baseline;
    baseline.sort();
    assert_eq!(results, baseline);
    assert_eq!(results.iter().filter(|r| r.0 == "line-length").count(), 2, "the two equal lines are two findings");
}
