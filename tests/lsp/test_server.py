"""End-to-end: a real LSP client (pytest-lsp) against `mdbook-design lsp`, checked against
`mdbook-design lint --format json` run on the same file (a separate process, the oracle)."""

import json
import subprocess

from lsprotocol import types

from conftest import BIN, ROOT


def uri_of(path):
    return path.as_uri()


def lint_json(book, path):
    """The CLI's findings for `path`, as JSON (the oracle)."""
    out = subprocess.run(
        [BIN, "lint", "--format", "json", "--book", str(book), str(path)],
        capture_output=True, text=True, cwd=book,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def utf16_column(line_text, column):
    """LSP character (UTF-16 code units) of the CLI's 1-based character column."""
    return len(line_text[: column - 1].encode("utf-16-le")) // 2


def expected(book, path):
    lines = path.read_text().split("\n")
    out = []
    for f in lint_json(book, path):
        start = (f["line"] - 1, utf16_column(lines[f["line"] - 1], f["column"]))
        end = (f["end_line"] - 1, utf16_column(lines[f["end_line"] - 1], f["end_column"]))
        severity = types.DiagnosticSeverity.Error if f["severity"] == "deny" else types.DiagnosticSeverity.Warning
        out.append((f["rule"], f["message"], start, end, severity))
    return sorted(out)


def got(diagnostics):
    return sorted(
        (
            d.code,
            d.message,
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
            d.severity,
        )
        for d in diagnostics
        if d.code is not None
    )


async def open_doc(client, path, text=None):
    uri = uri_of(path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=path.read_text() if text is None else text
            )
        )
    )
    # book.toml's or a sidecar's diagnostics may come first.
    while uri not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def apply(text, edits):
    """Applies LSP text edits (UTF-16 positions) to `text`, last first."""
    lines = text.split("\n")

    def offset(pos):
        before = sum(len(l) + 1 for l in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units, i = 0, 0
        while i < len(line) and units < pos.character:
            units += len(line[i].encode("utf-16-le")) // 2
            i += 1
        return before + i

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


async def test_diagnostics_equal_lint_json(client, book):
    path = book / "src" / "design" / "faster-widget-sync.md"
    uri = await open_doc(client, path)
    want = expected(book, path)
    assert want, "the fixture design must have findings"
    assert got(client.diagnostics[uri]) == want
    assert all(d.source == "mdbook-design" for d in client.diagnostics[uri])


async def test_quick_fix_removes_the_finding(client, book):
    path = book / "src" / "design" / "faster-widget-sync.md"
    uri = await open_doc(client, path)
    oracle = [f for f in lint_json(book, path) if f["fixable"]]
    assert oracle, "the fixture design must have a fixable finding"
    rule, message = oracle[0]["rule"], oracle[0]["message"]
    fixable = [d for d in client.diagnostics[uri] if d.code == rule and d.message == message]
    assert fixable, [d.code for d in client.diagnostics[uri]]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=fixable[0].range,
            context=types.CodeActionContext(diagnostics=fixable),
        )
    )
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert quick, [a.title for a in actions]
    new_text = apply(path.read_text(), quick[0].edit.changes[uri])
    assert new_text != path.read_text()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=new_text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    left = [(d.code, d.message) for d in client.diagnostics[uri]]
    assert (rule, message) not in left, left
    # The oracle agrees on the fixed text.
    fixed = book / "src" / "design" / "fixed-copy.md"
    fixed.write_text(new_text)
    try:
        assert (rule, message) not in [(f["rule"], f["message"]) for f in lint_json(book, fixed)]
    finally:
        fixed.unlink()


async def test_set_status_action_matches_status_set(client, book, tmp_path):
    path = book / "src" / "design" / "old-sync.md"
    uri = await open_doc(client, path)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    titles = [a.title for a in actions]
    assert "Set status: withdrawn" in titles, titles
    action = next(a for a in actions if a.title == "Set status: withdrawn")
    edited = apply(path.read_text(), action.edit.changes[uri])
    # The CLI's `status set` on a copy of the book is the oracle.
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(book, copy)
    out = subprocess.run([BIN, "status", "set", str(copy / "src/design/old-sync.md"), "withdrawn"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert edited == (copy / "src/design/old-sync.md").read_text()


async def test_complete_section_and_status(client, book):
    path = book / "src" / "design" / "faster-widget-sync.md"
    text = path.read_text()
    uri = await open_doc(client, path, text + "\n## ")
    last = len((text + "\n## ").split("\n")) - 1
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=last, character=3)
        )
    )
    labels = [i.label for i in sorted(items, key=lambda i: i.sort_text)]
    # The oracle: the level-2 headings of the built-in template, in order.
    template = (ROOT / "src" / "model" / "template.md").read_text().split("\n")
    want = [l[3:].strip() for l in template if l.startswith("## ")]
    assert labels == want, labels
    status_line = text.split("\n").index("implementable")
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=status_line, character=0)
        )
    )
    labels = {i.label for i in items}
    words = {"provisional", "implementable", "implemented", "deferred", "rejected", "withdrawn", "replaced"}
    assert words <= labels, labels
    # After `impl`, only the words that go on from it: not every client filters the list
    # (Neovim's omnifunc inserts the first item).
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=status_line, character=4)
        )
    )
    assert {i.label for i in items} == {w for w in words if w.startswith("impl")}, [i.label for i in items]


