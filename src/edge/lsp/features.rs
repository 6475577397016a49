//! The requests: completion, hover, go-to-definition, symbols and code actions, answered from
//! the session and the open document's text.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CompletionItem, CompletionItemKind,
    CompletionParams, CompletionResponse, CompletionTextEdit, DocumentSymbol, DocumentSymbolParams,
    DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location,
    MarkupContent, MarkupKind, SymbolInformation, SymbolKind, TextEdit, Uri, WorkspaceEdit, WorkspaceSymbolParams,
    WorkspaceSymbolResponse,
};

use super::text::LineIndex;
use super::{path_to_uri, to_lsp, Doc, State};
use crate::model::design::Design;
use crate::model::status::Status;
use crate::text::edit::Edit;

/// An open document with its book, chapter path, model and line index.
struct At<'s> {
    state: &'s State,
    doc: &'s Doc,
    path: String,
    design: Option<&'s Design>,
    index: LineIndex,
    uri: Uri,
}

fn at<'s>(state: &'s State, uri: &Uri) -> Option<At<'s>> {
    let doc = state.docs.get(uri.as_str())?;
    let book = &state.books[doc.book];
    let path = book.chapter_path(&doc.file)?;
    let design = book.session.design_at(&path).and_then(|(_, d, _)| d);
    Some(At { state, doc, path, design, index: LineIndex::new(&doc.text, state.encoding), uri: uri.clone() })
}

impl At<'_> {
    fn book(&self) -> &super::book::Book {
        &self.state.books[self.doc.book]
    }

    fn range(&self, span: std::ops::Range<usize>) -> lsp_types::Range {
        self.index.range(&self.doc.text, span)
    }

    /// The design a link written in this document points to (its chapter path), and the anchor.
    fn target<'l>(&self, dest: &'l str) -> Option<(String, Option<&'l str>)> {
        let (file, anchor) = match dest.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (dest, None),
        };
        if crate::text::links::scheme(file).is_some() {
            return None;
        }
        if file.is_empty() {
            return Some((self.path.clone(), anchor));
        }
        let target = crate::text::links::resolve(&self.path, &crate::text::links::decode(file))?;
        self.book().session.design_at(&target)?;
        Some((target, anchor))
    }

    /// The link under byte `offset`.
    fn link_at(&self, offset: usize) -> Option<&crate::text::markdown::Link> {
        self.design?.outline.links.iter().find(|l| l.range.start <= offset && offset < l.range.end)
    }
}

/// `## ` gives the template's section names in template order; the Status section and front
/// matter `status:` give the seven words and the book's aliases; `](` gives links to the other
/// designs by title. Only the items that match what is typed so far are sent (see [`matches`]):
/// not every client filters them (Neovim's omnifunc inserts the first item of the list).
pub(super) fn completion(state: &State, p: CompletionParams) -> Option<CompletionResponse> {
    let at = at(state, &p.text_document_position.text_document.uri)?;
    let text = &at.doc.text;
    let offset = at.index.offset(text, p.text_document_position.position);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let project = at.book().session.project();
    let replace = |from: usize| at.range(from..offset);
    // A heading: `## ` then what is typed so far.
    let hashes = prefix.len() - prefix.trim_start_matches('#').len();
    if hashes >= 2 && prefix[hashes..].starts_with(' ') && !prefix[hashes..].contains('#') {
        let from = line_start + hashes + 1;
        let typed = &text[from..offset];
        let items = project
            .template
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.level as usize == hashes && matches(&s.name, typed))
            .map(|(i, s)| CompletionItem {
                label: s.name.clone(),
                kind: Some(CompletionItemKind::MODULE),
                sort_text: Some(format!("{i:04}")),
                detail: Some(if s.optional { "optional section" } else { "template section" }.into()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace(from), s.name.clone()))),
                ..Default::default()
            })
            .collect();
        return Some(CompletionResponse::Array(items));
    }
    // A link destination: after the last `](` with no `)` or space since.
    if let Some(open) = prefix.rfind("](") {
        let typed = &prefix[open + 2..];
        if !typed.contains([')', ' ']) {
            let from = line_start + open + 2;
            let dir = crate::text::links::dir_of(&at.path);
            let items = at
                .book()
                .session
                .entries
                .iter()
                .filter(|e| e.path != at.path)
                .filter_map(|e| {
                    let link = crate::text::links::encode_path(&crate::text::links::relative(dir, &e.path));
                    let found = typed.is_empty() || contains(&link, typed) || contains(&e.title, typed);
                    found.then(|| CompletionItem {
                        label: e.title.clone(),
                        kind: Some(CompletionItemKind::FILE),
                        detail: Some(format!("{} ({})", e.path, e.status.as_str())),
                        filter_text: Some(format!("{link} {}", e.title)),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace(from), link))),
                        ..Default::default()
                    })
                })
                .collect();
            return Some(CompletionResponse::Array(items));
        }
    }
    // A status: front matter `status:`, or a line of the Status section.
    let in_front = at
        .design
        .and_then(|d| d.outline.front_matter.as_ref())
        .is_some_and(|f| f.body.start <= offset && offset <= f.body.end);
    let front_status = in_front && prefix.trim_start().starts_with("status:");
    let in_section = at
        .design
        .and_then(|d| d.section(&project.template, "Status"))
        .is_some_and(|s| s.body.start <= offset && offset <= s.body.end)
        && !prefix.trim_start().starts_with('#');
    if front_status || in_section {
        let word_start = offset - prefix.len() + prefix.rfind([' ', ':', '*', '_', '`']).map_or(0, |i| i + 1);
        let typed = &text[word_start.max(line_start)..offset];
        let mut items: Vec<CompletionItem> = Status::CANONICAL
            .iter()
            .enumerate()
            .filter(|(_, s)| matches(s.as_str(), typed))
            .map(|(i, s)| CompletionItem {
                label: s.as_str().to_string(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                sort_text: Some(format!("0{i}")),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    replace(word_start.max(line_start)),
                    s.as_str().to_string(),
                ))),
                ..Default::default()
            })
            .collect();
        items.extend(project.aliases.iter().filter(|(alias, _)| matches(alias, typed)).map(|(alias, s)| {
            CompletionItem {
                label: alias.clone(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                detail: Some(format!("alias of {}", s.as_str())),
                sort_text: Some(format!("1{alias}")),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    replace(word_start.max(line_start)),
                    alias.clone(),
                ))),
                ..Default::default()
            }
        }));
        return Some(CompletionResponse::Array(items));
    }
    None
}

