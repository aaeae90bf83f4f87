"""The common document model every dialect produces and every rule reads.

Positions are offsets into :attr:`Report.text` (the decoded source, line ends
included); :meth:`Report.position` turns them into 1-based line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from .source import Line, Source, Text, locate
from .template import Template


# Values: hashable and never changed once made, but not frozen — a frozen dataclass costs 3.5x to
# construct (every field set through object.__setattr__), and a report makes over a thousand spans.
@dataclass(unsafe_hash=True, slots=True)
class Span:
    """The characters ``start:end`` of the report text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


class CellKind(Enum):
    LABEL = "label"  # words: a row label, a header, merged-cell text
    VALUE = "value"  # something written where a number belongs
    BLANK = "blank"  # an empty cell


@dataclass
class RawCell:
    """One cell as a dialect read it, before it is matched to the format.

    ``col`` is the cell's column in its physical row when the layout tells it
    reliably (tab-separated rows do), else ``None``. ``row_start`` marks an
    explicit row boundary. ``filler`` says how likely a blank is only the
    padding of a merged (colspan) cell rather than a cell of its own:
    0 a real cell (e.g. a blank cell holding a line break), 1 either,
    2 almost surely padding (``||`` runs, trailing empty fields).
    """

    text: str
    span: Span
    kind: CellKind
    col: int | None = None
    row_start: bool = False
    filler: int = 0
    reading: str = "exact"  # how the dialect read it: see READINGS ("relations"/"guessed" for split digit runs)


@dataclass
class Heading:
    """A section heading as found: its numeral, the section it opens, its words and where they are."""

    number: int | None  # the numeral as written (None when missing)
    section: int  # the section it opens (1..6)
    title: str  # the heading's words as written, numeral removed
    span: Span  # the whole heading
    numeral_span: Span | None  # where the numeral is (None when missing)
    glued: bool = False  # found at the end of another paragraph's line


@dataclass
class Section:
    """One section of a report: its heading, its extent, and the paragraphs and tables in it."""

    number: int  # canonical section number 1..6
    heading: Heading
    span: Span  # heading start to the end of the section's last line
    paragraphs: list[Span] = field(default_factory=list)
    tables: list[Span] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.heading.title


@dataclass
class Cell:
    """A number of the report at its canonical key."""

    key: str
    value: int | float | None
    raw: str
    span: Span
    row_span: Span | None = None  # the observed row (label to last value)
    reading: str = "exact"  # how it was read: one of READINGS


# How a cell was read, from most to least certain (``parse --format json`` field ``reading``).
READINGS = {
    "exact": "written in a cell of its own, in a row found by its label",
    "position": "placed by position: its row's label is lost or its column was inferred",
    "relations": "one of several readings of the layout, the only one under which the format's relations hold",
    "plausible": "several readings of the layout, none decided by a relation; this one is clearly the likeliest",
    "guessed": "several readings remain possible; the most plausible was chosen (a T rule names them)",
}


@dataclass
class Problem:
    """Something the engine noticed while reading, kept for the rules to report.

    ``kind`` is a stable identifier (see :data:`PROBLEM_KINDS`); ``data``
    carries what a rule needs to phrase the message or the fix.
    """

    kind: str
    span: Span
    keys: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


PROBLEM_KINDS = {
    "label-mismatch": "a row label differs from the format's (data: label, expected)",
    "row-guessed": "a row without a usable label, placed by position (data: expected)",
    "row-missing": "a row of the format not found (data: expected, table)",
    "row-extra": "a table row that matches no row of the format (data: label)",
    "row-repeated": "a row that repeats one already read (data: expected)",
    "cell-count": "a row with more or fewer values than the format has columns (data: found, expected)",
    "cell-blank": "a blank cell where the format wants a number",
    "cell-missing": "a cell with nothing written at all in a short row",
    "multi-value": "several numbers in one cell (data: parts)",
    "non-numeric": "a value that is not a number (data: text)",
    "prefixed-value": "a value written with a prefix such as 增/减 (data: prefix)",
    "unit-value": "a value written with a unit such as 万 (data: unit, factor)",
    "table-missing": "a whole table not found (data: table)",
    "reading-ambiguous": "characters that read several ways, all plausible (data: readings, chosen)",
}


