"""The relations (勾稽关系) of one report, evaluated once and shared by the A rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nianbao.model import Cell, Report
from nianbao.template import Relation

from .._common import num, per_report

if TYPE_CHECKING:
    from fractions import Fraction

_EPS = 1e-6


@dataclass(eq=False)  # compared by identity only: no __eq__ to generate (start-up)
class Instance:
    """One relation of the format over one report's cells."""

    relation: Relation
    cells: dict[str, Cell]
    left: int | float
    right: int | float
    reported: bool  # broken: the diagnostic is given
    anchor: str  # the key the diagnostic points at
    localised: bool = False  # the anchor is the one cell that explains the broken relations
    gap: int | Fraction = 0  # left - right, exactly

    @property
    def broken(self) -> bool:
        return abs(self.gap) > _EPS


def exact_sum(values: list[int | float | None]) -> int | Fraction:
    """The sum, exactly: a huge integer beside a float neither overflows nor loses its units.

    Counts are whole numbers, and Python's integers are exact: fractions (and their import) only
    for a sum with an amount in it.
    """
    total = 0
    for v in values:  # (one loop, no generator: 40 relations a report, two sums each)
        if v is None:
            continue
        if not isinstance(v, int):
            break
        total += v
    else:
        return total
    from fractions import Fraction

    return sum((Fraction(num(v)) for v in values), Fraction(0))


def plain(value: int | Fraction) -> int | float:
    """An exact sum as the number shown: an int when whole (any size), else a float (else the nearest int)."""
    if value.denominator == 1:
        return value.numerator
    try:
        return float(value)
    except OverflowError:  # a fraction beside an integer too large for a float: its units are what counts
        return round(value)


def total_key(rel: Relation) -> str:
    """The total cell of a relation: (七)总计 for the column relations, 总计 for the row ones."""
    if rel.kind == "balance":
        return rel.right[0]
    return rel.left[0]


@per_report
def instances(report: Report) -> list[Instance]:
    """Every relation of the report's template whose cells are all there (a missing row is T203's)."""
    return _evaluate(report)


def _evaluate(report: Report) -> list[Instance]:
    template = report.template
    if template is None:
        return []
    out: list[Instance] = []
    found = report.cells
    for rel in template.relations:
        try:
            cells = {k: found[k] for k in rel.keys}
        except KeyError:  # a cell of it is missing
            continue
        left = exact_sum([cells[k].value for k in rel.left])
        right = exact_sum([cells[k].value for k in rel.right])
        inst = Instance(rel, cells, plain(left), plain(right), False, total_key(rel), gap=left - right)
        inst.reported = inst.broken
        out.append(inst)
    _localise(out)
    return out


def _localise(found: list[Instance]) -> None:
    """Point at the one cell that explains the broken relations, when there is one.

    A cell whose every relation is broken is a suspect (one wrong number breaks all the
    relations it is in, and only those). A broken relation with exactly one suspect points
    at it; otherwise at its total cell. Cells in a single relation (table 四) are never
    suspects on their own: their total is pointed at.
    """
    if not any(inst.reported for inst in found):
        return  # nothing broken, nothing to point at (most reports)
    by_key: dict[str, list[Instance]] = {}
    for inst in found:
        for k in inst.relation.keys:
            by_key.setdefault(k, []).append(inst)
    suspects = {k for k, rels in by_key.items() if len(rels) >= 2 and all(r.reported for r in rels)}
    for inst in found:
        if not inst.reported:
            continue
        mine = [k for k in inst.relation.keys if k in suspects]
        if len(mine) == 1:
            inst.anchor = mine[0]
            inst.localised = True
