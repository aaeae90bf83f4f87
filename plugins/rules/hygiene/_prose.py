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


# The lines of a table drawn with box-drawing characters (│ between cells, ├──┼──┤ between rows); the
# diagonals and dotted lines (╲ ┈ ┊) copies leave in words are not among them.
_RULING = frozenset("│┃║─━═┼├┤┬┴┌┐└┘╋┣┫┳┻┏┓┗┛╬╠╣╦╩╔╗╚╝╪╞╡╤╧╒╕╘╛╫╟╢╥╨╓╖╙╜")


def garbage_runs(text: str, table: bool = False) -> Iterator[tuple[int, int]]:
    """Garbage runs of one line, except a single bullet symbol opening the line and a table's ruling
    (``table``: the line holds table cells)."""
    ruled: bool | None = table or None
    for a, b in garbage_spans(text):
        if b - a == 1 and text[a] in _BULLETS and not text[:a].strip() and text[b : b + 1] in (" ", "\u3000", "\t"):
            continue
        if _RULING.issuperset(text[a:b]):
            if ruled is None:  # a cell between two marks, or a line of one cell closed (or opened) by one
                t = text.strip()
                ruled = t[0] in _RULING or t[-1] in _RULING or sum(ch in _RULING for ch in t) >= 2
            if ruled:
                continue
        yield a, b
