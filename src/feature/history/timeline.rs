//! Every design's status timeline: each status it has had, with the commit date and the
//! release it first shipped in, read from the whole first-parent history in three git
//! processes (one log, one `cat-file --batch`, one `rev-list` for releases) and cached by HEAD.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::git::{FileChange, Repo};
use super::versions::{VersionTag, Versions};
use super::{HistoryError, HistoryErrorKind};
use crate::model::project::Project;
use crate::model::status::Status;

/// One status change of a design.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The status before; `None` for the commit that added the design.
    #[serde(with = "optional_status")]
    pub from: Option<Status>,
    /// The status after.
    #[serde(with = "status_word")]
    pub to: Status,
    /// The commit that made the change.
    pub commit: String,
    /// The commit date, seconds since the epoch.
    pub time: i64,
    /// The version tag the change first shipped in; `None` when no release holds it yet.
    pub release: Option<String>,
    /// The design's blob at the change (for what changed in the text between two changes).
    #[serde(default)]
    pub blob: String,
}

impl StatusChange {
    /// The commit date as `YYYY-MM-DD` (UTC).
    pub fn date(&self) -> String {
        utc_date(self.time)
    }
}

/// The status history of a book's designs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// For each design at HEAD (path relative to `src`), its status changes, oldest first.
    pub designs: BTreeMap<String, Vec<StatusChange>>,
    /// The version tags, lowest version first.
    pub releases: Vec<String>,
    /// For each design at HEAD, the first and the last commit that changed its file (any
    /// change, not only of status), renames followed.
    #[serde(default)]
    pub touched: BTreeMap<String, Touched>,
}

/// The first and last commit that changed a design's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touched {
    /// The commit that added the design (under this or an earlier path).
    pub created: Change,
    /// The last commit that changed the design's text.
    pub last: Change,
}

/// A commit that changed a design's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The commit.
    pub commit: String,
    /// The commit date, seconds since the epoch.
    pub time: i64,
    /// The version tag the commit first shipped in; `None` when no release holds it yet.
    pub release: Option<String>,
}

impl History {
    /// The status changes of the design at `path`, oldest first (empty when unknown).
    pub fn of(&self, path: &str) -> &[StatusChange] {
        self.designs.get(path).map_or(&[], Vec::as_slice)
    }

    /// The first and last commit that changed the design at `path`, when it has a history.
    pub fn touched(&self, path: &str) -> Option<&Touched> {
        self.touched.get(path)
    }

    /// The release a design was implemented in: that of its last change to `implemented`.
    pub fn released(&self, path: &str) -> Option<&str> {
        self.of(path).iter().rev().find(|c| c.to == Status::Implemented).and_then(|c| c.release.as_deref())
    }
}

/// What the history needs of a design's text, when the caller parsed that text already (the
/// build knows every design of its book): its status and its title.
pub(crate) type Known<'k> = dyn Fn(&str) -> Option<(Status, String)> + Sync + 'k;

/// Reads the history of the designs under `src` (a folder in a git work tree), from the cache
/// when HEAD, the tags and the settings are those it was made for; takes from `known` what the
/// caller knows of a text instead of parsing it again (the designs as they are in HEAD are
/// usually the book's own chapters).
fn read_with(src: &Path, project: &Project, known: &Known<'_>) -> Result<History, HistoryError> {
    let repo = Repo::open(src)?;
    let prefix = repo.prefix_of(src)?;
    let head = repo.resolve("HEAD").ok_or_else(|| {
        HistoryError::new(HistoryErrorKind::NoHistory, "the repository has no commits yet, so designs have no history")
    })?;
    let tags = repo.tags()?;
    let key = cache_key(&head, &tags, &prefix, project);
    let cache = repo.git_dir.join("mdbook-design").join("history.json");
    if let Some(history) = load(&cache, key) {
        return Ok(history);
    }
    let versions = Versions::from_tags(&tags);
    let history = build(&repo, &prefix, project, &versions, known)?;
    store(&cache, key, &history);
    Ok(history)
}

/// The history for a build, as `history` in the configuration asks: `Ok(None)` when it is off,
/// or `auto` and the book is not in a git repository with commits; an error (for one warning)
/// when it cannot be read otherwise.
pub(crate) fn for_build(src: &Path, project: &Project) -> Result<Option<History>, HistoryError> {
    for_build_with(src, project, &|_| None)
}

/// [`for_build`] with what the build knows of its designs' texts (see [`Known`]).
pub(crate) fn for_build_with(
    src: &Path,
    project: &Project,
    known: &Known<'_>,
) -> Result<Option<History>, HistoryError> {
    use crate::model::config::HistoryMode;
    match project.config.history {
        HistoryMode::Off => Ok(None),
        HistoryMode::On => read_with(src, project, known).map(Some),
        HistoryMode::Auto => match read_with(src, project, known) {
            Ok(history) => Ok(Some(history)),
            Err(e) if matches!(e.kind, HistoryErrorKind::NotARepository | HistoryErrorKind::NoHistory) => Ok(None),
            Err(e) => Err(e),
        },
    }
}

