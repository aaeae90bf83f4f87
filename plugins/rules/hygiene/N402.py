from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao import regex_cache
from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from ._prose import garbage_runs, prose_lines

# (opener, closer) characters of each kind of pair; the two bracket widths pair with each other
PAIRS = {
    "round": ("（(", "）)"),
    "book": ("《", "》"),
    "double": ("“", "”"),
    "single": ("‘", "’"),
    "square": ("【", "】"),
    "tortoise": ("〔", "〕"),
    "corner": ("「", "」"),
    "white": ("『", "』"),
}
_KIND = {ch: (kind, i == 0) for kind, (op, cl) in PAIRS.items() for i, chars in enumerate((op, cl)) for ch in chars}
_MARK = regex_cache.compile(
    "[" + "".join(re.escape(ch) for ch in _KIND) + "]"
)  # finds them without a loop over every character
_NAMES = {
    "round": "括号",
    "book": "书名号",
    "double": "引号",
    "single": "引号",
    "square": "方括号",
    "tortoise": "六角括号",
    "corner": "引号",
    "white": "引号",
}
# "1)" "a）" "一)" as list numbering: a closer without opener that is legitimate
_NUMBERING = r"(?:^|[\s，。；：、,;:])[0-9A-Za-z一二三四五六七八九十]{1,2}$"  # rarely needed: compiled on first use
_END = "。！？!?"
_MAX_LINES = 3  # a paragraph broken by a page break or hard wrap spans at most this many lines


def _unbalanced(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str, bool, int | None]]:
    """(offset, char, is_opener, partner offset) of each unpaired mark, lines read as paragraphs."""
    open_: dict[str, list[tuple[int, str]]] = {}
    span_lines = 0
    last_blank_run = 0
    pending = False

    def flush() -> Iterator[tuple[int, str, bool, int | None]]:
        for stack in open_.values():
            for off, ch in stack:
                yield off, ch, True, None
        open_.clear()

    for start, text in lines:
        if not text.strip():
            last_blank_run += 1
            if pending and last_blank_run > 1:
                yield from flush()
                pending = False
            continue
        if pending and (span_lines >= _MAX_LINES):
            yield from flush()
            pending = False
        if not pending:
            span_lines = 0
        span_lines += 1
        last_blank_run = 0
        skip: set[int] | None = None  # the garbage characters, found when the line has a mark at all
        for m in _MARK.finditer(text):
            i, ch = m.start(), m.group()
            if skip is None:
                skip = {i for a, b in garbage_runs(text) for i in range(a, b)}
            if i in skip:
                continue
            kind, opener = _KIND[ch]
            if ch in "‘’" and i and text[i - 1 : i].isascii() and text[i - 1].isalpha():
                continue  # an apostrophe in English words: citizens’ rights
            if opener:
                open_.setdefault(kind, []).append((start + i, ch))
            elif open_.get(kind):
                open_[kind].pop()
            elif kind == "round" and re.search(_NUMBERING, text[:i]):
                continue
            else:
                yield start + i, ch, False, None
        stripped = text.rstrip()
        if any(open_.values()) and stripped and stripped[-1] not in _END:
            pending = True  # the paragraph goes on on the next line
        else:
            yield from flush()
            pending = False
    yield from flush()


class N402(Rule):
    """括号、书名号或引号不成对（（）()《》“”‘’【】〔〕）。

    What it checks:
        In the prose, every opening bracket, book-title mark or quotation mark has its
        closing partner in the same paragraph, and every closing one its opener. A paragraph
        broken over lines (a page break, a hard wrap: “一\\n件事一次办”) is read as one; list
        numbering such as “1)” is not a lone closer. Full- and half-width round brackets pair
        with each other (mixing them is N403's). Table lines are not checked.
    Why it matters:
        An unclosed 《 or “ makes the rest of the sentence part of a title or a quotation; a
        stray bracket usually marks text lost or pasted twice. The report is a public
        document (条例 第五十条) and is read literally.
    检查内容:
        正文中每个左括号、左书名号或左引号在同一段内都有对应的右半部分，每个右半部分也都有对应的左半部分。
        跨行断开的段落（分页、硬换行，如“一\\n件事一次办”）合为一段检查；“1)”之类的列表编号不算落单的右括号。
        全角和半角圆括号可以相互配对（混用由N403提示）。表格行不检查。
    为何重要:
        书名号或引号没有闭合，句子的其余部分就都成了书名或引语；多出来的括号往往说明有文字丢失或重复粘贴。
        年度报告是正式公开的文件（《条例》第五十条），读者会逐字阅读。
    Example:
        根据《中华人民共和国政府信息公开条例》（以下简称《条例》要求，编制本报告。
    Fix:
        根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，编制本报告。
    """

    code = "N402"
    name = "bracket-unbalanced"
    severity = Severity.WARNING

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        lines = [(ln.start, ln.text) for ln in prose_lines(report)]
        by_line: dict[int, list[tuple[int, int, str, bool, int]]] = {}
        for run in _runs(sorted(_unbalanced(lines))):
            by_line.setdefault(report.position(run[0])[0], []).append(run)
        for runs in by_line.values():
            for first, last, ch, opener, count in runs[:_MAX_PER_LINE]:
                yield self.diagnostic(report, Span(first, last + 1), _message(ch, opener, count))
            rest = runs[_MAX_PER_LINE:]
            if rest:
                n = sum(r[4] for r in rest)
                yield self.diagnostic(
                    report,
                    Span(rest[0][0], rest[-1][1] + 1),
                    Message(f"本行另有{n}个括号或引号不成对", f"{n} more unpaired brackets or quotes on the line"),
                )


_MAX_PER_LINE = 5  # findings of one line; the rest are summed up in one


def _runs(marks: list[tuple[int, str, bool, int | None]]) -> list[tuple[int, int, str, bool, int]]:
    """Adjacent unpaired marks of one kind and direction as one (first, last, char, opener, count)."""
    out: list[tuple[int, int, str, bool, int]] = []
    for offset, ch, opener, _partner in marks:
        if out:
            first, last, ch0, opener0, count = out[-1]
            if offset == last + 1 and opener == opener0 and _KIND[ch][0] == _KIND[ch0][0]:
                out[-1] = (first, offset, ch0, opener0, count + 1)
                continue
        out.append((offset, offset, ch, opener, 1))
    return out


def _message(ch: str, opener: bool, count: int) -> Message:
    kind = _KIND[ch][0]
    name = _NAMES[kind]
    partner = PAIRS[kind][1 if opener else 0][0]
    if count > 1:
        if opener:
            return Message(
                f"{count}个{name}“{ch}”连在一起，都没有对应的“{partner}”",
                f"{count} “{ch}” in a row, none of them closed (no “{partner}”)",
            )
        return Message(
            f"{count}个{name}“{ch}”连在一起，都没有对应的“{partner}”",
            f"{count} “{ch}” in a row, closing nothing (no “{partner}” before them)",
        )
    if opener:
        return Message(
            f"{name}“{ch}”没有对应的“{partner}”", f"“{ch}” is never closed (no “{partner}” in the paragraph)"
        )
    return Message(f"{name}“{ch}”没有对应的“{partner}”", f"“{ch}” closes nothing (no “{partner}” before it)")
