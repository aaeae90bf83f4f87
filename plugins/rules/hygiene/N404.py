from __future__ import annotations

from collections.abc import Iterator

from nianbao import regex_cache
from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from ._prose import prose_lines

_DOUBLED = regex_cache.compile(r"([、，。；：,;])\1+")


class N404(Rule):
    """同一个标点连写了两次（如“流程、、办理环节”）。

    What it checks:
        The same punctuation mark written twice or more in a row in the prose: 、、 ，， 。。
        ；； ：：, and their half-width forms. Ellipses (……) and dashes (——) are written
        doubled on purpose and are not checked.
    Why it matters:
        A doubled mark is a typing slip or the trace of a word deleted between two marks;
        in a public document (条例 第五十条) it reads as carelessness and may hide lost text.
    检查内容:
        正文中同一个标点连续写了两次或更多：、、 ，， 。。 ；； ：： 及其半角形式。省略号（……）和破折号（——）
        本来就是两个连写，不检查。
    为何重要:
        重复的标点是录入失误，或是两个标点之间的词语被删除后留下的痕迹；在正式公开的文件中（《条例》第五十条）
        显得不够严谨，还可能意味着有文字丢失。
    Example:
        行政许可事项办理流程、、办理环节、所需材料及办件量公告。
    Fix:
        行政许可事项办理流程、办理环节、所需材料及办件量公告。
    """

    code = "N404"
    name = "punctuation-doubled"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for line in prose_lines(report):
            for m in _DOUBLED.finditer(line.text):
                span = Span(line.start + m.start(), line.start + m.end())
                extra = Span(span.start + 1, span.end)
                mark = m.group(1)
                yield self.diagnostic(
                    report,
                    span,
                    Message(
                        f"标点“{mark}”连写了{len(m.group())}次", f"“{mark}” is written {len(m.group())} times in a row"
                    ),
                    fix=Fix((Edit(extra, ""),), Message(f"只保留一个“{mark}”", f"keep one “{mark}”"), safe=False),
                )
