"""The text PDF libraries give for generated PDFs, read as text.

Fixtures (tests/fixtures/pdf_text) made once by tests/documents/make_pdfs.py (LibreOffice
from Word, Chromium from HTML: ruled and unruled tables, centred and top-aligned cells,
narrow label columns, page footers, Kangxi radicals in Chromium's text) and
``python -m tests.documents.pdf_text``: each PDF's text from pdfplumber, pypdf and
pdftotext, with and without their layout modes, beside the generator's truth.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import Source, parse
from nianbao.lint import Config, check_document

from ..paths import FIXTURES

FOLDER = FIXTURES / "pdf_text"
LIBRARIES = ("pdfplumber", "pdfplumber-layout", "pypdf", "pypdf-layout", "pdftotext-layout")
NAMES = sorted(p.stem for p in FOLDER.glob("*.json"))


def _truth(name: str) -> dict:
    return json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))


def _same(got, want) -> bool:
    return got == want or (got is not None and want is not None and abs(got - want) < 1e-6)


def _said(report, key: str) -> bool:
    if any(key in p.keys for p in report.problems if p.kind in ("row-missing", "cell-missing")):
        return True
    cell = report.cells.get(key)
    return cell is not None and cell.reading == "guessed"


@pytest.mark.parametrize("library", LIBRARIES)
def test_each_library_reads_97_percent_and_no_wrong_cell_unsaid(library: str) -> None:
    right = total = 0
    unsaid = []
    for name in NAMES:
        truth = _truth(name)
        report = parse(Source.from_path(str(FOLDER / f"{name}.{library}.txt")))
        assert report.dialect == "flat" and report.template and report.template.version == truth["template"]
        for key, want in truth["cells"].items():
            got = report.value(key)
            total += 1
            if _same(got, want):
                right += 1
            elif not _said(report, key):
                unsaid.append((name, key, want, got))
    assert right / total >= 0.97
    assert unsaid == []


@pytest.mark.parametrize("library", LIBRARIES)
@pytest.mark.parametrize("name", [n for n in NAMES if "_clean_" in n])
def test_clean_report_every_cell_and_no_finding(library: str, name: str) -> None:
    truth = _truth(name)
    report = parse(Source.from_path(str(FOLDER / f"{name}.{library}.txt")))
    wrong = [(k, v, report.value(k)) for k, v in truth["cells"].items() if not _same(report.value(k), v)]
    assert wrong == []
    diags = check_document(report, Config(), [])
    assert [(d.code, d.message.zh) for d in diags if d.severity.value in ("error", "warning")] == []


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_broken_sum_is_still_an_error(library: str) -> None:
    name = next(n for n in NAMES if "_A_" in n)
    report = parse(Source.from_path(str(FOLDER / f"{name}.{library}.txt")))
    diags = check_document(report, Config(), [])
    assert any(d.code.startswith("A") and d.severity.value == "error" for d in diags)


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_blank_cell_leaves_its_row_guessed(library: str) -> None:
    """A blank cell leaves no trace in PDF text: the row's values are kept, their columns a guess."""
    name = next(n for n in NAMES if "_T_" in n)
    truth = _truth(name)
    blank = [k for k, v in truth["cells"].items() if v is None]
    assert blank and truth["defects"][0]["kind"] == "cell-blank"
    report = parse(Source.from_path(str(FOLDER / f"{name}.{library}.txt")))
    row = blank[0].rsplit(".", 1)[0]
    assert all(c.reading == "guessed" for k, c in report.cells.items() if k.startswith(row + "."))


def test_fixtures_come_from_both_makers_and_every_library() -> None:
    makers = {_truth(n)["style"]["maker"] for n in NAMES}
    assert makers == {"libreoffice", "chromium"}
    assert {_truth(n)["style"]["ruled"] for n in NAMES} == {True, False}
    for name in NAMES:
        texts = {(FOLDER / f"{name}.{lib}.txt").read_text(encoding="utf-8") for lib in LIBRARIES}
        assert len(texts) == len(LIBRARIES)


