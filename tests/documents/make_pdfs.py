"""PDFs of generated reports laid out as real publishers lay them out, two ways, for the PDF-text tests.

The content is tests/synth/generate.py's (through make_documents.grids); what varies
is what real publishers vary: ruling lines or none, font and size, column widths (labels
wrapped in a narrow column, header words broken "商业企 / 业", a group label one
character per line), cells vertically centred (WPS) or top-aligned (Word, LibreOffice),
page numbers in the footer, portrait or landscape pages, 表四 small enough for one line.
Word files (python-docx) are converted by LibreOffice; HTML pages by Chromium headless
(``--print-to-pdf``), so not every PDF comes from one program's layout engine.

    python -m tests.documents.make_pdfs --out DIR [--seeds 1 2 3]

Writes DIR/NAME.pdf and DIR/NAME.json (the truth and the layout chosen) per report.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from ..synth.generate import Synthetic
from .make_documents import Grid, _blocks, _model, convert, grids, report, truth

_FONTS_DOCX = ["Noto Sans CJK SC", "Noto Serif CJK SC"]
_FONTS_HTML = ["'Noto Sans CJK SC'", "'Noto Serif CJK SC'", "sans-serif"]


@dataclass
class Style:
    """How one PDF is laid out (kept in the truth file, to see which layouts read worse)."""

    maker: str  # "libreoffice" (a .docx converted) or "chromium" (an HTML page printed)
    font: str
    size: float  # pt, body and table
    ruled: bool  # table cells have ruling lines
    centred: bool  # cell text vertically centred (numbers on a wrapped label's middle line)
    landscape: bool
    footer: bool  # page numbers "- N -" at the foot of every page
    label_scale: float  # width of the label columns relative to the national format's sample
    group_cm: float  # width of 表三's group column (narrow: one character per line)
    paper: str = "A4"  # A4, Letter or A5: where the page breaks fall
    margin_cm: float = 2.0  # page margins
    repeat_header: bool = False  # the header rows again at the top of every page a table runs on
    spacer_mm: float = 0.0  # blank space before the title: moves every page break down the report


def style_for(seed: int, maker: str) -> Style:
    r = random.Random(seed * 7919 + (maker == "chromium"))
    fonts = _FONTS_DOCX if maker == "libreoffice" else _FONTS_HTML
    return Style(
        maker=maker,
        font=r.choice(fonts),
        size=r.choice([9, 10, 10.5, 12]),
        ruled=r.random() < 0.7,
        centred=r.random() < 0.5,
        landscape=r.random() < 0.25,
        footer=r.random() < 0.7,
        label_scale=r.choice([0.8, 1.0, 1.5, 2.2]),
        group_cm=r.choice([0.55, 0.8, 1.0, 1.6]),
        paper=r.choice(["A4", "A4", "Letter", "A5"]),
        margin_cm=r.choice([1.0, 2.0, 2.54, 3.17]),
        repeat_header=r.random() < 0.5,
        spacer_mm=r.choice([0.0, 0.0, 15.0, 35.0, 60.0]),
    )


_PAPER_MM = {"A4": (210, 297), "Letter": (215.9, 279.4), "A5": (148, 210)}


def _header_rows(g: Grid) -> int:
    """The rows of a table's header: those the first row's cells span down over."""
    return 1 + max((c.row + c.rowspan - 1 for c in g.cells if c.row == 0), default=0)


def _widths(g: Grid, tid: str, st: Style) -> list[float]:
    w = list(g.widths)
    if tid == "t3":
        w[0] = st.group_cm
        w[1] *= st.label_scale
        w[2] *= st.label_scale
    elif tid == "t2":
        w[0] *= st.label_scale
    return w


# --------------------------------------------------------------------------- Word → LibreOffice


def docx_bytes(s: Synthetic, st: Style) -> bytes:
    import io

    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = (Mm(w) for w in _PAPER_MM[st.paper])
    sec.top_margin = sec.bottom_margin = Cm(st.margin_cm)
    if st.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    sec.left_margin = sec.right_margin = Cm(st.margin_cm)
    style = doc.styles["Normal"]
    style.font.size = Pt(st.size)
    style.font.name = st.font
    style.element.rPr.rFonts.set(qn("w:eastAsia"), st.font)
    if st.footer:
        p = sec.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("- ")
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        run.append(t)
        fld.append(run)
        p._p.append(fld)
        p.add_run(" -")
    if st.spacer_mm:
        doc.add_paragraph().paragraph_format.space_before = Mm(st.spacer_mm)
    tables = grids(s)
    for block in _blocks(s):
        if block[0] == "table":
            g = tables.get(block[1])
            if g is None:
                continue
            table = doc.add_table(rows=g.nrows, cols=g.ncols)
            if st.ruled:
                table.style = "Table Grid"
            if st.repeat_header:  # Word's 重复标题行
                for row in table.rows[: _header_rows(g)]:
                    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            table.autofit = False
            widths = _widths(g, block[1], st)
            for row in table.rows:
                for j, cell in enumerate(row.cells):
                    cell.width = Cm(widths[j])
            for c in g.cells:
                a = table.cell(c.row, c.col)
                if c.rowspan > 1 or c.colspan > 1:
                    a = a.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
                a.text = c.text
                if st.centred:
                    a.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                if block[1] == "t4":
                    for para in a.paragraphs:
                        for r in para.runs:
                            r.font.size = Pt(min(st.size, 9))
            doc.add_paragraph("")
            continue
        _, text, kind = block
        if kind == "title":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.bold = True
            run.font.size = Pt(st.size + 6)
        elif kind == "heading":
            doc.add_paragraph().add_run(text).bold = True
        else:
            doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- HTML → Chromium


def page_html(s: Synthetic, st: Style) -> str:
    tables = grids(s)
    border = "1px solid #000" if st.ruled else "none"
    valign = "middle" if st.centred else "top"
    css = (
        f"@page {{ size: {st.paper} {'landscape' if st.landscape else 'portrait'}; margin: {st.margin_cm}cm; }}"
        f"body {{ font-family: {st.font}; font-size: {st.size}pt; }}"
        "table { border-collapse: collapse; table-layout: fixed; margin: 6pt 0; }"
        f"td {{ border: {border}; vertical-align: {valign}; text-align: center; padding: 1pt 2pt; }}"
        "td.n { white-space: nowrap; } .t4 td { font-size: 8pt; }"
        "h1 { text-align: center; font-size: 1.5em; } p { text-indent: 2em; margin: 3pt 0; }"
    )
    body: list[str] = []
    for block in _blocks(s):
        if block[0] == "table":
            g = tables.get(block[1])
            if g is None:
                continue
            widths = _widths(g, block[1], st)
            cols = "".join(f'<col style="width:{w:.2f}cm">' for w in widths)
            rows: list[list[str]] = [[] for _ in range(g.nrows)]
            for c in sorted(g.cells, key=lambda c: (c.row, c.col)):
                span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                    f' colspan="{c.colspan}"' if c.colspan > 1 else ""
                )
                rows[c.row].append(f"<td{span}>{html.escape(c.text)}</td>")
            trs = [f"<tr>{''.join(r)}</tr>" for r in rows]
            head = _header_rows(g) if st.repeat_header else 0  # a <thead> Chromium repeats on every page
            body.append(
                f'<table class="{block[1]}"><colgroup>{cols}</colgroup>'
                + (f"<thead>{''.join(trs[:head])}</thead>" if head else "")
                + f"<tbody>{''.join(trs[head:])}</tbody></table>"
            )
            continue
        _, text, kind = block
        tag = {"title": "h1", "heading": "h3"}.get(kind, "p")
        body.append(f"<{tag}>{html.escape(text)}</{tag}>")
    if st.spacer_mm:
        body.insert(0, f'<div style="height:{st.spacer_mm}mm"></div>')
    head = f'<meta charset="utf-8"><style>{css}</style>'
    return f"<!DOCTYPE html><html><head>{head}</head><body>{''.join(body)}</body></html>"


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def print_pdf(page: Path, out: Path, footer: bool) -> None:
    exe = chromium()
    if exe is None:
        raise RuntimeError("Chromium is not installed")
    with tempfile.TemporaryDirectory() as profile:
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}"]
        if not footer:
            args.append("--no-pdf-header-footer")  # else Chromium prints the date, title, address and "1/4"
        subprocess.run([*args, f"--print-to-pdf={out}", page.as_uri()], check=True, capture_output=True, timeout=300)


# --------------------------------------------------------------------------- the set


def write_set(out: Path, seeds: list[int], families: tuple[str | None, ...] = (None,)) -> list[Path]:
    """Per seed, format version and family: one PDF from LibreOffice and one from Chromium, with NAME.json."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    docs: list[Path] = []
    for seed in seeds:
        for template in ("2019", "2021"):
            for family in families:
                s = report(seed, template, family)
                base = f"p{seed}_{template}_{family or 'clean'}"
                for maker in ("libreoffice", "chromium"):
                    st = style_for(seed * 2 + (template == "2021"), maker)
                    name = out / f"{base}_{maker[:2]}"
                    meta = truth(s, family) | {"style": asdict(st), "agency": _model(s).agency}
                    name.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
                    if maker == "libreoffice":
                        name.with_suffix(".docx").write_bytes(docx_bytes(s, st))
                        docs.append(name.with_suffix(".docx"))
                    else:
                        page = name.with_suffix(".html")
                        page.write_text(page_html(s, st), encoding="utf-8")
                        print_pdf(page, name.with_suffix(".pdf"), st.footer)
                        page.unlink()
                    written.append(name)
    if docs:
        convert(docs, "pdf", out)
        for d in docs:
            d.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--families", nargs="+", default=["clean"])
    args = ap.parse_args(argv)
    fams = tuple(None if f == "clean" else f for f in args.families)
    for p in write_set(args.out, args.seeds, fams):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
