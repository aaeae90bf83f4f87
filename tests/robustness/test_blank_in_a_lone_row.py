"""A blank cell in a row alone in its block, written with its column (``行政事业性收费 | | 0 | |``).

Table 二's 2019 ``行政事业性收费`` row (上一年项目数量 | 本年增/减) is the only row of its block, so no
sibling row shows where its values start; with one cell blank and the page's padding cell after the
values, the value could be under either column and the row was reported ambiguous (T212) although
the cell is written in its place. The header just above it (``信息内容 | 上一年项目数量 | 本年增/减 | |``,
a row of its own or, one cell a line, read into the row's labels) names the columns right after its
first cell: the values start right after the row's label, as the names do. Seen on pages in the
layouts of hanyang.gov.cn and shidz.gov.cn (2022), generated here for every layout that writes a
blank cell in its place, both format versions and many seeds (a zero of tables 二, 三, 四 made blank).
"""

from __future__ import annotations

import random
import re

import pytest

from nianbao import Source, parse
from nianbao.lint import check

from ..synth.generate import generate

LAYOUTS = ("pipe", "web_rows", "cells_pipe", "web_marked", "web_cells")


def blank_a_zero(text: str, r: random.Random, layout: str, only: str | None = None) -> str | None:
    """``text`` with one ``0`` cell of the tables written blank (its cell kept), or None if it has none."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if "第二十条" in line)
    last = next(i for i, line in enumerate(lines) if "五、" in line and i > first)
    picked = [i for i in range(first, last) if only is None or only in lines[i - 1] + lines[i]]
    if layout in ("pipe", "web_rows"):
        cands = [(i, m.start()) for i in picked for m in re.finditer(r"(?<=\| )0(?= \|)", lines[i])]
        if not cands:
            return None
        i, at = r.choice(cands)
        lines[i] = lines[i][:at] + lines[i][at + 1 :]
    else:
        cands = [i for i in picked if re.fullmatch(r"0 \|+", lines[i])]
        if not cands:
            return None
        i = r.choice(cands)
        lines[i] = lines[i][2:]
    return "\n".join(lines)


def _check(seed: int, layout: str, template: str, only: str | None = None) -> None:
    s = generate(seed, layout, template)
    text = blank_a_zero(s.text, random.Random(f"{seed}{layout}{template}"), layout, only)
    if text is None:
        return
    report = parse(Source.from_text("r.txt", text))
    got = {k: c.value for k, c in report.cells.items()}
    wrong = [(k, v, got.get(k)) for k, v in s.truth.items() if got.get(k) != v and not (v == 0 and got.get(k) is None)]
    assert wrong == []
    assert sum(1 for k, v in s.truth.items() if v == 0 and got.get(k) is None) == 1  # the one made blank
    before = {d.code for d in check([parse(Source.from_text("r.txt", s.text))])}
    after = {d.code for d in check([report]) if d.code[0] in "AT"}
    assert after - before - {"T207"} <= ALLOWED.get((seed, layout, template), set())


# Findings a case may add besides the blank's T207: none now. (cells_pipe seed 35's T203 is gone: a
# one-value row of table 二 left blank, one cell a line, was read into the next block's header,
# core/align.py _split_blank_rows; web_marked seed 33's T212 too: plugins/dialects/cells.py.)
ALLOWED: dict[tuple[int, str, str], set[str]] = {}


@pytest.mark.parametrize("layout", ("pipe", "web_rows", "web_cells", "web_marked", "cells_pipe"))
def test_the_fee_row_with_a_blank_cell_reads_as_written(layout: str) -> None:
    for seed in range(40):
        _check(seed, layout, "2019", only="行政事业性收费")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template", ("2019", "2021"))
def test_a_blank_cell_anywhere_moves_nothing(layout: str, template: str) -> None:
    for seed in range(30):
        _check(seed, layout, template)
