"""What the four arithmetic rules share: one diagnostic per broken relation instance."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Related, Rule

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
        for inst in instances(report):
            if inst.relation.kind != self.kind or not inst.reported:
                continue
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
            yield self.diagnostic(
                report,
                blank_span(report, anchor.span) if anchor.value is None else anchor.span,
                message,
                related=related,
                keys=inst.relation.keys,
            )


def v(inst: Instance, key: str, lang: str = "zh") -> str:
    return fmt(inst.cells[key].value, lang)


def total(x: float) -> str:
    return fmt(x)
