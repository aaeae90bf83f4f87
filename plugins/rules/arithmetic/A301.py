from __future__ import annotations

from nianbao.model import Report
from nianbao.rules import Message, Severity

from .._common import column_label
from ._base import RelationRule, total, v
from ._check import Instance


class A301(RelationRule):
    """一、本年新收 + 二、上年结转 ≠ 三、(七)总计 + 四、结转下年度继续办理。

    What it checks:
        For each column of table 三 (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构,
        其他, 总计): the applications received this year plus those carried over from last
        year equal the applications handled ((七)总计) plus those carried forward. Blank and
        unreadable cells count as 0 (T207/T209 report them).
        The finding points at (七)总计 — or at the likely wrong cell.
    Why it matters:
        This is the 勾稽关系 printed in the table's header by the format itself
        (“第一项加第二项之和，等于第三项加第四项之和”, 国办公开办函〔2021〕30号): every application
        is either handled this year or carried forward. A column that does not balance has
        lost or invented applications.
    检查内容:
        表三的每一列（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）：
        本年新收的申请数加上年结转的申请数，应等于本年办理的申请数（(七)总计）加结转下年度继续办理的申请数。
        空格和无法识别的单元格按0计算（由T207/T209提示）。提示位置为(七)总计，或最可能填错的单元格。
    为何重要:
        这是格式在表头中写明的勾稽关系（“第一项加第二项之和，等于第三项加第四项之和”，国办公开办函〔2021〕30号）：
        每一件申请要么在本年度办理，要么结转下年度。某一列不平衡，说明有申请被漏计或多计。
    Example:
        一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        (七)总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
        四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    Fix:
        (七)总计 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
    """

    code = "A301"
    name = "application-balance-broken"
    severity = Severity.ERROR
    kind = "balance"

    def message(self, report: Report, inst: Instance) -> Message:
        new, carried_in = inst.relation.left
        handled, forward = inst.relation.right
        col = column_label(report.template, new)
        colkey = new.rsplit(".", 1)[1]
        return Message(
            f"表三 {col}列：一、本年新收({v(inst, new)}) + 二、上年结转({v(inst, carried_in)}) = {total(inst.left)}，"
            f"但(七)总计({v(inst, handled)}) + 四、结转下年度继续办理({v(inst, forward)}) = {total(inst.right)}",
            f"table 3, column {colkey}: new ({v(inst, new, 'en')}) + carried in ({v(inst, carried_in, 'en')}) = "
            f"{total(inst.left)}, but total handled ({v(inst, handled, 'en')}) + carried forward "
            f"({v(inst, forward, 'en')}) = {total(inst.right)}",
        )
