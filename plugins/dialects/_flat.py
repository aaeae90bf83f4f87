"""``flat``: tables whose cells ran together, as crawlers and text extractors store pages.

``规章000行政规范性文件77132470`` … ``（七）总计801000081``: the row labels are
there, the values follow with no separator, often the whole body on one line.
Each label is matched to its row of the format, which says how many values
follow and which sums they obey; :mod:`nianbao.readings` splits each run into
the readings that satisfy them and chooses between rows by the relations of
the tables. Cells say how they were read; a run that reads several ways is a
``reading-ambiguous`` problem naming the readings.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from nianbao import readings, regex_cache, values
from nianbao.chars import label_core
from nianbao.dialect import Layout, cell
from nianbao.model import CellKind, Heading, Problem, RawCell, Span
from nianbao.source import Source, Text, decode
from nianbao.structure import find_headings, unradical
from nianbao.template import Row, Template, sections, template

from . import _pdftext

# a run of values: digits (with a decimal point, a full-width one, thousands commas), signs and 增/减
# prefixes, spaces between (a dash after dashes is a rule line, "------1.本机关…", not a sign; "减 7" is
# one value; a no-break space is a space here: _squeeze_parts tells thousands grouped by it)
_RUN = regex_cache.compile(
    r"(?:(?:[增减][ \u3000]?)?(?:(?<![-−])[-−+])?\d(?:[\d.．]|[,，](?=\d))*)"
    r"(?:[ \u3000\u00a0]*(?:[增减][ \u3000]?)?[-−+]?\d(?:[\d.．]|[,，](?=\d))*)*"
)
_NUMBERING_TAIL = regex_cache.compile(r"\d[.．、]$")  # "…00000002." : "2." numbers the next label
_PROSE_NUMBER = regex_cache.compile(r"(\d+)\s*(?:件|条|个|次|篇|人|项)")
_NUMERAL = "一二三四五六"
# pairs (smaller, larger) a plausible row keeps: new documents are among those in force
_PLAUSIBLE = (("issued", "in_force"), ("published", "total"), ("made", "total"))
# a piece of a line up to a wide gap; two spaces say it (" {2,}" rescanned the rest of a run of
# spaces at each of its characters: quadratic, minutes for a line of 100,000 spaces)
_FRAGMENT = regex_cache.compile(r"[^\n]+?(?=  |\u3000\u3000|$)", re.M)
_FOOTER = regex_cache.compile(r"^[-－—]\s*\d+\s*[-－—]$")
_LOOKAHEAD = 4  # rows of the format a misspelt label may stand for, from the next one on
_NEAR = 60  # similarity (0-100) of a misspelt label's words to the row's


@dataclass
class _Row:
    row: Row
    label: Span  # the row's own label in the text
    prefix: Span | None  # header or group words written before it
    run: Span | None  # the values that follow
    text: str | None = None  # the label as read, when wrapped around its numbers (PDF text)
    by_position: bool = False  # its label is not read: the row is the one the labels around it leave
    more: tuple[Span, ...] = ()  # the rest of its values, written as runs of their own (table 四 by groups)
    guessed: bool = False  # placed by order, its label not found (PDF text)


def read(source: Source, text: Text | None) -> Layout:
    text = text or decode(source)
    t = unradical(text.text)  # PDF text's ⾏政许可 is 行政许可 (same offsets)
    headings = _headings(text, t)
    best: tuple[int, list[_Row], Template] | None = None
    for version in ("2021", "2019"):
        tpl = template(version)
        rows = _find_rows(t, headings, tpl)
        found = sum(1 for r in rows if r.run is not None)
        if best is None or found > best[0]:
            best = (found, rows, tpl)
    assert best is not None
    _, rows, tpl = best
    cells, problems = _cells(t, rows, tpl, _prose_numbers(t, rows))
    return Layout(text, cells, headings, problems)


_OPENS = {2: "第二十条", 3: r"[（(]本列数据|申请人情况", 4: "行政复议"}  # the first words of each table


def _headings(text: Text, t: str) -> list[Heading]:
    """Section headings, also in the middle of a line (a crawler keeps the body on one); ``t`` is the text read."""
    lines = {h.section: h for h in find_headings(text)}  # a heading on its own line: sure, in any order
    found = dict(lines)
    for spec in sections():  # the same in both versions
        if spec.number in found:
            continue
        for title in spec.titles:
            m = re.search(rf"(?P<num>[{_NUMERAL}])\s*[、.．]\s*" + re.escape(title), t)
            if m and _NUMERAL.index(m.group("num")) + 1 == spec.number:
                found[spec.number] = Heading(
                    spec.number, spec.number, title, Span(m.start(), m.end()), Span(m.start(), m.start() + 1)
                )
                break
            # without its numeral, a heading is known by the table it opens ("主动公开政府信息情况第二十条…")
            opens = _OPENS.get(spec.number)
            m = re.search(re.escape(title) + rf"\s*(?={opens})", t) if opens else None
            if m:
                found[spec.number] = Heading(None, spec.number, title, Span(m.start(), m.end()), None)
                break
    ordered = sorted(found.values(), key=lambda h: h.span.start)
    # keep them in the order of the format: a row label "四、结转下年度" is no heading
    out: list[Heading] = []
    for h in ordered:
        if lines.get(h.section) is h or not out or h.section > out[-1].section:
            out.append(h)
    return out


def _tokens(t: str, start: int, end: int) -> list[tuple[Span, Span | None]]:
    """(words, run of values after them) in ``t[start:end]``; numbering like "2." stays with its words."""
    out: list[tuple[Span, Span | None]] = []
    words_from = start
    for a, b in _value_spans(t, start, end):
        if b < end and t[b : b + 1] in ".．、":
            b += 1  # "1.属于…": the dot belongs to the run's end, to be seen as numbering
        chunk = t[a:b]
        if _NUMBERING_TAIL.search(chunk) and b < end and not t[b].isdigit():
            b -= 2  # the last digit and dot number the next label
            if b <= a:  # nothing but the numbering: it is part of the words
                if out and out[-1][1] is not None and _placeholders_between(t, out[-1][1].end, a):
                    # a row's last cell written 无 before the next label's numbering ("2120101无2.没有…")
                    out[-1] = (out[-1][0], Span(out[-1][1].start, a))
                    words_from = a
                continue
        if a == words_from and out and out[-1][1] is None:
            continue
        if out and out[-1][1] is not None and _placeholders_between(t, out[-1][1].end, a):
            # a cell written 无 between two values is one of the row's cells (see _value_spans)
            out[-1] = (out[-1][0], Span(out[-1][1].start, b))
        else:
            out.append((Span(words_from, a), Span(a, b)))
        words_from = b
    out.append((Span(words_from, end), None))
    return out


def _placeholders_between(t: str, a: int, b: int) -> bool:
    """Whether ``t[a:b]``, between two runs of values, is a placeholder run together with the digits
    around it (crawler dumps, "0202无0014503003"; a word, an em dash or a full-width slash, not "-" or
    "/": a sign, and dates)."""
    return a < b and t[a - 1].isdigit() and t[b : b + 1].isdigit() and (t[a:b] in _WORDS or t[a:b] in _GLUED)


_GLUED = frozenset(("—", "——", "／", "－"))


_WORDS = frozenset(("无", "空", "暂无", "没有"))  # placeholders that are words, not punctuation
_TOKEN = regex_cache.compile(r"[^ \u3000\n]+")
_MAYBE = regex_cache.compile(r"[-—–―/／\\*＊_－无空没]")  # what a placeholder (values.is_placeholder) may start with
_FULL_ROWS = (5, 7, 15)  # values of a row of table 三, of table 四 and of one of its groups
_ODD = "、。．.·"  # dash-like placeholders that are a label's punctuation in PDF text far more often


def _value_spans(t: str, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of values in ``t[start:end]``, with the placeholders written apart among them.

    A cell written 无 (or a dash, a slash) is one of its row's cells, not words of a label: else
    every value after it is a column off ("11 无 0 0 0 2 14", PDF text). It is taken when it stands
    between values on one line, after them, before them with words before it on the line (at a
    line's start it may be a character of a vertical merged label, "(四)无法提供": only when the line
    is nothing but a row's worth of values with it), or alone after a row's words at the line's end
    (a one-value row of table 二; not the slash of a header's "本年增 / 减" wrapped after it).
    """
    runs = [(m.start(), m.end()) for m in _RUN.finditer(t, start, end)]
    extra: list[tuple[int, int]] = []
    seen = _MAYBE.search(t, start, end)
    while seen is not None:  # the lines with a character a placeholder is written with
        line_start = t.rfind("\n", start, seen.start()) + 1 or start
        nl = t.find("\n", seen.start(), end)
        line_end = end if nl < 0 else nl
        extra.extend(_line_placeholders(t, max(start, line_start), line_end))
        seen = _MAYBE.search(t, line_end, end)
    if not extra:
        return runs
    merged: list[list[int]] = []  # [start, end, has a placeholder]
    for a, b, p in sorted([(a, b, 0) for a, b in runs] + [(a, b, 1) for a, b in extra]):
        if merged and (p or merged[-1][2]) and not t[merged[-1][1] : a].strip(" \u3000"):
            merged[-1][1:] = [b, 1]
        else:
            merged.append([a, b, p])
    return [(a, b) for a, b, _ in merged]


