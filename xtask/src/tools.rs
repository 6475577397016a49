//! Finding or installing the external programs the tests need.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The mdBook versions the integration tests run.
pub const MDBOOK_05: &str = "0.5.4";
/// The last 0.4 release, still used by many projects.
pub const MDBOOK_04: &str = "0.4.52";

/// An `mdbook` binary of exactly `version`: from `env_var`, from PATH, from target/tools, or
/// installed there with `cargo install`.
pub fn mdbook(root: &Path, version: &str, env_var: &str) -> Result<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(path) = std::env::var_os(env_var) {
        candidates.push(path.into());
    }
    let tools = root.join("target/tools").join(format!("mdbook-{version}"));
    candidates.push(tools.join("bin/mdbook"));
    candidates.push("mdbook".into());
    for candidate in &candidates {
        if version_of(candidate).is_some_and(|v| v.contains(&format!("v{version}"))) {
            return Ok(candidate.clone());
        }
    }
    eprintln!("xtask: installing mdBook {version} into {} with cargo install (takes 2 to 3 minutes)", tools.display());
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["install", "mdbook", "--locked", "--version", version, "--root"])
        .arg(&tools)
        .status()
        .context("cannot run cargo install")?;
    if !status.success() {
        bail!("`cargo install mdbook --version {version}` failed");
    }
    eprintln!("xtask: installed mdBook {version}");
    Ok(tools.join("bin/mdbook"))
}

fn version_of(program: &Path) -> Option<String> {
    let out = Command::new(program).arg("--version").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Debian's Chromium for the browser test, installed with apt when missing and allowed.
pub fn chromium() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Ok(path.into());
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if version_of(Path::new(name)).is_some() {
            return Ok(name.into());
        }
    }
    apt_install(
        "chromium",
        "Chromium is needed for the browser test: install Debian's `chromium` package, or set CHROMIUM",
    )?;
    Ok("chromium".into())
}

/// Node.js, which drives Chromium in the browser test, installed with apt when missing.
pub fn node() -> Result<PathBuf> {
    if version_of(Path::new("node")).is_none() {
        apt_install("nodejs", "Node.js is needed for the browser test: install Debian's `nodejs` package")?;
    }
    Ok("node".into())
}

/// Neovim, whose built-in client is one of the language server's test clients, installed with apt
/// when missing.
pub fn neovim() -> Result<()> {
    if version_of(Path::new("nvim")).is_none() {
        apt_install("neovim", "Neovim is needed for the language server test: install Debian's `neovim` package")?;
    }
    Ok(())
}

/// pytest and pytest-lsp, the language server suite's client, installed with pip when missing.
pub fn pytest_lsp() -> Result<()> {
    let has =
        || Command::new("python3").args(["-c", "import pytest, pytest_lsp"]).output().is_ok_and(|o| o.status.success());
    if has() {
        return Ok(());
    }
    eprintln!("xtask: installing pytest and pytest-lsp with pip for the language server test");
    let status = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pytest", "pytest-lsp"])
        .status();
    if !matches!(status, Ok(s) if s.success()) || !has() {
        bail!("`pip install pytest pytest-lsp` failed; the language server test needs them");
    }
    Ok(())
}

/// Installs a Debian package with apt (as root only); `why` is the error otherwise.
fn apt_install(package: &str, why: &str) -> Result<()> {
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    if !is_root {
        bail!("{why}");
    }
    eprintln!("xtask: installing Debian's {package} for the tests");
    let update = Command::new("apt-get").args(["update", "-q"]).status();
    let install = Command::new("apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends", package])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status();
    if !matches!((update, install), (Ok(u), Ok(i)) if u.success() && i.success()) {
        bail!("`apt-get install {package}` failed; {why}");
    }
    Ok(())
}
