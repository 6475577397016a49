//! The summary table: status counts, a bar of the same numbers, filter buttons and one row per
//! design, as one raw HTML block (no blank line inside) or as a Markdown table.

use super::summary;
use super::{Entry, Filter};
use crate::feature::render::badge::{html_badge, html_badge_as, inline_text};
use crate::feature::render::html::escape;
use crate::feature::render::style;
use crate::feature::render::Format;
use crate::model::status::Status;
use crate::text::links::{chapter_link, encode_markdown_dest};
use crate::text::marker::Mark;

/// The class of the element wrapping everything a directive expands to.
pub(crate) const WRAP_CLASS: &str = "design-index-wrap";
/// The class of the table.
pub(crate) const TABLE_CLASS: &str = "design-index";

/// The controls' behaviour: plain JavaScript scoped to its own wrapper, so several tables can
/// share a page. Chips toggle: values of one group (status, area, stage, milestone) combine with
/// "or", groups with "and"; the text box filters by title and summary, a switch hides inactive
/// designs, column headings sort; the view lives in the URL fragment
/// (`#status=a,b&area=net&q=x&inactive=hide&sort=title`).
/// Without JavaScript every row shows. No `<`, `&` or blank line: it sits in a raw HTML block.
const SCRIPT: &str = "<script>\
(function(){\
var wrap=document.currentScript.parentNode;\
var tables=[].slice.call(wrap.querySelectorAll('table.design-index'));\
if(tables.length===0){return;}\
var rows=[];tables.forEach(function(t){rows=rows.concat([].slice.call(t.tBodies[0].rows));});\
var order=rows.slice();\
var chips=[].slice.call(wrap.querySelectorAll('button[data-filter]'));\
var groups=[].slice.call(wrap.querySelectorAll('.design-index-filters'));\
var controls=wrap.querySelector('.design-index-controls');\
var search=wrap.querySelector('input.design-index-search');\
var reset=wrap.querySelector('button.design-index-reset');\
var hide=wrap.querySelector('input.design-index-hide-inactive');\
var shown=wrap.querySelector('.design-index-shown');\
function group(b){return b.getAttribute('data-filter-key')||'status';}\
var keys=[];chips.forEach(function(b){if(keys.indexOf(group(b))===-1){keys.push(group(b));}});\
var state={f:{},q:'',sort:'',dir:1,inactive:false};\
keys.forEach(function(k){state.f[k]=[];});\
function any(){return keys.some(function(k){return state.f[k].length!==0;});}\
function name(th,i){return th.getAttribute('data-column')||(th.className||'').replace(/^design-index-/,'')||String(i);}\
function read(){\
var p=new URLSearchParams(location.hash.slice(1));\
var mine=keys.concat(['q','sort','inactive']);\
if(!mine.some(function(k){return p.has(k);})){return;}\
keys.forEach(function(k){\
var known=chips.filter(function(b){return group(b)===k;}).map(function(b){return b.getAttribute('data-filter');});\
var got=p.has(k)?p.get(k).split(',').map(function(v){try{return decodeURIComponent(v);}catch(e){return v;}}):[];\
state.f[k]=got.filter(function(v){return known.indexOf(v)!==-1;});\
});\
state.q=p.get('q')||'';state.inactive=p.get('inactive')==='hide';\
var sort=(p.get('sort')||'').split(':');\
state.sort=sort[0];state.dir=sort[1]==='desc'?-1:1;\
}\
function write(){\
var p=new URLSearchParams();\
keys.forEach(function(k){if(state.f[k].length){p.set(k,state.f[k].map(encodeURIComponent).join(','));}});\
if(state.q){p.set('q',state.q);}\
if(state.inactive){p.set('inactive','hide');}\
if(state.sort){p.set('sort',state.sort+(state.dir===1?'':':desc'));}\
var h=p.toString();\
if(h===location.hash.slice(1)){return;}\
if(h===''){var old=new URLSearchParams(location.hash.slice(1));if(keys.concat(['q','sort','inactive']).some(function(k){return old.has(k);})){history.replaceState(null,'',location.pathname+location.search);}return;}\
history.replaceState(null,'','#'+h);\
}\
function key(td){return td?(td.getAttribute('data-sort')||td.textContent.trim()):'';}\
function sortRows(){\
tables.forEach(function(t){\
var ths=[].slice.call(t.tHead.rows[0].cells);\
var col=-1;\
ths.forEach(function(th,i){var on=state.sort!==''?name(th,i)===state.sort:false;if(on){col=i;}\
th.setAttribute('aria-sort',on?(state.dir===1?'ascending':'descending'):'none');});\
var body=t.tBodies[0];\
var mine=order.filter(function(r){return r.parentNode===body;});\
if(col!==-1){mine.sort(function(a,b){return state.dir*key(a.cells[col]).localeCompare(key(b.cells[col]),undefined,{numeric:true,sensitivity:'base'});});}\
mine.forEach(function(r){body.appendChild(r);});\
});\
}\
function apply(){\
var q=state.q.toLowerCase();var n=0;\
rows.forEach(function(r){\
var ok=keys.every(function(k){var want=state.f[k];return want.length===0?true:want.indexOf(r.getAttribute('data-design-'+k)||'')!==-1;});\
if(ok){if(state.inactive){ok=!r.classList.contains('design-inactive');}}\
if(ok){if(q!==''){var s=r.querySelector('.design-index-summary');var text=(r.cells[0].textContent+' '+(s?s.textContent:'')).toLowerCase();ok=text.indexOf(q)!==-1;}}\
r.hidden=!ok;if(ok){n++;}\
});\
chips.forEach(function(b){b.setAttribute('aria-pressed',state.f[group(b)].indexOf(b.getAttribute('data-filter'))!==-1?'true':'false');});\
if(search){if(search.value!==state.q){search.value=state.q;}}\
if(hide){hide.checked=state.inactive;}\
if(reset){reset.hidden=any()?false:(state.q===''?!state.inactive:false);}\
if(shown){shown.textContent=n===rows.length?'':'Showing '+n+' of '+rows.length;}\
groups.forEach(function(g){if(state.f[g.getAttribute('data-filter-key')].length){g.open=true;}});\
sortRows();write();\
}\
chips.forEach(function(b){b.disabled=false;b.addEventListener('click',function(){\
var k=group(b);var v=b.getAttribute('data-filter');var i=state.f[k].indexOf(v);\
if(i===-1){state.f[k].push(v);}else{state.f[k].splice(i,1);}apply();});});\
tables.forEach(function(t){[].slice.call(t.tHead.rows[0].cells).forEach(function(th,i){\
var b=document.createElement('button');b.type='button';b.textContent=th.textContent;th.textContent='';th.appendChild(b);\
b.addEventListener('click',function(){var k=name(th,i);if(state.sort===k){state.dir=-state.dir;}else{state.sort=k;state.dir=1;}apply();});});});\
if(search){search.addEventListener('input',function(){state.q=search.value;apply();});}\
if(reset){reset.addEventListener('click',function(){keys.forEach(function(k){state.f[k]=[];});state.q='';state.inactive=false;apply();});}\
if(hide){hide.addEventListener('change',function(){state.inactive=hide.checked;apply();});}\
window.addEventListener('hashchange',function(){read();apply();});\
if(controls){controls.hidden=false;}\
groups.forEach(function(g){g.hidden=false;});\
read();apply();\
})();\
</script>";

