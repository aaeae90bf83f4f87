from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from .._common import fmt
from ._problems import problems


class T210(Rule):
    """单元格数值带有前缀或单位（如“增4747”“2400万”）。

    What it checks:
        A number written with a prefix (增/减/增加/减少) or a unit (万, 元, 件 …). The value
        is read in the column's unit (the 2019 采购总金额 in 元: 2400万 → 24000000; 增12 →
        12, 减3 → −3) and shown in the message so it can be confirmed. Information only:
        the 2019 format's 本年增/减 column is commonly written 增N / 减N.
    Why it matters:
        The format's columns carry their unit in the header (采购总金额 in 元, 2021 本年收费金额
        in 万元); a unit written in the cell invites a misreading by a factor of 10 000, and
        tools that read the tables need the bare number.
    检查内容:
        数字带有前缀（增/减/增加/减少）或单位（万、元、件等）。数值按该列的单位读取（2019年版的采购总金额以元计
        ：2400万读作24000000；增12读作12，减3读作−3），并写在提示中以便核实。本规则仅作提示：2019年版格式的“本年增/减”
        列常写作“增N”“减N”。
    为何重要:
        格式中各列的单位写在表头（采购总金额以元计，2021年版的本年收费金额以万元计）；在单元格中写单位，
        容易造成相差一万倍的误读，读取表格的工具也需要不带单位的数字。
    Example:
        政府集中采购 | 1 | 2400万 |
    Fix:
        政府集中采购 | 1 | 24000000 |
    """

    code = "T210"
    name = "value-with-prefix-or-unit"
    severity = Severity.INFO

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        template = report.template
        for p in problems(report, "prefixed-value", "unit-value"):
            text = report.text.text[p.span.start : p.span.end].strip()
            key = p.keys[0] if p.keys else ""
            where = template.meaning(key) if template and key else "单元格"
            where_en = template.meaning(key, "en") if template and key else "a cell"
            value = p.data.get("value")
            if p.kind == "prefixed-value":
                what = f"前缀“{p.data.get('prefix')}”"
                what_en = f"the prefix “{p.data.get('prefix')}”"
            else:
                unit = p.data.get("column_unit") or ""
                what = f"单位“{p.data.get('unit')}”" + (f"（本列单位为{unit}）" if unit else "")
                what_en = f"the unit “{p.data.get('unit')}”" + (f" (the column is in {unit})" if unit else "")
            yield self.diagnostic(
                report,
                p.span,
                Message(
                    f"{where} 写作“{text}”，带有{what}，读作 {fmt(value)}",
                    f"{where_en} is written “{text}” with {what_en}; read as {fmt(value, 'en')}",
                ),
                keys=p.keys,
            )
