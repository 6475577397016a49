//! `mdbook-design index`.

use std::process::ExitCode;

/// Arguments of `mdbook-design index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {}

/// Runs `mdbook-design index`.
pub fn run(_args: IndexArgs) -> ExitCode {
    eprintln!("error: `mdbook-design index` is not built yet");
    ExitCode::from(2)
}
