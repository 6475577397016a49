//! Each design's status at two revisions, read with the design model, with renames and moves
//! between the two followed commit by commit.

use std::collections::{BTreeMap, HashMap};

use super::git::{FileChange, Repo};
use super::HistoryError;
use crate::model::project::Project;
use crate::model::status::Status;

/// A design at the end of a range and its status at both ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DesignChange {
    /// The path at the end, relative to the book's `src`.
    pub path: String,
    /// The path at the start when it was different (renamed or moved in the range).
    pub old_path: Option<String>,
    /// The status at the start; `None` when the design did not exist yet.
    pub from: Option<Status>,
    /// The status at the end.
    pub to: Status,
    /// The text at the end.
    pub text: String,
}

impl DesignChange {
    /// Whether the status is different at the two ends (a new design always is).
    pub(crate) fn changed(&self) -> bool {
        self.from != Some(self.to)
    }
}

/// The designs of a book's `src` at one revision.
#[derive(Debug, Clone, Default)]
pub(crate) struct Snapshot {
    /// Path relative to `src` to blob id.
    pub files: BTreeMap<String, String>,
}

impl Snapshot {
    /// The design files under `prefix` (the book's `src` relative to the top, ending in `/`) at
    /// commit `rev`.
    pub(crate) fn at(repo: &Repo, rev: &str, prefix: &str, project: &Project) -> Result<Snapshot, HistoryError> {
        let files = repo
            .tree(rev, prefix)?
            .into_iter()
            .filter_map(|(path, blob)| {
                let relative = path.strip_prefix(prefix)?.to_string();
                project.is_design(std::path::Path::new(&relative)).then_some((relative, blob))
            })
            .collect();
        Ok(Snapshot { files })
    }
}

/// Every design at `to`, with its status at `from` (`None` for the first commit) and at `to`.
///
/// A design renamed or moved between the two keeps its past: renames are followed through the
/// first-parent log of the range. A path deleted and added again is the same design.
pub(crate) fn compare(
    repo: &Repo,
    project: &Project,
    prefix: &str,
    from: Option<&str>,
    to: &str,
) -> Result<Vec<DesignChange>, HistoryError> {
    let end = Snapshot::at(repo, to, prefix, project)?;
    let start = match from {
        Some(rev) => Snapshot::at(repo, rev, prefix, project)?,
        None => Snapshot::default(),
    };
    let origins = match from {
        Some(rev) if !start.files.is_empty() => follow_renames(repo, project, prefix, &format!("{rev}..{to}"), &start)?,
        _ => HashMap::new(),
    };
    let claimed: std::collections::HashSet<&str> = origins.values().map(String::as_str).collect();
    // A path deleted and added again is the same design, unless its old self was renamed away.
    let origin_of = |path: &str| -> Option<String> {
        origins
            .get(path)
            .cloned()
            .or_else(|| (start.files.contains_key(path) && !claimed.contains(path)).then(|| path.to_string()))
    };
    let mut wanted: Vec<&str> = end.files.values().map(String::as_str).collect();
    for path in end.files.keys() {
        if let Some(origin) = origin_of(path) {
            if let Some(blob) = start.files.get(&origin) {
                wanted.push(blob);
            }
        }
    }
    let texts = repo.blobs(wanted)?;
    let status_of = |blob: &str| -> Option<(Status, &String)> {
        let text = texts.get(blob)?;
        Some((project.parse(text).status(), text))
    };
    let mut out = Vec::new();
    for (path, blob) in &end.files {
        let Some((to, text)) = status_of(blob) else { continue };
        if crate::model::directive::is_index_chapter(text) {
            continue;
        }
        let origin = origin_of(path);
        let from = origin.as_ref().and_then(|o| start.files.get(o)).and_then(|b| status_of(b)).map(|(s, _)| s);
        out.push(DesignChange {
            path: path.clone(),
            old_path: origin.filter(|o| o != path),
            from,
            to,
            text: text.clone(),
        });
    }
    // A status that cannot be read at the start (a formatting slip) is not a status: the design
    // starts from the last one it had, so mending the slip is no change.
    let unreadable: Vec<&str> = out
        .iter()
        .filter(|c| c.from == Some(Status::Unknown))
        .map(|c| c.old_path.as_deref().unwrap_or(&c.path))
        .collect();
    if let (Some(rev), false) = (from, unreadable.is_empty()) {
        let known = last_known(repo, project, prefix, rev, &unreadable)?;
        for change in out.iter_mut().filter(|c| c.from == Some(Status::Unknown)) {
            if let Some(&status) = known.get(change.old_path.as_deref().unwrap_or(&change.path)) {
                change.from = Some(status);
            }
        }
    }
    Ok(out)
}

