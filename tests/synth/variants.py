"""Text variants of generated reports: the same report (same truth) as other tools leave it.

Each variant rewrites the text of a clean report of one of the generator's layouts:

- ``flat``: a crawler dump — table cells run together with no separator, the body on one line
  (``规章000行政规范性文件77132470``), with noise sometimes section 二's heading without its
  numeral (seed 004); ``flat_rows`` keeps one table row per line.
- ``flat_markdown``: the Markdown of a PDF converter (below) stored by a crawler: rule lines
  ``------``, generic headers with digits (``类别数据1数据2…``), table 四 group by group under
  headers of its own — the shape of a real county report's Markdown (shuyang_county_2025)
  with its separators stripped.
- ``tab_padded``: tab rows with empty fields added at the end (a copy padded to the widest row).
- ``markdown``: a PDF converter's Markdown — every row ``| … |`` padded to the table's width,
  a ``|---|`` line under the first row and again where a page broke the table, sometimes
  a generic header row (``| 列1 | 列2 | …``) opening a fragment.
- ``colspan_gap``: pipe rows with an empty cell between two values, where a merged cell of the
  page's header stood (``规章 | 13 | 13 | | 524 |``).
- ``paragraphs``: a page copied as paragraphs — every cell a line of its own, often between blank
  lines, header words split (``商业`` / ``企业``), no mark of a cell or row (seen on
  xixianxinqu.gov.cn, xjnlk.gov.cn).
- ``closing_pipes``: every cell a line, then its closing ``|`` on the next line (``规章`` / ``|``;
  seen on xjnlk.gov.cn, ankang.gov.cn).
- ``browser_tabs``: a browser's copy of the page's table (Chrome, Firefox): a row a line, cells
  between tabs, merged cells written once.
- ``grid``: pandoc's grid table (``+----+`` rules, ``+====+`` under the header), long labels
  wrapped inside their cell over several lines.
- ``split_rows``: a row's label on one line, ``label |``, its numbers on the next, ``0 | 0 | 0 |``;
  header rows one cell a line (seen on gzhezhang.gov.cn, 2021).
- ``label_notes``: row labels followed by a bracketed note on what to count (``规章（设区的市…应提供
  相关数据）``), and a row the format lacks (``其他主动公开文件``) in table 二 (seen on a Hubei
  template, 2020).
- ``traditional``: the page as mirror sites republish it, converted to traditional script
  (``規章``, ``行政規範性檔案``, ``收到和處理政府信息公開申請情況``; seen on tufwp.cn, newton.com.tw).
- ``docling``: Markdown tables in which a merged cell is written out in every column it spans
  (docling): a row's merged label repeated in front of it, a header or a wide value behind.
- ``html_md``: Markdown from a PDF converter that writes tables as HTML (MinerU): each table one
  ``<table>`` line with ``rowspan``/``colspan`` for merged cells.
- ``fullwidth_pipes``, ``fullwidth_cells``, ``fullwidth_marked``: the pipe rows, one cell per line and
  marked web layouts with the cell mark typed in a Chinese input method, ``｜`` (U+FF5C), on every
  line or mixed with ``|`` line by line or mark by mark.
- ``box``: tables drawn with box-drawing characters, as text editors and some converters draw them:
  ``┌──┬──┐``, ``│ 规章 │ 0 │``, ``├──┼──┤`` under the header (and sometimes under every row), ``└──┴──┘``.

Standard library only (like generate.py). ``r`` makes every variant different per seed, so a
test can check neighbours of what it was written for.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from .generate import Synthetic, generate

VARIANTS = (
    "flat",
    "flat_rows",
    "flat_markdown",
    "tab_padded",
    "colspan_gap",
    "markdown",
    "paragraphs",
    "closing_pipes",
    "browser_tabs",
    "grid",
    "html_md",
    "label_notes",
    "traditional",
    "split_rows",
    "docling",
    "fullwidth_pipes",
    "fullwidth_cells",
    "fullwidth_marked",
    "box",
)
BASE = {
    "flat": "pipe",
    "flat_rows": "pipe",
    "flat_markdown": "pipe",
    "tab_padded": "tab",
    "colspan_gap": "pipe",
    "markdown": "pipe",
    "paragraphs": "pipe",
    "closing_pipes": "pipe",
    "browser_tabs": "pipe",
    "grid": "pipe",
    "html_md": "pipe",
    "label_notes": "pipe",
    "traditional": "pipe",
    "split_rows": "pipe",
    "docling": "pipe",
    "fullwidth_pipes": "pipe",
    "fullwidth_cells": "cells_pipe",
    "fullwidth_marked": "web_marked",
    "box": "pipe",
}


def _blocks(text: str) -> Iterator[str | list[str]]:
    """The text's lines in order, each run of table lines (with a "|") grouped as one list."""
    block: list[str] = []
    for line in text.split("\n"):
        if "|" in line:
            block.append(line)
            continue
        if block:
            yield block
            block = []
        yield line
    if block:
        yield block


