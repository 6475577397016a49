//! `mdbook-design lint`.

use std::process::ExitCode;

/// Arguments of `mdbook-design lint`.
#[derive(Debug, clap::Args)]
pub struct LintArgs {}

/// Runs `mdbook-design lint`.
pub fn run(_args: LintArgs) -> ExitCode {
    eprintln!("error: `mdbook-design lint` is not built yet");
    ExitCode::from(2)
}
