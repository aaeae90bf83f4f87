"""Sources and decoded text.

A :class:`Source` is what a dialect reads: a name and the bytes as they were
found. :func:`decode` turns it into :class:`Text`, whose offsets, lines and
columns are the ones reported to users: the text is kept exactly as decoded
(line ends included), so a fix can be written back without touching anything
else.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

_NEWLINE = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters no text file holds

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


class SourceError(Exception):
    """A source that cannot be read as a report (empty, binary, undecodable).

    ``reason`` is a short machine-readable word; ``str(err)`` is for people.
    """

    def __init__(self, name: str, reason: str, detail: str = "") -> None:
        self.name = name
        self.reason = reason
        self.detail = detail
        super().__init__(f"{name}: {reason}{': ' + detail if detail else ''}")

    def __reduce__(self) -> tuple:  # crosses process boundaries (lint --jobs)
        return (SourceError, (self.name, self.reason, self.detail))


@dataclass(frozen=True)
class Source:
    """A report as found: its name (a path or URI) and its bytes."""

    name: str
    data: bytes

    @classmethod
    def from_path(cls, path: str) -> Source:
        """Read a file; an unreadable one raises :class:`SourceError` with the reason."""
        try:
            with open(path, "rb") as fh:
                return cls(str(path), fh.read())
        except FileNotFoundError:
            raise SourceError(str(path), "not_found") from None
        except IsADirectoryError:
            raise SourceError(str(path), "unreadable", "is a directory") from None
        except OSError as err:
            raise SourceError(str(path), "unreadable", err.strerror or str(err)) from None

    @classmethod
    def from_text(cls, name: str, text: str) -> Source:
        return cls(name, text.encode("utf-8"))


@dataclass(frozen=True)
class Line:
    """One line of a :class:`Text`; ``start``/``end`` are offsets without the line end."""

    number: int  # 1-based
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class Text:
    """Decoded text plus everything needed to write it back byte-for-byte."""

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(self.text))
        self._line_starts[:] = starts

    @cached_property
    def lines(self) -> list[Line]:
        out: list[Line] = []
        starts = self._line_starts
        text = self.text
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            # drop the line end (\r\n, \r or \n) from the line's own text
            while end > start and text[end - 1] in "\r\n":
                end -= 1
            out.append(Line(i + 1, start, end, text[start:end]))
        return out

    @cached_property
    def newline(self) -> str:
        """The dominant line end, used when a fix inserts a line."""
        counts: dict[str, int] = {}
        for m in _NEWLINE.finditer(self.text):
            counts[m.group()] = counts.get(m.group(), 0) + 1
        return max(counts, key=counts.__getitem__) if counts else "\n"

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count characters."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position` (clamped to the text)."""
        line = min(max(line, 1), len(self._line_starts))
        return min(self._line_starts[line - 1] + column - 1, len(self.text))

    def encode(self, text: str | None = None) -> bytes:
        """Bytes of ``text`` (default: this text) in the original encoding and BOM."""
        return self.bom + (self.text if text is None else text).encode(self.encoding)


def decode(source: Source) -> Text:
    """Decode a source's bytes, or raise :class:`SourceError` with a clear reason.

    UTF-8 (with or without BOM), UTF-16/32 with BOM and GB18030/GBK are read
    exactly; anything else is left to charset-normalizer's detection.
    """
    data = source.data
    if not data.strip():
        raise SourceError(source.name, "empty", "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(source, Text(data[len(bom) :].decode(encoding), encoding, bom))
            except UnicodeDecodeError as err:
                raise SourceError(source.name, "undecodable", f"invalid {encoding}: {err.reason}") from None
    if b"\x00" in data:
        raise SourceError(source.name, "binary", "the file is binary, not text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(source, Text(data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes  # only for the rare leftovers

    best = from_bytes(data).best()
    if best is None:
        raise SourceError(source.name, "undecodable", "unknown text encoding")
    return _checked(source, Text(str(best), best.encoding))


def _checked(source: Source, text: Text) -> Text:
    bad = len(_CONTROL.findall(text.text, 0, 4096))
    if bad > max(8, len(text.text[:4096]) // 50):
        raise SourceError(source.name, "binary", "the file is binary, not text")
    if not text.text.strip():
        raise SourceError(source.name, "empty", "the file has no text")
    return text