/// Whether a completion `label` goes with what is `typed` before the cursor: it starts with it,
/// ignoring case (an empty `typed` matches every label).
fn matches(label: &str, typed: &str) -> bool {
    label.get(..typed.len()).is_some_and(|start| start.eq_ignore_ascii_case(typed))
}

/// Whether `haystack` holds `typed`, ignoring ASCII case.
fn contains(haystack: &str, typed: &str) -> bool {
    haystack.to_ascii_lowercase().contains(&typed.to_ascii_lowercase())
}

/// A link to another design: its title, status and Summary.
pub(super) fn hover(state: &State, p: HoverParams) -> Option<Hover> {
    let at = at(state, &p.text_document_position_params.text_document.uri)?;
    let offset = at.index.offset(&at.doc.text, p.text_document_position_params.position);
    let link = at.link_at(offset)?;
    let (target, _) = at.target(&link.dest)?;
    let entry = at.book().session.entry(&target)?;
    let mut value = format!("**{}**\n\nStatus: {}", entry.title, entry.status.as_str());
    if let Some(summary) = &entry.summary {
        value.push_str(&format!("\n\n{summary}"));
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
        range: Some(at.range(link.range.clone())),
    })
}

/// A design link goes to the design (its title), an `#anchor` to the heading whose id it is (as
/// the linter computes ids).
pub(super) fn definition(state: &State, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let at = at(state, &p.text_document_position_params.text_document.uri)?;
    let offset = at.index.offset(&at.doc.text, p.text_document_position_params.position);
    let link = at.link_at(offset)?;
    let (target, anchor) = at.target(&link.dest)?;
    let (text, design, _) = at.book().session.design_at(&target)?;
    let design = design?;
    let smart = at.book().session.project().config.smart_punctuation;
    let span = match anchor.filter(|a| !a.is_empty()) {
        Some(anchor) => {
            let ids = crate::feature::anchors::element_ids(text, design, smart);
            let found = ids.iter().position(|id| id == anchor)?;
            let heading = design.outline.id_targets[found].heading?;
            design.outline.headings[heading].range.clone()
        }
        None => design.title_heading().map_or(0..0, |h| h.range.clone()),
    };
    let range = LineIndex::new(text, state.encoding).range(text, span);
    let uri = path_to_uri(&at.book().src.join(&target)).parse().ok()?;
    Some(GotoDefinitionResponse::Scalar(Location { uri, range }))
}

/// The outline: the template's sections as the design has them.
pub(super) fn document_symbols(state: &State, p: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let at = at(state, &p.text_document.uri)?;
    let design = at.design?;
    #[allow(deprecated)]
    let symbols = design
        .sections
        .iter()
        .map(|s| {
            let heading = design.heading(s);
            DocumentSymbol {
                name: heading.text.clone(),
                detail: None,
                kind: SymbolKind::NAMESPACE,
                tags: None,
                deprecated: None,
                range: at.range(heading.range.start..s.body.end.max(heading.range.end)),
                selection_range: at.range(heading.range.clone()),
                children: None,
            }
        })
        .collect();
    Some(DocumentSymbolResponse::Nested(symbols))
}

