//! Books laid out like Kubernetes enhancements: one folder per design holding `README.md` and a
//! `kep.yaml` (or `kep.toml`) sidecar, the template in `NNNN-kep-template/`. The books are
//! written here from the layout's shape; real mdBook builds them and `lint` and `index` read
//! them, and the badges, rows, JSON and findings are checked exactly.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;

/// A KEP-shaped design text: a numbered H1 and every template section with its own prose.
fn readme(number: &str, title: &str, front_matter: &str) -> String {
    format!(
        "{front_matter}# KEP-{number}: {title}\n\n## Summary\n\nThis change makes {title} work for every \
         cluster.\n\n## Motivation\n\nUsers asked for it in many issues.\n\n### Goals\n\nShip it.\n\n\
         ### Non-Goals\n\nNothing else.\n\n## Proposal\n\nAdd a field to the API.\n\n## Alternatives\n\n\
         Do nothing.\n"
    )
}

/// The template: its own sections and sidecar (whose keys every sidecar must have).
const TEMPLATE: &str = "# KEP-NNNN: Short title\n\n## Summary\n\nOne paragraph for release notes.\n\n## Motivation\n\n\
Why this matters.\n\n### Goals\n\nWhat it achieves.\n\n### Non-Goals\n\nWhat it leaves out.\n\n## Proposal\n\n\
What changes.\n\n## Alternatives\n\nWhat else was weighed.\n";

const TEMPLATE_YAML: &str = "title: Short title\nkep-number: NNNN\nauthors:\n  - \"@someone\"\nowning-sig: sig-xyz\n\
status: provisional|implementable|implemented|deferred|rejected|withdrawn|replaced\nstage: alpha|beta|stable\n\
reviewers:\n  - TBD\n";

/// The sidecar of one design, in YAML, with `status` written as given.
fn kep_yaml(number: &str, title: &str, sig: &str, status: &str, stage: &str, rest: &str) -> String {
    format!(
        "title: {title}\nkep-number: {number}\nauthors:\n  - \"@dev{number}\"\nowning-sig: {sig}\n\
         status: {status}\nstage: {stage}\n{rest}"
    )
}

/// Writes the YAML book: six designs, one of each case, listed in SUMMARY.md under the index.
fn yaml_book(root: &Path) {
    let toml = book_toml(
        "designs = [\"**/README.md\"]\nmetadata-file = \"kep.yaml\"\ntemplate = \"NNNN-kep-template/README.md\"\n\
         [preprocessor.design.index]\ncolumns = [\"number\", \"stage\", \"milestone\"]\n",
    )
    .replace("[book]\n", "[book]\nsrc = \"keps\"\n");
    let reviewers = "reviewers:\n  - \"@rev\"\n";
    write_files(
        root,
        &[
            ("book.toml", &toml),
            (
                "keps/SUMMARY.md",
                "# Summary\n\n- [Enhancements](index.md)\n  - [A](sig-node/1001-faster-pods/README.md)\n  \
                 - [B](sig-network/1002-dual-stack-dns/README.md)\n  - [C](sig-apps/1003-job-retries/README.md)\n  \
                 - [D](sig-node/1004-pod-priority/README.md)\n  - [E](sig-apps/1005-no-sidecar/README.md)\n  \
                 - [F](sig-network/1006-broken-yaml/README.md)\n",
            ),
            ("keps/index.md", "# Enhancements\n\n{{#design-index}}\n"),
            ("keps/NNNN-kep-template/README.md", TEMPLATE),
            ("keps/NNNN-kep-template/kep.yaml", TEMPLATE_YAML),
            ("keps/sig-node/1001-faster-pods/README.md", &readme("1001", "Faster pods", "")),
            (
                "keps/sig-node/1001-faster-pods/kep.yaml",
                &kep_yaml(
                    "1001",
                    "Faster pods",
                    "sig-node",
                    "implementable",
                    "beta",
                    "reviewers:\n  - TBD\nsee-also:\n  - \"/keps/sig-network/1002-dual-stack-dns\"\n  \
                     - \"/keps/sig-x/9999-gone\"\n  - keps/sig-node/1004-pod-priority/README.md\n  - n/a\n  \
                     - none\nmilestone:\n  alpha: \"v1.30\"\n  beta: \"v1.31\"\n",
                ),
            ),
            ("keps/sig-network/1002-dual-stack-dns/README.md", &readme("1002", "Dual stack DNS", "")),
            (
                "keps/sig-network/1002-dual-stack-dns/kep.yaml",
                &kep_yaml(
                    "1002",
                    "Dual stack DNS",
                    "sig-network",
                    "Implemented  # since v1.29",
                    "stable",
                    "latest-milestone: \"v1.29\"\n",
                )
                .replace("reviewers:\n", ""),
            ),
            ("keps/sig-apps/1003-job-retries/README.md", &readme("1003", "Job retries", "")),
            (
                "keps/sig-apps/1003-job-retries/kep.yaml",
                &kep_yaml("1003", "Job retries", "sig-apps", "imlpemented", "alpha", reviewers),
            ),
            (
                "keps/sig-node/1004-pod-priority/README.md",
                &readme("1004", "Pod priority", "---\nstatus: provisional\n---\n\n"),
            ),
            (
                "keps/sig-node/1004-pod-priority/kep.yaml",
                &kep_yaml("1004", "Pod priority", "sig-node", "implemented", "stable", reviewers),
            ),
            ("keps/sig-apps/1005-no-sidecar/README.md", &readme("1005", "No sidecar", "")),
            ("keps/sig-network/1006-broken-yaml/README.md", &readme("1006", "Broken yaml", "")),
            (
                "keps/sig-network/1006-broken-yaml/kep.yaml",
                "title: Broken yaml\nauthors: [\"@a\"\nstatus: implemented\n",
            ),
        ],
    );
}

