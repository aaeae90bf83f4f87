"""``--fix`` on text with NULs: nothing the user wrote goes silently."""

from __future__ import annotations

import json

from ..paths import seed_path
from .conftest import nianbao

SEED = seed_path("000").read_text("utf-8")


def _garbled_with_nuls() -> str:
    """A seed with safe fixes to make (garbage characters, N401) and NULs in prose and in a table."""
    text = SEED.replace("规章 | 0 |", "规章 | 0\x00 |", 1)
    at = text.index("\n", len(text) // 2) + 1
    return text[:at] + "\x00\x00" + text[at:]


def test_fix_keeps_the_nuls_and_unsafe_fixes_delete_them(tmp_path) -> None:
    path = tmp_path / "r.txt"
    text = _garbled_with_nuls()
    path.write_bytes(text.encode("utf-8"))
    found = json.loads(nianbao("lint", "--format", "json", path).out)
    assert [d["line"] for d in found if d["code"] == "N406"] == sorted(
        text[: text.index(c)].count("\n") + 1 for c in ("0\x00", "\x00\x00")
    )

    r = nianbao("lint", "--fix", path)
    assert r.code == 1, r.err
    after = path.read_bytes().decode("utf-8")
    assert after.count("\x00") == 3  # safe fixes only: the NULs are still there, and still reported
    assert "N406" in r.out

    r = nianbao("lint", "--fix", "--unsafe-fixes", "--show-fixes", "--select", "N406", path)
    assert r.code == 0, r.out + r.err
    assert "\x00" not in path.read_bytes().decode("utf-8")
    assert "N406" in r.out  # --show-fixes names what was deleted
