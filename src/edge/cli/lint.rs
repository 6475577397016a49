//! `mdbook-design lint`: reads designs, runs the library's pure rules on both cores, prints the
//! findings, and writes fixes. All file and git I/O of linting is here.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use rayon::prelude::*;

use crate::edge::book::{configured_baseline, read_baseline, read_text, slash_path, BookDir};
use crate::edge::workflow::verify::{verify, Reader};
use crate::feature::lint::{self, FileReport, Format};
use crate::model::config::Config;
use crate::model::project::Project;
use crate::model::status::Status;
use crate::session::{BookInput, Chapter, Findings, LintOptions, Scope, Session};

/// When to color human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum Color {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `mdbook-design lint`.
#[derive(Debug, clap::Args)]
pub(super) struct LintArgs {
    /// Design files or folders of them (files starting with `_` are skipped); default: every
    /// design of the book.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The folder holding `book.toml` (default: the current directory when it holds one, else
    /// the nearest folder holding one above the PATHs); its configuration, template and
    /// SUMMARY.md apply.
    #[arg(long, value_name = "DIR")]
    pub book: Option<PathBuf>,
    /// Output format: human, json, github or sarif.
    #[arg(long, value_name = "FORMAT", default_value_t = Format::Human)]
    pub format: Format,
    /// Apply the fixes of fixable findings, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print a unified diff instead of writing files.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
    /// Lint only designs changed since this git revision (all of them when it is unknown).
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// Report, and fail on, only the findings this baseline file does not record (default: the
    /// file `baseline` in `[preprocessor.design]` names, relative to the book's folder).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of the book in FILE, a baseline for `--baseline` (any existing
    /// baseline ignored, so fixed findings drop out); prints no findings and exits 0.
    #[arg(long, value_name = "FILE", conflicts_with = "dry_run")]
    pub write_baseline: Option<PathBuf>,
    /// Color for human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// One file of the run.
struct Entry {
    /// The path the rules see (relative to the book's `src`, or as given).
    path: String,
    /// Where it is on disk.
    disk: PathBuf,
    /// The path to print.
    display: String,
    /// Its text, until it moves into the book pass.
    text: String,
    /// Whether its findings are reported (others only give context).
    report: bool,
}

/// Everything read from disk before linting.
struct Inputs {
    project: Project,
    entries: Vec<Entry>,
    summary: Option<Vec<String>>,
    files: Vec<String>,
    roots: Vec<String>,
    /// The template's own sidecar metadata file, when the book has one.
    template_sidecar: Option<crate::model::design::SidecarText>,
    /// The folders whose git repositories `--changed-since` asks: the book's, and the folder of
    /// each PATH (not the current directory, which may be in no repository or in another one).
    git_dirs: Vec<PathBuf>,
    /// The book's `src` folder, when linting a book (its git history feeds the `stale` rule).
    src: Option<PathBuf>,
    /// The book's folder (holding `book.toml`), when linting a book.
    root: Option<PathBuf>,
}

impl Inputs {
    /// The session over the files to lint: every entry is a design (listed or not), with its
    /// sidecar metadata file (one read per folder) and the template's.
    fn session(&mut self) -> Session {
        let mut sidecars = match self.project.config.metadata_file.as_deref().filter(|n| !n.trim().is_empty()) {
            Some(name) => {
                let files: Vec<(&str, &Path)> =
                    self.entries.iter().map(|e| (e.path.as_str(), e.disk.as_path())).collect();
                crate::edge::sidecar_files::read_beside_files(name, &files)
            }
            None => HashMap::new(),
        };
        if let Some(template) = self.template_sidecar.take() {
            sidecars.insert(self.project.config.template.clone(), template);
        }
        let input = BookInput {
            chapters: self
                .entries
                .iter_mut()
                .map(|e| Chapter { path: Some(e.path.clone()), content: std::mem::take(&mut e.text) })
                .collect(),
            listed: self.summary.clone(),
            sidecars,
            files: Some(std::mem::take(&mut self.files)),
            roots: std::mem::take(&mut self.roots),
            ..BookInput::default()
        };
        Session::new(self.project.clone(), input, Scope::Files)
    }
}

/// Runs `mdbook-design lint`: 0 when nothing is at `deny`, 1 when something is, 2 for usage,
/// configuration or I/O errors.
pub(super) fn run(args: LintArgs) -> ExitCode {
    match lint(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn lint(args: &LintArgs) -> Result<ExitCode, String> {
    let mut inputs = read_inputs(args)?;
    if let Some(rev) = &args.changed_since {
        select_changed(rev, &inputs.git_dirs, &mut inputs.entries);
    }
    let by_path: HashMap<String, usize> = inputs.entries.iter().enumerate().map(|(i, e)| (e.path.clone(), i)).collect();
    let reported: Vec<String> = inputs.entries.iter().filter(|e| e.report).map(|e| e.path.clone()).collect();
    // The session every entry point shares: index pages are skipped, designs that cannot be read
    // as designs (binary, too large, malformed) are one warning each, the rest parsed once. The
    // texts move into it.
    let mut session = inputs.session();
    // `stale` needs the status history; it is read (or taken from its cache) only when
    // `[preprocessor.design.stale]` is configured, as `history` in the configuration says.
    if let (Some(src), Some(_)) = (&inputs.src, &session.project().config.stale) {
        match crate::feature::history::timeline::for_build(src, session.project()) {
            Ok(history) => session.set_history(history),
            Err(e) => eprintln!("warning: the status history cannot be read from git: {e}; `stale` is not checked"),
        }
    }
    for warning in session.design_warnings() {
        eprintln!("warning: {warning}");
    }
    // The baseline: `--baseline FILE`, else the book's `baseline` key; none when writing one.
    if args.write_baseline.is_none() {
        let baseline = match (&args.baseline, &inputs.root) {
            (Some(file), _) => Some(read_baseline(file).map_err(|e| e.to_string())?),
            (None, Some(root)) => configured_baseline(root, &session.project().config).map_err(|e| e.to_string())?,
            (None, None) => None,
        };
        session.set_baseline(baseline);
    }
    let mut diffs = String::new();
    if args.fix {
        let fixed = fix(args, &session, &inputs, &by_path, &mut diffs)?;
        if let Some(fixed) = fixed {
            session = fixed;
        }
    }
    if let Some(file) = &args.write_baseline {
        eprint!("{diffs}");
        return write_baseline(file, &session, &inputs);
    }
    let run = session.lint(&LintOptions::default().only(reported));
    for warning in &run.warnings {
        eprintln!("warning: {warning}");
    }
    // Designs first, then sidecar metadata files, each sorted by the path printed.
    let display_of = |f: &Findings| {
        let entry = &inputs.entries[by_path[f.design]];
        if f.path == f.design {
            entry.display.clone()
        } else {
            display(&entry.disk.with_file_name(f.path.rsplit('/').next().unwrap_or(f.path)))
        }
    };
    let mut designs: Vec<(String, &Findings)> = Vec::new();
    let mut sidecars: Vec<(String, &Findings)> = Vec::new();
    for f in &run.findings {
        let list = if f.path == f.design { &mut designs } else { &mut sidecars };
        list.push((display_of(f), f));
    }
    designs.sort_by(|a, b| a.0.cmp(&b.0));
    sidecars.sort_by(|a, b| a.0.cmp(&b.0));
    let file_reports: Vec<FileReport> = designs
        .iter()
        .chain(&sidecars)
        .map(|(display, f)| FileReport { display, text: f.text, diagnostics: &f.diagnostics })
        .collect();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let out = lint::render(args.format, &file_reports, color);
    let mut stdout = std::io::stdout().lock();
    let written = if args.format == Format::Human {
        stdout.write_all(diffs.as_bytes()).and_then(|_| stdout.write_all(out.as_bytes()))
    } else {
        eprint!("{diffs}");
        stdout.write_all(out.as_bytes())
    };
    if let Err(e) = written.and_then(|_| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(format!("cannot write the output: {e}"));
        }
    }
    if let Some(note) = lint::baseline::hidden_note(run.baselined) {
        eprintln!("mdbook-design lint: {note}");
    }
    let denied = lint::has_denied(run.findings.iter().flat_map(|f| &f.diagnostics));
    // The process ends here: leave the texts and models to the OS instead of freeing them.
    std::mem::forget(file_reports);
    std::mem::forget(designs);
    std::mem::forget(sidecars);
    std::mem::forget(run);
    std::mem::forget(session);
    std::mem::forget(inputs);
    Ok(if denied { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `--write-baseline FILE`: every finding of the book (the baseline ignored) recorded in `file`,
/// read back before it replaces the old one.
fn write_baseline(file: &Path, session: &Session, inputs: &Inputs) -> Result<ExitCode, String> {
    if inputs.entries.iter().any(|e| !e.report) {
        return Err("--write-baseline records every design of the book; run it without PATHs and --changed-since \
                    (a baseline of some designs would drop the others' findings)"
            .into());
    }
    let run = session.lint(&LintOptions::default().ignore_baseline());
    for warning in &run.warnings {
        eprintln!("warning: {warning}");
    }
    let findings: usize = run.findings.iter().map(|f| f.diagnostics.len()).sum();
    let text = run.baseline_text();
    verify(file, None, &text, None, Reader::Baseline { findings }).map_err(|e| e.to_string())?;
    crate::edge::workflow::write_all(&[(file, text.as_str(), false)]).map_err(|e| e.to_string())?;
    eprintln!("mdbook-design lint: wrote {} to the baseline {}", lint::baseline::findings(findings), display(file));
    Ok(ExitCode::SUCCESS)
}

/// `--fix`: the fixes of every reported design and of its sidecar metadata file, applied and
/// written (unless `--dry-run`, which adds a unified diff to `diffs` instead), with a note per
/// fix on standard error; the session of the fixed texts, when anything changed.
fn fix(
    args: &LintArgs,
    session: &Session,
    inputs: &Inputs,
    by_path: &HashMap<String, usize>,
    diffs: &mut String,
) -> Result<Option<Session>, String> {
    let (ctx, _) = session.lint_context(true);
    let files = session.lint_files();
    // Each reported design's fixed text and the notes saying what was fixed, on both cores.
    type Fixed = Option<(usize, String, Vec<String>)>;
    let results: Vec<Result<Fixed, String>> = files
        .par_iter()
        .map(|file| {
            let i = by_path[file.path];
            let entry = &inputs.entries[i];
            if !entry.report {
                return Ok(None);
            }
            let outcome =
                lint::fix_text(&ctx, &entry.path, file.text).map_err(|e| format!("{}: {e}", entry.display))?;
            if outcome.text != file.text {
                // The fixed text is read back as the build reads it (it still parses, no new
                // problem, the same status); it is written with the others once all have passed.
                let status = file.design.status.as_ref().map(|f| f.status).filter(|s| *s != Status::Unknown);
                let reader = Reader::Design { project: session.project(), status };
                verify(&entry.disk, Some(file.text), &outcome.text, None, reader).map_err(|e| e.to_string())?;
            }
            let notes = outcome
                .changes
                .iter()
                .map(|c| format!("fixed {}:{}: [{}] {}", entry.display, c.line, c.rule, c.description))
                .collect();
            Ok(Some((i, outcome.text, notes)))
        })
        .collect();
    // A fix refused by the read-back stops the run before anything is printed or written.
    let results: Vec<Fixed> = results.into_iter().collect::<Result<_, _>>()?;
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    let mut stderr = std::io::stderr().lock();
    for (file, result) in files.iter().zip(results) {
        let Some((i, fixed, notes)) = result else { continue };
        for note in &notes {
            let _ = writeln!(stderr, "{note}");
        }
        if fixed == file.text {
            continue;
        }
        let entry = &inputs.entries[i];
        if args.dry_run {
            let diff = similar::TextDiff::from_lines(file.text, &fixed)
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{}", entry.display), &format!("b/{}", entry.display))
                .to_string();
            diffs.push_str(&diff);
        } else {
            writes.push((entry.disk.clone(), fixed.clone()));
        }
        texts.insert(file.path.to_string(), fixed);
    }
    // Loose status words in each reported design's sidecar.
    let mut sidecars: HashMap<String, String> = HashMap::new();
    for file in &files {
        let entry = &inputs.entries[by_path[file.path]];
        let Some(sidecar) = file.design.sidecar.as_ref().filter(|_| entry.report) else { continue };
        let diags = lint::sidecar::lint_sidecar(&ctx, file.design);
        let edits = lint::fixes(&diags);
        if edits.is_empty() {
            continue;
        }
        let disk = entry.disk.with_file_name(sidecar.path.rsplit('/').next().unwrap_or(&sidecar.path));
        let shown = display(&disk);
        let (fixed, applied) = crate::text::edit::splice(&sidecar.text, edits).map_err(|e| format!("{shown}: {e}"))?;
        let reader = Reader::Sidecar { project: session.project(), status: sidecar.known_status() };
        verify(&disk, Some(&sidecar.text), &fixed, Some(&applied), reader).map_err(|e| e.to_string())?;
        for d in diags.iter().filter(|d| d.fix.is_some()) {
            let _ = writeln!(
                stderr,
                "fixed {shown}:{}: [{}] {}",
                d.line,
                d.rule,
                d.fix.as_ref().map_or("", |f| &f.description)
            );
        }
        if !args.dry_run {
            writes.push((disk, fixed.clone()));
        }
        sidecars.insert(file.path.to_string(), fixed);
    }
    // Every fix of every file has passed the read-back: all are written, or none.
    let pending: Vec<(&Path, &str, bool)> = writes.iter().map(|(p, t)| (p.as_path(), t.as_str(), false)).collect();
    crate::edge::workflow::write_all(&pending).map_err(|e| e.to_string())?;
    if texts.is_empty() && sidecars.is_empty() {
        return Ok(None);
    }
    Ok(Some(session.with_texts(&texts, &sidecars)))
}

/// Reads the book (when there is one) and the files to lint.
fn read_inputs(args: &LintArgs) -> Result<Inputs, String> {
    let book_dir = match &args.book {
        Some(dir) => Some(dir.clone()),
        None if args.paths.is_empty() || Path::new("book.toml").is_file() => Some(PathBuf::from(".")),
        None => book_above(&args.paths)?,
    };
    // A book found above the PATHs (pre-commit's case: every staged Markdown file is passed):
    // the PATHs outside it, such as the repository's README, are not its designs.
    let found_book_root = match (&args.book, &book_dir) {
        (None, Some(dir)) if !Path::new("book.toml").is_file() => dir.canonicalize().ok(),
        _ => None,
    };
    let book = match &book_dir {
        Some(dir) => Some(BookDir::load(dir).map_err(|e| e.to_string())?),
        None => None,
    };
    let wanted: Vec<PathBuf> = args
        .paths
        .iter()
        .map(|p| p.canonicalize().map_err(|e| format!("cannot read {}: {e}", p.display())))
        .collect::<Result<_, _>>()?;
    let mut entries = Vec::new();
    let mut files = Vec::new();
    let mut roots = Vec::new();
    let mut seen = HashSet::new();
    let mut template_sidecar = None;
    let book_src = book.as_ref().map(|b| b.src.clone());
    let mut src = None;
    let (project, summary) = match book {
        Some(book) => {
            src = Some(book.src.clone());
            if let Some(name) = book.project.config.metadata_file.as_deref() {
                template_sidecar = crate::edge::sidecar_files::read_one(&book.src, name, &book.project.config.template);
            }
            if let Some(warning) = &book.template_warning {
                eprintln!("warning: {warning}");
            }
            for d in book.designs {
                // Only PATHs need canonical paths (to tell which book designs they name).
                let report = wanted.is_empty() || {
                    let canonical = d.disk_path.canonicalize().unwrap_or_else(|_| d.disk_path.clone());
                    let named = wanted.iter().any(|w| canonical.starts_with(w));
                    seen.insert(canonical);
                    named
                };
                entries.push(Entry {
                    display: display(&d.disk_path),
                    path: d.path,
                    disk: d.disk_path,
                    text: d.text,
                    report,
                });
            }
            roots.push(String::new());
            files.extend(
                walk(&book.src, false).into_iter().filter_map(|p| Some(slash_path(p.strip_prefix(&book.src).ok()?))),
            );
            (book.project, book.summary)
        }
        None => (Project::new(Config::default(), None).map_err(|e| e.to_string())?, None),
    };
    // Paths outside the book (or with no book): linted with their paths as given. A file inside
    // the book's `src` that the book does not count as a design (SUMMARY.md, a chapter outside
    // the configured designs) is not one: skipped, as `mdbook build` would not lint it.
    let book_src = book_src.and_then(|src| src.canonicalize().ok());
    for (given, canonical) in args.paths.iter().zip(&wanted) {
        if found_book_root.as_ref().is_some_and(|r| !canonical.starts_with(r)) {
            continue;
        }
        let (root, list) = if canonical.is_dir() {
            (given.clone(), walk(given, true))
        } else {
            (given.parent().map(Path::to_path_buf).unwrap_or_default(), vec![given.clone()])
        };
        let root_name = display(&root);
        if !roots.contains(&root_name) {
            roots.push(root_name);
            files.extend(walk(&root, false).iter().map(|p| display(p)));
        }
        let fresh: Vec<PathBuf> = list
            .into_iter()
            .filter(|p| {
                let canonical = p.canonicalize().unwrap_or_else(|_| p.clone());
                let in_book = book_src.as_ref().is_some_and(|s| canonical.starts_with(s));
                seen.insert(canonical) && !in_book
            })
            .collect();
        let read: Vec<Result<Entry, String>> = fresh
            .par_iter()
            .map(|p| {
                let text = read_text(p).map_err(|e| e.to_string())?;
                let name = display(p);
                Ok(Entry { path: name.clone(), display: name, disk: p.clone(), text, report: true })
            })
            .collect();
        for entry in read {
            entries.push(entry?);
        }
    }
    // A file's folder, or the folder itself: git runs there for `--changed-since`.
    let path_dirs = wanted.iter().map(|w| if w.is_dir() { w.clone() } else { w.parent().unwrap_or(w).to_path_buf() });
    let root = src.is_some().then(|| book_dir.clone()).flatten();
    let git_dirs = book_dir.into_iter().chain(path_dirs).collect();
    Ok(Inputs { project, entries, summary, files, roots, template_sidecar, git_dirs, src, root })
}

/// The book the PATHs belong to when no `--book` is given and the current folder holds no
/// `book.toml`: the nearest folder holding one above them (as `git` finds its repository), so
/// that `mdbook-design lint docs/design/x.md` run from a repository's root (as pre-commit runs
/// it) applies the book's configuration. Printed paths stay relative to the current folder.
/// PATHs outside that book are then skipped. `None` when no PATH is inside a book; an error
/// when they are inside different books.
fn book_above(paths: &[PathBuf]) -> Result<Option<PathBuf>, String> {
    let cwd = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    let mut found: Option<PathBuf> = None;
    for path in paths {
        let Ok(canonical) = path.canonicalize() else { continue };
        // A folder may hold book.toml itself.
        let probe = if canonical.is_dir() { canonical.join("book.toml") } else { canonical };
        let Some(book) = crate::edge::workflow::paths::book_root_of(&probe) else { continue };
        match &found {
            Some(other) if *other != book => {
                return Err(format!(
                    "the paths are in two books ({} and {}); lint one book at a time with --book DIR",
                    display(other),
                    display(&book)
                ))
            }
            _ => found = Some(book),
        }
    }
    Ok(found.map(|book| match cwd.as_deref().and_then(|cwd| book.strip_prefix(cwd).ok()) {
        Some(relative) if relative.as_os_str().is_empty() => PathBuf::from("."),
        Some(relative) => relative.to_path_buf(),
        None => book,
    }))
}

/// Files under `dir`, sorted; with `designs_only`, the Markdown files that can be designs (not
/// starting with `_`, not `SUMMARY.md`, not in hidden folders).
fn walk(dir: &Path, designs_only: bool) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            if !designs_only {
                return true;
            }
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.ends_with(".md") && !name.starts_with('_') && name != "SUMMARY.md"
        })
        .collect()
}

/// A path as printed: `/` separators, no leading `./`.
fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    if s.is_empty() {
        ".".to_string()
    } else {
        s.to_string()
    }
}

/// Keeps only the designs that git says changed since `rev` (and new untracked ones); keeps
/// all, with a warning, when `rev` or git is unavailable.
fn select_changed(rev: &str, git_dirs: &[PathBuf], entries: &mut [Entry]) {
    let mut changed: HashSet<PathBuf> = HashSet::new();
    let mut tops: HashSet<PathBuf> = HashSet::new();
    for dir in git_dirs {
        let git = |args: &[&str]| -> Option<String> {
            let out = Command::new("git").args(args).current_dir(dir).output().ok()?;
            out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let Some(top) = git(&["rev-parse", "--show-toplevel"]) else {
            eprintln!(
                "warning: the folder `{}` is not in a git repository; linting every design instead of those changed \
                 since {rev}",
                display(dir)
            );
            return;
        };
        let top = PathBuf::from(top.trim_end());
        if !tops.insert(top.clone()) {
            continue;
        }
        if git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]).is_none() {
            eprintln!("warning: unknown git revision `{rev}` in {}; linting every design", display(&top));
            return;
        }
        let Some(diff) = git(&["diff", "--name-only", "-z", rev, "--"]) else {
            eprintln!("warning: `git diff {rev}` failed in {}; linting every design", display(&top));
            return;
        };
        let untracked =
            git(&["ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"]).unwrap_or_default();
        changed.extend(
            diff.split('\0')
                .chain(untracked.split('\0'))
                .filter(|p| !p.is_empty())
                .filter_map(|p| top.join(p).canonicalize().ok()),
        );
    }
    for e in entries.iter_mut() {
        let canonical = e.disk.canonicalize().unwrap_or_else(|_| e.disk.clone());
        e.report = e.report && changed.contains(&canonical);
    }
}
