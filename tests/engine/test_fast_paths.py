"""The faster forms of a few checks answer exactly as the plain forms they replaced (for start-up and speed)."""

from __future__ import annotations

import re
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.chars import CN_DIGITS, _numbering_length, fold, keep_words, label_core, numbering_value
from nianbao.meta import date_alone
from nianbao.plugins.rules.arithmetic._check import exact_sum, plain
from nianbao.plugins.rules.tables.T205 import _has_words
from nianbao.values import _garbled_shape, is_multi, is_placeholder, normalize

# text near the edges of the ranges the checks care about, and anything else
_EDGES = "09AZaz@[`{\u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uff10\u3000\u00e9\u0660"
_TEXT = st.text(alphabet=st.one_of(st.sampled_from(_EDGES), st.characters()), max_size=40)


@settings(max_examples=500)
@given(_TEXT)
def test_keep_words_is_the_regex_it_replaced(text: str) -> None:
    assert keep_words(text) == re.sub(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]", "", text)


@settings(max_examples=500)
@given(_TEXT)
def test_two_ideographs_is_the_regex_it_replaced(text: str) -> None:
    assert _has_words(text) == bool(re.search(r"[\u4e00-\u9fff]{2,}", text))


_VALUES = st.lists(
    st.one_of(st.none(), st.integers(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(-1e9, 1e9)),
    max_size=8,
)


@settings(max_examples=500)
@given(_VALUES, _VALUES)
def test_exact_sums_are_those_of_fractions(left: list, right: list) -> None:
    """Whole numbers summed as integers give what Fractions gave, and the gap and shown value too."""

    def by_fractions(values: list) -> Fraction:
        return sum((Fraction(0 if v is None else v) for v in values), Fraction(0))

    a, b = exact_sum(left), exact_sum(right)
    assert a == by_fractions(left) and b == by_fractions(right)
    assert a - b == by_fractions(left) - by_fractions(right)
    assert plain(a) == plain(by_fractions(left)) and type(plain(a)) is type(plain(by_fractions(left)))


@settings(max_examples=500)
@given(st.text(alphabet=st.one_of(st.sampled_from("09一二五十百〇、.()（）"), st.characters()), max_size=12))
def test_numbering_value_is_the_regex_it_replaced(numbering: str) -> None:
    def by_regex(numbering: str) -> int | None:
        digits = re.sub(r"[^0-9一二三四五六七八九十]", "", numbering)
        if not digits:
            return None
        if digits.isdigit():
            return int(digits)
        if len(digits) == 1:
            return CN_DIGITS.get(digits)
        if digits.startswith("十"):
            return 10 + CN_DIGITS.get(digits[1:], 0)
        return None

    assert numbering_value(numbering) == by_regex(numbering)


_DATE_TEXT = st.text(alphabet=st.sampled_from("(（)） \t\u3000\n2019０12年月日〇○一二十三"), max_size=16)
_OLD_DATE = (
    "(?P<y>(?:\\d{4}|[〇○零一二三四五六七八九]{4}))\\s*年\\s*(?P<m>(?:\\d{1,2}|[〇○零一二三四五六七八九十]{1,3}))\\s*月"
)
_OLD_DATE += "\\s*(?P<d>(?:\\d{1,2}|[〇○零一二三四五六七八九十]{1,3}))\\s*日"


@settings(max_examples=1000)
@given(st.one_of(_DATE_TEXT, st.builds(lambda a, b: a + "2020年1月23日" + b, _DATE_TEXT, _DATE_TEXT)))
def test_date_alone_is_the_regex_it_replaced(text: str) -> None:
    stripped = text.strip()
    new, old = date_alone(stripped), re.match(f"^[(（]?\\s*{_OLD_DATE}\\s*[)）]?$", stripped)
    assert (new is None) == (old is None)
    if new and old:
        assert [new.span(g) for g in "ymd"] == [old.span(g) for g in "ymd"]


_NUMBER_TEXT = st.text(alphabet=st.sampled_from(" \t\u3000\n0179,.增减加少-−+亿万元件次人x"), max_size=14)


@settings(max_examples=1000)
@given(_NUMBER_TEXT)
def test_several_numbers_is_the_regex_it_replaced(text: str) -> None:
    token = (
        "(?:增加|减少|增|减|[-−+])?(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)"
        "(?:亿元|万元|亿|万|元|件|个|项|条|次|人次)?"  # the units a count is written with too ("3件 2件")
    )
    assert is_multi(text) == bool(re.match(f"^{token}(?:\\s+{token})+$", normalize(text)))


_CELL_TEXT = st.text(alphabet=st.sampled_from("?？\ufffd-−+ \t\u3000\u00a01０٣²x無減万"), max_size=8)


@settings(max_examples=1000)
@given(st.one_of(_CELL_TEXT, st.builds(lambda a, b: a + "12" + b, _CELL_TEXT, _CELL_TEXT)))
def test_normalize_is_the_regexes_it_replaced(text: str) -> None:
    import unicodedata

    t = (
        unicodedata.normalize("NFKC", text)
        .strip()
        .replace("\u3000", " ")
        .translate(str.maketrans("減萬億圓", "减万亿圆"))
    )
    if t[:1] in "?？\ufffd-−":
        t = re.sub(r"^([-−])[-−](?=\d)", r"\1", re.sub(r"^[?？\ufffd]+\s*(?=[-−+]?\d)", "", t))
    assert normalize(text) == t


_LABEL_TEXT = st.text(alphabet=st.sampled_from("一三十(（)）、.．,，٣0 \u30001２x者㈠⑴"), max_size=10)
_OLD_NUMBERING = r"^\s*(?:[一二三四五六七八九十]+\s*[、.．,，]|[(（]\s*(?:[一二三四五六七八九十]+|\d{1,2})\s*[)）]"
_OLD_NUMBERING += r"|\d{1,2}\s*[.．、)）](?!\d))\s*"


@settings(max_examples=1000)
@given(st.one_of(_LABEL_TEXT, st.builds(lambda a, b: a + b, _LABEL_TEXT, st.text(max_size=4))))
def test_label_numbering_is_the_regex_it_replaced(text: str) -> None:
    folded = fold(text)
    m = re.match(_OLD_NUMBERING, folded)
    numbering = m.group().strip() if m else ""
    assert label_core(text)[0] == numbering
    assert _numbering_length(folded) == (m.end() if m else 0)


_PLACEHOLDER_TEXT = st.text(alphabet=st.sampled_from("-—/／、.。*＊_ 无空暂没有不适用NnAa/ULlx0O〇1Zz"), max_size=7)


@settings(max_examples=1000)
@given(st.one_of(_PLACEHOLDER_TEXT, st.sampled_from(["N/A", "n/a", "NA", "Null", "NULL", "暂无", "不适用", "——"])))
def test_placeholder_and_garbled_are_the_regexes_they_replaced(text: str) -> None:
    t = normalize(text)
    placeholder = r"^(?:[-—–―/／\\、·.。*＊_]+|无|空|暂无|没有|不适用|N/?A|null)$"
    assert is_placeholder(text) == bool(re.match(placeholder, t, re.IGNORECASE))
    assert _garbled_shape(t) == bool(re.match(r"^[0-9A-Za-z〇]{1,6}$", t))


_GARBLED = st.text(
    alphabet=st.one_of(st.sampled_from("○〇二年ζ●@a1 \u3000\t\n\r※─│政务收到受理接收接到"), st.characters()),
    max_size=60,
)


@settings(max_examples=500)
@given(_GARBLED)
def test_garbage_lines_hold_every_line_with_garbage(text: str) -> None:
    """N401 and X503 look only at the lines garbage_candidates names: no other line has a garbage run."""
    from nianbao.chars import garbage_candidates, garbage_spans
    from nianbao.source import Text

    t = Text(text)
    named = {t.line_number(at) for at in garbage_candidates(text)}
    for line in t.lines:
        if list(garbage_spans(line.text)):
            assert line.number in named
        assert t.line_number(line.start) == t.position(line.start)[0] == line.number


@settings(max_examples=500)
@given(st.one_of(_GARBLED, st.builds(lambda a, b: a + "共收到政府信息公开申请12件" + b, _GARBLED, _GARBLED)))
def test_x503_verb_test_guards_its_patterns(text: str) -> None:
    """X503 passes over a line without garbage and without one of its verbs: neither pattern can match it."""
    from nianbao.plugins.rules.consistency.X503 import _COUNT, _NONE, _VERBS

    if _COUNT.search(text) or _NONE.search(text):
        assert any(v in text for v in _VERBS)


_HEADING_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("一二三六七第部分章(（)）1267、.．:： \u3000\t\xa0#*_|主动公开情况"), st.characters()
    ),
    max_size=16,
)


