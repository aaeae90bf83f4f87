"""The report's structure: title, preamble, the six sections, paragraphs, tables.

Headings are found by their words, not only their numerals: real reports drop
the numeral (``主动公开政府信息情况``), glue a heading to the end of the
previous paragraph (``…回应社会关六、其他需要报告的事项``) or garble it.

The classified lines are the terminals of the Lark grammar
``grammars/report.lark``, which defines the report's structure and parses them
into a tree with positions on every node. That grammar is regular (a title, a
preamble, then sections running from one heading to the next), so the
sections are read from the terminals in one direct pass, and the Lark tree is
built only when someone asks for it (:attr:`Report.tree`); a test checks that
both give the same sections on every sequence of terminals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz

from . import regex_cache
from .chars import CN_DIGITS, fold, keep_words, label_core
from .model import Heading, Section, Span
from .source import Text
from .template import SectionSpec, sections

if TYPE_CHECKING:
    from lark import Lark, Token, Tree

_NUMERAL = "一二三四五六"
# the numeral needs its separator (or a space): "一是主动公开…" is a list item, not a heading
# a Markdown heading may be bold too: "## **二、主动公开政府信息情况**"
_HEAD = regex_cache.compile(
    rf"^(?P<lead>\s*(?:#+\s*)?(?:\*\*|__)?)(?P<num>[{_NUMERAL}])(?:\s*(?P<sep>[、.．,，:：])|\s+)\s*"
)
# Other numberings of a section heading. 第一部分 / 第一章 are only ever headings; 1、 and （一） number
# sub-items too, so such a line is a heading only where the format's own one is missing (a weak one).
_LEAD = r"^(?P<lead>\s*(?:#+\s*)?(?:\*\*|__)?)"
_HEAD_PART = regex_cache.compile(rf"{_LEAD}第(?P<num>[{_NUMERAL}])(?:部分|章|节)\s*(?:[、.．,，:：]\s*)?")
_HEAD_ITEM = regex_cache.compile(
    rf"{_LEAD}(?:[(（]\s*(?P<num>[{_NUMERAL}])\s*[)）]|(?P<digit>[1-6])(?:\s*[、.．]|\s+)(?!\d))\s*"
)
_GLUED = regex_cache.compile(rf"(?P<num>[{_NUMERAL}])\s*、")
_SUBNUMBERED = regex_cache.compile(r"^\s*(?:#+\s*)?(?:[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[.．、])")
_TITLE_WORDS = regex_cache.compile(r"政府信息公开.{0,12}(?:年度报告|年报|工作报告)|信息公开.{0,6}年度报告")
_TITLE_HINT = regex_cache.compile(r"情\s*况|事\s*项|概\s*述|措\s*施")  # every section title has one of these
_BREADCRUMB = regex_cache.compile(r"[>＞]|当前位置|您的位置|首页")  # a web page's navigation trail, not a title
_YEARISH = regex_cache.compile(r"(?:20\d\d|[二〇○零一三四五六七八九]{4})\s*年")
_MAX_HEADING = 40  # characters of heading words; longer lines are prose


def sections_spec() -> tuple[SectionSpec, ...]:
    return sections()  # identical in both versions


@cache
def _folded_titles() -> list[tuple[int, str]]:
    return [(s.number, label_core(t)[1]) for s in sections_spec() for t in s.titles]


def match_section(words: str) -> tuple[int, int, float]:
    """Best section for heading words: (section, characters of ``words`` used, score 0–100).

    The words may run on past the title (``其他需要报告的事项:无``); the
    title is then matched against their beginning.
    """
    core = label_core(words)[1]
    best = (0, 0, 0.0)
    if not core:
        return best
    for number, title in _folded_titles():
        whole = fuzz.ratio(core, title)
        head = fuzz.ratio(core[: len(title)], title) if len(core) > len(title) else 0
        score = max(whole, head - 2)
        if score > best[2]:
            used = len(words) if whole >= head - 2 else _prefix_chars(words, len(title))
            best = (number, used, score)
    return best


def _title_score(words: str, number: int) -> float:
    """The score :func:`match_section` gives ``words`` against section ``number``'s titles alone."""
    core = label_core(words)[1]
    best = 0.0
    for n, title in _folded_titles() if core else ():
        if n == number:
            head = fuzz.ratio(core[: len(title)], title) if len(core) > len(title) else 0
            best = max(best, fuzz.ratio(core, title), head - 2)
    return best


