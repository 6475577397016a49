//! Output formats: `human` (rustc style), `json`, `github` workflow commands and SARIF 2.1.0.

mod github;
mod human;
mod json;
mod sarif;

use std::fmt;
use std::str::FromStr;

use super::Diagnostic;
use crate::model::config::Severity;

pub(crate) use human::render_human;

/// One file's findings, with the name to show and its text (for source excerpts).
#[derive(Debug, Clone, Copy)]
pub struct FileReport<'a> {
    /// The path to print (as the user would open it).
    pub display: &'a str,
    /// The text the diagnostics were made from.
    pub text: &'a str,
    /// The findings, sorted by position.
    pub diagnostics: &'a [Diagnostic],
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// rustc-style excerpts with carets and help lines.
    #[default]
    Human,
    /// One JSON array of objects.
    Json,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "github" => Ok(Format::Github),
            "sarif" => Ok(Format::Sarif),
            _ => Err(format!("unknown format `{s}`; use human, json, github or sarif")),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Github => "github",
            Format::Sarif => "sarif",
        })
    }
}

/// Renders every file's findings in `format`; `color` applies to `human` only.
pub fn render(format: Format, reports: &[FileReport], color: bool) -> String {
    match format {
        Format::Human => render_human(reports, color),
        Format::Json => json::render(reports),
        Format::Github => github::render(reports),
        Format::Sarif => sarif::render(reports),
    }
}

/// The word a severity is written as in machine-readable output.
pub(crate) fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Allow => "allow",
        Severity::Warn => "warn",
        Severity::Deny => "deny",
    }
}
