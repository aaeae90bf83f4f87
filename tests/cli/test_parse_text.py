"""``parse --format text`` shows what the report says about itself, as ``--format json`` gives it."""

from __future__ import annotations

import json

import pytest

from ..paths import CORPUS, SEEDS
from .conftest import nianbao

SAMPLES = [*SEEDS, *sorted(CORPUS.glob("*/*.txt")), *sorted(CORPUS.glob("*/*.md"))]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_shows_title_agency_period_and_signing_date(lang: str) -> None:
    parsed = json.loads(nianbao("parse", "--format", "json", *SAMPLES).out)
    assert any(p["title"] and p["agency"] and p["period"] for p in parsed)  # the samples do say them
    for path, doc in zip(SAMPLES, parsed, strict=True):
        out = nianbao("parse", "--lang", lang, path).out
        names = (
            ("标题", "发布机构", "统计期限", "成文日期") if lang == "zh" else ("title", "agency", "period", "signed")
        )
        period = f"{doc['period']['start']} – {doc['period']['end']}" if doc["period"] else None
        none = "（未识别）" if lang == "zh" else "(not found)"
        for name, value in zip(names, (doc["title"], doc["agency"], period, doc["signed"]), strict=True):
            line = next(line for line in out.splitlines() if f"{name}: " in line)
            assert f"{name}: {value or none}" in line, (path.name, line)
