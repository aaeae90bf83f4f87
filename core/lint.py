"""Running the rules: selection, configuration, severities.

Both the command line and the language server call :func:`check`.
"""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import registry
from .model import Report
from .rules import Context, Diagnostic, Rule, Severity

log = logging.getLogger(__name__)


@dataclass
class Config:
    """Settings of a lint run (from ``[tool.nianbao]``, ``nianbao.toml``, options)."""

    select: list[str] = field(default_factory=lambda: ["S", "T", "A", "N", "X"])
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    lang: str = "zh"

    def enabled(self, code: str, path: str | None = None) -> bool:
        def hits(prefixes: Sequence[str]) -> int:
            return max((len(p) for p in prefixes if code.startswith(p)), default=-1)

        ignored = list(self.ignore)
        if path:
            for pattern, codes in self.per_file_ignores.items():
                if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.split("/")[-1], pattern):
                    ignored.extend(codes)
        # the more specific prefix wins: --select A --ignore A3 keeps A1xx
        return hits(self.select) > hits(ignored)


def active_rules(config: Config) -> list[Rule]:
    return [cls() for cls in registry.rules().values()]


def check(reports: Sequence[Report], config: Config | None = None) -> list[Diagnostic]:
    """All diagnostics of the enabled rules over the reports, sorted by place."""
    config = config or Config()
    ctx = Context(lang=config.lang)
    out: list[Diagnostic] = []
    for rule in active_rules(config):
        try:
            found = list(rule.check_all(reports, ctx))
        except Exception:  # a broken rule must not stop the others
            log.exception("rule %s failed", rule.code)
            continue
        for d in found:
            if not config.enabled(d.code, d.path):
                continue
            if d.code in config.severity:
                d.severity = config.severity[d.code]
            out.append(d)
    out.sort(key=lambda d: (d.path, d.span.start, d.code))
    return out
