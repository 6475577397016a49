//! Per-file opt-outs: `<!-- mdbook-design-lint allow(line-length, file-name) -->` in an HTML
//! block anywhere in the design (`allow(all)` turns every rule off for the file).

use std::collections::HashSet;

use crate::model::design::Design;
use crate::text::markdown::BlockKind;

use super::registry::{Rule, RULES};

const MARKER: &str = "mdbook-design-lint";

/// The rules a design turns off for itself.
pub(crate) fn allowed_rules(text: &str, design: &Design) -> HashSet<Rule> {
    let mut rules = HashSet::new();
    for block in design.outline.blocks.iter().filter(|b| b.kind == BlockKind::Html) {
        let html = &text[block.range.clone()];
        let mut rest = html;
        while let Some(at) = rest.find(MARKER) {
            rest = &rest[at + MARKER.len()..];
            let Some(list) = rest.trim_start().strip_prefix("allow(") else { continue };
            let Some(end) = list.find(')') else { continue };
            for id in list[..end].split(',').map(str::trim) {
                if id == "all" {
                    rules.extend(RULES.iter().map(|r| r.rule));
                } else if let Some(rule) = Rule::from_id(id) {
                    rules.insert(rule);
                }
            }
        }
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project::Project;

    #[test]
    fn reads_opt_outs() {
        let p = Project::new(Default::default(), None).unwrap();
        let text = "# T\n\n<!-- mdbook-design-lint allow(line-length, file-name) -->\n\ntext\n";
        let got = allowed_rules(text, &p.parse(text));
        assert_eq!(got, HashSet::from([Rule::LineLength, Rule::FileName]));
        let text = "# T\n\n<!-- mdbook-design-lint allow(all) -->\n";
        assert_eq!(allowed_rules(text, &p.parse(text)).len(), RULES.len());
        let text = "# T\n\n`<!-- mdbook-design-lint allow(all) -->` in code is not an opt-out\n";
        assert!(allowed_rules(text, &p.parse(text)).is_empty());
    }
}
