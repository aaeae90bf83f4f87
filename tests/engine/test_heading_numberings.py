"""Section headings numbered otherwise than 一、: 第一部分 / 第一章 (headings only), 1、 1. （一） (also sub-items).

Every numbering of the independent generator, in every layout and both formats: the six sections are
found, the report lints clean; a heading taken away is a missing section (S101) at its place; a sub-item
of section 一 written like a heading (（二）主动公开情况) is not taken for section 二.
"""

from __future__ import annotations

import pytest

from nianbao import check, read_text

from ..synth.independent import LAYOUTS, NUMBERINGS, report

EW = ("error", "warning")


@pytest.mark.parametrize("numbering", NUMBERINGS[1:])
@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_section_found_in_every_layout(numbering: str, version: str) -> None:
    for seed, layout in enumerate(LAYOUTS):
        rep = report(seed, layout, version, numbering=numbering)
        parsed = read_text(rep.text, f"{layout}.txt")
        assert [s.number for s in parsed.sections] == [1, 2, 3, 4, 5, 6], (layout, seed)
        assert [(f.code, f.line) for f in check(parsed) if f.severity in EW] == [], (layout, seed)


@pytest.mark.parametrize("numbering", NUMBERINGS[1:])
@pytest.mark.parametrize("section", range(1, 7))
def test_a_heading_taken_away_is_a_missing_section(numbering: str, section: int) -> None:
    rep = report(section, "pipe_rows", "2021" if section % 2 else "2019", numbering=numbering)
    lines = rep.text.split("\n")
    heading = read_text(rep.text, "r.txt").section(section).heading
    at = rep.text.count("\n", 0, heading.span.start)
    assert lines[at].strip().startswith(numbering.format("一二三四五六"[section - 1], d=section).strip())
    text = "\n".join(lines[:at] + lines[at + 1 :])
    findings = check(read_text(text, "r.txt"))
    assert [f.code for f in findings if f.code == "S101"] == ["S101"], numbering
    assert [s.number for s in read_text(text, "r.txt").sections] == [n for n in range(1, 7) if n != section]


def test_sub_items_are_not_sections() -> None:
    # section 一's sub-items numbered like the headings: （二）主动公开情况 names section 二's words
    rep = report(3, "pipe_rows", "2021", numbering="（{}）")
    assert "（一）主动公开情况" in rep.text
    parsed = read_text(rep.text, "r.txt")
    two = parsed.section(2)
    assert two is not None and two.heading.title == "主动公开政府信息情况"
    assert [f.code for f in check(parsed) if f.severity in EW] == []


@pytest.mark.parametrize("written, right", [("第三部分 ", "第二部分 "), ("3、", "二、")])
def test_a_wrong_numeral_is_named(written: str, right: str) -> None:
    rep = report(4, "pipe_rows", "2021", numbering="第{}部分 ")
    text = rep.text.replace("第二部分 主动公开", written + "主动公开")
    parsed = read_text(text, "r.txt")
    found = [f for f in check(parsed) if f.code == "S104"]
    if written.startswith("第"):
        assert len(found) == 1 and "三" in found[0].message
    else:  # 3、 numbers a sub-item as well: a heading where its numeral fits, else not one
        assert found == []
        assert parsed.section(2) is None
