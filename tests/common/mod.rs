//! Shared helpers for integration tests: temp books, and the one way every test file finds the
//! corpus ([`corpus`]) and mdBook ([`mdbook`]), and reports what it could not run ([`not_run`]).
#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;

/// The `mdbook-design` binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_mdbook-design")
}

/// Whether this is a CI run (`CI=true`, as CI sets it): then nothing may be skipped, and a
/// missing corpus, mdBook, Node.js or Chromium fails the test that needs it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Reports that the tests needing `what` did not run: a failure under `CI=true` (or when
/// `require_var` is set); otherwise one loud banner per test binary, written past the test
/// harness's capture so that it shows in a passing run, saying how to run them.
pub fn not_run(what: &str, how: &str, require_var: Option<&str>) {
    let required = require_var.filter(|v| std::env::var_os(v).is_some());
    if in_ci() || required.is_some() {
        let why = required.map_or_else(|| "CI=true".to_string(), |v| format!("{v} is set"));
        panic!("{why}, so this test may not be skipped: {what}. {how}");
    }
    static SAID: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if !said.iter().any(|s| s == what) {
        said.push(what.to_string());
        let bar = "=".repeat(100);
        let _ = writeln!(
            std::io::stderr(),
            "\n{bar}\nNOT RUN: {what}; the tests that need it passed WITHOUT CHECKING ANYTHING.\n{how}\n{bar}\n"
        );
    }
    eprintln!("not run: {what}");
}

/// The corpus of real designs: `DESIGN_CORPUS` when set, else `../shared/corpus` beside the
/// checkout. `None` when it is missing (a fresh clone elsewhere): [`not_run`] says so once,
/// loudly, and fails under `CI=true`. A `DESIGN_CORPUS` that is not a folder always fails.
pub fn corpus() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DESIGN_CORPUS") {
        let dir = PathBuf::from(dir);
        assert!(dir.is_dir(), "DESIGN_CORPUS={} is not a folder", dir.display());
        return Some(dir);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        return Some(dir);
    }
    not_run(
        &format!("the design corpus (no folder at {})", dir.display()),
        "To run the corpus tests, put the corpus at ../shared/corpus beside the checkout, or set \
         DESIGN_CORPUS=/path/to/corpus, then run `cargo xtask test`.",
        None,
    );
    None
}

/// The mdBook binary named by `var` (`MDBOOK` for 0.5, `MDBOOK_04` for 0.4; else `mdbook` on
/// `PATH`), checked to be `version`. A missing or wrong mdBook always fails: `cargo xtask test`
/// installs both versions.
pub fn mdbook(var: &str, version: &str) -> PathBuf {
    let path = std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("mdbook"));
    let out = Command::new(&path).arg("--version").output().unwrap_or_else(|e| {
        panic!("cannot run mdBook `{}` ({e}); set {var} or run `cargo xtask test`, which installs it", path.display())
    });
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(version),
        "{var}={} is `{}`, not mdBook {version}; run `cargo xtask test`, which installs it",
        path.display(),
        text.trim()
    );
    path
}

/// A fresh temp folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` (path, text) under `root`.
pub fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

/// The `command = ...` line of `book.toml` that runs the binary under test, ending in a line
/// break. mdBook (0.4.52 and 0.5.4 alike) splits `command` into words as a shell would, with the
/// `shlex` crate, so the path is quoted for that first and then written as a TOML string: a
/// checkout under `/Users/Jane Doe/` still runs one program.
pub fn command_line() -> String {
    let path = bin().replace('\\', "/");
    let word = shlex::try_quote(&path).expect("the binary's path holds no NUL byte");
    format!("command = {}\n", toml::Value::String(word.into_owned()))
}

/// A `book.toml` that runs the binary under test as the design preprocessor.
pub fn book_toml(extra: &str) -> String {
    format!("[book]\ntitle = \"Test\"\n\n[preprocessor.design]\n{}{extra}\n[output.html]\n", command_line())
}

/// Runs `mdbook build` in `root`, at mdBook's default log level whatever the environment says.
pub fn build(mdbook: &Path, root: &Path) -> Output {
    build_at(mdbook, root, None)
}

