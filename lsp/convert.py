"""From the engine's world (str offsets, :class:`~nianbao.rules.Diagnostic`) to LSP's.

The engine counts Python characters (code points) from the start of the text;
LSP counts lines and, within a line, code units of the negotiated encoding
(UTF-16 for VS Code, UTF-8 for Neovim ≥ 0.10). Lines are split exactly as the
LSP specification says (``\\r\\n``, ``\\r``, ``\\n`` — not :meth:`str.splitlines`,
which also breaks at form feeds and U+2028 that editors keep inside a line), and
columns go through pygls' :class:`~pygls.workspace.PositionCodec`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition

from nianbao.model import Span
from nianbao.project import RULES_DOC
from nianbao.rules import Diagnostic, Edit, Severity

from . import document

SOURCE = "nianbao"
RULES_URL = RULES_DOC
_NEWLINE = re.compile(r"\r\n|\r|\n")

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as LSP counts them, each with its line end."""
    out: list[str] = []
    start = 0
    for m in _NEWLINE.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    out.append(text[start:])  # after a final line end: the empty last line
    return out


class LineIndex:
    """Offsets ↔ LSP positions for one text, in the client's position encoding.

    ``base`` is added to every engine offset: the engine may see the text
    without a leading byte-order mark that the editor still counts. Columns
    are counted with :func:`.document.units` (C-speed :meth:`str.encode`),
    not character by character.
    """

    def __init__(
        self,
        text: str,
        codec: PositionCodec,
        base: int = 0,
        starts: list[int] | None = None,
        remap: Callable[[int], int | None] | None = None,
    ) -> None:
        self.text = text
        self.codec = codec
        self.encoding = codec.encoding or document.UTF16
        self.base = base
        self.starts = starts if starts is not None else document.line_starts(text)
        self._ranges: dict[tuple[int, int], types.Range] = {}  # related cells recur across diagnostics
        self.remap = remap  # an HTML page: offsets of the text read out of it → offsets in the page

    def _clamp(self, offset: int) -> int:
        if self.remap is not None:
            mapped = self.remap(offset)
            offset = mapped if mapped is not None else offset
        return min(max(offset + self.base, 0), len(self.text))

    def server_position(self, offset: int) -> ServerTextPosition:
        """Line and code-point column of an engine offset (clamped to the text)."""
        offset = self._clamp(offset)
        line = document.line_of(self.starts, offset)
        return ServerTextPosition(line, offset - self.starts[line])

    def position(self, offset: int) -> types.Position:
        offset = self._clamp(offset)
        line = document.line_of(self.starts, offset)
        start = self.starts[line]
        return types.Position(line=line, character=document.units(self.text[start:offset], self.encoding))

    def range(self, span: Span) -> types.Range:
        start, end = sorted((span.start, span.end))
        known = self._ranges.get((start, end))
        if known is None:
            known = self._ranges[start, end] = types.Range(start=self.position(start), end=self.position(end))
        return known

    def offset(self, position: types.Position) -> int:
        """Engine offset of a client position (clamped; the inverse of :meth:`position`)."""
        return document.offset(self.text, self.starts, position, self.encoding) - self.base

    def text_edit(self, edit: Edit) -> types.TextEdit:
        return types.TextEdit(range=self.range(edit.span), new_text=edit.new_text)


def rule_url(code: str) -> str:
    return f"{RULES_URL}#{code.lower()}"


def diagnostic(d: Diagnostic, index: LineIndex, uri: str, lang: str, related: bool = True) -> types.Diagnostic:
    """One engine diagnostic as an LSP diagnostic: code, link to the rule, severity, related cells."""
    info = None
    if related and d.related:
        info = [
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=index.range(r.span)),
                message=_related_message(r.message.get(lang), r.key),
            )
            for r in d.related
        ]
    return types.Diagnostic(
        range=index.range(d.span),
        message=d.message.get(lang),
        severity=SEVERITY.get(d.severity, types.DiagnosticSeverity.Warning),
        code=d.code,
        code_description=types.CodeDescription(href=rule_url(d.code)),
        source=SOURCE,
        related_information=info,
        data={"fix": None if d.fix is None else ("safe" if d.fix.safe else "unsafe"), "keys": list(d.keys)},
    )


def _related_message(message: str, key: str | None) -> str:
    if key and key not in message:
        return f"{message} ({key})" if message else key
    return message or (key or "")


def overlaps(a: types.Range, b: types.Range) -> bool:
    """Whether two ranges share a position (touching counts: a cursor at a diagnostic's edge)."""

    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def same_range(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character, a.end.line, a.end.character) == (
        b.start.line,
        b.start.character,
        b.end.line,
        b.end.character,
    )
