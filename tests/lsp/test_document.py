"""The server's document text follows the LSP specification's edits exactly (compared with an editor's model)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from nianbao.lsp import document
from nianbao.lsp.convert import LineIndex
from nianbao.lsp.server import LspTextDocument

from .editor_model import EditorText

PIECES = ["a", "字", "𠀀", "😀", "\r", "\n", "\r\n", "\u2028", "\x0c", " | ", "0", "é"]
ENCODINGS = {"utf-16": document.UTF16, "utf-8": document.UTF8, "utf-32": document.UTF32}

texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
positions = st.builds(types.Position, line=st.integers(0, 8), character=st.integers(0, 14))
ranges = st.builds(types.Range, start=positions, end=positions)


def pos(line: int, char: int) -> types.Position:
    return types.Position(line=line, character=char)


def rng(a: tuple[int, int], b: tuple[int, int]) -> types.Range:
    return types.Range(start=pos(*a), end=pos(*b))


def applied(text: str, r: types.Range, new: str, encoding: str = "utf-16") -> str:
    return document.apply(text, document.line_starts(text), r, new, ENCODINGS[encoding])


@pytest.mark.parametrize(
    ("text", "r", "new", "want"),
    [
        # a character past the line's end is the end of the line, not the next line's start
        ("ab\ncd\n", rng((0, 9), (0, 9)), "X", "abX\ncd\n"),
        ("ab\r\ncd", rng((0, 3), (0, 3)), "X", "abX\r\ncd"),
        # a line past the last one is the end of the text
        ("ab\ncd", rng((7, 0), (9, 4)), "X", "ab\ncdX"),
        ("ab\ncd\n", rng((1, 1), (5, 0)), "", "ab\nc"),
        # a reversed range is the same range the right way round
        ("abcdef", rng((0, 4), (0, 1)), "X", "aXef"),
        ("ab\ncd", rng((1, 1), (0, 1)), "", "ad"),
        # inside a surrogate pair: a deletion takes the whole character, an insertion goes before it
        ("a𠀀b", rng((0, 2), (0, 3)), "", "ab"),
        ("a𠀀b", rng((0, 2), (0, 2)), "X", "aX𠀀b"),
        ("𠀀𠀀", rng((0, 1), (0, 3)), "", ""),
        # form feeds and U+2028 are inside a line
        ("a\x0cb\u2028c\nd", rng((1, 0), (1, 1)), "X", "a\x0cb\u2028c\nX"),
        # a lone CR ends a line
        ("a\rb", rng((1, 0), (1, 1)), "X", "a\rX"),
    ],
)
def test_edits_as_the_specification_defines_them(text, r, new, want):
    assert applied(text, r, new) == want
    model = EditorText(text)
    model.apply(r, new)
    assert model.text == want  # the editor's model agrees


def test_utf8_positions_inside_a_character():
    # "字" is three UTF-8 bytes: byte 1 and 2 are inside it
    assert applied("a字b", rng((0, 2), (0, 3)), "", "utf-8") == "ab"
    assert applied("a字b", rng((0, 2), (0, 2)), "X", "utf-8") == "aX字b"
    assert applied("a字b", rng((0, 4), (0, 5)), "", "utf-8") == "a字"


@settings(max_examples=600, deadline=None)
@given(text=texts, r=ranges, new=texts, encoding=st.sampled_from(sorted(ENCODINGS)))
def test_every_edit_gives_the_editors_text(text, r, new, encoding):
    model = EditorText(text, encoding)
    model.apply(r, new)
    assert applied(text, r, new, encoding) == model.text


@settings(max_examples=300, deadline=None)
@given(text=texts, edits=st.lists(st.tuples(ranges, texts), max_size=6))
def test_the_server_document_follows_a_sequence_of_edits(text, edits):
    doc = LspTextDocument("file:///r.txt", text, version=1, position_codec=PositionCodec())
    model = EditorText(text)
    for r, new in edits:
        doc.apply_change(types.TextDocumentContentChangePartial(range=r, text=new))
        model.apply(r, new)
        assert doc.source == model.text
        assert "".join(doc.lines) == doc.source


@settings(max_examples=300, deadline=None)
@given(text=texts, offset=st.integers(0, 200), encoding=st.sampled_from(sorted(ENCODINGS)))
def test_positions_sent_to_the_client_come_back_to_the_same_offset(text, offset, encoding):
    index = LineIndex(text, PositionCodec(ENCODINGS[encoding]))
    offset = min(offset, len(text))
    if offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1  # between CR and LF is no position an editor has
    p = index.position(offset)
    model = EditorText(text, encoding)
    assert p.line < model.line_count() and p.character <= model.line_units(p.line)
    assert index.offset(p) == offset
