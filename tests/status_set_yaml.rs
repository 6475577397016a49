//! `status set` on generated designs, checked by oracles that are not the code under test:
//! PyYAML (through python3) reads the front matter after the edit and must find the new status;
//! a word multiset shows that nothing but the old status value left the text and nothing but the
//! new word came in; a refused edit leaves the file byte for byte as it was.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

use mdbook_design::workflow::set_status;
use mdbook_design::Status;
use proptest::prelude::*;

/// A python3 with PyYAML that reads one JSON string (a design's text) per line and answers with
/// the `status` value of its front matter as JSON, or `{"error": ...}` when it does not parse.
struct PyYaml {
    _child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

const READER: &str = r#"
import json, sys, yaml
for line in sys.stdin:
    text = json.loads(line)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == "---")
        data = yaml.safe_load("".join(lines[1:end]))
        out = {"status": data.get("status") if isinstance(data, dict) else None}
    except Exception as e:
        out = {"error": str(e)}
    print(json.dumps(out, default=str), flush=True)
"#;

impl PyYaml {
    fn start() -> Option<PyYaml> {
        let mut child = Command::new("python3")
            .args(["-c", READER])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = BufReader::new(child.stdout.take()?);
        let mut reader = PyYaml { _child: child, stdin, stdout };
        // python3 without PyYAML exits at the import: no answer.
        (reader.status_of("---\nstatus: x\n---\n") == Ok(serde_json::json!("x"))).then_some(reader)
    }

    /// The front matter's `status` value as PyYAML reads it, or why it does not parse.
    fn status_of(&mut self, text: &str) -> Result<serde_json::Value, String> {
        let line = serde_json::to_string(text).unwrap();
        writeln!(self.stdin, "{line}").map_err(|e| e.to_string())?;
        let mut answer = String::new();
        self.stdout.read_line(&mut answer).map_err(|e| e.to_string())?;
        let value: serde_json::Value = serde_json::from_str(&answer).map_err(|e| format!("{e}: {answer:?}"))?;
        match value.get("error") {
            Some(e) => Err(e.to_string()),
            None => Ok(value["status"].clone()),
        }
    }
}

fn pyyaml() -> Option<std::sync::MutexGuard<'static, Option<PyYaml>>> {
    static READER: Mutex<Option<PyYaml>> = Mutex::new(None);
    static TRIED: std::sync::Once = std::sync::Once::new();
    let mut guard = READER.lock().unwrap_or_else(|e| e.into_inner());
    TRIED.call_once(|| *guard = PyYaml::start());
    if guard.is_none() {
        common::not_run("python3 with PyYAML", "install it (apt-get install python3-yaml)", None);
        return None;
    }
    Some(guard)
}

/// Words (runs of letters and digits) with their counts.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *out.entry(w.to_string()).or_default() += 1;
    }
    out
}

/// `a` less `b`, as multisets.
fn minus(a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>) -> BTreeMap<String, usize> {
    a.iter()
        .filter_map(|(w, n)| {
            let left = n.saturating_sub(b.get(w).copied().unwrap_or(0));
            (left > 0).then(|| (w.clone(), left))
        })
        .collect()
}

/// The `status:` values generated, as written after `status:`, with whether `status set` must
/// edit it (the others it may refuse).
const YAML_VALUES: &[(&str, bool)] = &[
    (" implemented", true),
    (" \"implementable\"", true),
    (" 'deferred'", true),
    (" |\n  implemented", true),
    (" >-\n  implemented\n  later", true),
    ("\n  - implemented", true),
    ("\n- implemented\n- withdrawn", true),
    (" [implemented]", true),
    (" [\n    implemented,\n    rejected\n  ]", true),
    (" *old", true),
    (" implemented\n  still going", true),
    (" implemented # since May", true),
    ("", true),
    (" {since: v1}", true),
    (" \"folded\n  quoted\"", true),
    (" &mine implemented", false),
    (" !!str implemented", false),
    ("\n  # the old one\n  - implemented", false),
];

/// Keys around `status:`.
const BEFORE: &[&str] = &["title: Faster pods", "authors:\n  - \"@alice\"\n  - \"@bob\"", "old: &old provisional"];
const AFTER: &[&str] =
    &["see-also: [\"a.md\", \"b.md\"]", "owners:\n- carol", "last-updated: 2024-05-01", "mirror: *mine"];

/// The Status section texts generated.
const SECTION_VALUES: &[&str] = &[
    "implemented",
    "**Implementable**",
    "[Implemented](https://example.test/pr/1) (v2)",
    "- implementable",
    "| Status | Since |\n|---|---|\n| implementable | v1.2 |",
    "On hold until the next release.",
    "One of: provisional|implementable|implemented",
    "_deferred_ since 2024",
];

const BODY: &str = "# Faster pods\n\n## Summary\n\nPods start faster.\n\n## Motivation\n\nWhy it matters.\n";

/// Writes `text` to a fresh file, sets `status` and returns the result and the text after.
fn run(dir: &Path, text: &str, status: Status) -> (Result<String, String>, String) {
    std::fs::create_dir_all(dir).unwrap();
    let file = dir.join("design.md");
    std::fs::write(&file, text).unwrap();
    let result = set_status(&file, status, None).map(|r| r.to_string()).map_err(|e| e.message().to_string());
    (result, std::fs::read_to_string(&file).unwrap())
}

fn finish(text: String, crlf: bool, bom: bool) -> String {
    let text = if crlf { text.replace('\n', "\r\n") } else { text };
    if bom {
        format!("\u{feff}{text}")
    } else {
        text
    }
}

