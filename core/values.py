"""Reading the numbers of a table cell: ``增4747``, ``减3``, ``2400万``, ``0 0``."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from . import regex_cache

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_VALUE = regex_cache.compile(
    rf"^(?P<prefix>增加|减少|增|减|\+|-|−)?\s*(?P<num>{_NUMBER})\s*(?P<unit>亿元|万元|亿|万|元|件|个|项|条|次|人次)?$"
)
# one number of several in a cell ("0 0", "增3 减2"); several are told apart by the spaces between them
_TOKEN = regex_cache.compile(rf"(?:增加|减少|增|减|[-−+])?(?:{_NUMBER})(?:亿元|万元|亿|万|元)?")
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
    return [m.span() for m in _TOKEN.finditer(text)]


# Thousands grouped by spaces, as GB/T 15835 allows (千分空: "1 234", a thin or non-breaking space).
_GROUPED = regex_cache.compile(r"^\s*\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:[.．]\d+)?\s*$")


_THIN_GROUPED = regex_cache.compile(r"^\s*\d{1,3}(?:[\u2009\u202f]\d{3})+(?:[.．]\d+)?\s*$")


def is_grouped(text: str, delimited: bool = True) -> bool:
    """``"1 234"``, ``"12\u2009345"``: one number with its thousands set apart by spaces.

    A thin space (U+2009, U+202F) parts no cells: always one number. A space or NBSP does where
    fields of a PDF copy ran together (``"1 234"`` for 1 and 234): one number only in a cell the
    layout delimits (``delimited``).
    """
    return (_GROUPED if delimited else _THIN_GROUPED).match(text) is not None


def parse(text: str, unit: str | None = None, signed: bool = False) -> Parsed:
    """The value of one number as written, in the unit of its column.

    Returns ``Parsed(None)`` for what is not a number.
    """
    # a pure function of its arguments with an immutable answer: remembered for short texts
    return _parse_cached(text, unit, signed) if len(text) <= _CACHED_LEN else _parse(text, unit, signed)


def _parse(text: str, unit: str | None = None, signed: bool = False) -> Parsed:
    if _GROUPED.match(text):
        text = re.sub(r"[ \u00a0\u2009\u202f]", "", text)
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
