"""Shapes of real report pages as browsers, site templates and mirror sites give them.

Every text here is our own (our numbers, our prose); only its shape is taken from a real
page, whose address is noted. Their neighbours are generated in tests/synth/variants.py
(paragraphs, closing_pipes, label_notes, traditional, html_md) and read in test_variants.py.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nianbao import Source, parse, values
from nianbao.lint import Config, check


def _read(text: str, name: str = "page.txt"):
    return parse(Source.from_text(name, text))


def _values(report, *keys: str) -> list:
    return [report.cells[k].value if k in report.cells else "missing" for k in keys]


def _codes(report) -> set[str]:
    return {d.code for d in check([report], Config()) if d.severity.value in ("error", "warning")}


def _missing_sections(report) -> list[str]:
    return [d.message.zh for d in check([report], Config()) if d.code == "S101"]


_T2 = ("t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force")
_T2_DOCS = ("t2.normative_docs.issued", "t2.normative_docs.repealed", "t2.normative_docs.in_force")


def test_a_label_whose_closing_pipe_is_on_the_next_line() -> None:
    # dttz.gov.cn 2021: "行政规范性文件" / "|" / "0 |" in a page of "cell |" lines
    text = (
        "某县信访局2021年度政府信息公开工作年度报告\n一、总体情况\n本年度工作正常开展。\n"
        "二、主动公开政府信息情况\n第二十条第(一)项 |\n|||\n信息内容 |\n本年制发件数 |\n本年废止件数 |\n"
        "现行有效件数 |\n规章 |\n1 |\n0 |\n4 |\n行政规范性文件\n|\n3 |\n2 |\n17 |\n第二十条第(五)项 |\n|||\n"
        "信息内容 |\n本年处理决定数量 |\n||\n行政许可 |\n9 |\n||\n"
    )
    report = _read(text)
    assert report.dialect == "cells"
    assert _values(report, *_T2, *_T2_DOCS, "t2.licensing.decisions") == [1, 0, 4, 3, 2, 17, 9]


def test_cells_closed_by_a_pipe_on_the_next_line_2019() -> None:
    # ankang.gov.cn 2019, xjnlk.gov.cn 2023: each cell, then "|" on a line of its own
    rows = [
        ["第二十条第(一)项"],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "2"],
        ["规范性文件", "12", "12", "40"],
        ["第二十条第(九)项"],
        ["信息内容", "采购项目数量", "采购总金额"],
        ["政府集中采购", "6", "88.5万元"],
    ]
    cells = "".join(f"{c}\n|\n" for row in rows for c in row)
    text = f"某局2019年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常。\n二、主动公开政府信息情况\n{cells}"
    report = _read(text)
    assert report.template is not None and report.template.version == "2019"
    got = _values(report, "t2.regulations.total", "t2.normative_docs.made", "t2.normative_docs.total")
    assert got == [2, 12, 40]
    assert _values(report, "t2.procurement.count", "t2.procurement.amount") == [6, 885_000]


def test_row_labels_with_notes_and_a_row_the_format_lacks() -> None:
    # a Hubei template of 2020: labels carry a note in brackets, table 二 has 其他主动公开文件
    text = (
        "某市某局2020年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常。\n二、主动公开政府信息情况\n"
        "第二十条第(一)项 | |||||\n信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 | ||\n"
        "规章(设区的市人民政府填写本级数据) | 1 | 1 | 6 | ||\n"
        "规范性文件(指本单位制定发布的决定、公告、通告、意见、通知等公文) | 4 | 4 | 23 | ||\n"
        "其他主动公开文件(指本单位名义印发的其他文件) | 61 | 58 | 240 | ||\n"
        "第二十条第(五)项 | |||||\n信息内容 | 上一年项目数量(指上年事项数) | 本年增/减(减用负值表示) | "
        "处理决定数量(指本年办件量) | ||\n行政许可 | 5 | -1 | 37 | ||\n"
    )
    report = _read(text)
    assert _values(report, "t2.regulations.made", "t2.regulations.published", "t2.regulations.total") == [1, 1, 6]
    assert _values(report, "t2.normative_docs.made", "t2.normative_docs.total") == [4, 23]
    assert _values(report, "t2.licensing.prev", "t2.licensing.change", "t2.licensing.decisions") == [5, -1, 37]
    assert all(report.cells[k].reading == "exact" for k in ("t2.regulations.made", "t2.normative_docs.made"))
    assert "T205" in _codes(report)  # the row the format lacks is named, not read into another


def test_a_page_converted_to_traditional_script() -> None:
    # mirror sites (tufwp.cn, newton.com.tw) republish reports in traditional script
    text = (
        "某鎮人民政府2021年政府信息公開工作年度報告\n一、總體情況\n本年度工作正常開展。\n"
        "二、主動公開政府信息情況\n第二十條第(一)項 | |||\n信息內容 | 本年製發件數 | 本年廢止件數 | 現行有效件數 |\n"
        "規章 | 0 | 0 | 3 |\n行政規範性檔案 | 2 | 1 | 15 |\n第二十條第(五)項 | |||\n信息內容 | 本年處理決定數量 | ||\n"
        "行政許可 | 44 | ||\n三、收到和處理政府信息公開申請情況\n"
    )
    report = _read(text)
    assert [s.number for s in report.sections if s.number][:3] == [1, 2, 3]
    assert _values(report, *_T2, *_T2_DOCS, "t2.licensing.decisions") == [0, 0, 3, 2, 1, 15, 44]


def test_a_stray_character_or_a_doubled_sign_before_a_number() -> None:
    # pjmajestic.com 2021 ("? 0": a non-breaking space saved as "?"), bjtzh.gov.cn 2019 ("--253")
    assert values.parse("? 0").value == 0
    assert values.parse("？12").value == 12
    assert values.parse("--253").value == -253
    assert values.parse("?").value is None and not values.looks_like_value("??")


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["?", "？", "? ", "\ufffd"]))
def test_any_number_after_a_stray_character_reads_as_that_number(n: int, stray: str) -> None:
    assert values.looks_like_value(f"{stray}{n}")
    assert values.parse(f"{stray}{n}").value == n
    assert values.parse(f"--{n}").value == -n


def test_a_heading_with_its_table_header_on_the_same_line() -> None:
    text = (
        "某区某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常开展。\n"
        "二、主动公开政府信息情况 第二十条第(一)项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "规章 | 0 | 0 | 0 |\n行政规范性文件 | 5 | 0 | 31 |\n"
        "三、收到和处理政府信息公开申请情况(本列数据的勾稽关系为:第一项加第二项之和,"
        "等于第三项加第四项之和) | 申请人情况 |\n"
        "自然人 | 法人或其他组织 | 总计 |\n商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
        "一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |\n"
    )
    report = _read(text)
    assert [s.number for s in report.sections if s.number][:3] == [1, 2, 3]
    missing = _missing_sections(report)
    assert missing and not [m for m in missing if "第二部分" in m or "第三部分" in m], missing
    assert _values(report, *_T2_DOCS, "t3.new.natural", "t3.new.total") == [5, 0, 31, 4, 5]


def test_a_numbered_row_label_is_no_heading() -> None:
    text = (
        "某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常开展。\n二、主动公开政府信息情况\n"
        "规章 | 0 | 0 | 0 |\n三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |\n"
        "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    )
    report = _read(text)
    assert [s.number for s in report.sections if s.number][:3] == [1, 2, 3]
    assert _values(report, "t3.carried_in.total", "t3.carried_forward.total") == [0, 0]


def _tds(*numbers: int) -> str:
    return "".join(f"<td>{n}</td>" for n in numbers)


def test_markdown_with_html_tables_and_merged_cells() -> None:
    # MinerU writes each table as one <table> line, merged cells with rowspan/colspan
    table3 = "".join(
        [
            '<table><tr><td rowspan="3" colspan="2">(本列数据的勾稽关系为：第一项加第二项之和，',
            '等于第三项加第四项之和)</td><td colspan="7">申请人情况</td></tr>',
            '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
            "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>",
            '<tr><td colspan="2">一、本年新收政府信息公开申请数量</td>' + _tds(7, 2, 0, 0, 1, 0, 10) + "</tr>",
            '<tr><td colspan="2">二、上年结转政府信息公开申请数量</td>' + _tds(1, 0, 0, 0, 0, 0, 1) + "</tr>",
            '<tr><td rowspan="2">三、本年度办理结果</td><td>(一)予以公开</td>' + _tds(3, 1, 0, 0, 0, 0, 4) + "</tr>",
            "<tr><td>(二)部分公开(区分处理的，只计这一情形，不计其他情形)</td>" + _tds(2, 0, 0, 0, 1, 0, 3) + "</tr>",
            "</table>",
        ]
    )
    text = (
        "# 某县某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本年度工作正常开展。\n\n"
        '## 二、主动公开政府信息情况\n\n<table><tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td>'
        "<td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr><tr><td>规章</td><td>0</td><td>0</td>"
        "<td>0</td></tr><tr><td>行政规范性文件</td><td>2</td><td>0</td><td>9</td></tr></table>\n\n"
        f"## 三、收到和处理政府信息公开申请情况\n\n{table3}\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n无。\n"
    )
    report = _read(text, "report.md")
    assert report.dialect == "html"
    assert [s.number for s in report.sections if s.number][:4] == [1, 2, 3, 4]
    got = _values(report, "t2.normative_docs.issued", "t2.normative_docs.in_force", "t3.new.natural", "t3.new.total")
    assert got == [2, 9, 7, 10]
    assert _values(report, "t3.granted.total", "t3.partial.legal_service", "t3.partial.total") == [4, 1, 3]
    # every cell points at its number in the Markdown
    cell = report.cells["t3.new.total"]
    assert report.text.text[cell.span.start : cell.span.end] == "10"


def _md_table3(rows: list[str]) -> str:
    head = (
        "某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作正常开展。\n三、收到和处理政府信息公开申请情况\n\n"
        "| (本列数据的勾稽关系) | 申请人情况 | | | | | | | |\n|---|---|---|---|---|---|---|---|---|\n"
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 | |\n"
    )
    return head + "\n".join(rows) + "\n"


_NEW = tuple(f"t3.new.{c}" for c in ("natural", "commercial", "research", "social_welfare", "legal_service"))
_NEW += ("t3.new.other_org", "t3.new.total")


def test_a_row_with_a_value_too_many_is_read_where_its_totals_hold() -> None:
    # a converter wrote a merged cell out twice: eight numbers in a row of seven columns
    rows = [
        "| 一、本年新收政府信息公开申请数量 | 12 | 12 | 3 | 0 | 0 | 1 | 0 | 16 |",
        "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | |",
        "| 三、本年度办理结果 | (一)予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
    ]
    report = _read(_md_table3(rows), "report.md")
    assert _values(report, *_NEW) == [12, 3, 0, 0, 1, 0, 16]
    assert {report.cells[k].reading for k in _NEW} == {"relations"}


def test_a_row_whose_totals_hold_two_ways_is_a_doubt_named_not_a_reading() -> None:
    # 2 0 0 0 0 0 2 2: both "2 0 0 0 0 0 2" and "0 0 0 0 0 2 2" satisfy the total
    rows = [
        "| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | 2 |",
        "| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | |",
        "| 三、本年度办理结果 | (一)予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |",
    ]
    report = _read(_md_table3(rows), "report.md")
    doubted = {k for k in _NEW if report.cells[k].reading == "guessed"}
    assert doubted == {"t3.new.natural", "t3.new.other_org"}
    found = [d for d in check([report], Config()) if d.code == "T212"]
    assert found and "2 0 0 0 0 0 2" in found[0].message.zh and "0 0 0 0 0 2 2" in found[0].message.zh
    assert not [d.code for d in check([report], Config()) if d.code.startswith("A") and d.severity.value == "error"]