_VALUE = re.compile(r"^\s*(?:[增减]?[-−]?\d[\d.,]*万?)\s*$")


def variant(
    seed: int, name: str, template: str | None = None, noise: bool = False, t2: str = "real"
) -> tuple[str, dict]:
    """(text, truth) of the report ``seed`` written as variant ``name`` (``noise``: the base layout's noise too;
    ``t2``: the 2019 table 二 as real reports fill it, or ``"random"``: see generate)."""
    rep = generate(seed, BASE[name], template, noise=noise, t2=t2)
    r = random.Random(f"{name}:{seed}")
    make = {
        "flat": _flat_line,
        "flat_rows": _flat_rows,
        "flat_markdown": _flat_markdown,
        "tab_padded": _tab_padded,
        "colspan_gap": _colspan_gap,
        "markdown": _markdown,
        "paragraphs": _paragraphs,
        "closing_pipes": _closing_pipes,
        "browser_tabs": _browser_tabs,
        "grid": _grid,
        "html_md": _html_md,
        "label_notes": _label_notes,
        "traditional": _traditional,
        "split_rows": _split_rows,
        "docling": _docling,
        "fullwidth_pipes": _fullwidth,
        "fullwidth_cells": _fullwidth,
        "fullwidth_marked": _fullwidth,
        "box": _box,
    }[name]
    text = make(rep, r)
    if noise and name.startswith("flat") and r.random() < 0.3:
        # "主动公开政府信息情况第二十条…": the heading lost its numeral (seed 004; S103 says so)
        text = re.sub(r"二\s*[、.．]\s*(?=主动公开)", "", text, count=1)
    return text, dict(rep.truth)


def _glue(line: str) -> str:
    return "".join(c.strip() for c in line.split("|") if c.strip())


def _flat_rows(rep: Synthetic, r: random.Random) -> str:
    return "\n".join(_glue(line) if "|" in line else line for line in rep.text.split("\n"))


def _flat_line(rep: Synthetic, r: random.Random, text: str | None = None) -> str:
    lines = (text or _flat_rows(rep, r)).split("\n")
    keep = r.randint(1, 3)  # a crawler's header lines (title, date) stay; then the body on one line
    sep = r.choice(["", " "])
    body = sep.join(line.strip() for line in lines[keep:] if line.strip())
    return "\n".join(lines[:keep]) + "\n" + body + "\n"


def _flat_markdown(rep: Synthetic, r: random.Random) -> str:
    """The Markdown variant stored as text: ``|`` and spaces gone, rule lines left as dashes."""
    text = _markdown(rep, r)
    out = []
    for line in text.split("\n"):
        if "|" in line:
            line = "".join(c.strip().replace(" ", "") for c in line.split("|"))
        out.append(line)
    flat = _flat_line(rep, r, "\n".join(out))
    return _t4_by_groups(flat, rep) if r.random() < 0.5 else flat


