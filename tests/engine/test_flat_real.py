"""Real reports (tests/fixtures: the corpus and the seeds) stored the way crawlers store pages.

Truth comes from each report's own table: truth.json for the corpus, the reading of the
original layout for the seeds. Seed 002 is left out: its table rows lost their labels in
the original (a PDF copy), so a dump of it has no label to split by.
"""

from __future__ import annotations

import json

import pytest

from nianbao import Source, parse

from ..paths import CORPUS, SEEDS
from ..synth.variants import CRAWLER_SHAPES, crawler_dump

REAL = [
    ("pingtan_2023", CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt"),
    ("shuyang_county_2025", CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md"),
    ("huaian_city_2024", CORPUS / "huaian_city_2024" / "huaian_city_2024.pdftotext-layout.txt"),
    *((p.stem[:3], p) for p in SEEDS if not p.stem.startswith("002")),
]


def _truth(name: str, path) -> dict:
    if (path.parent / "truth.json").exists():
        return json.loads((path.parent / "truth.json").read_text("utf-8"))["cells"]
    return {k: c.value for k, c in parse(Source.from_path(str(path))).cells.items()}


def _said(report, key: str) -> bool:
    """Whether a cell not read right says so: read as a guess (or merely plausible), or reported missing."""
    cell = report.cells.get(key)
    if cell is not None and (cell.reading in ("guessed", "plausible") or cell.value is not None):
        return cell.reading in ("guessed", "plausible")
    return any(key in p.keys for p in report.problems if p.kind in ("row-missing", "table-missing", "cell-missing"))


@pytest.mark.parametrize("shape", CRAWLER_SHAPES)
def test_real_reports_as_crawler_dumps_read_their_cells_and_say_where_they_guess(shape: str) -> None:
    right = total = 0
    for name, path in REAL:
        text = path.read_text("utf-8")
        original = parse(Source.from_path(str(path)))
        if shape == "rows" and original.dialect not in ("pipe", "tab", "markdown"):
            continue  # one cell per line: its rows are no lines to join
        truth = _truth(name, path)
        report = parse(Source.from_text(f"{name}.txt", crawler_dump(text, shape)))
        assert report.dialect == "flat", name
        for key, want in truth.items():
            cell = report.cells.get(key)
            ok = cell is not None and (
                cell.value == want or (None not in (cell.value, want) and abs(cell.value - want) < 1e-6)
            )
            right, total = right + ok, total + 1
            assert ok or _said(report, key), (name, key, want, cell)
    assert right / total >= 0.97, right / total
