//! Language server latency: a book of generated designs (30 KB each, `xtask/src/corpus.rs`), one
//! open in the server's state; each step types one character into it through incremental sync
//! and computes its diagnostics (what `textDocument/didChange` does before publishing). Prints
//! the median and 90th percentile, and the process's peak RSS after reading the book.
//!
//! Run with `cargo bench --bench lsp` (release). `BENCH_DESIGNS` sets the book's size
//! (default 5,000), `BENCH_STEPS` the number of timed changes (default 200).

use std::path::Path;
use std::time::{Duration, Instant};

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use mdbook_design::lsp::text::Encoding;
use mdbook_design::lsp::State;

#[path = "../xtask/src/corpus.rs"]
mod corpus;

fn main() {
    let designs: usize = std::env::var("BENCH_DESIGNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
    let steps: usize = std::env::var("BENCH_STEPS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-lsp");
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("src/design");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"bench\"\n\n[preprocessor.design]\n").unwrap();
    let mut summary = String::from("# Summary\n\n");
    let generated = corpus::generate(designs, designs * 30 * 1024);
    for d in &generated {
        summary.push_str(&format!("- [{}](design/{})\n", d.title, d.name));
        std::fs::write(dir.join(&d.name), &d.text).unwrap();
    }
    std::fs::write(root.join("src/SUMMARY.md"), summary).unwrap();
    let open = &generated[designs / 2];
    let file = dir.join(&open.name).canonicalize().unwrap();
    let uri = format!("file://{}", file.display());
    let mut state = State::new(Encoding::Utf16);
    let started = Instant::now();
    state.open(&uri, 1, open.text.clone());
    let first = state.diagnostics(&uri);
    let load = started.elapsed();
    println!(
        "lsp bench: {designs} designs, open design {} bytes, {} findings; book read and first lint in {load:.2?}; peak RSS {} MB",
        open.text.len(),
        first.len(),
        peak_rss_mb()
    );
    let line = open.text.lines().count() as u32 / 2;
    let mut times: Vec<Duration> = Vec::with_capacity(steps);
    for step in 0..steps {
        let at = Position::new(line, 0);
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(at, at)),
            range_length: None,
            text: if step % 2 == 0 { "x".into() } else { String::new() },
        };
        let t = Instant::now();
        assert!(state.change(&uri, step as i32 + 2, vec![change]));
        let diagnostics = state.diagnostics(&uri);
        times.push(t.elapsed());
        assert!(!diagnostics.is_empty() || first.is_empty());
    }
    times.sort();
    println!(
        "lsp bench: change + diagnostics of one 30 KB design: median {:.2?}, p90 {:.2?} over {steps} changes; peak RSS {} MB",
        times[steps / 2],
        times[steps * 9 / 10],
        peak_rss_mb()
    );
}

/// The process's peak resident set size (`VmHWM`), in MB; 0 where /proc is not there.
fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
