//! The design book as data, on real git repositories made in temporary folders and real mdBook
//! 0.5 and 0.4 builds: `designs.json` beside `index.html` and valid against the book's JSON
//! Schema (checked with Python's `jsonschema`), agreeing with `index --format json`; `feed.xml`
//! read by a real feed parser (`feedparser`) and checked against a RELAX NG schema of RFC 4287
//! (`tests/fixtures/atom.rng`, with `lxml`), its entries equal to the status changes read with
//! plain git; and the `stale` findings equal to a count made with plain git.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A git repository with a book in `docs/`, in a fresh temporary folder.
struct Repo {
    root: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Repo {
        let root = common::temp_dir(&format!("design-data-{name}"));
        let repo = Repo { root };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git").current_dir(&self.root).args(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn write(&self, path: &str, text: &str) -> &Repo {
        common::write_files(&self.root, &[(path, text)]);
        self
    }

    /// Commits everything at `date` (`YYYY-MM-DD`, noon UTC).
    fn commit(&self, date: &str, message: &str) -> &Repo {
        self.git(&["add", "--all"]);
        let date = format!("{date}T12:00:00Z");
        let out = Command::new("git")
            .current_dir(&self.root)
            .args(["-c", "user.name=Test", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
            .args(["commit", "--quiet", "-m", message])
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        self
    }

    fn tag(&self, name: &str) -> &Repo {
        self.git(&["tag", name]);
        self
    }

    fn docs(&self) -> PathBuf {
        self.root.join("docs")
    }
}

/// A design with `status` and a Motivation sentence; a paragraph made from the title keeps
/// designs different enough that git does not take one for a copy of another.
fn design(title: &str, status: &str, motivation: &str) -> String {
    let own: Vec<String> = (0..12).map(|i| format!("{title} point {i} of {}.", title.len() * i)).collect();
    format!(
        "# {title}\n\n## Status\n\n{status}\n\n## Summary\n\nThis design changes how widgets are synced.\n\n\
         ## Motivation\n\n{motivation}\n\n{}\n",
        own.join("\n")
    )
}

/// The book.toml of the repositories here: the preprocessor, the HTML output and the
/// `site-data` renderer, with `extra` in `[preprocessor.design]`.
fn book_toml(extra: &str) -> String {
    // The binary's path quoted as mdBook splits `command` (it may hold a space), as TOML strings.
    let bin = shlex::try_quote(&common::bin().replace('\\', "/")).expect("no NUL byte").into_owned();
    let command = |args: &str| toml::Value::String(format!("{bin}{args}")).to_string();
    format!(
        "[book]\ntitle = \"Widgets\"\n\n[preprocessor.design]\ncommand = {}\nsite-url = \
         \"https://docs.example.org/widgets/\"\n{extra}\n[output.html]\n\n[output.site-data]\ncommand = {}\n",
        command(""),
        command(" site-data")
    )
}

/// A repository with three designs, a status history over four releases, a rename, and one
/// design that is not committed.
fn history_repo(name: &str, stale: &str) -> Repo {
    let repo = Repo::new(name);
    let summary = "# Summary\n\n[Designs](index.md)\n\n- [Sync](design/faster-widget-sync.md)\n\
                   - [Cache](design/net/widget-cache.md)\n- [Quotas](design/quotas.md)\n- [Draft](design/draft.md)\n";
    repo.write("docs/book.toml", &book_toml(stale))
        .write("docs/src/SUMMARY.md", summary)
        .write("docs/src/index.md", "# Designs\n\n{{#design-index}}\n")
        .write("docs/src/design/faster-widget-sync.md", &design("Faster widget sync", "provisional", "Slow."))
        .write("docs/src/design/cache.md", &design("Widget cache", "provisional", "Cold."))
        .commit("2023-01-10", "two designs")
        .tag("v1.0.0")
        .write("docs/src/design/faster-widget-sync.md", &design("Faster widget sync", "implementable", "Slow."))
        .commit("2023-02-10", "sync is implementable")
        .tag("v1.1.0")
        .write("docs/src/design/quotas.md", &design("Quotas", "implementable", "Unbounded."))
        .commit("2023-03-10", "quotas")
        .tag("v1.2.0-rc.1");
    std::fs::create_dir_all(repo.root.join("docs/src/design/net")).unwrap();
    repo.git(&["mv", "docs/src/design/cache.md", "docs/src/design/net/widget-cache.md"]);
    repo.commit("2023-04-10", "move the cache design")
        .write("docs/src/design/net/widget-cache.md", &design("Widget cache", "implementable", "Cold."))
        .commit("2023-05-10", "cache is implementable")
        .tag("v1.2.0")
        .write("docs/src/design/faster-widget-sync.md", &design("Faster widget sync", "implemented", "Slow."))
        .commit("2023-06-10", "sync shipped")
        .tag("v1.3.0")
        .write("docs/src/design/net/widget-cache.md", &design("Widget cache", "implementable", "Cold, and slow."))
        .commit("2023-07-10", "cache: text only")
        .tag("v1.4.0");
    // Not committed: has no history, so never stale.
    repo.write("docs/src/design/draft.md", &design("Draft", "provisional", "New."));
    repo
}

/// Python with `jsonschema`, `feedparser` and `lxml`, or `None` (a failure under `CI=true`).
fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .args(["-c", "import jsonschema, feedparser, lxml"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some("python3");
    }
    common::not_run(
        "python3 with jsonschema, feedparser and lxml (the design data oracles)",
        "Install them with `pip install jsonschema feedparser lxml` (`.ci/run` and `cargo xtask test` do).",
        Some("REQUIRE_PYTHON_ORACLES"),
    );
    None
}

/// Runs a Python script with `args`; its standard output.
fn run_python(py: &str, script: &str, args: &[&Path]) -> String {
    let out = Command::new(py).arg("-c").arg(script).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "python: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(common::bin()).current_dir(dir).args(args).output().unwrap()
}

/// The status of a design's text, read with a pattern (not with the tool's model): the first
/// non-blank line under `## Status`.
fn status_of(text: &str) -> String {
    let mut lines = text.lines().skip_while(|l| l.trim() != "## Status").skip(1);
    lines.find(|l| !l.trim().is_empty()).unwrap_or_default().trim().to_lowercase()
}

/// Every status change of the design now at `path`, read with plain git (`git log --follow`
/// and `git show`): (commit, new status), oldest first.
fn git_status_changes(repo: &Repo, path: &str) -> Vec<(String, String)> {
    // `--follow` does not combine with `--reverse`: the log is reversed here.
    let log = repo.git(&["log", "--follow", "--format=%H", "--name-only", "--", path]);
    let lines: Vec<&str> = log.lines().filter(|l| !l.is_empty()).collect();
    let mut out: Vec<(String, String)> = Vec::new();
    for pair in lines.chunks(2).rev() {
        let [commit, file] = pair else { continue };
        let status = status_of(&repo.git(&["show", &format!("{commit}:{file}")]));
        if out.last().is_none_or(|(_, s)| *s != status) {
            out.push((commit.to_string(), status));
        }
    }
    out
}

const VALIDATE_JSON: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
data = json.load(open(sys.argv[2]))
validator = jsonschema.Draft202012Validator(schema)
validator.validate(data)
# The schema is not vacuous: a renamed field, a wrong status or version fail.
for broken in ("path", "status", "version"):
    copy = json.loads(json.dumps(data))
    if broken == "path":
        copy["designs"][0]["file"] = copy["designs"][0].pop("path")
    elif broken == "status":
        copy["designs"][0]["status"] = "done"
    else:
        copy["schema_version"] = 2
    if validator.is_valid(copy):
        sys.exit("the schema accepts a document with a broken " + broken)
print("valid")
"#;

const READ_FEED: &str = r#"
import json, sys, feedparser
from lxml import etree
rng = etree.RelaxNG(etree.parse(sys.argv[1]))
doc = etree.parse(sys.argv[2])
if not rng.validate(doc):
    sys.exit("feed.xml is not valid Atom: %s" % rng.error_log)
feed = feedparser.parse(sys.argv[2])
print(json.dumps({
    "bozo": int(feed.bozo),
    "version": feed.version,
    "entries": [{"id": e.id, "title": e.title, "link": e.link, "updated": e.updated,
                 "tags": [t.term for t in e.get("tags", [])]} for e in feed.entries],
}))
"#;

#[test]
fn designs_json_and_feed_sit_beside_index_html_with_both_mdbook_versions() {
    let Some(py) = python() else { return };
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema = manifest.join("book/src/designs.schema.json");
    let atom = manifest.join("tests/fixtures/atom.rng");
    let repo = history_repo("published", "");
    for (var, version) in [("MDBOOK", "0.5.4"), ("MDBOOK_04", "0.4.52")] {
        let mdbook = common::mdbook(var, version);
        let _ = std::fs::remove_dir_all(repo.docs().join("book"));
        let out = common::build(&mdbook, &repo.docs());
        assert!(out.status.success(), "mdbook {version}: {}", String::from_utf8_lossy(&out.stderr));
        let html = repo.docs().join("book/html");
        for file in ["index.html", "designs.json", "feed.xml", "designs.schema.json"] {
            assert!(html.join(file).is_file(), "mdbook {version}: no {file} in the HTML output");
        }
        assert_eq!(run_python(py, VALIDATE_JSON, &[&schema, &html.join("designs.json")]).trim(), "valid");

        // designs.json agrees with `index --format json` on what both say.
        let data: Value = serde_json::from_slice(&std::fs::read(html.join("designs.json")).unwrap()).unwrap();
        let index = run(&repo.docs(), &["index", "--format", "json"]);
        let index: Value = serde_json::from_slice(&index.stdout).unwrap();
        let designs = data["designs"].as_array().unwrap();
        assert_eq!(designs.len(), index["designs"].as_array().unwrap().len());
        assert_eq!(designs.len(), 4);
        for d in designs {
            let e = index["designs"].as_array().unwrap().iter().find(|e| e["path"] == d["path"]).unwrap();
            for key in [
                "title",
                "status",
                "status_raw",
                "area",
                "summary",
                "replaces",
                "replaced_by",
                "released",
                "last_changed",
            ] {
                assert_eq!(d[key], e[key], "{key} of {}", d["path"]);
            }
            assert_eq!(d["stale"].is_object(), e["stale"].as_bool().unwrap(), "{}", d["path"]);
            // The history of each committed design equals what plain git shows.
            let path = d["path"].as_str().unwrap();
            let from_git = git_status_changes(&repo, &format!("docs/src/{path}"));
            let history: Vec<(String, String)> = d["history"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| (c["commit"].as_str().unwrap().to_string(), c["to"].as_str().unwrap().to_string()))
                .collect();
            assert_eq!(history, from_git, "{path}");
        }
        let sync = designs.iter().find(|d| d["path"] == "design/faster-widget-sync.md").unwrap();
        assert_eq!(sync["url"], "https://docs.example.org/widgets/design/faster-widget-sync.html");
        assert_eq!(sync["created"], "2023-01-10");
        assert_eq!(sync["summary_text"], "This design changes how widgets are synced.");
        assert_eq!(sync["status_releases"]["implemented"], "v1.3.0");
        assert_eq!(sync["status_releases"]["implementable"], "v1.1.0");
        let cache = designs.iter().find(|d| d["path"] == "design/net/widget-cache.md").unwrap();
        assert_eq!((&cache["created"], &cache["last_changed"]), (&"2023-01-10".into(), &"2023-07-10".into()));
        let draft = designs.iter().find(|d| d["path"] == "design/draft.md").unwrap();
        assert!(draft["created"].is_null() && draft["history"].as_array().unwrap().is_empty());

        // The feed: valid Atom, parsed without error, one entry per status change, newest first.
        let feed: Value = serde_json::from_str(&run_python(py, READ_FEED, &[&atom, &html.join("feed.xml")])).unwrap();
        assert_eq!(feed["bozo"], 0, "{feed}");
        assert_eq!(feed["version"], "atom10");
        let mut expected: Vec<(String, String, String)> = Vec::new();
        for path in ["design/faster-widget-sync.md", "design/net/widget-cache.md", "design/quotas.md"] {
            for (commit, status) in git_status_changes(&repo, &format!("docs/src/{path}")) {
                let time = repo.git(&["show", "-s", "--format=%cI", &commit]).trim().replace("+00:00", "Z");
                expected.push((time, path.to_string(), format!("{commit}|{status}")));
            }
        }
        expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let entries = feed["entries"].as_array().unwrap();
        assert_eq!(entries.len(), expected.len(), "{feed}");
        let ids: BTreeSet<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), entries.len(), "ids are unique");
        for (entry, (time, path, what)) in entries.iter().zip(&expected) {
            let (commit, status) = what.split_once('|').unwrap();
            assert_eq!(entry["updated"], time.as_str());
            let id = entry["id"].as_str().unwrap();
            assert!(id.starts_with("tag:docs.example.org,") && id.ends_with(&format!(":{path}/{commit}")), "{id}");
            let page = format!("https://docs.example.org/widgets/{}", path.replace(".md", ".html"));
            assert_eq!(entry["link"], page.as_str());
            assert!(entry["tags"].as_array().unwrap().iter().any(|t| t == status), "{entry}");
            // The release each change first shipped in, named in the title.
            let release = repo.git(&["tag", "--contains", commit, "--sort=version:refname", "v*"]);
            let first_final = release.lines().find(|t| !t.contains('-'));
            match first_final {
                Some(r) => assert!(entry["title"].as_str().unwrap().ends_with(&format!("({r})")), "{entry}"),
                None => assert!(entry["title"].as_str().unwrap().ends_with("(not released yet)"), "{entry}"),
            }
        }
    }
}

