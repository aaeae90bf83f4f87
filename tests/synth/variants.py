"""Text variants of generated reports: the same report (same truth) as other tools leave it.

Each variant rewrites the text of a clean report of one of the generator's layouts:

- ``flat``: a crawler dump — table cells run together with no separator, the body on one line
  (``规章000行政规范性文件77132470``); ``flat_rows`` keeps one table row per line.
- ``tab_padded``: tab rows with empty fields added at the end (a copy padded to the widest row).
- ``markdown``: a PDF converter's Markdown — every row ``| … |`` padded to the table's width,
  a ``|---|`` line under the first row and again where a page broke the table, sometimes
  a generic header row (``| 列1 | 列2 | …``) opening a fragment.
- ``colspan_gap``: pipe rows with an empty cell between two values, where a merged cell of the
  page's header stood (``规章 | 13 | 13 | | 524 |``).

Standard library only (like generate.py). ``r`` makes every variant different per seed, so a
test can check neighbours of what it was written for.
"""

from __future__ import annotations

import random
import re

from .generate import Synthetic, generate

VARIANTS = ("flat", "flat_rows", "tab_padded", "colspan_gap", "markdown")
BASE = {"flat": "pipe", "flat_rows": "pipe", "tab_padded": "tab", "colspan_gap": "pipe", "markdown": "pipe"}
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
        "tab_padded": _tab_padded,
        "colspan_gap": _colspan_gap,
        "markdown": _markdown,
    }[name]
    text = make(rep, r)
    return text, dict(rep.truth)


def _glue(line: str) -> str:
    return "".join(c.strip() for c in line.split("|") if c.strip())


def _flat_rows(rep: Synthetic, r: random.Random) -> str:
    return "\n".join(_glue(line) if "|" in line else line for line in rep.text.split("\n"))


def _flat_line(rep: Synthetic, r: random.Random) -> str:
    lines = _flat_rows(rep, r).split("\n")
    keep = r.randint(1, 3)  # a crawler's header lines (title, date) stay; then the body on one line
    sep = r.choice(["", " "])
    body = sep.join(line.strip() for line in lines[keep:] if line.strip())
    return "\n".join(lines[:keep]) + "\n" + body + "\n"


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
    lines = rep.text.split("\n")
    i = 0
    while i < len(lines):
        if "|" not in lines[i]:
            out.append(lines[i])
            i += 1
            continue
        block = []
        while i < len(lines) and "|" in lines[i]:
            block.append([c.strip() for c in lines[i].split("|")])
            i += 1
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
