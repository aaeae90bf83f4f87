"""Structure: headings as real reports write them, and tables read wherever they sit."""

from __future__ import annotations

from nianbao import Source, parse

from ..paths import seed_path

S001 = seed_path("001").read_text("utf-8")
CELLS_001 = {k: c.value for k, c in parse(Source.from_text("r.txt", S001)).cells.items()}


def read(text: str):
    return parse(Source.from_text("r.txt", text))


def test_sections_out_of_order_still_read_every_table() -> None:
    three = S001.index("三、收到和处理政府信息公开申请情况")
    four = S001.index("四、政府信息公开行政复议、行政诉讼情况")
    five = S001.index("五、存在的主要问题及改进情况")
    swapped = S001[:three] + S001[four:five] + S001[three:four] + S001[five:]
    report = read(swapped)
    assert [s.number for s in report.sections] == [1, 2, 4, 3, 5, 6]
    assert {k: c.value for k, c in report.cells.items()} == CELLS_001


def test_lost_heading_of_section_two_keeps_its_table() -> None:
    report = read(S001.replace("二、主动公开政府信息情况\n", ""))
    assert [s.number for s in report.sections] == [1, 3, 4, 5, 6]
    assert {k: c.value for k, c in report.cells.items()} == CELLS_001


def test_heading_variants() -> None:
    text = S001.replace("一、总体情况", "## 一、政府信息公开总体情况").replace(
        "五、存在的主要问题及改进情况", "五、存在问题及改进情况"
    )
    report = read(text)
    assert [(s.number, s.title) for s in report.sections][:1] == [(1, "政府信息公开总体情况")]
    assert report.section(5) is not None
    six = report.section(6)
    assert six is not None and six.title == "其他需要报告的事项"  # "六、其他需要报告的事项:无"


def test_table_row_labels_are_not_headings() -> None:
    report = read(S001)
    lines = [report.position(s.heading.span.start)[0] for s in report.sections]
    assert lines == [6, 14, 33, 195, 200, 202]


def test_title_and_year() -> None:
    report = read(S001)
    assert report.title == "银州区人民政府办公室2020年度政府信息公开工作报告"
    assert (report.title_year, report.year, report.year_basis) == (2020, 2020, "title")
    r003 = parse(Source.from_path(str(seed_path("003"))))
    assert (r003.title, r003.period_year, r003.year_basis) == (None, 2020, "period")
    r000 = parse(Source.from_path(str(seed_path("000"))))
    assert (r000.title, r000.year, r000.year_basis) == (None, 2020, "text")


def test_tree_has_positions_on_every_node() -> None:
    report = read(S001)
    tree = report.tree
    assert [c.data for c in tree.children if hasattr(c, "data")][:3] == ["title", "preamble", "section"]
    for node in tree.iter_subtrees():
        if not node.meta.empty:
            assert node.meta.line >= 1 and node.meta.end_pos >= node.meta.start_pos
    tables = [t for s in report.sections for t in s.tables]
    assert [report.position(t.start)[0] for t in tables] == [15, 34, 196]
