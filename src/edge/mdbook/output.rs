//! What `mdbook build` and `mdbook serve` print of a run on standard error, in one place: the
//! level (the `build-output` key, overridden by `MDBOOK_LOG` under mdBook 0.5 or `RUST_LOG`
//! under 0.4), the line format (mdBook's own, with `mdbook-design` as the source), and, in
//! `serve`, what changed since the last build (a small state file in the temporary folder).
//!
//! Nothing is printed when there are no findings and no warnings. At the default level a run
//! prints one line of counts, each warning as one line and each finding at `deny` in full.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hasher as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::wire::Protocol;
use crate::feature::lint::format::{render, FileReport, Format as LintFormat};
use crate::feature::lint::Diagnostic;
use crate::model::config::{BuildOutput, Config, Severity};
use crate::session::{Report, Warning, SHOWN_FINDINGS};

/// The source every line names, as mdBook's lines name theirs.
pub(crate) const SOURCE: &str = "mdbook-design";

/// The target the log directives select this tool by (the crate's name, as `tracing` and
/// `log` name targets); `mdbook-design` is read as the same.
const TARGET: &str = "mdbook_design";

/// A log level as mdBook's environment variables write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// Nothing (a failing build still says why).
    Off,
    /// Errors.
    Error,
    /// Warnings.
    Warn,
    /// Information (mdBook's default).
    Info,
    /// Debugging.
    Debug,
    /// Everything.
    Trace,
}

impl Level {
    /// A level word (`warn`, any case) or number (`0` off to `5` trace), as `tracing` and
    /// `log` read them.
    fn parse(word: &str) -> Option<Level> {
        Some(match word.trim().to_ascii_lowercase().as_str() {
            "off" | "0" => Level::Off,
            "error" | "1" => Level::Error,
            "warn" | "warning" | "2" => Level::Warn,
            "info" | "3" => Level::Info,
            "debug" | "4" => Level::Debug,
            "trace" | "5" => Level::Trace,
            _ => return None,
        })
    }

    /// The word a log line shows.
    fn word(self) -> &'static str {
        match self {
            Level::Off | Level::Error => "ERROR",
            Level::Warn => "WARN",
            Level::Info => "INFO",
            Level::Debug => "DEBUG",
            Level::Trace => "TRACE",
        }
    }
}

/// The level that log `directives` (`MDBOOK_LOG`, `RUST_LOG`: a comma list of `level`,
/// `target=level` or `target`) give this tool, when one applies. As in `tracing`'s `EnvFilter`
/// and `env_logger`, a target selects every target it is a prefix of, the longest matching
/// target wins over a bare level, a later directive wins over an equal one, a target without a
/// level means every level, and directives that cannot be read (or filter by span) are ignored.
pub(crate) fn env_level(directives: &str) -> Option<Level> {
    let mut best: Option<(usize, Level)> = None;
    for directive in directives.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        let (target, level) = match directive.rsplit_once('=') {
            Some((target, level)) => match Level::parse(level) {
                Some(level) => (target, level),
                None => continue,
            },
            None => match Level::parse(directive) {
                Some(level) => ("", level),
                None => (directive, Level::Trace),
            },
        };
        if target.contains(['[', '{']) {
            continue;
        }
        let target = target.trim().replace('-', "_");
        if !TARGET.starts_with(&target) {
            continue;
        }
        if best.is_none_or(|(len, _)| target.len() >= len) {
            best = Some((target.len(), level));
        }
    }
    best.map(|(_, level)| level)
}

/// The environment variable the calling mdBook reads its log level from.
fn env_var(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::V05 => "MDBOOK_LOG",
        Protocol::V04 => "RUST_LOG",
    }
}

/// How much a run prints: the environment's level when it gives one (error: errors only;
/// warn, info: the summary; debug, trace: everything), else the `build-output` key.
pub(crate) fn output_mode(configured: BuildOutput, env: Option<Level>) -> BuildOutput {
    match env {
        None => configured,
        Some(Level::Off | Level::Error) => BuildOutput::Errors,
        Some(Level::Warn | Level::Info) => BuildOutput::Summary,
        Some(Level::Debug | Level::Trace) => BuildOutput::Full,
    }
}

