"""The rule API: what a check is, what it reports, how a fix is described.

A rule is a small class, one per file, named by its code (``A301.py``)::

    class A301(Rule):
        \"\"\"一 + 二 = (七)总计 + 四 …  (docstring in the fixed shape, see docs/rules.md)\"\"\"
        code = "A301"
        name = "application-balance-broken"
        severity = Severity.ERROR

        def check(self, report, ctx):
            yield self.diagnostic(report, span, Message("…", "…"))

Rules are collected per family in a bundle module whose ``nianbao_rules``
hook returns the classes; bundles register through the ``nianbao`` entry
point group like any third-party plugin. A rule that compares reports (this
year's with last year's, a whole region's) implements :meth:`Rule.check_all`,
which receives a :class:`ReportSummary` of each report: its path, title,
agency, year, format version and the cells the rule declares in
:attr:`Rule.summary_cells` — a few hundred bytes that the worker processes of
``lint --jobs`` send back instead of the whole report, so a run over a
national year of reports stays within a fixed memory.
"""

from __future__ import annotations

import fnmatch
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, ClassVar

from .model import Cell, Report, Span

if TYPE_CHECKING:
    from .template import Template


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"


@dataclass(frozen=True)
class Message:
    """A message in both languages the tool speaks."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Edit:
    """Replace the characters of ``span`` (offsets into the report text) with ``new_text``."""

    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    """A change that repairs a diagnostic. ``safe`` fixes can be applied without review."""

    edits: tuple[Edit, ...]
    message: Message
    safe: bool = True


@dataclass(frozen=True)
class Related:
    """Another place that takes part in a diagnostic (e.g. the cells of a broken sum)."""

    span: Span
    message: Message
    key: str | None = None


@dataclass
class Diagnostic:
    """A finding of a rule: its code, severity, place and message, with its fix and related places."""

    code: str
    severity: Severity
    span: Span
    message: Message
    path: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    keys: tuple[str, ...] = ()  # canonical cell keys concerned
    report: Report | ReportSummary | None = field(default=None, repr=False, compare=False)
    # what explains the finding (e.g. "cell:t3.total.natural", the one wrong number that breaks several
    # sums): the findings of one report with the same cause are reported once, see merge_causes
    cause: str | None = None

    @property
    def family(self) -> str:
        return self.code[0]


@dataclass
class Context:
    """What a rule may consult besides the report: language, options, the other reports."""

    lang: str = "zh"
    options: dict[str, object] = field(default_factory=dict)


class UndeclaredCell(LookupError):
    """A collection rule read a cell it did not list in :attr:`Rule.summary_cells`."""


class SummaryCells(Mapping[str, Cell]):
    """The declared cells of a summary, as :class:`~nianbao.model.Cell` (built on access; ``raw`` is not kept).

    Stored compactly (a summary is kept for every report of a run): the
    values, and the spans and (line, column) of the cells' starts as arrays.
    """

    __slots__ = ("_keys", "_places", "_spans", "_values")

    def __init__(self, keys: tuple[str, ...], values: tuple, spans: array, places: array) -> None:
        self._keys, self._values, self._spans, self._places = keys, values, spans, places

    def _index(self, key: str) -> int:
        try:
            return self._keys.index(key)
        except ValueError:
            raise UndeclaredCell(f"{key}: not a cell of the summary (declare it in the rule's summary_cells)") from None

    def __getitem__(self, key: str) -> Cell:
        i = self._index(key)
        if self._values[i] is _ABSENT:
            raise KeyError(key)
        return Cell(key, self._values[i], "", Span(self._spans[2 * i], self._spans[2 * i + 1]))

    def get(self, key: str, default: Cell | None = None) -> Cell | None:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return (k for k, v in zip(self._keys, self._values, strict=True) if v is not _ABSENT)

    def __len__(self) -> int:
        return sum(1 for v in self._values if v is not _ABSENT)

    def place(self, offset: int) -> tuple[int, int] | None:
        """(line, column) of a kept cell's start."""
        for i in range(len(self._keys)):
            if self._spans[2 * i] == offset and self._values[i] is not _ABSENT:
                return self._places[2 * i], self._places[2 * i + 1]
        return None


class _Absent:
    def __reduce__(self) -> str:  # one instance, also across processes
        return "_ABSENT"

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()  # a declared cell the report does not have (None is a blank cell)


