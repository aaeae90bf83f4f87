"""Output that fits where it goes: ``rules`` and ``explain`` at the widths people have."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from .conftest import nianbao


@pytest.mark.parametrize("columns", [60, 80, 100, 200])
def test_rules_keeps_the_summary_column_at_any_width(columns: int) -> None:
    r = nianbao("rules", env={"COLUMNS": str(columns)})
    assert r.code == 0
    assert "说明" in r.out
    flat = "".join(line.strip("│ ┃") for line in r.out.splitlines()).replace("│", "").replace(" ", "")
    for summary in ("删除乱码字符（测试用）。", "表三某一行的“总计”≠六类申请人之和。"):
        assert summary in flat, summary
    assert all(cell_len(line) <= columns for line in r.out.splitlines())


def test_explain_suggests_the_codes_a_prefix_begins_in_order() -> None:
    r = nianbao("explain", "A30")
    assert r.code == 2
    assert r.err.strip().endswith("A301, A302, A303, A304")
    t = nianbao("explain", "t20")
    assert "T201, T202, T203, T204, T205, T206, T207, T208, T209" not in t.err  # at most eight
    assert "T201, T202" in t.err
    near = nianbao("explain", "A310")  # no code begins so: the nearest, best first then in order
    assert near.err.strip().endswith("A301, A302, A303")
