from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from .._common import NUMERALS, SECTION_EN


class S103(Rule):
    """部分标题缺少序号（如“主动公开政府信息情况”前缺“二、”）。

    What it checks:
        A section heading recognised by its words but written without its numeral
        一、…六、.
    Why it matters:
        The format numbers the six sections 一 to 六; a heading without its numeral reads
        as an ordinary line of prose, and the report's outline (and tools that navigate
        it) lose the section.
    检查内容:
        能按文字识别出的部分标题，前面没有写序号“一、”至“六、”。
    为何重要:
        格式用一至六为六个部分编号；标题缺少序号，读起来就像一行普通正文，报告的目录结构（以及据此定位的工具）
        会漏掉这一部分。
    Example:
        主动公开政府信息情况
    Fix:
        二、主动公开政府信息情况
    """

    code = "S103"
    name = "heading-unnumbered"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for h in report.headings:
            if h.number is not None:
                continue
            numeral = NUMERALS[h.section - 1] + "、"
            fix = Fix(
                (Edit(Span(h.span.start, h.span.start), numeral),),
                Message(f"在标题前加上“{numeral}”", f"insert “{numeral}” before the heading"),
                safe=False,
            )
            yield self.diagnostic(
                report,
                h.span,
                Message(
                    f"标题“{h.title}”缺少序号“{numeral}”",
                    f"the heading of section {h.section} ({SECTION_EN[h.section]}) lacks its numeral “{numeral}”",
                ),
                fix=fix,
            )
