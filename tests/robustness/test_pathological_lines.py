"""Lines a clerk can type that used to freeze the dialects (issue 15, cases 1 and 2; issue 13).

Each input is put inside a table of a real report written in each built-in
layout, then parsed and linted under a deadline far above what a linear scan
needs (milliseconds) and far below what the old regexes took (minutes to days).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from nianbao.engine import parse
from nianbao.lint import Config, check
from nianbao.source import Source

from ..paths import CORPUS, seed_path
from ._limits import deadline

# a report in each layout, and the line of its table the pathological line goes before
LAYOUTS = {
    "pipe": (seed_path("000"), 45),
    "tab": (seed_path("002"), 45),
    "cells": (seed_path("003"), 45),
    # PDF text (pdfplumber), read by the flat dialect: inside 表三, between a wrapped label's lines
    "flat": (CORPUS / "huaian_city_2024" / "huaian_city_2024.pdfplumber.txt", 88),
}

PATHOLOGICAL = {
    # issue 15.1: nested quantifiers over "|" and spaces, exponential in the run of pipes
    "pipes-then-x": "|" * 40 + "x",
    "pipes-then-pipe-x": "|" * 40 + "|x",
    "pipe-space-runs": "| " * 30 + "x",
    "only-pipes": "|" * 200_000,  # padding of a merged cell: capped, not 200,000 blank cells
    # issue 15.2 / 13: "\s*...\s*" pairs, quadratic in a run of spaces
    "spaces-then-x-pipe": " " * 200_000 + "x|",
    "spaces-then-pipe-dashes": " " * 200_000 + "|--x",
    "a-spaces-b": "a" + " " * 200_000 + "b",
    "ideographic-spaces": "\u3000" * 200_000 + "x|",
    "tabs-then-x": "\t" * 20_000 + "x|",  # 20,000 cells in one row
    # long lines of everything else a scan may meet
    "brackets": "（" * 50_000,
    "digits": "1" * 200_000 + " |",
    "cjk": "规" * 200_000,
    "cells-and-pipes": "规章 | 0 |" * 2_000,
}


def _with_line(layout: str, line: str) -> str:
    path, at = LAYOUTS[layout]
    lines = path.read_text("utf-8").split("\n")
    return "\n".join([*lines[:at], line, *lines[at:]])


# lines that make a PDF text's report look like another layout (a row of pipes, of tabs): the
# layout is chosen by the whole text, not decided here; these lines must still be quick
_OTHER_LAYOUT = {"pipes-then-x", "pipes-then-pipe-x", "pipe-space-runs", "only-pipes", "tabs-then-x", "cells-and-pipes"}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_line_parses_and_lints_quickly(layout: str, name: str) -> None:
    text = _with_line(layout, PATHOLOGICAL[name])
    with deadline(10):
        report = parse(Source("report.txt", text.encode("utf-8")))
        diagnostics = check([report], Config())
    assert all(0 <= d.span.start <= d.span.end <= len(text) for d in diagnostics)
    if layout == "flat" and name in _OTHER_LAYOUT:
        return
    assert report.dialect == layout  # the line did not make the report unreadable
    assert report.cells


def test_the_41_byte_line_through_the_cli(tmp_path) -> None:
    """The line of issue 15 (40 pipes then x) in a one-cell-per-line report, through the real CLI."""
    path = tmp_path / "report.txt"
    path.write_text(_with_line("cells", "|" * 40 + "x"), encoding="utf-8")
    for command in (["parse", "--format", "json"], ["lint", "--format", "json"]):
        done = subprocess.run(
            [sys.executable, "-m", "nianbao", *command, str(path)], capture_output=True, text=True, timeout=60
        )
        assert done.returncode in (0, 1), done.stderr
        json.loads(done.stdout)


@pytest.mark.parametrize("name", ["spaces-then-x-pipe", "ideographic-spaces", "a-spaces-b", "tabs-then-x"])
def test_pathological_line_in_the_prose(name: str) -> None:
    """Before the tables the line meets the title, date and agency scans (core/meta.py), not the dialects."""
    head, _, tail = seed_path("000").read_text("utf-8").partition("\n\n")
    text = head + "\n" + PATHOLOGICAL[name] + "\n" + tail  # after the first paragraph, where a date may stand
    with deadline(10):
        report = parse(Source("report.txt", text.encode("utf-8")))
        check([report], Config())
    assert report.dialect == "pipe" and report.cells


@pytest.mark.parametrize(
    "line",
    [
        "规章\t0\t0" + "\t" * 200_000,  # trailing padding (2.3 s before the cap)
        "\t" * 200_000 + "x",  # leading
        "规章" + "\t" * 100_000 + "0" + "\t" * 100_000 + "0",  # in the middle, twice
    ],
)
def test_runs_of_empty_tab_fields_are_capped(line: str) -> None:
    """The work the alignment gets is counted, not timed: at most 64 empty cells per run of tabs."""
    from nianbao.plugins.dialects.tab import TabDialect
    from nianbao.source import decode

    text = decode(Source("report.txt", _with_line("tab", line).encode("utf-8")))
    (row,) = [x for x in text.lines if x.text == line]
    cells = TabDialect().cells(text, [row])
    filled = [c for c in cells if text.text[c.span.start : c.span.end].strip()]
    assert len(cells) - len(filled) <= 2 * 64  # two runs at most, each capped (was 200,000 cells)
    assert [text.text[c.span.start : c.span.end] for c in filled] == [f for f in line.split("\t") if f]
    assert all(c.col == line[: c.span.start - row.start].count("\t") for c in cells)  # true columns kept
