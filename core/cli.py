"""The ``nianbao`` command line. Each command lives in ``nianbao.commands``.

Only the command named on the command line is imported and registered in
full; the others appear in ``--help`` by their one-line help, so that
``nianbao --version`` imports nothing of the engine (nor argparse: it prints
without a parser).
"""

from __future__ import annotations

import os
import sys

from . import __version__, gcpause
from .commands import COMMANDS, load
from .i18n import LANGS, default_lang

TYPE_CHECKING = False  # (typing itself is not imported at start-up)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import NoReturn

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C

# argparse's own words (it asks gettext for them), in Chinese unless --lang en / NIANBAO_LANG=en
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助信息并退出",
    "show program's version number and exit": "显示版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "至多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可以是 %(matches)s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "unexpected option string: %s": "意外的选项：%s",
}


def _argparse_lang(argv: Sequence[str]) -> str:
    """The language of argparse's messages: ``--lang`` on the command line (it is not parsed yet), else the default."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in LANGS else default_lang()
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in LANGS else default_lang()
    return default_lang()


def _translate_argparse(lang: str) -> None:
    import argparse

    if lang == "en":
        argparse._ = lambda text: text  # type: ignore[attr-defined]
        argparse.ngettext = lambda one, many, n: one if n == 1 else many  # type: ignore[attr-defined]
        return
    argparse._ = lambda text: ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: ARGPARSE_ZH.get(one if n == 1 else many, one if n == 1 else many)  # type: ignore[attr-defined]


def _columns() -> int:
    """The terminal's width, as ``shutil.get_terminal_size`` finds it (``COLUMNS``, the terminal, else 80)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


_PARSER: type[argparse.ArgumentParser] | None = None


def _parser_class() -> type[argparse.ArgumentParser]:
    """nianbao's ``ArgumentParser``, made on first use: argparse (and gettext, re) only when a parser is built."""
    global _PARSER
    if _PARSER is None:
        import argparse

        class _Parser(argparse.ArgumentParser):
            def error(self, message: str) -> NoReturn:  # bad options: exit 2 with one clear line
                self.print_usage(sys.stderr)
                print(f"nianbao: {message}", file=sys.stderr)
                raise SystemExit(EXIT_ERROR)

            def _get_formatter(self) -> argparse.HelpFormatter:
                # with its width given, argparse does not import shutil (and bz2, lzma, fnmatch) to find it: on
                # every start-up, since every add_argument makes a formatter
                return self.formatter_class(prog=self.prog, width=_columns() - 2)

        _PARSER = _Parser
    return _PARSER


# the patterns (and flags) argparse compiles with re: its parsers, help formatters (\s+ with re.ASCII, 256), and its
# matching of a command line of options and files; 1 M instructions of every start-up, from nianbao's regex cache
_ARGPARSE_PATTERNS = (
    (r"^-\d+$|^-\d*\.\d+$", 0),
    (r"\s+", 256),
    (r"\n\n\n+", 0),
    ("(-*A[-AO]*)", 0),
    ("(A)", 0),
    ("(-*A[A-]*)", 0),
)


