from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from .._common import full_width, styled
from ._problems import blank_line_cutting_row, problems


class T211(Rule):
    """表格某一行没有行标签，只能按位置判断它是哪一行。

    What it checks:
        A row of numbers in tables 二–三 without its own label (lost when merged cells were
        copied), read as the row the format has at that position. Rows whose label is
        merged-cell text of their group (“三、本年度办理结果”, “(七)总计”) are not reported.
        Information only.
    Why it matters:
        Without its label a row is identified by counting rows; one row more or less above it
        and every number lands in the wrong statistic. The format (国办公开办函〔2021〕30号)
        gives every row a label.
    Example:
        → → 0 → 0 → 0 → 0 → 0 → 0 → 0 → 0
    Fix:
        → 1.属于国家秘密 → 0 → 0 → 0 → 0 → 0 → 0 → 0
    """

    code = "T211"
    name = "row-label-lost"
    severity = Severity.INFO

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        full = full_width(report)
        cut = {q.span.start for q in problems(report, "cell-count") if blank_line_cutting_row(report, q)}
        for p in problems(report, "row-guessed"):
            if p.span.start in cut:
                continue  # its label is there: a blank cell split the row (T207)
            expected = str(p.data.get("expected", ""))
            if not expected or "merged" in p.data:
                continue
            label = styled(expected, full)
            yield self.diagnostic(
                report,
                p.span,
                Message(
                    f"这一行没有行标签，按位置读作“{label}”", f"this row has no label; read by position as “{label}”"
                ),
                keys=p.keys,
            )
