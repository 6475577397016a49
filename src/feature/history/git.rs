//! Reading a git repository through the `git` command: a handful of processes per question
//! (tags, one tree listing, one log, one `cat-file --batch` for every blob), never one process
//! per file or per tag.
//!
//! The `git` binary was chosen over a pure-Rust library after measuring: on a repository of
//! 2,000 commits the whole `--release` run spawns about eight short processes (a few
//! milliseconds each), so a library would save little and add a large dependency.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::HistoryError;

/// A git work tree and the folder inside it that the book lives in.
#[derive(Debug, Clone)]
pub(crate) struct Repo {
    /// The top of the work tree.
    pub top: PathBuf,
    /// Whether the repository is a shallow clone.
    pub shallow: bool,
    /// The repository's common git folder (where caches go).
    pub git_dir: PathBuf,
}

/// A tag and the commit it points at (annotated tags peeled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// The tag's name (`v1.5.0`).
    pub name: String,
    /// The full id of the commit it names.
    pub commit: String,
}

/// One file's change in a commit, from `git log --raw`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileChange {
    /// The change letter: `A`, `M`, `D`, `R`, `C`, `T`.
    pub kind: char,
    /// The path before (for renames and copies; else the same as `path`).
    pub old_path: String,
    /// The path after.
    pub path: String,
    /// The blob before the change (all zeros when added).
    pub old_blob: String,
    /// The blob after the change (all zeros when deleted).
    pub blob: String,
    /// For renames and copies, how similar the two files are, in percent.
    pub score: u8,
}

/// A commit and its changes under the folder asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Commit {
    /// The full commit id.
    pub id: String,
    /// The committer date, seconds since the epoch.
    pub time: i64,
    /// Changed files, in git's order.
    pub changes: Vec<FileChange>,
}

impl Repo {
    /// The repository holding `dir`; a clear error when there is none or `git` cannot run.
    pub(crate) fn open(dir: &Path) -> Result<Repo, HistoryError> {
        let out = git_in(dir, &["rev-parse", "--show-toplevel", "--is-shallow-repository", "--git-common-dir"])
            .map_err(|e| match e {
                GitFailure::Spawn(e) => HistoryError::not_a_repository(format!(
                    "cannot run git ({e}); install git to read the status history of {}",
                    dir.display()
                )),
                GitFailure::Status(_) => HistoryError::not_a_repository(format!(
                    "{} is not in a git repository; release notes and status history are read from git, so run \
                 this inside a clone of the project (with its tags)",
                    dir.display()
                )),
            })?;
        let mut lines = out.lines();
        let top = PathBuf::from(lines.next().unwrap_or_default());
        let shallow = lines.next() == Some("true");
        let git_dir = PathBuf::from(lines.next().unwrap_or(".git"));
        let git_dir = if git_dir.is_absolute() { git_dir } else { dir.join(git_dir) };
        Ok(Repo { top, shallow, git_dir })
    }

    /// `path` (a folder in the work tree) relative to the top, with `/` separators and a
    /// trailing `/`; empty for the top itself.
    pub(crate) fn prefix_of(&self, path: &Path) -> Result<String, HistoryError> {
        let outside = || HistoryError::git(format!("{} is not inside {}", path.display(), self.top.display()));
        let path = path.canonicalize().map_err(|_| outside())?;
        let top = self.top.canonicalize().map_err(|_| outside())?;
        let relative = path.strip_prefix(&top).map_err(|_| outside())?;
        let slashed = crate::text::links::slash_path(relative);
        Ok(if slashed.is_empty() { slashed } else { format!("{slashed}/") })
    }

    /// Runs git in the top folder and returns its standard output.
    fn run(&self, args: &[&str]) -> Result<String, HistoryError> {
        git_in(&self.top, args).map_err(|e| HistoryError::git(format!("`git {}` failed: {e}", args.join(" "))))
    }