/// For designs at `paths` (relative to `src`) at `rev`, the last status each had that could be
/// read, from the first-parent history up to `rev`, following sure renames back (see
/// [`sure_rename`]). A design that never had one is left out.
fn last_known(
    repo: &Repo,
    project: &Project,
    prefix: &str,
    rev: &str,
    paths: &[&str],
) -> Result<HashMap<String, Status>, HistoryError> {
    let commits = repo.log(rev, prefix)?;
    // Newest first: each design's path (relative to the top) before the commit at hand, and
    // every text it had, newest first.
    let mut at: HashMap<String, &str> = paths.iter().map(|&p| (format!("{prefix}{p}"), p)).collect();
    let mut texts: Vec<(&str, &str)> = Vec::new();
    for commit in commits.iter().rev() {
        for change in &commit.changes {
            let Some(&design) = at.get(&change.path) else { continue };
            if change.kind != 'D' {
                texts.push((design, &change.blob));
            }
            if change.kind == 'R' {
                at.remove(&change.path);
                if sure_rename(change) {
                    at.insert(change.old_path.clone(), design);
                }
            }
        }
    }
    let blobs = repo.blobs(texts.iter().map(|(_, blob)| *blob))?;
    let mut out = HashMap::new();
    for (design, blob) in texts {
        if out.contains_key(design) {
            continue;
        }
        let Some(text) = blobs.get(blob) else { continue };
        let status = project.parse(text).status();
        if status != Status::Unknown {
            out.insert(design.to_string(), status);
        }
    }
    Ok(out)
}

/// Renames at least this similar (in percent) are trusted as they are.
const SURE_RENAME: u8 = 90;

/// For each path at the end of `range` that holds a design of `start`, that design's path at
/// the start (both relative to `src`).
///
/// Designs written from one template look alike, so git pairs a small deleted design with a
/// small added one as a rename. A rename is followed when git finds the files at least
/// [`SURE_RENAME`] % alike, when the file keeps its name (moved between folders), or when the
/// design keeps its title.
fn follow_renames(
    repo: &Repo,
    project: &Project,
    prefix: &str,
    range: &str,
    start: &Snapshot,
) -> Result<HashMap<String, String>, HistoryError> {
    let commits = repo.log(range, prefix)?;
    let doubtful: Vec<&FileChange> =
        commits.iter().flat_map(|c| &c.changes).filter(|c| c.kind == 'R' && !sure_rename(c)).collect();
    let texts = repo.blobs(doubtful.iter().flat_map(|c| [c.old_blob.as_str(), c.blob.as_str()]))?;
    let title = |blob: &str, path: &str| texts.get(blob).map(|t| project.parse(t).display_title(path));
    let same_design = |c: &FileChange| {
        sure_rename(c) || {
            let old = title(&c.old_blob, &c.old_path);
            old.is_some() && old == title(&c.blob, &c.path)
        }
    };
    // Current path (relative to the top) to the design's path at the start.
    let mut origin: HashMap<String, String> = start.files.keys().map(|p| (format!("{prefix}{p}"), p.clone())).collect();
    for commit in &commits {
        for change in &commit.changes {
            match change.kind {
                'R' => {
                    if let Some(o) = origin.remove(&change.old_path) {
                        if same_design(change) {
                            origin.insert(change.path.clone(), o);
                        }
                    }
                }
                'D' => {
                    origin.remove(&change.path);
                }
                _ => {}
            }
        }
    }
    Ok(origin.into_iter().filter_map(|(path, o)| Some((path.strip_prefix(prefix)?.to_string(), o))).collect())
}

/// Whether git's rename is sure without reading the files: very alike, or the same file name.
pub(crate) fn sure_rename(change: &FileChange) -> bool {
    let name = |p: &str| p.rsplit('/').next().map(str::to_string);
    change.score >= SURE_RENAME || name(&change.old_path) == name(&change.path)
}
