//! Real mdBook (0.5.x and 0.4.52) builds with the preprocessor: badges on every corpus design,
//! and malformed designs that warn and pass through without failing the build.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// The status each corpus file declares, from the newest row of its project's HISTORY.tsv:
/// one of the seven words exactly (any case), else `unknown`.
fn expected_statuses(corpus: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for project in ["cluster-api", "openshift-enhancements"] {
        let text = std::fs::read_to_string(corpus.join(project).join("HISTORY.tsv")).unwrap();
        let mut newest: BTreeMap<String, (String, String)> = BTreeMap::new();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (file, date, status) = (cols[0], cols[2], cols[8]);
            let entry = newest.entry(file.to_string()).or_insert((String::new(), String::new()));
            if date > entry.0.as_str() {
                *entry = (date.to_string(), status.to_string());
            }
        }
        for (file, (_, status)) in newest {
            let word = status.trim().to_ascii_lowercase();
            let words =
                ["provisional", "implementable", "implemented", "deferred", "rejected", "withdrawn", "replaced"];
            let status = if words.contains(&word.as_str()) { word } else { "unknown".to_string() };
            out.insert(format!("{project}/{file}"), status);
        }
    }
    out
}

/// The YAML front matter of a file, when it has one.
fn yaml_front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    Some(&rest[..end])
}

/// The designs whose YAML front matter PyYAML (the YAML oracle) cannot read; `None` (said by
/// [`common::not_run`], a failure under CI) without python3 and PyYAML.
fn invalid_front_matter(corpus: &Path, designs: &[String]) -> Option<std::collections::HashSet<String>> {
    let texts: Vec<(String, String)> = designs
        .iter()
        .filter_map(|d| {
            let text = std::fs::read_to_string(corpus.join(d)).ok()?;
            Some((d.clone(), yaml_front_matter(&text)?.to_string()))
        })
        .collect();
    let read = common::pyyaml(&texts.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>())?;
    Some(texts.into_iter().zip(read).filter(|(_, r)| r["ok"] == false).map(|((d, _), _)| d).collect())
}

fn badge_statuses(html: &str) -> Vec<String> {
    html.match_indices("<span class=\"design-status\" data-mdbook-design=\"badge\" ")
        .map(|(i, m)| {
            let tag = &html[i + m.len()..];
            let tag = &tag[..tag.find('>').unwrap()];
            let value = tag.split("data-design-status=\"").nth(1).expect("the badge names its status");
            value[..value.find('"').unwrap()].to_string()
        })
        .collect()
}

/// The status each index row shows, by the row's design path: the badge found by its class in
/// the row's status cell.
fn index_row_statuses(index: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for row in index.split("<tr class=\"design-index-row").skip(1) {
        let row = &row[..row.find("</tr>").unwrap_or(row.len())];
        let path = &row[row.find("data-design-path=\"").expect("a row names its design") + 18..];
        let path = &path[..path.find('"').unwrap()];
        let cell = &row[row.find("class=\"design-index-status\"").expect("a status cell")..];
        let found = badge_statuses(&cell[..cell.find("</td>").unwrap_or(cell.len())]);
        assert_eq!(found.len(), 1, "{path}: {cell}");
        out.insert(path.to_string(), found[0].clone());
    }
    out
}

fn check_corpus_build(mdbook_var: &str, version: &str, dir_name: &str) {
    let mdbook = mdbook(mdbook_var, version);
    let Some(corpus) = corpus() else { return };
    let root = temp_dir(dir_name);
    let designs = corpus_book(&corpus, &root, "");
    // Every warning on its own line: the checks below look for each design's.
    let out = build_full(&mdbook, &root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "mdbook {version} build failed:\n{stderr}");
    let expected = expected_statuses(&corpus);
    let index = std::fs::read_to_string(root.join("book/index.html")).unwrap();
    let rows = index_row_statuses(&index);
    let invalid = invalid_front_matter(&corpus, &designs).unwrap_or_default();
    let mut agreed = 0;
    let mut checked = 0;
    let mut passed_through = 0;
    for design in &designs {
        let name = design.rsplit('/').next().unwrap();
        if name.starts_with('_') {
            continue;
        }
        // mdBook renders a README.md chapter as index.html.
        let page = match design.strip_suffix("README.md") {
            Some(folder) => format!("{folder}index.html"),
            None => design.replace(".md", ".html"),
        };
        let html_path = root.join("book/design").join(page);
        let html = std::fs::read_to_string(&html_path).unwrap_or_else(|e| panic!("{}: {e}", html_path.display()));
        let badges = badge_statuses(&html);
        // One status reading: the page's badge (none counts as unknown) is the index row's.
        let row = rows.get(&format!("design/{design}")).unwrap_or_else(|| panic!("{design}: no index row"));
        assert_eq!(badges.first().unwrap_or(&"unknown".to_string()), row, "{design}: page and index disagree");
        agreed += 1;
        if invalid.contains(design) {
            // Its badge, when its status is known, is all the build inserts.
            assert!(badges.len() <= 1, "{design}: {} badges", badges.len());
            assert!(stderr.contains(&format!("design/{design}:")), "{design}: no warning names it:\n{stderr}");
            passed_through += usize::from(badges.is_empty());
            continue;
        }
        if badges.is_empty() {
            // Only a design with no template section at all, or one whose problem comes before
            // its title, may pass through, with a warning.
            assert!(
                stderr.contains(&format!("design/{design}:1: no section of the design template"))
                    || stderr.contains(&format!("design/{design}:")) && stderr.contains("no badge: the problem"),
                "{design}: no badge and no warning"
            );
            passed_through += 1;
            continue;
        }
        assert_eq!(badges.len(), 1, "{design}: {} badges", badges.len());
        let want = expected.get(design).map_or("unknown", String::as_str);
        assert_eq!(badges[0], want, "{design}: badge says {}, HISTORY.tsv says {want}", badges[0]);
        checked += 1;
    }
    eprintln!("mdbook {version}: {checked} badges checked, {passed_through} designs passed through with a warning");
    assert!(checked >= 300, "only {checked} designs carried a badge");
    assert!(agreed >= 330, "only {agreed} pages compared with their index row");
    assert!(passed_through <= 30, "{passed_through} designs passed through");
}

