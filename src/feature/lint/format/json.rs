//! `--format json`: one array of objects, one per finding.

use rayon::prelude::*;
use serde::Serialize;

use super::{severity_word, FileReport};
use crate::feature::lint::Diagnostic;

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

/// The JSON object of one finding in `file`.
fn item<'a>(file: &'a str, d: &'a Diagnostic) -> Item<'a> {
    Item {
        file,
        line: d.line,
        column: d.column,
        end_line: d.end_line,
        end_column: d.end_column,
        rule: d.rule.id(),
        severity: severity_word(d.severity),
        message: &d.message,
        help: d.help.as_deref(),
        fixable: d.fixable,
    }
}

/// The findings as a pretty-printed JSON array (files serialize on every core; the bytes are the
/// same as `serde_json::to_string_pretty` of the whole array).
pub(super) fn render(reports: &[FileReport]) -> String {
    let parts: Vec<String> = reports
        .par_iter()
        .map(|r| {
            let mut part = String::new();
            for d in r.diagnostics {
                let object = serde_json::to_string_pretty(&item(r.display, d)).expect("findings serialize");
                if !part.is_empty() {
                    part.push_str(",\n");
                }
                for (i, line) in object.lines().enumerate() {
                    if i > 0 {
                        part.push('\n');
                    }
                    part.push_str("  ");
                    part.push_str(line);
                }
            }
            part
        })
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return "[]\n".to_string();
    }
    let mut out = String::with_capacity(parts.iter().map(String::len).sum::<usize>() + 2 * parts.len() + 4);
    out.push_str("[\n");
    out.push_str(&parts.join(",\n"));
    out.push_str("\n]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feature::lint::Rule;

    #[test]
    fn same_bytes_as_serde_pretty() {
        let mut d = Diagnostic::new(Rule::LineLength, 0..1, "a \"quoted\"\nmessage");
        d.line = 1;
        let diags = vec![d.clone(), d];
        let reports = [
            FileReport { display: "a.md", text: "x", diagnostics: &diags },
            FileReport { display: "b.md", text: "x", diagnostics: &[] },
            FileReport { display: "c.md", text: "x", diagnostics: &diags[..1] },
        ];
        let items: Vec<_> = reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(move |d| (r.display, d)))
            .map(|(file, d)| item(file, d))
            .collect();
        assert_eq!(render(&reports), serde_json::to_string_pretty(&items).unwrap() + "\n");
        assert_eq!(render(&reports[1..2]), "[]\n");
    }
}
