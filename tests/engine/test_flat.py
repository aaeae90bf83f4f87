"""Tables whose cells ran together (crawler dumps): digit runs split by the format's relations."""

from __future__ import annotations

import json
import re
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


def test_the_dump_lints_with_one_notice_for_the_ambiguous_run_and_nothing_else() -> None:
    """77132470 (本年制发 | 本年废止 | 现行有效) reads several ways and no relation of the format ties
    them: the doubt is named as information at those characters (the cells stay ``guessed``), not
    a warning, since no arithmetic finding rests on them and the report is not suspected of a defect."""
    diags = lint(parse(Source.from_path(str(FLAT))))
    assert [(d.code, d.severity.value) for d in diags] == [("T212", "info")]
    assert "77 | 132 | 470" in diags[0].message.zh


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


def test_a_label_misspelt_beyond_recognition_is_placed_by_the_labels_around_it() -> None:
    """规范 for 规章: no label of the format is near, but it stands between 第二十条第(一)项 and 行政规范性文件."""
    report = parse(_flat("规章000行政规范性文件", "规范000行政规范性文件"))
    for col in ("issued", "repealed", "in_force"):
        cell = report.cells[f"t2.regulations.{col}"]
        assert (cell.value, cell.reading) == (0, "position")
    assert report.cells["t2.normative_docs.in_force"].value == 470
    # a row of one value between 行政许可 and 行政强制
    report = parse(_flat("行政处罚1330行政强制", "某某1330行政强制"))
    assert (report.cells["t2.penalties.decisions"].value, report.cells["t2.penalties.decisions"].reading) == (
        1330,
        "position",
    )
    assert report.cells["t2.coercion.decisions"].value == 54


def test_two_unread_labels_where_the_format_has_one_row_are_not_placed() -> None:
    """Position is evidence only when the unread runs are exactly the rows left between two read labels."""
    report = parse(_flat("行政处罚1330行政强制", "某某1330另外99行政强制"))
    assert "t2.penalties.decisions" not in report.cells or report.cells["t2.penalties.decisions"].reading != "exact"


_STRANGE = st.text(alphabet="甲乙丙丁戊己庚辛壬癸某项", min_size=2, max_size=4)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["2019", "2021"]), st.integers(0, 20), _STRANGE)
def test_any_misspelt_row_label_of_table_two_keeps_its_row(seed: int, version: str, pick: int, word: str) -> None:
    from nianbao.template import template

    from ..synth.variants import variant

    text, truth = variant(seed, "flat", version)
    rows = [r for r in template(version).rows if r.table == "t2"]
    k = pick % (len(rows) - 1)  # a row with a row after it in the format
    label = next(v for v in rows[k].labels if v in text)
    at = text.index(label, text.index("第二十条"))
    if text.count(label) > 1 and any(label in v and label != v for r in rows for v in r.labels):
        return  # "规范性文件" inside "行政规范性文件": the plain label is not this row's alone
    report = parse(Source.from_text("flat.txt", text[:at] + word + text[at + len(label) :]))
    for col in rows[k].columns:
        key = col.key
        assert key in report.cells, key
        assert report.cells[key].value == truth[key] or report.cells[key].reading in ("guessed", "plausible")


def _dump_2019(label: str, run: str, seed: int = 31_000) -> Source:
    """A generated 2019-format crawler dump whose row ``label`` has the digits ``run``."""
    import re

    from ..synth.variants import variant

    text, _ = variant(seed, "flat", "2019")
    text, n = re.subn(re.escape(label) + r"[增减\-\d.]+", label + run, text, count=1)
    assert n == 1
    return Source.from_text("flat.txt", text)


def test_a_row_no_relation_decides_is_read_by_how_real_reports_fill_it_and_said_as_information() -> None:
    """行政事业性收费870: 87 | 0 (本年增/减 mostly 0) far more than 8 | 70 (an increase 9 times what there was)."""
    report = parse(_dump_2019("行政事业性收费", "870"))
    prev, change = report.cells["t2.fees.prev"], report.cells["t2.fees.change"]
    assert (prev.value, change.value) == (87, 0)
    assert prev.reading == change.reading == "plausible"
    (found,) = [d for d in lint(report) if d.code == "T212" and "t2.fees.prev" in d.keys]
    assert found.severity.value == "info" and "87 | 0" in found.message.zh and "8 | 70" in found.message.zh