@dataclass(frozen=True, eq=False, slots=True)
class ReportSummary:
    """What a collection rule sees of one report (see :attr:`Rule.summary_cells`).

    The attributes have the meaning and names they have on
    :class:`~nianbao.model.Report`, so a rule written for summaries also runs
    on whole reports. ``cells`` holds only the declared cells; reading another
    raises :class:`UndeclaredCell`. :meth:`position` knows where the kept
    cells and the title start.
    """

    path: str
    title: str | None
    title_span: Span | None
    agency: str | None  # 发布机构, as the title or the signature names it (Report.agency)
    agency_key: str | None  # the title without its year, words only: pairs one body's reports (Report.agency_key)
    year: int | None
    version: str | None  # the format version of its tables, "2019" or "2021"
    cells: SummaryCells
    title_place: tuple[int, int] | None = None  # (line, column) of the title's start
    digest: bytes = b""  # of the text, to tell whether the file changed since
    length: int = 0  # characters of the text (a diagnostic's span must lie within)

    @property
    def template(self) -> Template | None:
        from .template import template

        return template(self.version) if self.version else None

    def value(self, key: str) -> int | float | None:
        cell = self.cells.get(key)
        return cell.value if cell else None

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of the start of a kept cell or of the title."""
        found = self.cells.place(offset)
        if found is None and self.title_span is not None and offset == self.title_span.start:
            found = self.title_place
        if found is None:
            raise LookupError(f"{self.path}: offset {offset} is not a place the summary keeps")
        return found


def text_digest(text: str) -> bytes:
    """A short fingerprint of a text (to tell whether a file changed during a run): CRC-32 and length.

    Not hashlib: importing it (OpenSSL) cost 2–3 ms of every start-up, and no adversary is involved.
    """
    import zlib

    data = text.encode("utf-8", "surrogatepass")
    return zlib.crc32(data).to_bytes(4, "big") + len(data).to_bytes(8, "big")


def summary_patterns(rules: Iterable[type]) -> tuple[str, ...]:
    """Every cell pattern the given rule classes declare, in a stable order."""
    return tuple(sorted({p for cls in rules for p in getattr(cls, "summary_cells", ())}))


@cache
def _summary_keys(version: str, patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of ``version``'s cells that ``fnmatchcase`` matches with one of ``patterns``.

    A plain key and a ``prefix*`` glob (what rules declare) are told by a set and one ``startswith``
    of every prefix at once; fnmatch (which translates and compiles each pattern: 1 M instructions
    a pattern) only for any other glob.
    """
    from .template import template

    exact: set[str] = set()
    prefixes: list[str] = []
    globs: list[str] = []
    for p in patterns:
        head = p.removesuffix("*")
        if any(c in head for c in "*?["):
            globs.append(p)
        elif head == p:
            exact.add(p)
        else:
            prefixes.append(head)
    starts = tuple(prefixes)
    return tuple(
        [
            k
            for k in template(version).keys
            if k in exact or k.startswith(starts) or (globs and any(fnmatch.fnmatchcase(k, p) for p in globs))
        ]
    )


def summarize(report: Report, patterns: tuple[str, ...]) -> ReportSummary:
    """The summary of ``report`` holding the cells that match ``patterns`` (keys or ``t3.new.*`` globs)."""
    version = report.template.version if report.template else None
    keys = _summary_keys(version, patterns) if version and patterns else ()
    values: list = []
    spans, places = array("i"), array("i")
    for key in keys:
        cell = report.cells.get(key)
        if cell is None:
            values.append(_ABSENT)
            spans.extend((0, 0))
            places.extend((0, 0))
            continue
        values.append(cell.value)
        spans.extend((cell.span.start, cell.span.end))
        places.extend(report.position(cell.span.start))
    title_place = report.position(report.title_span.start) if report.title_span else None
    digest = text_digest(report.text.text)
    return ReportSummary(
        report.path,
        report.title,
        report.title_span,
        report.agency,
        report.agency_key,
        report.year,
        version,
        SummaryCells(keys, tuple(values), spans, places),
        title_place,
        digest,
        len(report.text.text),
    )


class Rule:
    """Base class of every check. Subclasses set the class attributes and implement one method."""

    code: ClassVar[str]
    name: ClassVar[str]  # names the bad pattern, kebab-case: "blank-cell"
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[bool] = False
    # collection rules: the cells check_all reads from each report's summary (keys or globs: "t3.carried_in.*")
    summary_cells: ClassVar[tuple[str, ...]] = ()

    def check(self, report: Report, ctx: Context) -> Iterable[Diagnostic]:
        """Diagnostics of one report."""
        return ()

    def check_all(self, reports: Sequence[ReportSummary], ctx: Context) -> Iterable[Diagnostic]:
        """Diagnostics that need several reports, each given as its :class:`ReportSummary`.

        Override it (and declare :attr:`summary_cells`) for a rule that
        compares reports; the default runs :meth:`check` on each, for callers
        that pass whole reports.
        """
        for report in reports:
            yield from self.check(report, ctx)  # type: ignore[arg-type]

    def diagnostic(
        self,
        report: Report | ReportSummary,
        span: Span,
        message: Message,
        *,
        fix: Fix | None = None,
        related: Sequence[Related] = (),
        keys: Sequence[str] = (),
        severity: Severity | None = None,
        cause: str | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            self.code,
            severity or self.severity,
            span,
            message,
            report.path,
            fix,
            tuple(related),
            tuple(keys),
            report,
            cause,
        )


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2, Severity.HINT: 3}


def merge_causes(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """One finding per root cause.

    Of the diagnostics of one file sharing a ``cause``, the most severe (then the lowest
    code) is kept; the others become its related locations, and its message names them.
    """
    out: list[Diagnostic] = []
    groups: dict[tuple[str, str], list[Diagnostic]] = {}
    for d in diagnostics:
        if d.cause is None:
            out.append(d)
        else:
            groups.setdefault((d.path, d.cause), []).append(d)
    for group in groups.values():
        group.sort(key=lambda d: (_RANK.get(d.severity, 9), d.code, d.span.start))
        first, rest = group[0], group[1:]
        if rest:
            related = list(first.related)
            seen = {(r.span, r.key) for r in related}
            for d in rest:
                at = d.related[0].span if d.related else d.span
                related.append(Related(at, Message(f"{d.code} {d.message.zh}", f"{d.code} {d.message.en}")))
                for r in d.related:
                    if (r.span, r.key) not in seen:
                        seen.add((r.span, r.key))
                        related.append(r)
            codes = list(dict.fromkeys(d.code for d in rest))
            first.message = Message(
                f"{first.message.zh}；同一处也使 {'、'.join(codes)} 不成立（见相关位置）",
                f"{first.message.en}; the same cell also breaks {', '.join(codes)} (see the related locations)",
            )
            first.related = tuple(related)
            first.keys = tuple(dict.fromkeys([*first.keys, *(k for d in rest for k in d.keys)]))
        out.append(first)
    return out
