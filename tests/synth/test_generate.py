"""Self-check of the synthetic report generator (no nianbao import)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.synth.generate import (
    DIALECT_OF,
    FAMILIES,
    GARBAGE,
    LAYOUTS,
    Synthetic,
    generate,
    inject,
    relation_errors,
    template_keys,
    value_of,
)

SEEDS = range(6)
ROOT = Path(__file__).resolve().parents[2]


def _check_cells(rep: Synthetic) -> None:
    """Every cell: its raw text is at (cell_lines, cell_columns) and reads as its truth."""
    lines = rep.text.split("\n")
    assert set(rep.cell_lines) == set(rep.truth) == set(rep.cell_raw) == set(rep.cell_columns)
    for key, value in rep.truth.items():
        raw = rep.cell_raw[key]
        ln, col = rep.cell_lines[key], rep.cell_columns[key]
        assert 1 <= ln <= len(lines), key
        line = lines[ln - 1]
        if raw:
            assert line[col - 1 : col - 1 + len(raw)] == raw, (key, raw, line)
            assert value_of(raw) == value, (key, raw, value)
        else:
            assert value is None, key


def _check_sections(rep: Synthetic) -> None:
    lines = rep.text.split("\n")
    titles = {1: "总体情况", 2: "主动公开", 3: "收到和处理", 4: "行政复议", 5: "问题", 6: "其他需要报告"}
    for num, ln in rep.sections:
        assert titles[num] in lines[ln - 1], (num, ln, lines[ln - 1])


# --------------------------------------------------------------------------- determinism and keys


@pytest.mark.parametrize("layout", LAYOUTS)
def test_deterministic(layout):
    for seed in (0, 7):
        a, b = generate(seed, layout), generate(seed, layout)
        assert a == b
        assert a.text == b.text
        ia, ib = inject(a, "T", 3), inject(b, "T", 3)
        assert ia == ib


def test_same_seed_same_content_across_layouts():
    reps = [generate(11, lay, noise=False) for lay in LAYOUTS]
    assert len({(r.template, r.year) for r in reps}) == 1
    assert all(r.truth == reps[0].truth for r in reps)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_truth_keys_exact(layout, template):
    for seed in SEEDS:
        rep = generate(seed, layout, template)
        assert rep.template == template
        assert list(rep.truth) == template_keys(template)
        assert (2019 <= rep.year <= 2020) if template == "2019" else (2021 <= rep.year <= 2025)


def test_template_key_counts():
    k19, k21 = template_keys("2019"), template_keys("2021")
    t2_19 = [k for k in k19 if k.startswith("t2.")]
    assert len(t2_19) == 22 and len({k.split(".")[1] for k in t2_19}) == 8
    assert "t2.procurement.amount" in t2_19 and "t2.fees.change" in t2_19 and "t2.fees.decisions" not in t2_19
    t2_21 = [k for k in k21 if k.startswith("t2.")]
    assert t2_21 == [
        "t2.regulations.issued",
        "t2.regulations.repealed",
        "t2.regulations.in_force",
        "t2.normative_docs.issued",
        "t2.normative_docs.repealed",
        "t2.normative_docs.in_force",
        "t2.licensing.decisions",
        "t2.penalties.decisions",
        "t2.coercion.decisions",
        "t2.fees.amount",
    ]
    assert len([k for k in k19 if k.startswith("t3.")]) == 23 * 7
    assert len([k for k in k21 if k.startswith("t3.")]) == 25 * 7
    assert "t3.other.natural" in k19 and "t3.other.fee_unpaid.total" in k21
    assert len([k for k in k19 if k.startswith("t4.")]) == 15


# --------------------------------------------------------------------------- clean reports


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("noise", [True, False])
def test_relations_hold_and_cells_located(layout, noise):
    for seed in SEEDS:
        rep = generate(seed, layout, noise=noise)
        assert relation_errors(rep.truth, rep.template) == []
        assert rep.defects == []
        _check_cells(rep)
        _check_sections(rep)
        assert [s[0] for s in rep.sections] == [1, 2, 3, 4, 5, 6]
        if not noise:
            assert all(v is not None for v in rep.truth.values())
            assert rep.noise_log == []


def test_numbers_mostly_nonzero_and_varied():
    nonzero = total = 0
    for seed in range(20):
        rep = generate(seed, "pipe", noise=False)
        vals = [v for k, v in rep.truth.items() if k.startswith("t3.")]
        nonzero += sum(1 for v in vals if v)
        total += len(vals)
    assert nonzero / total > 0.45
    big = [generate(s, "pipe", "2021", noise=False).truth["t2.licensing.decisions"] for s in range(20)]
    assert max(big) >= 10000


def test_value_forms():
    seen_change, seen_wan, seen_dec = set(), False, False
    for seed in range(40):
        rep = generate(seed, "pipe", "2019", noise=False)
        for k, raw in rep.cell_raw.items():
            if k.endswith(".change"):
                seen_change.add("增" if raw.startswith("增") else "减" if raw.startswith("减") else "plain")
        seen_wan |= rep.cell_raw["t2.procurement.amount"].endswith("万")
        rep21 = generate(seed, "pipe", "2021", noise=False)
        seen_dec |= "." in rep21.cell_raw["t2.fees.amount"]
    assert seen_change == {"增", "减", "plain"} and seen_wan and seen_dec
    assert value_of("2400万") == 24000000 and value_of("减3") == -3 and value_of("增12") == 12
    assert value_of("5949.088667") == 5949.088667 and value_of("14241119.2") == 14241119.2


def test_narrative_consistent():
    found = 0
    for seed in range(20):
        rep = generate(seed, "web_rows")
        m = re.search(r"申请(\d+)件", rep.text)
        if m:
            found += 1
            assert int(m.group(1)) == rep.truth["t3.new.total"]
    assert found >= 5


def test_title_and_period():
    for seed in range(10):
        rep = generate(seed, "cells_pipe")
        assert re.search(rf"{rep.year}\s?年度?政府信息公开(工作)?年度报告", rep.text)
        for m in re.finditer(r"统计期限自(\d{4})年", rep.text):
            assert int(m.group(1)) == rep.year


# --------------------------------------------------------------------------- layouts look like their seeds


def _table_lines(rep: Synthetic) -> list[str]:
    lines = rep.text.split("\n")
    first, last = min(rep.cell_lines.values()), max(rep.cell_lines.values())
    return lines[first - 1 : last]


def test_layout_pipe():
    for seed in SEEDS:
        for lay in ("pipe", "pipe_broken"):
            rep = generate(seed, lay)
            lines = rep.text.split("\n")
            ln = lines[rep.cell_lines["t3.new.natural"] - 1]
            assert ln.startswith("一、本年新收政府信息公开申请数量 | ")
            assert lines[rep.cell_lines["t4.review.upheld"] - 1].count(" | ") == 14 or lay == "pipe_broken"
            assert any(re.search(r" \|{2,}$", x) for x in _table_lines(rep))  # trailing colspan fillers
            assert "\t" not in rep.text
    reps = [generate(s, "pipe_broken") for s in SEEDS]
    assert all(any(x == "|" for x in r.text.split("\n")) for r in reps)  # blank cells broken over lines
    assert all(any(v is None for v in r.truth.values()) for r in reps)
    assert any(any(ch in r.text for ch in GARBAGE) for r in (generate(s, "pipe") for s in SEEDS))


def test_layout_tab():
    for seed in SEEDS:
        rep = generate(seed, "tab")
        lines = rep.text.split("\n")
        t3 = sorted({rep.cell_lines[k] for k in rep.truth if k.startswith("t3.")})
        for n in t3:
            assert lines[n - 1].count("\t") in (8, 9), lines[n - 1]
        for n in {rep.cell_lines[k] for k in rep.truth if k.startswith("t2.")}:
            assert lines[n - 1].count("\t") == 10
        assert lines[rep.cell_lines["t4.review.upheld"] - 1].count("\t") == 14
        assert " | " not in "\n".join(_table_lines(rep))


def test_layout_cells():
    for seed in SEEDS:
        rep = generate(seed, "cells_pipe")
        tl = [x for x in _table_lines(rep) if x]
        assert all(x.endswith(" |") or re.fullmatch(r"\|+", x) for x in tl if "、" not in x or x.endswith("|"))
        assert any(re.fullmatch(r"\|{3,}", x) for x in tl)
        vals = {rep.cell_lines[k] for k in rep.truth}
        assert len(vals) == len(rep.truth)  # one cell per line
        rep = generate(seed, "cells_tab")
        lines = rep.text.split("\n")
        for k in rep.truth:
            assert lines[rep.cell_lines[k] - 1] == "\t" + rep.cell_raw[k]
        assert "" in _table_lines(rep)  # blank lines between rows
    wrapped = 0
    for seed in range(12):
        rep = generate(seed, "cells_tab")
        tl = _table_lines(rep)
        wrapped += sum(1 for x in tl if x and not x.startswith("\t"))
    assert wrapped > 0


def test_layout_web():
    for seed in SEEDS:
        rows, cells, marked = (generate(seed, lay) for lay in ("web_rows", "web_cells", "web_marked"))
        assert rows.truth.keys() == cells.truth.keys()
        assert "当前位置" in rows.text and "网站标识码" in rows.text
        lines = rows.text.split("\n")
        assert lines[rows.cell_lines["t3.new.natural"] - 1].startswith("一、本年新收政府信息公开申请数量 | || ")
        assert len(set(cells.cell_lines.values())) == len(cells.truth)
        ml = marked.text.split("\n")
        assert ml[marked.cell_lines["t3.new.natural"] - 3] == "|"
        assert ml[marked.cell_lines["t3.new.natural"] - 2].startswith("一、本年新收政府信息公开申请数量 | ||")


def test_dialects():
    assert set(DIALECT_OF) == set(LAYOUTS)
    assert set(DIALECT_OF.values()) == {"pipe", "tab", "cells"}


# --------------------------------------------------------------------------- defects


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("family", FAMILIES)
def test_inject(layout, family):
    for seed in range(5):
        rep = generate(seed, layout)
        bad = inject(rep, family, seed)
        assert rep.defects == []  # input unchanged
        assert len(bad.defects) == 1
        d = bad.defects[0]
        assert d.family == family
        lines = bad.text.split("\n")
        assert 1 <= d.line <= len(lines)
        _check_cells(bad)
        if d.kind != "template-year":
            assert set(bad.truth) <= set(rep.truth)
        if family == "A":
            assert relation_errors(bad.truth, bad.template)
            key = d.detail.split()[0]
            assert bad.cell_lines[key] == d.line
        if family == "N":
            line = lines[d.line - 1]
            assert any(ch in line for ch in GARBAGE) or line.count("（") + line.count("(") > line.count(
                "）"
            ) + line.count(")")
        if family == "S":
            if d.kind == "heading-missing":
                assert len(bad.sections) == 5
            elif d.kind == "sections-swapped":
                nums = [s[0] for s in bad.sections]
                assert nums != sorted(nums)
            else:
                assert any(ln == d.line for _n, ln in bad.sections)
                if d.kind == "heading-unnumbered":
                    assert not re.match(r"[一二三四五六]、", lines[d.line - 1])
                else:
                    assert not re.match(r"[一二三四五六]、", lines[d.line - 1]) or lines[d.line - 1].count("、") > 1
        if family == "T" and d.kind == "row-missing":
            assert len(bad.truth) in (len(rep.truth) - 7, len(rep.truth) - 3, len(rep.truth) - 2, len(rep.truth) - 1)
        if family == "T" and d.kind in ("cell-blank", "cell-non-numeric"):
            key = d.detail.split()[0]
            assert bad.truth[key] is None and bad.cell_lines[key] == d.line
        if family == "X":
            if d.kind == "template-year":
                assert bad.template == "2019" and bad.year >= 2021
                assert "第二十条第" in lines[d.line - 1] and d.line < min(bad.cell_lines.values())
            elif d.kind == "narrative-apps":
                m = re.search(r"申请(\d+)件", lines[d.line - 1])
                assert m and int(m.group(1)) != bad.truth["t3.new.total"]
            else:
                assert str(bad.year) not in lines[d.line - 1]
                assert f"统计期限自{bad.year}年" in bad.text


def test_inject_kinds_cover_the_catalogue():
    kinds: dict[str, set[str]] = {f: set() for f in FAMILIES}
    for seed in range(40):
        rep = generate(seed, LAYOUTS[seed % len(LAYOUTS)])
        for fam in FAMILIES:
            kinds[fam].add(inject(rep, fam, seed).defects[0].kind)
    assert kinds["S"] == {"heading-missing", "heading-unnumbered", "heading-glued", "sections-swapped"}
    assert kinds["T"] == {"label-unknown", "cell-blank", "cell-non-numeric", "row-missing"}
    assert kinds["A"] == {"sum-broken"}
    assert kinds["N"] == {"garbage-char", "bracket-unbalanced"}
    assert kinds["X"] == {"title-year", "narrative-apps", "template-year"}


def test_inject_chain_keeps_lines():
    rep = generate(5, "cells_pipe")
    a = inject(rep, "A", 1)
    b = inject(a, "S", 2)
    c = inject(b, "T", 3)
    assert [d.family for d in c.defects] == ["A", "S", "T"]
    _check_cells(c)
    key = c.defects[0].detail.split()[0]
    if key in c.cell_lines:
        assert c.defects[0].line == c.cell_lines[key]


def test_cli(tmp_path):
    out = tmp_path / "o"
    subprocess.run(
        [sys.executable, "-m", "tests.synth.generate", "--out", str(out), "--count", "10", "--defects"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    txts = sorted(out.glob("*.txt"))
    assert len(txts) == 10
    for t in txts:
        meta = json.loads(t.with_suffix(".json").read_text(encoding="utf-8"))
        assert {"truth", "template", "year", "layout", "sections", "defects"} <= set(meta)
        assert len(meta["defects"]) == 1
