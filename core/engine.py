"""The engine: from a source to a :class:`~nianbao.model.Report`."""

from __future__ import annotations

from . import regex_cache, registry
from .align import Alignment, align
from .chars import fold
from .dialect import Dialect, Layout
from .meta import describe
from .model import CellKind, Heading, RawCell, Report, Span
from .source import Source, SourceError, Text, decode, document_kind, with_pipe_marks
from .structure import find_title, parse_structure
from .template import VERSIONS, template

_YEAR = r"(20[0-4]\d)"
_PERIOD = regex_cache.compile(rf"统计期限?\s*(?:为|是|从|自)?\s*{_YEAR}\s*年\s*1\s*月\s*1\s*日")
_YEAR_MENTION = regex_cache.compile(rf"{_YEAR}\s*年\s*度?")
_CN_YEAR = r"([二〇○零一三四五六七八九]{4})\s*年"  # few reports need it: compiled on first use
_CN_DIGIT = {
    "〇": "0",
    "○": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}


class DialectError(Exception):
    """The requested dialect is not installed."""


def choose_dialect(source: Source, text: Text | None, name: str | None = None) -> Dialect:
    return ranked_dialects(source, text, name)[0]


def ranked_dialects(source: Source, text: Text | None, name: str | None = None) -> list[Dialect]:
    """The dialects to read ``source`` with, the most likely first (only ``name`` when given).

    A plugin dialect whose ``detect`` raises or answers something other than a
    score in 0–1 is left out (and named once in a warning).
    """
    available = registry.dialects()
    if name is not None:
        if name not in available:
            raise DialectError(name)
        return [available[name]]
    scored: list[tuple[float, int, int, Dialect]] = []
    for k, d in enumerate(available.values()):
        try:
            score = d.detect(source, text)
        except (Exception, SystemExit, KeyboardInterrupt) as err:  # a broken plugin dialect is skipped
            _warn_once(d, f"detect: {type(err).__name__}: {err}")
            continue
        if not registry.valid_score(score):
            _warn_once(d, f"detect: score {score!r:.40} is not a number in 0-1")
            continue
        # a tie goes to the higher priority (a document dialect over the text layouts seeing rows in markup)
        priority = getattr(d, "priority", 0)
        priority = priority if isinstance(priority, int) and score > 0 else 0
        scored.append((-float(score), -priority, k, d))
    if not scored:
        raise DialectError("(none installed)")
    return [d for *_, d in sorted(scored, key=lambda x: x[:3])]


_warned: set[tuple[str, str]] = set()


def _warn_once(d: Dialect, problem: str) -> None:
    name = str(getattr(d, "name", type(d).__name__))
    problem = problem.splitlines()[0][:300] if problem else problem
    if (name, problem) not in _warned:
        _warned.add((name, problem))
        import logging

        log = logging.getLogger(__name__)
        log.warning("方言 %s 出错，已跳过 (dialect %s failed, skipped): %s", name, name, problem)


def _read(dialects: list[Dialect], source: Source, text: Text | None, forced: bool) -> tuple[Dialect, Layout]:
    """The layout of the first dialect that reads ``source`` into a well-formed one."""
    for d in dialects:
        try:
            layout = d.read(source, text)
            problem = _layout_problem(layout)
        except SourceError:
            raise
        except (Exception, SystemExit, KeyboardInterrupt) as err:
            problem = f"read: {type(err).__name__}: {err}"
        if problem is None:
            return d, layout
        if forced:
            raise DialectError(f"{d.name}: {problem.splitlines()[0][:300]}")
        _warn_once(d, problem)
    raise DialectError("(none installed)")


def _layout_problem(layout: object) -> str | None:
    """What is wrong with a dialect's answer (None: a Layout whose spans lie inside its text)."""
    if not isinstance(layout, Layout) or not isinstance(layout.text, Text):
        return f"read: not a Layout: {layout!r:.80}"
    size = len(layout.text.text)
    for c in layout.cells:
        if not isinstance(c, RawCell) or not 0 <= c.span.start <= c.span.end <= size:
            return f"read: a cell outside the text: {c!r:.80}"
    for h in layout.headings:
        if not isinstance(h, Heading) or not 0 <= h.span.start <= h.span.end <= size:
            return f"read: a heading outside the text: {h!r:.80}"
    return None


