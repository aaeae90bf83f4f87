"""Template alignment: put every observed table cell at its canonical key.

Dialects deliver table cells in reading order, with explicit row boundaries
where the layout has them. Here they become observed rows (labels, then the
cells after them), which are aligned to the rows of the format by dynamic
programming: label similarity, number of values, section and order all
weigh in, so a row keeps its place when its label is lost (PDF tab copies),
misspelt (规范 for 规章) or full of garbage. Within a row, cells go to columns
by their column position when the layout gives one, else by count, with
blank cells used in the order most likely to be real.

Everything doubtful is kept as a :class:`~nianbao.model.Problem`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import NamedTuple

from rapidfuzz import fuzz, process

from . import values
from .chars import label_core, numbering_value
from .model import Cell, CellKind, Problem, RawCell, Span
from .template import Row, Template

# Scores of the alignment (a match must beat skipping both sides: -2).
_MATCH = 1.0
_LABEL_SAME = 4.0  # label equals the row's label
_LABEL_OTHER = -4.0  # label clearly names another row of the table
_COUNT_SAME = 1.0
_COUNT_OFF = -0.7  # per value too many or too few
_SECTION_SAME = 0.5
_SECTION_OTHER = -1.0
_GROUP_TEXT = 0.3  # merged-cell text of a row's group stands in the row ...
_GROUP_MIDDLE = 0.2  # ... most likely in the middle row of the group (vertically centred)
_SKIP_ROW = -1.0  # a row of the format not found
_SKIP_OBSERVED = -1.0  # an observed row that is no row of the format


@dataclass(eq=False)  # compared by identity only: no __eq__ to generate (start-up)
class ObservedRow:
    """A table row as read: its label cells, then its values and blanks, and the section it is in."""

    labels: list[RawCell] = field(default_factory=list)
    slots: list[RawCell] = field(default_factory=list)  # values and blanks after the labels
    section: int | None = None
    # blanks that stood after a label and before the next, taken for the labels' padding: (index of
    # the label, the blanks); a row of blank cells where that label names a row (_split_blank_rows)
    between: list[tuple[int, list[RawCell]]] = field(default_factory=list)

    @property
    def label(self) -> RawCell | None:
        return self.labels[-1] if self.labels else None

    @property
    def values(self) -> list[RawCell]:
        return [c for c in self.slots if c.kind is CellKind.VALUE]

    @property
    def is_data(self) -> bool:
        return bool(self.values) or (bool(self.labels) and any(c.filler == 0 for c in self.slots))

    def region(self) -> list[RawCell]:
        """The slots from the first to the last non-filler cell."""
        idx = [i for i, c in enumerate(self.slots) if c.kind is CellKind.VALUE or c.filler == 0]
        return self.slots[idx[0] : idx[-1] + 1] if idx else []

    @property
    def span(self) -> Span:
        """From the row's own label (not the headers read before it) to its last cell."""
        cells = self.labels[-1:] + self.slots
        return Span(min(c.span.start for c in cells), max(c.span.end for c in cells))


class Alignment(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """The cells of a report read into one template, how well its rows matched, what was noticed."""

    template: Template
    score: float
    cells: dict[str, Cell]
    problems: list[Problem]


def expand_multi(cells: list[RawCell]) -> tuple[list[RawCell], list[tuple[RawCell, list[RawCell]]]]:
    """Split ``"0 0"`` cells into one cell per number (keeping their spans)."""
    out: list[RawCell] = []
    multi: list[tuple[RawCell, list[RawCell]]] = []
    shift = 0  # a merged field took the place of several: later columns move right
    for c in cells:
        if c.row_start:
            shift = 0
        col = None if c.col is None else c.col + shift
        # "| 1 234 |" in a cell the layout delimits (no column positions), or "1 234" with a thin space: one number
        if c.kind is CellKind.VALUE and values.is_multi(c.text) and not values.is_grouped(c.text, c.col is None):
            parts = [
                RawCell(
                    c.text[a:b],
                    Span(c.span.start + a, c.span.start + b),
                    CellKind.VALUE,
                    None if col is None else col + i,
                    c.row_start and i == 0,
                )
                for i, (a, b) in enumerate(values.split_multi(c.text))
            ]
            out.extend(parts)
            multi.append((c, parts))
            shift += len(parts) - 1
        else:
            if col != c.col:
                c = RawCell(c.text, c.span, c.kind, col, c.row_start, c.filler, c.reading)
            out.append(c)
    return out, multi


def observed_rows(cells: list[RawCell], section_of: Callable[[int], int | None]) -> list[ObservedRow]:
    """Group cells into rows: at explicit boundaries, and where a label follows values."""
    rows: list[ObservedRow] = []
    cur: ObservedRow | None = None
    has_values = False  # cur.values is not empty (kept as cells are added, not recounted per label)
    for c in cells:
        if cur is None or c.row_start or (c.kind is CellKind.LABEL and has_values):
            cur = ObservedRow(section=section_of(c.span.start))
            rows.append(cur)
            has_values = False
        if c.kind is CellKind.LABEL:
            if cur.slots and cur.labels:
                cur.between.append((len(cur.labels) - 1, cur.slots))
            cur.slots = []  # blanks before a label pad the label columns
            cur.labels.append(c)
            has_values = False
        else:
            cur.slots.append(c)
            has_values = has_values or c.kind is CellKind.VALUE
    return rows


def _split_blank_rows(rows: list[ObservedRow], template: Template) -> list[ObservedRow]:
    """A row label of the format followed by blanks that may be cells, then another label, is a row of
    blank cells (one cell a line, no row marks: ``2.其他法律行政法规禁止公开 |`` / ``|`` x 7 / ``3.危及… |``).

    Else the blanks were the label columns' padding, and the row, read into the next one's labels,
    was reported missing (T203) though its label and cells are written.
    """
    out: list[ObservedRow] = []
    for o in rows:
        at = 0  # labels before this index are in rows split off already
        for i, blanks in o.between:
            if any(c.filler < 2 for c in blanks) and _names_a_row(ObservedRow(o.labels[at : i + 1]), template):
                out.append(ObservedRow(o.labels[at : i + 1], blanks, o.section))
                at = i + 1
        if at:
            o.labels = o.labels[at:]
        out.append(o)
    return out


def _join_wrapped_labels(rows: list[ObservedRow], template: Template) -> list[ObservedRow]:
    """A row label wrapped onto two lines (``2.没有现成信息需`` / ``要另行制作 | 0 |``) is one label.

    The two parts are joined when together they name a row of the format and the second
    alone does not: a label cell followed by the row's label (in the same observed row, or a
    row of nothing but that label just before it).
    """
    out: list[ObservedRow] = []
    for o in rows:
        head: RawCell | None = None
        if len(o.labels) >= 2:
            head = o.labels[-2]
        elif o.labels and out and not out[-1].values and out[-1].labels and out[-1].section == o.section:
            head = out[-1].labels[-1]
        if head is not None and o.values and o.label is not None:
            joined = _joined(head, o.label)
            if _better_label(joined.text, o.label.text, template):
                if len(o.labels) >= 2:
                    o.labels[-2:] = [joined]
                else:
                    prev = out.pop()
                    o.labels[:1] = [*prev.labels[:-1], joined]
        out.append(o)
    return out


def _joined(head: RawCell, tail: RawCell) -> RawCell:
    return replace(
        tail,
        text=head.text.strip() + tail.text.strip(),
        span=Span(head.span.start, tail.span.end),
        row_start=head.row_start,
    )


def _better_label(joined: str, alone: str, template: Template) -> bool:
    core = label_core(joined)[1]
    if len(core) < 4:
        return False
    best_joined = max(similarities(core, template), default=0.0)
    best_alone = max(similarities(label_core(alone)[1], template), default=0.0)
    if best_alone >= 99:
        return False  # the label alone is a row's: nothing wrapped
    return best_joined >= 99 or (best_joined >= 90 and best_joined >= best_alone + 10)


@cache
def _context_words(template: Template) -> tuple[str, ...]:
    """Folded header and group words: text that names no row of its own."""
    words = set(template.t3_groups)
    for r in template.rows:
        words.add(r.header)
        words.update(c.label for c in r.columns)
    words.update(label for _, label in template.t4_groups)
    words.update(t for s in template.sections for t in s.titles)
    words.update(("信息内容", "申请人情况", "行政诉讼", "本年度办理结果", "法人或其他组织"))
    words.update(("合计", "小计"))  # header words written for 总计
    return tuple(sorted({label_core(w)[1] for w in words if w} - {""}))


@cache
def _row_cores(template: Template) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(label_core(v)[1] for v in r.labels) for r in template.rows)


