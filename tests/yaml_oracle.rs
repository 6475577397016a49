//! The YAML the build reads, checked against PyYAML (a Python implementation, apart from the
//! libyaml translation the build uses): every crafted input in `tests/fixtures/yaml/` and every
//! front matter block and YAML file of the corpus. Whatever PyYAML reads, the sidecar and
//! front matter readers must read too, with the same `status`, `title` and list values.
//! Without python3 and PyYAML the test does not run: loudly, and as a failure under `CI=true`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mdbook_design::__private::ValueForm;
use mdbook_design::Template;
use mdbook_design::{Design, Sidecar, SidecarText};
use serde_json::Value;

/// One YAML text to check, and where it came from.
struct Input {
    name: String,
    yaml: String,
}

/// PyYAML's reading of each text ([`common::pyyaml`]).
fn oracle(texts: &[&str]) -> Option<Vec<Value>> {
    common::pyyaml(texts)
}

fn crafted() -> Vec<Input> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yaml");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let inputs: Vec<Input> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| Input {
            name: format!("fixtures/yaml/{}", p.file_name().unwrap().to_string_lossy()),
            yaml: String::from_utf8(std::fs::read(p).unwrap()).unwrap(),
        })
        .collect();
    assert!(inputs.len() >= 20, "the crafted set is in {}", dir.display());
    inputs
}