/// Counts per status in template order, unknown last; statuses with no design are left out.
pub(crate) fn counts<'a>(rows: impl IntoIterator<Item = &'a Entry>) -> Vec<(Status, usize)> {
    let mut n = [0usize; 8];
    for e in rows {
        n[Status::ALL.iter().position(|s| *s == e.status).unwrap_or(7)] += 1;
    }
    Status::ALL.into_iter().zip(n).filter(|(_, c)| *c > 0).collect()
}

/// The counts in words: `3 implemented, 1 rejected`.
pub(crate) fn counts_text(counts: &[(Status, usize)]) -> String {
    counts.iter().map(|(s, n)| format!("{n} {s}")).collect::<Vec<_>>().join(", ")
}

fn designs_word(n: usize) -> &'static str {
    if n == 1 {
        "design"
    } else {
        "designs"
    }
}

/// How a directive's table is shown, besides its rows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct View<'a> {
    /// How many designs the book has before the directive's filter.
    pub of: usize,
    /// The directive's filter, named in the total when it leaves designs out.
    pub filter: &'a Filter,
    /// Whether this table carries the page's stylesheet (the first table of a page does).
    pub style: bool,
    /// One table per status under headings (`group=status`).
    pub group: bool,
}

/// The lines of the table for `rows` (already filtered and ordered) on the page of
/// `chapter_path`; `all` is every entry, to name the designs that replace or are replaced.
pub(crate) fn render(
    rows: &[&Entry],
    all: &[Entry],
    chapter_path: &str,
    format: Format,
    view: &View<'_>,
) -> Vec<String> {
    match format {
        Format::Html => html(rows, all, chapter_path, view),
        Format::Markdown => markdown(rows, all, chapter_path),
    }
}

