"""``pdf``: PDFs with a text layer (WPS, Word, LibreOffice exports).

Each page's characters and ruling lines are read with pdfium (pypdfium2, which
pdfplumber installs; pdfminer's pure-Python content parser is ten times
slower); pdfplumber's table finder turns the ruling lines into each table's
cell grid with its merges. The characters inside a cell are its text, so a
vertical merged label written one character per line (三、本年度办理结果) and a
wrapped label stay one cell. A table running on at the top of the next page is
the same table: the header rows Word repeats there are left out, and a row or a
merged label cut by the page break (（四）无 | 法提供) is joined again. Lines
outside tables are paragraphs, a line wrapped at the right margin joined with
the next; page numbers and running headers are dropped. A PDF without a text
layer (a scan) or locked by a password gets a clear error.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from nianbao import regex_cache, values
from nianbao.dialect import Layout
from nianbao.model import CellKind
from nianbao.source import Source, SourceError, Text

from ._document import GridCell, Piece, Table, TextBuilder, clean, missing_extra

_PAGE_NUMBER = regex_cache.compile(
    r"^[-—–－\s]*(?:第\s*)?\d{1,3}\s*(?:页)?(?:\s*[/／]\s*\d{1,3}|\s*共\s*\d{1,3}\s*页)?[-—–－\s]*$"
)
_NUMBERED = regex_cache.compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[.．、]|[一二三四五六七八九十]+\s*[、.．])"
)
_DIGITS = regex_cache.compile(r"\d+")
_MARGIN = 0.08  # share of the page height where running headers and footers stand
_SAME_X = 4.0  # points: column lines this close are the same line (pages of one table differ a little)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


@dataclass
class _PageTable:
    table: Table
    top: float
    bottom: float
    page: int


def _box(page: int, x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {"page": page, "x0": round(x0, 1), "top": round(top, 1), "x1": round(x1, 1), "bottom": round(bottom, 1)}


def read(source: Source, text: Text | None) -> Layout:
    try:
        import pdfplumber.table  # noqa: F401  (the table finder's geometry)
        import pypdfium2
    except ImportError:
        raise missing_extra(source.name, "pdf") from None
    try:
        pdf = pypdfium2.PdfDocument(source.data)
    except Exception as err:
        raise _open_error(source.name, err) from None
    try:
        pages = [_read_page(page, number) for number, page in enumerate(pdf, 1)]
    except Exception as err:  # a damaged content stream
        raise _open_error(source.name, err) from None
    finally:
        pdf.close()
    if not any(p.chars for p in pages):
        raise SourceError(source.name, "scanned")
    layout = _build(list(_items(pages))).layout(source.name)
    return _unruled(source, layout)


_RULED_ENOUGH = 20  # values in ruled tables: fewer, and the statistics are in tables drawn without lines


def _unruled(source: Source, layout: Layout) -> Layout:
    """Tables drawn without ruling lines: their rows are lines of text, read as PDF text is (dialect flat).

    The text is the one written from the page, so every cell keeps its place on the page.
    """
    ruled = sum(1 for c in layout.cells if c.kind is CellKind.VALUE)
    if ruled >= _RULED_ENOUGH:
        return layout
    from .flat import FlatDialect

    read = FlatDialect().read(source, layout.text)
    if sum(1 for c in read.cells if c.kind is CellKind.VALUE) <= ruled:
        return layout
    return Layout(layout.text, read.cells, layout.headings, read.problems)


def _open_error(name: str, err: Exception) -> SourceError:
    text = str(err)
    if "password" in text.lower() or "encrypt" in text.lower():
        return SourceError(name, "encrypted")
    return SourceError(name, "damaged", f"{type(err).__name__}: {text}"[:160])


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Page:
    number: int
    width: float
    height: float
    chars: list[_Char]
    edges: list[dict]


def _read_page(page: Any, number: int) -> _Page:
    """The characters and the ruling lines of one page (pdfium: fast, and exact boxes)."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    chars: list[_Char] = []
    textpage = page.get_textpage()
    try:
        for i in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(textpage.raw, i)
            if code <= 32 or code in (0xA0, 0x3000, 0xFEFF, 0xFFFE) or raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
                continue
            # the loose box is the font's line box: the same height for every character of a line
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            size = (top - bottom) or 10.0
            chars.append(_Char(chr(code), left, right, height - top, height - bottom, size))
    finally:
        textpage.close()
    edges: list[dict] = []
    for obj in page.get_objects(max_depth=8):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            edges.extend(_path_edges(obj, height))
    return _Page(number, width, height, chars, edges)


