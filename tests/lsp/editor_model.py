"""The editor's side of a document, written independently of the server: a text as code units.

VS Code keeps a document as UTF-16 code units and validates every edit range
(``TextModel.validateRange``): lines end at ``\\r\\n``, ``\\r`` or ``\\n``; a line
past the last means the end of the text; a character past a line's end means
the end of the line; a reversed range is turned round; a position between the
two halves of a surrogate pair moves outwards (a range's start before the pair,
its end after it), and an empty range moves before the pair. The same rules in
UTF-8 code units (positions inside a multi-byte sequence) for clients that
negotiate UTF-8. Used as the reference the server's own text must equal.
"""

from __future__ import annotations

from lsprotocol import types

CODECS = {"utf-16": ("utf-16-le", 2), "utf-8": ("utf-8", 1), "utf-32": ("utf-32-le", 4)}


class EditorText:
    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.codec, self.width = CODECS[encoding]
        self.units = self._encode(text)
        self._lines: list[tuple[int, int]] | None = None

    def _encode(self, text: str) -> list[int]:
        data = text.encode(self.codec, "surrogatepass")
        w = self.width
        return [int.from_bytes(data[i : i + w], "little") for i in range(0, len(data), w)]

    @property
    def text(self) -> str:
        w = self.width
        return b"".join(u.to_bytes(w, "little") for u in self.units).decode(self.codec, "surrogatepass")

    def lines(self) -> list[tuple[int, int]]:
        """(start, end of content) of each line, in code units."""
        if self._lines is None:
            self._lines = self._scan()
        return self._lines

    def _scan(self) -> list[tuple[int, int]]:
        out, start, i, u = [], 0, 0, self.units
        while i < len(u):
            if u[i] == 13 or u[i] == 10:
                end = i
                i += 2 if u[i] == 13 and i + 1 < len(u) and u[i + 1] == 10 else 1
                out.append((start, end))
                start = i
            else:
                i += 1
        out.append((start, len(u)))
        return out

    def _inside(self, pos: int) -> bool:
        """Whether ``pos`` falls inside one character's code units."""
        u = self.units
        if pos <= 0 or pos >= len(u):
            return False
        if self.width == 2:
            return 0xDC00 <= u[pos] <= 0xDFFF and 0xD800 <= u[pos - 1] <= 0xDBFF
        if self.width == 1:
            return 0x80 <= u[pos] < 0xC0
        return False

    def clamp(self, position: types.Position) -> int:
        lines = self.lines()
        if position.line >= len(lines):
            return len(self.units)
        start, end = lines[position.line]
        return start + min(position.character, end - start)

    def apply(self, rng: types.Range, new_text: str) -> None:
        a, b = self.clamp(rng.start), self.clamp(rng.end)
        if b < a:
            a, b = b, a
        if a == b:
            while self._inside(a):
                a -= 1
            b = a
        else:
            while self._inside(a):
                a -= 1
            while self._inside(b):
                b += 1
        self.units[a:b] = self._encode(new_text)
        self._lines = None

    def line_count(self) -> int:
        return len(self.lines())

    def line_units(self, line: int) -> int:
        lines = self.lines()
        if line >= len(lines):
            return 0
        start, end = lines[line]
        return end - start
