"""Numbers as reports write them: thousands set apart by commas, full-width commas or spaces
(GB/T 15835's 千分空), full-width digits, a unit after the number.

A space parts two cells where fields of a PDF copy ran together ("0 0" in a tab row), so
``1 234`` is one number at once only where the layout delimits the cell, elsewhere where the row's
shape says so (tests/engine/test_spaced_thousands.py); a thin space parts no cells.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nianbao import check, read_text, values

from ..synth.independent import LAYOUTS, SPACE_DELIMITED, SPACE_SEPARATORS, SPACE_SHAPED, THIN_SEPARATORS, report

EW = ("error", "warning")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(0, 10**12), st.sampled_from([",", "，", *THIN_SEPARATORS, *SPACE_SEPARATORS]), st.booleans())
def test_every_written_form_of_a_number_reads_as_it(n: int, sep: str, full: bool) -> None:
    text = _grouped(n, sep)
    text = text.translate(_FULL) if full else text
    assert values.parse(text).value == n
    assert values.parse(text + "件").value == n


@given(st.integers(1000, 10**12), st.sampled_from(SPACE_SEPARATORS))
def test_a_space_is_one_number_only_in_a_delimited_cell(n: int, sep: str) -> None:
    text = _grouped(n, sep)
    assert values.is_grouped(text) and not values.is_grouped(text, delimited=False)
    assert values.is_multi(text)  # where the layout says nothing, still readable as several cells


@given(st.integers(1000, 10**12), st.sampled_from(THIN_SEPARATORS))
def test_a_thin_space_is_always_one_number(n: int, sep: str) -> None:
    assert values.is_grouped(_grouped(n, sep), delimited=False)


def test_no_other_spaced_digits_are_one_number() -> None:
    for text in ("0 0", "12 34", "1 2345", "1234 567", "1 234 56", "0 0 0"):
        assert not values.is_grouped(text), text


def _same(got: object, want: object) -> bool:
    if got is None or want is None:
        return got is want
    return abs(float(got) - float(want)) < 1e-6  # type: ignore[arg-type]


def test_reports_with_spaced_thousands_read_right_and_lint_clean() -> None:
    checked = 0
    for seed in range(60):
        layout = LAYOUTS[seed % len(LAYOUTS)]
        rep = report(seed, layout, "2019" if seed % 2 else "2021")
        if not rep.style["thousands"] or rep.style["thousands_sep"] == ",":
            continue
        assert layout in SPACE_DELIMITED + SPACE_SHAPED or rep.style["thousands_sep"] in THIN_SEPARATORS
        parsed = read_text(rep.text, f"{layout}.txt")
        assert [k for k, v in rep.truth.items() if not _same(parsed.cells[k].value, v)] == [], (seed, layout)
        assert [f.code for f in check(parsed) if f.severity in EW] == [], (seed, layout)
        checked += 1
    assert checked >= 3


def test_a_tab_row_with_spaced_thousands_reads_them_by_its_shape() -> None:
    # "1 234" in a tab row may be the fields 1 and 234 a PDF copy ran together; a row that then has a
    # cell too many, and fits with the groups joined, holds one number (was two cells, T206 and T208)
    rep = report(6, "tab_rows", "2019")
    assert rep.style["thousands"]
    text = rep.text.replace(",", " ")
    parsed = read_text(text, "r.txt")
    assert [k for k, v in rep.truth.items() if not _same(parsed.cells[k].value, v)] == []
    assert [f.code for f in check(parsed) if f.severity in EW] == []


def test_full_width_digits_grouped_with_a_decimal_part() -> None:
    # the independent generator's 收费金额 (seed 48900): full-width digits, an NBSP, a full-width point
    assert values.is_grouped("８５\u00a0２０５．８１") and values.parse("８５\u00a0２０５．８１").value == 85205.81
    assert values.parse("1\u2009234.5", unit="万元").value == 1234.5
