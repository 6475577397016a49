//! `mdbook-design diff FILE REV1 REV2`: the sections of a design that changed between two
//! revisions (tags or commits), each as a word diff, with renames and moves followed as release
//! notes follow them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use crate::edge::book::BookDir;
use crate::feature::design_diff::{self, Change, SectionDiff};
use crate::feature::history::changes::compare;
use crate::feature::history::git::Repo;

/// Output formats of `mdbook-design diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum DiffFormat {
    /// Each changed section with `[-removed-]{+added+}` words.
    Human,
    /// One object: the paths, the revisions and every changed section with its words and runs.
    Json,
}

/// Arguments of `mdbook-design diff`.
#[derive(Debug, clap::Args)]
pub(super) struct DiffArgs {
    /// The design: a path on disk, or relative to the book's `src`, as it is at REV2.
    pub file: PathBuf,
    /// The older revision (a tag or commit).
    pub rev1: String,
    /// The newer revision (a tag or commit).
    pub rev2: String,
    /// The folder holding `book.toml`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub book: PathBuf,
    /// What to print.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
}

/// The JSON output.
#[derive(Debug, Serialize)]
struct Output<'a> {
    /// The design's path at `rev2`, relative to the book's `src`.
    path: &'a str,
    /// Its path at `rev1` (`null` when it did not exist there).
    old_path: Option<&'a str>,
    rev1: &'a str,
    rev2: &'a str,
    /// The commits the revisions name.
    commit1: &'a str,
    commit2: &'a str,
    sections: &'a [SectionDiff],
}

/// Runs `mdbook-design diff`: 0 on success, 2 when the book, the revisions or the design
/// cannot be read.
pub(super) fn run(args: DiffArgs) -> ExitCode {
    match diff(&args) {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    eprintln!("mdbook-design diff: error: cannot write the diff: {e}");
                    return ExitCode::from(2);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("mdbook-design diff: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The design's path relative to `src`: `file` as given on disk when it lies under `src`, else
/// `file` read as relative to `src`.
fn relative_to_src(file: &Path, src: &Path) -> String {
    let on_disk = file.canonicalize().ok().zip(src.canonicalize().ok());
    if let Some((full, src)) = on_disk {
        if let Ok(rel) = full.strip_prefix(&src) {
            return crate::edge::book::slash_path(rel);
        }
    }
    crate::edge::book::slash_path(file).trim_start_matches("./").to_string()
}

fn diff(args: &DiffArgs) -> Result<String, String> {
    let book = BookDir::load(&args.book).map_err(|e| e.to_string())?;
    let repo = Repo::open(&book.src).map_err(|e| e.to_string())?;
    let prefix = repo.prefix_of(&book.src).map_err(|e| e.to_string())?;
    let resolve = |rev: &str| {
        repo.resolve(rev).ok_or_else(|| format!("`{rev}` names no commit; give a tag or a commit of this repository"))
    };
    let (commit1, commit2) = (resolve(&args.rev1)?, resolve(&args.rev2)?);
    let path = relative_to_src(&args.file, &book.src);
    let project = &book.project;
    let designs = compare(&repo, project, &prefix, Some(&commit1), &commit2).map_err(|e| e.to_string())?;
    let Some(found) = designs.iter().find(|d| d.path == path) else {
        return Err(format!(
            "{path} is not a design at {} (under {}); give its path as it is at the newer revision",
            args.rev2,
            if prefix.is_empty() { "the repository's top" } else { prefix.trim_end_matches('/') }
        ));
    };
    let old_path = found.old_path.clone().unwrap_or_else(|| path.clone());
    let old_text = match found.from {
        None => None,
        Some(_) => {
            let tree = repo.tree(&commit1, &prefix).map_err(|e| e.to_string())?;
            let blob = tree.get(&format!("{prefix}{old_path}")).cloned();
            match blob {
                Some(blob) => repo.blobs([blob.as_str()]).map_err(|e| e.to_string())?.remove(&blob),
                None => None,
            }
        }
    };
    let sections = design_diff::diff(project, old_text.as_deref(), &found.text);
    let old = old_text.is_some().then_some(old_path.as_str());
    Ok(match args.format {
        DiffFormat::Json => {
            let out = Output {
                path: &path,
                old_path: old,
                rev1: &args.rev1,
                rev2: &args.rev2,
                commit1: &commit1,
                commit2: &commit2,
                sections: &sections,
            };
            let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
            text.push('\n');
            text
        }
        DiffFormat::Human => human(&path, old, &args.rev1, &args.rev2, &sections),
    })
}

/// The human output: a header, then each changed section with git's word-diff markers.
fn human(path: &str, old: Option<&str>, rev1: &str, rev2: &str, sections: &[SectionDiff]) -> String {
    let mut out = match old {
        Some(o) if o != path => format!("{path} (was {o}) from {rev1} to {rev2}\n"),
        Some(_) => format!("{path} from {rev1} to {rev2}\n"),
        None => format!("{path}: added after {rev1}, as it is at {rev2}\n"),
    };
    if sections.is_empty() {
        out.push_str("no section changed\n");
    }
    for s in sections {
        let what = match s.change {
            Change::Changed => "changed",
            Change::Added => "added",
            Change::Removed => "removed",
        };
        out.push_str(&format!("\n== {} ({what}: -{} +{} words)\n", s.section, s.removed.len(), s.added.len()));
        let mut line = String::new();
        for run in &s.runs {
            let piece = match run.op {
                "delete" => format!("[-{}-]", run.text),
                "insert" => format!("{{+{}+}}", run.text),
                _ => run.text.clone(),
            };
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&piece);
        }
        out.push_str(&wrap(&line, 100));
    }
    out
}

/// Wraps `text` at spaces to lines of at most `width` characters (longer words stay whole).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if len > 0 && len + 1 + n > width {
            out.push('\n');
            len = 0;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += n;
    }
    out.push('\n');
    out
}