/// One log line as the calling mdBook writes its own, with [`SOURCE`] as the source:
/// ` WARN mdbook-design: ...` (0.5) or `2026-01-31 12:00:00 [WARN] (mdbook-design): ...` (0.4,
/// local time).
pub(crate) fn line(protocol: Protocol, level: Level, message: &str) -> String {
    match protocol {
        Protocol::V05 => format!("{:>5} {SOURCE}: {message}\n", level.word()),
        Protocol::V04 => {
            format!("{} [{}] ({SOURCE}): {message}\n", chrono::Local::now().format("%Y-%m-%d %H:%M:%S"), level.word())
        }
    }
}

/// Whether the context is `mdbook serve`'s: it sets the live-reload endpoint of the HTML output
/// (`live-reload-endpoint` in 0.4.52 and 0.5, `livereload-url` in older 0.4).
pub(crate) fn is_serve(ctx: &Value) -> bool {
    ["/config/output/html/live-reload-endpoint", "/config/output/html/livereload-url"]
        .iter()
        .any(|p| ctx.pointer(p).is_some_and(Value::is_string))
}

/// What a run prints, as the calling mdBook's log lines (see the module comment). `serve_id`
/// names the `mdbook serve` process the run belongs to (its process id); with it, in `serve`, a
/// rebuild prints only what changed since that process's last build.
pub(crate) fn stderr_text(ctx: &Value, protocol: Protocol, report: &Report, serve_id: Option<u32>) -> String {
    let configured =
        Config::from_json(ctx.pointer("/config/preprocessor/design")).map(|c| c.build_output).unwrap_or_default();
    let env = std::env::var(env_var(protocol)).ok();
    let mode = output_mode(configured, env.as_deref().and_then(env_level));
    let src = super::wire::src_name(ctx);
    let serve = match (is_serve(ctx), serve_id) {
        (true, Some(id)) => Some((state_path(ctx), id)),
        _ => None,
    };
    let last = serve.as_ref().and_then(|(path, id)| Digest::load(path.as_deref()?, *id));
    if let Some((Some(path), id)) = &serve {
        Digest::of(report, *id).save(path);
    }
    let trace = env.as_deref().and_then(env_level) == Some(Level::Trace);
    let printer = Printer { protocol, src, report, trace };
    match (mode, last) {
        (BuildOutput::Summary, Some(last)) if !report.denied => printer.changes(&last),
        _ => printer.whole(mode),
    }
}

/// A run's report and how to print it.
struct Printer<'a> {
    protocol: Protocol,
    src: &'a str,
    report: &'a Report,
    /// Whether the environment asks for the tool's `trace` level (what the rebuild cache did).
    trace: bool,
}

