//! `mdbook-design release-notes`: the designs whose status changed in a release, from git.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::edge::workflow::{self, Range};

/// Output formats of `mdbook-design release-notes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum NotesFormat {
    /// Markdown to paste into a release or a CHANGELOG.
    Markdown,
    /// The same data as JSON (the schema is in the book's "Release notes" chapter).
    Json,
}

/// Arguments of `mdbook-design release-notes`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("range").args(["release", "since", "unreleased"]).required(true)))]
pub(super) struct ReleaseNotesArgs {
    /// The folder holding `book.toml`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub book: PathBuf,
    /// The version tag to write notes for; compared with the highest version tag below it.
    #[arg(long, value_name = "TAG")]
    pub release: Option<String>,
    /// Start of the range (excluded): any revision.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// End of the range (included) with `--since`; HEAD when not given.
    #[arg(long, value_name = "REV", requires = "since")]
    pub until: Option<String>,
    /// The changes since the latest version tag.
    #[arg(long)]
    pub unreleased: bool,
    /// What to print.
    #[arg(long, value_enum, default_value_t = NotesFormat::Markdown)]
    pub format: NotesFormat,
    /// The address of the built book, to link each design's page (default: the config's
    /// `release-notes.base-url`, else links to the source files).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Exit with 1 when a design in the notes has an empty, `None` or template Summary.
    #[arg(long)]
    pub check: bool,
}

/// Runs `mdbook-design release-notes`: 0 on success, 1 when `--check` finds a bad Summary, 2
/// when the book or its history cannot be read.
pub(super) fn run(args: ReleaseNotesArgs) -> ExitCode {
    let range = match (args.release, args.since, args.unreleased) {
        (Some(tag), _, _) => Range::Release(tag),
        (_, Some(since), _) => Range::Since { since, until: args.until },
        _ => Range::Unreleased,
    };
    let format = match args.format {
        NotesFormat::Markdown => workflow::NotesFormat::Markdown,
        NotesFormat::Json => workflow::NotesFormat::Json,
    };
    let notes = match workflow::release_notes(&args.book, range, format, args.base_url.as_deref()) {
        Ok(notes) => notes,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(notes.text.as_bytes()).and_then(|()| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the release notes: {e}");
            return ExitCode::from(2);
        }
    }
    if args.check && !notes.missing_summaries.is_empty() {
        for line in &notes.missing_summaries {
            eprintln!("error: {line}");
        }
        eprintln!("error: {} design(s) in these release notes need a Summary", notes.missing_summaries.len());
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
