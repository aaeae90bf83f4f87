"""The methods ``dataclasses`` and ``collections.namedtuple`` write at import, compiled once and kept.

``dataclasses`` writes the source of every method it makes (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, a frozen class's ``__setattr__`` …) and compiles it with ``exec``;
``collections.namedtuple`` (and so ``typing.NamedTuple``) compiles its ``__new__`` with ``eval``, and
``typing`` each string annotation of a ``NamedTuple`` with ``compile``.
At every start-up Python's parser and compiler ran on some 150 such little sources: about 80 M
instructions of a one-file ``lint``, a fifth of all it does. The console script (:func:`install`,
from :func:`nianbao.cli.entry`) gives those three modules, and only them, an ``exec``, an
``eval`` and a ``compile`` of their own: a source they were given is compiled once, and the code object (what a
``.pyc`` file holds for a module) kept in ``code-<command>-<tag>.marshal`` in the cache folder
(:func:`nianbao.cachefiles.cache_dir`); then the builtin runs it. ``exec(code, globals, locals)`` of
the code that ``compile(source, "<string>", "exec")`` makes is what ``exec(source, globals,
locals)`` does: the same code object, run the same way (``eval`` likewise).

Never another code object than the builtin would compile:

- an entry is looked up by the exact source text and mode; the file is used only by the very
  interpreter (``sys.version``, its optimisation level) and nianbao version that wrote it, and only
  whole (a checksum over its entries);
- its code is run, so the file is written for the user alone (mode 0600) and used only while it is
  the user's own and no one else may write it (a cache folder shared with others is passed over);
- an entry is written only when the code object read back from it equals the one compiled;
- anything else than a source string with its namespace given goes to the builtin unchanged, and a
  source that does not compile is left to the builtin to refuse;
- in-process callers (a program importing nianbao, the tests) never get these functions.

This module has no ``from __future__ import annotations`` on purpose: ``compile`` and the builtins
called here take the future flags of this module's code, which must be none, as in the modules
hooked (``dataclasses``, ``collections`` and ``typing`` have none either).

The file is written (atomically) by :func:`save`, which the console script calls at its end when a
source was not found in it. ``NIANBAO_CACHE_DIR=""`` turns the cache off.
"""

import builtins
import os
import sys
from types import CodeType

CACHE_FORMAT = 1  # of the cache file: raised when what it holds changes
# a file is read whole (about 2.3 M instructions per 100 KB of entries a run does not use): past this many times the
# entries the writing run used, only those are kept (the methods of classes since changed or gone, another plugin's)
KEPT = 2

_exec, _eval, _compile = builtins.exec, builtins.eval, builtins.compile
# CPython only: on another implementation what the builtins compile may not be a marshallable code object
_STAMP = (CACHE_FORMAT, sys.version, sys.flags.optimize) if sys.implementation.name == "cpython" else None


