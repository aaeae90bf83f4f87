"""Line statistics shared by the built-in text dialects' detection."""

from __future__ import annotations

from typing import NamedTuple

from nianbao import regex_cache
from nianbao.dialect import per_text
from nianbao.source import Text

_BARE_VALUE = regex_cache.compile(r"^[ \u3000]*[-+]?\d[\d.,]*[ \u3000]*$")  # "0", " 12 ": a count on its own line


def _separator_start(s: str) -> bool:
    """A line that starts like a Markdown separator (``|---``, ``:---``); a string scan, linear."""
    t = s.lstrip()
    if t.startswith("|"):
        t = t[1:].lstrip()
    return t.removeprefix(":").startswith("---")


class LineStats(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """How many lines of a text look like each kind of table row (one pass, shared by the dialects)."""

    multi_pipe: int  # lines with two or more cells between pipes
    single_pipe: int  # lines with one cell then pipe(s): "规章 |"
    tab_rows: int  # lines with three or more tab-separated fields
    tab_cells: int  # lines of one tab-prefixed cell: "\t规章"
    bare_values: int = 0  # lines of one number and nothing else: cells copied as paragraphs

    @property
    def total(self) -> int:
        return self.multi_pipe + self.single_pipe + self.tab_rows + self.tab_cells + self.bare_values


@per_text  # one pass over the lines, shared by every dialect's detection
def line_stats(text: Text) -> LineStats:
    multi = single = tab_rows = tab_cells = bare = 0
    for line in text.lines:
        s = line.text
        if "|" not in s and "\t" not in s:
            bare += _BARE_VALUE.match(s) is not None
        elif "|" in s and not _separator_start(s):
            parts = [p for p in s.split("|") if p.strip()]
            if len(parts) >= 2:
                multi += 1
            elif len(parts) == 1 and s.rstrip().endswith("|"):
                single += 1
        elif "\t" in s:
            fields = [f for f in s.split("\t") if f.strip()]
            if s.startswith("\t") and len(fields) <= 1 and s.count("\t") == 1:
                tab_cells += 1
            elif len(fields) >= 3 or (len(fields) >= 2 and s.count("\t") >= 3):
                tab_rows += 1
    return LineStats(multi, single, tab_rows, tab_cells, bare)


def share(part: int, stats: LineStats, enough: int) -> float:
    """Share of table-like lines that are ``part``, damped when there are few."""
    if not stats.total:
        return 0.0
    return part / stats.total * min(1.0, part / enough)
