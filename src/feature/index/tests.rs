use super::*;
use crate::model::config::Config;

fn project() -> Project {
    Project::new(Config::default(), None).unwrap()
}

fn entry(path: &str, text: &str) -> Entry {
    let p = project();
    let design = p.parse(text);
    Entry::from_design(path, text, &design, &p)
}

fn sample() -> Vec<Entry> {
    let mut entries = vec![
        entry(
            "design/net/dns.md",
            "# DNS <b>setup</b>\n\n## Status\n\nimplemented\n\n## Summary\n\nMake *DNS* work | fast. More.\n",
        ),
        entry("design/old.md", "# Old way\n\n## Status\n\n[replaced](net/dns.md)\n\n## Summary\n\nThe old way.\n"),
        entry("design/draft.md", "---\nstatus: provisional\n---\n# A draft\n\n## Summary\n\nDraft.\n"),
        entry("design/none.md", "# No status\n\n## Summary\n\nNothing.\n"),
    ];
    let warnings = link_replacements(&mut entries);
    assert!(warnings.is_empty(), "{warnings:?}");
    entries
}

#[test]
fn entry_fields() {
    let e = entry(
        "design/net/dns/a.md",
        "---\nstatus: Implementable # soon\nreplaces:\n  - old.md\n---\n# A title\n\n## Summary\n\nIt does `x`. Then y.\n\n## Motivation\n\n### Goals\n\n## Status\n",
    );
    assert_eq!(e.title, "A title");
    assert_eq!(e.status, Status::Implementable);
    // The value YAML reads: a comment after it is not part of the status.
    assert_eq!(e.status_raw.as_deref(), Some("Implementable"));
    assert_eq!(e.summary.as_deref(), Some("It does `x`."));
    assert_eq!(e.area, "net/dns");
    assert_eq!(e.sections, ["Summary", "Motivation", "Goals", "Status"]);
    assert_eq!(e.references.replaces, ["old.md"]);
    assert!(!e.inactive);
    let top = entry("design/b.md", "no title\n");
    assert_eq!(top.area, "");
    assert_eq!(top.title, "B");
    assert_eq!(top.status, Status::Unknown);
    assert_eq!(top.status_raw, None);
}

#[test]
fn a_status_link_is_a_replacement_only_for_replaced_designs() {
    let e = entry("design/a.md", "# A\n\n## Status\n\n[Implemented](https://x.test/pull/1)\n");
    assert_eq!(e.references.replaced_by, None);
    let e = entry("design/a.md", "# A\n\n## Status\n\nreplaced by [B](b.md)\n");
    assert_eq!(e.references.replaced_by.as_deref(), Some("b.md"));
}

#[test]
fn replacements_both_ways() {
    let entries = sample();
    let old = entries.iter().find(|e| e.path == "design/old.md").unwrap();
    assert_eq!(old.replaced_by.as_deref(), Some("design/net/dns.md"));
    let dns = entries.iter().find(|e| e.path == "design/net/dns.md").unwrap();
    assert_eq!(dns.replaces, ["design/old.md"]);
}

#[test]
fn replacement_lines_for_design_pages() {
    let entries = sample();
    let titles = Titles::new(&entries);
    let line = |path: &str, format| {
        let entry = entries.iter().find(|e| e.path == path).expect("the sample has the design");
        replacement_line(entry, &titles, format)
    };
    assert_eq!(
        line("design/old.md", Format::Markdown).unwrap(),
        "Replaced by [DNS \\<b\\>setup\\</b\\>](<net/dns.md>)."
    );
    let md = line("design/net/dns.md", Format::Markdown);
    assert_eq!(md.unwrap(), "Replaces [Old way](<../old.md>).");
    let html = line("design/net/dns.md", Format::Html);
    assert_eq!(html.unwrap(), "Replaces [Old way](<../old.html>).");
    assert_eq!(line("design/draft.md", Format::Html), None);
}

