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
    检查内容:
        表二至表三中有一行数字没有自己的行标签（复制合并单元格时丢失），按格式在该位置的行读取。
        行标签是所在组合并单元格文字的行（如“三、本年度办理结果”“(七)总计”）不提示。本规则仅作提示。
    为何重要:
        没有标签，只能靠数行数来确定是哪一行；上面多一行或少一行，每个数字都会算进错误的统计项。
        格式（国办公开办函〔2021〕30号）为每一行都规定了标签。
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
