//! The summary table: status counts, a bar of the same numbers, filter buttons and one row per
//! design, as one raw HTML block (no blank line inside) or as a Markdown table.

use super::summary;
use super::Entry;
use crate::links::{chapter_link, encode_markdown_dest};
use crate::render::badge::{colour, html_badge, inline_text};
use crate::render::html::escape;
use crate::render::marker::Mark;
use crate::render::Format;
use crate::status::Status;

/// The class of the element wrapping everything a directive expands to.
pub const WRAP_CLASS: &str = "design-index-wrap";
/// The class of the table.
pub const TABLE_CLASS: &str = "design-index";

/// Styles of the table and its controls. No `<`, `&` or blank line: it sits in a raw HTML block.
const STYLE: &str = "<style>\
.design-index-wrap .design-index-counts{margin:0.5em 0 0.25em 0}\
.design-index-wrap .design-index-count{white-space:nowrap;margin-right:0.8em}\
.design-index-wrap .design-index-bar{display:block;width:100%;max-width:32em;height:0.8em;margin:0.25em 0 0.6em 0;border-radius:0.2em}\
.design-index-wrap .design-index-filters{display:flex;flex-wrap:wrap;gap:0.35em;margin:0.4em 0 0.8em 0}\
.design-index-wrap .design-index-filters[hidden]{display:none}\
.design-index-wrap .design-index-filters button{cursor:pointer;font:inherit;font-size:0.85em;padding:0.15em 0.8em;border-radius:1em;border:1px solid currentColor;background:transparent;color:inherit}\
.design-index-wrap .design-index-filters button[aria-pressed=\"true\"]{background:#0550ae;border-color:#0550ae;color:#ffffff}\
.design-index-wrap table.design-index tr[hidden]{display:none}\
.design-index-wrap table.design-index{width:100%;margin-left:0}\
.design-index-wrap table.design-index td{vertical-align:top}\
.design-index-wrap tr.design-inactive td{opacity:0.7}\
.design-index-wrap tr.design-inactive td:first-child{border-left:4px solid #8c959f}\
.design-index-wrap tr.design-inactive .design-index-summary{font-style:italic}\
.design-index-wrap .design-index-note{display:block;font-size:0.85em;margin-top:0.2em}\
</style>";

/// The filter buttons' behaviour: plain JavaScript scoped to its own wrapper, so several tables
/// can share a page. No `<`, `&` or blank line: it sits in a raw HTML block.
const SCRIPT: &str = "<script>\
(function(){\
var wrap=document.currentScript.parentNode;\
var bars=wrap.querySelectorAll('.design-index-filters');\
if(!bars.length){return;}\
var rows=wrap.querySelectorAll('tr[data-design-status]');\
var state={};\
function key(b){return b.parentNode.getAttribute('data-filter-key')||'status';}\
function apply(){\
for(var i=0;i!==rows.length;i++){var r=rows[i],shown=true;\
for(var k in state){if(state[k]!=='all'){if(r.getAttribute('data-design-'+k)!==state[k]){shown=false;}}}\
r.hidden=!shown;}\
var all=wrap.querySelectorAll('button[data-filter]');\
for(var j=0;j!==all.length;j++){var b=all[j],v=state[key(b)]||'all';b.setAttribute('aria-pressed',b.getAttribute('data-filter')===v?'true':'false');}\
var parts=[];for(var p in state){if(state[p]!=='all'){parts.push(p+'='+encodeURIComponent(state[p]));}}\
if(window.history.replaceState){window.history.replaceState(null,'',parts.length?'#designs:'+parts.join(';'):window.location.pathname+window.location.search);}\
}\
var hash=decodeURIComponent(window.location.hash||'');\
if(hash.indexOf('#designs:')===0){var kv=hash.slice(9).split(';');for(var h=0;h!==kv.length;h++){var eq=kv[h].indexOf('=');if(eq>0){state[kv[h].slice(0,eq)]=kv[h].slice(eq+1);}}}\
for(var n=0;n!==bars.length;n++){\
var buttons=bars[n].querySelectorAll('button[data-filter]');\
for(var m=0;m!==buttons.length;m++){buttons[m].addEventListener('click',function(e){var b=e.currentTarget;state[key(b)]=b.getAttribute('data-filter');apply();});}\
bars[n].hidden=false;}\
apply();\
})();\
</script>";

/// Counts per status in template order, unknown last; statuses with no design are left out.
pub fn counts<'a>(rows: impl IntoIterator<Item = &'a Entry>) -> Vec<(Status, usize)> {
    let mut n = [0usize; 8];
    for e in rows {
        n[Status::ALL.iter().position(|s| *s == e.status).unwrap_or(7)] += 1;
    }
    Status::ALL.into_iter().zip(n).filter(|(_, c)| *c > 0).collect()
}

/// The counts in words: `3 implemented, 1 rejected`.
pub fn counts_text(counts: &[(Status, usize)]) -> String {
    counts.iter().map(|(s, n)| format!("{n} {s}")).collect::<Vec<_>>().join(", ")
}

fn designs_word(n: usize) -> &'static str {
    if n == 1 {
        "design"
    } else {
        "designs"
    }
}

