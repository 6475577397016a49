//! The `mdbook-design` binary: mdBook preprocessor mode (stdin to stdout) and the subcommands.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A design book from a folder of Markdown design proposals.
///
/// With no subcommand it runs as an mdBook preprocessor: it reads the book JSON on standard input
/// and writes the processed book to standard output.
#[derive(Debug, Parser)]
#[command(name = "mdbook-design", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Tell mdBook whether a renderer is supported (every renderer is).
    Supports {
        /// The renderer's name (html, markdown, ...).
        renderer: String,
    },
    /// Check designs against the template.
    Lint(cmd::lint::LintArgs),
    /// Print the index of all designs without building the book.
    Index(cmd::index::IndexArgs),
    /// Add the preprocessor, the template and an index chapter to an existing mdBook.
    Install(cmd::install::InstallArgs),
    /// Create a design from the template and list it in SUMMARY.md.
    New(cmd::new::NewArgs),
    /// Change a design's status where the design keeps it.
    Status(cmd::status::StatusArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let usage = e.use_stderr();
            let _ = e.print();
            return if usage { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        None => cmd::preprocess::run(),
        Some(Command::Supports { .. }) => ExitCode::SUCCESS,
        Some(Command::Lint(args)) => cmd::lint::run(args),
        Some(Command::Index(args)) => cmd::index::run(args),
        Some(Command::Install(args)) => cmd::install::run(args),
        Some(Command::New(args)) => cmd::new::run(args),
        Some(Command::Status(args)) => cmd::status::run(args),
    }
}
