"""A rule whose fix brings its own finding back (issue 15, case 6): ``--fix`` must never settle."""

from __future__ import annotations

from nianbao.hookspecs import hookimpl
from nianbao.model import Span
from nianbao.rules import Edit, Fix, Message, Rule, Severity


class N986(Rule):
    """Inserts a line at the top of every report, every time."""

    code = "N986"
    name = "never-settles"
    severity = Severity.WARNING
    fixable = True

    def check(self, report, ctx):
        edit = Edit(Span(0, 0), "四、\n")
        yield self.diagnostic(
            report, Span(0, 0), Message("再加一行", "one more line"), fix=Fix((edit,), Message("加一行", "add a line"))
        )


@hookimpl
def nianbao_rules():
    return [N986]