def test_a_number_the_prose_writes_makes_its_reading_likelier() -> None:
    """The same run, where the prose says 30 (发布政策解读30篇): 2 | 30 gains, and 23 | 0 is no longer clear."""
    report = parse(_dump_2019("行政事业性收费", "230"))
    assert "30篇" in report.text.text
    assert report.cells["t2.fees.prev"].value == 23 and report.cells["t2.fees.prev"].reading == "guessed"


def test_a_row_no_fact_decides_stays_a_guess_with_its_readings() -> None:
    """行政处罚8593: 8 | 5 | 93 and 85 | 9 | 3 are about as likely (武汉 2020 wrote 8 | 5 | 93): the cells
    stay guessed and the readings are named — as information, since no relation involves them."""
    report = parse(_dump_2019("行政处罚", "8593"))
    assert report.cells["t2.penalties.decisions"].reading == "guessed"
    (found,) = [d for d in lint(report) if d.code == "T212" and "t2.penalties.decisions" in d.keys]
    assert found.severity.value == "info"
    assert "8 | 5 | 93" in found.message.zh and "85 | 9 | 3" in found.message.zh
    assert "勾稽关系可据以确定" in found.message.zh


def test_a_decrease_larger_than_last_year_is_no_reading() -> None:
    """行政强制5-37: 5 | -3 | 7 (a decrease of 37 from 5 items is impossible), never 5 | -37 | ..."""
    from nianbao.readings import log_prior

    keys = ("t2.coercion.prev", "t2.coercion.change", "t2.coercion.decisions")
    assert log_prior(keys, (5, -37, 1)) < log_prior(keys, (5, -3, 71)) - 20
    published = ("t2.regulations.made", "t2.regulations.published", "t2.regulations.total")
    assert log_prior(published, (1, 35, 5)) < log_prior(published, (13, 5, 5)) - 20  # 新公开 > 总数量
    assert log_prior(("t3.new.natural",), (1,)) is None  # table 三 is read by its relations


def test_an_amount_keeps_its_unit_when_the_digits_ran_together() -> None:
    """政府集中采购392850万: the amount's cell is "…万" and counts 元 (39 | 2850万 = 28 500 000 元)."""
    report = parse(_dump_2019("政府集中采购", "392850万"))
    amount, count = report.cells["t2.procurement.amount"], report.cells["t2.procurement.count"]
    assert amount.raw.endswith("万")
    assert amount.value == int(amount.raw[:-1]) * 10_000
    assert str(count.value) + amount.raw == "392850万"


def test_a_decrease_in_table_two_leaves_the_sums_of_table_three_pruned() -> None:
    """A signed 本年增/减 (in no sum) once switched off the pruning by size for table 三's joint search."""
    from ..synth.variants import variant

    for seed in range(40_000, 40_040):
        text, truth = variant(seed, "flat", "2019")
        if not re.search(r"[-减]\d", text[text.index("第二十条") : text.index("三、收到")]):
            continue
        report = parse(Source.from_text("flat.txt", text))
        t3 = {k for k in truth if k.startswith("t3.")}
        wrong = {k for k in t3 if report.cells[k].value != truth[k]}
        assert not {k for k in wrong if report.cells[k].reading != "guessed"}, seed
        assert len(wrong) <= 7, (seed, sorted(wrong))  # one row's guess at most


_REAL = st.fixed_dictionaries(
    {
        "prev": st.one_of(st.just(0), st.integers(1, 999_999)),
        "change": st.integers(-999, 9_999),
        "decisions": st.one_of(st.just(0), st.integers(1, 999_999)),
    }
)


