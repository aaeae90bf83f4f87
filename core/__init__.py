"""nianbao: read and check 政府信息公开工作年度报告 (government information-disclosure annual reports).

>>> from nianbao import parse, Source
>>> report = parse(Source.from_path("report.txt"))
>>> report.cells["t3.new.total"].value
"""

from .engine import DialectError, parse
from .model import Cell, Problem, Report, Span
from .source import Source, SourceError

__version__ = "0.1.0"
__all__ = ["Cell", "DialectError", "Problem", "Report", "Source", "SourceError", "Span", "parse"]
