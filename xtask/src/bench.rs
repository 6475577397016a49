//! `cargo xtask bench`: the preprocessor on generated books of N designs, timed against the
//! floor (read, parse and write the JSON, nothing else) and mdBook's documented form, in one
//! alternating run per book size, with each row's peak memory as the operating system reports it.

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::workspace_root;

/// What `cargo xtask bench` measures.
pub struct Options {
    /// The book sizes, in designs.
    pub sizes: Vec<usize>,
    /// Timed runs of each row per size.
    pub runs: usize,
    /// Whether to add the rows that read the status history from a generated git repository.
    pub history: bool,
    /// Whether to time `mdbook build` of each book with and without the preprocessor.
    pub mdbook_build: bool,
    /// Whether to keep the generated books (for profiling) instead of deleting them.
    pub keep: bool,
    /// Whether to time `lint` against rumdl on each book on disk and on the design corpus.
    pub lint_peers: bool,
    /// Whether to time the language server on a book of each size.
    pub lsp: bool,
}

/// One command of the alternating run.
struct Row {
    name: String,
    program: PathBuf,
    args: Vec<String>,
    /// Standard input (a preprocessor request), or none for a command that reads files.
    input: Option<PathBuf>,
    /// Files or folders removed before each run (the history cache and the rebuild cache, for
    /// cold runs).
    remove_before: Vec<PathBuf>,
    /// Standard input of each run in turn, instead of `input` (books that change between runs).
    inputs: Vec<PathBuf>,
    /// The preprocessor's rebuild cache folder (`MDBOOK_DESIGN_CACHE_DIR`).
    cache_dir: Option<PathBuf>,
    /// Whether exit status 1 counts as success (a linter that found something).
    findings_ok: bool,
}

/// One row's measurements.
struct Measured {
    times: Vec<Duration>,
    peak_kb: Vec<u64>,
}

