//! `--format json`: one array of objects, one per finding.

use serde::Serialize;

use super::{severity_word, FileReport};

/// One finding as JSON.
#[derive(Serialize)]
struct Item<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    fixable: bool,
}

/// The findings as a pretty-printed JSON array.
pub(super) fn render(reports: &[FileReport]) -> String {
    let items: Vec<Item> = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(move |d| Item {
                file: r.display,
                line: d.line,
                column: d.column,
                end_line: d.end_line,
                end_column: d.end_column,
                rule: d.rule.id(),
                severity: severity_word(d.severity),
                message: &d.message,
                help: d.help.as_deref(),
                fixable: d.fixable,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).expect("findings serialize");
    out.push('\n');
    out
}