/// The corpus's YAML files and the YAML front matter blocks of its Markdown files (the lines
/// between a first `---` line and the next `---` or `...` line).
fn corpus(root: &Path) -> Vec<Input> {
    let mut out = Vec::new();
    for entry in walk(root) {
        let name = entry.strip_prefix(root).unwrap().to_string_lossy().to_string();
        let Ok(text) = std::fs::read_to_string(&entry) else { continue };
        if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(Input { name, yaml: text });
        } else if name.ends_with(".md") {
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let mut lines = text.split_inclusive('\n');
            if lines.next().map(|l| l.trim_end()) != Some("---") {
                continue;
            }
            let mut yaml = String::new();
            for line in lines {
                if matches!(line.trim_end(), "---" | "...") {
                    out.push(Input { name: name.clone(), yaml });
                    break;
                }
                yaml.push_str(line);
            }
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Whether `yaml` can stand between `---` lines as a design's front matter: no document
/// markers or directives of its own, no byte-order mark.
fn fits_front_matter(yaml: &str) -> bool {
    !yaml.starts_with('\u{feff}')
        && !yaml.lines().any(|l| l.starts_with("---") || l.starts_with("...") || l.starts_with('%'))
}

/// What differs between PyYAML's reading `py` and the build's, for one input.
fn compare(input: &Input, py: &Value, counts: &mut BTreeMap<&'static str, usize>) -> Vec<String> {
    let mut wrong = Vec::new();
    let sidecar = Sidecar::parse(
        &SidecarText { path: "x/kep.yaml".into(), text: input.yaml.clone(), read_error: None },
        &BTreeMap::new(),
    );
    let design_text = format!("---\n{}{}---\n# T\n", input.yaml, if input.yaml.ends_with('\n') { "" } else { "\n" });
    let design =
        fits_front_matter(&input.yaml).then(|| Design::parse(&design_text, &Template::builtin(), &BTreeMap::new()));
    let fm = design.as_ref().and_then(|d| d.front_matter.clone());
    if py["ok"] != true {
        *counts
            .entry(if sidecar.error.is_some() { "both reject" } else { "PyYAML rejects, we accept" })
            .or_default() += 1;
        return wrong;
    }
    *counts.entry("PyYAML accepts").or_default() += 1;
    if let Some((line, message)) = &sidecar.error {
        wrong.push(format!("PyYAML reads it, the sidecar reader rejects it at line {line}: {message}"));
        return wrong;
    }
    if let Some(error) = fm.as_ref().and_then(|f| f.error.as_ref()) {
        wrong.push(format!("PyYAML reads it, the front matter reader rejects it: {}", error.message));
    }
    let keys = py["keys"].as_object().cloned().unwrap_or_default();
    // The status: a string read the same; a list or mapping said to be one.
    let expected = keys.get("status").map(|s| match s["kind"].as_str().unwrap() {
        "str" => (s["value"].as_str().unwrap().trim().to_string(), None),
        "list" => (String::new(), Some(ValueForm::List)),
        "map" => (String::new(), Some(ValueForm::Map)),
        _ => (String::new(), None),
    });
    if let Some((value, container)) = &expected {
        *counts.entry("status compared").or_default() += 1;
        match &sidecar.status {
            Some(s) if s.raw == *value && container.is_none_or(|c| c == s.form) => {}
            other => wrong.push(format!(
                "sidecar status: PyYAML reads {value:?} {container:?}, we read {:?}",
                other.as_ref().map(|s| (&s.raw, s.form))
            )),
        }
        if let Some(fm) = &fm {
            match (&fm.status, fm.status_form) {
                (Some((raw, _)), Some(form)) if raw == value && container.is_none_or(|c| c == form) => {}
                other => {
                    wrong.push(format!("front matter status: PyYAML reads {value:?} {container:?}, we read {other:?}"))
                }
            }
        }
    } else if sidecar.status.is_some() || fm.as_ref().is_some_and(|f| f.status.is_some()) {
        wrong.push("PyYAML reads no `status`, we read one".to_string());
    }
    // The title.
    if let Some(title) = keys.get("title").filter(|t| t["kind"] == "str") {
        *counts.entry("title compared").or_default() += 1;
        let title = title["value"].as_str().unwrap().trim();
        let expected = Some(title).filter(|t| !t.is_empty());
        if sidecar.title() != expected {
            wrong.push(format!("sidecar title: PyYAML reads {expected:?}, we read {:?}", sidecar.title()));
        }
        if let Some(fm) = &fm {
            if fm.title.as_deref().filter(|t| !t.is_empty()) != expected {
                wrong.push(format!("front matter title: PyYAML reads {expected:?}, we read {:?}", fm.title));
            }
        }
    }
    // Every string and list-of-strings value.
    for (key, value) in &keys {
        let expected: Vec<String> = match value["kind"].as_str().unwrap() {
            "str" => vec![value["value"].as_str().unwrap().to_string()],
            "list" if value["items"].is_array() => {
                value["items"].as_array().unwrap().iter().map(|i| i.as_str().unwrap().to_string()).collect()
            }
            "null" => Vec::new(),
            _ => continue,
        };
        *counts.entry("values compared").or_default() += 1;
        if sidecar.get(key) != expected.as_slice() {
            wrong.push(format!("`{key}`: PyYAML reads {expected:?}, we read {:?}", sidecar.get(key)));
        }
        if key == "replaces" {
            if let Some(fm) = &fm {
                let expected: Vec<&String> = expected.iter().filter(|s| !s.trim().is_empty()).collect();
                if fm.replaces.iter().collect::<Vec<_>>() != expected {
                    wrong
                        .push(format!("front matter `replaces`: PyYAML reads {expected:?}, we read {:?}", fm.replaces));
                }
            }
        }
    }
    wrong
}

fn check(inputs: &[Input], what: &str) {
    let texts: Vec<&str> = inputs.iter().map(|i| i.yaml.as_str()).collect();
    let Some(readings) = oracle(&texts) else { return };
    assert_eq!(readings.len(), inputs.len());
    let mut counts = BTreeMap::new();
    let mut wrong = Vec::new();
    for (input, py) in inputs.iter().zip(&readings) {
        wrong.extend(compare(input, py, &mut counts).into_iter().map(|w| format!("{}: {w}", input.name)));
    }
    eprintln!("yaml_oracle: {what}: {} inputs, {counts:?}", inputs.len());
    assert!(counts.get("PyYAML accepts").copied().unwrap_or(0) > 0, "PyYAML accepted none of {what}");
    assert!(wrong.is_empty(), "{} disagreements with PyYAML:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn crafted_yaml_reads_as_pyyaml_reads_it() {
    let inputs = crafted();
    check(&inputs, "crafted inputs");
    // The crafted inputs that are not YAML are refused, with the line of the problem.
    for input in inputs.iter().filter(|i| i.name.contains("/invalid-")) {
        let sidecar = Sidecar::parse(
            &SidecarText { path: "x/kep.yaml".into(), text: input.yaml.clone(), read_error: None },
            &BTreeMap::new(),
        );
        let (line, _) = sidecar.error.unwrap_or_else(|| panic!("{} is read, though it is not YAML", input.name));
        assert!((2..=input.yaml.lines().count()).contains(&line), "{}: error at line {line}", input.name);
    }
}

#[test]
fn corpus_yaml_reads_as_pyyaml_reads_it() {
    let Some(root) = common::corpus() else { return };
    let inputs = corpus(&root);
    assert!(!inputs.is_empty(), "no YAML in the corpus at {}", root.display());
    check(&inputs, "corpus front matter and YAML files");
}
