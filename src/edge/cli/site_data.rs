//! `mdbook-design site-data`: an mdBook renderer (`[output.site-data]`) that writes
//! `designs.json` and `feed.xml` into the HTML output, beside `index.html`.
//!
//! Why a renderer: mdBook's HTML renderer empties its output folder before it writes (0.4 and
//! 0.5), after every preprocessor has run, so files a preprocessor writes there are lost. mdBook
//! runs renderers in the order of their names, so `site-data` runs after `html`, finds the HTML
//! output at `<build-dir>/html` (mdBook's layout once a book has two outputs) and adds the files
//! to it. `mdbook serve` runs every renderer on each rebuild and serves that folder. See the
//! book's "Design data" chapter.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

use crate::edge::book::BookDir;
use crate::feature::data;
use crate::session::{LintOptions, Scope};

/// The renderer's name in `book.toml` (`[output.site-data]`).
pub(crate) const RENDERER: &str = "site-data";

/// Arguments of `mdbook-design site-data`.
#[derive(Debug, clap::Args)]
pub(super) struct SiteDataArgs {
    /// Write into this folder instead of the HTML output, reading the book in `--book` (without
    /// mdBook's render context on standard input).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The folder holding `book.toml`, with `--out`.
    #[arg(long, value_name = "DIR", default_value = ".", requires = "out")]
    pub book: PathBuf,
}

/// Runs the renderer: 0 on success, 1 when the book or the output cannot be read or written.
pub(super) fn run(args: SiteDataArgs) -> ExitCode {
    match render(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mdbook-design site-data: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Where the book is, where the files go and the book's title.
fn target(args: &SiteDataArgs) -> Result<(PathBuf, PathBuf, String), String> {
    if let Some(out) = &args.out {
        return Ok((args.book.clone(), out.clone(), String::new()));
    }
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).map_err(|e| format!("cannot read mdBook's render context: {e}"))?;
    let ctx: Value = serde_json::from_slice(&input).map_err(|e| {
        format!("standard input is not mdBook's render context ({e}); run it as [output.{RENDERER}], or pass --out")
    })?;
    let root = PathBuf::from(ctx.get("root").and_then(Value::as_str).ok_or("the render context has no `root`")?);
    let destination =
        PathBuf::from(ctx.get("destination").and_then(Value::as_str).ok_or("the render context has no `destination`")?);
    let title = ctx.pointer("/config/book/title").and_then(Value::as_str).unwrap_or_default().to_string();
    // With two outputs, mdBook gives each its own folder under the build folder.
    let html = destination.parent().map(|p| p.join("html")).unwrap_or_default();
    if !html.join("index.html").is_file() {
        return Err(format!(
            "the HTML output is not at {}: add [output.html] to book.toml (mdBook runs renderers in name order, so \
             `html` runs before `{RENDERER}`)",
            html.display()
        ));
    }
    Ok((root, html, title))
}

fn render(args: &SiteDataArgs) -> Result<(), String> {
    let (root, out, title) = target(args)?;
    let book = BookDir::load(&root).map_err(|e| e.to_string())?;
    let src = book.src.clone();
    let (mut session, warnings) = book.into_session(Scope::Book);
    for w in warnings.iter().chain(&session.warnings).chain(session.design_warnings()) {
        eprintln!("mdbook-design site-data: warning: {w}");
    }
    let history = match crate::feature::history::timeline::for_build(&src, session.project()) {
        Ok(history) => history,
        Err(e) => {
            eprintln!("mdbook-design site-data: warning: the status history cannot be read from git: {e}");
            None
        }
    };
    session.set_history(history);
    let config = &session.project().config;
    let site_url = config.site_url.clone().or_else(|| config.release_notes.base_url.clone());
    let run = session.lint(&LintOptions::default());
    let findings: BTreeMap<&str, &[crate::feature::lint::Diagnostic]> =
        run.findings.iter().filter(|f| f.path == f.design).map(|f| (f.path, f.diagnostics.as_slice())).collect();
    let files = session.lint_files();
    let template = &session.project().template;
    let summaries: BTreeMap<&str, &str> = files
        .iter()
        .filter_map(|f| {
            let section = f.design.section(template, "Summary")?;
            let text = f.text.get(section.body.clone())?.trim();
            (!text.is_empty()).then_some((f.path, text))
        })
        .collect();
    let inputs = data::Inputs {
        summaries: &summaries,
        entries: &session.entries,
        history: session.history(),
        stale: session.stale(),
        findings: &findings,
        site_url: site_url.as_deref(),
    };
    let json = data::designs_json(&inputs);
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    write_checked(&out.join(data::DESIGNS_FILE), &json)?;
    write_checked(&out.join(data::SCHEMA_FILE), data::SCHEMA)?;
    let title = if title.is_empty() { "Designs".to_string() } else { title };
    match (&site_url, session.history()) {
        (Some(url), Some(history)) => {
            let feed = data::feed::feed(&session.entries, history, url, &title)?;
            write_checked(&out.join(data::feed::FEED_FILE), &feed)?;
        }
        (None, _) => eprintln!(
            "mdbook-design site-data: warning: no feed.xml: the feed needs the book's address; set `site-url` in \
             [preprocessor.design]"
        ),
        (_, None) => {
            eprintln!("mdbook-design site-data: warning: no feed.xml: the status history (git) is not available")
        }
    }
    Ok(())
}

/// Writes `text` to `path` through a temporary file, reads it back and checks it before it
/// replaces the old file.
fn write_checked(path: &Path, text: &str) -> Result<(), String> {
    let temp = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&temp, text).map_err(|e| format!("cannot write {}: {e}", temp.display()))?;
    let back = std::fs::read_to_string(&temp).map_err(|e| format!("cannot read back {}: {e}", temp.display()))?;
    let same =
        back == text && (path.extension().is_none_or(|x| x != "json") || serde_json::from_str::<Value>(&back).is_ok());
    if !same {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("{} did not read back as written; nothing was replaced", temp.display()));
    }
    std::fs::rename(&temp, path).map_err(|e| format!("cannot move {} into place: {e}", path.display()))
}
