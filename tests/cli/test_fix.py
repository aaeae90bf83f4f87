"""``--fix``, ``--unsafe-fixes``, ``--diff``: only the fixes change, byte for byte, in the file's own encoding."""

from __future__ import annotations

import difflib
import json
import os
import re
import stat

import pytest

from nianbao.chars import garbage_spans, strip_garbage
from nianbao.fixes import WriteError, encode_fixed
from nianbao.source import Source, Text, decode

from ..paths import SEEDS, seed_path
from .conftest import nianbao

SEED0 = seed_path("000")


def _strip_lines(text: str) -> str:
    """What N990's fixes make of a text: garbage removed from every line, line ends untouched."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    return "".join(p if i % 2 else strip_garbage(p) for i, p in enumerate(parts))


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("gb18030", lambda t: t.encode("gb18030")),
        ("utf8-bom-crlf", lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8")),
        ("cr", lambda t: t.replace("\n", "\r").encode("utf-8")),
        ("crlf-gb18030", lambda t: t.replace("\n", "\r\n").encode("gb18030")),
        ("mixed-ends", lambda t: t.replace("\n", "\r\n", 5).encode("utf-8")),
    ],
)
def test_fix_keeps_encoding_bom_and_line_ends(tmp_path, name, encode) -> None:
    original_text = SEED0.read_text("utf-8")
    path = tmp_path / f"{name}.txt"
    original = encode(original_text)
    path.write_bytes(original)
    source_text = decode(Source(str(path), original))
    expected = source_text.bom + _strip_lines(source_text.text).encode(source_text.encoding)
    assert expected != original

    r = nianbao("lint", "--fix", "--select", "N990", path)
    assert r.code == 0, r.out + r.err  # nothing remains
    assert path.read_bytes() == expected
    # line ends are all still there, each of its kind
    for end in (b"\r\n", b"\r", b"\n"):
        assert path.read_bytes().count(end) == original.count(end)
    assert "已修复" in r.out

    # fixing again changes nothing
    again = nianbao("lint", "--fix", "--select", "N990", path)
    assert again.code == 0 and path.read_bytes() == expected
    assert "已修复" not in again.out


def test_fix_keeps_the_file_mode_and_leaves_no_temporary_file(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("一、总体情况\n政务ζ公开\n", encoding="utf-8")
    os.chmod(path, 0o640)
    nianbao("lint", "--fix", "--select", "N990", path)
    assert path.read_text("utf-8") == "一、总体情况\n政务公开\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["r.txt"]


def test_fix_through_a_symlink_rewrites_the_target(tmp_path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("政务ζ公开\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    nianbao("lint", "--fix", "--select", "N990", link)
    assert link.is_symlink() and target.read_text("utf-8") == "政务公开\n"


def test_fix_reports_what_remains(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("一、总体情况\n今年 XXX 件，政务ζ公开。\n", encoding="utf-8")
    r = nianbao("lint", "--fix", "--select", "N99", "--format", "json", path)
    assert r.code == 1
    remaining = json.loads(r.out)
    assert [d["code"] for d in remaining] == ["N991"]  # unsafe: not applied without --unsafe-fixes
    assert (remaining[0]["line"], remaining[0]["column"]) == (2, 4)
    assert path.read_text("utf-8") == "一、总体情况\n今年 XXX 件，政务公开。\n"

    r = nianbao("lint", "--fix", "--unsafe-fixes", "--select", "N99", path)
    assert r.code == 0
    assert path.read_text("utf-8") == "一、总体情况\n今年 YYY 件，政务公开。\n"


def test_fixes_are_applied_in_rounds_until_stable(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("一、总体情况\nZZZZZ 与 ZZ\n", encoding="utf-8")
    r = nianbao("lint", "--fix", "--select", "N992", path)
    assert r.code == 0
    assert path.read_text("utf-8") == "一、总体情况\nZ 与 Z\n"  # N992 fixes one Z per run: five rounds
    assert "已修复 5 个问题" in r.out


def test_diff_writes_nothing(tmp_path) -> None:
    path = tmp_path / "r.txt"
    content = "一、总体情况\r\n政务ζ公开\r\n不变的一行\r\n".encode("gb18030")
    path.write_bytes(content)
    before = os.stat(path).st_mtime_ns
    r = nianbao("lint", "--diff", "--select", "N990", path)
    assert path.read_bytes() == content and os.stat(path).st_mtime_ns == before
    assert r.code == 1  # the file still has the problem
    assert f"--- {path}" in r.out and f"+++ {path}" in r.out
    assert "-政务ζ公开" in r.out and "+政务公开" in r.out
    assert "可修复 1 个问题" in r.err
    assert sorted(os.listdir(tmp_path)) == ["r.txt"]


def test_diff_with_nothing_to_fix(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("一、总体情况\n", encoding="utf-8")
    r = nianbao("lint", "--diff", "--select", "N990", path)
    assert r.code == 0 and r.out == ""


def test_stdin(tmp_path) -> None:
    data = "一、总体情况\r\n政务ζ公开\r\n".encode("gb18030")
    r = nianbao("lint", "--select", "N990", "--format", "concise", "-", stdin=data)
    assert r.code == 1 and r.out == "-:2:3: N990 乱码字符“ζ”\n"
    # with --fix the fixed text goes to stdout (same encoding), the remaining diagnostics to stderr
    r = nianbao("lint", "--fix", "--select", "N99", "-", stdin=data)
    assert r.out_bytes == "一、总体情况\r\n政务公开\r\n".encode("gb18030")
    assert r.code == 0 and "已修复 1 个问题" in r.err
    # nothing to fix: the input comes back unchanged
    r = nianbao("lint", "--fix", "--select", "N991", "-", stdin=data)
    assert r.out_bytes == data
    # --stdin-filename names it (and finds its configuration)
    (tmp_path / "nianbao.toml").write_text('select = ["X990"]\n', encoding="utf-8")
    r = nianbao("lint", "--format", "concise", "--stdin-filename", tmp_path / "in.txt", "-", stdin=data)
    assert r.out.startswith(f"{tmp_path / 'in.txt'}:1:1: X990")


def test_empty_stdin_exits_2() -> None:
    r = nianbao("lint", "-", stdin=b"")
    assert r.code == 2 and "为空" in r.err


def test_write_refused_when_the_text_does_not_round_trip() -> None:
    data = b"abc"
    text = Text("abd")  # a decoding that would not give the same bytes back
    with pytest.raises(WriteError) as err:
        encode_fixed(Source("x.txt", data), text, "ab")
    assert err.value.reason == "roundtrip"
    assert encode_fixed(Source("x.txt", b"\xef\xbb\xbfabc"), Text("abc", "utf-8", b"\xef\xbb\xbf"), "ab") == (
        b"\xef\xbb\xbfab"
    )
    with pytest.raises(WriteError) as err:
        encode_fixed(Source("x.txt", b"abc"), Text("abc", "ascii"), "a政")
    assert err.value.reason == "unencodable"


def _garbage_offsets(text: str) -> set[int]:
    out: set[int] = set()
    pos = 0
    for line in re.split(r"(?<=\n)", text):
        body = line.rstrip("\r\n")
        for a, b in garbage_spans(body):
            out.update(range(pos + a, pos + b))
        pos += len(line)
    return out


def test_fix_seed_000_removes_only_garbage_and_is_stable(tmp_path) -> None:
    """The real N rules on the real seed: only garbage characters go, and a second --fix changes nothing."""
    rules = json.loads(nianbao("rules", "--format", "json").out)
    garbage_rules = [
        rule["code"]
        for rule in rules
        if rule["code"].startswith("N") and "garbage" in rule["name"] and rule["module"].startswith("nianbao.")
    ]
    assert garbage_rules, "the built-in N rule for garbage characters is not installed yet"
    select = ",".join(garbage_rules)
    path = tmp_path / SEED0.name
    original = SEED0.read_bytes()
    path.write_bytes(original)
    before = original.decode("utf-8")

    first = nianbao("lint", "--fix", "--select", select, path)
    assert first.code in (0, 1), first.err
    after = path.read_text("utf-8")
    assert after != before
    garbage = _garbage_offsets(before)
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        assert op == "delete", (op, before[a1:a2], after[b1:b2])
        # garbage, and the spaces it left between two Chinese characters (政务ζ 公开 → 政务公开)
        padding = {i for i in range(a1, a2) if before[i] in " \u3000"}
        assert set(range(a1, a2)) - padding <= garbage, before[max(0, a1 - 10) : a2 + 10]
        assert set(range(a1, a2)) & garbage, before[max(0, a1 - 10) : a2 + 10]
    assert not _garbage_offsets(after), "garbage left after --fix"
    fixed_bytes = path.read_bytes()

    second = nianbao("lint", "--fix", "--select", select, path)
    assert path.read_bytes() == fixed_bytes
    assert second.code == 0, second.out  # nothing of it remains
    assert "已修复" not in second.out


@pytest.mark.parametrize("seed", [p.name[:3] for p in SEEDS])
def test_plain_fix_on_every_seed_deletes_garbage_characters_only(tmp_path, seed: str) -> None:
    """``--fix`` applies only certain fixes: on the seeds that is deleting garbage, nothing else."""
    source = seed_path(seed)
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    before = source.read_text("utf-8")
    nianbao("lint", "--fix", path)
    after = path.read_text("utf-8")
    garbage = _garbage_offsets(before)
    for op, a1, a2, _b1, _b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        assert op in ("equal", "delete"), (op, before[a1:a2])
        if op == "delete":
            # garbage, and the spaces it left between two Chinese characters (政务ζ 公开 → 政务公开)
            padding = {i for i in range(a1, a2) if before[i] in " \u3000"}
            assert set(range(a1, a2)) - padding <= garbage, before[max(0, a1 - 10) : a2 + 10]
            assert set(range(a1, a2)) & garbage, before[max(0, a1 - 10) : a2 + 10]
    fixed = path.read_bytes()
    nianbao("lint", "--fix", path)
    assert path.read_bytes() == fixed  # fixing twice changes nothing more
