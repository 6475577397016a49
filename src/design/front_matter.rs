//! YAML (`---`) and TOML (`+++`) front matter: the keys designs use, and whether it parses.

use std::ops::Range;

use yaml_rust2::{Yaml, YamlLoader};

use crate::markdown::{FrontMatterKind, Problem, RawFrontMatter};

/// Front matter read from a design.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The raw block.
    pub raw: RawFrontMatter,
    /// The `status:` value as written, with its span.
    pub status: Option<(String, Range<usize>)>,
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
pub const META_KEYS: [&str; 7] =
    ["authors", "owners", "owning-sig", "creation-date", "last-updated", "see-also", "tracking-link"];

impl FrontMatter {
    /// Reads the front matter block `raw` of `text`.
    pub fn parse(text: &str, raw: RawFrontMatter) -> FrontMatter {
        let body = &text[raw.body.clone()];
        let mut fm = FrontMatter {
            status: status_line(text, raw.body.clone()),
            raw: raw.clone(),
            title: None,
            replaces: Vec::new(),
            superseded_by: Vec::new(),
            error: None,
            meta: Vec::new(),
        };
        match raw.kind {
            FrontMatterKind::Yaml => match YamlLoader::load_from_str(body) {
                Ok(docs) => {
                    if let Some(Yaml::Hash(map)) = docs.first() {
                        let get = |key: &str| map.get(&Yaml::String(key.to_string()));
                        fm.title = get("title").and_then(|v| v.as_str()).map(str::to_string);
                        fm.replaces = yaml_list(get("replaces"));
                        fm.superseded_by = yaml_list(get("superseded-by"));
                        fm.superseded_by.extend(yaml_list(get("replaced-by")));
                        fm.meta =
                            META_KEYS.iter().map(|k| (*k, yaml_list(get(k)))).filter(|(_, v)| !v.is_empty()).collect();
                    }
                }
                Err(e) => {
                    let line = e.marker().line();
                    fm.error = Some(Problem {
                        offset: offset_of_line(text, raw.body.start, line),
                        message: format!("the YAML front matter does not parse: {}", e.info()),
                        help: "fix the YAML between the `---` lines (quote values holding `:` or `#`)".into(),
                    });
                }
            },
            FrontMatterKind::Toml => match body.parse::<toml::Table>() {
                Ok(table) => {
                    let get = |key: &str| table.get(key);
                    fm.title = get("title").and_then(|v| v.as_str()).map(str::to_string);
                    fm.replaces = toml_list(get("replaces"));
                    fm.superseded_by = toml_list(get("superseded-by"));
                    fm.superseded_by.extend(toml_list(get("replaced-by")));
                    fm.meta =
                        META_KEYS.iter().map(|k| (*k, toml_list(get(k)))).filter(|(_, v)| !v.is_empty()).collect();
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

/// The span of the value of a top-level `status` key, found line by line.
pub(crate) fn status_line(text: &str, body: Range<usize>) -> Option<(String, Range<usize>)> {
    let mut at = body.start;
    for line in text[body.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let value = content
            .strip_prefix("status:")
            .or_else(|| content.strip_prefix("status ="))
            .or_else(|| content.strip_prefix("status="));
        if let Some(value) = value {
            let lead = value.len() - value.trim_start().len();
            let start = at + content.len() - value.len() + lead;
            let raw = value.trim();
            let raw = raw.trim_matches('"').trim_matches('\'');
            let start = start + text[start..].find(raw).unwrap_or(0);
            return Some((raw.to_string(), start..start + raw.len()));
        }
        at += line.len();
    }
    None
}

fn yaml_list(value: Option<&Yaml>) -> Vec<String> {
    match value {
        Some(Yaml::String(s)) if !s.trim().is_empty() => vec![s.clone()],
        Some(Yaml::Integer(n)) => vec![n.to_string()],
        Some(Yaml::Real(r)) => vec![r.clone()],
        Some(Yaml::Array(items)) => items.iter().filter_map(|i| i.as_str()).map(str::to_string).collect(),
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
    use crate::markdown::scan;

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
    fn invalid_yaml_is_reported_with_its_line() {
        let text = "---\ntitle: a\nbad: [unclosed\nstatus: x\n---\n# A\n";
        let f = fm(text);
        let e = f.error.unwrap();
        assert!(e.message.contains("YAML"), "{}", e.message);
        assert!(e.offset >= 4);
    }
}
