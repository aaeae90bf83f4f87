"""``cells``: one table cell per line.

Two shapes are common: each cell followed by `` |`` (``规章 |``, with lines of
``|||`` padding merged cells and no row boundaries at all, or a line ``|``
opening each row), and each cell after a tab (``\\t规章``) with blank lines
between rows and long labels wrapped onto a second line without the tab.

Browsers and site templates also give a cell's closing ``|`` on a line of its
own (``规章`` / ``|`` / ``0`` / ``|``), and a page copied as plain paragraphs has
no mark at all: each cell is a line (often between blank lines). A table
region with no marked cell is read that way, a line a cell, prose left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from nianbao.dialect import TextDialect, cell
from nianbao.hookspecs import hookimpl
from nianbao.model import CellKind, RawCell, Span
from nianbao.source import Line, Text

from ._lines import line_stats, share

_WRAP_MAX = 24  # characters of a wrapped label's second line
_PROSE_MIN = 160  # characters no cell of the format has, its notes included: a paragraph
_MAX_PADDING = (
    64  # padding cells of one line: more than any table has columns (a line of 10,000 "|" is not 10,000 cells)
)


class CellsDialect(TextDialect):
    name = "cells"
    summary = "每行一个单元格（以 | 结尾或以制表符开头） (one cell per line, ending in | or after a tab)"

    def score(self, text: Text) -> float:
        stats = line_stats(text)
        return share(stats.single_pipe + stats.tab_cells + stats.bare_values, stats, 20)

    def cells(self, text: Text, lines: Sequence[Line]) -> list[RawCell]:
        out: list[RawCell] = []
        new_row = True  # a table opens a row: its first cell is no cell of the table before (the last row of
        # table 二 with its one cell blank, "\t行政事业性收费" / "\t", was read into table 三's header: a false T203)
        prev_tab: RawCell | None = None  # the last tab-prefixed cell, for wrapped labels
        bare = _bare(lines)
        pending: Line | None = None  # a line of text with no mark: a cell if a "|" closes it (or no cell is marked)
        # Rows opened by a line "|" (the table's first line is one: no table starts with a blank
        # cell): the table's last marked line, a "|" too, opens no row (no cell follows it), so it
        # is the last row's last cell, blank. Elsewhere a last "|" may be the row's padding.
        marks = [k for k, line in enumerate(lines) if "|" in line.text or line.text.startswith("\t")]
        opened = bool(marks) and lines[marks[0]].text.strip() == "|"
        last_mark = marks[-1] if opened else -1
        for k, line in enumerate(lines):
            s = line.text
            piped = _piped(s)  # once a line: both tests below read it
            if pending is not None and not (bare and not s.strip()):
                closes = s.strip() == "|"
                piped_words = piped
                # or the first line of a cell wrapped onto the next ("2.没有现成信息需" / "要另行制作 |"):
                # a label of its own, which the alignment joins to the next when together they name a row
                wraps = bool(out) and piped_words is not None and bool(piped_words[0].strip())
                if closes or bare or (wraps and len(pending.text.strip()) <= 2 * _WRAP_MAX):
                    out.append(_text_cell(text, pending, new_row))
                    new_row = False
                pending = None
                if closes:
                    continue  # the "|" closed the cell above: it is no blank cell
            if not s.strip() and s.strip(" \u3000\u00a0") != "\t":
                new_row = new_row or (bool(out) and not bare)  # blank lines separate rows of tab-prefixed cells
                prev_tab = None
                continue
            if piped is None and "\t" not in s and "|" not in s and not _prose(s):
                pending = line
                if prev_tab is None or len(s.strip()) > _WRAP_MAX:
                    continue
            if piped is not None:
                prev_tab = None
                body, npipes = piped
                if body.strip():
                    a = line.start + (len(body) - len(body.lstrip()))
                    c = cell(text.text, a, line.start + len(body), row_start=new_row)
                    out.append(c)
                    # "x | ||": the extra pipes pad x's merged cell
                    if npipes > 1:
                        out.extend(_padding(line, npipes - 1, 2))
                elif npipes == 1:
                    # a line "|": a blank cell, or the mark that opens a row (not the last one of
                    # rows opened so: web_marked 表四 with its 总计 blank read two ways, a false T212)
                    at = line.start + s.index("|")
                    out.append(RawCell("", Span(at, at + 1), CellKind.BLANK, None, new_row, 0 if k == last_mark else 1))
                else:
                    out.extend(_padding(line, npipes, 2, row_start=new_row))
                new_row = False
            elif "|" in s and "\t" not in s:
                # several cells on one line among one-cell lines ("规章 |" / "0 | 0 | 0 |"): each a cell
                prev_tab = None
                out.extend(_line_cells(text, line, new_row))
                new_row = False
            elif s.startswith("\t") and s.count("\t") == 1:
                c = cell(text.text, line.start + 1, line.end, row_start=new_row, filler=1)
                out.append(c)
                prev_tab = c if c.kind is CellKind.LABEL else None
                new_row = False
            elif prev_tab is not None and len(s.strip()) <= _WRAP_MAX and "\t" not in s:
                # the second line of a wrapped label: "\t本年新" / "制作数量"
                prev_tab.span = Span(prev_tab.span.start, line.start + len(s.rstrip()))
                prev_tab.text = text.text[prev_tab.span.start : prev_tab.span.end]
                prev_tab = None
                pending = None
        if pending is not None and bare:
            out.append(_text_cell(text, pending, new_row))
        return out


def _line_cells(text: Text, line: Line, row_start: bool) -> list[RawCell]:
    out: list[RawCell] = []
    at = line.start
    parts = line.text.split("|")
    for k, part in enumerate(parts):
        if part.strip():
            out.append(cell(text.text, at, at + len(part), row_start=row_start and not out))
        elif 0 < k < len(parts) - 1 and len(out) < _MAX_PADDING:
            out.append(RawCell("", Span(at, at), CellKind.BLANK, None, False, 2))  # "||": a merged cell's padding
        at += len(part) + 1
    return out


def _bare(lines: Sequence[Line]) -> bool:
    """A region with no cell marked by a pipe or a tab: every line of it is a cell (paragraphs copied)."""
    for line in lines:
        s = line.text
        if s.startswith("\t") and s.strip():
            return False
        piped = _piped(s)
        if piped is not None and piped[0].strip():
            return False
    return True


def _text_cell(text: Text, line: Line, row_start: bool) -> RawCell:
    s = line.text
    a = line.start + (len(s) - len(s.lstrip()))
    return cell(text.text, a, line.start + len(s.rstrip()), row_start=row_start)


def _prose(s: str) -> bool:
    """A sentence, not a cell: it ends a clause ("…如下：") or has a full stop inside."""
    t = s.strip()
    return "。" in t or t.endswith((":", "：")) or len(t) > _PROSE_MIN


def _piped(s: str) -> tuple[str, int] | None:
    """``(body, pipes)`` of a line that is a cell then only pipes and spaces (``规章 | ||``), else None.

    The body has no ``|`` and no trailing space. A string scan rather than a
    regex: nested quantifiers over ``|`` and spaces backtrack exponentially.
    """
    i = s.find("|")
    if i < 0 or s[i:].replace("|", "").strip():
        return None
    return s[:i].rstrip(), s.count("|")


def _padding(line: Line, n: int, filler: int, row_start: bool = False) -> list[RawCell]:
    at = line.start + line.text.rindex("|")
    n = min(max(n, 0), _MAX_PADDING)
    span = Span(at, at + 1)  # one span for all: spans are values
    return [RawCell("", span, CellKind.BLANK, None, row_start and i == 0, filler) for i in range(n)]


@hookimpl
def nianbao_dialects() -> list[TextDialect]:
    return [CellsDialect()]