def parse(source: Source, dialect: str | None = None, text: Text | None = None) -> Report:
    """Read one report. Raises :class:`SourceError` for unreadable input only.

    ``text``: the source already decoded (an editor's buffer laid on the bytes of its file, so that
    bytes that are no text are known where they stood); by default :func:`decode` of the source.
    """
    kind = document_kind(source.data)
    if kind == "doc":
        raise SourceError(source.name, "old_doc")
    if text is None and kind not in ("pdf", "docx"):
        text = decode(source)
    view = with_pipe_marks(text) if text is not None else None
    chosen, layout = _read(ranked_dialects(source, view, dialect), source, view, forced=dialect is not None)
    if layout.text is view and view is not text:
        layout.text = text  # the report keeps the text as written (fixes write it back)
    text = layout.text
    headings = layout.headings
    title = find_title(text, headings)
    number = text.line_number
    table_lines = {number(c.span.start) for c in layout.cells}
    terminals, sections = parse_structure(text, headings, title[1] if title else None, table_lines)

    def section_of(offset: int) -> int | None:
        found = None
        for h in headings:
            if h.span.start <= offset:
                found = h.section
        return found

    report = Report(
        source, text, chosen.name, headings=headings, sections=sections, terminals=terminals, raw_cells=layout.cells
    )
    if title:
        report.title, report.title_span = title
        found = year_in(text.text, title[1])
        if found:
            report.title_year, report.title_year_span = found
    _find_year(report)
    describe(report)
    best: Alignment | None = None
    for version in _candidate_versions(layout.cells):
        result = align(layout.cells, template(version), section_of)
        if (
            best is None
            or result.score > best.score + 1e-9
            or (abs(result.score - best.score) < 1e-9 and report.year and result.template.covers(report.year))
        ):
            best = result
    assert best is not None
    if layout.cells:
        report.template = best.template
        report.cells = best.cells
        report.problems = best.problems + layout.problems
    return report


# Words only one version's tables have: when a report's labels show one version's and
# none of the other's, aligning with the other template cannot win and is skipped.
_ONLY_IN = {
    "2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "其他对外管理服务事项",
        "采购项目数量",
        "采购总金额",
        "政府集中采购",
    ),
    "2021": (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "逾期不补正",
        "逾期未按收费通知",
    ),
}


def _candidate_versions(cells: list[RawCell]) -> tuple[str, ...]:
    labels = "".join(fold(c.text) for c in cells if c.kind is CellKind.LABEL)
    hits = {v: sum(1 for w in words if w in labels) for v, words in _ONLY_IN.items()}
    if hits["2019"] >= 2 and not hits["2021"]:
        return ("2019",)
    if hits["2021"] >= 2 and not hits["2019"]:
        return ("2021",)
    return VERSIONS


def year_in(text: str, span: Span) -> tuple[int, Span] | None:
    """The first year written within ``span`` of ``text`` ("2020年", "二〇二〇年") and where."""
    m = _YEAR_MENTION.search(text, span.start, span.end)
    if m:
        return int(m.group(1)), Span(m.start(1), m.end(1))
    m = regex_cache.compile(_CN_YEAR).search(text, span.start, span.end)
    if m:
        return int("".join(_CN_DIGIT[c] for c in m.group(1))), Span(m.start(1), m.end(1))
    return None


def _find_year(report: Report) -> None:
    """The year the statistics cover: the stated period, else the title, else the text."""
    text = report.text.text
    m = _PERIOD.search(text)
    if m:
        report.period_year = int(m.group(1))
        report.period_span = Span(m.start(1), m.end(1))
    if report.period_year:
        report.year, report.year_span, report.year_basis = report.period_year, report.period_span, "period"
        return
    if report.title_year and report.title_year_span:
        report.year, report.year_span, report.year_basis = report.title_year, report.title_year_span, "title"
        return
    # the first year written before the tables: "(2020年度)", "2020年，我局…"
    limit = report.sections[1].span.start if len(report.sections) > 1 else min(len(text), 3000)
    for m in _YEAR_MENTION.finditer(text, 0, limit):
        report.year, report.year_span, report.year_basis = int(m.group(1)), Span(m.start(1), m.end(1)), "text"
        return


__all__ = ["DialectError", "SourceError", "choose_dialect", "parse", "ranked_dialects"]
