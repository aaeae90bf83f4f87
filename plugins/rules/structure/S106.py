from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from .._common import title_line


def first_text_span(report: Report) -> Span:
    line = next((ln for ln in report.lines if ln.text.strip()), report.lines[0])
    return Span(line.start, line.end)


class S106(Rule):
    """报告开头没有可识别的标题。

    What it checks:
        Before section 一 there is a line naming the report, such as
        “××局2020年度政府信息公开工作年度报告” (below a web page's navigation it must name
        the year). A site's breadcrumb (“您当前的位置: 首页 > … > 政府信息公开年报”) does not
        count.
    Why it matters:
        The title says whose report it is and for which year; without it a report copied
        out of its web page cannot be told apart from another body's or another year's,
        and the year has to be guessed from the text. Information only: many copies lose
        the title with the page around it.
    检查内容:
        第一部分之前是否有一行写明报告名称，如“××局2020年度政府信息公开工作年度报告”（位于网页导航栏之下的，
        须写明年度）。网站的导航路径（“您当前的位置: 首页 > … > 政府信息公开年报”）不算标题。
    为何重要:
        标题说明这是哪个机关、哪一年度的报告；没有标题，从网页复制出来的报告就无法与其他机关或其他年度的报告区分，
        年度也只能从正文推断。本规则仅作提示：很多复制件连同网页一起丢失了标题。
    Example:
        根据《中华人民共和国政府信息公开条例》，特向社会公布2020年度本单位政府信息公开工作年度报告。
    Fix:
        富源县政务服务管理局2020年度政府信息公开工作年度报告
        根据《中华人民共和国政府信息公开条例》，特向社会公布2020年度本单位政府信息公开工作年度报告。
    """

    code = "S106"
    name = "title-missing"
    severity = Severity.INFO

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        if title_line(report) is not None:
            return
        yield self.diagnostic(
            report,
            first_text_span(report),
            Message(
                "报告开头没有可识别的标题（机关名称 + 年度 + 政府信息公开工作年度报告）",
                "no recognisable title (body, year, 政府信息公开工作年度报告) before section 1",
            ),
        )