#[test]
fn html_table_from_the_root() {
    let entries = sample();
    let out =
        expand("# Designs\n\n{{#design-index}}\n\nAfter.\n", "index.md", &entries, IndexOrder::Status, Format::Html)
            .unwrap()
            .unwrap();
    assert!(out.starts_with("# Designs\n\n<div class=\"design-index-wrap\" data-mdbook-design=\"index\">\n"), "{out}");
    assert!(out.ends_with("</div>\n\nAfter.\n"), "{out}");
    let block = &out[out.find("<div").unwrap()..out.find("\n\nAfter").unwrap()];
    assert!(!block.contains("\n\n"), "a blank line would end the HTML block");
    assert_eq!(block.matches("<tr class=\"design-index-row").count(), 4);
    // Status order: provisional, implemented, replaced, unknown.
    let order: Vec<usize> = ["design/draft.md", "design/net/dns.md", "design/old.md", "design/none.md"]
        .iter()
        .map(|p| block.find(&format!("data-design-path=\"{p}\"")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(block.contains("<a href=\"design/net/dns.html\">DNS &lt;b&gt;setup&lt;/b&gt;</a>"), "{block}");
    assert!(
        block.contains("<td class=\"design-index-summary\" data-label=\"Summary\">Make <em>DNS</em> work | fast.</td>"),
        "{block}"
    );
    assert!(block.contains("<td class=\"design-index-area\" data-label=\"Area\">net</td>"));
    // The page's stylesheet comes once, with the first table; the table sits in mdBook's wrapper.
    assert_eq!(block.matches("<style data-mdbook-design=\"style\">").count(), 1);
    assert!(block.contains("<div class=\"table-wrapper\"><table class=\"design-index\">"), "{block}");
    assert!(!block.contains("style=\""), "no inline styles");
    assert!(block.contains("class=\"design-index-row design-inactive\" data-design-status=\"replaced\""));
    assert!(block.contains("replaced by <a href=\"design/net/dns.html\">DNS &lt;b&gt;setup&lt;/b&gt;</a>"), "{block}");
    assert!(block.contains("replaces <a href=\"design/old.html\">Old way</a>"), "{block}");
    assert!(block.contains("data-count-total=\"4\""));
    assert!(block.contains("aria-label=\"Designs by status: 1 provisional, 1 implemented, 1 replaced, 1 unknown\""));
    assert!(block.contains("<button type=\"button\" class=\"design-index-chip\" data-filter=\"replaced\""));
    assert!(block
        .contains("<div class=\"design-index-controls\" hidden><input type=\"search\" class=\"design-index-search\""));
}

#[test]
fn links_work_from_a_chapter_in_a_sub_folder() {
    let entries = sample();
    for (chapter, dns, old) in [
        ("design/README.md", "net/dns.html", "old.html"),
        ("design/net/index.md", "dns.html", "../old.html"),
        ("guide/deep/designs.md", "../../design/net/dns.html", "../../design/old.html"),
    ] {
        let out = expand("{{#design-index}}\n", chapter, &entries, IndexOrder::Title, Format::Html).unwrap().unwrap();
        assert!(out.contains(&format!("<a href=\"{dns}\">DNS")), "{chapter}: {out}");
        assert!(out.contains(&format!("<a href=\"{old}\">Old way")), "{chapter}: {out}");
    }
}

#[test]
fn filters_and_order_arguments() {
    let entries = sample();
    let out = expand(
        "{{#design-index status=implemented,replaced area=net}}\n\n{{#design-index order=title}}\n",
        "index.md",
        &entries,
        IndexOrder::Status,
        Format::Html,
    )
    .unwrap()
    .unwrap();
    let tables: Vec<&str> =
        out.split("<div class=\"design-index-wrap\" data-mdbook-design=\"index\">").skip(1).collect();
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].matches("<tr class=\"design-index-row").count(), 1);
    assert!(tables[0].contains("design/net/dns.md"));
    let titles: Vec<usize> = ["draft", "net/dns", "none", "old"]
        .iter()
        .map(|t| tables[1].find(&format!("data-design-path=\"design/{t}.md\"")).unwrap())
        .collect();
    assert!(titles.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn bad_arguments_name_the_chapter_line_and_accepted_values() {
    let entries = sample();
    let text = "# X\n\n{{#design-index}}\n\n{{#design-index status=done}}\n";
    let e = expand(text, "guide/x.md", &entries, IndexOrder::Status, Format::Html).unwrap_err();
    assert_eq!((e.chapter.as_str(), e.line), ("guide/x.md", 5));
    let shown = e.to_string();
    assert!(shown.starts_with("guide/x.md:5:"), "{shown}");
    assert!(shown.contains("provisional, implementable"), "{shown}");
    let (out, errors) = expand_lenient(text, "guide/x.md", &entries, IndexOrder::Status, Format::Html, true);
    assert_eq!(errors.len(), 1);
    let out = out.unwrap();
    assert!(out.contains("{{#design-index status=done}}") && out.contains("<table"));
}

#[test]
fn an_expanded_index_is_still_an_index_chapter() {
    let entries = sample();
    for format in [Format::Html, Format::Markdown] {
        for filter in ["", " status=deferred"] {
            let text = format!("# Designs\n\n{{{{#design-index{filter}}}}}\n");
            let out = expand(&text, "index.md", &entries, IndexOrder::Status, format).unwrap().unwrap();
            assert!(is_index_chapter(&out), "{format:?}{filter}: {out}");
        }
    }
    // Text that only mentions the mark, or shows it in a sentence, is not an index.
    assert!(!is_index_chapter("# A\n\nWe write `<!-- mdbook-design:index -->` before tables.\n"));
}

#[test]
fn no_directive_or_only_in_code() {
    let entries = sample();
    let text = "# X\n\n`{{#design-index}}`\n\n```\n{{#design-index}}\n```\n";
    assert_eq!(expand(text, "x.md", &entries, IndexOrder::Status, Format::Html), Ok(None));
}

#[test]
fn placement_inside_paragraphs_and_quotes() {
    let entries = sample();
    let out = expand("Intro {{#design-index}} outro\n", "x.md", &entries, IndexOrder::Status, Format::Markdown)
        .unwrap()
        .unwrap();
    assert!(out.starts_with("Intro \n\n<!-- mdbook-design:index -->\n\n**4 designs:**"), "{out}");
    assert!(out.ends_with("|\n\noutro\n"), "{out}");
    let out = expand("> Quote\n> {{#design-index}}\n> end\n", "x.md", &entries, IndexOrder::Status, Format::Html)
        .unwrap()
        .unwrap();
    assert!(
        out.starts_with(
            "> Quote\n> \n> <div class=\"design-index-wrap\" data-mdbook-design=\"index\">\n> <style data-mdbook-design"
        ),
        "{out}"
    );
    assert!(is_index_chapter(&out), "{out}");
    assert!(out.ends_with("> </div>\n>\n> end\n"), "{out}");
    let out = expand("a\r\n{{#design-index}}\r\nb\r\n", "x.md", &entries, IndexOrder::Status, Format::Markdown)
        .unwrap()
        .unwrap();
    assert!(out.starts_with("a\r\n\r\n<!-- mdbook-design:index -->\r\n\r\n**4"), "{out:?}");
    assert!(out.ends_with("|\r\n\r\nb\r\n"), "{out:?}");
}

#[test]
fn markdown_table_escapes_cells() {
    let mut entries = vec![entry(
        "design/x/evil.md",
        "# <script>alert(1)</script> | pipe\n\n## Status\n\nwithdrawn\n\n## Summary\n\nA | b `c|d`.\n",
    )];
    link_replacements(&mut entries);
    let out =
        expand("{{#design-index}}\n", "index.md", &entries, IndexOrder::Status, Format::Markdown).unwrap().unwrap();
    let row = out.lines().last().unwrap();
    assert_eq!(
        row,
        "| [\\<script\\>alert(1)\\</script\\> \\| pipe](<design/x/evil.md>) | *withdrawn* (inactive) | A \\| b `c\\|d`. | x |"
    );
    let html = expand("{{#design-index}}\n", "index.md", &entries, IndexOrder::Status, Format::Html).unwrap().unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | pipe</a>"));
}

#[test]
fn empty_table() {
    let out = expand("{{#design-index status=deferred}}\n", "x.md", &sample(), IndexOrder::Status, Format::Html)
        .unwrap()
        .unwrap();
    assert!(out.contains("No design matches this index."));
}

#[test]
fn json_schema() {
    let json = to_json(&sample(), IndexOrder::Status);
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["counts"]["total"], 4);
    assert_eq!(json["counts"]["replaced"], 1);
    let first = &json["designs"][0];
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    for key in
        ["path", "title", "status", "status_raw", "summary", "area", "replaces", "replaced_by", "sections", "inactive"]
    {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    assert!(!keys.contains(&"references"));
    assert_eq!(first["status"], "provisional");
    assert_eq!(json["designs"][1]["replaces"][0], "design/old.md");
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    fn cells(row: &str) -> usize {
        // Pipes not escaped by a backslash.
        let bytes = row.as_bytes();
        (0..bytes.len()).filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\')).count()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever a design's title and summary hold, the HTML stays one block with no script
        /// of the author's, and each Markdown row keeps its four cells.
        #[test]
        fn tables_survive_any_title_and_summary(
            title in "[a-zA-Z<>|&\"'`*_\\[\\]()!#\\\\ -]{1,40}",
            summary in "[a-zA-Z<>|&\"'`*_\\[\\]()!.#\\\\ -]{1,80}",
        ) {
            let text = format!("# {title}\n\n## Status\n\nimplemented\n\n## Summary\n\n{summary}\n");
            let mut entries = vec![entry("design/net/a.md", &text)];
            link_replacements(&mut entries);
            let html = expand("{{#design-index}}\n", "index.md", &entries, IndexOrder::Status, Format::Html)
                .unwrap()
                .unwrap();
            prop_assert!(!html.trim_end().contains("\n\n"), "{}", html);
            let row = html.lines().find(|l| l.starts_with("<tr class=\"design-index-row")).unwrap();
            prop_assert!(!row.contains("<script"), "{}", row);
            prop_assert_eq!(row.matches("<td").count(), 4);
            prop_assert_eq!(row.matches("</td>").count(), 4);
            let md = expand("{{#design-index}}\n", "index.md", &entries, IndexOrder::Status, Format::Markdown)
                .unwrap()
                .unwrap();
            let row = md.lines().last().unwrap();
            prop_assert_eq!(cells(row), 5, "{}", row);
        }
    }
}

#[test]
fn filtered_grouped_and_second_tables() {
    let entries = sample();
    let text = "# D\n\n{{#design-index status=provisional,implemented}}\n\n{{#design-index group=status}}\n";
    let out = expand(text, "index.md", &entries, IndexOrder::Status, Format::Html).unwrap().unwrap();
    let (first, second) =
        out.rsplit_once("\n\n<div class=\"design-index-wrap\" data-mdbook-design=\"index\">").unwrap();
    // The first table says what its directive leaves out, and carries the page's only stylesheet.
    assert!(first.contains(">2 of 4 designs (provisional, implemented):</strong>"), "{first}");
    assert_eq!(out.matches("<style data-mdbook-design=\"style\">").count(), 1);
    assert!(first.contains("<style data-mdbook-design=\"style\">"));
    // The grouped one: one heading and one table per status, each row once.
    assert!(second.contains(">4 designs:</strong>"), "{second}");
    assert_eq!(second.matches("<h2 class=\"design-index-group\"").count(), 4);
    assert_eq!(second.matches("<table class=\"design-index\">").count(), 4);
    assert_eq!(second.matches("<tr class=\"design-index-row").count(), 4);
    // Several statuses: chips are the filter buttons, and there is a bar.
    assert_eq!(second.matches("<button type=\"button\" class=\"design-index-chip\" data-filter=").count(), 4);
    assert!(second.contains("<svg class=\"design-index-bar\""));
    // One status: no bar and no filter buttons.
    let one = expand("{{#design-index status=provisional}}\n", "index.md", &entries, IndexOrder::Status, Format::Html)
        .unwrap()
        .unwrap();
    assert!(!one.contains("<svg") && !one.contains("<button"), "{one}");
    assert!(one.contains(">1 of 4 designs (provisional):</strong>"), "{one}");
}

#[test]
fn designs_without_a_summary_show_their_first_paragraph() {
    let e = entry(
        "design/a.md",
        "# A\n\n## Status\n\nimplemented\n\n## Motivation\n\nNodes *drift*. Then more.\n\n- a list\n",
    );
    assert_eq!(e.summary, None);
    assert_eq!(e.lead.as_deref(), Some("Nodes *drift*."));
    let html = table_lines("index.md", &[e], &Filter::default(), IndexOrder::Status, Format::Html, false).join("\n");
    assert!(html.contains("<span class=\"design-index-lead\">Nodes <em>drift</em>.</span>"), "{html}");
    // The JSON index keeps `summary` for the Summary section.
    let json = to_json(&[entry("design/a.md", "# A\n\nFirst words.\n")], IndexOrder::Status);
    assert_eq!(json["designs"][0]["summary"], serde_json::Value::Null);
}
