"""Cells written as something other than a plain number in PDF text and crawler dumps (the flat dialect).

A placeholder for a number (无, 空, a dash, a slash) is one of its row's cells: the values after it
keep their columns, the cell reads as written (T209), and no other finding comes of it. The texts
are the PDF-text fixtures (tests/fixtures/pdf_text: five libraries' text of generated PDFs) and the
generator's crawler dumps, with one cell the reader got right rewritten
(benchmarks/sweep_cell_forms.py measures the same over more texts).
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import Source, parse
from nianbao.lint import Config, check_document

from ..paths import FIXTURES
from ..synth.variants import variant

FOLDER = FIXTURES / "pdf_text"
LIBRARIES = ("pdfplumber", "pdfplumber-layout", "pypdf", "pypdf-layout", "pdftotext-layout")
CLEAN = sorted(p.stem for p in FOLDER.glob("*_clean_*.json"))
PLACEHOLDERS = ("无", "空", "-", "—", "/", "／")


def _same(got, want) -> bool:
    return got == want or (got is not None and want is not None and abs(got - want) < 1e-6)


def _said(report, key: str) -> bool:
    cell = report.cells.get(key)
    if cell is not None and cell.reading in ("guessed", "plausible"):
        return True
    if any(key in p.keys for p in report.problems if p.kind in ("row-missing", "cell-missing", "table-missing")):
        return True
    return any(key in p.keys and "merged" not in p.data for p in report.problems if p.kind == "row-guessed")


@cache
def _base(name: str, library: str):
    text = (FOLDER / f"{name}.{library}.txt").read_text(encoding="utf-8")
    truth = json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))["cells"]
    report = parse(Source.from_text(f"{name}.txt", text))
    # the cells read right as written: the ones a rewrite tells something about
    right = sorted(
        k
        for k, c in report.cells.items()
        if truth.get(k) is not None
        and _same(c.value, truth[k])
        and c.reading == "exact"
        and text[c.span.start : c.span.end] == c.raw
    )
    return text, truth, report, right


def _findings(report) -> list[tuple[str, int]]:
    text = report.text.text
    return [
        (d.code, text.count("\n", 0, d.span.start) + 1)
        for d in check_document(report, Config(), [])
        if d.severity.value in ("error", "warning")
    ]


def _check(text: str, truth: dict, report, key: str, new: str, extra_ok: tuple[str, ...] = ()) -> None:
    cell = report.cells[key]
    line = text.count("\n", 0, cell.span.start) + 1
    mutated = text[: cell.span.start] + new + text[cell.span.end :]
    after = parse(Source.from_text("report.txt", mutated))
    want = {**truth, key: None}
    assert after.cells[key].value is None and after.cells[key].raw == new
    wrong = [(k, v, after.value(k)) for k, v in want.items() if not _same(after.value(k), v) and not _said(after, k)]
    assert wrong == []
    before = set(_findings(report))
    new_findings = [f for f in _findings(after) if f not in before and f != ("T209", line) and f[0] not in extra_ok]
    assert new_findings == []


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CLEAN), st.sampled_from(LIBRARIES), st.sampled_from(PLACEHOLDERS), st.data())
def test_a_placeholder_in_a_table_three_or_four_cell_keeps_its_row_in_columns(
    name: str, library: str, placeholder: str, data: st.DataObject
) -> None:
    """Any cell of 表三/表四, any library's text, any placeholder: the cell reads as written (T209), the
    others of its row keep their columns, no other error or warning (was: 无 read as words, every value
    after it a column off, "5.要求行 11 无 0 0 0 2 14" → 11 lost)."""
    text, truth, report, right = _base(name, library)
    key = data.draw(st.sampled_from([k for k in right if not k.startswith("t2.")]))
    _check(text, truth, report, key, placeholder)


def test_the_benchmarks_row_with_a_placeholder_reads_in_its_columns() -> None:
    """The row of benchmarks/accuracy_pdf_text.py (seed 5001, pdfplumber): 11 | 无 | 0 | 0 | 0 | 2 | 14."""
    text = (FOLDER / "p12_2021_clean_ch.pdfplumber.txt").read_text(encoding="utf-8")
    m = re.search(r"^(5\.要求\S*) (\d+) (\d+) (\d+ \d+ \d+ \d+ \d+)$", text, re.M)
    assert m is not None
    report = parse(Source.from_text("r.txt", text[: m.start(3)] + "无" + text[m.end(3) :]))
    row = "t3.unprocessed.confirmation."
    assert report.cells[row + "natural"].value == int(m.group(2))
    assert report.cells[row + "commercial"].raw == "无" and report.cells[row + "commercial"].value is None
    assert [report.value(row + c) for c in ("research", "social_welfare", "legal_service", "other_org", "total")] == [
        int(v) for v in m.group(4).split()
    ]
    assert all(report.cells[row + c].reading == "exact" for c in ("natural", "research", "total"))
    codes = {d.code for d in check_document(report, Config(), []) if d.severity.value in ("error", "warning")}
    assert codes == {"T209"}


def test_a_placeholder_alone_in_a_one_value_row_of_table_two() -> None:
    """行政处罚 无 (PDF text): the row's one cell is 无, the next row keeps its own value (was: 行政强制's 9
    read as 行政处罚's, silently)."""
    text = (FOLDER / "p12_2021_clean_ch.pdfplumber.txt").read_text(encoding="utf-8")
    for placeholder in PLACEHOLDERS:
        mutated = re.sub(r"^(⾏政强制) 2$", rf"\1 {placeholder}", text, count=1, flags=re.M)
        assert mutated != text
        report = parse(Source.from_text("r.txt", mutated))
        assert report.cells["t2.coercion.decisions"].raw == placeholder
        assert report.value("t2.penalties.decisions") == 9 and report.value("t2.fees.amount") == 107.6


