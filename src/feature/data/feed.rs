//! `feed.xml`: an Atom feed (RFC 4287) of the book's status changes, newest first, one entry per
//! change of one design in one commit.

use crate::feature::history::History;
use crate::feature::index::Entry;
use crate::text::links::encode_path;

/// The file name of the feed in the HTML output.
pub(crate) const FEED_FILE: &str = "feed.xml";

/// How many entries the feed holds at most (the newest).
pub(crate) const MAX_ENTRIES: usize = 200;

/// Escapes text for XML, leaving out the control characters XML 1.0 does not allow.
fn escape(text: &str) -> String {
    let allowed: String = text.chars().filter(|&c| c >= ' ' || matches!(c, '\t' | '\n' | '\r')).collect();
    crate::feature::render::html::escape(&allowed)
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a Unix time (RFC 3339, UTC).
pub(crate) fn rfc3339(secs: i64) -> String {
    let date = crate::feature::history::timeline::utc_date(secs);
    let s = secs.rem_euclid(86_400);
    format!("{date}T{:02}:{:02}:{:02}Z", s / 3600, s % 3600 / 60, s % 60)
}

/// The host of an `http(s)` address, for `tag:` URIs.
fn host(site_url: &str) -> Option<&str> {
    let rest = site_url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// The feed's text, or why it cannot be made (no usable `site-url`). `title` is the book's.
pub(crate) fn feed(entries: &[Entry], history: &History, site_url: &str, title: &str) -> Result<String, String> {
    let base = site_url.trim_end_matches('/');
    let host = host(base).ok_or_else(|| {
        format!("`site-url = \"{site_url}\"` is not an http(s) address with a host; the feed's ids are made from it")
    })?;
    let titles: std::collections::HashMap<&str, &str> =
        entries.iter().map(|e| (e.path.as_str(), e.title.as_str())).collect();
    let mut changes: Vec<(&str, &crate::feature::history::StatusChange)> = history
        .designs
        .iter()
        .filter(|(path, _)| titles.contains_key(path.as_str()))
        .flat_map(|(path, list)| list.iter().map(move |c| (path.as_str(), c)))
        .collect();
    // Newest first; a stable order for changes of one commit.
    changes.sort_by(|a, b| b.1.time.cmp(&a.1.time).then_with(|| a.0.cmp(b.0)));
    changes.truncate(MAX_ENTRIES);
    let updated = changes.first().map_or_else(|| rfc3339(0), |(_, c)| rfc3339(c.time));
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!("  <id>{}</id>\n", escape(&format!("{base}/{FEED_FILE}"))));
    out.push_str(&format!("  <title>{}: status changes</title>\n", escape(title)));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!("  <author><name>{}</name></author>\n", escape(title)));
    out.push_str(&format!("  <link rel=\"self\" href=\"{}\"/>\n", escape(&format!("{base}/{FEED_FILE}"))));
    out.push_str(&format!("  <link rel=\"alternate\" href=\"{}\"/>\n", escape(&format!("{base}/"))));
    out.push_str(&format!("  <generator version=\"{}\">mdbook-design</generator>\n", env!("CARGO_PKG_VERSION")));
    for (path, change) in changes {
        let design = titles[path];
        let release = change.release.as_deref();
        let what = match change.from {
            Some(from) => format!("{from} -> {}", change.to),
            None => format!("added as {}", change.to),
        };
        let shipped = release.map_or_else(|| " (not released yet)".to_string(), |r| format!(" ({r})"));
        let id = format!("tag:{host},{}:{}/{}", change.date(), encode_path(path), change.commit);
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <id>{}</id>\n", escape(&id)));
        out.push_str(&format!("    <title>{}</title>\n", escape(&format!("{design}: {what}{shipped}"))));
        out.push_str(&format!("    <updated>{}</updated>\n", rfc3339(change.time)));
        let page = super::page_url(Some(base), path);
        out.push_str(&format!("    <link rel=\"alternate\" href=\"{}\"/>\n", escape(&page)));
        if let Some(r) = release {
            out.push_str(&format!("    <category term=\"{}\" label=\"release\"/>\n", escape(r)));
        }
        out.push_str(&format!("    <category term=\"{}\" label=\"status\"/>\n", change.to));
        let summary = format!(
            "{design} ({path}) changed from {} to {} in commit {}{}.",
            change.from.map_or("nothing (new design)", |s| s.as_str()),
            change.to,
            &change.commit[..change.commit.len().min(12)],
            release.map_or_else(|| ", not released yet".to_string(), |r| format!(", first shipped in {r}"))
        );
        out.push_str(&format!("    <summary>{}</summary>\n", escape(&summary)));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_hosts() {
        assert_eq!(rfc3339(1_704_067_200 + 3_723), "2024-01-01T01:02:03Z");
        assert_eq!(host("https://user@docs.example.org:8080/book"), Some("docs.example.org"));
        assert_eq!(host("docs.example.org"), None);
    }
}
