//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other tools read it.

use serde_json::{json, Value};

use crate::feature::lint::registry::RULES;
use crate::model::config::Severity;

use super::FileReport;

/// The findings as one SARIF log with one run.
pub(super) fn render(reports: &[FileReport]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.summary },
                "defaultConfiguration": { "level": level(r.default) },
                "properties": { "fixable": r.fixable },
            })
        })
        .collect();
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            // The baseline's fingerprint (`lint --write-baseline`), under the name GitHub code
            // scanning reads, so alerts follow a finding as the baseline does.
            let prints = crate::feature::lint::baseline::fingerprints(r.text, r.diagnostics);
            r.diagnostics.iter().zip(prints).map(move |(d, print)| {
                let mut text = d.message.clone();
                if let Some(help) = &d.help {
                    text.push_str(" (help: ");
                    text.push_str(help);
                    text.push(')');
                }
                json!({
                    "ruleId": d.rule.id(),
                    "ruleIndex": RULES.iter().position(|i| i.rule == d.rule),
                    "level": level(d.severity),
                    "message": { "text": text },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(r.display) },
                            "region": {
                                "startLine": d.line,
                                "startColumn": d.column,
                                "endLine": d.end_line,
                                "endColumn": d.end_column,
                            }
                        }
                    }],
                    "partialFingerprints": { "primaryLocationLineHash": print },
                })
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "mdbook-design",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).expect("JSON values serialize");
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Allow => "none",
        Severity::Warn => "warning",
        Severity::Deny => "error",
    }
}

/// A relative path as a URI reference: `/` separators, spaces and `%` escaped.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    if out.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}
