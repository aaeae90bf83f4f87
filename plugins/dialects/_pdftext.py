"""Rows of the text PDF libraries give: each run of numbers matched to its row of the format.

In a PDF's text (pdfplumber, pypdf, ``pdftotext``, with or without their layout modes) a
table row is a line of numbers separated by spaces, and its label is wrapped around it:
before the numbers (pypdf), starting on their line and going on below (cells aligned to
the top: Word, LibreOffice, browsers), or above and below (cells centred: WPS); the text of
merged cells (三、本年度办理结果, (三)不予公开) is interleaved with it line by line, and a page
footer may stand in the middle. So the words between two runs of numbers belong partly to
the row above and partly to the row below. The few plausible cuts of each gap are tried and
the one under which both neighbours' labels name rows is kept (a row's label is found when
its characters appear in order among the words: the interleaved merged-cell text is skipped);
then the runs are aligned to the format's rows in order (dynamic programming over label
evidence and number of values). A run matched without its label found is a guess, and said so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz.distance import LCSseq

from nianbao import regex_cache
from nianbao.align import matched_pairs
from nianbao.chars import fold
from nianbao.model import Span
from nianbao.template import Row

_KEEP = regex_cache.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
_PIECE = regex_cache.compile(r"\S+(?: \S+)*")  # a piece of a line up to a wide gap (two spaces or more)
_FOOTER = regex_cache.compile(
    r"^(?:[-－—–]\s*\d+\s*[-－—–]|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
# a number next to one of these is part of a date, an address or a page count ("12/2/26, 12:39", "2/4")
_NOT_VALUE_NEIGHBOUR = set("/:：_.,，@#%A-Za-z") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NUMBERING = regex_cache.compile(r"^(?:\d+|[一二三四五六七八九十]+)")  # of a label's key: "1", "三"
_FOUND = 0.999  # share of a label's characters found for the label to count as read
_WEAK = 0.6  # below this the label is not found: the run is placed by order alone


def key(text: str) -> str:
    """Letters, digits and ideographs of ``text`` in folded form (numbering digits included)."""
    return _KEEP.sub("", fold(text))


@cache
def _row_keys(row: Row) -> tuple[str, ...]:
    return tuple(k for k in (key(v) for v in row.labels) if k)


def spaced(t: str, runs: list[Span]) -> bool:
    """Whether the runs of numbers are written apart (PDF text), not run together (crawler dumps)."""
    multi = [r for r in runs if len(t[r.start : r.end].split()) >= 2]
    return len(multi) >= 3 and len(multi) * 2 >= sum(1 for r in runs if r.end - r.start >= 3)


def _line_of(t: str, pos: int) -> tuple[int, int]:
    a = t.rfind("\n", 0, pos) + 1
    b = t.find("\n", pos)
    return a, (len(t) if b < 0 else b)


def is_value_run(t: str, run: Span) -> bool:
    """A run of numbers that is a row's values, not a page number, a date or part of an address."""
    a, b = _line_of(t, run.start)
    if _FOOTER.match(t[a:b].strip()):
        return False
    before = t[run.start - 1] if run.start > a else " "
    after = t[run.end] if run.end < b else " "
    if t[run.end - 1] in ".．、":  # "5." of a label's numbering ("5.4.属于…": two labels' lines interleaved)
        return False
    return before not in _NOT_VALUE_NEIGHBOUR and after not in _NOT_VALUE_NEIGHBOUR


_LEADING_NUMBERING = regex_cache.compile(r"\d{1,2}[.．、](?= )")


def numbering_of(t: str, run: Span) -> tuple[Span | None, Span | None]:
    """A run that starts with a label's numbering ("8.   1 0 0 0 1 2"): the numbering and the values."""
    m = _LEADING_NUMBERING.match(t, run.start, run.end)
    if m is None:
        return None, run
    rest = run.start + len(m.group())
    while rest < run.end and t[rest] == " ":
        rest += 1
    return Span(run.start, m.end()), (Span(rest, run.end) if rest < run.end else None)


def pieces(t: str, span: Span) -> list[Span]:
    """The words of ``span`` in pieces between line breaks and wide gaps, page footers left out."""
    out = []
    for m in _PIECE.finditer(t, span.start, span.end):
        text = m.group()
        if "\n" in text:  # _PIECE does not cross lines, but be safe
            continue
        if _FOOTER.match(text.strip()) or not key(text):
            continue
        out.append(Span(m.start(), m.end()))
    return out


@dataclass
class Placed:
    row: Row
    label: Span  # where the label is (a piece of it) in the text
    run: Span
    text: str | None  # the label as read across the pieces (None: as written at ``label``)
    guessed: bool  # placed by order, its label not found
    more: tuple[Span, ...] = field(default=())  # the rest of its values, on the next line (see join_broken)


def _best(text_key: str, rows: list[Row]) -> float:
    return max((_evidence(text_key, r) for r in rows), default=0.0)


