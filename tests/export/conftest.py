"""Helpers of the export and HTML tests: run ``nianbao`` as a user would, open a page in real Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def nianbao(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m nianbao ARGS``; never a traceback."""
    env = {k: v for k, v in os.environ.items() if k not in ("NIANBAO_LANG", "COLUMNS", "FORCE_COLOR")}
    proc = subprocess.run(
        [sys.executable, "-m", "nianbao", *map(str, args)], cwd=cwd, capture_output=True, env=env, timeout=600
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return proc


def chromium(*args: str) -> subprocess.CompletedProcess:
    """Debian's headless Chromium (installed by .ci/run), with a throw-away profile."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    assert binary, "chromium is not installed (apt-get install chromium; .ci/run does it)"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, timeout=180
        )
