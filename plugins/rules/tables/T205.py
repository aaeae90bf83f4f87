from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from .._common import TABLE_SECTION
from ._problems import problems


def _has_words(label: str) -> bool:
    """Two ideographs in a row (a loop, not a regex: a class of the CJK range costs 1 ms to compile)."""
    run = 0
    for ch in label:
        run = run + 1 if "\u4e00" <= ch <= "\u9fff" else 0
        if run >= 2:
            return True
    return False


class T205(Rule):
    """表格中有一行不属于格式规定的任何一行。

    What it checks:
        A labelled row inside table 二, 三 or 四 that matches no row of the format (rows of
        only dashes or with no label are not reported).
    Why it matters:
        The format (国办公开办函〔2021〕30号) fixes the rows of each table; an extra row is
        either a misspelt label (whose numbers are then lost) or a statistic the format
        does not ask for, which belongs in the prose of section 一 or 六.
    检查内容:
        表二、表三或表四中某个有标签的行，与格式中的任何一行都对不上（只有横线或没有标签的行不提示）。
    为何重要:
        格式（国办公开办函〔2021〕30号）规定了每张表的各行；多出来的一行，要么是标签写错了（其中的数字因此丢失），
        要么是格式没有要求的统计内容，应写在第一部分或第六部分的正文中。
    Example:
        依申请公开收费 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    Fix:
        (remove the row, or give it the label of the row of the format it stands for)
    """

    code = "T205"
    name = "row-unexpected"
    severity = Severity.WARNING

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for p in problems(report, "row-extra"):
            label = str(p.data.get("label", "")).strip()
            if not _has_words(label):
                continue
            section = report.section_at(p.span.start)
            if section is not None and section.number not in TABLE_SECTION.values():
                continue
            yield self.diagnostic(
                report,
                p.span,
                Message(f"表格中的“{label}”一行不是格式规定的行", f"table row “{label}” is not a row of the format"),
            )
