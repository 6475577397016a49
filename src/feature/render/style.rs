//! The one small stylesheet of the tool's badges, notices and index tables.
//!
//! Colours are CSS custom properties: one per status (`--design-implemented`), set for each of
//! mdBook's theme classes on `<html>` (`light`, `rust`, `coal`, `navy`, `ayu`), so a book can
//! restyle everything with its own `additional-css`. Every status colour is at least 4.5:1
//! against the badge text and at least 3:1 against the page background of its themes.

use crate::text::marker::Mark;

/// Status colours of the light themes (`light`, `rust`, and no theme class): dark fills under
/// white text.
const LIGHT: &str = "--design-on:#ffffff;--design-provisional:#6639ba;--design-implementable:#0550ae;\
--design-implemented:#116329;--design-deferred:#7d4e00;--design-rejected:#a40e26;--design-withdrawn:#57606a;\
--design-replaced:#6e3a0f;--design-unknown:#24292f;";

/// Status colours of the dark themes (`coal`, `navy`, `ayu`): light fills under dark text.
const DARK: &str = "--design-on:#0d1117;--design-provisional:#d2a8ff;--design-implementable:#79c0ff;\
--design-implemented:#56d364;--design-deferred:#e3b341;--design-rejected:#ff9492;--design-withdrawn:#b1bac4;\
--design-replaced:#ffa657;--design-unknown:#8b949e;";

/// The rules that use the colours. No `<`, `&` or line break: the sheet sits on one line of a
/// raw HTML block.
const RULES: &str = "\
[data-design-status=provisional],[data-count-status=provisional],[data-filter=provisional]{--design-c:var(--design-provisional)}\
[data-design-status=implementable],[data-count-status=implementable],[data-filter=implementable]{--design-c:var(--design-implementable)}\
[data-design-status=implemented],[data-count-status=implemented],[data-filter=implemented]{--design-c:var(--design-implemented)}\
[data-design-status=deferred],[data-count-status=deferred],[data-filter=deferred]{--design-c:var(--design-deferred)}\
[data-design-status=rejected],[data-count-status=rejected],[data-filter=rejected]{--design-c:var(--design-rejected)}\
[data-design-status=withdrawn],[data-count-status=withdrawn],[data-filter=withdrawn]{--design-c:var(--design-withdrawn)}\
[data-design-status=replaced],[data-count-status=replaced],[data-filter=replaced]{--design-c:var(--design-replaced)}\
[data-design-status=unknown],[data-count-status=unknown],[data-filter=unknown]{--design-c:var(--design-unknown)}\
.design-status{display:inline-block;padding:0.05em 0.6em;border-radius:1em;font-size:0.85em;font-weight:600;\
line-height:1.5;white-space:nowrap;color:var(--design-on);background:var(--design-c)}\
.design-notice{display:block;margin:0.8em 0;padding:0.6em 1em;border:1px solid var(--design-c);\
border-left:0.35em solid var(--design-c);border-radius:0.3em;background:var(--quote-bg,transparent)}\
.design-notice-title{display:block;font-weight:700;margin-bottom:0.2em}\
.design-notice-title::before{content:'';display:inline-block;width:0.7em;height:0.7em;margin-right:0.45em;\
border-radius:50%;background:var(--design-c)}\
.design-meta{display:block;font-size:0.9em;margin:0.3em 0 0 0}\
.design-history{font-size:0.85em;margin:0.3em 0 1em 0}.design-history time{white-space:nowrap}\
details.design-front-matter{display:none}details.design-front-matter:target{display:block}\
.design-index-wrap{margin:0.5em 0 1em 0}\
.design-index-counts{display:flex;flex-wrap:wrap;align-items:center;gap:0.35em 0.5em;margin:0.5em 0}\
.design-index-count{display:inline-flex;align-items:center;gap:0.3em}\
.design-index-chip{font:inherit;font-size:0.95em;color:inherit;background:transparent;border:1px solid transparent;\
border-radius:1em;padding:0.1em 0.5em 0.1em 0.1em}\
.design-index-chip:not([disabled]){cursor:pointer;border-color:var(--fg,#8c959f)}\
.design-index-chip[aria-pressed=true]{border-color:var(--design-c);box-shadow:0 0 0 2px var(--design-c)}\
.design-index-count-number{font-weight:700}\
.design-index-filters{margin:0.2em 0 0.4em 0;font-size:0.9em}\
.design-index-filters[hidden]{display:none}\
.design-index-filters-label{font-weight:600;cursor:pointer;margin-bottom:0.25em}\
.design-index-filters-count{font-weight:400}\
.design-index-value{padding:0.1em 0.5em;margin:0 0.2em 0.3em 0;text-align:left}\
.design-index-value[aria-pressed=true]{border-color:var(--links,#0550ae);box-shadow:0 0 0 2px var(--links,#0550ae)}\
.design-index-bar{display:block;width:100%;max-width:32em;height:0.8em;margin:0.25em 0 0.6em 0}\
.design-index-bar rect{fill:var(--design-c)}\
.design-index-controls{display:flex;flex-wrap:wrap;gap:0.4em;align-items:center;margin:0.3em 0 0.6em 0}\
.design-index-controls[hidden]{display:none}\
.design-index-controls input[type=search],.design-index-controls button{font:inherit;font-size:0.9em;color:inherit;\
background:var(--bg,transparent);border:1px solid var(--table-border-color,#8c959f);border-radius:0.3em;\
padding:0.2em 0.5em}\
.design-index-controls input[type=search]{flex:1 1 12em;min-width:0;max-width:24em}\
.design-index-hide{display:inline-flex;align-items:center;gap:0.3em;font-size:0.9em}\
.design-index-shown{font-size:0.9em}\
.design-index-wrap .table-wrapper{overflow-x:auto}\
table.design-index{width:100%;table-layout:fixed;margin:0}\
table.design-index th,table.design-index td{overflow-wrap:anywhere;word-break:normal;vertical-align:top;\
text-align:left;padding:0.4em 0.6em}\
table.design-index th.design-index-title{width:25%}\
table.design-index th.design-index-status{width:8em}\
table.design-index th.design-index-area{width:14%}\
table.design-index th button{font:inherit;font-weight:700;color:inherit;background:none;border:0;padding:0;\
cursor:pointer;text-align:left}\
table.design-index th[aria-sort=ascending] button::after{content:' \\25B2';font-size:0.7em}\
table.design-index th[aria-sort=descending] button::after{content:' \\25BC';font-size:0.7em}\
table.design-index tr[hidden]{display:none}\
table.design-index tr.design-inactive td:first-child{box-shadow:inset 0.25em 0 0 var(--design-c)}\
table.design-index tr.design-inactive .design-index-summary{font-style:italic}\
.design-index-note{display:block;font-size:0.85em;margin-top:0.2em}\
h2.design-index-group,h3.design-index-group{margin-top:1.2em}\
@media (max-width:600px){\
table.design-index,table.design-index tbody,table.design-index tr,table.design-index td{display:block;width:auto}\
table.design-index thead{display:none}\
table.design-index tr{border:1px solid var(--table-border-color,#8c959f);border-radius:0.3em;margin:0 0 0.6em 0;\
padding:0.3em 0.6em}\
table.design-index td{border:0;padding:0.15em 0}\
table.design-index tr.design-inactive td:first-child{box-shadow:none}\
table.design-index tr.design-inactive{border-left:0.3em solid var(--design-c)}\
table.design-index td.design-index-title{font-weight:700}\
table.design-index td[data-label]:not(.design-index-title):not(.design-index-summary):not(:empty)::before{\
content:attr(data-label) ': ';font-weight:600}\
table.design-index td:empty{display:none}\
}\
@media print{.design-index-controls,.design-index-filters{display:none}\
button.design-index-chip{border-color:transparent;box-shadow:none}}";

