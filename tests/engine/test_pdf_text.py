"""The text PDF libraries give for a real report's PDF, read as text (fixtures made once from
shared/corpus/huaian_city_2024/huaian_city_2024.pdf with pdfplumber, pypdf and ``pdftotext -layout``).

Vertical group labels one character per line, labels wrapped with their numbers on the middle
line, page footers inside the tables, 表四 as one line of 15 numbers.
"""

from __future__ import annotations

import json

import pytest

from nianbao import Source, parse

from ..paths import CORPUS

FOLDER = CORPUS / "huaian_city_2024"
TEXTS = sorted(FOLDER.glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name.split(".")[1])
def test_pdf_text_reads_every_cell(path) -> None:
    truth = json.loads((FOLDER / "truth.json").read_text("utf-8"))["cells"]
    report = parse(Source.from_path(str(path)))
    assert report.template is not None and report.template.version == "2021" and report.year == 2024
    assert {k: c.value for k, c in report.cells.items()} == truth
    # numbers separated by spaces are read as written, not split anew
    assert all(c.reading in ("exact", "relations") for c in report.cells.values())


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name.split(".")[1])
def test_wrapped_and_cut_labels_are_no_label_findings(path) -> None:
    """Labels cut by line breaks, merged-cell text and page footers are the extractor's, not the report's."""
    from nianbao.lint import Config, check

    diags = check([parse(Source.from_path(str(path)))], Config())
    assert not [(d.code, d.message.zh) for d in diags if d.code.startswith(("T", "A", "S"))]


def test_three_libraries_three_texts() -> None:
    assert len(TEXTS) == 3 and len({p.read_text("utf-8") for p in TEXTS}) == 3
