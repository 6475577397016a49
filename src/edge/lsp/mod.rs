//! `mdbook-design lsp`: a language server on standard input and output (LSP 3.17).
//!
//! An edge over the one [`Session`](crate::session::Session): each book (found from an opened
//! file: the nearest `book.toml` above it) is read once, open documents replace their design's
//! text in it ([`Session::set_design_text`](crate::session::Session::set_design_text)) on every
//! change, and diagnostics come from [`Session::lint`](crate::session::Session::lint), so they
//! are the findings of `mdbook-design lint`. Built on `lsp-server` and `lsp-types` (the crates
//! rust-analyzer uses): a synchronous loop over a channel, no async runtime, since every request
//! is answered from memory in well under a frame.

mod book;
mod features;
#[cfg(test)]
mod tests;
pub(crate) mod text;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    Diagnostic, DiagnosticSeverity, MessageType, NumberOrString, Position, PositionEncodingKind,
    PublishDiagnosticsParams, ServerCapabilities, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};

use crate::feature::lint;
use crate::session::LintOptions;
use book::Book;
use text::{Encoding, LineIndex};

/// Runs the server on standard input and output until the client says `exit`.
pub(crate) fn run_stdio() -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io.join().map_err(|e| format!("mdbook-design lsp: {e}"))
}

/// Serves one client over `connection`: initialize, then requests and notifications until
/// `shutdown` and `exit`.
pub(crate) fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| format!("mdbook-design lsp: {e}"))?;
    let params: lsp_types::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let offers_utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let encoding = if offers_utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let capabilities = ServerCapabilities {
        position_encoding: Some(if offers_utf8 { PositionEncodingKind::UTF8 } else { PositionEncodingKind::UTF16 }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        completion_provider: Some(lsp_types::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), "(".into(), ":".into(), "/".into()]),
            ..Default::default()
        }),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp_types::OneOf::Left(true)),
        document_symbol_provider: Some(lsp_types::OneOf::Left(true)),
        workspace_symbol_provider: Some(lsp_types::OneOf::Left(true)),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "mdbook-design", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| format!("mdbook-design lsp: {e}"))?;
    let mut server = Server { connection, state: State::new(encoding) };
    if watch {
        server.register_watchers();
    }
    server.main_loop()
}

/// One open document.
#[derive(Debug)]
pub(crate) struct Doc {
    /// The file on disk it is.
    pub(crate) file: PathBuf,
    /// Which book holds it.
    pub(crate) book: usize,
    /// The client's version of the text.
    pub(crate) version: i32,
    /// The editor's text.
    pub(crate) text: String,
    /// The last lint's findings, with their fixes' edits, against `text`.
    pub(crate) findings: Vec<lint::Diagnostic>,
    /// The design's sidecar metadata file on disk and its findings (a YAML error, a missing
    /// key), published under the sidecar's own URI.
    pub(crate) sidecar: Option<(PathBuf, Vec<Diagnostic>)>,
}

/// What the server knows: the books and the open documents. Everything but the connection, so
/// tests and the benchmark drive it directly.
#[derive(Debug)]
pub struct State {
    pub(crate) encoding: Encoding,
    pub(crate) books: Vec<Book>,
    pub(crate) docs: HashMap<String, Doc>,
}

impl State {
    /// No books, no documents; positions counted in `encoding`.
    pub fn new(encoding: Encoding) -> State {
        State { encoding, books: Vec::new(), docs: HashMap::new() }
    }

    /// The book holding `file`, read when no book read so far holds it.
    fn book_for(&mut self, file: &Path) -> (usize, Option<String>) {
        let folder = file.parent().unwrap_or(Path::new("/"));
        let root = folder.ancestors().find(|d| d.join("book.toml").is_file()).unwrap_or(folder);
        if let Some(i) = self.books.iter().position(|b| b.root == root) {
            return (i, None);
        }
        let book = Book::for_file(file);
        let error = book.error.clone();
        self.books.push(book);
        (self.books.len() - 1, error)
    }

