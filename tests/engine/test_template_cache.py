"""The cache of the format files' reading: used only for the very bytes it was read from, never in the way.

The TOML files stay the only source: a changed file is read again at the next
run; a cache that is missing, stale, corrupt or cannot be written is passed
over in silence.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nianbao import template as tmod

from ..paths import SEEDS

FORMATS = Path(tmod.__file__).parent / "formats"


def _sources(folder: Path = FORMATS) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in tmod.FILES}


def _parsed(sources: dict[str, bytes]) -> dict[str, dict]:
    return {name: tomllib.loads(data.decode("utf-8")) for name, data in sources.items()}


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("formats-*.marshal"))


def test_a_second_reading_comes_from_the_cache_and_equals_the_toml(tmp_path) -> None:
    sources = _sources()
    first = tmod.read_formats(sources, str(tmp_path))
    assert first == _parsed(sources)
    [cache] = _cache_files(tmp_path)
    stamp = cache.stat().st_mtime_ns
    assert tmod.read_formats(sources, str(tmp_path)) == first
    assert cache.stat().st_mtime_ns == stamp  # read, not written again
    assert not list(tmp_path.glob("*.tmp"))


def test_a_changed_toml_file_is_read_again(tmp_path) -> None:
    folder = tmp_path / "formats"
    shutil.copytree(FORMATS, folder)
    cache = tmp_path / "cache"
    before = tmod.read_formats(_sources(folder), str(cache))
    spec = folder / "2021.toml"
    spec.write_text(spec.read_text("utf-8").replace("first_year = 2021", "first_year = 2022", 1), "utf-8")
    after = tmod.read_formats(_sources(folder), str(cache))
    assert before["2021.toml"]["first_year"] == 2021 and after["2021.toml"]["first_year"] == 2022
    assert after == _parsed(_sources(folder))
    spec.write_bytes((FORMATS / "2021.toml").read_bytes())  # and back
    assert tmod.read_formats(_sources(folder), str(cache)) == before


@given(st.binary(max_size=200))
def test_a_corrupt_cache_is_read_around(garbage: bytes) -> None:
    with tempfile.TemporaryDirectory() as cache:
        path = Path(cache) / f"formats-{sys.implementation.cache_tag}.marshal"
        path.write_bytes(garbage)
        assert tmod.read_formats(_sources(), cache) == _parsed(_sources())
        assert tmod.read_formats(_sources(), cache) == _parsed(_sources())  # rewritten, now read


@pytest.mark.parametrize("cut", [0, 1, 10, 1000, -1])
def test_a_truncated_or_foreign_cache_is_read_around(tmp_path, cut) -> None:
    sources = _sources()
    tmod.read_formats(sources, str(tmp_path))
    [cache] = _cache_files(tmp_path)
    whole = cache.read_bytes()
    cache.write_bytes(whole[:cut])
    assert tmod.read_formats(sources, str(tmp_path)) == _parsed(sources)
    assert cache.read_bytes() == whole  # written again


def test_a_cache_of_another_version_is_not_used(tmp_path, monkeypatch) -> None:
    sources = _sources()
    monkeypatch.setattr(tmod, "_cache_key", lambda: (tmod.CACHE_FORMAT, "0.0.0-other", sys.version))
    tmod.read_formats(sources, str(tmp_path))
    [cache] = _cache_files(tmp_path)
    other = cache.read_bytes()
    monkeypatch.undo()
    assert tmod.read_formats(sources, str(tmp_path)) == _parsed(sources)
    assert cache.read_bytes() != other  # replaced by this version's


def test_an_unwritable_cache_folder_is_passed_over(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert tmod.read_formats(_sources(), str(blocker / "nianbao")) == _parsed(_sources())
    occupied = tmp_path / "cache"
    occupied.mkdir()
    (occupied / f"formats-{sys.implementation.cache_tag}.marshal").mkdir()  # a folder where the file goes
    assert tmod.read_formats(_sources(), str(occupied)) == _parsed(_sources())
    assert not list(occupied.glob("*.tmp"))


def test_no_cache_folder_no_cache(tmp_path) -> None:
    assert tmod.read_formats(_sources(), None) == _parsed(_sources())


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"NIANBAO_CACHE_DIR": "/x/y"}, "/x/y"),
        ({"NIANBAO_CACHE_DIR": ""}, None),
        ({"XDG_CACHE_HOME": "/xdg"}, "/xdg/nianbao"),
        ({"XDG_CACHE_HOME": "relative/ignored", "HOME": "/home/u"}, "/home/u/.cache/nianbao"),
        ({"HOME": "/home/u"}, "/home/u/.cache/nianbao"),
    ],
)
def test_where_the_cache_is(monkeypatch, env, expected) -> None:
    for name in ("NIANBAO_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert tmod.cache_dir() == expected


_TEMPLATES = """
import dataclasses, json, sys
from nianbao.template import VERSIONS, template

def plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value

out = {v: plain(template(v)) for v in VERSIONS}
print(json.dumps({"templates": out, "tomllib": "tomllib" in sys.modules}))
"""


def _templates_in_a_new_process(cache: str) -> dict:
    env = {**os.environ, "NIANBAO_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, "-c", _TEMPLATES], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_templates_from_the_cache_are_those_from_the_toml_and_tomllib_is_not_imported(tmp_path) -> None:
    uncached = _templates_in_a_new_process("")
    first = _templates_in_a_new_process(str(tmp_path))
    second = _templates_in_a_new_process(str(tmp_path))
    assert uncached["tomllib"] and first["tomllib"]
    assert not second["tomllib"]  # a start-up with the cache neither imports tomllib nor parses TOML
    assert uncached["templates"] == first["templates"] == second["templates"]
    assert dataclasses.is_dataclass(tmod.template("2019"))  # (what plain() walks)


def test_lint_output_is_the_same_with_and_without_the_cache(tmp_path) -> None:
    def lint(cache: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "NIANBAO_CACHE_DIR": cache}
        env.pop("NIANBAO_LANG", None)
        return subprocess.run(
            [sys.executable, "-m", "nianbao", "lint", "--format", "json", *map(str, SEEDS)],
            capture_output=True,
            env=env,
            timeout=300,
        )

    without, writing, reading = lint(""), lint(str(tmp_path)), lint(str(tmp_path))
    assert _cache_files(tmp_path)
    assert without.returncode == writing.returncode == reading.returncode == 1
    assert without.stdout == writing.stdout == reading.stdout
    assert without.stderr == writing.stderr == reading.stderr == b""


def test_writers_racing_leave_one_whole_cache(tmp_path) -> None:
    """Threads (and processes) that miss the cache at once each write their own file and rename it over."""
    from concurrent.futures import ThreadPoolExecutor

    sources = _sources()
    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(lambda _: tmod.read_formats(sources, str(tmp_path)), range(16)))
    assert all(f == _parsed(sources) for f in found)
    assert len(_cache_files(tmp_path)) == 1 and not list(tmp_path.glob("*.tmp"))
    assert tmod._read_cache(str(_cache_files(tmp_path)[0]), tmod._cache_key(), sources) == _parsed(sources)


def test_a_report_of_one_version_builds_that_template_alone() -> None:
    """The sections (the same in both versions) come from common.toml: reading a 2019 report builds no 2021 template.

    Nor does linting one, unless a table cell is a lone character (N405 then asks which characters the
    format's words of both versions hold).
    """
    code = (
        "import sys\n"
        "from nianbao import Source, parse, template\n"
        "from nianbao.lint import Config, check_document\n"
        "report = parse(Source.from_path(sys.argv[1]))\n"
        "parsed = template.template.cache_info().currsize\n"
        "check_document(report, Config(select=['ALL']))\n"
        "print(report.template.version, parsed, template.template.cache_info().currsize)\n"
    )
    lone = 0
    for seed in SEEDS:
        done = subprocess.run([sys.executable, "-c", code, str(seed)], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        version, parsed, linted = done.stdout.split()
        assert version in tmod.VERSIONS and parsed == "1", (seed.name, done.stdout)
        one_character = any(len(w) == 1 for w in _label_words(seed))
        assert linted == ("2" if one_character else "1"), (seed.name, done.stdout)
        lone += one_character
    assert 0 < lone < len(SEEDS)  # both cases seen
    assert tmod.sections() is tmod.template("2019").sections is tmod.template("2021").sections
    common = tomllib.loads((FORMATS / "common.toml").read_text("utf-8"))
    assert [(s.number, s.title, list(s.variants), s.table) for s in tmod.sections()] == [
        (s["number"], s["title"], s.get("variants", []), s.get("table")) for s in common["sections"]
    ]


def _label_words(seed: Path) -> list[str]:
    from nianbao import Source, parse
    from nianbao.chars import is_cjk
    from nianbao.model import CellKind

    report = parse(Source.from_path(seed))
    words = [c.text.strip() for c in report.raw_cells if c.kind is CellKind.LABEL]
    return [w for w in words if w and all(is_cjk(ch) for ch in w)]


def test_the_suite_keeps_its_caches_out_of_the_users_folder(monkeypatch):
    """The suite's runs cache in a folder of their own (tests/conftest.py), not in ~/.cache/nianbao."""
    from nianbao.cachefiles import cache_dir

    ours = cache_dir()
    assert ours is not None and os.path.isdir(ours)
    monkeypatch.delenv("NIANBAO_CACHE_DIR")
    assert cache_dir() != ours
