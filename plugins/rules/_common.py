"""Helpers shared by the built-in rules: places, numbers, labels, styles."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

# the engine's own patterns for a year (digits or Chinese numerals) and a title's words
from nianbao.chars import garbage_candidates
from nianbao.model import Report, Span
from nianbao.template import Template

TABLE_NAMES = {"t2": ("表二", "table 2"), "t3": ("表三", "table 3"), "t4": ("表四", "table 4")}
TABLE_SECTION = {"t2": 2, "t3": 3, "t4": 4}
SECTION_TITLES = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}
SECTION_EN = {
    1: "overview",
    2: "proactive disclosure",
    3: "applications received and handled",
    4: "administrative review and litigation",
    5: "problems and improvements",
    6: "other matters",
}
NUMERALS = "一二三四五六"


T = TypeVar("T")


def per_report(fn: Callable[[Report], T]) -> Callable[[Report], T]:
    """Compute something of a report once for all the rules that ask (the last few reports are kept)."""
    cache: list[tuple[Report, T]] = []

    @functools.wraps(fn)
    def wrapper(report: Report) -> T:
        for known, value in cache:
            if known is report:
                return value
        value = fn(report)
        cache.append((report, value))
        del cache[:-8]
        return value

    return wrapper


def line_of(report: Report, offset: int) -> int:
    return report.text.line_number(offset)


@per_report
def garbage_lines(report: Report) -> frozenset[int]:
    """The lines :func:`nianbao.chars.garbage_spans` can find garbage in (a superset: its own pre-test,
    run once over the whole text); no other line has any."""
    number = report.text.line_number
    return frozenset(number(at) for at in garbage_candidates(report.text.text))


def line_span(report: Report, number: int) -> Span:
    """The characters of line ``number`` (1-based), without its line end."""
    lines = report.lines
    line = lines[min(max(number, 1), len(lines)) - 1]
    return Span(line.start, line.end)


def point(offset: int) -> Span:
    return Span(offset, offset)


def fmt(value: int | float | None, lang: str = "zh") -> str:
    """A cell value for a message; a blank cell shows as 空 / blank."""
    if value is None:
        return "空" if lang == "zh" else "blank"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def num(value: int | float | None) -> int | float:
    """A value in a sum: blank counts as 0."""
    return 0 if value is None else value


def column_label(template: Template, key: str) -> str:
    found = template.cell(key)
    return found[1].label if found else key.rsplit(".", 1)[-1]


def row_label(template: Template, key: str) -> str:
    """The row's own label (``(一)予以公开``), with its group when the label alone is ambiguous."""
    found = template.cell(key)
    if not found:
        return key
    row = found[0]
    if row.table == "t4":
        group = key.split(".")[1]
        return next(label for k, label in template.t4_groups if k == group)
    label = row.label
    if row.group and row.group.startswith("(") and label[:1].isdigit():
        return f"{row.group} {label}"
    return label


def t4_group_label(template: Template, group: str) -> str:
    label = next((lab for k, lab in template.t4_groups if k == group), group)
    return label if group == "review" else f"行政诉讼·{label}"


@per_report
def table_lines(report: Report) -> frozenset[int]:
    """Lines holding at least one table cell as the dialect read it, and the wrapped ends of cells.

    A line that is no heading, straight between two table lines (``本年收费金额(`` /
    ``单位:万元)`` / the next row), is the rest of a cell that the copy wrapped: table, not prose.
    In PDF text (dialect ``flat``, or a PDF whose tables have no ruling lines) the words of
    header and merged cells are wrapped over the lines between the rows and above the first
    one: from the section's heading to the table's last row, every line is the table's (unless
    a sentence ends there: prose before the table).
    """
    out: set[int] = set()
    number = report.text.line_number
    for c in report.raw_cells:
        start, end = c.span.start, c.span.end
        first = number(start)
        if end - 1 > start:
            last = number(end - 1)
            out.update(range(first, last + 1))
        else:
            out.add(first)
    if report.dialect in ("flat", "pdf"):
        for table, section in TABLE_SECTION.items():
            extent = table_extent(report, table)
            if extent is None:
                continue
            first, last = line_of(report, extent.start), line_of(report, max(extent.start, extent.end - 1))
            heading = next((h for h in report.headings if h.section == section), None)
            if heading is not None and heading.span.end <= extent.start:
                top = line_of(report, heading.span.end) + 1
                if all("。" not in report.lines[n - 1].text for n in range(top, first)):
                    first = top
            out.update(range(first, last + 1))
    headings = {line_of(report, h.span.start) for h in report.headings}
    lines = report.lines
    wrapped = {
        n
        for n in range(2, len(lines))
        if n not in out and n - 1 in out and n + 1 in out and n not in headings and lines[n - 1].text.strip()
    }
    return frozenset(out | wrapped)


def table_cells(report: Report, table: str) -> list:
    return [c for k, c in report.cells.items() if k.startswith(table + ".")]


