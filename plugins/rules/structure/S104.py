from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from .._common import NUMERALS, SECTION_EN, plausible_heading


class S104(Rule):
    """部分标题的序号与其内容不符（如“三、主动公开政府信息情况”）。

    What it checks:
        A section heading whose numeral is not the one the format gives its words:
        主动公开政府信息情况 is always 二、, 收到和处理政府信息公开申请情况 always 三、.
    Why it matters:
        The format (国办公开办函〔2021〕30号) numbers the sections by their content; a wrong
        numeral makes two sections share a number or sends readers to the wrong table.
    检查内容:
        部分标题的序号与格式为该标题规定的序号不一致：“主动公开政府信息情况”一律是“二、”，
        “收到和处理政府信息公开申请情况”一律是“三、”。
    为何重要:
        格式（国办公开办函〔2021〕30号）按内容为各部分编号；序号写错，会出现两个部分共用一个序号，或让读者找错表格。
    Example:
        三、主动公开政府信息情况
    Fix:
        二、主动公开政府信息情况
    """

    code = "S104"
    name = "heading-numeral-wrong"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for h in report.headings:
            if h.number is None or h.number == h.section or h.numeral_span is None:
                continue
            if not plausible_heading(report, h):
                continue
            right = NUMERALS[h.section - 1]
            wrong = report.text.text[h.numeral_span.start : h.numeral_span.end]
            fix = Fix(
                (Edit(h.numeral_span, right),),
                Message(f"把序号“{wrong}”改为“{right}”", f"change the numeral “{wrong}” to “{right}”"),
                safe=False,
            )
            yield self.diagnostic(
                report,
                h.numeral_span,
                Message(
                    f"标题“{h.title}”的序号应为“{right}”，写成了“{wrong}”",
                    f"the heading of section {h.section} ({SECTION_EN[h.section]}) "
                    f"is numbered “{wrong}”, not “{right}”",
                ),
                fix=fix,
            )
