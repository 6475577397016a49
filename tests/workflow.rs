//! The docs workflow on temporary books: `new`, `install` and `status set` through the real
//! binary, checked against independent oracles (byte diffs of the files, the JSON index, parsed
//! TOML and YAML), the in-process build that `cargo xtask book` runs, and the CI workflow file.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{bin, command_line, temp_dir, write_files};

fn run(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "exit {:?}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// Every file under `root` with its bytes, for "nothing changed" checks.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// A line diff of `before` and `after` that only inserts lines; returns the inserted text.
fn only_insertions(before: &str, after: &str) -> String {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut inserted = String::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Equal => {}
            similar::ChangeTag::Insert => inserted.push_str(change.value()),
            similar::ChangeTag::Delete => panic!("a line was removed or changed: {:?}\n{after}", change.value()),
        }
    }
    inserted
}

const SUMMARY: &str = "# Summary\n\n[Introduction](intro.md)\n\n# Designs\n\n- [All designs](designs.md)\n  - [Alpha](design/alpha.md)\n  - [Beta](design/net/beta.md)\n\n# Reference\n\n- [Configuration](config.md)\n";

fn design(title: &str, status: &str) -> String {
    format!("# {title}\n\n## Status\n\n{status}\n\n## Summary\n\nWhat {title} does.\n\n## Motivation\n\nWhy.\n")
}

/// A book with two listed designs and an index chapter.
fn book(name: &str) -> PathBuf {
    let root = temp_dir(&format!("workflow-{name}"));
    write_files(
        &root,
        &[
            ("book.toml", "[book]\ntitle = \"T\"\n\n[preprocessor.design]\n"),
            ("src/SUMMARY.md", SUMMARY),
            ("src/intro.md", "# Introduction\n"),
            ("src/designs.md", "# All designs\n\n{{#design-index}}\n"),
            ("src/config.md", "# Configuration\n"),
            ("src/design/alpha.md", &design("Alpha", "implemented")),
            ("src/design/net/beta.md", &design("Beta", "provisional")),
        ],
    );
    root
}