def _evidence(text_key: str, row: Row, loose: bool = False) -> float:
    """Share of the row's label characters found in order in the words (merged-cell text skipped).

    ``loose``: its numbering may stand anywhere among them (for the label of a run already placed;
    cutting the gaps by it would hand a label's words to its neighbour).
    """
    best = 0.0
    for k in _row_keys(row):
        found = LCSseq.similarity(k, text_key) / len(k)
        number = _NUMBERING.match(k) if loose else None
        if found < 1.0 and number and number.group() in text_key:
            # its numbering out of order: on a line of its own after the label's first line ("另行 4" / "2." /
            # "制作"), or between another label's lines ("5.4.属于…")
            rest = LCSseq.similarity(k[number.end() :], text_key)
            found = max(found, (len(number.group()) + rest) / len(k))
        if found > best:
            best = found
    return best


def join_broken(
    t: str, gaps: list[list[Span]], runs: list[Span], widths: set[int], fits: Callable[[list[str]], bool]
) -> tuple[list[list[Span]], list[Span], list[tuple[Span, ...]]]:
    """Runs that are one row's values broken over two lines, as one run and the rest of its values.

    ``pdftotext -layout`` writes the values of a row whose cells are centred on the
    middle of a wrapped label partly on the label's first line and partly on the next
    ("一、本年新收…申请数 454" / "量  200 26 40 95 54 869"). Two runs are joined when the
    first ends its line, the second is on the next line (or the one after), neither has as many values as
    a row and together they have, and ``fits`` their values (the row's total is the sum
    of the others): a lucky join of two short rows would be a confident wrong reading.
    """
    out_gaps = [list(gaps[0])]
    out_runs: list[Span] = []
    more: list[tuple[Span, ...]] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        if i + 1 < len(runs) and _broken_pair(t, run, runs[i + 1], widths, fits):
            out_runs.append(run)
            more.append((runs[i + 1],))
            out_gaps.append(list(gaps[i + 1]) + list(gaps[i + 2]))  # the label's words on the second line first
            i += 2
            continue
        out_runs.append(run)
        more.append(())
        out_gaps.append(list(gaps[i + 1]))
        i += 1
    return out_gaps, out_runs, more


def _broken_pair(t: str, a: Span, b: Span, widths: set[int], fits: Callable[[list[str]], bool]) -> bool:
    line_a, line_b = _line_of(t, a.start), _line_of(t, b.start)
    # the next line, or the one after when a line of the label stands between ("另行 4" / "2." / "制作 2 0 …")
    if t[a.end : line_a[1]].strip() or line_b[0] <= line_a[1] or t.count("\n", line_a[1], line_b[0]) > 2:
        return False
    va, vb = t[a.start : a.end].split(), t[b.start : b.end].split()
    return len(va) not in widths and len(vb) not in widths and len(va) + len(vb) in widths and fits(va + vb)


