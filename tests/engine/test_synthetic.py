"""Generated reports (tests/synth): every layout, both formats, random numbers, injected noise.

The bar of the engine is ≥ 99.5 % of cells right overall; ``benchmarks/accuracy.py``
runs the same measurement on many more reports.
"""

from __future__ import annotations

import pytest

from nianbao import Source, parse

from ..synth.generate import LAYOUTS, generate

SEEDS = range(100, 106)


def cells_right(seed: int, layout: str, version: str) -> tuple[int, int, list]:
    synthetic = generate(seed, layout, version, noise=True)
    report = parse(Source.from_text(f"{layout}.txt", synthetic.text))
    assert report.template is not None and report.template.version == version
    assert report.year == synthetic.year
    wrong = []
    for key, want in synthetic.truth.items():
        cell = report.cells.get(key)
        got = cell.value if cell else None
        if not (got == want or (got is not None and want is not None and abs(got - want) < 1e-6)):
            wrong.append((key, want, got))
    return len(synthetic.truth) - len(wrong), len(synthetic.truth), wrong


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_generated_reports_cells(layout: str, version: str) -> None:
    right = total = 0
    wrong_all = []
    for seed in SEEDS:
        r, t, wrong = cells_right(seed, layout, version)
        right, total = right + r, total + t
        wrong_all += [(seed, *w) for w in wrong]
    assert right / total >= 0.995, wrong_all[:10]


def test_prefixed_values_merged_in_one_tab_field() -> None:
    text = generate(11, "tab", "2019", t2="random").text  # the random table 二 of this seed has the case
    report = parse(Source.from_text("r.txt", text))
    assert "增13 40" in text
    assert [report.cells[f"t2.coercion.{c}"].value for c in ("prev", "change", "decisions")] == [84, 13, 40]
