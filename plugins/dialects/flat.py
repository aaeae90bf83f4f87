"""``flat``: tables whose cells ran together, as crawlers and text extractors store pages.

How it is read: :mod:`nianbao.plugins.dialects._flat`, imported only when such a source is read
(so that linting other files loads none of it).
"""

from __future__ import annotations

import re

from nianbao.dialect import Dialect, Layout
from nianbao.hookspecs import hookimpl
from nianbao.source import Source, Text
from nianbao.structure import unradical

_GLUE_WORDS = ("规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "总计", "予以公开", "部分公开", "重复申请")
_MIN_GLUED = 6  # labels followed directly by digits before the text counts as flat


class FlatDialect(Dialect):
    name = "flat"
    summary = "单元格连在一起、无分隔符的表格（网页存档、抓取文本） (table cells run together, no separators)"

    def detect(self, source: Source, text: Text | None) -> float:
        if text is None:
            return 0.0
        t = unradical(text.text)
        if t.count("|") > 20 or t.count("\t") > 20:
            return 0.0
        # digits right after the words (crawler dumps), or after a gap on the same line (PDF text)
        glued = sum(1 for w in _GLUE_WORDS if re.search(re.escape(w) + r"[ \u3000]*\d", t))
        return min(1.0, glued / _MIN_GLUED) * 0.95

    def read(self, source: Source, text: Text | None) -> Layout:
        from ._flat import read

        return read(source, text)


@hookimpl
def nianbao_dialects() -> list[Dialect]:
    return [FlatDialect()]
