"""--jobs gives the same result as one process; --lang; the rules and explain commands."""

from __future__ import annotations

import json
import shutil

from ..paths import CORPUS, SEEDS
from .conftest import nianbao


def test_jobs_2_gives_the_same_json_as_jobs_1(tmp_path) -> None:
    files = [*SEEDS, *sorted((CORPUS / "pingtan_2023").glob("*.txt"))]
    for f in files:
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "boom.txt").write_text("一、总体情况\n政务ζ公开 BOOM\n六、其他需要报告的事项\n无。\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    one = nianbao("lint", "--format", "json", "--select", "ALL", "--jobs", "1", tmp_path)
    two = nianbao("lint", "--format", "json", "--select", "ALL", "--jobs", "2", tmp_path)
    assert one.code == two.code == 2  # empty.txt and the crashing test rule A990
    assert json.loads(one.out) == json.loads(two.out)
    assert one.out == two.out
    assert sorted(one.err.splitlines()) == sorted(two.err.splitlines())
    # the collection rule saw every readable report, in both
    counts = {d["message"] for d in json.loads(one.out) if d["code"] == "X990"}
    assert counts == {f"共 {len(files) + 1} 份报告"}
    assert (
        nianbao("lint", "--format", "json", "--jobs", "0", *SEEDS).out
        == nianbao("lint", "--format", "json", *SEEDS).out
    )


def test_jobs_with_fix(tmp_path) -> None:
    for i in range(4):
        (tmp_path / f"r{i}.txt").write_text(
            f"一、总体情况\n政务ζ公开{i} ZZZ\n六、其他需要报告的事项\n无。\n", encoding="utf-8"
        )
    r = nianbao("lint", "--fix", "--select", "N990,N992", "--jobs", "2", tmp_path)
    assert r.code == 0, r.out + r.err
    for i in range(4):
        assert (tmp_path / f"r{i}.txt").read_text(
            "utf-8"
        ) == f"一、总体情况\n政务公开{i} Z\n六、其他需要报告的事项\n无。\n"


def test_lang_en(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n政务ζ公开\n", encoding="utf-8")
    r = nianbao("lint", "--lang", "en", "--select", "N990", report)
    assert "garbage characters 'ζ'" in r.out
    assert "Fix: delete the garbage characters (safe)" in r.out
    assert "By rule" in r.out and "Found 1 problem in 1 file (1 warning)." in r.out
    assert "warning" in r.out
    zh = nianbao("lint", "--select", "N990", report)
    assert "乱码字符“ζ”" in zh.out and "检查了 1 个文件，发现 1 个问题（警告 1 个）。" in zh.out
    env = nianbao("lint", "--select", "N990", "--format", "concise", report, env={"NIANBAO_LANG": "en"})
    assert "garbage characters" in env.out
    assert "All checks passed (1 file)." in nianbao("lint", "--lang", "en", "--select", "N991", report).out
    assert "no such file" in nianbao("lint", "--lang", "en", tmp_path / "none.txt").err


def test_rules_lists_every_plugin() -> None:
    r = nianbao("rules", "--format", "json")
    assert r.code == 0
    rules = {rule["code"]: rule for rule in json.loads(r.out)}
    assert rules["N990"] == {
        "code": "N990",
        "name": "test-garbage",
        "severity": "warning",
        "fixable": True,
        "scope": "report",
        "plugin": "clitest",
        "module": "nianbao_clitest",
        "summary": "删除乱码字符（测试用）。",
    }
    assert rules["X990"]["scope"] == "collection"
    assert any(rule["module"].startswith("nianbao.plugins.rules") for rule in rules.values())
    text = nianbao("rules", env={"COLUMNS": "200"})
    assert "N990" in text.out and "test-garbage" in text.out and "nianbao_clitest" in text.out
    assert "Installed rules" in nianbao("rules", "--lang", "en").out


def test_explain() -> None:
    r = nianbao("explain", "n990")
    assert r.code == 0
    assert "N990" in r.out and "test-garbage" in r.out
    assert "删除乱码字符（测试用）。" in r.out
    assert "检查内容" in r.out and "Garbage characters" in r.out
    assert "修复方法" in r.out and "Delete them." in r.out
    en = nianbao("explain", "N990", "--lang", "en")
    assert "What it checks" in en.out and "default severity: warning" in en.out
    plain = nianbao("explain", "X990")  # a docstring without sections
    assert plain.code == 0 and "Each report is told" in plain.out


def test_explain_shows_the_chinese_text_in_chinese() -> None:
    wide = {"COLUMNS": "300"}  # one line per paragraph
    zh = nianbao("explain", "A301", env=wide)
    assert zh.code == 0
    assert "检查内容" in zh.out and "本年新收的申请数加上年结转的申请数" in zh.out
    assert "为何重要" in zh.out and "每一件申请要么在本年度办理，要么结转下年度" in zh.out
    assert "What it checks" not in zh.out and "carried forward" not in zh.out
    en = nianbao("explain", "A301", "--lang", "en", env=wide)
    assert en.code == 0
    assert "What it checks" in en.out and "the applications received this year plus those carried over" in en.out
    assert "Why it matters" in en.out and "every application is either handled this year or carried forward" in en.out
    assert "本年新收的申请数" not in en.out


def test_explain_unknown_code() -> None:
    r = nianbao("explain", "N99")
    assert r.code == 2
    assert r.err.startswith("nianbao: 没有代码为 N99 的规则") and "N990" in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_reports_from_workers_keep_the_one_template_instance() -> None:
    """Templates are compared by identity: a report sent back by a worker must use the main process's."""
    from nianbao.lint import Config, Task, lint_files
    from nianbao.template import template

    tasks = [Task(str(p), Config(), keep_report=True) for p in SEEDS]
    results = lint_files(tasks, jobs=2)
    assert [r.path for r in results] == [str(p) for p in SEEDS]
    for r in results:
        assert r.report is not None and r.report.template is template(r.report.template.version)
        assert r.text is not None and r.text.lines  # the line list is rebuilt on demand
