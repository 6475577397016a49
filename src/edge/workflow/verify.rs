//! The write gate: every text a command is about to write is read back first with the readers
//! the build uses (the design parser, the sidecar parser, the `book.toml` reader), and the bytes
//! outside its edits are compared with the original. A text that fails is refused with the file,
//! the line and why, before any file of the step is written.

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::project::Project;
use crate::model::status::Status;
use crate::text::edit::Applied;
use crate::text::markdown::FrontMatterKind;
use crate::text::source::line_of;

use super::Error;

/// The reader a written text must pass, and what it must read.
#[derive(Clone, Copy)]
pub(crate) enum Reader<'a> {
    /// A design: its front matter parses, no problem is new, and its status reads back as
    /// `status` when given (in the text, and in front matter YAML when the status is there).
    Design {
        /// The book's project (template, aliases).
        project: &'a Project,
        /// The status the text must declare.
        status: Option<Status>,
    },
    /// A sidecar metadata file: it parses and its `status` reads back as `status` when given.
    Sidecar {
        /// The book's project (aliases).
        project: &'a Project,
        /// The status the file must declare.
        status: Option<Status>,
    },
    /// `book.toml`: it parses and the configuration reads.
    BookToml,
    /// A lint baseline file: it reads back as a baseline recording `findings` findings.
    Baseline {
        /// How many findings it must record.
        findings: usize,
    },
    /// `SUMMARY.md`: one insertion, after which the chapters are the old ones with `adds` among
    /// them.
    Summary {
        /// The chapter path the insertion lists.
        adds: &'a str,
    },
}

/// Why a write is refused.
fn refused(path: &Path, text: &str, offset: usize, why: &str) -> Error {
    let line = line_of(text, offset.min(text.len()));
    Error::workflow(format!(
        "{}:{line}: not written: {why}; no file was changed (edit it by hand, and please report this)",
        path.display()
    ))
}

/// Checks `after`, the text about to be written to `path` in place of `before` (`None` for a
/// new file), with the edits `applied` to get it (when it was spliced).
pub(crate) fn verify(
    path: &Path,
    before: Option<&str>,
    after: &str,
    applied: Option<&[Applied]>,
    reader: Reader,
) -> Result<(), Error> {
    if let (Some(before), Some(applied)) = (before, applied) {
        if let Some(offset) = outside_changed(before, after, applied) {
            return Err(refused(path, after, offset, "bytes outside the edited ranges would change"));
        }
    }
    match reader {
        Reader::Design { project, status } => design(path, before, after, project, status),
        Reader::Sidecar { project, status } => sidecar(path, after, project, status),
        Reader::BookToml => crate::model::config::Config::from_book_toml(after)
            .map(drop)
            .map_err(|e| refused(path, after, 0, &format!("it would not read as a book.toml: {e}"))),
        Reader::Summary { adds } => summary(path, before.unwrap_or(""), after, adds),
        Reader::Baseline { findings } => match crate::feature::lint::baseline::Baseline::parse(after) {
            Ok(b) if b.len() == findings => Ok(()),
            Ok(b) => Err(refused(
                path,
                after,
                0,
                &format!("it would read back as a baseline of {} findings, not {findings}", b.len()),
            )),
            Err(why) => Err(refused(path, after, 0, &format!("it would not read back as a lint baseline: {why}"))),
        },
    }
}

fn summary(path: &Path, before: &str, after: &str, adds: &str) -> Result<(), Error> {
    // One insertion: the old text is the new one's start and end around it.
    let prefix = before.bytes().zip(after.bytes()).take_while(|(a, b)| a == b).count();
    let suffix = before.bytes().rev().zip(after.bytes().rev()).take_while(|(a, b)| a == b).count();
    if prefix + suffix < before.len() || after.len() < before.len() {
        return Err(refused(path, after, prefix, "more than one insertion would change it"));
    }
    let old = crate::edge::book::summary_paths(before);
    let mut new = crate::edge::book::summary_paths(after);
    if let Some(i) = new.iter().position(|p| p == adds) {
        new.remove(i);
    } else {
        return Err(refused(path, after, prefix, &format!("it would not list {adds}")));
    }
    if new != old {
        return Err(refused(path, after, prefix, "its other chapters would not read back the same"));
    }
    Ok(())
}

/// The first offset of `after` where a byte outside the edits differs from `before`.
fn outside_changed(before: &str, after: &str, applied: &[Applied]) -> Option<usize> {
    let (mut from, mut to) = (0, 0);
    for a in applied {
        let same = a.output.start - to;
        if before.get(from..from + same) != after.get(to..a.output.start) {
            return Some(to);
        }
        from += same + a.original.len();
        to = a.output.end;
    }
    (before.get(from..) != after.get(to..)).then_some(to)
}

/// A text without its byte-order mark, and the mark's length.
fn without_bom(text: &str) -> (&str, usize) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, text.len() - rest.len()),
        None => (text, 0),
    }
}

