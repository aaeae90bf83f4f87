"""Nothing typed can freeze the server: an analysis past its time budget is stopped, the server keeps answering.

The plugin of ``fixtures/broken_plugin`` (``NIANBAO_BROKEN=slow``) has a rule that
never ends once the report holds 卡住 (an exponentially backtracking regular
expression — one C call holding the GIL, what froze the server for good in
issue 15) or 慢慢 (a Python loop). The server runs with a budget of 1 s.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types

from .conftest import RecordingClient, change, open_doc, published, rng
from .test_diagnostics import codes, seed

WAIT = 30  # seconds: far more than the budget; a frozen server never answers at all


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


@pytest.mark.parametrize("trigger", ["卡住", "慢慢"])
async def test_an_analysis_that_never_ends_is_stopped(slow_client: RecordingClient, workspace: Path, trigger: str):
    client = slow_client
    path = seed(workspace, "001")
    uri = open_doc(client, path)
    assert "A301" in codes((await published(client, uri, 1)).diagnostics)  # the plugin is harmless here

    change(client, uri, 2, (rng(0, 0), trigger))  # the user types the fatal characters
    stopped = (await published(client, uri, 2, timeout=WAIT)).diagnostics
    assert len(stopped) == 1 and "1 秒" in stopped[0].message  # no findings, and the reason
    assert stopped[0].severity == types.DiagnosticSeverity.Warning

    # the server answers: from this version (nothing to say), never from the version before
    symbols = await asyncio.wait_for(
        client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(uri))), WAIT
    )
    assert symbols == []
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(text_document=doc(uri), position=types.Position(line=5, character=1))
        ),
        WAIT,
    )
    assert hover is None

    # another document is checked meanwhile
    other = open_doc(client, seed(workspace, "000"))
    assert "N401" in codes((await published(client, other, 1, timeout=WAIT)).diagnostics)

    # typing on in the stuck document costs no analysis per keystroke; deleting the trigger brings findings back
    for v in range(3, 8):
        change(client, uri, v, (rng(0, len(trigger)), "字"))
    change(client, uri, 8, (rng(0, 0, 0, len(trigger)), ""))
    back = (await published(client, uri, 8, timeout=WAIT)).diagnostics
    assert "A301" in codes(back)
    assert not [p for p in client.published if p.uri == uri and 3 <= (p.version or 0) <= 7]
