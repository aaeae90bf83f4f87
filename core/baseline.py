"""Baselines: the findings a project has accepted for now, so that CI reports only new ones.

``nianbao lint --write-baseline FILE`` records every current finding;
``--baseline FILE`` then reports only those not recorded. A finding is
matched by its file, its code and a fingerprint that does not depend on line
numbers — the canonical cell keys it concerns when it has some, else the text
of its line and of its span (whitespace squeezed) — so adding a paragraph
above it, or editing another line, keeps it matched. Identical fingerprints
are counted: two recorded garbage characters on one line hide two, not three.
The file format is in docs/contract.md.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath

from .rules import Diagnostic
from .source import Text

VERSION = 1

Key = tuple[str, str, str]  # (path relative to the baseline's folder, code, fingerprint)


class BaselineError(Exception):
    """A baseline file that cannot be read (the message is for people)."""


def fingerprint(d: Diagnostic, text: Text | None) -> str:
    """What identifies a finding in its file whatever its line number."""
    if d.keys:
        return "cells " + ",".join(sorted(d.keys))
    if text is None:
        return "file"
    line = text.lines[text.position(d.span.start)[0] - 1]
    span = text.text[d.span.start : min(d.span.end, line.end)]
    return "line " + " ".join(line.text.split()) + " | " + " ".join(span.split())


def _relative(path: str, folder: Path) -> str:
    if path == "-":
        return path
    try:
        return PurePath(os.path.relpath(os.path.abspath(path), folder)).as_posix()
    except ValueError:  # another drive (Windows)
        return PurePath(os.path.abspath(path)).as_posix()


def _keys(diagnostics: Iterable[Diagnostic], texts: Mapping[str, Text], folder: Path) -> list[tuple[Key, Diagnostic]]:
    return [((_relative(d.path, folder), d.code, fingerprint(d, texts.get(d.path))), d) for d in diagnostics]


def write_baseline(path: str, diagnostics: Iterable[Diagnostic], texts: Mapping[str, Text]) -> int:
    """Write the findings to ``path`` (JSON, sorted, so that it diffs well); returns how many."""
    folder = Path(path).resolve().parent
    entries = [
        {"path": p, "code": c, "fingerprint": f, "message": d.message.zh}
        for (p, c, f), d in sorted(_keys(diagnostics, texts, folder), key=lambda kd: kd[0])
    ]
    doc = {"nianbao-baseline": VERSION, "findings": entries}
    tmp = f"{path}.nianbao-tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    os.replace(tmp, path)
    return len(entries)


class Baseline:
    def __init__(self, folder: Path, keys: Counter[Key]) -> None:
        self.folder = folder
        self.keys = keys


def read_baseline(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except OSError as err:
        raise BaselineError(err.strerror or str(err)) from None
    except (ValueError, UnicodeDecodeError) as err:
        raise BaselineError(f"not JSON: {err}") from None
    if not isinstance(doc, dict) or doc.get("nianbao-baseline") != VERSION or not isinstance(doc.get("findings"), list):
        raise BaselineError("not a nianbao baseline (written by --write-baseline)")
    keys: Counter[Key] = Counter()
    for e in doc["findings"]:
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("path", "code", "fingerprint")):
            raise BaselineError(f"bad entry: {e!r}")
        keys[(e["path"], e["code"], e["fingerprint"])] += 1
    return Baseline(Path(path).resolve().parent, keys)


class NewFindings:
    """The findings a baseline does not have, taken file by file as a run streams them.

    Each recorded finding hides one finding, whichever call it comes in; ``hidden`` counts them.
    """

    def __init__(self, baseline: Baseline) -> None:
        self.folder = baseline.folder
        self.left = Counter(baseline.keys)
        self.hidden = 0

    def __call__(self, diagnostics: Iterable[Diagnostic], texts: Mapping[str, Text]) -> list[Diagnostic]:
        out = []
        for key, d in _keys(diagnostics, texts, self.folder):
            if self.left[key] > 0:
                self.left[key] -= 1
                self.hidden += 1
            else:
                out.append(d)
        return out


def new_findings(diagnostics: list[Diagnostic], texts: Mapping[str, Text], baseline: Baseline) -> list[Diagnostic]:
    """The findings the baseline does not have (each recorded one hides one finding)."""
    return NewFindings(baseline)(diagnostics, texts)