@settings(max_examples=1000)
@given(_HEADING_TEXT)
def test_numbered_start_guards_the_heading_patterns(head: str) -> None:
    """find_headings tries its three numbering patterns only on a line _numbered_start lets through."""
    from nianbao.structure import _HEAD, _HEAD_ITEM, _HEAD_PART, _numbered_start

    if _HEAD.match(head) or _HEAD_PART.match(head) or _HEAD_ITEM.match(head):
        assert _numbered_start(head)


_CELL_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from("0123456789.,增减万元件无- \u3000O"), st.characters()), max_size=50
)


@settings(max_examples=500)
@given(_CELL_TEXT, st.sampled_from([None, "元", "万元"]))
def test_remembered_cell_readings_are_the_computed_ones(text: str, unit: str | None) -> None:
    """fold, looks_like_value and parse remember short texts' answers: asked twice, each is what is computed."""
    from nianbao.chars import _fold
    from nianbao.values import _looks_like_value, _parse, looks_like_value, parse

    for _ in range(2):
        assert fold(text) == _fold(text)
        assert looks_like_value(text) == _looks_like_value(text)
        assert parse(text, unit) == _parse(text, unit)
        assert type(parse(text, unit).value) is type(_parse(text, unit).value)


def test_remembered_meanings_are_the_computed_ones() -> None:
    """Template.meaning remembers its answers: each is what is computed, for every key and an unknown one."""
    from nianbao.template import VERSIONS, Template, template

    for version in VERSIONS:
        t = template(version)
        for key in [*t.keys, "t9.nothing"]:
            for lang in ("zh", "en"):
                assert t.meaning(key, lang) == t.meaning(key, lang) == Template._meaning(t, key, lang)


