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
