"""Output cut short (``nianbao lint … | head -1``, ``nianbao parse … | head``) never changes the exit status."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..paths import SEEDS
from .conftest import PLUGIN


def _into_closed_pipe(command: str, *args: str, read: int) -> tuple[int, str]:
    """Run ``nianbao COMMAND``, read ``read`` bytes of its output, then close the pipe as ``head`` does."""
    env = {k: v for k, v in os.environ.items() if k != "NIANBAO_LANG"}
    env["PYTHONPATH"] = str(PLUGIN)
    proc = subprocess.Popen(
        [sys.executable, "-m", "nianbao", command, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    if read:
        proc.stdout.read(read)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    return proc.wait(timeout=120), err


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
@pytest.mark.parametrize("read", [0, 100])
def test_a_broken_pipe_keeps_the_exit_status(fmt, read) -> None:
    code, err = _into_closed_pipe("lint", "--format", fmt, *map(str, SEEDS), read=read)
    assert code == 1, err  # the seeds have findings, however much of the output was read
    assert "Traceback" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
@pytest.mark.parametrize("read", [0, 100])
def test_parse_into_a_broken_pipe_keeps_its_status(tmp_path, fmt, read) -> None:
    """Reports enough to fill the pipe, the unreadable file last: exit 2 however little was read."""
    for i in range(12):
        for seed in SEEDS:
            (tmp_path / f"{i:02d}-{seed.name}").write_bytes(seed.read_bytes())
    (tmp_path / "zz-empty.txt").write_bytes(b"")
    code, err = _into_closed_pipe("parse", "--format", fmt, str(tmp_path), read=read)
    assert code == 2, err  # the empty file failed, whether or not the output was read
    assert "Traceback" not in err and "BrokenPipe" not in err and "zz-empty.txt" in err
    code, err = _into_closed_pipe("parse", "--format", fmt, *map(str, SEEDS), read=read)
    assert code == 0, err


@pytest.mark.parametrize("command", [["rules"], ["explain", "A301"], ["dialects"], ["rules", "--format", "json"]])
def test_the_other_commands_exit_0_into_a_broken_pipe(command) -> None:
    """Rich's own answer to a closed pipe is exit 1: these commands found nothing wrong."""
    code, err = _into_closed_pipe(*command, read=0)
    assert code == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
def test_a_failed_lint_run_exits_2_into_a_broken_pipe(tmp_path, fmt) -> None:
    """A file not checked is exit 2, also when Rich met the closed pipe first (it exited 1)."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, err = _into_closed_pipe("lint", "--format", fmt, *map(str, SEEDS), str(empty), read=0)
    assert code == 2, err
    assert "Traceback" not in err and "BrokenPipe" not in err
