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


def test_pdf_markdown_conversion_every_cell() -> None:
    """Table 三 split into one table per row group with generic headers, table 四 into three."""
    truth = json.loads((CORPUS / "shuyang_county_2025" / "truth.json").read_text("utf-8"))["cells"]
    report = parse(Source.from_path(str(CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md")))
    assert report.year == 2025 and report.template is not None and report.template.version == "2021"
    assert {k: c.value for k, c in report.cells.items()} == truth