def _line_placeholders(t: str, a: int, b: int) -> list[tuple[int, int]]:
    """The placeholders on the line ``t[a:b]`` that stand among values (see _value_spans)."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(t, a, b)]
    kinds = []
    for x, y in tokens:
        w = t[x:y]
        if _RUN.fullmatch(w):
            kinds.append("n")
        elif values.is_placeholder(w) and not (set(w) & set(_ODD)) and (len(w) <= 2 or w in _WORDS):  # "------": a rule
            kinds.append("p")
        else:
            kinds.append("w")
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(kinds):  # each stretch of placeholders, by what stands on either side of it
        if kinds[i] != "p":
            i += 1
            continue
        k = i
        while k + 1 < len(kinds) and kinds[k + 1] == "p":
            k += 1
        left = kinds[i - 1] if i > 0 else None
        right = kinds[k + 1] if k + 1 < len(kinds) else None
        words = [t[x:y] for x, y in tokens[i : k + 1]]
        if (
            left == "n"
            or (right == "n" and left == "w")
            # a line of values and nothing else, a row's worth with it: "- 0 0 0 1 0 2"
            or (left is None and right == "n" and "w" not in kinds and len(kinds) in _FULL_ROWS)
            # alone after words at the line's end (not the "/" of a header's "本年增/减" wrapped after it)
            or (
                left == "w"
                and right is None
                and not (t[tokens[i - 1][0] : tokens[i - 1][1]].endswith("增") and "/" in words[0].replace("／", "/"))
            )
        ):
            out.extend(tokens[i : k + 1])
        i = k + 1
    return out


def _table_regions(t: str, headings: list[Heading]) -> dict[str, tuple[int, int]]:
    by_section = {h.section: h for h in headings}
    regions: dict[str, tuple[int, int]] = {}
    for table, section in (("t2", 2), ("t3", 3), ("t4", 4)):
        h = by_section.get(section)
        if h is None:
            continue
        after = [x.span.start for x in headings if x.span.start > h.span.start]
        regions[table] = (h.span.end, min(after) if after else len(t))
    if not regions:
        regions = {"all": (0, len(t))}
    return regions


@cache
def _cores(row: Row) -> list[str]:
    return [c for c in (label_core(v)[1] for v in row.labels) if c]


_MAX_LABEL_STARTS = 256  # places a label may start at, back from its end: far more than any label has


def _starts_back(t: str, words: Span) -> Iterator[int]:
    """Where a label ending at ``words.end`` may start, from the end back.

    A run of white space is one place, its first character: white space changes no label's
    core. Each place costs a scan of the label, so a line of 100,000 spaces (or brackets) was
    quadratic: minutes.
    """
    i, seen = words.end - 1, 0
    while i >= words.start and seen < _MAX_LABEL_STARTS:
        if t[i].isspace():
            while i > words.start and t[i - 1].isspace():
                i -= 1
        yield i
        i, seen = i - 1, seen + 1


def _label_start(t: str, words: Span, core: str) -> int:
    """Where the row's own label starts within ``words`` (its numbering included)."""
    best = words.end
    for i in _starts_back(t, words):
        here = label_core(t[i : words.end])[1]
        if here == core:
            best = i
        elif len(here) > len(core) + 2:
            break  # past the numbering ("（一）", "1.") that may precede the words
    return best


