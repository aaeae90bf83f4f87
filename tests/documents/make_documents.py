"""Word, PDF and HTML reports in the national format's merged-cell shapes, for testing the document dialects.

Independent of nianbao: the content (agency, prose, numbers, injected defects)
is tests/synth/generate.py's document model; this module only lays it out as a
document. Word files are written with python-docx, tables merged exactly as
the national format merges them (2019 and 2021 versions): the group label
三、本年度办理结果 down a narrow column, sub-group labels over their rows, the
header cells of tables 三 and 四 over rows and columns. PDF and HTML come from
LibreOffice (``soffice --headless --convert-to``); a second HTML writer here
writes the page as a CMS shows a Word paste (MsoNormal paragraphs, nested
spans, ``&nbsp;``, ``<o:p>``, ``<br>`` inside labels) inside a portal page with
navigation, breadcrumb, 字号 大 中 小 and footer, served as GB18030 under a
gb2312 meta.

    python -m tests.documents.make_documents --out tests/fixtures/documents
"""

from __future__ import annotations

import argparse
import html
import io
import json
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..synth.generate import Synthetic, generate, inject, t3_rows

_JIGOU = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_G = "三、本年度办理结果"


@dataclass
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    ncols: int
    nrows: int
    cells: list[Cell]
    widths: list[float]  # cm


def _model(s: Synthetic):
    return s._doc


def grids(s: Synthetic) -> dict[str, Grid]:
    """The three statistics tables of a report as merged-cell grids."""
    out = {}
    for b in _model(s).blocks:
        if b.kind == "table" and not b.deleted:
            t = b.table
            out[t.tid] = {"t2": _t2, "t3": _t3, "t4": _t4}[t.tid](t, s.template)
    return out


def _t2(t, template: str) -> Grid:
    cells: list[Cell] = []
    r = 0
    for row in t.rows:
        if row.deleted:
            continue
        col = 0
        for lab in row.labels:
            span = 4 if r == 0 or row.rid.startswith("t2.item") else lab.span
            cells.append(Cell(lab.text, r, col, 1, min(span, 4 - col)))
            col += span
        for c in row.cells:
            cells.append(Cell(c.raw, r, col, 1, min(c.span, 4 - col)))
            col += c.span
        r += 1
    return Grid(4, r, cells, [5.5, 3.8, 3.8, 3.8])


def _t3(t, template: str) -> Grid:
    specs = {s.key: s for s in t3_rows(template)}
    cells: list[Cell] = [
        Cell(_JIGOU, 0, 0, 3, 3),
        Cell("申请人情况", 0, 3, 1, 7),
        Cell("自然人", 1, 3, 2, 1),
        Cell("法人或其他组织", 1, 4, 1, 5),
        Cell("总计", 1, 9, 2, 1),
    ]
    heads = {row.rid: row for row in t.rows}
    h3 = heads.get("t3.h3")
    for j, lab in enumerate(h3.labels if h3 else []):
        cells.append(Cell(lab.text, 2, 4 + j))
    data = [row for row in t.rows if not row.deleted and row.rid.startswith("t3.") and row.cells]
    r = 3
    group: Cell | None = None
    sub: tuple[str, Cell] | None = None
    for row in data:
        spec = specs.get(row.rid[3:])
        own = next((lab.text for lab in reversed(row.labels) if lab.own), row.labels[-1].text if row.labels else "")
        level = spec.level if spec else 1
        if level == 1:
            group, sub = None, None
            cells.append(Cell(own, r, 0, 1, 3))
        else:
            if group is None:
                group = Cell(_G, r, 0)
                cells.append(group)
            group.rowspan = r - group.row + 1
            if level == 2:
                sub = None
                cells.append(Cell(own, r, 1, 1, 2))
            else:
                if sub is None or sub[0] != spec.sub:
                    written = next((lab.text for lab in row.labels[:-1] if lab.text and lab.text != _G), spec.sub)
                    sub = (spec.sub, Cell(written, r, 1))
                    cells.append(sub[1])
                sub[1].rowspan = r - sub[1].row + 1
                cells.append(Cell(own, r, 2))
        for j, c in enumerate(row.cells):
            cells.append(Cell(c.raw, r, 3 + j))
        r += 1
    return Grid(10, r, cells, [1.0, 1.7, 4.0] + [1.35] * 7)


