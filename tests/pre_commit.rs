//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run by the real `pre-commit` (PyPI) in a
//! temporary git repository holding a book in `docs/`: a commit of a design with a finding at
//! `deny` is refused with the finding in pre-commit's output; the fix hook fixes it; then the
//! commit goes through.
//!
//! The manifest says `language: rust` (pre-commit would `cargo install` this repository, minutes
//! per run), so the test takes each hook's `entry`, `args`, `types` and `require_serial` from the
//! manifest as they are and runs them as `repo: local` hooks of `language: system` whose entry is
//! the binary under test. `pre-commit validate-manifest` checks the manifest itself.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// The `pre-commit` program: `PRE_COMMIT` when set, else `pre-commit` on `PATH`. `None` (with a
/// loud NOT RUN, a failure under `CI=true`) when it does not run.
fn pre_commit() -> Option<String> {
    let program = std::env::var("PRE_COMMIT").unwrap_or_else(|_| "pre-commit".into());
    if Command::new(&program).arg("--version").output().is_ok_and(|o| o.status.success()) {
        return Some(program);
    }
    common::not_run(
        &format!("pre-commit (`{program} --version` does not run)"),
        "To run the pre-commit test, `pip install pre-commit` (.ci/run does), or set PRE_COMMIT.",
        None,
    );
    None
}

fn run(program: &str, args: &[&str], dir: &Path, home: &Path) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", home)
        .env("PRE_COMMIT_COLOR", "never")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn ok(o: Output, what: &str) -> String {
    assert!(o.status.success(), "{what} failed: {}", text(&o));
    text(&o)
}

/// A word safe for pre-commit's shell-like split of `entry`.
fn quoted(path: &str) -> String {
    assert!(!path.contains('\''), "a binary path with a single quote: {path}");
    format!("'{path}'")
}

/// `repo: local` hooks made from the manifest's hooks, running the binary under test.
fn local_config(manifest: &str) -> String {
    let docs = yaml_rust2::YamlLoader::load_from_str(manifest).expect(".pre-commit-hooks.yaml is YAML");
    let hooks = docs[0].as_vec().expect("the manifest is a list of hooks");
    let mut local = Vec::new();
    for hook in hooks {
        let id = hook["id"].as_str().expect("a hook has an id");
        let entry = hook["entry"].as_str().expect("a hook has an entry");
        assert_eq!(hook["language"].as_str(), Some("rust"), "{id}: pre-commit builds the hook with cargo");
        let rest = entry.strip_prefix("mdbook-design").unwrap_or_else(|| panic!("{id}: entry `{entry}`"));
        let strings = |key: &str| -> Vec<String> {
            hook[key].as_vec().map_or_else(Vec::new, |v| v.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        };
        local.push(serde_json::json!({
            "id": id,
            "name": hook["name"].as_str().unwrap_or(id),
            "entry": format!("{}{rest}", quoted(&common::bin().replace('\\', "/"))),
            "args": strings("args"),
            "language": "system",
            "types": strings("types"),
            "require_serial": hook["require_serial"].as_bool().unwrap_or(false),
            // The fix hook is for `pre-commit run mdbook-design-fix`, not every commit.
            "stages": if id.ends_with("-fix") { serde_json::json!(["manual"]) } else { serde_json::json!(["pre-commit"]) },
        }));
    }
    serde_json::json!({ "repos": [{ "repo": "local", "hooks": local }] }).to_string()
}

#[test]
fn a_deny_finding_refuses_the_commit_and_the_fix_lets_it_through() {
    let Some(pre_commit) = pre_commit() else { return };
    let manifest_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();
    let root = common::temp_dir("pre-commit");
    let repo = root.join("repo");
    let home = root.join("pre-commit-home");
    std::fs::create_dir_all(&repo).unwrap();
    ok(run(&pre_commit, &["validate-manifest", manifest_path.to_str().unwrap()], &repo, &home), "validate-manifest");

    let good = include_str!("fixtures/a-good-design.md");
    assert!(good.contains("\nimplementable\n"));
    // This book denies loosely written statuses (`status-format`, fixable, at `deny`).
    let loose =
        good.replace("# A good design", "# A second design").replace("\nimplementable\n", "\n**Implementable**\n");
    assert_ne!(loose, good);
    common::write_files(
        &repo,
        &[
            ("docs/book.toml", &common::book_toml("[preprocessor.design.lint]\nstatus-format = \"deny\"\n")),
            ("docs/src/SUMMARY.md", "# Summary\n\n- [A good design](design/a-good-design.md)\n"),
            ("docs/src/design/a-good-design.md", good),
            ("README.md", "# A project\n\nIts README is Markdown, but no design.\n"),
            (".pre-commit-config.yaml", &local_config(&manifest)),
        ],
    );
    ok(run(&pre_commit, &["validate-config"], &repo, &home), "validate-config");
    ok(run("git", &["init", "-q", "-b", "main"], &repo, &home), "git init");
    ok(run(&pre_commit, &["install"], &repo, &home), "pre-commit install");
    ok(run("git", &["add", "-A"], &repo, &home), "git add");
    // A clean book (and a README that is no design) commits.
    let out = ok(run("git", &["commit", "-q", "-m", "a book"], &repo, &home), "the first commit");
    assert!(out.contains("mdbook-design lint") && out.contains("Passed"), "the hook ran: {out}");

    // A design whose status is written loosely is refused.
    common::write_files(
        &repo,
        &[
            ("docs/src/design/a-second-design.md", &loose),
            (
                "docs/src/SUMMARY.md",
                "# Summary\n\n- [A good design](design/a-good-design.md)\n- [A second design](design/a-second-design.md)\n",
            ),
        ],
    );
    ok(run("git", &["add", "-A"], &repo, &home), "git add");
    let refused = run("git", &["commit", "-q", "-m", "a second design"], &repo, &home);
    let out = text(&refused);
    assert!(!refused.status.success(), "the commit went through: {out}");
    assert!(out.contains("Failed"), "{out}");
    assert!(out.contains("error[status-format]"), "{out}");
    assert!(out.contains("docs/src/design/a-second-design.md:5:1"), "the path from the repository's root: {out}");
    let head = ok(run("git", &["rev-list", "--count", "HEAD"], &repo, &home), "git rev-list");
    assert_eq!(head.trim(), "1", "no second commit");

    // The fix hook fixes it (pre-commit fails a hook that changed files, so they can be looked at
    // and staged), then the commit goes through.
    let fixed = run(&pre_commit, &["run", "mdbook-design-fix", "--hook-stage", "manual", "--all-files"], &repo, &home);
    let out = text(&fixed);
    assert!(out.contains("files were modified by this hook"), "{out}");
    let after = std::fs::read_to_string(repo.join("docs/src/design/a-second-design.md")).unwrap();
    assert_eq!(after, loose.replace("**Implementable**", "implementable"), "only the status word changed");
    ok(run("git", &["add", "-A"], &repo, &home), "git add");
    let out = ok(run("git", &["commit", "-q", "-m", "a second design, fixed"], &repo, &home), "the fixed commit");
    assert!(out.contains("Passed"), "{out}");
    let head = ok(run("git", &["rev-list", "--count", "HEAD"], &repo, &home), "git rev-list");
    assert_eq!(head.trim(), "2");
    let _ = std::fs::remove_dir_all(&root);
}
