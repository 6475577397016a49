//! mdBook's preprocessor protocol for 0.4.x and 0.5.x, read and written as JSON values.
//!
//! mdBook sends `[context, book]` on stdin and reads the book back on stdout. 0.4 names the
//! book's top-level list `sections` (with `"__non_exhaustive": null`), 0.5 names it `items`;
//! chapters are the same in both. Working on the JSON values (not mdBook's typed structs) keeps
//! every field mdBook sent, in either version, and writes the book back in the caller's shape.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::output;
use crate::edge::book::unlisted_designs;
use crate::edge::cache_file::CacheFile;
use crate::feature::render::Format;
use crate::model::config::Config;
use crate::model::project::Project;
use crate::session::cache::BookCache;
use crate::session::{BookInput, CacheInput, Chapter, Report, Scope, Session};

/// The mdBook versions this build speaks to.
pub(crate) const SUPPORTED: &str = ">=0.4.0, <0.6.0";

pub(crate) use crate::model::error::Error as WireError;

/// The protocol generation of the calling mdBook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Protocol {
    /// mdBook 0.4.x: `{"sections": [...], "__non_exhaustive": null}`.
    V04,
    /// mdBook 0.5.x: `{"items": [...]}`.
    V05,
}

/// Reads the calling mdBook's version and checks it is supported.
pub(crate) fn protocol(version: &str) -> Result<Protocol, WireError> {
    let parsed = semver::Version::parse(version.trim()).map_err(|e| {
        WireError::preprocessor(format!(
            "mdbook-design: cannot read the mdBook version `{version}` ({e}); supported versions are {SUPPORTED}"
        ))
    })?;
    match (parsed.major, parsed.minor) {
        (0, 4) => Ok(Protocol::V04),
        (0, 5) => Ok(Protocol::V05),
        _ => Err(WireError::preprocessor(format!(
            "mdbook-design supports mdBook {SUPPORTED} (0.4.x and 0.5.x), but was called by mdBook {version}; \
             install a supported mdBook or a newer mdbook-design"
        ))),
    }
}

/// Runs the preprocessor on the raw JSON input, writing the processed book to `out`; returns the
/// report and what to print on standard error (see [`finish`]; as a build outside `serve`).
pub fn run(input: &[u8], out: impl Write) -> Result<(Report, String), WireError> {
    let (ctx, book) = parse_request(input)?;
    run_parsed(&ctx, book, out, None, None)
}

/// [`run`] on input it owns: the raw JSON is freed as soon as it is parsed, so the build never
/// holds the input bytes, the parsed book and the output at once. `serve_id` names the
/// `mdbook serve` process that runs it, if any (see [`output::stderr_text`]).
///
/// The rebuild cache is read and decoded on another thread while the request is parsed (its file
/// is found by the book's root, read from the start of the request).
pub(crate) fn run_owned(input: Vec<u8>, out: impl Write, serve_id: Option<u32>) -> Result<(Report, String), WireError> {
    let root = request_root(&input);
    std::thread::scope(|scope| {
        let reading = root.map(|root| {
            scope.spawn(move || {
                CacheFile::for_book(Path::new(&root)).and_then(|f| f.read()).and_then(|b| BookCache::decode(&b))
            })
        });
        let (ctx, book) = parse_request(&input)?;
        drop(input);
        let prior: Option<Prior<'_>> = reading.map(|r| Box::new(move || r.join().ok().flatten()) as Prior<'_>);
        run_parsed(&ctx, book, out, serve_id, prior)
    })
}

/// The last build's rebuild cache, being read on another thread.
type Prior<'a> = Box<dyn FnOnce() -> Option<BookCache> + 'a>;

/// The `root` of a preprocessor request, read from its start: the context comes first, so
/// the rest of the book is not looked at.
fn request_root(input: &[u8]) -> Option<String> {
    struct First<'a>(&'a mut Option<String>);
    impl<'de> serde::de::Visitor<'de> for First<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a preprocessor request")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            #[derive(serde::Deserialize)]
            struct Context {
                root: Option<String>,
            }
            if let Some(ctx) = seq.next_element::<Context>()? {
                *self.0 = ctx.root;
            }
            // Stops here: the book is parsed once, by `parse_request`.
            Err(serde::de::Error::custom("the context is read"))
        }
    }
    let mut root = None;
    let mut de = serde_json::Deserializer::from_slice(input);
    let _ = serde::Deserializer::deserialize_seq(&mut de, First(&mut root));
    root
}

