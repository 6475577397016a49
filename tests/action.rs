//! The GitHub Action's pull request summary (action.yml's "Pull request summary" step) run as
//! GitHub runs it: its `run:` line and `env:` taken from action.yml, with the variables GitHub
//! sets (GITHUB_BASE_REF, GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY), in a clone of a temporary
//! repository whose pull request changes one design's status, adds a design and adds one lint
//! finding. The summary is checked against what the test wrote, and its lint totals against
//! `mdbook-design lint --format json` run on each revision's checkout.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

const GOOD: &str = include_str!("fixtures/a-good-design.md");

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap_or_else(|e| panic!("cannot run git: {e}"));
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A design from the good fixture with another title and status.
fn design(title: &str, status: &str) -> String {
    let text =
        GOOD.replace("# A good design", &format!("# {title}")).replace("\nimplementable\n", &format!("\n{status}\n"));
    assert!(text.starts_with(&format!("# {title}\n")) && text.contains(&format!("\n{status}\n")));
    text
}

/// (errors, warnings) of `mdbook-design lint --book docs --format json` in `dir`.
fn lint_totals(dir: &Path) -> (usize, usize) {
    let out = Command::new(common::bin())
        .args(["lint", "--book", "docs", "--format", "json"])
        .current_dir(dir)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("lint's JSON");
    let severity = |s: &str| json.as_array().unwrap().iter().filter(|d| d["severity"] == s).count();
    (severity("deny"), severity("warn"))
}

/// The step of action.yml named `name`: its `run:` and its `env:` (values as written).
fn action_step(name: &str) -> (String, BTreeMap<String, String>) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml")).unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("action.yml is YAML");
    assert_eq!(docs[0]["runs"]["using"].as_str(), Some("composite"));
    let steps = docs[0]["runs"]["steps"].as_vec().expect("runs.steps");
    let step = steps.iter().find(|s| s["name"].as_str() == Some(name)).unwrap_or_else(|| panic!("no step `{name}`"));
    assert_eq!(step["shell"].as_str(), Some("bash"));
    let env = step["env"]
        .as_hash()
        .map(|h| h.iter().map(|(k, v)| (k.as_str().unwrap().to_string(), v.as_str().unwrap().to_string())).collect())
        .unwrap_or_default();
    (step["run"].as_str().expect("a run: line").to_string(), env)
}

