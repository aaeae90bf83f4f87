"""The prose lines of a report (not table lines) and the characters to leave alone."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.chars import garbage_spans
from nianbao.model import Report
from nianbao.source import Line

from .._common import table_lines

_BULLETS = set("●■◆◇□○☆★※▲►•")


def prose_lines(report: Report) -> Iterator[Line]:
    tables = table_lines(report)
    for line in report.lines:
        if line.number not in tables:
            yield line


def garbage_runs(text: str) -> Iterator[tuple[int, int]]:
    """Garbage runs of one line, except a single bullet symbol opening the line."""
    for a, b in garbage_spans(text):
        if b - a == 1 and text[a] in _BULLETS and not text[:a].strip() and text[b : b + 1] in (" ", "\u3000", "\t"):
            continue
        yield a, b
