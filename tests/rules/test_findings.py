"""Findings that help: each case on a real report, mutated as a user would have written it.

Every test names the defect it introduces; the finding must be at its place, say what
it is, and not drag other findings along (a garbled value is not a short row, a
blank cell's fix is the value the sums give, one wrong cell is one finding).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nianbao import Source, parse, values
from nianbao.lint import Config, check
from nianbao.rules import Diagnostic
from nianbao.template import template

from ..paths import CORPUS, seed_path
from ..synth.generate import generate
from ._lint import line


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").split("\n")


def _lint_text(text: str, name: str = "mutated.txt") -> tuple[list[Diagnostic], object]:
    report = parse(Source(name, text.encode("utf-8")))
    return check([report], Config()), report


def _mutate(path: Path, number: int, new: str) -> str:
    """The file with line ``number`` (1-based) replaced."""
    lines = _lines(path)
    lines[number - 1] = new
    return "\n".join(lines)


# --------------------------------------------------------------------------- T209: garbled values

# (file, line of 规章's row, the row written with GARBLE as its second value, keys of the three values)
_REGULATION_ROWS = {
    "pipe": (seed_path("001"), 17, "规章 | 5 | {} | 5 | |", (5, 5)),
    "tab": (seed_path("002"), 22, "规章\t0\t{}\t0\t\t\t\t\t\t\t", (0, 0)),
    "markdown": (CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md", 58, "| 规章 | 0 | {} | 0 |", (0, 0)),
}
# one cell per line: the row's second value is on its own line
_CELL_ROWS = {
    "cells": (CORPUS / "pingtan_2023" / "pingtan_2023.cells.txt", 53, "{} |", (0, 0)),
    "cells-tab": (seed_path("004"), 40, "\t{}", (2, 19)),
}
GARBLES = ["O", "o", "l", "I", "〇", "Ｏ", "5a5", "1O", "x", "0O"]


@pytest.mark.parametrize("garble", GARBLES)
@pytest.mark.parametrize("dialect", sorted({**_REGULATION_ROWS, **_CELL_ROWS}))
def test_a_letter_in_a_value_cell_is_T209_at_that_cell_with_the_other_values_kept(dialect: str, garble: str):
    path, number, pattern, kept = {**_REGULATION_ROWS, **_CELL_ROWS}[dialect]
    diags, report = _lint_text(_mutate(path, number, pattern.format(garble)), path.name)
    t209 = [d for d in diags if d.code == "T209"]
    row = [k for k in report.template.keys if k.startswith("t2.regulations.")]
    assert [(line(d), d.keys) for d in t209] == [(number, (row[1],))]
    assert report.text.text[t209[0].span.start : t209[0].span.end] == garble
    assert f"“{garble}”" in t209[0].message.zh
    # the row is still whole: no short row, and the other two values are where they were
    assert not [d for d in diags if d.code in ("T206", "T211", "T202") and abs(line(d) - number) <= 3]
    assert (report.value(row[0]), report.value(row[2])) == kept


@pytest.mark.parametrize(("garble", "digits"), [("O", "0"), ("Ｏ", "0"), ("〇", "0"), ("l", "1"), ("1O", "10")])
def test_a_letter_for_a_digit_gets_the_digit_as_its_fix(garble: str, digits: str):
    path, number, pattern, _ = _REGULATION_ROWS["pipe"]
    diags, _ = _lint_text(_mutate(path, number, pattern.format(garble)))
    d = next(d for d in diags if d.code == "T209")
    assert d.fix is not None and not d.fix.safe
    assert [e.new_text for e in d.fix.edits] == [digits]


@pytest.mark.parametrize("garble", ["5a5", "x"])
def test_a_letter_that_stands_for_no_digit_gets_no_fix(garble: str):
    path, number, pattern, _ = _REGULATION_ROWS["pipe"]
    diags, _ = _lint_text(_mutate(path, number, pattern.format(garble)))
    assert next(d for d in diags if d.code == "T209").fix is None


@given(st.integers(0, 99_999), st.sampled_from("OolIxa〇Ｏ"), st.data())
def test_any_number_with_a_letter_in_it_is_a_value(number, letter, data):
    digits = str(number)
    at = data.draw(st.integers(0, len(digits)))
    garbled = (digits[:at] + letter + digits[at:])[:6]
    assert values.looks_like_value(garbled) and values.parse(garbled).value is None


def test_no_label_of_the_format_looks_like_a_value():
    for version in ("2019", "2021"):
        tpl = template(version)
        for row in tpl.rows:
            for label in (*row.labels, *(c.label for c in row.columns)):
                assert not values.looks_like_value(label), label


# --------------------------------------------------------------------------- T207: one per row, fixed by the sums

_LAYOUTS = {
    p.name: p.read_text("utf-8")
    for p in (
        CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt",
        CORPUS / "pingtan_2023" / "pingtan_2023.cells.txt",
        CORPUS / "pingtan_2023" / "pingtan_2023.marked.txt",
        CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md",
    )
}
# no real report in the fixtures has a clean 表三 in these layouts: generated ones (tests/synth)
_LAYOUTS.update({f"synth-{layout}": generate(3, layout, "2021", noise=False).text for layout in ("tab", "cells_tab")})


def _blanked(report, key: str) -> str:
    """The report's text with the value of ``key`` erased as a clerk would: the cell left empty."""
    text = report.text.text
    span = report.cells[key].span
    start, end = span.start, span.end
    if report.dialect == "cells" and text[end : end + 2] == " |":
        end += 1  # "22 |" → "|"
    return text[:start] + text[end:]