/// A finding as (file under `keps/`, line, rule, message).
type Finding = (String, u64, String, String);

/// `mdbook-design lint --format json` on the book: (file, line, rule, message) of every finding,
/// and the exit code.
fn lint(root: &Path, fix: bool) -> (Vec<Finding>, Option<i32>) {
    lint_with(root, if fix { &["--fix"] } else { &[] })
}

/// [`lint`] with other flags.
fn lint_with(root: &Path, flags: &[&str]) -> (Vec<Finding>, Option<i32>) {
    let mut cmd = Command::new(bin());
    cmd.arg("lint").arg("--book").arg(root).args(["--format", "json"]).args(flags);
    let out = cmd.output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    let mut found = Vec::new();
    for d in json.as_array().expect("an array of findings") {
        let path = d["file"].as_str().unwrap();
        let short = path.rsplit_once("keps/").map_or(path, |(_, p)| p).to_string();
        found.push((
            short,
            d["line"].as_u64().unwrap(),
            d["rule"].as_str().unwrap().to_string(),
            d["message"].as_str().unwrap().to_string(),
        ));
    }
    found.sort();
    (found, out.status.code())
}

#[test]
fn yaml_book_lint_findings() {
    let root = temp_dir("kep-yaml-lint");
    yaml_book(&root);
    let (found, code) = lint(&root, false);
    let got: Vec<String> = found.iter().map(|(p, l, r, m)| format!("{p}:{l} {r} {m}")).collect();
    let want = [
        "sig-apps/1003-job-retries/kep.yaml:6 sidecar-status `imlpemented` is not a status; use one of: provisional, implementable, implemented, deferred, rejected, withdrawn, replaced",
        "sig-apps/1005-no-sidecar/README.md:1 missing-status the design has no status",
        "sig-network/1002-dual-stack-dns/kep.yaml:1 sidecar-keys sig-network/1002-dual-stack-dns/kep.yaml has no `reviewers`",
        "sig-network/1002-dual-stack-dns/kep.yaml:6 sidecar-status the status `Implemented` is written loosely; the canonical word is `implemented`",
        "sig-network/1006-broken-yaml/README.md:1 missing-status the design has no status",
        "sig-network/1006-broken-yaml/kep.yaml:3 sidecar-syntax sig-network/1006-broken-yaml/kep.yaml does not parse: did not find expected ',' or ']'",
        "sig-node/1001-faster-pods/kep.yaml:8 sidecar-keys `reviewers` still holds the template's placeholder `TBD`",
        "sig-node/1001-faster-pods/kep.yaml:12 sidecar-link `see-also` names `/keps/sig-x/9999-gone`, which is no design of the book",
        "sig-node/1004-pod-priority/README.md:2 status-conflict the front matter (line 2) says `provisional`, but sig-node/1004-pod-priority/kep.yaml:6 says `implemented`; the badge shows `implemented`, from sig-node/1004-pod-priority/kep.yaml",
    ];
    assert_eq!(got, want, "{got:#?}");
    assert_eq!(code, Some(1), "deny-level findings fail the run");
    let out = Command::new(bin()).arg("lint").arg("--book").arg(&root).output().unwrap();
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.contains("add `status:` to the design's kep.yaml, holding one of: provisional"), "{human}");
}

