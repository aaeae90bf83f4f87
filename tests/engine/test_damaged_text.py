"""Text with a few control characters is read (not refused as binary).

Binary is what starts with a known binary signature or is made of control characters (more than
one character in :data:`nianbao.source.BINARY_SHARE`); UTF-16 without a byte-order mark is told by
where its zero bytes are. Whatever is read keeps every byte: the NULs in the text at their place.
"""

from __future__ import annotations

import pytest

from nianbao import Source, SourceError, parse
from nianbao.lint import Config, check
from nianbao.source import BINARY_SHARE, decode

from ..paths import SEEDS

SEED_TEXTS = [p.read_text("utf-8") for p in SEEDS]


def cells(report) -> dict:
    return {k: c.value for k, c in report.cells.items()}


def _with(text: str, at: int, insert: str) -> str:
    return text[:at] + insert + text[at:]


@pytest.mark.parametrize("seed", range(len(SEEDS)))
@pytest.mark.parametrize("controls", ["\x00", "\x00\x00\x00", "\x1b", "\x00\x01\x02\x03\x04\x05\x06"])
def test_a_few_control_characters_are_read_and_reported_where_they_are(seed: int, controls: str) -> None:
    """In the prose of every seed: the same cells as without them, the characters kept, one N406 each place."""
    text = SEED_TEXTS[seed]
    reference = cells(parse(Source.from_text("r.txt", text)))
    places = sorted({text.index("\n", len(text) // k) + 1 for k in (9, 5, 3)})  # line starts: prose or table
    damaged = text
    for at in reversed(places):
        damaged = _with(damaged, at, controls)
    data = damaged.encode("utf-8")
    report = parse(Source("r.txt", data))
    assert report.text.text == damaged  # nothing lost, nothing replaced
    assert report.text.encode() == data
    assert cells(report) == reference
    found = sorted(d.span.start for d in check([report], Config()) if d.code == "N406")
    shifted = [at + i * len(controls) for i, at in enumerate(places)]
    assert found == shifted


def test_a_nul_inside_a_table_cell_is_a_finding_not_a_refusal() -> None:
    text = SEED_TEXTS[0].replace("规章 | 0 |", "规章 | 0\x00 |", 1)
    assert "\x00" in text
    report = parse(Source("r.txt", text.encode("utf-8")))
    n406 = [d for d in check([report], Config()) if d.code == "N406"]
    assert [report.text.text[d.span.start : d.span.end] for d in n406] == ["\x00"]
    assert n406[0].fix is not None and not n406[0].fix.safe  # deleting it needs review: text may be missing there


def test_many_findings_of_one_file_are_capped() -> None:
    """One NUL on each of 200 lines: 20 findings one by one, the rest one finding that still deletes them all."""
    lines = SEED_TEXTS[0].split("\n")
    damaged = "\n".join(line + "\x00" if i < 200 else line for i, line in enumerate(lines))
    assert damaged.count("\x00") == min(200, len(lines))
    report = parse(Source("r.txt", damaged.encode("utf-8")))
    n406 = [d for d in check([report], Config()) if d.code == "N406"]
    assert len(n406) == 21
    assert sum(len(d.fix.edits) for d in n406 if d.fix) == damaged.count("\x00")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + "规章 | 0 |\n".encode() * 50,  # a text chunk does not make a PNG text
        b"\xff\xd8\xff\xe0" + "规章 | 0 |\n".encode() * 50,
        b"\x1f\x8b\x08\x00" + "规章 | 0 |\n".encode() * 50,
        b"PK\x03\x04" + "规章 | 0 |\n".encode() * 50,  # a zip that is no Word file
        bytes(range(256)) * 8,
        b"\x00\xff" * 300,  # NULs at every other byte, but no UTF-16 text
    ],
)
def test_binary_is_still_refused(data: bytes) -> None:
    with pytest.raises(SourceError) as err:
        decode(Source("x.bin", data))
    assert err.value.reason == "binary"


@pytest.mark.parametrize("share", [BINARY_SHARE // 2, BINARY_SHARE * 2])
def test_the_binary_line_is_the_share_of_control_characters(share: int) -> None:
    """One NUL in ``share`` characters: text below one in BINARY_SHARE, binary above."""
    text = SEED_TEXTS[1]
    damaged = "".join(ch + ("\x00" if i % share == 0 else "") for i, ch in enumerate(text))
    source = Source("r.txt", damaged.encode("utf-8"))
    if share > BINARY_SHARE:
        assert decode(source).text == damaged
    else:
        with pytest.raises(SourceError) as err:
            decode(source)
        assert err.value.reason == "binary"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_utf16_without_a_byte_order_mark_reads_the_same_cells(seed: int, encoding: str) -> None:
    text = SEED_TEXTS[seed]
    data = text.encode(encoding)
    report = parse(Source("r.txt", data))
    assert report.text.encoding == encoding and report.text.encode() == data
    assert cells(report) == cells(parse(Source.from_text("r.txt", text)))