def _read(text: str):
    return parse(Source.from_text("report.txt", text))


_HEAD = "二、主动公开政府信息情况\n"
_T2 = (
    "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 1 0 5\n行政规范性文件 3 2 40\n"
    "第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 120\n"
)


def test_wrapped_label_cut_by_a_page_footer_reads_its_row(tmp_path: Path) -> None:
    """Top-aligned cells: the numbers on a label's first line, the rest below, a footer in between."""
    text = (
        "一、总体情况\n本年度工作有序开展。\n" + _HEAD + _T2 + "三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申 9 1 0 0 0 0 10\n请数量\n"
        "二、上年结转政府信息公开申 1 0 0 0 0 0 1\n请数量\n"
        "（三） 1.属于国 2 0 0 0 0 0 2\n不予公 家秘密\n开\n"
        "2.其他法 0 0 1 0 0 0 1\n律行政\n法规禁\n- 2 -\n止公开\n"
        "3.危 3 0 0 0 0 0 3\n及“三\n安全一\n稳定”\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
    )
    report = _read(text)
    assert report.value("t3.withheld.state_secret.natural") == 2
    assert report.value("t3.withheld.prohibited_by_law.research") == 1
    assert report.value("t3.withheld.three_securities.total") == 3
    assert report.value("t2.licensing.decisions") == 120
    assert report.cells["t3.withheld.prohibited_by_law.research"].reading == "exact"


def test_kangxi_radicals_headings_spaced_signs_and_units() -> None:
    """Chromium's text: ⼆ for 二, ⾏ for 行; '减 7' is one value, '1296.8 万' an amount with its unit."""
    text = (
        "⼀、总体情况\n本年度⼯作有序开展。\n"
        "⼆、主动公开政府信息情况\n第⼆⼗条第 ( ⼀ ) 项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n"
        "规章 2 2 8\n规范性⽂件 5 3 22\n第⼆⼗条第 ( 六 ) 项\n信息内容 上⼀年项⽬数量 本年增 / 减 处理决定数量\n"
        "⾏政处罚 0 0 156\n⾏政强制 91 减 7 136\n第⼆⼗条第 ( 九 ) 项\n信息内容 采购项⽬数量 采购总⾦额\n"
        "政府集中采购 29 1296.8 万\n三、收到和处理政府信息公开申请情况\n"
        "⼀、本年新收政府信息公开申请数量 9 1 0 0 0 0 10\n"
        "四、政府信息公开⾏政复议、⾏政诉讼情况\n"
    )
    report = _read(text)
    assert [h.number for h in report.headings][:4] == [1, 2, 3, 4]
    assert report.value("t2.coercion.change") == -7
    assert report.value("t2.coercion.decisions") == 136
    assert report.value("t2.procurement.amount") == 12968000
    assert report.value("t3.new.total") == 10


def test_a_page_number_or_date_is_no_row() -> None:
    text = (
        "一、总体情况\n本年度工作有序开展。\n"
        + _HEAD
        + "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
        "规章 1 0 5\n行政规范性文件 3 2 40\n第二十条第（五）项\n12/2/26, 1:06 AM 第 3 页\n- 3 -\n"
        "信息内容 本年处理决定数量\n行政许可 120\n三、收到和处理政府信息公开申请情况\n"
    )
    report = _read(text)
    assert report.value("t2.licensing.decisions") == 120
    assert report.value("t2.normative_docs.in_force") == 40


_T3_LINE = re.compile(r"^(?P<label>.*?\S)(?P<values>(?: +\d+){7})$")
_TOP_ALIGNED = ["p11_2021_clean_li", "p12_2019_clean_li"]


def _t3_lines(text: str) -> list[int]:
    lines = text.split("\n")
    # a label with an ideograph before the seven numbers (not the last seven of 表四's fifteen)
    return [i for i, ln in enumerate(lines) if (m := _T3_LINE.match(ln)) and re.search(r"[\u4e00-\u9fff]", m["label"])]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_TOP_ALIGNED), st.data())
