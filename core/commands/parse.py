"""``nianbao parse``: read reports into the canonical cells (text, json, jsonl)."""

from __future__ import annotations

import argparse
import json
import sys

from rich.cells import cell_len
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from .. import gcpause
from ..engine import DialectError, parse
from ..i18n import msg
from ..model import Report
from ..output import report_json
from ..registry import dialects
from ..source import SourceError
from ._inputs import describe, expand, load, output_may_be_cut, stdout_console


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("parse", help="解析年报并输出各单元格数值 (read reports into canonical cells)")
    p.add_argument(
        "paths", nargs="+", metavar="FILE", help="年报文件、目录，或 - 表示标准输入 (files, directories or -)"
    )
    p.add_argument("--format", choices=("text", "json", "jsonl"), default="text", help="输出格式 (output format)")
    p.add_argument("--dialect", help="指定版式，不自动识别 (force a dialect instead of detecting it)")
    return p


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if args.dialect and args.dialect not in dialects():
        print(
            "nianbao: " + msg("error.dialect", lang, name=args.dialect, available=", ".join(sorted(dialects()))),
            file=sys.stderr,
        )
        return 2
    status = 0
    objects = []
    console = stdout_console(highlight=False)
    if not console.is_terminal:
        # a file or a pipe: every column at full width, however wide (no terminal to fit)
        console = stdout_console(highlight=False, width=_UNBOUNDED)
    for i, path in enumerate(expand(args.paths)):
        if i == 1:  # start-up is over: many reports may follow, their garbage is collected
            gcpause.resume()
        try:
            report = parse(load(path), args.dialect)
        except SourceError as err:
            print(describe(err, lang), file=sys.stderr)
            status = 2
            continue
        except DialectError as err:
            print(f"nianbao: {path}: {err}", file=sys.stderr)
            status = 2
            continue
        # a reader that goes away (| head) stops the output, not the run: the status is every file's
        with output_may_be_cut():
            if args.format == "jsonl":
                sys.stdout.write(json.dumps(report_json(report), ensure_ascii=False, allow_nan=False) + "\n")
            elif args.format == "json":
                objects.append(report_json(report))
            else:
                console.print(render(report, lang, console.width))
    if args.format == "json":
        doc = objects[0] if len(objects) == 1 else objects
        with output_may_be_cut():
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
            sys.stdout.flush()
    with output_may_be_cut():
        sys.stdout.flush()
    return status


def fmt(value: float | int | None) -> str:
    """A cell value as people write it: no exponent, no trailing zeros."""
    if value is None:
        return "—"
    if isinstance(value, float):
        text = repr(value)
        return f"{value:f}".rstrip("0").rstrip(".") if "e" in text else text.removesuffix(".0")
    return str(value)


_UNBOUNDED = 10_000
_LABEL_MIN = 14  # cells of the row-label column before its text folds


def render(report: Report, lang: str = "zh", width: int = _UNBOUNDED) -> Panel:
    """The recovered tables, laid out like the format, for checking against the source.

    Every column is shown at any ``width``: a table too wide is cut into parts of a few
    columns each, every part with the row labels (and the group rows of 表三).
    """
    none = msg("parse.none", lang)
    tmpl = report.template
    head = RichText()
    # what the report says about itself (the title, agency, period and signing date of parse JSON)
    period = (
        f"{report.period_start.isoformat()} – {report.period_end.isoformat()}"
        if report.period_start and report.period_end
        else None
    )
    signed = report.signed.isoformat() if report.signed else None
    for key, value in (("title", report.title), ("agency", report.agency), ("period", period), ("signed", signed)):
        head.append(f"{msg(f'parse.{key}', lang)}: ", style="dim")
        head.append(f"{value or none}\n")
    head.append(f"{msg('parse.year', lang)}: ", style="dim")
    head.append(str(report.year) if report.year else none)
    head.append(f"   {msg('parse.template', lang)}: ", style="dim")
    head.append(msg("parse.template_name", lang, version=tmpl.version) if tmpl else none)
    head.append(f"   {msg('parse.dialect', lang)}: ", style="dim")
    head.append(report.dialect)
    head.append(f"\n{msg('parse.sections', lang)}: ", style="dim")
    head.append("  ".join(f"{'一二三四五六'[s.number - 1]}、{s.title}" for s in report.sections) or none)
    parts: list = [head]
    inner = max(width - 4, 20)  # the panel's border and padding
    if tmpl is None:
        parts.append(RichText(msg("parse.no_tables", lang), style="yellow"))
    else:
        for title, headers, rows in (_table2(report, lang), _table3(report, lang), _table4(report, lang)):
            parts += _fitted(title, headers, rows, inner)
    return Panel(Group(*parts), title=report.path, title_align="left", expand=width < _UNBOUNDED)


