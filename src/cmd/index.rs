//! `mdbook-design index`: the index of all designs, printed without building the book.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use mdbook_design::book::BookDir;
use mdbook_design::index::{self, Entry};

/// Output formats of `mdbook-design index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IndexFormat {
    /// One object per design, with counts (the schema is in the book's "JSON index" chapter).
    Json,
    /// The summary table as Markdown, with links relative to the book's `src`.
    Markdown,
}

/// Arguments of `mdbook-design index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// The folder holding `book.toml`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub book: PathBuf,
    /// What to print.
    #[arg(long, value_enum, default_value_t = IndexFormat::Json)]
    pub format: IndexFormat,
}

/// Runs `mdbook-design index`: 0 on success, 2 when the book cannot be read.
pub fn run(args: IndexArgs) -> ExitCode {
    let book = match BookDir::load(&args.book) {
        Ok(book) => book,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let project = &book.project;
    let listed = book.summary.clone();
    // The same designs the book shows: those SUMMARY.md lists, plus the others unless
    // `include-unlisted` is off.
    let mut skip: Vec<String> = Vec::new();
    if let Some(listed) = &listed {
        let on_disk: Vec<String> =
            book.designs.iter().filter(|d| !index::is_index_chapter(&d.text)).map(|d| d.path.clone()).collect();
        let unlisted = index::unlisted(&on_disk, listed);
        if !unlisted.is_empty() {
            if project.config.include_unlisted {
                eprintln!(
                    "warning: {} not listed in SUMMARY.md (the book adds them under the chapter of the first \
                     {{{{#design-index}}}}): {}",
                    unlisted.len(),
                    index::name_some(&unlisted, 20)
                );
            } else {
                skip = unlisted;
            }
        }
    }
    let mut entries: Vec<Entry> = book
        .designs
        .iter()
        .filter(|d| !skip.contains(&d.path) && !index::is_index_chapter(&d.text))
        .map(|d| {
            let design = project.parse(&d.text);
            Entry::from_design(&d.path, &d.text, &design, project)
        })
        .collect();
    for warning in index::link_replacements(&mut entries) {
        eprintln!("warning: {warning}");
    }
    let order = project.config.index_order;
    let out = match args.format {
        IndexFormat::Json => {
            let mut text = serde_json::to_string_pretty(&index::to_json(&entries, order)).unwrap_or_default();
            text.push('\n');
            text
        }
        IndexFormat::Markdown => index::to_markdown(&entries, order),
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
