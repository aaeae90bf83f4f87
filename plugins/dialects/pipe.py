"""``pipe``: one table row per line, cells between ``|`` (web pages copied as text).

``规章 | 0 | 0 | 0 | |``. A blank cell may hold a line break, so one row can
run over several lines whose text starts with ``|`` (the row continues);
runs of ``||`` are the padding of merged cells. Markdown tables
(``| a | b |`` with a ``|---|`` line) are read too.
"""

from __future__ import annotations

from collections.abc import Sequence

from nianbao import values
from nianbao.dialect import TextDialect, cell
from nianbao.formatting import is_separator_row
from nianbao.hookspecs import hookimpl
from nianbao.model import RawCell
from nianbao.source import Line, Text

from ._lines import line_stats, share

_MAX_PADDING = 64


class PipeDialect(TextDialect):
    name = "pipe"
    summary = "每行一个表格行，单元格以 | 分隔 (one row per line, cells separated by |)"

    def score(self, text: Text) -> float:
        stats = line_stats(text)
        return share(stats.multi_pipe, stats, 10)

    def cells(self, text: Text, lines: Sequence[Line]) -> list[RawCell]:
        rows: list[list[Line]] = []
        markdown = False
        prev: Line | None = None  # the previous line, if it was part of a row
        for k, line in enumerate(lines):
            s = line.text
            if "|" not in s:
                markdown, prev = False, None
                continue
            if is_separator_row(s):
                markdown = True  # a Markdown table: every "|"-led line is a row of its own
                continue
            header = k + 1 < len(lines) and bool(is_separator_row(lines[k + 1].text))
            if s.lstrip().startswith("|") and prev is not None and not markdown and not header and not _labelled(s):
                rows[-1].append(line)  # a blank cell broke the row: it goes on here
            else:
                rows.append([line])
            prev = line
        out: list[RawCell] = []
        for row in rows:
            out.extend(_row_cells(text.text, row, markdown=_md_row(row[0].text) and len(row) == 1))
        return out


def _row_cells(full: str, row: list[Line], markdown: bool) -> list[RawCell]:
    first, last = row[0], row[-1]
    pipes = [line.start + i for line in row for i, ch in enumerate(line.text) if ch == "|"]
    bounds = [first.start, *pipes, last.end]
    out: list[RawCell] = []
    empties = 0  # consecutive "||": the padding of a merged cell
    for k in range(len(bounds) - 1):
        a = bounds[k] + (1 if k else 0)
        b = bounds[k + 1]
        chunk = full[a:b]
        if (k == 0 or k == len(bounds) - 2) and not chunk.strip():
            continue  # nothing before the first or after the last pipe
        empties = 0 if chunk else empties + 1
        if empties > _MAX_PADDING:
            continue  # more padding than any table has columns: a line of 10,000 "|" is not 10,000 cells
        filler = 0 if ("\n" in chunk or "\r" in chunk) else (1 if chunk else 2)
        out.append(cell(full, a, b, col=(k - 1) if markdown else None, row_start=not out, filler=filler))
    return out


def _labelled(s: str) -> bool:
    """A "|"-led line whose first cell is words starts a row ("| 规章 | 0 |"); "| 2 | ||" goes on one."""
    first = next((p.strip() for p in s.split("|") if p.strip()), "")
    return bool(first) and not values.looks_like_value(first)


def _md_row(s: str) -> bool:
    t = s.strip()
    return t.startswith("|") and t.endswith("|") and len([p for p in t.split("|") if p.strip()]) >= 2


@hookimpl
def nianbao_dialects() -> list[TextDialect]:
    return [PipeDialect()]
