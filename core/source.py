"""Sources and decoded text.

A :class:`Source` is what a dialect reads: a name and the bytes as they were
found. :func:`decode` turns it into :class:`Text`, whose offsets, lines and
columns are the ones reported to users: the text is kept exactly as decoded
(line ends included), so a fix can be written back without touching anything
else.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from . import regex_cache

_NEWLINE = regex_cache.compile(r"\r\n|\r|\n")
# Control characters no text file holds (tab, line ends and form feed are text). A few are a finding
# (N406) at their place; a text made of many is no text at all.
CONTROL_CHARACTERS = regex_cache.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
BINARY_SHARE = 50  # more than one character in 50 a control character (and at least 8): binary
_CONTROL_BYTES = bytes(b for b in range(32) if CONTROL_CHARACTERS.match(chr(b)))

# First bytes of files that are no text (images, archives, programs). PDF, Word and zip are found by
# document_kind; everything else is judged by its share of control characters.
_BINARY_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"\x7fELF",
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\xfd7zXZ\x00",
    b"SQLite format 3\x00",
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


MAX_BYTES = 50 * 1024 * 1024  # a report is at most a few MB; an endless or huge file is refused


def format_size(n: int) -> str:
    """``52428800`` → ``50 MB`` (binary units, as ``du -h`` counts)."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} B"


