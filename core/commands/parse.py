"""``nianbao parse``: read reports into the canonical cells (text, json, jsonl)."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from ..engine import DialectError, parse
from ..i18n import msg
from ..model import Report
from ..output import report_json
from ..registry import dialects
from ..source import SourceError
from ._inputs import describe, expand, load


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
    console = Console(highlight=False)
    for path in expand(args.paths):
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
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(report_json(report), ensure_ascii=False, allow_nan=False) + "\n")
        elif args.format == "json":
            objects.append(report_json(report))
        else:
            console.print(render(report, lang))
    if args.format == "json":
        doc = objects[0] if len(objects) == 1 else objects
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
    return status


def fmt(value: float | int | None) -> str:
    """A cell value as people write it: no exponent, no trailing zeros."""
    if value is None:
        return "—"
    if isinstance(value, float):
        text = repr(value)
        return f"{value:f}".rstrip("0").rstrip(".") if "e" in text else text.removesuffix(".0")
    return str(value)


def render(report: Report, lang: str = "zh") -> Panel:
    """The recovered tables, laid out like the format, for checking against the source."""
    none = msg("parse.none", lang)
    tmpl = report.template
    head = RichText()
    head.append(f"{msg('parse.year', lang)}: ", style="dim")
    head.append(str(report.year) if report.year else none)
    head.append(f"   {msg('parse.template', lang)}: ", style="dim")
    head.append(msg("parse.template_name", lang, version=tmpl.version) if tmpl else none)
    head.append(f"   {msg('parse.dialect', lang)}: ", style="dim")
    head.append(report.dialect)
    head.append(f"\n{msg('parse.sections', lang)}: ", style="dim")
    head.append("  ".join(f"{'一二三四五六'[s.number - 1]}、{s.title}" for s in report.sections) or none)
    parts: list = [head]
    if tmpl is None:
        parts.append(RichText(msg("parse.no_tables", lang), style="yellow"))
    else:
        parts += [_table2(report, lang), _table3(report, lang), _table4(report, lang)]
    return Panel(Group(*parts), title=report.path, title_align="left")


def _new_table(title: str) -> Table:
    return Table(title=title, title_justify="left", title_style="bold", pad_edge=False, show_edge=False)


def _table2(report: Report, lang: str) -> Table:
    tmpl = report.template
    assert tmpl is not None
    rows = tmpl.rows_of("t2")
    table = _new_table(msg("table.t2", lang))
    table.add_column(msg("table.row", lang), overflow="fold")
    width = max(len(r.columns) for r in rows)
    for _ in range(width):
        table.add_column("", justify="right", overflow="fold")
    header = None
    for row in rows:
        if row.header != header:
            header = row.header
            labels = [f"[dim]{c.label}[/dim]" for c in row.columns]
            table.add_row(f"[dim]{header}[/dim]", *labels, *([""] * (width - len(labels))))
        values = [_value(report, c.key) for c in row.columns]
        table.add_row(row.label, *values, *([""] * (width - len(values))))
    return table


def _table3(report: Report, lang: str) -> Table:
    tmpl = report.template
    assert tmpl is not None
    rows = tmpl.rows_of("t3")
    table = _new_table(msg("table.t3", lang))
    table.add_column(msg("table.row", lang), overflow="fold", min_width=12)
    for col in rows[0].columns:
        table.add_column(col.label, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(row.label, *(_value(report, c.key) for c in row.columns))
    return table


def _table4(report: Report, lang: str) -> Table:
    tmpl = report.template
    assert tmpl is not None
    (row,) = tmpl.rows_of("t4")
    table = _new_table(msg("table.t4", lang))
    table.add_column("")
    for col in row.columns[:5]:
        table.add_column(col.label, justify="right", no_wrap=True)
    for key, label in tmpl.t4_groups:
        table.add_row(label, *(_value(report, c.key) for c in row.columns if c.key.split(".")[1] == key))
    return table


def _value(report: Report, key: str) -> str:
    cell = report.cells.get(key)
    if cell is None:
        return "[red]?[/red]"
    if cell.value is None:
        return "[yellow]—[/yellow]"
    return fmt(cell.value)
