from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from .._common import NUMERALS, SECTION_EN, SECTION_TITLES, line_span
from ._anchors import section_anchor


class S101(Rule):
    """报告缺少格式规定的六个部分之一（一、总体情况 至 六、其他需要报告的事项）。

    What it checks:
        Every one of the six sections of the national format has its heading:
        一、总体情况 · 二、主动公开政府信息情况 · 三、收到和处理政府信息公开申请情况 ·
        四、政府信息公开行政复议、行政诉讼情况 · 五、存在的主要问题及改进情况 · 六、其他需要报告的事项.
        Headings are recognised by their words (wording variants, a missing or wrong
        numeral and a heading glued to a paragraph are reported by S103–S105, not here).
        The finding points at the line where the heading belongs: the first line of the
        section's table for 二–四, the first paragraph after the preamble for 一, the
        first line after table 四 for 五, the 信息处理费 / 无 paragraph for 六.
    Why it matters:
        《中华人民共和国政府信息公开条例》 第五十条 lists what an annual report contains,
        and the format (国办公开办函〔2021〕30号, before it 〔2019〕60号) fixes the six
        sections in this order; a report without one of them is incomplete.
    检查内容:
        格式规定的六个部分是否都有标题：一、总体情况 · 二、主动公开政府信息情况 · 三、
        收到和处理政府信息公开申请情况 · 四、政府信息公开行政复议、行政诉讼情况 · 五、存在的主要问题及改进情况 · 六、
        其他需要报告的事项。标题按文字识别：措辞略有出入、缺少序号或序号有误、接在上一段末尾的标题仍视为存在，
        这些问题分别由S103–S105提示，不在本规则报告。提示位置为该标题应在的行：第二至第四部分为该部分表格的第一行，
        第一部分为开头引言之后的第一段，第五部分为表四之后的第一行，第六部分为写明信息处理费或“无”的段落。
    为何重要:
        《中华人民共和国政府信息公开条例》第五十条规定了年度报告应当包括的内容，格式（国办公开办函〔2021〕30号，
        此前为〔2019〕60号）据此按顺序规定了六个部分；缺少其中任何一部分，报告即不完整。
    Example:
        二、主动公开政府信息情况
        ……
        行政事业性收费 | 0 | 0 | ||
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | ||||||||
    Fix:
        行政事业性收费 | 0 | 0 | ||
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | ||||||||
    """

    code = "S101"
    name = "section-missing"
    severity = Severity.ERROR
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        present = {h.section for h in report.headings}
        for number in range(1, 7):
            if number in present:
                continue
            line = section_anchor(report, number)
            span = line_span(report, line)
            where = span
            if line > 1 and not report.lines[line - 2].text.strip() and _blank_after_headings(report):
                # this report puts a blank line after its headings: the missing one stood just above it
                where = Span(report.lines[line - 2].start, span.end)
            heading = f"{NUMERALS[number - 1]}、{SECTION_TITLES[number]}"
            fix = Fix(
                (Edit(Span(span.start, span.start), heading + report.text.newline),),
                Message(f"在此插入标题“{heading}”", f"insert the heading “{heading}” here"),
                safe=False,
            )
            yield self.diagnostic(
                report,
                where,
                Message(
                    f"缺少第{NUMERALS[number - 1]}部分“{heading}”（应在此处）",
                    f"section {number} ({SECTION_EN[number]}, “{heading}”) is missing; it belongs here",
                ),
                fix=fix,
            )


def _blank_after_headings(report: Report) -> bool:
    """Whether most of the report's headings are followed by a blank line."""
    lines = report.lines
    after = [report.position(h.span.end)[0] for h in report.headings if not h.glued]
    blank = sum(1 for n in after if n < len(lines) and not lines[n].text.strip())
    return bool(after) and blank * 2 > len(after)
