//! `mdbook-design status set FILE STATUS [--replaced-by FILE]`: a design's status changed where
//! the design keeps it.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::edge::workflow;
use crate::model::status::Status;

/// Arguments of `mdbook-design status`.
#[derive(Debug, clap::Args)]
pub(super) struct StatusArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: StatusCommand,
}

/// Subcommands of `mdbook-design status`.
#[derive(Debug, clap::Subcommand)]
pub(super) enum StatusCommand {
    /// Set a design's status, editing only its status text (Status section or front matter).
    Set {
        /// The design file.
        file: PathBuf,
        /// The new status: provisional, implementable, implemented, deferred, rejected,
        /// withdrawn or replaced.
        #[arg(value_parser = parse_status)]
        status: Status,
        /// With `replaced`: the design that replaces it; both designs then name each other.
        #[arg(long, value_name = "FILE")]
        replaced_by: Option<PathBuf>,
    },
}

fn parse_status(word: &str) -> Result<Status, String> {
    Status::from_word(word).ok_or_else(|| {
        let words: Vec<&str> = Status::CANONICAL.iter().map(|s| s.as_str()).collect();
        format!("`{word}` is not a status; use one of {}", words.join(", "))
    })
}

/// Runs `mdbook-design status`: 0 on success, 2 on errors.
pub(super) fn run(args: StatusArgs) -> ExitCode {
    let StatusCommand::Set { file, status, replaced_by } = args.command;
    match workflow::set_status(&file, status, replaced_by.as_deref()) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
