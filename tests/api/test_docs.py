"""docs/api.md's worked example runs, block by block, as a reader would paste it into a notebook."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def test_api_md_example_runs(monkeypatch) -> None:
    blocks = BLOCK.findall((ROOT / "docs" / "api.md").read_text("utf-8"))
    assert len(blocks) >= 5
    monkeypatch.chdir(ROOT)
    namespace: dict = {"__name__": "__api_md__"}
    shown = io.StringIO()
    for i, code in enumerate(blocks):
        with contextlib.redirect_stdout(shown):
            exec(compile(code, f"docs/api.md block {i + 1}", "exec"), namespace)
    out = shown.getvalue()
    # the outputs the page shows in its comments are what the code prints
    lines = "".join(blocks).splitlines()
    shown_lines = [b for a, b in itertools.pairwise(lines) if a.startswith("print(") and b.startswith("# ")]
    assert len(shown_lines) >= 3
    for expected in shown_lines:
        assert expected[2:] in out.splitlines(), expected
    assert os.getcwd() == str(ROOT)
