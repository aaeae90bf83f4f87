"""Self-checks of the independent generator: clean numbers satisfy the format, lines point at values."""

from __future__ import annotations

import re
import unicodedata

import pytest

from .independent import APPLICANTS, DEFECTS, LAYOUTS, T4_COLS, T4_GROUPS, report, result_keys, t3_rows


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("version", ["2019", "2021"])
def test_clean_report_satisfies_every_relation(layout: str, version: str) -> None:
    for seed in range(5):
        v = report(seed, layout, version).truth
        for c in APPLICANTS:
            assert v[f"t3.new.{c}"] + v[f"t3.carried_in.{c}"] == v[f"t3.total.{c}"] + v[f"t3.carried_forward.{c}"]
            assert v[f"t3.total.{c}"] == sum(v[f"t3.{k}.{c}"] for k in result_keys(version))
        for k, _, _ in t3_rows(version):
            assert v[f"t3.{k}.total"] == sum(v[f"t3.{k}.{c}"] for c in APPLICANTS[:-1])
        for g in T4_GROUPS:
            assert v[f"t4.{g}.total"] == sum(v[f"t4.{g}.{c}"] for c in T4_COLS[:-1])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_value_is_on_its_line(layout: str) -> None:
    for seed in range(5):
        rep = report(seed, layout)
        lines = rep.text.split("\n")
        for key, want in rep.truth.items():
            line = re.sub(r"(?<=\d)[ ,](?=\d{3})", "", unicodedata.normalize("NFKC", lines[rep.cell_lines[key] - 1]))
            digits = str(abs(want)).removesuffix(".0") if not isinstance(want, float) else str(want).rstrip("0")
            assert digits.split(".")[0] in line or "万" in line, (key, want, line)


@pytest.mark.parametrize("defect", DEFECTS)
def test_a_defect_is_located(defect: str) -> None:
    for seed in range(5):
        rep = report(seed, "pipe_rows", None, defect)
        assert rep.defect is not None and rep.defect.at and rep.defect.at <= rep.defect.lines
        assert rep.text != report(seed, "pipe_rows", rep.template).text
