"""``nianbao dialects``: the installed format dialects."""

from __future__ import annotations

import argparse

from rich.table import Table

from .. import registry
from ..i18n import msg
from ._inputs import stdout_console


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    return sub.add_parser("dialects", help="列出已安装的格式方言 (list installed dialects)")


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    table = Table(title=msg("dialects.title", lang))
    table.add_column(msg("dialects.name", lang), style="bold")
    table.add_column(msg("dialects.summary", lang))
    table.add_column(msg("dialects.source", lang), style="dim")
    for name, d in sorted(registry.dialects().items()):
        table.add_row(name, d.summary, type(d).__module__)
    stdout_console().print(table)
    return 0
