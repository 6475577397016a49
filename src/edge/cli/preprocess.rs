//! Preprocessor mode: book JSON on stdin, processed book JSON on stdout, what the build prints
//! (`edge/mdbook/output.rs`) on stderr.

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
    let (_, text) = match wire::run_owned(input, stdout.lock(), serve_id()) {
        Ok(done) => done,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// The process that runs this one: under `mdbook serve`, the same for every rebuild (mdBook
/// starts the preprocessor itself, not through a shell), so a rebuild can print only what changed.
fn serve_id() -> Option<u32> {
    #[cfg(unix)]
    return Some(std::os::unix::process::parent_id());
    #[cfg(not(unix))]
    return None;
}
