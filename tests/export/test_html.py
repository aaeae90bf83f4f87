"""``lint --format html``: the page a supervising office sends, checked in a real browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from ..paths import SEEDS
from .conftest import chromium, nianbao


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("page")
    page = folder / "seeds.html"
    proc = nianbao("lint", "--format", "html", "-o", page, *SEEDS)
    assert proc.returncode == 1, proc.stderr  # the seeds have real defects
    assert proc.stdout == b""  # all of it went to the file
    findings = json.loads(nianbao("lint", "--format", "json", *SEEDS).stdout)
    parsed = nianbao("parse", "--format", "jsonl", *SEEDS).stdout.splitlines()
    cells = {r["path"]: r["cells"] for r in map(json.loads, parsed)}
    shown = chromium("--dump-dom", page.as_uri())
    assert shown.returncode == 0, shown.stderr
    dom = lxml_html.fromstring(shown.stdout)
    return {"path": page, "source": page.read_text("utf-8"), "dom": dom, "findings": findings, "cells": cells}


def _section(dom, path: str):
    (heading,) = [h for h in dom.iter("h2") if h.text_content().strip() == path]
    return heading.getparent()


def test_every_error_and_warning_is_shown_with_its_code_place_and_cells(seeds_page) -> None:
    dom, failing = seeds_page["dom"], [f for f in seeds_page["findings"] if f["severity"] in ("error", "warning")]
    assert len(failing) > 75  # the seeds' real defects, all of them (T207: one per row of blank cells)
    on_cells = 0
    for f in failing:
        section = _section(dom, f["path"])
        where = f"第{f['line']}行第{f['column']}列"
        shown = [
            e
            for e in section.iter("li", "p")
            if e.get("data-code") == f["code"] and where in e.text_content() and f["code"] in e.text_content()
        ]
        assert shown, f"{f['path']} {f['code']} {where} not on the page"
        # a finding on a cell: that cell is highlighted and carries the code
        at = (f["line"], f["column"])
        key = next((k for k, c in seeds_page["cells"][f["path"]].items() if (c["line"], c["column"]) == at), None)
        if key is None:
            continue
        on_cells += 1
        (td,) = section.xpath(f'.//td[@data-key="{key}"]')
        assert {"err", "warn"} & set(td.get("class").split()), key
        assert f["code"] in [a.text_content() for a in td.iter("a")], (key, f["code"])
        if f["severity"] == "error":
            assert "err" in td.get("class")
    assert on_cells > 30


def test_messages_are_the_linters_words(seeds_page) -> None:
    """Each message in full, except a rule repeated along a row: "同上" and its column, under the first."""
    dom = seeds_page["dom"]
    for f in seeds_page["findings"]:
        where = f"第{f['line']}行第{f['column']}列"
        (li,) = [
            e
            for e in _section(dom, f["path"]).xpath(".//*[@data-code]")
            if where in e.text_content() and e.get("data-code") == f["code"]
        ]
        text = " ".join(li.text_content().split())
        if " ".join(f["message"].split()) in text:
            continue
        assert "同上" in text, text
        twin = li.getprevious()
        assert twin is not None and twin.get("data-code") == f["code"], text
        column = text.rsplit(":", 1)[1].strip()
        assert column and column in f["message"], (text, f["message"])


def test_summary_lists_every_report_worst_first_with_links(seeds_page) -> None:
    dom = seeds_page["dom"]
    (summary,) = dom.xpath('//table[contains(@class, "summary")]')
    rows = summary.xpath("./tbody/tr")
    assert len(rows) == len(SEEDS)
    counts = []
    for row in rows:
        link = row.xpath(".//a")[0]
        target = dom.get_element_by_id(link.get("href")[1:])
        assert target.xpath("./h2")[0].text_content() == link.text_content()
        tds = row.xpath("./td")
        counts.append((int(tds[2].text_content()), int(tds[3].text_content())))
        path = link.text_content()
        mine = [f for f in seeds_page["findings"] if f["path"] == path]
        errors, warnings = (sum(f["severity"] == s for f in mine) for s in ("error", "warning"))
        assert counts[-1] == (errors, warnings)
    assert counts == sorted(counts, reverse=True)


def test_three_tables_as_the_national_format(seeds_page) -> None:
    section = _section(seeds_page["dom"], str(SEEDS[1]))
    titles = [h.text_content() for h in section.iter("h3")]
    assert {
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    } <= set(titles)
    cells = seeds_page["cells"][str(SEEDS[1])]
    for key, cell in cells.items():  # every number read is in its place
        (td,) = section.xpath(f'.//td[@data-key="{key}"]')
        shown = td.text_content()
        value = cell["value"]
        expected = "—" if value is None else (str(int(value)) if float(value).is_integer() else str(value))
        assert shown.startswith(expected), (key, shown, expected)
    t3 = section.xpath('.//table[contains(@class, "t3")]')[0].text_content()
    for label in ("自然人", "法人或其他组织", "商业企业", "(三)不予公开", "(七)总计", "四、结转下年度继续办理"):
        assert label in t3


def test_text_findings_come_with_their_snippet(seeds_page) -> None:
    section = _section(seeds_page["dom"], str(SEEDS[0]))  # seed 000: garbage characters in the prose
    snippets = section.xpath('.//pre[contains(@class, "snippet")]')
    assert snippets
    marks = [m.text_content() for s in snippets for m in s.iter("mark")]
    assert any(ch in "".join(marks) for ch in "ㄨ▅ζ〓")


def test_self_contained_no_script_no_external_resource(seeds_page) -> None:
    source = seeds_page["source"]
    assert "<script" not in source.lower() and "<link" not in source.lower() and "@import" not in source
    assert not re.search(r"""url\(|src\s*=|href\s*=\s*["'](?!#)""", source)


def test_rule_explanations_for_the_codes_found(seeds_page) -> None:
    dom = seeds_page["dom"]
    codes = {f["code"] for f in seeds_page["findings"]}
    for code in codes:
        entry = dom.get_element_by_id(f"rule-{code}")
        explanation = entry.getnext().text_content()
        assert "检查内容" in explanation and "为何重要" in explanation, code


def test_readable_on_a_phone_and_printable(seeds_page, tmp_path: Path) -> None:
    source = seeds_page["source"]
    assert 'name="viewport"' in source and "@media print" in source
    shot = tmp_path / "phone.png"
    done = chromium("--window-size=390,844", f"--screenshot={shot}", seeds_page["path"].as_uri())
    assert done.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pdf = tmp_path / "page.pdf"
    done = chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", seeds_page["path"].as_uri())
    assert done.returncode == 0 and pdf.read_bytes()[:5] == b"%PDF-"
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    assert len(pages) > len(SEEDS)  # each report starts a page
    assert "A301" in "".join(p.extract_text() for p in pages)