/// `mdbook-design index` JSON rows as `path status raw area number stage milestone | title`.
fn index_rows(root: &Path) -> Vec<String> {
    let out = Command::new(bin()).arg("index").arg("--book").arg(root).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema_version"], 2);
    let text = |v: &Value| v.as_str().unwrap_or("-").to_string();
    let mut rows: Vec<String> = json["designs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {:?} {} {} {} {} | {}",
                text(&d["path"]),
                text(&d["status"]),
                text(&d["status_raw"]),
                text(&d["area"]),
                text(&d["number"]),
                text(&d["stage"]),
                text(&d["milestone"]),
                text(&d["title"])
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn yaml_book_index_rows() {
    let root = temp_dir("kep-yaml-index");
    yaml_book(&root);
    let want = [
        "sig-apps/1003-job-retries/README.md unknown \"imlpemented\" sig-apps 1003 alpha - | KEP-1003: Job retries",
        "sig-apps/1005-no-sidecar/README.md unknown \"-\" sig-apps - - - | KEP-1005: No sidecar",
        "sig-network/1002-dual-stack-dns/README.md implemented \"Implemented\" sig-network 1002 stable v1.29 | KEP-1002: Dual stack DNS",
        "sig-network/1006-broken-yaml/README.md unknown \"-\" sig-network - - - | KEP-1006: Broken yaml",
        "sig-node/1001-faster-pods/README.md implementable \"implementable\" sig-node 1001 beta v1.31 | KEP-1001: Faster pods",
        "sig-node/1004-pod-priority/README.md implemented \"implemented\" sig-node 1004 stable - | KEP-1004: Pod priority",
    ];
    assert_eq!(index_rows(&root), want);
}

/// The status each built page's badge shows, by chapter path.
fn badges(book: &Path, chapters: &[&str]) -> Vec<(String, String)> {
    chapters
        .iter()
        .map(|c| {
            let page = book.join(c.replace("README.md", "index.html"));
            let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
            let at = html.find("data-design-status=\"").unwrap_or_else(|| panic!("no badge in {}", page.display()));
            let rest = &html[at + 20..];
            (c.to_string(), rest[..rest.find('"').unwrap()].to_string())
        })
        .collect()
}

#[test]
fn yaml_book_builds_with_badges_and_filters() {
    let root = temp_dir("kep-yaml-build");
    yaml_book(&root);
    let out = build(&mdbook("MDBOOK", "0.5"), &root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let chapters = [
        "sig-node/1001-faster-pods/README.md",
        "sig-network/1002-dual-stack-dns/README.md",
        "sig-apps/1003-job-retries/README.md",
        "sig-node/1004-pod-priority/README.md",
        "sig-apps/1005-no-sidecar/README.md",
        "sig-network/1006-broken-yaml/README.md",
    ];
    let got = badges(&root.join("book"), &chapters);
    let want = ["implementable", "implemented", "unknown", "implemented", "unknown", "unknown"];
    assert_eq!(got, chapters.iter().zip(want).map(|(c, s)| (c.to_string(), s.to_string())).collect::<Vec<_>>());
    // The unknown status shows the sidecar's word as written.
    let job = std::fs::read_to_string(root.join("book/sig-apps/1003-job-retries/index.html")).unwrap();
    assert!(job.contains("(written as “imlpemented”)"), "{job}");
    // The build's lint names the sidecar file and line.
    assert!(stderr.contains("sig-network/1002-dual-stack-dns/kep.yaml:6"), "{stderr}");
    let index = std::fs::read_to_string(root.join("book/index.html")).unwrap();
    for group in ["status", "area", "stage"] {
        assert!(index.contains(&format!("data-filter-key=\"{group}\"")), "no {group} filters: {index}");
    }
    for button in [
        "data-filter-key=\"area\" data-filter=\"sig-node\" aria-pressed=\"false\" disabled=\"\">sig-node (2)",
        "data-filter-key=\"stage\" data-filter=\"stable\" aria-pressed=\"false\" disabled=\"\">stable (2)",
        "data-filter-key=\"stage\" data-filter=\"\" aria-pressed=\"false\" disabled=\"\">none (2)",
        "data-filter-key=\"milestone\" data-filter=\"v1.31\" aria-pressed=\"false\" disabled=\"\">v1.31 (1)",
    ] {
        assert!(index.contains(button), "no `{button}`");
    }
    assert!(index.contains(
        "<th class=\"design-index-column\" data-column=\"number\">Number</th>\
         <th class=\"design-index-column\" data-column=\"stage\">Stage</th>\
         <th class=\"design-index-column\" data-column=\"milestone\">Milestone</th>"
    ));
    assert!(index.contains(
        "data-design-status=\"implementable\" data-design-area=\"sig-node\" data-design-stage=\"beta\" \
         data-design-milestone=\"v1.31\" data-design-path=\"sig-node/1001-faster-pods/README.md\""
    ));
    assert!(index.contains("<a href=\"sig-node/1001-faster-pods/index.html\">KEP-1001: Faster pods</a>"));
}

#[test]
fn fix_changes_only_the_loose_word_in_the_sidecar() {
    let root = temp_dir("kep-yaml-fix");
    yaml_book(&root);
    let path = root.join("keps/sig-network/1002-dual-stack-dns/kep.yaml");
    let before = std::fs::read_to_string(&path).unwrap();
    let (dry, _) = lint_with(&root, &["--fix", "--dry-run"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "--dry-run wrote the sidecar");
    let (fixed, _) = lint(&root, true);
    assert_eq!(dry, fixed, "--dry-run reports what --fix leaves");
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(after, before.replace("status: Implemented  # since v1.29", "status: implemented  # since v1.29"));
    assert_ne!(after, before);
    let (found, _) = lint(&root, false);
    assert!(!found.iter().any(|f| f.0.starts_with("sig-network/1002") && f.2 == "sidecar-status"), "{found:?}");
}

#[test]
fn toml_sidecars_with_aliases() {
    let root = temp_dir("kep-toml");
    let toml = book_toml(
        "designs = [\"**/README.md\"]\nmetadata-file = \"kep.toml\"\ntemplate = \"NNNN-kep-template/README.md\"\n\
         [preprocessor.design.status-aliases]\nsuperseded = \"replaced\"\n",
    )
    .replace("[book]\n", "[book]\nsrc = \"keps\"\n");
    let side = |status: &str| format!("title = \"T\"\nstatus = \"{status}\"\nowning-sig = \"sig-a\"\n");
    write_files(
        &root,
        &[
            ("book.toml", &toml),
            ("keps/SUMMARY.md", "# Summary\n\n- [Enhancements](index.md)\n"),
            ("keps/index.md", "# Enhancements\n\n{{#design-index}}\n"),
            ("keps/NNNN-kep-template/README.md", TEMPLATE),
            ("keps/sig-a/2001-kept/README.md", &readme("2001", "Kept", "")),
            ("keps/sig-a/2001-kept/kep.toml", &side("implemented")),
            ("keps/sig-a/2002-gone/README.md", &readme("2002", "Gone", "")),
            ("keps/sig-a/2002-gone/kep.toml", &side("removed")),
            ("keps/sig-a/2003-old/README.md", &readme("2003", "Old", "")),
            ("keps/sig-a/2003-old/kep.toml", &side("superseded")),
        ],
    );
    let want = [
        "sig-a/2001-kept/README.md implemented \"implemented\" sig-a - - - | KEP-2001: Kept",
        "sig-a/2002-gone/README.md unknown \"removed\" sig-a - - - | KEP-2002: Gone",
        "sig-a/2003-old/README.md replaced \"superseded\" sig-a - - - | KEP-2003: Old",
    ];
    assert_eq!(index_rows(&root), want);
    let (found, _) = lint(&root, false);
    let got: Vec<String> = found.iter().map(|(p, l, r, _)| format!("{p}:{l} {r}")).collect();
    let messages: Vec<&str> = found.iter().filter(|f| f.2 == "sidecar-status").map(|f| f.3.as_str()).collect();
    assert_eq!(
        messages,
        ["`removed` is not a status; use one of: provisional, implementable, implemented, deferred, rejected, \
             withdrawn, replaced",]
    );
    assert_eq!(
        got,
        [
            "sig-a/2001-kept/README.md:1 not-in-summary",
            "sig-a/2002-gone/README.md:1 not-in-summary",
            "sig-a/2002-gone/kep.toml:2 sidecar-status",
            "sig-a/2003-old/README.md:1 not-in-summary",
        ]
    );
}

#[test]
fn the_guide_book_toml_builds_the_layout() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("book/src/kubernetes-layout.md")).unwrap();
    let start = guide.find("```toml\n").expect("the guide gives a book.toml") + 8;
    let toml = &guide[start..start + guide[start..].find("```").unwrap()];
    let root = temp_dir("kep-guide");
    yaml_book(&root);
    let command = format!("[preprocessor.design]\n{}", command_line());
    std::fs::write(root.join("book.toml"), toml.replace("[preprocessor.design]\n", &command)).unwrap();
    let out = build(&mdbook("MDBOOK", "0.5"), &root);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got =
        badges(&root.join("book"), &["sig-node/1001-faster-pods/README.md", "sig-node/1004-pod-priority/README.md"]);
    assert_eq!(got[0].1, "implementable");
    assert_eq!(got[1].1, "implemented");
    let index = std::fs::read_to_string(root.join("book/index.html")).unwrap();
    assert!(index.contains(
        "<th class=\"design-index-column\" data-column=\"number\">Number</th>\
         <th class=\"design-index-column\" data-column=\"stage\">Stage</th>\
         <th class=\"design-index-column\" data-column=\"milestone\">Milestone</th>"
    ));
}

#[test]
fn browser_filters_by_area_and_stage() {
    if !browser() {
        return;
    }
    let root = temp_dir("kep-browser");
    yaml_book(&root);
    let out = build(&mdbook("MDBOOK", "0.5"), &root);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check.mjs");
    let shot = root.join("filters.png");
    let clicks = r#"[["area","sig-node"],["stage","stable"]]"#;
    let out =
        Command::new("node").arg(script).arg(root.join("book/index.html")).arg(&shot).arg(clicks).output().unwrap();
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    let combined = &summary["combined"];
    // Of the two sig-node designs, only 1004 is at stage stable (from its kep.yaml).
    assert_eq!(combined["shown"], serde_json::json!(["sig-node/1004-pod-priority/README.md"]), "{summary}");
    assert_eq!(combined["hash"], "#area=sig-node&stage=stable");
    assert_eq!(combined["reloaded"], combined["shown"], "the fragment restores the filter");
    assert_eq!(summary["rows"], 6);
}

/// kep.yaml's `superseded-by` and `replaces` link designs both ways, by repository path
/// (`/keps/sig-node/2001-new`) or folder name; `n/a` means none, and a reference to a folder
/// that is not in the book is a warning naming it.
#[test]
fn sidecar_replacements_link_both_ways() {
    let root = temp_dir("kep-replaces");
    let toml = book_toml("designs = [\"**/README.md\"]\nmetadata-file = \"kep.yaml\"\n")
        .replace("[book]\n", "[book]\nsrc = \"keps\"\n");
    let old =
        kep_yaml("2000", "Old", "sig-node", "replaced", "alpha", "superseded-by:\n  - \"/keps/sig-node/2001-new\"\n");
    let new = kep_yaml("2001", "New", "sig-node", "implementable", "alpha", "replaces:\n  - n/a\n");
    let other = kep_yaml("2002", "Other", "sig-apps", "implementable", "alpha", "replaces:\n  - 1999-gone\n");
    write_files(
        &root,
        &[
            ("book.toml", &toml),
            ("keps/SUMMARY.md", "- [Enhancements](index.md)\n"),
            ("keps/index.md", "# Enhancements\n\n{{#design-index}}\n"),
            ("keps/sig-node/2000-old/README.md", &readme("2000", "Old", "")),
            ("keps/sig-node/2000-old/kep.yaml", &old),
            ("keps/sig-node/2001-new/README.md", &readme("2001", "New", "")),
            ("keps/sig-node/2001-new/kep.yaml", &new),
            ("keps/sig-apps/2002-other/README.md", &readme("2002", "Other", "")),
            ("keps/sig-apps/2002-other/kep.yaml", &other),
        ],
    );
    let out = Command::new(bin()).args(["index", "--book"]).arg(&root).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let index: Value = serde_json::from_slice(&out.stdout).unwrap();
    let design = |p: &str| index["designs"].as_array().unwrap().iter().find(|d| d["path"] == p).unwrap().clone();
    assert_eq!(design("sig-node/2000-old/README.md")["replaced_by"], "sig-node/2001-new/README.md");
    assert_eq!(design("sig-node/2001-new/README.md")["replaces"], serde_json::json!(["sig-node/2000-old/README.md"]));
    assert_eq!(design("sig-apps/2002-other/README.md")["replaces"], serde_json::json!([]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1999-gone") && !stderr.contains("n/a"), "{stderr}");
    // The built page of the old design names and links its replacement.
    let out = build(&mdbook("MDBOOK", "0.5"), &root);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(root.join("book/sig-node/2000-old/index.html")).unwrap();
    assert!(page.contains("Replaced by <a href=\"../2001-new/index.html\">"), "{page}");
}

/// Kubernetes' own `kep.yaml` forms that libyaml (so PyYAML and go-yaml) reads: a flow sequence
/// over several lines with a trailing comma (two real KEPs have one), CRLF lines, a status
/// behind an alias or in a block scalar. Each design reads its status; a list is a clear finding.
#[test]
fn kep_yaml_forms_that_libyaml_reads() {
    let root = temp_dir("kep-yaml-forms");
    let toml = book_toml("designs = [\"**/README.md\"]\nmetadata-file = \"kep.yaml\"\n")
        .replace("[book]\n", "[book]\nsrc = \"keps\"\n");
    let rest = "reviewers:\n  - \"@rev\"\n";
    let trailing = kep_yaml(
        "2001",
        "Trailing comma",
        "sig-node",
        "implementable",
        "beta",
        "see-also: [\n  \"keps/sig-node/2002-crlf\",\n  \"keps/sig-node/2003-alias\",\n]\n",
    );
    let crlf = kep_yaml("2002", "Crlf", "sig-node", "implemented", "stable", "see-also: [\n  \"x\",\n]\n")
        .replace('\n', "\r\n");
    let alias = kep_yaml("2003", "Alias", "sig-node", "*s", "alpha", rest)
        .replace("owning-sig:", "x: &s deferred\nowning-sig:");
    let block = kep_yaml("2004", "Block", "sig-node", "|\n  rejected", "alpha", rest);
    let list = kep_yaml("2005", "List", "sig-node", "\n  - implemented", "alpha", rest);
    let mut files = vec![
        ("book.toml".to_string(), toml),
        ("keps/SUMMARY.md".to_string(), "# Summary\n\n- [Enhancements](index.md)\n".to_string()),
        ("keps/index.md".to_string(), "# Enhancements\n\n{{#design-index}}\n".to_string()),
    ];
    let designs = [
        ("2001-trailing", trailing),
        ("2002-crlf", crlf),
        ("2003-alias", alias),
        ("2004-block", block),
        ("2005-list", list),
    ];
    for (dir, yaml) in &designs {
        let number = &dir[..4];
        files.push((format!("keps/sig-node/{dir}/README.md"), readme(number, &dir[5..], "")));
        files.push((format!("keps/sig-node/{dir}/kep.yaml"), yaml.clone()));
        files[1].1.push_str(&format!("  - [{dir}](sig-node/{dir}/README.md)\n"));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    write_files(&root, &refs);
    let rows: Vec<String> =
        index_rows(&root).into_iter().map(|r| r.split(" sig-node ").next().unwrap().to_string()).collect();
    assert_eq!(
        rows,
        [
            "sig-node/2001-trailing/README.md implementable \"implementable\"",
            "sig-node/2002-crlf/README.md implemented \"implemented\"",
            "sig-node/2003-alias/README.md deferred \"deferred\"",
            "sig-node/2004-block/README.md rejected \"rejected\"",
            "sig-node/2005-list/README.md unknown \"\"",
        ]
    );
    let (found, _) = lint(&root, false);
    let got: Vec<String> =
        found.iter().filter(|(p, ..)| p.ends_with("kep.yaml")).map(|(p, l, r, m)| format!("{p}:{l} {r} {m}")).collect();
    assert_eq!(
        got,
        ["sig-node/2005-list/kep.yaml:6 sidecar-status the sidecar's `status` holds a list; write one status word"],
        "{got:#?}"
    );
}

/// A book whose project has its own status words (`status-aliases`) in sidecars and texts, with
/// unrecognised words, loose canonical words, a README without template sections and one whose
/// problem comes before its title.
fn alias_book(root: &Path) {
    let toml = book_toml(
        "designs = [\"**/README.md\"]\nmetadata-file = \"kep.yaml\"\n\
         [preprocessor.design.status-aliases]\nStandard = \"implemented\"\nExperimental = \"provisional\"\n\
         Memorandum = \"implemented\"\nDeclined = \"rejected\"\n",
    )
    .replace("[book]\n", "[book]\nsrc = \"keps\"\n");
    let side = |n: &str, status: &str| format!("title: T{n}\nkep-number: {n}\nstatus: {status}\nowning-sig: sig-a\n");
    let text = |n: &str, status: &str| {
        readme(n, &format!("Text {n}"), "").replacen("## Summary", &format!("## Status\n\n{status}\n\n## Summary"), 1)
    };
    let mut summary = String::from("# Summary\n\n- [Enhancements](index.md)\n");
    let mut files: Vec<(String, String)> = Vec::new();
    let sidecars = [
        ("3001", "Standard"),
        ("3002", "Experimental"),
        ("3003", "Memorandum"),
        ("3004", "Declined  # by the board"),
        ("3005", "\"Standard\""),
        ("3006", "Draft-ish"),
        ("3007", "Implemented"),
        ("3008", "implemented"),
    ];
    for (n, status) in sidecars {
        files.push((format!("keps/sig-a/{n}-s/README.md"), readme(n, &format!("Sidecar {n}"), "")));
        files.push((format!("keps/sig-a/{n}-s/kep.yaml"), side(n, status)));
    }
    let texts = [("3101", "Standard"), ("3102", "**Declined**"), ("3103", "Experimental"), ("3104", "Rejected")];
    let texts = [texts.as_slice(), &[("3105", "in-progress")]].concat();
    for (n, status) in texts {
        files.push((format!("keps/sig-b/{n}-t/README.md"), text(n, status)));
    }
    // A project word in front matter.
    files.push((
        "keps/sig-b/3106-f/README.md".into(),
        readme("3106", "Front 3106", "---\nstatus: Memorandum # since 2019\n---\n\n"),
    ));
    // A README without any template section, its status in the sidecar.
    files.push(("keps/sig-c/3201-bare/README.md".into(), "# KEP-3201: Bare\n\nOnly prose, no sections.\n".into()));
    files.push(("keps/sig-c/3201-bare/kep.yaml".into(), side("3201", "implemented")));
    // A README whose never-closed fence comes before its title: no place for a badge.
    files.push((
        "keps/sig-c/3202-fenced/README.md".into(),
        format!("```\nnever closed\n\n{}", readme("3202", "Fenced", "")),
    ));
    files.push(("keps/sig-c/3202-fenced/kep.yaml".into(), side("3202", "implemented")));
    // A README whose never-closed fence comes after its title, its status in the sidecar.
    files.push((
        "keps/sig-c/3203-late-fence/README.md".into(),
        format!("{}\n```\nnever closed\n", readme("3203", "Late fence", "")),
    ));
    files.push(("keps/sig-c/3203-late-fence/kep.yaml".into(), side("3203", "Standard")));
    for (path, _) in files.iter().filter(|(p, _)| p.ends_with("README.md")) {
        let chapter = path.trim_start_matches("keps/");
        summary.push_str(&format!("  - [{chapter}]({chapter})\n"));
    }
    files.push(("book.toml".into(), toml));
    files.push(("keps/SUMMARY.md".into(), summary));
    files.push(("keps/index.md".into(), "# Enhancements\n\n{{#design-index}}\n".into()));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    write_files(root, &files);
}

/// Every status word of the alias book as written, by file: a sidecar's `status:` value (without
/// quotes or a comment), a README's first line after `## Status`. Read here, independently of
/// the tool's own readers.
fn status_words(root: &Path) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(root.join("keps")).into_iter().flatten() {
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let word = if name.ends_with("kep.yaml") {
            text.lines().find_map(|l| l.strip_prefix("status:")).map(|v| {
                let v = v.split(" #").next().unwrap().trim();
                v.trim_matches('"').to_string()
            })
        } else if let Some(front) = text.strip_prefix("---\n") {
            let front = &front[..front.find("\n---").unwrap()];
            front
                .lines()
                .find_map(|l| l.strip_prefix("status:"))
                .map(|v| v.split(" #").next().unwrap().trim().to_string())
        } else {
            let mut lines = text.lines().skip_while(|l| l.trim() != "## Status").skip(1);
            lines.find(|l| !l.trim().is_empty()).map(|l| l.trim().to_string())
        };
        if let Some(word) = word {
            out.insert(name, word);
        }
    }
    out
}

/// The word without Markdown emphasis, lowercased: two words are the same word when this is.
fn same_word(word: &str) -> String {
    word.trim_matches(['*', '_', '`']).to_lowercase()
}

#[test]
fn a_projects_own_status_words_get_no_finding_and_are_never_rewritten() {
    let root = temp_dir("kep-aliases");
    alias_book(&root);
    let (found, _) = lint(&root, false);
    let status_rules = ["sidecar-status", "status-format", "invalid-status"];
    let got: Vec<String> = found
        .iter()
        .filter(|f| status_rules.contains(&f.2.as_str()))
        .map(|(p, l, r, _)| format!("{p}:{l} {r}"))
        .collect();
    // Only the word that is no status, the loose canonical ones and the canonical word in emphasis.
    assert_eq!(
        got,
        [
            "sig-a/3006-s/kep.yaml:3 sidecar-status",
            "sig-a/3007-s/kep.yaml:3 sidecar-status",
            "sig-b/3104-t/README.md:5 status-format",
            "sig-b/3105-t/README.md:5 invalid-status",
        ],
        "{found:#?}"
    );
    let before = status_words(&root);
    assert_eq!(before.len(), 17, "{before:#?}");
    let (_, _) = lint(&root, true);
    let after = status_words(&root);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>());
    for (file, old) in &before {
        let new = &after[file];
        // The one documented change: a canonical word written loosely becomes that word.
        let canonical =
            ["provisional", "implementable", "implemented", "deferred", "rejected", "withdrawn", "replaced"];
        assert!(
            new == old || (canonical.contains(&new.as_str()) && same_word(old) == *new),
            "{file}: `{old}` became `{new}`"
        );
    }
    // Never two different words made one.
    for (a, old_a) in &before {
        for (b, old_b) in &before {
            if same_word(old_a) != same_word(old_b) {
                assert_ne!(after[a], after[b], "{a} (`{old_a}`) and {b} (`{old_b}`) were made the same word");
            }
        }
    }
    let (again, _) = lint(&root, false);
    assert!(!again.iter().any(|f| f.2 == "sidecar-status" && !f.0.starts_with("sig-a/3006")), "{again:#?}");
}

#[test]
fn alias_badges_show_the_word_and_page_agrees_with_index() {
    let root = temp_dir("kep-aliases-build");
    alias_book(&root);
    for (var, version) in [("MDBOOK", "0.5"), ("MDBOOK_04", "0.4.52")] {
        let _ = std::fs::remove_dir_all(root.join("book"));
        let out = build(&mdbook(var, version), &root);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        let index = std::fs::read_to_string(root.join("book/index.html")).unwrap();
        let mut compared = 0;
        for row in index.split("<tr class=\"design-index-row").skip(1) {
            let row = &row[..row.find("</tr>").unwrap()];
            let path = &row[row.find("data-design-path=\"").unwrap() + 18..];
            let path = &path[..path.find('"').unwrap()];
            let cell = &row[row.find("class=\"design-index-status\"").unwrap()..];
            let row_status = class_badges(&cell[..cell.find("</td>").unwrap()]);
            let page =
                std::fs::read_to_string(root.join("book").join(path.replace("README.md", "index.html"))).unwrap();
            let page_status = class_badges(&page);
            // The status, and the word shown: no badge counts as `unknown`.
            let unknown = ("unknown".to_string(), "unknown".to_string());
            let shown = page_status.first().unwrap_or(&unknown);
            assert_eq!(shown.0, row_status[0].0, "{path}: page {page_status:?}, index {row_status:?}");
            if !page_status.is_empty() {
                assert_eq!(shown.1, row_status[0].1, "{path}: page {page_status:?}, index {row_status:?}");
            }
            compared += 1;
        }
        assert_eq!(compared, 17, "{index}");
        let page = |p: &str| {
            class_badges(&std::fs::read_to_string(root.join("book/sig-a").join(p).join("index.html")).unwrap())
        };
        assert_eq!(page("3001-s"), [("implemented".to_string(), "Standard".to_string())]);
        assert_eq!(page("3004-s"), [("rejected".to_string(), "Declined".to_string())]);
        assert_eq!(page("3002-s"), [("provisional".to_string(), "Experimental".to_string())]);
        let front = std::fs::read_to_string(root.join("book/sig-b/3106-f/index.html")).unwrap();
        assert_eq!(class_badges(&front), [("implemented".to_string(), "Memorandum".to_string())]);
        let c = |p: &str| class_badges(&std::fs::read_to_string(root.join("book/sig-c").join(p)).unwrap());
        // A README without template sections gets its sidecar's badge.
        assert_eq!(c("3201-bare/index.html"), [("implemented".to_string(), "implemented".to_string())]);
        // A problem before the title: no badge, and the index says unknown (compared above).
        assert_eq!(c("3202-fenced/index.html"), []);
        assert!(stderr.contains("no badge: the problem at line 1 comes before"), "{stderr}");
        // A problem after the title: the badge, in the project's word.
        assert_eq!(c("3203-late-fence/index.html"), [("implemented".to_string(), "Standard".to_string())]);
    }
}

#[test]
fn status_set_leaves_other_designs_aliases_alone() {
    let root = temp_dir("kep-aliases-set");
    alias_book(&root);
    let before = status_words(&root);
    let readme = root.join("keps/sig-a/3008-s/README.md");
    let out = Command::new(bin()).args(["status", "set"]).arg(&readme).arg("rejected").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let after = status_words(&root);
    for (file, old) in &before {
        let want = if file == "keps/sig-a/3008-s/kep.yaml" { "rejected" } else { old.as_str() };
        assert_eq!(after[file], want, "{file}");
    }
}

/// Every badge of a page, found by its class in mdBook's HTML: (its `data-design-status`, the
/// text it shows).
fn class_badges(html: &str) -> Vec<(String, String)> {
    html.match_indices("<span class=\"design-status\"")
        .map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            let at = tag.find("data-design-status=\"").unwrap() + 20;
            let status = tag[at..at + tag[at..].find('"').unwrap()].to_string();
            let text_at = i + tag.len() + 1;
            let text = &html[text_at..text_at + html[text_at..].find("</span>").unwrap()];
            (status, text.to_string())
        })
        .collect()
}
