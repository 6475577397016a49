//! The rules: fixed ids, default severities, one-line explanations, and which can be fixed.

use std::collections::BTreeMap;
use std::fmt;

use crate::model::config::{ConfigError, LintConfig, Severity};

/// One lint rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Rule {
    /// No Status section and no front-matter status.
    MissingStatus,
    /// A status that is not one of the seven words.
    InvalidStatus,
    /// A valid status written loosely.
    StatusFormat,
    /// No H1.
    MissingTitle,
    /// More than one H1.
    MultipleTitles,
    /// A template section is absent.
    MissingSection,
    /// Template sections out of template order.
    SectionOrder,
    /// A template section at the wrong heading level.
    HeadingLevel,
    /// A known variant of a template heading.
    SectionName,
    /// A section with no text at all.
    EmptySection,
    /// Template prose left in the design.
    TemplateText,
    /// Prose lines over 79 columns.
    LineLength,
    /// The file name does not follow the title.
    FileName,
    /// Status `replaced` without a link to the replacing design.
    ReplacedWithoutLink,
    /// A relative link to a design or anchor that does not exist.
    BrokenDesignLink,
    /// Two designs with the same title.
    DuplicateTitle,
    /// A design that `SUMMARY.md` does not list.
    NotInSummary,
    /// A Summary under one full sentence.
    ShortSummary,
    /// The sidecar metadata file and the text name different statuses.
    StatusConflict,
    /// The sidecar's `status` is not a status, or is written loosely.
    SidecarStatus,
    /// The sidecar does not parse.
    SidecarSyntax,
    /// A key of the template's sidecar is missing, or still holds the template's placeholder.
    SidecarKeys,
    /// A `replaces` or `see-also` path in the sidecar names no design.
    SidecarLink,
    /// A design that has gone too long without a change (`[preprocessor.design.stale]`).
    Stale,
}

/// What the registry knows about a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule.
    pub rule: Rule,
    /// Its kebab-case id, as used in `book.toml`, opt-out comments and output.
    pub id: &'static str,
    /// Its severity unless configured otherwise.
    pub default: Severity,
    /// A one-line explanation.
    pub summary: &'static str,
    /// Whether `--fix` can fix it.
    pub fixable: bool,
}

const fn info(rule: Rule, id: &'static str, default: Severity, fixable: bool, summary: &'static str) -> RuleInfo {
    RuleInfo { rule, id, default, summary, fixable }
}

use Severity::{Deny, Warn};

/// Every rule, in the order the book documents them.
pub const RULES: &[RuleInfo] = &[
    info(Rule::MissingStatus, "missing-status", Deny, false, "no Status section and no front-matter status"),
    info(
        Rule::InvalidStatus,
        "invalid-status",
        Deny,
        false,
        "a status that is not one of the seven words (after aliases)",
    ),
    info(
        Rule::StatusFormat,
        "status-format",
        Warn,
        true,
        "a valid status written loosely (`Implementable`, `[Implemented](..)`, `One of: x`)",
    ),
    info(Rule::MissingTitle, "missing-title", Deny, false, "the design has no H1 title"),
    info(Rule::MultipleTitles, "multiple-titles", Warn, false, "the design has more than one H1"),
    info(
        Rule::MissingSection,
        "missing-section",
        Warn,
        true,
        "a section of the template is absent (keep every section and write `None`)",
    ),
    info(Rule::SectionOrder, "section-order", Warn, false, "template sections out of template order"),
    info(Rule::HeadingLevel, "heading-level", Warn, true, "a template section at the wrong heading level"),
    info(
        Rule::SectionName,
        "section-name",
        Warn,
        true,
        "a known variant of a template heading (`Non Goals`, `User stories`)",
    ),
    info(
        Rule::EmptySection,
        "empty-section",
        Warn,
        false,
        "a section with no text at all (write `None`), or a required section left empty for the status",
    ),
    info(Rule::TemplateText, "template-text", Warn, false, "template prose or placeholder headings left in the design"),
    info(Rule::LineLength, "line-length", Warn, true, "prose lines over 79 columns"),
    info(
        Rule::FileName,
        "file-name",
        Warn,
        false,
        "the file name is not the lowercased title with spaces and punctuation as `-`",
    ),
    info(
        Rule::ReplacedWithoutLink,
        "replaced-without-link",
        Deny,
        false,
        "status `replaced` but no link to the replacing design",
    ),
    info(
        Rule::BrokenDesignLink,
        "broken-design-link",
        Deny,
        false,
        "a relative link to a design or anchor that does not exist",
    ),
    info(Rule::DuplicateTitle, "duplicate-title", Deny, false, "two designs with the same title"),
    info(Rule::NotInSummary, "not-in-summary", Warn, false, "a design file that `SUMMARY.md` does not list"),
    info(
        Rule::ShortSummary,
        "short-summary",
        Warn,
        false,
        "a Summary that is empty, `None`, or under one full sentence",
    ),
    info(
        Rule::StatusConflict,
        "status-conflict",
        Warn,
        false,
        "the sidecar metadata file and the design's text name different statuses (the sidecar's is shown)",
    ),
    info(
        Rule::SidecarStatus,
        "sidecar-status",
        Deny,
        true,
        "the sidecar's `status` is not one of the seven words (after aliases), or is written loosely",
    ),
    info(Rule::SidecarSyntax, "sidecar-syntax", Deny, false, "the sidecar metadata file does not parse"),
    info(
        Rule::SidecarKeys,
        "sidecar-keys",
        Warn,
        false,
        "a key of the template's own sidecar is missing, or still holds the template's placeholder",
    ),
    info(
        Rule::SidecarLink,
        "sidecar-link",
        Warn,
        false,
        "a `replaces` or `see-also` path in the sidecar names no design",
    ),
    info(
        Rule::Stale,
        "stale",
        Warn,
        false,
        "a design unchanged for longer than `[preprocessor.design.stale]` allows for its status (off until configured)",
    ),
];

