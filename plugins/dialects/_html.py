"""``html``: web pages as a browser saves them or a crawler stores them, through lxml.

The page is decoded as text first (BOM, ``<meta charset>``/``http-equiv``, else
detection; a gb2312 or gbk meta reads as GB18030, of which both are subsets).
Scripts, styles, forms and the site around the report (navigation, breadcrumb,
search box, 字号 大 中 小, share buttons, footer: by their class or id, or by
being mostly links) are left out. A table is read as its grid with rowspan
and colspan expanded; a table holding tables is page layout and is looked
into; a one-column table is a frame around text. Word-exported markup
(MsoNormal, nested spans, ``&nbsp;``, ``<o:p>``) and LibreOffice's (``<font>``,
``<p>`` in every cell) read as their words; ``<br>`` inside a label joins it.
A page that holds the report in a script (``let content = "<p>…"``, written in
on load) is read from that string. Every piece of text keeps its line and
column in the page.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from nianbao import regex_cache
from nianbao.dialect import Layout
from nianbao.source import MAX_HTML_BYTES, Source, SourceError, Text, decode, document_kind

from ._document import GridCell, Piece, Table, TextBuilder, clean, missing_extra

_DROP = {"script", "style", "noscript", "template", "head", "form", "select", "button", "input", "textarea"}
_DROP |= {"iframe", "object", "embed", "svg", "nav", "footer", "header", "aside", "map"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section"}
_BLOCKS |= {"article", "main", "blockquote", "pre", "center", "address", "figure", "figcaption", "caption", "hr"}
_BLOCKS |= {"tr", "td", "th", "tbody", "thead", "tfoot", "body", "html"}
_BOILERPLATE = regex_cache.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|header|top|topbar|footer|foot|bottom|crumbs?|breadcrumbs?|position|location|"
    r"search|share|bdshare|tools?|toolbar|fontsize|zoom|print|sidebar|side|left|right|copyright|links?|friendlink|"
    r"related|pager|pagination|qrcode|ewm|banner|logo)(?:$|[\s_-]|\d)",
    re.I,
)
_PLAIN = regex_cache.compile(r"[^\s<>&;|]{1,4}")
_PAGE_MARKUP = regex_cache.compile(
    r"<(?:html|body|p|div|span|br|h[1-6]|li|font)\b", re.I
)  # markup of a page, not only tables


def _lines_as_paragraphs(text: str) -> str:
    """Markdown around HTML tables: each line outside a table ends with ``<br>`` (a line a paragraph).

    Added at the line's end, so every character keeps its line and column.
    """
    out = []
    depth = 0
    for line in text.split("\n"):
        low = line.lower()
        inside = depth > 0
        depth += low.count("<table") - low.count("</table")
        out.append(line if inside or "<table" in low or depth > 0 else line + "<br>")
    return "\n".join(out)


def read(source: Source, text: Text | None) -> Layout:
    try:
        from lxml import etree
    except ImportError:
        raise missing_extra(source.name, "html") from None
    if len(source.data) > MAX_HTML_BYTES:
        raise SourceError(source.name, "too_large", f"{len(source.data) // 2**20} MB")
    page = text or decode(source)
    markup = _without_xml_declaration(page.text)
    if document_kind(source.data) != "html" or not _PAGE_MARKUP.search(markup, 0, 200_000):
        markup = _lines_as_paragraphs(markup)  # Markdown with HTML tables (even one that starts with a table)
    try:
        # the plain parser: lxml.html's element classes cost a lookup per element, for nothing used here
        root = etree.fromstring(markup, etree.HTMLParser(remove_comments=True, remove_pis=True))
    except (etree.ParserError, ValueError) as err:
        raise SourceError(source.name, "damaged", f"{err}"[:160]) from None
    if root is None:
        raise SourceError(source.name, "no_report")
    try:
        layout = _layout(root, page, source.name)
    except SourceError as err:
        # a page whose script writes the report in (let content = "<p>…</p>"): read that markup
        inner = _report_in_script(root) if err.reason == "no_report" else None
        if inner is None:
            raise
        layout = _layout(etree.fromstring(inner, etree.HTMLParser(remove_comments=True)), page, source.name)
    assert layout.text.document is not None
    layout.text.document.source_starts = page._line_starts
    return layout


def _layout(root: Any, page: Text, name: str) -> Layout:
    out = TextBuilder("html")
    reader = _Reader(out, page)
    body = root.find("body")
    reader.block(body if body is not None else root)
    reader.flush()
    return out.layout(name)


_JS_STRING = regex_cache.compile(r'"((?:[^"\\\n]|\\.){200,})"|\'((?:[^\'\\\n]|\\.){200,})\'')
_JS_ESCAPE = regex_cache.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)")
_JS_CHARS = {"n": "\n", "t": "\t", "r": "\r", "b": "", "f": "", "v": ""}


def _report_in_script(root: Any) -> str | None:
    """The longest markup string literal of the page's scripts that holds report words, unescaped."""
    best = None
    for script in root.iter("script"):
        for m in _JS_STRING.finditer(script.text or ""):
            literal = m.group(1) or m.group(2) or ""
            if "<" in literal and "政府信息公开" in literal and (best is None or len(literal) > len(best)):
                best = literal
    if best is None:
        return None

    def unescape(m: re.Match) -> str:
        e = m.group(1)
        if e[0] in "ux" and len(e) > 1:
            return chr(int(e[1:], 16))
        return _JS_CHARS.get(e, e)

    return _JS_ESCAPE.sub(unescape, best)


