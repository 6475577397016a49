//! `cargo xtask bench`: the preprocessor on a generated book of N designs, timed against the
//! floor (read, parse and write the JSON, nothing else) and mdBook's documented form, in one run.

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::workspace_root;

/// Generates the book, builds release binaries, and prints medians and ratios.
pub fn run(designs: usize, runs: usize) -> Result<()> {
    let root = workspace_root();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--package",
            "mdbook-design",
            "--package",
            "xtask",
            "--bin",
            "mdbook-design",
            "--bin",
            "floor",
        ])
        .current_dir(&root)
        .status()?;
    if !status.success() {
        bail!("release build failed");
    }
    let target = target_dir(&root);
    let bench_dir = target.join("bench");
    std::fs::create_dir_all(&bench_dir)?;
    let input = bench_dir.join(format!("book-{designs}.json"));
    let bytes = generate_book(designs, "warn");
    std::fs::write(&input, &bytes)?;
    let input_no_lint = bench_dir.join(format!("book-{designs}-lint-off.json"));
    std::fs::write(&input_no_lint, generate_book(designs, "off"))?;
    let release = target.join("release");
    let commands: [(&str, PathBuf, Vec<&str>, &Path); 4] = [
        ("floor (read + from_slice + buffered write)", release.join("floor"), vec![], &input),
        ("mdbook-design (default: lint = \"warn\")", release.join("mdbook-design"), vec![], &input),
        ("mdbook-design (lint = \"off\")", release.join("mdbook-design"), vec![], &input_no_lint),
        ("mdBook's parse_input form", release.join("floor"), vec!["--parse-input"], &input),
    ];
    check_output(&release.join("mdbook-design"), &input, designs)?;
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); commands.len()];
    for _ in 0..runs {
        for (i, (_, program, args, input)) in commands.iter().enumerate() {
            times[i].push(time_once(program, args, input)?);
        }
    }
    let medians: Vec<f64> = times.iter_mut().map(|t| median(t)).collect();
    let mut report = format!(
        "book: {designs} designs, {:.1} MB of JSON; {runs} runs each, alternating; median wall time\n",
        bytes.len() as f64 / 1e6
    );
    for ((name, _, _, _), m) in commands.iter().zip(&medians) {
        let _ = writeln!(report, "  {name:<45} {m:>7.3} s  {:>5.2} x floor", m / medians[0]);
    }
    print!("{report}");
    std::fs::write(bench_dir.join("preprocessor.txt"), report)?;
    Ok(())
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when set (relative to the workspace), else `target/`.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

fn time_once(program: &Path, args: &[&str], input: &Path) -> Result<Duration> {
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdin(File::open(input)?)
        .stdout(File::create("/dev/null")?)
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("cannot run {}", program.display()))?;
    let elapsed = start.elapsed();
    if !status.success() {
        bail!("{} failed", program.display());
    }
    Ok(elapsed)
}

/// Runs the preprocessor once and checks every design came back with a badge.
fn check_output(program: &Path, input: &Path, designs: usize) -> Result<()> {
    let out = Command::new(program).stdin(File::open(input)?).stderr(Stdio::null()).output()?;
    let book: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("the preprocessor wrote no valid book")?;
    let items = book["items"].as_array().context("no items")?;
    let badged = items
        .iter()
        .filter(|i| i["Chapter"]["content"].as_str().is_some_and(|c| c.contains("data-design-status=")))
        .count();
    if badged != designs {
        bail!("only {badged} of {designs} designs got a badge");
    }
    Ok(())
}

fn median(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64()
}

/// An mdBook 0.5 preprocessor request for a book of `n` generated designs, with `lint` as the
/// build-time lint mode.
pub fn generate_book(n: usize, lint: &str) -> Vec<u8> {
    // About 28 KB a design on average, as in the 140 MB, 5,000-design book of the brief.
    let items: Vec<serde_json::Value> = crate::corpus::generate(n, n * 28_000)
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let path = format!("design/area-{}/{}", i % 20, d.name);
            serde_json::json!({"Chapter": {
                "name": d.title,
                "content": d.text,
                "number": [1, i + 1],
                "sub_items": [],
                "path": path,
                "source_path": path,
                "parent_names": ["Designs"],
            }})
        })
        .collect();
    let ctx = serde_json::json!({
        "root": "/nonexistent-bench-book",
        "config": {"book": {"src": "src"}, "preprocessor": {"design": {"include-unlisted": false, "lint": lint}}},
        "renderer": "html",
        "mdbook_version": "0.5.4",
    });
    serde_json::to_vec(&serde_json::json!([ctx, {"items": items}])).expect("serializable")
}
