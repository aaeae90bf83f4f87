"""Text with a few control characters, and UTF-8 cut inside its last character, is read (not refused).

Binary is what starts with a known binary signature or is made of control characters (more than
one character in :data:`nianbao.source.BINARY_SHARE`); UTF-16 without a byte-order mark is told by
where its zero bytes are. Whatever is read keeps every byte: the NULs in the text at their place,
the bytes of a cut character as the text's ``tail``, written back by ``Text.encode``.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nianbao import Source, SourceError, parse
from nianbao.lint import Config, check
from nianbao.source import BINARY_SHARE, decode

from ..paths import SEEDS
from ..robustness.test_properties import budget

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


# --------------------------------------------------------------------------- a cut last character

ENDINGS = ["。", "报告", "𠀀", "é", "完成。\n", "（七）总计 | 0 |\n三"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_utf8_cut_inside_its_last_character_is_read(seed: int, ending: str, bom: bytes) -> None:
    """Every cut inside the last character (1 to 3 of its bytes): the text before it, the bytes kept."""
    whole = (SEED_TEXTS[seed].rstrip("\n") + "\n" + ending).rstrip("\n")
    data = bom + whole.encode("utf-8")
    last = whole[-1].encode("utf-8")
    reference = cells(parse(Source("r.txt", data)))
    for kept in range(1, len(last)):
        cut = data[: len(data) - len(last) + kept]
        report = parse(Source("r.txt", cut))
        assert report.text.text == whole[:-1]
        assert report.text.tail == last[:kept]
        assert report.text.encode() == cut  # written back byte for byte
        assert cells(report) == reference
        n407 = [d for d in check([report], Config()) if d.code == "N407"]
        assert len(n407) == 1 and n407[0].span.start == len(whole) - 1 and n407[0].fix is None
        assert " ".join(f"{b:02x}" for b in last[:kept]) in n407[0].message.zh


def test_invalid_utf8_before_the_end_is_no_cut_character() -> None:
    """Only a character cut at the very end is a tail; a broken one in the middle is undecodable bytes."""
    data = SEED_TEXTS[0].encode("utf-8")
    at = data.index("公开".encode())
    broken = data[:at] + b"\xe4\xb8" + data[at:]
    text = decode(Source("r.txt", broken))
    assert text.tail == b"" and text.encode() == broken
    assert text.undecodable == ((len(data[:at].decode()), b"\xe4\xb8"),)


# --------------------------------------------------------------------------- bytes that are no text

# what lands inside a file: a stray byte, half a character, a word in another encoding, a byte-order mark
BAD_BYTES = [b"\xff", b"\xe4\xb8", "年度".encode("gbk"), b"\xff\xfe", b"\x80\x80\x80"]


@pytest.mark.parametrize("bad", BAD_BYTES)
@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_undecodable_bytes_in_utf8_are_read_and_reported_where_they_are(seed: int, bad: bytes) -> None:
    """In the prose of every seed: the same cells, one N408 at each place naming the bytes, every byte kept."""
    text = SEED_TEXTS[seed]
    reference = cells(parse(Source.from_text("r.txt", text)))
    data = text.encode("utf-8")
    places = sorted({data.index(b"\n", len(data) // k) + 1 for k in (9, 5, 3)})  # line starts
    damaged = data
    for at in reversed(places):
        damaged = damaged[:at] + bad + damaged[at:]
    report = parse(Source("r.txt", damaged))
    assert report.text.encoding == "utf-8" and report.text.encode() == damaged
    assert cells(report) == reference
    found = check([report], Config())
    n408 = [d for d in found if d.code == "N408"]
    lines = [data[:at].count(b"\n") + 1 for at in places]
    assert [report.position(d.span.start)[0] for d in n408] == lines
    assert all(" ".join(f"{b:02x}" for b in bad) in d.message.zh and d.fix is None for d in n408)
    before = [d for d in check([parse(Source.from_text("r.txt", text))], Config()) if d.code == "N401"]
    assert len([d for d in found if d.code == "N401"]) == len(before)  # the U+FFFD read for them is no garbage


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_gb18030_with_a_bad_byte_or_cut_inside_its_last_character_is_read(seed: int) -> None:
    text = SEED_TEXTS[seed].rstrip("\n") + "\n本年度无其他事项。"
    data = text.encode("gb18030")
    reference = cells(parse(Source.from_text("r.txt", text)))
    at = data.index("公开".encode("gb18030"), len(data) // 2)
    damaged = data[:at] + b"\xff" + data[at:]
    report = parse(Source("r.txt", damaged))
    assert (report.text.encoding, report.text.encode()) == ("gb18030", damaged)
    assert cells(report) == reference
    assert [d.code for d in check([report], Config()) if d.code.startswith("N40")].count("N408") == 1
    cut = data[:-1]  # "。" is two bytes in GB18030
    report = parse(Source("r.txt", cut))
    assert report.text.text == text[:-1] and report.text.tail == data[-2:-1] and report.text.encode() == cut
    assert [d.code for d in check([report], Config()) if d.code == "N407"] == ["N407"]


@pytest.mark.parametrize("bom", [b"", b"\xff\xfe", b"\xfe\xff"])
def test_utf16_cut_inside_its_last_character_is_read(bom: bytes) -> None:
    text = SEED_TEXTS[1]
    encoding = "utf-16-be" if bom == b"\xfe\xff" else "utf-16-le"
    data = bom + text.encode(encoding)
    for cut in (data[:-1], data[:-3]):  # half of the last code unit; half of the one before it (a whole one lost)
        report = parse(Source("r.txt", cut))
        assert report.text.encoding == encoding and report.text.encode() == cut
        assert len(report.text.tail) == 1
        assert cells(report) == cells(parse(Source.from_text("r.txt", text)))


def test_a_lone_surrogate_in_utf16_is_undecodable_not_binary() -> None:
    text = SEED_TEXTS[2]
    data = b"\xff\xfe" + text.encode("utf-16-le")
    at = 2 + 2 * text.index("公开")
    damaged = data[:at] + b"\x00\xd8" + data[at:]  # U+D800 with no partner
    report = parse(Source("r.txt", damaged))
    assert report.text.encode() == damaged and len(report.text.undecodable) == 1
    assert [d.code for d in check([report], Config()) if d.code == "N408"] == ["N408"]


def test_a_file_in_another_encoding_is_no_utf8_with_undecodable_bytes() -> None:
    # a short GBK text is mostly errors as UTF-8: it is GB18030, read exactly
    for text in ("abc 中文 def\n", "报告：中\n" * 3, SEED_TEXTS[0]):
        read = decode(Source("r.txt", text.encode("gbk")))
        assert (read.encoding, read.text, read.undecodable) == ("gb18030", text, ())


@given(
    text=st.text(st.sampled_from("政府信息公开年度报告本年新收申请件 |0123456789\n。，"), min_size=40, max_size=400),
    cuts=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(BAD_BYTES)), min_size=1, max_size=4),
)
@budget(200)
def test_any_few_bad_bytes_keep_every_byte_and_are_each_named(text: str, cuts: list) -> None:
    data = text.encode("utf-8")
    for where, bad in sorted(cuts, reverse=True):
        at = int(where * len(data))
        data = data[:at] + bad + data[at:]
    try:
        read = decode(Source("r.txt", data))
    except SourceError as err:
        assert err.reason in ("empty", "binary", "undecodable")
        return
    assert read.encode() == data  # whatever was read, every byte is written back
    for at, raw in read.undecodable:
        assert read.text[at] == "\ufffd" and raw and raw in data
    if read.encoding == "utf-8":
        assert sum(len(raw) for _, raw in read.undecodable) + len(read.tail) >= sum(len(b) for _, b in cuts) - 4


@given(text=st.text(min_size=1, max_size=300), cut=st.integers(min_value=0, max_value=4))
@budget(200)
def test_any_text_cut_inside_its_last_character_keeps_its_bytes(text: str, cut: int) -> None:
    data = text.encode("utf-8")
    cut_data = data[: max(0, len(data) - cut)]
    try:
        read = decode(Source("r.txt", cut_data))
    except SourceError as err:
        assert err.reason in ("empty", "binary")
        return
    assert read.encode() == cut_data  # whatever was read, every byte is written back
    assert read.bom + read.text.encode(read.encoding) + read.tail == cut_data
    if read.encoding == "utf-8" and not read.bom:
        assert cut_data.startswith(read.text.encode("utf-8")) and len(read.tail) < 4
