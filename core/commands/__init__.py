"""The subcommands of ``nianbao``: each module has ``register(subparsers)`` and ``run(args)``.

To add a command, write a module with those two functions and add it to
:data:`COMMANDS` with its one-line help (the order is the order of
``nianbao --help``). Only the command being run is imported, so each one
starts as fast as what it uses allows.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

COMMANDS = {
    "parse": "解析年报并输出各单元格数值 (read reports into canonical cells)",
    "lint": "检查年报并报告问题 (check reports against the rules)",
    "export": "把各报告的数值导出为表格 (export every number as a table: .csv .xlsx .parquet .jsonl)",
    "rules": "列出所有已安装的检查规则 (list every installed rule)",
    "explain": "解释一条规则 (explain a rule)",
    "dialects": "列出已安装的格式方言 (list installed dialects)",
    "lsp": "启动语言服务器，供编辑器边写边查 (start the language server: LSP over stdio)",
    "completion": "输出命令行补全脚本 (print a shell completion script: bash, zsh)",
}


def load(name: str) -> ModuleType:
    """The module of command ``name``."""
    return import_module(f".{name}", __name__)
