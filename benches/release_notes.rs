//! Release-notes benchmark: a generated git repository of 2,000 commits, 100 designs (status
//! edits, moves between folders) and 30 version tags; times `release-notes --release` for the
//! last tag, and `--unreleased`, with the real binary; then the preprocessor on the same book
//! with `history = "off"`, with the timeline and a cold cache, and with a warm cache.
//!
//! Run with `cargo bench --bench release_notes`. It is not a timed test: it prints medians.
//! `BENCH_RUNS` sets the number of timed runs (default 11).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const COMMITS: usize = 2000;
const DESIGNS: usize = 100;
const TAGS: usize = 30;
const STATUSES: [&str; 4] = ["provisional", "implementable", "implemented", "deferred"];

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(11);
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-release-notes");
    let started = Instant::now();
    generate(&root);
    let commits = git(&root, &["rev-list", "--count", "HEAD"]);
    let tags = git(&root, &["tag"]).lines().count();
    println!(
        "generated {} commits, {DESIGNS} designs, {tags} tags in {:.1} s ({})",
        commits.trim(),
        started.elapsed().as_secs_f64(),
        root.display()
    );
    let bin = env!("CARGO_BIN_EXE_mdbook-design");
    let last = format!("v1.{}.0", TAGS - 1);
    let cases: [(&str, Vec<&str>); 3] = [
        ("--release (last tag), markdown", vec!["--release", &last]),
        ("--release (last tag), json", vec!["--release", &last, "--format", "json"]),
        ("--unreleased", vec!["--unreleased"]),
    ];
    for (name, args) in &cases {
        let out = Command::new(bin).arg("release-notes").args(args).current_dir(&root).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let entries = String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with("#### ")).count();
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let status = Command::new(bin)
                .arg("release-notes")
                .args(args)
                .current_dir(&root)
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            times.push(start.elapsed());
        }
        times.sort();
        let median = times[times.len() / 2];
        let shown = if args.contains(&"json") { String::new() } else { format!(", {entries} designs in the notes") };
        println!("{name}: median {} over {runs} runs (min {}){shown}", ms(median), ms(times[0]));
    }
    preprocessor(&root, bin, runs);
}