# the format's own words and pieces of them (cut, doubled, misspelt by a character), and other text
def _format_words() -> list[str]:
    from nianbao.align import _context_words, _group_rows, _row_cores
    from nianbao.template import VERSIONS, template

    words: set[str] = set()
    for version in VERSIONS:
        t = template(version)
        words.update(_context_words(t), _group_rows(t), (c for cores in _row_cores(t) for c in cores))
    return sorted(w for w in words if w)


def _group_words() -> list[str]:
    from nianbao.align import _group_rows
    from nianbao.template import VERSIONS, template

    return sorted({g for v in VERSIONS for g in _group_rows(template(v)) if g})


_WORDS = _format_words()
_GROUPS = _group_words()
_CORES = st.one_of(
    st.tuples(st.sampled_from(_GROUPS), st.integers(0, 6), st.integers(1, 12)).map(lambda x: x[0][x[1] : x[1] + x[2]]),
    st.sampled_from(_WORDS),
    st.tuples(st.sampled_from(_WORDS), st.integers(0, 12), st.integers(0, 12)).map(lambda x: x[0][x[1] : x[1] + x[2]]),
    st.tuples(st.sampled_from(_WORDS), st.integers(0, 12), st.sampled_from("的其他不予公开数量")).map(
        lambda x: x[0][: x[1]] + x[2] + x[0][x[1] + 1 :]
    ),
    st.tuples(st.sampled_from(_WORDS), st.sampled_from(_WORDS)).map("".join),
    st.text(alphabet=st.sampled_from("".join(_WORDS[::7]) + "ab1"), max_size=14),
)


@settings(max_examples=1000, deadline=None)
@given(_CORES, st.sampled_from(("2019", "2021")))
def test_context_and_group_tests_are_the_loops_they_replaced(core: str, version: str) -> None:
    """One batched rapidfuzz call answers as the partial_ratio loop over the words did."""
    from rapidfuzz import fuzz

    from nianbao.align import _context_words, _group_rows, _groups_named, _is_context
    from nianbao.template import template

    t = template(version)
    if len(core) < 2:
        assert _is_context(core, t) and _groups_named(core, t) == ()
        return
    expected_context = any(
        core == w or (fuzz.partial_ratio(core, w) >= 90 and len(core) <= len(w)) for w in _context_words(t)
    )
    assert _is_context(core, t) == expected_context
    expected_groups = tuple(g for g in _group_rows(t) if fuzz.partial_ratio(core, g) >= 90 and len(core) <= len(g))
    assert _groups_named(core, t) == expected_groups


@settings(max_examples=500)
@given(
    st.text(
        alphabet=st.one_of(st.sampled_from("\u4e00\u9fff\u4dff\u3400\u4dbf\ua000\u33ff"), st.just("政")), max_size=12
    )
)
def test_keep_words_of_ideographs_alone_is_the_regex_it_replaced(text: str) -> None:
    """The shortcut for a text of ideographs alone (min and max), at the edges of the ranges."""
    assert keep_words(text) == re.sub(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]", "", text)


