"""The direct structure pass reads the same sections as the Lark grammar that defines the structure."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import Source, parse
from nianbao.model import Heading, Span
from nianbao.source import Text
from nianbao.structure import Terminal, parse_tree, sections_of, sections_of_tree

from ..paths import CORPUS, seed_path

KINDS = ("HEADING", "TABLE", "TEXT", "BLANK")


def _same(a, b) -> None:
    assert [(s.number, s.span, s.paragraphs, s.tables) for s in a] == [
        (s.number, s.span, s.paragraphs, s.tables) for s in b
    ]


@settings(max_examples=300, deadline=None)
@given(st.booleans(), st.lists(st.tuples(st.sampled_from(KINDS), st.booleans()), max_size=40))
def test_any_terminal_sequence(title: bool, items: list[tuple[str, bool]]) -> None:
    # one character per terminal; a HEADING with its flag unset has no Heading (a stray one)
    kinds = (["TITLE"] if title else []) + [k for k, _ in items]
    known = [True] * title + [flag for _, flag in items]
    text = Text("x\n" * len(kinds))
    terminals = [Terminal(k, 2 * i, 2 * i + 1) for i, k in enumerate(kinds)]
    headings = [
        Heading(None, 1 + i % 6, "h", Span(t.start, t.end), None)
        for i, (t, ok) in enumerate(zip(terminals, known, strict=True))
        if t.kind == "HEADING" and ok
    ]
    _same(sections_of(terminals, headings), sections_of_tree(parse_tree(text, terminals), headings))


def test_seeds_and_corpus() -> None:
    paths = [seed_path(n) for n in ("000", "001", "002", "003", "004")] + sorted(CORPUS.glob("*/*.txt"))
    assert len(paths) > 5
    for path in paths:
        report = parse(Source.from_path(str(path)))
        _same(report.sections, sections_of_tree(report.tree, report.headings))