/// Generates the books, builds release binaries, and prints medians, ratios and peak memory.
pub fn run(options: &Options) -> Result<()> {
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
    if !Path::new(TIME).is_file() {
        bail!("{TIME} is needed for peak memory (apt-get install time)");
    }
    let target = target_dir(&root);
    let bench_dir = target.join("bench");
    std::fs::create_dir_all(&bench_dir)?;
    let release = target.join("release");
    let ours = release.join("mdbook-design");
    let mut report = format!(
        "machine: {}; {} runs per row, rows alternating; median wall time, median peak RSS\n",
        machine(),
        options.runs
    );
    // Per-design time of each row at each size, for the linearity line.
    let mut per_design: Vec<(usize, Vec<(String, f64)>)> = Vec::new();
    for &designs in &options.sizes {
        let input = bench_dir.join(format!("book-{designs}.json"));
        let bytes = generate_book(designs, "warn", None, false);
        std::fs::write(&input, &bytes)?;
        let input_no_lint = bench_dir.join(format!("book-{designs}-lint-off.json"));
        std::fs::write(&input_no_lint, generate_book(designs, "off", None, false))?;
        // Every row of the preprocessor runs cold: its rebuild cache folder is removed first.
        let cold_cache = bench_dir.join(format!("cache-cold-{designs}"));
        let row = |name: &str, program: &Path, args: &[&str], input: &Path| Row {
            name: name.to_string(),
            program: program.to_path_buf(),
            args: args.iter().map(|a| a.to_string()).collect(),
            input: Some(input.to_path_buf()),
            remove_before: vec![cold_cache.clone()],
            inputs: Vec::new(),
            cache_dir: Some(cold_cache.clone()),
            findings_ok: false,
        };
        let input_css = bench_dir.join(format!("book-{designs}-css-file.json"));
        std::fs::write(&input_css, generate_book(designs, "warn", None, true))?;
        let mut rows = vec![
            row("floor (read + from_slice + buffered write)", &release.join("floor"), &[], &input),
            row("mdbook-design (default: lint = \"warn\")", &ours, &[], &input),
            row("mdbook-design (lint = \"off\")", &ours, &[], &input_no_lint),
            row("mdbook-design (stylesheet file, no inline copy)", &ours, &[], &input_css),
            row("mdBook's parse_input form", &release.join("floor"), &["--parse-input"], &input),
        ];
        let mut repo = None;
        // The book the rebuilds edit: with the history on when it is measured.
        let (mut rebuilt, mut rebuilt_input) = (bytes.clone(), input.clone());
        if options.history {
            let dir = bench_dir.join(format!("git-{designs}"));
            let input_history = bench_dir.join(format!("book-{designs}-history.json"));
            make_repository(&dir, designs)?;
            rebuilt = generate_book(designs, "warn", Some(&dir), false);
            std::fs::write(&input_history, &rebuilt)?;
            rebuilt_input = input_history.clone();
            let cache = dir.join(".git/mdbook-design/history.json");
            rows.push(row("mdbook-design (history on, cached)", &ours, &[], &input_history));
            rows.push(Row {
                remove_before: vec![cache, cold_cache.clone()],
                ..row("mdbook-design (history on, first build)", &ours, &[], &input_history)
            });
            repo = Some(dir);
        }
        // The rebuilds (of the book with the history on, with `--history`): the cache holds the
        // book as the run before left it, and each run's book has one design more changed (a
        // paragraph added at its end; or a section heading added, which changes the anchors
        // every design's links are checked against).
        let mut edit_files = Vec::new();
        let with_history = if options.history { ", history on" } else { "" };
        for (label, heading) in [("one paragraph", false), ("one heading", true)] {
            let dir = bench_dir.join(format!("cache-rebuild-{designs}-{}", u8::from(heading)));
            let _ = std::fs::remove_dir_all(&dir);
            let inputs = edited_books(&rebuilt, designs, options.runs, heading, &bench_dir)?;
            // The warm-up build that fills the cache with the unedited book.
            time_once(
                &Row { cache_dir: Some(dir.clone()), remove_before: Vec::new(), ..row("", &ours, &[], &rebuilt_input) },
                0,
                &bench_dir,
            )?;
            edit_files.extend(inputs.iter().cloned());
            edit_files.push(dir.clone());
            rows.push(Row {
                inputs,
                cache_dir: Some(dir),
                remove_before: Vec::new(),
                ..row(&format!("rebuild, {label} changed{with_history}"), &ours, &[], &input)
            });
        }
        check_output(&ours, &input, designs)?;
        let mut measured = alternate(&rows, options.runs, &bench_dir)?;
        let medians: Vec<f64> = measured.iter_mut().map(|m| median(&mut m.times)).collect();
        let _ = writeln!(
            report,
            "\nbook: {designs} designs, {:.1} MB of JSON\n  {:<48} {:>9} {:>9} {:>11} {:>9} {:>11}",
            bytes.len() as f64 / 1e6,
            "row",
            "time",
            "x floor",
            "peak RSS",
            "x JSON",
            "ms/design"
        );
        let mut rates = Vec::new();
        for ((row, m), t) in rows.iter().zip(&mut measured).zip(&medians) {
            m.peak_kb.sort_unstable();
            let kb = m.peak_kb[m.peak_kb.len() / 2];
            let _ = writeln!(
                report,
                "  {:<48} {t:>7.3} s {:>7.2} x {:>8} MB {:>7.2} x {:>11.4}",
                row.name,
                t / medians[0],
                kb / 1024,
                (kb as f64 * 1024.0) / bytes.len() as f64,
                t * 1e3 / designs as f64
            );
            rates.push((row.name.clone(), t * 1e3 / designs as f64));
        }
        per_design.push((designs, rates));
        if options.mdbook_build {
            mdbook_build(&bench_dir, designs, &ours, options.runs, &mut report)?;
        }
        if options.lint_peers {
            let folder = bench_dir.join(format!("lint-{designs}"));
            write_book_folder(&folder, designs)?;
            let label = format!("{designs} generated designs on disk ({})", folder_size(&folder.join("src")));
            lint_peers(&ours, &folder, &folder.join("src"), &label, options.runs, &bench_dir, &mut report)?;
            if !options.keep {
                let _ = std::fs::remove_dir_all(&folder);
            }
        }
        if options.lsp {
            lsp_rows(&root, designs, &mut report)?;
        }
        if options.keep {
            continue;
        }
        for file in [&input, &input_no_lint, &input_css] {
            let _ = std::fs::remove_file(file);
        }
        for path in edit_files.iter().chain([&cold_cache]) {
            let _ = std::fs::remove_file(path);
            let _ = std::fs::remove_dir_all(path);
        }
        if let Some(dir) = repo {
            let _ = std::fs::remove_dir_all(dir);
            let _ = std::fs::remove_file(bench_dir.join(format!("book-{designs}-history.json")));
        }
    }
    if per_design.len() > 1 {
        let (first, first_rates) = &per_design[0];
        let (last, last_rates) = &per_design[per_design.len() - 1];
        let _ = writeln!(report, "\nlinearity: time per design at {last} designs against {first} designs");
        for ((name, a), (_, b)) in first_rates.iter().zip(last_rates) {
            let _ = writeln!(report, "  {name:<48} {:>+7.1} %", (b / a - 1.0) * 100.0);
        }
    }
    if options.lint_peers {
        let corpus = std::env::var_os("DESIGN_CORPUS").map_or_else(|| root.join("../shared/corpus"), PathBuf::from);
        if !corpus.is_dir() {
            bail!("no design corpus at {} for the lint rows (set DESIGN_CORPUS)", corpus.display());
        }
        let label = format!("the design corpus ({})", folder_size(&corpus));
        lint_peers(&ours, &corpus, &corpus, &label, options.runs, &bench_dir, &mut report)?;
    }
    print!("{report}");
    std::fs::write(bench_dir.join("preprocessor.txt"), report)?;
    Ok(())
}

