//! YAML (`---`) and TOML (`+++`) front matter: the keys designs use, and whether it parses.

use std::ops::Range;

use crate::text::markdown::{FrontMatterKind, Problem, RawFrontMatter};

pub(crate) use super::yaml::ValueForm;
use super::yaml::{self, Node};

/// Front matter read from a design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The raw block.
    pub raw: RawFrontMatter,
    /// The `status` value as YAML or TOML reads it (aliases resolved, block scalars and quotes
    /// read, trimmed; empty for a list or mapping), with the span of where it is written on the
    /// key's line ([`FrontMatter::status_form`] says whether that span is the value itself).
    pub status: Option<(String, Range<usize>)>,
    /// How the `status` value is written: in place (a plain or quoted one-line scalar), another
    /// scalar form, a list or a mapping. `Some` exactly when `status` is.
    pub status_form: Option<ValueForm>,
    /// The `title:` value.
    pub title: Option<String>,
    /// `replaces:` entries.
    pub replaces: Vec<String>,
    /// `superseded-by:` (or `replaced-by:`) entries.
    pub superseded_by: Vec<String>,
    /// Why it does not parse, when it does not.
    pub error: Option<Problem>,
    /// The keys worth a line under the badge ([`META_KEYS`]) with their values, in that order.
    pub meta: Vec<(&'static str, Vec<String>)>,
}

/// Front matter keys shown in the metadata line under a design's badge.
pub(crate) const META_KEYS: [&str; 7] =
    ["authors", "owners", "owning-sig", "creation-date", "last-updated", "see-also", "tracking-link"];

impl FrontMatter {
    /// Reads the front matter block `raw` of `text`.
    pub fn parse(text: &str, raw: RawFrontMatter) -> FrontMatter {
        let body = &text[raw.body.clone()];
        let mut fm = FrontMatter {
            status: None,
            status_form: None,
            raw: raw.clone(),
            title: None,
            replaces: Vec::new(),
            superseded_by: Vec::new(),
            error: None,
            meta: Vec::new(),
        };
        match raw.kind {
            FrontMatterKind::Yaml => match yaml::parse(body) {
                Ok(doc) => {
                    let get = |key: &str| doc.get(key);
                    fm.title = get("title").and_then(Node::as_str).map(|t| t.trim().to_string());
                    fm.replaces = yaml_list(get("replaces"));
                    fm.superseded_by = yaml_list(get("superseded-by"));
                    fm.superseded_by.extend(yaml_list(get("replaced-by")));
                    fm.meta =
                        META_KEYS.iter().map(|k| (*k, yaml_list(get(k)))).filter(|(_, v)| !v.is_empty()).collect();
                    if let Some(value) = get("status") {
                        let (span, form) = yaml::locate(text, raw.body.clone(), "status", value)
                            .unwrap_or((raw.body.start..raw.body.start, ValueForm::OtherScalar));
                        fm.status = Some((value.as_str().unwrap_or_default().trim().to_string(), span));
                        fm.status_form = Some(form);
                    }
                }
                Err((line, message)) => {
                    fm.error = Some(Problem {
                        offset: offset_of_line(text, raw.body.start, line.saturating_sub(1)),
                        message: format!("the YAML front matter does not parse: {message}"),
                        help: "fix the YAML between the `---` lines (quote values holding `:` or `#`)".into(),
                    });
                }
            },
            FrontMatterKind::Toml => match body.parse::<toml::Table>() {
                Ok(table) => {
                    let get = |key: &str| table.get(key);
                    fm.title = get("title").and_then(|v| v.as_str()).map(|t| t.trim().to_string());
                    fm.replaces = toml_list(get("replaces"));
                    fm.superseded_by = toml_list(get("superseded-by"));
                    fm.superseded_by.extend(toml_list(get("replaced-by")));
                    fm.meta =
                        META_KEYS.iter().map(|k| (*k, toml_list(get(k)))).filter(|(_, v)| !v.is_empty()).collect();
                    if let Some((raw_status, span, form)) = toml_status(body) {
                        let span = raw.body.start + span.start..raw.body.start + span.end;
                        fm.status = Some((raw_status, span));
                        fm.status_form = Some(form);
                    }
                }
                Err(e) => {
                    let at = e.span().map_or(raw.body.start, |s| raw.body.start + s.start);
                    fm.error = Some(Problem {
                        offset: at,
                        message: format!("the TOML front matter does not parse: {}", e.message()),
                        help: "fix the TOML between the `+++` lines".into(),
                    });
                }
            },
        }
        fm
    }
}