# Label similarities below this change no score (see _match_score and the row-repeated check): not computed.
_SIM_FLOOR = 60.0


@cache
def _label_choices(template: Template) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Every row's folded labels in one list, with the row index of each."""
    choices, owners = [], []
    for index, cores in enumerate(_row_cores(template)):
        for c in cores:
            if c:
                choices.append(c)
                owners.append(index)
    return tuple(choices), tuple(owners)


def similarities(core: str, template: Template) -> list[float]:
    """Similarity (0–100) of a label's core words to each row of the format (its closest label variant).

    One batched call over all the format's labels; scores under ``_SIM_FLOOR``
    read as 0 (they weigh nothing in the alignment).
    """
    sims = [0.0] * len(template.rows)
    if not core:
        return sims
    choices, owners = _label_choices(template)
    for _choice, score, k in process.extract(core, choices, scorer=fuzz.ratio, limit=None, score_cutoff=_SIM_FLOOR):
        row = owners[k]
        if score > sims[row]:
            sims[row] = score
    return sims


@cache
def _row_facts(template: Template) -> tuple[tuple[int, int, str, bool], ...]:
    """Per row of the format: (columns, section, folded group label, middle row of its group)."""
    out = []
    groups = _group_rows(template)
    for row in template.rows:
        group = label_core(row.group)[1] if row.group else ""
        members = groups.get(group, [])
        middle = bool(members) and row.index == members[(len(members) - 1) // 2]
        out.append((len(row.columns), {"t2": 2, "t3": 3, "t4": 4}[row.table], group, middle))
    return tuple(out)


@cache
def _table_rows(template: Template) -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {}
    for r in template.rows:
        out.setdefault(r.table, []).append(r.index)
    return {t: tuple(v) for t, v in out.items()}


@cache
def _group_cores(template: Template) -> tuple[tuple[str, str], ...]:
    return tuple((group, label_core(group)[1]) for group in template.t3_groups)


@cache
def _is_context(core: str, template: Template) -> bool:
    """Whether ``core`` is (nearly, partial ratio >= 90) a part of a context word at least as long.

    The words in one batched call: one ``partial_ratio`` call each cost 0.5 M instructions a label.
    """
    if len(core) < 2:
        return True
    longer = [w for w in _context_words(template) if len(w) >= len(core)]
    return process.extractOne(core, longer, scorer=fuzz.partial_ratio, score_cutoff=90) is not None


def _blank_line(o: ObservedRow) -> bool:
    """A row of columns all blank and nothing else (tab: a line of empty fields, its label lost too)."""
    return (
        not o.labels
        and any(c.filler == 0 for c in o.slots)
        and all(c.kind is CellKind.BLANK and c.col is not None for c in o.slots)
    )


def _names_a_row(o: ObservedRow, template: Template) -> bool:
    """A row with its label but every cell blank ("行政许可\t\t\t") is still that row."""
    if not o.labels or o.values:
        return False
    numbering, core = label_core(o.labels[-1].text)
    exact = bool(core) and any(core == c for cores in _row_cores(template) for c in cores)
    return exact and (bool(numbering) or not _is_context(core, template))


class _RowFacts(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """What the matching needs of one observed row, computed once per template."""

    core: str  # folded label words ("" when none usable)
    number: int | None  # numbering of the label
    context: bool  # the label is header or merged-cell text
    sims: list[float]  # similarity to each template row
    count: int
    groups: frozenset[str] = frozenset()  # folded group labels the row's merged-cell text names


def _facts(o: ObservedRow, template: Template) -> _RowFacts:
    label = o.label
    numbering, core = label_core(label.text) if label else ("", "")
    sims = similarities(core, template)
    head = _head(label.text) if label else ""
    if head:
        # "规章（设区的市…应提供相关数据）": the row's name, then a note on what to count in it
        head_core = label_core(head)[1]
        sims = [max(a, b) for a, b in zip(sims, similarities(head_core, template), strict=True)]
        if max(sims, default=0.0) >= 99:
            core = head_core
    # header and merged-cell words name no row, unless numbered as exactly a row's label ("3.其他")
    exact_row = bool(numbering) and max(sims, default=0.0) >= 99
    context = bool(core) and not exact_row and _is_context(core, template)
    if context:
        sims = [0.0] * len(sims)
    groups = frozenset(g for c in o.labels for g in _groups_named(label_core(c.text)[1], template))
    return _RowFacts(core, numbering_value(numbering) if numbering else None, context, sims, len(o.region()), groups)


_NOTE_OPEN = ("(", "（")
_NOTE_MIN = 8  # characters of a note in brackets after a row's name; shorter is part of the name ("(单位:万元)")


def _head(text: str) -> str:
    """The words before a long bracketed note ending the label, or "" (no such note)."""
    t = text.strip()
    at = min((i for i in (t.find(o, 2) for o in _NOTE_OPEN) if i > 0), default=-1)
    if at < 0 or len(t) - at < _NOTE_MIN or t[at - 1] in "）)":
        return ""
    return t[:at]


@cache
def _groups_named(core: str, template: Template) -> tuple[str, ...]:
    """The groups of table 三 (合并单元格 "(三)不予公开" …) that a bit of merged text belongs to."""
    if len(core) < 2:
        return ()
    longer = [g for g in _group_rows(template) if len(g) >= len(core)]
    if not longer:
        return ()
    # one batched call (half the instructions of one call a group); the groups kept in their order
    near = {k for _, _, k in process.extract(core, longer, scorer=fuzz.partial_ratio, score_cutoff=90, limit=None)}
    return tuple(g for k, g in enumerate(longer) if k in near)


@cache
def _group_rows(template: Template) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {}
    for r in template.rows:
        if r.group:
            rows.setdefault(label_core(r.group)[1], []).append(r.index)
    return rows


@cache
def _score_plan(template: Template) -> tuple[tuple[int, str, int, int, str, bool], ...]:
    """Per row of the format, what its match scores read: (index, table, columns, section, group, middle)."""
    return tuple((row.index, row.table, *facts) for row, facts in zip(template.rows, _row_facts(template), strict=True))


def _match_scores(f: _RowFacts, o: ObservedRow, template: Template) -> list[float]:
    """The score of matching the observed row with each row of the format."""
    labelled = bool(f.core) and not f.context
    sims = f.sims
    # best similarity per table, to see when a label names another row
    top2 = {}
    for t, rows_of in _table_rows(template).items():
        best = sorted((sims[k] for k in rows_of), reverse=True)[:2]
        top2[t] = [*best, 0.0, 0.0][:2]
    groups, count, section_seen = f.groups, f.count, o.section
    # the same terms in the same order as ever (float sums depend on it), each computed once per value
    count_terms = {}
    out: list[float] = []
    for index, table, n, section, group, middle in _score_plan(template):
        s = _MATCH
        sim = sims[index]
        if labelled:
            if sim >= 99:
                s += _LABEL_SAME
            elif sim >= 60:
                s += _LABEL_SAME * (sim - 60) / 40
            first, second = top2[table]
            best_other = second if sim >= first else first
            if best_other >= 85 and best_other > sim + 10:
                s += _LABEL_OTHER
        if groups and group in groups:
            s += _GROUP_TEXT + (_GROUP_MIDDLE if middle else 0.0)
        term = count_terms.get(n)
        if term is None:
            term = count_terms[n] = _COUNT_SAME if count == n else _COUNT_OFF * min(abs(count - n), 4)
        s += term
        if section_seen is not None:
            s += _SECTION_SAME if section_seen == section else _SECTION_OTHER
        out.append(s)
    return out


def align(cells: list[RawCell], template: Template, section_of: Callable[[int], int | None]) -> Alignment:
    cells, multi = expand_multi(cells)
    rows = _join_wrapped_labels(_split_blank_rows(observed_rows(cells, section_of), template), template)
    owner: dict[int, tuple[int, int]] = {}  # id(part) -> (index in multi, index in its parts)
    for m, (_original, parts) in enumerate(multi):
        for k, part in enumerate(parts):
            owner[id(part)] = (m, k)
    # rows with a field that may be one number grouped by a space or two: their count of cells is in doubt
    doubtful = {id(o): b for o in rows if multi and (b := _bounds(o, multi, owner))}
    data = _join_split_rows(
        [o for o in rows if o.is_data or _names_a_row(o, template) or _blank_line(o)], template, doubtful
    )
    if data and all(o.section in (2, 3, 4) for o in data):
        # sections written out of order: read each table where its section is
        data.sort(key=lambda o: o.section or 0)
    trows = template.rows
    facts = [_facts(o, template) for o in data]
    matches = [_match_scores(f, o, template) for f, o in zip(facts, data, strict=True)]

    m, n = len(data), len(trows)
    neg = float("-inf")
    score = [[neg] * (n + 1) for _ in range(m + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (n + 1) for _ in range(m + 1)]
    score[0][0] = 0.0
    for i in range(m + 1):
        here, below = score[i], score[i + 1] if i < m else None
        back_below = back[i + 1] if i < m else None
        match = matches[i] if i < m else None
        for j in range(n + 1):
            cur = here[j]
            if cur == neg:
                continue
            if below is not None and cur + _SKIP_OBSERVED > below[j]:
                below[j], back_below[j] = cur + _SKIP_OBSERVED, (i, j)  # type: ignore[index]
            if j < n and cur + _SKIP_ROW > here[j + 1]:
                here[j + 1], back[i][j + 1] = cur + _SKIP_ROW, (i, j)
            if below is not None and j < n:
                s = cur + match[j]  # type: ignore[index]
                if s > below[j + 1]:
                    below[j + 1], back_below[j + 1] = s, (i, j)  # type: ignore[index]
    pairs = matched_pairs(back, m, n)

    out_cells: dict[str, Cell] = {}
    problems: list[Problem] = []
    matched_rows = {j for _, j in pairs}
    matched_obs = {i for i, _ in pairs}
    bounds = {i: doubtful[id(data[i])] for i, _ in pairs if id(data[i]) in doubtful}
    # a row whose field may be one number or two says nothing of where the block's columns are
    models = _position_models(rows, data, pairs, trows, {id(data[i]) for i in bounds})
    siblings = _siblings(data, pairs, trows, rows)
    pending: list[_Pending] = []
    joined: set[int] = set()  # ids of split cells read as one number grouped by spaces (no T208)
    doubts: dict[int, list[list[RawCell | None]]] = {}  # observed row -> its readings, joined several ways
    if bounds:
        doubts = _join_grouped(
            data, pairs, bounds, facts, trows, template, models, siblings, multi, owner, joined, problems
        )
    for i, j in pairs:
        row = trows[j]
        if i in doubts:
            scratch: list[Problem] = []
            _assign(data[i], facts[i], row, template, models.get(_block(row)), {}, scratch, siblings[_kind(row)])
            problems.extend(pr for pr in scratch if pr.kind in ("row-guessed", "label-mismatch"))
            pending.append(_Pending(data[i], row, doubts[i], "position", joins=True))
            continue
        p = _assign(
            data[i],
            facts[i],
            row,
            template,
            models.get(_block(row)),
            out_cells,
            problems,
            siblings[_kind(row)],
        )
        if p is not None:
            pending.append(p)
    for p in pending:  # rows that read two ways: the reading under which the tables' relations hold
        _settle(p, template, out_cells, problems)
    problems.extend(_misspelt_group_labels([data[i] for i, _ in pairs], template))
    for i, o in enumerate(data):
        if i in matched_obs or not o.values:
            continue
        f = facts[i]
        best = max(range(n), key=lambda k: f.sims[k]) if f.core and not f.context else None
        if best is not None and f.sims[best] >= 90 and best in matched_rows:
            problems.append(
                Problem(
                    "row-repeated",
                    o.span,
                    trows[best].columns and tuple(c.key for c in trows[best].columns),
                    {"expected": trows[best].label},
                )
            )
        elif o.section in (2, 3, 4) or o.section is None:
            problems.append(Problem("row-extra", o.span, (), {"label": o.label.text if o.label else ""}))
    _missing(trows, matched_rows, pairs, data, problems)
    for original, parts in multi:
        if id(original) in joined:
            continue
        keys = tuple(k for k, c in out_cells.items() if any(c.span == p.span for p in parts))
        problems.append(Problem("multi-value", original.span, keys, {"parts": [p.text for p in parts]}))
    return Alignment(template, score[m][n], out_cells, problems)


_MAX_JOINS = 8  # joins in one row, at most (more: the row is read as written)
_MAX_OPTIONS = 64  # ways to join them tried, at most


class _Trial(NamedTuple):
    slots: list[RawCell]
    merged: list[RawCell]  # the cells joined from several
    out: dict[str, Cell]
    picked: list[RawCell | None]
    originals: frozenset[int]
    fits: bool  # no cell too many or too few for the format's row


def _join_grouped(
    data: list[ObservedRow],
    pairs: list[tuple[int, int]],
    all_bounds: dict[int, list[int]],
    facts: list[_RowFacts],
    trows: tuple[Row, ...],
    template: Template,
    models: dict[str, tuple[int, ...]],
    siblings: dict[tuple[str, str], _Siblings],
    multi: list[tuple[RawCell, list[RawCell]]],
    owner: dict[int, tuple[int, int]],
    joined: set[int],
    problems: list[Problem],
) -> dict[int, list[list[RawCell | None]]]:
    """Numbers grouped by a space (``1 234``) in a field that also reads as two (``1`` and ``234``).

    Where a layout gives columns (tab rows, Markdown, document cells) a space may part two
    fields a PDF copy ran together, so the split is the first reading. When the row then
    has more cells than the format's row and joining space-separated digit groups (the
    right one exactly three digits) restores it — one way — the joined number is read; if
    the row's own totals can tell and fail, the joined cells are guessed (T212, never an
    arithmetic finding on them). Several ways: the row's totals choose, else the relations
    between rows (returned: observed row -> the readings, for ``_settle``). Rows the split
    already fits, and rows no join fits, are read as before.
    """
    doubts: dict[int, list[list[RawCell | None]]] = {}
    for i, j in pairs:
        if i not in all_bounds:
            continue
        o, row, bounds = data[i], trows[j], all_bounds[i]
        model, sib = models.get(_block(row)), siblings[_kind(row)]
        first = _trial(o, o.slots, [], facts[i], row, template, model, sib, multi, owner)
        if first is None or first.fits:
            continue  # the fields apart fit the row: two cells, as the layout writes them
        fits: list[_Trial] = []
        near: list[_Trial] = []  # a real extra cell besides: joins under which the row's totals hold
        for k in range(1, min(_MAX_JOINS, len(bounds)) + 1):
            for combo in _combinations(bounds, k):
                slots, merged = _merged(o.slots, combo, multi, owner)
                if merged is None:
                    continue
                t = _trial(o, slots, merged, facts[i], row, template, model, sib, multi, owner)
                if t is not None and t.fits:
                    fits.append(t)
                elif t is not None and _own_totals(row, t.out):
                    near.append(t)
            if fits:
                break
        if not fits:
            # a real extra cell: the fields apart, if the row's totals hold so (as before), else one join
            if len(near) == 1 and not _own_totals(row, first.out):
                _apply(o, near[0], "relations", joined)  # the extra cell is still said (T206)
            continue
        verdicts = [_own_totals(row, t.out) for t in fits]
        held = [t for t, v in zip(fits, verdicts, strict=True) if v is not False]
        if len(fits) == 1:
            _apply(o, fits[0], "position" if verdicts[0] is None else "relations", joined)
            if verdicts[0] is False:
                _doubt_join(o, fits[0], problems)
        elif len(held) == 1:
            _apply(o, held[0], "relations", joined)
        else:
            for t in held or fits:
                joined.update(t.originals)
            doubts[i] = [t.picked for t in held or fits]
    return doubts


def _bounds(o: ObservedRow, multi: list[tuple[RawCell, list[RawCell]]], owner: dict[int, tuple[int, int]]) -> list[int]:
    """The places between two of the row's cells, parts of one field, that may be one number grouped by a space."""
    return [
        b
        for b in range(len(o.slots) - 1)
        if id(o.slots[b]) in owner
        and id(o.slots[b + 1]) in owner
        and owner[id(o.slots[b])][0] == owner[id(o.slots[b + 1])][0]
        and _gap_joinable(multi, owner, o.slots[b], o.slots[b + 1])
    ]


def _gap_joinable(
    multi: list[tuple[RawCell, list[RawCell]]], owner: dict[int, tuple[int, int]], a: RawCell, b: RawCell
) -> bool:
    original = multi[owner[id(a)][0]][0]
    gap = original.text[a.span.end - original.span.start : b.span.start - original.span.start]
    # as a pair of some chain: the left group 1-3 digits (3 inside a chain), the right three
    return values.joinable(a.text, b.text, gap, first=True, last=True) or values.joinable(
        a.text, b.text, gap, first=False, last=False
    )


def _combinations(bounds: list[int], k: int) -> list[tuple[int, ...]]:
    from itertools import combinations, islice

    return list(islice(combinations(bounds, k), _MAX_OPTIONS))


def _merged(
    slots: list[RawCell],
    combo: tuple[int, ...],
    multi: list[tuple[RawCell, list[RawCell]]],
    owner: dict[int, tuple[int, int]],
) -> tuple[list[RawCell], list[RawCell] | None]:
    """The row's cells with the parts at ``combo``'s boundaries joined; None when a chain is no grouped number."""
    at = set(combo)
    out: list[RawCell] = []
    merged: list[RawCell] = []
    shift = 0  # columns the joins before a cell gave back
    k = 0
    while k < len(slots):
        end = k
        while end in at:
            end += 1
        chain = slots[k : end + 1]
        c = chain[0]
        if len(chain) > 1:
            texts = [p.text for p in chain]
            if not all(
                values.joinable(texts[n], texts[n + 1], " ", first=n == 0, last=n == len(texts) - 2)
                for n in range(len(texts) - 1)
            ):
                return slots, None
            original = multi[owner[id(c)][0]][0]
            span = Span(chain[0].span.start, chain[-1].span.end)
            text = original.text[span.start - original.span.start : span.end - original.span.start]
            col = None if c.col is None else c.col - shift
            c = RawCell(text, span, CellKind.VALUE, col, c.row_start, c.filler, c.reading)
            merged.append(c)
        elif shift and c.col is not None:
            c = replace(c, col=c.col - shift)
        out.append(c)
        shift += len(chain) - 1
        k = end + 1
    return out, merged


def _trial(
    o: ObservedRow,
    slots: list[RawCell],
    merged: list[RawCell],
    f: _RowFacts,
    row: Row,
    template: Template,
    model: tuple[int, ...] | None,
    siblings: _Siblings,
    multi: list[tuple[RawCell, list[RawCell]]],
    owner: dict[int, tuple[int, int]],
) -> _Trial | None:
    """The row read with these cells, if that fits the format's row (no cell too many or too few)."""
    trial = ObservedRow(list(o.labels), slots, o.section)
    out: dict[str, Cell] = {}
    scratch: list[Problem] = []
    picked: list[list[RawCell | None]] = []
    if _assign(trial, f, row, template, model, out, scratch, siblings, picked) is not None or not picked:
        return None
    fits = not any(p.kind in ("cell-count", "cell-missing") for p in scratch)
    originals = frozenset(
        id(multi[owner[id(p)][0]][0])
        for c in merged
        for p in o.slots
        if id(p) in owner and c.span.start <= p.span.start < c.span.end
    )
    return _Trial(slots, merged, out, picked[0], originals, fits)


def _own_totals(row: Row, out: dict[str, Cell]) -> bool | None:
    """Whether the row's own totals hold (table 三: the applicants; 四: each group); None if they cannot tell."""
    size = {"t3": len(row.columns), "t4": 5}.get(row.table)
    if not size:
        return None
    nums = [out[c.key].value if c.key in out else None for c in row.columns]
    verdict = None
    for g in (nums[a : a + size] for a in range(0, len(nums), size)):
        if any(v is None for v in g):
            continue
        if abs(sum(g[:-1]) - g[-1]) > 1e-6:  # type: ignore[operator]
            return False
        verdict = True
    return verdict


def _apply(o: ObservedRow, t: _Trial, reading: str, joined: set[int]) -> None:
    """The row reads with ``t``'s cells from now on (its column positions as the field was written)."""
    merged = {id(c) for c in t.merged}
    slots = [
        replace(c, reading=max(c.reading, reading, key=_READINGS.index)) if id(c) in merged else c for c in t.slots
    ]
    o.slots[:] = slots
    joined.update(t.originals)


def _doubt_join(o: ObservedRow, t: _Trial, problems: list[Problem]) -> None:
    """A join the row's shape asks for but its totals deny: the joined cells are guessed, and T212 says so."""
    spans = {c.span for c in t.merged}
    o.slots[:] = [replace(c, reading="guessed") if c.span in spans else c for c in o.slots]
    keys = tuple(k for k, c in t.out.items() if c.span in spans)
    problems.append(
        Problem(
            "reading-ambiguous",
            Span(min(s.start for s in spans), max(s.end for s in spans)),
            keys,
            {
                "text": " | ".join(c.text.strip() for c in o.values),
                "readings": [" ".join("空" if c.value is None else str(c.value) for c in t.out.values())],
                "consistent": False,
            },
        )
    )


_READINGS = ("exact", "position", "relations", "plausible", "guessed")


def _join_split_rows(
    data: list[ObservedRow], template: Template, doubtful: dict[int, list[int]] | None = None
) -> list[ObservedRow]:
    """Join a wide row written as equal parts (table 四 as three 5-column tables); not ``doubtful`` rows
    (by id: a field of theirs may be one number or two, so their count of cells says nothing yet)."""
    wide = [len(r.columns) for r in template.rows if len(r.columns) > 7]
    out: list[ObservedRow] = []
    i = 0
    while i < len(data):
        for ncols in wide:
            for parts in (3, 2):
                run = data[i : i + parts]
                size = ncols // parts
                if (
                    len(run) == parts
                    and ncols % parts == 0
                    and all(len(_part(o, size)) == size and o.values for o in run)
                    and sum(len(o.values) for o in run) >= ncols - 2  # a blank cell or two among them
                    and len({o.section for o in run}) == 1
                    and not (doubtful and any(id(o) in doubtful for o in run))
                ):
                    # the parts' column positions are their own: the joined row has none
                    cells = [replace(c, col=None, row_start=False) for o in run for c in _part(o, size)]
                    joined = ObservedRow(list(run[0].labels), cells, run[0].section)
                    out.append(joined)
                    i += parts
                    break
            else:
                continue
            break
        else:
            out.append(data[i])
            i += 1
    return out


def matched_pairs(back: list[list[tuple[int, int] | None]], i: int, j: int) -> list[tuple[int, int]]:
    """The (observed, expected) pairs an alignment's back-pointers took diagonally, in order, from (i, j)."""
    pairs: list[tuple[int, int]] = []
    while (i, j) != (0, 0):
        pi, pj = back[i][j]  # type: ignore[misc]
        if pi == i - 1 and pj == j - 1:
            pairs.append((pi, pj))
        i, j = pi, pj
    pairs.reverse()
    return pairs


def _part(o: ObservedRow, size: int) -> list[RawCell]:
    """The cells of one part of a split row: its values and the blanks between, or all its cells
    when it has exactly ``size`` (a Markdown row's blank cell at either end)."""
    region = o.region()
    return o.slots if len(region) != size and len(o.slots) == size else region


def _misspelt_group_labels(rows: list[ObservedRow], template: Template) -> list[Problem]:
    """Merged group labels ("(四)无法提供") written with a wrong character — not fragments of them."""
    found: dict[int, Problem] = {}
    for o in rows:
        for cell in o.labels[:-1] if not o.values or o.label else ():
            core = label_core(cell.text)[1]
            for group, want in _group_cores(template):
                if core != want and abs(len(core) - len(want)) <= 1 and len(want) >= 4 and fuzz.ratio(core, want) >= 70:
                    found[cell.span.start] = Problem(
                        "label-mismatch", cell.span, (), {"label": cell.text.strip(), "expected": group}
                    )
    return list(found.values())


def _block(row: Row) -> str:
    return f"{row.table}:{row.header}"


def _position_models(
    rows: list[ObservedRow],
    data: list[ObservedRow],
    pairs: list[tuple[int, int]],
    trows: tuple[Row, ...],
    doubtful: set[int] | None = None,
) -> dict[str, tuple[int, ...]]:
    """Per table block, the column positions of its values, where the layout gives positions (``doubtful``
    rows, by id, have no say)."""
    by_block: dict[str, list[tuple[int, ...]]] = {}
    first_row: dict[str, ObservedRow] = {}
    for i, j in pairs:
        o, row = data[i], trows[j]
        if doubtful and id(o) in doubtful:
            continue
        vals = o.values
        if not vals or any(c.col is None for c in vals):
            continue
        first_row.setdefault(_block(row), o)
        if len(vals) == len(row.columns):
            by_block.setdefault(_block(row), []).append(tuple(c.col for c in vals))  # type: ignore[misc]
    models: dict[str, tuple[int, ...]] = {}
    for block, tuples in by_block.items():
        models[block] = Counter(tuples).most_common(1)[0][0]
    # blocks with no complete row: take the positions of the header just above
    for block, o in first_row.items():
        if block in models:
            continue
        ncols = next(len(r.columns) for r in trows if _block(r) == block)
        k = rows.index(o)
        for h in reversed(rows[:k]):
            if h.is_data:
                break
            cols = [c.col for c in h.labels if c.col is not None]
            if len(cols) >= ncols + 1:
                models[block] = tuple(cols[-ncols:])
                break
    return models


def _kind(row: Row) -> tuple[str, str]:
    """Rows written alike: of one table block and one merged group label (一、本年新收 … spans the
    label columns, (一)予以公开 … two of them, the sub-items one, after their group's label)."""
    return _block(row), row.group


def _lead(o: ObservedRow, start: int) -> tuple[int, ...]:
    """The kinds of blank (their filler levels) the row has before its slot ``start``."""
    return tuple(c.filler for c in o.slots[:start])


class _Shape(NamedTuple):  # a NamedTuple: far cheaper to define than a frozen dataclass (start-up)
    """How a row with every value is written: where its values start, after what."""

    lead: tuple[int, ...]  # the blanks between its labels and its first value (filler levels)
    label_col: int | None  # the column of its last label, where the layout gives columns
    start: int | None  # the column of its first value
    named: bool = False  # the shape a header's column names give, not how a row of the block is written


class _Siblings(NamedTuple):  # a NamedTuple: far cheaper to define than a frozen dataclass (start-up)
    """What the rows written alike show: the shapes of those with every value, and where the
    block's lines end when they all end in one column (a PDF table's right edge)."""

    shapes: frozenset[_Shape] = frozenset()
    edge: int | None = None


_NO_SIBLINGS = _Siblings()  # the default: a row with no siblings known


def _siblings(
    data: list[ObservedRow],
    pairs: list[tuple[int, int]],
    trows: tuple[Row, ...],
    rows: list[ObservedRow] | None = None,
) -> dict[tuple[str, str], _Siblings]:
    """Per kind of row, its siblings: a row whose blank could be at either end reads as they are written
    (the merged label's padding — a ``|`` line, an empty tab field — before the values is no cell of theirs).

    A kind with no row of every value (a block of one row, ``行政事业性收费 | | 0 | |``) reads as the
    header just above it where that header names its columns right after its first cell
    (``信息内容 | 上一年项目数量 | 本年增/减 | |``): the values start right after the label, as the names do.
    """
    shapes: dict[tuple[str, str], set[_Shape]] = {}
    ends: dict[str, set[int]] = {}
    for kind, shape in _header_shapes(data, pairs, trows, rows or []).items():
        shapes.setdefault(kind, set()).add(shape)
    headed = set(shapes)
    for i, j in pairs:
        o, row = data[i], trows[j]
        idx = [k for k, c in enumerate(o.slots) if c.kind is CellKind.VALUE]
        if idx and o.slots[-1].col is not None:
            ends.setdefault(_block(row), set()).add(o.slots[-1].col)  # type: ignore[arg-type]
        if len(idx) == len(row.columns) and idx[-1] - idx[0] + 1 == len(idx):
            label = o.label
            shape = _Shape(_lead(o, idx[0]), label.col if label else None, o.slots[idx[0]].col)
            if _kind(row) in headed:  # a row of every value says more than the header
                shapes[_kind(row)] = set()
                headed.discard(_kind(row))
            shapes.setdefault(_kind(row), set()).add(shape)
    out: dict[tuple[str, str], _Siblings] = {}
    for row in trows:
        edge = ends.get(_block(row), set())
        out[_kind(row)] = _Siblings(frozenset(shapes.get(_kind(row), ())), min(edge) if len(edge) == 1 else None)
    return out


_HEADER_FIRST = "信息内容"  # the first cell of every header of table 二 in the national format


def _header_shapes(
    data: list[ObservedRow], pairs: list[tuple[int, int]], trows: tuple[Row, ...], rows: list[ObservedRow]
) -> dict[tuple[str, str], _Shape]:
    """The shape the header just above a block's first row gives its rows: values right after the label,
    where that header is its first cell and one name per column (``信息内容 | 上一年项目数量 | 本年增/减``)."""
    out: dict[tuple[str, str], _Shape] = {}
    where = {id(o): k for k, o in enumerate(rows)}
    seen: set[str] = set()
    for i, j in pairs:
        row, o = trows[j], data[i]
        if _block(row) in seen or id(o) not in where:
            continue
        seen.add(_block(row))
        k = where[id(o)]
        header = rows[k - 1] if k > 0 else None
        n = len(row.columns)
        # the header a row of its own, or read into the row's labels (one cell a line: 信息内容 | names | label)
        above = (
            header is not None
            and not header.is_data
            and not header.values
            and len(header.labels) == n + 1
            and _HEADER_FIRST in header.labels[0].text.replace(" ", "")
        )
        inline = len(o.labels) >= n + 2 and _HEADER_FIRST in o.labels[-(n + 2)].text.replace(" ", "")
        if not (above or inline):
            continue
        for r in trows:
            if _block(r) == _block(row):
                out[_kind(r)] = _Shape((), None, None, named=True)
    return out


def _assign(
    o: ObservedRow,
    f: _RowFacts,
    row: Row,
    template: Template,
    model: tuple[int, ...] | None,
    out: dict[str, Cell],
    problems: list[Problem],
    siblings: _Siblings = _NO_SIBLINGS,
    picked: list[list[RawCell | None]] | None = None,
) -> _Pending | None:
    keys = tuple(c.key for c in row.columns)
    block_model = model
    label = o.label
    # table 四's one row has no label of its own: its values are placed by count, as written
    by_position = bool(row.label) and (label is None or not f.core or f.context)
    if label is None or not f.core:
        problems.append(Problem("row-guessed", o.span, keys, {"expected": row.label}))
    elif not f.context and f.sims[row.index] < 99:
        problems.append(
            Problem("label-mismatch", label.span, keys, {"label": label.text.strip(), "expected": row.label})
        )
    elif f.context:
        problems.append(Problem("row-guessed", label.span, keys, {"expected": row.label, "merged": label.text.strip()}))

    ncols = len(row.columns)
    chosen: list[RawCell | None]
    vals = o.values
    row_relations = False
    guessed: set[int] = set()  # columns whose value the relations could not choose
    shifted = _shifted(model, vals if len(vals) == ncols else _between_values(o), ncols)
    if shifted is not None:
        model, by_position = shifted, True  # the row gained or lost a leading cell: all its values kept
    blank_cols = {c.col for c in o.slots if c.kind is CellKind.BLANK}
    # (or every column of the block a blank field of the row's: its values are strays, T206 — a row
    # of blanks with a stray 1 in a label column was read by count, the 1 a cell: a false A302)
    if (
        model
        and vals
        and all(c.col is not None for c in vals)
        and ({c.col for c in vals} & set(model) or set(model) <= blank_cols)
    ):
        by_col = {c.col: c for c in o.slots if c.kind is CellKind.BLANK}
        by_col.update({c.col: c for c in vals})
        read = _column_readings(o, model, by_col, row, siblings)
        if isinstance(read, list):
            return _Pending(o, row, read, "position")  # the relations between rows decide, else a doubt
        if read is not None:
            shift, how = read
            model = tuple(m + shift for m in model)
            row_relations, by_position = how == "relations", by_position or shift != 0
        chosen = [by_col.get(col) for col in model]
        extra = [c for c in vals if c.col not in model]
        if extra:
            by_position = True  # a value the block's positions leave out: the row is not read as written
            if len(vals) > ncols:
                # a row of more values than columns (a merged cell written out twice): the runs of
                # ncols values under which the row's own totals hold choose; several are a doubt, named
                runs = [vals[i : i + ncols] for i in range(len(vals) - ncols + 1)]
                holding = [w for w in runs if _sums_hold(w, row)]
                pick = next((w for w in holding if w == chosen), holding[0] if holding else None)
                if pick is not None:
                    row_relations = pick != chosen
                    chosen, extra = list(pick), [c for c in vals if c not in pick]  # still one too many, said
                    guessed = _ambiguous_windows(o, [pick, *(w for w in holding if w != pick)], keys, problems)
        if extra or any(c is None for c in chosen):
            problems.append(
                Problem(
                    "cell-count",
                    o.span,
                    keys,
                    {
                        "found": len([c for c in chosen if c])
                        + len(extra)
                        - sum(1 for c in chosen if c is not None and c.kind is CellKind.BLANK),
                        "expected": ncols,
                    },
                )
            )
    else:
        found = len(problems)
        chosen = _by_count(o, ncols, row, keys, problems, siblings)
        # values counted into place around a gap
        by_position = by_position or len(problems) > found or isinstance(chosen, _Inferred)
    spare = (
        None
        if picked is not None
        else _spare_cells(  # (a join's trial asks only whether it fits)
            o,
            chosen.windows[0] if isinstance(chosen, _Ambiguous) else chosen,
            row,
            siblings,
            keys,
            problems,
            block_model,
        )
    )
    if spare is not None:
        chosen, doubt = spare
        guessed |= doubt
        by_position = True
        row_relations = row_relations or not doubt
    row_reading = "relations" if row_relations else ("position" if by_position else "exact")
    if isinstance(chosen, _Ambiguous):
        return _Pending(o, row, chosen.windows, row_reading)
    if picked is not None:
        picked.append(list(chosen))
    _put(row, chosen, o.span, row_reading, out, problems, frozenset(keys[k] for k in guessed))
    return None


_MAX_SPARE = 3  # cells too many in a row that are weighed (more: the row is read as placed)


def _spare_cells(
    o: ObservedRow,
    chosen: list[RawCell | None],
    row: Row,
    siblings: _Siblings,
    keys: tuple[str, ...],
    problems: list[Problem],
    model: tuple[int, ...] | None = None,
) -> tuple[list[RawCell | None], set[int]] | None:
    """A row with more cells than the format's row (a stray number, blanks besides): which cells are its.

    The placement took ``chosen`` by where the cells are and how likely a blank is padding; but a
    stray value anywhere, or a blank the row's siblings do not write before their values, leaves
    a cell too many that the position cannot tell. Every way of leaving out the spare cells is a
    reading; the row's own totals (blanks as 0, as the arithmetic checks count them) choose. One
    reading: it is the row. Several, or none: the cells on which they differ are guessed, and
    T212 names the readings (never an arithmetic finding on a cell placed by a guess). None: no
    spare cell, or no totals to weigh (table 二). Blanks after the last value are not weighed: a
    row's padding there reads as a blank cell would, and would hide a wrong total.
    """
    if row.table not in ("t3", "t4") or any(c is None for c in chosen):
        return None
    if any(p.kind == "reading-ambiguous" and p.span == o.span for p in problems):
        return None  # its runs of values were weighed already (a merged cell written out twice)
    at = {id(c): k for k, c in enumerate(o.slots)}
    idx = sorted(at[id(c)] for c in chosen if id(c) in at)
    if len(idx) != len(chosen):
        return None
    vals = [k for k, c in enumerate(o.slots) if c.kind is CellKind.VALUE]
    if len(vals) == len(chosen) and set(vals) <= set(idx):
        return None  # every value has its column: the blanks left out are gaps a merged cell left
    first, last = min([idx[0], *vals]), max([idx[-1], *vals])
    # blanks before the values that the row's siblings do not write there: cells of the row (the
    # siblings as written: a header's names say where values start, not what blanks pad the labels)
    placed, shifted = first, False
    lead = _lead(o, first)
    alike = [s for s in siblings.shapes if not s.named and s.lead == lead[: len(s.lead)]]
    if alike and lead not in [s.lead for s in alike]:
        # Counted from the label, not by column. Where the row's label stands in another column than
        # its siblings' the blanks may be the label columns' padding (seed 002: (一)予以公开 a field
        # left of (二)部分公开, its own blanks filling the field) as well as a cell (a tab copy leaving
        # out a merged label's field): the text cannot tell, so they are weighed only when the row as
        # placed fails its totals
        label_col = o.label.col if o.label else None
        shifted = label_col is not None and any(s.label_col not in (None, label_col) for s in alike)
        if not shifted or not _sums_hold(chosen, row):  # type: ignore[arg-type]
            first = max(len(s.lead) for s in alike)
    cells = [
        c
        for k, c in enumerate(o.slots[first : last + 1], first)
        if c.kind is CellKind.VALUE or k in idx or c.filler <= 1
    ]
    ncols = len(chosen)
    readings = _readings_leaving_out(cells, len(cells) - ncols)
    if readings is not None:
        holding = [w for w in readings if _sums_hold(w, row)]
    else:
        if _sums_hold(chosen, row):  # type: ignore[arg-type]
            return None
        # the totals fail as placed, but hold with a cell left out and the empty field after the
        # values, under the block's columns, taken as its last: a wrong total, or a stray number
        # and a blank 总计 — the text cannot tell, so the cells the readings disagree on are a doubt
        tail = []
        for c in o.slots[last + 1 :]:
            in_block = model is not None and c.col is not None and c.col <= max(model)  # a tab row's last field
            if not in_block or c.kind is CellKind.VALUE:
                break  # (a pipe row's trailing " |" is as often padding: a wrong total stays a finding)
            tail.append(c)
        more = _readings_leaving_out(cells + tail, len(cells) + len(tail) - ncols) if tail else None
        others = [w for w in more or () if _sums_hold(w, row)]
        if not others:
            return None
        readings, holding = [list(chosen), *others], []  # type: ignore[list-item]
        cells = cells + tail
    if not any(p.kind == "cell-count" and p.span == o.span for p in problems):
        problems.append(Problem("cell-count", o.span, keys, {"found": len(cells), "expected": ncols}))
    mine = _texts(chosen)  # type: ignore[arg-type]
    padding = False  # the one reading that holds takes a blank of the shifted label's columns for a cell
    if len(holding) == 1:
        # the one reading under which the row's totals hold (the placement's own: as it was)
        if _texts(holding[0]) == mine:
            return None
        padding = shifted and any(at[id(c)] < placed for c in holding[0])
        if not padding:
            return list(holding[0]), set()
        # ... unless it holds only by a blank the placement took for the label's padding: a cell of
        # the row, or padding and the row's total wrong — a doubt (T212), never an arithmetic finding
        holding = [holding[0], list(chosen)]  # type: ignore[list-item]
    weighed = holding or readings
    pick = weighed[0] if padding else next((w for w in weighed if _texts(w) == mine), weighed[0])
    shown = [_texts(w) for w in [pick, *(w for w in weighed if w is not pick)]]
    differ = {k for k in range(ncols) if len({t[k] for t in shown}) > 1}
    problems.append(
        Problem(
            "reading-ambiguous",
            o.span,
            tuple(keys[k] for k in sorted(differ)),
            {
                "text": " | ".join(c.text.strip() or "（空）" for c in cells),
                "readings": [" ".join(t or "空" for t in r) for r in shown][:4],
                "consistent": bool(holding),
                **({"padding": True} if padding else {}),
                **({"more": len(shown) - 4} if len(shown) > 4 else {}),
            },
        )
    )
    return list(pick), differ


def _texts(cells: list[RawCell]) -> tuple[str, ...]:
    return tuple(c.text.strip() if c.kind is CellKind.VALUE else "" for c in cells)


def _readings_leaving_out(cells: list[RawCell], spare: int) -> list[list[RawCell]] | None:
    """The row's readings with ``spare`` of its cells left out, one per distinct reading; None: too many to weigh."""
    from itertools import combinations

    if spare <= 0 or spare > _MAX_SPARE:
        return None
    readings: dict[tuple[str, ...], list[RawCell]] = {}
    for drop in combinations(range(len(cells)), spare):
        w = [c for k, c in enumerate(cells) if k not in drop]
        readings.setdefault(_texts(w), w)
    return list(readings.values())


def _put(
    row: Row,
    chosen: list[RawCell | None],
    row_span: Span,
    row_reading: str,
    out: dict[str, Cell],
    problems: list[Problem],
    guessed: frozenset[str] = frozenset(),
) -> None:
    """The row's cells at their keys, with the problems of each (blank, not a number, prefix, unit)."""
    for col, cell in zip(row.columns, chosen, strict=True):
        if col.key in guessed and cell is not None:
            cell = replace(cell, reading="guessed")
        if cell is None:
            reading = "guessed" if col.key in guessed else "position"
            out[col.key] = Cell(col.key, None, "", Span(row_span.end, row_span.end), row_span, reading)
            problems.append(Problem("cell-missing", Span(row_span.end, row_span.end), (col.key,)))
            continue
        if cell.kind is CellKind.BLANK:
            out[col.key] = Cell(col.key, None, "", cell.span, row_span, _reading(cell, row_reading))
            problems.append(Problem("cell-blank", cell.span, (col.key,)))
            continue
        parsed = values.parse(cell.text, col.unit, col.signed)
        out[col.key] = Cell(col.key, parsed.value, cell.text.strip(), cell.span, row_span, _reading(cell, row_reading))
        if parsed.value is None:
            problems.append(Problem("non-numeric", cell.span, (col.key,), {"text": cell.text.strip()}))
            continue
        if parsed.prefix and parsed.prefix not in ("-", "−"):
            problems.append(
                Problem("prefixed-value", cell.span, (col.key,), {"prefix": parsed.prefix, "value": parsed.value})
            )
        if parsed.unit:
            problems.append(
                Problem(
                    "unit-value",
                    cell.span,
                    (col.key,),
                    {
                        "unit": parsed.unit,
                        "factor": parsed.factor,
                        "column_unit": col.unit or "",
                        "value": parsed.value,
                    },
                )
            )


def _between_values(o: ObservedRow) -> list[RawCell]:
    """The row's cells from its first value to its last, blanks between them included."""
    idx = [i for i, c in enumerate(o.slots) if c.kind is CellKind.VALUE]
    return o.slots[idx[0] : idx[-1] + 1] if idx else []


def _shifted(model: tuple[int, ...] | None, vals: list[RawCell], ncols: int) -> tuple[int, ...] | None:
    """The block's column positions moved by a cell or two, when that — and only that — places every cell.

    A Markdown row that gained a leading cell (a merged label written out) or lost one
    has all its values one column off the block's; read by the block's positions it
    would lose a value and take a blank. ``vals`` are the row's values, or its cells from
    the first value to the last (a blank between them included) when some are blank.
    """
    if not model or len(vals) != ncols or any(c.col is None for c in vals):
        return None
    cols = {c.col for c in vals}
    if cols == set(model):
        return None
    fits = [d for d in (-2, -1, 1, 2) if cols == {m + d for m in model}]
    return tuple(m + fits[0] for m in model) if len(fits) == 1 else None


_ZERO = RawCell("0", Span(0, 0), CellKind.VALUE)  # a cell the positions found no value for, in a sum


def _ambiguous_windows(
    o: ObservedRow, holding: list[list[RawCell]], keys: tuple[str, ...], problems: list[Problem]
) -> set[int]:
    """Several runs of a row's values satisfy its totals: the first is taken, the others named (T212)."""
    texts = [[c.text.strip() for c in w] for w in holding]
    differ = {k for k in range(len(keys)) if len({t[k] for t in texts}) > 1}
    if differ:
        problems.append(
            Problem(
                "reading-ambiguous",
                o.span,
                tuple(keys[k] for k in sorted(differ)),
                {"text": " ".join(c.text.strip() for c in o.values), "readings": [" ".join(t) for t in texts][:4]},
            )
        )
    return differ


class _Inferred(list):
    """Cells placed by inference (a gap skipped, a window chosen by the sums): read by position."""


class _Ambiguous(_Inferred):
    """A row's values with blank cells on both sides: the likeliest window, and every other one."""

    def __init__(self, chosen: list[RawCell], windows: list[list[RawCell]]) -> None:
        super().__init__(chosen)
        self.windows = windows  # the chosen first


class _Pending(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """A row placed once the other rows are: which window of its cells, the relations decide."""

    o: ObservedRow
    row: Row
    windows: list[list[RawCell | None]]
    reading: str
    joins: bool = False  # the readings are numbers grouped by spaces, joined or not (say whether a relation ties them)


def _window_values(row: Row, window: list[RawCell | None]) -> dict[str, float | int | None]:
    return {
        col.key: values.parse(c.text, col.unit, col.signed).value if c and c.kind is CellKind.VALUE else None
        for col, c in zip(row.columns, window, strict=True)
    }


def _relation_score(template: Template, known: dict[str, Cell], trial: dict[str, float | int | None]) -> int:
    """Relations touching ``trial``'s keys that hold, less those that fail (blank cells unknown)."""
    score = 0
    for rel in template.relations:
        if not trial.keys() & set(rel.keys):
            continue
        nums = []
        for k in rel.keys:
            v = trial[k] if k in trial else (known[k].value if k in known else None)
            if v is None:
                break
            nums.append(v)
        else:
            left, right = nums[: len(rel.left)], nums[len(rel.left) :]
            score += 1 if abs(sum(left) - sum(right)) < 1e-6 else -1
    return score


def _settle(p: _Pending, template: Template, out: dict[str, Cell], problems: list[Problem]) -> None:
    """Place a row whose values read in several windows: by the relations between rows, else as a guess."""
    trials = [_window_values(p.row, w) for w in p.windows]
    scores = [_relation_score(template, out, t) for t in trials]
    best = max(scores)
    tied = [i for i, sc in enumerate(scores) if sc == best]
    if len(tied) == 1:
        _put(p.row, p.windows[tied[0]], p.o.span, "relations", out, problems)
        return
    chosen = p.windows[tied[0]]
    differ = frozenset(col.key for col in p.row.columns if len({repr(trials[i][col.key]) for i in tied}) > 1)
    _put(p.row, chosen, p.o.span, p.reading, out, problems, guessed=differ)
    if not differ:
        return  # every reading the same (table 四 with all 15 cells blank): no doubt to say (was a T212)
    cells = [c for w in p.windows for c in w if c is not None]
    problems.append(
        Problem(
            "reading-ambiguous",
            Span(min(c.span.start for c in cells), max(c.span.end for c in cells)),  # the cells that read two ways
            tuple(col.key for col in p.row.columns if col.key in differ),
            {
                "text": " | ".join(c.text.strip() or "（空）" for c in p.o.slots if c.kind is CellKind.VALUE or c.text),
                "readings": [" ".join("空" if v is None else str(v) for v in trials[i].values()) for i in tied][:4],
                "consistent": True,
                **({"related": _related(template, differ)} if p.joins else {}),
            },
        )
    )


def _related(template: Template, keys: frozenset[str]) -> bool:
    """Whether a relation of the format involves any of ``keys`` (else a doubt about them is information)."""
    return any(keys & set(rel.keys) for rel in template.relations)


def _column_readings(
    o: ObservedRow,
    model: tuple[int, ...],
    by_col: dict[int, RawCell],
    row: Row,
    siblings: _Siblings,
) -> tuple[int, str] | list[list[RawCell | None]] | None:
    """How far off the block's positions a row's cells are, when that is not where the block has them.

    A tab row with a label field more or fewer than its block's other rows (a wrapped label's
    second line in the first field; ``一、本年新收\t\t\t0…`` among rows of two label fields)
    has its values a column or two off. Every shift that places all the row's values on cells
    is a reading (the line may end before a blank last cell, unless every line of the block ends
    where this one does). One reading: it is the row. Several (a blank at one end, an empty field
    beyond the other): the one under which the row's own totals can hold, else the one written as
    a sibling with every value is (its first value in their column after a label in theirs, or
    after as many blanks from its label), as ``(shift, how decided)``; else all of them, for the
    relations between rows to decide or the doubt to be said (T212). None: the block's positions.
    """
    cols = {c.col for c in o.values}
    line_end = max(c.col for c in o.slots if c.col is not None)
    readings: list[tuple[int, list[RawCell | None]]] = []
    for shift in (0, 1, -1, 2, -2):
        at = [m + shift for m in model]
        if not cols <= set(at):
            continue
        cells = [by_col.get(col) for col in at]
        if shift and any(
            c is None and (col <= line_end or line_end == siblings.edge) for c, col in zip(cells, at, strict=True)
        ):
            continue  # a line ends before the row's last cell, where every line of the block ends (seed 002)
        readings.append((shift, cells))
    if not readings or [d for d, _ in readings] == [0]:
        return None
    if len(readings) == 1:
        return readings[0][0], "position"
    holding = [r for r in readings if _may_hold(r[1], row) is not False]
    if len(holding) == 1:
        return holding[0][0], "relations"
    readings = holding or readings
    # the one written as its siblings: after a label in the same column, its first value in theirs;
    # or after as many blanks from the label (a wrapped label's second line moves both)
    label_col = o.label.col if o.label else None
    alike, placed = [], []
    for d, cells in readings:
        start = model[0] + d
        lead = _lead(o, next(k for k, c in enumerate(o.slots) if c.col is not None and c.col >= start))
        if any((s.label_col, s.start) == (label_col, start) or s.lead == lead for s in siblings.shapes):
            alike.append((d, cells))
        # by columns alone, which is what the layout gives: a sibling's first value in this one's column
        # after its label in this one's, or lost, or where this row has an empty field (its own label
        # lost there). A blank 总计 of a row of zeros in a block of lost labels was read by as many
        # blanks from a label, a column off: 自然人 blank without saying so, or a T212.
        if any(
            s.start == start
            and (s.label_col in (label_col, None) or getattr(by_col.get(s.label_col), "kind", None) is CellKind.BLANK)
            for s in siblings.shapes
        ):
            placed.append((d, cells))
    if len(placed) == 1:
        return placed[0][0], "position"
    if len(alike) == 1:
        return alike[0][0], "position"
    return [cells for _, cells in readings]


def _may_hold(cells: list[RawCell | None], row: Row) -> bool | None:
    """Whether the row's own totals can hold for some value of its blank cells (≥ 0); None if unknown."""
    nums: list[float | None] = []
    for c in cells:
        if c is None or c.kind is CellKind.BLANK:
            nums.append(None)
            continue
        if len(c.text) > 24:
            return None
        v = values.parse(c.text).value
        if v is None:
            return None
        nums.append(v)
    size = {"t3": len(cells), "t4": 5}.get(row.table)
    if not size:
        return None
    for g in (nums[i : i + size] for i in range(0, len(nums), size)):
        parts, total = g[:-1], g[-1]
        known = sum(x for x in parts if x is not None)
        if total is None:
            continue  # a blank total can be the sum
        if None in parts:
            if known > total + 1e-6:
                return False  # the blank parts would have to be negative
        elif abs(known - total) > 1e-6:
            return False
    return True


def _sums_hold(cells: list[RawCell], row: Row) -> bool:
    """Whether the row's own totals hold for these cells (table 三: the six applicants; 四: each group)."""
    held = _groups_holding(cells, row)
    return held is not None and held[0] == held[1]


def _groups_holding(cells: list[RawCell], row: Row) -> tuple[int, int] | None:
    """(groups whose total holds, groups) of the row's own totals for these cells; None if none can be checked."""
    if any(len(c.text) > 24 for c in cells):
        return None  # no count of the tables is that long
    nums = [values.parse(c.text).value if c.kind is CellKind.VALUE else 0 for c in cells]
    if any(v is None for v in nums):
        return None
    size = {"t3": len(cells), "t4": 5}.get(row.table)
    if not size:
        return None
    groups = [nums[i : i + size] for i in range(0, len(nums), size)]
    return sum(abs(sum(g[:-1]) - g[-1]) < 1e-6 for g in groups), len(groups)  # type: ignore[arg-type]


def _reading(cell: RawCell, row_reading: str) -> str:
    """The less certain of how the dialect read the cell and how the row was placed."""
    order = ("exact", "position", "relations", "plausible", "guessed")
    return max(cell.reading, row_reading, key=order.index)


def _by_count(
    o: ObservedRow,
    ncols: int,
    row: Row,
    keys: tuple[str, ...],
    problems: list[Problem],
    siblings: _Siblings = _NO_SIBLINGS,
) -> list[RawCell | None]:
    region = o.region()
    if not region and o.slots:
        # nothing but blanks ("行政处罚 | | ||"): the likeliest-real ones, in reading order
        region = sorted(sorted(o.slots, key=lambda c: c.filler)[:ncols], key=lambda c: c.span.start)
        if len(region) == ncols:
            return list(region)
    if len(region) > ncols:
        # padding inside the row first, then values beyond the format's columns
        trimmed = [c for c in region if c.kind is CellKind.VALUE or c.filler < 2]
        region = trimmed if len(trimmed) >= ncols else region
    if len(region) > ncols:
        vals = [c for c in region if c.kind is CellKind.VALUE]
        if len(vals) == ncols:
            # every value has its column; the blanks between them are gaps a merged cell left (colspan)
            return _Inferred(vals)
        problems.append(Problem("cell-count", o.span, keys, {"found": len(region), "expected": ncols}))
        windows = [region[-ncols:], region[:ncols]] if row.table != "t2" else [region[:ncols], region[-ncols:]]
        holding = [w for w in windows if _sums_hold(w, row)]
        if len(holding) == 1 and holding[0] is not windows[0]:
            return _Inferred(holding[0])  # the other reading is the one under which the row's totals hold
        return list(windows[0])
    if len(region) < ncols and region:
        first = o.slots.index(region[0])
        last = o.slots.index(region[-1])
        # blank cells on both sides: the side under which more of the row's totals hold (a blank
        # 总计 at the end, not the row mark before the values), else the likeliest-real blanks first
        starts = [
            first - k
            for k in range(ncols - len(region) + 1)
            if first - k >= 0 and last + 1 + ncols - len(region) - k <= len(o.slots)
        ]
        windows = [o.slots[a : a + ncols] for a in starts]
        # of the windows under which the row's totals can hold at all, the one whose blanks before
        # the values are its siblings' (a merged label's padding "|", not a cell of the row) ...
        possible = [k for k, w in enumerate(windows) if _may_hold(list(w), row) is not False] or range(len(windows))
        alike = [k for k in possible if any(s.lead == _lead(o, starts[k]) for s in siblings.shapes)]
        if len(alike) == 1:
            return _Inferred(windows[alike[0]])
        # ... else the one under which they hold with its blanks 0
        held = [_groups_holding(w, row) for w in windows]
        best = max((h[0] for h in held if h is not None), default=0)
        if best and sum(1 for h in held if h is not None and h[0] == best) == 1:
            return _Inferred(windows[next(i for i, h in enumerate(held) if h is not None and h[0] == best)])
        take_before = take_after = 0
        while len(region) + take_before + take_after < ncols:
            after = o.slots[last + 1 + take_after] if last + 1 + take_after < len(o.slots) else None
            before = o.slots[first - 1 - take_before] if first - 1 - take_before >= 0 else None
            if after is None and before is None:
                break
            if before is not None and (after is None or before.filler <= after.filler):
                take_before += 1
            else:
                take_after += 1
        region = o.slots[first - take_before : last + 1 + take_after]
        others = [w for w in windows if [id(c) for c in w] != [id(c) for c in region]]
        if others and len(region) == ncols:
            return _Ambiguous(list(region), [list(region), *others])
    if len(region) < ncols:
        problems.append(Problem("cell-count", o.span, keys, {"found": len(region), "expected": ncols}))
        return list(region) + [None] * (ncols - len(region))
    return list(region)


def _missing(
    trows: tuple[Row, ...],
    matched: set[int],
    pairs: list[tuple[int, int]],
    data: list[ObservedRow],
    problems: list[Problem],
) -> None:
    tables_found = {trows[j].table for j in matched}
    for table in ("t2", "t3", "t4"):
        if table not in tables_found:
            problems.append(Problem("table-missing", Span(0, 0), (), {"table": table}))
    for j, row in enumerate(trows):
        if j in matched or row.table not in tables_found:
            continue
        # point at the row now standing where the missing one belongs (else the one before)
        after = [data[i].span for i, k in pairs if k > j and trows[k].table == row.table]
        before = [data[i].span for i, k in pairs if k < j]
        at = (
            Span(after[0].start, after[0].start)
            if after
            else (Span(before[-1].end, before[-1].end) if before else Span(0, 0))
        )
        problems.append(
            Problem(
                "row-missing",
                at,
                tuple(c.key for c in row.columns),
                {"expected": row.label, "table": row.table},
            )
        )
