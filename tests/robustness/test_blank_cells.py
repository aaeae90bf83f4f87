"""A cell left blank in a published report (a 0 not written) never makes a finding, nor moves a value.

Generated reports (tests/synth) with zero cells written blank in each layout's own way
(tests/synth/blanks.py; the same as benchmarks/sweep_blank_cells.py measures over every layout): a
blank counts as 0, so the report stays correct, and every A, T or X finding the blank adds (T207,
the blank cell itself, aside) is false; a cell read as another value without saying so (not
guessed or plausible) is wrong.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import Source, parse
from nianbao.lint import check

from ..synth.blanks import blanked
from ..synth.generate import generate


def _findings(report) -> Counter[str]:
    return Counter(
        d.code for d in check([report]) if d.code[0] in "ATX" and d.code != "T207" and d.severity.name != "INFO"
    )


def _silently_wrong(report, truth: dict, blank: list[str]) -> list[str]:
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


def _check(seed: int, layout: str, template: str, kind: str, only: str = "") -> bool:
    """Blank one ``kind`` of zero cells; False if the report has none to blank."""
    rep = generate(seed, layout, template)
    got = blanked(rep, kind, random.Random(f"{seed}:{layout}:{template}:{kind}"), only)
    if got is None:
        return False
    bad, keys = got
    base = parse(Source.from_text("r.txt", rep.text))
    report = parse(Source.from_text("r.txt", bad.text))
    assert _findings(report) - _findings(base) == Counter(), (seed, layout, template, keys)
    assert _silently_wrong(report, bad.truth, keys) == _silently_wrong(base, rep.truth, []), (seed, keys)
    return True


# pipe_broken writes a blank cell as a line break: table 四's row of values with its first cell
# blank is an empty line, then ``| 3 | 1 | … |``. Its first cell was dropped (the text before the
# first "|" taken for nothing), every cell after it moved one column left: false A304, T206 and
# 14 cells wrong without saying so. The seeds the sweep found, both format versions.
@pytest.mark.parametrize(
    ("seed", "template"), [(11, "2019"), (25, "2019"), (27, "2019"), (17, "2021"), (24, "2021"), (53, "2021")]
)
def test_pipe_broken_table_four_first_cell_blank(seed: int, template: str) -> None:
    assert _check(seed, "pipe_broken", template, "first", only="t4.")


@settings(max_examples=40)
@given(
    seed=st.integers(0, 10**6), template=st.sampled_from(("2019", "2021")), only=st.sampled_from(("t2.", "t3.", "t4."))
)
def test_pipe_broken_any_first_cell_blank(seed: int, template: str, only: str) -> None:
    _check(seed, "pipe_broken", template, "first", only)
