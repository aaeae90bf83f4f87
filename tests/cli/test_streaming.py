"""lint writes each file's findings as it is done: the same bytes as collecting them first."""

from __future__ import annotations

import io

from nianbao import Source, parse
from nianbao.lint import Config, check
from nianbao.render import LintRun
from nianbao.render.machine import JsonStream, write_json

from ..paths import SEEDS


def test_json_stream_writes_what_write_json_writes() -> None:
    reports = [parse(Source.from_path(str(p))) for p in SEEDS]
    texts = {r.path: r.text for r in reports}
    diagnostics = check(reports, Config(select=["ALL"]))
    assert len(diagnostics) > 20
    whole = io.StringIO()
    write_json(LintRun(diagnostics, texts), whole)
    for hold in (False, True):
        streamed = io.StringIO()
        out = JsonStream(streamed, hold=hold)
        for r in reports:
            out.write(LintRun([d for d in diagnostics if d.path == r.path], {r.path: r.text}))
        out.close()
        assert streamed.getvalue() == whole.getvalue()
    empty = io.StringIO()
    JsonStream(empty).close()
    assert empty.getvalue() == "[]\n" == _whole([])


def _whole(diagnostics) -> str:
    out = io.StringIO()
    write_json(LintRun(diagnostics, {}), out)
    return out.getvalue()
