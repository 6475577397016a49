//! The one YAML reader of front matter and sidecars: libyaml's grammar (through `serde_norway`,
//! the maintained translation of libyaml that PyYAML's C loader and go-yaml also follow), read
//! into a small tree of strings, and where a top-level key's value is written in the text.
//!
//! Why this crate: see ARCHITECTURE.md ("Front matter and sidecars").

use std::fmt;
use std::ops::Range;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A YAML value, with every scalar as a string (`true`, `42`, `1.5` as written by the resolver).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// `~`, `null` or nothing.
    Null,
    /// A string, number or boolean, as a string.
    Scalar(String),
    /// A sequence.
    List(Vec<Node>),
    /// A mapping, in the order of the text; a repeated key keeps its first place and its last
    /// value, as PyYAML reads it.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value of `key` in a mapping.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The scalar's string, when this is a scalar.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// The shape of a status value: whether `status set` and `lint --fix` may replace it where it
/// is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueForm {
    /// A plain or quoted one-line scalar on the key's own line: the span holds the value (inside
    /// its quotes), and replacing the span's text edits the value and nothing else.
    InPlace,
    /// Another scalar form (an alias, an anchored or tagged value, a block scalar `|`/`>`, a
    /// value on the lines below the key, a multi-line string): read, but not editable at the
    /// span, which holds only the first token on the key's line.
    OtherScalar,
    /// A list: no status.
    List,
    /// A mapping: no status.
    Map,
}

impl ValueForm {
    /// Whether replacing the span's text edits the value in place.
    pub fn editable_in_place(self) -> bool {
        self == ValueForm::InPlace
    }

    /// What a list or mapping value is called in a finding (`None` for scalars).
    pub fn container_name(self) -> Option<&'static str> {
        match self {
            ValueForm::List => Some("a list"),
            ValueForm::Map => Some("a mapping"),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Scalar(v))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries: Vec<(String, Node)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<Node, Node>()? {
            let key = match key {
                Node::Scalar(s) => s,
                Node::Null => "null".to_string(),
                other => format!("{other:?}"),
            };
            match entries.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => entries.push((key, value)),
            }
        }
        Ok(Node::Map(entries))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        // A value with a tag of its own (`!thing value`): the tag is dropped, the value kept.
        use serde::de::VariantAccess;
        let (_tag, variant): (Node, _) = data.variant()?;
        variant.newtype_variant()
    }
}

/// Parses one YAML document (a leading byte-order mark is skipped); an error gives its 1-based
/// line in `text` and libyaml's message.
pub(crate) fn parse(text: &str) -> Result<Node, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(Node::Null);
    }
    serde_norway::from_str::<Node>(text).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line().max(1));
        let message = e.to_string();
        // The message ends with " at line L column C"; the line is given apart.
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        (line, message)
    })
}

/// Where the value of top-level `key` (the last one, which is the one read) is written in
/// `text[body]` (YAML `key: value` or TOML `key = value`), and whether that span holds the value
/// `value` in place; `None` when no line sets the key.
pub(crate) fn locate(text: &str, body: Range<usize>, key: &str, value: &Node) -> Option<(Range<usize>, ValueForm)> {
    let mut found = None;
    let mut at = body.start;
    for line in text[body.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(rest) = after_key(content, key) {
            found = Some(at + content.len() - rest.len());
        }
        at += line.len();
    }
    let start = found?;
    let line_end = text[start..].find(['\n', '\r']).map_or(text.len(), |i| start + i).min(body.end.max(start));
    let rest = &text[start..line_end];
    let lead = rest.len() - rest.trim_start().len();
    let written = strip_comment(rest.trim_start()).trim_end();
    let span = start + lead..start + lead + written.len();
    let form = match value {
        Node::List(_) => return Some((span, ValueForm::List)),
        Node::Map(_) => return Some((span, ValueForm::Map)),
        // `status: ~` may be replaced in place; `status:` with nothing has no room for a word.
        Node::Null if !written.is_empty() && !written.starts_with(['*', '&', '!']) => {
            return Some((span, ValueForm::InPlace));
        }
        Node::Null => return Some((span, ValueForm::OtherScalar)),
        Node::Scalar(s) => s,
    };
    let quoted = written.len() >= 2
        && ((written.starts_with('"') && written.ends_with('"'))
            || (written.starts_with('\'') && written.ends_with('\'')));
    if quoted {
        let inner = span.start + 1..span.end - 1;
        // An escape (`\"`, `''`) would make the span's text differ from the value.
        if &text[inner.clone()] == form.as_str() {
            return Some((inner, ValueForm::InPlace));
        }
        return Some((span, ValueForm::OtherScalar));
    }
    let special = written.starts_with(['|', '>', '*', '&', '!', '[', '{', '"', '\'', '%', '@', '`']);
    if !special && written == form.as_str() {
        return Some((span, ValueForm::InPlace));
    }
    Some((span, ValueForm::OtherScalar))
}

