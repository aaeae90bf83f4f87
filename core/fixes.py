"""Applying fixes to a report's text, and writing a fixed file back.

Edits are spans of the decoded text, which keeps the original line ends, so a
fixed text differs from the original only where an edit was made. It is
written back in the original encoding and byte-order mark, atomically (a
temporary file in the same folder, then ``os.replace``), keeping the file's
permissions.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterable

from . import regex_cache
from .rules import Diagnostic, Edit
from .source import Source, Text

_LINES = regex_cache.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def apply(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> tuple[str, list[Diagnostic]]:
    """The text with the fixes applied, and the diagnostics whose fix was applied.

    A fix whose edits overlap an earlier chosen fix is skipped (it will be
    offered again on the next run). An edit outside the text is ignored.
    """
    chosen: list[Edit] = []
    applied: list[Diagnostic] = []
    for d in diagnostics:
        if d.fix is None or (not d.fix.safe and not unsafe) or not d.fix.edits:
            continue
        if any(not 0 <= e.span.start <= e.span.end <= len(text) for e in d.fix.edits):
            continue
        if any(_overlap(e, c) for e in d.fix.edits for c in chosen) or _self_overlap(d.fix.edits):
            continue
        chosen.extend(d.fix.edits)
        applied.append(d)
    for e in sorted(chosen, key=lambda e: (e.span.start, e.span.end), reverse=True):
        text = text[: e.span.start] + e.new_text + text[e.span.end :]
    return text, applied


def _overlap(a: Edit, b: Edit) -> bool:
    return (a.span.start < b.span.end and b.span.start < a.span.end) or (
        a.span.start == b.span.start and (a.span == b.span or not len(a.span) or not len(b.span))
    )


def _self_overlap(edits: Iterable[Edit]) -> bool:
    edits = sorted(edits, key=lambda e: (e.span.start, e.span.end))
    return any(a.span.end > b.span.start for a, b in itertools.pairwise(edits))


class WriteError(Exception):
    """A fixed text that cannot be written back faithfully (the reason is for people)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


def encode_fixed(source: Source, original: Text, fixed: str) -> bytes:
    """The bytes of ``fixed`` in the original encoding and BOM.

    Refuses (:class:`WriteError`) when the original text does not encode back
    to the original bytes: writing would then change more than the fixes.
    """
    if original.undecodable:  # where those bytes stood in a fixed text is not known: they would be lost
        raise WriteError("undecodable", original.encoding)
    try:
        same = original.encode() == source.data
    except UnicodeEncodeError:
        same = False
    if not same:
        raise WriteError("roundtrip", original.encoding)
    try:
        return original.encode(fixed)
    except UnicodeEncodeError as err:
        raise WriteError("unencodable", f"{original.encoding}: {fixed[err.start : err.end]!r}") from None


FileIdentity = tuple[str, int, int]  # (real path, device, inode)


def identity(path: str) -> FileIdentity | None:
    """Which file ``path`` is now (through symbolic links), to notice one swapped during a run."""
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
    except OSError:
        return None
    return real, st.st_dev, st.st_ino


def is_read_only(st: os.stat_result) -> bool:
    """No write permission bit set — what ``chmod 444`` (or a read-only attribute) means, even for root."""
    return not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def write_atomic(path: str, data: bytes, expected: bytes | None = None, same_as: FileIdentity | None = None) -> None:
    """Replace the file's content with ``data``: temporary file in the same folder, then rename.

    The file's permission bits are kept; a symbolic link is followed (the
    target is rewritten, the link stays). A read-only file is not written
    (``WriteError("readonly")``): the rename would replace it, though its owner
    meant "don't touch". With ``expected``, the file must still hold those
    bytes, and with ``same_as`` still be that file (not changed or swapped for
    another, or for a link to another, meanwhile).
    """
    target = os.path.realpath(path)
    st = os.stat(target)
    if not stat.S_ISREG(st.st_mode):
        raise WriteError("changed")
    if same_as is not None and (target, st.st_dev, st.st_ino) != same_as:
        raise WriteError("changed")
    if is_read_only(st) or not os.access(target, os.W_OK):
        raise WriteError("readonly")
    if expected is not None:
        with open(target, "rb") as fh:
            if fh.read() != expected:
                raise WriteError("changed")
    import tempfile  # here: only a run that writes needs it (start-up)

    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".nianbao-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except (OSError, AttributeError):  # not permitted (another owner) or not supported
            pass
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(path: str, before: str, after: str, context: int = 3) -> str:
    """A unified diff for people; line ends are shown as ``\\n`` whatever they are in the file."""
    import difflib  # here: only --diff needs it (start-up)

    a = [line.rstrip("\r\n") + "\n" for line in _LINES.findall(before)]
    b = [line.rstrip("\r\n") + "\n" for line in _LINES.findall(after)]
    return "".join(difflib.unified_diff(a, b, f"{path}", f"{path}", n=context))