def _item_numeral(m: re.Match[str]) -> int:
    """The section number a heading's numbering names (``1、``, ``（一）``, ``第一部分``, ``一、``)."""
    digit = m.groupdict().get("digit")
    return int(digit) if digit else CN_DIGITS[m.group("num")]


def _prefix_chars(words: str, n_core: int) -> int:
    """How many characters of ``words`` hold its first ``n_core`` core characters."""
    seen = 0
    for i, ch in enumerate(words):
        if label_core(ch)[1]:
            seen += 1
            if seen == n_core:
                return i + 1
    return len(words)


@cache  # built when a text holds a radical (PDF text mostly), not at every start-up (2 M instructions)
def _radical_table() -> dict[int, str]:
    table = {}
    for code in range(0x2E80, 0x2FE0):
        n = unicodedata.normalize("NFKC", chr(code))
        if len(n) == 1 and n != chr(code):
            table[code] = n
    return table


_HAS_RADICAL = regex_cache.compile("[\u2e80-\u2fdf]")


def unradical(s: str) -> str:
    """The Kangxi radicals ⼀ ⼆ ⾏ (U+2E80–U+2FDF) as the ideographs 一 二 行, one character for one.

    PDF text often carries them: the font's ToUnicode map names the radical, which looks the
    same; a heading's numeral and a row's words must still count. Offsets keep their place.
    """
    return s.translate(_radical_table()) if _HAS_RADICAL.search(s) else s


_NUMBERING_START = frozenset(_NUMERAL + "第(（123456")


def _numbered_start(head: str) -> bool:
    """Whether ``_HEAD``, ``_HEAD_PART`` or ``_HEAD_ITEM`` could match ``head`` (a necessary condition):
    past their lead (white space, ``#``, ``**`` or ``__``) each starts with a numeral, 第, a bracket or a digit."""
    return head.lstrip().lstrip("#").lstrip().lstrip("*_")[:1] in _NUMBERING_START


def find_headings(text: Text) -> list[Heading]:
    """Every section heading of the text, in order of position."""
    strong: dict[int, Heading] = {}
    weak: list[Heading] = []
    radicals = _HAS_RADICAL.search(text.text) is not None  # one scan: most texts have none
    for line in text.lines:
        body = unradical(line.text) if radicals else line.text
        if not body.strip() or len(body) > 400:
            continue
        # a table's header may follow the heading on its line ("二、主动公开政府信息情况 第二十条第(一)项 |"):
        # the heading is the words before the first cell mark
        pipe, tab = body.find("|"), body.lstrip().find("\t")
        cut = tab if pipe < 0 else pipe if tab < 0 else min(pipe, tab)
        head = body if cut < 0 else body[:cut]
        # what a numbering can start with, after the lead every pattern allows (white space, #, ** or __)
        numbered = _numbered_start(head)
        m = _HEAD.match(head) if numbered else None
        item = False
        if m is None and cut < 0 and numbered:
            m = _HEAD_PART.match(head)
            if m is None:
                m = _HEAD_ITEM.match(head)
                item = m is not None
        if m and (cut < 0 or head[m.end() :].strip()):
            words = head[m.end() :].rstrip()  # PDF text in layout mode pads lines to the page's width
            if item and (len(words) > _MAX_HEADING + 5 or _title_score(words, _item_numeral(m)) < 90):
                # a numbered paragraph, or words far from the title its numeral names: never this section's
                # heading (the best match could only score lower or name another section), so not scored
                number, used, score = 0, 0, 0.0
            else:
                number, used, score = match_section(words)
            if cut >= 0 and score < 90:
                score = 0.0  # a numbered row label ("一、本年新收…数量 | 3 |"), not a heading and its table's header
            digit = m.groupdict().get("digit")
            numeral = _item_numeral(m)
            if item and (score < 90 or used < len(words) - 1 or numeral != number):
                score = 0.0  # a sub-item of section 一 ("（二）主动公开情况"), not a section's heading
            if score >= 80 and used <= _MAX_HEADING + 4:
                start = line.start + len(m.group("lead"))
                end = line.start + m.end() + used
                at = line.start + (m.start("digit") if digit else m.start("num"))
                heading = Heading(
                    numeral,
                    number,
                    words[:used].strip(),
                    Span(start, end),
                    Span(at, at + 1),
                )
                if item:
                    weak.append(heading)
                elif number not in strong:
                    strong[number] = heading
                continue
        stripped = body.strip().lstrip("#").strip().strip("*_").strip()
        if (
            len(stripped) <= _MAX_HEADING
            and _TITLE_HINT.search(stripped)
            and not _SUBNUMBERED.match(stripped)
            and "|" not in body
        ):
            number, used, score = match_section(stripped)
            if score >= 90 and used >= len(stripped) - 1:
                start = line.start + body.index(stripped)
                weak.append(Heading(None, number, stripped, Span(start, start + len(stripped)), None))
                continue
        for g in _GLUED.finditer(body) if _TITLE_HINT.search(body) else ():
            if g.start() == 0 or not body[: g.start()].strip():
                continue
            words = body[g.end() :]
            if len(label_core(words)[1]) > _MAX_HEADING:
                continue
            number, used, score = match_section(words)
            if score >= 85 and used >= len(words.rstrip()) - 2:
                start = line.start + g.start()
                weak.append(
                    Heading(
                        CN_DIGITS[g.group("num")],
                        number,
                        words.strip(),
                        Span(start, line.end),
                        Span(start, start + 1),
                        glued=True,
                    )
                )
                break
    found = dict(strong)
    for h in weak:
        # a weak heading counts only where no real one exists and it fits the order
        if h.section in found:
            continue
        before = [s for s, x in found.items() if x.span.start < h.span.start]
        after = [s for s, x in found.items() if x.span.start > h.span.start]
        if all(s < h.section for s in before) and all(s > h.section for s in after):
            found[h.section] = h
    return sorted(found.values(), key=lambda h: h.span.start)


