from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Message, Related, Rule, Severity

from .._common import table_start, title_year

_DOC = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}


def _reliable_year(report: Report) -> int | None:
    """The statistics period's year, else the title's; a year merely mentioned in the text is not enough."""
    if report.period_year:
        return report.period_year
    found = title_year(report)
    if found is not None:
        return found[0]
    return report.year if report.year_basis in ("period", "title") else None


class X502(Rule):
    """报告所用表格格式的版本与报告年度不符（2021年起应使用2021年版格式）。

    What it checks:
        Reports covering 2019 and 2020 use the 2019 format (国办公开办函〔2019〕60号);
        reports covering 2021 and later use the 2021 format (国办公开办函〔2021〕30号), whose
        table 二 reads 本年制发件数 / 本年废止件数 / 现行有效件数 and whose table 三 splits
        (六)其他处理 into three items. The finding points at the first cell of table 二.
    Why it matters:
        The 2021 format replaced the 2019 one for every report from the 2021 report on; a
        report in the old format lacks statistics the new one requires (现行有效件数, the
        items of (六)其他处理, 本年收费金额) and cannot be compared with other bodies' reports.
    检查内容:
        2019年度和2020年度的报告使用2019年版格式（国办公开办函〔2019〕60号）；2021年度及以后的报告使用2021年版格式（国
        办公开办函〔2021〕30号），其表二的列为“本年制发件数 / 本年废止件数 / 现行有效件数”，
        表三把(六)其他处理分为三项。提示位置为表二的第一个单元格。
    为何重要:
        自2021年度报告起，2021年版格式取代了2019年版；使用旧格式的报告缺少新格式要求的统计数据（现行有效件数、(六)其他
        处理的各项、本年收费金额），也无法与其他机关的报告比较。
    Example:
        ××局2021年度政府信息公开工作年度报告
        第二十条第(一)项 | 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
    Fix:
        第二十条第(一)项 | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
    """

    code = "X502"
    name = "format-version-mismatch"
    severity = Severity.ERROR

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        t = report.template
        year = _reliable_year(report)
        if t is None or year is None or t.covers(year):
            return
        right = "2021" if year >= 2021 else "2019"
        start = table_start(report, "t2")
        if start is None:
            start = min((c.span.start for c in report.raw_cells), default=0)
        line = report.lines[report.position(start)[0] - 1]
        span = Span(start, max(start, line.end))
        related = []
        if report.year_span is not None:
            related.append(Related(report.year_span, Message("报告年度", "the report's year")))
        yield self.diagnostic(
            report,
            span,
            Message(
                f"{year}年度的报告应使用{right}年版格式（{_DOC[right]}），表格却是{t.version}年版格式",
                f"a report for {year} takes the {right} format ({_DOC[right]}); its tables are in the "
                f"{t.version} format",
            ),
            related=related,
        )
