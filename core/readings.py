"""Readings of digits that ran together, chosen by the format's own relations.

A crawler that drops the table markup leaves ``（七）总计801000081``: the seven
values of the row with no separator. The row's number of values is known from
the format, and so are its relations (the six applicant columns sum to 总计,
each group of 表四 to its 总计), so the run is split into every reading that
is well-formed (no leading zeros, a sign only where the column is signed, a
decimal point only in an amount) and satisfies the row's own sum. The search is
depth-first over the values of a group, shortest first, and pruned: a value
longer than what is still needed is too big, and what is left must fit in the
values still to place. A budget bounds it for runs no report has.

Rows that are still ambiguous are then chosen together by the relations between
rows (一 + 二 = (七)总计 + 四, the results sum to (七)总计), and, where several
combinations remain, by evidence (the numbers the report's prose writes) and
plausibility. What remains ambiguous is said so: the reading is "guessed".

Rows that no relation ties (table 二: 上一年项目数量 | 本年增/减 | 处理决定数量 …) are
chosen by :func:`log_prior`, a plausibility model of the table's columns grounded
in real reports (see there). A reading is taken as "plausible" only when the model
gives it at least :data:`CLEAR` of the probability of all the row's readings;
otherwise it stays a guess, named with its rivals.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

Number = int | float

STEPS_PER_VALUE = 300  # search steps per value of a row: real rows take a few dozen; bounded for any input
REPORT_BUDGET = 9_000  # search steps per report, whatever its rows
MAX_READINGS = 64  # readings of one row kept; more means "ambiguous" anyway
MAX_VALUE_CHARS = 12  # no cell of the tables is longer (5949.088667 万元 is 11)


@dataclass(frozen=True)
class Column:
    """What a value of the row may look like."""

    signed: bool = False  # 本年增/减: may start with - or 增/减
    decimal: bool = False  # an amount: may hold one decimal point


@dataclass(frozen=True)
class Group:
    """Consecutive values of a row; ``summed``: the last is the sum of the others (总计)."""

    columns: tuple[Column, ...]
    summed: bool = False


@dataclass(frozen=True)
class Reading:
    """One way to read a run: each value with its (start, end) in the run."""

    values: tuple[Number, ...]
    bounds: tuple[tuple[int, int], ...]


@dataclass
class RowReadings:
    """The readings of one row's run that satisfy its own relations (or, if none does, the likeliest)."""

    run: str
    readings: list[Reading]
    consistent: bool  # the readings satisfy the row's sums (else: best-formed guesses)
    complete: bool = True  # the search was not cut short by its budget
    syntactic: int = 1  # well-formed readings there are, relations aside (capped at MAX_READINGS + 1)
    steps: int = 0  # search steps spent
    chosen: int = 0  # index into readings
    evidence: list[int] = field(default_factory=list)


def _value(text: str, col: Column) -> Number | None:
    """The number ``text`` stands for in ``col``, or None if it cannot be one value."""
    sign = 1
    body = text
    if col.signed and body[:1] in ("-", "−", "增", "减", "+"):
        sign = -1 if body[0] in "-−减" else 1
        body = body[1:]
    if not body or not body[0].isdigit() or not body[-1].isdigit():
        return None
    if "." in body:
        if not col.decimal or body.count(".") > 1:
            return None
        whole = body.split(".")[0]
        if len(whole) > 1 and whole[0] == "0":
            return None
        return sign * float(body)
    if not body.isdigit() or (len(body) > 1 and body[0] == "0"):
        return None
    return sign * int(body)


