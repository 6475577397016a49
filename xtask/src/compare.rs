//! `cargo xtask compare`: the tool's output before and after a change, byte for byte.
//!
//! A refactor must not change what users get. This builds the `mdbook-design` binary at a base
//! revision (in a detached worktree under `target/compare/`) and from the working tree, then runs
//! both over the same books: every folder of the design corpus (`DESIGN_CORPUS` or
//! `../shared/corpus`) as a book, the crafted fuzz seeds as a book, and this repository's own
//! `book/`. For each book it compares `mdbook build` (every output file), `lint --format json`,
//! `index --format json`, and, with `--history`, `release-notes` of that git repository's book.
//! Any difference is printed with the first differing line and fails the command.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{tools, workspace_root};

/// What to compare.
pub struct Options {
    /// The revision whose binary is the reference.
    pub base: String,
    /// A book folder inside a git repository with version tags, for release notes.
    pub history: Option<PathBuf>,
}

/// Builds both binaries, runs both over every book, and fails on the first difference found
/// (after reporting every differing output).
pub fn run(options: &Options) -> Result<()> {
    let root = workspace_root();
    let work = root.join("target/compare");
    std::fs::create_dir_all(&work)?;
    let mdbook = tools::mdbook(&root, tools::MDBOOK_05, "MDBOOK")?;
    eprintln!("xtask compare: building mdbook-design at {} ...", options.base);
    let base_bin = build_at(&root, &work, &options.base)?;
    eprintln!("xtask compare: building mdbook-design from the working tree ...");
    cargo(&root, &["build", "--quiet", "--bin", "mdbook-design"], None)?;
    let head_bin = root.join("target/debug/mdbook-design");
    let books = books(&root, &work)?;
    let mut differences = 0;
    for book in &books {
        let name = book.file_name().unwrap_or_default().to_string_lossy().into_owned();
        eprintln!("xtask compare: {name} ...");
        let base = outputs(&base_bin, &mdbook, book, &work.join("out/base").join(&name))?;
        let head = outputs(&head_bin, &mdbook, book, &work.join("out/head").join(&name))?;
        differences += report(&name, &base, &head);
    }
    if let Some(history) = &options.history {
        let first = first_tag(history)?;
        for format in ["markdown", "json"] {
            let run = |bin: &Path| -> Result<Vec<u8>> {
                let out = Command::new(bin)
                    .args(["release-notes", "--book"])
                    .arg(history)
                    .args(["--since", &first, "--format", format])
                    .output()
                    .context("cannot run release-notes")?;
                Ok([out.stdout, out.stderr].concat())
            };
            let base = BTreeMap::from([(format!("release-notes.{format}"), run(&base_bin)?)]);
            let head = BTreeMap::from([(format!("release-notes.{format}"), run(&head_bin)?)]);
            differences += report("history", &base, &head);
        }
    }
    if differences > 0 {
        bail!("{differences} outputs differ between {} and the working tree", options.base);
    }
    eprintln!("xtask compare: {} books, every output byte-identical to {}", books.len(), options.base);
    Ok(())
}

/// The binary built at `rev` in a detached worktree (recreated each time).
fn build_at(root: &Path, work: &Path, rev: &str) -> Result<PathBuf> {
    let tree = work.join("base-src");
    if tree.exists() {
        let _ = git(root, &["worktree", "remove", "--force", &tree.to_string_lossy()]);
        let _ = std::fs::remove_dir_all(&tree);
    }
    git(root, &["worktree", "add", "--detach", "--quiet", &tree.to_string_lossy(), rev])?;
    let target = work.join("base-target");
    cargo(&tree, &["build", "--quiet", "--bin", "mdbook-design"], Some(&target))?;
    let _ = git(root, &["worktree", "remove", "--force", &tree.to_string_lossy()]);
    Ok(target.join("debug/mdbook-design"))
}

/// The books compared: each corpus folder, the fuzz seeds, and `book/`, copied under `work`.
fn books(root: &Path, work: &Path) -> Result<Vec<PathBuf>> {
    let dir = work.join("books");
    let _ = std::fs::remove_dir_all(&dir);
    let mut books = Vec::new();
    let corpus = std::env::var_os("DESIGN_CORPUS").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/corpus"));
    if corpus.is_dir() {
        for entry in sorted_dir(&corpus)? {
            if entry.is_dir() {
                let name = format!("corpus-{}", entry.file_name().unwrap_or_default().to_string_lossy());
                books.push(book_of(&dir.join(name), &entry)?);
            }
        }
    } else if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        bail!("no design corpus at {} (set DESIGN_CORPUS)", corpus.display());
    } else {
        eprintln!("xtask compare: NOT RUN on the corpus: {} is missing (set DESIGN_CORPUS)", corpus.display());
    }
    books.push(book_of(&dir.join("fuzz-seeds"), &root.join("fuzz/seeds"))?);
    let own = dir.join("own-book");
    copy_tree(&root.join("book"), &own)?;
    books.push(own);
    Ok(books)
}