def test_white_space_is_what_is_not_printable_but_the_space() -> None:
    """What ``fold``'s shortcut relies on, over every code point: each character ``\\s`` matches is one
    ``str.isspace`` names, and not printable unless it is the ASCII space."""
    import sys

    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if space.match(ch):
            assert ch.isspace() and (ch == " " or not ch.isprintable()), hex(code)


def _plain_fold(text: str) -> str:
    """``fold`` as it was written before its shortcuts."""
    import unicodedata

    from nianbao.chars import _TRADITIONAL, garbage_spans

    if "<" in text:
        text = re.sub(r"(?i)<br\s*/?>", "", text)
    spans, out, last = list(garbage_spans(text)), [], 0
    for a, b in spans:
        out.append(text[last:a])
        last = b
    out.append(text[last:])
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(out)))
    if folded.isascii():
        return folded
    return folded.replace("檔案", "文件").translate(_TRADITIONAL)


# labels as written: ideographs (simplified, traditional, 檔案), white space of every kind, garbage, markup
_FOLD_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("政府信息公开檔案個傳處號说說 \t\n\u3000\u00a0\u2028\x1c○〇二ζ●※@<br/>（）、.a1٣"),
        st.characters(),
    ),
    max_size=30,
)


@settings(max_examples=1000)
@given(st.one_of(_FOLD_TEXT, st.builds(lambda a, b: a * 3 + b, _FOLD_TEXT, _FOLD_TEXT)))
def test_fold_is_the_plain_form_it_replaced(text: str) -> None:
    from nianbao.chars import _fold

    assert _fold(text) == _plain_fold(text)
    assert fold(text) == _plain_fold(text)


def _plain_evaluate(report) -> list:
    """The A rules' relations as they were evaluated before their shortcuts (the reference)."""
    from nianbao.plugins.rules.arithmetic._check import Instance, total_key

    def by_fractions(values: list) -> Fraction:
        return sum((Fraction(0 if v is None else v) for v in values), Fraction(0))

    out = []
    for rel in report.template.relations:
        if any(k not in report.cells for k in rel.keys):
            continue
        cells = {k: report.cells[k] for k in rel.keys}
        left = by_fractions([cells[k].value for k in rel.left])
        right = by_fractions([cells[k].value for k in rel.right])
        inst = Instance(rel, cells, plain(left), plain(right), False, total_key(rel), gap=left - right)
        inst.reported = inst.broken
        out.append(inst)
    by_key: dict = {}
    for inst in out:
        for k in inst.relation.keys:
            by_key.setdefault(k, []).append(inst)
    suspects = {k for k, rels in by_key.items() if len(rels) >= 2 and all(r.reported for r in rels)}
    for inst in out:
        if inst.reported:
            mine = [k for k in inst.relation.keys if k in suspects]
            if len(mine) == 1:
                inst.anchor, inst.localised = mine[0], True
    return out


def _seed_reports() -> list:
    from nianbao import Source, parse

    from ..paths import SEEDS

    return [parse(Source.from_path(s)) for s in SEEDS]


_REPORTS = _seed_reports()


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(range(len(_REPORTS))),
    st.lists(st.tuples(st.integers(0, 400), st.one_of(st.integers(-5, 5), st.floats(-3, 3))), max_size=4),
    st.lists(st.integers(0, 400), max_size=2),
)
def test_relations_are_evaluated_as_before(which: int, changes: list, dropped: list) -> None:
    """A seed with some cells changed (one wrong number, several, an amount) or missing: the same relations,
    sums, gaps, broken ones and anchors as the plain evaluation."""
    import copy
    import dataclasses

    from nianbao.plugins.rules.arithmetic._check import _evaluate

    report = copy.copy(_REPORTS[which])
    report.cells = dict(report.cells)
    keys = sorted(report.cells)
    for at, delta in changes:
        key = keys[at % len(keys)]
        cell = report.cells[key]
        report.cells[key] = dataclasses.replace(cell, value=(cell.value or 0) + delta)
    for at in dropped:
        report.cells.pop(keys[at % len(keys)], None)

    def shown(found: list) -> list:
        return [(i.relation, i.left, i.right, i.gap, i.reported, i.anchor, i.localised, i.cells) for i in found]

    assert shown(_evaluate(report)) == shown(_plain_evaluate(report))
