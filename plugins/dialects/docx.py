"""``docx``: Word and WPS documents (.docx), read from their OOXML with lxml.

How it is read: :mod:`nianbao.plugins.dialects._docx`, imported only when such a source is read
(so that linting other files loads none of it).
"""

from __future__ import annotations

from nianbao.dialect import Dialect, Layout
from nianbao.hookspecs import hookimpl
from nianbao.source import Source, Text, document_kind


class DocxDialect(Dialect):
    name = "docx"
    summary = "Word/WPS 文档（.docx）：表格按合并单元格读取 (Word documents: tables read with their merged cells)"

    def detect(self, source: Source, text: Text | None) -> float:
        return 1.0 if document_kind(source.data) == "docx" else 0.0

    def read(self, source: Source, text: Text | None) -> Layout:
        from ._docx import read

        return read(source, text)


@hookimpl
def nianbao_dialects() -> list[Dialect]:
    return [DocxDialect()]
