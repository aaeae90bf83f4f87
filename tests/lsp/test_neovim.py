"""A real editor as the client: Neovim (0.7+, headless) attaches ``nianbao lsp`` to seed 001.

CI installs Neovim with ``apt-get install -y neovim`` (Debian's 0.7.2); the test
is skipped only when ``nvim`` is not on PATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..paths import seed_path

NVIM = shutil.which("nvim")
CHECK = Path(__file__).parent / "nvim" / "check.lua"


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (CI: apt-get install -y neovim)")
def test_neovim_shows_nianbao_diagnostics(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    text = seed_path("001").read_text("utf-8")
    report.write_text(text, encoding="utf-8")
    result = _nvim(tmp_path, report, CHECK)

    lines = text.split("\n")
    total = next(i for i, line in enumerate(lines) if line.startswith("(七)总计")) + 1  # 1-based, as printed
    opened = result["open"]
    a301 = sorted((d for d in opened if d["code"] == "A301"), key=lambda d: (d["line"], d["col"]))
    # on the (七)总计 row, which runs over seven lines (its blank cells hold line breaks)
    assert a301 and all(total <= d["line"] <= total + 6 for d in a301), opened
    # vim.diagnostic.severity: the 自然人 column is an ERROR; the 总计 column, whose blank cells
    # could still balance it, is INFO (3)
    assert [d["severity"] for d in a301] == [1, 3]
    # the 自然人 column: a byte offset in Neovim, the value cell after "(七)总计 | "
    assert a301[0]["line"] == total and a301[0]["col"] == len("(七)总计 | ".encode())
    assert len([d for d in opened if d["code"] == "T207"]) == 23  # blank cells, one finding per row
    assert all(d["source"] == "nianbao" for d in opened)

    fixed = result["fixed"]
    assert fixed and not [d for d in fixed if str(d["code"]).startswith("A3")], fixed
    assert [d for d in fixed if d["code"] == "T207"]


def _nvim(tmp_path: Path, report: Path, script: Path, *before: str) -> dict:
    out = tmp_path / f"{report.stem}.json"
    env = {
        **os.environ,
        "NIANBAO_LSP_CMD": json.dumps([sys.executable, "-m", "nianbao", "lsp"]),
        "NIANBAO_OUT": str(out),
        # keep Neovim's state, logs and shada out of the user's home
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    args = [NVIM, "--headless", "--clean", "-u", "NONE", "-i", "NONE"]
    for command in before:
        args += ["--cmd", command]
    proc = subprocess.run(
        [*args, "-c", f"luafile {script}", str(report)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.exists(), proc.stderr
    result = json.loads(out.read_text("utf-8"))
    assert not result.get("error"), result["error"]
    return result


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (CI: apt-get install -y neovim)")
@pytest.mark.parametrize(
    ("encoding", "features"),
    [("utf-8", {"bad", "cut", "controls"}), ("gb18030", {"crlf", "controls", "nbsp"}), ("utf-16", {"crlf"})],
)
def test_neovim_says_what_the_command_line_says(tmp_path: Path, encoding: str, features: set[str]) -> None:
    """Neovim reading the file as its users set it up (UTF-8, else GB18030) shows ``nianbao lint``'s findings,
    at the command line's places in Neovim's byte columns: bytes that are no UTF-8, which Neovim keeps in the
    buffer and sends as "?", are N408 (not garbage, N401) and a cut last character N407."""
    from nianbao.source import Source, decode

    from .test_parity import cli, draft

    data, _codec = draft(5, encoding, frozenset(features))
    report = tmp_path / "report.txt"
    report.write_bytes(data)
    got = _nvim(
        tmp_path, report, Path(__file__).parent / "nvim" / "diagnostics.lua", "set fileencodings=ucs-bom,utf-8,gb18030"
    )
    text = decode(Source(str(report), data))
    raw_at = dict(text.undecodable)
    starts = [0] + [i + 1 for i, c in enumerate(text.text) if c == "\n"]

    def col(line: int, column: int) -> int:  # Neovim's byte column: UTF-8, an undecodable run as its bytes
        a = starts[line - 1]
        return sum(len(raw_at[i]) if i in raw_at else len(text.text[i].encode()) for i in range(a, a + column - 1))

    want = sorted((d["code"], d["line"] - 1, col(d["line"], d["column"])) for d in cli([report])[str(report)])
    assert sorted((d["code"], d["line"], d["col"]) for d in got["diagnostics"]) == want
    assert {"N406"} & {d[0] for d in want} or encoding == "utf-16"
    if "bad" in features:
        assert {"N407", "N408"} <= {d[0] for d in want}