/// The class of the `<html>` element per theme group.
const LIGHT_THEMES: &str = ":root,.light,.rust";
/// The dark theme classes.
const DARK_THEMES: &str = ".coal,.navy,.ayu";
pub(crate) use crate::model::config::is_installed_stylesheet;

/// The stylesheet's rules, as CSS text.
pub(crate) fn stylesheet() -> String {
    format!(
        "{LIGHT_THEMES}{{{LIGHT}}}{DARK_THEMES}{{{DARK}}}\
         @media (prefers-color-scheme:dark){{html:not(.js){{{DARK}}}}}{RULES}"
    )
}

/// The stylesheet file's text: a comment naming the tool's version, then the rules.
pub(crate) fn stylesheet_file() -> String {
    format!(
        "/* mdbook-design {} stylesheet: written by `mdbook-design install --stylesheet`; run it again after upgrading. */\n{}\n",
        env!("CARGO_PKG_VERSION"),
        stylesheet()
    )
}

/// The whole stylesheet as one marked line: `<style data-mdbook-design="style">...</style>`.
pub(crate) fn style_line() -> String {
    format!("<style {}>{}</style>", Mark::Style.attribute(), stylesheet())
}

/// Whether a line is the stylesheet this tool inserted (by its start and mark).
pub(crate) fn is_style_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with(&format!("<style {}>", Mark::Style.attribute())) && line.ends_with("</style>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_is_one_safe_line_with_every_status_and_theme() {
        let line = style_line();
        assert!(is_style_line(&line));
        let inner = line.split_once('>').unwrap().1.strip_suffix("</style>").unwrap();
        assert!(!inner.contains(['\n', '<', '&']), "{inner}");
        for status in crate::model::status::Status::ALL {
            assert_eq!(line.matches(&format!("--design-{status}:")).count(), 3, "{status}");
            assert!(line.contains(&format!("[data-design-status={status}]")), "{status}");
        }
        for theme in [".light", ".rust", ".coal", ".navy", ".ayu"] {
            assert!(line.contains(theme), "{theme}");
        }
        assert!(!is_style_line("<style>p{}</style>"));
    }
}
