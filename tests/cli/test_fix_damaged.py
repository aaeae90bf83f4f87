"""``--fix`` on text with NULs or a cut last character: nothing the user wrote goes silently."""

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


def test_fix_writes_the_cut_last_character_back(tmp_path) -> None:
    path = tmp_path / "r.txt"
    data = (SEED.rstrip("\n") + "\n本年度无其他事项。").encode("utf-8")[:-2]  # "。" is 3 bytes: 1 kept
    path.write_bytes(data)
    before = nianbao("lint", "--format", "json", path)
    assert before.code == 1 and "Traceback" not in before.err
    codes = [d["code"] for d in json.loads(before.out)]
    assert "N407" in codes and "N401" in codes  # the seed has garbage characters to fix too

    r = nianbao("lint", "--fix", "--format", "json", path)
    fixed = path.read_bytes()
    assert fixed != data and fixed.endswith(b"\xe3")  # the fixes written, the cut byte kept
    assert fixed[:-1].decode("utf-8").endswith("本年度无其他事项")
    after = json.loads(r.out)
    assert [d["code"] for d in after].count("N407") == 1  # still said after the fix
    assert "N401" not in [d["code"] for d in after]


def test_fix_does_not_rewrite_a_file_with_undecodable_bytes(tmp_path) -> None:
    path = tmp_path / "r.txt"
    data = SEED.encode("utf-8")
    at = data.index("公开".encode(), len(data) // 3)
    damaged = data[:at] + b"\xff\xfe" + data[at:]  # the seed has garbage characters (safe fixes) too
    path.write_bytes(damaged)
    found = json.loads(nianbao("lint", "--format", "json", path).out)
    n408 = [d for d in found if d["code"] == "N408"]
    assert [d["line"] for d in n408] == [damaged[:at].count(b"\n") + 1] and "ff fe" in n408[0]["message"]
    assert "N401" in [d["code"] for d in found]

    for lang, words in (("zh", "未写入修复"), ("en", "fixes not written")):
        r = nianbao("lint", "--fix", "--unsafe-fixes", "--lang", lang, path)
        assert r.code == 2 and "Traceback" not in r.err, r.err
        assert words in r.err and "N408" in r.err
        assert path.read_bytes() == damaged  # nothing rewritten: every byte as it was
