//! Which two revisions a release-notes run compares: a release and the one before it, the
//! latest release and HEAD, or any two revisions.

use crate::feature::history::git::Repo;
use crate::feature::history::versions::{parse_version, Versions};
use crate::feature::history::{HistoryError, HistoryErrorKind};

/// What range of history the notes cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Selection {
    /// A version tag, compared with the release before it.
    Release(String),
    /// The latest version tag to HEAD.
    Unreleased,
    /// Any two revisions; `until` defaults to HEAD.
    Since {
        /// Where the range starts (excluded).
        since: String,
        /// Where the range ends (included).
        until: Option<String>,
    },
}

/// A selection resolved to commits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// The version tag the notes are for; `None` for unreleased changes and plain ranges.
    pub release: Option<String>,
    /// Whether the range is the latest release to HEAD.
    pub unreleased: bool,
    /// The tag or revision the range starts from; `None` when it starts at the first commit.
    pub previous: Option<String>,
    /// The revision the range ends at, as named (`v1.5.0`, `HEAD`).
    pub until: String,
    /// The start commit (excluded); `None` for the whole history.
    pub from: Option<String>,
    /// The end commit (included).
    pub to: String,
}

/// The hint added to errors in a shallow clone.
const UNSHALLOW: &str = "this is a shallow clone: run `git fetch --tags --unshallow` to get the full history and tags";

/// Resolves `selection` against the repository's tags and commits.
pub(crate) fn resolve(repo: &Repo, selection: &Selection) -> Result<Resolved, HistoryError> {
    let shallow_hint = |message: String| {
        if repo.shallow {
            HistoryError::new(HistoryErrorKind::Shallow, format!("{message}; {UNSHALLOW}"))
        } else {
            HistoryError::new(HistoryErrorKind::UnknownRevision, message)
        }
    };
    match selection {
        Selection::Since { since, until } => {
            let until = until.clone().unwrap_or_else(|| "HEAD".to_string());
            let from = repo.resolve(since).ok_or_else(|| shallow_hint(format!("`{since}` names no commit here")))?;
            let to = repo.resolve(&until).ok_or_else(|| shallow_hint(format!("`{until}` names no commit here")))?;
            Ok(Resolved {
                release: None,
                unreleased: false,
                previous: Some(since.clone()),
                until,
                from: Some(from),
                to,
            })
        }
        Selection::Unreleased => {
            let versions = versions(repo)?;
            let latest = versions.latest().ok_or_else(|| no_version_tags(repo))?;
            let to = repo.resolve("HEAD").ok_or_else(|| HistoryError::git("the repository has no commits yet"))?;
            Ok(Resolved {
                release: None,
                unreleased: true,
                previous: Some(latest.name.clone()),
                until: "HEAD".to_string(),
                from: Some(latest.commit.clone()),
                to,
            })
        }
        Selection::Release(name) => {
            let versions = versions(repo)?;
            if versions.tags.is_empty() {
                return Err(no_version_tags(repo));
            }
            let Some(tag) = versions.find(name) else { return Err(unknown_tag(repo, &versions, name)) };
            let previous = versions.previous(tag);
            if repo.shallow {
                let missing = match previous {
                    None => Some(format!("no version tag below `{name}` is in this clone")),
                    Some(p) if repo.resolve(&p.commit).is_none() => {
                        Some(format!("the commit of `{}`, the release before `{name}`, is not in this clone", p.name))
                    }
                    Some(_) => None,
                };
                if let Some(message) = missing {
                    return Err(HistoryError::new(HistoryErrorKind::Shallow, format!("{message}; {UNSHALLOW}")));
                }
            }
            Ok(Resolved {
                release: Some(tag.name.clone()),
                unreleased: false,
                previous: previous.map(|p| p.name.clone()),
                until: tag.name.clone(),
                from: previous.map(|p| p.commit.clone()),
                to: tag.commit.clone(),
            })
        }
    }
}

/// The repository's version tags.
fn versions(repo: &Repo) -> Result<Versions, HistoryError> {
    Ok(Versions::from_tags(&repo.tags()?))
}

/// The error for a repository without version tags.
fn no_version_tags(repo: &Repo) -> HistoryError {
    let message = "this repository has no version tags (such as `v1.2.0` or `1.2.0`); tag a release, or pick the \
                   range with `--since REV [--until REV]`";
    if repo.shallow {
        HistoryError::new(HistoryErrorKind::Shallow, format!("{message}; {UNSHALLOW}"))
    } else {
        HistoryError::new(HistoryErrorKind::NoVersionTags, message)
    }
}

/// The error for a release name that is not a version tag here.
fn unknown_tag(repo: &Repo, versions: &Versions, name: &str) -> HistoryError {
    let nearest = versions.nearest(name).iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let mut message = if parse_version(name).is_none() {
        format!("`{name}` is not a version tag (versions look like `v1.2.0`); the latest version tags are {nearest}")
    } else {
        format!("there is no tag `{name}`; the nearest version tags are {nearest}")
    };
    if repo.shallow {
        message = format!("{message}; {UNSHALLOW}");
        return HistoryError::new(HistoryErrorKind::Shallow, message);
    }
    HistoryError::new(HistoryErrorKind::UnknownTag, message)
}
