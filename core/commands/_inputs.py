"""Reading the files named on the command line, with clear errors."""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..i18n import msg
from ..source import MAX_BYTES, Source, SourceError, format_size

if TYPE_CHECKING:
    from rich.console import Console

# text, and the documents reports are published and drafted as (an old .doc is found to say it is skipped)
PATTERNS = ("*.txt", "*.md", "*.markdown", "*.text", "*.html", "*.htm", "*.shtml", "*.docx", "*.pdf", "*.doc")


def expand(paths: list[str]) -> Iterator[str]:
    """Files, directories (searched recursively for reports) and ``-`` for stdin.

    A folder's search yields every entry whose name matches :data:`PATTERNS`
    and that is no folder — FIFOs and devices too, so that reading them fails
    with a message instead of their being passed over in silence. Hidden
    entries are skipped; symbolic links to folders are not followed (no loops).
    """
    for p in paths:
        if p != "-" and os.path.isdir(p):
            yield from _walk(p)
        else:
            yield p


def _walk(top: str) -> Iterator[str]:
    found = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and any(fnmatch.fnmatch(name.lower(), p) for p in PATTERNS):
                found.append(os.path.join(folder, name))
    yield from sorted(found)


def load(path: str, max_bytes: int = MAX_BYTES) -> Source:
    """The source of a path, or :class:`SourceError` with a reason for people."""
    if path == "-":
        return read_stdin(max_bytes)
    return Source.from_path(path, max_bytes)


def read_stdin(max_bytes: int = MAX_BYTES, name: str = "-") -> Source:
    """Standard input, at most ``max_bytes`` (an endless pipe is cut off with an error)."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(name, "over_limit", format_size(max_bytes))
    return Source(name, data)


def describe(err: SourceError, lang: str) -> str:
    key = f"error.{err.reason}"
    detail = err.detail
    if err.reason == "not_regular":
        detail = msg(f"kind.{detail}", lang)
    try:
        text = msg(key, lang, detail=detail)
    except KeyError:
        text = detail or err.reason
    return f"nianbao: {err.name}: {text}"


def stdout_gone() -> None:
    """Standard output's reader went away: send what is left (and Python's final flush) to the void."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@contextlib.contextmanager
def output_may_be_cut() -> Iterator[None]:
    """The reader of standard output may go away (``| head -1``): the rest is dropped, the exit status kept."""
    try:
        yield
    except BrokenPipeError:
        stdout_gone()


@functools.cache
def _console_class() -> type[Console]:
    from rich.console import Console  # Rich is loaded only for output that uses it

    class StdoutConsole(Console):
        def on_broken_pipe(self) -> None:  # Rich's own exits 1, whatever the command's status
            self.quiet = True
            stdout_gone()

    return StdoutConsole


def stdout_console(**options: Any) -> Console:
    """A Rich console on standard output whose reader may go away: the rest is dropped, the status kept."""
    return _console_class()(**options)
