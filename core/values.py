"""Reading the numbers of a table cell: ``增4747``, ``减3``, ``2400万``, ``0 0``."""

from __future__ import annotations

import functools
import unicodedata
from typing import NamedTuple

from . import regex_cache

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_VALUE = regex_cache.compile(
    rf"^(?P<prefix>增加|减少|增|减|\+|-|−)?\s*(?P<num>{_NUMBER})\s*(?P<unit>亿元|万元|亿|万|元|件|个|项|条|次|人次)?$"
)
# one number of several in a cell ("0 0", "增3 减2"); several are told apart by the spaces between them
_TOKEN = regex_cache.compile(rf"(?:增加|减少|增|减|[-−+])?(?:{_NUMBER})(?:亿元|万元|亿|万|元|件|个|项|条|次|人次)?")
# What people write in a cell instead of a number: a dash, a slash, 无, 空.
_DASHES = "-—–―/／\\、·.。*＊_"
_PLACEHOLDER_WORDS = frozenset(("无", "空", "暂无", "没有", "不适用", "na", "n/a", "null"))
# A number garbled in copying or typing: a letter for a digit (O for 0, l for 1) or a stray letter
# inside one (5a5). No label of the format is written in Latin letters, so such a cell is a value.
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "〇": "0", "D": "0", "l": "1", "I": "1", "|": "1", "S": "5"})
_GARBLED = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz〇")
# More digits than any count or amount of a report has: such a "number" is unreadable (T209), not a
# value; it also keeps ints far from the interpreter's 4,300-digit limit and floats finite.
MAX_DIGITS = 15
_FACTORS = {
    "元": {"万": 10_000, "亿": 100_000_000, "万元": 10_000, "亿元": 100_000_000, "元": 1},
    "万元": {"万": 1, "万元": 1, "亿": 10_000, "亿元": 10_000},
}