/// The context and the book of a preprocessor request.
fn parse_request(input: &[u8]) -> Result<(Value, Value), WireError> {
    serde_json::from_slice(input).map_err(|e| {
        WireError::preprocessor(format!(
            "mdbook-design: the input is not an mdBook preprocessor request: {e}; {NOT_A_REQUEST_HELP}"
        ))
    })
}

/// [`run`] after parsing: processes the book and writes it to `out` only once it is complete.
fn run_parsed(
    ctx: &Value,
    mut book: Value,
    out: impl Write,
    serve_id: Option<u32>,
    prior: Option<Prior<'_>>,
) -> Result<(Report, String), WireError> {
    let protocol = protocol_of(ctx)?;
    let (report, chapters, pending) = process_taken(ctx, &mut book, prior)?;
    // The rebuild cache is encoded and written while the book is (and before this returns).
    std::thread::scope(|scope| {
        if let Some(pending) = pending {
            scope.spawn(move || pending.write());
        }
        let text = finish(ctx, &report, serve_id)?;
        // Each chapter's content is escaped to JSON on both cores; the book around it is written
        // once, in the caller's shape.
        let contents: Vec<Vec<u8>> =
            chapters.into_par_iter().with_min_len(4).map(|c| super::json_string::to_json_string(&c.content)).collect();
        write_book(out, &book, protocol, &contents)?;
        Ok((report, text))
    })
}

/// The protocol of the mdBook that sent `ctx`.
fn protocol_of(ctx: &Value) -> Result<Protocol, WireError> {
    protocol(ctx.get("mdbook_version").and_then(Value::as_str).unwrap_or(""))
}

/// What a run prints on standard error ([`output::stderr_text`]), or, when a finding at `deny`
/// fails the build, the error that says so after it.
pub(crate) fn finish(ctx: &Value, report: &Report, serve_id: Option<u32>) -> Result<String, WireError> {
    let protocol = protocol_of(ctx)?;
    let text = output::stderr_text(ctx, protocol, report, serve_id);
    if report.denied {
        let why = "the build fails because a design breaks a lint rule at `deny` ([preprocessor.design] \
                   lint = \"deny\"); fix the errors above or lower the rule's severity";
        let failure = output::line(protocol, output::Level::Error, why);
        return Err(WireError::preprocessor(format!("{text}{}", failure.trim_end())));
    }
    Ok(text)
}

/// What to do when standard input is not a request from mdBook.
const NOT_A_REQUEST_HELP: &str = "without a subcommand mdbook-design reads the book JSON that mdBook sends; \
                                  run `mdbook build`, or `mdbook-design lint` to check designs by hand";

/// The book's `src` folder name, as configured.
pub(crate) fn src_name(ctx: &Value) -> &str {
    ctx.pointer("/config/book/src").and_then(Value::as_str).unwrap_or("src")
}

/// Processes a book value in place; `ctx` is the preprocessor context as JSON.
pub(crate) fn process(ctx: &Value, book: &mut Value) -> Result<Report, WireError> {
    let (report, chapters, pending) = process_taken(ctx, book, None)?;
    if let Some(pending) = pending {
        pending.write();
    }
    let mut contents: Vec<Option<String>> = chapters.into_iter().map(|c| Some(c.content)).collect();
    put_back(items_mut(book)?, &mut contents);
    Ok(report)
}

