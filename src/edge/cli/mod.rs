//! The `mdbook-design` command line: argument parsing and I/O around the library's pure
//! functions. The binary is only a call to [`main`].

mod diff;
mod index;
mod install;
mod lint;
mod lsp;
mod new;
mod preprocess;
mod release_notes;
mod site_data;
mod status;
mod summary;

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
    Lint(lint::LintArgs),
    /// Run the language server on standard input and output (for editors).
    Lsp(lsp::LspArgs),
    /// The sections of a design that changed between two revisions, as word diffs.
    Diff(diff::DiffArgs),
    /// Print the index of all designs without building the book.
    Index(index::IndexArgs),
    /// Add the preprocessor, the template and an index chapter to an existing mdBook.
    Install(install::InstallArgs),
    /// Create a design from the template and list it in SUMMARY.md.
    New(new::NewArgs),
    /// Change a design's status where the design keeps it.
    Status(status::StatusArgs),
    /// Release notes from the designs whose status changed in a release (read from git).
    ReleaseNotes(release_notes::ReleaseNotesArgs),
    /// A pull request's effect on the designs, as Markdown for a job summary: status changes,
    /// designs added, lint totals against the base revision.
    PrSummary(summary::PrSummaryArgs),
    /// Write designs.json and feed.xml into the HTML output (the `[output.site-data]` renderer).
    SiteData(site_data::SiteDataArgs),
}

/// Runs the `mdbook-design` command line: the preprocessor with no subcommand, else the
/// subcommand; the exit code follows each command's contract.
pub(crate) fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let usage = e.use_stderr();
            let _ = e.print();
            return if usage { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        None => preprocess::run(),
        // The site-data renderer reads the book from disk: the preprocessor need not run for it.
        Some(Command::Supports { renderer }) if renderer == site_data::RENDERER => ExitCode::FAILURE,
        Some(Command::Supports { .. }) => ExitCode::SUCCESS,
        Some(Command::Lint(args)) => lint::run(args),
        Some(Command::Lsp(args)) => lsp::run(args),
        Some(Command::Index(args)) => index::run(args),
        Some(Command::Diff(args)) => diff::run(args),
        Some(Command::Install(args)) => install::run(args),
        Some(Command::New(args)) => new::run(args),
        Some(Command::Status(args)) => status::run(args),
        Some(Command::ReleaseNotes(args)) => release_notes::run(args),
        Some(Command::PrSummary(args)) => summary::run(args),
        Some(Command::SiteData(args)) => site_data::run(args),
    }
}
