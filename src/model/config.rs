//! `[preprocessor.design]` in `book.toml` as a typed struct, with errors that name the key.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::model::status::Status;

/// The `[preprocessor.design]` table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Globs (relative to the book's `src`) of the chapters that are designs.
    pub designs: Vec<String>,
    /// The template file, relative to the book's `src`; the built-in one when it is missing.
    pub template: String,
    /// Project words mapped to canonical statuses (`superseded = "replaced"`).
    pub status_aliases: BTreeMap<String, StatusName>,
    /// Which normalizations run.
    pub normalize: Normalize,
    /// Whether inactive designs get a notice under their badge.
    pub notice: bool,
    /// Designs larger than this many bytes are passed through with a warning.
    pub max_size: usize,
    /// Lint during the build: `"off"`, `"warn"`, `"deny"`, or a table with `mode` and rule
    /// severities.
    pub lint: LintConfig,
    /// A lint baseline file (relative to the book's root, the folder of `book.toml`), written by
    /// `mdbook-design lint --write-baseline`: the findings it records are not reported and do
    /// not fail the build; none by default.
    pub baseline: Option<String>,
    /// Whether designs missing from `SUMMARY.md` are added under the first index chapter.
    pub include_unlisted: bool,
    /// Default order of index tables: `"status"` (then title) or `"title"`.
    pub index_order: IndexOrder,
    /// The name of a YAML (or `.toml`) metadata file beside each design (`kep.yaml`); none by
    /// default.
    pub metadata_file: Option<String>,
    /// `[preprocessor.design.index]`: the index table's extra columns.
    pub index: IndexSettings,
    /// Whether design pages show their status timeline from git: `"auto"` (when the book is in a
    /// git repository with history), `"on"` (warn when it cannot be read) or `"off"`.
    pub history: HistoryMode,
    /// `[preprocessor.design.release-notes]`: settings of `mdbook-design release-notes`.
    pub release_notes: ReleaseNotesConfig,
    /// `[preprocessor.design.stale]`: when a design counts as stale (the `stale` lint rule and
    /// the index's stale filter); off when absent.
    pub stale: Option<StaleConfig>,
    /// The address of the built book (its HTML output), for the links of `feed.xml` and
    /// `designs.json`; `release-notes.base-url` when absent.
    pub site_url: Option<String>,
    /// Whether each design page shows, under its status timeline, a collapsed word diff of the
    /// sections that changed at each status change (read from git on every build).
    pub timeline_diffs: bool,
    /// What `mdbook build` and `mdbook serve` print of the findings: `"summary"` (one line of
    /// counts and each error in full), `"errors"` or `"full"`; `MDBOOK_LOG` / `RUST_LOG`
    /// override it.
    pub build_output: BuildOutput,
    /// Whether a build keeps what it learnt of each design in the user's cache folder, so that
    /// the next build (`mdbook serve` after a save) redoes only what changed.
    pub cache: bool,
    /// mdBook's own key: the command that runs the preprocessor.
    pub command: Option<String>,
    /// mdBook's own key: preprocessors this one runs before.
    pub before: Vec<String>,
    /// mdBook's own key: preprocessors this one runs after.
    pub after: Vec<String>,
    /// mdBook's own key: renderers this preprocessor runs for.
    pub renderers: Option<Vec<String>>,
    /// mdBook's own key: whether a missing command is only a warning.
    pub optional: bool,
    /// Not a key of this table: mdBook's `output.html.smart-punctuation` (on by default), which
    /// changes the ids of headings with `--` in them.
    #[serde(skip)]
    pub smart_punctuation: bool,
    /// Not a key of this table: whether mdBook's `output.html.additional-css` lists the
    /// stylesheet that `mdbook-design install --stylesheet` writes (a file named
    /// [`STYLESHEET_FILE`]), so pages need no inline copy.
    #[serde(skip)]
    pub stylesheet_installed: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            designs: vec!["design/**".to_string()],
            template: "design/_template.md".to_string(),
            status_aliases: BTreeMap::new(),
            normalize: Normalize::default(),
            notice: true,
            max_size: 4 * 1024 * 1024,
            lint: LintConfig::default(),
            baseline: None,
            include_unlisted: true,
            index_order: IndexOrder::Status,
            metadata_file: None,
            index: IndexSettings::default(),
            history: HistoryMode::Auto,
            release_notes: ReleaseNotesConfig::default(),
            stale: None,
            site_url: None,
            timeline_diffs: false,
            build_output: BuildOutput::Summary,
            cache: true,
            command: None,
            before: Vec::new(),
            after: Vec::new(),
            renderers: None,
            optional: false,
            smart_punctuation: true,
            stylesheet_installed: false,
        }
    }
}