/// The designs that plain git says went `days` days without a change, for the statuses that
/// count, at `now` (seconds).
fn stale_by_git(repo: &Repo, designs: &[&str], days: i64, now: i64) -> BTreeSet<String> {
    designs
        .iter()
        .filter(|path| {
            let full = repo.docs().join("src").join(path);
            let status = status_of(&std::fs::read_to_string(full).unwrap());
            let last = repo.git(&["log", "-1", "--format=%ct", "--", &format!("docs/src/{path}")]);
            let Ok(last) = last.trim().parse::<i64>() else { return false };
            matches!(status.as_str(), "provisional" | "implementable") && (now - last) / 86_400 >= days
        })
        .map(|p| format!("src/{p}"))
        .collect()
}

fn stale_findings(dir: &Path, now: i64) -> BTreeSet<String> {
    let out = Command::new(common::bin())
        .current_dir(dir)
        .args(["lint", "--format", "json"])
        .env("SOURCE_DATE_EPOCH", now.to_string())
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&out.stderr));
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "stale")
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn stale_findings_equal_a_count_made_with_git() {
    let designs = ["design/faster-widget-sync.md", "design/net/widget-cache.md", "design/quotas.md", "design/draft.md"];
    // 2023-09-01T00:00:00Z, then later.
    for (days, now) in [(60, 1_693_526_400), (100, 1_693_526_400), (200, 1_693_526_400), (30, 1_700_000_000)] {
        let repo =
            history_repo(&format!("stale-{days}-{now}"), &format!("[preprocessor.design.stale]\ndays = {days}\n"));
        let expected = stale_by_git(&repo, &designs, days, now);
        assert_eq!(stale_findings(&repo.docs(), now), expected, "days = {days}");
        // The index's stale filter agrees.
        let out = Command::new(common::bin())
            .current_dir(repo.docs())
            .args(["index", "--stale"])
            .env("SOURCE_DATE_EPOCH", now.to_string())
            .output()
            .unwrap();
        let index: Value = serde_json::from_slice(&out.stdout).unwrap();
        let listed: BTreeSet<String> = index["designs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("src/{}", d["path"].as_str().unwrap()))
            .collect();
        assert_eq!(listed, expected);
    }
}

#[test]
fn stale_by_releases_and_per_status_and_message() {
    let now = 1_693_526_400; // 2023-09-01
                             // `releases = 2`: quotas' last change first shipped in a final release in v1.2.0 (the
                             // pre-release v1.2.0-rc.1 does not count), then v1.3.0 and v1.4.0 shipped: stale. The cache
                             // (changed in v1.4.0) is not; the sync design is implemented.
    let repo = history_repo("stale-releases", "[preprocessor.design.stale]\nreleases = 2\n");
    assert_eq!(stale_findings(&repo.docs(), now), BTreeSet::from(["src/design/quotas.md".to_string()]));
    let out = Command::new(common::bin())
        .current_dir(repo.docs())
        .args(["lint"])
        .env("SOURCE_DATE_EPOCH", now.to_string())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("implementable for 5 months and 2 releases without a change"), "{text}");
    // Per status: implemented designs too, and implementable ones switched off.
    let repo = history_repo(
        "stale-status",
        "[preprocessor.design.stale]\ndays = 10\n[preprocessor.design.stale.status]\nimplemented = { days = 30 }\nimplementable = {}\n",
    );
    assert_eq!(stale_findings(&repo.docs(), now), BTreeSet::from(["src/design/faster-widget-sync.md".to_string()]));
}

