from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from ._prose import garbage_runs


class N401(Rule):
    """正文或表格中混入了乱码字符（复制网页或OCR留下的符号，如“政务ζ 公开”）。

    What it checks:
        Symbols never written in a report's text — box drawing, arrows, geometric shapes,
        bopomofo, Greek letters wedged between Chinese characters, 卐 ♂ 〓 々 … — found in
        prose and in table labels alike. Context decides: ○ in 二○二○年, @ in an e-mail
        address, a bullet opening a line and quotation marks are legitimate and left alone.
        Each run of garbage characters is one finding.
    Why it matters:
        Anti-copy noise of web pages and OCR errors make the published text look careless
        and can change words (“服务○范围”); search engines and screen readers stumble over
        them. The report is a public document under 条例 第五十条.
    Example:
        在落实政务ζ 公开化、制度化和规范化方面做了大量工作
    Fix:
        在落实政务 公开化、制度化和规范化方面做了大量工作
    """

    code = "N401"
    name = "garbage-character"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for line in report.lines:
            for a, b in garbage_runs(line.text):
                chars = line.text[a:b]
                span = Span(line.start + a, line.start + b)
                fix = Fix((Edit(span, ""),), Message(f"删除“{chars}”", f"delete “{chars}”"), safe=True)
                yield self.diagnostic(
                    report,
                    span,
                    Message(
                        f"混入乱码字符“{chars}”", f"garbage character{'s' if b - a > 1 else ''} “{chars}” in the text"
                    ),
                    fix=fix,
                )