#[test]
fn pull_request_summary_step_writes_status_changes_additions_and_lint_totals() {
    let root = common::temp_dir("action-summary");
    let upstream = root.join("upstream");
    let work = root.join("work");
    std::fs::create_dir_all(&upstream).unwrap();
    let summary = "# Summary\n\n- [Alpha](design/alpha.md)\n- [Beta](design/beta.md)\n";
    common::write_files(
        &upstream,
        &[
            ("docs/book.toml", &common::book_toml("")),
            ("docs/src/SUMMARY.md", summary),
            ("docs/src/design/alpha.md", &design("Alpha", "provisional")),
            ("docs/src/design/beta.md", &design("Beta", "implementable")),
        ],
    );
    git(&upstream, &["init", "-q", "-b", "main"]);
    git(&upstream, &["add", "-A"]);
    git(&upstream, &["commit", "-q", "-m", "base"]);
    git(&root, &["clone", "-q", upstream.to_str().unwrap(), "work"]);
    let (base_errors, base_warnings) = lint_totals(&work);

    // The pull request: Alpha provisional -> implementable, Gamma added, one long line in Beta.
    git(&work, &["checkout", "-q", "-b", "feature"]);
    let long = format!("\n{}\n", "word ".repeat(30).trim_end());
    common::write_files(
        &work,
        &[
            ("docs/src/design/alpha.md", &design("Alpha", "implementable")),
            ("docs/src/design/beta.md", &(design("Beta", "implementable") + &long)),
            ("docs/src/design/gamma.md", &design("Gamma", "provisional")),
            ("docs/src/SUMMARY.md", &format!("{summary}- [Gamma](design/gamma.md)\n")),
        ],
    );
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-q", "-m", "the pull request"]);
    let (head_errors, head_warnings) = lint_totals(&work);
    assert_eq!(head_warnings, base_warnings + 1, "the pull request adds one finding (line-length)");

    let (run, env) = action_step("Pull request summary");
    let step_summary = root.join("step-summary.md");
    std::fs::write(&step_summary, "Earlier step's summary.\n").unwrap();
    let bin_dir = Path::new(common::bin()).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin_dir.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let mut command = Command::new("bash");
    command.arg("-c").arg(&run).current_dir(&work);
    for (key, value) in &env {
        let value = match value.as_str() {
            "${{ inputs.book }}" => "docs".to_string(),
            "${{ github.action_path }}" => env!("CARGO_MANIFEST_DIR").to_string(),
            other => panic!("the test does not know what GitHub puts in {key}: {other}"),
        };
        command.env(key, value);
    }
    let out: Output = command
        .env("PATH", path)
        .env("GITHUB_BASE_REF", "main")
        .env("GITHUB_WORKSPACE", &work)
        .env("GITHUB_STEP_SUMMARY", &step_summary)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&step_summary).unwrap();
    assert!(text.starts_with("Earlier step's summary.\n## Design proposals\n"), "appended: {text}");
    assert!(text.contains("Compared with `origin/main`"), "{text}");
    let section = |name: &str| -> String {
        let start = text.find(&format!("### {name}\n")).unwrap_or_else(|| panic!("no {name}: {text}"));
        let rest = &text[start + 4..];
        rest[..rest.find("### ").unwrap_or(rest.len())].to_string()
    };
    let changes = section("Status changes");
    assert!(changes.contains("| Alpha | `design/alpha.md` | provisional -> implementable |"), "{changes}");
    assert!(!changes.contains("Beta") && !changes.contains("Gamma"), "{changes}");
    let added = section("Added designs");
    assert!(added.contains("| Gamma | `design/gamma.md` | provisional |"), "{added}");
    assert!(!added.contains("Alpha") && !added.contains("Beta"), "{added}");
    let lint = section("Lint");
    let row =
        |name: &str, was: usize, now: usize| format!("| {name} | {was} | {now} | {:+} |", now as i64 - was as i64);
    assert!(lint.contains(&row("designs", 2, 3)), "{lint}");
    assert!(lint.contains(&row("errors", base_errors, head_errors)), "{lint}");
    assert!(lint.contains(&row("warnings", base_warnings, head_warnings)), "{lint}");

    // Not a pull request: nothing is written.
    let before = std::fs::read_to_string(&step_summary).unwrap();
    let mut command = Command::new("bash");
    command.arg("-c").arg(&run).current_dir(&work).env("GITHUB_BASE_REF", "").env("GITHUB_STEP_SUMMARY", &step_summary);
    command.env("ACTION_PATH", env!("CARGO_MANIFEST_DIR")).env("INPUT_BOOK", "docs");
    assert!(command.output().unwrap().status.success());
    assert_eq!(std::fs::read_to_string(&step_summary).unwrap(), before);
    // A base the clone does not have (a shallow checkout): exit code 2 and what to do.
    let out = Command::new(common::bin())
        .args(["pr-summary", "--book", "docs", "--base", "origin/no-such-branch"])
        .current_dir(&work)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`origin/no-such-branch` names no commit") && stderr.contains("fetch-depth: 0"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "no half-written summary");
    let _ = std::fs::remove_dir_all(&root);
}

/// action.yml's lint step, run as GitHub runs it, with and without its `baseline` input: the
/// baseline reaches `lint --baseline`, so a book whose one finding at `deny` is in the baseline
/// records exit code 0 and no annotation, and without the input the same book records 1.
#[test]
fn lint_step_passes_the_baseline_input_to_lint() {
    let work = common::temp_dir("action-lint-baseline");
    common::write_files(
        &work,
        &[
            ("docs/book.toml", &common::book_toml("")),
            ("docs/src/SUMMARY.md", "# Summary\n\n- [Alpha](design/alpha.md)\n"),
            ("docs/src/design/alpha.md", &design("Alpha", "someday")),
        ],
    );
    let o = Command::new(common::bin())
        .args(["lint", "--book", "docs", "--write-baseline", "docs/lint-baseline.json"])
        .current_dir(&work)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (run, env) = action_step("Lint the designs");
    let bin_dir = Path::new(common::bin()).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(bin_dir.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    for (baseline, code, annotations) in [("docs/lint-baseline.json", "0", 0), ("", "1", 1)] {
        let output_file = work.join("github-output");
        std::fs::write(&output_file, "").unwrap();
        let mut command = Command::new("bash");
        command.arg("-c").arg(&run).current_dir(&work);
        for (key, value) in &env {
            let value = match value.as_str() {
                "${{ inputs.book }}" => "docs",
                "${{ inputs.baseline }}" => baseline,
                "${{ inputs.sarif-file }}" => "out.sarif",
                "${{ github.action_path }}" => env!("CARGO_MANIFEST_DIR"),
                other => panic!("the test does not know what GitHub puts in {key}: {other}"),
            };
            command.env(key, value);
        }
        let out = command.env("PATH", &path).env("GITHUB_WORKSPACE", &work).env("GITHUB_OUTPUT", &output_file).output();
        let out = out.unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let outputs = std::fs::read_to_string(&output_file).unwrap();
        assert!(outputs.contains(&format!("exit-code={code}\n")), "baseline `{baseline}`: {outputs}");
        assert_eq!(stdout.lines().filter(|l| l.starts_with("::error")).count(), annotations, "{stdout}");
        let sarif: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(work.join("out.sarif")).unwrap()).unwrap();
        assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), annotations, "baseline `{baseline}`");
    }
    let _ = std::fs::remove_dir_all(&work);
}

