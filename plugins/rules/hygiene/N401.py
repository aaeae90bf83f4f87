from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity

from .._common import garbage_lines, table_lines
from ._prose import garbage_runs

_PAD = " \u3000"


_CJK = (("\u3400", "\u9fff"), ("\uf900", "\ufaff"), ("\u3001", "\u303f"), ("\uff00", "\uffef"))


def _cjk(ch: str) -> bool:
    """A Chinese character or full-width punctuation."""
    return any(lo <= ch <= hi for lo, hi in _CJK)


def _with_padding(text: str, a: int, b: int) -> tuple[int, int]:
    """The garbage run ``text[a:b]`` with the spaces it left between two Chinese characters (“政务ζ 公开”).

    Chinese text has no spaces between its characters; beside a table's ``|`` or a Latin word,
    the spaces are the layout's and stay.
    """
    x, y = a, b
    while x > 0 and text[x - 1] in _PAD:
        x -= 1
    while y < len(text) and text[y] in _PAD:
        y += 1
    if (x, y) != (a, b) and x > 0 and y < len(text) and _cjk(text[x - 1]) and _cjk(text[y]):
        return x, y
    return a, b


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
    检查内容:
        正文和表格标签中出现报告文字里不会使用的符号——制表框线、箭头、几何图形、注音符号、夹在汉字之间的希腊字母、
        卐 ♂ 〓 々 等。结合上下文判断：二○二○年中的○、电子邮箱地址中的@、行首的项目符号以及引号都是正常用法，
        不予提示。每一串连续的乱码字符算一处问题。
    为何重要:
        网页的防复制干扰字符和OCR识别错误会让公开的文本显得粗糙，还可能改变词义（“服务○范围”）；
        搜索引擎和读屏软件也会因此出错。年度报告是依照《条例》第五十条公开的正式文件。
    Example:
        在落实政务ζ 公开化、制度化和规范化方面做了大量工作
    Fix:
        在落实政务公开化、制度化和规范化方面做了大量工作
    """

    code = "N401"
    name = "garbage-character"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        tables = table_lines(report)
        undecodable = {at for at, _ in report.text.undecodable}  # N408's: bytes that are no text, not garbage
        lines = report.lines
        for n in sorted(garbage_lines(report)):  # the other lines hold no garbage
            line = lines[n - 1]
            runs = list(garbage_runs(line.text, line.number in tables))
            if undecodable:
                runs = [(a, b) for a, b in runs if not undecodable.issuperset(range(line.start + a, line.start + b))]
            for a, b in runs[:MAX_PER_LINE]:
                chars = line.text[a:b]
                span = Span(line.start + a, line.start + b)
                x, y = _with_padding(line.text, a, b)
                removed = Span(line.start + x, line.start + y)
                fix = Fix((Edit(removed, ""),), Message(f"删除“{chars}”", f"delete “{chars}”"), safe=True)
                yield self.diagnostic(
                    report,
                    span,
                    Message(
                        f"混入乱码字符“{chars}”", f"garbage character{'s' if b - a > 1 else ''} “{chars}” in the text"
                    ),
                    fix=fix,
                )
            rest = runs[MAX_PER_LINE:]
            if rest:
                # one finding for the rest of a line full of garbage (its fix still deletes every run)
                edits = tuple(Edit(Span(line.start + a, line.start + b), "") for a, b in rest)
                n = sum(b - a for a, b in rest)
                yield self.diagnostic(
                    report,
                    Span(edits[0].span.start, edits[-1].span.end),
                    Message(f"本行另有{n}个乱码字符", f"{n} more garbage characters on the line"),
                    fix=Fix(edits, Message(f"删除这{n}个乱码字符", f"delete these {n} characters"), safe=True),
                )


MAX_PER_LINE = 5  # findings of one line; the rest are one finding
