//! Preprocessor mode: book JSON on stdin, processed book JSON on stdout, warnings on stderr.

use std::io::{Read, Write};
use std::process::ExitCode;

use crate::mdbook::wire;

/// Runs the preprocessor over standard input and output.
pub(super) fn run() -> ExitCode {
    let mut input = Vec::with_capacity(1 << 20);
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut input) {
        eprintln!("mdbook-design: cannot read the book from standard input: {e}");
        return ExitCode::FAILURE;
    }
    // The book is written in one piece only when processing succeeded, so mdBook never reads a
    // half-written book.
    let mut output = Vec::with_capacity(input.len() + input.len() / 16);
    let (report, lint) = match wire::run(&input, &mut output) {
        Ok(done) => done,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    drop(input);
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for warning in &report.warnings {
        let _ = writeln!(err, "warning: {warning}");
    }
    let _ = err.write_all(lint.as_bytes());
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Err(e) = out.write_all(&output).and_then(|()| out.flush()) {
        eprintln!("mdbook-design: cannot write the book to standard output: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
