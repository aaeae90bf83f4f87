"""Hover: what a table cell is and which sums it takes part in; what a rule code means."""

from __future__ import annotations

import inspect
import logging
import re

from lsprotocol import types

from nianbao import registry
from nianbao.model import Cell, Report, Span
from nianbao.template import Relation

from .analysis import Analysis
from .convert import rule_url

log = logging.getLogger("nianbao.lsp")

# A rule code written in the text: a family letter and three digits, not inside a longer word
# (no \b: Chinese characters count as word characters, "规则A301" must match).
CODE = re.compile(r"(?<![A-Za-z0-9_])[STANX]\d{3}(?![0-9])")
MAX_TERMS = 8  # a longer sum shows its total only


def hover(analysis: Analysis, offset: int) -> types.Hover | None:
    parts: list[str] = []
    span = None
    code = code_at(analysis.text, offset + analysis.index.base)
    if code is not None:
        doc = rule_markdown(code[0], analysis.lang)
        if doc:
            parts.append(doc)
            span = (code[1] - analysis.index.base, code[2] - analysis.index.base)
    report = analysis.report
    if not parts and report is not None and analysis.is_report:
        cell = report.cell_at(offset)
        if cell is not None:
            parts.append(cell_markdown(report, cell, analysis.lang))
            span = (cell.span.start, cell.span.end)
    if analysis.is_report:
        rules = _rules_at(analysis, offset, exclude={code[0]} if code else set())
        if rules:
            parts.append(rules)
    if not parts:
        return None
    hover_range = analysis.index.range(Span(*span)) if span is not None else None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=hover_range,
    )


def code_at(text: str, offset: int) -> tuple[str, int, int] | None:
    """The rule code written at ``offset`` (a text index), with its start and end."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    for m in CODE.finditer(text, line_start, line_end):
        if m.start() <= offset <= m.end():
            return m.group(), m.start(), m.end()
    return None


# --- cells -----------------------------------------------------------------------------------------


def cell_markdown(report: Report, cell: Cell, lang: str) -> str:
    tmpl = report.template
    paragraphs = [f"**{_md(tmpl.meaning(cell.key, 'zh') if tmpl else cell.key)}**"]
    if lang == "en" and tmpl:
        paragraphs.append(f"*{_md(tmpl.meaning(cell.key, 'en'))}*")
    value = "空 (blank)" if cell.value is None else _num(cell.value)
    raw = f" · 原文 (as written) `{cell.raw}`" if cell.raw and cell.raw != value else ""
    paragraphs.append(f"`{cell.key}` · 值 (value): **{value}**{raw}{_READ_AS.get(cell.reading, '')}")
    relations = tmpl.relations_of(cell.key) if tmpl else []
    if relations:
        title = "勾稽关系 (sums it takes part in):" if lang == "zh" else "Sums it takes part in (勾稽关系):"
        paragraphs.append(title + "\n" + "\n".join(f"- {relation_line(report, r, cell.key, lang)}" for r in relations))
    return "\n\n".join(paragraphs)


def relation_line(report: Report, relation: Relation, focus: str, lang: str) -> str:
    """``一、本年新收 + … : 2 + 0 = 2 ≠ 0 + 0 = 0`` with the current values (the hovered one in bold)."""
    left, left_sum = _side(report, relation.left, focus)
    right, right_sum = _side(report, relation.right, focus)
    ok = abs(left_sum - right_sum) <= 1e-6 * max(1.0, abs(left_sum), abs(right_sum))
    mark = "=" if ok else "≠"
    verdict = "✓" if ok else "✗"
    name = relation.zh if lang == "zh" else f"{relation.zh} ({relation.en})"
    return f"{_md(name)}: {left} {mark} {right} {verdict}"


_READ_AS = {  # how the cell was read (Cell.reading); an exact reading needs no word
    "position": " · 按位置读取 (read by position)",
    "relations": " · 按勾稽关系确定 (chosen by the relations)",
    "plausible": " · 按常见数值推定，请核对 (the likeliest reading: please check)",
    "guessed": " · 推测读取，请核对 (guessed: please check)",
}


def _side(report: Report, keys: tuple[str, ...], focus: str) -> tuple[str, float]:
    total = 0.0
    terms = []
    for key in keys:
        cell = report.cells.get(key)
        if cell is None:
            term = "?"
        elif cell.value is None:
            term = "—"
        else:
            term = _num(cell.value)
            total += cell.value
        terms.append(f"**{term}**" if key == focus else term)
    if len(terms) == 1:
        return terms[0], total
    if len(terms) > MAX_TERMS:
        mine = f"，含 {terms[keys.index(focus)]}" if focus in keys else ""
        return f"{_num(total)} ({len(terms)} 项{mine})", total
    return f"{' + '.join(terms)} = {_num(total)}", total


def _num(v: float | int) -> str:
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.12g}"
    return str(v)


def _md(s: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", s)


# --- rules -----------------------------------------------------------------------------------------


def rule_doc(code: str) -> dict[str, str] | None:
    """The parts of an installed rule's docstring: ``name``, ``summary``, ``checks``, ``why``, ``checks_zh``,
    ``why_zh``, ``example``, ``fix``."""
    cls = registry.rules().get(code)
    if cls is None:
        return None
    try:
        from nianbao.plugins.rules import parse_doc

        doc = dict(parse_doc(cls))
    except Exception:  # a plugin without the documented docstring shape: first paragraph, then the rest
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", inspect.getdoc(cls) or "") if p.strip()]
        doc = {"summary": paragraphs[0] if paragraphs else "", "checks": "\n\n".join(paragraphs[1:])}
    doc["name"] = str(getattr(cls, "name", ""))
    return doc


SECTIONS = (("checks", "检查内容", "What it checks"), ("why", "为何重要", "Why it matters"))


def rule_markdown(code: str, lang: str) -> str | None:
    try:
        doc = rule_doc(code)
    except Exception:
        log.exception("could not read the documentation of %s", code)
        return None
    if doc is None:
        return None
    name, summary = doc.get("name", ""), doc.get("summary", "")
    head = f"**{code}** `{name}`" if name else f"**{code}**"
    out = [f"{head} — {_md(summary)}" if summary else head]
    for key, zh, en in SECTIONS:
        text = (lang == "zh" and doc.get(f"{key}_zh")) or doc.get(key)  # the English text when there is no Chinese
        if text:
            label = f"{zh} ({en})" if lang == "zh" else en
            out.append(f"*{label}*: {_md(' '.join(text.split()))}")
    for key, zh, en in (("example", "例", "Example"), ("fix", "改为", "Fixed")):
        if doc.get(key):
            out.append(f"*{zh if lang == 'zh' else en}*:\n```\n{doc[key]}\n```")
    out.append(f"[{'规则说明' if lang == 'zh' else 'Rule documentation'}]({rule_url(code)})")
    return "\n\n".join(out)


def _rules_at(analysis: Analysis, offset: int, exclude: set[str]) -> str | None:
    """One line per rule of the diagnostics at ``offset``: what the rule checks."""
    seen: dict[str, str] = {}
    for d in analysis.diagnostics:
        if d.code in exclude or d.code in seen:
            continue
        if d.span.start <= offset <= max(d.span.end, d.span.start + 1):
            try:
                found = rule_doc(d.code)
            except Exception:
                found = None
            summary = found.get("summary", "") if found else ""
            seen[d.code] = f"- [{d.code}]({rule_url(d.code)}){' ' + summary if summary else ''}"
    if not seen:
        return None
    title = "规则 (rules):" if analysis.lang == "zh" else "Rules:"
    return title + "\n" + "\n".join(seen.values())