/// Runs `mdbook build` in `root` with every lint finding printed in full (the `debug` level for
/// the tool, as `MDBOOK_LOG` and `RUST_LOG` say it; `info` for mdBook's own lines, without which
/// both versions would hide even mdBook's errors).
pub fn build_full(mdbook: &Path, root: &Path) -> Output {
    build_at(mdbook, root, Some("info,mdbook_design=debug"))
}

/// Runs `mdbook build` in `root` with `MDBOOK_LOG` and `RUST_LOG` set to `directives`, or unset.
pub fn build_at(mdbook: &Path, root: &Path, directives: Option<&str>) -> Output {
    let mut command = Command::new(mdbook);
    command.arg("build").current_dir(root);
    for var in ["MDBOOK_LOG", "RUST_LOG"] {
        match directives {
            Some(d) => command.env(var, d),
            None => command.env_remove(var),
        };
    }
    command.output().unwrap()
}

/// The lines of `stderr` that name the tool as their source, as mdBook 0.5 (` WARN
/// mdbook-design: `) or 0.4 (`[WARN] (mdbook-design): `) writes them.
pub fn tool_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(" mdbook-design: ") || l.contains(" (mdbook-design): ")).collect()
}

/// Every Markdown design file of the corpus at `corpus`, relative to it.
pub fn corpus_designs(corpus: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(corpus)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().strip_prefix(corpus).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// A book in `root` holding the whole corpus at `corpus` under `src/design/`, every design in
/// SUMMARY.md.
pub fn corpus_book(corpus: &Path, root: &Path, extra_toml: &str) -> Vec<String> {
    let designs = corpus_designs(corpus);
    let mut summary = String::from("# Summary\n\n[Designs](index.md)\n\n");
    for d in &designs {
        let from = corpus.join(d);
        let to = root.join("src/design").join(d);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
        if !d.rsplit('/').next().unwrap().starts_with('_') {
            summary.push_str(&format!("- [{}](<design/{d}>)\n", d.trim_end_matches(".md")));
        }
    }
    write_files(
        root,
        &[
            ("book.toml", &book_toml(extra_toml)),
            ("src/SUMMARY.md", &summary),
            ("src/index.md", "# Designs\n\n{{#design-index}}\n"),
        ],
    );
    designs
}
pub mod oracle;

/// Where screenshots go: `target/artifacts/` (under `CARGO_TARGET_DIR` when it is set).
pub fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let target = if target.is_relative() { Path::new(env!("CARGO_MANIFEST_DIR")).join(target) } else { target };
    target.join("artifacts")
}

/// Whether `node` and Chromium (`CHROMIUM`, else `chromium` on `PATH`) run. When either is
/// missing, [`not_run`] fails the test under `CI=true` or `REQUIRE_BROWSER` (which
/// `cargo xtask test` sets), and otherwise says loudly that the browser tests did not run.
pub fn browser() -> bool {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let have = |program: &str| Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success());
    if have("node") && have(&chromium) {
        return true;
    }
    not_run(
        &format!("the headless browser (`node` or `{chromium}` does not run)"),
        "To run the browser tests, install Node.js and Chromium (`apt-get install -y nodejs chromium`) or set \
         CHROMIUM to a Chromium binary; `cargo xtask test` installs them.",
        Some("REQUIRE_BROWSER"),
    );
    false
}

/// PyYAML's reading of each text (`tests/common/pyyaml_oracle.py`: whether it parses, the line of
/// its error, and its top-level keys), or `None` (said by [`not_run`]) without python3 and PyYAML.
/// PyYAML is the YAML oracle: an implementation apart from the one the build reads with.
pub fn pyyaml(texts: &[&str]) -> Option<Vec<serde_json::Value>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/pyyaml_oracle.py");
    let child = Command::new("python3")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let missing = |why: String| {
        not_run(
            &format!("python3 with PyYAML, the YAML oracle ({why})"),
            "Install them (`pip install pyyaml`), then run the tests again.",
            None,
        );
        None
    };
    let mut child = match child {
        Ok(child) => child,
        Err(e) => return missing(e.to_string()),
    };
    let input = serde_json::to_vec(texts).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    if !out.status.success() {
        return missing(String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("").to_string());
    }
    Some(serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).expect("the oracle writes JSON"))
}
