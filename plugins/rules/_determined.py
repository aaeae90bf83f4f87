"""The values the relations (勾稽关系) determine for the cells left without a number.

A blank cell's value is known when a relation it is in has it as its only unknown
(一、本年新收 总计 2, 自然人 2, the other columns blank: each is 0 — counts are never
negative, so unknowns that must add up to 0 are all 0). Values found this way feed
the next relation, until nothing changes. A value is kept only if every relation it
takes part in then holds wherever all its cells are known: a relation broken by a
wrong number elsewhere determines nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from nianbao.model import Report
from nianbao.template import Relation

from ._common import per_report

_EPS = 1e-6


class Determined(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """The value the relations fix for a cell without a number, and the relation that gives it."""

    value: int
    relation: Relation  # the relation that gives it


@per_report
def determined(report: Report) -> dict[str, Determined]:
    """Key → value for each cell without a number whose value the relations fix."""
    template = report.template
    if template is None:
        return {}
    relations = [r for r in template.relations if all(k in report.cells for k in r.keys)]
    known: dict[str, float] = {k: c.value for k, c in report.cells.items() if c.value is not None}
    found: dict[str, Determined] = {}
    changed = True
    while changed:
        changed = False
        for rel in relations:
            left = [k for k in rel.left if k not in known]
            right = [k for k in rel.right if k not in known]
            if bool(left) == bool(right):
                continue  # nothing unknown, or unknowns on both sides
            unknown = left or right
            # the unknowns' sum: what the other side has beyond their own side's known cells
            own, other = (rel.left, rel.right) if left else (rel.right, rel.left)
            need = sum(known[k] for k in other) - sum(known[k] for k in own if k in known)
            if need < -_EPS or abs(need - round(need)) > _EPS:
                continue  # no count can make it hold: a wrong number, not a missing one
            if len(unknown) == 1 or abs(need) <= _EPS:
                value = round(need) if len(unknown) == 1 else 0
                for k in unknown:
                    known[k] = value
                    found[k] = Determined(value, rel)
                changed = True
    return {k: d for k, d in found.items() if _consistent(k, relations, known)}


def _consistent(key: str, relations: list[Relation], known: dict[str, float]) -> bool:
    for rel in relations:
        if key not in rel.keys or any(k not in known for k in rel.keys):
            continue
        if abs(sum(known[k] for k in rel.left) - sum(known[k] for k in rel.right)) > _EPS:
            return False
    return True
