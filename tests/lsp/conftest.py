"""Starts `mdbook-design lsp` for each test, over a temporary design book.

The binary comes from MDBOOK_DESIGN_BIN (set by tests/lsp.rs to cargo's build of it), else
`cargo metadata`'s target directory; no absolute path is written here.
"""

import json
import os
import pathlib
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]


def binary() -> str:
    found = os.environ.get("MDBOOK_DESIGN_BIN")
    if found:
        return found
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    return str(pathlib.Path(json.loads(meta.stdout)["target_directory"]) / "debug" / "mdbook-design")


BIN = binary()

# A design with findings: a leftover `One of:` prompt, a loose status word, sections out of
# order, a link to the other design and an anchor.
WIDGET = """# Faster widget sync

## Summary

Widgets sync in one round trip. See [the old sync](old-sync.md) and [goals](#goals).

## Status

implementable

## Motivation

Syncing is slow.

### Goals

Be fast. 😀 Ünïcödé before a finding moves its columns: [gone](gone.md).

## Proposal

Do it.
"""

OLD = """# Old widget sync

## Summary

The first way widgets were synced, in three round trips.

## Status

implemented

## Motivation

It was needed.

## Proposal

Poll.
"""


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> pathlib.Path:
    root = tmp_path_factory.mktemp("book")
    (root / "book.toml").write_text('[book]\ntitle = "Test"\n\n[preprocessor.design]\n')
    design = root / "src" / "design"
    design.mkdir(parents=True)
    (root / "src" / "SUMMARY.md").write_text(
        "# Summary\n\n- [Faster widget sync](design/faster-widget-sync.md)\n- [Old](design/old-sync.md)\n"
    )
    (design / "faster-widget-sync.md").write_text(WIDGET)
    (design / "old-sync.md").write_text(OLD)
    return root


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def client(lsp_client: LanguageClient):
    # The server asks to watch book files when the client offers dynamic registration.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def _register(params):
        return None

    params = types.InitializeParams(capabilities=client_capabilities("visual-studio-code"))
    lsp_client.initialize_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()