    /// The full id of the commit `rev` names, when it names one that is present.
    pub(crate) fn resolve(&self, rev: &str) -> Option<String> {
        let spec = format!("{rev}^{{commit}}");
        git_in(&self.top, &["rev-parse", "--verify", "--quiet", "--end-of-options", &spec])
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// The parents of every commit reachable from HEAD and from `tips`, in one `rev-list`.
    pub(crate) fn parents<'a>(
        &self,
        tips: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, Vec<String>>, HistoryError> {
        let mut args = vec!["rev-list", "--parents", "HEAD"];
        args.extend(tips);
        let out = self.run(&args)?;
        Ok(out
            .lines()
            .filter_map(|line| {
                let mut ids = line.split(' ').map(str::to_string);
                let commit = ids.next()?;
                Some((commit, ids.collect()))
            })
            .collect())
    }

    /// Every tag that names a commit, sorted by name.
    pub(crate) fn tags(&self) -> Result<Vec<Tag>, HistoryError> {
        let out =
            self.run(&["for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)", "refs/tags"])?;
        let mut tags = Vec::new();
        for line in out.lines() {
            let mut parts = line.split('\0');
            let (Some(name), Some(object), peeled) = (parts.next(), parts.next(), parts.next()) else { continue };
            let commit = peeled.filter(|p| !p.is_empty()).unwrap_or(object);
            tags.push(Tag { name: name.to_string(), commit: commit.to_string() });
        }
        tags.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(tags)
    }

    /// The files under `prefix` (relative to the top, `/` separators, may be empty) at commit
    /// `rev`: path (relative to the top) to blob id.
    pub(crate) fn tree(&self, rev: &str, prefix: &str) -> Result<BTreeMap<String, String>, HistoryError> {
        let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", rev];
        if !prefix.is_empty() {
            args.extend(["--", prefix]);
        }
        let out = self.run(&args)?;
        let mut files = BTreeMap::new();
        for entry in out.split('\0').filter(|e| !e.is_empty()) {
            // `<mode> SP <type> SP <object> TAB <path>`
            let Some((meta, path)) = entry.split_once('\t') else { continue };
            let mut meta = meta.split(' ');
            let (_, kind, object) = (meta.next(), meta.next(), meta.next());
            if kind == Some("blob") {
                files.insert(path.to_string(), object.unwrap_or_default().to_string());
            }
        }
        Ok(files)
    }

    /// The commits of `range` (`A..B`, or one revision for all its history) that change
    /// Markdown files under `prefix`, oldest first, following first parents (a merge counts as one change
    /// against the branch it was merged into), with renames detected.
    pub(crate) fn log(&self, range: &str, prefix: &str) -> Result<Vec<Commit>, HistoryError> {
        let mut args = vec![
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--reverse",
            "-M",
            "--raw",
            "--no-abbrev",
            "-z",
            "--format=%x01%H %ct",
            range,
            "--",
        ];
        // Designs are Markdown files; leaving other files out also spares reading large
        // binaries for rename detection (and a clone missing one of them still works).
        let markdown = format!(":(glob){prefix}**/*.md");
        args.push(&markdown);
        let out = self.run(&args)?;
        Ok(parse_log(&out))
    }

    /// The text of each blob, read in one `git cat-file --batch`; invalid UTF-8 is replaced.
    pub(crate) fn blobs<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, String>, HistoryError> {
        let mut wanted: Vec<&str> = ids.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut texts = HashMap::with_capacity(wanted.len());
        if wanted.is_empty() {
            return Ok(texts);
        }
        let fail = |e: std::io::Error| HistoryError::git(format!("`git cat-file --batch` failed: {e}"));
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(fail)?;
        let mut stdin = child.stdin.take().ok_or_else(|| fail(std::io::Error::other("no stdin")))?;
        let input: String = wanted.iter().map(|id| format!("{id}\n")).collect();
        // Writing on a thread while this one reads keeps both pipes from filling up.
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let stdout = child.stdout.take().ok_or_else(|| fail(std::io::Error::other("no stdout")))?;
        let mut reader = BufReader::with_capacity(1 << 16, stdout);
        let mut header = String::new();
        for id in &wanted {
            header.clear();
            reader.read_line(&mut header).map_err(fail)?;
            // `<id> <type> <size>` or `<id> missing`
            let mut parts = header.split_whitespace();
            let (_, kind, size) = (parts.next(), parts.next(), parts.next());
            let Some(size) = size.and_then(|s| s.parse::<usize>().ok()) else { continue };
            let mut bytes = vec![0; size + 1];
            reader.read_exact(&mut bytes).map_err(fail)?;
            bytes.pop();
            if kind == Some("blob") {
                let text = match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                };
                texts.insert((*id).to_string(), text);
            }
        }
        drop(reader);
        let _ = writer.join();
        let _ = child.wait();
        Ok(texts)
    }
}

