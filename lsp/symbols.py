"""Document outline: the six sections, each with its tables (表二, 表三, 表四)."""

from __future__ import annotations

from lsprotocol import types

from nianbao.model import Span
from nianbao.template import TABLE_TITLES

from .analysis import Analysis

NUMERALS = "一二三四五六"
TABLE_OF_SECTION = {2: "t2", 3: "t3", 4: "t4"}
TABLE_NUMERAL = {"t2": "二", "t3": "三", "t4": "四"}


def document_symbols(analysis: Analysis, hierarchical: bool = True) -> list:
    report = analysis.report
    if report is None or not analysis.is_report:
        return []
    index = analysis.index
    out: list[types.DocumentSymbol] = []
    for section in report.sections:
        span = Span(
            min(section.span.start, section.heading.span.start), max(section.span.end, section.heading.span.end)
        )
        numeral = NUMERALS[section.number - 1] if 1 <= section.number <= 6 else str(section.number)
        children = []
        table = TABLE_OF_SECTION.get(section.number)
        for i, t in enumerate(section.tables):
            tspan = Span(max(t.start, span.start), min(max(t.end, t.start), span.end))
            name = f"表{TABLE_NUMERAL[table]} {TABLE_TITLES[table]}" if table else "表格"
            if len(section.tables) > 1:
                name += f" ({i + 1}/{len(section.tables)})"
            cells = sum(1 for c in report.cells.values() if tspan.start <= c.span.start < tspan.end)
            children.append(
                types.DocumentSymbol(
                    name=name,
                    kind=types.SymbolKind.Struct,
                    range=index.range(tspan),
                    selection_range=index.range(Span(tspan.start, tspan.start)),
                    detail=f"{cells} 个单元格 (cells)",
                )
            )
        out.append(
            types.DocumentSymbol(
                name=f"{numeral}、{section.title}",
                kind=types.SymbolKind.Namespace,
                range=index.range(span),
                selection_range=index.range(section.heading.span),
                detail=None if section.heading.number == section.number else "标题编号有误 (numbering)",
                children=children or None,
            )
        )
    if hierarchical:
        return out
    return [info for sym in out for info in _flatten(sym, analysis.uri, None)]


def _flatten(sym: types.DocumentSymbol, uri: str, container: str | None) -> list[types.SymbolInformation]:
    out = [
        types.SymbolInformation(
            name=sym.name, kind=sym.kind, location=types.Location(uri=uri, range=sym.range), container_name=container
        )
    ]
    for child in sym.children or ():
        out.extend(_flatten(child, uri, sym.name))
    return out
