"""A document's text kept exactly as the LSP specification defines edits.

pygls applies an incremental change with its own reading of positions: a
character past a line's end becomes "one before the end" (counting the line
break), a line past the last line lands on the last line at a column counted in
the wrong units, a reversed range rewrites the text in between twice, and
``str.splitlines`` breaks lines at form feeds and U+2028. The client's text and
the server's then diverge, and every diagnostic after the edit points at the
wrong characters. Here instead, as the specification and VS Code's text model
say:

* lines end at ``\\r\\n``, ``\\r`` or ``\\n`` only;
* a character past the end of its line means the end of the line (before the
  line break); a line past the last line means the end of the text;
* a reversed range (end before start) is the same range the right way round;
* a position inside a character (between the two UTF-16 units of a surrogate
  pair, or inside a UTF-8 sequence) moves outwards: a range's start to before
  the character, its end to after it, so the whole character is replaced; an
  empty range (an insertion) moves to before the character. This is VS Code's
  rule (``TextModel.validateRange``); Neovim rounds every such position up,
  but neither ever sends one for an edit made in the editor.

Positions are converted with :meth:`str.encode` (C speed) and only on the lines
an edit touches; lines are found with one regular-expression scan per text.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from lsprotocol import types

_NEWLINE = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

UTF8 = types.PositionEncodingKind.Utf8
UTF16 = types.PositionEncodingKind.Utf16
UTF32 = types.PositionEncodingKind.Utf32


def line_starts(text: str) -> list[int]:
    """Offsets where each LSP line starts; the text after a final line break is an (empty) last line."""
    starts = [0]
    starts.extend(m.end() for m in _NEWLINE.finditer(text))
    return starts


def content_end(text: str, starts: list[int], line: int) -> int:
    """Offset of the end of ``line``'s content (before its line break)."""
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    start = starts[line]
    if end > start and text[end - 1] == "\n":
        end -= 1
    if end > start and text[end - 1] == "\r":
        end -= 1
    return end


def units(chars: str, encoding: str = UTF16) -> int:
    """Code units of ``chars`` in the client's position encoding."""
    if encoding == UTF32 or chars.isascii():
        return len(chars)
    if encoding == UTF8:
        return len(chars.encode("utf-8", "surrogatepass"))
    return len(chars) + len(_ASTRAL.findall(chars))


def column(chars: str, count: int, encoding: str = UTF16) -> tuple[int, int]:
    """The str index ``count`` code units into ``chars`` (clamped to its length), rounded down and up.

    The two differ only when ``count`` falls inside a character.
    """
    if encoding == UTF32 or chars.isascii():
        index = min(count, len(chars))
        return index, index
    if encoding == UTF8:
        data = chars.encode("utf-8", "surrogatepass")
        if count >= len(data):
            return len(chars), len(chars)
        down = count
        while down > 0 and 0x80 <= data[down] < 0xC0:  # a continuation byte: inside a character
            down -= 1
        index = len(data[:down].decode("utf-8", "surrogatepass"))
        return index, index + (down != count)
    if not _ASTRAL.search(chars):
        index = min(count, len(chars))
        return index, index
    seen = 0
    for index, ch in enumerate(chars):
        if seen >= count:
            return index, index
        seen += 2 if ord(ch) > 0xFFFF else 1
        if seen > count:  # count is between the two halves of a surrogate pair
            return index, index + 1
    return len(chars), len(chars)


class Place(NamedTuple):
    """A client position resolved in a text: clamped (line, units), and the offsets it rounds to."""

    key: tuple[int, int]
    down: int
    up: int


def resolve(text: str, starts: list[int], position: types.Position, encoding: str = UTF16) -> Place:
    """Where a client position is in ``text``, clamped as the specification says."""
    last = len(starts) - 1
    line = position.line
    if line > last:
        start = starts[last]
        return Place((last, units(text[start:], encoding)), len(text), len(text))
    start = starts[line]
    content = text[start : content_end(text, starts, line)]
    down, up = column(content, position.character, encoding)
    return Place((line, min(position.character, units(content, encoding))), start + down, start + up)


def span(text: str, starts: list[int], rng: types.Range, encoding: str = UTF16) -> tuple[int, int]:
    """The str offsets ``[start, end)`` a client range covers (normalised, clamped, whole characters)."""
    a = resolve(text, starts, rng.start, encoding)
    b = resolve(text, starts, rng.end, encoding)
    if b.key < a.key:
        a, b = b, a
    if a.key == b.key:
        return a.down, a.down  # an insertion point inside a character: before it
    return a.down, b.up


def apply(text: str, starts: list[int], rng: types.Range, new_text: str, encoding: str = UTF16) -> str:
    start, end = span(text, starts, rng, encoding)
    return text[:start] + new_text + text[end:]


def offset(text: str, starts: list[int], position: types.Position, encoding: str = UTF16) -> int:
    """The str offset of a client position (clamped; inside a character: before it)."""
    return resolve(text, starts, position, encoding).down


def line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1
