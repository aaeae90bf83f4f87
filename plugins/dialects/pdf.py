"""``pdf``: PDFs with a text layer (WPS, Word, LibreOffice exports).

How it is read: :mod:`nianbao.plugins.dialects._pdf`, imported only when such a source is read
(so that linting other files loads none of it).
"""

from __future__ import annotations

from nianbao.dialect import Dialect, Layout
from nianbao.hookspecs import hookimpl
from nianbao.source import Source, Text, document_kind


class PdfDialect(Dialect):
    name = "pdf"
    summary = "PDF 文件（有文字层）：表格按框线读取 (PDF with a text layer: tables read from their ruling lines)"

    def detect(self, source: Source, text: Text | None) -> float:
        return 1.0 if document_kind(source.data) == "pdf" else 0.0

    def read(self, source: Source, text: Text | None) -> Layout:
        from ._pdf import read

        return read(source, text)


@hookimpl
def nianbao_dialects() -> list[Dialect]:
    return [PdfDialect()]
