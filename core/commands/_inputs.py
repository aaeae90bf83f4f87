"""Reading the files named on the command line, with clear errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from ..i18n import msg
from ..source import Source, SourceError

# text, and the documents reports are published and drafted as (an old .doc is found to say it is skipped)
PATTERNS = ("*.txt", "*.md", "*.markdown", "*.text", "*.html", "*.htm", "*.shtml", "*.docx", "*.pdf", "*.doc")


def expand(paths: list[str]) -> Iterator[str]:
    """Files, directories (searched recursively for reports) and ``-`` for stdin."""
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            found = sorted({f for pattern in PATTERNS for f in path.rglob(pattern) if f.is_file()})
            yield from (str(f) for f in found if not any(part.startswith(".") for part in f.parts[len(path.parts) :]))
        else:
            yield p


def load(path: str) -> Source:
    """The source of a path, or :class:`SourceError` with a reason for people."""
    if path == "-":
        return Source("-", sys.stdin.buffer.read())
    return Source.from_path(path)


def describe(err: SourceError, lang: str) -> str:
    key = f"error.{err.reason}"
    try:
        text = msg(key, lang, detail=err.detail)
    except KeyError:
        text = err.detail or err.reason
    return f"nianbao: {err.name}: {text}"