/// Processes a book whose chapter texts are taken out of `book` and returned, in depth-first
/// order (unlisted designs that joined the book last), with the report.
/// `prior` is the rebuild cache when the caller is already reading it.
fn process_taken(
    ctx: &Value,
    book: &mut Value,
    prior: Option<Prior<'_>>,
) -> Result<(Report, Vec<Chapter>, Option<PendingCache>), WireError> {
    let config_value = ctx.pointer("/config/preprocessor/design");
    let root = PathBuf::from(ctx.get("root").and_then(Value::as_str).unwrap_or("."));
    let mut config = Config::from_json(config_value).map_err(|e| config_error(&root, e))?;
    config.read_html_output(ctx.pointer("/config/output/html"));
    let src = root.join(src_name(ctx));
    let (template_text, template_warning) = crate::model::project::read_template(&src, &config);
    let project = Project::new(config, template_text.as_deref())
        .map_err(|e| WireError::preprocessor(format!("mdbook-design: {e}")))?;
    let renderer = ctx.get("renderer").and_then(Value::as_str).unwrap_or("html");
    let items = items_mut(book)?;
    let mut listed = std::collections::HashSet::new();
    find_listed(items, &mut listed);
    let listed: Vec<String> = listed.into_iter().collect();
    // Unlisted designs join the book; every file of `src` is known, so that links to Markdown
    // files that are not designs are checked as `lint` checks them.
    let (unlisted, mut read_warnings, known) =
        unlisted_designs(&project, &src, &listed, project.config.include_unlisted);
    read_warnings.splice(0..0, template_warning);
    read_warnings.extend(stale_stylesheet(&root, ctx.pointer("/config/output/html/additional-css")));
    let mut chapters = Vec::new();
    take_chapters(items, &mut chapters);
    let mut book_input =
        BookInput { chapters, unlisted, listed: Some(listed), files: Some(known), ..BookInput::default() };
    book_input.sidecars = crate::edge::sidecar_files::read_beside(&src, &project.config, &book_input);
    let cache_file = project.config.cache.then(|| CacheFile::for_book(&root)).flatten();
    let cache = cache_file.as_ref().map(|file| {
        let prior = match prior {
            Some(reading) => reading(),
            None => file.read().and_then(|b| BookCache::decode(&b)),
        };
        let config = ctx.get("config").map(|c| c.to_string()).unwrap_or_default();
        let version = ctx.get("mdbook_version").and_then(Value::as_str).unwrap_or("");
        let fingerprint: [&[u8]; 6] = [
            tool_identity().as_bytes(),
            root.as_os_str().as_encoded_bytes(),
            config.as_bytes(),
            renderer.as_bytes(),
            version.as_bytes(),
            template_text.as_deref().unwrap_or("").as_bytes(),
        ];
        CacheInput::new(&fingerprint, prior)
    });
    let mut pass = Session::new_cached(project, book_input, Scope::Book, cache);
    if pass.project().config.lint.mode != crate::model::config::LintMode::Off {
        let baseline = crate::edge::book::configured_baseline(&root, &pass.project().config)
            .map_err(|e| WireError::preprocessor(format!("mdbook-design: {e}")))?;
        pass.set_baseline(baseline);
    }
    if output::is_serve(ctx) {
        pass.keep_lint_texts();
    }
    // The history is read after the designs are parsed: the designs as HEAD has them are
    // mostly the chapters themselves, and their parse is reused (looked up by text, made only
    // when the history is not cached).
    let known = std::sync::OnceLock::new();
    let lookup = |text: &str| known.get_or_init(|| pass.parsed_texts()).get(text).cloned();
    let history = match crate::feature::history::timeline::for_build_with(&src, pass.project(), &lookup) {
        Ok(history) => history,
        Err(e) => {
            read_warnings.push(crate::session::Warning {
                path: "book.toml".into(),
                line: 1,
                message: format!("the status history cannot be read from git: {e}; the book is built without it"),
                help: "fix the repository as the message says, or set history = \"off\" in [preprocessor.design]"
                    .into(),
            });
            None
        }
    };
    pass.set_history(history);
    let format = Format::for_renderer(renderer);
    if pass.project().config.timeline_diffs && format == Format::Html {
        read_warnings.extend(timeline_diffs(&src, &mut pass));
    }
    let mut report = pass.build(format);
    let pending = match (cache_file, pass.take_cache()) {
        (Some(file), Some((cache, parsed))) => {
            report.parsed = Some((parsed, pass.entries.len()));
            Some(PendingCache { file, cache })
        }
        _ => None,
    };
    read_warnings.append(&mut report.warnings);
    report.warnings = read_warnings;
    if let (Some(parent), true) = (pass.index_chapter, pass.added > 0) {
        let first_added = pass.chapters.len() - pass.added;
        let added: Vec<(String, String)> = (first_added..pass.chapters.len())
            .map(|i| (pass.chapters[i].path.clone().unwrap_or_default(), pass.title(i)))
            .collect();
        add_chapters(items, parent, &added, first_added);
    }
    Ok((report, pass.chapters, pending))
}

/// The rebuild cache a build made, to write.
struct PendingCache {
    file: CacheFile,
    cache: BookCache,
}

