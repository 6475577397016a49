//! Stale designs: how long a design has gone without a change to its file, in days and in
//! releases, against the thresholds of `[preprocessor.design.stale]`. Pure over the history.

use serde::Serialize;

use super::timeline::{Change, History};
use super::versions::parse_version;
use crate::model::config::StaleConfig;
use crate::model::status::Status;

/// How long a design has gone without a change, when that is past its thresholds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Staleness {
    /// The design's status (the thresholds are this status's).
    #[serde(serialize_with = "status_word")]
    pub status: Status,
    /// Whole days since the last change.
    pub days: u32,
    /// Final releases shipped since the release that holds the last change.
    pub releases: u32,
    /// The last change.
    #[serde(skip)]
    pub last: Change,
}

fn status_word<S: serde::Serializer>(status: &Status, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.as_str())
}

impl Staleness {
    /// The finding's sentence: "implementable for 14 months and 5 releases without a change".
    pub(crate) fn message(&self) -> String {
        let mut out = format!("{} for {}", self.status.as_str(), duration(self.days));
        if self.releases > 0 {
            let s = if self.releases == 1 { "" } else { "s" };
            out.push_str(&format!(" and {} release{s}", self.releases));
        }
        out.push_str(" without a change");
        out
    }
}

/// Days as the message says them: days under two months, months under two years, else years.
fn duration(days: u32) -> String {
    let plural = |n: u32, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    if days < 60 {
        plural(days, "day")
    } else if days < 730 {
        plural(days * 12 / 365, "month")
    } else {
        plural(days / 365, "year")
    }
}

/// The current time for staleness, seconds since the epoch: `SOURCE_DATE_EPOCH` when set (for
/// reproducible builds), else the clock.
pub(crate) fn now() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    })
}

/// How long the design at `path` (whose status is `status`) has gone without a change, at
/// `now`; `None` for a design without history (not committed) or a status without thresholds.
pub(crate) fn age(history: &History, path: &str, status: Status, now: i64) -> Option<Staleness> {
    let last = history.touched(path)?.last.clone();
    let days = u32::try_from((now - last.time).max(0) / 86_400).unwrap_or(u32::MAX);
    let releases = releases_since(history, last.release.as_deref());
    Some(Staleness { status, days, releases, last })
}

/// Whether the design at `path` is stale under `config`, with how long it went unchanged.
pub(crate) fn check(
    config: &StaleConfig,
    history: &History,
    path: &str,
    status: Status,
    now: i64,
) -> Option<Staleness> {
    let thresholds = config.thresholds(status)?;
    let age = age(history, path, status, now)?;
    let by_days = thresholds.days.is_some_and(|d| age.days >= d);
    let by_releases = thresholds.releases.is_some_and(|r| age.releases >= r);
    (by_days || by_releases).then_some(age)
}

/// Final releases after `release` in version order (none when the change is not released yet).
fn releases_since(history: &History, release: Option<&str>) -> u32 {
    let Some(version) = release.and_then(parse_version) else { return 0 };
    let count = history
        .releases
        .iter()
        .filter_map(|name| parse_version(name))
        .filter(|v| v.pre.is_empty() && *v > version)
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feature::history::timeline::Touched;
    use crate::model::config::StaleThresholds;

    fn history(last_time: i64, release: Option<&str>) -> History {
        let change = Change { commit: "c".into(), time: last_time, release: release.map(str::to_string) };
        let mut h = History {
            releases: ["v1.0.0", "v1.1.0-rc.1", "v1.1.0", "v1.2.0", "v2.0.0"].map(String::from).to_vec(),
            ..History::default()
        };
        h.touched.insert("a.md".into(), Touched { created: change.clone(), last: change });
        h
    }

    #[test]
    fn days_and_releases_against_thresholds() {
        let day = 86_400;
        let h = history(0, Some("v1.0.0"));
        let config = StaleConfig { days: Some(100), ..StaleConfig::default() };
        assert_eq!(check(&config, &h, "a.md", Status::Implementable, 99 * day), None);
        let s = check(&config, &h, "a.md", Status::Implementable, 426 * day).unwrap();
        assert_eq!((s.days, s.releases), (426, 3));
        assert_eq!(s.message(), "implementable for 14 months and 3 releases without a change");
        assert_eq!(check(&config, &h, "a.md", Status::Implemented, 426 * day), None, "final statuses are off");
        assert_eq!(check(&config, &h, "b.md", Status::Implementable, 426 * day), None, "no history, never stale");
        let config = StaleConfig { releases: Some(3), ..StaleConfig::default() };
        assert!(check(&config, &h, "a.md", Status::Provisional, 0).is_some());
        let unreleased = history(0, None);
        assert_eq!(check(&config, &unreleased, "a.md", Status::Provisional, 0), None);
    }

    #[test]
    fn per_status_thresholds() {
        let mut config = StaleConfig { days: Some(10), ..StaleConfig::default() };
        config.status.insert(
            crate::model::config::StatusKey(Status::Implemented),
            StaleThresholds { days: Some(5), releases: None },
        );
        config.status.insert(crate::model::config::StatusKey(Status::Provisional), StaleThresholds::default());
        let h = history(0, None);
        assert!(check(&config, &h, "a.md", Status::Implemented, 6 * 86_400).is_some());
        assert_eq!(check(&config, &h, "a.md", Status::Provisional, 600 * 86_400), None, "`{{}}` switches it off");
        assert_eq!(duration(1), "1 day");
        assert_eq!(duration(800), "2 years");
    }
}
