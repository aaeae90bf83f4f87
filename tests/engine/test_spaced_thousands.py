"""Numbers whose thousands are set apart by a space (``1 234``), where a space may also part two cells.

In tab rows, Markdown and document cells a space between two digit groups is either one number
grouped by GB/T 15835's 千分空 or two fields a PDF copy ran together (``1 234`` for 1 and 234). The
row's shape decides: one cell too many, and joining one pair (the right group three digits)
restores the row — read the joined number. Several joins: the row's totals, then the relations
between rows, else T212 with the readings. Never a confident T206/T208/A finding on a guess.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import check, read_text, values

from ..synth.generate import LAYOUTS, THOUSANDS_SPACES, generate, relation_errors, spaced_thousands

EW = ("error", "warning")


def _same(got: object, want: object) -> bool:
    if got is None or want is None:
        return got is want
    return abs(float(got) - float(want)) < 1e-6  # type: ignore[arg-type]


def _with_line(rep, key: str, fields: list[str]) -> str:
    """The report's text with the tab row holding ``key`` written with these value fields after its label."""
    lines = rep.text.split("\n")
    n = rep.cell_lines[key] - 1
    label = lines[n].split("\t")[0]
    lines[n] = "\t".join([label, *fields])
    return "\n".join(lines)


def _codes(parsed, line: int | None = None) -> list[str]:
    return [f.code for f in check(parsed) if f.severity in EW and (line is None or f.line == line)]


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_spaced_thousands_read_right_in_every_layout(layout: str, template: str) -> None:
    checked = 0
    for seed in range(6):
        rep = spaced_thousands(generate(seed, layout, template, noise=False), seed)
        assert not relation_errors(rep.truth, template)
        if not any(ch in rep.text for ch in THOUSANDS_SPACES[1:]) and " " not in rep.text:
            continue
        parsed = read_text(rep.text, f"{layout}.txt")
        assert [k for k, v in rep.truth.items() if not _same(parsed.cells[k].value, v)] == [], (seed, layout)
        assert _codes(parsed) == [], (seed, layout)
        checked += 1
    assert checked >= 4


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("kind", ["html", "docx"])
def test_spaced_thousands_in_document_cells(kind: str, template: str) -> None:
    from nianbao import Source, parse

    from ..documents.make_documents import cms_html, docx_bytes

    for seed in range(3):
        rep = spaced_thousands(generate(seed, "pipe", template, noise=False), seed)
        data = cms_html(rep, seed).encode("gb18030") if kind == "html" else docx_bytes(rep, seed)
        parsed = parse(Source(f"r.{kind}", data))
        assert [k for k, v in rep.truth.items() if not _same(parsed.cells[k].value, v)] == [], seed
        assert _codes(parsed) == [], seed


def test_a_unit_after_spaced_thousands() -> None:
    for sep in THOUSANDS_SPACES:
        assert values.parse(f"1{sep}234件").value == 1234
        assert values.is_grouped(f"333{sep}688件")
    rep = generate(1, "tab", "2019", noise=False)
    parsed = read_text(_with_line(rep, "t2.licensing.prev", ["1 234件", "0", "7"]), "r.txt")
    assert [parsed.cells[f"t2.licensing.{c}"].value for c in ("prev", "change", "decisions")] == [1234, 0, 7]
    assert _codes(parsed, rep.cell_lines["t2.licensing.prev"]) == []


def test_the_shape_joins_one_pair_in_a_tab_row() -> None:
    rep = generate(1, "tab", "2019", noise=False)
    line = rep.cell_lines["t2.licensing.prev"]
    for sep in (" ", "\u00a0", "\u3000"):
        parsed = read_text(_with_line(rep, "t2.licensing.prev", [f"1{sep}234", "0", "7"]), "r.txt")
        assert [parsed.cells[f"t2.licensing.{c}"].value for c in ("prev", "change", "decisions")] == [1234, 0, 7]
        assert _codes(parsed, line) == []  # no T206 (a cell too many), no T208 (two numbers in one field)


