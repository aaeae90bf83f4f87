"""Reports as published and drafted: PDF, Word (.docx) and HTML pages.

The real PDF (淮安市 2024, made with WPS) must read with every one of its 200
cells right. The generated documents (tests/documents/make_documents.py: Word
files in the national format's merged-cell shapes, converted by LibreOffice to
PDF and HTML, and CMS pages inside a portal served as GB18030 under a gb2312
meta) are measured the way the issue sets the bar: cells right per format,
template version on every one, injected defects found, findings real, clean
documents clean.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from nianbao import Source, parse
from nianbao.lint import Config, check_document

from ..paths import FIXTURES as ALL_FIXTURES

FIXTURES = ALL_FIXTURES / "documents"
GENERATED = FIXTURES / "generated"
HUAIAN = FIXTURES / "huaian_city_2024.pdf"
FORMATS = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "portal": ".portal.html"}


def _same(got, want) -> bool:
    return got == want or (got is not None and want is not None and abs(got - want) < 1e-6)


def _truth(name: Path) -> dict:
    return json.loads(name.with_suffix(".json").read_text(encoding="utf-8"))


def _names() -> list[Path]:
    return sorted({p.with_suffix("") for p in GENERATED.glob("*.json")})


def _read(name: Path, fmt: str):
    path = Path(str(name) + FORMATS[fmt])
    return parse(Source.from_path(str(path)))


def test_real_pdf_all_200_cells_right() -> None:
    report = parse(Source.from_path(str(HUAIAN)))
    truth = json.loads((FIXTURES / "huaian_city_2024.json").read_text(encoding="utf-8"))["cells"]
    assert report.dialect == "pdf" and report.template and report.template.version == "2021"
    assert report.year == 2024
    wrong = [(k, v, report.value(k)) for k, v in truth.items() if not _same(report.value(k), v)]
    assert len(truth) == 200 and wrong == []
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_real_pdf_page_footers_and_vertical_label() -> None:
    report = parse(Source.from_path(str(HUAIAN)))
    text = report.text.text
    assert "- 1 -" not in text and "- 3 -" not in text
    assert "三、本年度办理结果 |" in text  # written one character per line in the PDF
    assert "（四）无法提供 |" in text  # cut by the page break: （四）无 | 法提供
    cell = report.cells["t3.unavailable.needs_creation.total"]  # the first row on page 5
    assert report.location(cell.span.start)["page"] == 5


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_generated_documents_cells_and_template(fmt: str) -> None:
    right = total = 0
    wrong: list = []
    for name in _names():
        truth = _truth(name)
        report = _read(name, fmt)
        assert report.template is not None and report.template.version == truth["template"], name
        assert report.year == truth["year"], name
        if truth["defect"] is None:
            assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6], name  # headings by their words
        for key, want in truth["cells"].items():
            total += 1
            if _same(report.value(key), want):
                right += 1
            else:
                wrong.append((name.name, key, want, report.value(key)))
    assert total > 2000
    assert right / total >= 0.99, wrong[:10]


def _findings(report) -> list:
    return [d for d in check_document(report, Config(), []) if d.severity.value in ("error", "warning")]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_generated_documents_defects_found_and_real(fmt: str) -> None:
    clean: dict[tuple[str, str], set] = {}
    found: Counter[str] = Counter()
    injected: Counter[str] = Counter()
    real = flagged = 0
    for name in _names():
        truth = _truth(name)
        seed_template = name.name.rsplit("_", 1)[0]
        report = _read(name, fmt)
        got = {(d.code, d.message.get("en")) for d in check_document(report, Config(), [])}
        if truth["defect"] is None:
            assert _findings(report) == [], (name.name, [d.code for d in _findings(report)])
            clean[seed_template, fmt] = got
    for name in _names():
        truth = _truth(name)
        family = truth["defect"]
        if family is None:
            continue
        report = _read(name, fmt)
        before = clean[name.name.rsplit("_", 1)[0], fmt]
        new = [d for d in check_document(report, Config(), []) if (d.code, d.message.get("en")) not in before]
        injected[family] += 1
        if any(d.code.startswith(family) for d in new):
            found[family] += 1
        ew = _findings(report)
        flagged += len(ew)
        real += sum(1 for d in ew if (d.code, d.message.get("en")) not in before)
    for family in ("S", "T", "A", "X"):
        assert injected[family] >= 4
        assert found[family] / injected[family] >= 0.95, (family, found, injected)
    assert flagged and real / flagged >= 0.97


def test_portal_page_is_gb18030_under_a_gb2312_meta() -> None:
    name = _names()[0]
    data = Path(str(name) + ".portal.html").read_bytes()
    assert b"charset=gb2312" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")  # "©" in the footer is GB18030 only
    report = parse(Source(str(name), data))
    assert report.text.text.count("政府信息公开") > 5
    assert "字号" not in report.text.text and "当前位置" not in report.text.text


def test_pdf_header_rows_repeated_on_the_next_page_are_read_once() -> None:
    import pypdfium2

    name = GENERATED / "r2_2021_S"
    assert b"w:tblHeader" in zipfile.ZipFile(str(name) + ".docx").read("word/document.xml")
    pdf = pypdfium2.PdfDocument(str(name) + ".pdf")
    raw = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert raw.count("勾稽关系") >= 2  # 表三 runs over pages, its header on each
    report = _read(name, "pdf")
    assert report.text.text.count("勾稽关系") == 1
    truth = _truth(name)["cells"]
    assert all(_same(report.value(k), v) for k, v in truth.items())


def test_pdf_tables_without_ruling_lines_read_as_their_text() -> None:
    """A table drawn without ruling lines has no grid to find: its rows are read as the page's lines of text
    (tests/documents/make_pdfs.py, LibreOffice, unruled, narrow label columns, a footer in the table)."""
    path = FIXTURES / "unruled_2021.pdf"
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert truth["style"]["ruled"] is False
    report = parse(Source.from_path(str(path)))
    assert report.dialect == "pdf" and report.template and report.template.version == "2021"
    wrong = [(k, v, report.value(k)) for k, v in truth["cells"].items() if not _same(report.value(k), v)]
    assert len(truth["cells"]) == 200 and wrong == []
    diags = check_document(report, Config(), [])
    assert [d.code for d in diags if d.severity.value in ("error", "warning")] == []
    # every cell keeps its place on the page
    cell = report.cells["t3.new.total"]
    assert report.text.document is not None and report.text.document.locate(cell.span.start) is not None