class _Search:
    def __init__(
        self,
        run: str,
        groups: Sequence[Group],
        budget: int,
        enough: int = MAX_READINGS + 1,
        cuts: frozenset[int] = frozenset(),
    ) -> None:
        self.run = run
        self.cuts = cuts
        self.groups = groups
        self.budget = budget
        self.enough = enough  # readings that settle the question: stop there
        self.found: list[Reading] = []
        self.cut_short = False
        self.memo: dict[tuple, list[list]] = {}
        self.tails: dict[tuple[int, int], list[tuple[tuple, tuple]]] = {}
        self.values: dict[tuple[int, int, Column], Number | None] = {}
        self.counts: dict[int, list[tuple[int, int]]] = {}
        # running digit sums, for the test by nines (plain digits only: a sign or a point breaks it)
        self.nines: list[int] | None = None
        if run.isdigit():
            self.nines = [0]
            for ch in run:
                self.nines.append(self.nines[-1] + int(ch))

    def value(self, a: int, b: int, col: Column) -> Number | None:
        key = (a, b, col)
        if key not in self.values:
            self.values[key] = None if _crosses(a, b, self.cuts) else _value(self.run[a:b], col)
        return self.values[key]

    def step(self) -> bool:
        self.budget -= 1
        if self.budget < 0:
            self.cut_short = True
        return not self.cut_short and len(self.found) < self.enough

    def rest_fits(self, pos: int, group: int) -> bool:
        """Whether the rest of the run has at least a character per value still to place."""
        need = sum(len(g.columns) for g in self.groups[group:])
        return len(self.run) - pos >= need

    def groups_from(self, pos: int, gi: int, values: tuple, bounds: tuple, summed: bool) -> None:
        if not self.step():
            return
        if gi == len(self.groups):
            if pos == len(self.run):
                self.found.append(Reading(values, bounds))
            return
        group = self.groups[gi]
        if summed and group.summed:
            for tail_values, tail_bounds in self._summed_tails(pos, gi):
                self.found.append(Reading((*values, *tail_values), (*bounds, *tail_bounds)))
                if len(self.found) >= self.enough:
                    return
        else:
            self._free(pos, gi, 0, values, bounds, summed)

    def _free(self, pos: int, gi: int, k: int, values: tuple, bounds: tuple, summed: bool) -> None:
        """Values of a group placed without its sum (a group with none, or the relations ignored)."""
        group = self.groups[gi]
        if k == len(group.columns):
            self.groups_from(pos, gi + 1, values, bounds, summed)
            return
        col = group.columns[k]
        left_after = sum(len(g.columns) for g in self.groups[gi:]) - k - 1
        if len(self.run) - pos > (left_after + 1) * MAX_VALUE_CHARS:
            return  # too much left for the values still to place
        for end in range(pos + 1, min(len(self.run) - left_after, pos + MAX_VALUE_CHARS) + 1):
            if not self.step():
                return
            v = self.value(pos, end, col)
            if v is None:
                if self.run[pos] == "0" and end > pos + 1:
                    break  # a leading zero only gets longer
                continue
            self._free(end, gi, k + 1, (*values, v), (*bounds, (pos, end)), summed)

    def _summed_tails(self, pos: int, gi: int) -> list[tuple[tuple, tuple]]:
        """Readings of run[pos:] as the groups gi.. (all with sums), remembered by where they start."""
        key = (pos, gi)
        if key in self.tails:
            return self.tails[key]
        out: list[tuple[tuple, tuple]] = []
        self.tails[key] = out
        if gi == len(self.groups):
            if pos == len(self.run):
                out.append(((), ()))
            return out
        group = self.groups[gi]
        parts, total_col = group.columns[:-1], group.columns[-1]
        after = sum(len(g.columns) for g in self.groups[gi + 1 :])
        last = len(self.run) - after
        if gi == len(self.groups) - 1:
            ends: Iterable[int] = [last]
        else:
            ends = range(pos + len(group.columns), min(last, pos + len(group.columns) * MAX_VALUE_CHARS) + 1)
        for end in ends:
            if len(self.run) - end > after * MAX_VALUE_CHARS:
                continue  # the groups after could not hold what is left
            for start in range(end - 1, max(pos + len(parts), end - MAX_VALUE_CHARS) - 1, -1):
                if not self.step():
                    return out
                if (
                    self.nines is not None
                    and (self.nines[start] - self.nines[pos]) % 9 != (self.nines[end] - self.nines[start]) % 9
                ):
                    continue  # casting out nines: parts summing to the total have its digit sum, mod 9
                total = self.value(start, end, total_col)
                if total is None:
                    continue
                if start - pos > len(parts) * _width(total):
                    continue  # the parts would need more digits than values under the total have
                if 10 ** (start - pos - len(parts) + 1) + 9 * len(parts) < total:
                    break  # ... or could not add up to it: a longer total is only bigger
                found = self._parts(pos, start, parts, total)
                if not found:
                    continue
                for tail_values, tail_bounds in self._summed_tails(end, gi + 1):
                    for split in found:
                        out.append(
                            (
                                (*(v for v, _ in split), total, *tail_values),
                                (*(b for _, b in split), (start, end), *tail_bounds),
                            )
                        )
                        if len(out) > MAX_READINGS:
                            return out
        return out

    def _starting(self, pos: int) -> list[tuple[int, int]]:
        """(end, value) of each plain count that can start at ``pos``, shortest first."""
        found = self.counts.get(pos)
        if found is None:
            found = []
            run = self.run
            if pos < len(run) and run[pos].isdigit():
                if run[pos] == "0":
                    found.append((pos + 1, 0))
                else:
                    for stop in range(pos + 1, min(len(run), pos + MAX_VALUE_CHARS) + 1):
                        if not run[stop - 1].isdigit() or (stop - 1 > pos and stop - 1 in self.cuts):
                            break
                        found.append((stop, int(run[pos:stop])))
            self.counts[pos] = found
        return found

    def _count_parts(self, pos: int, end: int, k: int, need: int) -> list[list]:
        """``_parts`` for plain counts (table 三 and 四): the common case, kept fast."""
        key = (pos, end, k, need)
        if key in self.memo:
            return self.memo[key]
        out: list[list] = []
        self.memo[key] = out
        if not self.step():
            return out
        if k == 1:
            for stop, v in self._starting(pos):
                if stop == end and v == need:
                    out.append([(v, (pos, end))])
            return out
        rest = k - 1
        for stop, v in self._starting(pos):
            left = end - stop
            if left < rest or v > need:
                break  # longer is only bigger, and leaves less for the rest
            remaining = need - v
            if remaining < _LEAST[min(-(-left // rest), MAX_VALUE_CHARS + 1)]:
                continue  # what is left is too long for values no bigger than what is still needed
            if left - rest + 1 <= MAX_VALUE_CHARS and _MOST[left - rest + 1] + 9 * rest < remaining:
                continue  # ... or too short to add up to it
            for tail in self._count_parts(stop, end, rest, remaining):
                out.append([(v, (pos, stop)), *tail])
                if len(out) > MAX_READINGS:
                    return out
        return out

    def _parts(self, pos: int, end: int, cols: Sequence[Column], need: Number) -> list[list]:
        """Splits of run[pos:end] into len(cols) values summing to ``need`` (remembered: paths meet)."""
        if isinstance(need, int) and all(c == _COUNT for c in cols):
            return self._count_parts(pos, end, len(cols), need)
        key = (pos, end, len(cols), need)
        if key in self.memo:
            return self.memo[key]
        out: list[list] = []
        self.memo[key] = out
        if not self.step():
            return out
        if len(cols) == 1:
            v = self.value(pos, end, cols[0])
            if v is not None and abs(v - need) < 1e-9:
                out.append([(v, (pos, end))])
            return out
        rest = len(cols) - 1
        for stop in range(pos + 1, min(end - rest, pos + MAX_VALUE_CHARS) + 1):
            v = self.value(pos, stop, cols[0])
            if v is None:
                if self.run[pos] == "0":
                    break
                continue
            if v > need and not cols[0].signed:
                break  # longer is only bigger
            left = end - stop
            if left > rest * _width(need - v):
                continue  # what is left is too long for values no bigger than what is still needed
            if not cols[1].decimal and 10 ** (left - rest + 1) + 9 * rest < need - v:
                continue  # ... or too short to add up to it
            for tail in self._parts(stop, end, cols[1:], need - v):
                out.append([(v, (pos, stop)), *tail])
                if len(out) > MAX_READINGS:
                    return out
        return out


_COUNT = Column()
_LEAST = [0, 0, *(10 ** (d - 1) for d in range(2, MAX_VALUE_CHARS + 3))]  # least value of d digits
_MOST = [0, *(10**d - 1 for d in range(1, MAX_VALUE_CHARS + 2))]  # largest value of d digits


def _width(n: Number) -> int:
    """Characters of the longest value that is at most ``n``."""
    return len(str(int(abs(n)))) + (1 if isinstance(n, float) else 0) if n >= 0 else 0


def _crosses(a: int, b: int, cuts: frozenset[int]) -> bool:
    """Whether a value run[a:b] would run over a separator that was written (a space)."""
    return bool(cuts) and any(a < c < b for c in cuts)


def read_run(
    run: str, groups: Sequence[Group], budget: int | None = None, cuts: frozenset[int] = frozenset()
) -> RowReadings:
    """Every reading of ``run`` as the values of ``groups`` that satisfies the groups' sums.

    ``cuts``: positions where a value must start (the run had a space there: "8 26 66").
    """
    if budget is None:
        budget = budget_of(groups)
    has_sums = any(g.summed for g in groups)
    if len(run) > MAX_VALUE_CHARS * sum(len(g.columns) for g in groups):
        return RowReadings(run, [], False, True, 0)  # too long to be this row's values at all
    # are there several well-formed readings at all? (for a row with sums, two settle it)
    free = _Search(run, groups, budget // 2, 2 if has_sums else MAX_READINGS + 1, cuts)
    free.groups_from(0, 0, (), (), False)
    syntactic = len(free.found)
    steps = budget // 2 - free.budget
    if not has_sums and free.found:
        return RowReadings(run, free.found, True, not free.cut_short, syntactic, steps=steps)
    summed = _Search(run, groups, budget - steps, cuts=cuts)
    if has_sums:
        summed.groups_from(0, 0, (), (), True)
    steps += budget - steps - summed.budget
    if summed.found:
        return RowReadings(run, summed.found, True, not summed.cut_short, syntactic, steps=steps)
    likeliest = balanced(run, [c for g in groups for c in g.columns], cuts)
    return RowReadings(run, [likeliest] if likeliest else [], False, not summed.cut_short, syntactic, steps=steps)


def read_apart(run: str, groups: Sequence[Group], cuts: frozenset[int]) -> RowReadings | None:
    """The one reading of a run whose values are all written apart: as many pieces between ``cuts`` as
    values, each a well-formed value of its column (else None: ask :func:`read_run`).

    What :func:`read_run` finds there, without its search: a PDF's text writes every cell apart,
    and the search for a row of large numbers took a thousand steps or more, so a report with
    table 三 in the thousands ran out of :data:`REPORT_BUDGET` before table 四 (a false T212).
    """
    cols = [c for g in groups for c in g.columns]
    edges = sorted({0, len(run), *(c for c in cuts if 0 < c < len(run))})
    if len(edges) - 1 != len(cols):
        return None
    bounds = tuple(pairwise(edges))
    values = tuple(_value(run[a:b], col) for (a, b), col in zip(bounds, cols, strict=True))
    if any(v is None for v in values) or any(b - a > MAX_VALUE_CHARS for a, b in bounds):
        return None
    at, holds = 0, True
    for g in groups:
        part = values[at : at + len(g.columns)]
        at += len(g.columns)
        if g.summed and abs(sum(part[:-1]) - part[-1]) > 1e-9:  # type: ignore[arg-type]
            holds = False
    reading = Reading(values, bounds)  # type: ignore[arg-type]
    return RowReadings(run, [reading], holds or not any(g.summed for g in groups), True, 1, steps=1)


def budget_of(groups: Sequence[Group]) -> int:
    """Search steps a row of these groups may take."""
    return STEPS_PER_VALUE * sum(len(g.columns) for g in groups)


def balanced(run: str, cols: Sequence[Column], cuts: frozenset[int] = frozenset()) -> Reading | None:
    """The well-formed reading whose values are closest in length (the likeliest without relations)."""
    quick = _even(run, cols)
    if quick is not None and not any(_crosses(a, b, cuts) for a, b in quick.bounds):
        return quick
    n, size = len(cols), len(run)
    even = -(-size // n) if n else 1
    inf = float("inf")
    # best[k][i]: least cost placing the first k values in run[:i]
    best = [[inf] * (size + 1) for _ in range(n + 1)]
    back = [[0] * (size + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for k in range(n):
        for i in range(size + 1):
            if best[k][i] == inf:
                continue
            # lengths near the even share only (and "0"): the likeliest, in linear time
            for j in sorted({i + 1, *range(i + max(1, even - 2), i + even + 3)}):
                if j > min(size, i + MAX_VALUE_CHARS) or _crosses(i, j, cuts) or _value(run[i:j], cols[k]) is None:
                    continue
                cost = best[k][i] + (j - i) ** 2
                if cost < best[k + 1][j]:
                    best[k + 1][j], back[k + 1][j] = cost, i
    if best[n][size] == inf:
        return None
    bounds = []
    j = size
    for k in range(n, 0, -1):
        i = back[k][j]
        bounds.append((i, j))
        j = i
    bounds.reverse()
    return Reading(tuple(_value(run[a:b], c) for (a, b), c in zip(bounds, cols, strict=True)), tuple(bounds))  # type: ignore[misc]


def _even(run: str, cols: Sequence[Column]) -> Reading | None:
    """Values of even length left to right (a "0" alone where a zero starts one); None if that is not well-formed."""
    bounds, values, pos = [], [], 0
    for k, col in enumerate(cols):
        left, parts = len(run) - pos, len(cols) - k
        if parts == 1:
            size = left
        elif run[pos : pos + 1] == "0":
            size = 1
        else:
            size = min(max(1, round(left / parts)), left - parts + 1)
        v = _value(run[pos : pos + size], col) if size > 0 else None
        if v is None:
            return None
        bounds.append((pos, pos + size))
        values.append(v)
        pos += size
    return Reading(tuple(values), tuple(bounds))


def prior(reading: Reading) -> float:
    """Plausibility without relations: values of one row tend to be alike in size."""
    lengths = [b - a for a, b in reading.bounds]
    mean = sum(lengths) / len(lengths)
    return -sum((x - mean) ** 2 for x in lengths)


# --------------------------------------------------------------------------- plausibility of table 二
#
# A generative model of the values of a table 二 row, read off published reports
# (the 2019-format seeds, e.g. 行政许可 11246 | 增4747 | 1251, 行政处罚 71 | 增3 | 58,
# 行政强制 4 | 0 | 0; the web pages of 武汉市生态环境局 2020 (8 | 5 | 93, 117 | 0 | 165,
# 90 | 0 | 22), 上海市人民政府办公厅 2019 (规章 13 | 13 | 524, 6 projects 251000元),
# 咸宁高新区 2020 (328 | 减15 | 313, 170 projects 2736740元), 平潭 2023 …):
#
# - a count's number of digits is equally likely from 1 to 7, its digits then uniform:
#   this base says nothing about where a run splits (every split of the same digits
#   into as many non-zero values is as likely), so only the facts below choose;
# - 0 is common, in some columns more than in others (本年增/减 0 in most rows);
# - 本年增/减 is small next to 上一年项目数量 (|增/减| ≤ 上一年 in 5 of the 6 non-zero
#   changes seen), and a decrease never exceeds it (the items would be negative);
# - 本年新公开数量 is ≤ 对外公开总数量 always, and = 本年新制作数量 in most rows;
#   现行有效件数 ≥ 本年制发件数 (the new ones are in force);
# - a procurement project costs from a few hundred 元 to some hundred million 元.
#
# Values a digit run cannot be told apart by (equal numbers of digits, no fact
# preferring one) get equal probability, so the choice stays a guess.

CLEAR = 0.995  # share of the probability the chosen reading must hold to be "plausible" rather than "guessed"
_DIGIT_CLASSES = 7  # counts of up to 7 digits are as likely as each other; longer ones are rare
_ZERO = {  # probability of 0, by column key
    "prev": 0.15,
    "decisions": 0.15,
    "made": 0.3,
    "published": 0.3,
    "total": 0.15,
    "issued": 0.3,
    "repealed": 0.5,
    "in_force": 0.15,
    "count": 0.15,
    "amount": 0.15,
}
_SAME_CHANGE = 0.5  # 本年增/减 is 0
_CHANGE_WITHIN = 0.85  # |增/减| ≤ 上一年项目数量, when it is not 0
_PUBLISHED_ALL = 0.6  # 本年新公开数量 = 本年新制作数量
# some reports write 上一年项目数量 as last year's decisions and 增/减 as the difference (咸宁高新区 2020:
# 328 | 减15 | 313, one row in eight seen): a split under which 上一年 + 增/减 = 处理决定数量 holds is
# that much likelier than one where it holds by chance
_CARRIED_ON = 50.0
_IMPOSSIBLE = -40.0  # log-probability of what a report cannot say (a decrease larger than what there was)
_UNLIKELY = math.log(0.03)
_PER_PROJECT = (3.0, 8.5)  # log10 of 元 per procurement project: 1000 元 … 3 亿元 (seen: 1.6 万 … 2400 万)
_AMOUNT_DIGITS = 10  # 采购总金额 in 元: up to some billion
_PROJECT_DIGITS = 4  # procurement projects of a body: up to some thousand (seen: 1 … 170)


def _digits(v: Number) -> int:
    return len(str(int(abs(v))))


def _log_count(v: Number, zero: float = 0.15, classes: int = _DIGIT_CLASSES) -> float:
    """log P(v) under the base model: 0 with probability ``zero``, else up to ``classes`` digits, each as likely."""
    if v == 0:
        return math.log(zero)
    d = _digits(v)
    rare = 0.0 if d <= classes else math.log(0.01) * (d - classes)
    return math.log(1 - zero) - math.log(classes) - math.log(9 * 10 ** (d - 1)) + rare


def _log_change(change: Number, prev: Number) -> float:
    """log P(本年增/减 | 上一年项目数量)."""
    if change == 0:
        return math.log(_SAME_CHANGE)
    if change < 0 and -change > prev:
        return _IMPOSSIBLE
    d, top = _digits(change), max(1, _digits(prev))
    if abs(change) <= max(prev, 1):
        return math.log((1 - _SAME_CHANGE) * _CHANGE_WITHIN / top) - math.log(9 * 10 ** (d - 1))
    return math.log((1 - _SAME_CHANGE) * (1 - _CHANGE_WITHIN) / max(1, _DIGIT_CLASSES - top + 1)) - math.log(
        9 * 10 ** (d - 1)
    )


def log_prior(keys: Sequence[str], values: Sequence[Number]) -> float | None:
    """log-probability of a table 二 row's values (keys ``t2.<row>.<column>``); None for other rows."""
    if not keys or not all(k.startswith("t2.") for k in keys):
        return None
    v = {k.rsplit(".", 1)[1]: x for k, x in zip(keys, values, strict=False)}
    total = 0.0
    for col, x in v.items():
        if col == "change":
            total += _log_change(x, v.get("prev", 0))
        elif col == "published" and "made" in v:
            same = x == v["made"]
            total += math.log(_PUBLISHED_ALL) if same else math.log(1 - _PUBLISHED_ALL) + _log_count(x, _ZERO[col])
        elif col == "amount" and "count" in v:
            if bool(x) != bool(v["count"]):
                total += _IMPOSSIBLE  # projects bought for nothing, or money spent on no project
            elif x:
                lo, hi = _PER_PROJECT
                per = math.log10(abs(x) / v["count"])
                total += _log_count(x, _ZERO[col], classes=_AMOUNT_DIGITS) + (0.0 if lo <= per <= hi else _UNLIKELY)
        elif col == "count":
            total += _log_count(x, _ZERO[col], classes=_PROJECT_DIGITS)
        else:
            total += _log_count(x, _ZERO.get(col, 0.15))
    if {"prev", "change", "decisions"} <= v.keys() and v["prev"] + v["change"] == v["decisions"] and v["decisions"]:
        total += math.log(_CARRIED_ON)  # 328 | 减15 | 313: some reports count last year's decisions as 上一年
    if "published" in v and "total" in v and v["published"] > v["total"]:
        total += _IMPOSSIBLE
    if "issued" in v and "in_force" in v and v["issued"] > v["in_force"]:
        total += _UNLIKELY
    return total


def posterior(row: RowReadings, keys: Sequence[str], evidence: frozenset[Number] = frozenset()) -> list[float] | None:
    """The probability of each of the row's readings under :func:`log_prior` (None: no model for the row).

    A value the report's prose writes too ("主动公开规范性文件19条") makes its reading
    more likely: 4 times for two digits (a prose's few numbers match a wrong two-digit
    split now and then: "30人次"), 20 times for more.
    """
    if not row.readings:
        return None
    logs = []
    for reading in row.readings:
        lp = log_prior(keys, reading.values)
        if lp is None:
            return None
        seen = [v for v in reading.values if v in evidence and abs(v) >= 10]
        logs.append(lp + sum(math.log(4 if abs(v) < 100 else 20) for v in seen))
    top = max(logs)
    weights = [math.exp(x - top) for x in logs]
    mass = sum(weights)
    return [w / mass for w in weights]


@dataclass
class Choice:
    """The readings chosen for a report's rows."""

    combos: list[tuple[int, ...]]  # the chosen reading of each row first, then every combination as good
    plausible: set[int] = field(default_factory=set)  # rows no relation decides, chosen by :func:`log_prior`
    alone: set[int] = field(default_factory=set)  # rows of several readings that no relation ties to others
    share: dict[int, float] = field(default_factory=dict)  # of a row chosen by :func:`log_prior`: its probability


def choose(
    rows: Sequence[RowReadings],
    keys: Sequence[Sequence[str]],
    relations: Sequence[tuple[Sequence[str], Sequence[str]]],
    evidence: frozenset[Number] = frozenset(),
    plausible: Sequence[Sequence[Sequence[tuple[str, str]]]] = (),
) -> list[tuple[int, ...]]:
    """Choose a reading per row; return every combination as good as the chosen one (the chosen first)."""
    return choose_rows(rows, keys, relations, evidence, plausible).combos


def choose_rows(
    rows: Sequence[RowReadings],
    keys: Sequence[Sequence[str]],
    relations: Sequence[tuple[Sequence[str], Sequence[str]]],
    evidence: frozenset[Number] = frozenset(),
    plausible: Sequence[Sequence[Sequence[tuple[str, str]]]] = (),
) -> Choice:
    """Choose a reading per row, jointly where relations tie rows, by plausibility where none does.

    ``keys[r]`` names row r's values; ``relations`` are sums between rows
    (left keys, right keys); ``evidence`` the numbers the prose writes;
    ``plausible[r]`` pairs (smaller, larger) expected in row r.
    """
    related_keys = {k for left, right in relations for k in (*left, *right)}
    several = [r for r, row in enumerate(rows) if len(row.readings) > 1]
    # a row in no relation between rows is chosen on its own
    ambiguous = [r for r in several if related_keys & set(keys[r])]
    alone = [r for r in several if r not in ambiguous]
    base: dict[str, Number] = {}
    for r, row in enumerate(rows):
        if row.readings and r not in ambiguous:
            base.update(zip(keys[r], row.readings[0].values, strict=False))
    open_keys = {k for r in ambiguous for k in keys[r]}
    touched = [(left, right) for left, right in relations if open_keys & {*left, *right}]

    def row_score(r: int, i: int) -> tuple[int, float, float]:
        reading = rows[r].readings[i]
        seen = sum(1 for v in reading.values if v in evidence and abs(v) >= 10)
        named = dict(zip(keys[r], reading.values, strict=False))
        pairs = plausible[r] if r < len(plausible) else ()
        odd = sum(1 for group in pairs for a, b in group if a in named and b in named and named[a] > named[b])
        return (seen, -odd, prior(reading))

    def alone_rows(combos: list[list[int]]) -> Choice:
        odds = [posterior(rows[r], keys[r], evidence) if r in alone else None for r in range(len(rows))]
        return _alone(combos, alone, rows, row_score, odds)

    if not ambiguous:
        return alone_rows([[0] * len(rows)])
    solutions, complete = _solve(rows, keys, touched, ambiguous, base, row_score)
    if solutions:
        # every joint reading under which all relations hold, the likeliest first
        solutions.sort(
            key=lambda sol: [sum(x) for x in zip(*(row_score(r, i) for r, i in sol.items()), strict=True)], reverse=True
        )
        combos = [[sol.get(r, 0) for r in range(len(rows))] for sol in solutions]
        if not complete:  # the search stopped before it knew the reading was the only one
            combos += _each_other(combos[0], ambiguous, rows)
        return alone_rows(combos)
    # no reading makes every relation hold (a real error, or a misread elsewhere): the likeliest, as a guess
    first = [0] * len(rows)
    for r in ambiguous:
        first[r] = max(range(len(rows[r].readings)), key=lambda i, r=r: row_score(r, i))
    return alone_rows([first, *_each_other(first, ambiguous, rows)])


SOLVE_BUDGET = 3_000  # rows tried in the joint search, per report (real reports need a few dozen)
MAX_SOLUTIONS = 16


def _solve(
    rows: Sequence[RowReadings],
    keys: Sequence[Sequence[str]],
    relations: Sequence[tuple[Sequence[str], Sequence[str]]],
    ambiguous: list[int],
    base: dict[str, Number],
    row_score,
) -> tuple[list[dict[int, int]], bool]:
    """Every choice of readings of the ambiguous rows under which all ``relations`` hold (depth-first).

    Values are counts (≥ 0): once one side of a sum is known, a partial other side
    larger than it is already wrong, which prunes most of the search.
    """
    # rows in the smallest relations first: they are decided soonest
    size = {r: min((len(a) + len(b) for a, b in relations if set(keys[r]) & {*a, *b}), default=99) for r in ambiguous}
    order = sorted(ambiguous, key=lambda r: (size[r], r))
    related = {k for left, right in relations for k in (*left, *right)}
    # a signed value in a sum (本年增/减 of table 二 is in none) stops the pruning by size
    negative = any(v < 0 for k, v in base.items() if k in related) or any(
        v < 0
        for r in ambiguous
        for reading in rows[r].readings
        for k, v in zip(keys[r], reading.values, strict=False)
        if k in related
    )
    ranked = {r: sorted(range(len(rows[r].readings)), key=lambda i: row_score(r, i), reverse=True) for r in ambiguous}
    solutions: list[dict[int, int]] = []
    budget = [SOLVE_BUDGET]
    chosen: dict[int, int] = {}
    # per relation and side: the sum of the values known so far and how many are still unknown
    known = [[0.0, 0.0] for _ in relations]
    unknown = [[len(a), len(b)] for a, b in relations]
    sides: dict[str, list[tuple[int, int]]] = {}
    for n, (left, right) in enumerate(relations):
        for side, ks in ((0, left), (1, right)):
            for k in ks:
                sides.setdefault(k, []).append((n, side))
    for k, v in base.items():
        for n, side in sides.get(k, ()):
            known[n][side] += v
            unknown[n][side] -= 1
    rels_of = {r: sorted({n for k in keys[r] for n, _ in sides.get(k, ())}) for r in ambiguous}

    moves = {
        (r, i): [
            (n, side, v)
            for k, v in zip(keys[r], rows[r].readings[i].values, strict=False)
            for n, side in sides.get(k, ())
        ]
        for r in ambiguous
        for i in range(len(rows[r].readings))
    }

    def put(r: int, i: int, sign: int) -> None:
        for n, side, v in moves[r, i]:
            known[n][side] += sign * v
            unknown[n][side] -= sign

    def fits(n: int) -> bool:
        (sl, sr), (ul, ur) = known[n], unknown[n]
        if not ul and not ur:
            return abs(sl - sr) < 1e-6
        if negative:
            return True
        if not ul:
            return sr <= sl + 1e-6  # the rest can only add
        if not ur:
            return sl <= sr + 1e-6
        return True

    def dfs(depth: int) -> None:
        if depth == len(order):
            solutions.append(dict(chosen))
            return
        r = order[depth]
        for i in ranked[r]:
            budget[0] -= 1
            chosen[r] = i
            put(r, i, 1)
            if all(fits(n) for n in rels_of[r]):
                dfs(depth + 1)
            put(r, i, -1)
            del chosen[r]
            if budget[0] <= 0 or len(solutions) >= MAX_SOLUTIONS:
                return

    dfs(0)
    return solutions, budget[0] > 0 and len(solutions) < MAX_SOLUTIONS


def _each_other(first: list[int], rows_to_vary: list[int], rows: Sequence[RowReadings]) -> list[list[int]]:
    """``first`` with one row read another way, for each row and reading: every such row is a guess."""
    out = []
    for r in rows_to_vary:
        for i in range(len(rows[r].readings)):
            if i != first[r]:
                out.append([*first[:r], i, *first[r + 1 :]])
    return out


def _alone(
    combos: list[list[int]],
    alone: list[int],
    rows: Sequence[RowReadings],
    row_score,
    odds: Sequence[list[float] | None],
) -> Choice:
    """Choose the rows ``alone`` each on its own; each other reading of them still in the running is an alternative.

    ``odds[r]``: the probability of each reading of row r under :func:`log_prior` (None:
    no model): its likeliest is taken, and alone when it holds :data:`CLEAR` of the
    probability (and the search saw every reading); else every other reading is a rival.
    """
    full = combos[0]
    rivals: dict[int, list[int]] = {}
    clear: set[int] = set()
    share: dict[int, float] = {}
    for r in alone:
        n = len(rows[r].readings)
        p = odds[r]
        if p is None:
            full[r] = max(range(n), key=lambda i, r=r: row_score(r, i))
            rivals[r] = [i for i in range(n) if i != full[r]]
            continue
        # ties (readings the model cannot tell apart) go to the one of values most alike in length
        order = sorted(range(n), key=lambda i, p=p, r=r: (-round(p[i], 9), -prior(rows[r].readings[i])))
        full[r] = order[0]
        share[r] = p[order[0]]
        if p[order[0]] >= CLEAR and rows[r].complete:
            clear.add(r)
            rivals[r] = []
        else:
            rivals[r] = order[1:]  # every one: a cell is certain only if no reading differs in it
    alternatives = [tuple(full)]
    for c in combos[1:]:
        alternatives.append(tuple(full[r] if r in alone else i for r, i in enumerate(c)))
    for r in alone:
        for i in rivals[r]:
            alt = list(full)
            alt[r] = i
            alternatives.append(tuple(alt))
    return Choice(alternatives, clear, set(alone), share)
