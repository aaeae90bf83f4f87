"""Layout details of the built-in dialects, each from a case seen in real or generated reports."""

from __future__ import annotations

from nianbao import Source, parse

from ..paths import FIXTURES, seed_path

S001 = seed_path("001").read_text("utf-8")


def read(text: str, dialect: str | None = None):
    return parse(Source.from_text("r.txt", text), dialect)


def test_pipe_row_broken_by_a_blank_cell_mid_row() -> None:
    """The continuation line holds several values: still the same row, not a Markdown row."""
    text = S001.replace(
        "二、上年结转政府信息公开申请数量 | 0 |\n|\n|\n|\n|\n|\n| ||",
        "二、上年结转政府信息公开申请数量 | 19 | 0 |\n| 5 | 13 | 14 | 51 | ||",
    )
    report = read(text)
    row = [
        report.cells[f"t3.carried_in.{c}"].value
        for c in ("natural", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
    ]
    assert row == [19, 0, None, 5, 13, 14, 51]


def test_markdown_tables_rows_and_header() -> None:
    text = S001.replace(
        "第二十条第(一)项 | ||||\n信息内容 | 本年新 | 本年新 | 对外公开总数量 | |\n"
        "规章 | 5 | 5 | 5 | |\n规范性文件 | 41 | 22 | 22 | |",
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n|---|---|---|---|\n| 规章 | 5 | 6 | 7 |\n"
        "| 规范性文件 | 41 | 22 | 23 |",
    )
    report = read(text)
    assert [report.cells[f"t2.regulations.{c}"].value for c in ("made", "published", "total")] == [5, 6, 7]
    assert report.cells["t2.normative_docs.total"].value == 23


def test_tab_merged_field_shifts_later_columns() -> None:
    """'0 0' in one tab field took two columns' places (seed 002 line 31)."""
    report = parse(Source.from_path(str(seed_path("002"))))
    assert [report.cells[f"t2.coercion.{c}"].value for c in ("prev", "change", "decisions")] == [0, 0, 0]


def test_dialect_override() -> None:
    report = read(S001, "pipe")
    assert report.dialect == "pipe" and report.cells["t3.new.total"].value == 2


def test_lone_tab_line_is_a_blank_cell_not_a_row_break() -> None:
    """One-cell-per-line with tabs: a line holding only the tab is an empty cell."""
    text = seed_path("004").read_text("utf-8").splitlines(keepends=True)
    assert text[207] == "\t0\n"
    text[207] = "\t\n"
    report = read("".join(text))
    row = [report.cells[f"t3.withheld.internal_affairs.{c}"].value for c in ("natural", "commercial", "research")]
    assert row == [0, 0, None] and report.cells["t3.withheld.internal_affairs.total"].value == 0


def test_tab_row_with_label_and_only_blank_cells_is_kept() -> None:
    text = seed_path("002").read_text("utf-8").replace("行政许可\t0\t0\t0", "行政许可\t\t\t")
    report = read(text)
    assert [report.cells[f"t2.licensing.{c}"].value for c in ("prev", "change", "decisions")] == [None, None, None]
    assert report.cells["t2.other_services.decisions"].value == 0


def test_numbered_row_label_that_is_also_a_column_word() -> None:
    """'3.其他' (2021) names a row even though 其他 is also a column of table 三."""
    text = (FIXTURES / "corpus" / "pingtan_2023" / "pingtan_2023.rows.txt").read_text("utf-8")
    text = text.replace("3.其他 | 1 | 0 |", "3.其他 | 7 | 0 |").replace("（七）总计 | | 80 |", "（七）总计 | | 86 |")
    report = read(text)
    assert report.cells["t3.other.other.natural"].value == 7
    assert not [p for p in report.problems if p.kind in ("row-extra", "row-missing")]


def test_list_items_are_not_headings() -> None:
    text = S001.replace("(二)依申请公开与舆情处置", "一是依申请公开政府信息情况。结合本单位实际")
    report = read(text)
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_blank_cell_points_at_its_gap() -> None:
    report = read(S001)
    cell = report.cells["t3.new.commercial"]
    after_pipe = len("一、本年新收政府信息公开申请数量 | 2 |") + 1
    assert cell.value is None and report.position(cell.span.start) == (37, after_pipe)


def test_pipe_row_with_label_and_only_blank_cells_is_blank_not_missing() -> None:
    text = (FIXTURES / "corpus" / "pingtan_2023" / "pingtan_2023.rows.txt").read_text("utf-8")
    report = read(text.replace("行政处罚 | 1330 | ||", "行政处罚 | | ||"))
    cell = report.cells["t2.penalties.decisions"]
    assert cell.value is None and report.position(cell.span.start)[0] == 54
    assert [p.kind for p in report.problems if "t2.penalties.decisions" in p.keys] == ["cell-blank"]


def test_pipe_rows_led_by_a_pipe() -> None:
    """'| 规章 | 0 | 0 | 0 |' rows (Markdown-like, no |---| line): each line with a label is a row."""
    lines = []
    for line in S001.split("\n"):
        lines.append("| " + line if " | " in line and not line.startswith("|") else line)
    report = read("\n".join(lines))
    assert {k: c.value for k, c in report.cells.items()} == {k: c.value for k, c in read(S001).cells.items()}
