"""``tab``: tab-separated rows, as text copied out of a PDF.

Each line is a row and each tab-separated field a cell whose column position
is known, which is what lets the engine place values when labels are lost,
shifted or split across rows. Trailing empty fields are padding; a run of more empty fields
than any table has columns is cut (a line of tabs is not thousands of cells).
"""

from __future__ import annotations

from collections.abc import Sequence

from nianbao.dialect import TextDialect, cell
from nianbao.hookspecs import hookimpl
from nianbao.model import CellKind, RawCell, Span
from nianbao.source import Line, Text

from ._lines import line_stats, share

# empty fields in a row kept as cells, at most: more than any table has columns (the pipe and cells
# dialects cap their padding the same way)
_MAX_PADDING = 64


class TabDialect(TextDialect):
    name = "tab"
    summary = "制表符分隔的行，多见于从 PDF 复制的文本 (tab-separated rows, as copied from PDF)"

    def score(self, text: Text) -> float:
        stats = line_stats(text)
        return share(stats.tab_rows, stats, 10)

    def cells(self, text: Text, lines: Sequence[Line]) -> list[RawCell]:
        out: list[RawCell] = []
        for k, line in enumerate(lines):
            s = line.text
            if not s.strip():
                valued = _blank_row(lines, k)
                if valued:
                    # a row whose every field is empty, its label too (lost): a row of blank cells
                    # under the columns its neighbours write values in, the rest padding (it was no
                    # row at all, and the rows after it were read one row up, silently)
                    at = line.start
                    for i, f in enumerate(s.split("\t")):
                        out.append(RawCell("", Span(at, at), CellKind.BLANK, i, i == 0, 0 if i in valued else 2))
                        at += len(f) + 1
                continue
            if "\t" not in s:
                if _between_rows(lines, k):
                    # the first line of a label wrapped onto the next row's line ("一、本年新收" /
                    # "政府信息公开申请数量\t…"): a label, which the alignment joins when together they name a row
                    a = line.start + (len(s) - len(s.lstrip()))
                    out.append(cell(text.text, a, line.start + len(s.rstrip()), row_start=True))
                continue
            fields = s.split("\t")
            last_content = max(i for i, f in enumerate(fields) if f.strip())
            pos = line.start
            row: list[RawCell] = []
            blank_so_far = True  # kept as we go: re-checking the row per field is quadratic in a long line
            empties = 0  # consecutive empty fields
            for i, f in enumerate(fields):
                if i > last_content + _MAX_PADDING:
                    break  # the rest is padding too: a line of 200,000 tabs is not 200,000 cells
                empties = 0 if f.strip() else empties + 1
                if empties <= _MAX_PADDING:
                    # empty fields past the last value pad the row; before it they are cells
                    filler = 2 if i > last_content else (1 if blank_so_far else 0)
                    c = cell(text.text, pos, pos + len(f), col=i, row_start=not row, filler=filler)
                    row.append(c)
                    blank_so_far = blank_so_far and c.kind is CellKind.BLANK
                pos += len(f) + 1
            out.extend(row)
        return out


_WRAP_MAX = 40  # characters of a wrapped label's first line


def _blank_row(lines: Sequence[Line], k: int) -> set[int]:
    """Of a line of tabs only, as many as the rows just before and after it have: the fields where
    both hold a number (empty if the line is no such row)."""
    n = lines[k].text.count("\t")
    if n < 2 or lines[k].text.strip("\t"):
        return set()
    before = next((ln.text for ln in reversed(lines[:k]) if ln.text.strip()), "")
    after = next((ln.text for ln in lines[k + 1 :] if ln.text.strip()), "")
    if any(t.count("\t") != n for t in (before, after)):
        return set()
    numbers = [
        {i for i, f in enumerate(t.split("\t")) if f.strip().replace(".", "", 1).isdigit()} for t in (before, after)
    ]
    return numbers[0] & numbers[1]


def _between_rows(lines: Sequence[Line], k: int) -> bool:
    """A short line without tabs between two tab-separated rows (blank lines between them aside)."""
    t = lines[k].text.strip()
    before = next((ln.text for ln in reversed(lines[:k]) if ln.text.strip()), "")
    after = next((ln.text for ln in lines[k + 1 :] if ln.text.strip()), "")
    return 0 < len(t) <= _WRAP_MAX and not t.endswith("。") and "\t" in before and "\t" in after


@hookimpl
def nianbao_dialects() -> list[TextDialect]:
    return [TabDialect()]