/// `[preprocessor.design.index]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct IndexSettings {
    /// Metadata columns of the summary table after Area: `number`, `authors`, `stage`,
    /// `milestone`, or any other metadata key.
    pub columns: Vec<String>,
}

/// Switches for each normalization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Normalize {
    /// Give a design with no H1 a title from its file name.
    pub title: bool,
    /// Put template sections at their template heading level.
    pub heading_levels: bool,
    /// Give known variants of template headings the template's text.
    pub heading_names: bool,
    /// Drop the template's `One of:` prompt left in a Status section.
    pub status_prompt: bool,
    /// Show front matter (which mdBook renders as stray text) as a collapsed block in HTML.
    pub front_matter: bool,
}

impl Default for Normalize {
    fn default() -> Normalize {
        Normalize { title: true, heading_levels: true, heading_names: true, status_prompt: true, front_matter: true }
    }
}

/// Whether the status history is read from git during the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HistoryMode {
    /// On when the book is in a git repository with commits, silently off otherwise.
    #[default]
    Auto,
    /// On; a book outside git builds with one warning.
    On,
    /// Off.
    Off,
}

/// How much of the lint report a build prints (`build-output`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BuildOutput {
    /// Only findings at `deny`, with a line of counts when there are any.
    Errors,
    /// A line of counts, and each finding at `deny` in full.
    #[default]
    Summary,
    /// Every finding in full (the first 50, the rest counted by rule).
    Full,
}

/// `[preprocessor.design.release-notes]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReleaseNotesConfig {
    /// The address of the built book; release notes link each design's page under it.
    pub base_url: Option<String>,
}

/// A canonical status word in configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusName(pub Status);