#[test]
fn corpus_builds_with_mdbook_0_5_and_every_badge_matches_history() {
    check_corpus_build("MDBOOK", "v0.5", "corpus-0.5");
}

#[test]
fn corpus_builds_with_mdbook_0_4_and_every_badge_matches_history() {
    check_corpus_build("MDBOOK_04", "v0.4.52", "corpus-0.4");
}

#[test]
fn malformed_designs_warn_and_pass_through() {
    let mdbook = mdbook("MDBOOK", "v0.5");
    let root = temp_dir("malformed");
    let big = format!("# Big\n\n## Status\n\nimplemented\n\n{}", "word ".repeat(2_200_000));
    let binary = "# Bin\n\n## Status\n\nimplemented\n\n\u{0}\u{1}\u{2}junk\n";
    write_files(
        &root,
        &[
            ("book.toml", &book_toml("")),
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [Good](design/good.md)\n- [No sections](design/none.md)\n- [Fence](design/fence.md)\n\
                 - [Binary](design/binary.md)\n- [Big](design/big.md)\n- [Front](design/front.md)\n",
            ),
            ("src/design/good.md", "# Good\n\n## Status\n\nimplemented\n"),
            ("src/design/none.md", "Just a note with no structure.\n"),
            ("src/design/fence.md", "# Fence\n\n## Status\n\nimplemented\n\n```rust\nfn main() {}\n"),
            ("src/design/binary.md", binary),
            ("src/design/big.md", &big),
            ("src/design/front.md", "---\ntitle: [unclosed\nstatus: implemented\n---\n\n# Front\n"),
        ],
    );
    let out = build(&mdbook, &root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "build failed:\n{stderr}");
    // The front matter's error is on line 3, where PyYAML also places it (`status:` comes where
    // the flow sequence opened on line 2 should have closed).
    for (file, line) in [("none", 1), ("fence", 7), ("binary", 7), ("big", 1), ("front", 3)] {
        let needle = format!("design/{file}.md:{line}:");
        assert_eq!(stderr.matches(&needle).count(), 1, "expected one warning `{needle}`:\n{stderr}");
        let html = std::fs::read_to_string(root.join(format!("book/design/{file}.html"))).unwrap();
        let badges = badge_statuses(&html);
        match file {
            // The status is known above the problem: its badge is all the build inserts.
            "fence" => assert_eq!(badges, ["implemented"]),
            // A front matter that does not parse: a badge only for a status still read.
            "front" => assert!(badges.len() <= 1 && badges.iter().all(|b| b == "implemented"), "{badges:?}"),
            _ => assert!(badges.is_empty(), "{file} was not passed through unchanged"),
        }
    }
    let good = std::fs::read_to_string(root.join("book/design/good.html")).unwrap();
    assert_eq!(badge_statuses(&good), ["implemented"]);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn invalid_config_fails_with_the_key_named() {
    let mdbook = mdbook("MDBOOK", "v0.5");
    let root = temp_dir("bad-config");
    write_files(
        &root,
        &[
            ("book.toml", &book_toml("desings = [\"x\"]\n")),
            ("src/SUMMARY.md", "- [A](design/a.md)\n"),
            ("src/design/a.md", "# A\n"),
        ],
    );
    let out = build(&mdbook, &root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("desings") && stderr.contains("designs"), "{stderr}");
}

#[test]
fn supports_every_renderer() {
    for renderer in ["html", "markdown", "epub", "anything"] {
        let status = std::process::Command::new(bin()).args(["supports", renderer]).status().unwrap();
        assert!(status.success(), "supports {renderer}");
    }
}