fn title_of<'a>(all: &'a [Entry], path: &'a str) -> &'a str {
    all.iter().find(|e| e.path == path).map_or(path, |e| e.title.as_str())
}

fn html(rows: &[&Entry], all: &[Entry], chapter: &str, view: &View<'_>) -> Vec<String> {
    let counts = counts(rows.iter().copied());
    let total = rows.len();
    let mut lines = vec![format!("<div class=\"{WRAP_CLASS}\" {}>", Mark::Index.attribute())];
    if view.style {
        lines.push(style::style_line());
    }
    if total == 0 {
        lines.push("<p class=\"design-index-empty\"><em>No design matches this index.</em></p>".into());
        lines.push("</div>".into());
        return lines;
    }
    let several = counts.len() > 1;
    // Counts per status; with several statuses each is a filter button (enabled by the script).
    let mut p = format!(
        "<p class=\"design-index-counts\"><strong class=\"design-index-total\" data-count-total=\"{total}\">{}:</strong> ",
        escape(&total_text(total, view))
    );
    for (status, n) in &counts {
        let chip = format!(
            "<span class=\"design-index-count\" data-count-status=\"{status}\">{} <span class=\"design-index-count-number\">{n}</span></span>",
            html_badge(*status)
        );
        if several {
            p.push_str(&format!(
                "<button type=\"button\" class=\"design-index-chip\" data-filter=\"{status}\" data-filter-key=\"status\" \
                 aria-pressed=\"false\" title=\"Show only {status} designs\" disabled>{chip}</button> "
            ));
        } else {
            p.push_str(&chip);
        }
    }
    p.push_str("</p>");
    lines.push(p);
    if several {
        // The bar: one segment per status, widths in percent of the total.
        let alt = format!("Designs by status: {}", counts_text(&counts));
        let mut svg = format!(
            "<svg class=\"design-index-bar\" role=\"img\" aria-label=\"{a}\" viewBox=\"0 0 {total} 1\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\"><title>{a}</title>",
            a = escape(&alt)
        );
        let mut x = 0;
        for (status, n) in &counts {
            svg.push_str(&format!(
                "<rect x=\"{x}\" y=\"0\" width=\"{n}\" height=\"1\" data-count-status=\"{status}\"><title>{n} {status}</title></rect>"
            ));
            x += n;
        }
        svg.push_str("</svg>");
        lines.push(svg);
    }
    if total > 1 {
        // The text box, the inactive switch and reset, shown by the script; without JavaScript
        // the whole table shows.
        let inactive = rows.iter().filter(|e| e.inactive).count();
        let hide = if inactive > 0 && inactive < total {
            "<label class=\"design-index-hide\"><input type=\"checkbox\" class=\"design-index-hide-inactive\"> \
             Hide inactive</label>"
        } else {
            ""
        };
        lines.push(format!(
            "<div class=\"design-index-controls\" hidden><input type=\"search\" class=\"design-index-search\" \
             placeholder=\"Filter by title or summary\" aria-label=\"Filter designs by title or summary\">{hide}\
             <button type=\"button\" class=\"design-index-reset\" hidden>Show all</button>\
             <span class=\"design-index-shown\" aria-live=\"polite\"></span></div>"
        ));
    }
    if total > 1 {
        for (key, label) in [("area", "area"), ("stage", "stage"), ("milestone", "milestone")] {
            lines.extend(value_filter(rows, key, label));
        }
    }
    if view.group {
        for (status, n) in &counts {
            let group: Vec<&Entry> = rows.iter().copied().filter(|e| e.status == *status).collect();
            lines.push(format!(
                "<h2 class=\"design-index-group\" id=\"{status}-designs\">{} {} <span class=\"design-index-count-number\">({n})</span></h2>",
                html_badge(*status),
                heading_word(*status)
            ));
            lines.push(format!("<p class=\"design-index-key\">{}</p>", status_key(*status)));
            table_html(&mut lines, &group, all, chapter);
        }
    } else {
        table_html(&mut lines, rows, all, chapter);
    }
    lines.push(SCRIPT.to_string());
    lines.push("</div>".into());
    lines
}