/// Runs every row `runs` times, rows alternating, so that a slow spell of the machine falls on
/// every row alike.
fn alternate(rows: &[Row], runs: usize, bench_dir: &Path) -> Result<Vec<Measured>> {
    let mut measured: Vec<Measured> =
        rows.iter().map(|_| Measured { times: Vec::new(), peak_kb: Vec::new() }).collect();
    for run in 0..runs {
        for (row, m) in rows.iter().zip(&mut measured) {
            let (time, kb) = time_once(row, run, bench_dir)?;
            m.times.push(time);
            m.peak_kb.push(kb);
        }
    }
    Ok(measured)
}

/// `mdbook-design lint` against rumdl on the same Markdown files, every rule of each, JSON out:
/// ours on the book at `book` (or on the loose files there, without a `book.toml`), rumdl on
/// `files` with its cache off and no configuration file, every rule it lists enabled.
fn lint_peers(
    ours: &Path,
    book: &Path,
    files: &Path,
    label: &str,
    runs: usize,
    bench_dir: &Path,
    report: &mut String,
) -> Result<()> {
    let rumdl = rumdl()?;
    let rules = rumdl_rules(&rumdl)?;
    let version = Command::new(&rumdl)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())?;
    let mut ours_args = vec!["lint".to_string(), "--format".into(), "json".into()];
    if book.join("book.toml").is_file() {
        ours_args.extend(["--book".into(), book.display().to_string()]);
    } else {
        ours_args.push(book.display().to_string());
    }
    let rows = [
        Row {
            name: "mdbook-design lint, every rule (json)".into(),
            program: ours.to_path_buf(),
            args: ours_args,
            input: None,
            remove_before: Vec::new(),
            inputs: Vec::new(),
            cache_dir: None,
            findings_ok: true,
        },
        Row {
            name: format!("{version} check --no-cache, its {} rules (json)", rules.split(',').count()),
            program: rumdl,
            args: vec![
                "check".into(),
                "--no-cache".into(),
                "--no-config".into(),
                "--enable".into(),
                rules,
                "--output-format".into(),
                "json".into(),
                files.display().to_string(),
            ],
            input: None,
            remove_before: Vec::new(),
            inputs: Vec::new(),
            cache_dir: None,
            findings_ok: true,
        },
    ];
    let mut measured = alternate(&rows, runs, bench_dir)?;
    let medians: Vec<f64> = measured.iter_mut().map(|m| median(&mut m.times)).collect();
    let _ = writeln!(
        report,
        "
lint: {label}
  {:<48} {:>9} {:>9} {:>11}",
        "row", "time", "x ours", "peak RSS"
    );
    for ((row, m), t) in rows.iter().zip(&mut measured).zip(&medians) {
        m.peak_kb.sort_unstable();
        let kb = m.peak_kb[m.peak_kb.len() / 2];
        let _ = writeln!(report, "  {:<48} {t:>7.3} s {:>7.2} x {:>8} MB", row.name, t / medians[0], kb / 1024);
    }
    Ok(())
}