def _fragments(t: str, span: Span) -> list[Span]:
    """The pieces of ``span`` between line breaks and wide gaps, without page footers and lone characters.

    PDF text writes a vertical merged label one character per line ("三、\\n本\\n年…") and a
    page's footer ("- 5 -") where the page broke: neither is part of a row's label.
    """
    out = []
    for m in _FRAGMENT.finditer(t, span.start, span.end):
        piece = m.group().strip()
        if not piece or _FOOTER.match(piece):
            continue
        numbering, core = label_core(piece)
        if len(core) <= 1 and not numbering:
            continue
        a = m.start() + (len(m.group()) - len(m.group().lstrip()))
        out.append(Span(a, a + len(piece)))
    return out


def _wrapped(
    t: str, before: list[Span], after: list[Span], rows: list[Row], pointer: int
) -> tuple[int, int, str] | None:
    """A label wrapped around its numbers or cut by merged-cell text: (row, label start, label as read).

    The few plausible readings: the last fragments before the numbers, perhaps the first one
    after them ("5.要求行政机关确认或重新出 / 1 0 0 0 0 0 1 / 具已获取信息"), perhaps without one
    fragment in the middle (merged-cell text "他处理" between the lines of the label).
    """
    candidates = range(pointer, min(len(rows), pointer + _LOOKAHEAD))
    for drop_one in (False, True):
        for m in range(1, min(4, len(before)) + 1):
            for tail in ([], after):
                seq = before[-m:] + tail
                drops = range(1, len(seq) - 1) if drop_one else [None]
                for d in drops:
                    parts = [s for i, s in enumerate(seq) if i != d]
                    text = "".join(t[s.start : s.end] for s in parts)
                    core = label_core(text)[1]
                    for k in candidates:
                        if core in _cores(rows[k]):
                            return k, seq[0].start, text
    return None


