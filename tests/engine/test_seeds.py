"""Every cell of the five seed reports, as read by a person from the text."""

from __future__ import annotations

import pytest

from nianbao import Source, parse
from nianbao.template import template

from ..paths import seed_path

N = None  # a blank cell


def expected(version: str, exceptions: dict[str, object]) -> dict[str, object]:
    """All cells of the format 0, except those listed (a row key maps a list of its values)."""
    cells: dict[str, object] = dict.fromkeys(template(version).keys, 0)
    for key, value in exceptions.items():
        if isinstance(value, list):
            row = template(version).cell(f"{key}.total") or template(version).cell(f"{key}.{_first_col(key)}")
            assert row is not None, key
            for col, v in zip(row[0].columns, value, strict=True):
                cells[col.key] = v
        else:
            cells[key] = value
    return cells


def _first_col(row_key: str) -> str:
    t = template("2019")
    return next(k for k in t.keys if k.startswith(row_key + ".")).rsplit(".", 1)[1]


SEEDS = {
    # 000: pipe rows, garbage characters everywhere, every number 0.
    "000": ("pipe", "2019", 2020, {}),
    # 001: pipe rows broken over lines by blank cells; 增N in 本年增/减; decimal amount.
    "001": (
        "pipe",
        "2019",
        2020,
        {
            "t2.regulations": [5, 5, 5],
            "t2.normative_docs": [41, 22, 22],
            "t2.licensing": [11246, 4747, 1251],
            "t2.other_services": [15, 69, 84],
            "t2.penalties": [71, 3, 58],
            "t2.coercion": [4, 0, 0],
            "t2.fees": [1, 0],
            "t2.procurement": [19, 14241119.2],
            "t3.new": [2, N, N, N, N, N, 2],
            "t3.granted": [2, N, N, N, N, N, 2],
            "t3.carried_forward": [0, N, N, N, N, N, 0],
            **{
                f"t3.{row}": [0, N, N, N, N, N, N]
                for row in (
                    "carried_in partial withheld.state_secret withheld.prohibited_by_law withheld.three_securities "
                    "withheld.third_party withheld.internal_affairs withheld.process_info withheld.enforcement_files "
                    "withheld.query_matters unavailable.not_held unavailable.needs_creation unavailable.unclear "
                    "unprocessed.petition unprocessed.duplicate unprocessed.publication unprocessed.bulk_repeat "
                    "unprocessed.confirmation other total"
                ).split()
            },
        },
    ),
    # 002: tab rows from a PDF. Tab positions show which cell of a short row is
    # missing (the first applicant columns); "0 0" is two cells; 收费 has no 增/减.
    "002": (
        "tab",
        "2019",
        2020,
        {
            "t2.fees.change": N,
            "t3.carried_in.natural": N,
            "t3.granted.natural": N,
            "t3.partial.natural": N,
            "t3.other.natural": N,
            "t3.total.natural": N,
            "t3.total.commercial": N,
            "t3.carried_forward.natural": N,
        },
    ),
    # 003: one cell per line ending in " |", no row boundaries, 规范 for 规章.
    "003": ("cells", "2019", 2020, {}),
    # 004: tab-prefixed cells, blank lines between rows, 2400万 元.
    "004": (
        "cells",
        "2019",
        2019,
        {
            "t2.regulations": [2, 2, 19],
            "t2.normative_docs": [1, 1, 15],
            "t2.procurement": [1, 24000000],
        },
    ),
}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_cells(seed: str) -> None:
    dialect, version, year, exceptions = SEEDS[seed]
    report = parse(Source.from_path(str(seed_path(seed))))
    assert report.dialect == dialect
    assert report.template is not None and report.template.version == version
    assert report.year == year
    got = {k: c.value for k, c in report.cells.items()}
    assert got == expected(version, exceptions)


def test_seed_sections_found_even_when_glued_or_unnumbered() -> None:
    r000 = parse(Source.from_path(str(seed_path("000"))))
    assert [(s.number, r000.position(s.heading.span.start)[0]) for s in r000.sections] == [
        (1, 2),
        (2, 9),
        (3, 28),
        (4, 55),
        (5, 60),
        (6, 61),
    ]
    six = r000.section(6)
    assert six is not None and six.heading.glued
    r004 = parse(Source.from_path(str(seed_path("004"))))
    two = r004.section(2)
    assert two is not None and two.heading.number is None and r004.position(two.heading.span.start)[0] == 27


def test_seed_problems_kept_with_spans() -> None:
    r003 = parse(Source.from_path(str(seed_path("003"))))
    mismatch = [p for p in r003.problems if p.kind == "label-mismatch"]
    assert [(r003.position(p.span.start)[0], p.data["label"], p.data["expected"]) for p in mismatch] == [
        (42, "规范", "规章")
    ]
    r002 = parse(Source.from_path(str(seed_path("002"))))
    multi = [p for p in r002.problems if p.kind == "multi-value"]
    assert [(r002.position(p.span.start)[0], p.keys) for p in multi] == [
        (31, ("t2.coercion.change", "t2.coercion.decisions"))
    ]
    # rows with 8 values: one too many; rows with 6: the tab positions show a blank first cell
    counts = {r002.position(p.span.start)[0] for p in r002.problems if p.kind == "cell-count"}
    assert counts == set(range(48, 64))
    blanks = {r002.position(p.span.start)[0] for p in r002.problems if p.kind == "cell-blank"}
    assert {45, 46, 47, 64, 65, 66} <= blanks
    r001 = parse(Source.from_path(str(seed_path("001"))))
    prefixed = [(r001.position(p.span.start)[0], p.data["prefix"]) for p in r001.problems if p.kind == "prefixed-value"]
    assert prefixed == [(21, "增"), (22, "增"), (25, "增")]
    r004 = parse(Source.from_path(str(seed_path("004"))))
    units = [(r004.position(p.span.start)[0], p.data["unit"]) for p in r004.problems if p.kind == "unit-value"]
    assert units == [(100, "万")]


def test_cell_positions_point_at_the_number() -> None:
    report = parse(Source.from_path(str(seed_path("001"))))
    cell = report.cells["t2.licensing.change"]
    line, col = report.position(cell.span.start)
    assert (line, cell.raw) == (21, "增4747")
    assert report.text.lines[line - 1].text[col - 1 : col - 1 + len(cell.raw)] == "增4747"
