//! Version tags: git tags read as semantic versions (`v1.5.0`, `1.5.0-rc.1`), ordered, with the
//! rule for which release a release is compared with.

use semver::Version;

use super::git::Tag;

/// A tag that is a semantic version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VersionTag {
    /// The tag's name as written (`v1.5.0`).
    pub name: String,
    /// The version it names.
    pub version: Version,
    /// The commit it points at.
    pub commit: String,
}

/// The version a tag names: the whole name after an optional leading `v` or `V`.
pub(crate) fn parse_version(name: &str) -> Option<Version> {
    let bare = name.strip_prefix(['v', 'V']).unwrap_or(name);
    Version::parse(bare).ok()
}

/// The version tags of a repository, lowest version first; tags that are not versions are left
/// out.
#[derive(Debug, Clone, Default)]
pub(crate) struct Versions {
    /// Ascending by version; for two tags of the same version (`v1.0.0` and `1.0.0`), by name.
    pub tags: Vec<VersionTag>,
}

impl Versions {
    /// The version tags among `tags`.
    pub(crate) fn from_tags(tags: &[Tag]) -> Versions {
        let mut tags: Vec<VersionTag> = tags
            .iter()
            .filter_map(|t| {
                Some(VersionTag { name: t.name.clone(), version: parse_version(&t.name)?, commit: t.commit.clone() })
            })
            .collect();
        tags.sort_by(|a, b| a.version.cmp(&b.version).then_with(|| a.name.cmp(&b.name)));
        Versions { tags }
    }

    /// The tag named exactly `name`.
    pub(crate) fn find(&self, name: &str) -> Option<&VersionTag> {
        self.tags.iter().find(|t| t.name == name)
    }

    /// The highest version.
    pub(crate) fn latest(&self) -> Option<&VersionTag> {
        self.tags.last()
    }

    /// The release `tag` is compared with: the highest version below it. For a final release,
    /// pre-releases of the same version are skipped (`v1.5.0` is compared with `v1.4.x`, not
    /// with `v1.5.0-rc.1`).
    pub(crate) fn previous(&self, tag: &VersionTag) -> Option<&VersionTag> {
        let final_release = tag.version.pre.is_empty();
        self.tags
            .iter()
            .rev()
            .find(|t| t.version < tag.version && !(final_release && same_release(&t.version, &tag.version)))
    }

    /// The tags nearest to `name`, for an error message: the versions just below and just
    /// above it when it is a version, else the latest few.
    pub(crate) fn nearest(&self, name: &str) -> Vec<&str> {
        fn names(tags: &[VersionTag]) -> Vec<&str> {
            tags.iter().map(|t| t.name.as_str()).collect()
        }
        match parse_version(name) {
            Some(v) => {
                let at = self.tags.partition_point(|t| t.version < v);
                let start = at.saturating_sub(2);
                let end = (at + 2).min(self.tags.len());
                names(&self.tags[start..end])
            }
            None => {
                let start = self.tags.len().saturating_sub(4);
                names(&self.tags[start..])
            }
        }
    }
}

/// Whether two versions share major, minor and patch (`1.5.0-rc.1` and `1.5.0`).
fn same_release(a: &Version, b: &Version) -> bool {
    (a.major, a.minor, a.patch) == (b.major, b.minor, b.patch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versions(names: &[&str]) -> Versions {
        let tags: Vec<Tag> = names.iter().map(|n| Tag { name: n.to_string(), commit: format!("c-{n}") }).collect();
        Versions::from_tags(&tags)
    }

    #[test]
    fn tags_that_are_not_versions_are_ignored() {
        let v = versions(&["v1.2.0", "latest", "release-1.3", "1.10.0", "v1.9.0-rc.1", "V2.0.0", "v1.2"]);
        let names: Vec<&str> = v.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["v1.2.0", "v1.9.0-rc.1", "1.10.0", "V2.0.0"]);
    }

    #[test]
    fn previous_skips_pre_releases_of_the_same_version_for_a_final_release() {
        let v = versions(&["v1.4.0", "v1.4.1", "v1.5.0-rc.1", "v1.5.0-rc.2", "v1.5.0", "v1.6.0-alpha.1"]);
        let prev = |n: &str| v.previous(v.find(n).unwrap()).map(|t| t.name.as_str());
        assert_eq!(prev("v1.5.0"), Some("v1.4.1"));
        assert_eq!(prev("v1.5.0-rc.2"), Some("v1.5.0-rc.1"));
        assert_eq!(prev("v1.5.0-rc.1"), Some("v1.4.1"));
        assert_eq!(prev("v1.6.0-alpha.1"), Some("v1.5.0"));
        assert_eq!(prev("v1.4.0"), None);
    }

    #[test]
    fn nearest_tags() {
        let v = versions(&["v1.0.0", "v1.1.0", "v1.2.0", "v1.3.0", "v2.0.0"]);
        assert_eq!(v.nearest("v1.2.5"), ["v1.1.0", "v1.2.0", "v1.3.0", "v2.0.0"]);
        assert_eq!(v.nearest("nope"), ["v1.1.0", "v1.2.0", "v1.3.0", "v2.0.0"]);
    }
}
