"""Rows with more cells than the format's row (spare cells), and rows that only look so.

A row of 表三/表四 with a stray number or a blank its siblings do not write before their values is
read by its own totals (core/align.py ``_spare_cells``); a blank the rows write in the label
columns, as seed 002's 表三 does, is no spare cell: those rows read as placed, with no T206/T212.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import check, read_text

from ..paths import seed_path
from ..synth.independent import EXTRA_BLANKS, report

EW = ("error", "warning")
SEED_002 = seed_path("002").read_text("utf-8").split("\n")
COLUMNS = ("natural", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
# seed 002's 表三 rows of seven cells (line: key): the last seven tab fields are the values, the
# fields before them the label columns, blank where the merged group labels stand
ROWS_002 = {44: "t3.new", 45: "t3.carried_in", 46: "t3.granted", 47: "t3.partial", 64: "t3.other", 65: "t3.total"}
RESULTS_002 = (46, 47, 64)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_blanks_in_the_label_columns_of_seed_002_are_no_spare_cells(data: st.DataObject) -> None:
    """Seed 002 writes its 表三 rows ``(一) 予以公开\\t\\t\\t\\t0…`` (自然人 blank after two label fields)
    under a header naming one column per field; its group has no row of every value. The header's
    shape (values right after the label) was taken for the siblings', so the label fields' blanks
    counted as spare cells: 14 false T206/T212 on a report read right (f764918 on 011d39a). Here
    the seed's rows carry other numbers (the relations kept) and other leading cells blank."""
    lines = list(SEED_002)
    want: dict[str, int | None] = {}
    values = {line: [0] * 7 for line in ROWS_002}
    # a number in one column of one result row, carried into 一、本年新收 and (七)总计 (relations hold)
    result = data.draw(st.sampled_from(RESULTS_002))
    col = data.draw(st.integers(2, 5))
    x = data.draw(st.integers(0, 999))
    for line in (44, result, 65):
        values[line][col] += x
        values[line][6] += x
    for line, key in ROWS_002.items():
        blank = data.draw(st.integers(0, 2), label=f"blank cells at the start of line {line}")
        fields = lines[line - 1].split("\t")
        cells = [str(v) for v in values[line]]
        cells[:blank] = [""] * blank  # zeros written as nothing, as the seed does
        fields[-7:] = cells
        lines[line - 1] = "\t".join(fields)
        want.update({f"{key}.{c}": (None if k < blank else values[line][k]) for k, c in enumerate(COLUMNS)})
    parsed = read_text("\n".join(lines), "002.txt")
    got = {k: (parsed.cells[k].value, parsed.cells[k].reading) for k in want}
    assert {k: v for k, (v, _) in got.items()} == want
    assert [k for k, (_, r) in got.items() if r == "guessed"] == []
    findings = [(f.code, f.line) for f in check(parsed) if f.severity in EW]
    assert [f for f in findings if f[0][0] == "A" or (f[0] in ("T206", "T212") and f[1] in ROWS_002)] == []


def test_seed_002_reads_as_before_spare_cells() -> None:
    # the seed as it is: its rows of eight zeros (lines 48-63) are T206 (+ T211 where unlabelled)
    # and no reading-ambiguous; its blank first cells T207 (lines 45-47, 64-66)
    parsed = read_text("\n".join(SEED_002), "002.txt")
    findings = [(f.code, f.line) for f in check(parsed) if f.severity in EW]
    assert [f for f in findings if f[0] == "T212" or f[0][0] == "A"] == []
    assert sorted(line for code, line in findings if code == "T206") == list(range(48, 64))
    assert sorted(line for code, line in findings if code == "T207" and line >= 44) == [45, 46, 47, 64, 65, 66]


def test_a_shifted_label_row_that_holds_only_by_its_padding_blank_is_a_doubt() -> None:
    """A 表三 row whose label stands a field left of its siblings' (a tab or Markdown copy leaving out
    a merged label's field) with a stray number: as placed (the blank after the label taken for
    padding, as seed 002's rows have it) its totals fail; they hold only with that blank taken as the
    row's first cell. The text cannot tell which: the cells in doubt are guessed and T212 names both
    readings (its padding wording), never an arithmetic finding; no cell is silently wrong."""
    seen = 0
    for layout in ("tab_rows", "tab_spaced", "markdown"):
        for version in ("2019", "2021"):
            for seed in range(40):
                rep = report(seed, layout, version, EXTRA_BLANKS)
                parsed = read_text(rep.text, f"{layout}.txt")
                doubts = [p for p in parsed.problems if p.kind == "reading-ambiguous" and p.data.get("padding")]
                if not doubts:
                    continue
                seen += 1
                assert all(parsed.cells[k].reading == "guessed" for p in doubts for k in p.keys)
                findings = [f for f in check(parsed) if f.severity in EW and f.line in rep.defect.lines]
                assert [f.code for f in findings if f.code[0] == "A"] == [], (seed, layout, version)
                t212 = [f for f in findings if f.code == "T212"]
                assert t212 and all("标签后的空白" in f.message for f in t212)
                silent = [
                    k
                    for k, want in rep.truth.items()
                    if (parsed.cells[k].value if k in parsed.cells else None) != want
                    and parsed.cells[k].reading != "guessed"
                ]
                assert silent == [], (seed, layout, version)
    assert seen >= 10  # the case is there in every such layout and both formats


def test_seed_3_row_reads_the_one_holding_reading_as_a_guess() -> None:
    # tab_rows seed 3, 2019: ``3.危及…\t\t0\t0\t1\t0\t0\t\t0`` under rows whose label is a field
    # right of its: as placed (blank = padding) 0 0 1 0 0 空 0 fails its total; 空 0 0 0 0 空 0 (the
    # 1 the stray) holds and is the truth — taken, but as a guess (T212), not as the row
    rep = report(3, "tab_rows", "2019", EXTRA_BLANKS)
    parsed = read_text(rep.text, "tab_rows.txt")
    row = "t3.withheld.three_securities."
    got = {k: parsed.cells[k].value for k in rep.truth if k.startswith(row)}
    assert got == {k: v for k, v in rep.truth.items() if k.startswith(row)}
    assert parsed.cells[row + "natural"].reading == "guessed"
    assert [(f.code, f.line) for f in check(parsed) if f.severity in EW and f.code[0] in "AT"] == [
        ("T206", 47),
        ("T212", 47),
        ("T207", 47),
    ]
