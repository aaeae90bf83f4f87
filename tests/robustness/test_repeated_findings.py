"""One cause repeated along a line is a few findings, and showing them is linear (issue 15, case 3)."""

from __future__ import annotations

import io

from rich.console import Console

from nianbao.engine import parse
from nianbao.fixes import apply
from nianbao.lint import Config, check
from nianbao.render import LintRun
from nianbao.render.text import write_text
from nianbao.source import Source

from ..paths import seed_path
from ._limits import deadline


def _report_with(line: str):
    lines = seed_path("000").read_text("utf-8").split("\n")
    text = "\n".join([*lines[:8], line, *lines[8:]])  # in the prose before the tables
    start = len("\n".join(lines[:8])) + 1
    return parse(Source("r.txt", text.encode("utf-8"))), start, start + len(line)


def _on_line(diagnostics, code: str, start: int, end: int):
    return [d for d in diagnostics if d.code == code and start <= d.span.start < end]


def _render(report, diagnostics, width: int | None) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width or 100, force_terminal=width is not None, color_system=None)
    write_text(LintRun(diagnostics, {report.path: report.text}, rules={}), console)
    return out.getvalue()


def test_a_run_of_brackets_is_one_finding() -> None:
    with deadline(20):
        report, start, end = _report_with("（" * 16_000)
        found = _on_line(check([report], Config()), "N402", start, end)
        assert [(d.span.start, d.span.end) for d in found] == [(start, end)]
        assert "16000" in found[0].message.zh
        _render(report, found, None)


def test_scattered_brackets_on_one_line_are_capped() -> None:
    with deadline(20):
        report, start, end = _report_with("（甲" * 5_000)
        found = _on_line(check([report], Config()), "N402", start, end)
        assert len(found) == 6  # five, then one for the other 4,995
        assert "4995" in found[-1].message.zh and found[-1].span.end == end - 1


def test_a_line_full_of_garbage_is_capped_and_fully_fixed() -> None:
    with deadline(30):
        report, start, end = _report_with("\ufffd甲" * 50_000)
        diagnostics = check([report], Config())
        found = _on_line(diagnostics, "N401", start, end)
        assert len(found) == 6
        fixed, _ = apply(report.text.text, found)
        assert "\ufffd" not in fixed and fixed.count("甲") == report.text.text.count("甲")
        for width in (None, 80):
            shown = _render(report, diagnostics, width)
            assert len(shown) < 100_000  # each finding shows a window of its line, not the 100,000 characters