    /// Opens `uri` with `text` at `version`; returns an error to show when its book's
    /// configuration could not be read.
    pub fn open(&mut self, uri: &str, version: i32, text: String) -> Option<String> {
        let file = uri_to_path(uri);
        let (book, error) = self.book_for(&file);
        self.books[book].set_text(&file, text.clone());
        self.docs.insert(uri.to_string(), Doc { file, book, version, text, findings: Vec::new(), sidecar: None });
        error
    }

    /// Applies incremental `changes` to an open document at `version`; a stale version (not
    /// newer than the one held) or an unknown document is ignored. Returns whether it applied.
    pub fn change(&mut self, uri: &str, version: i32, changes: Vec<lsp_types::TextDocumentContentChangeEvent>) -> bool {
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(uri) else { return false };
        if version <= doc.version {
            return false;
        }
        doc.version = version;
        text::apply_changes(&mut doc.text, changes, encoding);
        let (book, file, text) = (doc.book, doc.file.clone(), doc.text.clone());
        self.books[book].set_text(&file, text);
        true
    }

    /// Closes `uri`: the session goes back to the text on disk.
    fn close(&mut self, uri: &str) -> Option<Doc> {
        let doc = self.docs.remove(uri)?;
        if let Ok(text) = std::fs::read_to_string(&doc.file) {
            self.books[doc.book].set_text(&doc.file, text);
        }
        Some(doc)
    }

    /// Reads book `i` again from disk (its configuration, template, `SUMMARY.md` or a sidecar
    /// changed), keeping the open documents' texts; returns the error to show, if any.
    fn reload(&mut self, i: usize) -> Option<String> {
        let root = self.books[i].root.clone();
        let has_toml = self.books[i].has_toml;
        self.books[i] = if has_toml { Book::load(&root) } else { Book::for_file(&root.join("_")) };
        for doc in self.docs.values().filter(|d| d.book == i) {
            self.books[i].set_text(&doc.file, doc.text.clone());
        }
        self.books[i].error.clone()
    }

    /// A file changed on disk: the whole book is read again for its configuration files (or a
    /// deleted file), a design that is not open takes the new text, an open one keeps the
    /// editor's. Returns the books touched and the errors to show.
    fn disk_changed(&mut self, file: &Path, deleted: bool) -> (Vec<usize>, Vec<String>) {
        let (mut touched, mut errors) = (Vec::new(), Vec::new());
        for i in 0..self.books.len() {
            if !file.starts_with(&self.books[i].root) {
                continue;
            }
            if self.books[i].is_book_file(file) || deleted {
                errors.extend(self.reload(i));
                touched.push(i);
            } else if !self.docs.values().any(|d| d.file == file) {
                if let Ok(text) = std::fs::read_to_string(file) {
                    if self.books[i].set_text(file, text).is_some() {
                        touched.push(i);
                    }
                }
            }
        }
        (touched, errors)
    }

    /// Lints the open document `uri` from its text: the findings of `mdbook-design lint`, plus
    /// the warning of a design that cannot be read as one. Keeps the findings for code actions.
    pub fn diagnostics(&mut self, uri: &str) -> Vec<Diagnostic> {
        let Some(doc) = self.docs.get(uri) else { return Vec::new() };
        let book = &self.books[doc.book];
        let Some(path) = book.chapter_path(&doc.file) else { return Vec::new() };
        let index = LineIndex::new(&doc.text, self.encoding);
        let mut out = Vec::new();
        if let Some((_, _, Some(warning))) = book.session.design_at(&path) {
            let line = warning.line.saturating_sub(1) as u32;
            out.push(Diagnostic {
                range: lsp_types::Range::new(Position::new(line, 0), Position::new(line, 0)),
                severity: Some(DiagnosticSeverity::WARNING),
                source: Some("mdbook-design".into()),
                message: format!("{}\nhelp: {}", warning.message, warning.help),
                ..Default::default()
            });
        }
        let run = book.session.lint(&LintOptions::default().with_edits().only([path.clone()]));
        let mut findings = Vec::new();
        let mut sidecar = book.session.sidecar_of(&path).map(|s| (book.src.join(&s.path), Vec::new()));
        for f in run.findings {
            if f.path == path {
                findings = f.diagnostics;
            } else {
                let index = LineIndex::new(f.text, self.encoding);
                let diagnostics = f.diagnostics.iter().map(|d| to_lsp(&index, f.text, d)).collect();
                sidecar = Some((book.src.join(f.path), diagnostics));
            }
        }
        out.extend(findings.iter().map(|d| to_lsp(&index, &doc.text, d)));
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.findings = findings;
            doc.sidecar = sidecar;
        }
        out
    }

    /// The open documents of book `i`.
    fn open_in(&self, i: usize) -> Vec<String> {
        let mut uris: Vec<String> = self.docs.iter().filter(|(_, d)| d.book == i).map(|(u, _)| u.clone()).collect();
        uris.sort();
        uris
    }
}

