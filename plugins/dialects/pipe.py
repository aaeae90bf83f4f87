"""``pipe``: one table row per line, cells between ``|`` (web pages copied as text).

``规章 | 0 | 0 | 0 | |``. A blank cell may hold a line break, so one row can
run over several lines whose text starts with ``|`` (the row continues);
runs of ``||`` are the padding of merged cells. Markdown tables
(``| a | b |`` with a ``|---|`` line) are read too, and pandoc's grid tables
(``+----+`` rules), whose rows run over several lines with long labels and
numbers wrapped inside their cells: the lines between two rules are one row.
"""

from __future__ import annotations

from collections.abc import Sequence

from nianbao import regex_cache, values
from nianbao.dialect import TextDialect, cell
from nianbao.formatting import is_separator_row
from nianbao.hookspecs import hookimpl
from nianbao.model import CellKind, RawCell, Span
from nianbao.source import Line, Text

from ._lines import line_stats, share

_MAX_PADDING = 64
_WRAP_MAX = 40  # characters of a wrapped cell's first line


class PipeDialect(TextDialect):
    name = "pipe"
    summary = "每行一个表格行，单元格以 | 分隔 (one row per line, cells separated by |)"

    def score(self, text: Text) -> float:
        stats = line_stats(text)
        return share(stats.multi_pipe, stats, 10)

    def cells(self, text: Text, lines: Sequence[Line]) -> list[RawCell]:
        if any(_GRID_RULE.match(line.text) for line in lines):
            return _grid_cells(text, lines)
        rows: list[list[Line]] = []
        in_markdown: list[bool] = []  # per row: in a table with a |---| line (a Markdown table)
        separated = _separated_blocks(lines)
        markdown = False
        prev: Line | None = None  # the previous line, if it was part of a row
        after_row = False  # the last line with text was part of a row (blank lines between rows)
        # Per row: whether the row it is written in opened with "|". A line that goes on with a cell
        # the line before left open (``| 结果`` / ``纠正 | 其他结果 | … | 总计 |``) is of that row, led
        # as it is, though it does not start with "|" itself.
        led_rows: list[bool] = []
        # Rows whose first cell is blank: a blank cell may be a line break (seed 001), so table 四's
        # row of values with its first cell blank is an empty line, then ``| 3 | 1 | … |``, after a
        # row written without a leading "|" (the header). The text before its first "|" is that cell.
        first_blank: set[int] = set()
        gap_after_unled = False  # the line before was empty, and the line before it an unled row's
        for k, line in enumerate(lines):
            s = line.text
            if "|" not in s:
                if not s.strip():
                    gap_after_unled = prev is not None and not led_rows[-1] and not markdown
                    markdown, prev = False, None  # a blank line: the row before it is not continued
                    continue
                if after_row and _wrapped_head(s, lines, k):
                    rows.append([line])  # a label's first line: the alignment joins it to the next row's
                    in_markdown.append(False)
                    led_rows.append(False)
                markdown, prev, after_row = False, None, False
                continue
            after_row = True
            if is_separator_row(s):
                markdown = True  # a Markdown table: every "|"-led line is a row of its own
                continue
            header = k + 1 < len(lines) and bool(is_separator_row(lines[k + 1].text))
            if (
                s.lstrip().startswith("|")
                and prev is not None
                and not markdown
                and not header
                and not _labelled(s)
                and not (len(rows[-1]) == 1 and _header_line(rows[-1][0].text, led_rows[-1]))
            ):
                rows[-1].append(line)  # a blank cell broke the row: it goes on here
            else:
                led = s.lstrip().startswith("|")
                if led and gap_after_unled and prev is None and not header and not _labelled(s):
                    first_blank.add(len(rows))
                    led = False  # written as the unled rows are, its first cell on the empty line
                if not led and prev is not None and not prev.text.rstrip().endswith("|"):
                    led = led_rows[-1]  # the line goes on with the cell the line before left open
                rows.append([line])
                in_markdown.append(separated[k])
                led_rows.append(led)
            prev, gap_after_unled = line, False
        out: list[RawCell] = []
        for n, (row, md) in enumerate(zip(rows, in_markdown, strict=True)):
            # Column positions only where the table is Markdown: a "|"-led row of a web copy omits
            # the cells of merged labels, so its positions differ from row to row.
            markdown_row = md and _md_row(row[0].text) and len(row) == 1
            out.extend(_row_cells(text.text, row, markdown=markdown_row, first_blank=n in first_blank))
        return out


def _separated_blocks(lines: Sequence[Line]) -> list[bool]:
    """Per line: whether its run of "|" lines holds a Markdown separator (``|---|``)."""
    out = [False] * len(lines)
    start = 0
    while start < len(lines):
        if "|" not in lines[start].text:
            start += 1
            continue
        end = start
        while end < len(lines) and "|" in lines[end].text:
            end += 1
        has = any(is_separator_row(lines[k].text) for k in range(start, end))
        out[start:end] = [has] * (end - start)
        start = end
    return out