def _held(report, key: str) -> bool:
    """Whether every relation the cell is in holds in the report as written, with no blank in it."""
    rels = report.template.relations_of(key)
    for rel in rels:
        cells = [report.cells.get(k) for k in rel.keys]
        if any(c is None or c.value is None for c in cells):
            return False
        if sum(report.value(k) for k in rel.left) != sum(report.value(k) for k in rel.right):
            return False
    return bool(rels)


@pytest.mark.parametrize("name", sorted(_LAYOUTS))
def test_a_blanked_cell_the_sums_determine_is_fixed_with_its_value_and_the_relation_named(name: str):
    from nianbao.fixes import apply

    original = parse(Source(name, _LAYOUTS[name].encode("utf-8")))
    keys = [k for k, c in original.cells.items() if c.value and k[:2] in ("t3", "t4") and _held(original, k)]
    assert len(keys) >= 4, name
    read_there = 0
    for key in keys:
        text = _blanked(original, key)
        diags, _ = _lint_text(text, name)
        t207 = [d for d in diags if d.code == "T207" and key in d.keys]
        if not t207:
            # the row read otherwise (a blank last cell next to merged-cell padding, a one-line 表四
            # read as short): whatever is proposed elsewhere must not be a value the sums contradict
            for d in diags:
                if d.code == "T207" and d.fix:
                    assert apply(text, [d], unsafe=True)[0] == original.text.text, key
            continue
        read_there += 1
        assert len(t207) == 1, key
        d = t207[0]
        assert line(d) == original.position(original.cells[key].span.start)[0], key
        assert d.fix is not None and not d.fix.safe, key
        value = str(original.cells[key].raw)
        assert value in d.fix.message.zh and "由“" in d.fix.message.zh, d.fix.message.zh
        fixed, applied = apply(text, [d], unsafe=True)
        assert applied and fixed == original.text.text, key
    assert read_there >= 0.75 * len(keys), (read_there, len(keys))


