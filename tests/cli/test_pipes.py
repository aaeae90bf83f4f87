"""Output cut short (``nianbao lint … | head -1``) never changes the exit status."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..paths import SEEDS
from .conftest import PLUGIN


def _lint_into_closed_pipe(*args: str, read: int) -> tuple[int, str]:
    """Run ``nianbao lint``, read ``read`` bytes of its output, then close the pipe as ``head`` does."""
    env = {k: v for k, v in os.environ.items() if k != "NIANBAO_LANG"}
    env["PYTHONPATH"] = str(PLUGIN)
    proc = subprocess.Popen(
        [sys.executable, "-m", "nianbao", "lint", *args],
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
    code, err = _lint_into_closed_pipe("--format", fmt, *map(str, SEEDS), read=read)
    assert code == 1, err  # the seeds have findings, however much of the output was read
    assert "Traceback" not in err and "BrokenPipe" not in err
