//! `--format github`: GitHub Actions workflow commands, which annotate the pull request.

use std::fmt::Write;

use crate::model::config::Severity;

use super::FileReport;

/// One `::error` or `::warning` line per finding.
pub(super) fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        for d in r.diagnostics {
            let command = if d.severity == Severity::Deny { "error" } else { "warning" };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(r.display),
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                property(d.rule.id()),
                data(&message)
            );
        }
    }
    out
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
