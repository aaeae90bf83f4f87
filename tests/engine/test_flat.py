"""Tables whose cells ran together (crawler dumps): digit runs split by the format's relations."""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import Source, parse
from nianbao.lint import Config, check
from nianbao.readings import Column, Group, read_run

from ..paths import CORPUS

FLAT = CORPUS / "pingtan_2023" / "pingtan_2023.flat.txt"
T3_ROW = (Group(tuple(Column() for _ in range(7)), summed=True),)
T4_ROW = tuple(Group(tuple(Column() for _ in range(5)), summed=True) for _ in range(3))


def lint(report):
    return check([report], Config())


def _flat(old: str, new: str) -> Source:
    text = FLAT.read_text("utf-8")
    assert old in text
    return Source.from_text("flat.txt", text.replace(old, new, 1))


def test_the_crawler_dump_reads_every_cell_and_flags_only_the_ambiguous_ones() -> None:
    truth = json.loads((CORPUS / "pingtan_2023" / "truth.json").read_text("utf-8"))["cells"]
    report = parse(Source.from_path(str(FLAT)))
    assert report.dialect == "flat" and report.template is not None and report.template.version == "2021"
    assert {k: c.value for k, c in report.cells.items()} == truth
    # 行政规范性文件77132470 has no relation to choose by: 21 readings, the guessed cells say so
    guessed = {k for k, c in report.cells.items() if c.reading == "guessed"}
    assert guessed == {"t2.normative_docs.issued", "t2.normative_docs.repealed", "t2.normative_docs.in_force"}
    readings = Counter(c.reading for c in report.cells.values())
    assert readings["relations"] >= 30  # 801000081 and the like: one split makes the row's total hold
    (ambiguous,) = [p for p in report.problems if p.kind == "reading-ambiguous"]
    assert ambiguous.data["readings"][0] == "77 | 132 | 470"
    assert report.text.text[ambiguous.span.start : ambiguous.span.end] == "77132470"


def test_the_dump_lints_with_one_warning_for_the_ambiguous_run_and_nothing_else() -> None:
    diags = lint(parse(Source.from_path(str(FLAT))))
    assert [(d.code, d.severity.value) for d in diags] == [("T212", "warning")]


def test_a_real_broken_sum_in_a_dump_is_still_an_error() -> None:
    """(一)予以公开 28 instead of 22: the row reads one way only, so the results really do not add up."""
    report = parse(_flat("（一）予以公开220000022", "（一）予以公开280000028"))
    assert report.cells["t3.granted.natural"].value == 28
    assert report.cells["t3.granted.natural"].reading == "relations"
    codes = Counter((d.code, d.severity.value) for d in lint(report))
    assert codes[("A302", "error")] >= 1


def test_a_run_that_no_split_makes_consistent_is_a_warning_not_an_arithmetic_error() -> None:
    """801000082 cannot be seven values whose six first sum to the last: the reading is a guess."""
    report = parse(_flat("一、本年新收政府信息公开申请数量801000081", "一、本年新收政府信息公开申请数量801000082"))
    assert report.cells["t3.new.total"].reading == "guessed"
    diags = lint(report)
    assert not [d for d in diags if d.code.startswith("A") and d.severity.value == "error"]
    assert any(d.code == "T212" and d.severity.value == "warning" for d in diags)


def test_the_relations_between_rows_choose_between_readings_of_a_row() -> None:
    """Two rows whose own totals allow two splits each: 一 + 二 = (七)总计 + 四 leaves one."""
    from nianbao.readings import choose

    # (七)总计 110000011: 1|10|0|0|0|0|11 or 11|0|0|0|0|0|11, both make the row's own total hold
    new, carried_in = read_run("100000010", T3_ROW), read_run("1000001", T3_ROW)
    handled, nothing = read_run("110000011", T3_ROW), read_run("0000000", T3_ROW)
    assert len(new.readings) == 1 and len(carried_in.readings) == 1 and len(handled.readings) == 2
    cols = ("natural", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
    keys = [[f"t3.{row}.{c}" for c in cols] for row in ("new", "carried_in", "total", "carried_forward")]
    balance = [((f"t3.new.{c}", f"t3.carried_in.{c}"), (f"t3.total.{c}", f"t3.carried_forward.{c}")) for c in cols]
    combos = choose([new, carried_in, handled, nothing], keys, balance)
    assert len(combos) == 1 and handled.readings[combos[0][2]].values == (11, 0, 0, 0, 0, 0, 11)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 3000), min_size=6, max_size=6))
def test_a_row_run_together_has_its_true_reading_among_the_readings(parts: list[int]) -> None:
    values = [*parts, sum(parts)]
    run = "".join(map(str, values))
    found = read_run(run, T3_ROW)
    assert found.consistent
    assert tuple(values) in {r.values for r in found.readings} or not found.complete
    for r in found.readings:
        assert "".join(run[a:b] for a, b in r.bounds) == run
        assert sum(r.values[:6]) == r.values[6]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 200), min_size=12, max_size=12))
def test_table_four_run_together_has_its_true_reading(parts: list[int]) -> None:
    values = []
    for g in range(3):
        four = parts[4 * g : 4 * g + 4]
        values += [*four, sum(four)]
    found = read_run("".join(map(str, values)), T4_ROW)
    assert tuple(values) in {r.values for r in found.readings}


def test_the_search_is_bounded_on_a_run_no_report_has() -> None:
    run = "".join(str((i * 7919) % 10) for i in range(400))
    found = read_run(run, T3_ROW)
    assert len(found.readings) <= 65
    for r in found.readings:
        assert "".join(run[a:b] for a, b in r.bounds) == run
