//! The rebuild cache gives byte for byte what a cold build gives, whatever changed between two
//! builds: a paragraph, a heading other designs link to, a title a replacement sentence shows, a
//! sidecar's status, the git history, a design renamed, deleted or added, the configuration.
//!
//! Each step builds the book twice through the preprocessor, with the cache the steps before
//! left (warm) and with an empty cache folder (cold), and compares the book it writes and what it
//! prints. The cold build is the oracle: it never reads a cache. The warm build's trace line
//! says how many designs it parsed, so the test also proves the cache was used (a cache that is
//! never read would pass the comparison and fail here).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

/// A book on disk in a git repository: `SUMMARY.md` lists `chapters` (path, name) in order.
struct Book {
    root: PathBuf,
    chapters: Vec<(String, String)>,
    config: Value,
    warm: PathBuf,
    builds: usize,
}

fn design(title: &str, status: &str, body: &str) -> String {
    format!(
        "# {title}\n\n## Status\n\n{status}\n\n## Summary\n\nThis design is about {title}, in one sentence.\n\n\
         ## Motivation\n\n{body}\n\n## Proposal\n\nThe proposal has words.\n"
    )
}

impl Book {
    fn new(name: &str) -> Book {
        let root = common::temp_dir(name);
        let warm = root.join("cache-warm");
        let book = Book {
            root: root.join("book"),
            chapters: Vec::new(),
            config: json!({"history": "on", "metadata-file": "kep.yaml",
                "designs": ["design/**/README.md"], "template": "design/NNNN-template/README.md"}),
            warm,
            builds: 0,
        };
        std::fs::create_dir_all(&book.root).unwrap();
        book.git(&["init", "--quiet"]);
        book
    }

    fn git(&self, args: &[&str]) {
        let out = Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(&self.root)
            .env("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z")
            .env("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z")
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "-m", message]);
    }

    fn write(&self, path: &str, text: &str) {
        common::write_files(&self.root.join("src"), &[(path, text)]);
    }

    fn remove(&self, path: &str) {
        std::fs::remove_file(self.root.join("src").join(path)).unwrap();
    }

    fn list(&mut self, path: &str, name: &str) {
        self.chapters.push((path.to_string(), name.to_string()));
    }

    /// The preprocessor request mdBook 0.5 would send for the book as it is on disk.
    fn request(&self) -> Vec<u8> {
        let mut summary = String::from("# Summary\n\n");
        let items: Vec<Value> = self
            .chapters
            .iter()
            .enumerate()
            .map(|(i, (path, name))| {
                summary.push_str(&format!("- [{name}]({path})\n"));
                let content = std::fs::read_to_string(self.root.join("src").join(path)).unwrap();
                json!({"Chapter": {"name": name, "content": content, "number": [i + 1], "sub_items": [],
                    "path": path, "source_path": path, "parent_names": []}})
            })
            .collect();
        std::fs::write(self.root.join("src/SUMMARY.md"), summary).unwrap();
        let ctx = json!({"root": self.root, "config": {"book": {"src": "src"},
            "preprocessor": {"design": self.config}, "output": {"html": {}}},
            "renderer": "html", "mdbook_version": "0.5.4"});
        serde_json::to_vec(&json!([ctx, {"items": items}])).unwrap()
    }

    /// Runs the preprocessor with the cache folder `cache`: the book it wrote, what it printed
    /// without the cache's own line, and how many designs it parsed of how many.
    fn run(&self, cache: &Path, request: &[u8]) -> (Vec<u8>, String, (usize, usize)) {
        let mut child = Command::new(common::bin())
            .env("MDBOOK_DESIGN_CACHE_DIR", cache)
            .env("MDBOOK_LOG", "trace")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = request.to_vec();
        let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &input));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "the preprocessor failed:\n{stderr}");
        let mut parsed = None;
        let mut kept = String::new();
        for line in stderr.lines() {
            match line.split_once("rebuild cache: ") {
                Some((_, rest)) => {
                    let words: Vec<&str> = rest.split_whitespace().collect();
                    parsed = Some((words[0].parse().unwrap(), words[2].parse().unwrap()));
                }
                None => {
                    kept.push_str(line);
                    kept.push('\n');
                }
            }
        }
        (out.stdout, kept, parsed.unwrap_or_else(|| panic!("no rebuild cache line in:\n{stderr}")))
    }

    /// Builds warm and cold, checks they agree, and returns how many designs the warm build
    /// parsed of how many.
    fn check(&mut self, step: &str) -> (usize, usize) {
        let request = self.request();
        let (warm_out, warm_err, parsed) = self.run(&self.warm, &request);
        self.builds += 1;
        let cold_dir = self.root.with_file_name(format!("cache-cold-{}", self.builds));
        let (cold_out, cold_err, (cold_parsed, designs)) = self.run(&cold_dir, &request);
        assert_eq!(cold_parsed, designs, "{step}: a cold build parses every design");
        assert_eq!(parsed.1, designs, "{step}: both builds count the same designs");
        if warm_out != cold_out {
            let (w, c) = (String::from_utf8_lossy(&warm_out), String::from_utf8_lossy(&cold_out));
            let at = w.bytes().zip(c.bytes()).position(|(a, b)| a != b).unwrap_or(w.len().min(c.len()));
            let from = at.saturating_sub(300);
            panic!(
                "{step}: the warm build's book differs from the cold build's at byte {at}:\nwarm: {}\ncold: {}",
                &w[from..(at + 300).min(w.len())],
                &c[from..(at + 300).min(c.len())]
            );
        }
        assert_eq!(warm_err, cold_err, "{step}: the warm build prints what the cold build prints");
        parsed
    }
}

