from __future__ import annotations

from collections.abc import Iterator

from nianbao import values
from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from ._problems import problems


class T209(Rule):
    """表格中应填数字的单元格写了非数字内容（如“无”“-”“/”）。

    What it checks:
        A cell of tables 二–四 whose text is not a number: a dash, a slash, 无, words, or a
        number with a letter in it or for it (O for 0, l for 1, 5a5).
        Sums (A3xx) treat it like a blank cell.
    Why it matters:
        The format (国办公开办函〔2021〕30号) asks for a number in every cell, 0 when there
        is nothing to report; “无” or “—” cannot be added up and other tools read them as
        missing data.
    检查内容:
        表二至表四中某个单元格的内容不是数字：横线、斜线、“无”、文字，或夹着字母、用字母代替数字的数值（O当0、l当1、5a5）。核对勾稽关系（A3xx）时按空格处理。
    为何重要:
        格式（国办公开办函〔2021〕30号）要求每个单元格都填数字，没有的填0；“无”或“—”无法相加，
        其他工具也会把它当作缺失数据。
    Example:
        3.要求提供公开出版物 | 0 | — | 0 | 0 | 0 | 0 | 0 |
    Fix:
        3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    """

    code = "T209"
    name = "cell-not-a-number"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        template = report.template
        for p in problems(report, "non-numeric"):
            text = str(p.data.get("text", report.text.text[p.span.start : p.span.end])).strip()
            key = p.keys[0] if p.keys else ""
            where = template.meaning(key) if template and key else "单元格"
            where_en = template.meaning(key, "en") if template and key else "a cell"
            fix = None
            digits = values.lookalike_digits(text)
            if values.is_placeholder(text):
                fix = Fix((Edit(p.span, "0"),), Message(f"把“{text}”改为0", f"replace “{text}” with 0"), safe=False)
            elif digits is not None:
                # a letter typed for a digit (O for 0, l for 1): most likely that digit, to be checked
                fix = Fix(
                    (Edit(p.span, digits),),
                    Message(f"把“{text}”改为{digits}", f"replace “{text}” with {digits}"),
                    safe=False,
                )
            if values.too_long(text):
                shown = text if len(text) <= 40 else text[:20] + "…" + text[-8:]
                message = Message(
                    f"{where} 写的“{shown}”位数过多（超过{values.MAX_DIGITS}位），无法作为数值读取",
                    f"{where_en}: “{shown}” has more than {values.MAX_DIGITS} digits; it cannot be read as a number",
                )
            else:
                message = Message(
                    f"{where} 写的“{text}”不是数值；没有的应填0",
                    f"{where_en}: “{text}” is not a number; write 0 for none",
                )
            yield self.diagnostic(
                report,
                p.span,
                message,
                fix=fix,
                keys=p.keys,
            )