async def test_hover_and_definition_on_a_link(client, book):
    path = book / "src" / "design" / "faster-widget-sync.md"
    uri = await open_doc(client, path)
    lines = path.read_text().split("\n")
    line = next(i for i, l in enumerate(lines) if "old-sync.md" in l)
    character = len(lines[line][: lines[line].index("[the old sync]") + 3].encode("utf-16-le")) // 2
    pos = types.Position(line=line, character=character)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert "Old widget sync" in hover.contents.value
    assert "implemented" in hover.contents.value
    assert "three round trips" in hover.contents.value
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=pos)
    )
    assert found.uri == uri_of(book / "src" / "design" / "old-sync.md")
    assert found.range.start.line == 0
    anchor = types.Position(line=line, character=lines[line].index("[goals]") + 2)
    found = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=anchor)
    )
    assert found.uri == uri
    assert lines[found.range.start.line] == "### Goals"


async def test_symbols(client, book):
    path = book / "src" / "design" / "faster-widget-sync.md"
    uri = await open_doc(client, path)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert [s.name for s in symbols][:2] == ["Summary", "Status"]
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="old widget"))
    assert [s.name for s in found] == ["Old widget sync"]


async def test_bad_input_keeps_the_server_running(client, book):
    path = book / "src" / "design" / "faster-widget-sync.md"
    uri = await open_doc(client, path)
    # An unknown method is an error response, not the end of the server.
    try:
        await client.protocol.send_request_async("mdbook-design/unknown", {})
        raise AssertionError("an unknown method must be an error")
    except Exception as e:  # pygls raises the JSON-RPC error
        assert "does not handle" in str(e) or "MethodNotFound" in type(e).__name__ or "-32601" in str(e), e
    # A stale version is ignored: the diagnostics stay those of version 1.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=0),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="\x00 binary")],
        )
    )
    # Malformed text (an unclosed fence) is a diagnostic, not a crash.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=5),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="# T\n\n```\nunclosed\n")],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query=""))
    assert symbols is not None


async def test_replaced_by_action_matches_status_set(client, book, tmp_path):
    """'Set status: replaced by <design>' edits both designs as `status set --replaced-by` does."""
    import shutil

    path = book / "src" / "design" / "faster-widget-sync.md"
    other = book / "src" / "design" / "old-sync.md"
    uri = await open_doc(client, path)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    action = next((a for a in actions if a.title == "Set status: replaced by Old widget sync"), None)
    assert action is not None, [a.title for a in actions]
    copy = tmp_path / "copy"
    shutil.copytree(book, copy)
    out = subprocess.run(
        [BIN, "status", "set", str(copy / "src/design/faster-widget-sync.md"), "replaced",
         "--replaced-by", str(copy / "src/design/old-sync.md")],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    changes = action.edit.changes
    assert set(changes) == {uri, uri_of(other)}
    assert apply(path.read_text(), changes[uri]) == (copy / "src/design/faster-widget-sync.md").read_text()
    assert apply(other.read_text(), changes[uri_of(other)]) == (copy / "src/design/old-sync.md").read_text()


async def test_complete_a_link_to_another_design(client, book):
    path = book / "src" / "design" / "faster-widget-sync.md"
    text = path.read_text() + "\nSee [it]("
    uri = await open_doc(client, path, text)
    lines = text.split("\n")
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=len(lines) - 1, character=len(lines[-1])),
        )
    )
    by_title = {i.label: i for i in items}
    assert set(by_title) == {"Old widget sync"}, list(by_title)
    assert by_title["Old widget sync"].text_edit.new_text == "old-sync.md"


def test_clean_exit_after_shutdown_and_exit():
    """The raw protocol, without a client library: initialize, shutdown, exit, and exit code 0."""

    def frame(obj):
        body = json.dumps(obj).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    out = subprocess.run([BIN, "lsp"], input=b"".join(frame(m) for m in messages), capture_output=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert b'"id":2' in out.stdout and b'"result":null' in out.stdout, out.stdout


async def test_rename_nothing_by_accident(client, book):
    """No rename is offered: a rename request is refused, and the book on disk is untouched."""
    before = {p: p.read_text() for p in (book / "src").rglob("*.md")}
    path = book / "src" / "design" / "faster-widget-sync.md"
    uri = await open_doc(client, path)
    assert client.initialize_result.capabilities.rename_provider in (None, False)
    try:
        result = await client.text_document_rename_async(
            types.RenameParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=0, character=3),
                new_name="Slower widget sync",
            )
        )
    except Exception as e:
        result = e
    assert not isinstance(result, types.WorkspaceEdit), result
    assert {p: p.read_text() for p in (book / "src").rglob("*.md")} == before


async def test_utf8_positions_when_the_client_offers_them(book):
    """A client that offers `utf-8` gets UTF-8 positions: columns count bytes."""
    from pytest_lsp import ClientServerConfig, client_capabilities

    config = ClientServerConfig(server_command=[BIN, "lsp"])
    client = await config.start()
    try:
        capabilities = client_capabilities("visual-studio-code")
        capabilities.general = types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8])
        result = await client.initialize_session(types.InitializeParams(capabilities=capabilities))
        assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        path = book / "src" / "design" / "faster-widget-sync.md"
        uri = await open_doc(client, path)
        lines = path.read_text().split("\n")
        want = []
        for f in lint_json(book, path):
            line = lines[f["line"] - 1]
            want.append((f["rule"], f["line"] - 1, len(line[: f["column"] - 1].encode("utf-8"))))
        got = [(d.code, d.range.start.line, d.range.start.character) for d in client.diagnostics[uri] if d.code]
        assert sorted(got) == sorted(want)
        assert any(not lines[line].isascii() for _, line, _ in want), "a finding must follow non-ASCII text"
    finally:
        await client.shutdown_session()