def test_a_line_start_character_of_a_vertical_label_is_no_cell() -> None:
    """A 无 at a line's start ("无 0 0 …"), a full row of values after it: 无 is a character of "(四)无法提供"
    written down the page, not a cell (taken only when the row is short of it)."""
    text = (FOLDER / "p12_2021_clean_ch.pypdf.txt").read_text(encoding="utf-8")
    m = re.search(r"^(\d+(?: \d+){6})$", text, re.M)
    assert m is not None
    report = parse(Source.from_text("r.txt", text[: m.start()] + "无 " + text[m.start() :]))
    truth = json.loads((FOLDER / "p12_2021_clean_ch.json").read_text(encoding="utf-8"))["cells"]
    wrong = [
        (k, v, report.value(k)) for k, v in truth.items() if not _same(report.value(k), v) and not _said(report, k)
    ]
    assert wrong == []


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["2019", "2021"]), st.sampled_from(["无", "空", "—", "／"]), st.data())
def test_a_placeholder_run_together_with_the_digits_of_a_crawler_dump(
    seed: int, version: str, placeholder: str, data: st.DataObject
) -> None:
    """A cell of a crawler dump ("0202无0014503003") written 无 (or an em dash, a full-width slash) between
    two digits is one cell, not the end of the run: no cell after it silently wrong, no table lost."""
    text, truth = variant(seed, "flat", version)
    report = parse(Source.from_text("dump.txt", text))
    inside = [
        k
        for k, c in report.cells.items()
        if truth.get(k) is not None
        and _same(c.value, truth[k])
        and text[c.span.start - 1 : c.span.start].isdigit()
        and text[c.span.end : c.span.end + 1].isdigit()
        and text[c.span.start : c.span.end] == c.raw
    ]
    key = data.draw(st.sampled_from(inside))
    cell = report.cells[key]
    after = parse(Source.from_text("dump.txt", text[: cell.span.start] + placeholder + text[cell.span.end :]))
    want = {**truth, key: None}
    wrong = [(k, v, after.value(k)) for k, v in want.items() if not _same(after.value(k), v) and not _said(after, k)]
    assert wrong == []
    assert not [
        d.code for d in check_document(after, Config(), []) if d.code[0] in "AX" and d.severity.value == "error"
    ]


def test_a_label_spelt_like_a_placeholder_stays_a_label() -> None:
    """pdftotext -layout with a label's numbering on a line of its own ("没有 6" / "2." / "1 1 0 3 1 12",
    2.没有现成信息需要另行制作): "没有" is the label's first line, not a cell (was: a value, T206 8 values)."""
    name = "p11_2021_clean_li"
    text = (FOLDER / f"{name}.pdftotext-layout.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.strip().startswith("2.没有"))
    values = lines[at].split()[1:]
    lines[at : at + 1] = ["      没有 " + values[0], " " * 20 + "2.", " " * 20 + "   ".join(values[1:])]
    report = parse(Source.from_text(f"{name}.txt", "\n".join(lines)))
    truth = json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))["cells"]
    assert [(k, v) for k, v in truth.items() if not _same(report.value(k), v)] == []
    assert [d.code for d in check_document(report, Config(), []) if d.severity.value in ("error", "warning")] == []