def _row_cells(full: str, row: list[Line], markdown: bool, first_blank: bool = False) -> list[RawCell]:
    first, last = row[0], row[-1]
    pipes = [line.start + i for line in row for i, ch in enumerate(line.text) if ch == "|"]
    bounds = [first.start, *pipes, last.end]
    out: list[RawCell] = []
    empties = 0  # consecutive "||": the padding of a merged cell
    for k in range(len(bounds) - 1):
        a = bounds[k] + (1 if k else 0)
        b = bounds[k + 1]
        chunk = full[a:b]
        if ((k == 0 and not first_blank) or k == len(bounds) - 2) and not chunk.strip():
            continue  # nothing before the first or after the last pipe
        empties = 0 if chunk else empties + 1
        if empties > _MAX_PADDING:
            continue  # more padding than any table has columns: a line of 10,000 "|" is not 10,000 cells
        filler = 0 if ("\n" in chunk or "\r" in chunk) else (1 if chunk else 2)
        out.append(cell(full, a, b, col=(k - 1) if markdown else None, row_start=not out, filler=filler))
    return out


_GRID_RULE = regex_cache.compile(r"^\s*\+[-=:+]*[-=][-=:+]*\+\s*$")


def _grid_cells(text: Text, lines: Sequence[Line]) -> list[RawCell]:
    """A grid table's cells: the lines between two rules are one row, each column's pieces joined."""
    out: list[RawCell] = []
    group: list[Line] = []
    for line in [*lines, None]:
        if line is not None and "|" in line.text and not _GRID_RULE.match(line.text):
            group.append(line)
            continue
        if group:
            out.extend(_grid_row(text, group))
            group = []
    return out


def _grid_row(text: Text, group: list[Line]) -> list[RawCell]:
    pieces: list[list[tuple[int, str]]] = []  # per column: (offset, words) of each line's piece
    for line in group:
        at = line.start
        for k, part in enumerate(line.text.split("|")):
            if k >= len(pieces):
                pieces.append([])
            if part.strip():
                pieces[k].append((at + len(part) - len(part.lstrip()), part.strip()))
            at += len(part) + 1
    out: list[RawCell] = []
    columns = pieces[1:-1] if len(pieces) > 2 else pieces
    last = max((k for k, col in enumerate(columns) if col), default=-1)
    for k, col in enumerate(columns):
        if not col:
            # a grid delimits every cell: an empty one is a blank cell (past the last one written, padding)
            at = group[0].start
            out.append(RawCell("", Span(at, at), CellKind.BLANK, k, not out, 2 if k > last else 0))
            continue
        words = "".join(w for _, w in col)
        span = Span(col[0][0], col[-1][0] + len(col[-1][1]))
        kind = CellKind.VALUE if values.looks_like_value(words) else CellKind.LABEL
        if len(col) == 1:
            out.append(cell(text.text, span.start, span.end, col=k, row_start=not out))
        else:
            out.append(RawCell(words, span, kind, k, not out, 0))
    return out


def _labelled(s: str) -> bool:
    """A "|"-led line whose first cell is words starts a row ("| 规章 | 0 |"); "| 2 | ||" goes on one."""
    first = next((p.strip() for p in s.split("|") if p.strip()), "")
    return bool(first) and not values.looks_like_value(first)


def _wrapped_head(s: str, lines: Sequence[Line], k: int) -> bool:
    """A line of words between two rows of a table: the first line of a cell wrapped onto the next."""
    t = s.strip()
    nxt = next((ln.text for ln in lines[k + 1 :] if ln.text.strip()), "")
    return 0 < len(t) <= _WRAP_MAX and not t.endswith("。") and "|" in nxt and not is_separator_row(nxt)


def _header_line(s: str, led: bool) -> bool:
    """``| 结果维持 | 结果纠正 | … | 总计 |``: a line of header words only, no value, of a "|"-led row.

    A header row is not broken by a blank cell, so the "|"-led line of values after it is
    the next row (table 四's numbers), not its continuation. ``led``: the line's row opened
    with "|" (the line may be the last of a header whose cells wrapped: ``纠正 | … | 总计 |``);
    unled, a "|" opening the next line is its first, blank, cell.
    """
    cells = [p.strip() for p in s.split("|") if p.strip()]
    return led and len(cells) >= 2 and not any(values.looks_like_value(c) for c in cells)


def _md_row(s: str) -> bool:
    t = s.strip()
    return t.startswith("|") and t.endswith("|") and len([p for p in t.split("|") if p.strip()]) >= 2


@hookimpl
def nianbao_dialects() -> list[TextDialect]:
    return [PipeDialect()]
