//! Lint benchmark: 1,000 generated designs of realistic size (about 30 MB) with every rule on,
//! against two peers on the same files when they are installed: `mdbook-lint` (its line-length
//! rule only, and all its rules) and `markdownlint-cli2` (line length only).
//!
//! Run with `cargo bench --bench lint`. It is not a timed test: it prints medians and ratios.
//! `BENCH_RUNS` sets the number of timed runs (default 7; the slow peers get at most 3).
//! Install the peers with `cargo install mdbook-lint --locked` and
//! `npm install -g markdownlint-cli2`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use mdbook_design::lint::{self, LintContext, LintFile};
use mdbook_design::BookDir;
use mdbook_design::Design;

#[path = "../xtask/src/corpus.rs"]
mod corpus;

const DESIGNS: usize = 1000;
const TARGET_BYTES: usize = 30 * 1024 * 1024;

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(7);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-lint");
    let (files, bytes) = generate(&root);
    println!("generated {files} designs, {:.1} MB, in {}", bytes as f64 / 1e6, root.display());
    let designs = root.join("src/design");

    let ours = env!("CARGO_BIN_EXE_mdbook-design");
    let mut rows: Vec<(String, Duration)> = Vec::new();
    let ours_json = time(runs, || run(Command::new(ours).args(["lint", "--format", "json"]).current_dir(&root)));
    rows.push(("mdbook-design lint, all 18 rules (json)".into(), ours_json));
    let ours_human = time(runs, || run(Command::new(ours).args(["lint", "--color", "never"]).current_dir(&root)));
    rows.push(("mdbook-design lint, all 18 rules (human)".into(), ours_human));
    rows.push(("  library only: parse + lint in memory".into(), library(&root, runs)));

    if found("mdbook-lint") {
        let config = root.join("mdbook-lint-md013.toml");
        std::fs::write(&config, "enabled-rules = [\"MD013\"]\n\n[MD013]\nline_length = 79\n").unwrap();
        let t = time(runs, || {
            run(Command::new("mdbook-lint").arg("lint").arg("-c").arg(&config).arg(&designs).current_dir(&root))
        });
        rows.push(("mdbook-lint, MD013 (line length) only".into(), t));
        let t = time(runs.min(3), || run(Command::new("mdbook-lint").arg("lint").arg(&designs).current_dir(&root)));
        rows.push(("mdbook-lint, all its default rules".into(), t));
    } else {
        println!("mdbook-lint is not installed (cargo install mdbook-lint --locked): skipped");
    }
    if found("markdownlint-cli2") {
        std::fs::write(
            root.join(".markdownlint-cli2.jsonc"),
            "{ \"config\": { \"default\": false, \"MD013\": { \"line_length\": 79 } } }\n",
        )
        .unwrap();
        let t =
            time(runs.min(3), || run(Command::new("markdownlint-cli2").arg("src/design/**/*.md").current_dir(&root)));
        rows.push(("markdownlint-cli2, MD013 (line length) only".into(), t));
    } else {
        println!("markdownlint-cli2 is not installed (npm install -g markdownlint-cli2): skipped");
    }

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    println!("\nmedian wall time over {runs} runs (peers: up to 3 when slow), {} cores, load average {load}:", cores());
    for (name, t) in &rows {
        println!(
            "{name:<46} {:>9.3} s   {:>7.1}x ours (json)",
            t.as_secs_f64(),
            t.as_secs_f64() / ours_json.as_secs_f64()
        );
    }
    let target = 0.15;
    println!(
        "\ntarget: all our rules under {target} s: {}",
        if ours_json.as_secs_f64() < target { "met" } else { "NOT met" }
    );
}

/// Runs a command with its output discarded; panics when it cannot start.
fn run(cmd: &mut Command) {
    let status = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().expect("the command starts");
    // Linters exit non-zero when they find something; only a crash or usage error matters.
    assert!(status.code().is_some_and(|c| c <= 1), "{cmd:?} failed: {status}");
}

/// The median of `runs` timed calls after one warm-up call.
fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Parse and lint the loaded book in memory (no process start, no file reading).
fn library(root: &Path, runs: usize) -> Duration {
    let book = BookDir::load(root).expect("the generated book loads");
    time(runs, || {
        use rayon::prelude::*;
        let designs: Vec<Design> = book.designs.par_iter().map(|d| book.project.parse(&d.text)).collect();
        let files: Vec<LintFile> = book
            .designs
            .iter()
            .zip(&designs)
            .map(|(d, design)| LintFile { path: &d.path, text: &d.text, design })
            .collect();
        let ctx = LintContext::new(&book.project, &files, book.summary.as_deref()).unwrap();
        let diags: Vec<_> = files.par_iter().map(|f| lint::lint_design(&ctx, f)).collect();
        assert!(diags.iter().map(Vec::len).sum::<usize>() > 0);
    })
}

fn found(program: &str) -> bool {
    Command::new(program).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Writes the book (book.toml, SUMMARY.md, 1,000 designs) and returns the file count and bytes.
fn generate(root: &Path) -> (usize, usize) {
    let _ = std::fs::remove_dir_all(root);
    let dir = root.join("src/design");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"bench\"\n\n[preprocessor.design]\n").unwrap();
    let mut summary = String::from("# Summary\n\n");
    let mut total = 0;
    let designs = corpus::generate(DESIGNS, TARGET_BYTES, 0);
    for (i, d) in designs.iter().enumerate() {
        // One design in 33 is missing from SUMMARY.md, for the not-in-summary rule.
        if i % 33 != 7 {
            summary.push_str(&format!("- [{}](design/{})\n", d.title, d.path));
        }
        total += d.text.len();
        std::fs::write(dir.join(&d.path), &d.text).unwrap();
    }
    std::fs::write(root.join("src/SUMMARY.md"), summary).unwrap();
    (designs.len(), total)
}