def _without_xml_declaration(s: str) -> str:
    """lxml refuses a str with an encoding declaration; blank it out (keeping every line and column)."""
    m = re.match(r"\s*<\?xml[^>]*\?>", s)
    return " " * m.end() + s[m.end() :] if m else s


class _Reader:
    """Walks the page in reading order: inline text gathers into paragraphs, tables into grids."""

    def __init__(self, out: TextBuilder, page: Text) -> None:
        self.out = out
        self.src = page.text
        self.starts = page._line_starts
        self.cursor = 0
        self.para: list[Piece] = []

    # -- places
    def where(self, text: str, line: int | None) -> tuple[dict[str, Any], int]:
        """The line and column in the page of ``text`` (searched from the element's line, in reading order)."""
        line_start = self.starts[min(max((line or 1) - 1, 0), len(self.starts) - 1)]
        at = -1
        m = _PLAIN.search(text)
        if m:
            at = self._find(m.group(), max(self.cursor, line_start))
            if at < 0:
                at = self._find(m.group(), line_start)
        if at < 0:
            at = line_start
        else:
            self.cursor = at + len(m.group()) if m else self.cursor
        i = bisect.bisect_right(self.starts, at) - 1
        return {"line": i + 1, "column": at - self.starts[i] + 1}, at

    def _find(self, word: str, start: int) -> int:
        """The first ``word`` at or after ``start`` that is text, not inside a tag (``width="12"``)."""
        src, limit = self.src, start + 20000
        at = src.find(word, start, limit)
        while at >= 0 and src.rfind("<", start, at) > src.rfind(">", start, at):
            at = src.find(word, src.find(">", at) + 1, limit)
        return at

    def piece(self, raw: str | None, line: int | None) -> None:
        if raw and raw.strip("\u00a0\u3000 \t\r\n"):
            text = clean(raw)
            if text:
                where, at = self.where(text, line)
                self.para.append(Piece(text, where, at))

    def flush(self) -> None:
        if self.para:
            self.out.paragraph(self.para)
            self.para = []

    # -- the walk
    def block(self, el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP or _boilerplate(el):
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "br":
            self.flush()
            return
        is_block = tag in _BLOCKS
        if is_block:
            self.flush()
        self.piece(el.text, el.sourceline)
        for child in el:
            self.block(child)
            self.piece(child.tail, child.sourceline)
        if is_block:
            self.flush()

    def table(self, el: Any) -> None:
        rows = _rows(el)
        if el.find(".//table") is not None:
            for row in rows:  # a layout table: its cells are parts of the page
                for cell in _cells(row):
                    self.block(cell)
            return
        grid = self.grid(rows)
        if grid.ncols <= 1:
            for row in rows:
                for cell in _cells(row):
                    self.block(cell)
            return
        self.out.table(grid)

    def grid(self, rows: list[Any]) -> Table:
        table = Table()
        taken: dict[int, set[int]] = {}
        for r, tr in enumerate(rows):
            col = 0
            for td in _cells(tr):
                while col in taken.get(r, ()):
                    col += 1
                rowspan = min(_span(td.get("rowspan")), max(len(rows) - r, 1))
                colspan = min(_span(td.get("colspan")), 100)
                text = clean(_cell_text(td))
                where, at = self.where(text, td.sourceline)
                table.cells.append(GridCell(text, r, col, where, rowspan, colspan, at))
                for k in range(r, r + rowspan):
                    taken.setdefault(k, set()).update(range(col, col + colspan))
                col += colspan
        return table


def _rows(table: Any) -> list[Any]:
    """The table's own rows (not those of tables nested in it)."""
    out = []
    for child in table:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if c.tag == "tr")
    return out


def _cells(tr: Any) -> list[Any]:
    return [c for c in tr if c.tag in ("td", "th")]


def _span(value: str | None) -> int:
    if not value:
        return 1
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def _cell_text(td: Any) -> str:
    """A cell's words; paragraphs and <br> inside it are line breaks (joined again by clean())."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP:
            return
        if tag in ("br", "p", "div", "li") and parts:
            parts.append("\n")
        parts.append(el.text or "")
        for child in el:
            walk(child)
            parts.append(child.tail or "")

    walk(td)
    return "".join(parts)


def _boilerplate(el: Any) -> bool:
    """The site around the report: by class or id, or a block of links (a menu)."""
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
    if attrs.strip() and _BOILERPLATE.search(attrs) and el.tag != "body":
        return not _holds_report(el)
    if el.tag in ("ul", "ol", "div") and len(el):
        text = _text_of(el)
        words = len(text.strip())
        if words >= 2:
            linked = sum(len(_text_of(a).strip()) for a in el.iter("a"))
            return linked >= 0.7 * words and not _holds_report(el)
    return False


def _holds_report(el: Any) -> bool:
    """A wrapper named like chrome ("main-right") that still holds the report's tables or sections."""
    return el.find(".//table") is not None or len(_text_of(el)) > 1500


def _text_of(el: Any) -> str:
    return "".join(el.itertext())
