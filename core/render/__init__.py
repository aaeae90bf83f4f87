"""Renderers of lint results: ``text`` (Rich, for people), ``concise``, ``json``, ``sarif``, ``github``, ``html``.

Every renderer takes a :class:`LintRun` and writes to a stream or a Rich
console. Positions are 1-based; columns count Unicode characters (code
points); an end position is *exclusive* (the character after the span), the
way LSP, SARIF and Ruff's JSON count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Span
from ..rules import Diagnostic, Message, Severity
from ..source import Text, locate

FORMATS = ("text", "concise", "json", "sarif", "github", "html")

# Codes of the entries about a whole file rather than a finding in it (docs/contract.md):
# they are in every output format, so that a file that was not checked is never taken for a clean one.
FILE_NOT_CHECKED = "E001"  # could not be read or was refused (missing, not a regular file, too large, binary…)
FILE_SKIPPED = "E002"  # found in a folder, no annual report (a README): not linted (info)
FIX_NOT_WRITTEN = "E003"  # its fixes could not be written back
RULE_FAILED = "E004"  # a rule crashed on it: the check is incomplete


def file_diagnostic(path: str, code: str, text: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    """An entry about a whole file (at line 1, column 1), in the shape of a finding."""
    return Diagnostic(code, severity, Span(0, 0), Message(text, text), path)


@dataclass(eq=False)  # compared by identity only: no __eq__ to generate (start-up)
class LintRun:
    """What a lint run found, with what the renderers need to show it."""

    diagnostics: list[Diagnostic]
    texts: Mapping[str, Text]  # decoded text of each linted file, by path
    lang: str = "zh"
    rules: Mapping[str, type] = field(default_factory=dict)  # installed rule classes by code
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line message) of failed files
    files: int = 0  # files linted
    fixed: int = 0  # fixes applied (with --fix)
    unsafe_available: int = 0  # diagnostics with an unsafe fix not applied
    file_diagnostics: list[Diagnostic] = field(default_factory=list)  # the E0xx entries (errors, skipped files)
    skipped: list[str] = field(default_factory=list)  # files found in a folder and skipped (no report)
    paths: list[str] = field(default_factory=list)  # every file of the run, in input order
    fixed_codes: dict[str, dict[str, int]] = field(default_factory=dict)  # --show-fixes: path → code → fixes
    in_baseline: int = 0  # findings left out because the baseline has them

    @property
    def not_checked(self) -> list[str]:
        """The files that could not be checked (fully), each once, in order."""
        return list(dict.fromkeys(p for p, _ in self.errors))

    def everything(self) -> list[Diagnostic]:
        """The findings and the entries about files, by file and place (what machine formats print)."""
        order = {p: i for i, p in enumerate(dict.fromkeys([*self.paths, *(d.path for d in self.diagnostics)]))}
        return sorted([*self.file_diagnostics, *self.diagnostics], key=lambda d: order.get(d.path, len(order)))

    def position(self, d: Diagnostic, span: Span | None = None) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of a diagnostic (or another span of its file)."""
        return span_position(self.texts.get(d.path), d.span if span is None else span)

    def location(self, d: Diagnostic, span: Span | None = None) -> dict[str, Any] | None:
        """Where a diagnostic stands in its document (HTML, Word, PDF); None for a text file."""
        return locate(self.texts.get(d.path), (d.span if span is None else span).start)


@dataclass(eq=False)  # compared by identity only: no __eq__ to generate (start-up)
class Tally:
    """What the closing summary needs of the diagnostics, counted as they stream by."""

    total: int = 0
    by_code: Counter = field(default_factory=Counter)
    severities: dict[str, set[Severity]] = field(default_factory=dict)  # per code
    by_severity: dict[Severity, int] = field(default_factory=lambda: dict.fromkeys(Severity, 0))
    safe_fixes: int = 0
    unsafe_fixes: int = 0
    failing: bool = False  # an error or a warning: lint exits 1
    fixable: set[str] = field(default_factory=set)  # codes with at least one safe fix (--statistics)

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        for d in diagnostics:
            self.total += 1
            self.by_code[d.code] += 1
            self.severities.setdefault(d.code, set()).add(d.severity)
            self.by_severity[d.severity] += 1
            if d.fix is not None:
                if d.fix.safe:
                    self.safe_fixes += 1
                    self.fixable.add(d.code)
                else:
                    self.unsafe_fixes += 1
            self.failing = self.failing or is_failure(d)

    def merge(self, other: Tally) -> None:
        """Add what ``other`` counted (a file's tally, made where it was linted)."""
        self.total += other.total
        self.by_code.update(other.by_code)
        for code, severities in other.severities.items():
            self.severities.setdefault(code, set()).update(severities)
        for severity, n in other.by_severity.items():
            self.by_severity[severity] = self.by_severity.get(severity, 0) + n
        self.safe_fixes += other.safe_fixes
        self.unsafe_fixes += other.unsafe_fixes
        self.failing = self.failing or other.failing
        self.fixable |= other.fixable

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Tally:
        tally = cls()
        tally.add(diagnostics)
        return tally


def span_position(text: Text | None, span: Span) -> tuple[int, int, int, int]:
    """Positions in the file: of the text, or of an HTML page's source (its text was read out of the markup)."""
    if text is None:
        return 1, 1, 1, 1
    doc = text.document
    if doc is not None and doc.source_starts:
        start = doc.source_position(span.start)
        end = doc.source_position(max(span.end, span.start))
        if start and end:
            return (*start, *end)
    line, column = text.position(span.start)
    end_line, end_column = text.position(max(span.end, span.start))
    return line, column, end_line, end_column


def severity_counts(diagnostics: list[Diagnostic]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for d in diagnostics:
        counts[d.severity] += 1
    return counts


def is_failure(d: Diagnostic) -> bool:
    """Whether a diagnostic makes ``lint`` exit 1 (errors and warnings do; info and hints do not)."""
    return d.severity in (Severity.ERROR, Severity.WARNING)


__all__ = [
    "FILE_NOT_CHECKED",
    "FILE_SKIPPED",
    "FIX_NOT_WRITTEN",
    "FORMATS",
    "RULE_FAILED",
    "LintRun",
    "Tally",
    "file_diagnostic",
    "is_failure",
    "severity_counts",
    "span_position",
]