@dataclass(repr=False)  # its own short __repr__ below: dataclasses would compile one only to drop it
class Report:
    """One report read into the national format."""

    source: Source
    text: Text
    dialect: str
    template: Template | None = None
    year: int | None = None
    year_span: Span | None = None
    year_basis: str | None = None  # "statistics period", "title", "text"
    title: str | None = None
    title_span: Span | None = None
    title_year: int | None = None
    title_year_span: Span | None = None  # where the title writes its year
    period_year: int | None = None  # year of the statistics period, if stated
    period_span: Span | None = None
    agency: str | None = None  # 发布机构, as the title or the signature names it
    agency_span: Span | None = None
    period_start: date | None = None  # the statistics period as stated (统计期限自…起至…止)
    period_end: date | None = None
    period_dates_span: Span | None = None
    signed: date | None = None  # the date the report is signed (成文日期), when written
    signed_span: Span | None = None
    sections: list[Section] = field(default_factory=list)
    cells: dict[str, Cell] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    raw_cells: list[RawCell] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    terminals: list[Any] = field(default_factory=list, repr=False)  # the classified lines (structure.Terminal)

    def __repr__(self) -> str:  # short: the whole dataclass repr of a report is ~180 KB
        version = self.template.version if self.template else None
        return (
            f"<Report {self.path!r} year={self.year} template={version} dialect={self.dialect}"
            f" cells={len(self.cells)} problems={len(self.problems)}>"
        )

    @property
    def path(self) -> str:
        return self.source.name

    @property
    def agency_key(self) -> str | None:
        """Who the report is from, as reports are paired across years: the title without its year, words only."""
        from .structure import agency_key

        return agency_key(self.title if self.title_span else None)

    @property
    def tree(self) -> Any:
        """The Lark parse tree of the structure (``grammars/report.lark``), built on first use."""
        tree = self.__dict__.get("_tree")
        if tree is None:
            from .structure import parse_tree

            tree = self.__dict__["_tree"] = parse_tree(self.text, self.terminals)
        return tree

    @property
    def lines(self) -> list[Line]:
        return self.text.lines

    def position(self, offset: int) -> tuple[int, int]:
        return self.text.position(offset)

    @property
    def document(self) -> str | None:
        """The kind of document the report was read from ("html", "docx", "pdf"), None for text."""
        return self.text.document.kind if self.text.document else None

    def location(self, offset: int) -> dict[str, Any] | None:
        """Where an offset of the text stands in the document (page and box, paragraph, table cell, HTML line)."""
        return locate(self.text, offset)

    def to_dict(self) -> dict[str, int | float | None]:
        """The numbers read, by canonical key (``None`` for a blank cell), in the format's order."""
        order = self.template.keys if self.template else list(self.cells)
        return {k: self.cells[k].value for k in order if k in self.cells}

    def value(self, key: str) -> int | float | None:
        cell = self.cells.get(key)
        return cell.value if cell else None

    @property
    def is_report(self) -> bool:
        """Whether this reads as an annual report at all — a README does not, a half-written draft does.

        A report title is enough, or two section headings, or one row of the tables under its own
        label (a row placed by guesswork is no evidence: any table gets aligned to the format somehow),
        or many cells (tables whose labels were lost in a PDF copy).
        """
        if self.title or len({s.number for s in self.sections}) >= 2 or len(self.cells) >= 20:
            return True
        doubtful = [p.span for p in self.problems if p.kind in ("label-mismatch", "row-guessed")]
        return any(
            c.row_span is not None
            and not any(c.row_span.start <= d.start and d.end <= c.row_span.end for d in doubtful)
            for c in self.cells.values()
        )

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def section_at(self, offset: int) -> Section | None:
        found = None
        for s in self.sections:
            if s.span.start <= offset:
                found = s
        return found

    def cell_at(self, offset: int) -> Cell | None:
        return next((c for c in self.cells.values() if c.span.start <= offset <= c.span.end), None)
