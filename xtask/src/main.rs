//! `cargo xtask`: the docs workflow of this repository (build, serve and lint the design book,
//! start a design, the CI pipeline), the whole test suite, and benchmarks. Needs nothing
//! installed beyond cargo.

mod bench;
mod book;
mod ci;
mod cli;
mod compare;
mod corpus;
mod serve;
mod ship;
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
    /// Lint the designs of a book (findings at `deny` stop it), then build it in-process with the
    /// design preprocessor (default: book/); prints where the HTML is.
    Book {
        /// The folder holding book.toml.
        #[arg(long, default_value = "book")]
        dir: PathBuf,
        /// Open the built book in a browser.
        #[arg(long)]
        open: bool,
        /// Serve the book on 127.0.0.1 and rebuild it on every change, until interrupted.
        #[arg(long)]
        serve: bool,
        /// The port for --serve.
        #[arg(long, default_value_t = 3000, requires = "serve")]
        port: u16,
    },
    /// `mdbook-design lint` on book/, with the lint command's options (`--format github`, `--fix`, ...).
    Lint {
        /// Options and paths for `mdbook-design lint`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Create a design in book/ from the template, named after its title and listed in SUMMARY.md.
    New {
        /// The design's title.
        title: String,
    },
    /// Release notes of this repository's design book (`mdbook-design release-notes --book book`),
    /// with its options (`--release v0.2.0`, `--unreleased`, ...).
    ReleaseNotes {
        /// Options for `mdbook-design release-notes`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// What the docs CI pipeline runs: fmt, clippy, the tests, lint and build of book/, and the
    /// release notes check when there are version tags. Stops at the first failing step.
    Ci,
    /// Install what the tests need (mdBook 0.5 and 0.4, Chromium), then run every test.
    Test {
        /// Extra arguments for `cargo test`.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Build `mdbook-design` at a base revision and from the working tree, run both over the
    /// design corpus, the fuzz seeds and book/ (mdbook build, lint and index JSON, and release
    /// notes with --history), and fail when any output differs by a byte.
    Compare {
        /// The reference revision.
        #[arg(long, default_value = "HEAD")]
        base: String,
        /// A book folder in a git repository with version tags: also compare its release notes.
        #[arg(long)]
        history: Option<PathBuf>,
    },
    /// Time the preprocessor against the JSON round-trip floor on generated books (rows
    /// alternating, peak memory per row), and optionally `mdbook build` with and without it.
    Bench {
        /// How many designs the generated book holds; several sizes separated by commas
        /// (`1000,5000,10000`) also report how time per design grows.
        #[arg(long, value_delimiter = ',', default_value = "5000")]
        designs: Vec<usize>,
        /// How many timed runs of each row.
        #[arg(long, default_value_t = 7)]
        runs: usize,
        /// Also time the build with the status history read from a generated git repository
        /// (history cached, and a first build without the cache).
        #[arg(long)]
        history: bool,
        /// Also time `mdbook build` (HTML, search off) with and without the preprocessor
        /// (mdBook 0.5 from `MDBOOK` or `PATH`).
        #[arg(long)]
        mdbook_build: bool,
        /// Keep the generated books in the target folder's bench/ (for profiling).
        #[arg(long)]
        keep: bool,
        /// Also time `mdbook-design lint` against rumdl (every rule of each, `rumdl check
        /// --no-cache`) on each generated book written to disk, and on the design corpus
        /// (`../shared/corpus` or `DESIGN_CORPUS`); installs rumdl with pip when it is missing.
        #[arg(long)]
        lint_peers: bool,
        /// Also time the language server: change + diagnostics of one 30 KB design in a book of
        /// each size (`cargo bench --bench lsp`).
        #[arg(long)]
        lsp: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Book { dir, open, serve, port } => book::run(&book::book_dir(&dir), open, serve.then_some(port)),
        Command::Lint { args } => cli::lint(&args),
        Command::New { title } => mdbook_design::workflow::new_design(&workspace_root().join("book"), &title)
            .map(|path| {
                eprintln!("xtask: created {} (status: provisional) and listed it in SUMMARY.md", path.display())
            })
            .map_err(Into::into),
        Command::ReleaseNotes { args } => cli::release_notes(&args),
        Command::Ci => ci::run(),
        Command::Test { args } => test::run(&args),
        Command::Compare { base, history } => compare::run(&compare::Options { base, history }),
        Command::Bench { designs, runs, history, mdbook_build, keep, lint_peers, lsp } => {
            bench::run(&bench::Options { sizes: designs, runs, history, mdbook_build, keep, lint_peers, lsp })
        }
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