class Parsed(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """A number as written: its value in the column's unit, and the prefix and unit it was written with."""

    value: int | float | None
    prefix: str = ""  # 增/减/+/-
    unit: str = ""  # 万, 元 …
    factor: float = 1


_STRAYS = "?？\ufffd"  # before a number: a character lost in copying (a non-breaking space saved as "?")
_SIGNS = ("-", "−", "+")


_SIMPLIFIED = str.maketrans("減萬億圓", "减万亿圆")  # a page converted to traditional script: 減3, 2400萬


def normalize(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip().replace("\u3000", " ").translate(_SIMPLIFIED)
    if t[:1] in "?？\ufffd-−":
        t = _without_double_sign(_without_strays(t))
    return t


def _starts_with_number(t: str) -> bool:
    """``(?=[-−+]?\\d)``: a digit next, perhaps after a sign."""
    digit = 1 if t.startswith(_SIGNS) else 0
    return t[digit : digit + 1].isdecimal()  # what \\d matches


def _without_strays(t: str) -> str:
    """``^[?？\\ufffd]+\\s*`` dropped before a number (string methods: that class is 2.7 M instructions to compile)."""
    rest = t.lstrip(_STRAYS)
    if len(rest) < len(t) and _starts_with_number(rest.lstrip()):
        return rest.lstrip()
    return t


def _without_double_sign(t: str) -> str:
    """``^([-−])[-−](?=\\d)`` → the first sign: a minus typed twice before a number."""
    if t[:1] in ("-", "−") and t[1:2] in ("-", "−") and t[2:3].isdecimal():
        return t[0] + t[2:]
    return t


def is_number(text: str) -> bool:
    return bool(_VALUE.match(normalize(text)))


def _multi(t: str) -> bool:
    r"""Whether the normalized (stripped) ``t`` is two or more numbers with white space between them.

    What ``^TOKEN(?:\s+TOKEN)+$`` matched, without compiling the number's pattern twice into one.
    """
    parts = t.split()
    return len(parts) > 1 and all(_TOKEN.fullmatch(part) for part in parts)


def is_multi(text: str) -> bool:
    return _multi(normalize(text))


def _placeholder(t: str) -> bool:
    r"""Whether the normalized (stripped) ``t`` is a placeholder: a run of dashes, or a word for none.

    What ``^(?:[-—–―/／\\、·.。*＊_]+|无|空|暂无|没有|不适用|N/?A|null)$`` (ignoring case) matched, in
    string methods: its classes take 2 M instructions to compile at every start-up.
    """
    return (bool(t) and not t.strip(_DASHES)) or t.lower() in _PLACEHOLDER_WORDS


def _garbled_shape(t: str) -> bool:
    """``^[0-9A-Za-z〇]{1,6}$`` on a normalized (stripped) text."""
    return 0 < len(t) <= 6 and all(ch in _GARBLED for ch in t)


def is_placeholder(text: str) -> bool:
    return _placeholder(normalize(text))


def is_garbled(text: str) -> bool:
    """A number with letters in it or for it (``O``, ``l``, ``1O``, ``5a5``): a value written wrong, not a label."""
    t = normalize(text)
    if not _garbled_shape(t) or _VALUE.match(t):
        return False
    return len(t) == 1 or any(ch.isdigit() for ch in t) or all(ch in "Ool〇I" for ch in t)


def lookalike_digits(text: str) -> str | None:
    """The digits a garbled number most likely stands for (``O`` → ``0``, ``1l`` → ``11``), else None."""
    t = normalize(text).translate(_LOOKALIKE)
    return t if t.isdigit() and t.isascii() and len(t) <= MAX_DIGITS else None


def too_long(text: str) -> bool:
    """A number written with more than :data:`MAX_DIGITS` digits (read as unreadable)."""
    return sum(ch.isdigit() for ch in normalize(text)) > MAX_DIGITS


# A report's cells repeat a few dozen texts ("0", "无": 389 cells, 69 texts in seed 003), and reports
# repeat each other's: the answers for short texts are remembered (bounded, and long texts are not kept).
_CACHED_LEN = 40
_CACHE_SIZE = 4096


def looks_like_value(text: str) -> bool:
    """True for what sits where a number belongs: a number, numbers, a placeholder or a garbled number."""
    return _looks_like_value_cached(text) if len(text) <= _CACHED_LEN else _looks_like_value(text)


def _looks_like_value(text: str) -> bool:
    t = normalize(text)
    return bool(_VALUE.match(t) or _multi(t) or _placeholder(t)) or is_garbled(t)


_looks_like_value_cached = functools.lru_cache(maxsize=_CACHE_SIZE)(_looks_like_value)


def split_multi(text: str) -> list[tuple[int, int]]:
    """(start, end) of each number in a cell like ``"0 0"``, relative to ``text``."""
    return [m.span() for m in _RAW_TOKEN.finditer(text)]


# split_multi reads the cell as written, not normalized: a full-width point (２０５．８１) is a number's
# own decimal point there, as it is to parse(), not a break between two numbers.
_RAW_TOKEN = regex_cache.compile(_TOKEN.pattern.replace(r"\.", "[.．]"))


# Thousands grouped by spaces, as GB/T 15835 allows (千分空: "1 234", a thin or non-breaking space), perhaps
# with a unit after the number ("1 234件"). A full-width or en/em space is a space as a clerk types one.
_SPACES = " \u00a0\u3000\u2002\u2003"
_THIN = "\u2009\u202f\u2007\u200a"  # thin, narrow no-break, figure and hair spaces: part no cells
_UNIT = "(?:亿元|万元|亿|万|元|件|个|项|条|次|人次)"
_GROUPED = regex_cache.compile(rf"^\s*\d{{1,3}}(?:[{_SPACES}{_THIN}]\d{{3}})+(?:[.．]\d+)?\s*{_UNIT}?\s*$")
_THIN_GROUPED = regex_cache.compile(rf"^\s*\d{{1,3}}(?:[{_THIN}]\d{{3}})+(?:[.．]\d+)?\s*{_UNIT}?\s*$")
_GROUP_SPACE = regex_cache.compile(f"[{_SPACES}{_THIN}]")


def is_grouped(text: str, delimited: bool = True) -> bool:
    """``"1 234"``, ``"12\u2009345"``, ``"1 234件"``: one number with its thousands set apart by spaces.

    A thin space (U+2009, U+202F …) parts no cells: always one number. A space, NBSP or full-width
    space does where fields of a PDF copy ran together (``"1 234"`` for 1 and 234): one number only in
    a cell the layout delimits (``delimited``); elsewhere the row's shape decides (align.py).
    """
    return (_GROUPED if delimited else _THIN_GROUPED).match(text) is not None


def joinable(left: str, right: str, gap: str, first: bool, last: bool) -> bool:
    """Whether two numbers of one cell, ``left`` + ``gap`` + ``right``, may be one number grouped by a space.

    ``left`` must be the number's first group (1–3 digits) or, inside a longer chain (not ``first``),
    three digits; ``right`` exactly three digits, with a decimal part or a unit only as the chain's end
    (``last``). One space character between them, not a run of padding.
    """
    if len(gap) != 1 or gap not in _SPACES + _THIN:
        return False
    lt = unicodedata.normalize("NFKC", left)
    rt = unicodedata.normalize("NFKC", right)
    if not (lt.isdecimal() and (1 <= len(lt) <= 3 and lt[0] != "0" if first else len(lt) == 3)):
        return False  # a first group has no leading zero ("0 123" is two numbers)
    head = rt[:3]
    if len(head) != 3 or not head.isdecimal():
        return False
    tail = rt[3:]
    return not tail or (last and _TAIL.fullmatch(tail) is not None)


_TAIL = regex_cache.compile(rf"(?:\.\d+)?{_UNIT}?")


def parse(text: str, unit: str | None = None, signed: bool = False) -> Parsed:
    """The value of one number as written, in the unit of its column.

    Returns ``Parsed(None)`` for what is not a number.
    """
    # a pure function of its arguments with an immutable answer: remembered for short texts
    return _parse_cached(text, unit, signed) if len(text) <= _CACHED_LEN else _parse(text, unit, signed)


def _parse(text: str, unit: str | None = None, signed: bool = False) -> Parsed:
    if _GROUPED.match(text):
        text = _GROUP_SPACE.sub("", text.strip())
    m = _VALUE.match(normalize(text))
    if not m:
        return Parsed(None)
    raw = m.group("num").replace(",", "")
    if len(raw) - raw.count(".") > MAX_DIGITS:
        return Parsed(None)
    number: int | float = float(raw) if "." in raw else int(raw)
    prefix = m.group("prefix") or ""
    if prefix in ("减", "减少", "-", "−"):
        number = -number
    written_unit = m.group("unit") or ""
    factor: float = 1
    if written_unit and unit in _FACTORS:
        factor = _FACTORS[unit].get(written_unit, 1)
    elif written_unit in ("万", "万元") and unit is None:
        factor = 1  # a count column: 万 is a typo we report, not a multiplier we guess
    if factor != 1:
        number = number * factor
        if isinstance(number, float) and number.is_integer() and "." not in raw:
            number = int(number)
        elif isinstance(number, float):
            number = round(number, 6)
            if number.is_integer():
                number = int(number)
    return Parsed(number, prefix, written_unit, factor)


_parse_cached = functools.lru_cache(maxsize=_CACHE_SIZE)(_parse)