impl Printer<'_> {
    /// The whole run at `mode`.
    fn whole(&self, mode: BuildOutput) -> String {
        let (errors, _) = self.counts();
        let mut out = String::new();
        match mode {
            BuildOutput::Errors => {}
            BuildOutput::Summary => out.push_str(&self.warnings(self.report.warnings.iter().collect())),
            BuildOutput::Full => {
                for w in &self.report.warnings {
                    out.push_str(&self.warning(w));
                }
            }
        }
        match mode {
            BuildOutput::Full => {
                out.push_str(&lint_text(self.protocol, self.report, self.src, false));
                out.push_str(&self.summary(false));
                if let Some((parsed, designs)) = self.report.parsed.filter(|_| self.trace) {
                    let said = format!("rebuild cache: {parsed} of {designs} designs parsed, the others reused");
                    out.push_str(&line(self.protocol, Level::Trace, &said));
                }
            }
            BuildOutput::Summary => {
                out.push_str(&self.summary(true));
                out.push_str(&lint_text(self.protocol, self.report, self.src, true));
            }
            BuildOutput::Errors if errors > 0 => {
                out.push_str(&self.summary(true));
                out.push_str(&lint_text(self.protocol, self.report, self.src, true));
            }
            BuildOutput::Errors => {}
        }
        out
    }

    /// What changed since the `last` build: new warnings, each design's new findings in full, a
    /// line per design for the findings that went away, and the counts; nothing when nothing
    /// changed.
    fn changes(&self, last: &Digest) -> String {
        let now = Digest::of(self.report, last.serve);
        let mut out = String::new();
        let new: Vec<&Warning> =
            self.report.warnings.iter().filter(|w| !last.warnings.contains(&warning_key(w))).collect();
        out.push_str(&self.warnings(new));
        let mut fixed = String::new();
        let paths: BTreeSet<&String> = last.designs.keys().chain(now.designs.keys()).collect();
        for path in paths {
            let (before, after) = (last.designs.get(path), now.designs.get(path));
            if before == after {
                continue;
            }
            let gone = multiset_minus(before, after);
            if gone > 0 {
                let s = if gone == 1 { "" } else { "s" };
                fixed.push_str(&line(
                    self.protocol,
                    Level::Info,
                    &format!("{}/{path}: {gone} finding{s} fixed", self.src),
                ));
            }
        }
        // Each design's findings past the ones of the same rule and message it had before, the
        // first SHOWN_FINDINGS of them in full.
        let mut shown = Vec::new();
        let (mut budget, mut more) = (SHOWN_FINDINGS, 0);
        for l in &self.report.lint {
            let mut had: BTreeMap<&str, usize> = BTreeMap::new();
            for key in last.designs.get(&l.path).into_iter().flatten() {
                *had.entry(key.as_str()).or_default() += 1;
            }
            let keys: Vec<String> = l.diagnostics.iter().map(finding_key).collect();
            let new: Vec<Diagnostic> = l
                .diagnostics
                .iter()
                .zip(&keys)
                .filter(|(_, key)| match had.get_mut(key.as_str()) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                })
                .map(|(d, _)| d.clone())
                .collect();
            let take = new.len().min(budget);
            budget -= take;
            more += new.len() - take;
            let new = new[..take].to_vec();
            if !new.is_empty() {
                shown.push((format!("{}/{}", self.src, l.path), l.text.as_deref().unwrap_or_default(), new));
            }
        }
        if out.is_empty() && fixed.is_empty() && shown.is_empty() && more == 0 {
            return out;
        }
        out.push_str(&self.summary(true));
        out.push_str(&fixed);
        out.push_str(&human(&shown));
        if more > 0 {
            let message = format!("{more} more new lint findings not shown; run `mdbook-design lint` to see them all");
            out.push_str(&line(self.protocol, Level::Warn, &message));
        }
        out
    }

    /// The errors and warnings among the findings.
    fn counts(&self) -> (usize, usize) {
        let all = self.report.lint.iter().flat_map(|l| &l.diagnostics);
        let errors = all.clone().filter(|d| d.severity == Severity::Deny).count();
        (errors, all.count() - errors)
    }

    /// The line of counts (at `ERROR` when there are errors), with how to see the findings when
    /// `hint`; nothing without findings.
    fn summary(&self, hint: bool) -> String {
        let (errors, warnings) = self.counts();
        if errors + warnings == 0 {
            return String::new();
        }
        let designs = self.report.rewritten + self.report.passed_through;
        let mut message =
            format!("{}: {}, {}", plural(designs, "design"), plural(errors, "error"), plural(warnings, "warning"));
        if hint && warnings > 0 {
            message.push_str("; run `mdbook-design lint` to see them");
        }
        // Said only beside new findings: a build whose findings are all in the baseline is silent.
        if let Some(note) = crate::feature::lint::baseline::hidden_note(self.report.baselined) {
            message.push_str(&format!(" ({note})"));
        }
        line(self.protocol, if errors > 0 { Level::Error } else { Level::Warn }, &message)
    }

    /// Warnings, one line each, but one line for all those that say the same of more than
    /// [`SAME_WARNINGS`] files (as `include-unlisted` says of every unlisted design).
    fn warnings(&self, warnings: Vec<&Warning>) -> String {
        let mut by_message: BTreeMap<&str, Vec<&Warning>> = BTreeMap::new();
        for w in &warnings {
            by_message.entry(w.message.as_str()).or_default().push(w);
        }
        let mut out = String::new();
        for w in warnings {
            match by_message.get(w.message.as_str()) {
                Some(same) if same.len() > SAME_WARNINGS => {
                    if std::ptr::eq(same[0], w) {
                        let places: Vec<String> =
                            same[..SAME_WARNINGS].iter().map(|w| format!("{}:{}", w.path, w.line)).collect();
                        let message = format!(
                            "{} files: {} ({} and {} more); run with {}=info,{TARGET}=debug to see each",
                            same.len(),
                            w.message,
                            places.join(", "),
                            same.len() - SAME_WARNINGS,
                            env_var(self.protocol)
                        );
                        out.push_str(&line(self.protocol, Level::Warn, &message));
                    }
                }
                _ => out.push_str(&self.warning(w)),
            }
        }
        out
    }

    /// A warning as one line.
    fn warning(&self, w: &Warning) -> String {
        line(self.protocol, Level::Warn, &format!("{}:{}: {}; {}", w.path, w.line, w.message, w.help))
    }
}

