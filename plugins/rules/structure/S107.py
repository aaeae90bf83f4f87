from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from .S106 import first_text_span


class S107(Rule):
    """报告没有写明所属年度。

    What it checks:
        The year the report covers can be read from the statistics period
        (“统计期限自2020年1月1日起至2020年12月31日止”), the title or the text before the
        tables. This rule fires when none of them names a year.
    Why it matters:
        An annual report covers one calendar year (条例 第四十九条、第五十条); without the
        year its numbers cannot be compared with the previous report, and which format
        applies (2019 or 2021 version) cannot be checked.
    检查内容:
        报告所属年度可以从统计期限（“统计期限自2020年1月1日起至2020年12月31日止”）、标题或表格之前的正文中读出。
        三处都没有写明年度时，本规则予以提示。
    为何重要:
        年度报告反映一个自然年度的情况（《条例》第四十九条、第五十条）；不写明年度，
        报告中的数据就无法与上一年度报告比较，也无法核对应当使用哪一版格式（2019年版或2021年版）。
    Example:
        政府信息公开工作年度报告
    Fix:
        ××局2021年度政府信息公开工作年度报告
    """

    code = "S107"
    name = "year-missing"
    severity = Severity.WARNING

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        if report.year is not None:
            return
        span = report.title_span or first_text_span(report)
        yield self.diagnostic(
            report,
            span,
            Message(
                "报告没有写明年度（标题或统计期限中应有“××××年”）",
                "the report does not say which year it covers (no year in the title or statistics period)",
            ),
        )
