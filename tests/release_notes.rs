//! `mdbook-design release-notes` on real git repositories built in temporary folders: status
//! edits, renames and moves, pre-release and non-version tags, a design added and implemented
//! within one release, front-matter statuses, and the errors.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-design");

/// A git repository in a fresh temporary folder with a book in `docs/`, removed when dropped.
struct Repo {
    root: PathBuf,
    /// Commits made so far, for fixed, increasing dates.
    commits: std::cell::Cell<u32>,
}

impl Repo {
    fn new(name: &str) -> Repo {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("mdbook-design-notes-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let repo = Repo { root, commits: std::cell::Cell::new(0) };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo
    }

    fn git(&self, args: &[&str]) -> String {
        git_at(&self.root, args)
    }

    fn write(&self, path: &str, text: &str) -> &Repo {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    fn remove(&self, path: &str) -> &Repo {
        self.git(&["rm", "--quiet", path]);
        self
    }

    fn rename(&self, from: &str, to: &str) -> &Repo {
        std::fs::create_dir_all(self.root.join(to).parent().unwrap()).unwrap();
        self.git(&["mv", from, to]);
        self
    }

    /// Commits everything with a fixed author and a date one day after the previous commit.
    fn commit(&self, message: &str) -> &Repo {
        self.commits.set(self.commits.get() + 1);
        let date = format!("2024-01-{:02}T12:00:00Z", self.commits.get());
        self.git(&["add", "--all"]);
        let out = Command::new("git")
            .current_dir(&self.root)
            .args([
                "-c",
                "user.name=Test Author",
                "-c",
                "user.email=author@example.invalid",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(["commit", "--quiet", "-m", message])
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        self
    }

    /// A lightweight tag, or an annotated one with `annotated`.
    fn tag(&self, name: &str, annotated: bool) -> &Repo {
        if annotated {
            let out = Command::new("git")
                .current_dir(&self.root)
                .args(["-c", "user.name=Test", "-c", "user.email=t@example.invalid", "-c", "tag.gpgsign=false"])
                .args(["tag", "-a", "-m", name, name])
                .env("GIT_COMMITTER_DATE", "2024-02-01T00:00:00Z")
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        } else {
            self.git(&["tag", name]);
        }
        self
    }

    fn notes(&self, args: &[&str]) -> Output {
        notes_in(&self.root.join("docs"), args)
    }

    fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    fn commit_of(&self, rev: &str) -> String {
        self.git(&["rev-parse", &format!("{rev}^{{commit}}")]).trim().to_string()
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        if std::env::var_os("KEEP_TEST_BOOKS").is_none() {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

fn git_at(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").current_dir(dir).args(args).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn notes_in(book: &Path, args: &[&str]) -> Output {
    Command::new(BIN).arg("release-notes").arg("--book").arg(book).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "exit {:?}: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failure(out: &Output, code: i32) -> String {
    assert_eq!(out.status.code(), Some(code), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn design(title: &str, status: &str, summary: &str) -> String {
    format!("# {title}\n\n## Status\n\n{status}\n\n## Summary\n\n{summary}\n\n## Motivation\n\nWhy.\n")
}

fn front_matter_design(title: &str, status: &str, summary: &str) -> String {
    format!(
        "---\ntitle: {title}\nstatus: {status}\n---\n\n# {title}\n\n## Summary\n\n{summary}\n\n## Motivation\n\nWhy.\n"
    )
}

const BOOK_TOML: &str = "[book]\ntitle = \"Designs\"\n\n[preprocessor.design]\n";

/// The history every test reads:
///
/// - v1.0.0: alpha provisional, beta Implementable, cache (front matter) provisional, gone
///   provisional.
/// - v1.1.0-rc.1 (annotated) and `latest`: alpha implementable; beta implemented; cache moved to
///   `net/` and implementable in front matter; delta added, provisional; gone deleted (git
///   pairs the two small look-alike files as a rename: delta must still be new).
/// - v1.1.0: echo added and implemented in two commits; delta rejected; a `release-2024` tag.
/// - after v1.1.0: alpha `[Implemented](...)`; fox added implementable with the template's
///   Summary.
fn history() -> Repo {
    let repo = Repo::new("history");
    repo.write("docs/book.toml", BOOK_TOML)
        .write("docs/src/SUMMARY.md", "# Summary\n\n- [Designs](design/README.md)\n")
        .write("docs/src/design/README.md", "# Designs\n\n{{#design-index}}\n")
        .write("docs/src/design/alpha.md", &design("Alpha", "provisional", "Alpha adds a thing."))
        .write(
            "docs/src/design/beta.md",
            &design(
                "Beta",
                "Implementable",
                "Beta makes \"quotes\" -- and dashes -- stay.\nSee [alpha](alpha.md) and ![a diagram](img/beta.png).\n\n### Beta details\n\nA sub-heading in the Summary.",
            ),
        )
        .write("docs/src/design/cache.md", &front_matter_design("Cache", "provisional", "Cache keeps things."))
        .write("docs/src/design/gone.md", &design("Gone", "provisional", "Gone goes away."))
        .write("README.md", "A project.\n")
        .commit("first designs")
        .tag("v1.0.0", false);
    repo.write("docs/src/design/alpha.md", &design("Alpha", "implementable", "Alpha adds a thing."))
        .write(
            "docs/src/design/beta.md",
            &design(
                "Beta",
                "implemented",
                "Beta makes \"quotes\" -- and dashes -- stay.\nSee [alpha](alpha.md) and ![a diagram](img/beta.png).\n\n### Beta details\n\nA sub-heading in the Summary.",
            ),
        )
        .rename("docs/src/design/cache.md", "docs/src/design/net/cache.md")
        .write("docs/src/design/net/cache.md", &front_matter_design("Cache", "implementable", "Cache keeps things."))
        .write("docs/src/design/delta.md", &design("Delta", "provisional", "Delta is new."))
        .remove("docs/src/design/gone.md")
        .commit("second")
        .tag("v1.1.0-rc.1", true)
        .tag("latest", false);
    repo.write("docs/src/design/echo.md", &design("Echo", "provisional", "Echo is quick."))
        .write("src/lib.rs", "// code outside the book\n")
        .commit("echo proposed");
    repo.write("docs/src/design/echo.md", &design("Echo", "implemented", "Echo is quick."))
        .write("docs/src/design/delta.md", &design("Delta", "rejected", "Delta is new."))
        .commit("echo done")
        .tag("v1.1.0", true)
        .tag("release-2024", false);
    repo.write(
        "docs/src/design/alpha.md",
        &design("Alpha", "[Implemented](https://example.invalid/pull/1)", "Alpha adds a thing."),
    )
    .write(
        "docs/src/design/fox.md",
        &design("Fox", "implementable", "A good summary is probably at least a paragraph in length."),
    )
    .commit("after the release");
    repo
}

#[test]
fn release_compares_with_the_previous_final_release() {
    let repo = history();
    let out = stdout(&repo.notes(&["--release", "v1.1.0", "--base-url", "https://designs.example/book/"]));
    let expected = r#"## v1.1.0

Designs whose status changed in v1.1.0, since v1.0.0.

### Implemented

#### [Beta](https://designs.example/book/design/beta.html)

Status: implementable → implemented

Beta makes "quotes" -- and dashes -- stay.
See [alpha](https://designs.example/book/design/alpha.html) and ![a diagram](https://designs.example/book/design/img/beta.png).

##### Beta details

A sub-heading in the Summary.

#### [Echo](https://designs.example/book/design/echo.html)

Status: implemented (new)

Echo is quick.

### Ready for implementation

#### [Alpha](https://designs.example/book/design/alpha.html)

Status: provisional → implementable

Alpha adds a thing.

#### [Cache](https://designs.example/book/design/net/cache.html)

Status: provisional → implementable

Cache keeps things.

### Rejected

#### [Delta](https://designs.example/book/design/delta.html)

Status: rejected (new)

Delta is new.
"#;
    assert_eq!(out, expected);
}

#[test]
fn json_carries_the_same_data() {
    let repo = history();
    let out = stdout(&repo.notes(&["--release", "v1.1.0-rc.1", "--format", "json"]));
    let value: Value = serde_json::from_str(&out).unwrap();
    let empty: Vec<Value> = Vec::new();
    let expected = json!({
        "schema_version": 1,
        "release": "v1.1.0-rc.1",
        "unreleased": false,
        "previous": "v1.0.0",
        "until": "v1.1.0-rc.1",
        "from_commit": repo.commit_of("v1.0.0"),
        "to_commit": repo.commit_of("v1.1.0-rc.1"),
        "groups": [
            {"status": "implemented", "title": "Implemented", "entries": [{
                "path": "design/beta.md", "old_path": null, "title": "Beta", "from": "implementable",
                "to": "implemented",
                "summary": "Beta makes \"quotes\" -- and dashes -- stay.\nSee [alpha](docs/src/design/alpha.md) and ![a diagram](docs/src/design/img/beta.png).\n\n##### Beta details\n\nA sub-heading in the Summary.",
                "url": "docs/src/design/beta.md"
            }]},
            {"status": "implementable", "title": "Ready for implementation", "entries": [
                {"path": "design/alpha.md", "old_path": null, "title": "Alpha", "from": "provisional",
                 "to": "implementable", "summary": "Alpha adds a thing.", "url": "docs/src/design/alpha.md"},
                {"path": "design/net/cache.md", "old_path": "design/cache.md", "title": "Cache",
                 "from": "provisional", "to": "implementable", "summary": "Cache keeps things.",
                 "url": "docs/src/design/net/cache.md"}
            ]},
            {"status": "provisional", "title": "New proposals", "entries": [
                {"path": "design/delta.md", "old_path": null, "title": "Delta", "from": "none",
                 "to": "provisional", "summary": "Delta is new.", "url": "docs/src/design/delta.md"}
            ]},
            {"status": "deferred", "title": "Deferred", "entries": empty},
            {"status": "rejected", "title": "Rejected", "entries": empty},
            {"status": "withdrawn", "title": "Withdrawn", "entries": empty},
            {"status": "replaced", "title": "Replaced", "entries": empty},
        ]
    });
    assert_eq!(value, expected);
    // The same range named by revisions gives the same groups.
    let since = stdout(&repo.notes(&["--since", "v1.0.0", "--until", "latest", "--format", "json"]));
    let since: Value = serde_json::from_str(&since).unwrap();
    assert_eq!(since["groups"], expected["groups"]);
    assert_eq!(since["release"], Value::Null);
    assert_eq!(since["previous"], "v1.0.0");
    // Deterministic: a second run prints the same bytes.
    assert_eq!(out, stdout(&repo.notes(&["--release", "v1.1.0-rc.1", "--format", "json"])));
}

#[test]
fn unreleased_and_check() {
    let repo = history();
    let out = stdout(&repo.notes(&["--unreleased", "--base-url", "https://d.example"]));
    let expected = "## Unreleased

Designs whose status changed since v1.1.0.

### Implemented

#### [Alpha](https://d.example/design/alpha.html)

Status: implementable → implemented

Alpha adds a thing.

### Ready for implementation

#### [Fox](https://d.example/design/fox.html)

Status: implementable (new)

A good summary is probably at least a paragraph in length.
";
    assert_eq!(out, expected);
    let checked = repo.notes(&["--unreleased", "--check"]);
    let stderr = failure(&checked, 1);
    assert!(stderr.contains("design/fox.md (Fox) has a Summary that is still the template's text"), "{stderr}");
    assert!(!stderr.contains("alpha"), "{stderr}");
    assert_eq!(String::from_utf8(checked.stdout).unwrap(), stdout(&repo.notes(&["--unreleased"])));
    // The release before has good Summaries.
    stdout(&repo.notes(&["--release", "v1.1.0", "--check"]));
}

#[test]
fn first_release_lists_every_design_as_new() {
    let repo = history();
    let out = stdout(&repo.notes(&["--release", "v1.0.0"]));
    assert!(out.starts_with("## v1.0.0\n\nDesigns whose status changed up to v1.0.0, the first release.\n"), "{out}");
    let titles: Vec<&str> = out.lines().filter(|l| l.starts_with("#### ")).collect();
    assert_eq!(
        titles,
        [
            "#### [Beta](docs/src/design/beta.md)",
            "#### [Alpha](docs/src/design/alpha.md)",
            "#### [Cache](docs/src/design/cache.md)",
            "#### [Gone](docs/src/design/gone.md)",
        ]
    );
    assert!(!out.contains("Designs]"), "the index chapter is not a design: {out}");
}

#[test]
fn config_base_url_and_an_empty_range() {
    let repo = history();
    repo.write(
        "docs/book.toml",
        &format!("{BOOK_TOML}\n[preprocessor.design.release-notes]\nbase-url = \"https://cfg.example/b\"\n"),
    )
    .commit("config");
    let out = stdout(&repo.notes(&["--release", "v1.1.0-rc.1"]));
    assert!(out.contains("#### [Alpha](https://cfg.example/b/design/alpha.html)"), "{out}");
    let out = stdout(&repo.notes(&["--since", "HEAD", "--base-url", "https://flag.example"]));
    assert_eq!(out, "## Changes from HEAD to HEAD\n\nDesigns whose status changed from HEAD to HEAD.\n\nNo design changed status.\n");
}

#[test]
fn tag_errors_exit_2() {
    let repo = history();
    let stderr = failure(&repo.notes(&["--release", "v1.2.0"]), 2);
    assert!(stderr.contains("there is no tag `v1.2.0`"), "{stderr}");
    assert!(stderr.contains("`v1.1.0-rc.1`, `v1.1.0`"), "{stderr}");
    let stderr = failure(&repo.notes(&["--release", "latest"]), 2);
    assert!(stderr.contains("`latest` is not a version tag"), "{stderr}");
    let stderr = failure(&repo.notes(&["--since", "no-such-rev"]), 2);
    assert!(stderr.contains("`no-such-rev` names no commit"), "{stderr}");
    let stderr = failure(&repo.notes(&[]), 2);
    assert!(stderr.contains("--release"), "{stderr}");
}

#[test]
fn no_version_tags_and_no_repository() {
    let repo = Repo::new("untagged");
    repo.write("docs/book.toml", BOOK_TOML)
        .write("docs/src/design/a.md", &design("A", "provisional", "A is new."))
        .commit("one")
        .tag("release-1", false);
    let stderr = failure(&repo.notes(&["--unreleased"]), 2);
    assert!(stderr.contains("no version tags"), "{stderr}");
    assert!(stderr.contains("--since"), "{stderr}");
    let stderr = failure(&repo.notes(&["--release", "v1.0.0"]), 2);
    assert!(stderr.contains("no version tags"), "{stderr}");
    // Outside any repository.
    let plain = std::env::temp_dir().join(format!("mdbook-design-notes-plain-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&plain);
    std::fs::create_dir_all(plain.join("src/design")).unwrap();
    std::fs::write(plain.join("book.toml"), BOOK_TOML).unwrap();
    std::fs::write(plain.join("src/design/a.md"), design("A", "provisional", "A.")).unwrap();
    let out = Command::new(BIN)
        .args(["release-notes", "--unreleased", "--book"])
        .arg(&plain)
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .output()
        .unwrap();
    let stderr = failure(&out, 2);
    std::fs::remove_dir_all(&plain).unwrap();
    assert!(stderr.contains("is not in a git repository"), "{stderr}");
}

#[test]
fn shallow_clone_missing_the_previous_tag() {
    let repo = history();
    repo.tag("v1.2.0", false);
    let clone = repo.root.with_extension("shallow");
    let _ = std::fs::remove_dir_all(&clone);
    let url = format!("file://{}", repo.root.display());
    git_at(&std::env::temp_dir(), &["clone", "--quiet", "--depth", "1", &url, clone.to_str().unwrap()]);
    let shallow_tags = git_at(&clone, &["tag"]);
    let out = notes_in(&clone.join("docs"), &["--release", "v1.2.0"]);
    let missing = notes_in(&clone.join("docs"), &["--release", "v1.0.0"]);
    std::fs::remove_dir_all(&clone).unwrap();
    assert_eq!(shallow_tags, "v1.2.0\n", "a depth-1 clone keeps only the tag at HEAD");
    let stderr = failure(&out, 2);
    assert!(stderr.contains("no version tag below `v1.2.0` is in this clone"), "{stderr}");
    assert!(stderr.contains("git fetch --tags --unshallow"), "{stderr}");
    let stderr = failure(&missing, 2);
    assert!(stderr.contains("git fetch --tags --unshallow"), "{stderr}");
    // The full repository has it: the notes since v1.1.0.
    let full = stdout(&repo.notes(&["--release", "v1.2.0"]));
    assert!(full.contains("since v1.1.0"), "{full}");
    assert_eq!(repo.head(), repo.commit_of("v1.2.0"));
}

#[test]
fn a_design_moved_twice_and_renamed_keeps_its_past() {
    let repo = Repo::new("moves");
    repo.write("docs/book.toml", BOOK_TOML)
        .write("docs/src/design/old-name.md", &design("Mover", "implementable", "Mover moves."))
        .write("docs/src/design/stay.md", &design("Stay", "provisional", "Stay stays."))
        .commit("one")
        .tag("v0.1.0", false);
    repo.rename("docs/src/design/old-name.md", "docs/src/design/a/mover.md").commit("move");
    repo.rename("docs/src/design/a/mover.md", "docs/src/design/implemented/mover.md")
        .write("docs/src/design/implemented/mover.md", &design("Mover", "implemented", "Mover moves."))
        .commit("move and implement");
    // A new design takes the old name: it is new, not the mover's past.
    repo.write("docs/src/design/old-name.md", &design("Newcomer", "provisional", "Newcomer came."))
        .commit("reuse the name")
        .tag("v0.2.0", false);
    let out = stdout(&repo.notes(&["--release", "v0.2.0", "--format", "json"]));
    let value: Value = serde_json::from_str(&out).unwrap();
    let entries: Vec<(String, String, String, Value)> = value["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["entries"].as_array().unwrap().clone())
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["from"].as_str().unwrap().to_string(),
                e["to"].as_str().unwrap().to_string(),
                e["old_path"].clone(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "design/implemented/mover.md".into(),
                "implementable".into(),
                "implemented".into(),
                json!("design/old-name.md")
            ),
            ("design/old-name.md".into(), "none".into(), "provisional".into(), Value::Null),
        ]
    );
}

/// Runs the binary as a preprocessor on one chapter of the book in `docs/`, for `renderer`.
fn preprocess(repo: &Repo, path: &str, content: &str, renderer: &str) -> String {
    preprocess_all(repo, &[(path, content)], renderer).remove(0)
}

/// mdBook 0.5 `items` for chapters given as (path, text).
fn chapter_items(chapters: &[(&str, impl AsRef<str>)]) -> Vec<Value> {
    chapters
        .iter()
        .map(|(path, content)| {
            json!({"Chapter": {"name": "x", "content": content.as_ref(), "number": [1], "sub_items": [],
                "path": path, "source_path": path, "parent_names": []}})
        })
        .collect()
}

/// Runs the binary as a preprocessor on chapters of the book in `docs/`, for `renderer`.
fn preprocess_all(repo: &Repo, chapters: &[(&str, &str)], renderer: &str) -> Vec<String> {
    let ctx = json!({
        "root": repo.root.join("docs"),
        "config": {"book": {"src": "src"}, "preprocessor": {"design": {}}},
        "renderer": renderer,
        "mdbook_version": "0.5.4"
    });
    let book = json!({ "items": chapter_items(chapters) });
    let mut child = Command::new(BIN)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let input = serde_json::to_vec(&json!([ctx, book])).unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &input).unwrap();
    let out = child.wait_with_output().unwrap();
    let value: Value = serde_json::from_slice(&stdout(&out).into_bytes()).unwrap();
    value["items"].as_array().unwrap().iter().map(|i| i["Chapter"]["content"].as_str().unwrap().to_string()).collect()
}

/// The `<span>` children of the `design-history` element: (status, release, date).
fn timeline_children(html: &str) -> Vec<(String, String, String)> {
    let start = html.find("class=\"design-history\"").expect("no design-history element");
    let end = start + html[start..].find("</div>").unwrap();
    let attr = |s: &str, name: &str| {
        let at = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[at..at + s[at..].find('"').unwrap()].to_string()
    };
    html[start..end]
        .split("<span ")
        .skip(1)
        .map(|span| (attr(span, "data-design-status"), attr(span, "data-release"), attr(span, "datetime")))
        .collect()
}

#[test]
fn timeline_on_each_design_page_in_a_real_mdbook_build() {
    let mdbook = common::mdbook("MDBOOK", "v0.5");
    let repo = history();
    repo.write(
        "docs/book.toml",
        &format!("[book]\ntitle = \"Designs\"\n\n[preprocessor.design]\n{}history = \"on\"\n", common::command_line()),
    )
    .write(
        "docs/src/SUMMARY.md",
        "# Summary\n\n- [Designs](design/README.md)\n  - [Alpha](design/alpha.md)\n  - [Beta](design/beta.md)\n  - [Cache](design/net/cache.md)\n",
    )
    .commit("list the designs");
    let out = Command::new(&mdbook).arg("build").current_dir(repo.root.join("docs")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = |p: &str| std::fs::read_to_string(repo.root.join("docs/book").join(p)).unwrap();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        timeline_children(&page("design/alpha.html")),
        [
            s("provisional", "v1.0.0", "2024-01-01"),
            s("implementable", "v1.1.0", "2024-01-02"),
            s("implemented", "", "2024-01-05")
        ]
    );
    assert_eq!(
        timeline_children(&page("design/beta.html")),
        [s("implementable", "v1.0.0", "2024-01-01"), s("implemented", "v1.1.0", "2024-01-02")]
    );
    // Moved into net/ with a front-matter status: its past comes along.
    assert_eq!(
        timeline_children(&page("design/net/cache.html")),
        [s("provisional", "v1.0.0", "2024-01-01"), s("implementable", "v1.1.0", "2024-01-02")]
    );
    assert!(repo.root.join(".git/mdbook-design/history.json").is_file(), "the history is cached under .git");
}

#[test]
fn timeline_is_replaced_on_re_runs_and_plain_for_other_renderers() {
    let repo = history();
    let text = std::fs::read_to_string(repo.root.join("docs/src/design/beta.md")).unwrap();
    let once = preprocess(&repo, "design/beta.md", &text, "html");
    assert_eq!(once.matches("data-mdbook-design=\"history\"").count(), 1, "{once}");
    let twice = preprocess(&repo, "design/beta.md", &once, "html");
    assert_eq!(twice, once, "running on its own output changes nothing");
    let markdown = preprocess(&repo, "design/beta.md", &text, "markdown");
    assert!(
        markdown.contains(
            "*History:* implementable 2024-01-01 in v1.0.0 → implemented 2024-01-02 in v1.1.0 <!-- mdbook-design:history -->"
        ),
        "{markdown}"
    );
    assert_eq!(preprocess(&repo, "design/beta.md", &markdown, "markdown"), markdown);
    // An author's line that looks like a timeline is kept.
    let authored = text.replacen("## Status", "*History:* written by hand.\n\n## Status", 1);
    let out = preprocess(&repo, "design/beta.md", &authored, "markdown");
    assert!(out.contains("*History:* written by hand."), "{out}");
}

#[test]
fn release_page_from_the_timelines() {
    let repo = history();
    let designs = [
        "design/alpha.md",
        "design/beta.md",
        "design/net/cache.md",
        "design/delta.md",
        "design/echo.md",
        "design/fox.md",
    ];
    let texts: Vec<String> =
        designs.iter().map(|d| std::fs::read_to_string(repo.root.join("docs/src").join(d)).unwrap()).collect();
    let mut chapters: Vec<(&str, &str)> = vec![("releases.md", "# Releases\n\n{{#design-releases}}\n")];
    chapters.extend(designs.iter().copied().zip(texts.iter().map(String::as_str)));
    let page = preprocess_all(&repo, &chapters, "markdown").remove(0);
    let expected = "# Releases

## Unreleased

Designs whose status changed since v1.1.0.

### Implemented

#### [Alpha](design/alpha.md)

Status: implementable → implemented

Alpha adds a thing.

### Ready for implementation

#### [Fox](design/fox.md)

Status: implementable (new)

A good summary is probably at least a paragraph in length.

## v1.1.0

Designs whose status changed in v1.1.0, since v1.0.0.

### Implemented

#### [Beta](design/beta.md)

Status: implementable → implemented

Beta makes \"quotes\" -- and dashes -- stay.
See [alpha](design/alpha.md) and ![a diagram](design/img/beta.png).

##### Beta details

A sub-heading in the Summary.

#### [Echo](design/echo.md)

Status: implemented (new)

Echo is quick.

### Ready for implementation

#### [Alpha](design/alpha.md)

Status: provisional → implementable

Alpha adds a thing.

#### [Cache](design/net/cache.md)

Status: provisional → implementable

Cache keeps things.

### Rejected

#### [Delta](design/delta.md)

Status: rejected (new)

Delta is new.

## v1.0.0

Designs whose status changed up to v1.0.0, the first release.

### Ready for implementation

#### [Beta](design/beta.md)

Status: implementable (new)

Beta makes \"quotes\" -- and dashes -- stay.
See [alpha](design/alpha.md) and ![a diagram](design/img/beta.png).

##### Beta details

A sub-heading in the Summary.

### New proposals

#### [Alpha](design/alpha.md)

Status: provisional (new)

Alpha adds a thing.

#### [Cache](design/net/cache.md)

Status: provisional (new)

Cache keeps things.
";
    assert_eq!(page, expected);
    // For the HTML renderer the links name the written pages: mdBook turns `x.md` into
    // `x.html` but leaves a `README.md` link dead (it writes `index.html`).
    let html = preprocess_all(&repo, &chapters, "html").remove(0);
    assert!(html.contains("#### [Alpha](design/alpha.html)") && !html.contains(".md)"), "{html}");
}

#[test]
fn index_gains_the_release_each_design_was_implemented_in() {
    let repo = history();
    let out = Command::new(BIN).args(["index", "--book"]).arg(repo.root.join("docs")).output().unwrap();
    let index: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let released: Vec<(String, Value)> = index["designs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_string(), d["released"].clone()))
        .collect();
    let expect = |p: &str| released.iter().find(|(path, _)| path == p).map(|(_, r)| r.clone()).unwrap();
    assert_eq!(expect("design/beta.md"), json!("v1.1.0"));
    assert_eq!(expect("design/echo.md"), json!("v1.1.0"));
    assert_eq!(expect("design/alpha.md"), Value::Null, "implemented after the last release");
    assert_eq!(expect("design/net/cache.md"), Value::Null, "not implemented");
    // The table filtered by release, for a renderer other than HTML.
    let chapter = "# Index\n\n{{#design-index released=v1.1.0}}\n";
    let designs = ["design/alpha.md", "design/beta.md", "design/echo.md", "design/fox.md"];
    let texts: Vec<String> =
        designs.iter().map(|d| std::fs::read_to_string(repo.root.join("docs/src").join(d)).unwrap()).collect();
    let mut chapters: Vec<(&str, &str)> = vec![("index.md", chapter)];
    chapters.extend(designs.iter().copied().zip(texts.iter().map(String::as_str)));
    let page = preprocess_all(&repo, &chapters, "markdown").remove(0);
    let rows: Vec<&str> = page.lines().filter(|l| l.starts_with("| [")).collect();
    assert_eq!(rows.len(), 2, "{page}");
    assert!(rows[0].starts_with("| [Beta](<design/beta.md>) | **implemented** in v1.1.0 |"), "{page}");
    assert!(rows[1].starts_with("| [Echo](<design/echo.md>) | **implemented** in v1.1.0 |"), "{page}");
}

#[test]
fn outside_git_auto_is_silent_and_on_warns_once() {
    let plain = std::env::temp_dir().join(format!("mdbook-design-notes-nogit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&plain);
    std::fs::create_dir_all(plain.join("src")).unwrap();
    let run = |history: &str| {
        let ctx = json!({
            "root": plain,
            "config": {"book": {"src": "src"}, "preprocessor": {"design": {"history": history}}},
            "renderer": "html",
            "mdbook_version": "0.5.4"
        });
        let chapters = [
            ("design/a.md", design("A", "provisional", "A is new.")),
            ("releases.md", "{{#design-releases}}\n".into()),
        ];
        let items = chapter_items(&chapters);
        let mut child = Command::new(BIN)
            .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let input = serde_json::to_vec(&json!([ctx, {"items": items}])).unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), &input).unwrap();
        let out = child.wait_with_output().unwrap();
        let book: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let contents: Vec<String> = book["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["Chapter"]["content"].as_str().unwrap().into())
            .collect();
        (contents, String::from_utf8(out.stderr).unwrap())
    };
    let (auto, auto_err) = run("auto");
    let (on, on_err) = run("on");
    std::fs::remove_dir_all(&plain).unwrap();
    assert!(!auto[0].contains("data-mdbook-design=\"history\"") && !on[0].contains("data-mdbook-design=\"history\""));
    assert!(!auto_err.contains("status history"), "{auto_err}");
    assert_eq!(on_err.matches("the status history cannot be read from git").count(), 1, "{on_err}");
    assert!(on_err.contains("is not in a git repository"), "{on_err}");
    // The release page says it has no history, with a warning, in both modes.
    for (contents, err) in [(&auto, &auto_err), (&on, &on_err)] {
        assert_eq!(contents[1], "*The release history is not available in this build.*\n");
        assert!(err.contains("{{#design-releases}} needs the book's git history"), "{err}");
    }
}

/// A history with a formatting slip and patch releases in which nothing changed:
///
/// - v1.0.0: alpha and beta provisional.
/// - v1.0.1: alpha's `## Status` written `##Status` (no heading, so its status reads unknown).
/// - v1.0.2: the slip mended; v1.0.3: a change outside the designs.
/// - v1.1.0: beta implementable; v1.1.1: code only (HEAD).
fn slip_history() -> Repo {
    let repo = Repo::new("slip");
    let alpha = design("Alpha", "provisional", "Alpha adds a thing.");
    repo.write("docs/book.toml", BOOK_TOML)
        .write("docs/src/SUMMARY.md", "# Summary\n\n- [Alpha](design/alpha.md)\n- [Beta](design/beta.md)\n")
        .write("docs/src/design/alpha.md", &alpha)
        .write("docs/src/design/beta.md", &design("Beta", "provisional", "Beta does more."))
        .commit("first designs")
        .tag("v1.0.0", false);
    repo.write("docs/src/design/alpha.md", &alpha.replace("## Status", "##Status")).commit("slip").tag("v1.0.1", false);
    repo.write("docs/src/design/alpha.md", &alpha).commit("mend").tag("v1.0.2", false);
    repo.write("README.md", "A project.\n").commit("readme").tag("v1.0.3", false);
    repo.write("docs/src/design/beta.md", &design("Beta", "implementable", "Beta does more."))
        .commit("beta ready")
        .tag("v1.1.0", false);
    repo.write("src/lib.rs", "// code\n").commit("code").tag("v1.1.1", false);
    repo
}

/// A status that cannot be read for a while is not a status change: the timeline, the release
/// notes and the release page skip it, and a design is new once. Releases in which no design
/// changed fold into one section per run.
#[test]
fn an_unreadable_status_is_no_change_and_quiet_releases_fold() {
    let repo = slip_history();
    // The slip really reads as no status (the index, at the slipped commit).
    git_at(&repo.root, &["checkout", "--quiet", "v1.0.1"]);
    let index = Command::new(BIN).args(["index", "--book"]).arg(repo.root.join("docs")).output().unwrap();
    let index: Value = serde_json::from_str(&stdout(&index)).unwrap();
    let alpha = index["designs"].as_array().unwrap().iter().find(|d| d["path"] == "design/alpha.md").unwrap();
    assert_eq!(alpha["status"], "unknown");
    git_at(&repo.root, &["checkout", "--quiet", "main"]);

    let texts: Vec<(&str, String)> = ["design/alpha.md", "design/beta.md"]
        .into_iter()
        .map(|d| (d, std::fs::read_to_string(repo.root.join("docs/src").join(d)).unwrap()))
        .collect();
    let timeline = |i: usize| {
        let page = preprocess(&repo, texts[i].0, &texts[i].1, "markdown");
        page.lines().find(|l| l.starts_with("*History:*")).map(str::to_string)
    };
    assert_eq!(
        timeline(0).as_deref(),
        Some("*History:* provisional 2024-01-01 in v1.0.0 <!-- mdbook-design:history -->")
    );
    assert_eq!(
        timeline(1).as_deref(),
        Some(
            "*History:* provisional 2024-01-01 in v1.0.0 → implementable 2024-01-05 in v1.1.0 <!-- mdbook-design:history -->"
        )
    );

    // The release that mended the slip, and a range starting at the slip, list no alpha.
    let mended = stdout(&repo.notes(&["--release", "v1.0.2"]));
    assert_eq!(
        mended,
        "## v1.0.2\n\nDesigns whose status changed in v1.0.2, since v1.0.1.\n\nNo design changed status.\n"
    );
    let since_slip = stdout(&repo.notes(&["--since", "v1.0.1", "--format", "json"]));
    let since_slip: Value = serde_json::from_str(&since_slip).unwrap();
    let listed: Vec<(&str, &str, &str)> = since_slip["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["entries"].as_array().unwrap())
        .map(|d| (d["path"].as_str().unwrap(), d["from"].as_str().unwrap(), d["to"].as_str().unwrap()))
        .collect();
    assert_eq!(listed, [("design/beta.md", "provisional", "implementable")]);

    let mut chapters: Vec<(&str, &str)> = vec![("releases.md", "# Releases\n\n{{#design-releases}}\n")];
    chapters.extend(texts.iter().map(|(p, t)| (*p, t.as_str())));
    let page = preprocess_all(&repo, &chapters, "markdown").remove(0);
    let expected = "# Releases

## v1.1.1

No design changed status in v1.1.1.

## v1.1.0

Designs whose status changed in v1.1.0, since v1.0.3.

### Ready for implementation

#### [Beta](design/beta.md)

Status: provisional → implementable

Beta does more.

## v1.0.1 to v1.0.3

No design changed status in these 3 releases: v1.0.3, v1.0.2 and v1.0.1.

## v1.0.0

Designs whose status changed up to v1.0.0, the first release.

### New proposals

#### [Alpha](design/alpha.md)

Status: provisional (new)

Alpha adds a thing.

#### [Beta](design/beta.md)

Status: provisional (new)

Beta does more.
";
    assert_eq!(page, expected);
}
