//! Language server latency: a book of generated designs (30 KB each, `xtask/src/corpus.rs`), one
//! open in the server's state; each step types one character into it through incremental sync
//! and computes its diagnostics (what `textDocument/didChange` does before publishing). Prints
//! the median and 90th percentile, and the resident size once the book is read.
//!
//! Run with `cargo bench --bench lsp` (release). `BENCH_DESIGNS` sets the book's size
//! (default 5,000), `BENCH_STEPS` the number of timed changes (default 200).

use std::path::Path;
use std::time::{Duration, Instant};

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use mdbook_design::__private::LspEncoding as Encoding;
use mdbook_design::__private::LspState as State;

#[path = "../xtask/src/corpus.rs"]
mod corpus;

fn main() {
    let designs: usize = std::env::var("BENCH_DESIGNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5000);
    let steps: usize = std::env::var("BENCH_STEPS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-lsp");
    // The measurement runs in a fresh process of this bench, so that the resident size is the
    // server state's, not the generator's.
    if let Ok(name) = std::env::var("BENCH_LSP_OPEN") {
        measure(&root.join("src/design").join(name), designs, steps);
        return;
    }
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("src/design");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"bench\"\n\n[preprocessor.design]\n").unwrap();
    let mut summary = String::from("# Summary\n\n");
    let generated = corpus::generate(designs, designs * 30 * 1024, 0);
    for d in &generated {
        summary.push_str(&format!("- [{}](design/{})\n", d.title, d.path));
        std::fs::write(dir.join(&d.path), &d.text).unwrap();
    }
    std::fs::write(root.join("src/SUMMARY.md"), summary).unwrap();
    // The generated design closest to 30 KB; the others are dropped before the server reads the
    // book, so the resident size is the server's.
    let open = generated.iter().min_by_key(|d| d.text.len().abs_diff(30 * 1024)).unwrap();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .env("BENCH_LSP_OPEN", &open.name)
        .status()
        .unwrap();
    assert!(status.success());
}

fn measure(file: &Path, designs: usize, steps: usize) {
    let text = std::fs::read_to_string(file).unwrap();
    let file = file.canonicalize().unwrap();
    let uri = format!("file://{}", file.display());
    let mut state = State::new(Encoding::Utf16);
    let started = Instant::now();
    state.open(&uri, 1, text.clone());
    let first = state.diagnostics(&uri);
    let load = started.elapsed();
    println!(
        "lsp bench: {designs} designs, open design {} bytes, {} findings; book read and first lint in {load:.2?}; \
         resident {} MB",
        text.len(),
        first.len(),
        rss_mb("VmRSS:")
    );
    let line = text.lines().count() as u32 / 2;
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
        "lsp bench: change + diagnostics of one 30 KB design: median {:.2?}, p90 {:.2?} over {steps} changes; \
         resident {} MB",
        times[steps / 2],
        times[steps * 9 / 10],
        rss_mb("VmRSS:")
    );
}

/// The process's resident set size (`VmRSS:`) or its peak (`VmHWM:`), in MB; 0 without /proc.
fn rss_mb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key)).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
