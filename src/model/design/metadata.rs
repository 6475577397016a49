//! The index fields a design's metadata gives: a documented mapping from sidecar (and front
//! matter) keys to `area`, `number`, `authors`, `stage`, `milestone` and configured columns.

use std::collections::BTreeMap;

use super::sidecar::{Sidecar, SidecarText};
use super::Design;
use crate::text::markdown::FrontMatterKind;

/// The keys each index field is read from, first found wins; the sidecar before front matter.
pub(crate) const FIELD_KEYS: [(&str, &[&str]); 5] = [
    ("area", &["area", "owning-sig", "sig"]),
    ("number", &["number", "kep-number", "id"]),
    ("authors", &["authors", "author"]),
    ("stage", &["stage"]),
    ("milestone", &["latest-milestone", "milestone"]),
];

/// The metadata of one design, as the index shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Metadata {
    /// `area`, `owning-sig` or `sig`.
    pub area: Option<String>,
    /// `number`, `kep-number` or `id`.
    pub number: Option<String>,
    /// `authors` or `author`.
    pub authors: Vec<String>,
    /// `stage`.
    pub stage: Option<String>,
    /// `latest-milestone`, else the last value of `milestone` (a table of `alpha`, `beta`,
    /// `stable` gives the latest one written).
    pub milestone: Option<String>,
    /// Other configured columns by key, values joined with `, `.
    pub extra: BTreeMap<String, String>,
}

impl Metadata {
    /// The metadata of `design` (whose text is `text`): its sidecar first, then its front
    /// matter; `columns` names the configured columns, whose keys that are not one of the five
    /// fields go to `extra`.
    pub(crate) fn of(design: &Design, text: &str, columns: &[String]) -> Metadata {
        let front = design.front_matter.as_ref().filter(|f| f.error.is_none()).map(|f| {
            let path = match f.raw.kind {
                FrontMatterKind::Toml => "front-matter.toml",
                FrontMatterKind::Yaml => "front-matter.yaml",
            };
            let file = SidecarText { path: path.into(), text: text[f.raw.body.clone()].to_string(), read_error: None };
            Sidecar::parse(&file, &BTreeMap::new())
        });
        let sources: Vec<&Sidecar> = design.sidecar.iter().filter(|s| s.error.is_none()).chain(front.iter()).collect();
        let values = |field: &str| -> Vec<String> {
            let keys = FIELD_KEYS.iter().find(|(f, _)| *f == field).map_or(&[][..], |(_, k)| k);
            for source in &sources {
                for key in keys {
                    let items: Vec<String> =
                        source.get(key).iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
                    if !items.is_empty() {
                        return items;
                    }
                }
            }
            Vec::new()
        };
        let one = |field: &str| values(field).into_iter().next();
        let mut extra = BTreeMap::new();
        for column in columns {
            if FIELD_KEYS.iter().any(|(f, _)| f == column) {
                continue;
            }
            let found = sources.iter().map(|s| s.get(column)).find(|v| !v.is_empty());
            if let Some(items) = found {
                extra.insert(column.clone(), items.join(", "));
            }
        }
        Metadata {
            area: one("area"),
            number: one("number"),
            authors: values("authors"),
            stage: one("stage"),
            milestone: values("milestone").pop(),
            extra,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template::Template;

    fn design(text: &str, sidecar: Option<&str>) -> Design {
        let mut d = Design::parse(text, &Template::builtin(), &BTreeMap::new());
        d.sidecar = sidecar.map(|s| {
            Sidecar::parse(
                &SidecarText { path: "a/kep.yaml".into(), text: s.into(), read_error: None },
                &BTreeMap::new(),
            )
        });
        d
    }

    #[test]
    fn sidecar_keys_map_to_fields() {
        let side = "kep-number: 1234\nowning-sig: sig-node\nauthors: [\"@a\", \"@b\"]\nstage: beta\n\
                    milestone:\n  alpha: \"v1.30\"\n  beta: \"v1.31\"\nfeature-gates: [X]\n";
        let text = "# T\n\n## Summary\n\nS.\n";
        let m = Metadata::of(&design(text, Some(side)), text, &["feature-gates".to_string(), "stage".to_string()]);
        assert_eq!(m.area.as_deref(), Some("sig-node"));
        assert_eq!(m.number.as_deref(), Some("1234"));
        assert_eq!(m.authors, ["@a", "@b"]);
        assert_eq!(m.stage.as_deref(), Some("beta"));
        assert_eq!(m.milestone.as_deref(), Some("v1.31"));
        assert_eq!(m.extra.into_iter().collect::<Vec<_>>(), [("feature-gates".to_string(), "X".to_string())]);
    }

    #[test]
    fn latest_milestone_wins_and_front_matter_fills_in() {
        let text = "---\nstage: alpha\nauthors: x\n---\n# T\n\n## Summary\n\nS.\n";
        let m = Metadata::of(&design(text, Some("latest-milestone: v1.2\nmilestone: {alpha: v1.1}\n")), text, &[]);
        assert_eq!(m.milestone.as_deref(), Some("v1.2"));
        assert_eq!(m.stage.as_deref(), Some("alpha"));
        assert_eq!(m.authors, ["x"]);
        assert_eq!(m.area, None);
    }
}
