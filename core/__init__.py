"""nianbao: read and check 政府信息公开工作年度报告 (government information-disclosure annual reports).

>>> import nianbao
>>> report = nianbao.read("report.txt")
>>> report.cells["t3.new.total"].value
>>> nianbao.check(report)          # the findings
>>> nianbao.records(report)        # rows, one column per canonical key

The names of :data:`__all__` are stable (docs/api.md). They are imported when
first used, so that ``import nianbao`` (and the command line's start-up) loads
nothing it does not need.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up)

__version__ = "0.1.0"

# name -> the module that defines it
_WHERE = {
    "Cell": "model",
    "DialectError": "engine",
    "Finding": "api",
    "Problem": "model",
    "Report": "model",
    "Severity": "rules",
    "Source": "source",
    "SourceError": "source",
    "Span": "model",
    "check": "api",
    "dataframe": "api",
    "export": "api",
    "parse": "engine",
    "read": "api",
    "read_all": "api",
    "read_text": "api",
    "records": "api",
}
__all__ = [
    "Cell",
    "DialectError",
    "Finding",
    "Problem",
    "Report",
    "Severity",
    "Source",
    "SourceError",
    "Span",
    "check",
    "dataframe",
    "export",
    "parse",
    "read",
    "read_all",
    "read_text",
    "records",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'nianbao' has no attribute {name!r}")
    value = getattr(import_module(f".{where}", __name__), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # what type checkers and editors see
    from typing import Any

    from .api import Finding, check, dataframe, export, read, read_all, read_text, records
    from .engine import DialectError, parse
    from .model import Cell, Problem, Report, Span
    from .rules import Severity
    from .source import Source, SourceError
