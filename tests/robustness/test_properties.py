"""Properties over unbounded input (issue 13): parse and lint never raise, spans stay inside the text,
JSON output is strict JSON, ``--fix`` is idempotent and touches only what it reports, and every
encoding and line-end convention reads the same.

Bounded for CI (the whole file runs in well under a minute). For a long run::

    NIANBAO_PROPERTY_SCALE=100 .venv/bin/python -m pytest tests/robustness/test_properties.py

multiplies every example budget (here by 100).
"""

from __future__ import annotations

import json
import os
import signal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nianbao.engine import parse
from nianbao.fixes import apply
from nianbao.lint import Config, check
from nianbao.output import report_json
from nianbao.render import LintRun
from nianbao.render.machine import diagnostic_json
from nianbao.render.sarif import sarif_log
from nianbao.source import Source, SourceError

from ..paths import SEEDS

SCALE = max(1, int(os.environ.get("NIANBAO_PROPERTY_SCALE", "1")))
SEED_TEXTS = [p.read_text("utf-8") for p in SEEDS]
# what tables and prose are made of, and what breaks them
ALPHABET = st.sampled_from(
    [
        *"|||\t\t   \u3000\n\r0123456789,.-+:（）()《》“”【】、。，；一二三四五六七八九十万增减无规章行政许可处罚总计",
        "\x00",
        "\x01",
        "\ufeff",
        "\ufffd",
        "\u200b",
        "\u2028",
        "𠀀",
        "é",
        "9" * 30,
        "1e309",
        "|" * 30 + "x",
    ]
)


def budget(examples: int) -> settings:
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _strict(s: str) -> object:
    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(s, parse_constant=refuse)


class _Slow(Exception):
    pass


def _lint(data: bytes, name: str = "r.txt"):
    """Parse and lint, with a 20 s guard so a regression fails instead of hanging."""

    def expired(signum: int, frame: object) -> None:
        raise _Slow

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    try:
        report = parse(Source(name, data))
        return report, check([report], Config())
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _inside(report, diagnostics) -> None:
    size = len(report.text.text)
    for d in diagnostics:
        spans = [d.span, *(r.span for r in d.related), *(e.span for e in (d.fix.edits if d.fix else ()))]
        assert all(0 <= s.start <= s.end <= size for s in spans), d
    for c in report.cells.values():
        assert 0 <= c.span.start <= c.span.end <= size


def _outputs_are_strict_json(report, diagnostics) -> None:
    run = LintRun(diagnostics, {report.path: report.text}, rules={})
    _strict(json.dumps([diagnostic_json(run, d) for d in diagnostics], ensure_ascii=False, allow_nan=False))
    _strict(json.dumps(sarif_log(run), ensure_ascii=False, allow_nan=False))
    _strict(json.dumps(report_json(report), ensure_ascii=False, allow_nan=False))


@st.composite
def mangled_reports(draw) -> str:
    """A real report with random lines deleted, doubled or swapped and random characters put in."""
    lines = draw(st.sampled_from(SEED_TEXTS)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        k = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "double", "swap", "insert", "replace"]))
        if op == "delete":
            del lines[k]
        elif op == "double":
            lines.insert(k, lines[k])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
        else:
            junk = "".join(draw(st.lists(ALPHABET, max_size=40)))
            if op == "insert":
                at = draw(st.integers(0, len(lines[k])))
                lines[k] = lines[k][:at] + junk + lines[k][at:]
            else:
                lines[k] = junk
    return "\n".join(lines)


@budget(40)
@given(st.text())
def test_any_text_parses_and_lints(text: str) -> None:
    try:
        report, diagnostics = _lint(text.encode("utf-8"))
    except SourceError:
        return  # empty or unreadable: a one-line message, not a crash
    _inside(report, diagnostics)
    _outputs_are_strict_json(report, diagnostics)


@budget(40)
@given(st.binary(max_size=4000))
def test_any_bytes_parse_and_lint(data: bytes) -> None:
    try:
        report, diagnostics = _lint(data)
    except SourceError:
        return
    _inside(report, diagnostics)


@budget(40)
@given(mangled_reports())
def test_mangled_reports_keep_spans_inside_and_json_strict(text: str) -> None:
    try:
        report, diagnostics = _lint(text.encode("utf-8"))
    except SourceError:
        return
    _inside(report, diagnostics)
    _outputs_are_strict_json(report, diagnostics)


def _touches_only_edits(before: str, after: str, edits) -> bool:
    """``after`` is ``before`` with each edit applied and nothing else changed."""
    pos, out = 0, []
    for e in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        out.append(before[pos : e.span.start])
        out.append(e.new_text)
        pos = e.span.end
    out.append(before[pos:])
    return "".join(out) == after


@budget(25)
@given(mangled_reports(), st.booleans())
def test_fix_is_idempotent_and_touches_only_reported_spans(text: str, unsafe: bool) -> None:
    try:
        report, diagnostics = _lint(text.encode("utf-8"))
    except SourceError:
        return
    current = report.text.text
    for _round in range(8):  # the CLI's fix loop
        fixed, applied = apply(current, diagnostics, unsafe)
        assert _touches_only_edits(current, fixed, [e for d in applied for e in d.fix.edits])
        if fixed == current:
            break
        report, diagnostics = _lint(b"\xef\xbb\xbf" + fixed.encode("utf-8"))
        current = report.text.text
    else:
        return  # never settles: the CLI writes nothing (tests/robustness/test_fix_convergence.py)
    again, applied = apply(current, diagnostics, unsafe)
    assert again == current and not applied


ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"]
ENDS = ["\n", "\r\n", "\r"]


def _reading(report, diagnostics) -> tuple:
    cells = {k: (c.value, c.raw, report.position(c.span.start)) for k, c in report.cells.items()}
    found = [(d.code, report.position(d.span.start), report.position(d.span.end)) for d in diagnostics]
    return report.dialect, cells, sorted(found)


@budget(15)
@given(mangled_reports(), st.sampled_from(ENCODINGS), st.sampled_from(ENDS))
def test_every_encoding_and_line_end_reads_the_same(text: str, encoding: str, end: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        data = text.replace("\n", end).encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    try:
        base = _lint(text.encode("utf-8"))
    except SourceError:
        return
    assume(base[0].cells)  # a report with tables: encodings are told apart by their text
    report, diagnostics = _lint(data)
    assert _reading(report, diagnostics) == _reading(*base)