/// The three places that name the release archives agree: the release workflow that makes them,
/// `[package.metadata.binstall]` that `cargo binstall` reads, and the action's install script;
/// every runner the script maps to a target has that target built.
#[test]
fn release_archives_binstall_and_the_install_script_name_the_same_files() {
    let read = |path: &str| std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    let workflow_text = read(".github/workflows/release.yml");
    let workflow = &yaml_rust2::YamlLoader::load_from_str(&workflow_text).unwrap()[0];
    let matrix = workflow["jobs"]["build"]["strategy"]["matrix"]["include"].as_vec().expect("a build matrix");
    let targets: Vec<&str> = matrix.iter().map(|m| m["target"].as_str().unwrap()).collect();
    for wanted in [
        "x86_64-unknown-linux-gnu",
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-gnu",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&wanted), "release.yml does not build {wanted}");
    }
    // What the workflow's Pack step names them (TAG is the `vX.Y.Z` tag), and the script.
    assert!(workflow_text.contains(r#"name="mdbook-design-${TAG}-${TARGET}""#));
    assert!(workflow_text.contains(r#"archive="$name.zip""#) && workflow_text.contains(r#"archive="$name.tar.gz""#));
    let script = read("scripts/action-install.sh");
    assert!(script.contains(r#"name="mdbook-design-v${version}-${target}""#));
    for line in script.lines().filter(|l| l.contains(") target=")) {
        let target = line.split("target=").nth(1).unwrap().split(' ').next().unwrap();
        assert!(targets.contains(&target), "the install script downloads {target}, which release.yml does not build");
    }

    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    let render = |template: &str, target: &str| {
        template
            .replace("{ repo }", "REPO")
            .replace("{ version }", "1.2.3")
            .replace("{ name }", "mdbook-design")
            .replace("{ target }", target)
            .replace("{ bin }", "mdbook-design")
            .replace("{ binary-ext }", if target.contains("windows") { ".exe" } else { "" })
    };
    for target in &targets {
        let windows = target.contains("windows");
        let table = if windows { &binstall["overrides"][*target] } else { binstall };
        let url = render(table["pkg-url"].as_str().unwrap(), target);
        let folder = format!("mdbook-design-v1.2.3-{target}");
        let archive = format!("{folder}.{}", if windows { "zip" } else { "tar.gz" });
        assert_eq!(url, format!("REPO/releases/download/v1.2.3/{archive}"), "{target}");
        assert_eq!(table["pkg-fmt"].as_str(), Some(if windows { "zip" } else { "tgz" }), "{target}");
        let bin = render(binstall["bin-dir"].as_str().unwrap(), target);
        assert_eq!(bin, format!("{folder}/mdbook-design{}", if windows { ".exe" } else { "" }));
    }
}

/// The release workflow's Pack step makes an archive and its `.sha256` from a built binary; the
/// action's install step, pointed at them (curl reads `file://` as GitHub's release download),
/// checks the checksum, unpacks it and puts the binary on the job's PATH. Both steps run their
/// own `run:` lines from the YAML files. A corrupted archive is refused.
#[test]
fn install_step_takes_the_release_archive_that_the_pack_step_makes() {
    if !["curl", "tar", "sha256sum"].iter().all(|p| Command::new(p).arg("--version").output().is_ok()) {
        common::not_run("curl, tar and sha256sum", "Install them (every GitHub Linux runner has them).", None);
        return;
    }
    let root = common::temp_dir("action-install");
    // The Pack step, in a folder laid out as the build leaves it.
    let workflow_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/release.yml")).unwrap();
    let workflow = &yaml_rust2::YamlLoader::load_from_str(&workflow_text).unwrap()[0];
    let steps = workflow["jobs"]["build"]["steps"].as_vec().unwrap();
    let pack = steps.iter().find(|s| s["name"].as_str() == Some("Pack")).expect("a Pack step");
    let target = "x86_64-unknown-linux-musl";
    let checkout = root.join("checkout");
    let built = checkout.join(format!("target/{target}/release"));
    std::fs::create_dir_all(&built).unwrap();
    // A stand-in for the release binary (packing the 100 MB debug build would take seconds).
    std::fs::write(built.join("mdbook-design"), "#!/bin/sh\necho \"mdbook-design 1.2.3 (stand-in)\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(built.join("mdbook-design"), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(checkout.join("README.md"), "# mdbook-design\n").unwrap();
    let output = root.join("github-output");
    let out = Command::new("bash")
        .arg("-c")
        .arg(pack["run"].as_str().unwrap())
        .current_dir(&checkout)
        .env("TARGET", target)
        .env("TAG", "v1.2.3")
        .env("GITHUB_OUTPUT", &output)
        .output()
        .unwrap();
    assert!(out.status.success(), "Pack: {}", String::from_utf8_lossy(&out.stderr));
    let archive = format!("mdbook-design-v1.2.3-{target}.tar.gz");
    assert_eq!(std::fs::read_to_string(&output).unwrap(), format!("archive={archive}\n"));
    // Where GitHub serves a release's files.
    let release = root.join("server/owner/repo/releases/download/v1.2.3");
    std::fs::create_dir_all(&release).unwrap();
    for file in [archive.clone(), format!("{archive}.sha256")] {
        std::fs::copy(checkout.join("dist").join(&file), release.join(&file)).unwrap();
    }

    let (run, env) = action_step("Install mdbook-design");
    let install = |runner_temp: &Path| {
        let github_path = root.join("github-path");
        let _ = std::fs::remove_file(&github_path);
        let mut command = Command::new("bash");
        command.arg("-c").arg(&run).current_dir(&root);
        for (key, value) in &env {
            let value = match value.as_str() {
                "${{ inputs.version }}" => String::new(),
                "${{ github.action_ref }}" => "v1.2.3".to_string(),
                "${{ github.action_repository }}" => "owner/repo".to_string(),
                "${{ github.action_path }}" => env!("CARGO_MANIFEST_DIR").to_string(),
                other => panic!("the test does not know what GitHub puts in {key}: {other}"),
            };
            command.env(key, value);
        }
        let out = command
            // A URL: a path with a space (as CI's clone has) is percent-encoded.
            .env(
                "GITHUB_SERVER_URL",
                format!("file://{}", root.join("server").display().to_string().replace(' ', "%20")),
            )
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", runner_temp)
            .env("GITHUB_PATH", &github_path)
            // No cargo: the fallback must not be what installs it.
            .env("PATH", "/usr/bin:/bin")
            .output()
            .unwrap();
        (out, std::fs::read_to_string(&github_path).unwrap_or_default())
    };
    let (out, github_path) = install(&root.join("runner-temp"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{text}");
    assert!(text.contains(&format!("mdbook-design: installed the prebuilt mdbook-design-v1.2.3-{target}")), "{text}");
    let bin_dir = Path::new(github_path.trim_end());
    assert_eq!(bin_dir, root.join("runner-temp/mdbook-design/bin"));
    let version = Command::new(bin_dir.join("mdbook-design")).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&version.stdout), "mdbook-design 1.2.3 (stand-in)\n", "the packed file");

    // A corrupted archive fails the checksum and installs nothing.
    let mut bytes = std::fs::read(release.join(&archive)).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(release.join(&archive), bytes).unwrap();
    let (out, github_path) = install(&root.join("runner-temp-2"));
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(github_path.is_empty());
    assert!(!root.join("runner-temp-2/mdbook-design/bin/mdbook-design").exists());
    let _ = std::fs::remove_dir_all(&root);
}