def test_a_blank_the_sums_do_not_determine_gets_no_fix():
    # seed 001's (七)总计 row: 自然人 says 0 where 2 were handled, so its blank cells are not
    # determined by any sum that holds — 0 would only be a guess (and could hide the error)
    diags, _ = _lint_text(seed_path("001").read_text("utf-8"))
    total = next(d for d in diags if d.code == "T207" and "t3.total.total" in d.keys)
    assert line(total) == 182 and total.fix is None
    # a group of 表四 with two cells blanked: their sum is known, each of them is not
    path = CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt"
    report = parse(Source.from_path(str(path)))
    nonzero = [k for k in ("upheld", "corrected", "other", "pending") if report.value(f"t4.review.{k}")]
    text = report.text.text
    spans = sorted(
        (report.cells[f"t4.review.{k}"].span for k in [*nonzero, "upheld", "corrected"][:2]), key=lambda s: -s.start
    )
    for s in spans:
        text = text[: s.start] + text[s.end :]
    diags, _ = _lint_text(text, path.name)
    t207 = [d for d in diags if d.code == "T207"]
    assert len(t207) == 1 and len(t207[0].keys) == 2 and t207[0].fix is None


def test_seed_001_has_one_blank_cell_finding_per_row_each_blank_cell_marked():
    diags, report = _lint_text(seed_path("001").read_text("utf-8"))
    t207 = [d for d in diags if d.code == "T207"]
    blanks = {k for k, c in report.cells.items() if c.value is None and not c.raw}
    rows = {k.rsplit(".", 1)[0] for k in blanks}
    assert len(t207) == len(rows) == 23  # was 135 findings, one per cell
    assert {k for d in t207 for k in d.keys} == blanks
    for d in t207:
        assert len({k.rsplit(".", 1)[0] for k in d.keys}) == 1  # one row each
        assert [r.key for r in d.related] == list(d.keys)  # every blank cell as a range of its own
        assert d.span == d.related[0].span
    # the rows whose sums fix their blanks get one fix writing all of them, lines kept
    fixed = {line(d): d.fix for d in t207 if d.fix}
    assert sorted(fixed) == [37, 50, 189]
    assert all(len(f.edits) == 5 and {e.new_text for e in f.edits} == {" 0"} for f in fixed.values())


def test_applying_the_blank_cell_fixes_never_breaks_a_sum():
    from nianbao.fixes import apply

    texts = {**_LAYOUTS, **{p.name: p.read_text("utf-8") for p in map(seed_path, ("000", "001", "002", "003", "004"))}}
    for name, text in texts.items():
        before, _ = _lint_text(text, name)
        fixed, _ = apply(text, [d for d in before if d.code == "T207"], unsafe=True)
        after, _ = _lint_text(fixed, name)
        errors = lambda ds: sorted((d.code, d.message.zh) for d in ds if d.code[:2] == "A3" and d.severity == "error")  # noqa: E731
        assert len(errors(after)) <= len(errors(before)), name


def test_json_shows_each_edit_of_a_fix_at_its_own_place():
    # an insertion is an empty span; it used to be shown at the diagnostic's place
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "nianbao", "lint", "--format", "json", str(seed_path("001"))],
        capture_output=True,
        text=True,
    ).stdout
    data = json.loads(out)
    found = data if isinstance(data, list) else data["diagnostics"]
    fix = next(d["fix"] for d in found if d["code"] == "T207" and d["line"] == 37 and d["fix"])
    assert [(e["line"], e["column"], e["end_line"], e["end_column"]) for e in fix["edits"]] == [
        (n, c, n, c) for n, c in [(37, 23), (38, 2), (39, 2), (40, 2), (41, 2)]
    ]


# --------------------------------------------------------------------------- N401: the padding goes too


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("在落实政务ζ 公开化", "在落实政务公开化"),
        ("在落实政务 ζ公开化", "在落实政务公开化"),
        ("在落实政务 ζ 公开化", "在落实政务公开化"),
        ("在落实政务ζ\u3000公开化", "在落实政务公开化"),
        ("在落实政务ζ公开化", "在落实政务公开化"),
        ("网址 www.gov.cn ζ 查询", "网址 www.gov.cn  查询"),  # beside a Latin word the spaces are the writer's
    ],
)
def test_garbage_removal_takes_the_padding_it_left_between_chinese_characters(written: str, fixed: str):
    from nianbao.fixes import apply

    path = seed_path("004")
    lines = _lines(path)
    number = next(i for i, s in enumerate(lines, 1) if len(s) > 40 and "|" not in s and "\t" not in s)
    text = _mutate(path, number, written + lines[number - 1])
    diags, _ = _lint_text(text)
    n401 = [d for d in diags if d.code == "N401" and line(d) == number]
    assert len(n401) == 1 and n401[0].fix.safe
    assert apply(text, n401, unsafe=False)[0] == _mutate(path, number, fixed + lines[number - 1])


