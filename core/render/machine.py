"""Machine-readable renderers: ``json`` (the contract in docs/contract.md), ``concise``, ``github``."""

from __future__ import annotations

from typing import IO, Any

from ..rules import Diagnostic, Severity
from ..source import describe_location
from . import LintRun


def diagnostic_json(run: LintRun, d: Diagnostic) -> dict[str, Any]:
    """One diagnostic as ``lint --format json`` prints it (end positions exclusive)."""
    line, column, end_line, end_column = run.position(d)
    fix = None
    if d.fix is not None:
        edits = []
        for e in d.fix.edits:
            el, ec, eel, eec = run.position(d, e.span)
            edits.append({"line": el, "column": ec, "end_line": eel, "end_column": eec, "new_text": e.new_text})
        fix = {"message": d.fix.message.get(run.lang), "safe": d.fix.safe, "edits": edits}
    out = {
        "path": d.path,
        "code": d.code,
        "severity": d.severity.value,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "message": d.message.get(run.lang),
        "fix": fix,
    }
    where = run.location(d)
    if where is not None:
        out["location"] = where
    return out


def write_json(run: LintRun, out: IO[str]) -> None:
    import json  # here: the concise and github outputs need none

    doc = [diagnostic_json(run, d) for d in run.everything()]
    out.write(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n")


class JsonStream:
    """The ``json`` output written file by file, byte for byte what :func:`write_json` writes at once.

    With ``hold``, each file's items are kept (as their JSON text) until
    :meth:`close`, so that later findings in a file (the collection rules')
    take their place among the others: the array stays grouped by file, in
    input order, and sorted by position within each file.
    """

    def __init__(self, out: IO[str], hold: bool = False) -> None:
        self.out = out
        self.started = False
        self.held: dict[str, list[tuple[tuple, str]]] | None = {} if hold else None

    def write(self, run: LintRun) -> None:
        self.write_items(list(run.texts), self.items(run))

    @staticmethod
    def items(run: LintRun) -> list[tuple[str, tuple, str]]:
        """(path, place, JSON text) of each diagnostic: what :meth:`write_items` takes (made anywhere)."""
        import json  # here: the concise and github outputs need none

        return [
            (
                d.path,
                (d.span.start, d.span.end, d.code),
                json.dumps(diagnostic_json(run, d), ensure_ascii=False, indent=2).replace("\n", "\n  "),
            )
            for d in run.diagnostics
        ]

    def write_items(self, paths: list[str], items: list[tuple[str, tuple, str]]) -> None:
        """Write (or hold) the :meth:`items` of a run over the files ``paths``."""
        if self.held is not None:
            for path in paths:  # files in the order they come
                self.held.setdefault(path, [])
        for path, place, item in items:
            if self.held is not None:
                self.held.setdefault(path, []).append((place, item))
            else:
                self._item(item)

    def _item(self, item: str) -> None:
        self.out.write((",\n  " if self.started else "[\n  ") + item)
        self.started = True

    def close(self) -> None:
        for items in (self.held or {}).values():
            for _place, item in sorted(items, key=lambda x: x[0]):
                self._item(item)
        self.out.write("\n]\n" if self.started else "[]\n")


def write_concise(run: LintRun, out: IO[str]) -> None:
    """``path:line:col: CODE message``, one line per diagnostic."""
    for d in run.everything():
        line, column, _, _ = run.position(d)
        out.write(f"{d.path}:{line}:{column}: {d.code} {_one_line(d.message.get(run.lang))}\n")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice", Severity.HINT: "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def write_github(run: LintRun, out: IO[str]) -> None:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message``."""
    for d in run.everything():
        line, column, end_line, end_column = run.position(d)
        props = (
            f"file={_escape_property(d.path)},line={line},col={column},"
            f"endLine={end_line},endColumn={end_column},title={_escape_property(d.code)}"
        )
        message = d.message.get(run.lang)
        where = run.location(d)
        if where is not None and "line" not in where:  # a page or a Word cell: say where, the line is the text's
            message = f"[{describe_location(where, run.lang)}] {message}"
        out.write(f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(message)}\n")


def _one_line(s: str) -> str:
    return " ".join(s.split("\n"))
