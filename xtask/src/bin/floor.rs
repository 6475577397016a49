//! The preprocessor's floor for `cargo xtask bench`: read the book JSON, parse it, write the book
//! back through a buffered writer, and nothing else. With `--parse-input`, mdBook's documented
//! form instead (`parse_input` on an unlocked stdin, `to_writer` on an unbuffered stdout).

use std::io::{Read, Write};

fn main() {
    if std::env::args().any(|a| a == "--parse-input") {
        let (_ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin()).expect("valid input");
        serde_json::to_writer(std::io::stdout(), &book).expect("written");
        return;
    }
    let mut input = Vec::new();
    std::io::stdin().lock().read_to_end(&mut input).expect("readable stdin");
    let (_ctx, book): (serde_json::Value, serde_json::Value) = serde_json::from_slice(&input).expect("valid input");
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    serde_json::to_writer(&mut out, &book).expect("written");
    out.flush().expect("flushed");
}
