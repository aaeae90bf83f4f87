from __future__ import annotations

from collections.abc import Iterator

from nianbao.chars import fold, keep_words
from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from .._common import full_width, styled
from ._problems import problems, table_name, table_of


def _core(text: str) -> str:
    return keep_words(fold(text))


def _wrapped(report: Report, end: int, label: str, expected: str) -> bool:
    """A label broken over two lines (a PDF wrap): the next line goes on with the rest of the expected label."""
    head, want = _core(label), _core(expected)
    if not head or not want.startswith(head) or len(head) >= len(want):
        return False
    rest = want[len(head) :]
    following = _core(report.text.text[end : end + 4 * len(rest) + 8])
    return following.startswith(rest[: min(len(rest), 4)])


class T202(Rule):
    """表格行标签与格式规定的标签不一致（错字、改写）。

    What it checks:
        A row of table 二, 三 or 四 whose label differs from the format's wording, read as
        the row the format has at that place (the closest label). Garbage characters
        inside a label (“事々项”) are left to N401, PDF line-wrap spaces and bracket or
        colon widths are not differences.
    Why it matters:
        The labels of the tables are fixed by the format (国办公开办函〔2021〕30号); a row
        labelled differently is a different statistic to a reader (规范 is not 规章) and
        breaks every comparison across reports.
    检查内容:
        表二、表三或表四中某一行的行标签与格式中的文字不一致，按格式在该位置的行（最接近的标签）读取。
        标签中夹杂的乱码字符（如“事々项”）由N401提示；PDF折行产生的空格、括号或冒号的全角半角差别不算不一致。
    为何重要:
        表格的行标签由格式（国办公开办函〔2021〕30号）规定；标签写得不同，在读者看来就是另一项统计数据（“规范”
        不是“规章”），也使各报告之间无法比较。
    Example:
        规范 | 0 | 0 | 0 |
    Fix:
        规章 | 0 | 0 | 0 |
    """

    code = "T202"
    name = "row-label-unknown"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        full = full_width(report)
        for p in problems(report, "label-mismatch"):
            label = str(p.data.get("label", "")).strip()
            if _wrapped(report, p.span.end, label, str(p.data.get("expected", ""))):
                continue
            expected = styled(str(p.data.get("expected", "")), full)
            table = table_of(p)
            fix = Fix(
                (Edit(p.span, expected),),
                Message(f"改为格式规定的“{expected}”", f"use the format's label “{expected}”"),
                safe=False,
            )
            yield self.diagnostic(
                report,
                p.span,
                Message(
                    f"{table_name(table)}行标签“{label}”不是格式中的标签，应为“{expected}”",
                    f"{table_name(table, 'en')}: row label “{label}” is not in the format; "
                    f"the row there is “{expected}”",
                ),
                fix=fix,
                keys=p.keys,
            )
