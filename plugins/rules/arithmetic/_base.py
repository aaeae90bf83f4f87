"""What the four arithmetic rules share: one diagnostic per broken relation instance."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Message, Related, Rule, Severity

from .._common import blank_span, fmt
from ._check import Instance, instances, total_key


class RelationRule(Rule):
    kind: str = ""

    def message(self, report: Report, inst: Instance) -> Message:  # pragma: no cover - overridden
        raise NotImplementedError

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        template = report.template
        if template is None:
            return
        short = _short_rows(report)
        for inst in instances(report):
            if inst.relation.kind != self.kind or not inst.reported:
                continue
            if any(c.reading == "guessed" for c in inst.cells.values()):
                continue  # resting on a guessed reading: T212 reports the doubtful reading instead
            if short and not short.isdisjoint(inst.cells):
                continue  # a row with fewer values than columns: which is whose is a guess, T206 says so
            anchor = inst.cells[inst.anchor]
            related = [
                Related(
                    blank_span(report, c.span) if c.value is None else c.span,
                    Message(
                        f"{template.meaning(k)} = {fmt(c.value)}", f"{template.meaning(k, 'en')} = {fmt(c.value, 'en')}"
                    ),
                    k,
                )
                for k, c in inst.cells.items()
                if k != inst.anchor
            ]
            message = self.message(report, inst)
            if inst.anchor != total_key(inst.relation):
                suspect = template.meaning(inst.anchor)
                message = Message(
                    message.zh + f"；最可能有误的是 {suspect}（它参与的各项关系都不成立）",
                    message.en
                    + f"; most likely wrong: {template.meaning(inst.anchor, 'en')} (every relation it is in fails)",
                )
            span = blank_span(report, anchor.span) if anchor.value is None else anchor.span
            if not inst.localised:
                span = _group_span(report, inst, span)
            severity = None
            if _blanks_could_balance(inst):
                # a blank is unknown, not 0: T207 asks for it; the sum is only doubtful
                severity = Severity.INFO
                message = Message(
                    message.zh + "（含空白单元格，填写后可能成立）",
                    message.en + " (blank cells involved: it may hold once they are filled)",
                )
            yield self.diagnostic(
                report,
                span,
                message,
                related=related,
                keys=inst.relation.keys,
                severity=severity,
                cause=f"cell:{inst.anchor}",  # one wrong cell breaking several sums is one finding
            )


def _short_rows(report: Report) -> frozenset[str]:
    """The cells of rows read with fewer values than the format has columns (T206)."""
    return frozenset(
        k
        for p in report.problems
        if p.kind == "cell-count" and p.data.get("found", 0) < p.data.get("expected", 0)
        for k in p.keys
    )


def _blanks_could_balance(inst: Instance) -> bool:
    """Whether writing numbers (≥ 0) into the relation's blank cells could make it hold."""
    rel = inst.relation
    blank_left = any(inst.cells[k].value is None for k in rel.left)
    blank_right = any(inst.cells[k].value is None for k in rel.right)
    return (inst.right > inst.left and blank_left) or (inst.left > inst.right and blank_right)


_GROUP_LINES = 8  # a relation written over at most this many lines (one cell per line) is shown whole


def _group_span(report: Report, inst: Instance, at: Span) -> Span:
    """With no single suspect, a short relation's finding covers all its cells (e.g. a group of 表四)."""
    spans = [c.span for c in inst.cells.values()]
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    lines = report.position(last)[0] - report.position(first)[0]
    return Span(first, last) if 0 < lines <= _GROUP_LINES else at


def v(inst: Instance, key: str, lang: str = "zh") -> str:
    return fmt(inst.cells[key].value, lang)


def total(x: float) -> str:
    return fmt(x)