def test_fields_run_together_stay_apart_where_the_row_needs_them() -> None:
    # "12 345" for the fields 12 and 345 of a row one field short: two cells, and T208 says so
    rep = generate(1, "tab", "2019", noise=False)
    parsed = read_text(_with_line(rep, "t2.licensing.prev", ["12 345", "0"]), "r.txt")
    assert [parsed.cells[f"t2.licensing.{c}"].value for c in ("prev", "change", "decisions")] == [12, 345, 0]
    assert "T208" in _codes(parsed, rep.cell_lines["t2.licensing.prev"])


def test_a_real_extra_cell_is_still_found() -> None:
    rep = generate(1, "tab", "2019", noise=False)
    line = rep.cell_lines["t2.licensing.prev"]
    for fields in (["5", "6", "7", "8"], ["1 2345", "0", "7"], ["0 123", "0", "7"], ["1  234", "0", "7"]):
        parsed = read_text(_with_line(rep, "t2.licensing.prev", fields), "r.txt")
        assert "T206" in _codes(parsed, line), fields


def test_two_joins_nothing_decides_is_said_ambiguous() -> None:
    # 1 234 567 | 8 in a row of three: 1234 | 567 | 8 or 1 | 234567 | 8; table 二 (2019) has no relation
    rep = generate(1, "tab", "2019", noise=False)
    line = rep.cell_lines["t2.licensing.prev"]
    parsed = read_text(_with_line(rep, "t2.licensing.prev", ["1 234 567", "8"]), "r.txt")
    found = [f for f in check(parsed) if f.line == line]
    assert [f.code for f in found if f.severity in EW] == []
    t212 = [f for f in found if f.code == "T212"]
    assert t212 and t212[0].severity == "info" and "1234" in t212[0].message and "234567" in t212[0].message
    prev, change = parsed.cells["t2.licensing.prev"], parsed.cells["t2.licensing.change"]
    assert prev.reading == change.reading == "guessed"
    assert parsed.cells["t2.licensing.decisions"].value == 8


def test_the_row_totals_choose_between_joins() -> None:
    # 自然人 1234, 商业企业 567 run together with their thousands spaced, 总计 1 801: one reading sums
    rep = generate(1, "tab", "2019", noise=False)
    fields = ["", "", "1 234 567", "0", "0", "0", "0", "1 801"]
    parsed = read_text(_with_line(rep, "t3.new.total", fields), "r.txt")
    got = [parsed.cells[f"t3.new.{c}"].value for c in ("natural", "commercial", "research", "total")]
    assert got == [1234, 567, 0, 1801]
    assert parsed.cells["t3.new.natural"].reading == "relations"
    assert "T206" not in _codes(parsed, rep.cell_lines["t3.new.total"])


def test_a_join_the_totals_deny_is_a_guess_not_an_arithmetic_error() -> None:
    # the only join that restores the row (1 093) breaks its sum: guessed, T212, no A finding on it
    rep = generate(1, "tab", "2019", noise=False)
    line = rep.cell_lines["t3.new.total"]
    parsed = read_text(_with_line(rep, "t3.new.total", ["", "", "41", "9", "5", "8", "19", "11", "1 093"]), "r.txt")
    cell = parsed.cells["t3.new.total"]
    assert (cell.value, cell.reading) == (1093, "guessed")
    found = check(parsed)
    assert [f.code for f in found if f.line == line and f.code == "T212"]
    assert not [f for f in found if f.family == "A" and "t3.new.total" in f.keys]
    assert not [f for f in found if f.line == line and f.code in ("T206", "T208")]