def parse_size(value: object) -> int:
    """``"50MB"``, ``"512 KB"``, ``"2G"`` or a number of bytes → bytes; ``ValueError`` otherwise."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)(?:I?B)?\s*", str(value), re.IGNORECASE)
    if not m or isinstance(value, bool) or float(m.group(1)) <= 0:
        raise ValueError(f"{value!r} is not a size (e.g. 50MB, 512KB, 1048576)")
    return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()])


# what a path that is no regular file is (SourceError.detail of "not_regular")
_KINDS = ((stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"), (stat.S_ISSOCK, "socket"))


def _check_regular(name: str, st: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise SourceError(name, "unreadable", "is a directory")
    if not stat.S_ISREG(st.st_mode):
        kind = next((k for test, k in _KINDS if test(st.st_mode)), "other")
        raise SourceError(name, "not_regular", kind)
    if st.st_size > limit:
        raise SourceError(name, "over_limit", format_size(limit))


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
    def from_path(cls, path: str, max_bytes: int | None = None) -> Source:
        """Read a regular file; anything else raises :class:`SourceError` with the reason.

        The file is checked before it is opened, so a FIFO or a device never blocks
        the run; it is opened without blocking and checked again (it may have been
        swapped meanwhile). At most ``max_bytes`` (default :data:`MAX_BYTES`) are read.
        """
        limit = MAX_BYTES if max_bytes is None else max_bytes
        name = str(path)
        try:
            _check_regular(name, os.stat(path), limit)
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            raise SourceError(name, "not_found") from None
        except OSError as err:
            raise SourceError(name, "unreadable", err.strerror or str(err)) from None
        try:
            _check_regular(name, os.fstat(fd), limit)
            with os.fdopen(fd, "rb") as fh:
                fd = -1
                data = fh.read(limit + 1)
        except OSError as err:
            raise SourceError(name, "unreadable", err.strerror or str(err)) from None
        finally:
            if fd >= 0:
                os.close(fd)
        if len(data) > limit:  # it grew after the check
            raise SourceError(name, "over_limit", format_size(limit))
        return cls(name, data)

    @classmethod
    def from_text(cls, name: str, text: str) -> Source:
        return cls(name, text.encode("utf-8"))


@dataclass(unsafe_hash=True, slots=True)  # a value, not frozen: see Span (a report has hundreds of lines)
class Line:
    """One line of a :class:`Text`; ``start``/``end`` are offsets without the line end."""

    number: int  # 1-based
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


class Place(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """Where the characters ``start:end`` of a document's text stand in the document itself.

    ``where`` is what a person looks for: ``{"page": 3, "x0": …, "top": …, "x1": …, "bottom": …}``
    (PDF, points from the page's top left), ``{"paragraph": 12}`` or ``{"table": 2, "row": 5,
    "column": 3}`` (Word), ``{"line": 120, "column": 9}`` (HTML: the .html file's line and column).
    ``source`` is the offset in the decoded source file when the source is text (HTML), else -1.
    """

    start: int
    end: int
    where: dict[str, Any]
    source: int = -1


@dataclass(eq=False)  # compared by identity only: no __eq__ to generate (start-up)
class DocumentMap:
    """How a document (HTML, Word, PDF) was laid out as text: its kind and its places, in text order."""

    kind: str  # "html", "docx", "pdf"
    places: list[Place] = field(default_factory=list)
    source_starts: list[int] | None = None  # line starts of the decoded source file, when it is text (HTML)

    def __post_init__(self) -> None:
        self.places.sort(key=lambda p: p.start)
        self._starts = [p.start for p in self.places]

    def place(self, offset: int) -> Place | None:
        """The place holding ``offset`` (else the nearest one before it)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.places[0] if self.places else None
        return self.places[i]

    def locate(self, offset: int) -> dict[str, Any] | None:
        """The document location of a text offset, as ``parse``/``lint`` JSON carry it."""
        found = self.place(offset)
        return dict(found.where) if found else None

    def source_offset(self, offset: int) -> int | None:
        """The offset in the decoded source file (HTML only) of a text offset."""
        found = self.place(offset)
        if found is None or found.source < 0:
            return None
        return found.source + max(0, min(offset - found.start, found.end - found.start))

    def source_position(self, offset: int) -> tuple[int, int] | None:
        """1-based (line, column) in the source file (HTML) of a text offset."""
        at = self.source_offset(offset)
        if at is None or not self.source_starts:
            return None
        i = bisect.bisect_right(self.source_starts, at) - 1
        return i + 1, at - self.source_starts[i] + 1


@dataclass(frozen=True)
class Text:
    """Decoded text plus everything needed to write it back byte-for-byte.

    ``tail`` holds the bytes of a character cut off at the end of the file: not text, so no
    offset points into them and no fix touches them, but written back after the text.

    A document (HTML, Word, PDF) is read into the text of its paragraphs and
    table rows; ``document`` then maps that text back to places in the
    document, and the text cannot be written back (it is not the file).
    """

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    document: DocumentMap | None = field(default=None, repr=False, compare=False)
    tail: bytes = b""  # bytes after the text that are no whole character (a file cut mid-character), kept
    # bytes inside the file that are no text in its encoding: (offset of the U+FFFD read in their place, the bytes)
    undecodable: tuple[tuple[int, bytes], ...] = field(default=(), compare=False)

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

    def line_number(self, offset: int) -> int:
        """1-based line of an offset: ``position(offset)[0]``, for the loops that need only it."""
        return bisect.bisect_right(self._line_starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset; columns count characters."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position` (clamped to the text)."""
        line = min(max(line, 1), len(self._line_starts))
        return min(self._line_starts[line - 1] + column - 1, len(self.text))

    def encode(self, text: str | None = None) -> bytes:
        """Bytes of ``text`` (default: this text) in the original encoding and BOM, the cut tail after it.

        This text itself encodes to the original bytes, undecodable ones included; another text of one
        that had undecodable bytes cannot (where they stood is no longer known): ``ValueError``.
        """
        if not self.undecodable:
            return self.bom + (self.text if text is None else text).encode(self.encoding) + self.tail
        if text is not None and text != self.text:
            raise ValueError("a text with undecodable bytes cannot be rewritten")
        out, last = [self.bom], 0
        for at, raw in self.undecodable:
            out += [self.text[last:at].encode(self.encoding), raw]
            last = at + 1
        return b"".join([*out, self.text[last:].encode(self.encoding), self.tail])


# Cell marks other than "|": full-width ｜ (typed in a Chinese input method), and box-drawing tables
# (│ between cells, ─ ┼ ├ … in the rules between rows). One character for one, so offsets hold.
_BOX_RULES = "┼├┤┬┴┌┐└┘╋┣┫┳┻┏┓┗┛╬╠╣╦╩╔╗╚╝╪╞╡╤╧╒╕╘╛╫╟╢╥╨╓╖╙╜"
_AS_PIPES = str.maketrans({**dict.fromkeys("｜│┃║" + _BOX_RULES, "|"), **dict.fromkeys("─━═", "-")})
_OTHER_MARKS = regex_cache.compile("[｜│┃║]")


def with_pipe_marks(text: Text) -> Text:
    """``text`` as the dialects read it: ``｜`` and box-drawing rules written as ``|`` and ``-``.

    The same text (the same object) when it has none; the report keeps the text as written.
    """
    if text.document is not None or _OTHER_MARKS.search(text.text) is None:
        return text
    return Text(text.text.translate(_AS_PIPES), text.encoding, text.bom, tail=text.tail)


def locate(text: Text | None, offset: int) -> dict[str, Any] | None:
    """The document location of an offset of ``text`` (None for plain text)."""
    if text is None or text.document is None:
        return None
    return text.document.locate(offset)


def describe_location(where: dict[str, Any] | None, lang: str = "zh") -> str:
    """A document location for people: "第3页 (x 120, y 340)", "第12段", "表2 第5行第3列", "第120行第9列"."""
    if not where:
        return ""
    zh = lang != "en"
    if "page" in where:
        x, y = round(where.get("x0", 0)), round(where.get("top", 0))
        return f"第{where['page']}页 ({x}, {y})" if zh else f"page {where['page']} ({x}, {y})"
    if "table" in where:
        t, r, c = where["table"], where["row"], where["column"]
        return f"表格{t} 第{r}行第{c}列" if zh else f"table {t}, row {r}, column {c}"
    if "paragraph" in where:
        return f"第{where['paragraph']}段" if zh else f"paragraph {where['paragraph']}"
    if "line" in where:
        return f"第{where['line']}行第{where['column']}列" if zh else f"line {where['line']}, column {where['column']}"
    return ""


MAX_HTML_BYTES = 20 * 1024 * 1024  # a report's page is well under 2 MB; a page beyond this is something else

# Containers of documents, by their first bytes; a zip is a Word file when it holds word/document.xml.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Word .doc / .xls / .wps
# Patterns only some files need are compiled on first use (by ``re``'s own cache), not at every start-up.
_MARKUP = rb"(?i)<(?:!doctype\s+html|html|head|body|meta|table|div|p)[\s>/]"
_META_CHARSET = rb"""(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)"""
# Pages say gb2312 or gbk but are often written in GB18030, of which both are subsets.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
}


def document_kind(data: bytes) -> str | None:
    """What kind of document the bytes are, from their content: "pdf", "docx", "html", "doc", "zip", or None (text)."""
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx" if b"word/" in data[:65536] or b"word/" in data[-65536:] else "zip"
    if head.startswith(_OLE2):
        return "doc"
    text_head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if text_head[:1] == b"<" and re.search(_MARKUP, data[:65536]):
        return "html"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in ``<meta charset>`` or ``http-equiv`` (normalised), if any."""
    m = re.search(_META_CHARSET, data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    return _CHARSET_ALIASES.get(name, name)


def decode(source: Source) -> Text:
    """Decode a source's bytes, or raise :class:`SourceError` with a clear reason.

    UTF-8 (with or without BOM), UTF-16/32 with BOM and GB18030/GBK are read
    exactly; an HTML page's declared charset is used when the bytes are not
    UTF-8; anything else is left to charset-normalizer's detection.

    Binary is what starts with an image, archive or program signature, or has
    more than one control character in :data:`BINARY_SHARE` (a NUL is one). A
    few control characters are text: read, kept, and reported by N406.
    """
    data = source.data
    if not data.strip():
        raise SourceError(source.name, "empty", "the file is empty")
    kind = document_kind(data)
    if kind == "html" and len(data) > MAX_HTML_BYTES:
        raise SourceError(source.name, "too_large", f"{len(data) // 2**20} MB")
    if kind in ("pdf", "docx"):
        raise SourceError(source.name, "document", f"a {kind.upper()} document, not text")
    if kind == "doc":
        raise SourceError(source.name, "old_doc")
    if kind == "zip" or data.startswith(_BINARY_SIGNATURES):
        raise SourceError(source.name, "binary", "the file is binary, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(source, _decoded(data[len(bom) :], encoding, bom))
            except UnicodeDecodeError as err:
                lenient = _lenient(data[len(bom) :], encoding, bom)
                if lenient is None:
                    raise SourceError(source.name, "undecodable", f"invalid {encoding}: {err.reason}") from None
                return _checked(source, lenient)
    if _many(data.count(b"\x00"), len(data)):
        # many NULs: UTF-16 without a byte-order mark (ASCII characters have a zero byte), or binary
        return _checked(source, _utf16_without_bom(source))
    if _many(len(data) - len(data.translate(None, _CONTROL_BYTES)), len(data)):
        # in UTF-8 and GB18030 a control character is its byte: no need to decode to see it is binary
        raise SourceError(source.name, "binary", "the file is binary, not text")
    declared = declared_charset(data) if kind == "html" else None
    candidates = tuple(dict.fromkeys(("utf-8", *([declared] if declared else ()), "gb18030")))
    for encoding in candidates:
        try:
            return _checked(source, _decoded(data, encoding))
        except (UnicodeDecodeError, LookupError):
            if encoding == "utf-8" and (lenient := _lenient(data, encoding)) is not None:
                return _checked(source, lenient)  # UTF-8 but for a few bytes: no other encoding reads it better
            continue
    for encoding in candidates[1:]:
        with contextlib.suppress(LookupError):
            if (lenient := _lenient(data, encoding)) is not None:
                return _checked(source, lenient)
    from charset_normalizer import from_bytes  # only for the rare leftovers

    best = from_bytes(data).best()
    if best is None:
        raise SourceError(source.name, "undecodable", "unknown text encoding")
    return _checked(source, Text(str(best), best.encoding))


# How each codec says its input stopped inside a character.
_CUT = frozenset(("unexpected end of data", "incomplete multibyte sequence", "truncated data"))
MAX_UNDECODABLE = 64  # runs of undecodable bytes a text may have; more, and it is in another encoding


def _decoded(data: bytes, encoding: str, bom: bytes = b"") -> Text:
    """The text of ``data``; a text cut inside its last character keeps those bytes as the text's ``tail``.

    A download or copy that stopped mid-character is still the text the user wrote: it is read, the
    cut character is a finding (N407) and its bytes are written back as they are.
    """
    try:
        return Text(data.decode(encoding), encoding, bom)
    except UnicodeDecodeError as err:
        if err.end != len(data) or err.reason not in _CUT:
            raise
        return Text(data[: err.start].decode(encoding), encoding, bom, tail=data[err.start :])


def _lenient(data: bytes, encoding: str, bom: bytes = b"") -> Text | None:
    """The text of ``data`` with each of its few runs of undecodable bytes read as one U+FFFD.

    The runs are kept (:attr:`Text.undecodable`: N408 names them, and nothing is written back);
    None when they are many (more than :data:`MAX_UNDECODABLE`, one byte in 100, or more than one for
    20 characters beyond ASCII read right): the text is in another encoding.
    """
    parts: list[str] = []
    runs: list[tuple[int, bytes]] = []
    size = pos = bad = 0
    tail = b""
    while True:
        try:
            rest = data[pos:].decode(encoding)
        except UnicodeDecodeError as err:
            good = data[pos : pos + err.start].decode(encoding)
            parts.append(good)
            size += len(good)
            if pos + err.end == len(data) and err.reason in _CUT:
                tail = data[pos + err.start :]
                break
            raw = data[pos + err.start : pos + err.end]
            bad += len(raw)
            if runs and not good:  # right after the previous run: the same run
                runs[-1] = (runs[-1][0], runs[-1][1] + raw)
            else:
                parts.append("\ufffd")
                runs.append((size, raw))
                size += 1
            if len(runs) > MAX_UNDECODABLE or bad > 4 + len(data) // 100:
                return None
            pos += err.end
            continue
        parts.append(rest)
        break
    text = "".join(parts)
    if runs and (len(text) - len(text.encode("ascii", "ignore")) - len(runs)) < 20 * bad:
        return None  # few characters beyond ASCII read right for each byte that is none: not this encoding
    return Text(text, encoding, bom, tail=tail, undecodable=tuple(runs))


def _utf16_without_bom(source: Source) -> Text:
    """UTF-16 with no byte-order mark, told by where its zero bytes are; else the bytes are binary."""
    data = source.data
    whole = data[: len(data) - len(data) % 2]  # an odd byte at the end: a file cut inside its last character
    odd = whole[1::2].count(b"\x00")  # the high byte of "A" (41 00) in little-endian
    even = whole[0::2].count(b"\x00")
    encoding = "utf-16-le" if odd > 4 * even else "utf-16-be" if even > 4 * odd else None
    if encoding is not None:
        read = _lenient(data, encoding)
        text = read.text if read is not None else ""
        if read is not None and len(re.sub(_CHINESE_TEXT, "", text)) * 10 < len(text):  # nine in ten Chinese or ASCII
            return read
    raise SourceError(source.name, "binary", "the file is binary, not text")


# its class walks 29,000 code points when compiled (14 M instructions): compiled on first use
_CHINESE_TEXT = r"[\t\n\r\x20-\x7e\u3000-\u9fff\uff00-\uffef]+"


def _many(controls: int, size: int) -> bool:
    """Whether ``controls`` control characters make ``size`` characters (or bytes) binary."""
    return controls > max(8, size // BINARY_SHARE)


def _many_controls(text: str) -> bool:
    if CONTROL_CHARACTERS.search(text) is None:  # the common case, one scan
        return False
    return _many(len(CONTROL_CHARACTERS.findall(text)), len(text))


def _checked(source: Source, text: Text) -> Text:
    """Refuse a text made of control characters: in its first 4096 characters (a binary header) or in all."""
    if _many_controls(text.text[:4096]) or _many_controls(text.text):
        raise SourceError(source.name, "binary", "the file is binary, not text")
    if not text.text.strip():
        raise SourceError(source.name, "empty", "the file has no text")
    return text
