"""Linting a folder: its reports are checked, other text files found there are not."""

from __future__ import annotations

import json
import shutil

import pytest

from ..paths import seed_path


def test_folder_skips_files_that_are_no_report(run, tmp_path) -> None:
    shutil.copy(seed_path("004"), tmp_path / "report.txt")
    (tmp_path / "README.md").write_text("# 说明\n\n本目录存放各单位的年报。\n", encoding="utf-8")
    result = run("lint", tmp_path, "--format", "json")
    found = json.loads(result.out)
    assert {d["path"] for d in found if d["code"] != "E002"} == {str(tmp_path / "report.txt")}
    # the skipped file is named in the output (an E002 entry, info: a README is no failure)
    (skipped,) = [d for d in found if d["code"] == "E002"]
    assert skipped["path"] == str(tmp_path / "README.md") and skipped["severity"] == "info"
    text = run("lint", tmp_path)
    assert "跳过 1 个不是年报或无法作为年报读取的文件" in text.out and "README.md" in text.out
    # named on the command line, the same file is linted: the user asked for it
    named = run("lint", tmp_path / "README.md", "--format", "json")
    assert {d["code"] for d in json.loads(named.out)} >= {"S101"}


DRAFT = "某某县人民政府2020年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度，我县认真贯彻落实《条例》。\n"


@pytest.mark.parametrize(
    "draft",
    [
        DRAFT,  # a title and section 一
        DRAFT.split("\n\n", 1)[1] + "六、其他需要报告的事项\n无。\n",  # two sections
        DRAFT.split("\n\n", 1)[0] + "\n",  # the title only
        "| 规章 | 0 | 0 | 3 |\n",  # one row of table 二
    ],
    ids=["title-and-section", "sections", "title", "table-row"],
)
def test_a_half_written_draft_in_a_folder_is_checked(run, tmp_path, draft) -> None:
    (tmp_path / "draft.txt").write_text(draft, encoding="utf-8")
    in_folder = run("lint", tmp_path, "--format", "json")
    named = run("lint", tmp_path / "draft.txt", "--format", "json")
    assert in_folder.code == named.code == 1
    assert json.loads(in_folder.out) == json.loads(named.out)
    assert "S101" in {d["code"] for d in json.loads(in_folder.out)}


@pytest.mark.parametrize(
    "text",
    [
        "# 项目说明\n\n普通的 Markdown 文件。\n\n| 名称 | 数量 |\n|---|---|\n| 苹果 | 3 |\n| 梨 | 0 |\n",  # a table
        "会议纪要\n一、总体情况\n今年工作顺利。\n",  # one heading's words in notes
    ],
    ids=["markdown-table", "one-heading"],
)
def test_other_text_in_a_folder_is_skipped_and_named(run, tmp_path, text) -> None:
    shutil.copy(seed_path("004"), tmp_path / "report.txt")
    (tmp_path / "notes.md").write_text(text, encoding="utf-8")
    found = json.loads(run("lint", tmp_path, "--format", "json").out)
    assert [d["code"] for d in found if d["path"].endswith("notes.md")] == ["E002"]
