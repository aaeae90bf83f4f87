"""Rules that misbehave in every way the fuzzing campaign found (issue 15, case 7; issue 10)."""

from __future__ import annotations

from nianbao.hookspecs import hookimpl
from nianbao.model import Span
from nianbao.rules import Message, Rule, Severity


class N981(Rule):
    """Yields something that is not a Diagnostic."""

    code = "N981"
    name = "yields-garbage"

    def check(self, report, ctx):
        yield "not a diagnostic"


class N982(Rule):
    """Exits the process."""

    code = "N982"
    name = "exits"

    def check(self, report, ctx):
        raise SystemExit(99)


class N983(Rule):
    """A span far outside the text."""

    code = "N983"
    name = "out-of-range"
    severity = Severity.ERROR

    def check(self, report, ctx):
        yield self.diagnostic(report, Span(-3153, 10**9), Message("越界", "out of range"))


class N984(Rule):
    """Raises KeyboardInterrupt."""

    code = "N984"
    name = "interrupts"

    def check(self, report, ctx):
        raise KeyboardInterrupt


class FakeA301(Rule):
    """Takes a built-in rule's code: the built-in must win."""

    code = "A301"
    name = "impostor"
    severity = Severity.ERROR

    def check(self, report, ctx):
        yield self.diagnostic(report, Span(0, 1), Message("冒名", "impostor"))


class Malformed(Rule):
    """A code --select could never name."""

    code = "not a code"
    name = "malformed"


class N985(Rule):
    """A well-behaved rule next to the broken ones: it still runs."""

    code = "N985"
    name = "well-behaved"
    severity = Severity.INFO

    def check(self, report, ctx):
        yield self.diagnostic(report, Span(0, 0), Message("正常", "fine"))


@hookimpl
def nianbao_rules():
    return [N981, N982, N983, N984, FakeA301, Malformed, N985, "not a class"]
