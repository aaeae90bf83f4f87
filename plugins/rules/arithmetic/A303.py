from __future__ import annotations

from nianbao.model import Report
from nianbao.rules import Message, Severity

from .._common import column_label, row_label
from ._base import RelationRule, total, v
from ._check import Instance


class A303(RelationRule):
    """表三某一行的“总计”≠ 六类申请人之和。

    What it checks:
        On every row of table 三: the 总计 column equals 自然人 + 商业企业 + 科研机构 +
        社会公益组织 + 法律服务机构 + 其他. Blank and unreadable cells count as 0 (T207/T209
        report them). The finding points at the row's 总计 cell — or at the likely wrong cell.
    Why it matters:
        The format (国办公开办函〔2021〕30号) splits every statistic of table 三 by applicant;
        总计 is their sum by definition. A row whose total differs has a wrong total or a
        wrong applicant figure.
    检查内容:
        表三的每一行：总计列应等于自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。
        空格和无法识别的单元格按0计算（由T207/T209提示）。提示位置为该行的总计单元格，或最可能填错的单元格。
    为何重要:
        格式（国办公开办函〔2021〕30号）把表三的每项统计按申请人分类；总计按定义就是各类申请人之和。
        某一行的总计对不上，说明总计或某类申请人的数字有误。
    Example:
        (一)予以公开 | 22 | 0 | 0 | 0 | 0 | 0 | 21 |
    Fix:
        (一)予以公开 | 22 | 0 | 0 | 0 | 0 | 0 | 22 |
    """

    code = "A303"
    name = "row-total-broken"
    severity = Severity.ERROR
    kind = "row_total"

    def message(self, report: Report, inst: Instance) -> Message:
        template = report.template
        (tot,) = inst.relation.left
        row = row_label(template, tot)
        parts = " + ".join(f"{column_label(template, k)}({v(inst, k)})" for k in inst.relation.right)
        row_key = tot[3:].rsplit(".", 1)[0]
        return Message(
            f"表三 “{row}”行：总计({v(inst, tot)}) ≠ {parts} = {total(inst.right)}",
            f"table 3, row {row_key}: total ({v(inst, tot, 'en')}) ≠ the six applicant columns = {total(inst.right)}",
        )
