"""What the engine noticed while reading the tables, and where it belongs."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao import values
from nianbao.model import CellKind, Problem, Report, Span

from .._common import TABLE_NAMES, TABLE_SECTION, back_over_empty_cells, marked_rows, row_label


def problems(report: Report, *kinds: str) -> Iterator[Problem]:
    for p in report.problems:
        if p.kind in kinds:
            yield p


def row_name(report: Report, p: Problem) -> str:
    """The format's label of the row a problem concerns (``(三)不予公开 1.属于国家秘密``)."""
    if report.template and p.keys:
        return row_label(report.template, p.keys[0])
    return str(p.data.get("expected") or p.data.get("label") or "")


def table_of(p: Problem) -> str:
    if p.keys:
        return p.keys[0].split(".")[0]
    return str(p.data.get("table", ""))


def table_name(table: str, lang: str = "zh") -> str:
    return TABLE_NAMES.get(table, (table, table))[0 if lang == "zh" else 1]


def section_heading_span(report: Report, table: str) -> Span | None:
    h = next((h for h in report.headings if h.section == TABLE_SECTION.get(table)), None)
    return h.span if h else None


def _row_cells(report: Report, row) -> list:
    return [report.cells[c.key] for c in row.columns if c.key in report.cells]


def _own_label_start(report: Report, first_value: int) -> int:
    """Start of the label written just before a row's first value (no value in between)."""
    best = first_value
    for c in report.raw_cells:
        if c.span.start >= first_value:
            break
        if c.kind is CellKind.VALUE:
            best = first_value
        elif c.kind is CellKind.LABEL:
            best = c.span.start
    return best


def missing_row_span(report: Report, p: Problem) -> Span:
    """Where a missing row belongs.

    After the row before it in the format — on the next line that is not blank — or,
    for the first row of a table or of a block of table 二, where the next row starts.
    """
    template = report.template
    if template is None or not p.keys:
        return p.span
    table = p.keys[0].split(".")[0]
    row_key = p.keys[0][len(table) + 1 :].rsplit(".", 1)[0]
    rows = template.rows_of(table)
    index = next((i for i, r in enumerate(rows) if r.key == row_key), None)
    if index is None:
        return p.span
    first_of_block = index == 0 or rows[index - 1].header != rows[index].header
    before = next((cells for r in reversed(rows[:index]) if (cells := _row_cells(report, r))), None)
    if before and not first_of_block:
        end = max(c.span.end for c in before)
        number = report.position(end)[0]
        marked = marked_rows(report)
        for line in report.lines[number:]:
            s = line.text.strip()
            if not s and "\t" not in line.text:
                continue  # a blank line between rows
            if s and not s.strip("|") and not (marked and s == "|"):
                continue  # the colspan padding that closes the row before
            return Span(line.start, line.start)
    after = next((cells for r in rows[index + 1 :] if (cells := _row_cells(report, r))), None)
    if after:
        values = [c.span.start for c in after if c.value is not None] or [c.span.start for c in after]
        start = back_over_empty_cells(report, _own_label_start(report, min(values)))
        return Span(start, start)
    return p.span


def blank_line_cutting_row(report: Report, p: Problem) -> tuple[Span, str] | None:
    """A short row of a one-cell-per-line layout cut by its own blank cell.

    When a lone tab line (a blank cell) inside a row ends the row as read, the row
    looks short (``cell-count``) and its remaining values become a row of their own.
    Returns the blank cell's span and key: the finding belongs there.
    """
    if report.dialect != "cells" or p.kind != "cell-count" or not p.keys:
        return None
    if p.data.get("found", 0) >= p.data.get("expected", 0):
        return None
    lines = report.lines

    def lone_tab(number: int) -> bool:  # 1-based
        return 1 <= number <= len(lines) and not lines[number - 1].text.strip() and "\t" in lines[number - 1].text

    missing = [q for q in report.problems if q.kind == "cell-missing" and q.keys and q.keys[0] in p.keys]
    if missing:
        after = report.position(missing[0].span.start)[0] + 1
        if lone_tab(after):
            nxt = lines[after - 1]
            return Span(nxt.start, nxt.end), missing[0].keys[0]
    # the first value blank: the row's label, a lone tab, then the other values read as a row of their own
    first = report.position(p.span.start)[0]
    if lone_tab(first - 1) and first > 2:
        label = lines[first - 3].text.strip()
        if label and not values.looks_like_value(label):
            blank = lines[first - 2]
            return Span(blank.start, blank.end), p.keys[0]
    return None
