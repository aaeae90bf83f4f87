"""Collection rules read report summaries: the same cross-report findings as on whole reports, in every run."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import Source, parse
from nianbao.lint import Config, check, check_collection
from nianbao.model import Report
from nianbao.rules import ReportSummary, Rule, UndeclaredCell, summarize
from nianbao.template import template
from tests.synth.generate import LAYOUTS, _build, _finish

from ..cli.conftest import nianbao
from ..paths import FIXTURES

CASES = FIXTURES.parent / "rules" / "cases"
COLUMNS = ("natural", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")


# ---- the cross-report rules as they were written on whole reports (before summaries), the reference


def _body(report: Report) -> str | None:
    t = report.title
    if not (t and report.title_span) or any(w in t for w in (">", "＞", "位置", "首页")):
        return None
    t = re.sub(r"(?:19|20)\d{2}\s*年?度?|[二〇○零一三四五六七八九]{4}\s*年度?", "", unicodedata.normalize("NFKC", t))
    t = re.sub(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]", "", t)
    head, sep, _ = t.partition("政府信息公开")
    return (head if sep and head else t) or None


def reference(reports: list[Report]) -> set[tuple]:
    by_body: dict[tuple[str, int], Report] = {}
    for r in reports:
        body = _body(r)
        if body is not None and r.year is not None:
            by_body.setdefault((body, r.year), r)
    out = set()
    for (body, year), this in by_body.items():
        prev = by_body.get((body, year - 1))
        if prev is None or this.template is None or prev.template is None:
            continue
        for col in COLUMNS:
            now, before = this.cells.get(f"t3.carried_in.{col}"), prev.cells.get(f"t3.carried_forward.{col}")
            if now and before and now.value is not None and before.value is not None and now.value != before.value:
                line = prev.position(before.span.start)[0]
                out.add(("X504", this.path, this.position(now.span.start), f"{prev.path} 第{line}行"))
        if this.template.version == prev.template.version == "2021":
            for row in ("regulations", "normative_docs"):
                cells = [this.cells.get(f"t2.{row}.{c}") for c in ("issued", "repealed", "in_force")]
                before = prev.cells.get(f"t2.{row}.in_force")
                if before is None or before.value is None or any(c is None or c.value is None for c in cells):
                    continue
                if abs(before.value + cells[0].value - cells[1].value - cells[2].value) >= 1e-9:
                    line = prev.position(before.span.start)[0]
                    out.add(("X505", this.path, this.position(cells[2].span.start), f"{prev.path} 第{line}行"))
    return out


PREV = re.compile(r"([^（(，\s]+\.txt 第\d+行)")  # last year's file and line, as the messages name them


def found(diagnostics, texts: dict[str, Report]) -> set[tuple]:
    return {
        (d.code, d.path, texts[d.path].position(d.span.start), PREV.search(d.message.zh).group(1)) for d in diagnostics
    }


@pytest.fixture(scope="module")
def pairs(tmp_path_factory) -> list:
    """Reports of one body for consecutive years (same generator seed, so the same agency), every layout."""
    folder = tmp_path_factory.mktemp("pairs")
    paths = []
    for i in range(24):
        layout = LAYOUTS[i % len(LAYOUTS)]
        version = "2021" if i % 3 else "2019"
        first = 2021 + i % 3 if version == "2021" else 2019
        for year in (first, first + 1):
            report = _finish(_build(500 + i, layout, version, True, year=year))
            path = folder / f"p{i:02}_{year}.txt"
            path.write_text(report.text, encoding="utf-8")
            paths.append(path)
    paths += sorted(CASES.glob("X50*/*/*.txt"))
    return paths


def test_summaries_give_the_findings_of_whole_reports(pairs) -> None:
    reports = [parse(Source.from_path(str(p))) for p in pairs]
    want = reference(reports)
    assert len(want) >= 20 and {w[0] for w in want} == {"X504", "X505"}  # the input really has findings of both
    by_path = {r.path: r for r in reports}
    got = check(reports, Config(select=["X504", "X505"]))
    assert found(got, by_path) == want
    summaries = [summarize(r, ("t3.carried_in.*", "t3.carried_forward.*", "t2.*")) for r in reports]
    again = check_collection(summaries, Config(select=["X504", "X505"]))
    assert [(d.code, d.path, d.span, d.message) for d in again] == [(d.code, d.path, d.span, d.message) for d in got]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_command_line_streams_the_same_findings(pairs, jobs) -> None:
    reports = {str(p): parse(Source.from_path(str(p))) for p in pairs}
    want = reference(list(reports.values()))
    r = nianbao("lint", "--format", "json", "--select", "X504,X505", "--jobs", jobs, *pairs)
    assert r.code == 1, r.err
    got = set()
    for d in json.loads(r.out):
        got.add((d["code"], d["path"], (d["line"], d["column"]), PREV.search(d["message"]).group(1)))
    assert got == want
    concise = nianbao("lint", "--format", "concise", "--select", "X504,X505", "--jobs", jobs, *pairs)
    assert len(concise.out.splitlines()) == len(want)


def test_summary_is_small_and_knows_its_cells() -> None:
    report = parse(Source.from_path(str(CASES / "X504" / "fail_pair" / "2022.txt")))
    summary = summarize(report, ("t3.carried_forward.*",))
    assert isinstance(summary, ReportSummary) and summary.template is template("2021")
    assert (summary.agency, summary.agency_key, summary.year) == (report.agency, report.agency_key, report.year)
    assert summary.agency_key
    cell = report.cells["t3.carried_forward.total"]
    assert summary.cells["t3.carried_forward.total"].value == cell.value
    assert summary.position(cell.span.start) == report.position(cell.span.start)
    assert len(summary.cells) == 7
    with pytest.raises(UndeclaredCell):
        summary.cells.get("t3.new.total")
    import pickle

    assert len(pickle.dumps(summary)) < 1500


class _Greedy(Rule):
    code = "X999"
    name = "reads-undeclared"

    def check_all(self, reports, ctx):
        for r in reports:
            r.cells.get("t3.new.total")
        return ()


def test_a_rule_reading_an_undeclared_cell_fails_clearly(monkeypatch) -> None:
    from nianbao import lint, registry

    report = parse(Source.from_path(str(CASES / "X504" / "fail_pair" / "2022.txt")))
    monkeypatch.setattr(lint, "rule_classes", lambda configs=None: [_Greedy])
    failures: list = []
    assert check_collection([report], Config(select=["ALL"]), failures) == []
    assert failures and failures[0].code == "X999" and "summary_cells" in failures[0].error
    assert registry.rules()  # the real registry is untouched


# pieces of the format's keys and glob syntax: patterns that match some keys, all or none
_PIECES = ("t2", "t3", "t4", ".", "*", "?", "[", "]", "!", "-", "new", "carried_in", "total", "natural", "a", "z")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), min_size=1, max_size=4).map(tuple))
def test_summary_keys_are_those_the_globs_match(patterns: tuple[str, ...]) -> None:
    """The cells a summary keeps are exactly the keys ``fnmatchcase`` matches, whatever the patterns."""
    import fnmatch

    from nianbao.rules import _summary_keys

    for version in ("2019", "2021"):
        expected = tuple(k for k in template(version).keys if any(fnmatch.fnmatchcase(k, p) for p in patterns))
        assert _summary_keys(version, patterns) == expected