_GROUPINGS = {"plain": None, "space": " ", "nbsp": "\u00a0", "comma": ",", "fwcomma": "，"}
_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _written(value: int, form: str, full: bool) -> str:
    digits = str(value)
    sep = _GROUPINGS[form]
    if sep is not None and len(digits) > 3:
        head = len(digits) % 3 or 3
        digits = sep.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])
    return digits.translate(_FULL) if full else digits


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(CLEAN),
    st.sampled_from(LIBRARIES),
    st.integers(1_001, 99_999),
    st.lists(st.sampled_from(sorted(_GROUPINGS)), min_size=1, max_size=3),
    st.booleans(),
    st.randoms(use_true_random=False),
)
def test_table_three_in_thousands_written_any_way_reads_right_or_guessed(
    name: str, library: str, factor: int, forms: list[str], full: bool, rnd
) -> None:
    """表三 of a PDF's text with every number multiplied (its sums still hold) and each written with its
    thousands grouped by a space, a no-break space, a comma or a full-width comma, or not, in ASCII or
    full-width digits: every cell right or guessed, no error or warning (was: "1,234" read as 1 and
    234, a no-break space or a full-width point cut a number, "2 154" a false T206)."""
    text, truth, report, right = _base(name, library)
    keys = [k for k in truth if k.startswith("t3.")]
    if any(k not in right and truth[k] != 0 for k in keys):
        return  # a cell not read as written in the original: nothing sure to scale
    spans = sorted((report.cells[k].span.start, report.cells[k].span.end, k) for k in keys if k in right)
    out, at, want = [], 0, dict(truth)
    for a, b, k in spans:
        want[k] = truth[k] * factor
        out += [text[at:a], _written(want[k], rnd.choice(forms), full and rnd.random() < 0.5)]
        at = b
    after = parse(Source.from_text("r.txt", "".join(out) + text[at:]))
    wrong = [(k, v, after.value(k)) for k, v in want.items() if not _same(after.value(k), v) and not _said(after, k)]
    assert wrong == []
    found = [d.code for d in check_document(after, Config(), []) if d.severity.value in ("error", "warning")]
    assert [c for c in found if c[0] == "A" or c.startswith("T2")] == []  # (X503: the prose's numbers, not scaled)


def _scaled(name: str, library: str, factor: int, form: str) -> tuple[dict, object]:
    text, truth, report, right = _base(name, library)
    spans = sorted(
        (report.cells[k].span.start, report.cells[k].span.end, k) for k in truth if k.startswith("t3.") and k in right
    )
    out, at, want = [], 0, dict(truth)
    for a, b, k in spans:
        want[k] = truth[k] * factor
        out += [text[at:a], _written(want[k], form, False)]
        at = b
    return want, parse(Source.from_text("r.txt", "".join(out) + text[at:]))


@pytest.mark.parametrize("form", sorted(_GROUPINGS))
def test_a_row_broken_over_two_lines_with_its_thousands_grouped_reads_right(form: str) -> None:
    """pdftotext -layout's "2.其他法律行政法规禁止公 2,002 0 0 0 1,001 1,001" / "开 4,004": the total on the
    next line joins the row (its sum holds, "2,002" read as 2002), and "2,002" is never cut (was: the
    search for a row a value short read it as 200 | 2, a false T212 and T209). Thousands grouped by a
    space are not joined across the two lines (nine pieces and two: which spaces group is not known
    there): its cells are read as guesses, with a T206, never an A finding."""
    want, after = _scaled("c12_2019_clean_ch", "pdftotext-layout", 1001, form)
    assert [
        (k, v, after.value(k)) for k, v in want.items() if not _same(after.value(k), v) and not _said(after, k)
    ] == []
    found = [d.code for d in check_document(after, Config(), []) if d.severity.value in ("error", "warning")]
    assert [c for c in found if c[0] == "A" or (c.startswith("T2") and _GROUPINGS[form] not in (" ", "\u00a0"))] == []


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("placeholder", ["无", "空", "—", "／"])
def test_a_last_cell_written_placeholder_before_the_next_labels_numbering(version: str, placeholder: str) -> None:
    """A crawler dump's row whose last cell is written 无 right before the next label's numbering
    ("…信息2120101无2.没有现成信息…") keeps the 无 as its cell (was: a label word of the next row, the row's
    digits read one value each, "exact", and false A302 findings on the columns they land in)."""
    cases = 0
    for seed in range(150, 162):
        text, truth = variant(seed, "flat", version)
        report = parse(Source.from_text("dump.txt", text))
        for key, c in report.cells.items():
            if not (
                truth.get(key) is not None
                and _same(c.value, truth[key])
                and text[c.span.start - 1 : c.span.start].isdigit()
                and re.match(r"\d[.．、]\D", text[c.span.end : c.span.end + 3])
            ):
                continue
            cases += 1
            after = parse(Source.from_text("dump.txt", text[: c.span.start] + placeholder + text[c.span.end :]))
            want = {**truth, key: None}
            assert [
                (k, v, after.value(k)) for k, v in want.items() if not _same(after.value(k), v) and not _said(after, k)
            ] == []
            assert not [
                d.code for d in check_document(after, Config(), []) if d.code[0] in "AX" and d.severity.value == "error"
            ]
    assert cases >= 10  # rows that end so occur in these seeds: the test is not vacuous