_AGENCY_YEARS = regex_cache.compile(r"(?:19|20)\d{2}\s*年?度?|[二〇○零一三四五六七八九]{4}\s*年度?")


def agency_key(title: str | None) -> str | None:
    """Who a report is from, for pairing reports across years: its title without the year and the report's name.

    ``"××市××局2022年政府信息公开工作年度报告"`` → ``"××市××局"``; None for no title
    (or a web page's navigation trail taken for one).
    """
    if not title or any(w in title for w in (">", "＞", "位置", "首页")):
        return None
    words = keep_words(_AGENCY_YEARS.sub("", unicodedata.normalize("NFKC", title)))
    head, sep, _tail = words.partition("政府信息公开")
    return (head if sep and head else words) or None


def find_title(text: Text, headings: list[Heading]) -> tuple[str, Span] | None:
    """The title line: a short line before section 一 naming the report.

    A line with a year wins ("××局2020年度政府信息公开工作年度报告"); else one
    that names more than the report kind (a bare "政府信息公开年报" is a
    menu item of the web page it was copied from).
    """
    limit = headings[0].span.start if headings else len(text.text)
    plain: tuple[str, Span] | None = None
    for line in text.lines[:80]:  # a web page's navigation may come first
        if line.start >= limit:
            break
        s = line.stripped.lstrip("#").strip()
        m = _TITLE_WORDS.search(fold(s)) if s and len(s) <= 60 else None
        if not m or s.startswith(("根据", "按照", "依据", "本报告")) or "。" in s or _BREADCRUMB.search(s):
            continue
        start = line.start + line.text.index(s)
        found = (s, Span(start, start + len(s)))
        if _YEARISH.search(s):
            return found
        if plain is None and len(fold(s)) > len(m.group()):
            plain = found
    return plain


class Terminal(NamedTuple):
    """One classified line (or part of a line): a terminal of the structure grammar."""

    kind: str  # TITLE, HEADING, TABLE, TEXT or BLANK
    start: int
    end: int


@cache
def _parser() -> Lark:
    from lark import Lark
    from lark.lexer import Lexer

    class TerminalLexer(Lexer):
        """Feeds the already classified lines to the LALR parser."""

        __future_interface__ = 0  # lex() receives the input itself: our token list

        def __init__(self, lexer_conf: object) -> None:
            pass

        def lex(self, tokens: list[Token]) -> Iterable[Token]:  # type: ignore[override]
            yield from tokens

    return Lark.open_from_package(
        "nianbao.grammars", "report.lark", parser="lalr", lexer=TerminalLexer, propagate_positions=True
    )


