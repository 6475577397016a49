//! Heading and definition-list term ids against real mdBook 0.5.4: a book of tricky headings is
//! built with the binary named by `MDBOOK` (no preprocessor), the `id` of every `<h1>`..`<h6>`
//! and `<dt>` mdBook made from Markdown is read from the HTML, and the ids mdbook-design computes
//! for the same text must be the same, in the same order.

mod common;

use mdbook_design::__private::{anchors, element_ids};
use mdbook_design::Project;

/// Headings that stress every rule mdBook 0.5 follows when making ids.
const TRICKY: &str = r#"# Option A -- keep it

## "Quoted" and 'single' quotes... and an ellipsis

## Dashes---em, ---- four, ----- five and a - single

## Escaped \-\- dashes and entity &#45;&#45; dashes

## `--passes`: code keeps -- its dashes

## Über café naïve Ωμέγα

## 日本語の見出し

## Emoji 🚀 launch ✅

## Fish &amp; Chips &lt;b&gt; &copy; 2024

## <code>inline code</code> and <b>bold</b> <span title="a--b">span -- text</span>

## Trailing hashes ##

## C# and F#

### Heading with trailing # marks #####

Setext One
==========

Setext with a
soft break -- inside
--------------------

Hard\
break
-----

> ## Quoted heading
>
> Quoted setext
> -------------

- ## List heading
- item

  ### Nested in item

## Story

## Story

Story
: a definition-list term with the same text

## Story-1

<h2>Story</h2>

<dl><dt>Story</dt><dd>raw HTML gets no id</dd></dl>

## Story

## Explicit {#MixedCase}

## Another {#story}

## Attribute id {id=attr-id .cls}

## Explicit with dashes {#a--b}

## Bare id attribute {id}

## Two ids {#first id=second}

## Class only {.wide}

## Why?

## Why!

## Why...

## *Emphasis*, **strong** and ~~strike~~

## [Link text](https://example.com) and <https://auto--link.example/x>

## Image ![alt *text*](img.png) here

## Footnote[^one]

## Two refs[^one][^two] side by side

## Tabs	and  two spaces

## 100% sure_thing & co

## Non&nbsp;breaking space

#

#

## `Über` CODE in Caps

Term *with* emphasis
: definition

`Code` term -- dashed
: definition

Why?
: definition

> [!NOTE]
> ## Heading inside an alert

## Undefined[^nope] footnote

## Last -- one

[^one]: The first footnote.

[^two]: The second footnote.

    ## Not a heading (indented code)

```
## Not a heading (fenced code)
```
"#;

/// Headings inside footnote definitions, which mdBook moves to the end of the page: one never
/// referenced (hidden, yet counted when numbering) and one defined twice (dropped whole).
const FOOTNOTES: &str = r#"# Notes

Text[^a] and more[^b].

[^unused]: ## Story

## Story

[^a]: ## Story

[^a]: ## Dropped duplicate

[^b]: Story
    : a term in a footnote

## Story
"#;

/// A smaller book for `output.html.smart-punctuation = false`.
const PLAIN: &str = r#"# Option A -- keep it

## Dashes---em and 'quotes' and "double"...

## `--flag` -- and a--b

Term -- with dashes
: definition

## Option A -- keep it
"#;

/// Builds a one-chapter book holding `chapter` with `html_extra` in `[output.html]`, and returns
/// the chapter's HTML.
fn build(name: &str, chapter: &str, html_extra: &str) -> String {
    let mdbook = common::mdbook("MDBOOK", "v0.5.4");
    let root = common::temp_dir(name);
    let toml = format!("[book]\ntitle = \"Ids\"\n\n[output.html]\n{html_extra}\n");
    common::write_files(
        &root,
        &[
            ("book.toml", &toml),
            ("src/SUMMARY.md", "# Summary\n\n- [Chapter](chapter.md)\n"),
            ("src/chapter.md", chapter),
        ],
    );
    let out = common::build(&mdbook, &root);
    assert!(
        out.status.success(),
        "mdbook build failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(root.join("book/chapter.html")).expect("mdBook wrote book/chapter.html")
}

/// The `id` of every heading and term mdBook made from Markdown, in order: the elements it gave
/// an `<a class="header">` link (headings written as raw HTML get none).
fn rendered_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let name_end = rest.find([' ', '>']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        if !matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt") {
            continue;
        }
        let tag_end = rest.find('>').expect("a closed tag");
        let tag = &rest[..tag_end];
        if !rest[tag_end + 1..].starts_with("<a class=\"header\" href=\"#") {
            continue;
        }
        let id = tag.split_once(" id=\"").map(|(_, v)| &v[..v.find('"').expect("a closed attribute")]);
        ids.push(unescape(id.unwrap_or_else(|| panic!("<{tag}> has a header link but no id"))));
    }
    ids
}

