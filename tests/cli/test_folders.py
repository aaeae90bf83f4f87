"""Linting a folder: its reports are checked, other text files found there are not."""

from __future__ import annotations

import json
import shutil

from ..paths import seed_path


def test_folder_skips_files_that_are_no_report(run, tmp_path) -> None:
    shutil.copy(seed_path("004"), tmp_path / "report.txt")
    (tmp_path / "README.md").write_text("# 说明\n\n本目录存放各单位的年报。\n", encoding="utf-8")
    result = run("lint", tmp_path, "--format", "json")
    paths = {d["path"] for d in json.loads(result.out)}
    assert paths == {str(tmp_path / "report.txt")}
    # named on the command line, the same file is linted: the user asked for it
    named = run("lint", tmp_path / "README.md", "--format", "json")
    assert {d["code"] for d in json.loads(named.out)} >= {"S101"}
