//! The `{{#design-index ...}}` directive: where it stands in a chapter (never inside code) and
//! what its arguments ask for.

use std::ops::Range;

use crate::model::config::IndexOrder;
use crate::model::status::Status;
use crate::text::markdown::code_ranges;

/// The directive's name.
pub(crate) const NAME: &str = "design-index";

/// One `{{#design-index ...}}` in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Directive {
    /// The whole `{{#design-index ...}}` text (with a leading `\` when escaped).
    pub range: Range<usize>,
    /// The text between the name and the closing braces.
    pub args: String,
    /// Written as `\{{#design-index}}`: shown as text, not expanded.
    pub escaped: bool,
}

/// What a directive's arguments ask for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    /// Only these statuses (all when empty).
    pub statuses: Vec<Status>,
    /// Only these areas, each with its sub-folders (all when empty).
    pub areas: Vec<String>,
    /// The order, when the directive sets one.
    pub order: Option<IndexOrder>,
    /// One table per status under its own heading (`group=status`).
    pub group_by_status: bool,
    /// Only designs implemented in these releases (all when empty).
    pub released: Vec<String>,
    /// Only stale designs (`stale=yes`) or only the others (`stale=no`); all when `None`.
    pub stale: Option<bool>,
}

impl Filter {
    /// Whether a design with `status` in `area` belongs in the table.
    pub(crate) fn accepts(&self, status: Status, area: &str) -> bool {
        let status_ok = self.statuses.is_empty() || self.statuses.contains(&status);
        let area_ok = self.areas.is_empty()
            || self.areas.iter().any(|a| {
                a == area || (area.len() > a.len() && area.starts_with(a.as_str()) && area.as_bytes()[a.len()] == b'/')
            });
        status_ok && area_ok
    }

    /// Whether a design implemented in `released` (from git) belongs in the table.
    pub(crate) fn accepts_release(&self, released: Option<&str>) -> bool {
        self.released.is_empty() || released.is_some_and(|r| self.released.iter().any(|w| w == r))
    }

    /// Whether a design that is (or is not) stale belongs in the table.
    pub(crate) fn accepts_stale(&self, stale: bool) -> bool {
        self.stale.is_none_or(|want| want == stale)
    }
}

/// The keys a directive accepts, for error messages.
pub(crate) const ACCEPTED: &str =
    "status=<status>[,<status>...], area=<folder>[,<folder>...], order=status|title, group=status, released=<tag>[,<tag>...], stale=yes|no";

/// Finds every directive in `text` that is not inside a code block or code span.
pub(crate) fn find(text: &str) -> Vec<Directive> {
    let code = code_ranges(text);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("{{") {
        let start = from + i;
        from = start + 2;
        if code.iter().any(|r| r.start <= start && start < r.end) {
            continue;
        }
        let Some((end, args)) = parse_at(text, start) else { continue };
        let escaped = start > 0 && text.as_bytes()[start - 1] == b'\\';
        out.push(Directive { range: if escaped { start - 1..end } else { start..end }, args, escaped });
        from = end;
    }
    out
}

