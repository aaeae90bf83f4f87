"""Every rule on real text: ``cases/<CODE>/{fail,pass}_*``.

A ``fail_NAME.txt`` has a sidecar ``fail_NAME.expect`` listing ``CODE LINE`` per
expected finding; the findings of those codes must be exactly these. A
``pass_NAME.txt`` must give no finding of its directory's code. A directory case
(``fail_pair/``) is linted as one run — for the rules that compare two reports —
and its ``expect`` lists ``FILE CODE LINE``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from nianbao import registry

from ._lint import found, line, lint

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Path]:
    return sorted(p for d in CASES.iterdir() if d.is_dir() for p in d.iterdir() if p.suffix == ".txt" or p.is_dir())


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.stem}"


def test_every_rule_has_a_failing_and_a_passing_case():
    codes = set(registry.rules())
    for code in codes:
        names = [p.name for p in (CASES / code).iterdir()] if (CASES / code).is_dir() else []
        assert any(n.startswith("fail_") for n in names), f"{code}: no fail case"
        assert any(n.startswith("pass_") for n in names), f"{code}: no pass case"


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_case(case: Path):
    code = case.parent.name
    if case.is_dir():
        files = sorted(case.glob("*.txt"))
        diags = lint(*files)
        expected = Counter()
        for row in (case / "expect").read_text("utf-8").split("\n"):
            if row.strip():
                name, c, n = row.split()
                expected[(name, c, int(n))] += 1
        codes = {c for _, c, _ in expected} | {code}
        got = Counter((Path(d.path).name, d.code, line(d)) for d in diags if d.code in codes)
        assert got == expected
        return
    diags = lint(case)
    if case.stem.startswith("pass_"):
        assert not [(d.code, line(d), d.message.zh) for d in diags if d.code == code]
        return
    expected = Counter()
    for row in case.with_suffix(".expect").read_text("utf-8").split("\n"):
        if row.strip():
            c, n = row.split()
            expected[(c, int(n))] += 1
    assert found(diags, {c for c, _ in expected}) == expected