impl<'de> Deserialize<'de> for StatusName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<StatusName, D::Error> {
        let word = String::deserialize(d)?;
        Status::from_word(&word).map(StatusName).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{word}` is not a status; use one of {}",
                Status::CANONICAL.map(|s| s.as_str()).join(", ")
            ))
        })
    }
}

/// How strictly the build treats lint findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LintMode {
    /// Do not lint during the build.
    Off,
    /// Print findings as warnings.
    #[default]
    Warn,
    /// Fail the build when a finding is at `deny`.
    Deny,
}

/// A rule's severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Not reported.
    Allow,
    /// Reported, does not fail.
    Warn,
    /// Reported and fails.
    Deny,
}

/// Lint settings: the build mode and per-rule severities.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LintConfig {
    /// What the build does with findings.
    pub mode: LintMode,
    /// Severity overrides by rule id.
    pub rules: BTreeMap<String, Severity>,
}

impl<'de> Deserialize<'de> for LintConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<LintConfig, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Form {
            Mode(LintMode),
            Table(BTreeMap<String, toml::Value>),
        }
        match Form::deserialize(d) {
            Ok(Form::Mode(mode)) => Ok(LintConfig { mode, rules: BTreeMap::new() }),
            Ok(Form::Table(table)) => {
                let mut config = LintConfig::default();
                for (key, value) in table {
                    let word = value.as_str().unwrap_or_default().to_string();
                    if key == "mode" {
                        config.mode = match word.as_str() {
                            "off" => LintMode::Off,
                            "warn" => LintMode::Warn,
                            "deny" => LintMode::Deny,
                            _ => {
                                return Err(serde::de::Error::custom(format!(
                                    "lint.mode is `{value}`; use \"off\", \"warn\" or \"deny\""
                                )))
                            }
                        };
                        continue;
                    }
                    let severity = match word.as_str() {
                        "allow" => Severity::Allow,
                        "warn" => Severity::Warn,
                        "deny" => Severity::Deny,
                        _ => {
                            return Err(serde::de::Error::custom(format!(
                                "lint.{key} is `{value}`; use \"allow\", \"warn\" or \"deny\""
                            )))
                        }
                    };
                    config.rules.insert(key, severity);
                }
                Ok(config)
            }
            Err(_) => Err(serde::de::Error::custom(
                "`lint` is \"off\", \"warn\", \"deny\" or a table of `mode` and rule severities",
            )),
        }
    }
}

/// Default order of index tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IndexOrder {
    /// Status in template order, then title.
    #[default]
    Status,
    /// Title only.
    Title,
}

pub(crate) use crate::model::error::Error as ConfigError;

fn path_error<E: fmt::Display>(e: serde_path_to_error::Error<E>) -> ConfigError {
    let path = e.path().to_string();
    if path == "." || path.is_empty() {
        ConfigError::config(e.inner().to_string())
    } else {
        ConfigError::config(format!("`{path}`: {}", e.inner()))
    }
}

impl Config {
    /// Reads the table from its JSON form (as mdBook sends it); `None` gives the defaults.
    pub fn from_json(value: Option<&serde_json::Value>) -> Result<Config, ConfigError> {
        match value {
            None | Some(serde_json::Value::Null) => Ok(Config::default()),
            Some(v) => serde_path_to_error::deserialize(v).map_err(path_error),
        }
    }

    /// Reads `[preprocessor.design]` from the text of a `book.toml`.
    pub fn from_book_toml(text: &str) -> Result<Config, ConfigError> {
        let table: toml::Table =
            text.parse().map_err(|e: toml::de::Error| ConfigError::config(e.message().to_string()))?;
        let mut config: Config = match table.get("preprocessor").and_then(|p| p.get("design")) {
            None => Config::default(),
            Some(v) => serde_path_to_error::deserialize(v.clone()).map_err(path_error)?,
        };
        let html = table.get("output").and_then(|o| o.get("html"));
        config.smart_punctuation =
            smart_punctuation(|key| html.and_then(|h| h.get(key)).and_then(toml::Value::as_bool));
        config.stylesheet_installed = html
            .and_then(|h| h.get("additional-css"))
            .and_then(toml::Value::as_array)
            .is_some_and(|a| a.iter().filter_map(toml::Value::as_str).any(is_installed_stylesheet));
        Ok(config)
    }

    /// Reads mdBook's `output.html` table (as JSON, from the preprocessor context) for the
    /// settings that change what mdBook renders.
    pub fn read_html_output(&mut self, html: Option<&serde_json::Value>) {
        self.smart_punctuation =
            smart_punctuation(|key| html.and_then(|h| h.get(key)).and_then(serde_json::Value::as_bool));
        self.stylesheet_installed = html
            .and_then(|h| h.get("additional-css"))
            .and_then(serde_json::Value::as_array)
            .is_some_and(|a| a.iter().filter_map(serde_json::Value::as_str).any(is_installed_stylesheet));
    }

    /// The 1-based line of `book.toml` that makes `[preprocessor.design]` invalid, when the
    /// TOML parser can point at one.
    pub fn error_line(book_toml: &str) -> Option<usize> {
        /// The parts of `book.toml` around the design table; other keys are ignored.
        #[derive(Deserialize)]
        struct BookToml {
            #[serde(rename = "preprocessor")]
            _preprocessor: Option<Preprocessors>,
        }
        /// `[preprocessor]`, of which only `design` is read.
        #[derive(Deserialize)]
        struct Preprocessors {
            #[serde(rename = "design")]
            _design: Option<Config>,
        }
        let error = toml::from_str::<BookToml>(book_toml).err()?;
        let at = error.span()?.start;
        Some(1 + book_toml.as_bytes()[..at.min(book_toml.len())].iter().filter(|&&b| b == b'\n').count())
    }

    /// The status aliases as a plain map with lowercase keys.
    pub fn aliases(&self) -> BTreeMap<String, Status> {
        self.status_aliases.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.0)).collect()
    }
}

/// `smart-punctuation` from mdBook's `output.html` (read through `get`), or its 0.4 name
/// `curly-quotes`; on when unset, as in mdBook 0.5.
fn smart_punctuation(get: impl Fn(&str) -> Option<bool>) -> bool {
    get("smart-punctuation").or_else(|| get("curly-quotes")).unwrap_or(true)
}

/// The file name `mdbook-design install --stylesheet` writes the sheet to (under the book's
/// `theme/`) and lists in `additional-css`; a book whose `additional-css` names a file of this
/// name gets no inline copy on its pages.
pub(crate) const STYLESHEET_FILE: &str = "mdbook-design.css";

/// Whether an `additional-css` entry is the stylesheet `install --stylesheet` writes (by its
/// file name, [`STYLESHEET_FILE`]).
pub(crate) fn is_installed_stylesheet(path: &str) -> bool {
    path.rsplit(['/', '\\']).next() == Some(STYLESHEET_FILE)
}

/// `[preprocessor.design.stale]`: how long a design may go without a change. A design is stale
/// once it has gone `days` days or `releases` releases (whichever is configured and reached
/// first) without a change to its file. The top-level thresholds apply to the statuses that are
/// still a plan (`provisional`, `implementable`, and designs without a valid status);
/// `[preprocessor.design.stale.status]` sets them per status, for any status.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct StaleConfig {
    /// Days without a change.
    pub days: Option<u32>,
    /// Releases (final version tags) shipped since the last change.
    pub releases: Option<u32>,
    /// Per-status thresholds (`implementable = { days = 365 }`); a status given here uses only
    /// the thresholds it names, and `{}` switches staleness off for it.
    pub status: BTreeMap<StatusKey, StaleThresholds>,
}

/// The thresholds of one status in `[preprocessor.design.stale.status]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct StaleThresholds {
    /// Days without a change.
    pub days: Option<u32>,
    /// Releases shipped since the last change.
    pub releases: Option<u32>,
}

/// A canonical status word as a table key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct StatusKey(pub Status);

impl<'de> Deserialize<'de> for StatusKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<StatusKey, D::Error> {
        StatusName::deserialize(d).map(|s| StatusKey(s.0))
    }
}

