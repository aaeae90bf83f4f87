"""Linting fixtures the way the command line does, for the rule tests."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from nianbao import Source, parse
from nianbao.lint import Config, check
from nianbao.rules import Diagnostic


def lint(*paths: Path) -> list[Diagnostic]:
    reports = [parse(Source.from_path(str(p))) for p in paths]
    return check(reports, Config())


def line(d: Diagnostic) -> int:
    assert d.report is not None
    return d.report.position(d.span.start)[0]


def found(diags: list[Diagnostic], codes: set[str] | None = None, severities: set[str] | None = None) -> Counter:
    """(code, line) of each diagnostic, counted."""
    return Counter(
        (d.code, line(d))
        for d in diags
        if (codes is None or d.code in codes) and (severities is None or d.severity.value in severities)
    )
