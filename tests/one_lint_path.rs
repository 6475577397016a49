//! One lint path: the build (real mdBook), `mdbook-design lint`, and `workflow::lint_book` report
//! the same findings on the same book, sidecar findings and a misspelt rule id included.
//!
//! Each entry point's findings are read from what a user sees (the build's standard error, the
//! command's JSON, the library's report) into `(file, line, rule)` triples and compared.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::{bin, book_toml, temp_dir, write_files};

type Finding = (String, usize, String);

const DESIGN_A: &str = "\
# Alpha

## Status

Implemnted

## Summary

TBD

## Proposal

See [gone](gone.md) and the long line that goes on and on well past the seventy-nine column limit here.
";

const DESIGN_B: &str = "\
# Beta

## Status

provisional

## Summary

Beta does a thing.

## Motivation

Alpha is [here](../alpha/README.md#nope).
";

const SIDECAR_B: &str = "title: Beta\nstatus: Implementable-ish\n";

/// A book with two folder designs, a sidecar each (one with a loose status), and a misspelt rule
/// id in the lint table.
fn the_book(root: &Path) {
    the_book_with(root, "");
}

/// [`the_book`] with more keys of `[preprocessor.design]`.
fn the_book_with(root: &Path, keys: &str) {
    let extra = format!("{keys}metadata-file = \"kep.yaml\"\n\n[preprocessor.design.lint]\nline-lenght = \"deny\"\n");
    let extra = extra.as_str();
    write_files(
        root,
        &[
            ("book.toml", &book_toml(extra)),
            ("src/SUMMARY.md", "# Summary\n\n- [Alpha](design/alpha/README.md)\n- [Beta](design/beta/README.md)\n"),
            ("src/design/alpha/README.md", DESIGN_A),
            ("src/design/alpha/kep.yaml", "title: Alpha\n"),
            ("src/design/beta/README.md", DESIGN_B),
            ("src/design/beta/kep.yaml", SIDECAR_B),
        ],
    );
}

/// Findings from `mdbook-design lint --format json`.
fn from_lint(root: &Path) -> (BTreeSet<Finding>, String) {
    let out = Command::new(bin()).args(["lint", "--format", "json", "--book"]).arg(root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let mut found = BTreeSet::new();
    for d in json.as_array().unwrap() {
        let path = d["file"].as_str().unwrap();
        let path = path.rsplit_once("src/").map_or(path, |(_, p)| p).to_string();
        found.insert((path, d["line"].as_u64().unwrap() as usize, d["rule"].as_str().unwrap().to_string()));
    }
    (found, stderr)
}

/// Findings from the library's `workflow::lint_book`.
fn from_workflow(root: &Path) -> (BTreeSet<Finding>, Vec<String>) {
    let report = mdbook_design::workflow::lint_book(root).unwrap();
    let mut found = BTreeSet::new();
    for file in &report.files {
        let path = file.display.rsplit_once("src/").map_or(file.display.as_str(), |(_, p)| p).to_string();
        for d in &file.diagnostics {
            found.insert((path.clone(), d.line, d.rule.id().to_string()));
        }
    }
    (found, report.warnings)
}

/// Findings from the build's standard error, as mdBook prints them: each finding is a
/// `warning[rule]:` or `error[rule]:` line followed by a `--> src/path:line:column` line.
fn from_build(stderr: &str) -> BTreeSet<Finding> {
    let mut found = BTreeSet::new();
    let mut rule = None;
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix("warning[").or_else(|| trimmed.strip_prefix("error[")) {
            rule = rest.split(']').next().map(str::to_string);
        } else if let (Some(at), Some(r)) = (trimmed.strip_prefix("--> "), rule.take()) {
            let mut parts = at.rsplitn(3, ':');
            let (_col, line_no, path) = (parts.next(), parts.next(), parts.next().unwrap_or(""));
            let path = path.rsplit_once("src/").map_or(path, |(_, p)| p).to_string();
            found.insert((path, line_no.unwrap().parse().unwrap(), r));
        }
    }
    found
}

/// What each lint path reports on the book at `root`: the build (mdBook 0.5.4, every finding
/// in full) and its standard error, `lint` and its standard error, `workflow::lint_book` and its
/// warnings.
struct Paths {
    build: BTreeSet<Finding>,
    build_err: String,
    lint: BTreeSet<Finding>,
    lint_err: String,
    workflow: BTreeSet<Finding>,
    workflow_warnings: Vec<String>,
}

/// Builds the book at `root` (which must succeed) and lints it by the other two paths.
fn every_path(root: &Path) -> Paths {
    let mdbook = common::mdbook("MDBOOK", "0.5.4");
    let built = common::build_full(&mdbook, root);
    let build_err = String::from_utf8_lossy(&built.stderr).into_owned();
    assert!(built.status.success(), "{build_err}");
    let build = from_build(&build_err);
    let (lint, lint_err) = from_lint(root);
    let (workflow, workflow_warnings) = from_workflow(root);
    Paths { build, build_err, lint, lint_err, workflow, workflow_warnings }
}

#[test]
fn build_lint_and_workflow_report_the_same_findings() {
    let root = temp_dir("one-lint-path");
    the_book(&root);
    let Paths { build, build_err, lint, lint_err, workflow, workflow_warnings } = every_path(&root);

    // The book has findings of its own kind in each file, the sidecar included, so that equal
    // sets mean the same rules ran on the same files.
    let files: BTreeSet<&str> = lint.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        files,
        BTreeSet::from(["design/alpha/README.md", "design/beta/README.md", "design/beta/kep.yaml"]),
        "{lint:#?}"
    );
    assert!(lint.iter().any(|f| f.2 == "sidecar-status"), "{lint:#?}");
    assert_eq!(build, lint, "the build and `lint` disagree\n{build_err}");
    assert_eq!(workflow, lint, "workflow::lint_book and `lint` disagree");

    // The misspelt rule id is the same warning on every path, and lint still ran.
    for (path, text) in [("build", build_err.as_str()), ("lint", lint_err.as_str())] {
        assert!(text.contains("`lint.line-lenght` is not a lint rule"), "{path}: {text}");
    }
    assert!(
        workflow_warnings.iter().any(|w| w.contains("`lint.line-lenght` is not a lint rule")),
        "{workflow_warnings:?}"
    );
}

