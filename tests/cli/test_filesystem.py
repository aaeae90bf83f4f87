"""The file system around ``lint``: nothing hangs, nothing huge is read, what is not checked is said.

Every run has a timeout: a FIFO opened for reading blocks until a writer comes, so a
regression shows as a timeout, not a stuck test suite.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from ..paths import seed_path
from .conftest import nianbao

GUARD = 60  # seconds: far more than a lint of one report takes, far less than forever


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_named_on_the_command_line_is_refused_not_waited_for(fifo) -> None:
    r = nianbao("lint", fifo, timeout=GUARD)
    assert r.code == 2
    assert "pipe.txt" in r.err and "命名管道" in r.err
    assert "a FIFO" in nianbao("lint", "--lang", "en", fifo, timeout=GUARD).err


def test_a_folder_holding_only_a_fifo_fails_and_names_it(fifo) -> None:
    r = nianbao("lint", fifo.parent, timeout=GUARD)
    assert r.code == 2
    assert "pipe.txt" in r.err and "命名管道" in r.err
    assert "未能完整检查" in r.out and "pipe.txt" in r.out
    found = json.loads(nianbao("lint", "--format", "json", fifo.parent, timeout=GUARD).out)
    assert [(d["path"], d["code"]) for d in found] == [(str(fifo), "E001")]


def test_a_fifo_beside_a_report_does_not_stop_the_report(fifo) -> None:
    shutil.copy(seed_path("001"), fifo.parent / "report.txt")
    r = nianbao("lint", "--format", "concise", fifo.parent, timeout=GUARD)
    assert r.code == 2  # incomplete
    assert f"{fifo}:1:1: E001 " in r.out
    assert "report.txt:182:" in r.out  # the report's findings are all there


def test_a_device_is_refused(tmp_path) -> None:
    r = nianbao("lint", "/dev/zero", timeout=GUARD)
    assert r.code == 2
    assert "/dev/zero" in r.err and "设备文件" in r.err
    assert "MemoryError" not in r.err and "内部错误" not in r.err


def test_a_sparse_multi_gigabyte_file_is_refused_without_reading_it(tmp_path) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:
        fh.write("某某县2020年政府信息公开工作年度报告\n".encode())
        fh.truncate(3 * 1024**3)  # 3 GB, sparse: takes no room on disk
    r = nianbao("lint", huge, timeout=GUARD)
    assert r.code == 2
    assert "huge.txt" in r.err and "超过 50 MB" in r.err
    assert "MemoryError" not in r.err


def test_the_size_limit_is_configurable(tmp_path) -> None:
    report = tmp_path / "r.txt"
    shutil.copy(seed_path("001"), report)  # about 6 KB
    r = nianbao("lint", "--max-file-size", "2KB", report)
    assert r.code == 2 and "超过 2 KB" in r.err
    assert nianbao("lint", "--max-file-size", "1MB", report).code == 1  # read and linted
    (tmp_path / "nianbao.toml").write_text('max-file-size = "2KB"\n', encoding="utf-8")
    assert "超过 2 KB" in nianbao("lint", report).err
    assert nianbao("lint", "--max-file-size", "1MB", report).code == 1  # the command line wins
    (tmp_path / "nianbao.toml").write_text('max-file-size = "lots"\n', encoding="utf-8")
    bad = nianbao("lint", report)
    assert bad.code == 2 and "max-file-size" not in bad.out and "'lots'" in bad.err
    assert nianbao("lint", "--max-file-size", "0", report).code == 2


def test_an_endless_standard_input_is_cut_off(tmp_path) -> None:
    r = nianbao("lint", "--max-file-size", "1KB", "-", stdin=b"x" * 5000, timeout=GUARD)
    assert r.code == 2 and "超过 1 KB" in r.err


def test_a_folder_named_like_a_report_is_searched_not_read(tmp_path) -> None:
    folder = tmp_path / "adir.txt"
    folder.mkdir()
    empty = nianbao("lint", folder)
    assert empty.code == 2 and "没有找到要检查的文件" in empty.err
    assert empty.out == ""  # no "no problems" for nothing checked
    shutil.copy(seed_path("001"), folder / "r.txt")
    for target in (folder, tmp_path):
        r = nianbao("lint", "--format", "concise", target)
        assert r.code == 1 and "adir.txt/r.txt:182:" in r.out, r.err


@pytest.mark.parametrize("content", [[], ["scan.jpg", "notes.odt"]], ids=["empty", "no-text-files"])
def test_no_file_found_is_a_failed_run(tmp_path, content) -> None:
    for name in content:
        (tmp_path / name).write_bytes(b"\x89PNG\r\n")
    r = nianbao("lint", tmp_path)
    assert r.code == 2
    assert r.err.strip().count("\n") == 0 and "没有找到要检查的文件" in r.err
    assert "no files to lint" in nianbao("lint", "--lang", "en", tmp_path).err
    assert "未发现问题" not in r.out


def test_a_folder_of_files_that_are_no_reports_is_a_failed_run(tmp_path) -> None:
    (tmp_path / "README.md").write_text("# 说明\n\n本目录存放各单位的年报。\n", encoding="utf-8")
    r = nianbao("lint", tmp_path)
    assert r.code == 2 and "没有检查任何年报" in r.err
    assert "跳过 1 个不是年报或无法作为年报读取的文件" in r.out and "未发现问题" not in r.out


def test_a_symlink_loop_is_one_clear_line(tmp_path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    r = nianbao("lint", loop, timeout=GUARD)
    assert r.code == 2 and "loop.txt" in r.err and r.err.strip().count("\n") == 0
    assert nianbao("lint", tmp_path, timeout=GUARD).code == 2