def table_extent(report: Report, table: str) -> Span | None:
    """From the table's first to its last data cell (read by the template)."""
    cells = [c for c in table_cells(report, table) if c.value is not None or c.raw or c.span.end > c.span.start]
    cells = cells or table_cells(report, table)
    if not cells:
        return None
    starts = [c.row_span.start if c.row_span else c.span.start for c in cells]
    return Span(min(starts), max(c.span.end for c in cells))


def table_start(report: Report, table: str, markers: bool = False) -> int | None:
    """Offset of the table's first cell, header rows included (``第二十条第(一)项``).

    With ``markers``, the empty cells or ``|`` row markers that open the first row count.
    """
    extent = table_extent(report, table)
    if extent is None:
        return None
    lower = 0
    for other in ("t2", "t3", "t4"):
        if other == table:
            continue
        e = table_extent(report, other)
        if e is not None and e.end <= extent.start:
            lower = max(lower, e.end)
    heading = next((h for h in report.headings if h.section == TABLE_SECTION[table]), None)
    if heading is not None and lower <= heading.span.end <= extent.start:
        lower = heading.span.end
    raw = [c.span.start for c in report.raw_cells if lower <= c.span.start <= extent.start and c.text.strip()]
    first = min(raw) if raw else extent.start
    return back_over_empty_cells(report, first, lower) if markers else first


@per_report
def marked_rows(report: Report) -> bool:
    """Whether a ``|`` line opens every row (the one-cell-per-line layout with row markers)."""
    lines = report.lines
    starts = {line_of(report, c.row_span.start) for c in report.cells.values() if c.row_span}
    if not starts:
        return False
    marked = sum(1 for n in starts if n > 1 and lines[n - 2].text.strip() == "|")
    return marked >= 0.8 * len(starts)


def back_over_empty_cells(report: Report, offset: int, lower: int = 0) -> int:
    """Move ``offset`` up to the start of its row in one-cell-per-line layouts.

    A row there may open with a ``|`` marker line or with empty label cells (a lone tab)
    that belong to merged cells above; the row, as written, starts with them.
    """
    if report.dialect != "cells":
        return offset
    lines = report.lines
    number = line_of(report, offset)
    raw_lines = {line_of(report, c.span.start) for c in report.raw_cells if c.text.strip()}
    moved = number
    while moved > 1 and lines[moved - 2].start >= lower:
        prev = lines[moved - 2].text
        if prev and not prev.strip() and "\t" in prev and (moved - 1) not in raw_lines:
            moved -= 1
            continue
        break
    if moved > 1 and lines[moved - 2].text.strip() == "|" and lines[moved - 2].start >= lower and marked_rows(report):
        moved -= 1
    return lines[moved - 1].start if moved != number else offset


def breadcrumb(text: str) -> bool:
    """A site's navigation path (您当前的位置: 首页 > … > 政府信息公开年报) rather than a title."""
    return ">" in text or "＞" in text or "位置" in text or "首页" in text


def title_line(report: Report) -> tuple[str, Span] | None:
    """The report's title as the engine found it (web navigation and breadcrumbs skipped)."""
    if report.title and report.title_span and not breadcrumb(report.title):
        return report.title, report.title_span
    return None


def title_year(report: Report) -> tuple[int, Span] | None:
    """The year written in the title and where."""
    if title_line(report) and report.title_year and report.title_year_span:
        return report.title_year, report.title_year_span
    return None


def full_width(report: Report) -> bool:
    """Whether the report writes its brackets and colons full-width (（）：) rather than half-width."""
    text = report.text.text
    full = text.count("（") + text.count("：")
    half = text.count("(") + text.count(":")
    return full >= half


_TO_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})
_TO_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";"})


def styled(text: str, full: bool) -> str:
    return text.translate(_TO_FULL if full else _TO_HALF)


def blank_span(report: Report, span: Span) -> Span:
    """The blank cell itself: the pipe dialect points at the pipe that closes it; the cell is the gap before."""
    text = report.text.text
    if report.dialect != "pipe" or span.end - span.start != 1 or text[span.start] != "|":
        return span
    j = span.start - 1
    while j >= 0 and text[j] in " \t\r\n\u3000":
        j -= 1
    if j < 0 or text[j] != "|":
        return span
    return Span(j + 1, span.start)


def plausible_heading(report: Report, h) -> bool:
    """Whether a numbered heading the engine found is one, not a list item of the prose.

    “一是依申请公开政府信息情况。结合……” opens a paragraph: no separator after the
    numeral and a sentence going on after the words.
    """
    if h.number is None or h.numeral_span is None or h.glued:
        return True
    text = report.text.text
    after = text[h.numeral_span.end : h.numeral_span.end + 1]
    if after and after in "、.．,，:：　 \t":
        return True
    end = text.find("\n", h.span.end)
    rest = text[h.span.end : end if end >= 0 else len(text)]
    return "。" not in rest and len(rest.strip()) < 10