#[test]
fn markdown_renderer_gets_plain_markdown() {
    let mdbook = mdbook("MDBOOK", "v0.5");
    let root = temp_dir("markdown-renderer");
    write_files(
        &root,
        &[
            ("book.toml", &book_toml("").replace("[output.html]", "[output.markdown]")),
            ("src/SUMMARY.md", "- [A](design/a.md)\n"),
            ("src/design/a.md", "# A\n\n## Status\n\nRejected\n"),
        ],
    );
    let out = build(&mdbook, &root);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = std::fs::read_to_string(root.join("book/design/a.md")).unwrap();
    assert!(
        md.starts_with(
            "# A\n\n**Status:** rejected <!-- mdbook-design:badge -->\n\n> **Rejected:** This design was rejected"
        ),
        "{md}"
    );
    let _ = Path::new("");
}

#[test]
fn replaced_designs_link_both_ways_on_their_pages() {
    let mdbook = mdbook("MDBOOK", "v0.5");
    let root = temp_dir("replaced-pages");
    write_files(
        &root,
        &[
            ("book.toml", &book_toml("")),
            ("src/SUMMARY.md", "- [Old](design/old.md)\n- [New](design/net/new.md)\n"),
            ("src/design/old.md", "# Old way\n\n## Status\n\nreplaced by [the new way](net/new.md)\n"),
            ("src/design/net/new.md", "# New way\n\n## Status\n\nimplemented\n"),
        ],
    );
    let out = build(&mdbook, &root);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let old = std::fs::read_to_string(root.join("book/design/old.html")).unwrap();
    assert_eq!(badge_statuses(&old), ["replaced"]);
    assert!(old.contains("Replaced by <a href=\"net/new.html\">New way</a>."), "{old}");
    assert!(old.contains("class=\"design-notice\""));
    let new = std::fs::read_to_string(root.join("book/design/net/new.html")).unwrap();
    assert_eq!(badge_statuses(&new), ["implemented"]);
    assert!(new.contains("Replaces <a href=\"../old.html\">Old way</a>."), "{new}");
}

/// The corpus and the fuzzing seeds (our own adversarial set) through real mdBook's markdown
/// renderer: no word lost by the oracle, and a second build over the first's output changes
/// nothing.
fn check_words_through_mdbook(mdbook_var: &str, version: &str, dir_name: &str) {
    let mdbook = mdbook(mdbook_var, version);
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(&seeds)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&seeds).unwrap().to_string_lossy().replace('\\', "/");
            let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
            (format!("seeds/{}", rel.replace(".md", "").replace('/', "-") + ".md"), text)
        })
        .collect();
    assert!(files.len() >= 20, "only {} fuzz seeds under {}", files.len(), seeds.display());
    // Without the corpus (a fresh clone outside this layout) the seeds still run.
    if let Some(corpus) = corpus() {
        for d in corpus_designs(&corpus) {
            if !d.rsplit('/').next().unwrap().starts_with('_') {
                files.push((d.clone(), std::fs::read_to_string(corpus.join(&d)).unwrap()));
            }
        }
    }
    let build_once = |name: &str, files: &[(String, String)]| -> Vec<String> {
        let root = temp_dir(name);
        let mut summary = String::from("# Summary\n\n[Designs](index.md)\n\n");
        let mut paths = Vec::new();
        for (i, (path, text)) in files.iter().enumerate() {
            // Plain names, so that no file name needs escaping in SUMMARY.md.
            let chapter = format!("design/d{i:04}-{}", path.rsplit('/').next().unwrap().replace(' ', "-"));
            write_files(&root, &[(&format!("src/{chapter}"), text)]);
            summary.push_str(&format!("- [D{i}]({chapter})\n"));
            paths.push(chapter);
        }
        write_files(
            &root,
            &[
                ("book.toml", &book_toml("").replace("[output.html]", "[output.markdown]")),
                ("src/SUMMARY.md", &summary),
                ("src/index.md", "# Designs\n\n{{#design-index}}\n"),
            ],
        );
        let out = build(&mdbook, &root);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "mdbook {version} build failed:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        paths.iter().map(|p| std::fs::read_to_string(root.join("book").join(p)).unwrap()).collect()
    };
    let first = build_once(dir_name, &files);
    let mut lost = Vec::new();
    for ((path, text), out) in files.iter().zip(&first) {
        if let Err(e) = common::oracle::check_preserved(text, out) {
            lost.push(format!("{path}: {e}"));
        }
    }
    assert!(lost.is_empty(), "{} files lost words:\n{}", lost.len(), lost.join("\n"));
    let again: Vec<(String, String)> = files.iter().map(|(p, _)| p.clone()).zip(first.iter().cloned()).collect();
    let second = build_once(&format!("{dir_name}-again"), &again);
    for ((path, _), (a, b)) in files.iter().zip(first.iter().zip(&second)) {
        assert_eq!(a, b, "{path}: a second run changed the output");
    }
    eprintln!("mdbook {version}: {} files, no word lost, second run unchanged", files.len());
}

#[test]
fn no_word_is_lost_through_mdbook_0_5_and_a_second_run_changes_nothing() {
    check_words_through_mdbook("MDBOOK", "v0.5", "words-0.5");
}

#[test]
fn no_word_is_lost_through_mdbook_0_4_and_a_second_run_changes_nothing() {
    check_words_through_mdbook("MDBOOK_04", "v0.4.52", "words-0.4");
}
