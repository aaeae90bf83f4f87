"""Fixtures of the language-server tests: ``nianbao lsp`` in a subprocess, driven by pytest-lsp."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from ..paths import seed_path

SERVER = [sys.executable, "-m", "nianbao", "lsp"]
HERE = Path(__file__).parent


class RecordingClient(LanguageClient):
    """pytest-lsp's client, also keeping every publishDiagnostics with its version, in order."""

    published: list[types.PublishDiagnosticsParams]
    registrations: list[types.Registration]


def make_client() -> RecordingClient:
    client = RecordingClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []

    def record(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)
        client.diagnostics[params.uri] = params.diagnostics

    def register_capability(client: RecordingClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # as VS Code does: file watchers

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    features[types.CLIENT_REGISTER_CAPABILITY] = register_capability
    register_lsp_features(client, features)
    return client


def server_config(env: dict[str, str] | None = None) -> ClientServerConfig:
    full = {**os.environ, **env} if env else None
    return ClientServerConfig(server_command=SERVER, client_factory=make_client, server_env=full)


async def start(client: LanguageClient, capabilities: types.ClientCapabilities, root: Path) -> None:
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="reports")],
        )
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder holding copies of the seeds (no configuration file above it)."""
    for prefix in ("000", "001", "002", "003", "004"):
        src = seed_path(prefix)
        (tmp_path / src.name).write_text(src.read_text("utf-8"), encoding="utf-8")
    return tmp_path


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: RecordingClient, workspace: Path):
    """A VS Code–like client: UTF-16 positions, push diagnostics, workspace/configuration."""
    await start(lsp_client, client_capabilities("visual-studio-code"), workspace)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def nvim_client(lsp_client: RecordingClient, workspace: Path):
    """A Neovim 0.11–like client: UTF-8 positions, pull diagnostics."""
    await start(lsp_client, client_capabilities("neovim@0.11"), workspace)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=server_config())
async def bare_client(lsp_client: RecordingClient, workspace: Path):
    """A client that declares nothing: UTF-16, push, no workspace/configuration."""
    await start(lsp_client, types.ClientCapabilities(), workspace)
    yield
    await lsp_client.shutdown_session()


BROKEN = HERE / "fixtures" / "broken_plugin"


@pytest_lsp.fixture(
    config=server_config({"PYTHONPATH": str(BROKEN), "NIANBAO_BROKEN": "rules"}),
)
async def broken_rules_client(lsp_client: RecordingClient, workspace: Path):
    """The server with a third-party plugin whose rules raise or yield garbage."""
    await start(lsp_client, client_capabilities("visual-studio-code"), workspace)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(
    config=server_config({"PYTHONPATH": str(BROKEN), "NIANBAO_BROKEN": "hook"}),
)
async def broken_hook_client(lsp_client: RecordingClient, workspace: Path):
    """The server with a third-party plugin whose ``nianbao_rules`` hook itself raises."""
    await start(lsp_client, client_capabilities("visual-studio-code"), workspace)
    yield
    await lsp_client.shutdown_session()


# --------------------------------------------------------------------------- helpers


def open_doc(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="plaintext",
                version=version,
                text=path.read_text("utf-8") if text is None else text,
            )
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, *changes) -> None:
    """Send ``didChange``: each change is ``(range, text)`` (incremental) or a str (the whole text)."""
    events = []
    for c in changes:
        if isinstance(c, str):
            events.append(types.TextDocumentContentChangeWholeDocument(text=c))
        else:
            rng, text = c
            events.append(types.TextDocumentContentChangePartial(range=rng, text=text))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=events,
        )
    )


async def published(client: RecordingClient, uri: str, version: int | None, timeout: float = 15.0):
    """The first publishDiagnostics for ``uri`` at ``version`` (waits for it)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        for p in client.published:
            if p.uri == uri and p.version == version:
                return p
        if loop.time() > deadline:
            seen = [(p.uri.rsplit("/", 1)[-1], p.version) for p in client.published]
            raise AssertionError(f"no diagnostics published for {uri} version {version}; got {seen}")
        await asyncio.sleep(0.01)


def rng(line: int, char: int, end_line: int | None = None, end_char: int | None = None) -> types.Range:
    return types.Range(
        start=types.Position(line=line, character=char),
        end=types.Position(
            line=line if end_line is None else end_line, character=char if end_char is None else end_char
        ),
    )


def utf16_column(line: str, index: int) -> int:
    """UTF-16 code units before ``line[index]`` (an independent reference for the server's conversion)."""
    return len(line[:index].encode("utf-16-le")) // 2


def utf16_index(line: str, units: int) -> int:
    """The str index at ``units`` UTF-16 code units into ``line``."""
    count = 0
    for i, ch in enumerate(line):
        if count >= units:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def lsp_lines(text: str) -> list[str]:
    import re

    out, start = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        out.append(text[start : m.end()])
        start = m.end()
    out.append(text[start:])
    return out


def offset_of(text: str, pos: types.Position) -> int:
    lines = lsp_lines(text)
    return sum(len(x) for x in lines[: pos.line]) + utf16_index(lines[pos.line].rstrip("\r\n"), pos.character)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``, as an editor would."""
    spans = sorted(
        ((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text) for e in edits), reverse=True
    )
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


def edits_of(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    out: list[types.TextEdit] = []
    for dc in edit.document_changes or ():
        if isinstance(dc, types.TextDocumentEdit) and dc.text_document.uri == uri:
            out.extend(e for e in dc.edits if isinstance(e, types.TextEdit))
    out.extend((edit.changes or {}).get(uri, ()))
    return out


def line_of(text: str, needle: str) -> int:
    """0-based number of the first line starting with ``needle``."""
    for i, line in enumerate(lsp_lines(text)):
        if line.startswith(needle):
            return i
    raise AssertionError(f"no line starts with {needle!r}")


@pytest_lsp.fixture(
    config=server_config({"PYTHONPATH": str(BROKEN), "NIANBAO_BROKEN": "slow", "NIANBAO_LSP_BUDGET": "1"}),
)
async def slow_client(lsp_client: RecordingClient, workspace: Path):
    """The server with a plugin whose rule never ends on some texts, and a time budget of 1 s."""
    await start(lsp_client, client_capabilities("visual-studio-code"), workspace)
    yield
    await lsp_client.shutdown_session()
