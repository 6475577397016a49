//! Sidecar metadata: a YAML or TOML file beside a design (`kep.yaml` next to `README.md`), read
//! into keys with line numbers and a tolerantly read status. Pure: the edges read the file.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::status::{self, Reading, Status};

use super::yaml::{self, Node, ValueForm};

/// A sidecar file as the edges hand it in: its path relative to the book's `src` and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarText {
    /// The path relative to the book's `src`, `/` separated.
    pub path: String,
    /// The file's text (empty when it could not be read).
    pub text: String,
    /// Why the file could not be read, when it could not.
    pub read_error: Option<String>,
}

/// The status a sidecar declares, with its place in the sidecar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarStatus {
    /// The value as YAML or TOML reads it (aliases resolved, block scalars and quotes read,
    /// trimmed; empty for a list or mapping).
    pub raw: String,
    /// Where the value is written on the key's line (the value itself when `form` is
    /// [`ValueForm::InPlace`]).
    pub span: Range<usize>,
    /// How the value is written: in place, another scalar form, a list or a mapping.
    pub form: ValueForm,
    /// The 1-based line of the `status` key.
    pub line: usize,
    /// How it was read.
    pub reading: Reading,
    /// The canonical status (`Unknown` unless `reading` names one).
    pub status: Status,
}

/// A value of a top-level sidecar key, flattened to strings, with the line of its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarValue {
    /// Scalars as one string each; a list gives its items; a table gives its values in order.
    pub items: Vec<String>,
    /// The key's 1-based line in the sidecar (1 when it could not be found).
    pub line: usize,
}

/// A parsed sidecar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sidecar {
    /// The path relative to the book's `src`.
    pub path: String,
    /// The sidecar's text.
    pub text: String,
    /// Its `status`, when it has one.
    pub status: Option<SidecarStatus>,
    /// Top-level keys with their values.
    pub values: BTreeMap<String, SidecarValue>,
    /// The 1-based line and message of a parse (or read) error.
    pub error: Option<(usize, String)>,
}

impl Sidecar {
    /// The keys shown in the metadata line under the badge ([`META_KEYS`]) that the sidecar has,
    /// in that order.
    ///
    /// [`META_KEYS`]: super::front_matter::META_KEYS
    pub fn meta(&self) -> Vec<(&'static str, Vec<String>)> {
        super::front_matter::META_KEYS
            .iter()
            .filter_map(|k| self.values.get(*k).filter(|v| !v.items.is_empty()).map(|v| (*k, v.items.clone())))
            .collect()
    }

    /// Parses `file` (YAML unless its name ends in `.toml`), reading `status` through `aliases`.
    pub fn parse(file: &SidecarText, aliases: &BTreeMap<String, Status>) -> Sidecar {
        let text = &file.text;
        let mut sidecar = Sidecar {
            path: file.path.clone(),
            text: text.clone(),
            status: None,
            values: BTreeMap::new(),
            error: file.read_error.as_ref().map(|e| (1, format!("the file cannot be read: {e}"))),
        };
        if sidecar.error.is_some() {
            return sidecar;
        }
        let is_toml = file.path.ends_with(".toml");
        let parsed = if is_toml { toml_values(text) } else { yaml_values(text) };
        let found = match parsed {
            Ok((values, status)) => {
                sidecar.values = values
                    .into_iter()
                    .map(|(key, items)| {
                        let line = key_line(text, &key).unwrap_or(1);
                        (key, SidecarValue { items, line })
                    })
                    .collect();
                status
            }
            Err(error) => {
                sidecar.error = Some(error);
                return sidecar;
            }
        };
        if let Some((raw, span, form)) = found {
            let reading = status::read(&raw, aliases);
            let status = match reading {
                Reading::Status { status, .. } => status,
                _ => Status::Unknown,
            };
            let line = crate::text::source::line_of(text, span.start);
            sidecar.status = Some(SidecarStatus { raw, span, form, line, reading, status });
        }
        sidecar
    }

    /// The strings of key `key`, empty when absent.
    pub fn get(&self, key: &str) -> &[String] {
        self.values.get(key).map_or(&[], |v| v.items.as_slice())
    }

    /// The first non-empty string of `key`.
    pub fn first(&self, key: &str) -> Option<&str> {
        self.get(key).iter().map(|s| s.trim()).find(|s| !s.is_empty())
    }

    /// The title the sidecar gives, when it gives one.
    pub fn title(&self) -> Option<&str> {
        self.first("title")
    }

    /// The known status the sidecar declares (`None` for none, the unedited list, or a word
    /// that is not a status).
    pub fn known_status(&self) -> Option<Status> {
        self.status.as_ref().map(|s| s.status).filter(|s| *s != Status::Unknown)
    }
}