/// How many warnings with the same message a summary names one by one.
const SAME_WARNINGS: usize = 3;

/// `n thing` or `n things`.
fn plural(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}

/// Findings, rustc-style, without the total that `lint` ends its report with (the summary line
/// says it).
fn human(files: &[(String, &str, Vec<Diagnostic>)]) -> String {
    let reports: Vec<FileReport<'_>> =
        files.iter().map(|(display, text, diagnostics)| FileReport { display, text, diagnostics }).collect();
    let mut out = render(LintFormat::Human, &reports, false);
    // The report ends with a line of totals after the excerpts (each ending in a blank line).
    if let Some(at) = out.rfind("\n\n") {
        out.truncate(at + 2);
    }
    out
}

/// Lint findings of a run, rustc-style, with paths relative to the book root: the first
/// [`SHOWN_FINDINGS`] in full (denied ones first; only those when `only_denied`), then a line
/// counting the rest by rule.
pub(crate) fn lint_text(protocol: Protocol, report: &Report, src: &str, only_denied: bool) -> String {
    let mut budget = SHOWN_FINDINGS;
    let mut shown: Vec<(String, &str, Vec<Diagnostic>)> = Vec::new();
    let mut hidden: BTreeMap<&str, usize> = BTreeMap::new();
    let passes: &[bool] = if only_denied { &[true] } else { &[true, false] };
    for &denied_pass in passes {
        for l in &report.lint {
            let picked: Vec<&Diagnostic> =
                l.diagnostics.iter().filter(|d| (d.severity == Severity::Deny) == denied_pass).collect();
            let take = picked.len().min(budget);
            budget -= take;
            if take > 0 {
                shown.push((
                    format!("{src}/{}", l.path),
                    l.text.as_deref().unwrap_or_default(),
                    picked[..take].iter().map(|d| (*d).clone()).collect(),
                ));
            }
            for d in &picked[take..] {
                *hidden.entry(d.rule.id()).or_default() += 1;
            }
        }
    }
    let mut out = human(&shown);
    if !hidden.is_empty() {
        let total: usize = hidden.values().sum();
        let by_rule: Vec<String> = hidden.iter().map(|(rule, n)| format!("{rule}: {n}")).collect();
        let level = if only_denied { Level::Error } else { Level::Warn };
        out.push_str(&line(
            protocol,
            level,
            &format!(
                "{total} more lint findings not shown ({}); run `mdbook-design lint` to see them all",
                by_rule.join(", ")
            ),
        ));
    }
    out
}

/// What a finding is across builds: its rule, severity and message, not its place, so a line
/// added above it does not show it again.
fn finding_key(d: &Diagnostic) -> String {
    format!("{}|{:?}|{}", d.rule.id(), d.severity, d.message)
}

/// What a warning is across builds.
fn warning_key(w: &Warning) -> String {
    format!("{}|{}", w.path, w.message)
}