fn dir(tag: &str) -> std::path::PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("status-set-yaml-{tag}-{}-{n}", std::process::id()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Front matter in many YAML forms, set to every status: PyYAML reads the new status, or
    /// the tool refused (naming the file and line) and wrote nothing.
    #[test]
    fn front_matter_status_reads_back_in_pyyaml(
        value in 0..YAML_VALUES.len(),
        before in proptest::collection::vec(any::<bool>(), BEFORE.len()),
        after in proptest::collection::vec(any::<bool>(), AFTER.len()),
        status in 0..Status::CANONICAL.len(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let Some(mut guard) = pyyaml() else { return Ok(()) };
        let reader = guard.as_mut().expect("started");
        let (raw, must_edit) = YAML_VALUES[value];
        let mut keys: Vec<&str> = BEFORE.iter().zip(&before).filter(|(_, on)| **on).map(|(k, _)| *k).collect();
        if raw.contains("*old") && !keys.contains(&BEFORE[2]) {
            keys.push(BEFORE[2]);
        }
        keys.push("");
        let status_at = keys.len() - 1;
        keys.extend(AFTER.iter().zip(&after).filter(|(k, on)| **on && (!k.contains("*mine") || raw.contains("&mine"))).map(|(k, _)| *k));
        let lines: Vec<String> = keys.iter().enumerate().map(|(i, k)| if i == status_at { format!("status:{raw}") } else { k.to_string() }).collect();
        let text = finish(format!("---\n{}\n---\n{BODY}", lines.join("\n")), crlf, bom);
        // The generator's own check: PyYAML reads the input.
        prop_assert!(reader.status_of(&text).is_ok(), "{text:?}");
        let status = Status::CANONICAL[status];
        let (result, out) = run(&dir("fm"), &text, status);
        match result {
            Err(e) => {
                prop_assert_eq!(&out, &text, "a refused edit writes nothing");
                let replaced_alone = status == Status::Replaced;
                prop_assert!(replaced_alone || !must_edit, "refused: {} {:?}", e, text);
                prop_assert!(e.contains("design.md") && e.contains("--replaced-by") || e.contains("design.md:"), "{}", e);
            }
            Ok(_) => {
                prop_assert_ne!(status, Status::Replaced);
                let read = reader.status_of(&out);
                prop_assert_eq!(read, Ok(serde_json::json!(status.as_str())), "{:?} -> {:?}", text, out);
                prop_assert_eq!(out.starts_with('\u{feff}'), bom);
                // Only the old value's words left; only the new word came.
                let old_value = words(raw);
                let gone = minus(&words(&text), &words(&out));
                let came = minus(&words(&out), &words(&text));
                prop_assert!(minus(&gone, &old_value).is_empty(), "lost {:?}", gone);
                prop_assert!(minus(&came, &words(status.as_str())).is_empty(), "added {:?}", came);
                // Every line outside the status value is kept.
                let kept = |t: &str| t.lines().filter(|l| !l.starts_with("status:") && !l.starts_with([' ', '-', ']'])).map(str::to_string).collect::<Vec<_>>();
                prop_assert_eq!(kept(&text), kept(&out));
            }
        }
    }

    /// Status sections in many forms (emphasis, links, lists, tables, sentences, the template's
    /// prompt), with BOM and CRLF: the new word is the section's first line's status, only the
    /// old status words left, and every other line is kept.
    #[test]
    fn section_status_is_set_without_losing_words(
        value in 0..SECTION_VALUES.len(),
        status in 0..Status::CANONICAL.len(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let raw = SECTION_VALUES[value];
        let text = finish(BODY.replacen("\n\n## Summary", &format!("\n\n## Status\n\n{raw}\n\n## Summary"), 1), crlf, bom);
        let status = Status::CANONICAL[status];
        let (result, out) = run(&dir("section"), &text, status);
        // A link in the Status section is read as the replacement; without one, `replaced`
        // alone is refused.
        if status == Status::Replaced && !raw.contains("](") {
            prop_assert!(result.unwrap_err().contains("--replaced-by"));
            prop_assert_eq!(out, text);
            return Ok(());
        }
        prop_assert!(result.is_ok(), "{:?}", result);
        let first = out.split("## Status").nth(1).unwrap().lines().map(str::trim).find(|l| !l.is_empty()).unwrap();
        let first_words = words(&first.to_lowercase());
        prop_assert!(first_words.contains_key(status.as_str()), "{:?}", out);
        // Words that left are the old status words only (a status word, or the template's
        // `One of:` prompt); lines that were not the status line are all still there.
        let gone = minus(&words(&text), &words(&out));
        let came = minus(&words(&out), &words(&text));
        let status_words: BTreeMap<String, usize> = words(&format!("one of {}", Status::CANONICAL.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")));
        let loosely = words(&raw.to_lowercase());
        prop_assert!(gone.keys().all(|w| status_words.contains_key(&w.to_lowercase()) && loosely.contains_key(&w.to_lowercase())), "lost {:?}", gone);
        prop_assert!(minus(&came, &words(status.as_str())).is_empty(), "added {:?}", came);
        let first_line = raw.lines().next().unwrap();
        for line in text.lines().filter(|l| !l.contains(first_line.trim_start_matches("- ").trim_start_matches(['*', '_', '[']))) {
            prop_assert!(out.lines().any(|l| l == line), "line {:?} lost", line);
        }
        prop_assert_eq!(out.starts_with('\u{feff}'), bom);
        prop_assert_eq!(out.contains('\r'), crlf);
    }
}
