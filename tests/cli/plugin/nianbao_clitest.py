"""Rules for the command-line tests, installed like a third-party plugin (a dist-info on PYTHONPATH).

Codes in the 9xx range of each family, so they never collide with the built-in rules.
"""

from __future__ import annotations

from nianbao.chars import garbage_spans
from nianbao.hookspecs import hookimpl
from nianbao.model import Span
from nianbao.rules import Edit, Fix, Message, Related, Rule, Severity


class N990(Rule):
    """删除乱码字符（测试用）。

    What it checks:
        Garbage characters found by nianbao.chars.garbage_spans.
    Fix:
        Delete them.
    """

    code = "N990"
    name = "test-garbage"
    severity = Severity.WARNING
    fixable = True

    def check(self, report, ctx):
        for line in report.lines:
            for a, b in garbage_spans(line.text):
                span = Span(line.start + a, line.start + b)
                chars = line.text[a:b]
                yield self.diagnostic(
                    report,
                    span,
                    Message(f"乱码字符“{chars}”", f"garbage characters {chars!r}"),
                    fix=Fix((Edit(span, ""),), Message("删除乱码字符", "delete the garbage characters")),
                )


class N991(Rule):
    """把 XXX 换成 YYY（不安全修复，测试用）。"""

    code = "N991"
    name = "test-unsafe"
    severity = Severity.ERROR
    fixable = True

    def check(self, report, ctx):
        text = report.text.text
        start = text.find("XXX")
        while start >= 0:
            span = Span(start, start + 3)
            yield self.diagnostic(
                report,
                span,
                Message("占位符 XXX", "placeholder XXX"),
                fix=Fix((Edit(span, "YYY"),), Message("换成 YYY", "replace with YYY"), safe=False),
                related=(Related(Span(0, 1), Message("文件开头", "start of the file"), "t3.new.total"),),
                keys=("t3.new.total",),
            )
            start = text.find("XXX", start + 3)


class N992(Rule):
    """ZZ 中删去一个 Z，每次只修一处（测试多轮修复）。"""

    code = "N992"
    name = "test-rounds"
    severity = Severity.WARNING
    fixable = True

    def check(self, report, ctx):
        start = report.text.text.find("ZZ")
        if start >= 0:
            span = Span(start, start + 1)
            yield self.diagnostic(
                report,
                Span(start, start + 2),
                Message("重复的 Z", "repeated Z"),
                fix=Fix((Edit(span, ""),), Message("删去一个 Z", "delete one Z")),
            )


class X990(Rule):
    """Each report is told how many reports were linted together (a collection rule)."""

    code = "X990"
    name = "test-collection"
    severity = Severity.INFO

    def check_all(self, reports, ctx):
        paths = sorted(r.path for r in reports)
        for r in reports:
            yield self.diagnostic(
                r,
                Span(0, 1),
                Message(f"共 {len(paths)} 份报告", f"{len(paths)} reports linted together"),
            )


class A990(Rule):
    """A rule that crashes on reports containing BOOM."""

    code = "A990"
    name = "test-crash"
    severity = Severity.ERROR

    def check(self, report, ctx):
        if "BOOM" in report.text.text:
            raise RuntimeError("boom")
        return ()


@hookimpl
def nianbao_rules():
    return [N990, N991, N992, X990, A990]