#[test]
fn unknown_stale_keys_are_errors_naming_the_key() {
    let repo = history_repo("stale-typo", "[preprocessor.design.stale]\ndayz = 10\n");
    let out = run(&repo.docs(), &["lint"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stale") && err.contains("dayz") && err.contains("days"), "{err}");
    let repo = history_repo("stale-status-typo", "[preprocessor.design.stale.status]\nimplemnted = { days = 1 }\n");
    let err = String::from_utf8_lossy(&run(&repo.docs(), &["lint"]).stderr).to_string();
    assert!(err.contains("implemnted") && err.contains("implementable"), "{err}");
}

/// Per section (`## ` heading text, `(title and front matter)` before the first), the words
/// `git diff --word-diff=porcelain` removes and adds between two blobs, sorted.
fn git_word_diff(repo: &Repo, old: &str, new: &str) -> std::collections::BTreeMap<String, (Vec<String>, Vec<String>)> {
    let out = repo.git(&["diff", "--word-diff=porcelain", "--unified=100000", old, new]);
    let mut by_section: std::collections::BTreeMap<String, (Vec<String>, Vec<String>)> = Default::default();
    let mut current = "(title and front matter)".to_string();
    let (mut new_line, mut removed, mut added) = (String::new(), Vec::new(), Vec::new());
    let body = out.lines().skip_while(|l| !l.starts_with("@@"));
    for line in body.skip(1) {
        let (mark, text) = line.split_at(line.len().min(1));
        match mark {
            " " => new_line.push_str(text),
            "+" => {
                new_line.push_str(text);
                added.extend(text.split_whitespace().map(str::to_string));
            }
            "-" => removed.extend(text.split_whitespace().map(str::to_string)),
            "~" => {
                if let Some(name) = new_line.strip_prefix("## ") {
                    current = name.trim().to_string();
                }
                let entry = by_section.entry(current.clone()).or_default();
                entry.0.append(&mut removed);
                entry.1.append(&mut added);
                new_line.clear();
            }
            _ => {}
        }
    }
    by_section.retain(|_, (r, a)| !r.is_empty() || !a.is_empty());
    for (r, a) in by_section.values_mut() {
        r.sort();
        a.sort();
    }
    by_section
}

#[test]
fn diff_between_tags_matches_git_word_diff_section_by_section() {
    let repo = Repo::new("diff");
    let text = |status: &str, summary: &str, motivation: &str, extra: &str| {
        format!(
            "# Faster widget sync\n\n## Status\n\n{status}\n\n## Summary\n\n{summary}\n\n## Motivation\n\n{motivation}\n\n\
             ## Goals\n\n- Sync in one round trip.\n- Keep the protocol.\n{extra}"
        )
    };
    repo.write("docs/book.toml", &book_toml(""))
        .write("docs/src/SUMMARY.md", "# Summary\n\n- [Sync](design/faster-widget-sync.md)\n")
        .write(
            "docs/src/design/sync.md",
            &text("provisional", "Widgets sync slowly.\nThe client polls.", "Users wait for\nminutes.", ""),
        )
        .commit("2023-01-01", "first")
        .tag("v1.0.0");
    std::fs::create_dir_all(repo.root.join("docs/src/design/net")).unwrap();
    repo.git(&["mv", "docs/src/design/sync.md", "docs/src/design/net/faster-widget-sync.md"]);
    repo.commit("2023-01-02", "move")
        .write(
            "docs/src/design/net/faster-widget-sync.md",
            &text(
                "implementable",
                "Widgets sync quickly.\nThe server pushes changes.",
                "Users wait for\nminutes, sometimes hours.\n\nA second paragraph.",
                "\n## Non-Goals\n\nA new protocol.\n",
            ),
        )
        .commit("2023-01-03", "edit")
        .tag("v1.1.0");
    let out = run(&repo.docs(), &["diff", "design/net/faster-widget-sync.md", "v1.0.0", "v1.1.0", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let diff: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(diff["old_path"], "design/sync.md", "the move is followed");
    let ours: std::collections::BTreeMap<String, (Vec<String>, Vec<String>)> = diff["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let words = |key: &str| {
                let mut w: Vec<String> =
                    s[key].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect();
                w.sort();
                w
            };
            (s["section"].as_str().unwrap().to_string(), (words("removed"), words("added")))
        })
        .collect();
    let git =
        git_word_diff(&repo, "v1.0.0:docs/src/design/sync.md", "v1.1.0:docs/src/design/net/faster-widget-sync.md");
    assert_eq!(ours, git);
    assert_eq!(ours.keys().collect::<Vec<_>>(), ["Motivation", "Non-Goals", "Status", "Summary"]);
    // The human output names each changed section and marks the words.
    let out = run(&repo.docs(), &["diff", "src/design/net/faster-widget-sync.md", "v1.0.0", "v1.1.0"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(was design/sync.md)") && text.contains("== Summary (changed"), "{text}");
    assert!(text.contains("[-slowly.-]") && text.contains("{+quickly.+}"), "{text}");
    // Unknown revisions and paths are errors that say what to do.
    let out = run(&repo.docs(), &["diff", "design/nope.md", "v1.0.0", "v1.1.0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("design/nope.md is not a design at v1.1.0"));
    let out = run(&repo.docs(), &["diff", "design/net/faster-widget-sync.md", "v0.9.0", "v1.1.0"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("`v0.9.0` names no commit"));
}

#[test]
fn timeline_diffs_show_what_changed_at_each_status_change_on_the_page() {
    let repo = history_repo("timeline-diffs", "timeline-diffs = true\n");
    let mdbook = common::mdbook("MDBOOK", "0.5.4");
    let out = common::build(&mdbook, &repo.docs());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(repo.docs().join("book/html/design/net/widget-cache.html")).unwrap();
    let start = page.find("<details class=\"design-history-diff\">").expect("the diff follows the timeline");
    let details = &page[start..start + page[start..].find("</details>").unwrap()];
    assert!(page[..start].contains("data-mdbook-design=\"history\""), "after the timeline");
    // provisional -> implementable (v1.2.0): the Status word changed, the move is followed.
    assert!(details.contains("<strong>provisional → implementable</strong> (v1.2.0"), "{details}");
    assert!(details.contains(">provisional</del>") && details.contains(">implementable</ins>"), "{details}");
    // The text-only change after it is no status change: not shown.
    assert!(!details.contains("slow."), "{details}");
    // A design with one status change has none.
    let quotas = std::fs::read_to_string(repo.docs().join("book/html/design/quotas.html")).unwrap();
    assert!(!quotas.contains("design-history-diff"));
}

/// `GET path` from 127.0.0.1:`port`: the status code and body, or `None` when nothing answers.
fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let text = String::from_utf8_lossy(&response).to_string();
    let code = text.split(' ').nth(1)?.parse().ok()?;
    Some((code, text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default()))
}

#[test]
fn mdbook_serve_serves_designs_json_and_the_feed_with_both_versions() {
    let repo = history_repo("serve", "");
    for (var, version) in [("MDBOOK", "0.5.4"), ("MDBOOK_04", "0.4.52")] {
        let mdbook = common::mdbook(var, version);
        // A port that is free now (the OS picks it).
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut child = Command::new(&mdbook)
            .args(["serve", "-n", "127.0.0.1", "-p", &port.to_string()])
            .current_dir(repo.docs())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut got = None;
        for _ in 0..120 {
            std::thread::sleep(std::time::Duration::from_millis(250));
            if let Some((200, body)) = http_get(port, "/designs.json") {
                got = Some((body, http_get(port, "/feed.xml")));
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        let (json, feed) = got.unwrap_or_else(|| panic!("mdbook {version} serve never served /designs.json"));
        let data: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(data["designs"].as_array().unwrap().len(), 4, "mdbook {version}");
        let (code, feed) = feed.unwrap();
        assert_eq!(code, 200, "mdbook {version}: feed.xml");
        assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), "mdbook {version}");
    }
}

#[test]
fn index_shows_last_changed_and_filters_stale_designs() {
    let repo = history_repo(
        "index-stale",
        "[preprocessor.design.stale]\nreleases = 2\n[preprocessor.design.index]\ncolumns = [\"last-changed\"]\n",
    );
    let out = run(&repo.docs(), &["index", "--format", "markdown"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("| Last changed |"), "{table}");
    let row = table.lines().find(|l| l.contains("[Widget cache]")).unwrap();
    assert!(row.ends_with("| 2023-07-10 |"), "{row}");
    // `{{#design-index stale=yes}}` in a real build lists only the stale design (quotas).
    repo.write("docs/src/index.md", "# Designs\n\n{{#design-index stale=yes}}\n");
    let mdbook = common::mdbook("MDBOOK", "0.5.4");
    let out = common::build(&mdbook, &repo.docs());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(repo.docs().join("book/html/index.html")).unwrap();
    assert!(page.contains("design/quotas.html"), "the stale design is listed");
    for other in ["design/faster-widget-sync.html\"", "design/net/widget-cache.html\""] {
        let table = &page[page.find("<table").unwrap()..page.find("</table>").unwrap()];
        assert!(!table.contains(other), "{other} is not stale");
    }
    assert!(page.contains("(stale)"), "the count says what the table holds");
}

#[test]
fn site_data_without_the_html_output_says_what_to_add() {
    let repo = history_repo("no-html", "");
    let toml = book_toml("").replace("[output.html]\n", "");
    repo.write("docs/book.toml", &toml);
    let mdbook = common::mdbook("MDBOOK", "0.5.4");
    let out = common::build(&mdbook, &repo.docs());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mdbook-design site-data: error: the HTML output is not at"), "{err}");
    assert!(err.contains("add [output.html] to book.toml"), "{err}");
}