def _near_match(core: str, rows: list[Row], pointer: int) -> tuple[int | None, int]:
    """A label written with a wrong character ("(七)总汁"): the next rows, by similarity of the words' end."""
    best: tuple[float, int, int] | None = None
    for k in range(pointer, min(len(rows), pointer + _LOOKAHEAD)):
        for c in _cores(rows[k]):
            score = fuzz.ratio(core[-len(c) :], c)
            if score >= _NEAR and (best is None or (score, -k) > (best[0], -best[1])):
                best = (score, k, len(c))
    return (best[1], best[2]) if best else (None, 0)


def _ends_with_label(core: str, rows: list[Row], pointer: int) -> tuple[int, int, str] | None:
    """The row from ``pointer`` on whose label ``core`` ends with (the longest label, then the nearest row)."""
    match: tuple[int, int, str] | None = None
    for k in range(pointer, len(rows)):
        for c in _cores(rows[k]):
            if core.endswith(c) and (match is None or (len(c), -k) > match[:2]):
                match = (len(c), -k, c)
    return match


def _between(t: str, tokens: list[tuple[Span, Span | None]], n: int, rows: list[Row], pointer: int) -> int | None:
    """A label misspelt beyond recognition ("规范" for 规章), placed by the labels around it.

    When the next label that is read is row k, and the runs before it whose label is
    not read are exactly as many as the rows from ``pointer`` to k, they are those
    rows, in order: the format's order says which row stands between 第二十条第(一)项
    and 规范性文件. A run too short for its row's values is none.
    """
    unread = 0
    for words, run in tokens[n:]:
        if run is None:
            continue
        match = _ends_with_label(label_core(t[words.start : words.end])[1], rows, pointer)
        if match is not None:
            run = tokens[n][1]
            size = len(t[run.start : run.end].replace(" ", "")) if run else 0
            return pointer if -match[1] - pointer == unread and size >= len(rows[pointer].columns) else None
        unread += 1
    return None


def _label_start_len(t: str, words: Span, size: int) -> int:
    """Where the last ``size`` label characters of ``words`` start (numbering included)."""
    best = words.end
    for i in _starts_back(t, words):
        here = len(label_core(t[i : words.end])[1])
        if here <= size:
            best = i
        elif here > size + 2:
            break
    return best


def _find_rows(t: str, headings: list[Heading], tpl: Template) -> list[_Row]:
    out: list[_Row] = []
    regions = _table_regions(t, headings)
    tokens_of = {table: _tokens(t, start, end) for table, (start, end) in regions.items()}
    pdf_text = _pdftext.spaced(t, [run for tokens in tokens_of.values() for _, run in tokens if run])
    for table in regions:
        rows = [r for r in tpl.rows if table in ("all", r.table)]
        pointer = 0
        tokens = tokens_of[table]
        taken: set[int] = set()
        if pdf_text:
            with_absent = _with_absent_tables(table, regions)
            if with_absent != [table]:
                rows = [r for r in tpl.rows if r.table in with_absent]
                if with_absent[0] != table:  # tables before the first heading found: in the text before it
                    start = max((h.span.end for h in headings if h.span.end <= regions[table][0]), default=0)
                    tokens = _tokens(t, min(start, regions[table][0]), regions[table][1])
            if table != "t4" or with_absent != [table]:
                out.extend(_pdf_rows(t, tokens, rows))
                continue
        for n, (words, run) in enumerate(tokens):
            if run is None or n in taken:
                continue
            rule = re.match(r"[-－—― \u3000]*", t[words.start : words.end])
            if rule and rule.end():  # a Markdown rule line "------" run into the next label: no part of it
                words = Span(words.start + rule.end(), words.end)
            wrapped = None
            more: tuple[Span, ...] = ()
            core = label_core(t[words.start : words.end])[1]
            match = _ends_with_label(core, rows, pointer)  # (length of core, -row, core)
            chosen = -match[1] if match else None
            if chosen is None and "\n" in t[words.start : run.end + 1]:
                after = _fragments(t, tokens[n + 1][0])[:1] if n + 1 < len(tokens) else []
                wrapped = _wrapped(t, _fragments(t, words), after, rows, pointer)
                if wrapped is not None:
                    chosen, label_at, _ = wrapped
            if chosen is None:
                chosen, size = _near_match(core, rows, pointer)
                if chosen is not None and len(t[run.start : run.end].replace(" ", "")) < len(rows[chosen].columns):
                    chosen = None  # a near label with too few digits for its row: header words ("数据1")
                if chosen is not None:
                    label_at = _label_start_len(t, words, size)
            by_position = False
            if chosen is None:
                chosen = _between(t, tokens, n, rows, pointer)
                if chosen is not None:
                    label_at = _label_start_len(t, words, max(len(c) for c in _cores(rows[chosen])))
                    by_position = True
            if chosen is None:
                t4 = next((k for k in range(pointer, len(rows)) if rows[k].table == "t4"), None)
                if t4 is None:
                    continue
                if len(t[run.start : run.end].replace(" ", "")) < len(rows[t4].columns):
                    # 表四 written group by group, each under its own header ("行政复议…总计271091561"):
                    # the three runs left in the table are the row's values, each group starting its own
                    rest = [k for k in range(n, len(tokens)) if tokens[k][1] is not None]
                    parts = [tokens[k][1] for k in rest]
                    sizes = [len(t[x.start : x.end].replace(" ", "")) for x in parts]  # type: ignore[union-attr]
                    # each after its group's header (…总计) and long enough for its five values
                    headed = all(label_core(t[tokens[k][0].start : tokens[k][0].end])[1].endswith("总计") for k in rest)
                    if len(parts) != len(rows[t4].columns) // 5 or min(sizes) < 5 or not headed:
                        continue
                    more = tuple(parts[1:])  # type: ignore[arg-type]
                    taken.update(rest[1:])
                chosen, label_at = t4, words.end
            elif match is not None:
                label_at = _label_start(t, words, match[2])
            prefix = Span(words.start, label_at) if label_core(t[words.start : label_at])[1] else None
            if prefix and "\n" in t[prefix.start : prefix.end]:
                prefix = None  # header and merged-cell text over several lines (PDF text): no label to read
            out.append(
                _Row(
                    rows[chosen],
                    Span(label_at, words.end),
                    prefix,
                    run,
                    wrapped[2] if wrapped else None,
                    by_position,
                    more,
                )
            )
            pointer = chosen + 1
    return out