_T4_GROUPS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
_T4_HEAD = "结果维持结果纠正其他结果尚未审结总计"


def _t4_by_groups(text: str, rep: Synthetic) -> str:
    """Table 四 as a converter splits it: each group under a header of its own, its five values after it."""
    values = [str(rep.truth[k]) for k in rep.truth if k.startswith("t4.")]
    run = "".join(values)
    at = text.rfind(run)
    if len(values) != 15 or at < 0:
        return text
    groups = "".join(g + _T4_HEAD + "".join(values[5 * i : 5 * i + 5]) for i, g in enumerate(_T4_GROUPS))
    return text[:at] + groups + text[at + len(run) :]


def _tab_padded(rep: Synthetic, r: random.Random) -> str:
    out = []
    for line in rep.text.split("\n"):
        if "\t" in line and line.strip():
            pad = r.choice(["\t", "\t ", " \t", "\t\u3000"])
            line = line.rstrip("\t") + pad * r.randint(1, 4)
        out.append(line)
    return "\n".join(out)


def _colspan_gap(rep: Synthetic, r: random.Random) -> str:
    out = []
    for line in rep.text.split("\n"):
        cells = line.split("|")
        values = [i for i, c in enumerate(cells) if _VALUE.match(c)]
        if len(values) >= 3 and r.random() < 0.5:
            at = r.choice(values[1:])
            cells.insert(at, " ")
            line = "|".join(cells)
        out.append(line)
    return "\n".join(out)


def _markdown(rep: Synthetic, r: random.Random) -> str:
    out: list[str] = []
    for piece in _blocks(rep.text):
        if isinstance(piece, str):
            out.append(piece)
            continue
        block = [[c.strip() for c in line.split("|")] for line in piece]
        rows = [[c for c in cells if c] or [""] for cells in block]
        width = max(len(x) for x in rows)
        out.append("")
        for k, cells in enumerate(rows):
            if k and r.random() < 0.08:  # a page break: a new fragment, maybe with a generic header
                out.append("")
                if r.random() < 0.5:
                    out.append("| " + " | ".join(f"列{j + 1}" for j in range(width)) + " |")
                    out.append("|" + "---|" * width)
            out.append("| " + " | ".join(cells + [""] * (width - len(cells))) + " |")
            if k == 0:
                out.append("|" + "---|" * width)
        out.append("")
    return "\n".join(out)


CRAWLER_SHAPES = ("rows", "line", "space", "nows")


def crawler_dump(text: str, shape: str) -> str:
    """Any report's text as a crawler stores the page: the separators of its table rows gone.

    ``rows``: a table row per line, its cells run together (``规章000``); ``line``: the body
    on one line after the title; ``space``: rows joined by one space; ``nows``: the body on
    one line with every whitespace removed. Lines of prose stay as they are (``rows``).
    Used on real reports (tests/fixtures) with truth from their own tables.
    """
    rows = []
    for line in text.splitlines():
        if "|" in line or "\t" in line:
            rows.append("".join(re.sub(r"\s+", "", c) for c in re.split(r"\||\t", line)))
        elif line.strip():
            rows.append(line.strip())
    rows = [x for x in rows if x]
    title, body = rows[0], rows[1:]
    if shape == "rows":
        return "\n".join(rows) + "\n"
    if shape == "line":
        return title + "\n" + "".join(body) + "\n"
    if shape == "space":
        return title + "\n" + " ".join(body) + "\n"
    if shape == "nows":
        return title + "\n" + re.sub(r"\s+", "", "".join(body)) + "\n"
    raise ValueError(f"unknown shape {shape!r}; one of {CRAWLER_SHAPES}")


def _rows(line: str) -> list[str]:
    return [c.strip() for c in line.split("|") if c.strip()]


_SPLIT_WORDS = ("商业企业", "科研机构", "自然人", "（三）不予公开", "（四）无法提供")


