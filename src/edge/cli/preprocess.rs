//! Preprocessor mode: book JSON on stdin, processed book JSON on stdout, warnings on stderr.

use std::io::{Read, Write};
use std::process::ExitCode;

use crate::edge::mdbook::wire;

/// Runs the preprocessor over standard input and output.
pub(super) fn run() -> ExitCode {
    let mut input = Vec::with_capacity(1 << 20);
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut input) {
        eprintln!("mdbook-design: cannot read the book from standard input: {e}");
        return ExitCode::FAILURE;
    }
    // `wire` writes the book only once processing has succeeded (every chapter rewritten and
    // escaped), so mdBook never reads a half-processed book; writing it straight to standard
    // output saves holding a second copy of the whole book. The input is freed once parsed.
    let stdout = std::io::stdout();
    let (report, lint) = match wire::run_owned(input, stdout.lock()) {
        Ok(done) => done,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for warning in &report.warnings {
        let _ = writeln!(err, "warning: {warning}");
    }
    let _ = err.write_all(lint.as_bytes());
    ExitCode::SUCCESS
}
