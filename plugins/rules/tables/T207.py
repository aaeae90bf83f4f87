from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Related, Rule, Severity
from nianbao.template import Template

from .._common import blank_span, column_label, fmt
from .._determined import Determined, determined
from ._problems import blank_line_cutting_row, problems


class _Blank(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """A blank cell of the format: its key and span."""

    key: str
    span: Span
    room: bool  # whether a number can be written there (not a cell missing at the end of a short row)


def _cell_span(report: Report, span: Span) -> Span:
    """A gap ``|⏎ |`` left open on the next line is a blank cell of that line (the row's first)."""
    inside = report.text.text[span.start : span.end]
    after = max(inside.rfind("\n"), inside.rfind("\r")) + 1
    if inside[:1] in ("\n", "\r") and after < len(inside):
        return Span(span.start + after, span.end)
    return span


def _edit(report: Report, span: Span, value: str) -> Edit | None:
    """Write ``value`` into the blank cell at ``span``, keeping the line ends and the layout's marks."""
    text = report.text.text
    inside = text[span.start : span.end]
    if inside.strip() and inside.strip() != "|":
        return None
    if inside.strip() == "|":  # one cell per line: the line "|" is the blank cell
        return Edit(Span(span.start, span.start), f"{value} ")
    if "\t" in inside:  # a lone tab: the cell is after it
        return Edit(Span(span.end, span.end), value)
    if report.dialect == "pipe":
        opens_line = span.start == 0 or text[span.start - 1] in "\r\n"
        if (not opens_line and text[span.start - 1] != "|") or span.end >= len(text) or text[span.end] != "|":
            return None
        cut = min((i for i in (inside.find("\n"), inside.find("\r")) if i >= 0), default=-1)
        if cut >= 0:  # the gap holds a line break: write before it, the row keeps its lines
            return Edit(Span(span.start, span.start + cut), f" {value}")
        if opens_line:  # " | 1 |": the row's first cell opens its line
            return Edit(span, f"{value} ")
        return Edit(span, f" {value} " if inside else value)
    if "\n" in inside or "\r" in inside:
        return None
    return Edit(span, value)


def _where(template: Template | None, key: str, lang: str = "zh") -> tuple[str, str]:
    """(the row, the column) of a cell, in words."""
    if template is None or template.cell(key) is None:
        return key, key
    meaning = template.meaning(key, lang)
    if key.startswith("t4."):
        return ("表四" if lang == "zh" else "table 4"), meaning.split(" ", 1)[1] if lang == "zh" else meaning[9:]
    if lang == "zh":
        return meaning.rsplit(" × ", 1)[0], column_label(template, key)
    row, col = meaning.rsplit(", column ", 1)
    return row, col


def _message(report: Report, blanks: list[_Blank]) -> Message:
    template = report.template
    if len(blanks) == 1:
        key = blanks[0].key
        where = template.meaning(key) if template and key else key
        where_en = template.meaning(key, "en") if template and key else key
        return Message(f"{where} 为空；没有的应填0", f"{where_en} is blank; write 0 when there is nothing to report")
    row, _ = _where(template, blanks[0].key)
    row_en, _ = _where(template, blanks[0].key, "en")
    cols = "、".join(_where(template, b.key)[1] for b in blanks)
    cols_en = ", ".join(_where(template, b.key, "en")[1] for b in blanks)
    return Message(
        f"{row} 有{len(blanks)}个单元格为空（{cols}）；没有的应填0",
        f"{row_en}: {len(blanks)} cells are blank ({cols_en}); write 0 when there is nothing to report",
    )


def _fix(report: Report, blanks: list[_Blank], known: dict[str, Determined]) -> Fix | None:
    """The values the relations give the blank cells, where they give one; no guess where they do not."""
    template = report.template
    edits: list[Edit] = []
    by_relation: dict[int, tuple[Determined, list[str], list[str]]] = {}
    for b in blanks:
        d = known.get(b.key)
        edit = _edit(report, b.span, fmt(d.value)) if d is not None and b.room else None
        if edit is None:
            continue
        edits.append(edit)
        _, zh, en = by_relation.setdefault(id(d.relation), (d, [], []))
        zh.append(f"{_where(template, b.key)[1]}填{fmt(d.value)}")
        en.append(f"{_where(template, b.key, 'en')[1]} = {fmt(d.value, 'en')}")
    if not edits:
        return None
    zh = "；".join(f"{'、'.join(z)}（由“{d.relation.zh}”得出）" for d, z, _ in by_relation.values())
    en = "; ".join(f"{', '.join(e)} (from “{d.relation.en}”)" for d, _, e in by_relation.values())
    return Fix(tuple(edits), Message(zh, en), safe=False)


class T207(Rule):
    """表格中格式要求填数的单元格是空的（没有的应填0）。

    What it checks:
        Cells of tables 二–四 left blank, or missing at the end of a short row, where the
        format wants a number: one finding per row, every blank cell of it marked. Sums
        (A3xx) count a blank as 0. The fix writes the value the relations (勾稽关系)
        determine (一、本年新收 总计 2 and 自然人 2: each other column is 0) and names the
        relation; where they determine nothing it proposes nothing.
    Why it matters:
        The format (国办公开办函〔2021〕30号) asks for a number in every cell, 0 when there is
        nothing to report; a blank cannot be told from a value lost in copying, and other
        tools read it as missing data.
    检查内容:
        表二至表四中格式要求填数的单元格空着，或者某行末尾缺少单元格：每行提示一次，标出该行每个空格。
        核对勾稽关系（A3xx）时，空格按0计算。修复时填入勾稽关系所确定的数值（例如一、本年新收的总计为2、自然人为2，
        其余各列只能是0），并说明依据哪项关系；关系不能确定的，不提出修改。
    为何重要:
        格式（国办公开办函〔2021〕30号）要求每个单元格都填数字，没有的填0；空格无法与复制时丢失的数值区分，
        其他工具也会把它当作缺失数据。
    Example:
        一、本年新收政府信息公开申请数量 | 2 |  |  |  |  |  | 2 |
    Fix:
        一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
    """

    code = "T207"
    name = "cell-blank"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        template = report.template
        rows: dict[object, list[_Blank]] = {}

        def add(key: str, span: Span, room: bool) -> None:
            found = template.cell(key) if template and key else None
            rows.setdefault(found[0].index if found else key, []).append(_Blank(key, span, room))

        counted = [p.span for p in problems(report, "cell-count")]
        for p in problems(report, "cell-count"):
            cut = blank_line_cutting_row(report, p)
            if cut is not None:
                span, key = cut
                add(key, span, True)
        for p in problems(report, "cell-blank", "cell-missing"):
            if p.kind == "cell-missing" and any(s.start <= p.span.start <= s.end for s in counted):
                continue  # the short row is reported once, by T206
            add(p.keys[0] if p.keys else "", _cell_span(report, blank_span(report, p.span)), p.kind == "cell-blank")
        known = determined(report)
        for blanks in rows.values():
            blanks.sort(key=lambda b: b.span.start)
            related = []
            for b in blanks:
                meaning = template.meaning(b.key) if template and b.key else b.key
                meaning_en = template.meaning(b.key, "en") if template and b.key else b.key
                d = known.get(b.key)
                zh, en = f"{meaning} 为空", f"{meaning_en} is blank"
                if d is not None:
                    zh += f"，由勾稽关系应为{fmt(d.value)}"
                    en += f"; the relations make it {fmt(d.value, 'en')}"
                related.append(Related(b.span, Message(zh, en), b.key or None))
            yield self.diagnostic(
                report,
                blanks[0].span,
                _message(report, blanks),
                fix=_fix(report, blanks, known),
                related=related if len(blanks) > 1 else (),
                keys=tuple(b.key for b in blanks if b.key),
            )
