"""Reports as rows of a table, and the writers of ``nianbao export``.

- **wide**: one row per report — path, title, agency, year, format version,
  dialect, the counts of errors and warnings per rule family, then one column
  per canonical key of *both* format versions (blank where the report's version
  lacks the key). The keys and their captions come from the format's data
  (``formats/*.toml`` through :mod:`nianbao.template`).
- **long**: one row per cell read — path, key, value, the text as written,
  line and column, how it was read.
- **findings**: one row per diagnostic.

Writers take rows one at a time and hold none of them (Parquet: one small batch),
so an export of any number of reports runs in bounded memory.
"""

from __future__ import annotations

import csv
import dataclasses
import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

from .model import Cell, Report
from .rules import Diagnostic, Severity
from .template import VERSIONS, template

FAMILIES = ("S", "T", "A", "N", "X")
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


@dataclass(frozen=True)
class Column:
    name: str
    caption: str  # Chinese, for people (the second header row of the XLSX)
    kind: str  # "str" | "int" | "float" (the Parquet type; a key's value is float: counts and amounts alike)


_REPORT_COLUMNS = (
    Column("path", "文件", "str"),
    Column("title", "标题", "str"),
    Column("agency", "发布机构", "str"),
    Column("year", "年度", "int"),
    Column("template", "格式版本", "str"),
    Column("dialect", "版式", "str"),
    Column("period_start", "统计期限起", "str"),
    Column("period_end", "统计期限止", "str"),
    Column("signed", "成文日期", "str"),
    Column("errors", "错误", "int"),
    Column("warnings", "警告", "int"),
)
_FAMILY_NAMES = {"S": "结构", "T": "表格", "A": "勾稽", "N": "文字", "X": "一致性"}
_CELL_HAS_CONFIDENCE = any(f.name == "confidence" for f in dataclasses.fields(Cell))


@cache
def keys() -> tuple[str, ...]:
    """Every canonical key of every format version, in the format's order (the versions merged)."""
    merged: list[str] = list(template(VERSIONS[0]).keys)
    for version in VERSIONS[1:]:
        other = template(version).keys
        out: list[str] = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, merged, other, autojunk=False).get_opcodes():
            out += merged[i1:i2]
            if op != "equal":
                out += [k for k in other[j1:j2] if k not in merged]
        merged = out
    return tuple(merged)


def caption(key: str) -> str:
    """``表三 · 自然人 · 一、本年新收政府信息公开申请数量``: table, then what the row and column say.

    The latest version's wording when both versions have the key.
    """
    for version in reversed(VERSIONS):
        found = template(version).cell(key)
        if found is None:
            continue
        row, col = found
        tmpl = template(version)
        if row.table == "t4":
            group = key.split(".")[1]
            label = dict(tmpl.t4_groups)[group]
            where = label if group == "review" else f"行政诉讼（{label}）"
            return f"表四 · {where} · {col.label}"
        label = f"{row.group} {row.label}" if row.group and row.group not in row.label else row.label
        if row.table == "t3":
            return f"表三 · {col.label} · {label}"
        return f"表二 · {row.label} · {col.label}"
    return key


@cache
def wide_columns() -> tuple[Column, ...]:
    counts = [
        Column(f"{kind}_{f}", f"{_FAMILY_NAMES[f]}{'错误' if kind == 'errors' else '警告'}", "int")
        for f in FAMILIES
        for kind in ("errors", "warnings")
    ]
    return (*_REPORT_COLUMNS, *counts, *(Column(k, caption(k), "float") for k in keys()))


LONG_COLUMNS = (
    Column("path", "文件", "str"),
    Column("template", "格式版本", "str"),
    Column("key", "单元格", "str"),
    Column("caption", "含义", "str"),
    Column("value", "数值", "float"),
    Column("raw", "原文", "str"),
    Column("line", "行", "int"),
    Column("column", "列", "int"),
    Column("location", "文档位置", "str"),
    Column("reading", "读取方式", "str"),
    *((Column("confidence", "置信度", "float"),) if _CELL_HAS_CONFIDENCE else ()),
)

