from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Edit, Fix, Message, Rule, Severity
from nianbao.source import CONTROL_CHARACTERS

_RUNS = CONTROL_CHARACTERS.pattern + "+"  # compiled (by re's cache) in the rare file that has them
# the ASCII names of the C0 control characters (tab, line ends and form feed are text)
_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()
MAX_FINDINGS = 20  # findings of one file; the rest are one finding


def describe(run: str, zh: bool = True) -> str:
    """``"\\x00\\x00\\x1b"`` → ``NUL（U+0000）、ESC（U+001B）``: the kinds of characters in a run."""
    if zh:
        return "、".join(f"{_NAMES[ord(c)]}（U+{ord(c):04X}）" for c in dict.fromkeys(run))
    return ", ".join(f"{_NAMES[ord(c)]} (U+{ord(c):04X})" for c in dict.fromkeys(run))


class N406(Rule):
    """文本中混入了控制字符（如 NUL），文本文件中不应出现，通常是文件损坏或复制时带入的。

    What it checks:
        Control characters in the text: NUL (U+0000) and the other C0 controls (tab, line
        ends and form feed are text and left alone). A file with a few of them is still read
        as the report it is; each run is one finding at its place, the first 20 of a file one
        by one and the rest as one. A file made of them (more than one character in 50) is no
        text: it is refused as binary (E001).
    Why it matters:
        Such characters are invisible in most editors, yet they break search, copying and
        the systems that publish the report; where one stands, text may have been lost
        (a damaged file, a failed conversion). The fix deletes them and is unsafe: check
        that nothing is missing there.
    检查内容:
        文本中的控制字符：NUL（U+0000）及其他 C0 控制字符（制表符、换行符和换页符属于正常文本，不予提示）。
        含少量控制字符的文件仍按年报读取；每一串连续的控制字符在其位置提示一处，每个文件前20处逐一提示，
        其余合并为一处。控制字符很多（超过五十分之一）的文件不是文本文件，按二进制文件拒绝读取（E001）。
    为何重要:
        这类字符在多数编辑器中看不见，却会影响检索、复制和发布系统；出现控制字符的地方可能有文字丢失
        （文件损坏、格式转换失败）。修复方式是删除这些字符，属于不安全修复：请核对该处是否缺少文字。
    Example:
        本年新收政府信息公开申请␀12件
    Fix:
        本年新收政府信息公开申请12件（核对原稿，确认此处没有缺字）
    """

    code = "N406"
    name = "control-character"
    severity = Severity.WARNING
    fixable = True

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        text = report.text.text
        if CONTROL_CHARACTERS.search(text) is None:
            return
        runs = [m.span() for m in re.finditer(_RUNS, text)]
        for a, b in runs[:MAX_FINDINGS]:
            kinds, kinds_en = describe(text[a:b]), describe(text[a:b], zh=False)
            n = b - a
            yield self.diagnostic(
                report,
                Span(a, b),
                Message(
                    f"混入{n}个控制字符 {kinds}" if n > 1 else f"混入控制字符 {kinds}",
                    f"{n} control characters {kinds_en} in the text" if n > 1 else f"control character {kinds_en}",
                ),
                fix=Fix(
                    (Edit(Span(a, b), ""),),
                    Message("删除控制字符（请核对此处是否缺字）", "delete them (check that no text is missing here)"),
                    safe=False,
                ),
            )
        rest = runs[MAX_FINDINGS:]
        if rest:
            n = sum(b - a for a, b in rest)
            yield self.diagnostic(
                report,
                Span(*rest[0]),
                Message(f"此后另有{n}个控制字符", f"{n} more control characters from here on"),
                fix=Fix(
                    tuple(Edit(Span(a, b), "") for a, b in rest),
                    Message(f"删除这{n}个控制字符（请核对）", f"delete these {n} characters (check the places)"),
                    safe=False,
                ),
            )
