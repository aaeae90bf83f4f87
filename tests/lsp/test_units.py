"""The language server's pieces, in process: positions, formatting, settings, hover text."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec
from rich.cells import cell_len

from nianbao import Source, parse
from nianbao.formatting import format_edits, format_text
from nianbao.lint import Config
from nianbao.lsp.analysis import analyze, looks_like_report
from nianbao.lsp.convert import LineIndex, split_lines
from nianbao.lsp.hover import code_at, rule_markdown
from nianbao.lsp.settings import client_settings, merge
from nianbao.model import Span

from ..paths import CORPUS, SEEDS

UTF8, UTF16 = PositionCodec(types.PositionEncodingKind.Utf8), PositionCodec(types.PositionEncodingKind.Utf16)


def test_split_lines_follows_lsp_not_str_splitlines():
    text = "a\u2028b\x0cc\r\nd\re\n"
    assert split_lines(text) == ["a\u2028b\x0cc\r\n", "d\r", "e\n", ""]


@pytest.mark.parametrize(("codec", "x_column"), [(UTF16, 1 + 2), (UTF8, 3 + 4)])
def test_positions_count_the_negotiated_code_units(codec, x_column):
    text = "表𠀀x\r\n第二行 | 0 |\n"
    index = LineIndex(text, codec)
    x = text.index("x")
    assert index.position(x) == types.Position(line=0, character=x_column)
    zero = text.index("0")
    assert index.position(zero).line == 1
    assert index.offset(index.position(zero)) == zero
    assert index.offset(index.position(x)) == x
    # the end of a text with a final line end is the start of the empty last line
    assert index.position(len(text)) == types.Position(line=2, character=0)
    # offsets beyond the text are clamped, never an error
    assert index.range(Span(10**6, 10**6 + 3)).start == types.Position(line=2, character=0)


def test_a_leading_byte_order_mark_is_counted_by_the_editor():
    text = "\ufeff一、总体情况\n"
    index = LineIndex(text, UTF16, base=1)
    assert index.position(0) == types.Position(line=0, character=1)  # engine offset 0 is after the BOM


def test_utf16_column_of_a_character_after_a_surrogate_pair():
    index = LineIndex("𠀀ab", UTF16)
    assert index.position(1).character == 2
    assert index.position(2).character == 3


def test_seeds_look_like_reports_and_other_text_does_not():
    for path in SEEDS:
        assert looks_like_report(parse(Source.from_path(str(path))))
    readme = "# 说明\n\n| 名称 | 数量 |\n|---|---|\n| 苹果 | 3 |\n"
    assert not looks_like_report(parse(Source.from_text("README.md", readme)))


def test_analysis_of_a_seed_converts_every_diagnostic():
    text = SEEDS[1].read_text("utf-8")
    result = analyze("file:///r.txt", "r.txt", text, 3, 1, Config(), UTF16)
    assert result.is_report and result.version == 3
    assert len(result.lsp) == len(result.diagnostics) > 25  # 23 of them: one per row of 表三 with blanks
    assert all(d.source == "nianbao" and d.code_description.href.endswith(d.code.lower()) for d in result.lsp)


def _formatting_inputs():
    yield from SEEDS
    yield from sorted(CORPUS.glob("*/*.txt"))
    yield from sorted(CORPUS.glob("*/*.md"))


@pytest.mark.parametrize("path", list(_formatting_inputs()), ids=lambda p: p.name)
def test_formatting_keeps_every_cell_and_is_idempotent(path):
    text = path.read_text("utf-8")
    report = parse(Source.from_text(path.name, text))
    out = format_text(report)
    again = parse(Source.from_text(path.name, out))
    assert {k: (c.value, c.raw) for k, c in report.cells.items()} == {
        k: (c.value, c.raw) for k, c in again.cells.items()
    }
    assert [(s.number, s.title) for s in report.sections] == [(s.number, s.title) for s in again.sections]
    # only spaces change (and the dashes of a Markdown table's |---| line)
    assert out.replace(" ", "").replace("-", "") == text.replace(" ", "").replace("-", "")
    assert format_edits(again) == []
    if report.dialect != "pipe":
        assert out == text


def test_formatting_aligns_columns_by_display_width():
    text = SEEDS[0].read_text("utf-8")  # pipe dialect
    out = format_text(parse(Source.from_text("r.txt", text)))
    rows = [line for line in out.split("\n") if line.startswith(("规章 ", "规范性文件 ", "信息内容 "))][:3]
    widths = {tuple(cell_len(f) for f in row.split("|")[:4]) for row in rows}
    assert len(widths) == 1, rows  # same display width of every column, 规章 and 规范性文件 alike
    assert "||" in out  # merged-cell padding kept


def test_formatting_leaves_rows_broken_over_lines_alone():
    text = SEEDS[1].read_text("utf-8")  # blank cells hold line breaks in 表三
    out = format_text(parse(Source.from_text("r.txt", text)))
    assert "一、本年新收政府信息公开申请数量 | 2 |\n|\n|\n|\n|\n| 2 | ||" in out


def test_client_settings_lay_over_the_file():
    base = Config(select=["S", "T", "A"], ignore=["N403"])
    config, problem = merge(base, {"select": [], "ignore": ["T207"], "lang": "en"})
    assert problem is None
    assert config.enabled("A301") and not config.enabled("T207") and not config.enabled("N403")
    assert config.lang == "en"
    config, _ = merge(base, {"select": ["A3"]})
    assert config.enabled("A301") and not config.enabled("T201")
    config, problem = merge(base, {"lang": "fr", "select": "A"})
    assert problem and "lang" in problem and config.lang == base.lang
    assert client_settings({"nianbao": {"lang": "en", "other": 1}}) == {"lang": "en"}
    assert client_settings(None) == {}


def test_rule_codes_are_found_next_to_chinese_characters():
    text = "已按A301核对，另见T207。"
    assert code_at(text, text.index("A301") + 2)[0] == "A301"
    assert code_at(text, text.index("T207"))[0] == "T207"
    assert code_at(text, 0) is None
    assert code_at("BA3011", 2) is None


def test_crlf_reports_keep_their_line_ends_and_positions():
    text = SEEDS[1].read_text("utf-8").replace("\n", "\r\n")
    report = parse(Source.from_text("r.txt", text))
    out = format_text(report)
    assert out.count("\r\n") == text.count("\r\n") and "\n" not in out.replace("\r\n", "")
    assert format_edits(parse(Source.from_text("r.txt", out))) == []
    result = analyze("file:///r.txt", "r.txt", text, 1, 1, Config(), UTF16)
    total = next(i for i, line in enumerate(text.split("\r\n")) if line.startswith("(七)总计"))
    a301 = [d for d in result.lsp if d.code == "A301"]
    assert a301 and a301[0].range.start == types.Position(line=total, character=len("(七)总计 | "))


def test_rule_hover_follows_the_language():
    zh = rule_markdown("A301", "zh")
    assert zh is not None and "本年新收的申请数加上年结转的申请数" in zh and "carried forward" not in zh
    en = rule_markdown("A301", "en")
    assert en is not None and "carried forward" in en and "本年新收的申请数" not in en