#[test]
fn new_names_the_file_by_the_rule_lists_it_and_refuses_to_overwrite() {
    let root = book("new");
    let root_arg = root.to_str().unwrap();
    let stdout = ok(run(&["new", "Faster Builds: Phase 2!", "--book", root_arg]));
    let path = root.join("src/design/faster-builds-phase-2.md");
    assert!(stdout.contains("faster-builds-phase-2.md"), "{stdout}");
    // The design is the template with exactly two lines changed: the title and the status.
    let text = read(&path);
    let diff = similar::TextDiff::from_lines(mdbook_design::BUILTIN_TEMPLATE, &text);
    let removed: Vec<&str> =
        diff.iter_all_changes().filter(|c| c.tag() == similar::ChangeTag::Delete).map(|c| c.value()).collect();
    let added: Vec<&str> =
        diff.iter_all_changes().filter(|c| c.tag() == similar::ChangeTag::Insert).map(|c| c.value()).collect();
    assert_eq!(
        removed,
        ["# Title\n", "One of: provisional|implementable|implemented|deferred|rejected|withdrawn|replaced\n"]
    );
    assert_eq!(added, ["# Faster Builds: Phase 2!\n", "provisional\n"]);
    // SUMMARY.md: one new line after the last design entry, at its indentation.
    let summary = read(root.join("src/SUMMARY.md"));
    assert_eq!(
        summary,
        SUMMARY.replace(
            "  - [Beta](design/net/beta.md)\n",
            "  - [Beta](design/net/beta.md)\n  - [Faster Builds: Phase 2!](design/faster-builds-phase-2.md)\n"
        )
    );
    // The index sees it as a provisional design listed in SUMMARY.md.
    let index: serde_json::Value = serde_json::from_str(&ok(run(&["index", "--book", root_arg]))).unwrap();
    let entry = index["designs"].as_array().unwrap().iter().find(|d| d["path"] == "design/faster-builds-phase-2.md");
    assert_eq!(entry.unwrap()["status"], "provisional");
    // A second `new` with the same title refuses and changes nothing.
    let before = snapshot(&root);
    let out = run(&["new", "Faster builds -- phase 2", "--book", root_arg]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"), "{:?}", out);
    assert_eq!(snapshot(&root), before, "a refused `new` wrote something");
    // The library call names the same file.
    let err = mdbook_design::workflow::new_design(&root, "faster builds phase 2").unwrap_err();
    assert!(err.message().contains("faster-builds-phase-2.md"), "{err}");
    let err = mdbook_design::workflow::new_design(&root, "?!").unwrap_err();
    assert!(err.message().contains("no letter or digit"), "{err}");
}

#[test]
fn new_uses_the_book_template_and_an_index_chapter_when_no_design_is_listed() {
    let root = temp_dir("workflow-new-template");
    let template = "# Title\n\nPreamble.\n\n## Status\n\n<!-- one word -->\nOne of: provisional|implemented\n\n## Summary\n\n## Decision\n";
    write_files(
        &root,
        &[
            ("book.toml", "[book]\ntitle = \"T\"\n[preprocessor.design]\ndesigns = [\"adr/**\"]\ntemplate = \"adr/_template.md\"\n"),
            ("src/SUMMARY.md", "- [Intro](intro.md)\n- [Decisions](adr.md)\n- [Other](other.md)\n"),
            ("src/adr.md", "# Decisions\n\n{{#design-index}}\n"),
            ("src/adr/_template.md", template),
        ],
    );
    let path = mdbook_design::workflow::new_design(&root, "Use Postgres").unwrap();
    assert_eq!(path, root.join("src/adr/use-postgres.md"));
    assert_eq!(
        read(&path),
        template.replace("# Title", "# Use Postgres").replace("One of: provisional|implemented", "provisional")
    );
    assert_eq!(
        read(root.join("src/SUMMARY.md")),
        "- [Intro](intro.md)\n- [Decisions](adr.md)\n  - [Use Postgres](adr/use-postgres.md)\n- [Other](other.md)\n"
    );
}

const BOOK_TOML: &str = "# The project's book.\n[book]\ntitle = \"Docs\"   # shown in the header\nauthors = [\"A\", \"B\"]\nsrc = \"pages\"\n\n[preprocessor.katex]\nafter = [\"links\"] # maths\n\n# Output\n[output.html]\ngit-repository-url = \"https://example.com/repo\"\n\n[output.html.fold]\nenable = true\n";

#[test]
fn install_adds_only_the_table_template_and_index_chapter_and_a_second_run_changes_nothing() {
    let root = temp_dir("workflow-install");
    write_files(
        &root,
        &[
            ("book.toml", BOOK_TOML),
            (
                "pages/SUMMARY.md",
                "# Summary\n\n- [Intro](intro.md)\n- [Guide](guide.md)\n\n[Contributors](contributors.md)\n",
            ),
            ("pages/intro.md", "# Intro\n"),
            ("pages/guide.md", "# Guide\n"),
            ("pages/contributors.md", "# Contributors\n"),
        ],
    );
    let stdout = ok(run(&["install", root.to_str().unwrap()]));
    assert!(stdout.contains("[preprocessor.design]"), "{stdout}");
    // book.toml: every byte kept, one table added (parsed by an independent TOML reader).
    let toml_after = read(root.join("book.toml"));
    let added = only_insertions(BOOK_TOML, &toml_after);
    assert!(added.starts_with('\n') || added.starts_with('#'), "{added}");
    assert!(toml_after.contains(&added), "the added lines are one block:\n{toml_after}");
    let table: toml::Table = added.parse().unwrap();
    assert!(table["preprocessor"]["design"].is_table(), "{added}");
    let whole: toml::Table = toml_after.parse().unwrap();
    assert_eq!(whole["preprocessor"]["katex"]["after"][0].as_str(), Some("links"));
    assert_eq!(whole["output"]["html"]["fold"]["enable"].as_bool(), Some(true));
    mdbook_design::Config::from_book_toml(&toml_after).unwrap();
    // The template, and one index chapter listed before the suffix chapter.
    assert_eq!(read(root.join("pages/design/_template.md")), mdbook_design::BUILTIN_TEMPLATE);
    assert!(mdbook_design::__private::is_index_chapter(&read(root.join("pages/designs.md"))));
    let summary = read(root.join("pages/SUMMARY.md"));
    assert_eq!(
        summary,
        "# Summary\n\n- [Intro](intro.md)\n- [Guide](guide.md)\n- [Designs](designs.md)\n\n[Contributors](contributors.md)\n"
    );
    // A second run: nothing to do, no file touched.
    let before = snapshot(&root);
    let stdout = ok(run(&["install", root.to_str().unwrap()]));
    assert!(stdout.contains("nothing to change"), "{stdout}");
    assert_eq!(snapshot(&root), before);
    let report = mdbook_design::workflow::install(&root, Default::default()).unwrap();
    assert!(report.is_empty(), "{report}");
}

#[test]
fn install_keeps_an_existing_index_chapter_and_design_folder() {
    let root = temp_dir("workflow-install-existing");
    let toml = "[book]\ntitle = \"T\"\n[preprocessor.design]\nlint = \"deny\"\n";
    write_files(
        &root,
        &[
            ("book.toml", toml),
            ("src/SUMMARY.md", "[Home](home.md)\n"),
            ("src/home.md", "# Home\n\n{{#design-index status=implemented}}\n"),
            ("src/design/a.md", &design("A", "implemented")),
        ],
    );
    let before = snapshot(&root);
    let report = mdbook_design::workflow::install(&root, Default::default()).unwrap();
    assert!(report.is_empty(), "{report}");
    assert_eq!(snapshot(&root), before);
    // No book.toml: a clear error naming it.
    let err = mdbook_design::workflow::install(&root.join("src"), Default::default()).unwrap_err();
    assert!(err.message().contains("book.toml"), "{err}");
}

/// `install --stylesheet`: the sheet becomes a file listed in `additional-css` (comments of
/// `book.toml` kept), built pages link it and carry no inline copy, and the file's rules are
/// exactly the inline sheet of a page built without it; a second run changes nothing.
#[test]
fn install_stylesheet_replaces_the_inline_copy() {
    let root = temp_dir("workflow-install-stylesheet");
    let command = command_line();
    let toml = format!(
        "[book]\ntitle = \"T\"\n\n# our colours\n[output.html]\nadditional-css = [\"custom.css\"]\n\n[preprocessor.design]\n{command}"
    );
    write_files(
        &root,
        &[
            ("book.toml", &toml),
            ("custom.css", "p {}\n"),
            ("src/SUMMARY.md", "- [Designs](design/README.md)\n  - [A](design/a.md)\n"),
            ("src/design/README.md", "# Designs\n\n{{#design-index}}\n"),
            ("src/design/a.md", &design("A", "implemented")),
        ],
    );
    let mdbook = common::mdbook("MDBOOK", "0.5");
    // Built without the option: every page has the inline sheet.
    let out = common::build(&mdbook, &root);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = read(root.join("book/design/a.html"));
    let open = "<style data-mdbook-design=\"style\">";
    let start = page.find(open).expect("an inline sheet") + open.len();
    let inline = &page[start..start + page[start..].find("</style>").unwrap()];

    let stdout = ok(run(&["install", "--stylesheet", root.to_str().unwrap()]));
    assert!(stdout.contains("additional-css"), "{stdout}");
    let new_toml = read(root.join("book.toml"));
    assert!(new_toml.contains("# our colours"), "{new_toml}");
    let parsed: toml::Table = new_toml.parse().unwrap();
    let css = parsed["output"]["html"]["additional-css"].as_array().unwrap();
    assert_eq!(css.iter().map(|v| v.as_str().unwrap()).collect::<Vec<_>>(), ["custom.css", "theme/mdbook-design.css"]);
    let file = read(root.join("theme/mdbook-design.css"));
    assert_eq!(file.lines().nth(1), Some(inline), "the file's rules are the inline sheet");

    let out = common::build(&mdbook, &root);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for page in ["book/design/a.html", "book/design/index.html"] {
        let html = read(root.join(page));
        assert!(!html.contains(open), "{page} still has the inline sheet");
        // mdBook 0.5 names the copy with a hash: `theme/mdbook-design-16a76f62.css`.
        assert!(html.contains("href=\"../theme/mdbook-design"), "{page} does not link the sheet");
        assert!(html.contains("data-design-status=\"implemented\""), "{page} lost its badge or index");
    }
    assert!(!String::from_utf8_lossy(&out.stderr).contains("mdbook-design.css"), "a current sheet gives no warning");
    // A sheet from another version: the build warns and names the command that updates it.
    std::fs::write(root.join("theme/mdbook-design.css"), file.replace("--design-on", "--old-on")).unwrap();
    let out = common::build(&mdbook, &root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("theme/mdbook-design.css") && stderr.contains("install --stylesheet"), "{stderr}");
    let stdout = ok(run(&["install", "--stylesheet", root.to_str().unwrap()]));
    assert!(stdout.contains("wrote the stylesheet"), "{stdout}");
    assert_eq!(read(root.join("theme/mdbook-design.css")), file);
    let before = snapshot(&root.join("src"));
    let stdout = ok(run(&["install", "--stylesheet", root.to_str().unwrap()]));
    assert!(stdout.contains("nothing to change"), "{stdout}");
    assert_eq!(snapshot(&root.join("src")), before);
    assert_eq!(read(root.join("book.toml")), new_toml);
}

/// Sets a status through the binary and checks, with a line diff, that one line changed and
/// only by `expect_old` becoming `status`.
fn set_and_check(file: &Path, status: &str, expect_old: &str) -> String {
    let before = read(file);
    ok(run(&["status", "set", file.to_str().unwrap(), status]));
    let after = read(file);
    let diff = similar::TextDiff::from_lines(&before, &after);
    let changed: Vec<(similar::ChangeTag, &str)> = diff
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| (c.tag(), c.value()))
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    let (old_line, new_line) = (changed[0].1, changed[1].1);
    assert_eq!(old_line.matches(expect_old).count(), 1, "{old_line:?}");
    assert_eq!(new_line, old_line.replacen(expect_old, status, 1), "only the status text changed");
    after
}