/// The preprocessor's added cost with the timeline: `history = "off"`, on with the cache
/// removed before each run (cold), and on with the cache kept (warm), alternating.
fn preprocessor(root: &Path, bin: &str, runs: usize) {
    let request = |history: &str| {
        let mut items = Vec::new();
        let src = root.join("src");
        for entry in walk(&src.join("design")) {
            let path = entry.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            let content = std::fs::read_to_string(&entry).unwrap();
            items.push(serde_json::json!({"Chapter": {"name": path, "content": content, "number": null,
                "sub_items": [], "path": path, "source_path": path, "parent_names": []}}));
        }
        let ctx = serde_json::json!({"root": root, "renderer": "html", "mdbook_version": "0.5.4",
            "config": {"book": {"src": "src"}, "preprocessor": {"design": {"history": history, "lint": "off"}}}});
        serde_json::to_vec(&serde_json::json!([ctx, {"items": items}])).unwrap()
    };
    let off = request("off");
    let on = request("on");
    let cache = root.join(".git/mdbook-design/history.json");
    let run = |input: &[u8]| {
        let start = Instant::now();
        let mut child = Command::new(bin)
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        (start.elapsed(), out.stdout)
    };
    let (_, with_history) = run(&on);
    let timelines = String::from_utf8_lossy(&with_history).matches("design-history").count();
    let mut times: [Vec<Duration>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..runs {
        times[0].push(run(&off).0);
        let _ = std::fs::remove_file(&cache);
        times[1].push(run(&on).0);
        times[2].push(run(&on).0);
    }
    let names =
        ["preprocessor, history = \"off\"", "preprocessor, timeline, cold cache", "preprocessor, timeline, warm cache"];
    for (name, t) in names.iter().zip(times.iter_mut()) {
        t.sort();
        println!("{name}: median {} over {runs} runs (min {})", ms(t[t.len() / 2]), ms(t[0]));
    }
    println!("({timelines} design pages got a timeline)");
}

/// The Markdown files under `dir`, sorted.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").current_dir(dir).args(args).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A design of about 3 KB in the template's shape.
fn design_text(n: usize, status: &str, edits: usize) -> String {
    let mut text = format!("# Design number {n}\n\n## Status\n\n{status}\n\n## Summary\n\n");
    text.push_str(&format!(
        "Design {n} lets operators do thing {n} without a restart. It keeps the old\nbehaviour behind a flag; see [the API](../api.md).\n\n"
    ));
    text.push_str("## Motivation\n\n");
    for line in 0..30 {
        let _ = writeln!(text, "Line {line} of the motivation of design {n}, wrapped well under the limit.");
    }
    text.push_str("\n## Proposal\n\n");
    for edit in 0..edits {
        let _ = writeln!(text, "- Revision {edit} of the proposal.");
    }
    text
}

/// Builds the repository with one `git fast-import`: commit 1 adds every design; each later
/// commit edits one design, every 7th moves a status forward, every 97th moves a file into
/// another folder; a version tag every `COMMITS / TAGS` commits, plus a pre-release and a tag
/// that is not a version.
fn generate(root: &Path) {
    let _ = std::fs::remove_dir_all(root);
    std::fs::create_dir_all(root).unwrap();
    git(root, &["init", "--quiet", "--initial-branch=main"]);
    let mut paths: Vec<String> = (0..DESIGNS).map(|n| format!("src/design/d{n:03}.md")).collect();
    let mut status = vec![0usize; DESIGNS];
    let mut edits = vec![0usize; DESIGNS];
    let mut stream = String::new();
    let data = |stream: &mut String, text: &str| {
        let _ = write!(stream, "data {}\n{text}\n", text.len());
    };
    let every = COMMITS / TAGS;
    let mut tag = 0;
    for c in 1..=COMMITS {
        let _ = write!(stream, "commit refs/heads/main\nmark :{c}\n");
        let _ = writeln!(stream, "committer Bench <bench@example.invalid> {} +0000", 1_700_000_000 + c * 3600);
        data(&mut stream, &format!("commit {c}"));
        if c == 1 {
            let _ = writeln!(stream, "M 100644 inline book.toml");
            data(&mut stream, "[book]\ntitle = \"Bench\"\n\n[preprocessor.design]\n");
            let _ = writeln!(stream, "M 100644 inline src/SUMMARY.md");
            data(&mut stream, "# Summary\n\n- [Designs](design/README.md)\n");
            for (n, path) in paths.iter().enumerate() {
                let _ = writeln!(stream, "M 100644 inline {path}");
                data(&mut stream, &design_text(n, STATUSES[0], 0));
            }
        } else {
            let _ = writeln!(stream, "from :{}", c - 1);
            let n = (c * 37) % DESIGNS;
            if c % 97 == 0 {
                let name = paths[n].rsplit('/').next().unwrap().to_string();
                let moved = format!("src/design/area{}/{name}", c % 5);
                if moved != paths[n] {
                    let _ = writeln!(stream, "R {} {moved}", paths[n]);
                    paths[n] = moved;
                }
            }
            if c % 7 == 0 && status[n] + 1 < STATUSES.len() {
                status[n] += 1;
            }
            edits[n] += 1;
            let _ = writeln!(stream, "M 100644 inline {}", paths[n]);
            data(&mut stream, &design_text(n, STATUSES[status[n]], edits[n]));
        }
        if c % every == 0 && tag < TAGS {
            let _ = write!(stream, "reset refs/tags/v1.{tag}.0\nfrom :{c}\n\n");
            if tag == TAGS - 1 {
                let _ = write!(stream, "reset refs/tags/v1.{tag}.0-rc.1\nfrom :{}\n\n", c - 10);
            }
            tag += 1;
        }
    }
    stream.push_str("reset refs/tags/nightly\nfrom :5\n\n");
    let mut child =
        Command::new("git").current_dir(root).args(["fast-import", "--quiet"]).stdin(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stream.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    git(root, &["reset", "--quiet", "--hard", "main"]);
}
