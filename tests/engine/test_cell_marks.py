"""Cells marked with the full-width ｜ or drawn with box-drawing characters: read as "|" rows, kept as written."""

from __future__ import annotations

from nianbao import check, read_text

from ..synth.independent import LAYOUTS, report

EW = ("error", "warning")


def _same(got: object, want: object) -> bool:
    if got is None or want is None:
        return got is want
    return abs(float(got) - float(want)) < 1e-6  # type: ignore[arg-type]


def test_every_layout_with_fullwidth_or_box_marks_reads_as_with_pipes() -> None:
    for seed, layout in enumerate(lay for lay in LAYOUTS if not lay.startswith("tab")):
        for version in ("2019", "2021"):
            rep = report(seed, layout, version)
            for mark in ("｜", "│"):
                parsed = read_text(rep.text.replace("|", mark), f"{layout}.txt")
                wrong = [k for k, v in rep.truth.items() if not _same(parsed.cells[k].value, v)]
                assert wrong == [], (layout, version, mark)
                assert [f.code for f in check(parsed) if f.severity in EW] == [], (layout, version, mark)


def test_the_text_is_kept_as_written() -> None:
    text = report(1, "pipe_rows", "2021").text.replace("|", "｜")
    parsed = read_text(text, "r.txt")
    assert parsed.text.text == text
    cell = parsed.cells["t3.new.natural"]
    assert text[cell.span.start : cell.span.end] == cell.raw


def test_garbage_inside_a_box_table_is_still_garbage() -> None:
    rep = report(2, "pipe_rows", "2021")
    text = rep.text.replace("|", "│").replace("行政许可", "行政╲许可", 1)
    found = [f for f in check(read_text(text, "r.txt")) if f.code == "N401"]
    assert [f.message for f in found] == ["混入乱码字符“╲”"]
