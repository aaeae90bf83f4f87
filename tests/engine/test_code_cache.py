"""The cache of compiled generated methods: a code object from it is the one the builtin compiles, or it is not used.

The console script lets ``dataclasses``, ``collections`` and ``typing`` compile the sources they write
(dataclass methods, a named tuple's ``__new__``, a string annotation) through :mod:`nianbao.code_cache`.
A class made so must be the class made without it: the same code objects (compared as code, and by
file name), defaults and behaviour, whether compiled in the process or read back from the file; a file
that is missing, damaged, of another interpreter or version, or cannot be written changes nothing but
the time a start-up takes.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import marshal
import os
import subprocess
import sys
import tempfile
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import code_cache
from nianbao.code_cache import CodeCache

from ..paths import SEEDS

pytestmark = pytest.mark.skipif(code_cache._STAMP is None, reason="the cache is for CPython's code objects")

FILE = f"code-lint-{sys.implementation.cache_tag}.marshal"
_METHODS = (
    "__init__",
    "__repr__",
    "__eq__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__hash__",
    "__setattr__",
    "__delattr__",
    "__getstate__",
    "__setstate__",
    "__new__",
)


@contextlib.contextmanager
def _through(cache: CodeCache | None):
    """``dataclasses``, ``collections`` and ``typing`` compiling through ``cache`` (None: the builtins)."""
    if cache is None:
        yield
        return
    hooked = ((dataclasses, "exec", cache.exec), (collections, "eval", cache.eval), (typing, "compile", cache.compile))
    for module, name, fn in hooked:
        assert name not in vars(module)  # nothing installed in the test process
        setattr(module, name, fn)
    try:
        yield
    finally:
        for module, name, _fn in hooked:
            delattr(module, name)


def _code_of(fn: object) -> tuple:
    code = fn.__code__  # type: ignore[attr-defined]
    return (code, code.co_filename, code.co_name, code.co_qualname, code.co_firstlineno, fn.__defaults__)  # type: ignore[attr-defined]


def _methods(cls: type) -> dict[str, tuple]:
    found = {}
    for name in _METHODS:
        fn = vars(cls).get(name)
        if isinstance(fn, staticmethod):
            fn = fn.__func__
        if callable(fn) and hasattr(fn, "__code__"):
            found[name] = _code_of(fn)
    return found


_NAMES = st.lists(st.sampled_from(["key", "label", "value", "unit", "年", "count", "span", "x_1"]), unique=True)
_DEFAULTS = st.sampled_from([None, 0, "元", (), "factory"])
_OPTIONS = st.fixed_dictionaries(
    {
        "frozen": st.booleans(),
        "eq": st.booleans(),
        "order": st.booleans(),
        "repr": st.booleans(),
        "unsafe_hash": st.booleans(),
        "slots": st.booleans(),
        "kw_only": st.booleans(),
    }
)


def _dataclass(names: list[str], defaults: list, options: dict, doc: bool) -> type:
    if options["order"] and not options["eq"]:
        options = {**options, "order": False}
    fields = []
    default_from = len(names) - len(defaults)
    for i, name in enumerate(names):
        if i < default_from:
            fields.append((name, int))
        elif defaults[i - default_from] == "factory":
            fields.append((name, list, dataclasses.field(default_factory=list)))
        else:
            fields.append((name, int | None, dataclasses.field(default=defaults[i - default_from])))
    namespace = {"__doc__": "A record."} if doc else {}
    return dataclasses.make_dataclass("Record", fields, namespace=namespace, **options)


@settings(max_examples=60, deadline=None)
@given(_NAMES, st.lists(_DEFAULTS, max_size=3), _OPTIONS, st.booleans(), st.lists(st.integers(-3, 3), max_size=8))
def test_dataclasses_from_the_cache_are_those_the_builtin_compiles(names, defaults, options, doc, values) -> None:
    defaults = defaults[: len(names)]
    plain = _dataclass(names, defaults, options, doc)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, FILE)
        first = CodeCache(path)
        with _through(first):
            compiled = _dataclass(names, defaults, options, doc)
        first.save()
        assert os.path.isfile(path) and first.codes
        second = CodeCache(path)
        with _through(second):
            cached = _dataclass(names, defaults, options, doc)
        assert not second.missed  # every method read back from the file
    assert _methods(plain) == _methods(compiled) == _methods(cached)
    assert _methods(plain)["__init__"]  # (the comparison is not vacuous)
    args = values[: len(names) - len(defaults)] + [0] * (len(names) - len(defaults) - len(values))
    made = [
        cls(*args) if not options["kw_only"] else cls(**dict(zip(names, args, strict=False)))
        for cls in (plain, compiled, cached)
    ]
    assert len({repr(m) if options["repr"] else type(m).__repr__ for m in made}) == 1
    assert [dataclasses.asdict(m) for m in made] == [dataclasses.asdict(made[0])] * 3
    assert [m == dataclasses.replace(m) for m in made] == [options["eq"]] * 3
    if options["frozen"] and names:
        for m in made:
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(m, names[0], 5)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["key", "value", "span", "row", "年份", "x"]), unique=True, min_size=1), st.booleans())
def test_named_tuples_and_string_annotations_from_the_cache_are_the_builtins(names, with_defaults) -> None:
    defaults = [None] * len(names) if with_defaults else None
    plain = collections.namedtuple("Row", names, defaults=defaults)
    plain_ref = typing.ForwardRef(f"dict[str, {names[0]!s} | None]")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, FILE)
        first = CodeCache(path)
        with _through(first):
            collections.namedtuple("Row", names, defaults=defaults)
            typing.ForwardRef(f"dict[str, {names[0]!s} | None]")
        first.save()
        second = CodeCache(path)
        with _through(second):
            cached = collections.namedtuple("Row", names, defaults=defaults)
            ref = typing.ForwardRef(f"dict[str, {names[0]!s} | None]")
        assert not second.missed
    assert _code_of(plain.__new__) == _code_of(cached.__new__)
    assert cached(*range(len(names))) == plain(*range(len(names)))
    code = ref.__forward_code__
    assert (code, code.co_filename) == (plain_ref.__forward_code__, plain_ref.__forward_code__.co_filename)


def test_what_the_builtins_refuse_or_take_from_the_caller_is_unchanged(tmp_path) -> None:
    cache = CodeCache(str(tmp_path / FILE))
    for bad in ("def (:", "x = 1\0"):
        with pytest.raises((SyntaxError, ValueError)) as plain:
            exec(bad, {})
        with pytest.raises(type(plain.value)):
            cache.exec(bad, {})
    assert cache.eval(" \t1 + 2", {}) == eval(" \t1 + 2", {}) == 3  # leading blanks, as the builtin strips them
    with pytest.raises(SyntaxError):
        cache.compile("1 +", "<string>", "eval")
    assert cache.compile("x", "other.py", "eval").co_filename == "other.py"  # not from the cache
    here = 41
    assert cache.eval("here + 1") == here + 1  # no namespace given: the caller's, as the builtin takes it
    namespace: dict = {}
    cache.exec("import sys as _s\ny = 2", namespace)
    assert namespace["y"] == 2 and "__builtins__" in namespace
    code = compile("z = 3", "<string>", "exec")
    cache.exec(code, namespace)  # a code object: run as given
    assert namespace["z"] == 3
    assert not any(key[1].startswith(("def (", "x = 1")) for key in cache.codes or {})


def _lint(cache: str, *files: Path, args: tuple = ("--format", "json")) -> subprocess.CompletedProcess:
    env = {**os.environ, "NIANBAO_CACHE_DIR": cache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run(
        [sys.executable, "-m", "nianbao", "lint", *args, *map(str, files)],
        capture_output=True,
        env=env,
        timeout=300,
    )


def test_a_lint_through_the_cache_is_the_same_and_every_entry_is_the_builtins(tmp_path) -> None:
    without = _lint("", *SEEDS)
    first = _lint(str(tmp_path), *SEEDS)  # writes the file
    path = tmp_path / FILE
    assert path.is_file()
    stamp = path.stat().st_mtime_ns
    second = _lint(str(tmp_path), *SEEDS)  # reads it: nothing new, not written again
    assert path.stat().st_mtime_ns == stamp
    assert without.returncode == first.returncode == second.returncode == 1
    assert without.stdout == first.stdout == second.stdout and without.stdout.startswith(b"[")
    assert without.stderr == first.stderr == second.stderr == b""
    text = [_lint(cache, *SEEDS, args=("--lang", "en")) for cache in ("", str(tmp_path))]
    assert text[0].stdout == text[1].stdout and text[0].returncode == text[1].returncode
    kept = code_cache._load(str(path))
    assert sum(mode == "exec" for mode, _ in kept) >= 60  # the engine's dataclasses' methods
    assert sum(mode == "eval" for mode, _ in kept) >= 20  # its named tuples and their annotations
    for (mode, source), code in kept.items():
        assert code == compile(source, "<string>", mode, dont_inherit=True)
        assert code.co_filename == "<string>"


def _saved(folder: Path) -> Path:
    cache = CodeCache(str(folder / FILE))
    cache.code("def f(self, a, b=1):\n  self.a = a", "exec")
    cache.code("lambda _cls, a, b: _tuple_new(_cls, (a, b))", "eval")
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
            cache = CodeCache(str(path))
            namespace: dict = {}
            cache.exec("def f(self, a, b=1):\n  self.a = a", namespace)
            plain: dict = {}
            # (compiled as in a module with no future flags: this one's would be inherited, and be in the code)
            exec(compile("def f(self, a, b=1):\n  self.a = a", "<string>", "exec", dont_inherit=True), plain)
            assert _code_of(namespace["f"]) == _code_of(plain["f"])


def test_a_changed_code_object_is_caught_by_the_checksum(tmp_path) -> None:
    path = _saved(tmp_path)
    stamp, checksum, body = marshal.loads(path.read_bytes())
    codes = marshal.loads(body)
    key = ("exec", "def f(self, a, b=1):\n  self.a = a")
    other = compile("def f(self, a, b=2):\n  self.b = a", "<string>", "exec", dont_inherit=True)
    codes[key] = other  # valid code, of another source
    path.write_bytes(marshal.dumps((stamp, checksum, marshal.dumps(codes))))
    cache = CodeCache(str(path))
    assert cache.code(*reversed(key)) == compile(key[1], "<string>", "exec", dont_inherit=True)
    assert key in cache.missed  # compiled, not taken from the file


def test_a_file_of_another_version_or_interpreter_is_not_used(tmp_path, monkeypatch) -> None:
    path = _saved(tmp_path)
    assert code_cache._load(str(path))
    monkeypatch.setattr(code_cache, "_STAMP", (code_cache._STAMP[0], "3.99.0 (other)", *code_cache._STAMP[2:]))
    assert code_cache._load(str(path)) == {}
    monkeypatch.setattr(code_cache, "_STAMP", (*code_cache._STAMP[:2], 2))  # written without -OO, read with it
    assert code_cache._load(str(path)) == {}


def test_an_unwritable_folder_or_no_folder_is_passed_over(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = CodeCache(str(blocker / "nianbao" / FILE))
    assert cache.eval("1 + 1", {}) == 2
    cache.save()  # no error
    assert blocker.read_text() == "not a folder"
    none = CodeCache(None)
    assert none.eval("1 + 1", {}) == 2
    none.save()
    assert not list(tmp_path.glob("**/*.tmp"))


def test_past_twice_what_a_run_used_only_its_entries_are_kept(tmp_path) -> None:
    """Entries of other runs stay (a lint of a PDF beside one of a text) until the file holds more than twice what
    the writing run used; then only that run's are kept (a file is read whole: what no run uses must not pile up)."""
    path = str(tmp_path / FILE)
    first = CodeCache(path)
    for i in range(3):
        first.code(f"x + {i}", "eval")
    first.save()
    second = CodeCache(path)
    second.code("x + 0", "eval")
    second.code("x + 9", "eval")  # new: the file is written, with the first run's two others (4 <= 2 x 2)
    second.save()
    assert set(code_cache._load(path)) == {("eval", f"x + {i}") for i in (0, 1, 2, 9)}
    third = CodeCache(path)
    third.code("y", "eval")  # 5 entries > 2 x 1 used: only this run's kept
    third.save()
    assert set(code_cache._load(path)) == {("eval", "y")}