fn design(
    path: &Path,
    before: Option<&str>,
    after: &str,
    project: &Project,
    want: Option<Status>,
) -> Result<(), Error> {
    let (text, bom) = without_bom(after);
    let parsed = project.parse(text);
    let old = before.map(|b| project.parse(without_bom(b).0));
    // No problem (a front matter that does not parse, a fence left open, ...) is new.
    let mut known: BTreeMap<&str, usize> = BTreeMap::new();
    for p in old.iter().flat_map(|d| &d.problems) {
        *known.entry(p.message.as_str()).or_default() += 1;
    }
    for p in &parsed.problems {
        match known.get_mut(p.message.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                return Err(refused(
                    path,
                    after,
                    bom + p.offset,
                    &format!("the design would not read back: {}", p.message),
                ))
            }
        }
    }
    let Some(want) = want else { return Ok(()) };
    let read = parsed.status.as_ref().map(|f| (f.status, f.span.start));
    if read.map(|r| r.0) != Some(want) {
        let at = read.map_or(0, |r| r.1);
        return Err(refused(
            path,
            after,
            bom + at,
            &format!("its status would read back as `{}`, not `{want}`", read.map_or(Status::Unknown, |r| r.0)),
        ));
    }
    // Front matter YAML: the `status` value as the YAML parser reads it, not only its line. A
    // value the write did not change (a project's own word kept by `lint --fix`) is the
    // author's, and stays as it is.
    let yaml_status = |design: &crate::model::design::Design, text: &str| {
        let fm = design.front_matter.as_ref().filter(|f| f.raw.kind == FrontMatterKind::Yaml)?;
        crate::model::design::yaml::parse(&text[fm.raw.body.clone()]).ok()?.get("status").cloned()
    };
    let unchanged = match (&old, before) {
        (Some(old), Some(before)) => {
            let now = yaml_status(&parsed, text);
            now.is_some() && now == yaml_status(old, without_bom(before).0)
        }
        _ => false,
    };
    if let (false, Some(fm)) = (unchanged, parsed.front_matter.as_ref().filter(|f| f.raw.kind == FrontMatterKind::Yaml))
    {
        if let Ok(doc) = crate::model::design::yaml::parse(&text[fm.raw.body.clone()]) {
            if let Some(value) = doc.get("status") {
                let ok = value.as_str().is_some_and(|s| reads_as(s, want));
                if !ok {
                    let at = bom + fm.raw.body.start;
                    return Err(refused(
                        path,
                        after,
                        at,
                        &format!("its front matter `status` would hold {value:?}, not `{want}`"),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Whether a YAML value as parsed is the status word `want` itself (what `status set` writes),
/// not only text that starts with it (`rejected implemented` is read loosely as `rejected`).
fn reads_as(raw: &str, want: Status) -> bool {
    raw.trim() == want.as_str()
}

fn sidecar(path: &Path, after: &str, project: &Project, want: Option<Status>) -> Result<(), Error> {
    let name = path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let file = crate::model::design::SidecarText { path: name, text: after.to_string(), read_error: None };
    let parsed = crate::model::design::Sidecar::parse(&file, &project.aliases);
    if let Some((line, message)) = &parsed.error {
        let offset = after.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        return Err(refused(path, after, offset, &format!("the file would not parse: {message}")));
    }
    let Some(want) = want else { return Ok(()) };
    let line_read = parsed.status.as_ref().map(|s| s.status);
    let values = parsed.values.get("status").map(|v| v.items.clone()).unwrap_or_default();
    let yaml_read = matches!(values.as_slice(), [one] if reads_as(one, want));
    if line_read != Some(want) || !yaml_read {
        let at = parsed.status.as_ref().map_or(0, |s| s.span.start);
        return Err(refused(path, after, at, &format!("its `status` would read back as {values:?}, not `{want}`")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::edit::{splice, Edit};

    #[test]
    fn outside_bytes_are_compared() {
        let before = "abc def ghi";
        let (after, applied) = splice(before, vec![Edit::replace(4..7, "XY"), Edit::insert(0, ">")]).unwrap();
        assert_eq!(outside_changed(before, &after, &applied), None);
        let tampered = after.replace("ghi", "gHi");
        assert_eq!(outside_changed(before, &tampered, &applied), Some(7));
    }

    #[test]
    fn a_block_scalar_left_behind_is_refused() {
        let project = Project::new(Default::default(), None).unwrap();
        let path = Path::new("d.md");
        let bad = "---\nstatus: rejected\n  implemented\n---\n# D\n";
        let err = verify(path, None, bad, None, Reader::Design { project: &project, status: Some(Status::Rejected) });
        assert!(err.unwrap_err().message().starts_with("d.md:2: not written:"));
        let good = "---\nstatus: rejected\n---\n# D\n";
        verify(path, None, good, None, Reader::Design { project: &project, status: Some(Status::Rejected) }).unwrap();
    }
}
