"""The rule API: what a check is, what it reports, how a fix is described.

A rule is a small class, one per file, named by its code (``A301.py``)::

    class A301(Rule):
        \"\"\"一 + 二 = (七)总计 + 四 …  (docstring in the fixed shape, see docs/rules.md)\"\"\"
        code = "A301"
        name = "application-balance-broken"
        severity = Severity.ERROR

        def check(self, report, ctx):
            yield self.diagnostic(report, span, Message("…", "…"))

Rules are collected per family in a bundle module whose ``nianbao_rules``
hook returns the classes; bundles register through the ``nianbao`` entry
point group like any third-party plugin. A rule that compares reports (this
year's with last year's, a whole region's) implements :meth:`Rule.check_all`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from .model import Report, Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    HINT = "hint"


@dataclass(frozen=True)
class Message:
    """A message in both languages the tool speaks."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Edit:
    """Replace the characters of ``span`` (offsets into the report text) with ``new_text``."""

    span: Span
    new_text: str


@dataclass(frozen=True)
class Fix:
    """A change that repairs a diagnostic. ``safe`` fixes can be applied without review."""

    edits: tuple[Edit, ...]
    message: Message
    safe: bool = True


@dataclass(frozen=True)
class Related:
    """Another place that takes part in a diagnostic (e.g. the cells of a broken sum)."""

    span: Span
    message: Message
    key: str | None = None


@dataclass
class Diagnostic:
    code: str
    severity: Severity
    span: Span
    message: Message
    path: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    keys: tuple[str, ...] = ()  # canonical cell keys concerned
    report: Report | None = field(default=None, repr=False, compare=False)

    @property
    def family(self) -> str:
        return self.code[0]


@dataclass
class Context:
    """What a rule may consult besides the report: language, options, the other reports."""

    lang: str = "zh"
    options: dict[str, object] = field(default_factory=dict)


class Rule:
    """Base class of every check. Subclasses set the class attributes and implement one method."""

    code: ClassVar[str]
    name: ClassVar[str]  # names the bad pattern, kebab-case: "blank-cell"
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[bool] = False

    def check(self, report: Report, ctx: Context) -> Iterable[Diagnostic]:
        """Diagnostics of one report."""
        return ()

    def check_all(self, reports: Sequence[Report], ctx: Context) -> Iterable[Diagnostic]:
        """Diagnostics that need several reports (default: each report on its own)."""
        for report in reports:
            yield from self.check(report, ctx)

    def diagnostic(
        self,
        report: Report,
        span: Span,
        message: Message,
        *,
        fix: Fix | None = None,
        related: Sequence[Related] = (),
        keys: Sequence[str] = (),
        severity: Severity | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            self.code, severity or self.severity, span, message, report.path, fix, tuple(related), tuple(keys), report
        )