/// Reads the whole history: one log, one batch of blobs, one rev-list.
fn build(
    repo: &Repo,
    prefix: &str,
    project: &Project,
    versions: &Versions,
    known: &Known<'_>,
) -> Result<History, HistoryError> {
    let commits = repo.log("HEAD", prefix)?;
    let relative = |p: &str| p.strip_prefix(prefix).map(str::to_string);
    let is_design = |p: &str| relative(p).is_some_and(|r| project.is_design(Path::new(&r)));
    let mut wanted: Vec<&str> = Vec::new();
    for change in commits.iter().flat_map(|c| &c.changes) {
        if change.kind != 'D' && is_design(&change.path) {
            wanted.push(&change.blob);
        }
        if change.kind == 'R' && !super::changes::sure_rename(change) {
            wanted.push(&change.old_blob);
        }
    }
    let texts = repo.blobs(wanted)?;
    // Each blob is parsed once, on every core.
    let parsed: HashMap<&str, (Status, String, bool)> = texts
        .par_iter()
        .map(|(blob, text)| {
            // A text the caller parsed is a design chapter of the book, so no index page.
            if let Some((status, title)) = known(text) {
                return (blob.as_str(), (status, title, false));
            }
            let design = project.parse(text);
            let index = crate::model::directive::is_index_chapter(text);
            (blob.as_str(), (design.status(), design.display_title(""), index))
        })
        .collect();
    let same_design = |c: &FileChange| {
        super::changes::sure_rename(c) || {
            let title = |b: &str| parsed.get(b).map(|p| &p.1);
            title(&c.old_blob).is_some() && title(&c.old_blob) == title(&c.blob)
        }
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut timelines: Vec<Vec<StatusChange>> = Vec::new();
    // Per timeline: the first and last commit (id, time) that changed the file.
    type At<'c> = (&'c str, i64);
    let mut touches: Vec<Option<(At<'_>, At<'_>)>> = Vec::new();
    for commit in &commits {
        for change in &commit.changes {
            let id = match change.kind {
                'D' => {
                    ids.remove(&change.path);
                    continue;
                }
                'R' => ids.remove(&change.old_path).filter(|_| same_design(change)),
                'M' | 'T' => ids.get(&change.path).copied(),
                _ => None,
            };
            if !is_design(&change.path) {
                continue;
            }
            let Some(&(status, _, index)) = parsed.get(change.blob.as_str()) else { continue };
            if index {
                continue;
            }
            let id = id.unwrap_or_else(|| {
                timelines.push(Vec::new());
                touches.push(None);
                timelines.len() - 1
            });
            ids.insert(change.path.clone(), id);
            // A pure rename (same blob) moves the file without changing the design's text.
            if change.kind != 'R' || change.old_blob != change.blob {
                let this = (commit.id.as_str(), commit.time);
                let touch = touches[id].get_or_insert((this, this));
                touch.1 = this;
            }
            let timeline = &mut timelines[id];
            let from = timeline.last().map(|c| c.to);
            // A status that cannot be read (a formatting slip) is not a change: the design keeps
            // the last status it had, and mending the slip is no change either.
            if status == Status::Unknown && from.is_some_and(|f| f != Status::Unknown) {
                continue;
            }
            if from != Some(status) {
                timeline.push(StatusChange {
                    from,
                    to: status,
                    commit: commit.id.clone(),
                    time: commit.time,
                    release: None,
                    blob: change.blob.clone(),
                });
            }
        }
    }
    let mut changed: HashSet<&str> = timelines.iter().flatten().map(|c| c.commit.as_str()).collect();
    changed.extend(touches.iter().flatten().flat_map(|(first, last)| [first.0, last.0]));
    let releases = first_releases(repo, versions, &changed)?;
    let mut designs = BTreeMap::new();
    let mut touched = BTreeMap::new();
    let change = |(commit, time): (&str, i64)| Change {
        commit: commit.to_string(),
        time,
        release: releases.get(commit).cloned(),
    };
    for (path, id) in ids {
        let Some(rel) = relative(&path) else { continue };
        if let Some((first, last)) = touches[id] {
            touched.insert(rel.clone(), Touched { created: change(first), last: change(last) });
        }
        let mut timeline = std::mem::take(&mut timelines[id]);
        for change in &mut timeline {
            change.release = releases.get(change.commit.as_str()).cloned();
        }
        designs.insert(rel, timeline);
    }
    Ok(History { designs, releases: versions.tags.iter().map(|t| t.name.clone()).collect(), touched })
}

