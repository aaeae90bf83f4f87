"""A fix loop that does not settle writes nothing and says so (issue 15, case 6)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..paths import seed_path

PLUGIN = Path(__file__).parent / "plugins" / "unsettled"


def test_fixes_that_never_settle_leave_the_file_as_it_was(tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PLUGIN)}
    (tmp_path / "settled").mkdir()
    (tmp_path / "settled" / "nianbao.toml").write_text('ignore = ["N986"]\n', encoding="utf-8")
    other = tmp_path / "settled" / "other.txt"  # the same report, without the rule: fixed and written as usual
    path = tmp_path / "report.txt"
    shutil.copy(seed_path("000"), path)
    shutil.copy(seed_path("000"), other)
    before = path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "nianbao", "lint", "--fix", str(path), str(other)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert path.read_bytes() == before  # not one line of "四、" added
    assert f"{path}:" in done.stderr and "未稳定" in done.stderr and "未作改动" in done.stderr
    assert "Traceback" not in done.stderr
    assert other.read_bytes() != before  # the file that settles still gets its fixes