/// The top-level `status` of a TOML text that parses: its string (trimmed; empty for an array
/// or table), the span where it is written, and its form.
pub(crate) fn toml_status(text: &str) -> Option<(String, Range<usize>, ValueForm)> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let item = doc.as_table().get("status")?;
    let span = match item.as_value() {
        Some(value) => value.span()?,
        None => 0..0,
    };
    let written = &text[span.clone()];
    let (value, form) = match item.as_value() {
        Some(toml_edit::Value::String(s)) => {
            let value = s.value().as_str();
            let one_line = written.len() >= 2
                && !written.starts_with("\"\"\"")
                && !written.starts_with("'''")
                && (written.starts_with('"') || written.starts_with('\''));
            let inner = span.start + 1..span.end - 1;
            if one_line && &text[inner.clone()] == value {
                return Some((value.trim().to_string(), inner, ValueForm::InPlace));
            }
            (value.trim().to_string(), ValueForm::OtherScalar)
        }
        Some(toml_edit::Value::Array(_)) => (String::new(), ValueForm::List),
        Some(toml_edit::Value::InlineTable(_)) => (String::new(), ValueForm::Map),
        Some(other) => (other.to_string().trim().to_string(), ValueForm::OtherScalar),
        None => (String::new(), ValueForm::Map),
    };
    Some((value, span, form))
}

fn yaml_list(value: Option<&Node>) -> Vec<String> {
    match value {
        Some(Node::Scalar(s)) if !s.trim().is_empty() => vec![s.clone()],
        // A blank item (`- ""`, left from a template) names nothing, like a blank value.
        Some(Node::List(items)) => {
            items.iter().filter_map(Node::as_str).filter(|s| !s.trim().is_empty()).map(str::to_string).collect()
        }
        _ => Vec::new(),
    }
}

fn toml_list(value: Option<&toml::Value>) -> Vec<String> {
    match value {
        Some(toml::Value::String(s)) if !s.trim().is_empty() => vec![s.clone()],
        Some(toml::Value::Datetime(d)) => vec![d.to_string()],
        Some(toml::Value::Array(items)) => items.iter().filter_map(|i| i.as_str()).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn offset_of_line(text: &str, start: usize, line: usize) -> usize {
    let mut at = start;
    for _ in 0..line {
        match text[at..].find('\n') {
            Some(i) => at += i + 1,
            None => break,
        }
    }
    at.min(text.len())
}

#[cfg(test)]
mod tests {
    use crate::text::markdown::scan;

    use super::*;

    fn fm(text: &str) -> FrontMatter {
        FrontMatter::parse(text, scan(text).front_matter.expect("front matter"))
    }

    #[test]
    fn yaml_keys() {
        let text = "---\ntitle: A\nstatus: replaced\nsuperseded-by:\n  - \"/docs/b.md\"\nreplaces: []\n---\n# A\n";
        let f = fm(text);
        assert_eq!(f.title.as_deref(), Some("A"));
        let (raw, span) = f.status.unwrap();
        assert_eq!(raw, "replaced");
        assert_eq!(&text[span], "replaced");
        assert_eq!(f.superseded_by, ["/docs/b.md"]);
        assert!(f.replaces.is_empty());
        assert!(f.error.is_none());
    }

    #[test]
    fn toml_keys() {
        let f = fm("+++\ntitle = \"A\"\nstatus = \"implemented\"\n+++\n# A\n");
        assert_eq!(f.status.unwrap().0, "implemented");
        assert_eq!(f.title.as_deref(), Some("A"));
    }

    #[test]
    fn status_forms_and_spans() {
        let form = |text: &str| {
            let f = fm(text);
            let (raw, span) = f.status.unwrap();
            (raw, text[span].to_string(), f.status_form.unwrap())
        };
        let s = |raw: &str, at: &str, form: ValueForm| (raw.to_string(), at.to_string(), form);
        assert_eq!(form("---\nstatus: 'implemented' # c\n---\n"), s("implemented", "implemented", ValueForm::InPlace));
        assert_eq!(form("---\na: &w deferred\nstatus: *w\n---\n"), s("deferred", "*w", ValueForm::OtherScalar));
        assert_eq!(form("---\nstatus: >-\n  rejected\n---\n"), s("rejected", ">-", ValueForm::OtherScalar));
        assert_eq!(form("---\nstatus:\n  - implemented\n---\n"), s("", "", ValueForm::List));
        assert_eq!(
            form("+++\nstatus = \"implemented\" # c\n+++\n"),
            s("implemented", "implemented", ValueForm::InPlace)
        );
        assert_eq!(form("+++\nstatus = \"\"\"\nrejected\"\"\"\n+++\n").2, ValueForm::OtherScalar);
        assert_eq!(form("+++\nstatus = [\"a\"]\n+++\n").2, ValueForm::List);
        assert!(ValueForm::InPlace.editable_in_place() && !ValueForm::OtherScalar.editable_in_place());
    }

    #[test]
    fn invalid_yaml_is_reported_with_its_line() {
        let text = "---\ntitle: a\nbad: [unclosed\nstatus: x\n---\n# A\n";
        let f = fm(text);
        let e = f.error.unwrap();
        assert!(e.message.contains("YAML"), "{}", e.message);
        // The error's line in the file: the `status` line after the unclosed `[` (line 4).
        assert_eq!(crate::text::source::line_of(text, e.offset), 4, "{}", e.message);
    }
}
