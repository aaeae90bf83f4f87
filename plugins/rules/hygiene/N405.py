from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from nianbao.chars import is_cjk
from nianbao.model import CellKind, Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity
from nianbao.template import VERSIONS, template

# words of the tables besides row and column labels: headers, merged cells
_HEADERS = (
    "信息内容 第二十条第项 申请人情况 法人或其他组织 本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和 "
    "行政复议 行政诉讼 未经复议直接起诉 复议后起诉 项目 单位万元 合计 序号 类别 数量"
)


@cache
def _table_chars() -> frozenset[str]:
    chars = set(_HEADERS)
    for version in VERSIONS:
        t = template(version)
        for row in t.rows:
            chars.update(row.label, row.group, row.header, *row.variants)
            for col in row.columns:
                chars.update(col.label)
        for g in t.t3_groups:
            chars.update(g)
        for _k, label in t.t4_groups:
            chars.update(label)
        for s in t.sections:
            for title in s.titles:
                chars.update(title)
    return frozenset(c for c in chars if is_cjk(c))


class N405(Rule):
    """表格中混入了一个孤立的字（如表三中单独一格的“朱”）。

    What it checks:
        A table cell holding a single Chinese character that occurs in no label, header or
        merged cell of the format — a character picked up from the page (a stamp, OCR of a
        line) rather than a fragment of a split label such as “果” of “办理结果”.
    Why it matters:
        A stray character in a label column can be read as part of a row label and makes
        the table look tampered with; it is not part of the format (国办公开办函〔2021〕30号).
    检查内容:
        表格某个单元格中只有一个汉字，而这个字不出现在格式的任何行标签、表头或合并单元格中——是从页面上带进来的字（印章
        、OCR识别出的一行字），而不是被拆开的标签的一部分（如“办理结果”中的“果”）。
    为何重要:
        标签列中孤立的字可能被当成行标签的一部分，也让表格看起来像被改动过；它不属于格式（国办公开办函〔2021〕30号）
        的内容。
    Example:
        朱 → 无法提 供 → 0 → 0 → 0 → 0 → 0 → 0 → 0 → 0
    Fix:
          → 无法提 供 → 0 → 0 → 0 → 0 → 0 → 0 → 0 → 0
    """

    code = "N405"
    name = "stray-character"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        text = report.text.text
        for cell in report.raw_cells:
            if cell.kind is not CellKind.LABEL:
                continue
            word = cell.text.strip()
            # (the format's characters only when a cell is one character: they take both versions' templates)
            if len(word) != 1 or not is_cjk(word) or word in _table_chars():
                continue
            at = text.index(word, cell.span.start, cell.span.end)
            span = Span(at, at + 1)
            yield self.diagnostic(
                report,
                span,
                Message(f"表格中混入孤立的字“{word}”", f"stray character “{word}” in a table"),
                fix=Fix((Edit(span, ""),), Message(f"删除“{word}”", f"delete “{word}”"), safe=False),
            )
