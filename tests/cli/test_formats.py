"""Output formats: json (the contract), concise, github, sarif (valid against the official schema), text."""

from __future__ import annotations

import json
import re
import shutil

import jsonschema

from ..paths import FIXTURES, seed_path
from .conftest import nianbao

SEED0 = seed_path("000")
KEYS = ["path", "code", "severity", "line", "column", "end_line", "end_column", "message", "fix"]


def _lines(path) -> list[str]:
    return re.split(r"\r\n|\r|\n", path.read_text("utf-8"))


def test_json_shape_is_exactly_the_spec() -> None:
    r = nianbao("lint", "--format", "json", seed_path("001"), SEED0)
    assert r.code == 1
    found = json.loads(r.out)
    assert isinstance(found, list) and found
    for d in found:
        assert list(d) == KEYS
        assert d["severity"] in ("error", "warning", "info", "hint")
        assert re.fullmatch(r"[STANX]\d{3}", d["code"])
        assert all(isinstance(d[k], int) and d[k] >= 1 for k in ("line", "column", "end_line", "end_column"))
        assert (d["end_line"], d["end_column"]) >= (d["line"], d["column"])
        assert isinstance(d["message"], str) and d["message"]
        if d["fix"] is not None:
            assert set(d["fix"]) == {"message", "safe", "edits"}
            for e in d["fix"]["edits"]:
                assert set(e) == {"line", "column", "end_line", "end_column", "new_text"}
    paths = [d["path"] for d in found]
    assert paths == sorted(paths, key=[str(seed_path("001")), str(SEED0)].index)  # input order


def test_json_positions_point_at_the_span_in_characters() -> None:
    """1-based lines and columns counting characters, end exclusive: line[column-1:end_column-1] is the span."""
    found = json.loads(nianbao("lint", "--select", "N990", "--format", "json", SEED0).out)
    lines = _lines(SEED0)
    assert len(found) > 10
    for d in found:
        assert d["line"] == d["end_line"]
        chars = lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1]
        assert chars and chars in d["message"]
        assert d["fix"]["safe"] is True and d["fix"]["message"] == "删除乱码字符"
        (edit,) = d["fix"]["edits"]
        assert (edit["line"], edit["column"], edit["end_column"], edit["new_text"]) == (
            d["line"],
            d["column"],
            d["end_column"],
            "",
        )
    first = found[0]
    assert (first["line"], first["column"], first["end_column"]) == (1, 5, 6)  # 您当前的ㄨ位置: ㄨ is the 5th character


def test_json_empty_is_an_empty_list(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n", encoding="utf-8")
    r = nianbao("lint", "--select", "N990", "--format", "json", report)
    assert r.code == 0 and json.loads(r.out) == []


def test_concise_one_line_per_diagnostic() -> None:
    r = nianbao("lint", "--select", "N990", "--format", "concise", SEED0)
    found = json.loads(nianbao("lint", "--select", "N990", "--format", "json", SEED0).out)
    lines = r.out.splitlines()
    assert len(lines) == len(found)
    for line, d in zip(lines, found, strict=True):
        assert line == f"{d['path']}:{d['line']}:{d['column']}: {d['code']} {d['message']}"


def test_github_annotations() -> None:
    r = nianbao("lint", "--select", "N990,X990", "--format", "github", SEED0)
    lines = r.out.splitlines()
    pattern = re.compile(
        r"::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),"
        r"endLine=(\d+),endColumn=(\d+),title=([A-Z]\d{3})::(.+)"
    )
    assert lines
    for line in lines:
        m = pattern.fullmatch(line)
        assert m, line
        assert m.group(2) == str(SEED0)
    assert any(line.startswith("::warning ") and "title=N990::" in line for line in lines)
    assert any(line.startswith("::notice ") and "title=X990::" in line for line in lines)


def test_github_escapes_properties(tmp_path) -> None:
    report = tmp_path / "a,b:c.txt"
    report.write_text("政务ζ公开\n", encoding="utf-8")
    r = nianbao("lint", "--select", "N990", "--format", "github", report)
    assert "a%2Cb%3Ac.txt,line=1,col=3," in r.out


def _schema():
    return json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text("utf-8"))


