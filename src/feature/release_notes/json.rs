//! The notes as JSON (schema in the book's "Release notes" chapter).

use serde_json::{json, Value};

use super::{group_title, Notes, SCHEMA_VERSION};

/// The notes as a JSON value; every group of [`super::GROUP_ORDER`] is present, maybe empty.
pub(crate) fn to_json(notes: &Notes) -> Value {
    let groups: Vec<Value> = notes
        .groups
        .iter()
        .map(|g| {
            let entries: Vec<Value> = g
                .entries
                .iter()
                .map(|e| {
                    json!({
                        "path": e.path,
                        "old_path": e.old_path,
                        "title": e.title,
                        "from": e.from.map_or("none", |s| s.as_str()),
                        "to": e.to.as_str(),
                        "summary": e.summary,
                        "url": e.url,
                    })
                })
                .collect();
            json!({ "status": g.status.as_str(), "title": group_title(g.status), "entries": entries })
        })
        .collect();
    json!({
        "schema_version": SCHEMA_VERSION,
        "release": notes.range.release,
        "unreleased": notes.range.unreleased,
        "previous": notes.range.previous,
        "until": notes.range.until,
        "from_commit": notes.range.from,
        "to_commit": notes.range.to,
        "groups": groups,
    })
}