impl PendingCache {
    /// Encodes and writes the cache. A cache that cannot be written costs the next build time,
    /// not correctness, so a failure is not reported.
    fn write(self) {
        let _ = self.file.write(&self.cache.encode());
    }
}

/// What identifies this build of the tool for the rebuild cache: its version, and the size and
/// modification time of its executable (a rebuilt binary of the same version is another tool).
fn tool_identity() -> &'static str {
    static IDENTITY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    IDENTITY.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        let (len, modified) = match &exe {
            Ok(m) => (m.len(), m.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())),
            Err(_) => (0, None),
        };
        format!("{} {len} {modified:?}", env!("CARGO_PKG_VERSION"))
    })
}

/// Gives every design with two or more status changes the word diffs of what changed at each
/// (`timeline-diffs`), from the blobs of its history in one `git cat-file --batch`.
fn timeline_diffs(src: &Path, pass: &mut Session) -> Option<crate::session::Warning> {
    let history = pass.history()?;
    let paths: Vec<&str> = pass.entries.iter().map(|e| e.path.as_str()).collect();
    let texts = match crate::feature::history::timeline::change_texts(src, history, &paths) {
        Ok(texts) => texts,
        Err(e) => {
            return Some(crate::session::Warning {
                path: "book.toml".into(),
                line: 1,
                message: format!("timeline-diffs: the designs' past texts cannot be read from git: {e}"),
                help: "fix the repository as the message says, or set timeline-diffs = false".into(),
            })
        }
    };
    let extras: std::collections::HashMap<String, String> = paths
        .iter()
        .filter_map(|p| {
            crate::feature::design_diff::page::details(pass.project(), history.of(p), &texts)
                .map(|d| (p.to_string(), d))
        })
        .collect();
    pass.set_timeline_extras(extras);
    None
}

/// A warning when `additional-css` lists the tool's stylesheet file but the file is missing or
/// was written by another version (its rules differ from this version's).
fn stale_stylesheet(root: &Path, additional_css: Option<&Value>) -> Option<crate::session::Warning> {
    let path = additional_css?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .find(|p| crate::feature::render::style::is_installed_stylesheet(p))?;
    let current = std::fs::read_to_string(root.join(path)).ok();
    if current.as_deref() == Some(crate::feature::render::style::stylesheet_file().as_str()) {
        return None;
    }
    let what = if current.is_some() { "is from another version of mdbook-design" } else { "is missing" };
    Some(crate::session::Warning {
        path: path.to_string(),
        line: 1,
        message: format!("the stylesheet listed in additional-css {what}; badges and the index may look wrong"),
        help: "run `mdbook-design install --stylesheet` in the book's folder to write it".into(),
    })
}

/// An invalid `[preprocessor.design]`, with the line of `book.toml` it is on when one is found.
fn config_error(root: &Path, e: crate::model::config::ConfigError) -> WireError {
    let line = std::fs::read_to_string(root.join("book.toml")).ok().and_then(|text| Config::error_line(&text));
    match line {
        Some(line) => WireError::preprocessor(format!("mdbook-design: book.toml:{line}: {e}")),
        None => WireError::preprocessor(format!("mdbook-design: {e}")),
    }
}

/// The book's top-level item list, whichever version sent it.
fn items_mut(book: &mut Value) -> Result<&mut Vec<Value>, WireError> {
    let object = book
        .as_object_mut()
        .ok_or_else(|| WireError::preprocessor("mdbook-design: the book in the input is not an object"))?;
    let key = if object.contains_key("items") { "items" } else { "sections" };
    match object.get_mut(key) {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(WireError::preprocessor("mdbook-design: the book in the input has neither `items` nor `sections`")),
    }
}

/// Writes the book in the shape the caller expects, with each chapter's content taken from
/// `contents` (JSON-escaped, in depth-first order).
fn write_book(out: impl Write, book: &Value, protocol: Protocol, contents: &[Vec<u8>]) -> Result<(), WireError> {
    let items =
        book.get("items").or_else(|| book.get("sections")).and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let result = (|| -> std::io::Result<()> {
        out.write_all(match protocol {
            Protocol::V04 => b"{\"sections\":",
            Protocol::V05 => b"{\"items\":",
        })?;
        write_items(&mut out, items, contents)?;
        if protocol == Protocol::V04 {
            out.write_all(b",\"__non_exhaustive\":null")?;
        }
        out.write_all(b"}")?;
        out.flush()
    })();
    result.map_err(|e| WireError::preprocessor(format!("mdbook-design: cannot write the book: {e}")))
}