def test_only_the_console_script_installs_it() -> None:
    """A program importing nianbao (the tests too) keeps its builtins: nothing is put into the modules."""
    from nianbao.cli import main

    assert main(["lint", "--format", "json", str(SEEDS[0])]) == 1
    assert "exec" not in vars(dataclasses) and "eval" not in vars(collections) and "compile" not in vars(typing)


def test_an_entry_that_is_no_code_object_is_compiled_instead(tmp_path) -> None:
    path = _saved(tmp_path)
    stamp, _, body = marshal.loads(path.read_bytes())
    codes = marshal.loads(body)
    key = ("exec", "def f(self, a, b=1):\n  self.a = a")
    for wrong in (12, b"\xff garbage", None):
        codes[key] = wrong
        body = marshal.dumps(codes)
        path.write_bytes(marshal.dumps((stamp, code_cache._checksum(body), body)))  # a well-formed file
        cache = CodeCache(str(path))
        assert cache.code(key[1], "exec") == compile(key[1], "<string>", "exec", dont_inherit=True)
        assert key in cache.missed


def test_each_command_has_its_own_file(tmp_path) -> None:
    """A lint reads only what lint runs compiled (a file is read whole): parse writes a file of its own."""
    env = {**os.environ, "NIANBAO_CACHE_DIR": str(tmp_path)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    run = [sys.executable, "-m", "nianbao"]
    done = subprocess.run([*run, "parse", "--format", "json", str(SEEDS[0])], capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / FILE.replace("code-lint-", "code-parse-")).is_file() and not (tmp_path / FILE).exists()
    for args in (["--version"], ["--help"]):  # no command run: nothing compiled through it, nothing written
        assert subprocess.run([*run, *args], capture_output=True, env=env, timeout=300).returncode == 0
    assert sorted(p.name for p in tmp_path.glob("code-*")) == [FILE.replace("code-lint-", "code-parse-")]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX")
def test_the_file_is_the_users_alone_or_it_is_not_used(tmp_path) -> None:
    """Its code is run: written with mode 0600, and passed over once someone else may write it."""
    path = _saved(tmp_path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert code_cache._load(str(path))
    for loose in (0o620, 0o602, 0o666):
        path.chmod(loose)
        assert code_cache._load(str(path)) == {}
        cache = CodeCache(str(path))
        cache.code("x + 1", "eval")
        assert ("eval", "x + 1") in cache.missed  # compiled, not taken from the file
    path.chmod(0o644)  # others may read it: still the user's own to write
    assert code_cache._load(str(path))
