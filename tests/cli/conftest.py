"""Helpers of the command-line tests: run ``nianbao`` in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PLUGIN = Path(__file__).parent / "plugin"  # the test rules (N990, N991, N992, X990, A990), as a third-party plugin


@dataclass
class Result:
    code: int
    out: str
    err: str
    out_bytes: bytes


def nianbao(
    *args: object,
    cwd: Path | None = None,
    stdin: bytes | None = None,
    env: dict | None = None,
    timeout: float = 300,
) -> Result:
    """Run ``python -m nianbao ARGS`` with the test plugin installed; never a traceback (nor a hang)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("NIANBAO_LANG", "COLUMNS", "FORCE_COLOR")}
    environ["PYTHONPATH"] = os.pathsep.join([str(PLUGIN), environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    environ.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "nianbao", *map(str, args)],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=environ,
        timeout=timeout,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    out = proc.stdout.decode("utf-8", "replace")
    assert "Traceback" not in out, out
    return Result(proc.returncode, out, err, proc.stdout)


@pytest.fixture
def run():
    return nianbao
