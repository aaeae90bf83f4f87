from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from .._common import blank_span
from ._problems import blank_line_cutting_row, problems


def _fix(report: Report, span: Span) -> Fix | None:
    """Insert 0 when the blank sits between two pipes on one line; otherwise there is no room."""
    text = report.text.text
    inside = text[span.start : span.end]
    if inside.strip() or "\n" in inside or "\r" in inside:
        return None
    if span.start == 0 or span.end >= len(text) or text[span.start - 1] != "|" or text[span.end] != "|":
        return None
    return Fix((Edit(span, " 0 " if inside else "0"),), Message("填入0", "write 0"), safe=False)


def _message(report: Report, key: str) -> Message:
    template = report.template
    where = template.meaning(key) if template and key else key
    where_en = template.meaning(key, "en") if template and key else key
    return Message(f"{where} 为空；没有的应填0", f"{where_en} is blank; write 0 when there is nothing to report")


class T207(Rule):
    """表格中格式要求填数的单元格是空的（没有的应填0）。

    What it checks:
        A cell of tables 二–四 left blank, or missing at the end of a short row, where the
        format wants a number. Sums (A3xx) count a blank as 0.
    Why it matters:
        The format (国办公开办函〔2021〕30号) asks for a number in every cell, 0 when there is
        nothing to report; a blank cannot be told from a value lost in copying, and other
        tools read it as missing data.
    检查内容:
        表二至表四中格式要求填数的单元格空着，或者某行末尾缺少单元格。核对勾稽关系（A3xx）时，空格按0计算。
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
        counted = [p.span for p in problems(report, "cell-count")]
        for p in problems(report, "cell-count"):
            cut = blank_line_cutting_row(report, p)
            if cut is not None:
                span, key = cut
                yield self.diagnostic(report, span, _message(report, key), keys=(key,))
        for p in problems(report, "cell-blank", "cell-missing"):
            if p.kind == "cell-missing" and any(s.start <= p.span.start <= s.end for s in counted):
                continue  # the short row is reported once, by T206
            key = p.keys[0] if p.keys else ""
            span = blank_span(report, p.span)
            yield self.diagnostic(
                report,
                span,
                _message(report, key),
                fix=_fix(report, span) if p.kind == "cell-blank" else None,
                keys=p.keys,
            )
