"""``nianbao rules``: every installed rule, from every plugin."""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from dataclasses import dataclass

from rich.cells import cell_len
from rich.table import Table

from .. import registry
from ..i18n import msg
from ..lint import is_collection_rule
from ..rules import Severity
from ._inputs import stdout_console


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("rules", help="列出所有已安装的检查规则 (list every installed rule)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 (output format)")
    return p


@dataclass
class RuleInfo:
    cls: type
    plugin: str  # the plugin's registered name (its entry point's name)
    module: str  # the module (or object) that registered it

    @property
    def code(self) -> str:
        return self.cls.code

    @property
    def severity(self) -> Severity:
        return Severity(getattr(self.cls, "severity", Severity.WARNING))

    @property
    def fixable(self) -> bool:
        return bool(getattr(self.cls, "fixable", False))

    @property
    def collection(self) -> bool:
        return is_collection_rule(self.cls)


def installed() -> list[RuleInfo]:
    """The rules :func:`nianbao.registry.rules` uses, each with the plugin that provides it.

    The registry has already called every plugin's hook once, left out those that fail and
    recorded who provides each code: nothing is called again here.
    """
    pm = registry.manager()
    out = []
    for code, cls in registry.rules().items():
        plugin = registry.rule_plugin(code) or "?"
        obj = pm.get_plugin(plugin)
        module = cls.__module__ if obj is None else obj.__name__ if inspect.ismodule(obj) else type(obj).__module__
        out.append(RuleInfo(cls, plugin, module))
    return out


def summary(cls: type) -> str:
    """The rule's one-line summary (from its docstring)."""
    try:
        from ..plugins.rules import parse_doc  # type: ignore[import-not-found]

        text = parse_doc(cls).get("summary", "")
        if text:
            return str(text)
    except Exception:  # parse_doc not there yet, or an odd docstring
        pass
    doc = inspect.getdoc(cls) or ""
    return doc.strip().splitlines()[0].strip() if doc.strip() else ""


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    rules = installed()
    if args.format == "json":
        doc = [
            {
                "code": r.code,
                "name": getattr(r.cls, "name", ""),
                "severity": r.severity.value,
                "fixable": r.fixable,
                "scope": "collection" if r.collection else "report",
                "plugin": r.plugin,
                "module": r.module,
                "summary": summary(r.cls),
            }
            for r in rules
        ]
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
        return 0
    console = stdout_console(highlight=False)
    if not rules:
        console.print(msg("rules.none", lang))
        return 0
    from ..render.text import STYLE, severity_word

    table = Table(title=msg("rules.title", lang), title_justify="left")

    def fixed(key: str, **kw) -> None:  # columns that must not be squeezed
        title = msg(key, lang)
        table.add_column(title, no_wrap=True, min_width=max(cell_len(title), kw.pop("min_width", 0)), **kw)

    # the summary (说明) is what a reader looks for: it is always shown, and takes the room left;
    # the plugin's module, the scope and the name give way first when the terminal is narrow
    width = console.width
    with_name, with_module = width >= 100, width >= 140
    with_scope = with_name
    fixed("rules.code", style="bold", min_width=4)
    if with_name:
        table.add_column(msg("rules.name", lang), overflow="fold")
    fixed("rules.severity", min_width=4)
    fixed("rules.fixable", justify="center")
    if with_scope:
        fixed("rules.scope", min_width=4)
    if with_module:
        table.add_column(msg("rules.plugin", lang), style="dim", overflow="fold")
    table.add_column(msg("rules.summary", lang), ratio=1, overflow="fold")
    for r in rules:
        table.add_row(
            r.code,
            *([getattr(r.cls, "name", "")] if with_name else []),
            f"[{STYLE[r.severity]}]{severity_word(r.severity, lang)}[/]",
            "✓" if r.fixable else "",
            *([msg("rules.scope_collection" if r.collection else "rules.scope_document", lang)] if with_scope else []),
            *([r.module] if with_module else []),
            summary(r.cls),
        )
    console.print(table)
    return 0
