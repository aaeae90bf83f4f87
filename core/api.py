"""The Python API for notebooks and scripts (documented in docs/api.md).

>>> import nianbao
>>> report = nianbao.read("report.txt")
>>> report.to_dict()["t3.new.total"]
>>> for finding in nianbao.check(report):
...     print(finding)
>>> nianbao.dataframe(nianbao.read_all("reports/"))   # with pandas installed
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Report
from .rules import Diagnostic
from .source import Source, SourceError

PathLike = str | os.PathLike[str]


def read(path: PathLike, *, dialect: str | None = None) -> Report:
    """Read one report file (text, Markdown; any encoding). Raises :class:`SourceError` if it cannot be read."""
    from .engine import parse

    return parse(Source.from_path(os.fspath(path)), dialect)


def read_text(text: str, name: str = "<text>", *, dialect: str | None = None) -> Report:
    """Read a report given as a string (``name`` is the path it is shown under)."""
    from .engine import parse

    return parse(Source(name, b"\xef\xbb\xbf" + text.encode("utf-8")), dialect)


def read_all(
    paths: PathLike | Iterable[PathLike], *, dialect: str | None = None, errors: str = "raise"
) -> Iterator[Report]:
    """Read many reports, one at a time: files, and folders searched for ``*.txt`` / ``*.md`` files.

    A generator, so that a large folder never sits in memory at once (wrap it in ``list()`` to keep
    them). ``errors="skip"`` skips an unreadable file with a warning instead of raising.
    """
    from .commands._inputs import expand

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in expand([os.fspath(p) for p in paths]):
        try:
            yield read(path, dialect=dialect)
        except SourceError as err:
            if errors != "skip":
                raise
            warnings.warn(f"{err.name}: {err.reason} {err.detail}".strip(), stacklevel=2)


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a report, with its place as people count (1-based lines and columns)."""

    path: str
    code: str
    severity: str  # "error" | "warning" | "info" | "hint"
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive
    message: str
    keys: tuple[str, ...]  # the canonical cells concerned
    fixable: bool
    diagnostic: Diagnostic  # everything else: spans, related places, the fix

    @property
    def family(self) -> str:
        return self.code[0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def __repr__(self) -> str:
        return f"<Finding {self.code} {self.severity} {self.path}:{self.line}:{self.column}>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "severity": self.severity,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "keys": list(self.keys),
            "fixable": self.fixable,
        }


def check(
    reports: Report | Iterable[Report],
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    lang: str = "zh",
) -> list[Finding]:
    """Run the rules (all families, or ``select`` / ``ignore`` codes and prefixes) over the reports.

    Rules that compare reports (this year's 上年结转 with last year's 结转下年度) see all the
    reports given together.
    """
    from .lint import Config, parse_selectors
    from .lint import check as run_rules

    reports = [reports] if isinstance(reports, Report) else list(reports)
    config = Config(lang=lang)
    if select is not None:
        config.select = parse_selectors(select)
    config.ignore = parse_selectors(ignore)
    by_path = {r.path: r for r in reports}
    return [finding(d, by_path.get(d.path) or d.report, lang) for d in run_rules(reports, config)]


def finding(d: Diagnostic, report: Report | None, lang: str = "zh") -> Finding:
    """A :class:`Finding` of a diagnostic (``report`` gives the positions)."""
    if report is not None:
        line, column = report.position(d.span.start)
        end_line, end_column = report.position(max(d.span.end, d.span.start))
    else:
        line = column = end_line = end_column = 0
    return Finding(
        d.path,
        d.code,
        d.severity.value,
        line,
        column,
        end_line,
        end_column,
        d.message.get(lang),
        d.keys,
        d.fix is not None,
        d,
    )


def records(reports: Report | Iterable[Report], *, long: bool = False) -> list[dict[str, Any]]:
    """The reports as rows: one per report with a column per canonical key (``long``: one per cell).

    The same rows as ``nianbao export`` writes (without the counts of findings: see :func:`check`).
    """
    from .tables import long_rows, wide_row

    reports = [reports] if isinstance(reports, Report) else reports
    if long:
        return [row for r in reports for row in long_rows(r)]
    return [wide_row(r) for r in reports]


def dataframe(reports: Report | Iterable[Report], *, long: bool = False) -> Any:
    """:func:`records` as a pandas DataFrame; pandas is not a dependency, only needed for this."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("nianbao.dataframe needs pandas: pip install pandas (or use nianbao.records)") from None
    from .tables import LONG_COLUMNS, wide_columns

    columns = [c.name for c in (LONG_COLUMNS if long else wide_columns()) if long or c.name not in _COUNT_COLUMNS]
    return pd.DataFrame.from_records(records(reports, long=long), columns=columns)


_COUNT_COLUMNS = frozenset(["errors", "warnings", *(f"{k}_{f}" for f in "STANX" for k in ("errors", "warnings"))])


def export(paths: PathLike | Iterable[PathLike], output: PathLike, *, long: bool = False, lint: bool = True) -> int:
    """``nianbao export``: write the reports under ``paths`` to ``output`` (.csv .xlsx .parquet .jsonl).

    Returns how many reports were written; raises :class:`SourceError` on the first unreadable file.
    """
    from .commands._inputs import expand
    from .commands.export import _Job, export_one
    from .tables import writer_for

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    writer = writer_for(os.fspath(output), long)
    job = _Job(long, lint, None, "zh")
    written = 0
    named = [os.fspath(p) for p in paths]
    try:
        for path in expand(named):
            done = export_one((path, path not in named), job)
            if done.skipped:
                continue
            if done.error:
                raise SourceError(path, "unreadable", done.error)
            for row in done.cells if long else [done.wide]:
                writer.write(row)  # type: ignore[arg-type]
            for row in done.findings:
                writer.finding(row)
            written += 1
    finally:
        writer.close()
    return written


__all__ = ["Finding", "check", "dataframe", "export", "read", "read_all", "read_text", "records"]
