from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from ._problems import problems


class T208(Rule):
    """一个单元格中写了多个数值（如“0 0”）。

    What it checks:
        A cell holding several numbers separated by spaces — usually two cells merged when
        the table was copied, so the row also looks one value short.
    Why it matters:
        Each cell of the format holds one number; two numbers in one place mean a reader
        (and the sums, A3xx) cannot tell which column each belongs to.
    检查内容:
        一个单元格中有用空格隔开的多个数字——通常是复制表格时两个单元格并成了一个，因此这一行看起来还少了一个数值。
    为何重要:
        格式中每个单元格只填一个数字；一处有两个数字，读者（以及勾稽关系核对，A3xx）就无法判断每个数字属于哪一列。
    Example:
        行政强制 → 0 → 0 0
    Fix:
        行政强制 → 0 → 0 → 0
    """

    code = "T208"
    name = "cell-multiple-values"
    severity = Severity.WARNING

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        template = report.template
        for p in problems(report, "multi-value"):
            text = report.text.text[p.span.start : p.span.end].strip()
            where = "、".join(template.meaning(k) for k in p.keys) if template and p.keys else ""
            where_en = ", ".join(template.meaning(k, "en") for k in p.keys) if template and p.keys else ""
            yield self.diagnostic(
                report,
                p.span,
                Message(
                    f"一个单元格中有多个数值“{text}”" + (f"（读作 {where}）" if where else ""),
                    f"several numbers in one cell: “{text}”" + (f" (read as {where_en})" if where_en else ""),
                ),
                keys=p.keys,
            )