/// rumdl on `PATH`, installed with pip (`python3 -m pip install rumdl`) when it is missing.
fn rumdl() -> Result<PathBuf> {
    let found = |name: &str| Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success());
    if !found("rumdl") {
        eprintln!("xtask bench: installing rumdl (python3 -m pip install rumdl)");
        let ok = Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "rumdl"])
            .status()
            .is_ok_and(|s| s.success());
        if !ok || !found("rumdl") {
            bail!("rumdl is needed for the lint rows: install it with `python3 -m pip install rumdl` (PyPI) and put it on PATH");
        }
    }
    Ok(PathBuf::from("rumdl"))
}

/// Every rule rumdl lists (`rumdl rule`), comma-separated, for `--enable`.
fn rumdl_rules(rumdl: &Path) -> Result<String> {
    let out = Command::new(rumdl).arg("rule").output().context("cannot run `rumdl rule`")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let rules: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.len() > 2 && w.starts_with("MD") && w[2..].chars().all(|c| c.is_ascii_digit()))
        .collect();
    if rules.is_empty() {
        bail!("`rumdl rule` listed no rules:\n{text}");
    }
    Ok(rules.join(","))
}

/// A book folder of `n` generated designs on disk (`book.toml`, `src/SUMMARY.md`, the designs in
/// `src/design/area-*/`), as the generated JSON books hold them.
fn write_book_folder(dir: &Path, n: usize) -> Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    let src = dir.join("src");
    std::fs::create_dir_all(&src)?;
    std::fs::write(dir.join("book.toml"), "[book]\ntitle = \"bench\"\n\n[preprocessor.design]\n")?;
    let mut summary = String::from("# Summary\n\n");
    for d in crate::corpus::generate(n, n * 28_000, AREAS).iter() {
        let path = design_path(&d.path);
        let _ = writeln!(summary, "- [{}]({path})", d.title);
        let file = src.join(&path);
        std::fs::create_dir_all(file.parent().expect("a folder"))?;
        std::fs::write(file, &d.text)?;
    }
    std::fs::write(src.join("SUMMARY.md"), summary)?;
    Ok(())
}

/// The size of the Markdown under `dir`, as `N files, M MB`.
fn folder_size(dir: &Path) -> String {
    let (mut files, mut bytes) = (0, 0u64);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files += 1;
                bytes += entry.metadata().map_or(0, |m| m.len());
            }
        }
    }
    format!("{files} Markdown files, {:.1} MB", bytes as f64 / 1e6)
}

/// The language server's bench (`cargo bench --bench lsp`) on a book of `designs` designs: its
/// lines, in the report.
fn lsp_rows(root: &Path, designs: usize, report: &mut String) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(&cargo)
        .args(["bench", "--quiet", "--package", "mdbook-design", "--bench", "lsp"])
        .env("BENCH_DESIGNS", designs.to_string())
        .current_dir(root)
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo bench --bench lsp")?;
    if !out.status.success() {
        bail!("cargo bench --bench lsp failed");
    }
    let _ = writeln!(
        report,
        "
language server: {designs} designs (cargo bench --bench lsp)"
    );
    for line in String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with("lsp bench:")) {
        let _ = writeln!(report, "  {}", line.trim_start_matches("lsp bench: "));
    }
    Ok(())
}

/// GNU time, which reports a child's peak resident set size.
const TIME: &str = "/usr/bin/time";

/// Cargo's target folder: `CARGO_TARGET_DIR` when set (relative to the workspace), else `target/`.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// The processor and core count, for the table's header.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown processor".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {cores} cores")
}

/// Runs a row once under GNU time: its wall time and peak RSS in KB.
fn time_once(row: &Row, run: usize, bench_dir: &Path) -> Result<(Duration, u64)> {
    for path in &row.remove_before {
        let _ = std::fs::remove_file(path);
        let _ = std::fs::remove_dir_all(path);
    }
    let input = row.inputs.get(run).or(row.input.as_ref());
    let rss_file = bench_dir.join("rss.txt");
    let start = Instant::now();
    let status = Command::new(TIME)
        .args(["-f", "%M", "-o"])
        .arg(&rss_file)
        .arg(&row.program)
        .args(&row.args)
        .envs(row.cache_dir.iter().map(|dir| ("MDBOOK_DESIGN_CACHE_DIR", dir)))
        .stdin(match input {
            Some(input) => Stdio::from(File::open(input)?),
            None => Stdio::null(),
        })
        .stdout(File::create("/dev/null")?)
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("cannot run {}", row.program.display()))?;
    let elapsed = start.elapsed();
    if !(status.success() || row.findings_ok && status.code() == Some(1)) {
        bail!("{} failed", row.program.display());
    }
    let kb = std::fs::read_to_string(&rss_file)?.trim().lines().last().unwrap_or("0").trim().parse().unwrap_or(0);
    Ok((elapsed, kb))
}