impl StaleConfig {
    /// The thresholds for a design at `status`; `None` when staleness is off for it.
    pub fn thresholds(&self, status: Status) -> Option<StaleThresholds> {
        let t = match self.status.get(&StatusKey(status)) {
            Some(t) => *t,
            None if matches!(status, Status::Provisional | Status::Implementable | Status::Unknown) => {
                StaleThresholds { days: self.days, releases: self.releases }
            }
            None => return None,
        };
        (t.days.is_some() || t.releases.is_some()).then_some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_keys() {
        let c = Config::from_book_toml(
            "[preprocessor.design]\nafter = [\"links\"]\nlint = \"deny\"\n[preprocessor.design.status-aliases]\nsuperseded = \"replaced\"\n",
        )
        .unwrap();
        assert_eq!(c.designs, ["design/**"]);
        assert_eq!(c.lint.mode, LintMode::Deny);
        assert_eq!(c.aliases().get("superseded"), Some(&Status::Replaced));
        assert_eq!(c.after, ["links"]);
    }

    #[test]
    fn baseline_key() {
        let c = Config::from_book_toml("[preprocessor.design]\nbaseline = \"lint-baseline.json\"\n").unwrap();
        assert_eq!(c.baseline.as_deref(), Some("lint-baseline.json"));
        assert_eq!(Config::default().baseline, None);
        let e = Config::from_book_toml("[preprocessor.design]\nbaseline = true\n").unwrap_err();
        assert!(e.message().contains("`baseline`"), "{e}");
    }

    #[test]
    fn release_notes_table() {
        let c =
            Config::from_book_toml("[preprocessor.design.release-notes]\nbase-url = \"https://x.org/b/\"\n").unwrap();
        assert_eq!(c.release_notes.base_url.as_deref(), Some("https://x.org/b/"));
        let e = Config::from_book_toml("[preprocessor.design.release-notes]\nbase = \"x\"\n").unwrap_err();
        assert!(e.message().contains("release-notes.base") && e.message().contains("base-url"), "{e}");
    }

    #[test]
    fn smart_punctuation_follows_the_html_output() {
        assert!(Config::from_book_toml("[book]\n").unwrap().smart_punctuation);
        let off = Config::from_book_toml("[output.html]\nsmart-punctuation = false\n").unwrap();
        assert!(!off.smart_punctuation);
        assert!(Config::from_book_toml("[preprocessor.design]\nsmart-punctuation = false\n").is_err());
        let mut c = Config::default();
        c.read_html_output(Some(&serde_json::json!({"smart-punctuation": false})));
        assert!(!c.smart_punctuation);
        c.read_html_output(None);
        assert!(c.smart_punctuation);
    }

    #[test]
    fn build_output_key() {
        assert_eq!(Config::default().build_output, BuildOutput::Summary);
        let c = Config::from_book_toml("[preprocessor.design]\nbuild-output = \"full\"\n").unwrap();
        assert_eq!(c.build_output, BuildOutput::Full);
        let e = Config::from_book_toml("[preprocessor.design]\nbuild-output = \"loud\"\n").unwrap_err();
        let said = e.message();
        assert!(said.contains("build-output") && said.contains("loud") && said.contains("`summary`"), "{e}");
    }

    #[test]
    fn lint_table() {
        let c =
            Config::from_book_toml("[preprocessor.design.lint]\nmode = \"off\"\nline-length = \"allow\"\n").unwrap();
        assert_eq!(c.lint.mode, LintMode::Off);
        assert_eq!(c.lint.rules.get("line-length"), Some(&Severity::Allow));
    }

    #[test]
    fn errors_point_at_their_book_toml_line() {
        let text = "[book]\ntitle = \"x\"\n\n[preprocessor.design]\nnotice = true\ninclude_unlisted = false\n";
        assert_eq!(Config::error_line(text), Some(6));
        let text = "[preprocessor.design]\nmax-size = \"big\"\n";
        assert_eq!(Config::error_line(text), Some(2));
        assert_eq!(Config::error_line("[preprocessor.design]\nnotice = false\n"), None);
        assert_eq!(Config::error_line("[preprocessor.other]\nx = 1\n"), None);
    }

    #[test]
    fn unknown_key_names_it_and_the_accepted_ones() {
        let e = Config::from_book_toml("[preprocessor.design]\ndesign = [\"x\"]\n").unwrap_err();
        assert!(e.message().contains("design"), "{e}");
        assert!(e.message().contains("designs"), "{e}");
        let json = serde_json::json!({"designs": "x"});
        let e = Config::from_json(Some(&json)).unwrap_err();
        assert!(e.to_string().contains("[preprocessor.design]"), "{e}");
        assert!(e.message().contains("`designs`"), "{e}");
        let e = Config::from_book_toml(
            "[preprocessor.design.normalize]
title = 3
",
        )
        .unwrap_err();
        assert!(e.message().contains("normalize.title"), "{e}");
        let json = serde_json::json!({"status-aliases": {"gone": "dead"}});
        let e = Config::from_json(Some(&json)).unwrap_err();
        assert!(e.message().contains("dead"), "{e}");
    }
}
