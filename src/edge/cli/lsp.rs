//! `mdbook-design lsp`: the language server on standard input and output.

use std::process::ExitCode;

/// Arguments of `mdbook-design lsp` (none: editors start it with `--stdio` or nothing).
#[derive(Debug, clap::Args)]
pub(super) struct LspArgs {
    /// Accepted for editors that pass it; standard input and output are the only transport.
    #[arg(long)]
    pub stdio: bool,
}

/// Serves until the client's `exit`: 0 after `shutdown`, 1 when the connection broke.
pub(super) fn run(_args: LspArgs) -> ExitCode {
    match crate::edge::lsp::run_stdio() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