# a table as data: its title, the value columns' headers, and rows of (label, values) — a row
# without values is a header or group row, shown across
_Rows = list[tuple[str, list[str]]]


def _fitted(title: str, headers: list[str], rows: _Rows, width: int) -> list[Table]:
    """The table, in as many parts (of consecutive columns) as ``width`` needs."""

    def need(col: int) -> int:
        texts = [headers[col], *(v[col] for _, v in rows if col < len(v))]
        return max(cell_len(RichText.from_markup(t).plain) for t in texts) + 3

    label = min(max((cell_len(RichText.from_markup(lab).plain) for lab, _ in rows), default=4), 40)
    room = max(width - max(min(label, _LABEL_MIN), 4) - 3, 1)
    chunks: list[list[int]] = [[]]
    used = 0
    for col in range(len(headers)):
        if chunks[-1] and used + need(col) > room:
            chunks.append([])
            used = 0
        chunks[-1].append(col)
        used += need(col)
    out = []
    for i, cols in enumerate(chunks):
        part = title if len(chunks) == 1 else f"{title} ({i + 1}/{len(chunks)})"
        table = Table(title=part, title_justify="left", title_style="bold", pad_edge=False, show_edge=False)
        table.add_column("", overflow="fold", min_width=min(label, _LABEL_MIN))
        for c in cols:
            table.add_column(headers[c], justify="right", overflow="fold", min_width=need(c) - 3)
        for lab, values in rows:
            table.add_row(lab, *(values[c] if c < len(values) else "" for c in cols))
        out.append(table)
    return out


def _table2(report: Report, lang: str) -> tuple[str, list[str], _Rows]:
    tmpl = report.template
    assert tmpl is not None
    rows = tmpl.rows_of("t2")
    width = max(len(r.columns) for r in rows)
    out: _Rows = []
    header = None
    for row in rows:
        if row.header != header:
            header = row.header
            out.append((f"[dim]{header}[/dim]", [f"[dim]{c.label}[/dim]" for c in row.columns]))
        out.append((row.label, [_value(report, c.key) for c in row.columns]))
    return msg("table.t2", lang), [""] * width, out


def _table3(report: Report, lang: str) -> tuple[str, list[str], _Rows]:
    tmpl = report.template
    assert tmpl is not None
    rows = tmpl.rows_of("t3")
    out: _Rows = []
    group = None
    for row in rows:
        if row.group and row.group != group and row.group not in row.label:
            out.append((f"[bold]{row.group}[/bold]", []))
        group = row.group
        label = f"  {row.label}" if row.group else row.label
        out.append((label, [_value(report, c.key) for c in row.columns]))
    return msg("table.t3", lang), [c.label for c in rows[0].columns], out


def _table4(report: Report, lang: str) -> tuple[str, list[str], _Rows]:
    tmpl = report.template
    assert tmpl is not None
    (row,) = tmpl.rows_of("t4")
    out: _Rows = [
        (label, [_value(report, c.key) for c in row.columns if c.key.split(".")[1] == key])
        for key, label in tmpl.t4_groups
    ]
    return msg("table.t4", lang), [c.label for c in row.columns[:5]], out


def _value(report: Report, key: str) -> str:
    cell = report.cells.get(key)
    if cell is None:
        return "[red]?[/red]"
    if cell.value is None:
        return "[yellow]—[/yellow]"
    return fmt(cell.value)