/// With a baseline (`baseline = "FILE"`), every path leaves out the same recorded findings and
/// reports the same new ones.
#[test]
fn with_a_baseline_build_lint_and_workflow_report_the_same_new_findings() {
    let root = temp_dir("one-lint-path-baseline");
    the_book(&root);
    let (before, _) = from_lint(&root);
    let out = Command::new(bin())
        .args(["lint", "--write-baseline"])
        .arg(root.join("lint-baseline.json"))
        .arg("--book")
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    the_book_with(&root, "baseline = \"lint-baseline.json\"\n");
    // One new finding in a design, one in a sidecar.
    let long = "\nA new line that is written to go on and on well past the seventy-nine column limit.\n";
    write_files(
        &root,
        &[
            ("src/design/alpha/README.md", &format!("{DESIGN_A}{long}")),
            ("src/design/alpha/kep.yaml", "title: Alpha\nstatus: Implemented-ish\n"),
        ],
    );
    let Paths { build, build_err, lint, lint_err, workflow, .. } = every_path(&root);
    let rules: BTreeSet<(&str, &str)> = lint.iter().map(|f| (f.0.as_str(), f.2.as_str())).collect();
    let new = BTreeSet::from([("design/alpha/README.md", "line-length"), ("design/alpha/kep.yaml", "sidecar-status")]);
    assert_eq!(rules, new, "only the new findings, each once: {lint:#?}");
    assert_eq!(lint.len(), 2, "{lint:#?}");
    assert!(before.len() > 2, "the book had findings to record: {before:#?}");
    assert_eq!(build, lint, "the build and `lint` disagree\n{build_err}");
    assert_eq!(workflow, lint, "workflow::lint_book and `lint` disagree");
    assert!(lint_err.contains("in the baseline not shown"), "{lint_err}");
}
