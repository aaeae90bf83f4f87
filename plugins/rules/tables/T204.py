from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from ._problems import problems, row_name, table_name, table_of


class T204(Rule):
    """表格中同一行出现了两次。

    What it checks:
        A row of the format written twice in the same table. One copy is read as the row;
        the other is reported.
    Why it matters:
        Two rows for one statistic cannot both be right; readers do not know which
        numbers the body meant, and the table no longer has the format's shape.
    检查内容:
        同一张表中，格式规定的某一行写了两次。其中一行按该行读取，另一行予以提示。
    为何重要:
        同一项统计有两行，不可能都对；读者不知道哪一行才是本机关要报的数字，表格也不再符合格式的样式。
    Example:
        2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
    Fix:
        2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
    """

    code = "T204"
    name = "row-repeated"
    severity = Severity.WARNING

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for p in problems(report, "row-repeated"):
            table = table_of(p)
            name = row_name(report, p)
            yield self.diagnostic(
                report,
                p.span,
                Message(
                    f"{table_name(table)}“{name}”一行重复出现", f"{table_name(table, 'en')}: row “{name}” appears twice"
                ),
                keys=p.keys,
            )