/// A book at `book` whose `src/design/` holds every `.md` and sidecar file under `from`, listed in
/// `SUMMARY.md` in path order.
fn book_of(book: &Path, from: &Path) -> Result<PathBuf> {
    let design = book.join("src/design");
    std::fs::create_dir_all(&design)?;
    let mut summary = String::from("# Summary\n\n[Designs](README.md)\n\n");
    std::fs::write(book.join("src/README.md"), "# Designs\n\n{{#design-index}}\n")?;
    let mut files = Vec::new();
    collect(from, from, &mut files)?;
    for rel in files {
        let to = design.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap_or(&design))?;
        std::fs::copy(from.join(&rel), &to)?;
        let slash = rel.to_string_lossy().replace('\\', "/");
        if slash.ends_with(".md") {
            let label = slash.replace(['[', ']'], "");
            summary.push_str(&format!("- [{label}](<design/{slash}>)\n"));
        }
    }
    std::fs::write(book.join("src/SUMMARY.md"), summary)?;
    std::fs::write(book.join("book.toml"), "[book]\ntitle = \"Compare\"\n\n[preprocessor.design]\n")?;
    Ok(book.to_path_buf())
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for path in sorted_dir(dir)? {
        if path.is_dir() {
            collect(base, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "md" || e == "yaml" || e == "yml" || e == "toml") {
            out.push(path.strip_prefix(base)?.to_path_buf());
        }
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for path in sorted_dir(from)? {
        let name = path.file_name().unwrap_or_default();
        if path.is_dir() {
            if name != "book" {
                copy_tree(&path, &to.join(name))?;
            }
        } else {
            std::fs::copy(&path, to.join(name))?;
        }
    }
    Ok(())
}

fn sorted_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    Ok(paths)
}

/// Every output of `bin` on `book`: the built book's files (under `out`), lint and index JSON.
fn outputs(bin: &Path, mdbook: &Path, book: &Path, out: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let toml_path = book.join("book.toml");
    let toml = std::fs::read_to_string(&toml_path)?;
    let mut doc: toml_edit::DocumentMut = toml.parse().context("book.toml")?;
    doc["preprocessor"]["design"]["command"] = toml_edit::value(quote(&bin.to_string_lossy()));
    std::fs::write(&toml_path, doc.to_string())?;
    let _ = std::fs::remove_dir_all(out);
    let built = Command::new(mdbook).arg("build").arg("-d").arg(out).current_dir(book).output()?;
    std::fs::write(&toml_path, toml)?;
    let mut outputs = BTreeMap::new();
    outputs.insert("mdbook build: exit".to_string(), built.status.code().unwrap_or(-1).to_string().into_bytes());
    // mdBook's own log lines carry timestamps (0.4) and the output folder, which differs
    // between the two runs; ours (the lines naming mdbook-design) carry neither.
    let stderr = String::from_utf8_lossy(&built.stderr).replace(&out.to_string_lossy().into_owned(), "<out>");
    let ours: Vec<&str> = stderr.lines().filter(|l| !starts_with_timestamp(l.as_bytes())).collect();
    outputs.insert("mdbook build: stderr".to_string(), ours.join("\n").into_bytes());
    let mut files = Vec::new();
    if out.is_dir() {
        collect_all(out, out, &mut files)?;
    }
    for rel in files {
        outputs.insert(format!("html/{}", rel.to_string_lossy()), std::fs::read(out.join(&rel))?);
    }
    for (name, args) in [
        ("lint.json", &["lint", "--format", "json", "--book"][..]),
        ("index.json", &["index", "--format", "json", "--book"][..]),
    ] {
        let run = Command::new(bin).args(args).arg(book).output()?;
        outputs.insert(
            name.to_string(),
            [run.status.code().unwrap_or(-1).to_string().into_bytes(), run.stdout, run.stderr].concat(),
        );
    }
    Ok(outputs)
}

fn starts_with_timestamp(line: &[u8]) -> bool {
    line.len() > 4 && line[..4].iter().all(u8::is_ascii_digit) && line[4] == b'-'
}

fn collect_all(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for path in sorted_dir(dir)? {
        if path.is_dir() {
            collect_all(base, &path, out)?;
        } else {
            out.push(path.strip_prefix(base)?.to_path_buf());
        }
    }
    Ok(())
}

/// Prints every output that differs; returns how many did.
fn report(book: &str, base: &BTreeMap<String, Vec<u8>>, head: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut differences = 0;
    for name in base.keys().chain(head.keys().filter(|k| !base.contains_key(*k))) {
        match (base.get(name), head.get(name)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => {
                differences += 1;
                let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
                let line = a
                    .lines()
                    .zip(b.lines())
                    .position(|(x, y)| x != y)
                    .unwrap_or(a.lines().count().min(b.lines().count()));
                eprintln!("xtask compare: {book}: {name} differs at line {}:", line + 1);
                eprintln!("  base: {}", a.lines().nth(line).unwrap_or("(end)"));
                eprintln!("  head: {}", b.lines().nth(line).unwrap_or("(end)"));
            }
            (Some(_), None) => {
                differences += 1;
                eprintln!("xtask compare: {book}: {name} is missing from the working tree's output");
            }
            (None, _) => {
                differences += 1;
                eprintln!("xtask compare: {book}: {name} is new in the working tree's output");
            }
        }
    }
    differences
}

/// `s` quoted for the shell-like split mdBook applies to `command`.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn first_tag(repo: &Path) -> Result<String> {
    let out = Command::new("git").args(["tag", "--sort=v:refname"]).current_dir(repo).output()?;
    let tags = String::from_utf8_lossy(&out.stdout);
    tags.lines().find(|t| t.starts_with('v')).map(str::to_string).context("no version tag in the history repository")
}

fn git(dir: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new("git").args(args).current_dir(dir).status().context("cannot run git")?;
    if !status.success() {
        bail!("git {} failed", args.join(" "));
    }
    Ok(())
}

fn cargo(dir: &Path, args: &[&str], target: Option<&Path>) -> Result<()> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.args(args).current_dir(dir);
    if let Some(target) = target {
        command.env("CARGO_TARGET_DIR", target);
    }
    if !command.status().context("cannot run cargo")?.success() {
        bail!("cargo {} failed in {}", args.join(" "), dir.display());
    }
    Ok(())
}