/// The lines of the table for `rows` (already filtered and ordered) on the page of
/// `chapter_path`; `all` is every entry, to name the designs that replace or are replaced.
pub fn render(rows: &[&Entry], all: &[Entry], chapter_path: &str, format: Format) -> Vec<String> {
    match format {
        Format::Html => html(rows, all, chapter_path),
        Format::Markdown => markdown(rows, all, chapter_path),
    }
}

fn title_of<'a>(all: &'a [Entry], path: &'a str) -> &'a str {
    all.iter().find(|e| e.path == path).map_or(path, |e| e.title.as_str())
}

fn html(rows: &[&Entry], all: &[Entry], chapter: &str) -> Vec<String> {
    let counts = counts(rows.iter().copied());
    let total = rows.len();
    let mut lines = vec![format!("<div class=\"{WRAP_CLASS}\" {}>", Mark::Index.attribute()), STYLE.to_string()];
    if total == 0 {
        lines.push("<p class=\"design-index-empty\"><em>No design matches this index.</em></p>".into());
        lines.push("</div>".into());
        return lines;
    }
    // Counts per status.
    let mut p = format!(
        "<p class=\"design-index-counts\"><strong class=\"design-index-total\" data-count-total=\"{total}\">{total} {}:</strong> ",
        designs_word(total)
    );
    for (status, n) in &counts {
        p.push_str(&format!(
            "<span class=\"design-index-count\" data-count-status=\"{status}\">{} <span class=\"design-index-count-number\">{n}</span></span>",
            html_badge(*status)
        ));
    }
    p.push_str("</p>");
    lines.push(p);
    // The bar: one segment per status, widths in percent of the total.
    let alt = format!("Designs by status: {}", counts_text(&counts));
    let mut svg = format!(
        "<svg class=\"design-index-bar\" role=\"img\" aria-label=\"{a}\" viewBox=\"0 0 {total} 1\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\"><title>{a}</title>",
        a = escape(&alt)
    );
    let mut x = 0;
    for (status, n) in &counts {
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"0\" width=\"{n}\" height=\"1\" fill=\"{}\" data-count-status=\"{status}\"><title>{n} {status}</title></rect>",
            colour(*status)
        ));
        x += n;
    }
    svg.push_str("</svg>");
    lines.push(svg);
    // Filter buttons, shown by the script; without JavaScript the whole table shows.
    let mut buttons = String::from(
        "<div data-filter-key=\"status\" class=\"design-index-filters\" role=\"group\" \
         aria-label=\"Show designs by status\" hidden><button type=\"button\" data-filter=\"all\" aria-pressed=\"true\">all (",
    );
    buttons.push_str(&format!("{total})</button>"));
    for (status, n) in &counts {
        buttons.push_str(&format!(
            "<button type=\"button\" data-filter=\"{status}\" aria-pressed=\"false\">{status} ({n})</button>"
        ));
    }
    buttons.push_str("</div>");
    lines.push(buttons);
    for (key, label) in [("area", "area"), ("stage", "stage"), ("milestone", "milestone")] {
        lines.extend(value_filter(rows, key, label));
    }
    lines.push(format!("<table class=\"{TABLE_CLASS}\">"));
    let extra: Vec<&String> =
        rows.first().map(|e| e.columns.iter().filter(|c| *c != "area").collect()).unwrap_or_default();
    let headers: String = extra.iter().map(|c| format!("<th>{}</th>", escape(&column_title(c)))).collect();
    lines.push(format!("<thead><tr><th>Design</th><th>Status</th><th>Summary</th><th>Area</th>{headers}</tr></thead>"));
    lines.push("<tbody>".into());
    for e in rows {
        let class = if e.inactive { "design-index-row design-inactive" } else { "design-index-row" };
        let href = chapter_link(chapter, &e.path, true);
        let mut status = html_badge(e.status);
        if e.inactive {
            status.push_str(" <span class=\"design-index-note design-index-inactive\">inactive</span>");
        }
        if let Some(release) = &e.released {
            status.push_str(&format!(
                " <span class=\"design-index-note design-index-released\" data-release=\"{r}\">in {r}</span>",
                r = escape(release)
            ));
        }
        if let Some(new) = &e.replaced_by {
            status.push_str(&format!(
                "<span class=\"design-index-note design-index-replaced-by\">replaced by <a href=\"{}\">{}</a></span>",
                escape(&chapter_link(chapter, new, true)),
                escape(title_of(all, new))
            ));
        }
        for old in &e.replaces {
            status.push_str(&format!(
                "<span class=\"design-index-note design-index-replaces\">replaces <a href=\"{}\">{}</a></span>",
                escape(&chapter_link(chapter, old, true)),
                escape(title_of(all, old))
            ));
        }
        let summary = e.summary.as_deref().map(|s| summary::to_html(s, &e.path, chapter)).unwrap_or_default();
        let cells: String = extra
            .iter()
            .map(|c| {
                format!("<td class=\"design-index-column\" data-column=\"{}\">{}</td>", escape(c), escape(&cell(e, c)))
            })
            .collect();
        lines.push(format!(
            "<tr class=\"{class}\" data-design-status=\"{s}\" data-design-area=\"{area}\" \
             data-design-stage=\"{stage}\" data-design-milestone=\"{milestone}\" data-design-path=\"{path}\">\
             <td class=\"design-index-title\"><a href=\"{href}\">{title}</a></td>\
             <td class=\"design-index-status\">{status}</td>\
             <td class=\"design-index-summary\">{summary}</td>\
             <td class=\"design-index-area\">{area}</td>{cells}</tr>",
            s = e.status,
            stage = escape(e.stage.as_deref().unwrap_or_default()),
            milestone = escape(e.milestone.as_deref().unwrap_or_default()),
            area = escape(&e.area),
            path = escape(&e.path),
            href = escape(&href),
            title = escape(&e.title),
        ));
    }
    lines.push("</tbody>".into());
    lines.push("</table>".into());
    lines.push(SCRIPT.to_string());
    lines.push("</div>".into());
    lines
}

