from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Related, Rule, Severity

from .._common import title_year


class X501(Rule):
    """标题中的年度与统计期限的年度不一致。

    What it checks:
        The year in the title (“××局2021年度政府信息公开工作年度报告”) is the year of the
        statistics period stated in the text (“本报告中所列数据的统计期限自2020年1月1日起至
        2020年12月31日止”).
    Why it matters:
        An annual report covers one calendar year (条例 第四十九条、第五十条); a title naming
        another year files the report under the wrong year, where readers, archives and the
        comparison with the previous report (X504) will look for it.
    检查内容:
        标题中的年度（“××局2021年度政府信息公开工作年度报告”）应与正文所述统计期限的年度（“本报告中所列数据的统计期限
        自2020年1月1日起至2020年12月31日止”）一致。
    为何重要:
        年度报告反映一个自然年度的情况（《条例》第四十九条、第五十条）；标题写成另一年度，报告就会被归入错误的年度，
        读者查阅、档案归档以及与上一年度报告的比对（X504）都会找错地方。
    Example:
        ××局2021年度政府信息公开工作年度报告
        本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。
    Fix:
        ××局2020年度政府信息公开工作年度报告
    """

    code = "X501"
    name = "title-year-mismatch"
    severity = Severity.ERROR
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        found = title_year(report)
        if not report.period_year or found is None or found[0] == report.period_year:
            return
        year, span = found
        written = report.text.text[span.start : span.end]
        fix = None
        if written.isdigit():
            fix = Fix(
                (Edit(span, str(report.period_year)),),
                Message(f"把标题中的年度改为{report.period_year}", f"change the title's year to {report.period_year}"),
                safe=False,
            )
        related = []
        if report.period_span is not None:
            related.append(Related(report.period_span, Message("统计期限的年度", "year of the statistics period")))
        yield self.diagnostic(
            report,
            span,
            Message(
                f"标题写的是{year}年，但统计期限是{report.period_year}年",
                f"the title says {year} but the statistics period is {report.period_year}",
            ),
            fix=fix,
            related=related,
        )
