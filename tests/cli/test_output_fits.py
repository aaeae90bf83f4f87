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


_T3_HEADERS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
_GROUPS = ["三、本年度办理结果", "(三)不予公开", "(四)无法提供", "(五)不予处理"]


def _every_column_and_group(out: str) -> None:
    for header in [*_T3_HEADERS, "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"]:
        assert header in out, header
    for group in _GROUPS:
        assert group in out, group
    assert "(七)总计" in out and "四、结转下年度继续办理" in out


def test_parse_to_a_file_keeps_every_column_at_full_width(tmp_path) -> None:
    from ..paths import seed_path

    for columns in ("60", "80"):
        r = nianbao("parse", seed_path("001"), env={"COLUMNS": columns})
        assert r.code == 0
        _every_column_and_group(r.out)
        # 表三's header is one line: nothing folded, nothing cut
        assert any(all(h in line for h in _T3_HEADERS) for line in r.out.splitlines())


@pytest.mark.parametrize("width", [60, 80, 100])
def test_parse_at_a_terminal_keeps_every_column_and_the_labels(width: int) -> None:
    import io

    from rich.console import Console

    from nianbao import Source, parse
    from nianbao.commands.parse import render

    from ..paths import CORPUS, seed_path

    for path in (seed_path("001"), CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt"):
        report = parse(Source.from_path(str(path)))
        buf = io.StringIO()
        Console(file=buf, width=width, highlight=False).print(render(report, "zh", width))
        out = buf.getvalue()
        assert all(cell_len(line) <= width for line in out.splitlines())
        # the row labels, folded when narrow: the first column's pieces, read down
        labels = "".join(line.split("│")[1].strip() for line in out.splitlines() if line.count("│") > 2)
        flat = out.replace("│", "").replace(" ", "").replace("\n", "")
        _every_column_and_group(flat + labels)
        for label in ("一、本年新收政府信息公开申请数量", "(七)总计", "四、结转下年度继续办理", *_GROUPS):
            assert label in labels, label
        total = report.value("t3.new.total")
        assert f"│{total}" in out.replace(" ", "")