FINDING_COLUMNS = (
    Column("path", "文件", "str"),
    Column("code", "规则", "str"),
    Column("severity", "级别", "str"),
    Column("line", "行", "int"),
    Column("column", "列", "int"),
    Column("end_line", "止行", "int"),
    Column("end_column", "止列", "int"),
    Column("message", "说明", "str"),
    Column("keys", "单元格", "str"),
)


def wide_row(report: Report, diagnostics: Sequence[Diagnostic] | None = None) -> dict[str, Any]:
    """One report as a row of the wide table (the counts are blank when it was not linted)."""
    row: dict[str, Any] = {
        "path": report.path,
        "title": report.title,
        "agency": report.agency,
        "year": report.year,
        "template": report.template.version if report.template else None,
        "dialect": report.dialect,
        "period_start": report.period_start.isoformat() if report.period_start else None,
        "period_end": report.period_end.isoformat() if report.period_end else None,
        "signed": report.signed.isoformat() if report.signed else None,
    }
    if diagnostics is not None:
        failing = [d for d in diagnostics if d.severity in (Severity.ERROR, Severity.WARNING)]
        row["errors"] = sum(d.severity is Severity.ERROR for d in failing)
        row["warnings"] = sum(d.severity is Severity.WARNING for d in failing)
        for f in FAMILIES:
            row[f"errors_{f}"] = sum(d.severity is Severity.ERROR and d.code.startswith(f) for d in failing)
            row[f"warnings_{f}"] = sum(d.severity is Severity.WARNING and d.code.startswith(f) for d in failing)
    row.update(dict.fromkeys(keys()))  # every key of both versions: blank where this report has none
    for key, cell in report.cells.items():
        row[key] = cell.value
    return row


def long_rows(report: Report) -> Iterable[dict[str, Any]]:
    """The cells of a report, one row each, in the format's order."""
    version = report.template.version if report.template else None
    order = report.template.keys if report.template else list(report.cells)
    for key in order:
        cell = report.cells.get(key)
        if cell is None:
            continue
        line, column = report.position(cell.span.start)
        row = {
            "path": report.path,
            "template": version,
            "key": key,
            "caption": caption(key),
            "value": cell.value,
            "raw": cell.raw,
            "line": line,
            "column": column,
            "location": _location(report, cell.span.start),
            "reading": getattr(cell, "reading", None),
        }
        if _CELL_HAS_CONFIDENCE:
            row["confidence"] = getattr(cell, "confidence", None)
        yield row


def _location(report: Report, offset: int) -> str | None:
    """Where a cell is in the document it was read from (PDF page and box, Word table cell …), as JSON."""
    where = report.location(offset) if hasattr(report, "location") else None
    return json.dumps(where, ensure_ascii=False, sort_keys=True) if where else None


def finding_row(d: Diagnostic, report: Report, lang: str = "zh") -> dict[str, Any]:
    line, column = report.position(d.span.start)
    end_line, end_column = report.position(max(d.span.end, d.span.start))
    return {
        "path": d.path,
        "code": d.code,
        "severity": d.severity.value,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "message": d.message.get(lang),
        "keys": " ".join(d.keys),
    }


# --------------------------------------------------------------------------- writers

SUFFIXES = (".csv", ".xlsx", ".parquet", ".jsonl")


class MissingExtra(Exception):
    """Writing this kind of file needs an optional package that is not installed."""

    def __init__(self, suffix: str, package: str, extra: str) -> None:
        super().__init__(f"{suffix} needs {package}")
        self.suffix, self.package, self.extra = suffix, package, extra


class Writer:
    """Rows in, a file out. ``write`` a row at a time, ``finding`` for the findings (where kept), ``close``."""

    def __init__(self, path: str, columns: Sequence[Column]) -> None:
        self.path = path
        self.columns = tuple(columns)

    def write(self, row: dict[str, Any]) -> None:
        raise NotImplementedError

    def finding(self, row: dict[str, Any]) -> None:
        """Findings go only where a second table fits (the XLSX's second sheet)."""

    def close(self) -> None:
        raise NotImplementedError


