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
from nianbao.lint import Config, check
from nianbao.model import Report
from nianbao.rules import Diagnostic
from nianbao.source import Source, SourceError

from .convert import LineIndex
from .convert import diagnostic as to_lsp

if TYPE_CHECKING:
    from pygls.workspace.position_codec import PositionCodec

log = logging.getLogger("nianbao.lsp")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

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

    @property
    def lang(self) -> str:
        return self.config.lang

    def published(self) -> list[types.Diagnostic]:
        """The diagnostics the editor gets: the findings (only in a report), and the notice."""
        found = self.lsp if self.is_report else []
        return [*found, self.notice] if self.notice is not None else found

    def pairs(self) -> list[tuple[Diagnostic, types.Diagnostic]]:
        return list(zip(self.diagnostics, self.lsp, strict=True))


def parse_buffer(name: str, text: str) -> Report:
    """The report of an editor buffer, as the command line reads the same text (a few control characters: N406).

    A buffer made of control characters, which the command line refuses as binary, is still text
    in an editor: they are shown to the rules as U+FFFD (one character for one, so every offset holds).
    """
    try:
        return parse(Source.from_text(name, text))
    except SourceError as err:
        if err.reason != "binary" or _CONTROL.search(text) is None:
            raise
    return parse(Source.from_text(name, _CONTROL.sub("\ufffd", text)))


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
) -> Analysis | None:
    """Parse and lint one document version. ``None`` when ``still_wanted()`` says it is stale."""
    if still_wanted is not None and not still_wanted():
        return None
    base = 1 if text.startswith("\ufeff") else 0  # the engine reads a leading BOM as encoding, not text
    result = Analysis(uri, version, generation, text, LineIndex(text, codec, base, starts), config)
    t0 = time.perf_counter()
    try:
        report = parse_buffer(name, text[base:])
    except SourceError as err:  # empty or binary: not a report
        log.debug("%s: not read: %s", uri, err)
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
