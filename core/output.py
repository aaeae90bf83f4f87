"""Machine-readable shapes of a report (the contract in ``docs/contract.md``)."""

from __future__ import annotations

from typing import Any

from .model import Report


def report_json(report: Report) -> dict[str, Any]:
    """The object ``nianbao parse --format json|jsonl`` prints for one file."""
    cells: dict[str, Any] = {}
    keys = report.template.keys if report.template else []
    for key in keys:
        cell = report.cells.get(key)
        if cell is None:
            continue
        line, column = report.position(cell.span.start)
        cells[key] = {"value": cell.value, "raw": cell.raw, "line": line, "column": column, "reading": cell.reading}
        where = report.location(cell.span.start)
        if where is not None:
            cells[key]["location"] = where
    return {
        "path": report.path,
        "title": report.title,
        "agency": report.agency,
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()}
        if report.period_start and report.period_end
        else None,
        "signed": report.signed.isoformat() if report.signed else None,
        "template": report.template.version if report.template else None,
        "year": report.year,
        "dialect": report.dialect,
        "document": report.document,
        "cells": cells,
        "sections": [
            {"number": s.number, "title": s.title, "line": report.position(s.heading.span.start)[0]}
            for s in report.sections
        ],
    }
