"""Parsing never fails on text: mangled copies of real reports parse and lint without an exception."""

from __future__ import annotations

import random

import pytest

from nianbao import Source, parse
from nianbao.lint import check

from ..paths import CORPUS, SEEDS

REPORTS = [p.read_text("utf-8") for p in SEEDS] + [p.read_text("utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
ALPHABET = "|\t\n 0123456789一二三四五六、()（）总计规章ζ※增减万."


def mangle(text: str, rnd: random.Random) -> str:
    """Delete, duplicate, splice and re-separate lines the way broken drafts do."""
    lines = text.split("\n")
    for _ in range(rnd.randint(1, 30)):
        if not lines:
            lines = [""]
        k = rnd.randrange(len(lines))
        op = rnd.random()
        if op < 0.25:
            del lines[k]
        elif op < 0.45:
            lines.insert(k, lines[rnd.randrange(len(lines))])
        elif op < 0.7:
            j = rnd.randint(0, len(lines[k]))
            noise = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 5)))
            lines[k] = lines[k][:j] + noise + lines[k][j:]
        elif op < 0.85:
            j = rnd.randint(0, len(lines[k]))
            lines[k] = lines[k][:j] + lines[k][j + rnd.randint(1, 6) :]
        else:
            lines[k] = lines[k].replace("|", "\t") if rnd.random() < 0.5 else lines[k].replace("\t", " | ")
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(8))
def test_mangled_reports_parse_and_lint(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(25):
        text = mangle(rnd.choice(REPORTS), rnd)
        report = parse(Source.from_text("draft.txt", text))
        for d in check([report]):
            assert 0 <= d.span.start <= d.span.end <= len(report.text.text)
        for cell in report.cells.values():
            assert 0 <= cell.span.start <= cell.span.end <= len(report.text.text)
