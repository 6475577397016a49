//! The GitHub Action's pull request summary (action.yml's "Pull request summary" step) run as
//! GitHub runs it: its `run:` line and `env:` taken from action.yml, with the variables GitHub
//! sets (GITHUB_BASE_REF, GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY), in a clone of a temporary
//! repository whose pull request changes one design's status, adds a design and adds one lint
//! finding. The summary is checked against what the test wrote, and its lint totals against
//! `mdbook-design lint --format json` run on each revision's checkout.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

const GOOD: &str = include_str!("fixtures/a-good-design.md");

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap_or_else(|e| panic!("cannot run git: {e}"));
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A design from the good fixture with another title and status.
fn design(title: &str, status: &str) -> String {
    let text =
        GOOD.replace("# A good design", &format!("# {title}")).replace("\nimplementable\n", &format!("\n{status}\n"));
    assert!(text.starts_with(&format!("# {title}\n")) && text.contains(&format!("\n{status}\n")));
    text
}

/// (errors, warnings) of `mdbook-design lint --book docs --format json` in `dir`.
fn lint_totals(dir: &Path) -> (usize, usize) {
    let out = Command::new(common::bin())
        .args(["lint", "--book", "docs", "--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("lint's JSON");
    let severity = |s: &str| json.as_array().unwrap().iter().filter(|d| d["severity"] == s).count();
    (severity("deny"), severity("warn"))
}

/// The step of action.yml named `name`: its `run:` and its `env:` (values as written).
fn action_step(name: &str) -> (String, BTreeMap<String, String>) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("action.yml is YAML");
    assert_eq!(docs[0]["runs"]["using"].as_str(), Some("composite"));
    let steps = docs[0]["runs"]["steps"].as_vec().expect("runs.steps");
    let step = steps.iter().find(|s| s["name"].as_str() == Some(name)).unwrap_or_else(|| panic!("no step `{name}`"));
    assert_eq!(step["shell"].as_str(), Some("bash"));
    let env = step["env"]
        .as_hash()
        .map(|h| h.iter().map(|(k, v)| (k.as_str().unwrap().to_string(), v.as_str().unwrap().to_string())).collect())
        .unwrap_or_default();
    (step["run"].as_str().expect("a run: line").to_string(), env)
}

#[test]
fn pull_request_summary_step_writes_status_changes_additions_and_lint_totals() {
    let root = common::temp_dir("action-summary");
    let upstream = root.join("upstream");
    let work = root.join("work");
    std::fs::create_dir_all(&upstream).unwrap();
    let summary = "# Summary\n\n- [Alpha](design/alpha.md)\n- [Beta](design/beta.md)\n";
    common::write_files(
        &upstream,
        &[
            ("docs/book.toml", &common::book_toml("")),
            ("docs/src/SUMMARY.md", summary),
            ("docs/src/design/alpha.md", &design("Alpha", "provisional")),
            ("docs/src/design/beta.md", &design("Beta", "implementable")),
        ],
    );
    git(&upstream, &["init", "-q", "-b", "main"]);
    git(&upstream, &["add", "-A"]);
    git(&upstream, &["commit", "-q", "-m", "base"]);
    git(&root, &["clone", "-q", upstream.to_str().unwrap(), "work"]);
    let (base_errors, base_warnings) = lint_totals(&work);

    // The pull request: Alpha provisional -> implementable, Gamma added, one long line in Beta.
    git(&work, &["checkout", "-q", "-b", "feature"]);
    let long = format!("\n{}\n", "word ".repeat(30).trim_end());
    common::write_files(
        &work,
        &[
            ("docs/src/design/alpha.md", &design("Alpha", "implementable")),
            ("docs/src/design/beta.md", &(design("Beta", "implementable") + &long)),
            ("docs/src/design/gamma.md", &design("Gamma", "provisional")),
            ("docs/src/SUMMARY.md", &format!("{summary}- [Gamma](design/gamma.md)\n")),
        ],
    );
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-q", "-m", "the pull request"]);
    let (head_errors, head_warnings) = lint_totals(&work);
    assert_eq!(head_warnings, base_warnings + 1, "the pull request adds one finding (line-length)");

    let (run, env) = action_step("Pull request summary");
    let step_summary = root.join("step-summary.md");
    std::fs::write(&step_summary, "Earlier step's summary.\n").unwrap();
    let bin_dir = Path::new(common::bin()).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin_dir.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let mut command = Command::new("bash");
    command.arg("-c").arg(&run).current_dir(&work);
    for (key, value) in &env {
        let value = match value.as_str() {
            "${{ inputs.book }}" => "docs".to_string(),
            "${{ github.action_path }}" => env!("CARGO_MANIFEST_DIR").to_string(),
            other => panic!("the test does not know what GitHub puts in {key}: {other}"),
        };
        command.env(key, value);
    }
    let out: Output = command
        .env("PATH", path)
        .env("GITHUB_BASE_REF", "main")
        .env("GITHUB_WORKSPACE", &work)
        .env("GITHUB_STEP_SUMMARY", &step_summary)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&step_summary).unwrap();
    assert!(text.starts_with("Earlier step's summary.\n## Design proposals\n"), "appended: {text}");
    assert!(text.contains("Compared with `origin/main`"), "{text}");
    let section = |name: &str| -> String {
        let start = text.find(&format!("### {name}\n")).unwrap_or_else(|| panic!("no {name}: {text}"));
        let rest = &text[start + 4..];
        rest[..rest.find("### ").unwrap_or(rest.len())].to_string()
    };
    let changes = section("Status changes");
    assert!(changes.contains("| Alpha | `design/alpha.md` | provisional -> implementable |"), "{changes}");
    assert!(!changes.contains("Beta") && !changes.contains("Gamma"), "{changes}");
    let added = section("Added designs");
    assert!(added.contains("| Gamma | `design/gamma.md` | provisional |"), "{added}");
    assert!(!added.contains("Alpha") && !added.contains("Beta"), "{added}");
    let lint = section("Lint");
    let row =
        |name: &str, was: usize, now: usize| format!("| {name} | {was} | {now} | {:+} |", now as i64 - was as i64);
    assert!(lint.contains(&row("designs", 2, 3)), "{lint}");
    assert!(lint.contains(&row("errors", base_errors, head_errors)), "{lint}");
    assert!(lint.contains(&row("warnings", base_warnings, head_warnings)), "{lint}");

    // Not a pull request: nothing is written.
    let before = std::fs::read_to_string(&step_summary).unwrap();
    let mut command = Command::new("bash");
    command.arg("-c").arg(&run).current_dir(&work).env("GITHUB_BASE_REF", "").env("GITHUB_STEP_SUMMARY", &step_summary);
    command.env("ACTION_PATH", env!("CARGO_MANIFEST_DIR")).env("INPUT_BOOK", "docs");
    assert!(command.output().unwrap().status.success());
    assert_eq!(std::fs::read_to_string(&step_summary).unwrap(), before);
    // A base the clone does not have (a shallow checkout): exit code 2 and what to do.
    let out = Command::new(common::bin())
        .args(["pr-summary", "--book", "docs", "--base", "origin/no-such-branch"])
        .current_dir(&work)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`origin/no-such-branch` names no commit") && stderr.contains("fetch-depth: 0"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "no half-written summary");
    let _ = std::fs::remove_dir_all(&root);
}