fn markdown(rows: &[&Entry], all: &[Entry], chapter: &str) -> Vec<String> {
    let total = rows.len();
    if total == 0 {
        return vec![Mark::Index.comment(), String::new(), "*No design matches this index.*".into()];
    }
    let counts = counts(rows.iter().copied());
    let extra: Vec<&String> = rows[0].columns.iter().filter(|c| *c != "area").collect();
    let headers: String =
        extra.iter().map(|c| format!(" {} |", inline_text(&column_title(c), Format::Markdown))).collect();
    let mut lines = vec![
        Mark::Index.comment(),
        String::new(),
        format!("**{total} {}:** {}", designs_word(total), counts_text(&counts)),
        String::new(),
        format!("| Design | Status | Summary | Area |{headers}"),
        format!("| --- | --- | --- | --- |{}", " --- |".repeat(extra.len())),
    ];
    let link = |path: &str| {
        format!(
            "[{}](<{}>)",
            inline_text(title_of(all, path), Format::Markdown),
            encode_markdown_dest(&chapter_link(chapter, path, false))
        )
    };
    for e in rows {
        let mut status = if e.inactive { format!("*{}* (inactive)", e.status) } else { format!("**{}**", e.status) };
        if let Some(release) = &e.released {
            status.push_str(&format!(" in {}", inline_text(release, Format::Markdown)));
        }
        if let Some(new) = &e.replaced_by {
            status.push_str(&format!(", replaced by {}", link(new)));
        }
        for old in &e.replaces {
            status.push_str(&format!(", replaces {}", link(old)));
        }
        let summary = e.summary.as_deref().map(|s| summary::to_markdown_cell(s, &e.path, chapter)).unwrap_or_default();
        let cells: String =
            extra.iter().map(|c| format!(" {} |", inline_text(&cell(e, c), Format::Markdown))).collect();
        lines.push(format!(
            "| {} | {status} | {summary} | {} |{cells}",
            link(&e.path),
            inline_text(&e.area, Format::Markdown)
        ));
    }
    lines
}

/// A column's header: its key with the first letter in capitals and `-` as spaces.
fn column_title(key: &str) -> String {
    let words = key.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The text of column `key` for entry `e`.
fn cell(e: &Entry, key: &str) -> String {
    match key {
        "area" => e.area.clone(),
        "number" => e.number.clone().unwrap_or_default(),
        "authors" => e.authors.join(", "),
        "stage" => e.stage.clone().unwrap_or_default(),
        "milestone" => e.milestone.clone().unwrap_or_default(),
        other => e.extra.get(other).cloned().unwrap_or_default(),
    }
}

/// A group of filter buttons for one metadata field (`area`, `stage`, `milestone`), when the rows
/// have at least two different values of it; rows without a value are counted as `none`.
fn value_filter(rows: &[&Entry], key: &str, label: &str) -> Option<String> {
    let mut values: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for e in rows {
        *values.entry(cell(e, key)).or_default() += 1;
    }
    if values.len() < 2 {
        return None;
    }
    let mut out = format!(
        "<div data-filter-key=\"{key}\" class=\"design-index-filters\" role=\"group\" \
         aria-label=\"Show designs by {label}\" hidden><button type=\"button\" data-filter=\"all\" aria-pressed=\"true\">\
         all {label}s ({})</button>",
        rows.len()
    );
    for (value, n) in values {
        let shown = if value.is_empty() { "none".to_string() } else { value.clone() };
        out.push_str(&format!(
            "<button type=\"button\" data-filter=\"{}\" aria-pressed=\"false\">{} ({n})</button>",
            escape(&value),
            escape(&shown)
        ));
    }
    out.push_str("</div>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_and_script_are_safe_in_a_raw_html_block() {
        for (text, tag) in [(STYLE, "style"), (SCRIPT, "script")] {
            assert!(!text.contains('\n') && !text.contains('&'), "{text}");
            let open = format!("<{tag}>");
            let close = format!("</{tag}>");
            let inner = text.strip_prefix(open.as_str()).unwrap().strip_suffix(close.as_str()).unwrap();
            assert!(!inner.contains('<'), "{inner}");
        }
    }
}
