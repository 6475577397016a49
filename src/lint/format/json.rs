//! `--format json`: one array of objects, one per finding.

use serde_json::{json, Value};

use super::{severity_word, FileReport};

/// The findings as a pretty-printed JSON array.
pub(super) fn render(reports: &[FileReport]) -> String {
    let items: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(move |d| {
                json!({
                    "file": r.display,
                    "line": d.line,
                    "column": d.column,
                    "end_line": d.end_line,
                    "end_column": d.end_column,
                    "rule": d.rule.id(),
                    "severity": severity_word(d.severity),
                    "message": d.message,
                    "help": d.help,
                    "fixable": d.fixable,
                })
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Value::Array(items)).expect("JSON values serialize");
    out.push('\n');
    out
}
