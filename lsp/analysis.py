"""One document read and checked: parse + lint + conversion, safe to run in a worker thread.

Nothing here touches the server or the event loop; :func:`analyze` takes the
text and settings of one document version and returns an :class:`Analysis`
with everything the features need (diagnostics, hover, code actions, symbols,
formatting). It never raises: an engine or plugin failure is logged and what
could be read is still returned.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lsprotocol import types

from nianbao.engine import parse
from nianbao.i18n import msg
from nianbao.lint import Config, check
from nianbao.model import Report, Span
from nianbao.rules import Diagnostic
from nianbao.source import Source, SourceError

from .convert import LineIndex
from .convert import diagnostic as to_lsp
from .ondisk import laid_on_file

if TYPE_CHECKING:
    from pygls.workspace.position_codec import PositionCodec

log = logging.getLogger("nianbao.lsp")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_RUNS = re.compile(_CONTROL.pattern + "+")
_SHOWN_RUNS = 20  # runs of control characters an E001 points at (as N406 names the first 20)

# A document is checked when it looks like an annual report: at least two of
# the six section headings, or a good part of the three tables (a Markdown
# file with some small table matches a few cells of the format, not twenty).


@dataclass
class Analysis:
    uri: str
    version: int | None
    generation: int
    text: str
    index: LineIndex
    config: Config
    report: Report | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lsp: list[types.Diagnostic] = field(default_factory=list)
    is_report: bool = False
    parse_ms: float = 0.0
    lint_ms: float = 0.0
    error: str | None = None
    notice: types.Diagnostic | None = None  # the server's own word on this version (an analysis stopped)
    refusal: types.Diagnostic | None = None  # the command line's word on a text it does not read (E001: binary)

    @property
    def lang(self) -> str:
        return self.config.lang

    def published(self) -> list[types.Diagnostic]:
        """The diagnostics the editor gets: the findings (only in a report), a refusal, and the notice."""
        found = self.lsp if self.is_report else []
        extra = [d for d in (self.refusal, self.notice) if d is not None]
        return [*found, *extra] if extra else found

    def pairs(self) -> list[tuple[Diagnostic, types.Diagnostic]]:
        return list(zip(self.diagnostics, self.lsp, strict=True))


def parse_buffer(name: str, text: str, path: str | None = None) -> Report:
    """The report of an editor buffer, as the command line reads the same text.

    A buffer that is its file ``path`` as the editor decoded it is read with the file's bytes laid on
    it (:mod:`.ondisk`): a U+FFFD the editor showed for bytes that are no text is N408 there, as on
    the command line, not garbage. A buffer the command line would refuse as binary (made of control
    characters) raises :class:`SourceError` as the command line does.
    """
    source = Source.from_text(name, text)
    laid = laid_on_file(path, text)
    return parse(source, text=laid) if laid is not None else parse(source)


def binary_refusal(uri: str, name: str, text: str, index: LineIndex, lang: str) -> types.Diagnostic | None:
    """What the command line says of a report buffer it refuses as binary (E001 at its start), else None.

    Only a buffer that reads as a report once its control characters are set aside gets it (any
    other binary file is no report: nothing, as for every other non-report); its related
    information points at the first runs of control characters, so that they can be found.
    """
    masked = _CONTROL.sub("\ufffd", text)  # one character for one: every offset holds
    try:
        if not looks_like_report(parse(Source.from_text(name, masked))):
            return None
    except SourceError:
        return None
    runs = [m.span() for m in _CONTROL_RUNS.finditer(text)]
    message = msg("error.binary", lang)
    more = (
        f"：文中有{sum(b - a for a, b in runs)}个控制字符（超过五十分之一），nianbao lint 按二进制文件拒绝读取，"
        "删除这些字符后才能检查"
        if lang == "zh"
        else f": {sum(b - a for a, b in runs)} control characters (more than one in 50); nianbao lint refuses"
        " the file as binary, and checks it once they are deleted"
    )
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=message + more,
        severity=types.DiagnosticSeverity.Error,
        code="E001",
        source="nianbao",
        related_information=[
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=index.range(Span(a, b))),
                message=" ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(text[a:b])),
            )
            for a, b in runs[:_SHOWN_RUNS]
        ]
        or None,
    )


def looks_like_report(report: Report) -> bool:
    return report.is_report


def analyze(
    uri: str,
    name: str,
    text: str,
    version: int | None,
    generation: int,
    config: Config,
    codec: PositionCodec,
    related: bool = True,
    still_wanted=None,
    starts: list[int] | None = None,
    path: str | None = None,
) -> Analysis | None:
    """Parse and lint one document version. ``None`` when ``still_wanted()`` says it is stale.

    ``path``: the document's file, for a buffer that is the file as the editor decoded it (:mod:`.ondisk`).
    """
    if still_wanted is not None and not still_wanted():
        return None
    base = 1 if text.startswith("\ufeff") else 0  # the engine reads a leading BOM as encoding, not text
    result = Analysis(uri, version, generation, text, LineIndex(text, codec, base, starts), config)
    t0 = time.perf_counter()
    try:
        report = parse_buffer(name, text[base:], path)
    except SourceError as err:  # empty or binary: not read, as on the command line
        log.debug("%s: not read: %s", uri, err)
        if err.reason == "binary":
            result.refusal = binary_refusal(uri, name, text[base:], result.index, config.lang)
        return result
    except Exception as err:
        log.exception("%s: the parser failed", uri)
        result.error = f"parse failed: {err!r}"
        return result
    finally:
        result.parse_ms = (time.perf_counter() - t0) * 1000
    result.report = report
    doc = report.text.document
    if doc is not None and doc.source_starts is not None:  # an HTML page: diagnostics go where the words are
        result.index = LineIndex(text, codec, base, result.index.starts, remap=doc.source_offset)
    try:
        result.is_report = looks_like_report(report)
    except Exception:
        log.exception("%s: could not tell whether this is a report", uri)
    if not result.is_report:
        return result
    if still_wanted is not None and not still_wanted():
        return None
    t1 = time.perf_counter()
    found = lint(report, config)
    result.lint_ms = (time.perf_counter() - t1) * 1000
    if still_wanted is not None and not still_wanted():
        return None
    for d in found:
        try:
            converted = to_lsp(d, result.index, uri, config.lang, related)
        except Exception:  # a plugin's malformed diagnostic is dropped, the others stay
            log.exception("%s: could not convert a %s diagnostic", uri, getattr(d, "code", "?"))
            continue
        result.diagnostics.append(d)
        result.lsp.append(converted)
    return result


def lint(report: Report, config: Config) -> list[Diagnostic]:
    """:func:`nianbao.lint.check`: a broken plugin is left out by the registry, a rule that crashes
    or yields nonsense by the engine (both logged); only an engine bug is left to catch here."""
    try:
        return check([report], config)
    except Exception:
        log.exception("running the rules failed")
        return []