def _t4(t, template: str) -> Grid:
    res = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    cells = [Cell("行政复议", 0, 0, 1, 5), Cell("行政诉讼", 0, 5, 1, 10)]
    cells += [Cell(x, 1, j, 2, 1) for j, x in enumerate(res)]
    cells += [Cell("未经复议直接起诉", 1, 5, 1, 5), Cell("复议后起诉", 1, 10, 1, 5)]
    cells += [Cell(x, 2, 5 + j) for j, x in enumerate(res * 2)]
    values = next((row for row in t.rows if row.rid == "t4.values" and not row.deleted), None)
    if values is not None:
        cells += [Cell(c.raw, 3, j) for j, c in enumerate(values.cells)]
    return Grid(15, 4 if values is not None else 3, cells, [1.12] * 15)


def _blocks(s: Synthetic):
    """("p", text, kind) and ("table", tid) in reading order, as the text renderer would place them."""
    out: list[list] = []
    for b in _model(s).blocks:
        if b.kind == "nav":
            continue
        if b.kind == "heading":
            if b.deleted:
                continue
            text = ("" if b.numeral_dropped else b.numeral) + b.title
            if b.glued and out and out[-1][0] == "p":
                out[-1][1] = out[-1][1].rstrip("。 ") + text
            else:
                out.append(["p", text, "heading"])
        elif b.kind == "table":
            out.append(["table", b.table.tid])
        else:
            out += [["p", line, b.kind] for line in b.lines if line.strip()]
    return out


# --------------------------------------------------------------------------- Word


def docx_bytes(s: Synthetic, seed: int = 0) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    r = random.Random(seed)
    doc = Document()
    sec = doc.sections[0]
    sec.left_margin = sec.right_margin = Cm(2.0)
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    style.font.name = "Noto Sans CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    heading_style = r.choice(["Heading 2", "bold"])
    repeat_header = r.random() < 0.5
    tables = grids(s)
    for block in _blocks(s):
        if block[0] == "table":
            g = tables.get(block[1])
            if g is not None:
                _docx_table(doc, g, Cm, repeat_header=repeat_header and block[1] in ("t3", "t4"))
                doc.add_paragraph("")
            continue
        _, text, kind = block
        if kind == "title":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.bold = True
            run.font.size = Pt(16)
        elif kind == "heading" and heading_style != "bold":
            doc.add_paragraph(text, style=heading_style)
        elif kind == "heading":
            doc.add_paragraph().add_run(text).bold = True
        else:
            doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _docx_table(doc, g: Grid, Cm, repeat_header: bool = False) -> None:
    from docx.oxml import OxmlElement

    table = doc.add_table(rows=g.nrows, cols=g.ncols)
    table.style = "Table Grid"
    table.autofit = False
    if repeat_header:  # Word's 重复标题行: the header rows again at the top of every page the table runs on
        head = 1 + max((c.row + c.rowspan - 1 for c in g.cells if c.row == 0), default=0)
        for row in table.rows[:head]:
            row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            cell.width = Cm(g.widths[j])
    for c in g.cells:
        a = table.cell(c.row, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            a = a.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        a.text = c.text


# --------------------------------------------------------------------------- HTML as a CMS shows a Word paste


_PORTAL_TOP = """<div class="top"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<form class="search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>"""
_PORTAL_TOOLS = """<div class="tools">发布时间：{date} &nbsp; 来源：{agency}
&nbsp; 【字号：<a>大</a> <a>中</a> <a>小</a>】 &nbsp;【<a onclick="window.print()">打印</a>】</div>"""
_PORTAL_FOOT = """<div class="foot"><p>主办单位：{agency}办公室 &nbsp; 网站标识码：3201000001</p>
<p>版权所有 © 2025 {agency} &nbsp; 技术支持：某某信息技术有限公司</p>
<p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p></div>"""


def _mso(text: str, r: random.Random) -> str:
    """A paragraph's text the way Word's HTML wraps it: nested spans, &nbsp; for spaces, <br> in long labels."""
    t = html.escape(text).replace(" ", "&nbsp;")
    if r.random() < 0.3:
        t = f'<span lang="EN-US" style="font-family:宋体">{t}</span>'
    return f"<span style=\"font-size:10.5pt;font-family:宋体;mso-ascii-font-family:'Times New Roman'\">{t}</span>"


def _cell_html(text: str, r: random.Random) -> str:
    if len(text) > 12 and r.random() < 0.5:
        cut = len(text) // 2
        inner = _mso(text[:cut], r) + "<br>" + _mso(text[cut:], r)
    else:
        inner = _mso(text, r) if text else "&nbsp;"
    return f'<p class="MsoNormal" align="center" style="text-align:center">{inner}<o:p></o:p></p>'


def cms_html(s: Synthetic, seed: int = 0, portal: bool = True) -> str:
    """The report as a site's CMS shows a Word paste, optionally inside the portal's layout table."""
    r = random.Random(seed)
    tables = grids(s)
    body: list[str] = []
    for block in _blocks(s):
        if block[0] == "table":
            g = tables.get(block[1])
            if g is None:
                continue
            rows: list[list[str]] = [[] for _ in range(g.nrows)]
            for c in sorted(g.cells, key=lambda c: (c.row, c.col)):
                attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                    f' colspan="{c.colspan}"' if c.colspan > 1 else ""
                )
                rows[c.row].append(f'<td{attrs} style="border:solid windowtext 1.0pt">{_cell_html(c.text, r)}</td>')
            body.append(
                '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0">'
                + "".join(f"<tr>{''.join(tds)}</tr>" for tds in rows)
                + "</table>"
            )
            continue
        _, text, kind = block
        if kind == "title":
            body.append(f'<p class="MsoTitle" align="center"><b>{_mso(text, r)}</b><o:p></o:p></p>')
        elif kind == "heading":
            body.append(f'<p class="MsoNormal"><b>{_mso(text, r)}</b><o:p></o:p></p>')
        else:
            body.append(f'<p class="MsoNormal" style="text-indent:21.0pt">{_mso(text, r)}<o:p></o:p></p>')
    content = '<div class="TRS_Editor"><div class="WordSection1">' + "\n".join(body) + "</div></div>"
    title = next((b[1] for b in _blocks(s) if b[0] == "p" and b[2] == "title"), "政府信息公开工作年度报告")
    agency = _model(s).agency
    if portal:
        tools = _PORTAL_TOOLS.format(date=f"{s.year + 1}-01-20", agency=html.escape(agency))
        page_body = (
            f'{_PORTAL_TOP}<table class="layout" width="100%"><tr>'
            + '<td class="side"><ul><li>年报</li><li>目录</li></ul></td>'
            + f'<td class="main"><h1 class="art-title">{html.escape(title)}</h1>{tools}{content}</td></tr></table>'
            + _PORTAL_FOOT.format(agency=html.escape(agency))
        )
    else:
        page_body = content
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n'
        '<html xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>{html.escape(title)}_{html.escape(agency)}</title></head><body>{page_body}</body></html>"
    )


