from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao import regex_cache
from nianbao.chars import is_cjk
from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from .._common import breadcrumb
from ._prose import prose_lines

# mark name, full-width forms, half-width forms
MARKS = [
    ("逗号", "，", ","),
    ("分号", "；", ";"),
    ("冒号", "：", ":"),
    ("括号", "（）", "()"),
    ("问号", "？", "?"),
    ("叹号", "！", "!"),
]
_MARK = regex_cache.compile("[" + "".join(re.escape(full + half) for _, full, half in MARKS) + "]")


def _chinese_context(text: str, i: int) -> bool:
    """A half-width mark used in Chinese prose (not in a URL, a time or a formula)."""
    ch = text[i]
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch == "(":
        return is_cjk(nxt)
    if ch == ")":
        return is_cjk(prev)
    if ch == ":" and (nxt == "/" or (prev.isdigit() and nxt.isdigit())):
        return False
    return is_cjk(prev) and (is_cjk(nxt) or nxt in (" ", "“", "《", ""))


class N403(Rule):
    """同一份报告的中文正文中，同一标点混用全角和半角（如“，”与“,”）。

    What it checks:
        In the prose (tables and a web page's breadcrumb are not checked), each of the marks ， ； ： （） ？ ！ written
        sometimes full-width and sometimes half-width between Chinese characters. One
        finding per mark, at the first use of the less frequent form. Different marks are
        not compared: a report writing “,” and “。” is consistent. Information only.
    Why it matters:
        Chinese text takes full-width punctuation (GB/T 15834); a mix is the trace of text
        pasted together from different sources and is a matter of style, not of content.
    检查内容:
        正文中（表格和网页导航路径不检查）， ； ： （） ？ ！ 这几种标点，在汉字之间有时用全角、有时用半角。
        每种标点提示一次，位置为较少使用的写法第一次出现处。不同标点之间不作比较：报告中逗号写“,”、句号写“。”，
        不算混用。本规则仅作提示。
    为何重要:
        中文文本应使用全角标点（GB/T 15834）；全角半角混用是从不同来源拼接文本留下的痕迹，属于文字规范问题，不影响内容。
    Example:
        坚持应公开尽公开,持续推进基础信息公开、深化重点领域信息公开，
    Fix:
        坚持应公开尽公开，持续推进基础信息公开、深化重点领域信息公开，
    """

    code = "N403"
    name = "punctuation-width-mixed"
    severity = Severity.INFO

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        seen: dict[str, dict[bool, list[int]]] = {name: {True: [], False: []} for name, _, _ in MARKS}
        kind_of = {}
        for name, full, half in MARKS:
            for ch in full:
                kind_of[ch] = (name, True)
            for ch in half:
                kind_of[ch] = (name, False)
        for line in prose_lines(report):
            text = line.text
            if breadcrumb(text):
                continue  # the site's navigation, not the report's prose
            for m in _MARK.finditer(text):  # not a loop over every character
                i = m.start()
                name, is_full = kind_of[m.group()]
                if is_full or _chinese_context(text, i):
                    seen[name][is_full].append(line.start + i)
        for name, full, half in MARKS:
            fulls, halves = seen[name][True], seen[name][False]
            if not fulls or not halves:
                continue
            minority_full = len(fulls) < len(halves)
            at = (fulls if minority_full else halves)[0]
            ch = report.text.text[at]
            swap = dict(zip(full + half, half + full, strict=True))
            other = swap[ch]
            yield self.diagnostic(
                report,
                Span(at, at + 1),
                Message(
                    f"{name}全角“{full}”用了{len(fulls)}次、半角“{half}”用了{len(halves)}次；此处的“{ch}”宜统一为“{other}”",
                    f"the {name} mark is written full-width {len(fulls)} times and half-width {len(halves)} times; "
                    f"“{ch}” here would be “{other}”",
                ),
            )