/// The books of `runs` rebuilds of the book `base` (its JSON): run `k`'s book has designs
/// `0..=k` (spread over the book) edited, so that each differs from the one before in one design.
fn edited_books(base: &[u8], designs: usize, runs: usize, heading: bool, bench_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut book: serde_json::Value = serde_json::from_slice(base)?;
    let mut files = Vec::new();
    for run in 0..runs {
        let at = (run * 7919 + 13) % designs;
        let content = book[1]["items"][at]["Chapter"]["content"].as_str().context("no content")?;
        let added = match heading {
            false => format!("\n\nThis paragraph was added by the benchmark's rebuild number {run}.\n"),
            true => format!("\n\n## Rebuild {run}\n\nA section the benchmark added.\n"),
        };
        book[1]["items"][at]["Chapter"]["content"] = format!("{}{added}", content.trim_end()).into();
        let file = bench_dir.join(format!("book-{designs}-edit-{}-{run}.json", u8::from(heading)));
        std::fs::write(&file, serde_json::to_vec(&book)?)?;
        files.push(file);
    }
    Ok(files)
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

/// How many area folders the generated designs sit in.
const AREAS: usize = 20;

/// The path of a generated design (`corpus::Generated::path`), relative to `src`.
fn design_path(path: &str) -> String {
    format!("design/{path}")
}

/// An mdBook 0.5 preprocessor request for a book of `n` generated designs, with `lint` as the
/// build-time lint mode; with `repository`, the book is that git repository (history on).
/// With `css_file`, the book lists the tool's stylesheet in `additional-css`, so pages carry no
/// inline copy of it (the file itself is not written: the build warns once).
pub fn generate_book(n: usize, lint: &str, repository: Option<&Path>, css_file: bool) -> Vec<u8> {
    // About 28 KB a design on average, as in the 140 MB, 5,000-design book of the brief.
    let items: Vec<serde_json::Value> = crate::corpus::generate(n, n * 28_000, AREAS)
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let path = design_path(&d.path);
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
    let mut design = serde_json::json!({"include-unlisted": false, "lint": lint});
    // Without a repository the default `history = "auto"` finds none and reads nothing.
    let root = match repository {
        Some(dir) => {
            design["history"] = "on".into();
            dir.display().to_string()
        }
        None => "/nonexistent-bench-book".to_string(),
    };
    let css: &[&str] = if css_file { &["theme/mdbook-design.css"] } else { &[] };
    let ctx = serde_json::json!({
        "root": root,
        "config": {"book": {"src": "src"}, "preprocessor": {"design": design},
            "output": {"html": {"additional-css": css}}},
        "renderer": "html",
        "mdbook_version": "0.5.4",
    });
    serde_json::to_vec(&serde_json::json!([ctx, {"items": items}])).expect("serializable")
}

/// A git repository holding the generated book in `src/`: every design committed and tagged
/// `v0.1.0`, then a second commit that moves a tenth of the designs to `implemented`.
fn make_repository(dir: &Path, n: usize) -> Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    let designs = crate::corpus::generate(n, n * 28_000, AREAS);
    let write_all = |designs: &[crate::corpus::Generated]| -> Result<()> {
        for d in designs.iter() {
            let path = dir.join("src").join(design_path(&d.path));
            std::fs::create_dir_all(path.parent().expect("a folder"))?;
            std::fs::write(path, &d.text)?;
        }
        Ok(())
    };
    let git = |args: &[&str]| -> Result<()> {
        let status = Command::new("git")
            .args(["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .status()
            .context("cannot run git")?;
        if !status.success() {
            bail!("git {args:?} failed in {}", dir.display());
        }
        Ok(())
    };
    std::fs::create_dir_all(dir)?;
    git(&["init", "-q"])?;
    // The first version: a tenth of the designs still `implementable`.
    let first: Vec<crate::corpus::Generated> = designs
        .iter()
        .enumerate()
        .map(|(i, d)| crate::corpus::Generated {
            name: d.name.clone(),
            path: d.path.clone(),
            title: d.title.clone(),
            text: if i % 10 == 0 { d.text.replacen("mplemented", "mplementable", 1) } else { d.text.clone() },
        })
        .collect();
    write_all(&first)?;
    git(&["add", "-A"])?;
    git(&["commit", "-q", "-m", "first"])?;
    git(&["tag", "v0.1.0"])?;
    write_all(&designs)?;
    git(&["add", "-A"])?;
    git(&["commit", "-q", "-m", "second"])?;
    Ok(())
}

/// `mdbook build` (HTML, search off) of the generated book, without and with the preprocessor,
/// alternating; needs mdBook 0.5 as `MDBOOK` or on `PATH`.
fn mdbook_build(bench_dir: &Path, n: usize, ours: &Path, runs: usize, report: &mut String) -> Result<()> {
    let mdbook = std::env::var_os("MDBOOK").map_or_else(|| PathBuf::from("mdbook"), PathBuf::from);
    let dir = bench_dir.join(format!("mdbook-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    let mut summary = String::from("# Summary\n\n- [Designs](design/README.md)\n");
    std::fs::create_dir_all(dir.join("src/design"))?;
    std::fs::write(dir.join("src/design/README.md"), "# Designs\n")?;
    for d in crate::corpus::generate(n, n * 28_000, AREAS).iter() {
        let path = design_path(&d.path);
        let file = dir.join("src").join(&path);
        std::fs::create_dir_all(file.parent().expect("a folder"))?;
        std::fs::write(file, &d.text)?;
        let _ = writeln!(summary, "  - [{}]({path})", d.title.replace(['[', ']'], ""));
    }
    std::fs::write(dir.join("src/SUMMARY.md"), summary)?;
    let plain = "[book]\ntitle = \"bench\"\n\n[output.html.search]\nenable = false\n";
    let with_us = format!(
        "{plain}\n[preprocessor.design]\ncommand = {}\nhistory = \"off\"\ninclude-unlisted = false\n",
        command_value(ours)?
    );
    let mut times = [Vec::new(), Vec::new()];
    for _ in 0..runs {
        for (k, toml) in [plain.to_string(), with_us.clone()].iter().enumerate() {
            std::fs::write(dir.join("book.toml"), toml)?;
            let start = Instant::now();
            let status = Command::new(&mdbook)
                .arg("build")
                .current_dir(&dir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .with_context(|| format!("cannot run {} (set MDBOOK)", mdbook.display()))?;
            if !status.success() {
                bail!("mdbook build failed in {}", dir.display());
            }
            times[k].push(start.elapsed());
        }
    }
    let without = median(&mut times[0]);
    let with = median(&mut times[1]);
    let _ = writeln!(
        report,
        "  mdbook build, HTML, search off: {without:.3} s without, {with:.3} s with mdbook-design ({:+.1} %)",
        (with / without - 1.0) * 100.0
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// `command` in `book.toml` for `program`, as a TOML string: mdBook splits the command into words
/// as a shell would (the `shlex` crate, in 0.4 and 0.5), so a path under a folder with a space
/// is quoted for that first.
fn command_value(program: &Path) -> Result<String> {
    let path = program.to_str().context("the binary's path is not UTF-8")?.replace('\\', "/");
    let word = shlex::try_quote(&path).context("the binary's path holds a NUL byte")?;
    Ok(toml::Value::String(word.into_owned()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value reads back, through TOML and then the shell-style split mdBook does, as the one
    /// path it was made from.
    #[test]
    fn command_value_is_one_word_for_mdbook() {
        for path in ["/Users/Jane Doe/mdbook-design/target/release/mdbook-design", "/a/it's \"q\"\\b/bin"] {
            let toml: toml::Table = format!("command = {}", command_value(Path::new(path)).unwrap()).parse().unwrap();
            let words = shlex::split(toml["command"].as_str().unwrap()).unwrap();
            assert_eq!(words, [path.replace('\\', "/")]);
        }
    }
}