/// The heading of a status group.
fn heading_word(status: Status) -> &'static str {
    match status {
        Status::Provisional => "Provisional",
        Status::Implementable => "Implementable",
        Status::Implemented => "Implemented",
        Status::Deferred => "Deferred",
        Status::Rejected => "Rejected",
        Status::Withdrawn => "Withdrawn",
        Status::Replaced => "Replaced",
        Status::Unknown => "Unknown status",
    }
}

/// What a status means, under its group heading.
fn status_key(status: Status) -> &'static str {
    match status {
        Status::Provisional => "Agreed in principle; details still open.",
        Status::Implementable => "Approved and ready to be built.",
        Status::Implemented => "Built and released.",
        Status::Deferred => "On hold: not being worked on now.",
        Status::Rejected => "Decided against; kept for the record.",
        Status::Withdrawn => "Withdrawn by the authors.",
        Status::Replaced => "Replaced by a later design.",
        Status::Unknown => "No status, or one the tool does not recognise (shown as written).",
    }
}

/// `6 of 7 designs (implementable, implemented)` when a directive leaves designs out, else
/// `7 designs`.
fn total_text(total: usize, view: &View<'_>) -> String {
    if total >= view.of {
        return format!("{total} {}", designs_word(total));
    }
    let mut what: Vec<String> = view.filter.statuses.iter().map(|s| s.to_string()).collect();
    what.extend(view.filter.areas.iter().map(|a| format!("area {a}")));
    what.extend(view.filter.released.iter().map(|r| format!("released in {r}")));
    what.extend(view.filter.stale.map(|s| if s { "stale".to_string() } else { "not stale".to_string() }));
    let what = if what.is_empty() { String::new() } else { format!(" ({})", what.join(", ")) };
    format!("{total} of {} {}{what}", view.of, designs_word(view.of))
}

