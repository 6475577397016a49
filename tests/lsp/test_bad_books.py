"""Bad books: a `book.toml` that does not parse and a sidecar with a YAML error are diagnostics
(and a message); the server goes on answering."""

import json
import subprocess

from lsprotocol import types

from conftest import BIN, OLD
from test_server import open_doc


async def test_book_toml_that_does_not_parse(client, tmp_path):
    (tmp_path / "book.toml").write_text("[book\ntitle = \n")
    design = tmp_path / "src" / "design"
    design.mkdir(parents=True)
    path = design / "old-sync.md"
    path.write_text(OLD)
    uri = await open_doc(client, path)
    toml_uri = (tmp_path / "book.toml").as_uri()
    assert any(m.type == types.MessageType.Error and "book.toml" in m.message for m in client.messages), client.messages
    assert [d.severity for d in client.diagnostics[toml_uri]] == [types.DiagnosticSeverity.Error]
    # The design is still linted, with the defaults.
    assert any(d.code == "missing-section" for d in client.diagnostics[uri])
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert symbols


async def test_sidecar_with_a_yaml_error(client, tmp_path):
    (tmp_path / "book.toml").write_text('[book]\ntitle = "T"\n\n[preprocessor.design]\nmetadata-file = "kep.yaml"\n')
    folder = tmp_path / "src" / "design" / "old-sync"
    folder.mkdir(parents=True)
    (folder / "kep.yaml").write_text("title: Old\nstatus: [implemented\n")
    path = folder / "README.md"
    path.write_text(OLD)
    await open_doc(client, path)
    sidecar_uri = (folder / "kep.yaml").as_uri()
    for _ in range(5):
        if sidecar_uri in client.diagnostics:
            break
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    found = client.diagnostics[sidecar_uri]
    assert found and all(d.source == "mdbook-design" for d in found), found
    assert any(d.range.start.line in (0, 1, 2) for d in found)


async def test_summary_change_on_disk_updates_open_designs(client, tmp_path):
    """SUMMARY.md changed on disk (a watched-file notification): the open design's book-level
    finding `not-in-summary` follows it."""
    (tmp_path / "book.toml").write_text('[book]\ntitle = "T"\n\n[preprocessor.design]\n')
    design = tmp_path / "src" / "design"
    design.mkdir(parents=True)
    path = design / "old-widget-sync.md"
    path.write_text(OLD)
    summary = tmp_path / "src" / "SUMMARY.md"
    summary.write_text("# Summary\n\n- [Old](design/old-widget-sync.md)\n")
    uri = await open_doc(client, path)
    assert "not-in-summary" not in [d.code for d in client.diagnostics[uri]]
    summary.write_text("# Summary\n\n- [Other](other.md)\n")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=summary.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    for _ in range(5):
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if "not-in-summary" in [d.code for d in client.diagnostics[uri]]:
            break
    assert "not-in-summary" in [d.code for d in client.diagnostics[uri]]


async def test_template_sidecar_keys_match_lint(client, tmp_path):
    """The template's own sidecar lists the keys every sidecar must have: the server reads it as
    `lint` does, so a sidecar without one of them has the same `sidecar-keys` finding in both."""
    (tmp_path / "book.toml").write_text(
        '[book]\ntitle = "T"\n\n[preprocessor.design]\ndesigns = ["**/README.md"]\n'
        'metadata-file = "kep.yaml"\ntemplate = "NNNN-template/README.md"\n'
    )
    src = tmp_path / "src"
    template = src / "NNNN-template"
    template.mkdir(parents=True)
    (template / "README.md").write_text("# Title\n\n## Summary\n\nOne paragraph.\n")
    (template / "kep.yaml").write_text("title: Title\nstatus: provisional\nreviewers:\n  - TBD\n")
    folder = src / "old-sync"
    folder.mkdir()
    sidecar = folder / "kep.yaml"
    sidecar.write_text("title: Old\nstatus: implemented\n")
    path = folder / "README.md"
    path.write_text(OLD)
    await open_doc(client, path)
    sidecar_uri = sidecar.as_uri()
    for _ in range(5):
        if sidecar_uri in client.diagnostics:
            break
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    # The oracle: the command line on the same book, for the sidecar's findings.
    out = subprocess.run(
        [BIN, "lint", "--format", "json", "--book", str(tmp_path)], capture_output=True, text=True, cwd=tmp_path
    )
    assert out.returncode in (0, 1), out.stderr
    want = sorted(
        (f["rule"], f["message"], f["line"] - 1)
        for f in json.loads(out.stdout)
        if f["file"].endswith("old-sync/kep.yaml")
    )
    assert any(rule == "sidecar-keys" and "reviewers" in message for rule, message, _ in want), want
    found = sorted((d.code, d.message, d.range.start.line) for d in client.diagnostics.get(sidecar_uri, []))
    assert found == want


async def test_baseline_hides_what_lint_hides(client, tmp_path):
    """`baseline = "FILE"` in book.toml: the server reports what `lint` reports with it (none of
    the recorded findings, then exactly a new one), and reads the baseline again when
    `lint --write-baseline` rewrites it (a watched-file notification)."""
    toml = '[book]\ntitle = "T"\n\n[preprocessor.design]\n'
    (tmp_path / "book.toml").write_text(toml)
    design = tmp_path / "src" / "design"
    design.mkdir(parents=True)
    path = design / "old-sync.md"
    path.write_text(OLD)

    def lint(*args):
        out = subprocess.run([BIN, "lint", *args], capture_output=True, text=True, cwd=tmp_path)
        assert out.returncode in (0, 1), out.stderr
        return out

    assert json.loads(lint("--format", "json").stdout), "the design has findings to record"
    lint("--write-baseline", "lint-baseline.json")
    (tmp_path / "book.toml").write_text(toml + 'baseline = "lint-baseline.json"\n')
    assert json.loads(lint("--format", "json").stdout) == [], "lint honours the key"
    uri = await open_doc(client, path)
    assert [d.code for d in client.diagnostics[uri] if d.code] == [], client.diagnostics[uri]

    # A new finding in the open document: exactly it, as `lint` reports the saved text.
    new_text = OLD + "\nA new paragraph written long enough to run well past the seventy-nine column limit.\n"
    path.write_text(new_text)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=new_text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    want = sorted((f["rule"], f["message"], f["line"] - 1) for f in json.loads(lint("--format", "json").stdout))
    assert [w[0] for w in want] == ["line-length"], want
    found = sorted((d.code, d.message, d.range.start.line) for d in client.diagnostics[uri] if d.code)
    assert found == want

    # The baseline written again records it: the server reads the new file and reports none.
    lint("--write-baseline", "lint-baseline.json")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(tmp_path / "lint-baseline.json").as_uri(), type=types.FileChangeType.Changed
                )
            ]
        )
    )
    for _ in range(5):
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if not [d for d in client.diagnostics[uri] if d.code]:
            break
    assert [d.code for d in client.diagnostics[uri] if d.code] == []
