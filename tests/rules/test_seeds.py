"""Each seed's findings, as read from the seed by a person: errors and warnings exactly, infos where meaningful."""

from __future__ import annotations

from collections import Counter

import pytest

from ..paths import CORPUS, seed_path
from ._lint import found, lint

EW = {"error", "warning"}


def _range(first: int, last: int) -> list[int]:
    return list(range(first, last + 1))


# Seed 001: table 三 written with a line break in every blank cell. A blank cell is the gap
# between two pipes, so it is found on the line where its gap begins: for the row
# “一、本年新收… | 2 |” (37) … “| 2 | ||” (42) the five blank applicant cells begin on 37–41.
# One finding per row, at its first blank cell (every blank cell of the row in its related
# locations): the row's own line.
_001_BLANK_ROWS = [
    37,  # 一、本年新收: 商业企业 … 其他 (自然人 2, 总计 2)
    43,  # 二、上年结转: all but 自然人
    50,  # (一)予以公开 (自然人 2, 总计 2)
    56,  # (二)部分公开
    *range(63, 182, 7),  # (三)1 … (六)其他处理, 7 lines each
    182,  # (七)总计
    189,  # 四、结转下年度继续办理 (总计 0)
]

SEEDS = {
    # 000: the site's anti-copy noise in prose and in table labels; 六 glued to the end of 五's paragraph.
    "000": Counter(
        {
            **Counter(("N401", n) for n in (1, 1, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5, 7, 7, 7, 8)),
            **Counter(("N401", n) for n in (15, 15, 17, 35, 36, 39, 41, 54, 61, 61, 62)),
            ("S105", 61): 1,
        }
    ),
    # 001: blank cells everywhere in 表三; (七)总计 says 0 where 2 applications were handled.
    "001": Counter(
        {
            **Counter(("T207", n) for n in _001_BLANK_ROWS),
            # 自然人: 2 + 0 ≠ 0 + 0, and (七)总计 0 where (一)予以公开 is 2 (A302): one cell, one finding
            ("A301", 182): 1,
        }
    ),
    # 002: tab layout; “0 0” in one field; 本年增/减 of 行政事业性收费 blank; 表三 rows 45–66 with 6 or 8 values
    # (a value missing from 自然人, or a stray 0 in the label column); a stray 朱 in the label column.
    "002": Counter(
        {
            ("T208", 31): 1,
            ("T207", 34): 1,
            **Counter(("T207", n) for n in (45, 46, 47, 64, 65, 66)),  # 65: two blanks of one row, one finding
            **Counter(("T206", n) for n in _range(48, 63)),
            ("N405", 57): 1,
        }
    ),
    # 003: 规范 for 规章; “流程、、办理环节”.
    "003": Counter({("N404", 11): 1, ("T202", 42): 1}),
    # 004: section 二's heading without 二、.
    "004": Counter({("S103", 27): 1}),
}

INFOS = {
    "000": Counter({("S106", 1): 1}),  # a breadcrumb, no title
    "001": Counter(
        {
            ("T210", 21): 1,  # 增4747
            ("T210", 22): 1,  # 增69
            ("T210", 25): 1,  # 增3
            # 总计 column: the blank (七)总计 总计 cell (its gap begins on 187) could still balance it
            ("A301", 187): 1,  # and A302 at the same cell, one finding
        }
    ),
    "002": Counter(("T211", n) for n in (48, 49, 50, 53, 54, 55, 56, 58, 60, 61, 62, 63)),  # labels lost
    "003": Counter({("S106", 1): 1}),  # the report opens with its preamble
    "004": Counter({("T210", 100): 1}),  # 2400万 in 元
}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_errors_and_warnings(seed: str):
    assert found(lint(seed_path(seed)), severities=EW) == SEEDS[seed]


@pytest.mark.parametrize("seed", sorted(INFOS))
def test_seed_infos(seed: str):
    assert found(lint(seed_path(seed)), severities={"info", "hint"}) == INFOS[seed]


def test_seed_001_balance_message_names_the_cells():
    d = next(d for d in lint(seed_path("001")) if d.code == "A301")
    assert d.message.zh == (
        "表三 自然人列：一、本年新收(2) + 二、上年结转(0) = 2，但(七)总计(0) + 四、结转下年度继续办理(0) = 0"
        "；同一处也使 A302 不成立（见相关位置）"  # the same cell: one finding (A302's cells related)
    )
    own = ("t3.new.natural", "t3.carried_in.natural", "t3.total.natural", "t3.carried_forward.natural")
    assert d.keys[:4] == own and "t3.granted.natural" in d.keys
    assert {r.key for r in d.related[:3]} == {"t3.new.natural", "t3.carried_in.natural", "t3.carried_forward.natural"}


CLEAN = [
    CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt",
    CORPUS / "pingtan_2023" / "pingtan_2023.cells.txt",
    CORPUS / "pingtan_2023" / "pingtan_2023.marked.txt",
    CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md",
]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_corpus_has_no_error_or_warning(path):
    assert not [(d.code, d.message.zh) for d in lint(path) if d.severity.value in EW]


@pytest.mark.parametrize("path", CLEAN[:3], ids=lambda p: p.name)
def test_clean_corpus_infos_are_real(path):
    # one “,” among 82 “，”: “坚持应公开尽公开,持续推进”
    assert found(lint(path), severities={"info"}) == Counter({("N403", 35): 1})


def test_the_three_pingtan_copies_lint_alike_together():
    # same body, same year: no cross-report finding between copies of one report
    assert not [d for d in lint(*CLEAN[:3]) if d.code.startswith("X") or d.severity.value in EW]


def test_seed_001_total_cell_is_one_finding_for_both_sums_it_breaks():
    (d,) = [d for d in lint(seed_path("001")) if d.code.startswith("A3") and d.severity.value == "error"]
    assert d.code == "A301" and "同一处也使 A302 不成立" in d.message.zh
    assert any(r.message.zh.startswith("A302 表三 自然人列：(七)总计为0") for r in d.related)
