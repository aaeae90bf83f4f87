from __future__ import annotations

from nianbao.model import Report
from nianbao.rules import Message, Severity

from .._common import column_label, row_label
from ._base import RelationRule, total, v
from ._check import Instance


class A302(RelationRule):
    """三、(七)总计 ≠ (一)至(六)各项办理结果之和。

    What it checks:
        For each column of table 三: (七)总计 equals the sum of every result row — (一)予以公开,
        (二)部分公开, the eight items of (三)不予公开, the three of (四)无法提供, the five of
        (五)不予处理 and (六)其他处理 (one row in the 2019 format, three items in 2021). Blank and
        unreadable cells count as 0 (T207/T209 report them).
        The finding points at (七)总计 — or at the likely wrong cell.
    Why it matters:
        (七)总计 is by definition the number of applications handled this year; the format
        (国办公开办函〔2021〕30号) counts each handled application under exactly one result
        (“区分处理的，只计这一情形，不计其他情形”). A total that differs from its items
        misstates how many applications were granted or refused.
    检查内容:
        表三的每一列：(七)总计应等于各项办理结果之和——(一)予以公开、(二)部分公开、(三)不予公开的8项、(四)无法提供的3项
        、(五)不予处理的5项，以及(六)其他处理（2019年版为1行，2021年版为3项）。
        空格和无法识别的单元格按0计算（由T207/T209提示）。提示位置为(七)总计，或最可能填错的单元格。
    为何重要:
        (七)总计按定义就是本年度办理的申请数；格式（国办公开办函〔2021〕30号）规定每件办理的申请只计入一种办理结果（“
        区分处理的，只计这一情形，不计其他情形”）。总计与各项之和不符，就不能如实反映予以公开和不予公开的申请各有多少。
    Example:
        (一)予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
        …(其余各项均为0)
        (七)总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    Fix:
        (七)总计 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
    """

    code = "A302"
    name = "results-total-broken"
    severity = Severity.ERROR
    kind = "results"

    def message(self, report: Report, inst: Instance) -> Message:
        template = report.template
        (handled,) = inst.relation.left
        col = column_label(template, handled)
        colkey = handled.rsplit(".", 1)[1]
        items = [k for k in inst.relation.right if inst.cells[k].value]
        shown = "，".join(f"{row_label(template, k)} {v(inst, k)}" for k in items[:6])
        more = "…" if len(items) > 6 else ""
        detail = f"（非零项：{shown}{more}）" if items else "（各项均为0或空）"
        return Message(
            f"表三 {col}列：(七)总计为{v(inst, handled)}，但(一)至(六)各项之和为{total(inst.right)}{detail}",
            f"table 3, column {colkey}: total handled is {v(inst, handled, 'en')} but the result items "
            f"(1)–(6) add up to {total(inst.right)}",
        )
