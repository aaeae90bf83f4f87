"""Table formatting: align the cells of a report's tables, in the report's own dialect.

Only whitespace changes; no number, label or prose is touched, and reading the
formatted text gives the same cells. For the ``pipe`` dialect the cells of
consecutive one-line rows of the same shape (same number of ``|``) are padded
to common column widths, measured in terminal cells (a Chinese character is
two), labels left-aligned and numbers right-aligned. What carries meaning for
the reader is kept as written:

* ``||`` (an empty field: the padding of a merged cell) stays empty;
* a blank cell (spaces only) stays blank, only padded;
* a row that runs over several lines (a blank cell holding a line break) is
  left exactly as it is, and so is a line that starts with ``|`` other than a
  Markdown table row.

Other dialects (tab-separated rows, one cell per line) have no columns to
align: :func:`format_edits` returns no edits for them. Formatting twice gives
no edits the second time.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import regex_cache, values
from .model import Report, Span
from .rules import Edit
from .source import Line
from .structure import table_regions

MAX_WIDTH = 48  # a longer cell (a table's long header) does not widen its column
_DASHES = regex_cache.compile(r"^\s*(:?)-{3,}(:?)\s*$")
_DASH_CELL = regex_cache.compile(r":?-{3,}:?")


def cell_len(s: str) -> int:
    """Terminal columns of ``s`` (CJK characters take two); Rich is imported when first needed."""
    from rich.cells import cell_len as width

    return width(s)


def is_separator_row(s: str) -> bool:
    """Whether a line is a Markdown table's separator (``|---|:---:|``, ``--- | ---``).

    A plain scan of the line's fields: a regex with a quantified group around
    ``\\s*`` backtracks quadratically on a long run of spaces.
    """
    fields = s.strip().removeprefix("|").removesuffix("|").split("|")
    return all(_DASH_CELL.fullmatch(f.strip()) for f in fields)


def format_edits(report: Report) -> list[Edit]:
    """The edits that align the report's tables (none when there is nothing to align)."""
    if report.dialect != "pipe":
        return []
    text = report.text
    lines = text.lines
    edits: list[Edit] = []
    for first, last, _section in table_regions(text, report.headings):
        for block in _blocks(lines[first - 1 : last]):
            edits.extend(_align(block))
    return edits


def format_text(report: Report) -> str:
    """The report's text with :func:`format_edits` applied."""
    out = report.text.text
    for e in sorted(format_edits(report), key=lambda e: e.span.start, reverse=True):
        out = out[: e.span.start] + e.new_text + out[e.span.end :]
    return out


def _blocks(lines: Sequence[Line]) -> list[list[Line]]:
    """Runs of consecutive one-line rows with the same number of fields.

    Rows are grouped exactly as the pipe dialect groups them: a line starting
    with ``|`` continues the previous row (outside Markdown tables).
    """
    rows: list[list[Line]] = []
    markdown = False
    for line in lines:
        s = line.text
        if "|" not in s:
            markdown = False
            rows.append([])  # not a row: ends a block (the dialect's row may still continue past it)
            continue
        if is_separator_row(s):
            markdown = True
            rows.append([line])
            continue
        if s.lstrip().startswith("|") and not markdown and not _md_row(s):
            last_row = next((r for r in reversed(rows) if r), None)
            if last_row is not None:
                last_row.append(line)  # a multi-line row: left as written
                continue
        rows.append([line])
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for row in rows:
        single = len(row) == 1 and not (
            row[0].text.lstrip().startswith("|") and not _md_row(row[0].text) and not is_separator_row(row[0].text)
        )
        if single and current and current[0].text.count("|") == row[0].text.count("|"):
            current.append(row[0])
            continue
        if current:
            blocks.append(current)
        current = [row[0]] if single else []
    if current:
        blocks.append(current)
    return blocks


def _md_row(s: str) -> bool:
    t = s.strip()
    return t.startswith("|") and t.endswith("|") and len([p for p in t.split("|") if p.strip()]) >= 2


