"""Documents that cannot be read: one clear line each, exit 2, never a traceback; in a folder, skipped and said why."""

from __future__ import annotations

import io
import sys

import pytest

from ..cli.conftest import nianbao
from .test_documents import FIXTURES, GENERATED, HUAIAN

DOCX = GENERATED / "r1_2021_clean.docx"


def _scanned_pdf() -> bytes:
    """A page with a picture and no text layer, as a scanner makes it."""
    import pypdfium2
    from PIL import Image

    buf = io.BytesIO()
    Image.effect_noise((400, 560), 60).convert("L").save(buf, "JPEG")
    pdf = pypdfium2.PdfDocument.new()
    page = pdf.new_page(595, 842)
    image = pypdfium2.PdfImage.new(pdf)
    image.load_jpeg(io.BytesIO(buf.getvalue()))
    image.set_matrix(pypdfium2.PdfMatrix().scale(595, 842))
    page.insert_obj(image)
    page.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(HUAIAN)))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx_no_report() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("关于召开2024年度安全生产工作会议的通知")
    doc.add_paragraph("各科室：定于下周一上午九时在三楼会议室召开会议，请准时参加。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_PAGE = (
    '<html><head><meta charset="utf-8"><title>某某市人民政府</title></head><body>'
    '<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>'
    "<div class='content'><p>欢迎访问某某市人民政府门户网站。</p><p>今日天气晴。</p></div></body></html>"
)

BAD = {
    "scan.pdf": (_scanned_pdf, "没有文字层"),
    "locked.pdf": (_encrypted_pdf, "加密"),
    "cut.docx": (lambda: DOCX.read_bytes()[: len(DOCX.read_bytes()) // 2], "损坏"),
    "old.doc": (lambda: (FIXTURES / "bad" / "report.doc").read_bytes(), ".docx"),
    "notice.docx": (_docx_no_report, "没有找到年度报告"),
    "page.html": (lambda: _PAGE.encode("utf-8"), "没有找到年度报告"),
    "huge.html": (lambda: b"<html><body><p>" + b"x" * (50 * 2**20) + b"</p></body></html>", "过大"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_document_one_line_exit_2(tmp_path, name: str) -> None:
    make, words = BAD[name]
    path = tmp_path / name
    path.write_bytes(make())
    for command in ("lint", "parse"):
        r = nianbao(command, path)
        assert r.code == 2, (command, r.out, r.err)
        assert r.err.strip().count("\n") == 0, r.err
        assert name in r.err and words in r.err, r.err
    english = nianbao("lint", "--lang", "en", path)
    assert english.code == 2 and name in english.err and english.err.strip().count("\n") == 0


def test_folder_says_which_it_skipped_and_why(tmp_path) -> None:
    for name, (make, _words) in BAD.items():
        if name != "huge.html":
            (tmp_path / name).write_bytes(make())
    (tmp_path / "report.pdf").write_bytes(HUAIAN.read_bytes())
    r = nianbao("lint", "--format", "concise", tmp_path)
    assert r.code in (0, 1), r.err  # the report was linted; the others are skipped, not failures
    lines = r.err.strip().splitlines()
    assert len(lines) == len(BAD) - 1, r.err
    for name, (_make, words) in BAD.items():
        if name != "huge.html":
            line = next(x for x in lines if name in x)
            assert "已跳过" in line and words in line, line
    assert "report.pdf" not in r.err


def test_missing_extra_is_named(monkeypatch) -> None:
    from nianbao import Source, parse
    from nianbao.source import SourceError

    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # as if the pdf extra were not installed
    with pytest.raises(SourceError) as err:
        parse(Source.from_path(str(HUAIAN)))
    assert err.value.reason == "missing_extra" and err.value.detail == "pdf"
    from nianbao.commands._inputs import describe

    assert "pip install 'nianbao[pdf]'" in describe(err.value, "zh")