def _path_edges(obj: Any, height: float) -> list[dict]:
    """The horizontal and vertical straight pieces of a path object, in page coordinates (top down)."""
    import ctypes

    import pypdfium2.raw as raw

    matrices = []
    o = obj
    while o is not None:
        matrices.append(o.get_matrix())
        o = getattr(o, "parent", None) if getattr(o, "level", 0) else None
    points: list[tuple[float, float, int, bool]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(obj.raw)):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = x.value, y.value
        for m in matrices:
            px, py = m.a * px + m.c * py + m.e, m.b * px + m.d * py + m.f
        points.append((px, height - py, raw.FPDFPathSegment_GetType(seg), bool(raw.FPDFPathSegment_GetClose(seg))))
    edges: list[dict] = []
    start = None
    prev = None
    for px, py, kind, close in points:
        if kind == raw.FPDF_SEGMENT_MOVETO or prev is None:
            start = prev = (px, py)
            continue
        if kind == raw.FPDF_SEGMENT_LINETO:
            _edge(edges, prev, (px, py))
        prev = (px, py)
        if close and start is not None:
            _edge(edges, prev, start)
            prev = start
    return edges


def _edge(edges: list[dict], a: tuple[float, float], b: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 1.0 and abs(x0 - x1) >= 1.0:
        x0, x1 = sorted((x0, x1))
        edges.append({"x0": x0, "x1": x1, "top": y0, "bottom": y0, "width": x1 - x0, "orientation": "h"})
    elif abs(x0 - x1) < 1.0 and abs(y0 - y1) >= 1.0:
        top, bottom = sorted((y0, y1))
        edges.append({"x0": x0, "x1": x0, "top": top, "bottom": bottom, "height": bottom - top, "orientation": "v"})


def _tables(page: _Page) -> list[Any]:
    """pdfplumber's table finder over the page's ruling lines: each table with its rows of cell boxes."""
    from pdfplumber import table as pt
    from pdfplumber import utils

    edges = pt.merge_edges(page.edges, 3, 3, 3, 3)
    edges = utils.filter_edges(edges, min_length=3)
    edges += _closing_edges(edges)
    cells = pt.intersections_to_cells(pt.edges_to_intersections(edges, 3, 3))
    return [pt.Table(None, group) for group in pt.cells_to_tables(cells)]


_CLOSE = 1.5  # points: a line end this near a line across it meets it


def _closing_edges(edges: list[dict]) -> list[dict]:
    """The lines that close a table's frame cut open by a page break.

    A table running over pages is drawn by Chromium (and some other writers) as
    fragments: the column lines of the part on the next page start at the top
    margin with no line across them there (and end at the bottom margin when a
    row is split), so the table finder sees no cell in that first or last row
    and its words are lost. Where two or more column lines end at the same
    height, with no line across them there but each meeting one at its other
    end (so they are a table's, not lone rules), the missing line is put back
    from the first to the last of them.
    """
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v"]

    def across(v: dict) -> list[float]:
        """The heights where lines cross (or meet) the column line ``v``."""
        return [
            h["top"]
            for h in hs
            if h["x0"] - _CLOSE <= v["x0"] <= h["x1"] + _CLOSE and v["top"] - _CLOSE <= h["top"] <= v["bottom"] + _CLOSE
        ]

    ends: dict[tuple[str, float], list[dict]] = {}
    lone: dict[tuple[str, float], list[dict]] = {}
    for v in vs:
        ys = across(v)
        for end in ("top", "bottom"):
            if all(abs(y - v[end]) > _CLOSE for y in ys):
                # a line nothing crosses (a lone rule, a table ruled by columns only) does not open a frame, but
                # it closes with one: the outer line beside a group label merged down the whole page
                (ends if ys else lone).setdefault((end, round(v[end])), []).append(v)
    out: list[dict] = []
    for (end, at), group in ends.items():
        if len(group) < 2:
            continue
        y = sum(v[end] for v in group) / len(group)
        group = group + [v for k in (at - 1, at, at + 1) for v in lone.get((end, k), []) if abs(v[end] - y) <= _CLOSE]
        x0, x1 = min(v["x0"] for v in group), max(v["x0"] for v in group)
        out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "orientation": "h"})
    return out


