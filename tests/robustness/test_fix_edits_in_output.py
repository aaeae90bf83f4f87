"""Edits in ``lint --format json`` and SARIF are exactly the edits ``--fix`` applies (issue 15, case 5).

An insertion (an empty span: S101, S103, S105 put a missing heading or line
break in) used to be written as "replace the finding's whole range", so a bot
applying the JSON deleted the heading text.
"""

from __future__ import annotations

import pytest

from nianbao.fixes import apply
from nianbao.lint import Config, Task, lint_file
from nianbao.render import LintRun
from nianbao.render.machine import diagnostic_json
from nianbao.render.sarif import sarif_log
from nianbao.source import Text

from ..paths import SEEDS


def _offset(text: Text, line: int, column: int) -> int:
    """The offset of a 1-based (line, column in code points) position, as a client computes it."""
    if line > len(text.lines):
        return len(text.text)
    return text.lines[line - 1].start + column - 1


def _applied(text: Text, edits: list[tuple[int, int, str]]) -> str:
    out = text.text
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    return out


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_json_and_sarif_edits_do_what_fix_does(path) -> None:
    result = lint_file(Task(str(path), Config()))
    text = result.text
    fixable = [d for d in result.diagnostics if d.fix is not None and d.fix.edits]
    run = LintRun(result.diagnostics, {str(path): text}, rules={})
    sarif = sarif_log(run)["runs"][0]["results"]
    assert len(sarif) == len(result.diagnostics)
    for d, sarif_result in zip(result.diagnostics, sarif, strict=True):
        if d not in fixable:
            continue
        expected, applied = apply(text.text, [d], unsafe=True)
        assert applied == [d]
        json_edits = [
            (_offset(text, e["line"], e["column"]), _offset(text, e["end_line"], e["end_column"]), e["new_text"])
            for e in diagnostic_json(run, d)["fix"]["edits"]
        ]
        assert _applied(text, json_edits) == expected, d.code
        regions = [
            (r["deletedRegion"], r.get("insertedContent", {}).get("text", ""))
            for r in sarif_result["fixes"][0]["artifactChanges"][0]["replacements"]
        ]
        sarif_edits = [
            (_offset(text, g["startLine"], g["startColumn"]), _offset(text, g["endLine"], g["endColumn"]), new)
            for g, new in regions
        ]
        assert _applied(text, sarif_edits) == expected, d.code


def test_an_insertion_is_written_as_an_empty_range() -> None:
    """Seed 000 misses a line break (S105) and seed 004 a numeral (S103): both are insertions."""
    inserted = set()
    for path in SEEDS:
        result = lint_file(Task(str(path), Config()))
        run = LintRun(result.diagnostics, {str(path): result.text}, rules={})
        for d in result.diagnostics:
            if d.fix is None or len(d.span) == 0:
                continue
            for e, out in zip(d.fix.edits, diagnostic_json(run, d)["fix"]["edits"], strict=True):
                if len(e.span) == 0:
                    inserted.add(d.code)
                    assert (out["line"], out["column"]) == (out["end_line"], out["end_column"])
    assert {"S103", "S105"} <= inserted
