"""The conventions of the Python lint tools (Ruff's names): --output-format, --exit-zero, --statistics,
--quiet, --show-fixes, --no-color, baselines, pre-commit hooks, argparse messages in Chinese."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from ..paths import SEEDS, seed_path
from .conftest import nianbao

ROOT = Path(__file__).parents[2]
SEED0 = seed_path("000")


def test_output_format_with_format_as_its_alias() -> None:
    new = nianbao("lint", "--output-format", "json", "--select", "N990", SEED0)
    old = nianbao("lint", "--format", "json", "--select", "N990", SEED0)
    assert new.code == old.code == 1
    assert json.loads(new.out) == json.loads(old.out) and json.loads(new.out)


def test_exit_zero_keeps_the_findings_but_not_a_failed_run(tmp_path) -> None:
    r = nianbao("lint", "--exit-zero", "--format", "concise", SEED0)
    assert r.code == 0 and r.out.count("\n") > 10
    assert nianbao("lint", "--exit-zero", SEED0, tmp_path / "missing.txt").code == 2  # a failed run stays 2
    assert nianbao("lint", "--exit-zero", "--diff", SEED0).code == 0


def test_statistics_counts_by_rule() -> None:
    full = json.loads(nianbao("lint", "--format", "json", *SEEDS).out)
    r = nianbao("lint", "--statistics", *SEEDS)
    assert r.code == 1
    rows = [line.split() for line in r.out.splitlines()]
    counted = {row[1]: int(row[0]) for row in rows}
    expected: dict[str, int] = {}
    for d in full:
        expected[d["code"]] = expected.get(d["code"], 0) + 1
    assert counted == expected
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)
    as_json = json.loads(nianbao("lint", "--statistics", "--output-format", "json", *SEEDS).out)
    assert {s["code"]: s["count"] for s in as_json} == expected
    assert all(set(s) == {"code", "name", "count", "fixable"} for s in as_json)
    n401 = next(s for s in as_json if s["code"] == "N401")
    assert n401["fixable"] is True and n401["name"]


def test_quiet_prints_the_findings_only() -> None:
    loud = nianbao("lint", "--select", "N990", SEED0)
    quiet = nianbao("lint", "-q", "--select", "N990", SEED0)
    assert quiet.code == loud.code == 1
    assert "检查了" in loud.out and "检查了" not in quiet.out and "按规则统计" not in quiet.out
    assert quiet.out.strip() and loud.out.startswith(quiet.out.rstrip("\n"))
    assert nianbao("lint", "--quiet", "--select", "N990", SEED0).out == quiet.out


def test_show_fixes_lists_what_was_fixed(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n政务ζ公开ZZZ。\n六、其他需要报告的事项\n无。\n", encoding="utf-8")
    diff = nianbao("lint", "--diff", "--show-fixes", "--select", "N990,N992", report)
    assert "可修复 3 个问题：" in diff.out and f"{report}: 1 × N990 (test-garbage)" in diff.out
    assert f"{report}: 2 × N992 (test-rounds)" in diff.out
    r = nianbao("lint", "--fix", "--show-fixes", "--select", "N990,N992", report)
    assert r.code == 0
    assert "已修复 3 个问题：" in r.out and f"{report}: 2 × N992 (test-rounds)" in r.out
    assert report.read_text("utf-8") == "一、总体情况\n政务公开Z。\n六、其他需要报告的事项\n无。\n"
    assert "×" not in nianbao("lint", "--fix", "--select", "N990", report).out  # only when asked


def test_no_color_even_on_a_forced_terminal() -> None:
    r = nianbao("lint", "--no-color", "--select", "N990", SEED0, env={"FORCE_COLOR": "1"})
    assert r.code == 1 and "N990" in r.out and "\x1b[" not in r.out


# --------------------------------------------------------------------------- baseline


def test_baseline_reports_only_new_findings_and_survives_edits(tmp_path) -> None:
    report = tmp_path / "r.txt"
    shutil.copy(seed_path("001"), report)
    baseline = tmp_path / "baseline.json"
    own = ("--ignore", "N990,X990")  # the built-in rules only (the test plugin's N990 finds garbage too)
    w = nianbao("lint", *own, "--write-baseline", baseline, report)
    assert w.code == 0 and w.out == "" and "基线" in w.err
    everything = json.loads(nianbao("lint", *own, "--format", "json", report).out)
    doc = json.loads(baseline.read_text("utf-8"))
    assert doc["nianbao-baseline"] == 1 and len(doc["findings"]) == len(everything)
    assert {e["path"] for e in doc["findings"]} == {"r.txt"}  # relative to the baseline's folder

    same = nianbao("lint", *own, "--baseline", baseline, "--format", "json", report)
    assert same.code == 0 and json.loads(same.out) == []
    assert "已在基线中" in nianbao("lint", *own, "--baseline", baseline, report).out

    # edits elsewhere: paragraphs added under the title shift every line below; a new defect is the only finding
    lines = report.read_text("utf-8").split("\n")
    lines[4:4] = ["前言一段。", "", "另一段说明。"]
    edited = "\n".join(lines).replace("公开申请", "公开ㄨ申请", 1)
    report.write_text(edited, encoding="utf-8")
    new = json.loads(nianbao("lint", *own, "--baseline", baseline, "--format", "json", report).out)
    assert [d["code"] for d in new] == ["N401"], new
    assert "ㄨ" in new[0]["message"]
    # from another folder the same baseline still applies (paths are relative to the baseline)
    again = nianbao("lint", *own, "--baseline", "baseline.json", "--format", "json", "r.txt", cwd=tmp_path)
    assert [d["code"] for d in json.loads(again.out)] == ["N401"]


def test_baseline_counts_identical_findings(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n政务ζ公开ζ。\n六、其他需要报告的事项\n无。\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    nianbao("lint", "--select", "N990", "--write-baseline", baseline, report)
    report.write_text("一、总体情况\n政务ζ公开ζ。\n政务ζ公开ζ。\n六、其他需要报告的事项\n无。\n", encoding="utf-8")
    found = json.loads(nianbao("lint", "--select", "N990", "--baseline", baseline, "--format", "json", report).out)
    assert len(found) == 2 and all(d["line"] == 3 for d in found)  # the copy's two are new, line 2's recorded


@pytest.mark.parametrize("content", [None, "{not json", '{"findings": []}'], ids=["missing", "not-json", "not-ours"])
def test_a_bad_baseline_is_one_clear_line(tmp_path, content) -> None:
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    r = nianbao("lint", "--baseline", baseline, SEED0)
    assert r.code == 2 and r.out == "" and r.err.strip().count("\n") == 0 and "b.json" in r.err


# --------------------------------------------------------------------------- pre-commit


def _hooks() -> dict[str, dict[str, str]]:
    """The hooks of .pre-commit-hooks.yaml (a flat list of mappings; read without a YAML library)."""
    hooks: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        m = re.match(r"(- |  )(\w+): (.*?)(?:\s+#.*)?$", line)
        assert m, line
        if m.group(1) == "- ":
            current = {}
        current[m.group(2)] = m.group(3)
        hooks[current.get("id", "")] = current
    return hooks


def test_pre_commit_hooks_run_as_declared(tmp_path) -> None:
    hooks = _hooks()
    assert set(hooks) == {"nianbao", "nianbao-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["require_serial"] == "true"
        assert re.search(hook["files"], "report.txt") and re.search(hook["files"], "a/b.md")
        assert not re.search(hook["files"], "setup.py")
    # pre-commit names the staged files: a report and a README
    shutil.copy(SEED0, tmp_path / "report.txt")  # garbage characters: safe fixes
    (tmp_path / "README.md").write_text("# 说明\n\n本仓库存放年报。\n", encoding="utf-8")
    entry = shlex.split(hooks["nianbao"]["entry"])
    assert entry[0] == "nianbao"
    r = nianbao(*entry[1:], "report.txt", "README.md", cwd=tmp_path)
    assert r.code == 1 and "report.txt:" in r.out and "README.md:1:1: S" not in r.out
    only_readme = nianbao(*entry[1:], "README.md", cwd=tmp_path)
    assert only_readme.code == 0  # a commit touching only the README passes
    fix = shlex.split(hooks["nianbao-fix"]["entry"])
    assert "--fix" in fix
    before = (tmp_path / "report.txt").read_bytes()
    assert nianbao(*fix[1:], "report.txt", "README.md", cwd=tmp_path).code == 1
    assert (tmp_path / "report.txt").read_bytes() != before  # the safe fixes were applied


# --------------------------------------------------------------------------- argparse


def test_argparse_messages_are_chinese_and_english_with_lang_en(tmp_path) -> None:
    r = nianbao("lint", "--no-such-option", SEED0)
    assert r.code == 2 and "无法识别的参数" in r.err and "用法" in r.err
    en = nianbao("lint", "--lang", "en", "--no-such-option", SEED0)
    assert en.code == 2 and "unrecognized arguments" in en.err and "usage" in en.err
    missing = nianbao("lint")
    assert missing.code == 2 and "缺少必需的参数" in missing.err
    choice = nianbao("lint", "--output-format", "xml", SEED0)
    assert choice.code == 2 and "无效的选择" in choice.err
    helped = nianbao("lint", "--help")
    assert helped.code == 0 and "选项" in helped.out and "显示此帮助信息并退出" in helped.out
    assert "show this help message" in nianbao("lint", "--help", "--lang", "en").out
    assert "unrecognized" in nianbao("lint", "--bad", SEED0, env={"NIANBAO_LANG": "en"}).err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_statistics_and_baseline_stream_over_many_files(tmp_path, jobs) -> None:
    """Streamed file by file (memory flat, benchmarks/bench_lint.py): the same counts and findings as all at once."""
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, seeds in ((old, SEEDS[:3]), (new, SEEDS[3:])):
        folder.mkdir()
        for seed in seeds:
            shutil.copy(seed, folder / seed.name)
    full = json.loads(nianbao("lint", "--jobs", jobs, "--format", "json", tmp_path).out)
    stats = json.loads(nianbao("lint", "--jobs", jobs, "--statistics", "--format", "json", tmp_path).out)
    counts: dict[str, int] = {}
    for d in full:
        counts[d["code"]] = counts.get(d["code"], 0) + 1
    assert {s["code"]: s["count"] for s in stats} == counts
    assert [s["count"] for s in stats] == sorted((s["count"] for s in stats), reverse=True)
    fixable = {d["code"] for d in full if d["fix"] and d["fix"]["safe"]}
    assert {s["code"] for s in stats if s["fixable"]} == fixable and fixable

    baseline = tmp_path / "b.json"
    assert nianbao("lint", "--write-baseline", baseline, old).code == 0
    kept = json.loads(nianbao("lint", "--jobs", jobs, "--baseline", baseline, "--format", "json", tmp_path).out)
    assert kept == [d for d in full if "/new/" in d["path"]]
    text = nianbao("lint", "--jobs", jobs, "--baseline", baseline, tmp_path)
    hidden = sum(1 for d in full if "/old/" in d["path"])
    assert f"另有 {hidden} 个问题已在基线中" in text.out
    both = json.loads(nianbao("lint", "--baseline", baseline, "--statistics", "--format", "json", tmp_path).out)
    assert sum(s["count"] for s in both) == len(kept)