/// The book: an index page, a release page, five designs in their own folders with `kep.yaml`
/// beside them, links between them (with anchors), a replaced design, and one design that
/// passes through (a NUL byte).
fn seed(book: &mut Book) {
    book.write("index.md", "# Designs\n\n{{#design-index}}\n");
    book.write("releases.md", "# Releases\n\n{{#design-releases}}\n");
    book.write("design/NNNN-template/README.md", &design("Title", "provisional", "Why."));
    let a = design("Alpha", "implementable", "Alpha's motivation. See [beta's plan](../beta/README.md#plan).");
    book.write("design/alpha/README.md", &a);
    book.write("design/alpha/kep.yaml", "title: Alpha\nstatus: implementable\n");
    let b = design("Beta", "provisional", "Beta's motivation.\n\n## Plan\n\nBeta's plan.");
    book.write("design/beta/README.md", &b);
    book.write("design/beta/kep.yaml", "title: Beta\nstatus: provisional\n");
    let g = "---\nsuperseded-by: ../delta/README.md\n---\n".to_string() + &design("Gamma", "replaced", "Old.");
    book.write("design/gamma/README.md", &g);
    book.write("design/delta/README.md", &design("Delta", "implemented", "Replaces gamma."));
    book.write("design/binary/README.md", "# Binary\n\n## Status\n\nprovisional\n\nA NUL \u{0} byte.\n");
    for (path, name) in [
        ("index.md", "Designs"),
        ("design/alpha/README.md", "Alpha"),
        ("design/beta/README.md", "Beta"),
        ("design/gamma/README.md", "Gamma"),
        ("design/delta/README.md", "Delta"),
        ("design/binary/README.md", "Binary"),
        ("releases.md", "Releases"),
    ] {
        book.list(path, name);
    }
    book.commit("first designs");
    book.git(&["tag", "v0.1.0"]);
}

#[test]
fn a_warm_build_is_a_cold_build_after_every_kind_of_change() {
    let mut book = Book::new("rebuild-cache");
    seed(&mut book);
    let (parsed, designs) = book.check("first build");
    assert_eq!((parsed, designs), (5, 5), "the first build has no cache to reuse");
    let (parsed, _) = book.check("nothing changed");
    assert_eq!(parsed, 0, "a build of an unchanged book parses no design");

    // One paragraph: only that design is parsed again.
    let a = std::fs::read_to_string(book.root.join("src/design/alpha/README.md")).unwrap();
    book.write("design/alpha/README.md", &a.replace("Alpha's motivation.", "Alpha's motivation, edited."));
    let (parsed, _) = book.check("a paragraph edited");
    assert_eq!(parsed, 1, "only the edited design is parsed");

    // A sidecar's status: the index and that design's badge change.
    book.write("design/beta/kep.yaml", "title: Beta\nstatus: implementable\n");
    let (parsed, _) = book.check("a sidecar's status changed");
    assert_eq!(parsed, 1, "only the design beside the sidecar is parsed");

    // The heading alpha links to goes away: alpha's `broken-design-link` finding appears
    // although alpha's own bytes did not change.
    let b = std::fs::read_to_string(book.root.join("src/design/beta/README.md")).unwrap();
    book.write("design/beta/README.md", &b.replace("## Plan", "## Schedule"));
    book.check("a linked heading renamed");

    // The replacing design's title: the replaced design's sentence names it.
    let d = std::fs::read_to_string(book.root.join("src/design/delta/README.md")).unwrap();
    book.write("design/delta/README.md", &d.replace("# Delta", "# Delta Prime"));
    book.check("a replacing design's title changed");

    // The history: a commit moves delta's status, so its timeline (and the release page) change.
    book.commit("delta implemented");
    book.write("design/alpha/README.md", &a.replace("implementable", "implemented"));
    book.commit("alpha implemented");
    book.git(&["tag", "v0.2.0"]);
    book.check("new commits and a tag");

    // A design renamed, one deleted, one added.
    std::fs::rename(book.root.join("src/design/beta"), book.root.join("src/design/beta-two")).unwrap();
    book.chapters[2].0 = "design/beta-two/README.md".into();
    book.check("a design renamed");
    book.remove("design/gamma/README.md");
    book.chapters.remove(3);
    book.check("a design deleted");
    book.write("design/epsilon/README.md", &design("Epsilon", "provisional", "New. See [delta](../delta/README.md)."));
    book.list("design/epsilon/README.md", "Epsilon");
    book.check("a design added");

    // The configuration: a lint rule's severity.
    book.config["lint"] = json!({"broken-design-link": "deny", "line-length": "allow"});
    book.check("the configuration changed");
    let (parsed, _) = book.check("nothing changed again");
    assert_eq!(parsed, 0);
}

#[test]
fn a_damaged_cache_is_a_cold_build() {
    let mut book = Book::new("rebuild-cache-damaged");
    seed(&mut book);
    book.check("first build");
    let files: Vec<PathBuf> =
        std::fs::read_dir(&book.warm).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    assert_eq!(files.len(), 1, "one cache file per book: {files:?}");
    let bytes = std::fs::read(&files[0]).unwrap();
    for (what, damaged) in [
        ("cut in half", bytes[..bytes.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("not a cache", b"[1, 2, 3]".to_vec()),
        ("one byte flipped at the end", {
            let mut b = bytes.clone();
            let last = b.len() - 1;
            b[last] ^= 0xff;
            b
        }),
    ] {
        std::fs::write(&files[0], damaged).unwrap();
        let (parsed, designs) = book.check(what);
        assert!(parsed <= designs, "{what}");
    }
}
