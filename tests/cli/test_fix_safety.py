"""``--fix`` writes only what it was asked to: read-only files stay, links out of the folders given are not
followed, a file swapped during the run is not overwritten. Tests run as root, where ``chmod 444`` does not
stop a write: the command must look at the mode bits itself."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from nianbao import cli
from nianbao.commands import lint as lint_command

from ..paths import seed_path
from .conftest import nianbao

SEED0 = seed_path("000")  # 27 garbage characters: safe fixes (N401)


@pytest.fixture
def report(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "r.txt"
    shutil.copy(SEED0, path)
    return path


def test_a_read_only_file_is_not_fixed(report) -> None:
    os.chmod(report, 0o444)
    before = report.read_bytes()
    for target in (report, report.parent):
        r = nianbao("lint", "--fix", target)
        assert r.code == 2
        assert "只读" in r.err and "r.txt" in r.err
        assert report.read_bytes() == before
        assert stat.S_IMODE(os.stat(report).st_mode) == 0o444
    assert "read-only" in nianbao("lint", "--fix", "--lang", "en", report).err
    # --diff writes nothing, so a read-only file is no obstacle
    diff = nianbao("lint", "--diff", report)
    assert diff.code == 1 and "+++" in diff.out
    os.chmod(report, 0o644)  # made writable again, it is fixed
    assert nianbao("lint", "--fix", report).code == 1 and report.read_bytes() != before


def test_fixes_not_written_are_not_reported_as_fixed(report) -> None:
    """A read-only file keeps its findings in the output, and the summary counts no fix (was "已修复 27 个问题")."""
    plain = nianbao("lint", "--format", "concise", report)
    os.chmod(report, 0o444)
    r = nianbao("lint", "--fix", "--format", "concise", report)
    assert r.code == 2
    assert "已修复" not in r.out
    findings = [line for line in r.out.splitlines() if line.startswith(str(report)) and " E003 " not in line]
    assert any(" E003 " in line for line in r.out.splitlines())  # the file error, then the findings as they are
    # the same findings as without --fix (in another order: the streamed output puts cross-report ones last)
    assert sorted(findings) == sorted(line for line in plain.out.splitlines() if line.startswith(str(report)))
    assert any(" N401 " in line for line in findings)  # the garbage is still there, so still reported


def test_a_symlink_out_of_the_folder_is_not_followed_when_fixing(tmp_path, report) -> None:
    outside = tmp_path / "elsewhere.txt"
    shutil.copy(SEED0, outside)
    (report.parent / "link.txt").symlink_to(outside)
    before = outside.read_bytes()
    r = nianbao("lint", "--fix", report.parent)
    assert r.code == 2
    assert "link.txt" in r.err and "所给目录之外" in r.err and str(outside) in r.err
    assert outside.read_bytes() == before  # the file outside the folder is untouched
    assert report.read_bytes() != SEED0.read_bytes()  # the report inside was fixed
    assert "未能完整检查" in r.out and "link.txt" in r.out
    # linting only reads: the link is linted like any report
    assert "link.txt:" in nianbao("lint", "--format", "concise", report.parent).out
    # the link named on the command line: the user asked for it
    named = nianbao("lint", "--fix", report.parent / "link.txt")
    assert named.code == 1 and outside.read_bytes() != before


def test_a_symlink_inside_the_folder_is_followed(tmp_path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    target = folder / "sub" / "target.txt"
    shutil.copy(SEED0, target)
    (folder / "a.txt").symlink_to(target)  # listed first: the target is the same file, linted once
    r = nianbao("lint", "--fix", folder)
    assert r.code == 1, r.err
    assert target.read_bytes() != SEED0.read_bytes() and os.path.islink(folder / "a.txt")


def _swap_after_linting(monkeypatch, path, replacement) -> None:
    """Make the run swap ``path`` for ``replacement`` once the files are read and fixed, before writing."""
    real = lint_command._fix_rounds

    def swapped(*args, **kwargs):
        real(*args, **kwargs)
        os.remove(path)
        replacement(path)

    monkeypatch.setattr(lint_command, "_fix_rounds", swapped)


@pytest.mark.parametrize("named", [True, False], ids=["file-named", "folder"])
def test_a_file_swapped_for_a_symlink_mid_run_is_not_overwritten(tmp_path, report, monkeypatch, capsys, named):
    outside = tmp_path / "secret.txt"
    shutil.copy(SEED0, outside)  # the same bytes: only the file's identity tells them apart
    before = outside.read_bytes()
    _swap_after_linting(monkeypatch, report, lambda p: p.symlink_to(outside))
    status = cli.main(["lint", "--fix", str(report if named else report.parent)])
    err = capsys.readouterr().err
    assert status == 2
    # named, the file is no longer the one read; found in the folder, it now points out of the folder
    assert "r.txt" in err and ("被修改" if named else "所给目录之外") in err
    assert outside.read_bytes() == before
    assert os.path.islink(report)


def test_a_file_swapped_for_a_hard_link_mid_run_is_not_overwritten(tmp_path, report, monkeypatch, capsys) -> None:
    outside = tmp_path / "secret.txt"
    shutil.copy(SEED0, outside)  # the same bytes, another file
    _swap_after_linting(monkeypatch, report, lambda p: os.link(outside, p))
    status = cli.main(["lint", "--fix", str(report)])
    assert status == 2 and "被修改" in capsys.readouterr().err
    assert outside.read_bytes() == SEED0.read_bytes()


def test_a_fifo_swapped_in_mid_run_does_not_block_the_write(tmp_path, report, monkeypatch, capsys) -> None:
    _swap_after_linting(monkeypatch, report, os.mkfifo)
    status = cli.main(["lint", "--fix", str(report)])
    assert status == 2 and "被修改" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(report).st_mode)
