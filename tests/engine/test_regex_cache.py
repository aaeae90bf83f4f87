"""The cache of compiled regular expressions: a pattern from it is the one ``re.compile`` makes, or it is not used.

A pattern rebuilt from the cache file must equal the freshly compiled one (same
pattern, flags and program: ``re.Pattern`` equality) and match the same; a file
that is missing, damaged, of another interpreter or version, or cannot be
written changes nothing but the time a start-up takes.
"""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nianbao import regex_cache
from nianbao.regex_cache import RegexCache

from ..paths import SEEDS

pytestmark = pytest.mark.skipif(regex_cache._STAMP is None, reason="the cache needs CPython's re internals")

FILE = f"regex-{sys.implementation.cache_tag}.marshal"

# pieces of patterns like those of the engine and the dialects: CJK literals and classes, named groups,
# alternations, lazy and bounded repeats, anchors, escapes, back-references
_ATOMS = st.sampled_from(
    [
        "年",
        "政府信息公开",
        r"\d",
        r"\d{1,3}",
        r"\s*",
        r"\S+",
        r"\w",
        "[一二三四五六]",
        "[（(]",
        "[^。；;，,\\d]{0,15}?",
        "[\u2e80-\u9fff]",
        "[\U00002190-\U000021ff]",
        "(?:增|减)?",
        "(?P<num>\\d+)",
        "(x)\\1",
        "^",
        "$",
        r"\b",
        ".",
        "a|b",
        "(?=年)",
        "(?<!月)",
        "[-—–－]+",
    ]
)
_PATTERNS = st.lists(_ATOMS, min_size=1, max_size=6).map("".join)
_FLAGS = st.sampled_from([0, re.IGNORECASE, re.MULTILINE, re.DOTALL, re.ASCII, re.IGNORECASE | re.MULTILINE])


def _compiles(pattern: str, flags: int) -> bool:
    try:
        re.compile(pattern, flags)
    except re.error:
        return False
    return True


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_PATTERNS, _FLAGS), min_size=1, max_size=5), st.text(max_size=40))
def test_patterns_from_the_cache_equal_those_re_compile_makes(patterns, text) -> None:
    patterns = [(p, f) for p, f in patterns if _compiles(p, f)]
    assume(patterns)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, FILE)
        first = RegexCache(path)
        for p, f in patterns:
            assert first.compile(p, f) == re.compile(p, f)
        first.save()
        assert os.path.isfile(path)
        second = RegexCache(path)
        for p, f in patterns:
            cached = second.compile(p, f)
            fresh = re.compile(p, f)
            assert cached == fresh and cached is not fresh  # rebuilt from the file, not re's own cache
            assert (cached.flags, cached.groups, cached.groupindex) == (fresh.flags, fresh.groups, fresh.groupindex)
            assert [m.span() for m in cached.finditer(text)] == [m.span() for m in fresh.finditer(text)]
        assert not second.missed  # every one found in the file


def _lint(cache: str, *files: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NIANBAO_CACHE_DIR": cache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run(
        [sys.executable, "-m", "nianbao", "lint", "--format", "json", *map(str, files)],
        capture_output=True,
        env=env,
        timeout=300,
    )


def test_every_pattern_a_lint_keeps_equals_re_compile_and_the_output_is_the_same(tmp_path) -> None:
    without = _lint("", *SEEDS)
    first = _lint(str(tmp_path), *SEEDS)  # writes the file
    path = tmp_path / FILE
    assert path.is_file()
    stamp = path.stat().st_mtime_ns
    second = _lint(str(tmp_path), *SEEDS)  # reads it: nothing new, not written again
    assert path.stat().st_mtime_ns == stamp
    assert without.returncode == first.returncode == second.returncode == 1
    assert without.stdout == first.stdout == second.stdout and without.stdout.startswith(b"[")
    kept = regex_cache._load(str(path))
    assert len(kept) >= 30
    cache = RegexCache(str(path))
    for pattern, flags in kept:
        assert cache.compile(pattern, flags) == re.compile(pattern, flags)
    assert not cache.missed


