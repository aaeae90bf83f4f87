"""SARIF 2.1.0 output (``lint --format sarif``), e.g. for GitHub code scanning.

Columns are Unicode code points (``columnKind: unicodeCodePoints`` on the
run); regions' end columns are exclusive, as SARIF defines them. Relative
paths are URIs relative to ``%SRCROOT%``, the current folder.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path, PurePath
from typing import IO, Any
from urllib.parse import quote

from .. import __version__
from ..project import REPOSITORY  # where docs/rules.md is published, unless the Project-URL metadata says otherwise
from ..rules import Diagnostic, Severity
from . import FILE_SKIPPED, LintRun

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.HINT: "note"}
FAMILY_TAGS = {"S": "structure", "T": "tables", "A": "arithmetic", "N": "text-hygiene", "X": "consistency"}


def repository_url() -> str:
    try:
        from importlib.metadata import metadata

        for entry in metadata("nianbao").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("repository", "source", "homepage") and url.strip().startswith("http"):
                return url.strip().rstrip("/")
    except Exception:  # not installed as a distribution: the default
        pass
    return REPOSITORY


def rule_help_uri(code: str, base: str | None = None) -> str:
    """The rule's section in docs/rules.md (headings there start with the code)."""
    return f"{base or repository_url()}/blob/main/docs/rules.md#{code.lower()}"


def summary(cls: type | None) -> str:
    doc = inspect.getdoc(cls) if cls is not None else None
    if not doc:
        return ""
    return doc.strip().splitlines()[0].strip()


def _uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) of a linted path."""
    if path == "-":
        return "stdin", None
    p = PurePath(path)
    if p.is_absolute():
        return Path(p).as_uri(), None
    return quote(p.as_posix()), "%SRCROOT%"


def _location(path: str) -> dict[str, Any]:
    uri, base = _uri(path)
    loc: dict[str, Any] = {"uri": uri}
    if base:
        loc["uriBaseId"] = base
    return loc


def _region(run: LintRun, d: Diagnostic, span=None) -> dict[str, int]:
    line, column, end_line, end_column = run.position(d, span)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def sarif_log(run: LintRun) -> dict[str, Any]:
    base = repository_url()
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    codes = sorted(set(run.rules) | {d.code for d in run.diagnostics})
    for code in codes:
        cls = run.rules.get(code)
        name = getattr(cls, "name", "") or code
        text = summary(cls) or name
        descriptor: dict[str, Any] = {
            "id": code,
            "name": name,
            "shortDescription": {"text": text},
            "helpUri": rule_help_uri(code, base),
            "defaultConfiguration": {"level": LEVEL[Severity(getattr(cls, "severity", Severity.WARNING))]},
            "properties": {"tags": [FAMILY_TAGS.get(code[:1], "other")], "fixable": bool(getattr(cls, "fixable", 0))},
        }
        doc = inspect.getdoc(cls) if cls is not None else None
        if doc:
            descriptor["fullDescription"] = {"text": doc}
        index[code] = len(rules)
        rules.append(descriptor)

    results = []
    for d in run.diagnostics:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVEL[d.severity],
            "message": {"text": d.message.get(run.lang)},
            "locations": [{"physicalLocation": {"artifactLocation": _location(d.path), "region": _region(run, d)}}],
        }
        if d.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "physicalLocation": {"artifactLocation": _location(d.path), "region": _region(run, d, r.span)},
                    "message": {"text": r.message.get(run.lang) + (f" ({r.key})" if r.key else "")},
                }
                for i, r in enumerate(d.related)
            ]
        if d.fix is not None and d.fix.edits:
            replacements = []
            for e in d.fix.edits:
                rep: dict[str, Any] = {"deletedRegion": _region(run, d, e.span)}
                if e.new_text:
                    rep["insertedContent"] = {"text": e.new_text}
                replacements.append(rep)
            result["fixes"] = [
                {
                    "description": {"text": d.fix.message.get(run.lang)},
                    "artifactChanges": [{"artifactLocation": _location(d.path), "replacements": replacements}],
                }
            ]
        props: dict[str, Any] = {"severity": d.severity.value}
        where = run.location(d)
        if where is not None:
            props["location"] = where  # the place in the document (page and box, Word table cell, HTML line)
        if d.keys:
            props["cellKeys"] = list(d.keys)
        if d.fix is not None:
            props["fixSafe"] = d.fix.safe
        result["properties"] = props
        results.append(result)

    invocation: dict[str, Any] = {"executionSuccessful": not run.errors}
    notes = [(d.path, d.message.get(run.lang), d.code) for d in run.file_diagnostics]
    if notes:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "note" if code == FILE_SKIPPED else "error",
                "message": {"text": message},
                "locations": [{"physicalLocation": {"artifactLocation": _location(path)}}],
                "descriptor": {"id": code},
            }
            for path, message, code in notes
        ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nianbao",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": base,
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def write_sarif(run: LintRun, out: IO[str]) -> None:
    out.write(json.dumps(sarif_log(run), ensure_ascii=False, indent=2, allow_nan=False) + "\n")