/// The text after `key:` (or `key =`, `"key":`) at the start of a line, when the line sets it.
fn after_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key).or_else(|| {
        let quote = line.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        line[1..].strip_prefix(key)?.strip_prefix(quote)
    })?;
    let rest = rest.trim_start_matches([' ', '\t']);
    if let Some(value) = rest.strip_prefix(':') {
        // YAML needs a blank (or the end of the line) after the colon.
        return (value.is_empty() || value.starts_with([' ', '\t'])).then_some(value);
    }
    rest.strip_prefix('=')
}

/// A value without a trailing ` # comment` (outside quotes).
pub(crate) fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'#') if i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' => return &value[..i],
            _ => {}
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(text: &str) -> (Node, Option<(String, ValueForm)>) {
        let node = parse(text).unwrap();
        let value = node.get("status").cloned().unwrap_or(Node::Null);
        let located = locate(text, 0..text.len(), "status", &value).map(|(span, form)| (text[span].to_string(), form));
        (value, located)
    }

    #[test]
    fn forms_of_a_status() {
        let scalar = |s: &str| Node::Scalar(s.into());
        assert_eq!(
            status("status: implemented # yes\n"),
            (scalar("implemented"), Some(("implemented".into(), ValueForm::InPlace)))
        );
        assert_eq!(
            status("status: \"implemented\"\n"),
            (scalar("implemented"), Some(("implemented".into(), ValueForm::InPlace)))
        );
        assert_eq!(
            status("a: &s implemented\nstatus: *s\n"),
            (scalar("implemented"), Some(("*s".into(), ValueForm::OtherScalar)))
        );
        assert_eq!(
            status("status: |\n  implemented\n"),
            (scalar("implemented\n"), Some(("|".into(), ValueForm::OtherScalar)))
        );
        assert_eq!(
            status("status:\n  implemented\n"),
            (scalar("implemented"), Some(("".into(), ValueForm::OtherScalar)))
        );
        assert_eq!(status("status: a\n  b\n"), (scalar("a b"), Some(("a".into(), ValueForm::OtherScalar))));
        assert_eq!(status("status:\n  - x\n").1.unwrap().1, ValueForm::List);
        assert_eq!(status("status: {a: b}\n").1.unwrap().1, ValueForm::Map);
        assert_eq!(status("status: a\nstatus: b\n"), (scalar("b"), Some(("b".into(), ValueForm::InPlace))));
        assert_eq!(status("title: t\n").1, None);
    }

    #[test]
    fn alias_bombs_are_refused_not_expanded() {
        let mut text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_string();
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        text.push_str("status: implemented\n");
        let (_, message) = parse(&text).unwrap_err();
        assert!(message.contains("repetition limit"), "{message}");
    }

    #[test]
    fn errors_give_the_line() {
        let (line, message) = parse("title: a\nsee: [a,\n  b\nstatus: x\n").unwrap_err();
        assert!(line >= 3, "{line} {message}");
        assert!(!message.contains(" at line "), "{message}");
    }
}
