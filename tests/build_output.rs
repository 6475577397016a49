//! What `mdbook build` and `mdbook serve` print of the tool, with real mdBook 0.5.4 and 0.4.52:
//! a fresh book with one new design builds with one line naming the tool; the levels
//! (`MDBOOK_LOG`, `RUST_LOG`, `build-output`) show everything or only errors; a `serve` rebuild
//! prints only the findings of the design that changed.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The two mdBook versions: the variable naming the binary, its version, the variable it reads
/// its log level from.
const VERSIONS: [(&str, &str, &str); 2] = [("MDBOOK", "0.5.4", "MDBOOK_LOG"), ("MDBOOK_04", "0.4.52", "RUST_LOG")];

/// `PATH` with the folder of the binary under test first: the tool as installed, which mdBook
/// runs as `mdbook-design` (what `install` writes, with no `command`).
fn path_with_tool() -> std::ffi::OsString {
    let dir = Path::new(bin()).parent().unwrap().to_path_buf();
    let old = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(dir).chain(std::env::split_paths(&old))).unwrap()
}

/// Runs `mdbook args` in `root` with the tool on `PATH` and the log variables set as `env` says
/// (both unset otherwise).
fn mdbook_run(mdbook: &Path, root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(mdbook);
    command.args(args).current_dir(root).env("PATH", path_with_tool());
    command.env_remove("MDBOOK_LOG").env_remove("RUST_LOG");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().unwrap()
}