/// Why a git command failed.
#[derive(Debug)]
enum GitFailure {
    /// git could not be started.
    Spawn(std::io::Error),
    /// git ran and failed, with its error output.
    Status(String),
}

impl std::fmt::Display for GitFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitFailure::Spawn(e) => write!(f, "cannot run git: {e}"),
            GitFailure::Status(stderr) => f.write_str(stderr.trim()),
        }
    }
}

/// Runs `git -C dir args` and returns its standard output.
fn git_in(dir: &Path, args: &[&str]) -> Result<String, GitFailure> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(GitFailure::Spawn)?;
    if !out.status.success() {
        return Err(GitFailure::Status(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Parses `git log --raw -z --format=%x01%H %ct` output.
fn parse_log(out: &str) -> Vec<Commit> {
    let mut commits: Vec<Commit> = Vec::new();
    let mut tokens = out.split('\0');
    while let Some(token) = tokens.next() {
        let token = token.trim_start_matches('\n');
        if let Some(header) = token.strip_prefix('\x01') {
            let mut parts = header.split(' ');
            let id = parts.next().unwrap_or_default().to_string();
            let time = parts.next().and_then(|t| t.trim().parse().ok()).unwrap_or(0);
            commits.push(Commit { id, time, changes: Vec::new() });
            continue;
        }
        let Some(meta) = token.strip_prefix(':') else { continue };
        // `<old mode> <new mode> <old blob> <new blob> <letter><score>`
        let fields: Vec<&str> = meta.split(' ').collect();
        let (Some(old_blob), Some(blob), Some(letter)) =
            (fields.get(2), fields.get(3), fields.get(4).and_then(|l| l.chars().next()))
        else {
            continue;
        };
        let score = fields.get(4).and_then(|l| l.get(1..)).and_then(|s| s.parse().ok()).unwrap_or(0);
        let first = tokens.next().unwrap_or_default().to_string();
        let (old_path, path) = if matches!(letter, 'R' | 'C') {
            let second = tokens.next().unwrap_or_default().to_string();
            (first, second)
        } else {
            (first.clone(), first)
        };
        if let Some(commit) = commits.last_mut() {
            commit.changes.push(FileChange {
                kind: letter,
                old_path,
                path,
                old_blob: (*old_blob).to_string(),
                blob: (*blob).to_string(),
                score,
            });
        }
    }
    commits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_raw_log() {
        let zero = "0".repeat(40);
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let out = format!(
            "\x01{a} 100\0\n:000000 100644 {zero} {b} A\0src/x.md\0\x01{b} 200\0\n:100644 100644 {b} {b} R100\0src/x.md\0src/y/x.md\0:100644 000000 {b} {zero} D\0src/z.md\0"
        );
        let commits = parse_log(&out);
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].time, 100);
        let added = FileChange {
            kind: 'A',
            old_path: "src/x.md".into(),
            path: "src/x.md".into(),
            old_blob: zero.clone(),
            blob: b.clone(),
            score: 0,
        };
        assert_eq!(commits[0].changes, [added]);
        assert_eq!(commits[1].changes[0].old_path, "src/x.md");
        assert_eq!(commits[1].changes[0].score, 100);
        assert_eq!(commits[1].changes[0].path, "src/y/x.md");
        assert_eq!(commits[1].changes[1].kind, 'D');
        assert_eq!(commits[1].changes[1].blob, zero);
    }
}
