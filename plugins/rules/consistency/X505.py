from __future__ import annotations

from collections.abc import Iterator, Sequence

from nianbao.rules import Context, Diagnostic, Message, Related, ReportSummary, Rule, Severity

from .._common import fmt
from ._pairs import consecutive

_ROWS = {"regulations": "规章", "normative_docs": "行政规范性文件"}


class X505(Rule):
    """现行有效件数与上一年度报告对不上：上年现行有效 + 本年制发 − 本年废止 ≠ 本年现行有效。

    What it checks:
        Given two consecutive 2021-format reports of one body in the same run, for 规章 and
        行政规范性文件 of table 二: last year's 现行有效件数 + this year's 本年制发件数 − this
        year's 本年废止件数 = this year's 现行有效件数. A warning: documents that expire
        without being repealed, or are counted again after a clean-up, also explain a
        difference.
    Why it matters:
        The 2021 format (国办公开办函〔2021〕30号) added 现行有效件数 so that the stock of rules in
        force can be followed from year to year; a count that does not carry over suggests a
        miscount in one of the two reports.
    检查内容:
        同一次检查中有同一机关连续两个年度的2021年版格式报告时，对表二的规章和行政规范性文件核对：
        上年现行有效件数 + 本年制发件数 − 本年废止件数 = 本年现行有效件数。本规则只作警告：文件未经废止而到期失效，
        或清理后重新计数，也会造成差异。
    为何重要:
        2021年版格式（国办公开办函〔2021〕30号）增设了现行有效件数，以便逐年跟踪现行有效的规章和规范性文件的数量；
        数字前后接不上，说明两份报告中可能有一份统计有误。
    Example:
        2022: 行政规范性文件 | 10 | 2 | 50 |
        2023: 行政规范性文件 | 5 | 1 | 50 |
    Fix:
        2023: 行政规范性文件 | 5 | 1 | 54 |
    """

    code = "X505"
    name = "in-force-count-mismatch"
    summary_cells = ("t2.regulations.*", "t2.normative_docs.*")
    severity = Severity.WARNING

    def check_all(self, reports: Sequence[ReportSummary], ctx: Context) -> Iterator[Diagnostic]:
        for this, prev in consecutive(reports):
            if not (this.template and prev.template and this.template.version == prev.template.version == "2021"):
                continue
            for row, label in _ROWS.items():
                cells = [this.cells.get(f"t2.{row}.{c}") for c in ("issued", "repealed", "in_force")]
                before = prev.cells.get(f"t2.{row}.in_force")
                if before is None or before.value is None or any(c is None or c.value is None for c in cells):
                    continue
                issued, repealed, in_force = cells
                expected = before.value + issued.value - repealed.value
                if abs(expected - in_force.value) < 1e-9:
                    continue
                line = prev.position(before.span.start)[0]
                yield self.diagnostic(
                    this,
                    in_force.span,
                    Message(
                        f"表二 {label}：上年现行有效({fmt(before.value)}，{prev.path} 第{line}行) + 本年制发"
                        f"({fmt(issued.value)}) − 本年废止({fmt(repealed.value)}) = {fmt(expected)}，"
                        f"但本年现行有效为{fmt(in_force.value)}",
                        f"table 2, {row}: last year in force ({fmt(before.value)}, {prev.path} line {line}) + issued "
                        f"({fmt(issued.value)}) − repealed ({fmt(repealed.value)}) = {fmt(expected)}, but in force is "
                        f"{fmt(in_force.value)}",
                    ),
                    related=[
                        Related(issued.span, Message("本年制发件数", "issued this year"), issued.key),
                        Related(repealed.span, Message("本年废止件数", "repealed this year"), repealed.key),
                    ],
                    keys=(issued.key, repealed.key, in_force.key),
                )