def _with_absent_tables(table: str, regions: dict[str, tuple[int, int]]) -> list[str]:
    """The tables read in ``table``'s region: its own, and those whose section heading was not found
    next to it (after it, or before it if it is the first found)."""
    if table == "all":
        return ["t2", "t3", "t4"]
    order = ["t2", "t3", "t4"]
    i = order.index(table)
    out = [table]
    for later in order[i + 1 :]:
        if later in regions:
            break
        out.append(later)
    if not any(x in regions for x in order[:i]):
        out = order[:i] + out
    return out


def _pdf_rows(t: str, tokens: list[tuple[Span, Span | None]], rows: list[Row]) -> list[_Row]:
    """The rows of a table in PDF text: the words around each run cut between its neighbours (see _pdftext)."""
    gaps: list[list[Span]] = [[]]
    runs: list[Span] = []
    for words, run in tokens:
        gaps[-1].extend(_pdftext.pieces(t, words))
        if run is not None:
            numbering, run = _pdftext.numbering_of(t, run)
            if numbering is not None:  # "8.  1 0 0 0 1 2": the label's numbering left alone on the line
                gaps[-1].append(numbering)
        if run is not None and _pdftext.is_value_run(t, run):
            runs.append(run)
            gaps.append([])
    widths = {len(r.columns) for r in rows}
    gaps, runs, more = _pdftext.join_broken(t, gaps, runs, widths, lambda values: _sums_hold(values, rows))
    joinable = [len(_squeeze_parts(t, [run, *rest]).joinable) for run, rest in zip(runs, more, strict=True)]
    placed = _pdftext.place(t, rows, gaps, runs, more, joinable)
    return [
        _Row(p.row, p.label, None, p.run, p.text, guessed=p.guessed or _cut_tail(t, p), more=p.more) for p in placed
    ]


def _ungrouped(text: str) -> str:
    """``text`` in ASCII digits, the commas of a number grouped in thousands ("1,234", "１，２３４") left out."""
    return text.replace(",", "").replace("，", "") if _GROUPED.fullmatch(text) else text.translate(_ASCII)


def _cut_tail(t: str, p: _pdftext.Placed) -> bool:
    """Whether a digit glued to the run's last value was taken for the next label's numbering, with a space
    after it ("… 2 45、 以公开"): "5、" may be numbering, or 45 a value with the 、 of a vertical "三、" (narrow
    columns): which one is not known."""
    end = (p.more[-1] if p.more else p.run).end
    return t[end : end + 1].isdigit() and t[end + 1 : end + 2] in (".", "．", "、") and t[end + 2 : end + 3].isspace()


