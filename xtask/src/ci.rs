//! `cargo xtask ci`: what the docs CI pipeline runs, step by step. Each step says what it is and
//! how long it took; the first failing step names itself and stops the rest.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::{book, workspace_root};

/// One step of the pipeline.
struct Step {
    /// Its name, as printed.
    name: &'static str,
    /// What it runs.
    run: Box<dyn Fn() -> Result<()>>,
}

/// Runs every step in order; stops at the first failure.
pub fn run() -> Result<()> {
    let root = workspace_root();
    let book_dir = root.join("book");
    let steps = steps(&root, &book_dir);
    let total = Instant::now();
    for (i, step) in steps.iter().enumerate() {
        eprintln!("xtask ci: [{}/{}] {} ...", i + 1, steps.len(), step.name);
        let start = Instant::now();
        let result = (step.run)();
        let took = start.elapsed().as_secs_f64();
        match result {
            Ok(()) => eprintln!("xtask ci: [{}/{}] {} passed in {took:.1} s", i + 1, steps.len(), step.name),
            Err(e) => {
                eprintln!("xtask ci: [{}/{}] {} FAILED after {took:.1} s", i + 1, steps.len(), step.name);
                return Err(e.context(format!("ci step `{}` failed; the steps after it did not run", step.name)));
            }
        }
    }
    eprintln!("xtask ci: all {} steps passed in {:.1} s", steps.len(), total.elapsed().as_secs_f64());
    Ok(())
}

fn steps(root: &Path, book_dir: &Path) -> Vec<Step> {
    let cargo_in = |args: &'static [&'static str]| {
        let root = root.to_path_buf();
        Box::new(move || cargo(&root, args)) as Box<dyn Fn() -> Result<()>>
    };
    let in_root = |check: fn(&Path) -> Result<()>| {
        let root = root.to_path_buf();
        Box::new(move || check(&root)) as Box<dyn Fn() -> Result<()>>
    };
    let lint_dir = book_dir.to_path_buf();
    let build_dir = book_dir.to_path_buf();
    let mut steps = vec![
        Step { name: "cargo fmt --check", run: cargo_in(&["fmt", "--all", "--check"]) },
        Step {
            name: "cargo clippy -D warnings",
            run: cargo_in(&["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"]),
        },
        Step { name: "tests (cargo xtask test)", run: Box::new(|| crate::test::run(&[])) },
        Step { name: "lint book/ (errors denied)", run: Box::new(move || book::lint(&lint_dir)) },
        Step { name: "build book/", run: Box::new(move || book::build(&build_dir).map(|_| ())) },
        Step { name: "actionlint and action.yml", run: in_root(crate::ship::lint_actions) },
        Step { name: "cargo package --list (no tests or replays)", run: in_root(crate::ship::package_list) },
        Step { name: "cargo publish --dry-run", run: in_root(crate::ship::publish_dry_run) },
        Step { name: "release binary under 10 MB", run: in_root(crate::ship::release_size) },
    ];
    if version_tags(root).is_empty() {
        eprintln!("xtask ci: no version tags, so no release notes to check");
    } else {
        steps.push(Step {
            name: "release notes (--unreleased --check)",
            run: Box::new(|| crate::cli::release_notes(&["--unreleased".into(), "--check".into()])),
        });
    }
    steps
}

/// Runs `cargo ARGS` in the workspace.
fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(root)
        .status()
        .with_context(|| format!("cannot run cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!("`cargo {}` failed", args.join(" "));
    }
    Ok(())
}

/// The repository's version tags (`v1.2.3`, `1.2.3`); empty outside a git checkout.
pub fn version_tags(root: &Path) -> Vec<String> {
    let Ok(out) = Command::new("git").args(["tag", "--list"]).current_dir(root).output() else { return Vec::new() };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|t| semver::Version::parse(t.trim_start_matches('v')).is_ok())
        .map(str::to_string)
        .collect()
}
