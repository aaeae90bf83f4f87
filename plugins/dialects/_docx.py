"""``docx``: Word and WPS documents (.docx), read from their OOXML with lxml.

The body's paragraphs and tables in order. A table is read as its grid:
``w:gridSpan`` widens a cell, ``w:vMerge`` continues the cell above, so a
merged label or header is one cell at its true place. Tracked changes read as
accepted (``w:ins`` and ``w:moveTo`` in, ``w:del`` and ``w:moveFrom`` out);
fields and hyperlinks read as the text they show, not their codes.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from nianbao.dialect import Layout
from nianbao.source import Source, SourceError, Text

from ._document import GridCell, Piece, Table, TextBuilder, clean, missing_extra

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MAX_XML = 200 * 1024 * 1024  # an uncompressed document.xml larger than this is no report (a zip bomb)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _T, _TAB, _BR, _CR = (_w(t) for t in ("p", "tbl", "tr", "tc", "t", "tab", "br", "cr"))
_SKIP = {_w("del"), _w("moveFrom"), _w("instrText"), _w("delText"), _w("pPr"), _w("rPr"), f"{{{MC}}}Fallback"}
_SKIP |= {_w("tcPr"), _w("trPr"), _w("tblPr"), _w("tblGrid")}


def read(source: Source, text: Text | None) -> Layout:
    try:
        from lxml import etree
    except ImportError:
        raise missing_extra(source.name, "docx") from None
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > _MAX_XML:
                raise SourceError(source.name, "too_large", f"{info.file_size // 2**20} MB")
            xml = z.read(info)
    except SourceError:
        raise
    except KeyError:
        raise SourceError(source.name, "damaged", "no word/document.xml in the file") from None
    except Exception as err:  # a truncated or corrupt zip
        raise SourceError(source.name, "damaged", f"{type(err).__name__}: {err}"[:160]) from None
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as err:
        raise SourceError(source.name, "damaged", f"word/document.xml: {err}"[:160]) from None
    body = root.find(_w("body"))
    out = TextBuilder("docx")
    if body is not None:
        _Reader(out).blocks(body)
    return out.layout(source.name)


class _Reader:
    def __init__(self, out: TextBuilder) -> None:
        self.out = out
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, parent: Any) -> None:
        """Paragraphs and tables in document order (content controls and inserted blocks looked into)."""
        for el in parent:
            tag = el.tag
            if tag == _P:
                self.paragraphs += 1
                self.out.paragraph([Piece(clean(_text(el)), {"paragraph": self.paragraphs})])
            elif tag == _TBL and el.find(f".//{_TC}//{_TBL}") is not None:
                # a table holding tables: the page laid out in a frame, its cells are parts of the document
                for tr in el.iterchildren(_TR):
                    for tc in tr.iterchildren(_TC):
                        self.blocks(tc)
            elif tag == _TBL:
                self.tables += 1
                self.out.table(_table(el, self.tables))
            elif isinstance(tag, str) and tag not in _SKIP and tag != _w("sectPr"):
                self.blocks(el)  # w:sdt/w:sdtContent, w:ins around blocks, w:customXml


def _text(el: Any) -> str:
    """The words of a paragraph (or cell) as shown with tracked changes accepted."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append(" ")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _P:
                if parts:
                    parts.append("\n")
                walk(child)
            elif tag == _TBL:
                continue  # a table nested in a cell is read on its own
            else:
                walk(child)

    walk(el)
    return "".join(parts)


_TCPR, _GRIDSPAN, _VMERGE, _VAL = _w("tcPr"), _w("gridSpan"), _w("vMerge"), _w("val")
_GRIDBEFORE = f"{_w('trPr')}/{_w('gridBefore')}"
_SDT, _CUSTOM = _w("sdt"), _w("customXml")


def _table(tbl: Any, number: int) -> Table:
    """The table's cells on its grid: gridSpan widens, vMerge="continue" extends the cell above."""
    table = Table()
    above: dict[int, GridCell] = {}  # grid column → the cell that last started there
    width = 0
    for r, tr in enumerate(tbl.iterchildren(_TR)):  # a nested table's rows are inside a cell, not here
        col = _int(tr.find(_GRIDBEFORE), 0)
        for tc in tr.iterchildren(_TC, _SDT, _CUSTOM):
            for cell_el in [tc] if tc.tag == _TC else tc.iter(_TC):
                pr = cell_el.find(_TCPR)
                span = _int(pr.find(_GRIDSPAN) if pr is not None else None, 1)
                vmerge = pr.find(_VMERGE) if pr is not None else None
                text = clean(_text(cell_el))
                origin = above.get(col)
                if vmerge is not None and vmerge.get(_VAL, "continue") == "continue" and origin is not None:
                    origin.rowspan = r - origin.row + 1
                    if text:
                        origin.text = clean(origin.text + "\n" + text)
                else:
                    c = GridCell(text, r, col, {"table": number, "row": r + 1, "column": col + 1}, 1, span)
                    table.cells.append(c)
                    for k in range(col, col + span):
                        above[k] = c
                col += span
        width = max(width, col)
    table.width = width
    return table


def _int(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return max(int(el.get(_VAL, default)), 0) or default
    except ValueError:
        return default