def _align(block: list[Line]) -> list[Edit]:
    split = [line.text.split("|") for line in block]
    firsts = [
        None if is_separator_row(line.text) else _first_value(fields) for line, fields in zip(block, split, strict=True)
    ]
    if len({fv for fv in firsts if fv is not None}) <= 1:
        rendered = _grid(block, split)
    else:
        rendered = _labelled(split, firsts)
    return [
        Edit(Span(line.start, line.end), new)
        for line, new in zip(block, rendered, strict=True)
        if new is not None and new != line.text
    ]


def _first_value(fields: list[str]) -> int | None:
    """Index of the row's first cell after its label(s): a number, or a blank cell before one.

    ``None`` for a row without numbers (a header).
    """
    if values.looks_like_value(fields[0].strip()):
        return 0
    first = None
    for k in range(1, len(fields)):
        f = fields[k]
        if not f:
            continue
        if not f.strip():
            first = k if first is None else first
        elif values.looks_like_value(f.strip()):
            return k if first is None else first
        else:
            first = None  # a label after a blank: the blank was part of the labels
    return None


def _grid(block: list[Line], split: list[list[str]]) -> list[str | None]:
    """A regular table (the numbers of every row start in the same column): align every column."""
    n = len(split[0])
    widths = [0] * n
    for line, fields in zip(block, split, strict=True):
        if is_separator_row(line.text):
            continue
        for k, f in enumerate(fields):
            w = cell_len(f.strip())
            if w <= MAX_WIDTH:
                widths[k] = max(widths[k], w)
    out: list[str | None] = []
    for line, fields in zip(block, split, strict=True):
        sep = bool(is_separator_row(line.text))
        out.append("|".join(_field(f, k, n, widths[k], sep) for k, f in enumerate(fields)))
    return out


def _labelled(split: list[list[str]], firsts: list[int | None]) -> list[str | None]:
    """Rows whose labels take one or two cells (merged group labels, as in 表三).

    The label cells of a row are aligned as one unit, the numbers after them
    column by column; header rows (no numbers) are only trimmed.
    """
    prefixes: list[str | None] = []
    widths: dict[int, int] = {}
    label_width = 0
    for fields, fv in zip(split, firsts, strict=True):
        if not fv:
            prefixes.append(None)
            continue
        n = len(fields)
        prefix = "|".join(_field(f, k, n, 0, False) for k, f in enumerate(fields[:fv])).rstrip()
        prefixes.append(prefix)
        if cell_len(prefix) <= MAX_WIDTH:
            label_width = max(label_width, cell_len(prefix))
        for k in range(fv, n):
            w = cell_len(fields[k].strip())
            if w <= MAX_WIDTH:
                widths[k - fv] = max(widths.get(k - fv, 0), w)
    out: list[str | None] = []
    for fields, fv, prefix in zip(split, firsts, prefixes, strict=True):
        n = len(fields)
        if not fv or prefix is None:
            out.append("|".join(_field(f, k, n, 0, False) if k == n - 1 else f for k, f in enumerate(fields)))
            continue
        head = prefix + " " * max(0, label_width - cell_len(prefix)) + " "
        rest = [_field(f, k, n, widths.get(k - fv, 0), False) for k, f in enumerate(fields) if k >= fv]
        out.append("|".join([head, *rest]))
    return out


def _field(f: str, k: int, n: int, width: int, separator: bool) -> str:
    content = f.strip()
    if not f:
        return ""  # "||": the padding of a merged cell
    if not content:
        if k == 0:
            return f  # indentation before a leading "|"
        if k == n - 1:
            return ""  # trailing whitespace after the last "|"
        return " " * (width + 2)  # a blank cell stays blank
    if separator and (m := _DASHES.match(f)):
        inner = max(width, 1)
        return (m.group(1) or "-") + "-" * inner + (m.group(2) or "-")
    pad = " " * max(0, width - cell_len(content))
    body = pad + content if values.looks_like_value(content) else content + pad
    if k == 0:
        return body + " " if n > 1 else content
    if k == n - 1:
        return " " + body.rstrip()
    return " " + body + " "