def _paragraphs(rep: Synthetic, r: random.Random) -> str:
    gap = r.choice(["\n\n", "\n"])
    out = []
    for line in rep.text.split("\n"):
        if "|" not in line:
            out.append(line)
            continue
        cells = []
        for c in _rows(line):
            if c in _SPLIT_WORDS and r.random() < 0.5:
                half = 2 if not c.startswith("（") else 3
                c = c[:half] + gap + c[half:]  # the header cell's words on two lines, as the page wrapped them
            cells.append(c)
        out.append(gap.join(cells))
    return gap.join(out) if gap == "\n\n" else "\n".join(out)


def _closing_pipes(rep: Synthetic, r: random.Random) -> str:
    out = []
    for line in rep.text.split("\n"):
        out.append("\n".join(f"{c}\n|" for c in _rows(line)) if "|" in line else line)
    return "\n".join(out)


def _browser_tabs(rep: Synthetic, r: random.Random) -> str:
    end = r.choice(["", "\t"])
    return "\n".join("\t".join(_rows(line)) + end if "|" in line else line for line in rep.text.split("\n"))


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _grid(rep: Synthetic, r: random.Random) -> str:
    out: list[str] = []
    label_width = r.choice([12, 16, 20])
    for piece in _blocks(rep.text):
        if isinstance(piece, str):
            out.append(piece)
            continue
        block = [_rows(line) for line in piece]
        width = max(len(x) for x in block)
        widths = [label_width if j < 2 else 8 for j in range(width)]
        rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        out.append("")
        out.append(rule)
        for k, cells in enumerate(block):
            cells = cells + [""] * (width - len(cells))
            parts = [_wrap(c, w) for c, w in zip(cells, widths, strict=True)]
            for n in range(max(len(p) for p in parts)):
                pieces = ((p[n] if n < len(p) else "").ljust(w) for p, w in zip(parts, widths, strict=True))
                out.append("| " + " | ".join(pieces) + " |")
            out.append(rule.replace("-", "=") if k == 0 else rule)
        out.append("")
    return "\n".join(out)


def _html_md(rep: Synthetic, r: random.Random) -> str:
    out: list[str] = []
    for piece in _blocks(rep.text):
        if isinstance(piece, str):
            out.append(piece)
            continue
        block = [_rows(line) for line in piece]
        width = max(len(x) for x in block)
        rows = []
        for cells in block:
            tds = [f"<td>{c}</td>" for c in cells]
            if len(cells) < width:  # a merged cell: the row's last cell spans what the row lacks
                tds[-1] = f'<td colspan="{width - len(cells) + 1}">{cells[-1]}</td>'
            rows.append("<tr>" + "".join(tds) + "</tr>")
        out.append("")
        out.append("<table>" + "".join(rows) + "</table>")
        out.append("")
    return "\n".join(out)


_NOTES = (
    "（指本年度的数量）",
    "（按实际办理数填写，无则填0）",
    "（含以本单位名义正式印发的文件，可参考本单位平台栏目数据）",
)
_NOTED = (
    "规章",
    "规范性文件",
    "行政规范性文件",
    "行政许可",
    "其他对外管理服务事项",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
)


def _label_notes(rep: Synthetic, r: random.Random) -> str:
    out = []
    for line in rep.text.split("\n"):
        cells = line.split("|")
        label = cells[0].strip()
        if "|" in line and label in _NOTED and r.random() < 0.7:
            cells[0] = cells[0].replace(label, label + r.choice(_NOTES))
            line = "|".join(cells)
        out.append(line)
        if "|" in line and label in ("规范性文件", "行政规范性文件") and r.random() < 0.6:
            n = [str(r.randint(0, 400)) for _ in range(3)]
            pad = cells[4:] if len(cells) > 4 else [""]
            out.append("|".join(["其他主动公开文件（除规范性文件以外的主动公开文件） ", *[f" {x} " for x in n], *pad]))
    return "\n".join(out)


