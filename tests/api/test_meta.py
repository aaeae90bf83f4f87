"""Title, agency, statistics period and signing date: on the real reports, generated ones and their neighbours."""

from __future__ import annotations

import json
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao import Source, parse
from nianbao.output import report_json

from ..paths import CORPUS, FIXTURES, seed_path
from ..synth.generate import LAYOUTS, TEMPLATES, generate


def _read(path) -> dict:
    return report_json(parse(Source.from_path(str(path))))


def test_real_reports() -> None:
    got = _read(seed_path("004"))
    assert got["title"] == "湘乡市行政审批服务局2019年度政府信息公开年度报告"
    assert got["agency"] == "湘乡市行政审批服务局"
    assert got["period"] == {"start": "2019-01-01", "end": "2019-12-31"}
    assert got["signed"] == "2020-01-20"
    got = _read(seed_path("001"))
    assert (got["agency"], got["period"], got["signed"]) == ("银州区人民政府办公室", None, None)
    got = _read(seed_path("002"))
    assert got["agency"] == "湘潭县易俗河镇"  # "湘潭县易俗河镇 2020 年政府信息公开年度报告"
    got = _read(seed_path("003"))  # no title; the period is stated, nothing signed
    assert (got["title"], got["agency"], got["signed"]) == (None, None, None)
    assert got["period"] == {"start": "2020-01-01", "end": "2020-12-31"}
    got = _read(CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md")
    assert got["agency"] == "沐阳县人民政府"  # as written (an OCR slip for 沭阳)
    assert got["period"] == {"start": "2025-01-01", "end": "2025-12-31"} and got["signed"] == "2026-01-23"
    got = _read(FIXTURES / "documents" / "huaian_city_2024.pdf")  # 淮安市人民政府 / 2024年政府信息公开…
    assert (got["agency"], got["title"]) == ("淮安市人民政府", "2024年政府信息公开工作年度报告")
    assert got["period"] == {"start": "2024-01-01", "end": "2024-12-31"} and got["signed"] is None
    got = _read(CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt")
    assert got["agency"] == "平潭综合实验区" and got["signed"] is None  # a web page's 时间：2024-03-08 is no signature
    json.dumps(got)  # every added field is plain JSON


def test_generated_reports_every_layout() -> None:
    for i in range(48):
        layout, version = LAYOUTS[i % len(LAYOUTS)], TEMPLATES[i % 2]
        synthetic = generate(900 + i, layout, version)
        report = parse(Source(f"g{i}.txt", synthetic.text.encode("utf-8")))
        assert report.agency == synthetic._doc.agency, (layout, report.title)
        assert (report.period_start, report.period_end) in (
            (date(synthetic.year, 1, 1), date(synthetic.year, 12, 31)),
            (None, None),
        )
        if "统计期限" in synthetic.text:
            assert report.period_start == date(synthetic.year, 1, 1)
        tail = re.search(rf"\n{synthetic._doc.agency}\s*\n({synthetic.year + 1})年(\d+)月(\d+)日", synthetic.text)
        if tail:
            assert report.signed == date(*map(int, tail.groups()))


_CN = dict(zip("0123456789", "〇一二三四五六七八九", strict=True))


def _cn_small(n: int) -> str:
    tens, units = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN[str(tens)] + "十")) + (
        "" if units == 0 and tens else _CN[str(units)]
    )


def _written(day: date, style: str, space: str) -> str:
    if style == "cn":
        y = "".join(_CN[c] for c in str(day.year))
        return f"{y}{space}年{_cn_small(day.month)}月{_cn_small(day.day)}日"
    y, m, d = str(day.year), str(day.month), str(day.day)
    if style == "wide":
        y, m, d = (s.translate(str.maketrans("0123456789", "０１２３４５６７８９")) for s in (y, m, d))
    return f"{y}{space}年{space}{m}{space}月{d}日"


_NAME = st.text(alphabet="东西南北山河湖海城关新平安和顺江源", min_size=2, max_size=6)
_KIND = st.sampled_from(
    ["人民政府", "人民政府办公室", "行政审批服务局", "教育局", "街道办事处", "镇人民政府", "卫生健康委员会"]
)
_REPORT = st.sampled_from(
    ["政府信息公开工作年度报告", "政府信息公开年度报告", "政府信息公开年报", "政府信息公开工作报告"]
)


@settings(max_examples=60, deadline=None)
@given(
    place=_NAME,
    kind=_KIND,
    words=_REPORT,
    year=st.integers(2019, 2030),
    year_first=st.booleans(),
    du=st.sampled_from(["年度", "年", " 年度 ", "年度的"]),
    signed=st.dates(date(2019, 1, 1), date(2031, 12, 31)),
    style=st.sampled_from(["arabic", "wide", "cn"]),
    space=st.sampled_from(["", " "]),
    sign_agency=st.booleans(),
    period=st.booleans(),
    split=st.sampled_from(["", "above", "below"]),
)
def test_neighbours(place, kind, words, year, year_first, du, signed, style, space, sign_agency, period, split) -> None:
    agency = place + kind
    title = f"{year}{du}{agency}{words}" if year_first else f"{agency}{year}{du}{words}"
    if split:  # the agency on a line of its own, the title only the year and the report words
        title = f"{year}{du}{words}"
    stated = f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。" if period else ""
    head = {"": title, "above": f"{agency}\n{title}", "below": f"{title}\n{agency}\n（{year}年度）"}[split]
    text = (
        f"{head}\n\n根据《中华人民共和国政府信息公开条例》，编制本报告。{stated}\n"
        "一、总体情况\n本年度做了许多工作。\n二、主动公开政府信息情况\n（略）\n"
        "三、收到和处理政府信息公开申请情况\n（略）\n四、政府信息公开行政复议、行政诉讼情况\n（略）\n"
        "五、存在的主要问题及改进情况\n（略）\n六、其他需要报告的事项\n无。\n\n"
        + (f"{agency}\n" if sign_agency else "")
        + f"{space}{_written(signed, style, space)}{space}\n"
    )
    report = parse(Source("n.txt", text.encode("utf-8")))
    assert report.title == title.strip()
    assert report.agency == agency
    assert report.signed == signed
    assert report.text.text[report.signed_span.start : report.signed_span.end].endswith("日")
    assert report.text.text[report.agency_span.start : report.agency_span.end] == agency
    if split:  # from the line beside the title, not from the signature
        assert report.agency_span.start < report.text.text.index("一、总体情况")
    if period:
        assert (report.period_start, report.period_end) == (date(year, 1, 1), date(year, 12, 31))
    else:
        assert report.period_start is None


@given(month=st.integers(1, 12), day=st.integers(29, 31))
def test_no_such_day_is_no_date(month, day) -> None:
    text = (
        "某局2020年度政府信息公开工作年度报告\n一、总体情况\n无。\n六、其他需要报告的事项\n无。\n"
        f"某局\n2021年{month}月{day}日\n"
    )
    report = parse(Source("d.txt", text.encode("utf-8")))
    try:
        expected = date(2021, month, day)
    except ValueError:
        expected = None
    assert report.signed == expected
    if expected is None:
        assert report.agency == "某局"  # from the title all the same
