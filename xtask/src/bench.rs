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
    let bench_dir = root.join("target/bench");
    std::fs::create_dir_all(&bench_dir)?;
    let input = bench_dir.join(format!("book-{designs}.json"));
    let bytes = generate_book(designs, "warn");
    std::fs::write(&input, &bytes)?;
    let input_no_lint = bench_dir.join(format!("book-{designs}-lint-off.json"));
    std::fs::write(&input_no_lint, generate_book(designs, "off"))?;
    let release = root.join("target/release");
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

/// A deterministic pseudo-random source (xorshift64*), so every run benchmarks the same book.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A standard normal sample (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u1 = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let u2 = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (-2.0 * u1.max(1e-12).ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

const WORDS: &[&str] = &[
    "the",
    "controller",
    "cluster",
    "machine",
    "provider",
    "status",
    "field",
    "will",
    "be",
    "a",
    "new",
    "API",
    "reconcile",
    "node",
    "upgrade",
    "of",
    "to",
    "and",
    "in",
    "we",
    "propose",
    "that",
    "users",
    "can",
    "configure",
    "operator",
    "resource",
    "template",
    "version",
    "should",
    "not",
    "when",
    "is",
    "for",
    "with",
    "this",
    "design",
];

const SECTIONS: &[(&str, usize)] = &[
    ("Summary", 2),
    ("Motivation", 2),
    ("Goals", 3),
    ("Non-Goals", 3),
    ("Proposal", 2),
    ("User Stories", 3),
    ("Design Details", 2),
    ("Implementation Details/Notes/Constraints", 3),
    ("Risks and Mitigations", 3),
    ("Work Items", 3),
    ("Dependencies", 3),
    ("Test Plan", 3),
    ("Upgrade / Downgrade Strategy", 3),
    ("Version Skew Strategy", 3),
    ("Drawbacks", 2),
    ("Alternatives", 2),
    ("References", 2),
];

const STATUSES: &[&str] =
    &["implemented", "Implementable", "provisional", "[Implemented](x.md)", "One of: deferred", "in-progress"];

/// One design of about `size` bytes, shaped like the template with realistic drift.
fn design(rng: &mut Rng, i: usize, size: usize) -> String {
    let mut text = String::with_capacity(size + 1024);
    let status = STATUSES[rng.below(STATUSES.len() as u64) as usize];
    if i.is_multiple_of(3) {
        let _ = write!(text, "---\ntitle: design-{i}\nauthors:\n  - \"@someone\"\nstatus: \"{status}\"\n---\n\n");
    }
    let _ = write!(text, "# Design number {i}\n\n");
    if !i.is_multiple_of(3) {
        let _ = write!(text, "## Status\n\n{status}\n\n");
    }
    let per_section = size / SECTIONS.len();
    for (name, level) in SECTIONS {
        let level = if i.is_multiple_of(17) && *level == 3 { 2 } else { *level };
        let _ = write!(text, "{} {name}\n\n", "#".repeat(level));
        let start = text.len();
        while text.len() - start < per_section {
            match rng.below(10) {
                0 => {
                    text.push_str("```yaml\napiVersion: v1\nkind: Thing\nspec:\n  replicas: 3\n```\n\n");
                }
                1 => {
                    for _ in 0..4 {
                        text.push_str("- ");
                        sentence(rng, &mut text, 12);
                        text.push('\n');
                    }
                    text.push('\n');
                }
                2 => text
                    .push_str("| field | type | meaning |\n|---|---|---|\n| `spec.a` | string | the *a* value |\n\n"),
                _ => {
                    let mut paragraph = String::new();
                    for _ in 0..1 + rng.below(5) {
                        sentence(rng, &mut paragraph, 14);
                        paragraph.push(' ');
                    }
                    // Most authors wrap at 79 columns; about one paragraph in ten is not wrapped.
                    if rng.below(10) == 0 {
                        text.push_str(paragraph.trim_end());
                    } else {
                        wrap(paragraph.trim_end(), 76, &mut text);
                    }
                    text.push_str("\n\n");
                }
            }
        }
    }
    text
}

/// Appends `paragraph` wrapped at `width` columns (words longer than that stay whole).
fn wrap(paragraph: &str, width: usize, out: &mut String) {
    let mut column = 0;
    for word in paragraph.split(' ') {
        if column > 0 && column + 1 + word.len() > width {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
}

fn sentence(rng: &mut Rng, out: &mut String, words: u64) {
    for w in 0..6 + rng.below(words) {
        if w > 0 {
            out.push(' ');
        }
        let word = WORDS[rng.below(WORDS.len() as u64) as usize];
        match rng.below(40) {
            0 => {
                let _ = write!(out, "`{word}`");
            }
            1 => {
                let _ = write!(out, "[{word}](https://example.com/{word})");
            }
            2 => {
                let _ = write!(out, "*{word}*");
            }
            _ => out.push_str(word),
        }
    }
    out.push('.');
}

/// An mdBook 0.5 preprocessor request for a book of `n` designs, sizes log-normal around 19 KB,
/// with `lint` as the build-time lint mode.
pub fn generate_book(n: usize, lint: &str) -> Vec<u8> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        let size = (19_000.0 * (0.8 * rng.normal()).exp()).clamp(1_500.0, 412_000.0) as usize;
        let path = format!("design/area-{}/design-{i}.md", i % 20);
        items.push(serde_json::json!({"Chapter": {
            "name": format!("Design number {i}"),
            "content": design(&mut rng, i, size),
            "number": [1, i + 1],
            "sub_items": [],
            "path": path,
            "source_path": path,
            "parent_names": ["Designs"],
        }}));
    }
    let ctx = serde_json::json!({
        "root": "/nonexistent-bench-book",
        "config": {"book": {"src": "src"}, "preprocessor": {"design": {"include-unlisted": false, "lint": lint}}},
        "renderer": "html",
        "mdbook_version": "0.5.4",
    });
    serde_json::to_vec(&serde_json::json!([ctx, {"items": items}])).expect("serializable")
}
