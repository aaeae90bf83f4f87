"""``lint --format html`` in English, to standard output, and on a clean report."""

from __future__ import annotations

import json

from lxml import html as lxml_html

from ..paths import CORPUS, FIXTURES, seed_path
from .conftest import nianbao


def test_english_page_to_stdout() -> None:
    proc = nianbao("lint", "--format", "html", "--lang", "en", seed_path("001"))
    assert proc.returncode == 1
    page = lxml_html.fromstring(proc.stdout)
    assert page.get("lang") == "en"
    text = page.text_content()
    assert "Annual report check results" in text and "2. Information disclosed proactively" in text
    codes = {e.get("data-code") for e in page.xpath("//*[@data-code]")}
    found = json.loads(nianbao("lint", "--format", "json", "--lang", "en", seed_path("001")).stdout)
    assert codes == {f["code"] for f in found} and "A301" in codes
    assert "本年新收" in text  # the format's own row labels stay as the format writes them


def test_clean_report_says_so() -> None:
    path = CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt"  # tables complete, all relations hold
    proc = nianbao("lint", "--format", "html", "--select", "A", path)
    assert proc.returncode == 0
    page = lxml_html.fromstring(proc.stdout)
    assert "未发现错误或警告。" in page.text_content()
    assert not page.xpath('//td[contains(@class, "err") or contains(@class, "warn")]')
    assert len(page.xpath("//td[@data-key]")) == 200  # every cell of the 2021 format laid out


def test_a_pdf_report_shows_its_tables() -> None:
    """A document is laid out from its own table grid: the published PDF's 200 cells, each its true value."""
    pdf = FIXTURES / "documents" / "huaian_city_2024.pdf"
    truth = json.loads(pdf.with_suffix(".json").read_text("utf-8"))["cells"]
    page = lxml_html.fromstring(nianbao("lint", "--format", "html", pdf).stdout)
    shown = {td.get("data-key"): td.text_content() for td in page.xpath("//td[@data-key]")}
    assert set(shown) == set(truth)
    for key, value in truth.items():
        number = "—" if value is None else (str(int(value)) if float(value).is_integer() else str(value))
        assert shown[key].startswith(number), (key, shown[key], value)