def test_sarif_is_valid_against_the_official_schema(tmp_path) -> None:
    unsafe = tmp_path / "unsafe.txt"
    unsafe.write_text("一、总体情况\nXXX 政务ζ公开\n", encoding="utf-8")
    r = nianbao("lint", "--format", "sarif", SEED0, seed_path("001"), unsafe, tmp_path / "missing.txt", cwd=tmp_path)
    assert r.code == 2  # the missing file
    log = json.loads(r.out)
    schema = _schema()
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    (run,) = log["runs"]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert {"N990", "N991", "X990"} <= {rule["id"] for rule in rules}
    for rule in rules:
        assert rule["helpUri"].endswith(f"docs/rules.md#{rule['id'].lower()}")
    results = run["results"]
    assert results
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
    fixable = [res for res in results if res["ruleId"] == "N990"]
    assert fixable and all(res["fixes"][0]["artifactChanges"][0]["replacements"] for res in fixable)
    unsafe_results = [res for res in results if res["ruleId"] == "N991"]
    assert unsafe_results[0]["relatedLocations"][0]["message"]["text"].endswith("(t3.new.total)")
    assert unsafe_results[0]["properties"]["fixSafe"] is False
    # the unreadable file is a notification of a failed invocation
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "missing.txt" in json.dumps(invocation["toolExecutionNotifications"], ensure_ascii=False)


def test_sarif_region_columns_are_code_points() -> None:
    log = json.loads(nianbao("lint", "--select", "N990", "--format", "sarif", SEED0).out)
    first = log["runs"][0]["results"][0]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 6}


def test_sarif_with_no_findings_is_valid(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n", encoding="utf-8")
    log = json.loads(nianbao("lint", "--select", "N990", "--format", "sarif", report).out)
    jsonschema.Draft4Validator(_schema()).validate(log)
    assert log["runs"][0]["results"] == []


def test_text_output_underlines_the_span_in_display_cells() -> None:
    r = nianbao("lint", "--select", "N990", SEED0)
    lines = r.out.splitlines()
    i = lines.index(next(line for line in lines if line.startswith(f"{SEED0}:1:5: N990 [*]")))
    assert lines[i + 2].startswith("1 | 您当前的ㄨ位置")
    # 您当前的 is four wide characters: eight cells; the caret sits under ㄨ (two cells wide)
    assert lines[i + 3] == "  | " + " " * 8 + "^^ 警告"
    assert "= 修复建议: 删除乱码字符（安全修复）" in r.out
    assert "按规则统计" in r.out and "test-garbage" in r.out
    assert "可用 --fix 自动修复" in r.out


def test_text_output_shows_unsafe_fix_and_related(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n今年 XXX 件\n", encoding="utf-8")
    r = nianbao("lint", "--select", "N991", "--lang", "en", report)
    assert r.code == 1
    assert f"{report}:2:4: N991 placeholder XXX" in r.out  # no [*]: the fix is unsafe
    assert "Fix: replace with YYY (unsafe: needs --unsafe-fixes)" in r.out
    assert "Related: 1:1 t3.new.total start of the file" in r.out
    assert "1 more fixable with --unsafe-fixes" in r.out


def test_no_colour_when_not_a_terminal() -> None:
    r = nianbao("lint", seed_path("001"))
    assert "\x1b[" not in r.out and "\x1b[" not in r.err


def test_colour_on_a_forced_terminal_and_no_color_respected() -> None:
    coloured = nianbao("lint", "--select", "N990", SEED0, env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.out
    plain = nianbao("lint", "--select", "N990", SEED0, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not re.search(r"\x1b\[(?:3[0-8]|9[0-7])", plain.out)  # no colour (bold and italic may remain)


def test_file_errors_are_in_every_format(tmp_path) -> None:
    empty = tmp_path / "empty.txt"  # named: an error
    empty.write_bytes(b"")
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "readme.md").write_text("# 说明\n\n本目录存放年报。\n", encoding="utf-8")  # found in a folder: skipped
    shutil.copy(SEED0, folder / "r.txt")
    args = ("lint", "--select", "N990", empty, folder)
    found = json.loads(nianbao(*args, "--format", "json").out)
    assert [(d["path"], d["code"], d["severity"]) for d in found if d["code"].startswith("E")] == [
        (str(empty), "E001", "error"),
        (str(folder / "readme.md"), "E002", "info"),
    ]
    concise = nianbao(*args, "--format", "concise")
    assert concise.code == 2
    assert f"{empty}:1:1: E001 文件为空" in concise.out
    assert f"{folder / 'readme.md'}:1:1: E002 " in concise.out
    github = nianbao(*args, "--format", "github").out
    assert f"::error file={empty},line=1,col=1,endLine=1,endColumn=1,title=E001::文件为空" in github
    assert "title=E002::" in github and "::notice file=" in github
    sarif = json.loads(nianbao(*args, "--format", "sarif", cwd=tmp_path).out)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(n["descriptor"]["id"], n["level"]) for n in notes] == [("E001", "error"), ("E002", "note")]
    text = nianbao(*args)
    assert "empty.txt" in text.err and "未能完整检查" in text.out
    assert "跳过 1 个不是年报或无法作为年报读取的文件" in text.out