/// An attribute value as mdBook escapes it, unescaped.
fn unescape(value: &str) -> String {
    value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#92;", "\\")
        .replace("&amp;", "&")
}

/// Asserts that the ids computed for `chapter` equal `rendered`, in order, and that the anchor
/// set the link check uses holds each of them.
fn assert_same_ids(chapter: &str, rendered: &[String], smart: bool) {
    let project = Project::new(Default::default(), None).unwrap();
    let design = project.parse(chapter);
    let computed: Vec<String> = element_ids(chapter, &design, smart)
        .into_iter()
        .zip(&design.outline.id_targets)
        .filter(|(_, t)| t.shown)
        .map(|(id, _)| id)
        .collect();
    for (i, (ours, theirs)) in computed.iter().zip(rendered).enumerate() {
        assert_eq!(ours, theirs, "id #{i} differs; ours: {computed:#?}\nmdBook: {rendered:#?}");
    }
    assert_eq!(computed.len(), rendered.len(), "ours: {computed:#?}\nmdBook: {rendered:#?}");
    let set = anchors(chapter, &design, smart);
    for id in rendered {
        assert!(set.contains(id), "anchor `{id}` missing from {set:?}");
    }
}

#[test]
fn ids_match_mdbook_with_smart_punctuation_by_default() {
    let html = build("anchors-smart", TRICKY, "");
    let rendered = rendered_ids(&html);
    // The oracle must have read the book: every heading and term of the chapter is there.
    assert!(rendered.len() >= 50, "only {} ids read from mdBook's HTML: {rendered:?}", rendered.len());
    assert!(rendered.iter().any(|id| id == "option-a--keep-it"), "{rendered:?}");
    assert_same_ids(TRICKY, &rendered, true);
}

#[test]
fn ids_in_footnotes_match_mdbook() {
    let rendered = rendered_ids(&build("anchors-footnotes", FOOTNOTES, ""));
    let project = Project::new(Default::default(), None).unwrap();
    let design = project.parse(FOOTNOTES);
    let ids = element_ids(FOOTNOTES, &design, true);
    let shown = |shown: bool| -> Vec<String> {
        let mut v: Vec<String> = ids
            .iter()
            .zip(&design.outline.id_targets)
            .filter(|(_, t)| t.shown == shown)
            .map(|(id, _)| id.clone())
            .collect();
        v.sort();
        v
    };
    // mdBook moves footnote definitions to the end of the page, so the order differs.
    let mut sorted = rendered.clone();
    sorted.sort();
    assert_eq!(shown(true), sorted, "mdBook: {rendered:?}");
    assert_eq!(shown(false), ["story"], "the unreferenced footnote's heading is hidden but numbered");
    let set = anchors(FOOTNOTES, &design, true);
    assert!(rendered.iter().all(|id| set.contains(id)) && !set.contains("story"), "{set:?}");
}

#[test]
fn ids_match_mdbook_with_smart_punctuation_off() {
    let html = build("anchors-plain", PLAIN, "smart-punctuation = false");
    let rendered = rendered_ids(&html);
    assert!(rendered.iter().any(|id| id == "option-a----keep-it"), "{rendered:?}");
    assert_same_ids(PLAIN, &rendered, false);
}

#[test]
fn the_html_reader_finds_only_markdown_headings() {
    let html = "<h2>Raw</h2><h1 class=\"menu-title\">Book</h1>\
                <h2 id=\"a&amp;b\"><a class=\"header\" href=\"#a&amp;b\">A</a></h2>\
                <dt id=\"t\"><a class=\"header\" href=\"#t\">T</a></dt>";
    assert_eq!(rendered_ids(html), ["a&b", "t"]);
}
