"""Tables cut by page breaks, and squeezed into narrow pages, in PDFs read by the pdf dialect.

Chromium prints the part of a table on the next page without a line across its top
(and, when a row is split, the part on the first page without one across its bottom):
the table finder saw no cell in that row and 表三 lost a row at every break (T203 on a
clean report). Fixtures: two Chromium PDFs from tests/documents/make_pdfs.py (ruled,
2019 and 2021 formats, the break at a different row of 表三; the 2021 one runs 表三 over
three pages, splits a row's label over the break and has Chromium's footer with the page
number). The geometry test draws ruled grids cut as Chromium cuts them, for any columns,
rows and break.
"""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nianbao import Source, parse
from nianbao.lint import Config, check_document
from plugins.dialects import _pdf

from ..paths import FIXTURES

BREAKS = FIXTURES / "documents"


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_chromium_table_over_a_page_break_every_cell(version: str) -> None:
    path = BREAKS / f"chromium_break_{version}.pdf"
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert truth["style"]["maker"] == "chromium" and truth["style"]["ruled"]
    report = parse(Source.from_path(str(path)))
    assert report.dialect == "pdf" and report.template and report.template.version == version
    wrong = [(k, v, report.value(k)) for k, v in truth["cells"].items() if report.value(k) != v]
    assert wrong == []
    diags = check_document(report, Config(), [])
    assert [(d.code, d.message.zh) for d in diags if d.severity.value in ("error", "warning")] == []


def _h(x0: float, x1: float, y: float) -> dict:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "orientation": "h"}


def _v(x: float, top: float, bottom: float) -> dict:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "height": bottom - top, "orientation": "v"}


def _grid(xs: list[float], ys: list[float], open_top: bool, open_bottom: bool, group: bool) -> list[dict]:
    """A ruled grid drawn cell by cell; ``group``: the first column one cell merged down the whole page."""
    edges = []
    for k, y in enumerate(ys):
        if (k == 0 and open_top) or (k == len(ys) - 1 and open_bottom):
            continue
        inner = 0 < k < len(ys) - 1
        edges.append(_h(xs[1] if group and inner else xs[0], xs[-1], y))
    for x in xs:
        for a, b in pairwise(ys):
            edges.append(_v(x, a, b))  # each cell's side (the table finder joins them)
    return edges


def _page(edges: list[dict]) -> _pdf._Page:
    return _pdf._Page(1, 595.0, 842.0, [], edges)


columns = st.lists(st.floats(15, 90), min_size=2, max_size=9)
rows = st.lists(st.floats(14, 60), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(columns, rows, st.booleans(), st.booleans(), st.booleans(), st.floats(40, 200))
def test_a_grid_cut_open_by_the_page_break_keeps_every_row(
    widths: list[float], heights: list[float], open_top: bool, open_bottom: bool, group: bool, left: float
) -> None:
    # a page of one row open at both ends: nothing crosses any line, as with column rules; no table to see
    assume(not (len(heights) == 1 and open_top and open_bottom))
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [60.0]
    for h in heights:
        ys.append(ys[-1] + h)
    group = group and len(xs) > 2
    tables = _pdf._tables(_page(_grid(xs, ys, open_top, open_bottom, group)))
    assert len(tables) == 1
    (table,) = tables
    assert [round(r.bbox[1], 3) for r in table.rows] == [round(y, 3) for y in ys[:-1]]
    assert round(table.bbox[0], 3) == round(xs[0], 3) and round(table.bbox[2], 3) == round(xs[-1], 3)


@settings(max_examples=40, deadline=None)
@given(columns, rows, st.booleans())
def test_a_closed_grid_or_lone_rules_get_no_line(widths: list[float], heights: list[float], group: bool) -> None:
    xs = [100.0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [60.0]
    for h in heights:
        ys.append(ys[-1] + h)
    edges = _grid(xs, ys, False, False, group and len(xs) > 2)
    assert _pdf._closing_edges(edges) == []
    # rules down the page with nothing across them (columns ruled only, a margin line): not a table's frame
    rules = [_v(x, ys[0], ys[-1]) for x in xs]
    assert _pdf._closing_edges(rules) == []


def _said(report, key: str) -> bool:
    if any(key in p.keys for p in report.problems if p.kind in ("row-missing", "cell-missing")):
        return True
    cell = report.cells.get(key)
    return cell is not None and cell.reading == "guessed"


def test_a_vertical_label_glued_to_a_value_is_no_arithmetic_error() -> None:
    """An unruled LibreOffice PDF on A5 with 3.17 cm margins (columns a character or two wide): the 、 of
    the vertical group label 三、 stands right after 表三's total, "… 2 45、 以公开". Whether "5、" numbers a
    label or 45 is the total is not known: the row is a guess, never read 4 with a false A303."""
    path = BREAKS / "narrow_a5_2019.pdf"
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert truth["defect"] is None and truth["style"]["paper"] == "A5" and not truth["style"]["ruled"]
    report = parse(Source.from_path(str(path)))
    unsaid = [
        (k, v, report.value(k)) for k, v in truth["cells"].items() if report.value(k) != v and not _said(report, k)
    ]
    assert unsaid == []
    diags = check_document(report, Config(), [])
    assert [d.code for d in diags if d.severity.value == "error"] == []