def test_flat_text_does_not_join_separate_numbers() -> None:
    # a crawler dump of rows whose cells are set apart by one space: 1 | 234 | 5 stays three cells
    rep = generate(1, "pipe", "2019", noise=False)
    text = rep.text
    lines = text.split("\n")
    n = rep.cell_lines["t2.licensing.prev"] - 1
    lines[n] = "行政许可 1 234 5"
    flat = "\n".join(ln.replace(" | ", " ").rstrip(" |") if "|" in ln else ln for ln in lines)
    parsed = read_text(flat, "r.txt")
    assert parsed.dialect == "flat"
    assert [parsed.cells[f"t2.licensing.{c}"].value for c in ("prev", "change", "decisions")] == [1, 234, 5]


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 10_000),
    st.sampled_from(LAYOUTS),
    st.sampled_from(["2019", "2021"]),
    st.floats(0.2, 1.0),
    st.booleans(),
)
def test_random_spaced_thousands_read_right_or_said(
    seed: int, layout: str, template: str, share: float, noise: bool
) -> None:
    rep = spaced_thousands(generate(seed, layout, template, noise=noise), seed, share=share)
    parsed = read_text(rep.text, f"{layout}.txt")
    wrong = [k for k, v in rep.truth.items() if k not in parsed.cells or not _same(parsed.cells[k].value, v)]
    missing = {k for p in parsed.problems if p.kind in ("row-missing", "cell-missing") for k in p.keys}
    said = [k for k in wrong if k in missing or (k in parsed.cells and parsed.cells[k].reading == "guessed")]
    assert wrong == said  # wrong only where said: a guess, or a cell said missing
    if not noise:
        assert _codes(parsed) == []  # a clean report: no error and no warning


@pytest.mark.parametrize("layout", ["tab_rows", "markdown", "markdown_split", "pipe_rows", "lines_tab"])
def test_the_independent_generator_spaced(layout: str) -> None:
    # its reports with every thousands spaced (seed 90004: 表二 rows of five parts each were once taken
    # for 表四 written in three parts; 555002: 1 066 283 | -7 | 1 386 117 needs four joins)
    from ..synth.independent import report

    for seed, template in ((90004, "2019"), (555002, "2019"), (90001, "2021"), (90002, "2021")):
        rep = report(seed, layout, template, spaced=True)
        parsed = read_text(rep.text, f"{layout}.txt")
        assert [k for k, v in rep.truth.items() if not _same(parsed.cells[k].value, v)] == [], seed
        assert _codes(parsed) == [], seed


@pytest.mark.parametrize("layout", ["tab_rows", "markdown", "markdown_split"])
def test_full_width_spaced_decimal_reads_as_one_number(layout: str) -> None:
    # seed 48900 (2021): 表二's fee "８５\xa0２０５．８１" — the full-width point was taken for a break
    # between numbers (85 | 205 | 81: three values, a false T206 + T208, the fee read as 85)
    from ..synth.independent import report

    rep = report(48900, layout, "2021")
    parsed = read_text(rep.text, f"{layout}.txt")
    assert parsed.cells["t2.fees.amount"].value == pytest.approx(85205.81)
    assert [k for k, v in rep.truth.items() if not _same(parsed.cells[k].value, v)] == []
    assert _codes(parsed) == []


_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@given(
    st.integers(1000, 10**9),
    st.integers(0, 99),
    st.sampled_from(THOUSANDS_SPACES),
    st.booleans(),
    st.booleans(),
)
def test_split_multi_takes_a_full_width_point_for_the_numbers_own(
    whole: int, cents: int, sep: str, full_width: bool, decimal: bool
) -> None:
    groups = f"{whole:,}".split(",")
    text = sep.join(groups) + (f".{cents:02d}" if decimal else "")
    if full_width:
        text = text.translate(_FULL_WIDTH)
    spans = values.split_multi(text)
    assert len(spans) == len(groups)  # one part per group, the decimal part with the last
    assert values.parse(text[spans[-1][0] :]).value == pytest.approx(int(groups[-1]) + (cents / 100 if decimal else 0))
