//! Runs the language server's end-to-end suite (tests/lsp/, pytest-lsp: a real LSP client)
//! against the binary cargo built. Without Python's pytest-lsp the suite is NOT RUN, which fails
//! under CI=true (`.ci/run` installs it).

mod common;

use std::process::Command;

#[test]
fn lsp_end_to_end_with_pytest_lsp() {
    let has = Command::new("python3")
        .args(["-c", "import pytest, pytest_lsp"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        common::not_run("pytest-lsp (Python)", "install it with `pip install pytest pytest-lsp`", None);
        return;
    }
    let out = Command::new("python3")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/lsp"])
        .env("MDBOOK_DESIGN_BIN", common::bin())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3 runs");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the pytest-lsp suite failed:\n{report}");
    assert!(report.contains(" passed"), "the suite ran no test:\n{report}");
}
