"""Zero cells written blank, in each layout's own way, on a generated report (a blank counts as 0).

Shared by benchmarks/sweep_blank_cells.py and tests/robustness/test_blank_cells.py. Standard
library only, as the generator.
"""

from __future__ import annotations

import copy
import random

from .generate import Synthetic, _finish, _rows

KINDS = ("first", "middle", "last", "row", "total")


def is_total(key: str) -> bool:
    """A total cell: a row's 总计 column, a (七)总计 cell, a 表四 总计."""
    return key.endswith(".total") or ".total." in key or key.startswith("t3.total")


def blanked(rep: Synthetic, kind: str, r: random.Random, only: str = "") -> tuple[Synthetic, list[str]] | None:
    """``rep`` with one choice of ``kind`` of 0 cells written blank, and their keys; None if it has none.

    ``first`` / ``middle`` / ``last``: one 0 cell at that place of its row; ``row``: every cell of a
    row whose values are all 0; ``total``: one 0 total. ``only``: cells whose key starts so.
    """
    doc = copy.deepcopy(rep._doc)
    rows = [row for row in _rows(doc) if row.cells and row.merge is None and not row.deleted]
    picks: list[list] = []
    for row in rows:
        cells = row.cells
        if not cells[0].key.startswith(only):
            continue
        if kind == "row":
            if all(c.raw and c.value == 0 for c in cells):
                picks.append(list(cells))
            continue
        for i, c in enumerate(cells):
            if not (c.raw and c.value == 0):
                continue
            if kind == "total" and is_total(c.key):
                picks.append([c])
            elif kind == "first" and i == 0:
                picks.append([c])
            elif kind == "last" and i == len(cells) - 1 and i > 0:
                picks.append([c])
            elif kind == "middle" and 0 < i < len(cells) - 1:
                picks.append([c])
    if not picks:
        return None
    chosen = r.choice(picks)
    for c in chosen:
        c.raw, c.value = "", None
    return _finish(doc), [c.key for c in chosen]


def silently_wrong(report, truth: dict, blank: list[str]) -> list[str]:
    """Cells of a parsed ``report`` read wrong without saying so (not guessed or plausible): a value
    other than the truth, or a ``blank`` cell read as anything but blank or 0."""
    out = []
    for key, want in truth.items():
        cell = report.cells.get(key)
        if cell is not None and cell.reading in ("guessed", "plausible"):
            continue
        got = cell.value if cell else None
        if want is None or key in blank:
            if got not in (None, 0):
                out.append(f"{key}={got} (blank)")
        elif got is None or abs(got - want) > 1e-6:
            out.append(f"{key}={got} (want {want})")
    return out