impl Rule {
    /// What the registry knows about this rule.
    pub fn info(self) -> &'static RuleInfo {
        RULES.iter().find(|r| r.rule == self).expect("every rule is registered")
    }

    /// The kebab-case id.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The rule with kebab-case id `id`.
    pub fn from_id(id: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.id == id).map(|r| r.rule)
    }

    /// Every rule id, comma separated, for error messages.
    pub fn known_ids() -> String {
        RULES.iter().map(|r| r.id).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The severity of every rule after configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Severities {
    levels: BTreeMap<Rule, Severity>,
}

impl Default for Severities {
    fn default() -> Severities {
        Severities { levels: RULES.iter().map(|r| (r.rule, r.default)).collect() }
    }
}

impl Severities {
    /// Applies `[preprocessor.design.lint]`; an unknown rule id is an error naming the known ones.
    pub fn from_config(config: &LintConfig) -> Result<Severities, ConfigError> {
        let (severities, unknown) = Severities::from_known(config);
        match unknown.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(severities),
        }
    }

    /// Applies the entries of `[preprocessor.design.lint]` that name a rule; each other entry is
    /// an error naming the known rules. The build lints with the first and warns about the others,
    /// so a misspelt id switches no rule off but its own entry.
    pub fn from_known(config: &LintConfig) -> (Severities, Vec<ConfigError>) {
        let mut severities = Severities::default();
        let mut unknown = Vec::new();
        for (id, severity) in &config.rules {
            match Rule::from_id(id) {
                Some(rule) => {
                    severities.levels.insert(rule, *severity);
                }
                None => unknown.push(ConfigError::config(format!(
                    "`lint.{id}` is not a lint rule; the rules are {}",
                    Rule::known_ids()
                ))),
            }
        }
        (severities, unknown)
    }

    /// Every rule at `severity` (`--all` style runs and benchmarks).
    pub fn all(severity: Severity) -> Severities {
        Severities { levels: RULES.iter().map(|r| (r.rule, severity)).collect() }
    }

    /// The severity of `rule`.
    pub fn get(&self, rule: Rule) -> Severity {
        self.levels.get(&rule).copied().unwrap_or(rule.info().default)
    }

    /// Sets the severity of `rule`.
    pub fn set(&mut self, rule: Rule, severity: Severity) {
        self.levels.insert(rule, severity);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_complete() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), 24);
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for r in RULES {
            assert!(r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", r.id);
            assert_eq!(Rule::from_id(r.id), Some(r.rule));
        }
    }

    #[test]
    fn config_overrides_and_unknown_ids() {
        let mut config = LintConfig::default();
        config.rules.insert("line-length".into(), Severity::Allow);
        let s = Severities::from_config(&config).unwrap();
        assert_eq!(s.get(Rule::LineLength), Severity::Allow);
        assert_eq!(s.get(Rule::MissingStatus), Severity::Deny);
        config.rules.insert("line-lenght".into(), Severity::Deny);
        let e = Severities::from_config(&config).unwrap_err();
        assert!(e.message().contains("line-lenght") && e.message().contains("short-summary"), "{e}");
        let (known, unknown) = Severities::from_known(&config);
        assert_eq!(known.get(Rule::LineLength), Severity::Allow, "the known entries still apply");
        assert_eq!(unknown.len(), 1);
    }
}