class CodeCache:
    """The compiled sources of one cache file (``path``; None: no file, every source compiled)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.codes: dict[tuple[str, str], CodeType] | None = None  # (mode, source) -> code object; read on first use
        self.missed: dict[tuple[str, str], CodeType] = {}  # compiled here, not in the file yet
        self.used: set[tuple[str, str]] = set()  # every key asked for in this process

    def code(self, source: str, mode: str) -> CodeType:
        """The code object ``compile(source, "<string>", mode, dont_inherit=True)`` makes, from the file if there."""
        key = (mode, source)
        codes = self.codes
        if codes is None:
            codes = self.codes = _load(self.path) if self.path else {}
        self.used.add(key)
        found = codes.get(key)
        if type(found) is not CodeType:  # not in the file (or not a code object there: compiled all the same)
            found = codes[key] = self.missed[key] = _compile(source, "<string>", mode, dont_inherit=True)
        return found

    def exec(
        self, source: object, globals: dict | None = None, locals: object = None, /, *args: object, **kwargs: object
    ) -> None:
        """``builtins.exec``; a source string with its globals given from compiled code."""
        if type(source) is str and globals is not None and not args and not kwargs:
            try:
                source = self.code(source, "exec")
            except Exception:  # the builtin raises what it raises (a SyntaxError) for it
                pass
        elif globals is None:  # the caller's namespace, as the builtin takes it (never so in the modules hooked)
            frame = sys._getframe(1)
            globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
        return _exec(source, globals, locals, *args, **kwargs)

    def eval(self, source: object, globals: dict | None = None, locals: object = None, /) -> object:
        """``builtins.eval``; a source string with its globals given from compiled code."""
        if type(source) is str and globals is not None:
            try:
                # the builtin strips leading blanks and tabs before it compiles a string
                source = self.code(source.lstrip(" \t"), "eval")
            except Exception:
                pass
        elif globals is None:
            frame = sys._getframe(1)
            globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
        return _eval(source, globals, locals)

    def compile(
        self,
        source: object,
        filename: object,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
        **kwargs: object,
    ) -> object:
        """``builtins.compile``; a source string compiled to a plain code object from the file if there."""
        if type(source) is str and filename == "<string>" and not flags and optimize == -1 and not kwargs:
            try:
                return self.code(source, mode)  # (this module has no future flags to inherit: as dont_inherit)
            except Exception:
                pass
        return _compile(source, filename, mode, flags, dont_inherit, optimize, **kwargs)

    def save(self) -> None:
        """Write what was compiled here into the file, beside what was read (never an error)."""
        if _STAMP is None or not self.path or not self.missed:
            return
        try:
            import marshal

            codes = dict(self.codes or {})
            for key, code in self.missed.items():
                if marshal.loads(marshal.dumps(code)) != code:  # not kept as it was made: compiled next time too
                    codes.pop(key, None)
            if len(codes) > KEPT * len(self.used):
                codes = {key: code for key, code in codes.items() if key in self.used}
            self.missed.clear()
            _write(self.path, codes)
        except Exception:  # internals other than expected: nothing written
            pass


_default: "CodeCache | None" = None


def install(command: str) -> None:
    """``collections``, ``dataclasses`` and ``typing`` compile through the user's cache file (the console script).

    One file per ``command`` (``code-lint-<tag>.marshal``): a file is read whole, so a lint does not read
    what only the language server or an export compiled (1.3 M instructions per 100 KB of entries).
    ``collections`` first: ``dataclasses`` imports ``inspect``, whose named tuples are then taken from the
    file too. Nothing is done without a cache folder (``NIANBAO_CACHE_DIR=""``) or outside CPython.
    """
    global _default
    if _STAMP is None or _default is not None:
        return
    from .cachefiles import cache_dir

    folder = cache_dir()
    if not folder:
        return
    _default = CodeCache(os.path.join(folder, f"code-{command}-{sys.implementation.cache_tag}.marshal"))
    import collections

    collections.eval = _default.eval
    import dataclasses

    dataclasses.exec = _default.exec
    import typing  # (its forward references of string annotations: NamedTuple fields under future annotations)

    typing.compile = _default.compile


def save() -> None:
    """Write what this process compiled into the user's cache file (the console script, at its end)."""
    if _default is not None:
        _default.save()


def _stamp() -> tuple:
    from . import __version__

    return (*_STAMP, __version__)


def _load(path: str) -> dict:
    """The cached code objects, or none at all (no file, another interpreter or version, damaged, not ours)."""
    import marshal

    try:
        with open(path, "rb") as f:
            if not _private(os.fstat(f.fileno())):
                return {}
            stamp, checksum, body = marshal.loads(f.read())
        if stamp != _stamp() or checksum != _checksum(body):
            return {}
        codes = marshal.loads(body)
        if not isinstance(codes, dict):
            return {}
        return codes
    except Exception:  # missing, unreadable, truncated, not a cache at all: compile
        return {}


def _checksum(body: bytes) -> int:
    from zlib import crc32

    return crc32(body)


def _private(st: os.stat_result) -> bool:
    """The file is the user's own and no one else can write it (its code is run: as ``ssh`` treats its keys)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # (no owners and modes to ask on Windows: the user's cache folder is the user's)
        return True
    return st.st_uid == getuid() and not st.st_mode & 0o022


def _write(path: str, codes: dict) -> None:
    """Written whole or not at all (a temporary file renamed over it), readable and writable by the user alone."""
    import marshal

    from .cachefiles import write_cache

    body = marshal.dumps(codes)
    write_cache(path, (_stamp(), _checksum(body), body), mode=0o600)