def test_garbage_in_a_table_label_keeps_the_cell_padding():
    from nianbao.fixes import apply

    path = seed_path("001")
    text = _mutate(path, 18, "规范性文件 ζ | 41 | 22 | 22 | |")
    diags, _ = _lint_text(text)
    (d,) = [d for d in diags if d.code == "N401"]
    assert apply(text, [d])[0] == _mutate(path, 18, "规范性文件  | 41 | 22 | 22 | |")


# --------------------------------------------------------------------------- structure findings do not cascade

_GLUE = {
    "pipe": seed_path("001"),
    "tab": seed_path("002"),
    "rows": CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt",
    "cells": CORPUS / "pingtan_2023" / "pingtan_2023.cells.txt",
    "marked": CORPUS / "pingtan_2023" / "pingtan_2023.marked.txt",
    "markdown": CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md",
}


@pytest.mark.parametrize("section", ["四", "五"])
@pytest.mark.parametrize("name", sorted(_GLUE))
def test_a_heading_glued_to_the_last_table_row_is_one_finding(name: str, section: str):
    path = _GLUE[name]
    lines = _lines(path)
    original = parse(Source(path.name, "\n".join(lines).encode("utf-8")))
    heading = next(h for h in original.headings if h.section == "一二三四五六".index(section) + 1)
    at = original.position(heading.span.start)[0] - 1
    row = at - 1
    while not lines[row].strip():
        row -= 1
    glued = [*lines[:row], lines[row] + lines[at].lstrip("# "), *lines[row + 1 : at], *lines[at + 1 :]]
    before, _ = _lint_text("\n".join(lines), path.name)
    after, report = _lint_text("\n".join(glued), path.name)
    new = {(d.code, d.message.zh) for d in after} - {(d.code, d.message.zh) for d in before}
    # the glued heading, and nothing else: no lost table (T201), no short row (T206), no lost section
    assert [code for code, _ in sorted(new)] == ["S105"], sorted(new)
    table = {"四": "t3", "五": "t4"}[section]
    assert {k: c.value for k, c in report.cells.items() if k.startswith(table)} == {
        k: c.value for k, c in original.cells.items() if k.startswith(table)
    }


# --------------------------------------------------------------------------- one root cause, one finding


@pytest.mark.parametrize("name", ["pingtan_2023.rows.txt", "pingtan_2023.cells.txt", "shuyang_county_2025.md"])
def test_one_wrong_cell_breaking_three_sums_is_one_finding_with_the_others_related(name: str):
    text = _LAYOUTS[name]
    original = parse(Source(name, text.encode("utf-8")))
    cell = original.cells["t3.total.natural"]
    wrong = str(int(cell.value) + 1)
    changed = text[: cell.span.start] + wrong + text[cell.span.end :]
    diags, report = _lint_text(changed, name)
    arithmetic = [d for d in diags if d.code.startswith("A3")]
    # (七)总计 自然人 breaks its column's balance (A301), its column's results (A302) and its row (A303)
    assert len(arithmetic) == 1, [(d.code, d.message.zh) for d in arithmetic]
    (d,) = arithmetic
    assert d.code == "A301" and d.severity == "error"
    assert d.span == report.cells["t3.total.natural"].span
    assert "A302、A303" in d.message.zh and "A302, A303" in d.message.en
    related = [r.message.zh for r in d.related]
    assert any(m.startswith("A302 ") for m in related) and any(m.startswith("A303 ") for m in related)
    assert {"t3.granted.natural", "t3.total.total"} <= {r.key for r in d.related}
    # chosen alone, each rule still reports its own
    for code in ("A302", "A303"):
        report = parse(Source(name, changed.encode("utf-8")))
        only = [x for x in check([report], Config(select=[code])) if x.code.startswith("A3")]
        assert [x.code for x in only] == [code]
