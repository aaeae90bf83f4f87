from __future__ import annotations

from nianbao.model import Report
from nianbao.rules import Message, Severity

from .._common import column_label, t4_group_label
from ._base import RelationRule, total, v
from ._check import Instance


class A304(RelationRule):
    """表四 行政复议 / 行政诉讼的“总计”≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结。

    What it checks:
        For each of the three groups of table 四 (行政复议; 行政诉讼·未经复议直接起诉;
        行政诉讼·复议后起诉): 总计 equals 结果维持 + 结果纠正 + 其他结果 + 尚未审结. Blank and
        unreadable cells count as 0 (T207/T209 report them).
        Nothing tells which of the five numbers is wrong, so the finding covers the
        group's cells (from 结果维持 to 总计) when they stand on separate lines, else
        it points at 总计.
    Why it matters:
        The four outcomes of the format (国办公开办函〔2021〕30号) cover every case exactly
        once — decided (upheld, corrected, other) or still pending — so 总计 is their sum.
    检查内容:
        表四的三组（行政复议；行政诉讼·未经复议直接起诉；行政诉讼·复议后起诉）中每一组：
        总计应等于结果维持 + 结果纠正 + 其他结果 + 尚未审结。空格和无法识别的单元格按0计算（由T207/T209提示）。
        无从判断五个数字中哪一个有误，因此这些单元格分行书写时，提示范围为该组从结果维持到总计的全部单元格，
        否则指向总计。
    为何重要:
        格式（国办公开办函〔2021〕30号）规定的四种结果——已审结的（维持、纠正、其他）
        和尚未审结的——涵盖每一件案件且只计一次，因此总计就是四者之和。
    Example:
        1 | 1 | 0 | 0 | 3 | 4 | 0 | 0 | 1 | 5 | 1 | 0 | 1 | 0 | 2 |
    Fix:
        1 | 1 | 0 | 0 | 2 | 4 | 0 | 0 | 1 | 5 | 1 | 0 | 1 | 0 | 2 |
    """

    code = "A304"
    name = "review-litigation-total-broken"
    severity = Severity.ERROR
    kind = "t4_total"

    def message(self, report: Report, inst: Instance) -> Message:
        template = report.template
        (tot,) = inst.relation.left
        group = tot.split(".")[1]
        parts = " + ".join(f"{column_label(template, k)}({v(inst, k)})" for k in inst.relation.right)
        return Message(
            f"表四 {t4_group_label(template, group)}：总计({v(inst, tot)}) ≠ {parts} = {total(inst.right)}",
            f"table 4, {group}: total ({v(inst, tot, 'en')}) ≠ upheld + corrected + other + pending "
            f"= {total(inst.right)}",
        )