/// One table of `rows` inside mdBook's `.table-wrapper`.
fn table_html(lines: &mut Vec<String>, rows: &[&Entry], all: &[Entry], chapter: &str) {
    lines.push(format!("<div class=\"table-wrapper\"><table class=\"{TABLE_CLASS}\">"));
    let extra = extra_columns(rows);
    let headers: String = extra
        .iter()
        .map(|c| {
            format!("<th class=\"design-index-column\" data-column=\"{}\">{}</th>", escape(c), escape(&column_title(c)))
        })
        .collect();
    lines.push(format!(
        "<thead><tr><th class=\"design-index-title\">Design</th><th class=\"design-index-status\">Status</th>\
         <th class=\"design-index-summary\">Summary</th><th class=\"design-index-area\">Area</th>{headers}</tr></thead>"
    ));
    lines.push("<tbody>".into());
    for e in rows {
        let class = if e.inactive { "design-index-row design-inactive" } else { "design-index-row" };
        let href = chapter_link(chapter, &e.path, true);
        let mut status = match &e.status_word {
            Some(word) => html_badge_as(e.status, word),
            None => html_badge(e.status),
        };
        if e.status == Status::Unknown {
            if let Some(raw) = e.status_raw.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                status.push_str(&format!(
                    "<span class=\"design-index-note design-index-written\">written as “{}”</span>",
                    escape(raw)
                ));
            }
        }
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
        let summary = match (&e.summary, &e.lead) {
            (Some(s), _) => summary::to_html(s, &e.path, chapter),
            (None, Some(lead)) => {
                format!("<span class=\"design-index-lead\">{}</span>", summary::to_html(lead, &e.path, chapter))
            }
            (None, None) => String::new(),
        };
        let rank = Status::ALL.iter().position(|s| *s == e.status).unwrap_or(9);
        let cells: String = extra
            .iter()
            .map(|c| {
                format!(
                    "<td class=\"design-index-column\" data-column=\"{c}\" data-label=\"{t}\">{v}</td>",
                    c = escape(c),
                    t = escape(&column_title(c)),
                    v = escape(&cell(e, c))
                )
            })
            .collect();
        lines.push(format!(
            "<tr class=\"{class}\" data-design-status=\"{s}\" data-design-area=\"{area}\" \
             data-design-stage=\"{stage}\" data-design-milestone=\"{milestone}\" data-design-path=\"{path}\">\
             <td class=\"design-index-title\"><a href=\"{href}\">{title}</a></td>\
             <td class=\"design-index-status\" data-label=\"Status\" data-sort=\"{rank}\">{status}</td>\
             <td class=\"design-index-summary\" data-label=\"Summary\">{summary}</td>\
             <td class=\"design-index-area\" data-label=\"Area\">{area}</td>{cells}</tr>",
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
    lines.push("</table></div>".into());
}

fn markdown(rows: &[&Entry], all: &[Entry], chapter: &str) -> Vec<String> {
    let total = rows.len();
    if total == 0 {
        return vec![Mark::Index.comment(), String::new(), "*No design matches this index.*".into()];
    }
    let counts = counts(rows.iter().copied());
    let extra = extra_columns(rows);
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
        let shown = match &e.status_word {
            Some(word) => format!("{} ({})", inline_text(word, Format::Markdown), e.status),
            None => e.status.to_string(),
        };
        let mut status = if e.inactive { format!("*{shown}* (inactive)") } else { format!("**{shown}**") };
        if let Some(release) = &e.released {
            status.push_str(&format!(" in {}", inline_text(release, Format::Markdown)));
        }
        if let Some(new) = &e.replaced_by {
            status.push_str(&format!(", replaced by {}", link(new)));
        }
        for old in &e.replaces {
            status.push_str(&format!(", replaces {}", link(old)));
        }
        let summary = e
            .summary
            .as_deref()
            .or(e.lead.as_deref())
            .map(|s| summary::to_markdown_cell(s, &e.path, chapter))
            .unwrap_or_default();
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
        // From git, not metadata: the date of the last commit that changed the design.
        "last-changed" => e.last_changed.clone().unwrap_or_default(),
        other => e.extra.get(other).cloned().unwrap_or_default(),
    }
}

/// The columns after Area that the configuration asks for (`[preprocessor.design.index]
/// columns`); every entry carries the same list.
fn extra_columns<'e>(rows: &[&'e Entry]) -> Vec<&'e String> {
    rows.first().map(|e| e.columns.iter().filter(|c| *c != "area").collect()).unwrap_or_default()
}

/// A group of filter chips for one metadata field (`area`, `stage`, `milestone`), when the rows
/// have at least two different values of it; rows without a value are counted as `none`. The
/// group is a disclosure, open when it has few values (a book with thirty areas shows one line
/// until the reader asks for them), and hidden until the script shows it: without JavaScript
/// every row shows.
fn value_filter(rows: &[&Entry], key: &str, label: &str) -> Option<String> {
    /// Groups with more values than this start closed.
    const OPEN_UP_TO: usize = 6;
    let mut values: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for e in rows {
        *values.entry(cell(e, key)).or_default() += 1;
    }
    if values.len() < 2 {
        return None;
    }
    let open = if values.len() <= OPEN_UP_TO { " open" } else { "" };
    let mut out = format!(
        "<details data-filter-key=\"{key}\" class=\"design-index-filters\" aria-label=\"Show designs by {label}\" \
         hidden{open}><summary class=\"design-index-filters-label\">{} <span class=\"design-index-filters-count\">({} values)</span></summary>",
        column_title(label),
        values.len()
    );
    for (value, n) in values {
        let shown = if value.is_empty() { "none".to_string() } else { value.clone() };
        out.push_str(&format!(
            " <button type=\"button\" class=\"design-index-chip design-index-value\" data-filter-key=\"{key}\" \
             data-filter=\"{}\" aria-pressed=\"false\" disabled>{} ({n})</button>",
            escape(&value),
            escape(&shown)
        ));
    }
    out.push_str("</details>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_is_safe_in_a_raw_html_block() {
        assert!(!SCRIPT.contains('\n') && !SCRIPT.contains('&'), "{SCRIPT}");
        let inner = SCRIPT.strip_prefix("<script>").unwrap().strip_suffix("</script>").unwrap();
        assert!(!inner.contains('<'), "{inner}");
    }
}
