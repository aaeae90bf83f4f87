"""Reports from the independent generator (tests/synth/independent.py), and the misreads it found.

The generator shares no code with generate.py: its layouts, padding and wording are its own, so a
reading that holds here was not written for it. Clean reports must read right and lint clean;
each injected defect must be found at its line, and every error or warning must be about it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import check, read_text

from ..paths import CORPUS, seed_path
from ..synth.independent import APPLICANTS, BLANK_END, BLANK_T4, DEFECTS, EXTRA_BLANKS, LAYOUTS, report

EW = ("error", "warning")
ROWS = (CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt").read_text("utf-8")
MARKED = (CORPUS / "pingtan_2023" / "pingtan_2023.marked.txt").read_text("utf-8")


def _same(got: object, want: object) -> bool:
    if got is None or want is None:
        return got is want
    return abs(float(got) - float(want)) < 1e-6  # type: ignore[arg-type]


def _wrong_cells(rep) -> list[str]:
    parsed = read_text(rep.text, f"{rep.layout}.txt")
    return [
        k for k, want in rep.truth.items() if not _same(parsed.cells[k].value if k in parsed.cells else None, want)
    ], parsed


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(LAYOUTS), st.sampled_from(["2019", "2021"]))
def test_clean_reports_read_right_and_lint_clean(seed: int, layout: str, version: str) -> None:
    rep = report(seed, layout, version)
    wrong, parsed = _wrong_cells(rep)
    assert wrong == []
    assert [(f.code, f.line) for f in check(parsed) if f.severity in EW] == []


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 10**6),
    st.sampled_from(LAYOUTS),
    st.sampled_from(["2019", "2021"]),
    st.sampled_from(DEFECTS),
)
def test_each_injected_defect_found_at_its_line_and_nothing_else(
    seed: int, layout: str, version: str, defect: str
) -> None:
    _found_at_its_line_and_nothing_else(report(seed, layout, version, defect))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(LAYOUTS), st.sampled_from(["2019", "2021"]))
def test_a_blank_at_either_end_of_a_row_is_read_as_its_siblings_are_written(
    seed: int, layout: str, version: str
) -> None:
    # the neighbours of seeds 246, 16998 and 555007: 自然人 or 总计 of a 表三 row left blank, most
    # often in a row of zeros (whose totals hold at both ends), in every layout
    _found_at_its_line_and_nothing_else(report(seed, layout, version, BLANK_END))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(LAYOUTS), st.sampled_from(["2019", "2021"]))
def test_a_blank_in_table_four_under_wrapped_headers_is_found_and_nothing_else(
    seed: int, layout: str, version: str
) -> None:
    # the neighbours of seeds 700011 and 800006: a 表四 cell left blank under column headers that
    # wrap, in every layout (pipe_aligned: the header's last line ``纠正 | … | 总计 |`` does not
    # start with "|", and the "|"-led values line after it was read as the header row going on)
    _found_at_its_line_and_nothing_else(report(seed, layout, version, BLANK_T4))


def test_values_line_after_a_wrapped_pipe_led_header_is_its_own_row() -> None:
    # seeds 700011 and 800006 (pipe_aligned, 2021): the line break between the header's
    # "总计 |" and the values' "| 5 |" was a blank cell, 16 values and a false T206; 700374:
    # the row shifted by it, three cells wrong and two false A304 errors
    for seed, version in ((700011, "2021"), (800006, "2021"), (800122, "2019"), (700374, "2021")):
        _found_at_its_line_and_nothing_else(report(seed, "pipe_aligned", version, "blank"))
    for seed in range(20):  # 0 and 1: a shifted row and false A304 errors, a false T206
        _found_at_its_line_and_nothing_else(report(seed, "pipe_aligned", "2019", BLANK_T4))


def _found_at_its_line_and_nothing_else(rep) -> None:
    wrong, parsed = _wrong_cells(rep)
    assert wrong == []
    d = rep.defect
    findings = [f for f in check(parsed) if f.severity in EW]
    assert any(f.family == d.family and f.line in d.at for f in findings), (d, findings)
    assert [f for f in findings if f.family != d.family or f.line not in d.lines] == []


def _led(text: str) -> str:
    """Every table line opened with "| " (a table without its |---| line)."""
    return "\n".join("| " + ln if " | " in ln and not ln.startswith("|") else ln for ln in text.split("\n"))


def test_pipe_rows_without_separator_line_are_not_placed_by_column_position() -> None:
    # "| 一、本年新收… | || 80 | … |": the merged labels' cells are left out of some rows, so the
    # columns of one row say nothing about another's; a blank last cell is the row's 总计.
    truth = read_text(ROWS).cells
    for row in ("new", "carried_in", "granted", "withheld.third_party", "total", "carried_forward"):
        cell = truth[f"t3.{row}.total"]
        text = _led(ROWS[: cell.span.start] + " " * len(cell.raw) + ROWS[cell.span.end :])
        got = read_text(text).cells
        assert got[f"t3.{row}.total"].value is None
        for c in ("natural", "commercial", "research", "social_welfare", "legal_service", "other_org"):
            assert got[f"t3.{row}.{c}"].value == truth[f"t3.{row}.{c}"].value, (row, c)


def test_values_line_after_a_pipe_led_header_line_is_its_own_row() -> None:
    # "| 结果 维持 | … | 总计 |" then "| 1 | 1 | … | 2 |": not one row broken by a blank cell
    truth = read_text(ROWS).cells
    t4 = sorted((k for k in truth if k.startswith("t4.")), key=lambda k: truth[k].span.start)
    for key in (t4[-1], t4[4], t4[0]):
        cell = truth[key]
        text = _led(ROWS[: cell.span.start] + " " * len(cell.raw) + ROWS[cell.span.end :])
        got = read_text(text).cells
        assert {k: got[k].value for k in t4 if k != key} == {k: truth[k].value for k in t4 if k != key}
        assert got[key].value is None


def test_a_blank_at_either_end_of_a_row_goes_where_the_row_totals_hold() -> None:
    # one cell per line, a line "|" opening each row: the blank last cell of 表四 ("|") and the
    # row's mark read alike; the reading under which the groups' totals hold places the values
    truth = read_text(MARKED).cells
    t4 = sorted((k for k in truth if k.startswith("t4.")), key=lambda k: truth[k].span.start)
    for key in t4:
        cell = truth[key]
        line_start = MARKED.rindex("\n", 0, cell.span.start) + 1
        line_end = MARKED.index("\n", cell.span.end)
        text = MARKED[:line_start] + "|" + MARKED[line_end:]
        got = read_text(text).cells
        assert got[key].value is None, key
        assert {k: got[k].value for k in t4 if k != key} == {k: truth[k].value for k in t4 if k != key}, key


def _t202(text: str) -> list[str]:
    return [f.message for f in check(read_text(text)) if f.code == "T202"]


def test_wording_variants_of_labels_are_not_misspellings() -> None:
    # (1) for 1., 其它 for 其他, 合计 for 总计: the same labels, written as many reports write them
    assert _t202(ROWS) == []
    numbered = re.sub(r"^(\d)\.", r"(\1)", ROWS, flags=re.M)
    assert numbered != ROWS and _t202(numbered) == []
    assert _t202(re.sub(r"^(\d)\.", r"（\1）", ROWS, flags=re.M)) == []
    assert _t202(ROWS.replace("其他处理", "其它处理").replace("3.其他 |", "3.其它 |")) == []
    assert _t202(ROWS.replace("| 总计 |", "| 合计 |")) == []
    # 行政规范性文件, the 2021 format's word, in a 2019-format report
    seed = seed_path("004").read_text("utf-8")
    assert "\t规范性文件" in seed and _t202(seed.replace("\t规范性文件", "\t行政规范性文件")) == _t202(seed)


CELLS = (CORPUS / "pingtan_2023" / "pingtan_2023.cells.txt").read_text("utf-8")
WRAPS = [
    ("2.没有现成信息需要另行制作", 8),
    ("一、本年新收政府信息公开申请数量", 6),
    ("5.要求行政机关确认或重新出具已获取信息", 11),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 13),
]


def _values(text: str) -> dict:
    return {k: c.value for k, c in read_text(text).cells.items()}


def test_a_row_label_wrapped_onto_two_lines_is_one_label() -> None:
    # web copies keep a cell's line break: "2.没有现成信息需" / "要另行制作 | 0 | …"; PDF text too
    for text in (ROWS, CELLS, MARKED, _led(ROWS)):
        want = _values(text)
        for label, at in WRAPS:
            assert label in text
            wrapped = text.replace(label, label[:at] + "\n" + label[at:], 1)
            assert _t202(wrapped) == [], (label, text[:20])
            assert _values(wrapped) == want
    # Markdown converters keep it as <br>
    assert _t202(ROWS.replace("一、本年新收政府信息公开申请数量", "一、本年新收<br>政府信息公开申请数量")) == []


def test_wrapped_labels_in_generated_reports() -> None:
    # the neighbours: every layout, reports whose long labels the generator wrapped
    checked = 0
    for layout in LAYOUTS:
        for seed in range(60):
            rep = report(seed, layout)
            if not rep.style["wrap_labels"]:
                continue
            wrong, parsed = _wrong_cells(rep)
            assert wrong == [] and [f.code for f in check(parsed) if f.severity in EW] == [], (layout, seed)
            checked += 1
    assert checked >= 50


def test_tab_rows_whose_label_fields_differ_from_row_to_row() -> None:
    # "三、本年度办理结果\t一、予以公开\t\t0\t\t0…": a row of two label fields where most have one;
    # the row's values sit one column right of the block's, a blank among them (was read shifted,
    # with A302 errors)
    rep = report(90001, "tab_rows", "2019", "blank")
    assert rep.style["label_fields"] == 2
    wrong, parsed = _wrong_cells(rep)
    assert wrong == []
    assert [f.code for f in check(parsed) if f.family == "A" and f.severity in EW] == []


def test_bold_markdown_headings_are_headings() -> None:
    for seed in range(40):
        rep = report(seed, "markdown")
        if rep.style["heading"] != "bold":
            continue
        assert "## **二、主动公开政府信息情况**" in rep.text
        parsed = read_text(rep.text)
        assert [h.section for h in parsed.headings] == [1, 2, 3, 4, 5, 6]
        assert [f.code for f in check(parsed) if f.family == "S" and f.severity in EW] == []
        return
    raise AssertionError("no report with bold headings")


def test_table_four_split_in_three_tables_with_a_blank_cell() -> None:
    # 表四 as three 5-column Markdown tables (a PDF converter's); one cell left blank: still one row
    text = (CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md").read_text("utf-8")
    truth = read_text(text).cells
    t4 = sorted((k for k in truth if k.startswith("t4.")), key=lambda k: truth[k].span.start)
    for key in t4:
        cell = truth[key]
        got = read_text(text[: cell.span.start] + " " * len(cell.raw) + text[cell.span.end :]).cells
        assert got[key].value is None, key
        assert {k: got[k].value for k in t4 if k != key} == {k: truth[k].value for k in t4 if k != key}, key


def test_a_wrapped_label_after_a_blank_line() -> None:
    # white-space lines between rows ("\u3000") and a label wrapped onto two lines after one
    # (found by Hypothesis: seed 1459, pipe_rows, 2019 format)
    label = "3.补正后申请内容仍不明确"
    for text in (ROWS, _led(ROWS)):
        want = _values(text)
        for blank in ("", "\u3000", "\u00a0 "):
            wrapped = text.replace(label, f"{blank}\n{label[:9]}\n{label[9:]}", 1)
            assert _t202(wrapped) == [] and _values(wrapped) == want, repr(blank)
    rep = report(1459, "pipe_rows", "2019")
    wrong, parsed = _wrong_cells(rep)
    assert wrong == [] and [f.code for f in check(parsed) if f.severity in EW] == []


def test_a_tab_row_a_column_off_with_a_blank_total_is_read_where_its_totals_can_hold() -> None:
    """请数量 \t\t\t0\t0\t 0 \t1\t  3   \t1\t    : three fields before the values where the block's
    rows have two, and 总计 blank. By the block's positions the row would start with a blank and end
    at 1 — totals that cannot hold whatever the blank is (0+0+0+1+3 > 1): three false A301 errors.
    Read one column over, the blank is 总计 and the row is as written (found by Hypothesis: seed
    16998, tab_rows, 2019 format, blank cell)."""
    rep = report(16998, "tab_rows", "2019", "blank")
    wrong, parsed = _wrong_cells(rep)
    assert wrong == []
    assert parsed.cells["t3.carried_in.total"].value is None
    findings = [f for f in check(parsed) if f.severity in EW]
    assert [(f.code, f.line) for f in findings] == [("T207", 58)]


def test_an_all_zero_row_with_a_blank_at_one_end_reads_as_its_siblings() -> None:
    """One cell per line: "(一)予以公开 |" / "|" / "0 |" x 6 / "|". The "|" after the label is its
    merged cell's padding, as in (二)部分公开 and (七)总计, so the blank is 总计; a row of zeros holds
    its totals at both ends, and it was a T212 warning with the blank put first (found by
    Hypothesis: seed 246, 2021 format, blank cell, one cell per line and marked web copies)."""
    for layout in ("lines_pipe", "web_marked"):
        rep = report(246, layout, "2021", "blank")
        wrong, parsed = _wrong_cells(rep)
        assert wrong == [] and parsed.cells["t3.granted.total"].value is None, layout
        findings = [(f.code, f.line) for f in check(parsed) if f.severity in EW]
        assert findings == [("T207", rep.defect.line)], layout


def test_a_tab_row_a_column_off_is_read_as_its_siblings_are_written() -> None:
    """三、本年度办理结果\t一、予以公开\t\t0\t0\t0\t0\t0\t0\t : a blank 总计 one column right of the
    block's rows (two label fields, the merged 三、… a third); a row of zeros, so its totals hold at
    both ends. (二)部分公开 and (七)总计 have one empty field after their label, as this one has
    before its values: 总计 is the blank (was read by the block's positions, 自然人 blank, silently).
    Neighbours: a wrapped label's second line in the first field (seed 13: its blank is 自然人)."""
    rep = report(27, "tab_rows", "2021", "blank")
    assert rep.style["label_fields"] == 2
    wrong, parsed = _wrong_cells(rep)
    assert wrong == [] and parsed.cells["t3.granted.total"].value is None
    assert [(f.code, f.line) for f in check(parsed) if f.severity in EW] == [("T207", rep.defect.line)]
    for layout in ("tab_rows", "tab_spaced"):
        rep = report(13, layout, "2019", "blank")
        wrong, parsed = _wrong_cells(rep)
        assert wrong == [] and parsed.cells["t3.unavailable.not_held.natural"].value is None, layout


def test_a_tab_row_a_column_off_that_nothing_places_is_a_doubt() -> None:
    """一、本年新收, 二、上年结转 and 四、结转下年度 each with a blank at one end: no row of their kind
    shows where its values start. 一's totals place it (6+9+0+0+1 is not 1: 总计 is the blank);
    二 and 四 are rows of zeros the relations cannot place either, so their end cells are guessed
    and said (T212), never read silently by the block's positions."""
    rep = report(1, "tab_rows", "2021")
    assert rep.style["label_fields"] == 2
    assert not any(rep.truth[f"t3.{r}.{c}"] for r in ("carried_in", "carried_forward") for c in APPLICANTS)
    lines = rep.text.split("\n")
    for key, field in (("t3.new.total", 9), ("t3.carried_in.total", 9), ("t3.carried_forward.natural", 3)):
        fields = lines[rep.cell_lines[key] - 1].split("\t")
        assert fields[field].strip() == str(rep.truth[key])
        fields[field] = ""
        lines[rep.cell_lines[key] - 1] = "\t".join(fields)
    parsed = read_text("\n".join(lines), "tab.txt")
    assert [parsed.cells[f"t3.new.{c}"].value for c in APPLICANTS] == [6, 9, 0, 0, 1, 1, None]
    for row in ("carried_in", "carried_forward"):
        ends = [parsed.cells[f"t3.{row}.{c}"] for c in ("natural", "total")]
        assert [c.reading for c in ends] == ["guessed", "guessed"], row
        assert [c.value for c in ends].count(None) == 1 and [c.value for c in ends].count(0) == 1
        middle = [parsed.cells[f"t3.{row}.{c}"] for c in APPLICANTS[1:-1]]
        assert [c.value for c in middle] == [0] * 5 and "guessed" not in [c.reading for c in middle]
    findings = [(f.code, f.line) for f in check(parsed) if f.severity in EW]
    assert ("T212", rep.cell_lines["t3.carried_in.total"]) in findings
    assert ("T212", rep.cell_lines["t3.carried_forward.natural"]) in findings
    assert [f for f in findings if f[0][0] == "A"] == []


def test_a_row_whose_label_wraps_is_reported_at_its_cells() -> None:
    """\t\t3、补正后申请 / 内容仍不明确\t0\t0\t0\t0\t0\t0\t : the values start in the first field,
    two columns left of the block's, and 总计 is blank. It was read by the block's positions (two
    values lost) and T206 was a line above the row's cells (found on unseen seeds: 555007, tab rows,
    2019 format). With the line ending before 总计 (tabs mixed with spaces, seed 97) the short row
    is T206 at the line of its cells."""
    for layout in ("tab_rows", "tab_spaced"):
        rep = report(555007, layout, "2019", "blank")
        wrong, parsed = _wrong_cells(rep)
        assert wrong == [], layout
        assert [(f.code, f.line) for f in check(parsed) if f.severity in EW] == [("T207", 61)], layout
    rep = report(97, "tab_spaced", "2019", "blank")
    assert rep.text.split("\n")[59].endswith("（1）本机关不掌握相")
    wrong, parsed = _wrong_cells(rep)
    assert wrong == []
    assert [(f.code, f.line) for f in check(parsed) if f.severity in EW] == [("T206", 61)]


def test_a_blank_cell_padded_with_nbsp_in_tab_led_cells_is_a_cell() -> None:
    # "\t\u00a0\u00a0": a blank cell whose padding is NBSP, not the blank line that ends a row
    # (found by the blank-end variant: seed 3, one cell per line after a tab, 2019 format)
    rep = report(3, "lines_tab", "2019", BLANK_END)
    assert rep.text.split("\n")[rep.defect.line - 1] == "\t\u00a0\u00a0"
    _found_at_its_line_and_nothing_else(rep)


def test_a_blank_total_is_not_placed_by_a_coincidence_of_zeros() -> None:
    """四、结转下年度继续办理 ||| 3 | 0 | 0 | 0 | 0 | 3 |  | |: 总计 blank. With the blank taken first
    and counted as 0, 3+0+0+0+0 = 3 "holds" — a coincidence; with it last the total can be 6 as
    well. Its siblings (一、本年新收 |||) show the "||" after the label is its padding: the blank
    is 总计 (was read with 自然人 blank, silently, and three false A301 errors; found by the
    blank-end property test: seed 10175, pipe rows, 2021 format)."""
    rep = report(10175, "pipe_rows", "2021", BLANK_END)
    wrong, parsed = _wrong_cells(rep)
    assert wrong == [] and parsed.cells["t3.carried_forward.total"].value is None
    assert [(f.code, f.line) for f in check(parsed) if f.severity in EW] == [("T207", 64)]


def test_a_row_with_a_stray_number_and_two_blanks_is_no_arithmetic_finding() -> None:
    # a 表三 row with two zero cells left blank and a stray number (EXTRA_BLANKS): the blank the
    # placement took for padding (seed 3: ``3.危及… |  | 0 | 0 | 1 | 0 | 0 |  | 0 |``) or the runs of
    # cells around a stray value read a wrong row and gave false A302/A303/A301 errors; now the
    # row's totals choose the cells it leaves out, else the cells in doubt are guessed (T206, T212)
    for seed, layout in ((3, "pipe_rows"), (3, "tab_rows"), (4, "pipe_rows"), (4, "tab_rows"), (5, "tab_rows")):
        for version in ("2019", "2021"):
            rep = report(seed, layout, version, EXTRA_BLANKS)
            parsed = read_text(rep.text, f"{layout}.txt")
            silent = [
                k
                for k, want in rep.truth.items()
                if not _same(parsed.cells[k].value if k in parsed.cells else None, want)
                and parsed.cells[k].reading != "guessed"
            ]
            assert silent == [], (seed, layout, version)
            findings = [f for f in check(parsed) if f.severity in EW]
            assert [f.code for f in findings if f.family != "T" or f.line not in rep.defect.lines] == []
            assert any(f.code == "T206" for f in findings)