@settings(max_examples=80, deadline=None)
@given(_REAL)
def test_the_likeliest_reading_of_a_table_two_row_is_one_a_report_can_write(row: dict[str, int]) -> None:
    """Whatever the digits, the reading taken never has a decrease larger than what there was, if one avoids it."""
    from nianbao.readings import choose_rows

    prev, change, decisions = row["prev"], max(row["change"], -row["prev"]), row["decisions"]
    run = f"{prev}{'减' if change < 0 else ''}{abs(change)}{decisions}"
    cols = (Column(), Column(signed=True), Column())
    found = read_run(run, (Group(cols),))
    assert (prev, change, decisions) in {r.values for r in found.readings} or not found.complete
    keys = [("t2.penalties.prev", "t2.penalties.change", "t2.penalties.decisions")]
    choice = choose_rows([found], keys, [])
    taken = found.readings[choice.combos[0][0]]
    possible = [r for r in found.readings if r.values[1] >= 0 or -r.values[1] <= r.values[0]]
    assert taken in possible or not possible
    if 0 in choice.plausible:
        assert len(choice.combos) == 1 and choice.share[0] >= 0.995


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["行政许可", "规范性文件", "政府集中采购", "行政事业性收费"]), st.integers(1, 400))
def test_any_run_in_table_two_reads_without_a_traceback(label: str, size: int) -> None:
    """Runs no report has (one digit, 400 digits) leave the row's cells read, guessed or reported, never a crash."""
    run = "".join(str((i * 7919) % 10) for i in range(size))
    report = parse(_dump_2019(label, run))
    diags = lint(report)
    named = {k for d in diags if d.severity.value in ("error", "warning") for k in d.keys}
    for key, c in report.cells.items():
        if key.startswith("t2.") and c.value is None:
            assert key in named, key


def _pingtan_right(report) -> bool:
    truth = json.loads((CORPUS / "pingtan_2023" / "truth.json").read_text("utf-8"))["cells"]
    return {k: c.value for k, c in report.cells.items()} == truth


def test_a_heading_without_its_numeral_still_opens_its_table() -> None:
    """ "主动公开政府信息情况第二十条…" (seed 004 as a dump): table 二 is read, and S103 says the numeral is missing."""
    report = parse(_flat("二、主动公开政府信息情况", "主动公开政府信息情况"))
    assert _pingtan_right(report)
    assert "S103" in {d.code for d in lint(report)}


def test_table_four_written_group_by_group_is_one_row() -> None:
    """Each group under its own header, its five values after it (a county report's Markdown, stripped)."""
    old = "结果维持结果纠正其他结果尚未审结总计110024001510102"
    new = (
        "行政复议结果维持结果纠正其他结果尚未审结总计11002"
        "行政诉讼（未经复议直接起诉）结果维持结果纠正其他结果尚未审结总计40015"
        "行政诉讼（复议后起诉）结果维持结果纠正其他结果尚未审结总计10102"
    )
    report = parse(_flat(old, new))
    assert _pingtan_right(report)
    assert [report.cells[f"t4.review.{c}"].value for c in ("upheld", "corrected", "other", "pending", "total")] == [
        1,
        1,
        0,
        0,
        2,
    ]


def test_header_words_with_digits_and_rule_lines_are_no_rows() -> None:
    """A converter's generic header "类别数据1…数据6总计" and rule lines "------" before a label (stripped Markdown)."""
    report = parse(
        _flat(
            "一、本年新收政府信息公开申请数量",
            "类别数据1数据2数据3数据4数据5数据6总计------------一、本年新收政府信息公开申请数量",
        )
    )
    assert _pingtan_right(report)
    report = parse(_flat("（三）不予公开", "---------------（三）不予公开"))
    assert _pingtan_right(report)
    assert "T202" not in {d.code for d in lint(report)}


def test_a_row_whose_blank_cells_were_lost_is_guessed_not_read() -> None:
    """ "二、上年结转…0 0" for seven cells (blanks gone with the separators): no cell placed as if certain."""
    report = parse(_flat("二、上年结转政府信息公开申请数量0000000", "二、上年结转政府信息公开申请数量0 0"))
    row = [report.cells.get(f"t3.carried_in.{c}") for c in ("natural", "commercial", "total")]
    assert all(c is None or c.value is None or c.reading == "guessed" for c in row)
    assert not [d for d in lint(report) if d.code.startswith("A") and d.severity.value == "error"]
    assert "T206" in {d.code for d in lint(report)}


def test_last_years_decisions_as_the_first_value_are_evidence_of_the_split() -> None:
    """328减15313 (咸宁高新区 2020: 上一年 328, 减15, 313 decisions): the split where 328 - 15 = 313 is likeliest."""
    report = parse(_dump_2019("行政许可", "328减15313"))
    got = [report.cells[f"t2.licensing.{c}"].value for c in ("prev", "change", "decisions")]
    assert got == [328, -15, 313]
    assert report.cells["t2.licensing.decisions"].reading in ("plausible", "guessed")