/// For each commit in `wanted`, the version tag it first shipped in: the lowest final release
/// whose history holds it, else the lowest pre-release.
fn first_releases(
    repo: &Repo,
    versions: &Versions,
    wanted: &HashSet<&str>,
) -> Result<HashMap<String, String>, HistoryError> {
    let mut out = HashMap::new();
    if versions.tags.is_empty() || wanted.is_empty() {
        return Ok(out);
    }
    let parents = repo.parents(versions.tags.iter().map(|t| t.commit.as_str()))?;
    let finals: Vec<&VersionTag> = versions.tags.iter().filter(|t| t.version.pre.is_empty()).collect();
    let pres: Vec<&VersionTag> = versions.tags.iter().filter(|t| !t.version.pre.is_empty()).collect();
    // Walking releases lowest first and never twice through a commit gives each commit the
    // lowest release that holds it: a commit seen from a lower release has all its ancestors
    // seen too. Pre-releases walk after every final release, so they get only what no final
    // release holds.
    let mut visited: HashSet<&str> = HashSet::new();
    for tag in finals.into_iter().chain(pres) {
        let mut stack = vec![tag.commit.as_str()];
        while let Some(commit) = stack.pop() {
            if !visited.insert(commit) {
                continue;
            }
            if wanted.contains(commit) {
                out.insert(commit.to_string(), tag.name.clone());
            }
            if let Some(ps) = parents.get(commit) {
                stack.extend(ps.iter().map(String::as_str));
            }
        }
    }
    Ok(out)
}

/// The version of how a history is read and cached: raised when the same commits give another
/// history, so a cache made by an older build is read again.
const CACHE_FORMAT: u32 = 3;

/// The texts of the blobs of `history`'s status changes, for the designs at `paths` that have
/// at least two changes: one `git cat-file --batch`.
pub(crate) fn change_texts(
    src: &Path,
    history: &History,
    paths: &[&str],
) -> Result<HashMap<String, String>, HistoryError> {
    let repo = Repo::open(src)?;
    let wanted: Vec<&str> = paths
        .iter()
        .map(|p| history.of(p))
        .filter(|changes| changes.len() > 1)
        .flat_map(|changes| changes.iter().map(|c| c.blob.as_str()))
        .filter(|b| !b.is_empty())
        .collect();
    repo.blobs(wanted)
}

/// A key for everything the history depends on.
fn cache_key(head: &str, tags: &[super::git::Tag], prefix: &str, project: &Project) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    CACHE_FORMAT.hash(&mut h);
    head.hash(&mut h);
    for t in tags {
        (&t.name, &t.commit).hash(&mut h);
    }
    prefix.hash(&mut h);
    project.config.designs.hash(&mut h);
    format!("{:?}", project.aliases).hash(&mut h);
    format!("{:?}", project.template.sections).hash(&mut h);
    h.finish()
}

/// The cache file's content.
#[derive(Serialize, Deserialize)]
struct Cached {
    key: String,
    history: History,
}

/// The cached history, when its key matches.
fn load(path: &Path, key: u64) -> Option<History> {
    let bytes = std::fs::read(path).ok()?;
    let cached: Cached = serde_json::from_slice(&bytes).ok()?;
    (cached.key == format!("{key:016x}")).then_some(cached.history)
}

/// Writes the cache (through a temporary file, so a reader never sees half of it); a cache that
/// cannot be written only costs the next run its speed.
fn store(path: &Path, key: u64, history: &History) {
    let Some(folder) = path.parent() else { return };
    if std::fs::create_dir_all(folder).is_err() {
        return;
    }
    let cached = Cached { key: format!("{key:016x}"), history: history.clone() };
    let Ok(bytes) = serde_json::to_vec(&cached) else { return };
    let temp = folder.join(format!("history.{}.tmp", std::process::id()));
    if std::fs::write(&temp, bytes).is_ok() && std::fs::rename(&temp, path).is_err() {
        let _ = std::fs::remove_file(&temp);
    }
}

/// `YYYY-MM-DD` of a Unix time, in UTC (the proleptic Gregorian calendar).
pub(crate) fn utc_date(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A status as its word in the cache.
mod status_word {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::model::status::Status;

    pub(super) fn serialize<S: Serializer>(status: &Status, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(status.as_str())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
        let word = String::deserialize(d)?;
        Ok(Status::from_word(&word).unwrap_or(Status::Unknown))
    }
}

/// An optional status as its word, or null.
mod optional_status {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::model::status::Status;

    pub(super) fn serialize<S: Serializer>(status: &Option<Status>, s: S) -> Result<S::Ok, S::Error> {
        match status {
            Some(st) => s.serialize_some(st.as_str()),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Status>, D::Error> {
        let word = Option::<String>::deserialize(d)?;
        Ok(word.map(|w| Status::from_word(&w).unwrap_or(Status::Unknown)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_704_110_400), "2024-01-01");
        assert_eq!(utc_date(-86_400), "1969-12-31");
    }
}
