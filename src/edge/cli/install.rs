//! `mdbook-design install [BOOK_DIR]`: adds the preprocessor, the template and an index chapter
//! to an existing mdBook.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::edge::workflow;

/// Arguments of `mdbook-design install`.
#[derive(Debug, clap::Args)]
pub(super) struct InstallArgs {
    /// The folder holding `book.toml`.
    #[arg(value_name = "BOOK_DIR", default_value = ".")]
    pub book: PathBuf,
    /// Also write the stylesheet to `theme/mdbook-design.css` and list it in
    /// `[output.html] additional-css`, so pages carry no inline `<style>` (for a strict content
    /// security policy). Run again after upgrading to update the file.
    #[arg(long)]
    pub stylesheet: bool,
}

/// Runs `mdbook-design install`: 0 on success (also when nothing was left to do), 2 on errors.
pub(super) fn run(args: InstallArgs) -> ExitCode {
    match workflow::install(&args.book, workflow::InstallOptions { stylesheet: args.stylesheet }) {
        Ok(report) => {
            print!("{report}");
            if !report.is_empty() {
                println!("next: `mdbook build` (with mdbook-design on PATH) shows badges, the index and lint findings");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
