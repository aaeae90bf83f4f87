from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from ._problems import missing_row_span, problems, row_name, table_name, table_of


class T203(Rule):
    """表格缺少格式规定的一行。

    What it checks:
        Every row of tables 二, 三 and 四 of the format version the report uses is there.
        The finding points at the place where the row belongs (the start of the next row).
        Its cells are then unknown, so the sums they take part in are not checked (A3xx).
    Why it matters:
        The format (国办公开办函〔2021〕30号) fixes the rows; a row left out hides a
        statistic the 条例 第五十条 requires — a reader cannot tell “none” from “not
        reported”. Write the row with 0 where there is nothing to report.
    检查内容:
        报告所用版本格式中，表二、表三、表四的每一行是否都在。提示位置为该行应在的地方（下一行的开头）。
        缺少的行其单元格数值不明，所涉及的勾稽关系（A3xx）不再核对。
    为何重要:
        格式（国办公开办函〔2021〕30号）规定了表格的各行；漏掉一行，就漏报了《条例》
        第五十条要求公开的一项数据——读者无法分辨是“没有”还是“未报告”。没有可报告的内容时，也应保留该行并填0。
    Example:
        (二)部分公开(区分处理的,只计这一情形,不计其他情形) | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    Fix:
        (二)部分公开(区分处理的,只计这一情形,不计其他情形) | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        (三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    """

    code = "T203"
    name = "row-missing"
    severity = Severity.ERROR

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for p in problems(report, "row-missing"):
            table = table_of(p)
            name = row_name(report, p)
            yield self.diagnostic(
                report,
                missing_row_span(report, p),
                Message(f"{table_name(table)}缺少“{name}”一行", f"{table_name(table, 'en')}: row “{name}” is missing"),
                keys=p.keys,
            )
