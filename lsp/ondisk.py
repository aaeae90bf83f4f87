"""An editor's buffer laid on the bytes of its file, so that the editor reads what ``nianbao lint`` reads.

An editor shows bytes that are no text in the file's encoding as U+FFFD (VS Code and Python one per
maximal invalid sequence: ``ff fe`` is two; Neovim 0.7 sends one "?" per byte), and a character cut
off at the end of the file as one more. The server only gets that text, so a U+FFFD would be garbage
(N401) where the command line, reading the bytes, says which bytes stand there (N408) or that the
file is cut (N407).

When the buffer of a ``file:`` document is exactly the file as an editor decodes it, the file's
:class:`~nianbao.source.Text` is laid on the buffer: the buffer's own characters, with the file's
encoding, byte-order mark, cut tail and the places of its undecodable bytes. Nothing the user wrote is
changed: an edited buffer (or one decoded otherwise) is checked as the text it is.
"""

from __future__ import annotations

import os
import threading

from nianbao.source import Source, SourceError, Text, decode

_REPLACEMENT = "\ufffd"
# What editors show for bytes that are no text: U+FFFD (VS Code, Emacs, Python), "?" (Neovim 0.7 sends
# an illegal byte it kept in the buffer as "?", one for each byte).
_SHOWN_AS = (_REPLACEMENT, "?")
_lock = threading.Lock()
_cache: dict[str, tuple[tuple[int, int], Text | None]] = {}  # path → ((mtime_ns, size), its decoded text)


def disk_text(path: str) -> Text | None:
    """The file's text as the command line decodes it (None: unreadable, binary, not text), cached by mtime and size."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    with _lock:
        known = _cache.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    try:
        text: Text | None = decode(Source.from_path(path))
    except SourceError:
        text = None
    if text is not None and text.document is not None:
        text = None  # a document's text is not a buffer's
    with _lock:
        if len(_cache) > 64:  # a few open files with bad bytes, not a growing store
            _cache.clear()
        _cache[path] = (stamp, text)
    return text


def _pieces(raw: bytes, encoding: str, k: int) -> list[bytes] | None:
    """``raw`` (bytes that are no text) cut into the ``k`` pieces an editor shows as ``k`` U+FFFD.

    Python's decoder replaces maximal invalid sequences, as the Unicode standard recommends and
    editors do; an editor that counted otherwise still gets ``k`` pieces, one byte each but the last.
    """
    found: list[bytes] = []
    pos = 0
    while pos < len(raw):
        try:
            raw[pos:].decode(encoding)
            break  # cannot happen for a run of undecodable bytes; whatever is left joins the last piece
        except UnicodeDecodeError as err:
            found.append(raw[pos + err.start : pos + max(err.end, err.start + 1)])
            pos += max(err.end, err.start + 1)
    if pos < len(raw) and found:
        found[-1] += raw[pos:]
    if len(found) == k and b"".join(found) == raw:
        return found
    if k > len(raw):
        return None
    return [raw[i : i + 1] for i in range(k - 1)] + [raw[k - 1 :]]


def _replacements(text: str, at: int, mark: str = _REPLACEMENT) -> int:
    n = 0
    while at + n < len(text) and text[at + n] == mark:
        n += 1
    return n


def lay_on(disk: Text, buffer: str) -> Text | None:
    """``disk`` laid on ``buffer`` when the buffer is the disk text as an editor shows it, else None.

    The result's text is the buffer (without the U+FFFD an editor shows for a cut last character,
    which stand for :attr:`Text.tail`): offsets are the buffer's. Each U+FFFD that stands for
    undecodable bytes is one entry of :attr:`Text.undecodable` with the bytes it replaced.
    """
    if not disk.undecodable and not disk.tail:
        return disk if disk.text == buffer else None
    src = disk.text
    runs: list[tuple[int, bytes]] = []
    ps = pb = 0
    for at, raw in disk.undecodable:
        if not buffer.startswith(src[ps:at], pb):
            return None
        pb += at - ps
        mark = buffer[pb : pb + 1]
        if mark not in _SHOWN_AS:
            return None
        literal = _replacements(src, at + 1, mark)  # marks the file itself holds right after the run
        k = _replacements(buffer, pb, mark) - literal
        pieces = _pieces(raw, disk.encoding, k) if k >= 1 else None
        if pieces is None:
            return None
        runs.extend((pb + i, piece) for i, piece in enumerate(pieces))
        pb += k
        ps = at + 1
    rest = buffer[pb:]
    if rest != src[ps:]:
        cut = rest[len(src) - ps :]
        if not (disk.tail and rest.startswith(src[ps:]) and cut.strip(cut[:1]) == "" and cut[:1] in _SHOWN_AS):
            return None
        buffer = buffer[: pb + len(src) - ps]  # the cut character's U+FFFD: the tail, as the command line reads it
    return Text(buffer, disk.encoding, disk.bom, tail=disk.tail, undecodable=tuple(runs))


def laid_on_file(path: str | None, buffer: str) -> Text | None:
    """The file at ``path`` laid on ``buffer`` (see :func:`lay_on`); None when it is not the buffer's file as is."""
    if path is None or not any(mark in buffer for mark in _SHOWN_AS):  # nothing replaced: it reads as the file
        return None
    disk = disk_text(path)
    return lay_on(disk, buffer) if disk is not None else None
