"""1,000 random incremental edits through a real client: the server's text and diagnostics never diverge.

Every edit — typing, deleting, line breaks, pastes, and the ones editors never
send but the protocol allows (a character past the line's end, a line past the
last line, a reversed range, a position between the halves of a surrogate
pair) — is applied to an independent model of the editor's text
(:mod:`.editor_model`) and sent to ``nianbao lsp``. After each one the server's
own copy of the text (``nianbao/documentText``) must equal the model's, and the
diagnostics it publishes for that version must equal a fresh ``lint`` of the
model's text, positions converted independently (UTF-16, as VS Code counts).
"""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

from lsprotocol import types

from nianbao import Source, parse
from nianbao.i18n import msg
from nianbao.lint import check
from nianbao.source import SourceError

from .conftest import RecordingClient, change, lsp_lines, open_doc, published, utf16_column
from .editor_model import EditorText
from .test_diagnostics import seed

EDITS = 1000
TYPED = [*"的年度报告信息公开申请数量总计一二三四五六七八九十0123456789 |（）、", "𠀀", "😀", "\t"]
PASTES = [
    "规章 | 1 | 2 | 3 |\n",
    "(七)总计 | 5 |\n",
    "二、主动公开政府信息情况\n",
    "\r\n",
    "\n\n",
    "本年新收𠀀申请 12 件。\r\n",
    "\x0c\u2028",
    "\x01",
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # a buffer made of them: refused as binary


def position(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def random_edit(r: random.Random, model: EditorText) -> tuple[types.Range, str, str]:
    """(range, new text, kind) of one random edit of the model's text."""
    n = model.line_count()
    line = r.randrange(n)
    width = model.line_units(line)
    char = r.randint(0, width)
    kind = r.choices(
        ["type", "delete", "newline", "join", "past-end", "past-last", "reversed", "surrogate", "paste"],
        weights=[30, 14, 6, 6, 10, 8, 8, 10, 8],
    )[0]
    here = position(line, char)
    if kind == "type":
        return types.Range(start=here, end=here), "".join(r.choices(TYPED, k=r.randint(1, 3))), kind
    if kind == "delete":
        return types.Range(start=here, end=position(line, min(width, char + r.randint(1, 5)))), "", kind
    if kind == "newline":
        return types.Range(start=here, end=here), r.choice(["\n", "\r\n", "\r"]), kind
    if kind == "join":
        return types.Range(start=position(line, width), end=position(line + 1, 0)), "", kind
    if kind == "past-end":  # a character past the end of its line: the end of the line
        end = position(line, width + r.randint(1, 40))
        start = end if r.random() < 0.5 else here
        return types.Range(start=start, end=end), r.choice(["", "字", "x\n"]), kind
    if kind == "past-last":  # a line past the last line: the end of the text
        last = max(0, n - 1 - r.randint(0, 1))
        start = position(n + r.randint(0, 5), r.randint(0, 9)) if r.random() < 0.5 else position(last, 0)
        return types.Range(start=start, end=position(n + r.randint(0, 5), r.randint(0, 9))), r.choice(["", "尾"]), kind
    if kind == "reversed":
        other = r.randrange(n)
        end = position(other, r.randint(0, model.line_units(other) + 2))
        a, b = sorted([(here.line, here.character), (end.line, end.character)], reverse=True)
        if a == b:
            b = (0, 0)
        if a[0] - b[0] > 3:  # keep the document a report: at most a few lines at a time
            b = (a[0] - 1, 0)
        return types.Range(start=position(*a), end=position(*b)), r.choice(["", "倒"]), kind
    if kind == "surrogate":  # between the two halves of a pair; put a pair there first if the line has none
        text_units = model.units
        starts = model.lines()
        s, e = starts[line]
        inside = [i - s for i in range(s + 1, e) if 0xDC00 <= text_units[i] <= 0xDFFF]
        if not inside:
            return types.Range(start=here, end=here), "𠀀", kind
        mid = position(line, r.choice(inside))
        if r.random() < 0.5:
            return types.Range(start=mid, end=mid), r.choice(["半", "x"]), kind
        return types.Range(start=mid, end=position(line, min(width, mid.character + r.randint(0, 3)))), "", kind
    return types.Range(start=here, end=here), r.choice(PASTES), kind


def expected_diagnostics(text: str, name: str) -> list[tuple]:
    """What a fresh lint of ``text`` says, with UTF-16 ranges computed here."""
    try:
        try:
            report = parse(Source.from_text(name, text))  # what the command line reads (a few controls: N406)
        except SourceError as err:
            if err.reason != "binary":
                raise
            # made of them: refused, as the command line refuses it (E001), when it is a report but for them
            masked = parse(Source.from_text(name, _CONTROL.sub("\ufffd", text)))
            return [("E001", (0, 0), (0, 0), msg("error.binary", "zh"))] if masked.is_report else []
    except SourceError:  # empty: not a report
        return []
    if not report.is_report:
        return []
    lines = lsp_lines(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def where(offset: int) -> tuple[int, int]:
        offset = min(max(offset, 0), len(text))
        line = bisect.bisect_right(starts, offset, hi=len(lines)) - 1
        return line, utf16_column(lines[line], offset - starts[line])

    out = []
    for d in check([report]):
        a, b = sorted((d.span.start, d.span.end))
        out.append((d.code, where(a), where(b), d.message.get("zh")))
    return sorted(out)


def got_diagnostics(params: types.PublishDiagnosticsParams) -> list[tuple]:
    return sorted(
        (
            d.code,
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
            d.message if d.code != "E001" else d.message.split("：")[0],  # E001: the command line's words, and more
        )
        for d in params.diagnostics
    )


async def test_a_thousand_random_edits_never_diverge(client: RecordingClient, workspace: Path):
    path = seed(workspace, "001")
    text = path.read_text("utf-8")
    uri = open_doc(client, path)
    await published(client, uri, 1)
    model = EditorText(text)
    r = random.Random(20261201)
    kinds: dict[str, int] = {}
    checked = 0
    for version in range(2, EDITS + 2):
        rng, new, kind = random_edit(r, model)
        kinds[kind] = kinds.get(kind, 0) + 1
        model.apply(rng, new)
        change(client, uri, version, (rng, new))
        want = expected_diagnostics(model.text, str(path))  # computed while the server works on its own
        got = await published(client, uri, version, timeout=30)
        server = await client.protocol.send_request_async("nianbao/documentText", {"uri": uri})
        assert server.version == version
        assert server.text == model.text, f"edit {version - 1} ({kind}: {rng} {new!r}): texts differ"
        assert got_diagnostics(got) == want, f"edit {version - 1} ({kind}): diagnostics differ"
        checked += bool(want)
    assert min(kinds.values()) >= 40, kinds  # every kind of edit was exercised
    assert checked > EDITS * 0.9  # the text stayed a report with findings: the comparisons were not vacuous
