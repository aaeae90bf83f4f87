"""This year's report and the previous year's report of the same body, in one run."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from nianbao.model import Report
from nianbao.rules import ReportSummary

R = TypeVar("R", Report, ReportSummary)


def consecutive(reports: Sequence[R]) -> Iterator[tuple[R, R]]:
    """(this year's, last year's) for every pair of reports of one body (same title but the year) one year apart."""
    by_body: dict[tuple[str, int], R] = {}
    for r in reports:
        if r.agency_key is None or r.year is None:
            continue
        by_body.setdefault((r.agency_key, r.year), r)
    for (body, year), r in by_body.items():
        prev = by_body.get((body, year - 1))
        if prev is not None:
            yield r, prev