def _items(pages: list[_Page]):
    """Lines outside tables and tables, page by page, top to bottom; running headers and footers left out."""
    laid = []
    for page in pages:
        tables = _tables(page)
        boxes = [t.bbox for t in tables]
        inside: list[list[_Char]] = [[] for _ in boxes]
        outside: list[_Char] = []
        for ch in page.chars:
            cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
            k = next((k for k, b in enumerate(boxes) if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
            (outside if k is None else inside[k]).append(ch)
        lines = _lines(outside, page.number)
        pts = [
            _PageTable(_grid(t, chs, page.number), t.bbox[1], t.bbox[3], page.number)
            for t, chs in zip(tables, inside, strict=True)
        ]
        laid.append((page, lines, pts))
    repeated = _running_lines(laid)
    for page, lines, pts in laid:
        margin = page.height * _MARGIN
        keep = [
            ln
            for ln in lines
            if not (
                (ln.top < margin or ln.bottom > page.height - margin)
                and (_PAGE_NUMBER.match(ln.text) or _running_key(ln) in repeated)
            )
        ]
        yield from sorted([*keep, *pts], key=lambda i: i.top)


def _running_lines(pages: list) -> set[tuple[str, int]]:
    """Lines written at the same place in the margin of several pages (a running header or footer)."""
    seen: dict[tuple[str, int], int] = {}
    for page, lines, _ in pages:
        margin = page.height * _MARGIN
        for ln in lines:
            if ln.top < margin or ln.bottom > page.height - margin:
                key = _running_key(ln)
                seen[key] = seen.get(key, 0) + 1
    return {k for k, n in seen.items() if n >= 2 and len(pages) >= 2}


def _running_key(line: _Line) -> tuple[str, int]:
    # digits left out: a footer with the page number in it ("file:///…/report.html 3/4", Chromium's) is
    # the same line on every page; kept, it stood between a table's parts and the table was read as two
    return _DIGITS.sub("0", line.text), round(line.top)


def _lines(chars: list[_Char], page: int) -> list[_Line]:
    """Characters grouped into lines by their vertical centre, left to right."""
    out: list[_Line] = []
    rows: list[list[_Char]] = []
    centre = 0.0
    for ch in sorted(chars, key=lambda c: (c.top + c.bottom) / 2):
        c = (ch.top + ch.bottom) / 2
        if rows and abs(c - centre) <= 0.45 * max(ch.size, 4.0):
            rows[-1].append(ch)
            centre = sum((x.top + x.bottom) / 2 for x in rows[-1]) / len(rows[-1])
        else:
            rows.append([ch])
            centre = c
    for row in rows:
        row.sort(key=lambda c: c.x0)
        text = row[0].text
        for a, b in pairwise(row):
            text += (" " if b.x0 - a.x1 > 0.3 * max(a.size, 4.0) else "") + b.text
        size = sorted(c.size for c in row)[len(row) // 2]
        line = _Line(
            clean(text), row[0].x0, row[-1].x1, min(c.top for c in row), max(c.bottom for c in row), size, page
        )
        if line.text:
            out.append(line)
    return out


def _grid(t: Any, chars: list[_Char], page: int) -> Table:
    """A table as grid cells: each cell at its first row and column, with its row span and its words."""
    rows = t.rows
    tops = [r.bbox[1] for r in rows]
    table = Table()
    for i, row in enumerate(rows):
        for j, box in enumerate(row.cells):
            if box is None:
                continue
            span = sum(1 for k in range(i, len(rows)) if tops[k] < box[3] - 1)
            mine = [
                ch
                for ch in chars
                if box[0] <= (ch.x0 + ch.x1) / 2 <= box[2] and box[1] <= (ch.top + ch.bottom) / 2 <= box[3]
            ]
            words = "\n".join(ln.text for ln in _lines(mine, page))
            table.cells.append(GridCell(clean(words), i, j, _box(page, *box), max(span, 1)))
    table.width = max((len(r.cells) for r in rows), default=0)
    return table


def _build(items: list) -> TextBuilder:
    out = TextBuilder("pdf")
    body = [i for i in items if isinstance(i, _Line)]
    left = min((ln.x0 for ln in body), default=0.0)
    right = max((ln.x1 for ln in body), default=0.0)
    para: list[_Line] = []

    def flush() -> None:
        if para:
            out.paragraph([Piece(ln.text, _box(ln.page, ln.x0, ln.top, ln.x1, ln.bottom)) for ln in para])
            para.clear()

    pending: _PageTable | None = None
    for item in items:
        if isinstance(item, _PageTable):
            flush()
            if pending is not None and item.page == pending.page + 1 and _continues(pending.table, item.table):
                _join(pending.table, item.table)
                pending.page = item.page
                continue
            if pending is not None:
                out.table(pending.table)
            pending = item
            continue
        if pending is not None:
            out.table(pending.table)
            pending = None
        prev = para[-1] if para else None
        wrapped = (
            prev is not None
            and prev.x1 >= right - 1.5 * prev.size
            and item.x0 <= left + 0.5 * item.size
            and not _NUMBERED.match(item.text)
        )
        if not wrapped:
            flush()
        para.append(item)
    flush()
    if pending is not None:
        out.table(pending.table)
    return out


def _continues(first: Table, then: Table) -> bool:
    """Whether a table at the top of a page runs on from the one that ended the page before: the same width."""
    a, b = _extent(first), _extent(then)
    return first.ncols > 1 and then.ncols > 1 and abs(a[0] - b[0]) <= _SAME_X and abs(a[1] - b[1]) <= _SAME_X


def _extent(table: Table) -> tuple[float, float]:
    return min(c.where["x0"] for c in table.cells), max(c.where["x1"] for c in table.cells)


def _regrid(cells: list[GridCell]) -> int:
    """Number the columns of ``cells`` by their x boundaries taken together (each page's grid has only its own)."""
    xs: list[float] = []
    for x in sorted(x for c in cells for x in (c.where["x0"], c.where["x1"])):
        if not xs or x - xs[-1] > _SAME_X:
            xs.append(x)

    def at(x: float) -> int:
        return min(range(len(xs)), key=lambda i: abs(xs[i] - x))

    for c in cells:
        c.col = at(c.where["x0"])
        c.colspan = max(1, at(c.where["x1"]) - c.col)
    return len(xs) - 1


def _join(first: Table, then: Table) -> None:
    """Append ``then``'s rows to ``first``, mending what the page break cut.

    A row broken over the pages (its label's last line and nothing else on
    the next page) is one row again; a merged label cut by the break
    (（四）无 | 法提供) is one cell again.
    """
    first.width = then.width = _regrid(first.cells + then.cells)
    _drop_repeated_header(first, then)
    nrows = max((c.row + c.rowspan for c in first.cells), default=0)
    bottom = {c.col: c for c in first.cells if c.row + c.rowspan == nrows}
    top = sorted((c for c in then.cells if c.row == 0), key=lambda c: c.col)
    taken: set[int] = set()
    offset = nrows
    if _rest_of_row(top, bottom):
        for c in top:  # the rest of the last row
            above = bottom.get(c.col)
            if above is not None:
                above.text = clean(above.text + c.text)
                above.rowspan += c.rowspan - 1
                taken.add(id(c))
        offset = nrows - 1
    elif any(c.text and values.looks_like_value(c.text) for c in top):  # a data row (not a repeated header)
        own = _own_label_col(top)
        for c in top:
            above = bottom.get(c.col)
            # a group cell (left of the row's own label) on both sides of the break, not a new numbered one
            if (
                above is not None
                and above.colspan == c.colspan
                and own is not None
                and c.col < own
                and _group_cell(above, first)
                and not _NUMBERED.match(c.text)
            ):
                above.text = clean(above.text + c.text)
                above.rowspan += c.rowspan
                taken.add(id(c))
    for c in then.cells:
        if id(c) in taken:
            continue
        c.row += offset
        first.cells.append(c)


def _drop_repeated_header(first: Table, then: Table) -> None:
    """Leave out the header rows Word repeats at the top of each page a table runs on (重复标题行)."""

    def row(table: Table, k: int) -> set[tuple[int, int, str]]:
        return {(c.col, c.colspan, c.text) for c in table.cells if c.row == k}

    k = 0
    while (
        row(then, k) and row(then, k) == row(first, k) and not any(values.looks_like_value(t) for *_, t in row(then, k))
    ):
        k += 1
    if k:
        then.cells = [c for c in then.cells if c.row >= k]
        for c in then.cells:
            c.row -= k


def _rest_of_row(top: list[GridCell], bottom: dict[int, GridCell]) -> bool:
    """Whether the first row of a page is the rest of the row that ended the page before.

    Cell for cell the same columns, nothing where that row has its numbers: only
    the last lines of its labels ("6.属于四类过" | "程性信息").
    """
    if not top or not any(c.text for c in top):
        return False
    for c in top:
        above = bottom.get(c.col)
        if above is None or above.colspan != c.colspan:
            return False
        if c.text and (values.looks_like_value(c.text) or values.looks_like_value(above.text)):
            return False
    return True


def _own_label_col(row: list[GridCell]) -> int | None:
    """The column of the last label before the first value of a row (the row's own label)."""
    own = None
    for c in row:
        if c.text and values.looks_like_value(c.text):
            break
        if c.text:
            own = c.col
    return own


def _group_cell(cell: GridCell, table: Table) -> bool:
    """A cell with more label cells to its right in its last row: a merged group label."""
    last = cell.row + cell.rowspan - 1
    return any(
        c.row <= last < c.row + c.rowspan and c.col > cell.col and c.text and not values.looks_like_value(c.text)
        for c in table.cells
    )
