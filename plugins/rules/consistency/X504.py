from __future__ import annotations

from collections.abc import Iterator, Sequence

from nianbao.rules import Context, Diagnostic, Message, ReportSummary, Rule, Severity

from .._common import column_label, fmt
from ._pairs import consecutive


class X504(Rule):
    """本年“二、上年结转”与上一年度报告的“四、结转下年度继续办理”不一致。

    What it checks:
        Given the reports of one body for two consecutive years in the same run (same
        title once the year is taken out), for each column of table 三 this year's
        二、上年结转政府信息公开申请数量 equals last year's 四、结转下年度继续办理. The
        finding points at this year's cell and names last year's file, line and value.
    Why it matters:
        The applications carried forward at the end of a year are by definition those carried
        over into the next (the 勾稽关系 of the format, 国办公开办函〔2021〕30号, across two
        reports); a difference means applications were lost or invented between the two
        reports.
    检查内容:
        同一次检查中有同一机关连续两个年度的报告时（去掉年度后标题相同），对表三的每一列核对：本年的“二、
        上年结转政府信息公开申请数量”应等于上一年度的“四、结转下年度继续办理”。提示位置为本年的单元格，
        并注明上一年度报告的文件、行号和数值。
    为何重要:
        上一年末结转的申请，按定义就是下一年度从上年结转过来的申请（这是国办公开办函〔2021〕30号格式中的勾稽关系在前后
        两份报告之间的延伸）；两者不一致，说明两份报告之间有申请被漏计或多计。
    Example:
        2022: 四、结转下年度继续办理 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
        2023: 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    Fix:
        2023: 二、上年结转政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
    """

    code = "X504"
    name = "carried-over-mismatch"
    summary_cells = ("t3.carried_in.*", "t3.carried_forward.*")
    severity = Severity.ERROR

    def check_all(self, reports: Sequence[ReportSummary], ctx: Context) -> Iterator[Diagnostic]:
        for this, prev in consecutive(reports):
            if this.template is None or prev.template is None:
                continue
            for col in ("natural", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"):
                now = this.cells.get(f"t3.carried_in.{col}")
                before = prev.cells.get(f"t3.carried_forward.{col}")
                if now is None or before is None or now.value is None or before.value is None:
                    continue
                if now.value == before.value:
                    continue
                label = column_label(this.template, now.key)
                line = prev.position(before.span.start)[0]
                yield self.diagnostic(
                    this,
                    now.span,
                    Message(
                        f"表三 {label}列：本年“二、上年结转”为{fmt(now.value)}，但{prev.year}年度报告"
                        f"（{prev.path} 第{line}行）“四、结转下年度继续办理”为{fmt(before.value)}",
                        f"table 3, column {col}: carried in is {fmt(now.value, 'en')}, but the {prev.year} report "
                        f"({prev.path}, line {line}) carried forward {fmt(before.value, 'en')}",
                    ),
                    keys=(now.key,),
                )