def _sums_hold(texts: list[str], rows: list[Row]) -> bool:
    """Whether ``texts`` read as some row of ``rows`` whose every group ends in its sum (表三's 总计)."""
    try:  # a placeholder (无, -) counts 0 there, as in the search for a row's split; "1,234" is 1234
        numbers = [0 if values.is_placeholder(v) else int(_ungrouped(v)) for v in texts]
    except ValueError:  # an amount, a sign: not a row whose sums can tell
        return False
    for row in rows:
        if len(row.columns) != len(numbers):
            continue
        at, ok = 0, True
        for g in _groups(row):
            part = numbers[at : at + len(g.columns)]
            at += len(g.columns)
            ok = ok and g.summed and sum(part[:-1]) == part[-1]
        if ok:
            return True
    return False


def _groups(row: Row) -> tuple[readings.Group, ...]:
    cols = [readings.Column(c.signed, c.unit is not None) for c in row.columns]
    if row.table == "t3":
        return (readings.Group(tuple(cols), summed=True),)
    if row.table == "t4":
        return tuple(readings.Group(tuple(cols[i : i + 5]), summed=True) for i in range(0, len(cols), 5))
    return (readings.Group(tuple(cols)),)


def _prose_numbers(t: str, rows: list[_Row]) -> frozenset[int]:
    """Numbers the prose writes ("共受理…21件"), outside the tables."""
    runs = [r.run for r in rows if r.run]
    if not runs:
        return frozenset()
    first, last = min(r.start for r in runs), max(r.end for r in runs)
    prose = t[:first] + " " + t[last:]
    return frozenset(int(m.group(1)) for m in _PROSE_NUMBER.finditer(prose))


def _cells(t: str, rows: list[_Row], tpl: Template, evidence: frozenset[int]) -> tuple[list[RawCell], list[Problem]]:
    read = []
    units = []
    squeezed: list[_Squeezed] = []
    budget = readings.REPORT_BUDGET
    for r in rows:
        groups = _groups(r.row)
        sq = _squeeze_parts(t, _parts(r))
        squeezed.append(sq)
        found = _read_squeezed(sq, groups, max(0, min(readings.budget_of(groups), budget)))
        budget -= found.steps
        unit = _unit_after(t, r.run.end) if r.run and r.row.columns and r.row.columns[-1].unit else ""
        if unit.strip().startswith("万") and r.row.columns[-1].unit == "元":
            # "392850万": the amount is in 万元 where the column counts 元 (for the plausibility of the split)
            found.readings = [
                readings.Reading((*x.values[:-1], x.values[-1] * 10_000), x.bounds) for x in found.readings
            ]
        units.append(unit)
        read.append(found)
    keys = [[c.key for c in r.row.columns] for r in rows]
    relations = [(rel.left, rel.right) for rel in tpl.relations if rel.kind in ("balance", "results")]
    plausible = [[[(f"t2.{r.row.key}.{a}", f"t2.{r.row.key}.{b}") for a, b in _PLAUSIBLE]] for r in rows]
    choice = readings.choose_rows(read, keys, relations, evidence, plausible)
    combos = choice.combos
    chosen = combos[0]
    cells: list[RawCell] = []
    problems: list[Problem] = []
    for i, r in enumerate(rows):
        if r.prefix:
            cells.append(cell(t, r.prefix.start, r.prefix.end, row_start=True))
        if r.label.end > r.label.start:
            label = cell(t, r.label.start, r.label.end, row_start=not r.prefix)
            label.kind = CellKind.LABEL  # a row's words, even those a placeholder is spelt with ("没有 6": 2.没有现成…)
            if r.text:
                label.text = r.text  # read across the line breaks that cut it
            cells.append(label)
        rr = read[i]
        if r.run is None:
            continue
        offsets = squeezed[i].chars
        if not rr.readings:
            # too few digits for the row's values (blank cells lost with the separators: "一、本年新收…22"
            # for 2 | | | | | | 2) or too many: a guess, and the row's count of values is reported (T206)
            pieces = [
                (part.start + m.start(), part.start + m.end())
                for part in _parts(r)
                for m in re.finditer(r"[^ \u3000]+", t[part.start : part.end])
            ]
            for k, (a, b) in enumerate(pieces):  # each piece written apart its own cell ("2 2"), none placed surely
                c = cell(t, a, b, row_start=k == 0 and r.label.end == r.label.start)
                c.reading = "guessed"
                cells.append(c)
            continue
        reading = rr.readings[chosen[i]]
        alternatives = list(dict.fromkeys(c[i] for c in combos))  # the likeliest first
        # a run that reads one way only (values written apart) is as written, sums broken or not
        doubtful = rr.syntactic != 1 and (not rr.consistent or not rr.complete or len(alternatives) > 1)
        differ = {
            k
            for k in range(len(reading.values))
            if not rr.consistent or any(rr.readings[a].values[k] != reading.values[k] for a in alternatives)
        }
        # a row no relation decides, whose likeliest reading is clearly ahead: the cells the readings differ in
        likely = (
            {k for k in range(len(reading.values)) if any(x.values[k] != reading.values[k] for x in rr.readings)}
            if i in choice.plausible
            else set()
        )
        read_as = "position" if r.by_position else "exact"
        # a row without sums: a cell every reading agrees on is read as written; else the sums chose it
        summed = any(g.summed for g in _groups(r.row))
        agreed = {k for k in range(len(reading.values)) if all(x.values[k] == reading.values[k] for x in rr.readings)}
        last = len(reading.bounds) - 1
        for k, (a, b) in enumerate(reading.bounds):
            end = offsets[b - 1][1] + (len(units[i]) if k == last else 0)  # "2850万": the unit is the cell's
            c = cell(t, offsets[a][0], end, row_start=k == 0 and r.label.end == r.label.start)
            c.kind = CellKind.VALUE
            how = read_as if rr.syntactic == 1 or (not summed and k in agreed) else "relations"
            c.reading = "guessed" if (doubtful and k in differ) or r.guessed else "plausible" if k in likely else how
            if c.reading == "exact" and any(a < squeezed[i].pieces[j] < b for j in squeezed[i].joinable):
                c.reading = "position"  # pieces written apart, read as one number ("2 154")
            cells.append(c)
        if doubtful or likely:
            if likely:  # every other reading, the likeliest first
                rivals = sorted(range(len(rr.readings)), key=lambda a: a != chosen[i])
                shown, sure = [rr.readings[a] for a in rivals], sorted(likely)
            else:
                shown = [rr.readings[a] for a in alternatives] if rr.consistent else rr.readings
                sure = sorted(differ)
            count = len(shown) if likely else len(alternatives)
            data = {
                "text": " ".join(t[x.start : x.end] for x in _parts(r)),
                "readings": [_shown(rr.run, x) for x in [reading, *(x for x in shown if x != reading)]][:4],
                "consistent": rr.consistent,
                "more": max(0, count - 4) if rr.consistent else 0,
                "related": i not in choice.alone,  # a relation of the format could have decided it
            }
            if likely:
                data["plausible"] = round(choice.share[i], 4)  # chosen by the plausibility of table 二's values
            where = Span(r.run.start, _parts(r)[-1].end)
            problems.append(Problem("reading-ambiguous", where, tuple(keys[i][k] for k in sure), data))
    return cells, problems


