//! Preprocessor mode: book JSON on stdin, processed book JSON on stdout.

use std::process::ExitCode;

/// Runs the preprocessor over standard input and output.
pub fn run() -> ExitCode {
    eprintln!("error: preprocessor mode is not built yet");
    ExitCode::from(2)
}
