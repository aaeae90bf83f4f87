"""A row read with fewer values than the format has columns (T206) places its values by guess: no
arithmetic finding (A3xx) may rest on it."""

from __future__ import annotations

import json

import pytest

from nianbao import Source, parse
from nianbao.lint import Config, check_document

from ..paths import FIXTURES

PLAIN = sorted((FIXTURES / "pdf_text_plain").glob("*.pdftotext.txt"))


@pytest.mark.parametrize("path", PLAIN, ids=lambda p: p.name.split(".")[0])
def test_plain_pdftotext_of_a_clean_report_has_no_arithmetic_finding_on_short_rows(path) -> None:
    """Column-by-column PDF text of a correct report (was: 42 false A301/A303/A304 over 8 of these 12)."""
    report = parse(Source.from_text(path.name, path.read_text(encoding="utf-8")))
    truth = json.loads(path.with_name(path.name.replace(".pdftotext.txt", ".json")).read_text(encoding="utf-8"))
    assert truth["cells"]  # a real report's true cells: the text is of a correct report
    short = {
        k for p in report.problems if p.kind == "cell-count" and p.data["found"] < p.data["expected"] for k in p.keys
    }
    found = [d for d in check_document(report, Config(), []) if d.code.startswith("A")]
    assert not [(d.code, str(d.message)) for d in found if short & set(d.keys)]


def test_the_fixtures_have_short_rows() -> None:
    """The texts do carry rows read short (T206): the test above is not vacuous."""
    assert len(PLAIN) == 12
    counts = 0
    for path in PLAIN:
        report = parse(Source.from_text(path.name, path.read_text(encoding="utf-8")))
        counts += sum(1 for p in report.problems if p.kind == "cell-count" and p.data["found"] < p.data["expected"])
    assert counts >= 12
