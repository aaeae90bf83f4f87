"""Real published 2021-format reports: every cell against the published truth."""

from __future__ import annotations

import json

import pytest

from nianbao import Source, parse

from ..paths import CORPUS

PINGTAN = sorted((CORPUS / "pingtan_2023").glob("*.txt"))


@pytest.mark.parametrize("path", PINGTAN, ids=lambda p: p.name)
def test_web_page_copies_every_cell(path) -> None:
    truth = json.loads((CORPUS / "pingtan_2023" / "truth.json").read_text("utf-8"))["cells"]
    report = parse(Source.from_path(str(path)))
    assert report.template is not None and report.template.version == "2021"
    assert report.year == 2023
    assert {k: c.value for k, c in report.cells.items()} == truth


def test_pdf_markdown_conversion_mostly_right() -> None:
    """Not a target layout yet (table 三 split into one table per row group)."""
    truth = json.loads((CORPUS / "shuyang_county_2025" / "truth.json").read_text("utf-8"))["cells"]
    report = parse(Source.from_path(str(CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md")))
    right = sum(1 for k, v in truth.items() if k in report.cells and report.cells[k].value == v)
    assert report.year == 2025
    assert right >= 185