/// `{{ #design-index args }}` at `start`: its end and its arguments.
fn parse_at(text: &str, start: usize) -> Option<(usize, String)> {
    let rest = &text[start + 2..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let after_name = trimmed.strip_prefix('#')?.strip_prefix(NAME)?;
    if after_name.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let close = after_name.find("}}")?;
    let args = &after_name[..close];
    if args.contains(['\n', '{']) {
        return None;
    }
    let end = text.len() - after_name.len() + close + 2;
    Some((end, args.trim().to_string()))
}

/// Reads a directive's arguments: `status=a,b area=x order=title`.
pub(crate) fn parse_args(args: &str) -> Result<Filter, String> {
    let mut filter = Filter::default();
    // `status=a, b` is read as `status=a,b`.
    let mut tokens: Vec<String> = Vec::new();
    for word in args.split_whitespace() {
        match tokens.last_mut() {
            Some(last)
                if last.ends_with(',') || last.ends_with('=') || word.starts_with(',') || word.starts_with('=') =>
            {
                last.push_str(word)
            }
            _ => tokens.push(word.to_string()),
        }
    }
    for token in tokens {
        let Some((key, value)) = token.split_once('=') else {
            return Err(format!("`{token}` is not an argument of {{{{#{NAME}}}}}; accepted: {ACCEPTED}"));
        };
        let values: Vec<&str> =
            value.split(',').map(|v| v.trim().trim_matches(['"', '\''])).filter(|v| !v.is_empty()).collect();
        if values.is_empty() {
            return Err(format!("`{key}=` has no value; accepted: {ACCEPTED}"));
        }
        match key.to_ascii_lowercase().as_str() {
            "status" => {
                for v in values {
                    let status =
                        Status::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(v)).ok_or_else(|| {
                            format!("`{v}` is not a status; accepted: {}", Status::ALL.map(|s| s.as_str()).join(", "))
                        })?;
                    if !filter.statuses.contains(&status) {
                        filter.statuses.push(status);
                    }
                }
            }
            "released" => {
                filter.released.extend(values.iter().map(|v| v.to_string()));
            }
            "area" => {
                filter.areas.extend(values.iter().map(|v| v.trim_matches('/').to_string()));
            }
            "order" => {
                filter.order = Some(match values.as_slice() {
                    ["status"] => IndexOrder::Status,
                    ["title"] => IndexOrder::Title,
                    _ => return Err(format!("`order={value}` is not an order; accepted: order=status, order=title")),
                });
            }
            "stale" => {
                filter.stale = Some(match values.as_slice() {
                    ["yes" | "true"] => true,
                    ["no" | "false"] => false,
                    _ => return Err(format!("`stale={value}` is not a choice; accepted: stale=yes, stale=no")),
                });
            }
            "group" => match values.as_slice() {
                ["status"] => filter.group_by_status = true,
                _ => return Err(format!("`group={value}` is not a grouping; accepted: group=status")),
            },
            _ => return Err(format!("`{key}` is not an argument of {{{{#{NAME}}}}}; accepted: {ACCEPTED}")),
        }
    }
    Ok(filter)
}

/// Whether a chapter holds a `{{#design-index}}` (outside code): such a chapter is an index
/// page, not a design, even when it sits in the designs folder (`design/README.md`).
pub fn is_index_chapter(text: &str) -> bool {
    // A byte search first: the full parse that tells code from text runs only on the few
    // chapters that hold the directive at all. An expanded table carries the tool's mark, so
    // a second run over the output still sees an index page.
    let directive =
        memchr::memmem::find(text.as_bytes(), b"{{#design-index").is_some() && find(text).iter().any(|d| !d.escaped);
    directive
        || (memchr::memmem::find(text.as_bytes(), b"mdbook-design").is_some()
            && crate::text::marker::Mark::Index.starts_a_line_in(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_directives_outside_code() {
        let text = "a {{#design-index}} b\n\n`{{#design-index}}`\n\n```\n{{#design-index}}\n```\n\n{{ #design-index status=implemented }}\n\\{{#design-index}}\n{{#design-indexer}}\n";
        let found = find(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(&text[found[0].range.clone()], "{{#design-index}}");
        assert_eq!(found[1].args, "status=implemented");
        assert!(found[2].escaped);
        assert_eq!(&text[found[2].range.clone()], "\\{{#design-index}}");
    }

    #[test]
    fn arguments() {
        let f = parse_args("status=implementable, Implemented area=net order=title").unwrap();
        assert_eq!(f.statuses, [Status::Implementable, Status::Implemented]);
        assert_eq!(f.areas, ["net"]);
        assert_eq!(f.order, Some(IndexOrder::Title));
        assert!(f.accepts(Status::Implemented, "net/sub"));
        assert!(!f.accepts(Status::Implemented, "network"));
        assert!(!f.accepts(Status::Provisional, "net"));
        let e = parse_args("status=done").unwrap_err();
        assert!(e.contains("`done`") && e.contains("implementable"), "{e}");
        let e = parse_args("sort=title").unwrap_err();
        assert!(e.contains("`sort`") && e.contains("order=status|title"), "{e}");
        let f = parse_args("released=v1.5.0,v1.6.0").unwrap();
        assert_eq!(f.released, ["v1.5.0", "v1.6.0"]);
        assert!(f.accepts_release(Some("v1.6.0")));
        assert!(!f.accepts_release(Some("v1.4.0")) && !f.accepts_release(None));
        assert!(Filter::default().accepts_release(None));
        let f = parse_args("stale=yes").unwrap();
        assert!(f.accepts_stale(true) && !f.accepts_stale(false));
        assert!(parse_args("stale=no").unwrap().accepts_stale(false));
        assert!(parse_args("stale=maybe").unwrap_err().contains("stale=yes"));
        assert!(parse_args("status").is_err());
        assert_eq!(parse_args("").unwrap(), Filter::default());
    }
}