/// `status set` on a design whose sidecar (`metadata-file`) declares its status: the sidecar's
/// value changes (comment and quotes kept) and the text too only when it also declares one; the
/// index reads the new status. A sidecar that does not parse is an error naming it, and nothing
/// is written.
#[test]
fn status_set_edits_the_sidecar_that_declares_the_status() {
    let root = temp_dir("workflow-status-sidecar");
    let readme = "# Faster pods\n\n## Summary\n\nS.\n";
    let both = "# Both\n\n## Status\n\nprovisional\n\n## Summary\n\nS.\n";
    let kep = "title: Faster pods\nstatus: \"provisional\" # since May\nauthors:\n  - \"@a\"\n";
    write_files(
        &root,
        &[
            (
                "book.toml",
                "[book]\ntitle = \"T\"\n\n[preprocessor.design]\ndesigns = [\"keps/**\"]\nmetadata-file = \"kep.yaml\"\n",
            ),
            ("src/SUMMARY.md", "- [KEPs](keps.md)\n"),
            ("src/keps.md", "# KEPs\n\n{{#design-index}}\n"),
            ("src/keps/sig-node/1001-faster-pods/README.md", readme),
            ("src/keps/sig-node/1001-faster-pods/kep.yaml", kep),
            ("src/keps/sig-node/1002-both/README.md", both),
            ("src/keps/sig-node/1002-both/kep.yaml", "title: Both\nstatus: provisional\n"),
            ("src/keps/sig-node/1003-broken/README.md", readme),
            ("src/keps/sig-node/1003-broken/kep.yaml", "title: [unclosed\nstatus: provisional\n"),
        ],
    );
    let dir = |name: &str| root.join("src/keps/sig-node").join(name);
    ok(run(&["status", "set", dir("1001-faster-pods/README.md").to_str().unwrap(), "implementable"]));
    assert_eq!(read(dir("1001-faster-pods/kep.yaml")), kep.replace("\"provisional\"", "\"implementable\""));
    assert_eq!(read(dir("1001-faster-pods/README.md")), readme, "no Status section is added beside the sidecar");
    ok(run(&["status", "set", dir("1002-both/README.md").to_str().unwrap(), "implemented"]));
    assert_eq!(read(dir("1002-both/kep.yaml")), "title: Both\nstatus: implemented\n");
    assert_eq!(read(dir("1002-both/README.md")), both.replace("provisional", "implemented"));
    let before = snapshot(&root);
    let out = run(&["status", "set", dir("1003-broken/README.md").to_str().unwrap(), "implemented"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("1003-broken/kep.yaml:"), "{stderr}");
    assert_eq!(snapshot(&root), before, "nothing written");
    let index: serde_json::Value =
        serde_json::from_str(&ok(run(&["index", "--book", root.to_str().unwrap()]))).unwrap();
    let status_of =
        |p: &str| index["designs"].as_array().unwrap().iter().find(|d| d["path"] == p).unwrap()["status"].clone();
    assert_eq!(status_of("keps/sig-node/1001-faster-pods/README.md"), "implementable");
    assert_eq!(status_of("keps/sig-node/1002-both/README.md"), "implemented");
}

#[test]
fn status_set_edits_only_the_status_in_a_section_or_front_matter() {
    let root = book("status");
    let alpha = root.join("src/design/alpha.md");
    // Status section, written loosely.
    std::fs::write(&alpha, "# Alpha\n\n## Status\n\n- **Implementable** \n\nMore text.\n\n## Summary\n\nS.\n").unwrap();
    set_and_check(&alpha, "implemented", "Implementable");
    assert!(read(&alpha).contains("\n- **implemented** \n"));
    // A linked status keeps its link; a prompt goes with the old word.
    std::fs::write(&alpha, "# Alpha\n\n## Status\n\n[Implementable](https://x.test/pull/1) (v2)\n").unwrap();
    set_and_check(&alpha, "implemented", "Implementable");
    std::fs::write(&alpha, "# Alpha\n\n## Status\n\nOne of: implementable\n").unwrap();
    set_and_check(&alpha, "implemented", "One of: implementable");
    // Front matter (kept there, comment kept), CRLF line breaks.
    let beta = root.join("src/design/net/beta.md");
    let text = "---\r\ntitle: Beta\r\nstatus: provisional # since May\r\nauthors:\r\n  - x\r\n---\r\n# Beta\r\n\r\n## Summary\r\n\r\nS.\r\n";
    std::fs::write(&beta, text).unwrap();
    let after = set_and_check(&beta, "implementable", "provisional");
    assert!(after.contains("status: implementable # since May\r\n"));
    // The template's unedited list becomes the word.
    std::fs::write(
        &alpha,
        "# Alpha\n\n## Status\n\nOne of: provisional|implementable|implemented\n\n## Summary\n\nS.\n",
    )
    .unwrap();
    set_and_check(&alpha, "deferred", "One of: provisional|implementable|implemented");
    // The index reads what was written.
    let index: serde_json::Value =
        serde_json::from_str(&ok(run(&["index", "--book", root.to_str().unwrap()]))).unwrap();
    let status_of =
        |p: &str| index["designs"].as_array().unwrap().iter().find(|d| d["path"] == p).unwrap()["status"].clone();
    assert_eq!(status_of("design/alpha.md"), "deferred");
    assert_eq!(status_of("design/net/beta.md"), "implementable");
    // Not a status: exit 2, file untouched.
    let before = read(&alpha);
    let out = run(&["status", "set", alpha.to_str().unwrap(), "done"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("provisional"), "{out:?}");
    assert_eq!(read(&alpha), before);
}

#[test]
fn status_set_adds_a_status_where_there_is_none() {
    let root = temp_dir("workflow-status-missing");
    write_files(&root, &[("a.md", "# A\n\nIntro.\n\n## Summary\n\nS.\n"), ("b.md", "---\ntitle: B\n---\n# B\n")]);
    ok(run(&["status", "set", root.join("a.md").to_str().unwrap(), "rejected"]));
    assert_eq!(read(root.join("a.md")), "# A\n\n## Status\n\nrejected\n\nIntro.\n\n## Summary\n\nS.\n");
    ok(run(&["status", "set", root.join("b.md").to_str().unwrap(), "withdrawn"]));
    assert_eq!(read(root.join("b.md")), "---\ntitle: B\nstatus: withdrawn\n---\n# B\n");
}

#[test]
fn replaced_by_links_both_designs_once() {
    let root = book("replaced");
    let root_arg = root.to_str().unwrap();
    let alpha = root.join("src/design/alpha.md");
    let beta = root.join("src/design/net/beta.md");
    let alpha_before = read(&alpha);
    let beta_before = read(&beta);
    ok(run(&["status", "set", alpha.to_str().unwrap(), "replaced", "--replaced-by", beta.to_str().unwrap()]));
    // The old design: only insertions and the status word changed.
    let alpha_after = read(&alpha);
    assert_eq!(alpha_after, alpha_before.replace("implemented\n", "replaced\n\nReplaced by [Beta](net/beta.md).\n"));
    // The new design: front matter with `replaces` added before its first byte; nothing else.
    let beta_after = read(&beta);
    let added = beta_after.strip_suffix(beta_before.as_str()).expect("only a prefix was added");
    let yaml = yaml_rust2::YamlLoader::load_from_str(added.trim().trim_matches('-')).unwrap();
    assert_eq!(yaml[0]["replaces"][0].as_str(), Some("../alpha.md"));
    // Both directions as the index reads them, from each design's own words.
    let index: serde_json::Value = serde_json::from_str(&ok(run(&["index", "--book", root_arg]))).unwrap();
    let find = |p: &str| index["designs"].as_array().unwrap().iter().find(|d| d["path"] == p).unwrap().clone();
    assert_eq!(find("design/alpha.md")["replaced_by"], "design/net/beta.md");
    assert_eq!(find("design/alpha.md")["status"], "replaced");
    assert_eq!(find("design/net/beta.md")["replaces"], serde_json::json!(["design/alpha.md"]));
    let project = mdbook_design::Project::new(Default::default(), None).unwrap();
    assert_eq!(project.parse(&beta_after).replaces, ["../alpha.md"]);
    // Running it again adds nothing.
    let before = snapshot(&root);
    ok(run(&["status", "set", alpha.to_str().unwrap(), "replaced", "--replaced-by", beta.to_str().unwrap()]));
    assert_eq!(snapshot(&root), before);
    // `--replaced-by` with another status is refused.
    let out = run(&["status", "set", alpha.to_str().unwrap(), "implemented", "--replaced-by", beta.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(snapshot(&root), before);
}

#[test]
fn replaced_by_in_front_matter_designs() {
    let root = book("replaced-fm");
    let old = root.join("src/design/old.md");
    let new = root.join("src/design/new.md");
    let old_text = "---\ntitle: Old\nstatus: implementable\nreplaces: []\n---\n# Old\n\n## Summary\n\nS.\n";
    let new_text = "---\ntitle: New\nstatus: implementable\nreplaces:\n  - other.md\n---\n# New\n\n## Summary\n\nS.\n";
    write_files(&root, &[("src/design/old.md", old_text), ("src/design/new.md", new_text)]);
    ok(run(&["status", "set", old.to_str().unwrap(), "replaced", "--replaced-by", new.to_str().unwrap()]));
    assert_eq!(
        read(&old),
        old_text
            .replace("replaces: []\n", "replaces: []\nsuperseded-by:\n  - \"new.md\"\n")
            .replace("implementable", "replaced")
    );
    assert_eq!(read(&new), new_text.replace("  - other.md\n", "  - other.md\n  - \"old.md\"\n"));
    let index: serde_json::Value =
        serde_json::from_str(&ok(run(&["index", "--book", root.to_str().unwrap()]))).unwrap();
    let find = |p: &str| index["designs"].as_array().unwrap().iter().find(|d| d["path"] == p).unwrap().clone();
    assert_eq!(find("design/old.md")["replaced_by"], "design/new.md");
    assert_eq!(find("design/new.md")["replaces"], serde_json::json!(["design/old.md"]));
}

#[test]
fn docs_workflow_is_valid_yaml_running_xtask_ci_and_github_lint() {
    let text = read(Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/docs.yml"));
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("docs.yml is YAML");
    let jobs = &docs[0]["jobs"];
    let runs = |job: &str| -> Vec<String> {
        jobs[job]["steps"]
            .as_vec()
            .unwrap_or_else(|| panic!("job {job} has steps"))
            .iter()
            .filter_map(|s| s["run"].as_str().map(str::to_string))
            .collect()
    };
    assert!(runs("ci").iter().any(|r| r.trim() == "cargo xtask ci"), "{:?}", runs("ci"));
    let upload = jobs["ci"]["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-artifact")));
    assert_eq!(upload.expect("an upload step")["with"]["path"].as_str(), Some("book/book"));
    assert!(runs("lint").iter().any(|r| r.contains("lint") && r.contains("--format github")), "{:?}", runs("lint"));
}

/// The front matter of `text` as PyYAML-independent data: yaml-rust2 is the build's reader, so
/// these regression tests read the `status` value with it and also compare every other line.
fn front_status(text: &str) -> yaml_rust2::Yaml {
    let text = text.trim_start_matches('\u{feff}');
    let body = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map(|(b, _)| b).expect("front matter");
    let docs = yaml_rust2::YamlLoader::load_from_str(body).expect("front matter parses");
    docs[0]["status"].clone()
}

/// Issue 15: a YAML list under `status:` became `status:rejected` above the old items.
#[test]
fn status_set_replaces_a_yaml_list_value_as_a_whole() {
    let root = temp_dir("workflow-status-yaml-list");
    let text = "---\ntitle: L\nstatus:\n  - implemented\nauthors:\n  - a\n---\n# L\n\n## Summary\n\nS.\n";
    write_files(&root, &[("l.md", text)]);
    ok(run(&["status", "set", root.join("l.md").to_str().unwrap(), "rejected"]));
    let after = read(root.join("l.md"));
    assert_eq!(front_status(&after).as_str(), Some("rejected"), "{after}");
    assert_eq!(after, text.replace("status:\n  - implemented\n", "status: rejected\n"));
}

/// Issue 15: a block scalar became `status: rejected\n  implemented` ("rejected implemented").
#[test]
fn status_set_replaces_a_block_scalar_as_a_whole() {
    let root = temp_dir("workflow-status-yaml-block");
    for (name, value) in [("a.md", "|\n  implemented"), ("b.md", ">-\n  implemented"), ("c.md", "implemented\n  still")]
    {
        let text = format!("---\ntitle: B\nstatus: {value}\nowners: [x]\n---\n# B\n\n## Summary\n\nS.\n");
        write_files(&root, &[(name, &text)]);
        ok(run(&["status", "set", root.join(name).to_str().unwrap(), "rejected"]));
        let after = read(root.join(name));
        assert_eq!(front_status(&after).as_str(), Some("rejected"), "{after}");
        assert_eq!(after, text.replace(&format!("status: {value}\n"), "status: rejected\n"));
    }
}

/// Issue 15: YAML forms that cannot be edited safely are refused with the file and line; nothing
/// is written.
#[test]
fn status_set_refuses_an_anchored_status_and_comments_inside_the_value() {
    let root = temp_dir("workflow-status-yaml-refused");
    let cases = [
        ("a.md", "---\nstatus: &s implemented\nother: *s\n---\n# A\n"),
        ("b.md", "---\nstatus:\n  # the old one\n  - implemented\n---\n# B\n"),
    ];
    for (name, text) in cases {
        write_files(&root, &[(name, text)]);
        let out = run(&["status", "set", root.join(name).to_str().unwrap(), "rejected"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&format!("{name}:2: ")) && stderr.contains("by hand"), "{stderr}");
        assert_eq!(read(root.join(name)), text, "nothing written");
    }
}

/// Issue 15: a Status section holding a table lost its header row. The table is the project's
/// text: the status goes on its own line above it, where the build reads it.
#[test]
fn status_set_keeps_a_status_table() {
    let root = book("status-table");
    let alpha = root.join("src/design/alpha.md");
    let text = "# Alpha\n\n## Status\n\n| Status | Since |\n|---|---|\n| implementable | v1.2 |\n\n## Summary\n\nS.\n";
    std::fs::write(&alpha, text).unwrap();
    ok(run(&["status", "set", alpha.to_str().unwrap(), "rejected"]));
    let after = read(&alpha);
    assert_eq!(only_insertions(text, &after), "rejected\n\n");
    let index: serde_json::Value =
        serde_json::from_str(&ok(run(&["index", "--book", root.to_str().unwrap()]))).unwrap();
    let alpha = index["designs"].as_array().unwrap().iter().find(|d| d["path"] == "design/alpha.md").unwrap().clone();
    assert_eq!(alpha["status"], "rejected");
}

/// Issue 15: with a byte-order mark, the front matter kept the old status and a `## Status`
/// section was added.
#[test]
fn status_set_edits_front_matter_after_a_byte_order_mark() {
    let root = temp_dir("workflow-status-bom");
    let text = "\u{feff}---\ntitle: B\nstatus: provisional\n---\n# B\n\n## Summary\n\nS.\n";
    write_files(&root, &[("b.md", text)]);
    ok(run(&["status", "set", root.join("b.md").to_str().unwrap(), "rejected"]));
    let after = read(root.join("b.md"));
    assert_eq!(after, text.replace("status: provisional", "status: rejected"));
    assert_eq!(front_status(&after).as_str(), Some("rejected"));
}

/// Issue 15: `replaced` without `--replaced-by` was accepted silently. It is refused unless the
/// design already names its replacement.
#[test]
fn status_set_replaced_needs_the_replacement() {
    let root = book("replaced-needs");
    let alpha = root.join("src/design/alpha.md");
    let before = snapshot(&root);
    let out = run(&["status", "set", alpha.to_str().unwrap(), "replaced"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("alpha.md") && stderr.contains("--replaced-by"), "{stderr}");
    assert_eq!(snapshot(&root), before, "nothing written");
    // A design that already names its replacement may be set to `replaced` alone.
    let text = "---\nstatus: implemented\nsuperseded-by:\n  - net/beta.md\n---\n# Alpha\n\n## Summary\n\nS.\n";
    std::fs::write(&alpha, text).unwrap();
    ok(run(&["status", "set", alpha.to_str().unwrap(), "replaced"]));
    assert_eq!(read(&alpha), text.replace("status: implemented", "status: replaced"));
}
