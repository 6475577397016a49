//! `cargo xtask test`: the whole test suite, with the external programs it needs.

use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{tools, workspace_root};

/// Installs what is missing, then runs `cargo test --workspace` with the tools' paths set.
pub fn run(extra: &[String]) -> Result<()> {
    let root = workspace_root();
    eprintln!(
        "xtask: finding mdBook {} and {}, Chromium and Node.js for the tests",
        tools::MDBOOK_05,
        tools::MDBOOK_04
    );
    let mdbook_05 = tools::mdbook(&root, tools::MDBOOK_05, "MDBOOK")?;
    let mdbook_04 = tools::mdbook(&root, tools::MDBOOK_04, "MDBOOK_04")?;
    let chromium = tools::chromium()?;
    let node = tools::node()?;
    tools::neovim()?;
    tools::pytest_lsp()?;
    python_oracles()?;
    eprintln!(
        "xtask: mdBook {} ({}), mdBook {} ({}), Chromium ({}), Node.js ({})",
        tools::MDBOOK_05,
        mdbook_05.display(),
        tools::MDBOOK_04,
        mdbook_04.display(),
        chromium.display(),
        node.display()
    );
    eprintln!("xtask: running cargo test --workspace (it builds the tests first: minutes on a fresh clone)");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--workspace", "--no-fail-fast"])
        .args(extra)
        .env("MDBOOK", &mdbook_05)
        .env("MDBOOK_04", &mdbook_04)
        .env("CHROMIUM", &chromium)
        .env("REQUIRE_BROWSER", "1")
        .env("REQUIRE_PYTHON_ORACLES", "1")
        .current_dir(&root)
        .status()
        .context("cannot run cargo test")?;
    if !status.success() {
        bail!("tests failed");
    }
    eprintln!("xtask: every test passed");
    Ok(())
}

/// Python's `jsonschema`, `feedparser` and `lxml`, the oracles of `tests/design_data.rs`,
/// installed with pip when missing.
fn python_oracles() -> Result<()> {
    let have = || {
        Command::new("python3")
            .args(["-c", "import jsonschema, feedparser, lxml"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if have() {
        return Ok(());
    }
    eprintln!("xtask: installing jsonschema, feedparser and lxml with pip");
    let status = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "jsonschema", "feedparser", "lxml"])
        .status()
        .context("cannot run python3 -m pip")?;
    if !status.success() || !have() {
        bail!("cannot install jsonschema, feedparser and lxml with pip");
    }
    Ok(())
}
