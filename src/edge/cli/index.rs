//! `mdbook-design index`: the index of all designs, printed without building the book.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::edge::book::BookDir;
use crate::feature::index;
use crate::session::{Scope, Session};

/// Output formats of `mdbook-design index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum IndexFormat {
    /// One object per design, with counts (the schema is in the book's "JSON index" chapter).
    Json,
    /// The summary table as Markdown, with links relative to the book's `src`.
    Markdown,
}

/// Arguments of `mdbook-design index`.
#[derive(Debug, clap::Args)]
pub(super) struct IndexArgs {
    /// The folder holding `book.toml`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub book: PathBuf,
    /// What to print.
    #[arg(long, value_enum, default_value_t = IndexFormat::Json)]
    pub format: IndexFormat,
    /// Only the designs that are stale under `[preprocessor.design.stale]`.
    #[arg(long)]
    pub stale: bool,
}

/// Runs `mdbook-design index`: 0 on success, 2 when the book cannot be read.
pub(super) fn run(args: IndexArgs) -> ExitCode {
    let book = match BookDir::load(&args.book) {
        Ok(book) => book,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // The same book pass as the build: the designs SUMMARY.md lists, plus the unlisted ones
    // that the build adds under the first `{{#design-index}}` (unless `include-unlisted` is off).
    let (input, read_warnings) = book.book_input();
    // `released` comes from git, as in the build (`history` in the configuration).
    let history = match crate::feature::history::timeline::for_build(&book.src, &book.project) {
        Ok(history) => history,
        Err(e) => {
            eprintln!("warning: the status history cannot be read from git: {e}; `released` is left empty");
            None
        }
    };
    let mut pass = Session::new(book.project, input, Scope::Book);
    pass.set_history(history);
    let project = pass.project();
    for warning in read_warnings.iter().chain(&pass.warnings).chain(pass.design_warnings()) {
        eprintln!("warning: {warning}");
    }
    let stale_only: Vec<index::Entry>;
    let entries = if args.stale {
        stale_only = pass.entries.iter().filter(|e| e.stale).cloned().collect();
        &stale_only
    } else {
        &pass.entries
    };
    let order = project.config.index_order;
    let out = match args.format {
        IndexFormat::Json => {
            let mut text = serde_json::to_string_pretty(&index::to_json(entries, order)).unwrap_or_default();
            text.push('\n');
            text
        }
        IndexFormat::Markdown => index::to_markdown(entries, order),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the index: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