# --------------------------------------------------------------------------- LibreOffice


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], fmt: str, out: Path) -> None:
    """.docx files converted by LibreOffice headless to ``pdf`` or ``html`` into ``out`` (one run for all)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    target = {"pdf": "pdf", "html": "html:HTML (StarWriter):UTF8"}[fmt]
    with tempfile.TemporaryDirectory() as tmp:
        profile = f"-env:UserInstallation=file://{tmp}/profile"  # its own profile: runs in parallel do not clash
        subprocess.run(
            [exe, profile, "--headless", "--convert-to", target, "--outdir", str(out), *map(str, files)],
            check=True,
            capture_output=True,
            timeout=1800,
        )


# --------------------------------------------------------------------------- the fixture set


def report(seed: int, template: str, family: str | None) -> Synthetic:
    s = generate(seed, "pipe", template, noise=False)
    return inject(s, family, seed) if family else s


def truth(s: Synthetic, family: str | None) -> dict:
    return {
        "template": s.template,
        "year": s.year,
        "cells": s.truth,
        "defect": family,
        "defects": [{"family": d.family, "kind": d.kind, "detail": d.detail} for d in s.defects],
    }


def write_set(out: Path, seeds: list[int], families: tuple[str | None, ...]) -> list[Path]:
    """Per seed, template and family: .docx, .pdf and .html (LibreOffice), .portal.html (CMS) and .json (truth)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for seed in seeds:
        for template in ("2019", "2021"):
            for family in families:
                s = report(seed, template, family)
                name = out / f"r{seed}_{template}_{family or 'clean'}"
                name.with_suffix(".docx").write_bytes(docx_bytes(s, seed))
                name.with_suffix(".portal.html").write_bytes(cms_html(s, seed).encode("gb18030"))
                name.with_suffix(".json").write_text(json.dumps(truth(s, family), ensure_ascii=False, indent=1) + "\n")
                written.append(name)
    docs = [n.with_suffix(".docx") for n in written]
    convert(docs, "pdf", out)
    convert(docs, "html", out)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--families", nargs="+", default=["clean", "S", "T", "A", "X"])
    args = ap.parse_args(argv)
    fams = tuple(None if f == "clean" else f for f in args.families)
    for p in write_set(args.out, args.seeds, fams):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
