"""Applying fixes to a report's text: non-overlapping edits, last first."""

from __future__ import annotations

from collections.abc import Iterable

from .rules import Diagnostic, Edit


def apply(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> tuple[str, list[Diagnostic]]:
    """The text with the fixes applied, and the diagnostics whose fix was applied.

    A fix whose edits overlap an earlier chosen fix is skipped (it will be
    offered again on the next run).
    """
    chosen: list[Edit] = []
    applied: list[Diagnostic] = []
    for d in diagnostics:
        if d.fix is None or (not d.fix.safe and not unsafe):
            continue
        if any(_overlap(e, c) for e in d.fix.edits for c in chosen):
            continue
        chosen.extend(d.fix.edits)
        applied.append(d)
    for e in sorted(chosen, key=lambda e: (e.span.start, e.span.end), reverse=True):
        text = text[: e.span.start] + e.new_text + text[e.span.end :]
    return text, applied


def _overlap(a: Edit, b: Edit) -> bool:
    return a.span.start < b.span.end and b.span.start < a.span.end or (a.span == b.span)
