"""Exit status of ``nianbao lint``: 0 clean, 1 problems, 2 the run failed (and never a traceback)."""

from __future__ import annotations

import json

import pytest

from ..paths import CORPUS, seed_path
from .conftest import nianbao

CLEAN = CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt"  # real 2021-format report: nothing above info


def test_clean_corpus_file_exits_0() -> None:
    r = nianbao("lint", CLEAN)
    assert r.code == 0, r.out + r.err
    found = json.loads(nianbao("lint", "--format", "json", CLEAN).out)
    assert all(d["severity"] in ("info", "hint") for d in found)


def test_seed_001_exits_1() -> None:
    r = nianbao("lint", seed_path("001"))
    assert r.code == 1
    assert "001_f50a9f7ac473722a.txt:" in r.out


def test_info_only_exits_0_and_severity_override_to_error_exits_1(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n本年度工作顺利。\n", encoding="utf-8")
    assert nianbao("lint", "--select", "X990", report).code == 0  # X990 is info
    assert nianbao("lint", "--select", "X990", "--severity", "X990=warning", report).code == 1


def test_missing_file_exits_2_with_one_line(tmp_path) -> None:
    r = nianbao("lint", tmp_path / "nope.txt")
    assert r.code == 2
    assert r.err.strip().count("\n") == 0
    assert "nope.txt" in r.err and "文件不存在" in r.err
    assert "no such file" in nianbao("lint", "--lang", "en", tmp_path / "nope.txt").err


def test_binary_file_exits_2(tmp_path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    r = nianbao("lint", binary)
    assert r.code == 2
    assert "image.txt" in r.err and "二进制" in r.err


def test_empty_file_exits_2(tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = nianbao("lint", empty)
    assert r.code == 2
    assert "empty.txt" in r.err and "为空" in r.err


def test_the_other_files_are_linted_anyway(tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    r = nianbao("lint", "--format", "json", empty, seed_path("001"))
    assert r.code == 2
    found = json.loads(r.out)
    findings = [d for d in found if d["code"] != "E001"]
    assert findings and {d["path"] for d in findings} == {str(seed_path("001"))}
    # the file that could not be read is in the output too, as an E001 entry at 1:1
    (entry,) = [d for d in found if d["code"] == "E001"]
    assert entry["path"] == str(empty) and entry["severity"] == "error" and entry["line"] == 1
    assert "为空" in entry["message"] and entry["fix"] is None


@pytest.mark.parametrize(
    "option",
    [
        ["--format", "xml"],
        ["--select", "12"],
        ["--ignore", "A3,!!"],
        ["--jobs", "-1"],
        ["--jobs", "many"],
        ["--severity", "A301=fatal"],
        ["--severity", "A301"],
        ["--dialect", "nope"],
        ["--no-such-option"],
    ],
)
def test_bad_option_exits_2(option) -> None:
    r = nianbao("lint", *option, seed_path("001"))
    assert r.code == 2, r.err
    assert r.out == ""
    assert r.err.strip().splitlines()[-1].startswith("nianbao:")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("select = [\n", "nianbao.toml"),  # not TOML
        ('selct = ["A"]\n', "selct"),  # unknown key
        ('[severity]\nA301 = "fatal"\n', "fatal"),  # bad level
        ('select = ["A-3"]\n', "A-3"),  # bad code
        ('lang = "fr"\n', "fr"),
        ("per-file-ignores = 3\n", "per-file-ignores"),
    ],
)
def test_bad_config_exits_2_naming_the_file(tmp_path, content, words) -> None:
    (tmp_path / "nianbao.toml").write_text(content, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(seed_path("001").read_text("utf-8"), encoding="utf-8")
    r = nianbao("lint", report)
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert str(tmp_path / "nianbao.toml") in lines[0] and words in lines[0]


def test_bad_pyproject_table_is_named(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.nianbao]\nignore = "A3"\nfoo = 1\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n", encoding="utf-8")
    r = nianbao("lint", report)
    assert r.code == 2
    assert "pyproject.toml" in r.err and "foo" in r.err


def test_bad_config_option_file(tmp_path) -> None:
    r = nianbao("lint", "--config", tmp_path / "missing.toml", seed_path("001"))
    assert r.code == 2 and "missing.toml" in r.err


def test_crashing_rule_is_reported_on_one_line_and_exits_2(tmp_path) -> None:
    report = tmp_path / "boom.txt"
    report.write_text("一、总体情况\nBOOM 乱ζ码\n", encoding="utf-8")
    r = nianbao("lint", "--select", "A990,N990", "--format", "concise", report)
    assert r.code == 2
    assert "A990" in r.err and "boom" in r.err
    assert "N990" in r.out  # the other rules still ran


def test_directory_is_linted_recursively(tmp_path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    end = "六、其他需要报告的事项\n无。\n"  # two sections: these read as reports
    (tmp_path / "a" / "b" / "deep.txt").write_text("一、总体情况\n政务ζ公开\n" + end, encoding="utf-8")
    (tmp_path / "top.md").write_text("一、总体情况\n政务公开\n" + end, encoding="utf-8")
    (tmp_path / "skip.docx.bak").write_text("ζ", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("ζ", encoding="utf-8")
    r = nianbao("lint", "--select", "N990,X990", "--format", "json", tmp_path)
    found = json.loads(r.out)
    assert {d["path"] for d in found} == {str(tmp_path / "a" / "b" / "deep.txt"), str(tmp_path / "top.md")}
    assert r.code == 1
