from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from .._common import TABLE_SECTION
from ..structure.S106 import first_text_span
from ._problems import problems, section_heading_span

_TITLES = {
    "t2": "主动公开政府信息情况",
    "t3": "收到和处理政府信息公开申请情况",
    "t4": "政府信息公开行政复议、行政诉讼情况",
}


class T201(Rule):
    """报告缺少格式规定的统计表（表二、表三或表四）。

    What it checks:
        Each of the three tables of the format is there: 二 主动公开政府信息情况,
        三 收到和处理政府信息公开申请情况, 四 政府信息公开行政复议、行政诉讼情况. The finding
        points at the section's heading (or the report's first line when the heading is
        missing too).
    Why it matters:
        The tables are the part of the report the format (国办公开办函〔2021〕30号) fixes cell
        by cell; 条例 第五十条 requires the numbers of proactive disclosure, of applications
        and of reviews and lawsuits. A report that describes them in prose only cannot be
        checked or compared.
    检查内容:
        格式规定的三张统计表是否齐全：表二 主动公开政府信息情况、表三 收到和处理政府信息公开申请情况、
        表四 政府信息公开行政复议、行政诉讼情况。提示位置为该部分的标题（标题也缺失的，为报告的第一行）。
    为何重要:
        统计表是格式（国办公开办函〔2021〕30号）逐格规定的部分；《条例》第五十条要求报告主动公开、
        依申请公开以及行政复议、行政诉讼的数据。只用文字叙述这些情况的报告，既无法核对，也无法比较。
    Example:
        四、政府信息公开行政复议、行政诉讼情况
        本年度未发生政府信息公开行政复议、行政诉讼案件。
    Fix:
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | | | | | 行政诉讼 | …
        0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    """

    code = "T201"
    name = "table-missing"
    severity = Severity.ERROR

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        if report.template is None:
            missing = ["t2", "t3", "t4"]
        else:
            missing = [str(p.data.get("table")) for p in problems(report, "table-missing")]
        for table in missing:
            if table not in TABLE_SECTION:
                continue
            span = section_heading_span(report, table) or first_text_span(report)
            n = "二三四"[TABLE_SECTION[table] - 2]
            yield self.diagnostic(
                report,
                span,
                Message(f"缺少表{n}“{_TITLES[table]}”", f"table {TABLE_SECTION[table]} ({_TITLES[table]}) is missing"),
            )
