"""Layout details of the built-in dialects, each from a case seen in real or generated reports."""

from __future__ import annotations

from nianbao import Source, parse

from ..paths import seed_path

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