fn write_items(out: &mut impl Write, items: &[Value], contents: &[Vec<u8>]) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        match item.get("Chapter").and_then(Value::as_object) {
            Some(chapter) => {
                out.write_all(b"{\"Chapter\":{")?;
                for (j, (key, value)) in chapter.iter().enumerate() {
                    if j > 0 {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *out, key)?;
                    out.write_all(b":")?;
                    match (key.as_str(), value) {
                        ("content", Value::Number(n)) => match n.as_u64().and_then(|k| contents.get(k as usize)) {
                            Some(bytes) => out.write_all(bytes)?,
                            None => serde_json::to_writer(&mut *out, value)?,
                        },
                        ("sub_items", Value::Array(subs)) => write_items(out, subs, contents)?,
                        _ => serde_json::to_writer(&mut *out, value)?,
                    }
                }
                out.write_all(b"}}")?;
            }
            None => serde_json::to_writer(&mut *out, item)?,
        }
    }
    out.write_all(b"]")
}

/// Takes every chapter's path and content out of the tree, depth first, leaving in each
/// chapter's `content` the index of its text in `out`.
fn take_chapters(items: &mut [Value], out: &mut Vec<Chapter>) {
    for item in items {
        let Some(Value::Object(chapter)) = item.get_mut("Chapter") else { continue };
        let mut path = None;
        let mut content = None;
        let mut subs = None;
        for (key, value) in chapter.iter_mut() {
            match (key.as_str(), value) {
                ("source_path", Value::String(p)) => path = Some(p.replace('\\', "/")),
                ("path", Value::String(p)) if path.is_none() => path = Some(p.replace('\\', "/")),
                ("content", value @ Value::String(_)) => content = Some(value),
                ("sub_items", Value::Array(items)) => subs = Some(items),
                _ => {}
            }
        }
        if let Some(value) = content {
            let Value::String(text) = std::mem::replace(value, Value::from(out.len() as u64)) else { unreachable!() };
            out.push(Chapter { path, content: text });
        }
        if let Some(subs) = subs {
            take_chapters(subs, out);
        }
    }
}

/// Puts chapter contents back where [`take_chapters`] left their indexes.
fn put_back(items: &mut [Value], contents: &mut [Option<String>]) {
    for item in items {
        let Some(Value::Object(chapter)) = item.get_mut("Chapter") else { continue };
        for (key, value) in chapter.iter_mut() {
            match (key.as_str(), value) {
                ("content", value @ Value::Number(_)) => {
                    let index = value.as_u64().unwrap_or(u64::MAX) as usize;
                    if let Some(text) = contents.get_mut(index).and_then(Option::take) {
                        *value = Value::String(text);
                    }
                }
                ("sub_items", Value::Array(subs)) => put_back(subs, contents),
                _ => {}
            }
        }
    }
}

/// Adds chapters (path and name of unlisted designs that joined the book) under the chapter
/// whose content index is `parent`, their contents as indexes from `first`.
fn add_chapters(items: &mut [Value], parent: usize, chapters: &[(String, String)], first: usize) {
    let Some(parent) = chapter_with_content(items, parent) else { return };
    let mut parent_names: Vec<Value> =
        parent.get("parent_names").and_then(Value::as_array).cloned().unwrap_or_default();
    parent_names.push(parent.get("name").cloned().unwrap_or(Value::Null));
    let Some(Value::Array(subs)) = parent.get_mut("sub_items") else { return };
    for (k, (path, name)) in chapters.iter().enumerate() {
        let mut object = Map::new();
        object.insert("name".into(), Value::String(name.clone()));
        object.insert("content".into(), Value::from((first + k) as u64));
        object.insert("number".into(), Value::Null);
        object.insert("sub_items".into(), Value::Array(Vec::new()));
        object.insert("path".into(), Value::String(path.clone()));
        object.insert("source_path".into(), Value::String(path.clone()));
        object.insert("parent_names".into(), Value::Array(parent_names.clone()));
        subs.push(serde_json::json!({ "Chapter": object }));
    }
}

