//! Runs the language server's end-to-end suite (tests/lsp/, pytest-lsp: a real LSP client)
//! against the binary cargo built. Without Python's pytest-lsp the suite is NOT RUN, which fails
//! under CI=true (`.ci/run` installs it).

mod common;

use std::process::Command;

#[test]
fn lsp_end_to_end_with_pytest_lsp() {
    let has =
        Command::new("python3").args(["-c", "import pytest, pytest_lsp"]).output().is_ok_and(|o| o.status.success());
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

/// Neovim's built-in client (headless, `tests/lsp/nvim_smoke.lua`) attaches the server to a
/// design and receives the diagnostics that `lint --format json` gives for the same file.
#[test]
fn lsp_in_neovim_headless() {
    if !Command::new("nvim").arg("--version").output().is_ok_and(|o| o.status.success()) {
        common::not_run("Neovim (nvim)", "install it with `apt-get install neovim`", None);
        return;
    }
    let root = common::temp_dir("lsp-nvim");
    std::fs::create_dir_all(root.join("src/design")).unwrap();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"T\"\n\n[preprocessor.design]\n").unwrap();
    std::fs::write(root.join("src/SUMMARY.md"), "# Summary\n\n- [W](design/w.md)\n").unwrap();
    let design = root.join("src/design/w.md");
    std::fs::write(&design, "# Widget\n\n## Status\n\nOne of: implementable\n\n## Summary\n\nFast.\n").unwrap();
    let out_file = root.join("diagnostics.jsonl");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp/nvim_smoke.lua");
    let out = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("MDBOOK_DESIGN_BIN", common::bin())
        .env("DESIGN", &design)
        .env("OUT", &out_file)
        .output()
        .expect("nvim runs");
    assert!(out.status.success(), "nvim: {}", String::from_utf8_lossy(&out.stderr));
    let mut got: Vec<(u64, u64, String, String)> = std::fs::read_to_string(&out_file)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["line"].as_u64().unwrap(),
                v["col"].as_u64().unwrap(),
                v["code"].as_str().unwrap().into(),
                v["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    let lint = Command::new(common::bin())
        .args(["lint", "--format", "json"])
        .arg(&design)
        .current_dir(&root)
        .output()
        .unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap();
    // The text is ASCII: Neovim's byte columns are the CLI's character columns less one.
    let mut want: Vec<(u64, u64, String, String)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap() - 1,
                f["column"].as_u64().unwrap() - 1,
                f["rule"].as_str().unwrap().into(),
                f["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    got.sort();
    want.sort();
    assert!(!want.is_empty());
    assert_eq!(got, want);
}