def _saved(folder: Path, patterns=(("(?P<y>\\d{4})\\s*年", 0), ("[（(]\\s*[一二三]\\s*[)）]", re.I))) -> Path:
    cache = RegexCache(str(folder / FILE))
    for p, f in patterns:
        cache.compile(p, f)
    cache.save()
    return folder / FILE


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=10_000))
def test_a_damaged_file_is_compiled_around(garbage: bytes, where: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _saved(Path(folder))
        data = path.read_bytes()
        where %= len(data)
        for damaged in (garbage, data[:where], data[:where] + garbage + data[where + len(garbage) :]):
            if damaged == data:
                continue
            path.write_bytes(damaged)
            cache = RegexCache(str(path))
            assert cache.compile("(?P<y>\\d{4})\\s*年") == re.compile("(?P<y>\\d{4})\\s*年")
            assert cache.compile("[（(]\\s*[一二三]\\s*[)）]", re.I) == re.compile("[（(]\\s*[一二三]\\s*[)）]", re.I)


def test_a_flipped_byte_in_a_program_is_caught_by_the_checksum(tmp_path) -> None:
    path = _saved(tmp_path)
    stamp, checksum, body = marshal.loads(path.read_bytes())
    programs = marshal.loads(body)
    key = ("(?P<y>\\d{4})\\s*年", 0)
    flags, code, *rest = programs[key]
    code[code.index(ord("年"))] = ord("月")  # a valid program, of another pattern
    path.write_bytes(marshal.dumps((stamp, checksum, marshal.dumps({**programs, key: (flags, code, *rest)}))))
    cache = RegexCache(str(path))
    assert cache.compile(*key) == re.compile(*key)
    assert cache.compile(*key).search("2021年") and key in cache.missed  # compiled, not taken from the file


def test_a_program_sre_refuses_is_compiled_instead(tmp_path) -> None:
    path = _saved(tmp_path)
    stamp, _, body = marshal.loads(path.read_bytes())
    programs = marshal.loads(body)
    key = ("(?P<y>\\d{4})\\s*年", 0)
    programs[key] = (programs[key][0], [999, 1, 2], *programs[key][2:])
    body = marshal.dumps(programs)
    path.write_bytes(marshal.dumps((stamp, regex_cache._checksum(body), body)))  # a well-formed file
    cache = RegexCache(str(path))
    assert cache.compile(*key) == re.compile(*key) and key in cache.missed


def test_a_file_of_another_version_or_interpreter_is_not_used(tmp_path, monkeypatch) -> None:
    path = _saved(tmp_path)
    monkeypatch.setattr(regex_cache, "_STAMP", (*regex_cache._STAMP[:1], "3.99.0 (other)", *regex_cache._STAMP[2:]))
    assert regex_cache._load(str(path)) == {}
    cache = RegexCache(str(path))
    cache.compile("(?P<y>\\d{4})\\s*年")
    assert cache.missed


def test_an_unwritable_folder_or_no_folder_is_passed_over(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = RegexCache(str(blocker / "nianbao" / FILE))
    assert cache.compile(r"\d+年") == re.compile(r"\d+年")
    cache.save()  # no error
    assert blocker.read_text() == "not a folder"
    none = RegexCache(None)
    assert none.compile(r"\d+年") == re.compile(r"\d+年")
    none.save()
    assert not list(tmp_path.glob("**/*.tmp"))


def test_a_pattern_asked_again_is_the_same_object(tmp_path) -> None:
    cache = RegexCache(str(tmp_path / FILE))
    assert cache.compile(r"\d+年") is cache.compile(r"\d+年")
    assert cache.compile(r"\d+年") is not cache.compile(r"\d+年", re.I)


def test_bytes_patterns_too(tmp_path) -> None:
    path = _saved(tmp_path, ((b"[\x80-\xff]+", 0), (rb"(?P<n>\d+)", re.M)))
    cache = RegexCache(str(path))
    assert cache.compile(b"[\x80-\xff]+") == re.compile(b"[\x80-\xff]+")
    assert cache.compile(rb"(?P<n>\d+)", re.M) == re.compile(rb"(?P<n>\d+)", re.M)
    assert not cache.missed


_ARGPARSE_RUN = """
import io, re, sys
from re import _compiler
from nianbao import cli
compiled = []
real = _compiler.compile
_compiler.compile = lambda p, flags=0: compiled.append((p, int(flags))) or real(p, flags)
args = cli.build_parser("lint").parse_args(["lint", "--format", "json", "--select", "A", "x.txt", "y.txt"])
from nianbao import regex_cache
regex_cache.save()
print(args.format, [c for c in compiled if c in cli._ARGPARSE_PATTERNS])
"""


def test_argparse_finds_its_patterns_compiled_from_the_cache(tmp_path) -> None:
    """The patterns argparse compiles at every start-up come from the cache, equal to what re makes."""
    from nianbao.cli import _ARGPARSE_PATTERNS

    assert (r"\s+", int(re.ASCII)) in _ARGPARSE_PATTERNS
    env = {**os.environ, "NIANBAO_CACHE_DIR": str(tmp_path)}
    runs = []
    for _ in range(2):  # the first compiles them and writes the cache, the second reads them from it
        done = subprocess.run(
            [sys.executable, "-c", _ARGPARSE_RUN],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        runs.append(done.stdout)
    assert runs[0].startswith("json [(") and "(-*A[A-]*)" in runs[0]  # the first run compiled them
    assert runs[1].strip() == "json []", runs[1]  # the second, none of them
    # what prime() leaves in re's cache is what re.compile makes
    cache = RegexCache(str(tmp_path / FILE))
    saved = {k: re.compile(*k) for k in _ARGPARSE_PATTERNS}
    for key in _ARGPARSE_PATTERNS:
        re._cache.pop((str, *key), None)  # type: ignore[attr-defined]
    old, regex_cache._default = regex_cache._default, cache
    try:
        regex_cache.prime(_ARGPARSE_PATTERNS)
    finally:
        regex_cache._default = old
    for key, pattern in saved.items():
        assert re._cache[(str, *key)] == pattern  # type: ignore[attr-defined]
    assert not cache.missed  # every one of them was in the file


_COMPILING_LINT = """
import sys
from re import _compiler
log = open(sys.argv[1], "a", encoding="utf-8")
real = _compiler.compile
def logged(p, flags=0):
    log.write(repr((p, int(flags))) + "\\n")
    log.flush()
    return real(p, flags)
_compiler.compile = logged
sys.argv = ["nianbao", *sys.argv[2:]]
from nianbao.cli import entry
entry()
"""


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the patterns the standard library compiles are 3.11's")
def test_a_warm_one_file_lint_compiles_no_regular_expression(tmp_path) -> None:
    """The console script, second run: every pattern (nianbao's, argparse's, gettext's, dataclasses', json's,
    rapidfuzz's) comes from the cache; none is compiled by Python's regex compiler. Output the same as without."""
    from nianbao.cli import _IMPORTED_PATTERNS

    env = {**os.environ, "NIANBAO_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    outputs, logs = [], []
    for run in range(2):
        log = tmp_path / f"compiled-{run}.txt"
        log.write_text("")
        done = subprocess.run(
            [sys.executable, "-c", _COMPILING_LINT, str(log), "lint", "--format", "json", str(SEEDS[3])],
            capture_output=True,
            env=env,
            timeout=300,
        )
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
        logs.append(log.read_text().splitlines())
    primed = {repr((p, f)) for p, f in _IMPORTED_PATTERNS}
    assert primed <= set(logs[0])  # the first run compiled the modules' own patterns (the list is right)
    assert logs[1] == []  # the second: nothing
    plain = _lint("", SEEDS[3])
    assert outputs[0] == outputs[1] == plain.stdout and plain.stdout.startswith(b"[")