/// The chapter whose `content` holds the index `index` (as [`take_chapters`] left it).
fn chapter_with_content(items: &mut [Value], index: usize) -> Option<&mut Map<String, Value>> {
    for item in items {
        let Some(Value::Object(chapter)) = item.get_mut("Chapter") else { continue };
        if chapter.get("content").and_then(Value::as_u64) == Some(index as u64) {
            return Some(chapter);
        }
        if let Some(Value::Array(subs)) = chapter.get_mut("sub_items") {
            if let Some(found) = chapter_with_content(subs, index) {
                return Some(found);
            }
        }
    }
    None
}

/// Records the chapter paths the book lists.
fn find_listed(items: &[Value], listed: &mut std::collections::HashSet<String>) {
    for item in items {
        let Some(chapter) = item.get("Chapter") else { continue };
        for key in ["source_path", "path"] {
            if let Some(p) = chapter.get(key).and_then(Value::as_str) {
                listed.insert(p.replace('\\', "/"));
            }
        }
        if let Some(Value::Array(subs)) = chapter.get("sub_items") {
            find_listed(subs, listed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(version: &str, book: Value) -> Vec<u8> {
        let ctx = serde_json::json!({
            "root": "/nonexistent",
            "config": {"book": {"src": "src", "multilingual": false}, "preprocessor": {"design": {}}},
            "renderer": "html",
            "mdbook_version": version
        });
        serde_json::to_vec(&serde_json::json!([ctx, book])).unwrap()
    }

    fn chapter(path: &str, content: &str) -> Value {
        serde_json::json!({"Chapter": {"name": "x", "content": content, "number": [1], "sub_items": [],
            "path": path, "source_path": path, "parent_names": []}})
    }

    #[test]
    fn speaks_both_versions() {
        let design = chapter("design/a.md", "# A\n\n## Status\n\nimplemented\n");
        let other = chapter("intro.md", "# Intro\n");
        for (version, key) in [("0.4.52", "sections"), ("0.4.0", "sections"), ("0.5.4", "items")] {
            let book = serde_json::json!({key: [design.clone(), "Separator", {"PartTitle": "P"}, other.clone()], "__non_exhaustive": null});
            let mut out = Vec::new();
            run(&request(version, book), &mut out).unwrap();
            let back: Value = serde_json::from_slice(&out).unwrap();
            let items = back[key].as_array().unwrap();
            assert_eq!(items.len(), 4);
            let content = items[0]["Chapter"]["content"].as_str().unwrap();
            assert!(content.contains("data-design-status=\"implemented\""), "{content}");
            assert_eq!(items[3], other);
            assert_eq!(back.as_object().unwrap().contains_key("__non_exhaustive"), key == "sections");
        }
    }

    #[test]
    fn denied_builds_still_print_warnings() {
        let ctx = serde_json::json!({"root": "/nonexistent", "config": {"preprocessor": {"design": {"lint": "deny"}}},
            "renderer": "html", "mdbook_version": "0.5.4"});
        let bad = chapter("design/bad.md", "# Bad\n\n## Status\n\nImplemnted\n");
        let binary = chapter("design/bin.md", "# B\n\u{0}\u{1}");
        let input = serde_json::to_vec(&serde_json::json!([ctx, {"items": [bad, binary]}])).unwrap();
        let e = run(&input, Vec::new()).unwrap_err();
        assert!(e.message().contains(" WARN mdbook-design: design/bin.md:2: the file holds binary data"), "{e}");
        assert!(e.message().contains("error[invalid-status]"), "{e}");
        assert!(e.message().ends_with("lower the rule's severity"), "{e}");
        assert!(
            e.message().contains("ERROR mdbook-design: the build fails because a design breaks a lint rule"),
            "{e}"
        );
    }

    #[test]
    fn the_root_is_read_from_the_start_of_a_request() {
        let book = serde_json::json!({"items": [chapter("a.md", "# A")]});
        let mut input = request("0.5.4", book);
        assert_eq!(request_root(&input).as_deref(), Some("/nonexistent"));
        // The rest is not read: a request cut after the context still gives its root.
        let at = input.windows(9).position(|w| w == b"\"items\":[").unwrap();
        input.truncate(at);
        assert_eq!(request_root(&input).as_deref(), Some("/nonexistent"));
        assert_eq!(request_root(b"{}"), None);
        assert_eq!(request_root(b"[{\"root\": 3}]"), None);
        assert_eq!(request_root(b""), None);
    }

    #[test]
    fn unsupported_version_is_one_clear_line() {
        let book = serde_json::json!({"items": []});
        let e = run(&request("0.6.0", book.clone()), Vec::new()).unwrap_err();
        assert!(e.message().contains(SUPPORTED) && !e.message().contains('\n'), "{e}");
        let e = run(&request("banana", book), Vec::new()).unwrap_err();
        assert!(e.message().contains(SUPPORTED), "{e}");
    }

    #[test]
    fn bad_config_names_the_key() {
        let ctx = serde_json::json!({"root": ".", "config": {"preprocessor": {"design": {"desings": []}}},
            "renderer": "html", "mdbook_version": "0.5.4"});
        let input = serde_json::to_vec(&serde_json::json!([ctx, {"items": []}])).unwrap();
        let e = run(&input, Vec::new()).unwrap_err();
        assert!(e.message().contains("desings") && e.message().contains("designs"), "{e}");
    }

    #[test]
    fn heading_ids_follow_the_books_smart_punctuation() {
        let text = "# A\n\n## Status\n\nimplemented\n\n## Option A -- keep it\n\nSee [it](#option-a--keep-it).\n";
        let broken = |html: Value| -> usize {
            let ctx = serde_json::json!({"root": "/nonexistent", "renderer": "html", "mdbook_version": "0.5.4",
                "config": {"book": {"src": "src"}, "preprocessor": {"design": {"lint": "warn"}},
                    "output": {"html": html}}});
            let mut book = serde_json::json!({"items": [chapter("design/a.md", text)]});
            let report = process(&ctx, &mut book).unwrap();
            let diags = report.lint.iter().flat_map(|l| &l.diagnostics);
            diags.filter(|d| d.rule == crate::feature::lint::Rule::BrokenDesignLink).count()
        };
        assert_eq!(broken(serde_json::json!({})), 0, "smart punctuation is on by default: `--` is a dash");
        assert_eq!(broken(serde_json::json!({"smart-punctuation": false})), 1);
    }

    #[test]
    fn nested_chapters_are_processed() {
        let inner = chapter("design/net/b.md", "# B\n\n## Status\n\nprovisional\n");
        let mut outer = chapter("design/README.md", "# Designs\n");
        outer["Chapter"]["sub_items"] = serde_json::json!([inner]);
        let mut out = Vec::new();
        run(&request("0.5.0", serde_json::json!({"items": [outer]})), &mut out).unwrap();
        let back: Value = serde_json::from_slice(&out).unwrap();
        let content = back["items"][0]["Chapter"]["sub_items"][0]["Chapter"]["content"].as_str().unwrap();
        assert!(content.contains("data-design-status=\"provisional\""), "{content}");
    }

    /// The build keeps a design's text only where a finding of it can be shown; the oracle is the
    /// same report with every text kept, which must print the same.
    #[test]
    fn dropped_texts_are_never_shown() {
        // Denied findings (no status) in every third design, warnings (a missing section) in all.
        let text = |i: usize| {
            let status = if i.is_multiple_of(3) { String::new() } else { "## Status\n\nimplemented\n\n".to_string() };
            format!("# Design {i}\n\n{status}## Summary\n\nWords of design {i}.\n")
        };
        for count in [10, 60, 200] {
            let chapters: Vec<Value> = (0..count).map(|i| chapter(&format!("design/d{i:03}.md"), &text(i))).collect();
            let mut book = serde_json::json!({"items": chapters});
            let request: Value = serde_json::from_slice(&request("0.5.4", Value::Null)).unwrap();
            let report = process(&request[0], &mut book).unwrap();
            assert!(report.lint.iter().any(|l| l.text.is_none()) || count == 10, "{count}: no text was dropped");
            let lint = report
                .lint
                .iter()
                .map(|l| {
                    let i: usize = l.path["design/d".len()..l.path.len() - 3].parse().unwrap();
                    crate::session::LintReport {
                        path: l.path.clone(),
                        text: Some(text(i)),
                        diagnostics: l.diagnostics.clone(),
                    }
                })
                .collect();
            let full = Report { lint, ..Report::default() };
            for only_denied in [false, true] {
                let [dropped, kept] = [&report, &full].map(|r| output::lint_text(Protocol::V05, r, "src", only_denied));
                assert_eq!(dropped, kept, "{count} designs");
            }
        }
    }
}
