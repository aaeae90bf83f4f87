"""HTML pages as sites publish them: sloppy grids, layout tables, declarations, charsets."""

from __future__ import annotations

import pytest

from nianbao import Source, parse


def _td(text: str, colspan: int = 1, rowspan: int = 1) -> str:
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")
    return f'<td{attrs} nowrap="nowrap"><p align="center">{text}</p></td>'


def _table(rows: list[list[str]]) -> str:
    return '<table border="1"><tbody>' + "".join("<tr>" + "".join(r) + "</tr>" for r in rows) + "</tbody></table>"


# 表二 as a real 2019 page wrote it: a 5-column grid whose header and value cells are
# merged on different columns from block to block (本年新公开数量 over columns 3–4,
# the values of 行政许可 over 2–3), <br> inside header labels, &nbsp; in a blank cell
T2_2019 = _table(
    [
        [_td("第二十条第（一）项", 5)],
        [_td("信息内容"), _td("本年新<br />制作数量"), _td("本年新<br />公开数量", 2), _td("对外公开总数量")],
        [_td("规章"), _td("13"), _td("12", 2), _td("524")],
        [_td("规范性文件"), _td("60"), _td("61", 2), _td("368")],
        [_td("第二十条第（五）项", 5)],
        [_td("信息内容"), _td("上一年项目数量"), _td("本年增/减", 2), _td("处理决定数量")],
        [_td("行政许可"), _td("7", 2), _td("增3"), _td("11")],
        [_td("其他对外管理服务事项"), _td("4", 2), _td("&nbsp;"), _td("5")],
        [_td("第二十条第（八）项", 5)],
        [_td("信息内容"), _td("上一年项目数量", 2), _td("本年增/减", 2)],
        [_td("行政事业性收费"), _td("2", 2), _td("1", 2)],
    ]
)
WANT = {
    "t2.regulations.made": 13,
    "t2.regulations.published": 12,
    "t2.regulations.total": 524,
    "t2.licensing.prev": 7,
    "t2.licensing.change": 3,
    "t2.licensing.decisions": 11,
    "t2.other_services.prev": 4,
    "t2.other_services.change": None,
    "t2.other_services.decisions": 5,
    "t2.fees.prev": 2,
    "t2.fees.change": 1,
}


def _page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return (
        f"<html><head>{head}<title>站点</title></head><body>"
        "<p>某市人民政府2019年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本年度工作顺利。</p>"
        f"<p>二、主动公开政府信息情况</p>{body}<p>三、收到和处理政府信息公开申请情况</p>"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>"
    )


def _values(report) -> dict:
    return {k: report.value(k) for k in WANT}


def test_grid_columns_merged_differently_per_block() -> None:
    report = parse(Source("p.html", _page(T2_2019).encode("utf-8")))
    assert report.dialect == "html" and _values(report) == WANT


def test_report_table_inside_layout_tables_with_navigation() -> None:
    nav = '<ul class="menu"><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li></ul>'
    layout = (
        f'<table width="100%"><tr><td class="left">{nav}</td><td><table><tr><td>'
        f"<div>{_page(T2_2019)}</div></td></tr></table></td></tr></table>"
    )
    report = parse(Source("p.html", layout.encode("utf-8")))
    assert _values(report) == WANT
    assert "首页" not in report.text.text


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=gbk">', "gb18030"),
        ('<meta charset="GB2312">', "gb18030"),
        ("", "gb18030"),  # no declaration: detected
        ('<?xml version="1.0" encoding="utf-8"?>', "utf-8"),
    ],
)
def test_charsets_and_declarations(head: str, encoding: str) -> None:
    page = _page(T2_2019 + "<p>联系人：王䶮</p>", head)  # 䶮 is outside GB2312 and GBK
    if head.startswith("<?xml"):
        page = head + "\n" + _page(T2_2019)
    report = parse(Source("p.html", page.encode(encoding)))
    assert _values(report) == WANT
    assert report.text.text.count("第二十条") == 3


def test_report_written_in_by_a_script() -> None:
    """Some sites' pages hold the report in a script (let content = "…") and write it in on load."""
    inner = _page(T2_2019)
    body = inner[inner.index("<body>") + 6 : inner.index("</body>")]
    literal = body.replace("\\", "\\\\").replace('"', '\\"').replace("政", "\\u653f", 1)
    page = (
        '<html><head><meta charset="utf-8"></head><body><div class="nav"><a href="/">首页</a></div>'
        f'<div id="content"></div><script>let content = "{literal}";\n'
        "document.getElementById('content').innerHTML = content;</script></body></html>"
    )
    report = parse(Source("p.html", page.encode("utf-8")))
    assert _values(report) == WANT
    cell = report.cells["t2.regulations.total"]
    where = report.location(cell.span.start)
    assert page.splitlines()[where["line"] - 1][where["column"] - 1 :].startswith("524")


def test_page_with_no_report_even_in_its_scripts() -> None:
    from nianbao.source import SourceError

    page = '<html><body><p>欢迎</p><script>var s = "' + "<p>天气</p>" * 40 + '";</script></body></html>'
    with pytest.raises(SourceError) as err:
        parse(Source("p.html", page.encode("utf-8")))
    assert err.value.reason == "no_report"
