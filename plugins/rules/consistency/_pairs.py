"""This year's report and the previous year's report of the same body, in one run."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from nianbao.model import Report

from .._common import title_line

_YEARS = re.compile(r"(?:19|20)\d{2}\s*年?度?|[二〇○零一三四五六七八九]{4}\s*年度?")
_KEEP = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")


def body_of(report: Report) -> str | None:
    """The body a report is from: its title minus the year (and minus the report's own name)."""
    found = title_line(report)
    if found is None:
        return None
    title = unicodedata.normalize("NFKC", found[0])
    title = _YEARS.sub("", title)
    title = _KEEP.sub("", title)
    head, sep, _tail = title.partition("政府信息公开")
    body = head if sep and head else title
    return body or None


def consecutive(reports: Sequence[Report]) -> Iterator[tuple[Report, Report]]:
    """(this year's, last year's) for every pair of reports of one body one year apart."""
    by_body: dict[tuple[str, int], Report] = {}
    for r in reports:
        body = body_of(r)
        if body is None or r.year is None:
            continue
        by_body.setdefault((body, r.year), r)
    for (body, year), r in by_body.items():
        prev = by_body.get((body, year - 1))
        if prev is not None:
            yield r, prev
