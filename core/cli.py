"""The ``nianbao`` command line. Each command lives in ``nianbao.commands``.

Only the command named on the command line is imported and registered in
full; the others appear in ``--help`` by their one-line help, so that
``nianbao --version`` imports nothing of the engine.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import COMMANDS, load
from .i18n import LANGS, default_lang

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # bad options: exit 2 with one clear line
        self.print_usage(sys.stderr)
        print(f"nianbao: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with ``command`` (every command when None) registered in full, the others by name."""
    parser = _Parser(
        prog="nianbao", description="政府信息公开工作年度报告解析与检查工具 (parser and linter for annual reports)"
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, summary in COMMANDS.items():
        if command is not None and name != command:
            sub.add_parser(name, help=summary)
            continue
        module = load(name)
        p = module.register(sub)
        p.add_argument("--lang", choices=LANGS, default=default_lang(), help="消息语言 (message language): zh | en")
        p.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # the command is the first word that is not an option (the top level has only --version and --help)
    named = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(named if named in COMMANDS else "")
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # ``nianbao rules | head``: the reader had enough (lint keeps its own status)
        from .commands._inputs import stdout_gone

        stdout_gone()
        return EXIT_OK