def test_a_row_broken_over_two_lines_reads_as_one(name: str, data: st.DataObject) -> None:
    """pdftotext -layout on cells centred on a wrapped label: some of a row's values on the label's line,
    the rest on the next; every row of 表三, every place of the break."""
    text = (FOLDER / f"{name}.pdftotext-layout.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = data.draw(st.sampled_from(_t3_lines(text)))
    m = _T3_LINE.match(lines[at])
    assert m is not None
    values = m.group("values").split()
    k = data.draw(st.integers(1, len(values) - 1))
    label = m.group("label")
    between, lead = [], ""
    numbered = re.match(r"^(.*?)(\d\.)([\u4e00-\u9fff].*)$", label)
    where = data.draw(st.sampled_from(["label", "own line", "before the values"])) if numbered else "label"
    if numbered and where != "label":  # its numbering alone between ("2." / "制作 …") or before the rest ("8.  1 0 …")
        label = numbered.group(1) + numbered.group(3)
        between, lead = ([" " * 20 + numbered.group(2)], "") if where == "own line" else ([], numbered.group(2) + "   ")
    second = " " * 20 + lead + "   ".join(values[k:])
    lines[at : at + 1] = [f"{label} {' '.join(values[:k])}", *between, second]
    report = parse(Source.from_text(f"{name}.txt", "\n".join(lines)))
    truth = _truth(name)
    wrong = [(k, v, report.value(k)) for k, v in truth["cells"].items() if not _same(report.value(k), v)]
    assert wrong == []
    diags = check_document(report, Config(), [])
    assert [(d.code, d.message.zh) for d in diags if d.severity.value in ("error", "warning")] == []


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_TOP_ALIGNED), st.data())
def test_two_lines_whose_sum_fails_are_not_read_as_one_row(name: str, data: st.DataObject) -> None:
    """A row broken over two lines whose total is not the sum of the rest (a typo, or two short rows
    that happen to add up to seven values) is not joined into a confident reading: its cells are guesses."""
    text = (FOLDER / f"{name}.pdftotext-layout.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = data.draw(st.sampled_from(_t3_lines(text)))
    m = _T3_LINE.match(lines[at])
    assert m is not None
    values = m.group("values").split()
    values[-1] = str(int(values[-1]) + data.draw(st.integers(1, 50)))
    k = data.draw(st.integers(1, len(values) - 1))
    lines[at : at + 1] = [f"{m.group('label')} {' '.join(values[:k])}", " " * 20 + "   ".join(values[k:])]
    report = parse(Source.from_text(f"{name}.txt", "\n".join(lines)))
    truth = _truth(name)
    unsaid = [
        (key, v, report.value(key))
        for key, v in truth["cells"].items()
        if not _same(report.value(key), v) and not _said(report, key) and not key.endswith(".total")
    ]
    assert unsaid == []


def test_a_number_wrapped_past_a_page_break_is_no_arithmetic_error() -> None:
    """pypdf's layout text of an A5 page with 3.17 cm margins (tests/documents/make_pdfs.py, LibreOffice,
    unruled, header rows repeated): 表三's 总计 129 is wrapped in its narrow cell, "12" on the row's line
    and "9" past the page break and the repeated header. The row is a guess, never a false A303."""
    folder = FIXTURES / "pdf_text_narrow"
    truth = json.loads((folder / "p7000_2019_clean_li.json").read_text(encoding="utf-8"))
    assert truth["defect"] is None and truth["style"]["paper"] == "A5"
    report = parse(Source.from_path(str(folder / "p7000_2019_clean_li.pypdf-layout.txt")))
    unsaid = [
        (k, v, report.value(k))
        for k, v in truth["cells"].items()
        if not _same(report.value(k), v) and not _said(report, k)
    ]
    assert unsaid == []
    diags = check_document(report, Config(), [])
    assert [d.code for d in diags if d.severity.value == "error"] == []