# simplified → traditional for the characters of the format's words (OpenCC s2twp also writes 文件 as 檔案)
_TRAD = str.maketrans(
    "个传内动务区员问单国执报实审对属废广强后复应采据数于会条业构标机检权决没况减为无获现当发确稳范纠纳级组结给统经"
    "维网编县总织缴继续罚联与举万处号补制规计讼访许诉询话认说请议护费资购转办这进过门开关项题额类体",
    "個傳內動務區員問單國執報實審對屬廢廣強後復應採據數於會條業構標機檢權決沒況減為無獲現當發確穩範糾納級組結給統經"
    "維網編縣總織繳繼續罰聯與舉萬處號補製規計訟訪許訴詢話認說請議護費資購轉辦這進過門開關項題額類體",
)


def _traditional(rep: Synthetic, r: random.Random) -> str:
    text = rep.text.replace("文件", "檔案") if r.random() < 0.5 else rep.text
    return text.translate(_TRAD)


def _split_rows(rep: Synthetic, r: random.Random) -> str:
    out = []
    for line in rep.text.split("\n"):
        cells = _rows(line) if "|" in line else []
        nums = [c for c in cells if _VALUE.match(c)]
        if not cells:
            out.append(line)
        elif not nums:
            out.extend(f"{c} |" for c in cells)  # a header row: a cell a line
        else:
            labels = cells[: cells.index(nums[0])]
            out.extend(f"{c} |" for c in labels)
            out.append(" | ".join(cells[len(labels) :]) + " |" + r.choice(["", " ||", " |"]))
    return "\n".join(out)


def _docling(rep: Synthetic, r: random.Random) -> str:
    out: list[str] = []
    for piece in _blocks(rep.text):
        if isinstance(piece, str):
            out.append(piece)
            continue
        block = [_rows(line) for line in piece]
        width = max(len(x) for x in block)
        out.append("")
        for k, cells in enumerate(block):
            pad = width - len(cells)
            valued = any(_VALUE.match(c) for c in cells)
            cells = [cells[0]] * pad + cells if valued and len(cells) >= width - 2 else cells + [cells[-1]] * pad
            out.append("| " + " | ".join(cells) + " |")
            if k == 0:
                out.append("|" + "|".join("-" * r.randint(3, 9) for _ in range(width)) + "|")
        out.append("")
    return "\n".join(out)


def _fullwidth(rep: Synthetic, r: random.Random) -> str:
    how = r.choice(["all", "all", "lines", "marks"])
    if how == "all":
        return rep.text.replace("|", "｜")
    if how == "lines":
        return "\n".join(line.replace("|", "｜") if r.random() < 0.5 else line for line in rep.text.split("\n"))
    return "".join("｜" if ch == "|" and r.random() < 0.5 else ch for ch in rep.text)


def _box(rep: Synthetic, r: random.Random) -> str:
    every_row = r.random() < 0.4
    out: list[str] = []
    for piece in _blocks(rep.text):
        if isinstance(piece, str):
            out.append(piece)
            continue
        rows = [_rows(line) for line in piece]
        width = max(len(x) for x in rows)
        widths = [max(len(x[j]) if j < len(x) else 0 for x in rows) + 2 for j in range(width)]

        def rule(left: str, mid: str, right: str, widths: list[int] = widths) -> str:
            return left + mid.join("─" * w for w in widths) + right

        out.append(rule("┌", "┬", "┐"))
        for k, cells in enumerate(rows):
            cells = cells + [""] * (width - len(cells))
            out.append("│" + "│".join(f" {c} ".ljust(w) for c, w in zip(cells, widths, strict=True)) + "│")
            if k + 1 < len(rows) and (k == 0 or every_row):
                out.append(rule("├", "┼", "┤"))
        out.append(rule("└", "┴", "┘"))
    return "\n".join(out)
