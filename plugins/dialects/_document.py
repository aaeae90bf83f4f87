"""What the document dialects (html, docx, pdf) share: a document laid out as text.

A document reader hands over its content in reading order: paragraphs and
tables whose cells carry their true grid position (row, column, spans), each
piece with its place in the document. :class:`TextBuilder` writes that down
as a :class:`~nianbao.source.Text` — one line per paragraph, one line per
table row with its cells between `` | `` — and returns the table cells with
their grid column, so merged label and header cells are known, not guessed.
The engine then reads the text like any other; every offset maps back to the
document through the text's :class:`~nianbao.source.DocumentMap`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nianbao import regex_cache, values
from nianbao.dialect import Layout
from nianbao.model import CellKind, RawCell, Span
from nianbao.source import DocumentMap, Place, SourceError, Text
from nianbao.structure import find_headings

_SPACE = regex_cache.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
_CJK = regex_cache.compile(r"[\u2e80-\u9fff\uff00-\uffef（）、，。：；“”]")
_NEWLINES = regex_cache.compile(r"\s*[\r\n]+\s*")
_NUMBERED = regex_cache.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[.．、]|[一二三四五六七八九十]+\s*[、.．])"
)


def clean(text: str) -> str:
    """A cell's or paragraph's words on one line: wrapped lines joined (no space between Chinese characters)."""
    if "\n" not in text and "\r" not in text:  # the common case, quickly
        one = _SPACE.sub(" ", text).strip()
        return one.replace("|", "｜") if "|" in one else one
    parts = [p for p in (_SPACE.sub(" ", x).strip() for x in _NEWLINES.split(text)) if p]
    out = ""
    for p in parts:
        if out and not (_CJK.match(out[-1]) or _CJK.match(p[0])):
            out += " "
        out += p
    return out.replace("|", "｜")


def _width(text: str) -> float:
    """How wide a line is, in Chinese characters (Latin letters and digits are about half as wide)."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


@dataclass
class GridCell:
    """One cell of a table, at its place in the table's grid (0-based, spans expanded)."""

    text: str
    row: int
    col: int
    where: dict[str, Any]
    rowspan: int = 1
    colspan: int = 1
    source: int = -1  # offset in the decoded source file (HTML)


@dataclass
class Table:
    cells: list[GridCell] = field(default_factory=list)
    width: int = 0  # columns of the grid, when the reader knows them

    @property
    def ncols(self) -> int:
        return max(self.width, max((c.col + c.colspan for c in self.cells), default=0))

    def rows(self) -> list[list[GridCell]]:
        by_row: dict[int, list[GridCell]] = {}
        for c in self.cells:
            by_row.setdefault(c.row, []).append(c)
        return [sorted(by_row[r], key=lambda c: c.col) for r in sorted(by_row)]


@dataclass
class Piece:
    """A stretch of a paragraph's words and its place (a paragraph may come from several lines of a PDF)."""

    text: str
    where: dict[str, Any]
    source: int = -1


class TextBuilder:
    """Writes paragraphs and tables down as text, keeping every piece's place."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._out: list[str] = []
        self._len = 0
        self.places: list[Place] = []
        self.cells: list[RawCell] = []
        self.tables = 0

    def _write(self, s: str, where: dict[str, Any] | None = None, source: int = -1) -> tuple[int, int]:
        start = self._len
        self._out.append(s)
        self._len += len(s)
        if where is not None:
            self.places.append(Place(start, self._len, where, source))
        return start, self._len

    def paragraph(self, pieces: list[Piece]) -> None:
        pieces = [p for p in pieces if p.text]
        if not pieces:
            return
        for i, p in enumerate(pieces):
            if i and not (_CJK.match(pieces[i - 1].text[-1]) or _CJK.match(p.text[0])):
                self._write(" ")
            self._write(p.text, p.where, p.source)
        self._write("\n")

    def table(self, table: Table) -> None:
        rows = [r for r in table.rows() if r]
        if not rows:
            return
        if table.ncols <= 1:
            # a frame around text (a boxed paragraph), not a table of the report: its rows are the
            # lines of paragraphs, a short line ending one
            cells = [c for r in rows for c in r if c.text]
            longest = max((_width(c.text) for c in cells), default=0)
            para: list[Piece] = []
            for c in cells:
                if para and _NUMBERED.match(c.text):
                    self.paragraph(para)
                    para = []
                para.append(Piece(c.text, c.where, c.source))
                if _width(c.text) < 0.8 * longest:
                    self.paragraph(para)
                    para = []
            self.paragraph(para)
            return
        self.tables += 1
        self._write("\n")  # a table stands apart from the paragraphs around it
        for r in rows:
            for k, c in enumerate(r):
                if k:
                    self._write(" | ")
                start, end = self._write(c.text or " ", c.where, c.source)
                if c.text:
                    kind = CellKind.VALUE if values.looks_like_value(c.text) else CellKind.LABEL
                else:
                    kind = CellKind.BLANK
                self.cells.append(RawCell(c.text, Span(start, end), kind, c.col, k == 0, 0))
            self._write("\n")
        self._write("\n")

    def layout(self, name: str) -> Layout:
        text = "".join(self._out)
        doc = DocumentMap(self.kind, self.places)
        t = Text(text, document=doc)
        headings = find_headings(t)
        values_found = sum(1 for c in self.cells if c.kind is CellKind.VALUE)
        if len({h.section for h in headings}) < 2 and values_found < 10:
            raise SourceError(name, "no_report")
        return Layout(t, self.cells, headings)


def missing_extra(name: str, extra: str) -> SourceError:
    """The one-line error for a document kind whose optional library is not installed."""
    return SourceError(name, "missing_extra", extra)
