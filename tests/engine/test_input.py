"""Reading bytes: encodings, line ends, and input that is not a report at all."""

from __future__ import annotations

import subprocess
import sys

import pytest

from nianbao import Source, SourceError, parse
from nianbao.source import decode

from ..paths import seed_path

SEED = seed_path("001").read_text(encoding="utf-8")


def cells(report) -> dict:
    return {k: c.value for k, c in report.cells.items()}


REFERENCE = cells(parse(Source.from_text("ref.txt", SEED)))


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ],
)
def test_encodings_read_the_same_cells(encoding: str, bom: bytes) -> None:
    data = bom + SEED.encode(encoding)
    report = parse(Source("r.txt", data))
    assert cells(report) == REFERENCE
    assert report.text.encode() == data  # written back byte for byte


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_keep_lines_and_columns(newline: str) -> None:
    text = SEED.replace("\n", newline)
    report = parse(Source("r.txt", text.encode("utf-8")))
    assert cells(report) == REFERENCE
    cell = report.cells["t2.licensing.change"]
    assert report.position(cell.span.start) == (21, len("行政许可 | 11246 | ") + 1)
    assert report.text.newline == newline
    assert report.text.text == text  # nothing normalised away


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n\t ", "empty"),
        (b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    ],
)
def test_unreadable_input_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(SourceError) as err:
        decode(Source("bad.txt", data))
    assert err.value.reason == reason


def test_text_that_is_no_report_still_parses() -> None:
    report = parse(Source.from_text("note.txt", "今天开会。\n明天放假。\n"))
    assert report.sections == [] and report.cells == {} and report.template is None


def test_half_written_draft_yields_a_partial_model() -> None:
    draft = SEED[: SEED.index("(三)不予公开")]
    report = parse(Source.from_text("draft.txt", draft))
    assert [s.number for s in report.sections] == [1, 2, 3]
    assert report.cells["t2.licensing.prev"].value == 11246
    assert report.cells["t3.granted.natural"].value == 2
    assert "t3.total.natural" not in report.cells


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nianbao", *args], input=stdin, capture_output=True, timeout=60)


@pytest.mark.parametrize(
    ("content", "expect"),
    [(b"", "文件为空"), (b"\x00\xff" * 300, "不是文本文件"), (None, "文件不存在")],
)
def test_cli_bad_input_one_line_no_traceback(tmp_path, content: bytes | None, expect: str) -> None:
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    result = run_cli("parse", str(path))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "Traceback" not in err
    assert err.strip().count("\n") == 0 and str(path) in err and expect in err


def test_cli_reads_gb18030_crlf_from_stdin() -> None:
    data = SEED.replace("\n", "\r\n").encode("gb18030")
    result = run_cli("parse", "--format", "jsonl", "-", stdin=data)
    assert result.returncode == 0, result.stderr.decode()
    assert b'"t3.new.natural": {"value": 2' in result.stdout


def test_cli_unknown_dialect_is_a_clear_error() -> None:
    result = run_cli("parse", "--dialect", "nope", str(seed_path("001")))
    assert result.returncode == 2 and b"Traceback" not in result.stderr and "nope" in result.stderr.decode()


def test_errors_and_reports_cross_process_boundaries() -> None:
    """lint --jobs sends both back from worker processes."""
    import pickle

    err = pickle.loads(pickle.dumps(SourceError("r.txt", "empty", "x")))
    assert (err.name, err.reason, err.detail) == ("r.txt", "empty", "x")
    report = parse(Source.from_text("r.txt", SEED))
    copy = pickle.loads(pickle.dumps(report))
    assert copy.template is report.template  # one template object per version
    assert {k: c.value for k, c in copy.cells.items()} == REFERENCE
