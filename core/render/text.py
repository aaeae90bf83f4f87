"""The ``text`` renderer: Ruff-style diagnostics with the source line underlined, and a summary.

::

    r.txt:57:34: A301 [*] 本年新收申请数与办理结果不平衡
       |
    57 | 一、本年新收政府信息公开申请数量 | 2 | ...
       |                                  ^ 错误
       |
       = 修复建议: …（安全修复）
       = 相关: 60:12 t3.total.total …

Widths are display cells (``rich.cells.cell_len``: a Chinese character takes
two), so the carets sit under the span. On a terminal, a line wider than the
console is shown as a window around the span; elsewhere lines are printed
whole (the output is for logs and ``grep``).
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from ..i18n import msg
from ..rules import Diagnostic, Severity
from ..source import Text, describe_location
from . import LintRun, Tally

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan", Severity.HINT: "dim"}
MAX_SPAN_LINES = 3
MAX_RELATED = 6  # related places listed under a diagnostic (all of them are in SARIF)
TAB = 4
MAX_UNBOUNDED = 2000  # cells of a line shown when the output has no width (a file, a pipe)


def display_cells(line: str) -> tuple[list[str], list[int]]:
    """How each character is shown (tabs expanded, invisible ones made visible) and the cell it starts at.

    ``starts`` has ``len(line) + 1`` entries; the last is the line's width.
    """
    pieces: list[str] = []
    starts: list[int] = []
    pos = 0
    for ch in line:
        starts.append(pos)
        if ch == "\t":
            rep = " " * (TAB - pos % TAB)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            rep = "\ufffd"
        else:
            rep = ch
        pieces.append(rep)
        pos += cell_len(rep)
    starts.append(pos)
    return pieces, starts


def window(line: str, start: int, end: int, width: int | None) -> tuple[RichText, int, int]:
    """The line fitted into ``width`` cells around chars ``start:end``, and where the span sits.

    Returns (text, pad, carets): the underline is ``pad`` spaces then ``carets`` carets.
    Without a width a line is shown whole up to :data:`MAX_UNBOUNDED` cells. Only the
    characters that can be shown are measured, so showing many findings of one long
    line costs time in the findings, not in the findings times the line.
    """
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    if width is None and len(line) > MAX_UNBOUNDED:
        width = MAX_UNBOUNDED
    lo = 0
    if width is not None and len(line) > 2 * width:
        lo = max(0, start - width)  # every shown character takes at least one cell (a tab or a 0-width mark more)
        line = line[lo : start + 2 * width]
        start, end = start - lo, min(end - lo, len(line))
    pieces, starts = display_cells(line)
    first, last = 0, len(line)  # the characters shown
    if width is not None and starts[-1] > width:
        room = max(width - 2, 10)  # two cells for the ellipses
        target = starts[start] - room // 3
        while first < start and starts[first] < target:
            first += 1
        last = first
        while last < len(line) and starts[last + 1] - starts[first] <= room:
            last += 1
    prefix = "…" if first > 0 or lo > 0 else ""
    suffix = "…" if last < len(line) else ""
    text = RichText(prefix + "".join(pieces[first:last]) + suffix)
    a = max(start, first)
    b = max(a, min(end, last))
    pad = cell_len(prefix) + starts[a] - starts[first]
    carets = max(1, starts[b] - starts[a])
    return text, pad, carets


def severity_word(sev: Severity, lang: str) -> str:
    return msg(f"severity.{sev.value}", lang)


def render_diagnostic(run: LintRun, d: Diagnostic, width: int | None) -> list[RichText]:
    """The lines showing one diagnostic."""
    lang = run.lang
    line, column, end_line, _ = run.position(d)
    head = RichText()
    head.append(f"{d.path}:{line}:{column}:", style="bold")
    head.append(" ")
    head.append(d.code, style=STYLE[d.severity])
    if d.fix is not None and d.fix.safe:
        head.append(" [*]", style="cyan")
    head.append(" " + d.message.get(lang))
    out = [head]
    text = run.texts.get(d.path)
    if text is not None:
        # the snippet is of the text read (for a document: out of its markup, paragraphs and tables)
        first, last = text.position(d.span.start)[0], text.position(max(d.span.end, d.span.start))[0]
        out.extend(_source(d, text, first, last, width, lang))
        end_line = last
    notes = _notes(run, d)
    if notes:
        gutter = " " * (len(str(end_line)) + 1)
        if text is not None:
            out.append(RichText(gutter + "|", style="blue"))
        for note in notes:
            t = RichText(gutter, style="blue")
            t.append("= ", style="blue")
            t.append_text(note)
            out.append(t)
    return out


def _source(d: Diagnostic, text: Text, line: int, end_line: int, width: int | None, lang: str) -> list[RichText]:
    lines = text.lines
    last = end_line
    if last > line and text.position(d.span.end)[1] == 1:  # the span ends with a line end
        last -= 1
    last = min(last, len(lines))
    numbers = list(range(line, last + 1))
    more = len(numbers) > MAX_SPAN_LINES
    numbers = numbers[:MAX_SPAN_LINES]
    gutter_width = len(str(numbers[-1] if numbers else line))
    bar = RichText(" " * (gutter_width + 1) + "|", style="blue")
    out = [bar]
    for i, n in enumerate(numbers):
        ln = lines[n - 1]
        a = max(d.span.start, ln.start) - ln.start
        b = min(d.span.end, ln.end) - ln.start
        avail = None if width is None else max(width - gutter_width - 3, 20)
        shown, pad, carets = window(ln.text, a, b, avail)
        row = RichText(f"{n:>{gutter_width}} | ", style="blue")
        row.append_text(shown)
        out.append(row)
        under = RichText(" " * (gutter_width + 1) + "| ", style="blue")
        under.append(" " * pad + "^" * carets, style=STYLE[d.severity])
        if i == len(numbers) - 1:
            under.append(" " + severity_word(d.severity, lang), style=STYLE[d.severity])
        out.append(under)
    if more:
        out.append(RichText(" " * (gutter_width + 1) + "⋮", style="blue"))
    return out


def _notes(run: LintRun, d: Diagnostic) -> list[RichText]:
    lang = run.lang
    notes = []
    where = run.location(d)
    if where is not None:
        t = RichText()
        t.append(msg("lint.location", lang) + ": ", style="bold")
        t.append(describe_location(where, lang))
        notes.append(t)
    if d.fix is not None:
        t = RichText()
        t.append(msg("lint.fix_label", lang) + ": ", style="bold cyan")
        t.append(d.fix.message.get(lang))
        kind = "lint.fix_safe" if d.fix.safe else "lint.fix_unsafe"
        t.append(msg(kind, lang), style="cyan" if d.fix.safe else "magenta")
        notes.append(t)
    shown = d.related if len(d.related) <= MAX_RELATED + 1 else d.related[:MAX_RELATED]
    for r in shown:
        line, column, _, _ = run.position(d, r.span)
        t = RichText()
        t.append(msg("lint.related", lang) + ": ", style="bold")
        t.append(f"{line}:{column}", style="dim")
        if r.key:
            t.append(f" {r.key}", style="green")
        t.append(" " + r.message.get(lang))
        notes.append(t)
    if len(shown) < len(d.related):
        t = RichText()
        t.append(msg("lint.related", lang) + ": ", style="bold")
        t.append(msg("lint.related_more", lang, n=len(d.related) - len(shown)), style="dim")
        notes.append(t)
    return notes


def print_diagnostics(run: LintRun, console: Console) -> None:
    width = console.width if console.is_terminal else None
    for d in run.diagnostics:
        for t in render_diagnostic(run, d, width):
            console.print(t, soft_wrap=True, highlight=False)
        console.print()


def summary_table(run: LintRun, tally: Tally | None = None) -> Table:
    """Diagnostics per rule (of ``run``, or as counted in ``tally`` when they were streamed)."""
    lang = run.lang
    tally = tally or Tally.of(run.diagnostics)
    counts, severities = tally.by_code, tally.severities
    table = Table(title=msg("lint.summary_title", lang), title_justify="left")
    table.add_column(msg("lint.col_code", lang), style="bold")
    table.add_column(msg("lint.col_name", lang))
    table.add_column(msg("lint.col_count", lang), justify="right")
    table.add_column(msg("lint.col_severity", lang))
    order = list(Severity)
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        cls = run.rules.get(code)
        sevs = sorted(severities[code], key=order.index)
        sev = RichText(", ").join(RichText(severity_word(s, lang), style=STYLE[s]) for s in sevs)
        table.add_row(code, getattr(cls, "name", ""), str(n), sev)
    return table


def totals_line(run: LintRun, tally: Tally | None = None) -> RichText:
    lang = run.lang
    tally = tally or Tally.of(run.diagnostics)
    counts = tally.by_severity
    fixable = tally.safe_fixes
    t = RichText()
    if not tally.total:
        t.append(msg("lint.clean", lang, files=run.files), style="bold" if run.errors else "bold green")
    else:
        t.append(msg("lint.found", lang, n=tally.total, files=run.files), style="bold")
        parts = [msg(f"lint.count_{s.value}", lang, n=counts[s]) for s in Severity if counts[s]]
        t.append(msg("lint.paren", lang, text=msg("lint.sep", lang).join(parts)))
    if run.fixed:
        t.append(msg("lint.join", lang) + msg("lint.fixed", lang, n=run.fixed), style="green")
    if fixable:
        t.append(msg("lint.join", lang) + msg("lint.fixable", lang, n=fixable), style="cyan")
    if run.unsafe_available:
        t.append(msg("lint.join", lang) + msg("lint.unsafe_available", lang, n=run.unsafe_available), style="magenta")
    return t


MAX_NAMES = 10  # files named in a summary line


def file_lines(run: LintRun) -> list[RichText]:
    """The files not checked (the run is incomplete) and those skipped, named."""
    out = []
    for key, paths, style in (
        ("lint.not_checked", run.not_checked, "bold red"),
        ("lint.skipped_files", run.skipped, "yellow"),
    ):
        if paths:
            names = "、" if run.lang == "zh" else ", "
            shown = names.join(paths[:MAX_NAMES])
            if len(paths) > MAX_NAMES:
                shown += " " + msg("lint.more_names", run.lang)
            out.append(RichText(msg(key, run.lang, n=len(paths), names=shown), style=style))
    return out


def fixes_lines(run: LintRun, would: bool = False) -> list[RichText]:
    """``--show-fixes``: what was fixed (or would be, with ``--diff``), by file and rule."""
    if not run.fixed_codes:
        return []
    lang = run.lang
    total = sum(n for codes in run.fixed_codes.values() for n in codes.values())
    out = [RichText(msg("lint.would_fix_list" if would else "lint.fixed_list", lang, n=total), style="bold")]
    for path, codes in run.fixed_codes.items():
        for code, n in sorted(codes.items()):
            name = getattr(run.rules.get(code), "name", "")
            out.append(RichText(f"  {path}: {n} × {code} ({name})"))
    return out


def statistics(run: LintRun, tally: Tally | None = None) -> list[dict]:
    """``--statistics``: findings by rule, most frequent first (Ruff's shape: code, name, count, fixable).

    From ``tally`` when the findings were streamed (not kept), else from the run's findings.
    """
    tally = tally or Tally.of(run.diagnostics)
    counts, fixable = tally.by_code, tally.fixable
    return [
        {"code": code, "name": getattr(run.rules.get(code), "name", ""), "count": n, "fixable": code in fixable}
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def write_statistics(run: LintRun, console: Console, tally: Tally | None = None) -> None:
    rows = statistics(run, tally)
    width = max((len(str(r["count"])) for r in rows), default=1)
    for r in rows:
        mark = "[*]" if r["fixable"] else "   "
        line = RichText(f"{r['count']:>{width}}  ")
        line.append(r["code"], style="bold")
        line.append(f"  {mark} {r['name']}")
        console.print(line, soft_wrap=True, highlight=False)
    for line in file_lines(run):
        console.print(line, soft_wrap=True, highlight=False)


def write_text(run: LintRun, console: Console, quiet: bool = False) -> None:
    """The findings, then (unless ``quiet``) the table by rule, the totals and the files not checked."""
    if not run.files:  # nothing was linted: the errors on stderr say why
        for line in [] if quiet else file_lines(run):
            console.print(line, soft_wrap=True, highlight=False)
        return
    print_diagnostics(run, console)
    if quiet:
        return
    if run.diagnostics:
        console.print(summary_table(run))
    console.print(totals_line(run), soft_wrap=True, highlight=False)
    if run.in_baseline:
        console.print(RichText(msg("lint.in_baseline", run.lang, n=run.in_baseline), style="dim"))
    for line in [*fixes_lines(run), *file_lines(run)]:
        console.print(line, soft_wrap=True, highlight=False)


def print_diff(diff: str, console: Console) -> None:
    """A unified diff, coloured on a terminal."""
    for line in diff.splitlines():
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("@@"):
            style = "cyan"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        else:
            style = None
        console.print(RichText(line, style=style or ""), soft_wrap=True, highlight=False)