/// Runs the tool's own command line in `root`.
fn tool(root: &Path, args: &[&str]) {
    let out = Command::new(bin()).args(args).current_dir(root).output().unwrap();
    assert!(out.status.success(), "mdbook-design {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A fresh `mdbook init` book in `dir`, with the tool installed and the new designs `titles`.
fn fresh_book(mdbook: &Path, dir: &str, titles: &[&str]) -> PathBuf {
    init_book(mdbook, temp_dir(dir), titles)
}

/// [`fresh_book`] in `root`.
fn init_book(mdbook: &Path, root: PathBuf, titles: &[&str]) -> PathBuf {
    let out = Command::new(mdbook).args(["init", "--force", "--title", "Fresh"]).current_dir(&root).output().unwrap();
    assert!(out.status.success(), "mdbook init: {}", String::from_utf8_lossy(&out.stderr));
    tool(&root, &["install"]);
    for title in titles {
        tool(&root, &["new", title]);
    }
    root
}

/// How many findings `mdbook-design lint` reports on the book (the oracle for the counts), and
/// how many of them are errors.
fn lint_counts(root: &Path) -> (usize, usize) {
    let out = Command::new(bin()).args(["lint", "--format", "json"]).current_dir(root).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    let errors = findings.iter().filter(|f| f["severity"] == "deny").count();
    (findings.len(), errors)
}

/// Whether `line` is a log line as `version` of mdBook writes them (its own or the tool's).
fn is_log_line(version: &str, line: &str) -> bool {
    if version.starts_with("0.5") {
        let level = line.trim_start().split(' ').next().unwrap_or("");
        ["ERROR", "WARN", "INFO", "DEBUG", "TRACE"].contains(&level)
    } else {
        // `2026-01-31 12:00:00 [INFO] (mdbook::book): ...`
        let b = line.as_bytes();
        b.len() > 21 && b[4] == b'-' && b[7] == b'-' && b[13] == b':' && line[19..].starts_with(" [")
    }
}

#[test]
fn a_fresh_book_with_one_new_design_builds_with_one_line_from_the_tool() {
    for (var, version, _) in VERSIONS {
        let mdbook = mdbook(var, version);
        let root = fresh_book(&mdbook, &format!("output-fresh-{version}"), &[]);
        // Installed, no design yet: nothing to say.
        let out = mdbook_run(&mdbook, &root, &["build"], &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{version}: {stderr}");
        assert_eq!(tool_lines(&stderr), Vec::<&str>::new(), "{version}: silent when all is well:\n{stderr}");

        tool(&root, &["new", "Faster builds"]);
        let (findings, errors) = lint_counts(&root);
        assert!(findings > 10 && errors == 0, "{version}: a fresh design has template text left: {findings}");
        let out = mdbook_run(&mdbook, &root, &["build"], &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{version}: {stderr}");
        let lines = tool_lines(&stderr);
        assert_eq!(lines.len(), 1, "{version}: one line from the tool:\n{stderr}");
        let want = format!("1 design: 0 errors, {findings} warnings; run `mdbook-design lint` to see them");
        assert!(lines[0].ends_with(&want), "{version}: `{}` does not end with `{want}`", lines[0]);
        assert!(lines[0].contains("WARN"), "{version}: {}", lines[0]);
        // Every line of the build is a log line: no excerpt, no stray output.
        for line in stderr.lines() {
            assert!(is_log_line(version, line), "{version}: not a log line: `{line}` in:\n{stderr}");
        }
    }
}

#[test]
fn levels_show_every_finding_or_only_errors() {
    for (var, version, log) in VERSIONS {
        let mdbook = mdbook(var, version);
        let root = fresh_book(&mdbook, &format!("output-levels-{version}"), &["Faster builds"]);
        let (findings, _) = lint_counts(&root);
        let build = |env: &[(&str, &str)]| {
            let out = mdbook_run(&mdbook, &root, &["build"], env);
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(out.status.success(), "{version} {env:?}: {stderr}");
            stderr
        };
        let excerpts = |stderr: &str| stderr.lines().filter(|l| l.starts_with("warning[")).count();

        // debug for the tool: every finding in full, and the counts without the hint.
        let full = build(&[(log, "mdbook_design=debug")]);
        assert_eq!(excerpts(&full), findings, "{version}:\n{full}");
        let lines = tool_lines(&full);
        assert_eq!(lines.len(), 1, "{version}:\n{full}");
        assert!(lines[0].ends_with(&format!("1 design: 0 errors, {findings} warnings")), "{version}: {}", lines[0]);
        // A global level reads the same; `info` is the default.
        assert_eq!(excerpts(&build(&[(log, "debug")])), findings, "{version}");
        assert_eq!(tool_lines(&build(&[(log, "info")])).len(), 1, "{version}");
        // error: no errors, so nothing.
        let quiet = build(&[(log, "error")]);
        assert_eq!(tool_lines(&quiet), Vec::<&str>::new(), "{version}:\n{quiet}");
        assert_eq!(excerpts(&quiet), 0, "{version}:\n{quiet}");

        // The key: full, errors; the environment wins over it.
        let toml = std::fs::read_to_string(root.join("book.toml")).unwrap();
        let with_key = |value: &str| {
            let text = toml
                .replace("[preprocessor.design]\n", &format!("[preprocessor.design]\nbuild-output = \"{value}\"\n"));
            assert_ne!(text, toml);
            std::fs::write(root.join("book.toml"), text).unwrap();
        };
        with_key("full");
        assert_eq!(excerpts(&build(&[])), findings, "{version}: build-output = \"full\"");
        assert_eq!(excerpts(&build(&[(log, "warn")])), 0, "{version}: the environment wins");
        with_key("errors");
        assert_eq!(tool_lines(&build(&[])), Vec::<&str>::new(), "{version}: build-output = \"errors\"");

        // An error (a link to a missing design) shows in full, at the `errors` level too.
        let design = root.join("src/design/faster-builds.md");
        let text = std::fs::read_to_string(&design).unwrap();
        std::fs::write(&design, format!("{text}\nSee [the other one](missing.md).\n")).unwrap();
        for env in [&[][..], &[(log, "error")][..]] {
            let stderr = build(env);
            let lines = tool_lines(&stderr);
            assert_eq!(lines.len(), 1, "{version} {env:?}:\n{stderr}");
            assert!(lines[0].contains("ERROR") && lines[0].contains("1 design: 1 error, "), "{version}: {}", lines[0]);
            assert_eq!(stderr.lines().filter(|l| l.starts_with("error[broken-design-link]")).count(), 1, "{stderr}");
            assert_eq!(excerpts(&stderr), 0, "{version} {env:?}: warnings stay hidden:\n{stderr}");
        }
        std::fs::write(root.join("book.toml"), &toml).unwrap();
    }
}

/// A fresh folder in the system's temporary folder, removed when dropped. Its name is the same on
/// every run from this checkout, so the one state file `serve` keeps for it is reused.
struct OutsideDir(PathBuf);

impl OutsideDir {
    fn new(name: &str) -> OutsideDir {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        env!("CARGO_MANIFEST_DIR").hash(&mut hasher);
        let dir = std::env::temp_dir().join(format!("mdbook-design-test-{:x}-{name}", hasher.finish()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        OutsideDir(dir)
    }
}

impl Drop for OutsideDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A running `mdbook serve` whose standard error goes to a file.
struct Serve {
    child: std::process::Child,
    log: PathBuf,
}

impl Serve {
    fn start(mdbook: &Path, root: &Path, log_name: &str) -> Serve {
        // A port that is free now (the OS picks it).
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = root.join(log_name);
        let child = Command::new(mdbook)
            .args(["serve", "-n", "127.0.0.1", "-p", &port.to_string()])
            .current_dir(root)
            .env("PATH", path_with_tool())
            .env_remove("MDBOOK_LOG")
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        Serve { child, log }
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until `build`s have reached the renderer (the preprocessors ran); returns the text.
    fn wait_for_builds(&self, builds: usize) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if text.matches("Running the html backend").count() >= builds {
                return text;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "build {builds} never came:\n{text}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_rebuilds_print_only_what_changed() {
    for (var, version, _) in VERSIONS {
        let mdbook = mdbook(var, version);
        // Outside the checkout: mdBook's watcher skips what the repository's `.gitignore` ignores
        // (`target/`, where the other tests' books are).
        let dir = OutsideDir::new(&format!("output-serve-{version}"));
        let root = init_book(&mdbook, dir.0.clone(), &["Alpha plan", "Beta plan"]);
        let (findings, _) = lint_counts(&root);
        let serve = Serve::start(&mdbook, &root, "serve.log");
        // The first build prints the summary, as `mdbook build` does.
        let first = serve.wait_for_builds(1);
        let lines = tool_lines(&first);
        assert_eq!(lines.len(), 1, "{version}:\n{first}");
        assert!(lines[0]
            .ends_with(&format!("2 designs: 0 errors, {findings} warnings; run `mdbook-design lint` to see them")));
        // mdBook starts watching after the first build; let its watcher settle.
        std::thread::sleep(Duration::from_millis(1500));

        // An unrelated chapter changes: nothing from the tool.
        std::fs::write(root.join("src/chapter_1.md"), "# Chapter 1\n\nNew words.\n").unwrap();
        let all = serve.wait_for_builds(2);
        let second = &all[first.len()..];
        assert_eq!(tool_lines(second), Vec::<&str>::new(), "{version}: an unrelated change:\n{second}");
        std::thread::sleep(Duration::from_millis(1500));

        // One design changes: one template line fixed, one broken link added.
        let beta = root.join("src/design/beta-plan.md");
        let text = std::fs::read_to_string(&beta).unwrap();
        let edited = text.replacen("This is the title of the design.\nKeep it simple and descriptive.\n", "Beta.\n", 1);
        assert_ne!(edited, text, "{version}: the template's first lines moved");
        std::fs::write(&beta, format!("{edited}\nSee [the other one](missing.md).\n")).unwrap();
        let all = serve.wait_for_builds(3);
        let third = &all[first.len() + second.len()..];
        assert!(!third.contains("alpha-plan"), "{version}: only the changed design:\n{third}");
        assert_eq!(third.matches("--> src/design/beta-plan.md:").count(), 1, "{version}: the new finding:\n{third}");
        assert_eq!(third.lines().filter(|l| l.starts_with("error[broken-design-link]")).count(), 1, "{third}");
        let lines = tool_lines(third);
        assert_eq!(lines.len(), 2, "{version}: the counts and what was fixed:\n{third}");
        assert!(lines[0].contains(&format!("2 designs: 1 error, {} warnings", findings - 1)), "{}", lines[0]);
        assert!(lines[1].ends_with("src/design/beta-plan.md: 1 finding fixed"), "{}", lines[1]);
    }
}
