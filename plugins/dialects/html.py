"""``html``: web pages as a browser saves them or a crawler stores them, through lxml.

How it is read: :mod:`nianbao.plugins.dialects._html`, imported only when such a source is read
(so that linting other files loads none of it).
"""

from __future__ import annotations

import re

from nianbao import regex_cache
from nianbao.dialect import Dialect, Layout
from nianbao.hookspecs import hookimpl
from nianbao.source import Source, Text, document_kind

_TABLE_CELL = regex_cache.compile(r"<t[dh][\s>]", re.I)
_MIN_HTML_CELLS = 12  # cells of HTML tables in a text for it to be read as HTML (表二's first block has 16)


def _html_tables(text: str) -> bool:
    """A text (Markdown) holding its tables as HTML ``<table>`` markup."""
    return "<table" in text.lower() and len(_TABLE_CELL.findall(text, 0, 2_000_000)) >= _MIN_HTML_CELLS


class HtmlDialect(Dialect):
    name = "html"
    summary = "网页（HTML）：表格按 rowspan/colspan 读取，网站导航等略去 (web pages: tables read as their grid)"

    priority = 1

    def detect(self, source: Source, text: Text | None) -> float:
        if document_kind(source.data) == "html":
            return 1.0
        # Markdown whose tables a converter wrote as HTML (MinerU): the tables are grids all the same
        return 0.9 if text is not None and _html_tables(text.text) else 0.0

    def read(self, source: Source, text: Text | None) -> Layout:
        from ._html import read

        return read(source, text)


@hookimpl
def nianbao_dialects() -> list[Dialect]:
    return [HtmlDialect()]