class CsvWriter(Writer):
    """UTF-8 with a BOM, so that Excel on Windows reads the Chinese right; one header row (the names)."""

    def __init__(self, path: str, columns: Sequence[Column]) -> None:
        super().__init__(path, columns)
        self.file: IO[str] = open(path, "w", encoding="utf-8-sig", newline="")
        self.csv = csv.writer(self.file)
        self.csv.writerow([c.name for c in self.columns])

    def write(self, row: dict[str, Any]) -> None:
        self.csv.writerow([_csv_value(row.get(c.name)) for c in self.columns])

    def close(self) -> None:
        self.file.close()


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class JsonlWriter(Writer):
    def __init__(self, path: str, columns: Sequence[Column]) -> None:
        super().__init__(path, columns)
        self.file: IO[str] = open(path, "w", encoding="utf-8", newline="\n")

    def write(self, row: dict[str, Any]) -> None:
        self.file.write(json.dumps({c.name: row.get(c.name) for c in self.columns}, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.file.close()


class XlsxWriter(Writer):
    """openpyxl in write-only mode (rows stream to disk): a frozen header of names and Chinese captions,
    and a second sheet of findings."""

    def __init__(self, path: str, columns: Sequence[Column]) -> None:
        super().__init__(path, columns)
        try:
            from openpyxl import Workbook
            from openpyxl.styles import Font
        except ImportError:
            raise MissingExtra(".xlsx", "openpyxl", "xlsx") from None
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("reports")
        self.findings = self.book.create_sheet("findings")
        bold = Font(bold=True)
        for sheet, cols in ((self.sheet, self.columns), (self.findings, FINDING_COLUMNS)):
            sheet.freeze_panes = "B3"
            sheet.append([_styled(sheet, c.name, bold) for c in cols])
            sheet.append([_styled(sheet, c.caption, None) for c in cols])

    def write(self, row: dict[str, Any]) -> None:
        self.sheet.append([_xlsx_value(row.get(c.name)) for c in self.columns])

    def finding(self, row: dict[str, Any]) -> None:
        self.findings.append([_xlsx_value(row.get(c.name)) for c in FINDING_COLUMNS])

    def close(self) -> None:
        self.book.save(self.path)


def _styled(sheet: Any, value: str, font: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    return cell


_XLSX_ILLEGAL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_XLSX_ILLEGAL)  # control characters (copy-paste garbage) are not allowed in XLSX
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class ParquetWriter(Writer):
    """pyarrow (optional extra ``parquet``); rows are written in batches of :attr:`BATCH`."""

    BATCH = 2000

    def __init__(self, path: str, columns: Sequence[Column]) -> None:
        super().__init__(path, columns)
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise MissingExtra(".parquet", "pyarrow", "parquet") from None
        types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
        self.pa = pa
        self.schema = pa.schema([(c.name, types[c.kind]) for c in self.columns])
        self.out = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            columns = {c.name: [_typed(r.get(c.name), c.kind) for r in self.rows] for c in self.columns}
            self.out.write_table(self.pa.table(columns, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.out.close()


def _typed(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "float":
        return float(value)
    if kind == "int":
        return int(value)
    return str(value)


WRITERS: dict[str, type[Writer]] = {
    ".csv": CsvWriter,
    ".xlsx": XlsxWriter,
    ".parquet": ParquetWriter,
    ".jsonl": JsonlWriter,
}


def writer_for(path: str, long: bool = False) -> Writer:
    """The writer the file name asks for; ``ValueError`` for an unknown suffix, :class:`MissingExtra`."""
    suffix = Path(path).suffix.lower()
    if suffix not in WRITERS:
        raise ValueError(path)
    return WRITERS[suffix](path, LONG_COLUMNS if long else wide_columns())


__all__ = [
    "FAMILIES",
    "FINDING_COLUMNS",
    "LONG_COLUMNS",
    "SUFFIXES",
    "Column",
    "MissingExtra",
    "Writer",
    "caption",
    "finding_row",
    "keys",
    "long_rows",
    "wide_columns",
    "wide_row",
    "writer_for",
]
