//! Another project's `xtask/src/main.rs` with the design workflow in a few lines: copy this file
//! to `xtask/src/main.rs` and add `mdbook-design = { version = "0.1", features = ["driver"] }` to
//! `xtask/Cargo.toml`'s dependencies (`driver` brings `build_book`).
//!
//! ```sh
//! cargo run --features driver --example xtask_main -- book docs   # lint (errors stop it), then build
//! cargo run --features driver --example xtask_main -- new docs "Faster builds"
//! cargo run --features driver --example xtask_main -- status docs/src/design/old.md replaced docs/src/design/new.md
//! cargo run --features driver --example xtask_main -- install docs
//! ```

use std::path::Path;
use std::process::ExitCode;

use mdbook_design::lint::Format;
use mdbook_design::workflow;
use mdbook_design::Status;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result: Result<(), Box<dyn std::error::Error>> = match args.as_slice() {
        ["book", dir] => book(Path::new(dir)),
        ["new", dir, title] => {
            workflow::new_design(Path::new(dir), title).map(|p| println!("created {}", p.display())).map_err(Into::into)
        }
        ["status", file, status, rest @ ..] => match Status::from_word(status) {
            Some(status) => workflow::set_status(Path::new(file), status, rest.first().map(Path::new))
                .map(|report| print!("{report}"))
                .map_err(Into::into),
            None => Err(format!("`{status}` is not a status").into()),
        },
        ["install", dir] => workflow::install(Path::new(dir), workflow::InstallOptions::default())
            .map(|report| print!("{report}"))
            .map_err(Into::into),
        ["release-notes", dir, tag] => {
            let range = workflow::Range::Release(tag.to_string());
            workflow::release_notes(Path::new(dir), range, workflow::NotesFormat::Markdown, None)
                .map(|notes| print!("{}", notes.text))
                .map_err(Into::into)
        }
        _ => Err("usage: xtask book DIR | new DIR TITLE | status FILE STATUS [REPLACED_BY] | install DIR | \
             release-notes DIR TAG"
            .into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Lints the designs (findings at `deny` stop it), then builds the book with the preprocessor
/// compiled in: no `mdbook` or `mdbook-design` binary is needed.
fn book(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let report = workflow::lint_book(dir)?;
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    eprint!("{}", report.render(Format::Human, false));
    if report.has_denied() {
        return Err(format!("{} findings at `deny` in {}", report.count(), dir.display()).into());
    }
    let html = workflow::build_book(dir)?;
    println!("the book is in {}", html.join("index.html").display());
    Ok(())
}