/// How many of `before` are not in `after`, counted as multisets.
fn multiset_minus(before: Option<&Vec<String>>, after: Option<&Vec<String>>) -> usize {
    let mut left: BTreeMap<&str, usize> = BTreeMap::new();
    for key in after.into_iter().flatten() {
        *left.entry(key).or_default() += 1;
    }
    before
        .into_iter()
        .flatten()
        .filter(|key| match left.get_mut(key.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .count()
}

/// The findings of the last `serve` build, per design, and its warnings: all a rebuild needs to
/// print only what changed. Kept in the temporary folder (see [`state_path`]), never in the
/// book; a missing, unreadable or foreign state only means the whole summary is printed.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Digest {
    /// The `mdbook serve` process it belongs to: a new `serve` starts afresh.
    serve: u32,
    /// Each design's findings ([`finding_key`]), by path.
    designs: BTreeMap<String, Vec<String>>,
    /// The warnings ([`warning_key`]).
    warnings: Vec<String>,
}

impl Digest {
    /// The digest of `report`.
    fn of(report: &Report, serve: u32) -> Digest {
        Digest {
            serve,
            designs: report
                .lint
                .iter()
                .map(|l| (l.path.clone(), l.diagnostics.iter().map(finding_key).collect()))
                .collect(),
            warnings: report.warnings.iter().map(warning_key).collect(),
        }
    }

    /// The last build's digest at `path`, when it is this `serve`'s and reads.
    fn load(path: &Path, serve: u32) -> Option<Digest> {
        let digest: Digest = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        (digest.serve == serve).then_some(digest)
    }

    /// Writes the digest to `path` through a temporary file renamed into place; a failure is
    /// ignored (the next build prints its whole summary).
    fn save(&self, path: &Path) {
        let Ok(bytes) = serde_json::to_vec(self) else { return };
        let temp = path.with_extension(format!("{}.tmp", std::process::id()));
        if std::fs::write(&temp, bytes).is_ok() && std::fs::rename(&temp, path).is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }
}

/// Where `serve`'s digest of the book is kept: the temporary folder, one file per book, named
/// by a hash of the book root's canonical path (outside the book, so neither the sources nor
/// the output that `serve` watches and serves change).
fn state_path(ctx: &Value) -> Option<PathBuf> {
    let root = std::fs::canonicalize(ctx.get("root")?.as_str()?).ok()?;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(root.as_os_str().as_encoded_bytes());
    Some(std::env::temp_dir().join(format!("mdbook-design-serve-{:016x}.json", hasher.finish())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_select_this_tool_as_tracing_and_env_logger_do() {
        for (directives, level) in [
            ("", None),
            ("debug", Some(Level::Debug)),
            ("WARN", Some(Level::Warn)),
            ("mdbook_design=debug", Some(Level::Debug)),
            ("mdbook-design=trace", Some(Level::Trace)),
            ("mdbook_design", Some(Level::Trace)),
            ("warn,mdbook_design=debug", Some(Level::Debug)),
            ("mdbook_design=debug,warn", Some(Level::Debug)),
            ("mdbook_design::edge=debug", None),
            ("mdbook_driver=debug", None),
            ("mdbook_driver=debug,error", Some(Level::Error)),
            ("mdbook=debug", Some(Level::Debug)),
            ("info,mdbook=error,mdbook_design=4", Some(Level::Debug)),
            ("mdbook_design=loud", None),
            ("mdbook_design[span{x=1}]=debug", None),
            ("off", Some(Level::Off)),
            ("error,error", Some(Level::Error)),
            ("debug,info", Some(Level::Info)),
        ] {
            assert_eq!(env_level(directives), level, "{directives:?}");
        }
    }

    #[test]
    fn levels_choose_the_output_and_the_environment_wins() {
        use BuildOutput::*;
        assert_eq!(output_mode(Full, None), Full);
        assert_eq!(output_mode(Full, Some(Level::Info)), Summary);
        assert_eq!(output_mode(Summary, Some(Level::Error)), Errors);
        assert_eq!(output_mode(Summary, Some(Level::Off)), Errors);
        assert_eq!(output_mode(Errors, Some(Level::Debug)), Full);
        assert_eq!(output_mode(Summary, Some(Level::Warn)), Summary);
    }

    #[test]
    fn lines_read_like_the_calling_mdbooks() {
        assert_eq!(line(Protocol::V05, Level::Warn, "x"), " WARN mdbook-design: x\n");
        assert_eq!(line(Protocol::V05, Level::Error, "x"), "ERROR mdbook-design: x\n");
        let old = line(Protocol::V04, Level::Info, "x");
        // `2026-01-31 12:00:00 [INFO] (mdbook-design): x`
        assert_eq!(old.len(), "2026-01-31 12:00:00 [INFO] (mdbook-design): x\n".len(), "{old}");
        assert!(old.ends_with(" [INFO] (mdbook-design): x\n") && old.as_bytes()[4] == b'-', "{old}");
    }

    #[test]
    fn serve_is_told_by_the_live_reload_endpoint() {
        let ctx = |html: Value| serde_json::json!({"config": {"output": {"html": html}}});
        assert!(is_serve(&ctx(serde_json::json!({"live-reload-endpoint": "__livereload"}))));
        assert!(is_serve(&ctx(serde_json::json!({"livereload-url": "ws://x"}))));
        assert!(!is_serve(&ctx(serde_json::json!({"site-url": "/"}))));
        assert!(!is_serve(&serde_json::json!({})));
    }

    #[test]
    fn a_summary_names_many_same_warnings_in_one_line() {
        let warning = |path: &str, message: &str| Warning {
            path: path.into(),
            line: 1,
            message: message.into(),
            help: format!("help for {path}"),
        };
        let mut warnings: Vec<Warning> = (0..5).map(|i| warning(&format!("d{i}.md"), "not listed")).collect();
        warnings.insert(2, warning("odd.md", "binary"));
        let report = Report { warnings, ..Report::default() };
        let ctx = serde_json::json!({});
        let summary =
            Printer { protocol: Protocol::V05, src: "src", report: &report, trace: false }.whole(BuildOutput::Summary);
        assert_eq!(
            summary,
            " WARN mdbook-design: 5 files: not listed (d0.md:1, d1.md:1, d2.md:1 and 2 more); run with \
             MDBOOK_LOG=info,mdbook_design=debug to see each\n WARN mdbook-design: odd.md:1: binary; help for odd.md\n"
        );
        let full =
            Printer { protocol: Protocol::V05, src: "src", report: &report, trace: false }.whole(BuildOutput::Full);
        assert_eq!(full.lines().count(), 6, "{full}");
        assert_eq!(stderr_text(&ctx, Protocol::V05, &Report::default(), Some(1)), "", "silent when all is well");
    }

    #[test]
    fn a_serve_rebuild_shows_only_new_findings_and_counts_the_fixed_ones() {
        use crate::feature::lint::Rule;
        use crate::session::LintReport;
        let finding = |message: &str, at: usize| {
            let mut d = Diagnostic::new(Rule::LineLength, at..at + 1, message);
            d.line = 1 + at / 10;
            d.column = 1;
            d
        };
        let text = "line one.\nline two.\nline six.\n".to_string();
        let report = |a: Vec<Diagnostic>, b: Vec<Diagnostic>| Report {
            lint: vec![
                LintReport { path: "a.md".into(), text: Some(text.clone()), diagnostics: a },
                LintReport { path: "b.md".into(), text: Some(text.clone()), diagnostics: b },
            ],
            rewritten: 2,
            ..Report::default()
        };
        let before = report(vec![finding("same in a", 0)], vec![finding("old in b", 0), finding("twice", 10)]);
        let last = Digest::of(&before, 9);
        // a's finding moved a line down (same rule and message), b lost one and got a second `twice`.
        let after = report(vec![finding("same in a", 10)], vec![finding("twice", 10), finding("twice", 20)]);
        let out = Printer { protocol: Protocol::V05, src: "src", report: &after, trace: false }.changes(&last);
        assert!(!out.contains("a.md"), "{out}");
        assert!(out.contains(" INFO mdbook-design: src/b.md: 1 finding fixed\n"), "{out}");
        assert_eq!(out.matches("--> src/b.md:").count(), 1, "{out}");
        assert!(out.contains("--> src/b.md:3:"), "the second `twice` is the new one: {out}");
        assert!(out.starts_with(" WARN mdbook-design: 2 designs: 0 errors, 3 warnings; run"), "{out}");
        // Nothing changed: nothing printed.
        let out = Printer { protocol: Protocol::V05, src: "src", report: &before, trace: false }.changes(&last);
        assert_eq!(out, "");
    }

    #[test]
    fn a_bad_state_file_is_no_state() {
        let dir = std::env::temp_dir().join(format!("mdbook-design-state-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        assert!(Digest::load(&path, 1).is_none(), "missing");
        std::fs::write(&path, b"{not json").unwrap();
        assert!(Digest::load(&path, 1).is_none(), "corrupt");
        let digest =
            Digest { serve: 7, designs: BTreeMap::from([("a.md".into(), vec!["k".into()])]), warnings: vec![] };
        digest.save(&path);
        assert!(Digest::load(&path, 8).is_none(), "another serve's");
        assert_eq!(Digest::load(&path, 7).unwrap().designs, digest.designs);
        // An unwritable place is no failure.
        Digest::default().save(&dir.join("no/such/folder/state.json"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
