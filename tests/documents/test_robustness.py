"""Damaged documents never raise anything but a clear SourceError; HTML grids place every cell once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao import Source, parse
from nianbao.source import SourceError

from .test_documents import GENERATED

_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ORIGINALS = {s: (GENERATED / f"r1_2021_clean{s}").read_bytes() for s in (".docx", ".pdf", ".portal.html")}


def _parse_or_clear_error(data: bytes, name: str) -> None:
    try:
        report = parse(Source(name, data))
    except SourceError as err:
        assert str(err) and err.reason
        return
    assert len(report.text.text) >= 0


@_SETTINGS
@given(st.sampled_from(sorted(ORIGINALS)), st.data())
def test_cut_or_flipped_documents(suffix: str, data) -> None:
    original = ORIGINALS[suffix]
    cut = data.draw(st.integers(16, len(original)))
    damaged = bytearray(original[:cut])
    for _ in range(data.draw(st.integers(0, 8))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(st.integers(0, 255))
    _parse_or_clear_error(bytes(damaged), "r" + suffix)


@st.composite
def span_tables(draw):
    """An HTML table of random rowspans and colspans, each cell's text naming where it should start."""
    rows = draw(st.integers(1, 6))
    taken: set[tuple[int, int]] = set()
    html_rows, expected = [], {}
    for r in range(rows):
        col, tds = 0, []
        for _ in range(draw(st.integers(1, 5))):
            while (r, col) in taken:
                col += 1
            rs, cs = draw(st.integers(1, 3)), draw(st.integers(1, 3))
            rs = min(rs, rows - r)
            text = f"格{r}x{col}"
            expected[text] = (r, col)
            tds.append(f'<td rowspan="{rs}" colspan="{cs}">{text}</td>')
            taken.update((r + i, col + j) for i in range(rs) for j in range(cs))
            col += cs
        html_rows.append("<tr>" + "".join(tds) + "</tr>")
    return "<table>" + "".join(html_rows) + "</table>", expected


@_SETTINGS
@given(span_tables())
def test_html_grid_places_every_cell_where_the_browser_does(table) -> None:
    from nianbao.plugins.dialects import _html as html
    from nianbao.source import Text

    markup, expected = table
    page = Text(f"<html><body>{markup}</body></html>")
    import lxml.html

    root = lxml.html.document_fromstring(page.text)
    reader = html._Reader(html.TextBuilder("html"), page)
    grid = reader.grid(html._rows(root.find(".//table")))
    got = {c.text: (c.row, c.col) for c in grid.cells}
    assert got == expected
