"""nianbao's own regular expressions, compiled once and kept in the user's cache folder.

Python compiles a regular expression with Python code (``re._parser`` and ``re._compiler``): the
60-odd patterns a one-file ``lint`` needs cost about 70 M instructions of its start-up, more than
the interpreter's own start. What that compilation produces — the program ``_sre`` runs, its flags
and its groups — is kept in ``regex-<tag>.marshal`` in the cache folder of :func:`cachefiles.cache_dir`
and the patterns are rebuilt from it with ``_sre.compile``, which is the last step of
``re.compile`` itself (a pattern so built is equal to the one ``re.compile`` makes: same pattern,
flags and program).

Never a stale or a wrong program:

- an entry is looked up by the pattern's exact text and flags; the file is used only by the very
  interpreter (``sys.version``, ``_sre.MAGIC``, ``_sre.CODESIZE``) and nianbao version that wrote
  it, and only whole (a checksum over its entries);
- an entry is written only after the pattern rebuilt from it compared equal to the one
  ``re.compile`` made in that process;
- on another implementation than CPython, without the internals used here, or on any error,
  :func:`compile` is ``re.compile``.

The file is written (atomically: a temporary file renamed over it) by :func:`save`, which the
console script calls at its end when a pattern was not found in it; in-process callers never
write it. ``NIANBAO_CACHE_DIR=""`` turns the cache off.
"""

from __future__ import annotations

import os
import re
import sys

CACHE_FORMAT = 1  # of the cache file: raised when what it holds changes

try:  # CPython's internals the rebuilding needs (what they build is checked before it is kept)
    import _sre
    from re import _compiler, _parser

    _STAMP: tuple | None = (CACHE_FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE)
    _MAKE = _sre.compile
except (ImportError, AttributeError):  # another implementation: plain re.compile
    _STAMP = None


class RegexCache:
    """The patterns of one cache file (``path``; None: no file, every pattern compiled by ``re.compile``)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        # (pattern, flags) -> (flags, code, groups, groupindex, indexgroup): _sre.compile's other arguments
        self.programs: dict[tuple, tuple] | None = None  # read on first use
        self.missed: dict[tuple, re.Pattern] = {}  # compiled here by re.compile, not in the file yet
        self.made: dict[tuple, re.Pattern] = {}  # every pattern handed out: asked again, the same one

    def compile(self, pattern: str | bytes, flags: int = 0) -> re.Pattern:
        """``re.compile(pattern, flags)``, from the cached program when there is one."""
        key = (pattern, int(flags))
        made = self.made.get(key)
        if made is not None:
            return made
        if self.programs is None:
            self.programs = _load(self.path) if _STAMP is not None and self.path else {}
        found = self.programs.get(key)
        if found is not None:
            try:
                made = _MAKE(pattern, *found)
            except Exception:  # not a program this _sre takes (it validates every program): compile it
                del self.programs[key]
        if made is None:
            made = self.missed[key] = re.compile(pattern, flags)
        self.made[key] = made
        return made

    def save(self) -> None:
        """Write the patterns ``re.compile`` compiled here into the file, beside those read (never an error)."""
        if _STAMP is None or not self.path or not self.missed:
            return
        try:
            programs = dict(self.programs or {})
            for key, compiled in self.missed.items():
                program = _program(*key)
                if _MAKE(key[0], *program) == compiled:  # rebuilt exactly as re.compile made it, else not kept
                    programs[key] = program
            self.missed.clear()
            _write(self.path, programs)
        except Exception:  # internals other than expected: nothing written
            pass


_default: RegexCache | None = None


def _cache() -> RegexCache:
    global _default
    if _default is None:
        from .cachefiles import cache_dir

        folder = cache_dir()
        _default = RegexCache(os.path.join(folder, f"regex-{sys.implementation.cache_tag}.marshal") if folder else None)
    return _default


def compile(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the user's cache file when it holds the pattern."""
    return (_default or _cache()).compile(pattern, flags)


def prime(patterns: tuple[tuple[str | bytes, int], ...]) -> None:
    """Put ``patterns`` ((pattern, flags) pairs), from the cache, into ``re``'s own cache of compiled patterns.

    For code that is not nianbao's and compiles them with ``re`` (argparse, at every start-up): it then
    finds them compiled. ``re._cache`` is looked in first by ``re.compile``, ``re.match`` and the others
    (Python 3.11 to 3.13), keyed ``(type, pattern, flags)``; where it is not such a dict, nothing is done,
    and an entry ``re`` holds already is left as it is. A pattern so put equals the one ``re`` makes.
    """
    cache = getattr(re, "_cache", None)
    if _STAMP is None or not isinstance(cache, dict):
        return
    for pattern, flags in patterns:
        key = (type(pattern), pattern, flags)
        if key not in cache:
            cache[key] = compile(pattern, flags)


def save() -> None:
    """Write what this process compiled into the user's cache file (the console script, at its end)."""
    if _default is not None:
        _default.save()


def _program(pattern: str | bytes, flags: int) -> tuple:
    """The arguments ``re._compiler.compile`` passes to ``_sre.compile`` after ``pattern`` (as it computes them)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # as plain values (the compiler's opcodes and flags are int subclasses, which marshal does not take)
    code = [int(op) for op in code]
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))


def _stamp() -> tuple:
    from . import __version__

    return (*_STAMP, __version__)


def _load(path: str) -> dict[tuple, tuple]:
    """The cached programs, or none at all (no file, another interpreter or version, damaged, not ours)."""
    import marshal

    try:
        with open(path, "rb") as f:
            stamp, checksum, body = marshal.loads(f.read())
        if stamp != _stamp() or checksum != _checksum(body):
            return {}
        programs = marshal.loads(body)
        if not isinstance(programs, dict):
            return {}
        return programs
    except Exception:  # missing, unreadable, truncated, not a cache at all: compile
        return {}


def _checksum(body: bytes) -> int:
    from zlib import crc32

    return crc32(body)


def _write(path: str, programs: dict[tuple, tuple]) -> None:
    """Written whole or not at all, as the format cache is (a temporary file renamed over it)."""
    import marshal

    from .cachefiles import write_cache as _write_cache

    body = marshal.dumps(programs)
    _write_cache(path, (_stamp(), _checksum(body), body))