/// Designs of every book read so far whose title holds the query (case-insensitive).
pub(super) fn workspace_symbols(state: &State, p: WorkspaceSymbolParams) -> Option<WorkspaceSymbolResponse> {
    let query = p.query.to_lowercase();
    let mut out = Vec::new();
    for book in &state.books {
        for e in &book.session.entries {
            if !e.title.to_lowercase().contains(&query) {
                continue;
            }
            let Ok(uri) = path_to_uri(&book.src.join(&e.path)).parse() else { continue };
            #[allow(deprecated)]
            out.push(SymbolInformation {
                name: e.title.clone(),
                kind: SymbolKind::FILE,
                tags: None,
                deprecated: None,
                location: Location { uri, range: lsp_types::Range::default() },
                container_name: Some(e.status.as_str().to_string()),
            });
        }
    }
    Some(WorkspaceSymbolResponse::Flat(out))
}

/// A quick fix per fixable finding in the range (its fix's edits), and "Set status" actions:
/// the edits of `mdbook-design status set`, and "replaced by" each design this one links to.
pub(super) fn code_actions(state: &State, p: CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let at = at(state, &p.text_document.uri)?;
    let text = &at.doc.text;
    let (start, end) = (at.index.offset(text, p.range.start), at.index.offset(text, p.range.end));
    let mut actions = Vec::new();
    for d in &at.doc.findings {
        let Some(fix) = &d.fix else { continue };
        if d.span.start > end || d.span.end.max(d.span.start) < start {
            continue;
        }
        let edit = workspace_edit(vec![(p.text_document.uri.clone(), text.as_str(), fix.edits.clone())], &at.index);
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![to_lsp(&at.index, text, d)]),
            edit: Some(edit),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    let Some(design) = at.design else { return Some(actions) };
    let book = at.book();
    let sidecar = book.session.sidecar_of(&at.path);
    let current = design.status();
    for status in Status::CANONICAL.iter().copied().filter(|s| *s != current) {
        if let Some(edit) = status_edit(&at, status, sidecar, None) {
            actions.push(action(format!("Set status: {}", status.as_str()), edit));
        }
    }
    // "Replaced by": the designs this one links to (a book of thousands of designs would make a
    // menu no one reads; the replacing design is nearly always linked from the replaced one).
    let mut seen = Vec::new();
    for link in &design.outline.links {
        let Some((target, _)) = at.target(&link.dest) else { continue };
        if target == at.path || seen.contains(&target) {
            continue;
        }
        seen.push(target.clone());
        let Some((new_text, _, _)) = book.session.design_at(&target) else { continue };
        let new_file = book.src.join(&target);
        let title = book.session.entry(&target).map_or(target.clone(), |e| e.title.clone());
        if let Some(edit) = status_edit(&at, Status::Replaced, sidecar, Some((&new_file, new_text))) {
            actions.push(action(format!("Set status: replaced by {title}"), edit));
        }
    }
    Some(actions)
}

fn action(title: String, edit: WorkspaceEdit) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::REFACTOR_REWRITE),
        edit: Some(edit),
        ..Default::default()
    })
}

/// The edits of `status set` as a workspace edit, from the editor's text.
fn status_edit(
    at: &At<'_>,
    status: Status,
    sidecar: Option<&crate::model::design::SidecarText>,
    replaced_by: Option<(&std::path::Path, &str)>,
) -> Option<WorkspaceEdit> {
    let project = at.book().session.project();
    let change =
        crate::edge::workflow::status_edits(project, &at.doc.file, &at.doc.text, status, sidecar, replaced_by).ok()?;
    let files: Vec<(Uri, &str, Vec<Edit>)> = change
        .files
        .iter()
        .filter_map(|f| {
            let uri = if f.path == at.doc.file { at.uri.clone() } else { path_to_uri(&f.path).parse().ok()? };
            Some((uri, f.text.as_str(), f.edits.clone()))
        })
        .collect();
    (!files.is_empty()).then(|| workspace_edit(files, &at.index))
}

/// Byte-range edits per file as a workspace edit (positions from each file's own text, counted
/// as `index` counts them).
// `WorkspaceEdit::changes` is keyed by `Uri`, whose parsed parts clippy takes for mutable; the
// map is built and handed over, never mutated through a key.
#[allow(clippy::mutable_key_type)]
fn workspace_edit(files: Vec<(Uri, &str, Vec<Edit>)>, index: &LineIndex) -> WorkspaceEdit {
    let encoding = if index.is_utf8() { super::text::Encoding::Utf8 } else { super::text::Encoding::Utf16 };
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (uri, text, edits) in files {
        let index = LineIndex::new(text, encoding);
        changes
            .entry(uri)
            .or_default()
            .extend(edits.into_iter().map(|e| TextEdit::new(index.range(text, e.range), e.text)));
    }
    WorkspaceEdit { changes: Some(changes), ..Default::default() }
}
