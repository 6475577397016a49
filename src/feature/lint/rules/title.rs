//! `missing-title`, `multiple-titles`, `file-name` and `duplicate-title`.

use super::super::{Diagnostic, Rule};
use super::Check;
use crate::model::design::{design_name, file_name_for, is_folder_design, without_date, without_number};
use crate::text::markdown::bom_len;

pub(super) fn check(cx: &mut Check) {
    let design = cx.design;
    let Some(title_index) = design.title else {
        // A title declared in front matter is the design's title (the build shows it as one);
        // an identifier there (`title: neat-enhancement-idea`) is not one to show.
        if cx.on(Rule::MissingTitle) && design.declared_display_title().is_none() {
            let at = design.front_matter.as_ref().map_or(bom_len(cx.text), |f| f.raw.range.end);
            let suggested = design.display_title(cx.path);
            cx.emit(
                Diagnostic::new(Rule::MissingTitle, at..at, "the design has no title (an H1 heading)")
                    .with_help(format!("start the design with `# {suggested}`")),
            );
        }
        return;
    };
    let title = &design.outline.headings[title_index];
    if cx.on(Rule::MultipleTitles) {
        let extra: Vec<_> = design
            .outline
            .headings
            .iter()
            .enumerate()
            .filter(|(i, h)| {
                *i != title_index && h.level == 1 && !h.nested && !design.sections.iter().any(|s| s.heading == *i)
            })
            .map(|(_, h)| (h.range.clone(), h.text.clone()))
            .collect();
        for (range, text) in extra {
            cx.emit(
                Diagnostic::new(
                    Rule::MultipleTitles,
                    range,
                    format!("`{}` is a second H1; the design's title is `{}`", text.trim(), title.text.trim()),
                )
                .with_help("a design has one H1: make this a `##` section"),
            );
        }
    }
    let text = title.text.trim();
    if text.is_empty() {
        return;
    }
    if cx.on(Rule::FileName) {
        let wanted = file_name_for(text);
        if is_folder_design(cx.path) {
            // One folder per design: the folder is the design's name, a leading number allowed,
            // and a title may carry that number (`KEP-1234: Faster pods`).
            let folder = design_name(cx.path);
            let bare = without_number(without_date(folder));
            if bare != wanted && bare != without_label(&wanted) && !wanted.is_empty() {
                cx.emit(
                    Diagnostic::new(
                        Rule::FileName,
                        title.content.clone(),
                        format!("the folder name `{folder}` does not follow the title"),
                    )
                    .with_help(format!(
                        "name the folder `{wanted}` (a leading number such as `1234-` may stay), or change the title"
                    )),
                );
            }
        } else {
            let name = cx.path.rsplit('/').next().unwrap_or(cx.path);
            let stem = name.strip_suffix(".md").unwrap_or(name);
            if without_date(stem) != wanted && !wanted.is_empty() {
                cx.emit(
                    Diagnostic::new(
                        Rule::FileName,
                        title.content.clone(),
                        format!("the file name `{name}` does not follow the title"),
                    )
                    .with_help(format!(
                        "name the file `{wanted}.md` (the lowercased title with spaces and punctuation as `-`), \
                         or change the title"
                    )),
                );
            }
        }
    }
    if cx.on(Rule::DuplicateTitle) {
        let others: Vec<&str> = cx.ctx.same_title(text).iter().map(String::as_str).filter(|p| *p != cx.path).collect();
        if !others.is_empty() {
            let list = others.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ");
            cx.emit(
                Diagnostic::new(Rule::DuplicateTitle, title.content.clone(), format!("{list} has the same title"))
                    .with_help("give each design its own title, so the index and links can tell them apart"),
            );
        }
    }
}

/// A title slug without a leading numbered label (`kep-1234-faster-pods` gives `faster-pods`).
fn without_label(slug: &str) -> &str {
    let mut parts = slug.splitn(3, '-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(label), Some(number), Some(rest))
            if label.chars().all(|c| c.is_ascii_alphabetic()) && number.chars().all(|c| c.is_ascii_digit()) =>
        {
            rest
        }
        _ => without_number(slug),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(without_date("20190610-machine-states"), "machine-states");
        assert_eq!(without_date("v2-api"), "v2-api");
        assert_eq!(without_label("kep-1234-faster-pods"), "faster-pods");
        assert_eq!(without_label("1234-faster-pods"), "faster-pods");
        assert_eq!(without_label("v2-api"), "v2-api");
    }
}
