//! `cargo xtask`: builds the design book, runs the whole test suite, benchmarks, and writes the
//! book's release notes.

mod bench;
mod book;
mod corpus;
mod release_notes;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Project automation for mdbook-design.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint the designs of a book, then build it with the design preprocessor (default: book/).
    Book {
        /// The folder holding book.toml.
        #[arg(long, default_value = "book")]
        dir: PathBuf,
    },
    /// Install what the tests need (mdBook 0.5 and 0.4, Chromium), then run every test.
    Test {
        /// Extra arguments for `cargo test`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Release notes of this repository's design book (`mdbook-design release-notes --book book`).
    ReleaseNotes {
        /// The arguments of `mdbook-design release-notes` (`--release v0.2.0`, `--unreleased`, ...).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Time the preprocessor against the JSON round-trip floor on a generated book.
    Bench {
        /// How many designs the generated book holds.
        #[arg(long, default_value_t = 5000)]
        designs: usize,
        /// How many timed runs of each command.
        #[arg(long, default_value_t = 7)]
        runs: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Book { dir } => book::run(&dir),
        Command::Test { args } => test::run(&args),
        Command::Bench { designs, runs } => bench::run(designs, runs),
        Command::ReleaseNotes { args } => release_notes::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of xtask/).
fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}
