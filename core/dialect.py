"""What a format dialect is: how to recognise a layout and read its tables.

A dialect turns a :class:`~nianbao.source.Source` (bytes and a name) into a
:class:`Layout`: the text positions refer to, the table cells with their spans
and, optionally, the section headings. The engine does the rest (structure,
template alignment, year), the same for every dialect.

Most layouts are plain text and differ only in how a table is written; they
subclass :class:`TextDialect` and implement two small methods. A dialect of
another kind of source (HTML, DOCX) overrides :meth:`Dialect.read` instead.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

from . import values
from .model import CellKind, Heading, Problem, RawCell, Span
from .source import Line, Source, Text, decode
from .structure import find_headings, table_regions


@dataclass
class Layout:
    """A source as a dialect read it."""

    text: Text
    cells: list[RawCell]
    headings: list[Heading]
    problems: list[Problem] = field(default_factory=list)  # doubts of the reading itself (reading-ambiguous)


T = TypeVar("T")


def per_text(fn: Callable[[Text], T]) -> Callable[[Text], T]:
    """Compute something of a text once for every dialect that asks (detection runs them all on one text).

    The last few texts are remembered, by identity.
    """
    known: list[tuple[Text, T]] = []

    @functools.wraps(fn)
    def wrapper(text: Text) -> T:
        for seen, value in known:
            if seen is text:
                return value
        value = fn(text)
        known.append((text, value))
        del known[:-4]
        return value

    return wrapper


class Dialect(ABC):
    """A way reports are written down. Subclass and register with ``nianbao_dialects``."""

    name: ClassVar[str]
    summary: ClassVar[str]  # one line, shown by ``nianbao dialects``
    # wins a tie of confidence: a dialect that recognises a kind of document (HTML markup) over
    # the text layouts, which may also see their rows in the markup's lines
    priority: ClassVar[int] = 0

    @abstractmethod
    def detect(self, source: Source, text: Text | None) -> float:
        """Confidence 0–1 that ``source`` is written in this layout.

        ``text`` is the decoded source when it is text (None otherwise).
        """

    @abstractmethod
    def read(self, source: Source, text: Text | None) -> Layout:
        """Read the source's tables (and, if the dialect knows them, its headings)."""


class TextDialect(Dialect):
    """A plain-text layout: the engine finds the sections, the dialect reads table lines."""

    @abstractmethod
    def score(self, text: Text) -> float:
        """Confidence 0–1 from the text's lines."""

    @abstractmethod
    def cells(self, text: Text, lines: Sequence[Line]) -> list[RawCell]:
        """The table cells among ``lines`` (one table region of ``text``), in reading order."""

    def detect(self, source: Source, text: Text | None) -> float:
        return self.score(text) if text is not None else 0.0

    def read(self, source: Source, text: Text | None) -> Layout:
        text = text or decode(source)
        headings = find_headings(text)
        cells: list[RawCell] = []
        for first, last, _section in table_regions(text, headings):
            lines = text.lines[first - 1 : last]
            cells.extend(self.cells(text, [*lines, *_before_glued_heading(text, headings, last + 1)]))
        return Layout(text, cells, headings)


def _before_glued_heading(text: Text, headings: Sequence[Heading], number: int) -> list[Line]:
    """The table row a heading was glued to (“0 | 0 |五、存在的主要问题…”), up to the heading.

    The next section starts at its heading, but the row before it on the same line is
    still the table's: without it 表四 would be lost, and with it every finding on it.
    """
    if number > len(text.lines):
        return []
    line = text.lines[number - 1]
    glued = next((h for h in headings if h.glued and line.start < h.span.start <= line.end), None)
    if glued is None or not text.text[line.start : glued.span.start].strip():
        return []
    return [Line(line.number, line.start, glued.span.start, text.text[line.start : glued.span.start])]


def cell(
    text: str, start: int, end: int, *, col: int | None = None, row_start: bool = False, filler: int = 0
) -> RawCell:
    """A cell from the characters ``text[start:end]`` of the full text.

    The span is trimmed to the written characters; the kind is decided from
    them. A blank cell keeps ``filler`` and points at ``start``.
    """
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return RawCell("", Span(start, end), CellKind.BLANK, col, row_start, filler)
    a = start + (len(chunk) - len(chunk.lstrip()))
    b = a + len(stripped)
    kind = CellKind.VALUE if values.looks_like_value(stripped) else CellKind.LABEL
    return RawCell(stripped, Span(a, b), kind, col, row_start, 0)
