"""The editor says what the command line says: ``nianbao lint`` of a file == the server's diagnostics of
the same file opened in an editor (codes, lines, and columns in the editor's UTF-16 units).

The drafts are generated reports written in GB18030, UTF-8 with and without BOM and UTF-16, with CRLF
line ends, bytes that are no text, a cut last character, control characters (a few: N406; many: the
file is refused as binary, E001) and no-break spaces. The editor is modelled as VS Code reads a file in
the encoding it was written in: the BOM dropped, every invalid sequence shown as one U+FFFD (Python's
``errors="replace"`` follows the same Unicode practice). Where the editor shows several U+FFFD for one
run of bad bytes its columns after them differ from the command line's by as many characters: the
expected positions are mapped from the file's bytes here, not by the server's code.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from nianbao.cli import main as cli_main
from nianbao.lint import Config
from nianbao.lsp.analysis import analyze
from nianbao.lsp.ondisk import lay_on
from nianbao.source import Source, decode

from ..synth.generate import LAYOUTS, TEMPLATES, generate

UTF16 = PositionCodec(types.PositionEncodingKind.Utf16)
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")
# bytes that are no text in each encoding (and the share of editors that show them as two U+FFFD)
BAD = {
    "utf-8": (b"\xff", b"\xff\xfe", b"\xc3", b"\xe4\xb8", b"\x80\x80\x80"),
    "utf-8-sig": (b"\xfe", b"\xc0\xaf"),
    "gb18030": (b"\xff", b"\x80", b"\xff\xff"),
    "utf-16": (b"\x00\xd8",),  # a lone high surrogate (little-endian, as Python's utf-16 writes)
}
_BOM = {"utf-8-sig": b"\xef\xbb\xbf", "utf-16": b"\xff\xfe"}
_CODEC = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}  # the codec of the bytes after the BOM


def _cut_points(text: str, r: random.Random, n: int) -> list[int]:
    """Places between two characters of the body, away from line ends."""
    lines = [i for i in range(200, len(text) - 1) if text[i] not in "\r\n" and text[i - 1] not in "\r\n"]
    return sorted(r.sample(lines, n))


def draft(seed: int, encoding: str, features: frozenset[str]) -> tuple[bytes, str]:
    """A generated report's bytes and its encoding: ``features`` ⊂ crlf, nbsp, bad, cut, controls, binary."""
    r = random.Random(f"parity:{seed}:{encoding}:{sorted(features)}")
    s = generate(seed, r.choice(LAYOUTS), r.choice(TEMPLATES))
    text = s.text
    if "nbsp" in features:  # a no-break space in prose and between digits and their unit
        for at in reversed(_cut_points(text, r, 4)):
            text = text[:at] + "\u00a0" + text[at:]
    if "controls" in features:
        for at in reversed(_cut_points(text, r, 2)):
            text = text[:at] + r.choice(["\x00", "\x1b", "\x07\x08", "\x0b"]) + text[at:]
    if "binary" in features:  # more than one character in 50 a control character
        at = _cut_points(text, r, 1)[0]
        text = text[:at] + "\x00" * (len(text) // 40 + 10) + text[at:]
    if "crlf" in features:
        text = text.replace("\n", "\r\n")
    codec = _CODEC.get(encoding, encoding)
    pieces, last = [], 0
    if "bad" in features:
        for at in _cut_points(text, r, r.randint(1, 3)):
            pieces += [text[last:at].encode(codec), r.choice(BAD[encoding])]
            last = at
    body = b"".join([*pieces, text[last:].encode(codec)])
    if "cut" in features:  # cut inside the last character: the report ends with a Chinese character here
        body = (body + "。".encode(codec))[:-1]
    return _BOM.get(encoding, b"") + body, codec


def editor_buffer(data: bytes, codec: str) -> str:
    """The text an editor shows of the file: BOM dropped, each invalid sequence one U+FFFD."""
    for bom in _BOM.values():
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    return data.decode(codec, "replace")


def cli(paths: list[Path]) -> dict[str, list[dict]]:
    """``nianbao lint --format json`` of the files, by path."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        cli_main(["lint", "--format", "json", *map(str, paths)])
    found: dict[str, list[dict]] = {str(p): [] for p in paths}
    for d in json.loads(out.getvalue()):
        found[d["path"]].append(d)
    return found


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def expected(path: Path, found: list[dict]) -> list[tuple]:
    """The command line's findings at the places they have in the editor's buffer (0-based, UTF-16)."""
    data = path.read_bytes()
    try:
        text = decode(Source(str(path), data))
    except Exception:  # refused (binary): E001 at the start, as the command line says
        return sorted((d["code"], 0, 0, 0, 0) for d in found)
    # each run of bad bytes: one U+FFFD in the command line's text, as many as the editor shows in the buffer
    extra = [(at, raw.decode(text.encoding, "replace").count("\ufffd") - 1) for at, raw in text.undecodable]
    starts = [0] + [
        i + 1 for i, c in enumerate(text.text) if c == "\n" or (c == "\r" and text.text[i + 1 : i + 2] != "\n")
    ]
    buffer = editor_buffer(data, _CODEC.get(text.encoding, text.encoding) if not text.bom else text.encoding)
    buffer_lines = buffer.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def where(line: int, column: int) -> tuple[int, int]:
        offset = starts[line - 1] + column - 1
        shifted = column - 1 + sum(k for at, k in extra if starts[line - 1] <= at < offset)
        return line - 1, _utf16(buffer_lines[line - 1][:shifted])

    return sorted((d["code"], *where(d["line"], d["column"]), *where(d["end_line"], d["end_column"])) for d in found)


def editor(path: Path, codec: str) -> list[tuple]:
    buffer = editor_buffer(path.read_bytes(), codec)
    result = analyze(path.as_uri(), str(path), buffer, 1, 1, Config(), UTF16, path=str(path))
    assert result is not None
    return sorted(
        (d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in result.published()
    )


FEATURES = ("crlf", "nbsp", "bad", "cut", "controls", "binary")
CASES = [
    (seed, enc, frozenset(f))
    for seed, (enc, f) in enumerate(
        [(e, ()) for e in ENCODINGS]
        + [(e, ("bad",)) for e in ENCODINGS]
        + [(e, ("bad", "crlf")) for e in ENCODINGS]
        + [(e, ("cut",)) for e in ENCODINGS]
        + [(e, ("controls", "nbsp")) for e in ENCODINGS]
        + [(e, ("binary",)) for e in ENCODINGS]
        + [(e, ("bad", "cut", "controls", "nbsp", "crlf")) for e in ENCODINGS]
    )
]


def test_command_line_and_editor_agree(tmp_path: Path):
    paths, codecs = [], []
    for seed, enc, feats in CASES:
        data, codec = draft(seed, enc, feats)
        path = tmp_path / f"{seed:02d}-{enc}-{'-'.join(sorted(feats)) or 'plain'}.txt"
        path.write_bytes(data)
        paths.append(path)
        codecs.append(codec)
    found = cli(paths)
    seen: set[str] = set()
    for path, codec in zip(paths, codecs, strict=True):
        want = expected(path, found[str(path)])
        assert editor(path, codec) == want, path.name
        seen.update(d[0] for d in want)
    assert {"N406", "N407", "N408", "E001"} <= seen  # the drafts do reach every kind of finding compared


def test_n408_not_n401_where_the_editor_shows_two_replacement_characters(tmp_path: Path):
    data, codec = draft(7, "utf-8", frozenset())
    at = data.index("申请".encode())
    path = tmp_path / "r.txt"
    path.write_bytes(data[:at] + b"\xff\xfe" + data[at:])
    buffer = editor_buffer(path.read_bytes(), codec)
    assert "\ufffd\ufffd" in buffer
    result = analyze(path.as_uri(), str(path), buffer, 1, 1, Config(), UTF16, path=str(path))
    bad = [d for d in result.lsp if d.code in ("N401", "N408") and "\ufffd" in buffer.split("\n")[d.range.start.line]]
    assert [d.code for d in bad] == ["N408"]
    line = buffer[: buffer.index("\ufffd")].count("\n")
    column = _utf16(buffer.split("\n")[line][: buffer.split("\n")[line].index("\ufffd")])
    assert (bad[0].range.start.line, bad[0].range.start.character, bad[0].range.end.character) == (
        line,
        column,
        column + 2,
    )
    assert "ff fe" in bad[0].message


def test_an_edited_buffer_is_read_as_it_is(tmp_path: Path):
    """Once the buffer differs from the file its U+FFFD are what the editor would save: text (N401), like
    ``nianbao lint`` of the saved file; nothing of the buffer is dropped or changed."""
    data, codec = draft(8, "utf-8", frozenset({"bad"}))
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    buffer = editor_buffer(data, codec) + "\n补充一句。\n"
    disk = decode(Source(str(path), data))
    assert lay_on(disk, buffer) is None
    result = analyze(path.as_uri(), str(path), buffer, 2, 1, Config(), UTF16, path=str(path))
    saved = tmp_path / "saved.txt"
    saved.write_text(buffer, "utf-8")
    assert result.report.text.text == buffer
    assert "N408" not in {d.code for d in result.lsp}
    assert [d[0] for d in editor(saved, "utf-8")] == [d[0] for d in expected(saved, cli([saved])[str(saved)])]


def test_the_laid_text_is_the_buffer_and_writes_back_the_file(tmp_path: Path):
    for seed, enc in enumerate(ENCODINGS):
        data, codec = draft(seed, enc, frozenset({"bad", "cut", "crlf"}))
        disk = decode(Source("r.txt", data))
        buffer = editor_buffer(data, codec)
        laid = lay_on(disk, buffer)
        assert laid is not None, enc
        assert buffer.startswith(laid.text) and buffer[len(laid.text) :].strip("\ufffd") == ""  # only the cut char's
        assert laid.encode() == data  # the bytes each U+FFFD stands for, where they stood


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000),
    encoding=st.sampled_from(ENCODINGS),
    features=st.frozensets(st.sampled_from(FEATURES)),
)
def test_command_line_and_editor_agree_on_any_draft(tmp_path: Path, seed: int, encoding: str, features: frozenset):
    data, codec = draft(seed, encoding, features)
    path = tmp_path / f"{seed}-{encoding}.txt"
    path.write_bytes(data)
    assert editor(path, codec) == expected(path, cli([path])[str(path)])


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_binary_refusal_points_at_the_control_characters(tmp_path: Path, encoding: str):
    data, codec = draft(3, encoding, frozenset({"binary"}))
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    buffer = editor_buffer(data, codec)
    result = analyze(path.as_uri(), str(path), buffer, 1, 1, Config(), UTF16, path=str(path))
    (refusal,) = result.published()
    assert refusal.code == "E001" and refusal.severity == types.DiagnosticSeverity.Error
    first = buffer.index("\x00")
    line = buffer[:first].count("\n")
    (related,) = refusal.related_information
    assert related.location.range.start.line == line and related.message == "U+0000"