def _unit_after(t: str, end: int) -> str:
    """The unit written right after a run of an amount ("2850万", "251000元", PDF text's "1296.8 万"), or ""."""
    m = re.match(r"[ \u3000]?(?:万元|万|元)", t[end : end + 3])
    return m.group() if m else ""


def _parts(r: _Row) -> list[Span]:
    return [r.run, *r.more] if r.run else []


@dataclass
class _Squeezed:
    """A row's runs without their spaces, as the search for its split reads them."""

    run: str
    cuts: frozenset[int]  # where a value starts (a space or a run was there)
    chars: list[tuple[int, int]]  # the characters of the text each character of ``run`` stands for
    pieces: list[int]  # where each piece written apart starts in ``run``
    joinable: list[int]  # pieces k whose space before them may group thousands ("1 234": see values.joinable)
    odd: bool = False  # a comma that groups no thousands ("12,34"): no split is sure
    whole: tuple[tuple[int, int], ...] = ()  # (start, end) in ``run`` of pieces grouped by commas: one value each
    grouping: frozenset[int] = frozenset()  # joinable pieces after a no-break or thin space, not a plain one


def _squeeze_parts(t: str, parts: list[Span]) -> _Squeezed:
    """The runs without their spaces, as one, for the search of the row's split.

    A placeholder among the values (无, 空, a dash: see _value_spans) is one cell: it reads as a 0
    of its own there, so the values around it keep their columns (the cell keeps its text, so
    align reads it as written: not a number, T209). Thousands commas of a piece grouped as a
    number ("1,234", "1，234") are left out (the cell keeps them); full-width digits and points are
    read as ASCII.
    """
    squeezed: list[str] = []
    cuts: set[int] = set()
    chars: list[tuple[int, int]] = []
    pieces: list[int] = []
    joinable: list[int] = []
    grouping: set[int] = set()
    whole: list[tuple[int, int]] = []
    odd = False
    for part in parts:
        if squeezed:
            cuts.add(len(squeezed))
        previous: re.Match | None = None
        for m in _PIECE.finditer(t, part.start, part.end):
            prefixed = bool(squeezed) and squeezed[-1] in "增减"  # "减 7" is one value, one piece
            if squeezed and not prefixed:  # a space before: a value starts
                cuts.add(len(squeezed))
            if not prefixed:
                if previous is not None and values.joinable(
                    previous.group(),
                    m.group(),
                    t[previous.end() : m.start()],
                    len(joinable) == 0 or joinable[-1] != len(pieces) - 1,
                    True,
                ):
                    joinable.append(len(pieces))
                    if t[previous.end() : m.start()] != " ":
                        grouping.add(len(pieces))
                pieces.append(len(squeezed))
            previous = m
            grouped = _GROUPED.fullmatch(m.group()) is not None
            odd = odd or (not grouped and any(c in m.group() for c in ",，"))
            begin = len(squeezed)
            for q in _PLACEHOLDER_IN.finditer(t, m.start(), m.end()):
                word = q.group()
                if word and values.is_placeholder(word) and not (word in "-−+" and t[q.end() : q.end() + 1].isdigit()):
                    cuts.update((len(squeezed), len(squeezed) + 1))
                    squeezed.append("0")
                    chars.append((q.start(), q.end()))
                else:
                    for i in range(q.start(), q.end()):
                        if grouped and t[i] in ",，":
                            continue
                        squeezed.append(t[i].translate(_ASCII))
                        chars.append((i, i + 1))
            if grouped and any(c in m.group() for c in ",，"):
                whole.append((begin, len(squeezed)))
    return _Squeezed(
        "".join(squeezed),
        frozenset(cuts),
        chars,
        pieces,
        joinable,
        odd,
        grouping=frozenset(grouping),
        whole=tuple(whole),
    )


