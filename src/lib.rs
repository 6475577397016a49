//! mdbook-design: a design book from a folder of Markdown design proposals.
//!
//! A book is read once into a [`Session`]: its configuration and template ([`Project`]), every
//! chapter classified and every design parsed once ([`Design`]), the index entries, the status
//! history from git, and one lint service ([`Session::lint`]). Pure transforms turn the parsed
//! designs into byte-range edits spliced into the original text; mdBook's JSON, the command line,
//! the workflow functions and git sit at the edges. `ARCHITECTURE.md` maps the layers.
//!
//! What other projects use:
//!
//! - [`workflow`]: lint a book, build it (feature `driver`), create a design, set a status,
//!   install the preprocessor, write release notes: the functions behind `cargo xtask` and the
//!   `mdbook-design` subcommands.
//! - [`Session`] with [`BookDir`] (a book on disk) or [`BookInput`] (chapters from anywhere):
//!   the parsed book, its index and its lint findings, for tools such as a language server.
//! - [`DesignPreprocessor`]: the preprocessor for `mdbook-driver`.
//! - [`lint`]: the rules, their findings and the output formats.
//! - [`Config`], [`Project`], [`Template`], [`Status`], [`Design`]: the model they read.
//!
//! Every error is an [`Error`]: one message naming the file, the line and what to do.
#![warn(missing_docs, unreachable_pub)]

mod edge;
mod feature;
mod model;
mod session;
mod text;

pub use edge::book::BookDir;
pub use edge::mdbook::preprocessor::DesignPreprocessor;
pub use model::config::{Config, LintMode, Severity};
pub use model::design::sidecar::{Sidecar, SidecarText};
pub use model::design::Design;
pub use model::error::{Error, ErrorKind};
pub use model::project::Project;
pub use model::status::Status;
pub use model::template::{Template, BUILTIN_TEMPLATE};
pub use model::warning::Warning;
pub use session::{BookInput, Chapter, Findings, LintOptions, LintRun, Report, Scope, Session};

/// The linter: rules, findings, fixes and output formats.
pub mod lint {
    pub use crate::feature::lint::baseline::Baseline;
    pub use crate::feature::lint::fix::{fix_text, Change, FixOutcome};
    pub use crate::feature::lint::format::{render, FileReport, Format};
    pub use crate::feature::lint::registry::{Rule, RuleInfo, Severities, RULES};
    pub use crate::feature::lint::{has_denied, lint_design, Diagnostic, Fix, LintContext, LintFile};
}

/// The docs workflow as plain functions, for another project's `xtask` or tools: create a
/// design from the template ([`new_design`]), move its status ([`set_status`]), add the
/// preprocessor to an existing book ([`install`]), lint a book ([`lint_book`]), build it
/// in-process (`build_book`, with the `driver` feature) and write release notes from git
/// ([`release_notes`]). Every change to an author's file is a byte-range splice, read back with
/// the build's own readers before it is written.
pub mod workflow {
    #[cfg(feature = "driver")]
    pub use crate::edge::workflow::build::build_book;
    pub use crate::edge::workflow::install::{install, InstallOptions};
    pub use crate::edge::workflow::lint::{lint_book, LintReport, LintedFile};
    pub use crate::edge::workflow::new::new_design;
    pub use crate::edge::workflow::release::{release_notes, NotesFormat, Range, ReleaseNotes};
    pub use crate::edge::workflow::status::{set_status, status_edits, FileEdits, StatusChange};
    pub use crate::edge::workflow::Report;
    /// A workflow step's error: the crate's one [`Error`](crate::Error).
    pub type Error = crate::Error;
}

/// The `mdbook-design` command line: preprocessor mode without a subcommand, `lint`, `index`,
/// `release-notes`, `install`, `new`, `status set`, `pr-summary`. Returns the process's exit
/// code.
pub fn cli_main() -> std::process::ExitCode {
    edge::cli::main()
}

/// Internals that the project's own tests, benchmarks and fuzz targets exercise directly. Not
/// part of the API: anything here may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::edge::book::summary_paths;
    pub use crate::edge::lsp::text::Encoding as LspEncoding;
    pub use crate::edge::lsp::State as LspState;
    pub use crate::edge::mdbook::wire::run as run_preprocessor;
    pub use crate::feature::anchors::{anchors, element_ids};
    pub use crate::feature::render::Format as RenderFormat;
    pub use crate::model::design::yaml::ValueForm;
    pub use crate::model::directive::is_index_chapter;
    pub use crate::session::process_book;
    pub use crate::text::links;
}
