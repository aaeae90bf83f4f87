"""Numbers no report has: too many digits, beyond a float, a huge integer beside a fraction (issues 13 and 15.4)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from nianbao.engine import parse
from nianbao.lint import Config, RuleFailure, check_document
from nianbao.source import Source

from ..paths import seed_path

ROW = "行政处罚 | 0 | 0 | 0 | |"  # a row of seed 000 (pipe layout)


def _seed_with(value: str) -> tuple[str, int]:
    text = seed_path("000").read_text("utf-8")
    at = text.index(ROW)
    return text.replace(ROW, f"行政处罚 | {value} | 0 | 0 | |", 1), at + len("行政处罚 | ")


def _strict(s: str) -> object:
    def refuse(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(s, parse_constant=refuse)


@pytest.mark.parametrize("digits", [16, 400, 4301, 20_000])
def test_too_many_digits_is_an_unreadable_value_at_the_cell(digits: int) -> None:
    value = "9" * digits
    text, at = _seed_with(value)
    report = parse(Source("r.txt", text.encode("utf-8")))
    cell = next(c for c in report.cells.values() if c.span.start == at)
    assert cell.value is None and cell.raw == value
    failures: list[RuleFailure] = []
    found = [d for d in check_document(report, Config(), failures) if d.code == "T209"]
    assert not failures
    assert [d.span for d in found if d.span.start == at] == [cell.span]
    message = next(d for d in found if d.span.start == at).message
    assert value[:16] in message.zh and "15" in message.en  # says what is there and why it is unreadable


def test_fifteen_digits_are_still_a_number() -> None:
    text, at = _seed_with("1" * 15)
    report = parse(Source("r.txt", text.encode("utf-8")))
    assert next(c for c in report.cells.values() if c.span.start == at).value == int("1" * 15)


@pytest.mark.parametrize("value", ["1" + "0" * 400 + ".5", "9" * 309 + ".0", "1" * 4400])
def test_json_output_stays_strict_json(tmp_path, value: str) -> None:
    text, _ = _seed_with(value)
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    for args in (["parse", "--format", "json"], ["parse", "--format", "jsonl"], ["lint", "--format", "json"]):
        done = subprocess.run(
            [sys.executable, "-m", "nianbao", *args, str(path)], capture_output=True, text=True, timeout=120
        )
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
        _strict(done.stdout)


def test_a_huge_integer_beside_a_fraction_does_not_stop_the_sums() -> None:
    """A plugin dialect may read any integer: the A rules must still add up (was OverflowError, A rules lost)."""
    report = parse(Source("r.txt", seed_path("000").read_text("utf-8").encode("utf-8")))
    keys = [k for k in report.cells if k.startswith("t3.")]
    report.cells[keys[0]] = replace(report.cells[keys[0]], value=10**400)
    report.cells[keys[1]] = replace(report.cells[keys[1]], value=0.5)
    failures: list[RuleFailure] = []
    found = check_document(report, Config(select=["A"]), failures)
    assert failures == []
    assert any(keys[0] in d.keys or any(r.key == keys[0] for r in d.related) for d in found)
    assert any("1" + "0" * 399 in d.message.zh for d in found)  # shown exactly, not as inf