def classify(text: Text, headings: list[Heading], title: Span | None, table_lines: set[int]) -> list[Terminal]:
    """The terminal sequence of the grammar for this text."""
    by_line: dict[int, Heading] = {}
    for h in headings:
        by_line[text.position(h.span.start)[0]] = h
    tokens: list[Terminal] = []
    lines = text.lines
    for i, line in enumerate(lines):
        n = line.number
        if n in table_lines:
            tokens.append(Terminal("TABLE", line.start, line.end))
        elif title and line.start <= title.start < line.end + 1 and not tokens:
            tokens.append(Terminal("TITLE", line.start, line.end))
        elif n in by_line:
            h = by_line[n]
            if h.span.start > line.start and line.text[: h.span.start - line.start].strip():
                tokens.append(Terminal("TEXT", line.start, h.span.start))
            tokens.append(Terminal("HEADING", h.span.start, line.end))
        elif not line.text.strip():
            # a blank line between two table lines belongs to the table
            kind = "BLANK"
            if i and lines[i - 1].number in table_lines:
                nxt = next((x for x in lines[i + 1 :] if x.text.strip()), None)
                if nxt is not None and nxt.number in table_lines:
                    kind = "TABLE"
                    table_lines.add(n)
            tokens.append(Terminal(kind, line.start, line.end))
        else:
            tokens.append(Terminal("TEXT", line.start, line.end))
    return tokens


def parse_tree(text: Text, terminals: list[Terminal]) -> Tree:
    """The Lark parse tree of the classified lines (positions on every node)."""
    from lark import Token

    tokens = []
    for kind, start, end in terminals:
        line, col = text.position(start)
        end_line, end_col = text.position(end)
        tokens.append(Token(kind, text.text[start:end], start, line, col, end_line, end_col, end))
    return _parser().parse(tokens, on_error=lambda e: True)


def sections_of(terminals: list[Terminal], headings: list[Heading]) -> list[Section]:
    """The sections the grammar reads from ``terminals``, in one pass.

    As in the grammar: a section runs from its HEADING to the next one, its
    end is that of its last terminal; a TEXT terminal is a paragraph, a run of
    TABLE terminals one table.
    """
    by_start = {h.span.start: h for h in headings}
    sections: list[Section] = []
    current: Section | None = None
    previous = ""
    for kind, start, end in terminals:
        if kind == "HEADING":
            heading = by_start.get(start)
            current = Section(heading.section, heading, Span(heading.span.start, end)) if heading else None
            if current is not None:
                sections.append(current)
        elif current is not None:
            current.span = Span(current.span.start, end)
            if kind == "TEXT":
                current.paragraphs.append(Span(start, end))
            elif kind == "TABLE":
                if previous == "TABLE":
                    current.tables[-1] = Span(current.tables[-1].start, end)
                else:
                    current.tables.append(Span(start, end))
        previous = kind
    return sections


def sections_of_tree(tree: Tree, headings: list[Heading]) -> list[Section]:
    """The sections of the Lark tree (the definition :func:`sections_of` follows)."""
    from lark import Tree

    sections: list[Section] = []
    by_start = {h.span.start: h for h in headings}
    for node in tree.children:
        if not isinstance(node, Tree) or node.data != "section":
            continue
        head_token = node.children[0]
        heading = by_start.get(head_token.start_pos)
        if heading is None:
            continue
        end = node.meta.end_pos if not node.meta.empty else head_token.end_pos
        section = Section(heading.section, heading, Span(heading.span.start, end))
        for child in node.children[1:]:
            if isinstance(child, Tree) and child.data == "paragraph":
                section.paragraphs.append(Span(child.meta.start_pos, child.meta.end_pos))
            elif isinstance(child, Tree) and child.data == "table":
                section.tables.append(Span(child.meta.start_pos, child.meta.end_pos))
        sections.append(section)
    return sections


def parse_structure(
    text: Text, headings: list[Heading], title: Span | None, table_lines: set[int]
) -> tuple[list[Terminal], list[Section]]:
    """Classify the lines; return the terminals and the sections with their parts."""
    terminals = classify(text, headings, title, set(table_lines))
    return terminals, sections_of(terminals, headings)


def table_regions(text: Text, headings: list[Heading]) -> list[tuple[int, int, int | None]]:
    """Line ranges (first, last, section) where the statistics tables are expected.

    The bodies of sections 二, 三 and 四; the whole text when none of them
    is found (a draft without headings still has its tables read).
    """
    nlines = len(text.lines)
    starts = [(text.position(h.span.start)[0], h.section, h) for h in headings]
    regions = []
    for i, (line, number, _) in enumerate(starts):
        if number not in (2, 3, 4):
            continue
        last = starts[i + 1][0] - 1 if i + 1 < len(starts) else nlines
        # a glued heading's line is prose: the table starts on the next line
        regions.append((line + 1, last, number))
    if not regions:
        return [(1, nlines, None)]
    first_table = min(r[0] for r in regions)
    if not any(h.section == 2 for h in headings) and any(h.section == 1 for h in headings):
        # section 二's heading lost: its table sits at the end of section 一
        one = next(line for line, n, _ in starts if n == 1)
        regions.insert(0, (one + 1, first_table - 2, None))
    return regions
