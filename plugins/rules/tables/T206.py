from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import CellKind, Report, Span
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from ._problems import blank_line_cutting_row, problems, row_name, table_name, table_of


class T206(Rule):
    """表格某一行的数值个数与格式规定的列数不符。

    What it checks:
        A row of tables 二–四 with more or fewer values than the format has columns for it
        (table 三: seven — six applicant columns and 总计). Which value belongs to which
        column is then a guess.
    Why it matters:
        A value too many or too few shifts the numbers into the wrong columns: a reader
        (and every sum, A3xx) takes 商业企业 for 自然人. Write one value per column, 0 when
        there is nothing to report.
    检查内容:
        表二至表四中某一行的数值个数多于或少于格式为该行规定的列数（表三为七列：六类申请人和总计）。
        此时哪个数值属于哪一列只能靠推测。
    为何重要:
        数值多一个或少一个，数字就会错到别的列：读者（以及各项勾稽关系核对，A3xx）会把商业企业的数当成自然人的数。
        每列填一个数值，没有的填0。
    Example:
        二、上年结转政府信息公开申请数量 → → → → 0 → 0 → 0 → 0 → 0 → 0
    Fix:
        二、上年结转政府信息公开申请数量 → → → 0 → 0 → 0 → 0 → 0 → 0 → 0
    """

    code = "T206"
    name = "cell-count-wrong"
    severity = Severity.WARNING

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for p in problems(report, "cell-count"):
            if blank_line_cutting_row(report, p) is not None:
                continue  # a blank cell, reported by T207
            found, expected = p.data.get("found"), p.data.get("expected")
            table = table_of(p)
            name = row_name(report, p)
            yield self.diagnostic(
                report,
                _from_label_end(report, p.span),
                Message(
                    f"{table_name(table)}“{name}”一行有{found}个数值，格式规定{expected}个",
                    f"{table_name(table, 'en')}: row “{name}” has {found} values; the format has {expected} columns",
                ),
                keys=p.keys,
            )


def _from_label_end(report: Report, span: Span) -> Span:
    """The row from the last line of its label: a label wrapped onto the next line (``3.补正后申请`` /
    ``内容仍不明确\t0…``) is reported where the row's cells are, not a line above them."""
    labels = []
    for c in report.raw_cells:  # in reading order
        if c.span.start >= span.end or (c.span.start >= span.start and c.kind is CellKind.VALUE):
            break
        if c.span.start >= span.start and c.kind is CellKind.LABEL:
            labels.append(c)
    if len(labels) < 2 or "\n" not in report.text.text[span.start : labels[-1].span.start]:
        return span
    return Span(labels[-1].span.start, span.end)
