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
                     - \"/keps/sig-x/9999-gone\"\nmilestone:\n  alpha: \"v1.30\"\n  beta: \"v1.31\"\n",
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
    let mut cmd = Command::new(bin());
    cmd.arg("lint").arg("--book").arg(root).args(["--format", "json"]);
    if fix {
        cmd.arg("--fix");
    }
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
        "sig-network/1006-broken-yaml/kep.yaml:3 sidecar-syntax sig-network/1006-broken-yaml/kep.yaml does not parse: invalid indentation",
        "sig-node/1001-faster-pods/kep.yaml:8 sidecar-keys `reviewers` still holds the template's placeholder `TBD`",
        "sig-node/1001-faster-pods/kep.yaml:12 sidecar-link `see-also` names `/keps/sig-x/9999-gone`, which is no design of the book",
        "sig-node/1004-pod-priority/README.md:2 status-conflict the front matter (line 2) says `provisional`, but sig-node/1004-pod-priority/kep.yaml:6 says `implemented`; the badge shows `implemented`, from sig-node/1004-pod-priority/kep.yaml",
    ];
    assert_eq!(got, want, "{got:#?}");
    assert_eq!(code, Some(1), "deny-level findings fail the run");
}
