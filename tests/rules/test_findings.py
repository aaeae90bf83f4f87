"""Findings that help: each case on a real report, mutated as a user would have written it.

Every test names the defect it introduces; the finding must be at its place, say what
it is, and not drag other findings along (a garbled value is not a short row, a
blank cell's fix is the value the sums give, one wrong cell is one finding).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nianbao import Source, parse, values
from nianbao.lint import Config, check
from nianbao.rules import Diagnostic
from nianbao.template import template

from ..paths import CORPUS, seed_path
from ._lint import line


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").split("\n")


def _lint_text(text: str, name: str = "mutated.txt") -> tuple[list[Diagnostic], object]:
    report = parse(Source(name, text.encode("utf-8")))
    return check([report], Config()), report


def _mutate(path: Path, number: int, new: str) -> str:
    """The file with line ``number`` (1-based) replaced."""
    lines = _lines(path)
    lines[number - 1] = new
    return "\n".join(lines)


# --------------------------------------------------------------------------- T209: garbled values

# (file, line of 规章's row, the row written with GARBLE as its second value, keys of the three values)
_REGULATION_ROWS = {
    "pipe": (seed_path("001"), 17, "规章 | 5 | {} | 5 | |", (5, 5)),
    "tab": (seed_path("002"), 22, "规章\t0\t{}\t0\t\t\t\t\t\t\t", (0, 0)),
    "markdown": (CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md", 58, "| 规章 | 0 | {} | 0 |", (0, 0)),
}
# one cell per line: the row's second value is on its own line
_CELL_ROWS = {
    "cells": (CORPUS / "pingtan_2023" / "pingtan_2023.cells.txt", 53, "{} |", (0, 0)),
    "cells-tab": (seed_path("004"), 40, "\t{}", (2, 19)),
}
GARBLES = ["O", "o", "l", "I", "〇", "Ｏ", "5a5", "1O", "x", "0O"]


@pytest.mark.parametrize("garble", GARBLES)
@pytest.mark.parametrize("dialect", sorted({**_REGULATION_ROWS, **_CELL_ROWS}))
def test_a_letter_in_a_value_cell_is_T209_at_that_cell_with_the_other_values_kept(dialect: str, garble: str):
    path, number, pattern, kept = {**_REGULATION_ROWS, **_CELL_ROWS}[dialect]
    diags, report = _lint_text(_mutate(path, number, pattern.format(garble)), path.name)
    t209 = [d for d in diags if d.code == "T209"]
    row = [k for k in report.template.keys if k.startswith("t2.regulations.")]
    assert [(line(d), d.keys) for d in t209] == [(number, (row[1],))]
    assert report.text.text[t209[0].span.start : t209[0].span.end] == garble
    assert f"“{garble}”" in t209[0].message.zh
    # the row is still whole: no short row, and the other two values are where they were
    assert not [d for d in diags if d.code in ("T206", "T211", "T202") and abs(line(d) - number) <= 3]
    assert (report.value(row[0]), report.value(row[2])) == kept


@pytest.mark.parametrize(("garble", "digits"), [("O", "0"), ("Ｏ", "0"), ("〇", "0"), ("l", "1"), ("1O", "10")])
def test_a_letter_for_a_digit_gets_the_digit_as_its_fix(garble: str, digits: str):
    path, number, pattern, _ = _REGULATION_ROWS["pipe"]
    diags, _ = _lint_text(_mutate(path, number, pattern.format(garble)))
    d = next(d for d in diags if d.code == "T209")
    assert d.fix is not None and not d.fix.safe
    assert [e.new_text for e in d.fix.edits] == [digits]


@pytest.mark.parametrize("garble", ["5a5", "x"])
def test_a_letter_that_stands_for_no_digit_gets_no_fix(garble: str):
    path, number, pattern, _ = _REGULATION_ROWS["pipe"]
    diags, _ = _lint_text(_mutate(path, number, pattern.format(garble)))
    assert next(d for d in diags if d.code == "T209").fix is None


@given(st.integers(0, 99_999), st.sampled_from("OolIxa〇Ｏ"), st.data())
def test_any_number_with_a_letter_in_it_is_a_value(number, letter, data):
    digits = str(number)
    at = data.draw(st.integers(0, len(digits)))
    garbled = (digits[:at] + letter + digits[at:])[:6]
    assert values.looks_like_value(garbled) and values.parse(garbled).value is None


def test_no_label_of_the_format_looks_like_a_value():
    for version in ("2019", "2021"):
        tpl = template(version)
        for row in tpl.rows:
            for label in (*row.labels, *(c.label for c in row.columns)):
                assert not values.looks_like_value(label), label