def place(
    t: str,
    rows: list[Row],
    gaps: list[list[Span]],
    runs: list[Span],
    more: list[tuple[Span, ...]] | None = None,
    joinable: list[int] | None = None,
) -> list[Placed]:
    """Match each run to a row of ``rows`` (in order); ``gaps[i]`` are the word pieces before run ``i``.

    ``gaps`` has one more entry than ``runs``: the pieces after the last run. ``more[i]``: the
    rest of run ``i``'s values, written on the next line (see join_broken). ``joinable[i]``: the
    spaces of run ``i`` that may group thousands ("6 257"): it fits a row of that many values fewer.
    """
    n = len(runs)
    if not n:
        return []
    more = more or [() for _ in runs]
    # a run with the rest of its values on the next line takes up both lines
    run_line = [
        (_line_of(t, r.start)[0], _line_of(t, (m[-1] if m else r).start)[1]) for r, m in zip(runs, more, strict=True)
    ]
    # cut[g]: pieces gaps[g][:cut] go to the run before the gap, the rest to the run after it
    lo = []
    hi = []
    for g, gap in enumerate(gaps):
        # pieces on the line of the run after the gap are its own; on the line of the run before, that one's
        first_own = next((i for i, p in enumerate(gap) if g < n and run_line[g][0] <= p.start), len(gap))
        last_prev = max((i + 1 for i, p in enumerate(gap) if g > 0 and p.start <= run_line[g - 1][1]), default=0)
        lo.append(min(last_prev, first_own))
        hi.append(first_own if g < n else len(gap))
    cut = list(lo)

    def text_of(i: int) -> str:
        return "".join(t[p.start : p.end] for p in gaps[i][cut[i] :] + gaps[i + 1][: cut[i + 1]])

    counts = [sum(len(t[x.start : x.end].split()) for x in (r, *m)) for r, m in zip(runs, more, strict=True)]
    joins = joinable or [0] * n

    def fits(i: int, width: int) -> bool:
        return counts[i] - joins[i] <= width <= counts[i]

    # first, each run with every word of both its gaps: its own label is among them, whatever the cuts
    wide = [key("".join(t[p.start : p.end] for p in gaps[i] + gaps[i + 1])) for i in range(n)]
    pairs = _align([[_evidence(w, r) for r in rows] for w in wide], fits, counts, rows)

    def score(i: int, chosen: dict[int, int]) -> float:
        if not 0 <= i < n:
            return 0.0
        s = text_of(i)
        found = _evidence(key(s), rows[chosen[i]]) if i in chosen else _best(key(s), rows)
        return found - 0.0005 * len(s)  # of two cuts that read as well, the one giving fewer words

    for _ in range(3):
        chosen = dict(pairs)
        # then each gap cut where both neighbours' rows are found best
        for g in range(len(gaps)):
            if hi[g] <= lo[g]:
                continue
            best = (float("-inf"), cut[g])
            for c in _candidates(lo[g], hi[g]):
                cut[g] = c
                s = score(g - 1, chosen) + score(g, chosen)
                if s > best[0] + 1e-9:
                    best = (s, c)
            cut[g] = best[1]
        keys = [key(text_of(i)) for i in range(n)]
        ev = [[_evidence(keys[i], r) for r in rows] for i in range(n)]
        again = _align(ev, fits, counts, rows)
        if again == pairs:
            break
        pairs = again
    # runs that fit no row as written (a row's values broken over two lines, pdftotext on centred
    # cells): the lines around them are out of step, so the rows next to them are doubtful too
    matched = dict(pairs)
    broken = {i for i in range(n) if (i in matched and not fits(i, len(rows[matched[i]].columns)))}
    broken |= {i for i in range(n) if i not in matched and counts[i] >= 2}
    # a lone number no row takes, between two rows: a digit a narrow cell wrapped ("…7 12" / "9" for 129),
    # maybe past a page break; the rows on either side of it may have lost it
    broken |= {i for i in range(1, n - 1) if i not in matched and counts[i] == 1}
    out: list[Placed] = []
    for i, k in pairs:
        row = rows[k]
        own = gaps[i][cut[i] :] + gaps[i + 1][: cut[i + 1]]
        at = next((p for p in reversed(gaps[i][cut[i] :]) if p.start >= run_line[i][0]), None)
        at = at or (gaps[i][cut[i] :] or gaps[i + 1][: cut[i + 1]] or [Span(runs[i].start, runs[i].start)])[-1]
        found = max(ev[i][k], _evidence(keys[i], row, loose=True))
        text = row.label if found >= _FOUND else "".join(t[p.start : p.end] for p in own)
        # another row with as many values whose label is found as well: which one is not known
        rival = any(ev[i][j] >= found - 0.05 for j in range(len(rows)) if j != k and fits(i, len(rows[j].columns)))
        # a value short or over (a blank cell leaves no trace in the text): which column is not known
        short = not fits(i, len(row.columns))
        # next to such a run, or its label not wholly found while the table's lines are out of step
        near = bool({i - 1, i + 1} & broken) or (bool(broken) and found < _FOUND)
        guessed = short or near or found < _WEAK or (found < _FOUND and rival)
        out.append(Placed(row, at, runs[i], text, guessed, more[i]))
    return out


_CUTS = 12  # cuts tried from each end of a gap: a row's label is a few lines, a gap of garbage is not


def _candidates(lo: int, hi: int) -> list[int]:
    """The cuts of a gap worth trying: all of a short gap, the first and last few of a long one (linear)."""
    if hi - lo <= 2 * _CUTS:
        return list(range(lo, hi + 1))
    return [*range(lo, lo + _CUTS + 1), *range(hi - _CUTS, hi + 1)]


def _align(
    ev: list[list[float]], fits: Callable[[int, int], bool], counts: list[int], rows: list[Row]
) -> list[tuple[int, int]]:
    """Runs to rows in order: label evidence and number of values; a run or a row may be skipped."""
    n, m = len(ev), len(rows)
    neg = float("-inf")
    score = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            cur = score[i][j]
            if cur == neg:
                continue
            if i < n and cur - 1.0 > score[i + 1][j]:
                score[i + 1][j], back[i + 1][j] = cur - 1.0, (i, j)
            if j < m and cur - 1.0 > score[i][j + 1]:
                score[i][j + 1], back[i][j + 1] = cur - 1.0, (i, j)
            if i < n and j < m:
                same = fits(i, len(rows[j].columns))
                # a lone number is a row's value only by its label: prose before a table has numbers too
                base = 0.5 if counts[i] >= 3 else -4.0
                s = cur + base + 4.0 * ev[i][j] + (1.0 if same else -3.0)
                if s > score[i + 1][j + 1]:
                    score[i + 1][j + 1], back[i + 1][j + 1] = s, (i, j)
    return matched_pairs(back, n, m)
