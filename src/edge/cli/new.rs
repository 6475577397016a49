//! `mdbook-design new "Title"`: a design from the template, named by the template's rule and
//! listed in `SUMMARY.md`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::edge::workflow;

/// Arguments of `mdbook-design new`.
#[derive(Debug, clap::Args)]
pub(super) struct NewArgs {
    /// The design's title; the file is named after it (`Some Title` gives `some-title.md`).
    pub title: String,
    /// The folder holding `book.toml`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub book: PathBuf,
}

/// Runs `mdbook-design new`: 0 when the design was created, 2 otherwise (it never overwrites).
pub(super) fn run(args: NewArgs) -> ExitCode {
    match workflow::new_design(&args.book, &args.title) {
        Ok(path) => {
            println!("created {} (status: provisional) and listed it in SUMMARY.md", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