/// The 1-based line of a top-level key (`key:` in YAML, `key =` in TOML), possibly quoted.
pub(crate) fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let rest = line.strip_prefix(key).or_else(|| {
                let quoted = line.strip_prefix('"').or_else(|| line.strip_prefix('\''))?;
                quoted.strip_prefix(key)?.strip_prefix(['"', '\''])
            });
            rest.is_some_and(|r| r.trim_start().starts_with([':', '=']))
        })
        .map(|i| i + 1)
}

/// The status as read, where it is written, and its form (`None` without a `status` key).
type Found = Option<(String, Range<usize>, ValueForm)>;

/// Top-level keys with their flattened values, and the status; or the line and message of a
/// parse error.
type Read = Result<(BTreeMap<String, Vec<String>>, Found), (usize, String)>;

/// Top-level keys of a YAML mapping, flattened, and its status; a parse error gives its line
/// and message.
fn yaml_values(text: &str) -> Read {
    let doc = yaml::parse(text)?;
    let mut out = BTreeMap::new();
    match &doc {
        Node::Map(entries) => {
            for (key, value) in entries {
                out.insert(key.clone(), yaml_items(value));
            }
        }
        Node::Null => {}
        _ => return Err((1, "the file is not a mapping of keys to values".into())),
    }
    let status = doc.get("status").map(|value| {
        let (span, form) = yaml::locate(text, 0..text.len(), "status", value).unwrap_or((0..0, ValueForm::OtherScalar));
        (value.as_str().unwrap_or_default().trim().to_string(), span, form)
    });
    Ok((out, status))
}

fn yaml_items(value: &Node) -> Vec<String> {
    match value {
        Node::List(items) => items.iter().filter_map(Node::as_str).map(str::to_string).collect(),
        Node::Map(map) => map.iter().filter_map(|(_, v)| v.as_str()).map(str::to_string).collect(),
        Node::Scalar(s) => vec![s.clone()],
        Node::Null => Vec::new(),
    }
}

/// Top-level keys of a TOML table, flattened; a parse error gives its line and message.
fn toml_values(text: &str) -> Read {
    let table = text.parse::<toml::Table>().map_err(|e| {
        let line = e.span().map_or(1, |s| crate::text::source::line_of(text, s.start));
        (line, e.message().to_string())
    })?;
    let status = super::front_matter::toml_status(text);
    Ok((table.into_iter().map(|(key, value)| (key, toml_items(&value))).collect(), status))
}

fn toml_scalar(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

fn toml_items(value: &toml::Value) -> Vec<String> {
    match value {
        toml::Value::Array(items) => items.iter().filter_map(toml_scalar).collect(),
        toml::Value::Table(map) => map.values().filter_map(toml_scalar).collect(),
        other => toml_scalar(other).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(path: &str, text: &str) -> Sidecar {
        let file = SidecarText { path: path.into(), text: text.into(), read_error: None };
        Sidecar::parse(&file, &BTreeMap::new())
    }

    #[test]
    fn yaml_keys_lines_and_status() {
        let text = "title: Faster pods\nnumber: 42\nauthors:\n  - \"@a\"\n  - \"@b\"\nstatus: Implementable # agreed\n";
        let s = parse("x/kep.yaml", text);
        assert_eq!(s.error, None);
        assert_eq!(s.title(), Some("Faster pods"));
        assert_eq!(s.get("authors"), ["@a", "@b"]);
        assert_eq!(s.first("number"), Some("42"));
        assert_eq!(s.values["authors"].line, 3);
        let status = s.status.unwrap();
        assert_eq!(status.status, Status::Implementable);
        assert_eq!(status.line, 6);
        // The value YAML reads: the comment is not part of it, nor of its span.
        assert_eq!(&text[status.span], "Implementable");
        assert_eq!(status.form, ValueForm::InPlace);
        assert_eq!(status.reading, Reading::Status { status: Status::Implementable, exact: false });
    }

    #[test]
    fn toml_sidecar() {
        let s = parse("x/meta.toml", "title = \"T\"\nstatus = \"rejected\"\n[milestone]\nalpha = \"v1.2\"\n");
        assert_eq!(s.known_status(), Some(Status::Rejected));
        assert_eq!(s.get("milestone"), ["v1.2"]);
    }

    #[test]
    fn broken_yaml_gives_its_line() {
        let s = parse("x/kep.yaml", "title: a\nauthors: [unclosed\nstatus: implemented\n");
        let (line, message) = s.error.unwrap();
        assert_eq!((line, message.as_str()), (3, "did not find expected ',' or ']'"));
        assert!(s.status.is_none());
    }

    #[test]
    fn placeholder_list_is_no_status() {
        let s = parse("x/kep.yaml", "status: provisional|implementable|implemented\n");
        assert_eq!(s.status.as_ref().unwrap().reading, Reading::Placeholder);
        assert_eq!(s.known_status(), None);
    }
}
