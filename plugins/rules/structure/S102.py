from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Heading, Report
from nianbao.rules import Context, Diagnostic, Message, Related, Rule, Severity

from .._common import NUMERALS, SECTION_EN, SECTION_TITLES, plausible_heading


def misplaced(headings: list[Heading]) -> list[Heading]:
    """The headings out of the order 一…六: the earlier one of an adjacent swap, else those off a longest run."""
    seq = [h.section for h in headings]
    if seq == sorted(seq):
        return []
    descents = [i for i in range(len(seq) - 1) if seq[i] > seq[i + 1]]
    if len(descents) == 1:
        i = descents[0]
        swapped = [*seq[:i], seq[i + 1], seq[i], *seq[i + 2 :]]
        if swapped == sorted(swapped):
            return [headings[i]]
    # longest increasing subsequence; the rest are out of place
    n = len(seq)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if seq[j] < seq[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    i = max(range(n), key=lambda k: best[k])
    keep: set[int] = set()
    while i >= 0:
        keep.add(i)
        i = prev[i]
    return [h for k, h in enumerate(headings) if k not in keep]


class S102(Rule):
    """报告各部分的顺序与格式不一致。

    What it checks:
        The six sections follow the order of the format: 一 总体情况, 二 主动公开, 三 依申请,
        四 复议诉讼, 五 问题及改进, 六 其他事项. The finding points at the heading of the
        section that is out of place (for two sections swapped, the one that came first).
    Why it matters:
        The format (国办公开办函〔2021〕30号) fixes the order of the sections so that every
        report can be read and compared the same way; readers and tools look for table 三
        after table 二.
    检查内容:
        六个部分是否按格式规定的顺序排列：一 总体情况、二 主动公开、三 依申请公开、四 行政复议和行政诉讼、
        五 问题及改进、六 其他事项。提示位置为顺序不对的那一部分的标题（两个部分互换位置的，指向排在前面的那一个）。
    为何重要:
        格式（国办公开办函〔2021〕30号）规定了各部分的顺序，使每份报告都能按同样的方式阅读和比较；
        读者和工具都会在表二之后查找表三。
    Example:
        三、收到和处理政府信息公开申请情况
        ……
        二、主动公开政府信息情况
    Fix:
        二、主动公开政府信息情况
        ……
        三、收到和处理政府信息公开申请情况
    """

    code = "S102"
    name = "sections-out-of-order"
    severity = Severity.WARNING

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        headings = sorted((h for h in report.headings if plausible_heading(report, h)), key=lambda h: h.span.start)
        for h in misplaced(headings):
            n = h.section
            after = [x for x in headings if x.span.start > h.span.start and x.section < n]
            related = [
                Related(x.span, Message(f"第{NUMERALS[x.section - 1]}部分在此", f"section {x.section} is here"))
                for x in after[:1]
            ]
            later = "、".join(f"第{NUMERALS[x.section - 1]}部分" for x in after)
            yield self.diagnostic(
                report,
                h.span,
                Message(
                    f"第{NUMERALS[n - 1]}部分“{SECTION_TITLES[n]}”位置不对：应在{later}之后",
                    f"section {n} ({SECTION_EN[n]}) is out of order: it belongs after section "
                    + ", ".join(str(x.section) for x in after),
                ),
                related=related,
            )