# the patterns modules compile with re when they are imported, before nianbao's own (Python 3.11; on another version a
# pattern left unused costs nothing): gettext's plural forms (argparse imports gettext), dataclasses, tokenize,
# rapidfuzz's utils_py, json's scanner, decoder and encoder; ~5 M instructions of a one-file lint, from nianbao's
# regex cache
_IMPORTED_PATTERNS = (
    (
        r"""
        (?P<WHITESPACES>[ \t]+)                    | # spaces and horizontal tabs
        (?P<NUMBER>[0-9]+\b)                       | # decimal integer
        (?P<NAME>n\b)                              | # only n is allowed
        (?P<PARENTHESIS>[()])                      |
        (?P<OPERATOR>[-*/%+?:]|[><!]=?|==|&&|\|\|) | # !, *, /, %, +, -, <, >,
                                                     # <=, >=, ==, !=, &&, ||,
                                                     # ? :
                                                     # unary and bitwise ops
                                                     # not allowed
        (?P<INVALID>\w+|.)                           # invalid token
    """,
        80,  # re.VERBOSE | re.DOTALL
    ),
    (r"^(?:\s*(\w+)\s*\.)?\s*(\w+)", 0),
    (r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", 256),  # tokenize (inspect imports it): re.ASCII
    (rb"^[ \t\f]*(?:[#\r\n]|$)", 256),
    (r"(?ui)\W", 0),
    (r"(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?", 88),  # re.VERBOSE | re.MULTILINE | re.DOTALL
    (r'(.*?)(["\\\x00-\x1f])', 88),
    (r"[ \t\n\r]*", 88),
    (r'[\x00-\x1f\\"\b\f\n\r\t]', 0),
    (r'([\\"]|[^\ -~])', 0),
    (b"[\x80-\xff]", 0),
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with ``command`` (every command when None) registered in full, the others by name."""
    from . import regex_cache

    regex_cache.prime(_ARGPARSE_PATTERNS)
    parser_class = _parser_class()
    parser = parser_class(
        prog="nianbao", description="政府信息公开工作年度报告解析与检查工具 (parser and linter for annual reports)"
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    for name, summary in COMMANDS.items():
        if command is not None and name != command:
            sub.add_parser(name, help=summary)
            continue
        module = load(name)
        p = module.register(sub)
        p.add_argument("--lang", choices=LANGS, default=default_lang(), help="消息语言 (message language): zh | en")
        p.set_defaults(run=module.run)
    return parser


def _named(argv: Sequence[str]) -> str | None:
    """The command: the first word that is not an option (the top level has only --version and --help)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # what argparse would print, without building the parser
        print(f"nianbao {__version__}")
        return EXIT_OK
    _translate_argparse(_argparse_lang(argv))
    named = _named(argv)
    parser = build_parser(named if named in COMMANDS else "")
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # ``nianbao rules | head``: the reader had enough (lint and parse keep their status)
        from .commands._inputs import stdout_gone

        stdout_gone()
        return EXIT_OK


def entry() -> NoReturn:
    """The console script ``nianbao`` (and ``python -m nianbao``): :func:`main`, started and ended fast.

    The garbage collector is paused for the start-up (:mod:`nianbao.gcpause`), and the methods that
    ``dataclasses`` and named tuples generate are compiled through the user's cache
    (:mod:`nianbao.code_cache`) when a command is run.
    At the end the output is flushed and the process leaves with ``os._exit``,
    skipping the interpreter's tear-down of some 250 modules (5 % of a
    one-file ``lint``), when that tear-down has nothing left to do: the
    command ended normally (after Ctrl-C the interpreter flushes and closes
    whatever was left open), no other thread runs, and no exit handler is
    registered (a worker pool, logging — the language server —, a temporary
    folder register one). Otherwise it exits as any program does.
    """
    gcpause.pause()
    command = _named(sys.argv[1:])
    if command in COMMANDS:  # (--version and --help define no classes)
        from . import code_cache, regex_cache

        regex_cache.prime(_IMPORTED_PATTERNS)  # (before argparse, dataclasses, rapidfuzz and json are imported)
        code_cache.install(command)
    try:
        code = main()
    except SystemExit as stop:  # argparse: --help, a bad option
        code = stop.code
    if code is None:
        code = EXIT_OK
    for name in ("nianbao.regex_cache", "nianbao.code_cache"):  # (not imported to ask: --version has none)
        cache = sys.modules.get(name)
        if cache is not None:
            cache.save()
    if isinstance(code, int) and code != EXIT_INTERRUPTED and _nothing_to_tear_down() and _flushed():
        os._exit(code)
    raise SystemExit(code)


def _nothing_to_tear_down() -> bool:
    import atexit

    count = getattr(atexit, "_ncallbacks", None)
    if count is None or count():
        return False
    threading = sys.modules.get("threading")  # (not imported to ask)
    return threading is None or (threading.active_count() == 1 and not getattr(threading, "_threading_atexits", ()))


def _flushed() -> bool:
    """Standard output and error flushed; False if one cannot be (the interpreter's exit then says so, as ever)."""
    for stream in dict.fromkeys((sys.stdout, sys.__stdout__, sys.stderr, sys.__stderr__)):
        if stream is None:
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # ``nianbao … | head``: the reader had enough, the status stands
            from .commands._inputs import stdout_gone

            if stream not in (sys.stdout, sys.__stdout__):
                return False
            stdout_gone()
            try:
                stream.flush()
            except (OSError, ValueError):
                return False
        except (OSError, ValueError):  # a full disk, a closed stream
            return False
    return True
