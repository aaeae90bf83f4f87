from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from .._common import SECTION_EN


class S105(Rule):
    """部分标题接在上一段文字末尾，没有单独成行。

    What it checks:
        A section heading found at the end of the previous paragraph's line instead of on
        a line of its own — a line break lost when the text was copied.
    Why it matters:
        The heading disappears into the prose: readers miss the section and the last
        sentence of the paragraph runs into the heading (often losing characters, as in
        “回应社会关六、…”).
    检查内容:
        部分标题出现在上一段文字所在行的末尾，没有单独成行——通常是复制文本时丢失了换行。
    为何重要:
        标题混入正文后，读者容易漏看这一部分，上一段的最后一句也与标题连在一起（常常还会丢字，如“回应社会关六、…”）。
    Example:
        ……公示行政审批事项，回应社会关六、其他需要报告的事项
    Fix:
        ……公示行政审批事项，回应社会关
        六、其他需要报告的事项
    """

    code = "S105"
    name = "heading-glued"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for h in report.headings:
            if not h.glued:
                continue
            fix = Fix(
                (Edit(Span(h.span.start, h.span.start), report.text.newline),),
                Message("在标题前换行", "start the heading on a new line"),
                safe=False,
            )
            yield self.diagnostic(
                report,
                h.span,
                Message(
                    f"标题“{report.text.text[h.span.start : h.span.end].strip()}”接在上一段末尾，应单独成行",
                    f"the heading of section {h.section} ({SECTION_EN[h.section]}) is glued to the end of the "
                    "previous paragraph; it belongs on a line of its own",
                ),
                fix=fix,
            )
