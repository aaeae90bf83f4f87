"""How each cell was read (Cell.reading, ``parse --format json`` field ``reading``)."""

from __future__ import annotations

import json
from collections import Counter

from nianbao import Source, parse
from nianbao.model import READINGS
from nianbao.output import report_json

from ..paths import CORPUS, seed_path


def test_cells_of_a_clean_web_copy_are_read_exactly() -> None:
    report = parse(Source.from_path(str(CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt")))
    assert Counter(c.reading for c in report.cells.values()) == {"exact": 200}


def test_rows_that_lost_their_labels_are_read_by_position() -> None:
    """Seed 002 (tab copy of a PDF) lost most row labels of table 三: those rows are placed by position."""
    report = parse(Source.from_path(str(seed_path("002"))))
    readings = Counter(c.reading for c in report.cells.values())
    assert readings["position"] >= 50 and readings["exact"] >= 50
    assert report.cells["t2.regulations.made"].reading == "exact"
    assert set(readings) <= set(READINGS)


def test_reading_is_in_the_json_output() -> None:
    report = parse(Source.from_path(str(seed_path("002"))))
    cells = json.loads(json.dumps(report_json(report)))["cells"]
    assert {c["reading"] for c in cells.values()} == {"exact", "position"}