/// A lint finding as an LSP diagnostic: the rule id as its code, the message as `lint` prints it.
fn to_lsp(index: &LineIndex, text: &str, d: &lint::Diagnostic) -> Diagnostic {
    Diagnostic {
        range: index.range(text, d.span.clone()),
        severity: Some(match d.severity {
            lint::Severity::Deny => DiagnosticSeverity::ERROR,
            _ => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.id().to_string())),
        source: Some("mdbook-design".into()),
        message: d.message.clone(),
        ..Default::default()
    }
}

struct Server<'c> {
    connection: &'c Connection,
    state: State,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), String> {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    match self.connection.handle_shutdown(&request) {
                        Ok(true) => return Ok(()),
                        Ok(false) => {}
                        Err(e) => return Err(format!("mdbook-design lsp: {e}")),
                    }
                    let response = self.request(request);
                    self.send(Message::Response(response));
                }
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn send(&self, message: Message) {
        // The client went away: the loop ends when the receiver closes.
        let _ = self.connection.sender.send(message);
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(N::METHOD.to_string(), params)));
    }

    fn show(&self, message: &str) {
        self.notify::<note::ShowMessage>(ShowMessageParams {
            typ: MessageType::ERROR,
            message: format!("mdbook-design: {message}"),
        });
    }

    fn register_watchers(&self) {
        let watchers: Vec<lsp_types::FileSystemWatcher> =
            ["**/*.md", "**/book.toml", "**/*.yaml", "**/*.yml", "**/*.toml", "**/*.json"]
                .iter()
                .map(|g| lsp_types::FileSystemWatcher {
                    glob_pattern: lsp_types::GlobPattern::String(g.to_string()),
                    kind: None,
                })
                .collect();
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp_types::Registration {
            id: "mdbook-design-watch".into(),
            method: note::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        let params = lsp_types::RegistrationParams { registrations: vec![registration] };
        self.send(Message::Request(Request::new(
            RequestId::from("mdbook-design-watch".to_string()),
            req::RegisterCapability::METHOD.into(),
            params,
        )));
    }

    /// Publishes the diagnostics of every open document of book `i` (a change to one design can
    /// change another's book-level findings), and of its `book.toml` when it does not parse.
    fn publish(&mut self, i: usize) {
        for uri in self.state.open_in(i) {
            let diagnostics = self.state.diagnostics(&uri);
            let version = self.state.docs.get(&uri).map(|d| d.version);
            if let Some((file, diagnostics)) = self.state.docs.get(&uri).and_then(|d| d.sidecar.clone()) {
                if let Ok(uri) = path_to_uri(&file).parse::<Uri>() {
                    self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
                        uri,
                        diagnostics,
                        version: None,
                    });
                }
            }
            let Ok(uri) = uri.parse::<Uri>() else { continue };
            self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams { uri, diagnostics, version });
        }
    }

    /// Publishes the error of book `i`'s `book.toml` (none clears it), after it was read.
    fn publish_config(&mut self, i: usize) {
        let book = &self.state.books[i];
        if book.has_toml {
            let diagnostics = book
                .error
                .iter()
                .map(|e| Diagnostic {
                    range: lsp_types::Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some("mdbook-design".into()),
                    message: format!("{e}; the defaults apply until it is fixed"),
                    ..Default::default()
                })
                .collect();
            if let Ok(uri) = path_to_uri(&book.root.join("book.toml")).parse::<Uri>() {
                self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams { uri, diagnostics, version: None });
            }
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidOpenTextDocumentParams>(note::DidOpenTextDocument::METHOD) else {
                    return;
                };
                let uri = p.text_document.uri.as_str().to_string();
                let known = self.state.books.len();
                if let Some(error) = self.state.open(&uri, p.text_document.version, p.text_document.text) {
                    self.show(&error);
                }
                let book = self.state.docs[&uri].book;
                if self.state.books.len() > known {
                    self.publish_config(book);
                }
                self.publish(book);
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidChangeTextDocumentParams>(note::DidChangeTextDocument::METHOD)
                else {
                    return;
                };
                let uri = p.text_document.uri.as_str().to_string();
                if self.state.change(&uri, p.text_document.version, p.content_changes) {
                    let book = self.state.docs[&uri].book;
                    self.publish(book);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidSaveTextDocumentParams>(note::DidSaveTextDocument::METHOD) else {
                    return;
                };
                let file = uri_to_path(p.text_document.uri.as_str());
                self.disk_changed(&file, false);
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidCloseTextDocumentParams>(note::DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                if let Some(doc) = self.state.close(p.text_document.uri.as_str()) {
                    self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    });
                    self.publish(doc.book);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidChangeWatchedFilesParams>(note::DidChangeWatchedFiles::METHOD)
                else {
                    return;
                };
                for change in p.changes {
                    let file = uri_to_path(change.uri.as_str());
                    self.disk_changed(&file, change.typ == lsp_types::FileChangeType::DELETED);
                }
            }
            _ => {}
        }
    }

    fn disk_changed(&mut self, file: &Path, deleted: bool) {
        let (touched, errors) = self.state.disk_changed(file, deleted);
        for e in errors {
            self.show(&e);
        }
        for i in touched {
            self.publish_config(i);
            self.publish(i);
        }
    }

    fn request(&mut self, r: Request) -> Response {
        let id = r.id.clone();
        let result = match r.method.as_str() {
            req::Completion::METHOD => parse(r).map(|p| serde_json::to_value(features::completion(&self.state, p))),
            req::HoverRequest::METHOD => parse(r).map(|p| serde_json::to_value(features::hover(&self.state, p))),
            req::GotoDefinition::METHOD => parse(r).map(|p| serde_json::to_value(features::definition(&self.state, p))),
            req::DocumentSymbolRequest::METHOD => {
                parse(r).map(|p| serde_json::to_value(features::document_symbols(&self.state, p)))
            }
            req::WorkspaceSymbolRequest::METHOD => {
                parse(r).map(|p| serde_json::to_value(features::workspace_symbols(&self.state, p)))
            }
            req::CodeActionRequest::METHOD => {
                parse(r).map(|p| serde_json::to_value(features::code_actions(&self.state, p)))
            }
            method => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("mdbook-design lsp does not handle `{method}`"),
                )
            }
        };
        match result {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err(e)) => Response::new_err(id, ErrorCode::InternalError as i32, e.to_string()),
            Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, e),
        }
    }
}

fn parse<P: serde::de::DeserializeOwned>(r: Request) -> Result<P, String> {
    serde_json::from_value(r.params).map_err(|e| format!("invalid parameters for `{}`: {e}", r.method))
}

/// The file a `file:` URI names (percent-decoded).
pub(crate) fn uri_to_path(uri: &str) -> PathBuf {
    let rest = uri.strip_prefix("file://").unwrap_or(uri);
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    PathBuf::from(crate::text::links::decode(rest).into_owned())
}

/// The `file:` URI of `path` (absolute), with every byte outside the unreserved set and `/`
/// percent-encoded.
pub(crate) fn path_to_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for &b in path.to_string_lossy().as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