_PIECE = regex_cache.compile(r"[^ \u3000\u00a0]+")
# within a piece of a run: the digits, points, commas, signs and 增/减 (one match each) or a placeholder between them
_PLACEHOLDER_IN = regex_cache.compile(r"[0-9０-９.．,，增减]+|[-−+](?=[0-9０-９])|[^0-9０-９.．,，增减]+")
_GROUPED = regex_cache.compile(r"(?:[增减]|[-−+])?[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?:[.．][0-9０-９]+)?")
_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")
_JOINS = 2048  # ways of joining spaced thousands tried for one row (each a pass over it: read_apart)


def _read_squeezed(sq: _Squeezed, groups: tuple[readings.Group, ...], budget: int) -> readings.RowReadings:
    """The readings of a row's runs (see _read_pieces), none cutting a number grouped by commas: "2,002"
    is one value, however its digits would split (with its commas left out of the run, the search
    for a row a value short read it as 200 | 2)."""
    found = _read_pieces(sq, groups, budget)
    if not sq.whole or not found.readings:
        return found
    keep = [r for r in found.readings if not any(a < x < b for x, _ in r.bounds for a, b in sq.whole)]
    if len(keep) == len(found.readings):
        return found
    return readings.RowReadings(
        sq.run, keep, found.consistent and bool(keep), found.complete, found.syntactic, steps=found.steps
    )


def _read_pieces(sq: _Squeezed, groups: tuple[readings.Group, ...], budget: int) -> readings.RowReadings:
    """The readings of a row's runs; with more pieces than values, the joins of spaced thousands that fit.

    "2 154" in a row one value short (PDF text writes cells apart with one space, and a report
    may group thousands with one too): every way of joining that many joinable pairs, each piece
    (or joined pieces) one value. Their sums choose; one way with no sums to check is the reading;
    several are left to choose_rows (the cells they differ in are guessed). With more pieces than
    values and no join that fits, or an odd comma, there is no reading (the pieces are guesses).
    """
    ncols = sum(len(g.columns) for g in groups)
    extra = len(sq.pieces) - ncols
    if sq.odd:
        return readings.RowReadings(sq.run, [], False)
    if extra <= 0 or len(sq.joinable) < extra:
        return readings.read_apart(sq.run, groups, sq.cuts) or readings.read_run(sq.run, groups, budget, sq.cuts)
    found: list[readings.Reading] = []
    holding: list[readings.Reading] = []
    tried = 0
    # a no-break or thin space groups thousands far more often than it parts two cells: those joins first
    ordered = sorted(sq.joinable, key=lambda k: k not in sq.grouping)
    for joins in itertools.islice(itertools.combinations(ordered, extra), _JOINS):
        starts = {sq.pieces[k] for k in joins}
        cuts = frozenset(c for c in sq.cuts if c not in starts)
        rr = readings.read_apart(sq.run, groups, cuts)  # every piece (or joined pieces) one value, or none
        tried += 1
        if rr is None:
            continue
        found.extend(rr.readings[:1])
        if rr.consistent:
            holding.extend(rr.readings[:1])
    steps = 1 + tried // 16  # a pass over the pieces each, not a search: a step of the report's budget per 16
    if not found:
        return readings.RowReadings(sq.run, [], False, steps=steps)
    # never "one way only": a joined number is a reading of the layout, not what the text says
    return readings.RowReadings(sq.run, holding or found, bool(holding), True, max(2, len(found)), steps=steps)


def _shown(run: str, reading: readings.Reading) -> str:
    return " | ".join(run[a:b] for a, b in reading.bounds)
