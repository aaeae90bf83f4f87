"""What a one-file ``nianbao lint`` imports: modules it does not use stay out of its start-up (issue #11)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.paths import seed_path

from .conftest import nianbao

# runs ``nianbao ARGS`` in this process, then prints which of the WATCHED modules it imported
PROBE = """
import contextlib, io, sys
watched = sys.argv[1].split(",")
before = {m for m in watched if m in sys.modules}
from nianbao.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(sys.argv[2:])
imported = sorted(m for m in watched if m in sys.modules and m not in before)
import json  # (after looking: json is one of the watched)
print(json.dumps({"code": code, "imported": imported, "out": out.getvalue()}))
"""
WATCHED = ("pathlib", "json", "nianbao.baseline", "urllib.parse", "ipaddress")


def _imported(*args: str, cwd: str | None = None) -> dict:
    cmd = [sys.executable, "-c", PROBE, ",".join(WATCHED), *args]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=cwd).stdout)


@pytest.mark.parametrize("fmt", ["json", "text", "concise"])
def test_one_file_lint_imports_no_pathlib_nor_baseline(fmt: str) -> None:
    """pathlib (urllib.parse, ipaddress) was 4 % of the run; json is only for JSON output or a baseline."""
    found = _imported("lint", "--format", fmt, str(seed_path("003")))
    assert found["code"] in (0, 1)
    expected = ["json"] if fmt == "json" else []
    assert found["imported"] == expected
    if fmt == "json":
        assert isinstance(json.loads(found["out"]), list)  # the output is whole


def test_baseline_still_imports_what_it_needs(tmp_path) -> None:
    baseline = tmp_path / "baseline.json"
    seed = str(seed_path("003"))
    written = _imported("lint", "--write-baseline", str(baseline), seed)
    assert written["code"] == 0 and "nianbao.baseline" in written["imported"]
    used = _imported("lint", "--baseline", str(baseline), seed)
    assert used["code"] == 0 and "nianbao.baseline" in used["imported"]


def test_config_found_beside_a_bare_file_name(tmp_path) -> None:
    """A file named without a folder (``nianbao lint x.txt``): the configuration of the working folder applies.

    The search is in ``os.path`` now: the folder of ``x.txt`` is "" there, which must read as ".".
    """
    (tmp_path / "x.txt").write_bytes(seed_path("003").read_bytes())
    (tmp_path / "nianbao.toml").write_text('select = ["S101"]\n', encoding="utf-8")
    r = nianbao("lint", "--format", "json", "x.txt", cwd=tmp_path)
    codes = {d["code"] for d in json.loads(r.out)}
    assert codes <= {"S101"}
    # and the same selection when named with its folder
    r2 = nianbao("lint", "--format", "json", tmp_path / "x.txt", cwd=tmp_path.parent)
    assert {d["code"] for d in json.loads(r2.out)} == codes
    # without the configuration every rule runs: the selection above was the file's doing
    (tmp_path / "nianbao.toml").unlink()
    everything = {d["code"] for d in json.loads(nianbao("lint", "--format", "json", "x.txt", cwd=tmp_path).out)}
    assert everything - {"S101"}


def test_find_config_file_accepts_str_and_path_and_returns_a_resolved_path(tmp_path) -> None:
    from nianbao.config import find_config_file

    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (tmp_path / "nianbao.toml").write_text("", encoding="utf-8")
    want = (tmp_path / "nianbao.toml").resolve()
    for start in (inner, str(inner), inner / "missing.txt", str(inner / "missing.txt") + "/", f"{inner}/../b"):
        assert find_config_file(start) == want
    link = tmp_path / "link"
    link.symlink_to(inner, target_is_directory=True)
    assert find_config_file(link) == want


def test_version_builds_no_parser() -> None:
    """``nianbao --version`` prints without argparse (nor gettext, which argparse imports): 8 M instructions less."""
    found = _imported("--version")
    assert found["code"] == 0 and found["out"].startswith("nianbao ")
    probe = "import sys; from nianbao.cli import main; main(['--version']); "
    probe += "print(sorted({'argparse', 'gettext'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
    assert nianbao("--help").out.startswith(("用法", "usage"))  # the parser is still there when asked for
