"""A second, independent generator of annual reports, for measuring nianbao against text it was not written for.

Written from the national format (shared/reference/national-format.md) and the layouts of the
seeds and the corpus, sharing no code with ``generate.py``: its own model of the tables, its own
numbers, its own renderers, and variation that generator lacks —

- padding: full-width spaces, NBSP, leading and trailing blanks, tabs mixed with spaces, columns
  aligned with runs of spaces;
- header and label wording: （一） / (一) / 一、 numbering of result rows, 1. / 1、 / 1． / （1） sub-items,
  行政规范性文件 / 规范性文件, 其他 / 其它, 总计 / 合计, full- and half-width brackets, colons and digits,
  header cells wrapped onto the next line, units in headers (（件）, 单位：件 lines);
- section headings indented, with a space after the numeral, Markdown ``#`` or bold;
- numbers with thousands separators (``1,234``), decimals in 收费金额 / 采购总金额, ``增N`` / ``减N``;
- every text layout the seeds and corpus use: pipe rows (seed 000), pipe rows padded into aligned
  columns, tab rows (seed 002), tab rows padded with spaces, one cell per line ending `` |`` (seed
  003) or after a tab (seed 004), the three web copies (rows, cells, marked: corpus pingtan),
  Markdown tables and Markdown split into small tables with generic headers (corpus shuyang).

``report(seed, layout, template, defect)`` returns the text, the truth of every cell, the line
of every value and the injected defect with the lines where a finding about it is right:

- ``sum-t3``: one 表三 cell that is not a total changed (a row's 总计 and a column's sums break);
- ``total-t3``: a 表三 总计 (a row's, or (七)总计's) changed;
- ``sum-t4``: a 表四 cell changed (its group's 总计 breaks), or a group's 总计 itself;
- ``row-missing``: a 表三 row deleted;
- ``non-numeric``: a cell written ``无`` / ``—`` / ``/`` / ``-`` / ``空``;
- ``blank``: a cell left empty (only where the layout keeps its place).

Standard library only; it never imports nianbao.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

LAYOUTS = (
    "pipe_rows",
    "pipe_aligned",
    "tab_rows",
    "tab_spaced",
    "lines_pipe",
    "lines_tab",
    "web_rows",
    "web_cells",
    "web_marked",
    "markdown",
    "markdown_split",
)
DEFECTS = ("sum-t3", "total-t3", "sum-t4", "row-missing", "non-numeric", "blank")
# Not among DEFECTS (the benchmark's figures stay comparable): the first or last cell of a 表三 row
# left blank, most often in a row of zeros, where only how the row is written tells which end it is.
BLANK_END = "blank-end"
# Not among DEFECTS either: a cell of 表四 left blank under column headers that wrap (seeds 700011,
# 800006: a wrapped header's last line, ``纠正 | … | 总计 |``, then the "|"-led line of values).
BLANK_T4 = "blank-t4"
# Not among DEFECTS either: a row of 表三 or 表四 with two of its zero cells left blank and a stray number
# besides (a merged cell written out twice, a row number), at its start, end or among its values: which
# cell is the stray one only the row's totals (if any) tell, else the row is a doubt, never an A finding.
EXTRA_BLANKS = "extra-blanks"
# Which finding families describe each defect.
FAMILIES = {
    "sum-t3": "A",
    "total-t3": "A",
    "sum-t4": "A",
    "row-missing": "T",
    "non-numeric": "T",
    "blank": "T",
    BLANK_END: "T",
    BLANK_T4: "T",
    EXTRA_BLANKS: "T",
}

# ---------------------------------------------------------------------------------------------
# The format, as the national format describes it.

T2 = {
    "2019": [
        (
            "一",
            ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["made", "published", "total"],
            [("regulations", "规章"), ("normative_docs", "规范性文件")],
        ),
        (
            "五",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            ["prev", "change", "decisions"],
            [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
        ),
        (
            "六",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            ["prev", "change", "decisions"],
            [("penalties", "行政处罚"), ("coercion", "行政强制")],
        ),
        ("八", ["上一年项目数量", "本年增/减"], ["prev", "change"], [("fees", "行政事业性收费")]),
        ("九", ["采购项目数量", "采购总金额"], ["count", "amount"], [("procurement", "政府集中采购")]),
    ],
    "2021": [
        (
            "一",
            ["本年制发件数", "本年废止件数", "现行有效件数"],
            ["issued", "repealed", "in_force"],
            [("regulations", "规章"), ("normative_docs", "行政规范性文件")],
        ),
        ("五", ["本年处理决定数量"], ["decisions"], [("licensing", "行政许可")]),
        ("六", ["本年处理决定数量"], ["decisions"], [("penalties", "行政处罚"), ("coercion", "行政强制")]),
        ("八", ["本年收费金额（单位：万元）"], ["amount"], [("fees", "行政事业性收费")]),
    ],
}

APPLICANTS = ["natural", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
ORGS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
RESULTS = "三、本年度办理结果"
# (key, group label or None, own label); a group label names a rowspan over its rows.
T3_COMMON_HEAD = [
    ("new", None, "一、本年新收政府信息公开申请数量"),
    ("carried_in", None, "二、上年结转政府信息公开申请数量"),
    ("granted", None, "（一）予以公开"),
    ("partial", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld.state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("withheld.prohibited_by_law", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("withheld.three_securities", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("withheld.third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("withheld.internal_affairs", "（三）不予公开", "5.属于三类内部事务信息"),
    ("withheld.process_info", "（三）不予公开", "6.属于四类过程性信息"),
    ("withheld.enforcement_files", "（三）不予公开", "7.属于行政执法案卷"),
    ("withheld.query_matters", "（三）不予公开", "8.属于行政查询事项"),
    ("unavailable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unavailable.unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("unprocessed.petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("unprocessed.duplicate", "（五）不予处理", "2.重复申请"),
    ("unprocessed.publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("unprocessed.bulk_repeat", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("unprocessed.confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
]
T3_OTHER = {
    "2019": [("other", None, "（六）其他处理")],
    "2021": [
        ("other.no_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        (
            "other.fee_unpaid",
            "（六）其他处理",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        ("other.other", "（六）其他处理", "3.其他"),
    ],
}
T3_TAIL = [("total", None, "（七）总计"), ("carried_forward", None, "四、结转下年度继续办理")]
T4_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]
T4_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
JIGOU = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
SECTIONS = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
]
NUMERALS = "一二三四五六"


def t3_rows(template: str) -> list[tuple[str, str | None, str]]:
    return T3_COMMON_HEAD + T3_OTHER[template] + T3_TAIL


def result_keys(template: str) -> list[str]:
    return [k for k, _, _ in t3_rows(template) if k not in ("new", "carried_in", "total", "carried_forward")]


# ---------------------------------------------------------------------------------------------
# Output


@dataclass
class Defect:
    kind: str
    key: str  # the cell concerned (for row-missing: the row's key prefix)
    line: int  # 1-based line where a finding about it belongs
    lines: set[int]  # every line at which a finding about it is right (cells of its relations)
    family: str
    at: set[int] = field(default_factory=set)  # the lines that are "its line" (a row's place, a group's cells)


@dataclass
class Report:
    text: str
    truth: dict[str, Any]  # key -> value (None: a cell written without a number)
    template: str
    layout: str
    year: int
    cell_lines: dict[str, int]
    defect: Defect | None = None
    style: dict[str, Any] = field(default_factory=dict)


@dataclass
class Cell:
    text: str
    span: int = 1  # colspan
    key: str | None = None  # a value cell's canonical key
    header: bool = False


Row = list[Cell]


# ---------------------------------------------------------------------------------------------
# Numbers: every relation of the format holds on a clean report.


def _count(r: random.Random, scale: int) -> int:
    if r.random() < 0.45:
        return 0
    return int(r.paretovariate(1.3) * scale) - scale + r.randint(0, 2)


def _values(r: random.Random, template: str) -> dict[str, Any]:
    v: dict[str, Any] = {}
    size = r.choice([1, 2, 5, 20, 200])
    cols = APPLICANTS[:-1]
    weights = [1.0, 0.3, 0.05, 0.05, 0.1, 0.15]
    for key in result_keys(template):
        hot = r.random() < 0.6
        for c, w in zip(cols, weights, strict=True):
            v[f"t3.{key}.{c}"] = _count(r, max(1, int(size * w))) if hot and r.random() < 0.3 + w / 2 else 0
    for c in cols:
        v[f"t3.total.{c}"] = sum(v[f"t3.{k}.{c}"] for k in result_keys(template))
        fw = r.randint(0, 3) if r.random() < 0.3 else 0
        v[f"t3.carried_forward.{c}"] = fw
        handled = v[f"t3.total.{c}"] + fw
        carried = r.randint(0, handled) if handled and r.random() < 0.4 else 0
        v[f"t3.carried_in.{c}"] = carried
        v[f"t3.new.{c}"] = handled - carried
    for key, _, _ in t3_rows(template):
        v[f"t3.{key}.total"] = sum(v[f"t3.{key}.{c}"] for c in cols)
    for g in T4_GROUPS:
        parts = [r.randint(0, 6) if r.random() < 0.5 else 0 for _ in range(4)]
        for c, n in zip(T4_COLS, [*parts, sum(parts)], strict=True):
            v[f"t4.{g}.{c}"] = n
    for _, _, keys, rows in T2[template]:
        for rk, _ in rows:
            for ck in keys:
                v[f"t2.{rk}.{ck}"] = _t2_value(r, template, rk, ck)
    return v


def _t2_value(r: random.Random, template: str, row: str, col: str) -> Any:
    if col == "change":
        return r.choice([0, r.randint(1, 300), -r.randint(1, 30)])
    if col == "amount" and template == "2021":
        return r.choice([0, round(r.uniform(0.1, 90000), r.choice([0, 1, 2, 4, 6]))])
    if col == "amount":
        return r.choice([0, r.randint(1000, 90_000_000), round(r.uniform(1000, 9_000_000), 2)])
    if row in ("licensing", "penalties") and r.random() < 0.5:
        return r.randint(1000, 4_000_000)
    return r.choice([0, r.randint(1, 40), r.randint(10, 3000)])


_FULL_DIGITS = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def _number_text(r: random.Random, key: str, value: Any, style: dict) -> str:
    if key.endswith(".change") and value:
        sign = r.choice(["增", "+", ""]) if value > 0 else r.choice(["减", "-"])
        return f"{sign}{abs(value)}"
    if key == "t2.procurement.amount" and isinstance(value, int) and value % 10_000 == 0 and value and r.random() < 0.5:
        return f"{value // 10_000}万"
    if value == 0 and key.endswith(".amount"):
        return style["zero_amount"]
    if isinstance(value, float):
        text = f"{value:,.6f}" if style["thousands"] and value >= 1000 else f"{value:.6f}"
        text = text.rstrip("0").rstrip(".")
    elif style["thousands"] and value >= 1000:
        text = f"{value:,}"
    else:
        text = str(value)
    if style["thousands"] and style.get("thousands_sep", ",") != ",":
        text = text.replace(",", style["thousands_sep"])
    if style["full_digits"]:
        text = text.translate(_FULL_DIGITS)
    return text


# Thousands separators besides ",": a thin space (GB/T 15835's 千分空) in any layout; a space or NBSP
# where the layout delimits every cell, and in tab rows and Markdown, where a space may also part two
# cells (the row's shape tells them apart) — not in tabs mixed with spaces, where spaces part fields.
THIN_SEPARATORS = ("\u2009", "\u202f")
SPACE_SEPARATORS = (" ", "\u00a0")
SPACE_DELIMITED = ("pipe_rows", "pipe_aligned", "lines_pipe", "lines_tab", "web_rows", "web_cells", "web_marked")
SPACE_SHAPED = ("tab_rows", "markdown", "markdown_split")


# ---------------------------------------------------------------------------------------------
# Wording variants


_HALF = str.maketrans("（）：，", "():,")


def _style(r: random.Random, layout: str) -> dict:
    return {
        "half": r.random() < 0.4,  # half-width brackets and colons in the tables
        "results_num": r.choice(["（一）", "（一）", "(一)", "一、"]),  # numbering of 三's result rows
        "sub_num": r.choice(["1.", "1.", "1、", "1．", "（1）"]),
        "normative": r.choice(["规范性文件", "行政规范性文件"]),
        "qita": r.choice(["其他", "其他", "其它"]),
        "heji": r.random() < 0.2,  # 合计 for 总计 in the column headers
        "units": r.random() < 0.25,  # （件） in count headers, a 单位 line before a table
        "thousands": r.random() < 0.35,
        "full_digits": r.random() < 0.08,
        "wrap_headers": r.random() < 0.25,
        "pad": r.choice(["none", "space", "fullwidth", "nbsp", "mixed"]),
        "heading": r.choice(["plain", "plain", "indent", "space", "fullwidth_indent", "colon", "dot", "bold"]),
        "wu": r.choice(["存在的主要问题及改进情况", "存在问题及改进情况"]),
        "item": r.choice(["第二十条第（{}）项", "第二十条第({})项", "第二十条 第（{}）项"]),
        "jigou": r.random() < 0.8,
        "prose_apps": r.random() < 0.6,
        "wrap_labels": r.random() < 0.2,  # long row labels wrapped onto a second line
        "simple_head": r.random() < 0.15,  # 表三 under one header row: 项目 | 自然人 | 商业企业 | … | 总计
        "label_fields": r.choice([3, 3, 2]),  # tab rows: label fields before 表三's values
        "md_sep": r.choice(["---", "---", ":---:", " --- ", ":---"]),
        "zero_amount": r.choice(["0", "0", "0.00", "0.0"]),
        "spacer": r.random() < 0.2,  # blank or white-space lines between table rows
        "t4_split": r.random() < 0.5,  # markdown_split: 表四 as three 5-column tables
    }


def _w(text: str, st: dict) -> str:
    return text.translate(_HALF) if st["half"] else text


def _result_label(label: str, st: dict) -> str:
    """（一）予以公开 → the report's numbering of result rows and sub-items."""
    if label.startswith("（") and label[1] in "一二三四五六七" and label[2] == "）":
        num = st["results_num"].replace("一", label[1])
        label = num + label[3:]
    elif label[0].isdigit() and label[1] == ".":
        label = st["sub_num"].replace("1", label[0]) + label[2:]
    if label.endswith("3.其他") or label.endswith("）其他") or label == "3.其他":
        label = label[:-2] + st["qita"]
    label = label.replace("其他处理", "其他处理" if st["qita"] == "其他" else "其它处理")
    return label


def _pad(r: random.Random, text: str, st: dict) -> str:
    kind = st["pad"]
    if kind == "none" or r.random() < 0.5:
        return text
    if kind == "space":
        return " " * r.randint(0, 2) + text + " " * r.randint(0, 3)
    if kind == "fullwidth":
        return "\u3000" * r.randint(0, 2) + text + "\u3000" * r.randint(0, 1)
    if kind == "nbsp":
        return "\u00a0" * r.randint(0, 2) + text + "\u00a0" * r.randint(0, 2)
    return r.choice([" ", "\u3000", "\u00a0", " \u3000", ""]) + text + r.choice(["", " ", "\u00a0", " \u3000"])


def _wrap(r: random.Random, text: str, st: dict) -> str:
    """A header cell broken onto a second line, as a narrow column wraps it."""
    if not st["wrap_headers"] or len(text) < 4 or r.random() < 0.5:
        return text
    at = r.randint(2, len(text) - 2)
    return text[:at] + "\n" + text[at:]


# ---------------------------------------------------------------------------------------------
# The tables as grids of cells (merged cells written once, at their first row)


def _t2_grid(r: random.Random, template: str, st: dict, vals: dict) -> list[tuple[str, list[Row]]]:
    blocks = []
    for item, heads, keys, rows in T2[template]:
        grid: list[Row] = []
        width = 1 + len(heads)
        grid.append([Cell(_w(st["item"].format(item), st), width, header=True)])
        head = ["信息内容"] + [h + ("（件）" if st["units"] and "件数" in h else "") for h in heads]
        grid.append([Cell(_wrap(r, _w(h, st), st), header=True) for h in head])
        for rk, label in rows:
            if rk == "normative_docs":
                label = st["normative"]
            grid.append([Cell(_w(label, st))] + [Cell("", key=f"t2.{rk}.{ck}") for ck in keys])
        blocks.append((item, grid))
    return blocks


def _wrap_label(r: random.Random, text: str, st: dict) -> str:
    """A long row label wrapped by a narrow column: ``（二）部分公开（区分处理的，`` / ``只计这一情形…）``."""
    if not st["wrap_labels"] or len(text) < 12 or r.random() < 0.4:
        return text
    at = r.randint(6, len(text) - 3)
    return text[:at] + "\n" + text[at:]


def _t3_grid(r: random.Random, template: str, st: dict) -> list[Row]:
    total = "合计" if st["heji"] else "总计"
    note = _w(JIGOU, st) if st["jigou"] else ""
    orgs = [o if o != "其他" else st["qita"] for o in ORGS]
    grid: list[Row] = [
        [Cell(note, 3, header=True), Cell("申请人情况", 7, header=True)],
        [Cell("自然人", header=True), Cell("法人或其他组织", 5, header=True), Cell(total, header=True)],
        [Cell(_wrap(r, o, st), header=True) for o in orgs],
    ]
    if st["simple_head"]:
        head = [Cell("项目", 3, header=True), Cell("自然人", header=True)]
        grid = [head + [Cell(o, header=True) for o in orgs] + [Cell(total, header=True)]]
    seen_groups: set[str] = set()
    first_result = True
    for key, group, label in t3_rows(template):
        row: Row = []
        in_results = key not in ("new", "carried_in", "carried_forward")
        if in_results and first_result:
            row.append(Cell(_w(RESULTS, st)))
            first_result = False
        if group is not None:
            if group not in seen_groups:
                row.append(Cell(_w(_result_label(group, st), st)))
                seen_groups.add(group)
            row.append(Cell(_wrap_label(r, _w(_result_label(label, st), st), st)))
        else:
            span = 2 if in_results else 3
            text = _result_label(label, st) if in_results else label
            row.append(Cell(_wrap_label(r, _w(text, st), st), span))
        row += [Cell("", key=f"t3.{key}.{c}") for c in APPLICANTS]
        grid.append(row)
    return grid


def _t4_grid(r: random.Random, st: dict) -> list[Row]:
    total = "合计" if st["heji"] else "总计"
    labels = [t if t != "总计" else total for t in T4_LABELS]
    return [
        [Cell("行政复议", 5, header=True), Cell("行政诉讼", 10, header=True)],
        [Cell(_wrap(r, t, st), header=True) for t in labels]
        + [Cell("未经复议直接起诉", 5, header=True), Cell("复议后起诉", 5, header=True)],
        [Cell(_wrap(r, t, st), header=True) for t in labels * 2],
        [Cell("", key=f"t4.{g}.{c}") for g in T4_GROUPS for c in T4_COLS],
    ]


# ---------------------------------------------------------------------------------------------
# Rendering: each layout turns a grid into lines; a line carries the keys of its values.

Line = tuple[str, list[str]]


def _cells_text(r: random.Random, row: Row, vals: dict, st: dict) -> list[tuple[str, str | None, int]]:
    out = []
    for c in row:
        if c.key is not None:
            v = vals.get(c.key, 0)
            text = v if isinstance(v, str) else _number_text(r, c.key, v, st)
            out.append((_pad(r, text, st), c.key, c.span))
        else:
            out.append((_pad(r, c.text, st) if c.text else "", None, c.span))
    return out


def _split_lines(text: str, keys: list[str]) -> list[Line]:
    """A line that holds a wrapped cell is several lines; its values are on the last."""
    parts = text.split("\n")
    return [(p, []) for p in parts[:-1]] + [(parts[-1], keys)]


def _display(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _expand(cells: list[tuple[str, str | None, int]], width: int, front: bool) -> list[str]:
    """A row's cell texts, a merged cell followed by empty ones; short rows filled up to ``width``."""
    out: list[str] = []
    for text, _, span in cells:
        out += [text] + [""] * (span - 1)
    if len(out) < width:
        fill = [""] * (width - len(out))
        out = fill + out if front else out + fill
    return out


def _render_pipe(r: random.Random, grid: list[Row], vals: dict, st: dict, width: int, aligned: bool) -> list[Line]:
    """``a | b | c |``: a merged cell of k columns adds k-1 pipes; rows filled with pipes up to ``width``."""
    lines: list[Line] = []
    fill = r.random() < 0.7
    lead = aligned and r.random() < 0.5
    for row in grid:
        cells = _cells_text(r, row, vals, st)
        parts = []
        for text, key, span in cells:
            if aligned:  # columns aligned with runs of spaces: labels to the left, numbers to the right
                room = (34 if key is None else 8) - _display(text)
                text = text + " " * max(room, 1) if key is None else " " * max(room, 1) + text
            parts.append(text + " |" + "|" * (span - 1))
        line = ("| " if lead else "") + " ".join(parts)
        used = sum(s for _, _, s in cells)
        if fill and used < width:
            line += " " + "|" * (width - used)
        lines += _split_lines(line, [k for _, k, _ in cells if k])
    return lines


def _render_tab(
    r: random.Random, grid: list[Row], vals: dict, st: dict, width: int, spaced: bool, label_fields: int
) -> list[Line]:
    """Tab-separated fields, as PDF readers copy a table: 表三 rows keep their three label fields."""
    lines: list[Line] = []
    for row in grid:
        cells = _cells_text(r, row, vals, st)
        keys = [k for _, k, _ in cells if k]
        fields = _expand(cells, 0, False)
        if keys and label_fields:
            n_labels = len(fields) - len(keys)
            fields = [""] * max(0, label_fields - n_labels) + fields
        elif not keys and label_fields and sum(s for _, _, s in cells) < width and r.random() < 0.5:
            fields = [""] * label_fields + fields  # a header row under the table's corner cell
        if len(fields) < width and r.random() < 0.6:
            fields += [""] * (width - len(fields))
        if spaced:  # tabs mixed with spaces around the fields
            line = "".join(f + r.choice(["\t", "\t", " \t", "\t "]) for f in fields).rstrip("\t ")
            line += r.choice(["", " ", "\t", "  "])
        else:
            line = "\t".join(fields)
        lines += _split_lines(line, keys)
    return lines


def _render_lines(r: random.Random, grid: list[Row], vals: dict, st: dict, ending: str, width: int) -> list[Line]:
    """One cell per line: ``text |`` (seed 003, web cells) or ``\\ttext`` (seed 004)."""
    lines: list[Line] = []
    for row in grid:
        cells = _cells_text(r, row, vals, st)
        for text, key, span in cells:
            if ending == "tab":
                first, *rest = text.split("\n")
                lines.append(("\t" + first, [key] if key and not rest else []))
                for i, more in enumerate(rest):
                    lines.append((more, [key] if key and i == len(rest) - 1 else []))
            else:
                lines += _split_lines(f"{text} |", [key] if key else [])
                if span > 1:
                    lines.append(("|" * (span - 1), []))
        if ending == "tab":
            lines.append(("", []))
        elif ending == "rowfill":
            used = sum(s for _, _, s in cells)
            if used < width:
                lines.append(("|" * (width - used), []))
    return lines


def _render_marked(r: random.Random, grid: list[Row], vals: dict, st: dict) -> list[Line]:
    lines: list[Line] = []
    for row in grid:
        lines.append(("|", []))
        for text, key, span in _cells_text(r, row, vals, st):
            suffix = " |" + ("" if span == 1 else " " + "|" * (span - 1))
            lines += _split_lines(text + suffix, [key] if key else [])
    return lines


def _render_markdown(r: random.Random, grid: list[Row], vals: dict, st: dict, width: int) -> list[Line]:
    """``| a | b |`` rows padded to the table's width, ``|---|`` under the first."""
    lines: list[Line] = []
    sep = " | " if r.random() < 0.8 else "|"
    for i, row in enumerate(grid):
        cells = [(t.replace("\n", r.choice(["<br>", ""])), k, s) for t, k, s in _cells_text(r, row, vals, st)]
        keys = [k for _, k, _ in cells if k]
        texts = _expand(cells, width, front=bool(keys) or i > 0)
        lines.append(("| " + sep.join(texts) + " |", keys))
        if i == 0:
            lines.append(("|" + "|".join([st["md_sep"]] * width) + "|", []))
    return lines


# ---------------------------------------------------------------------------------------------
# The report


_PLACES = ["青山", "临川", "东河", "南岭", "安平", "永和", "白石", "西湖", "长宁", "清源"]
_AGENCIES = [
    "市人民政府办公室",
    "县教育局",
    "区卫生健康委员会",
    "市自然资源和规划局",
    "县交通运输局",
    "区人民政府",
    "市生态环境局",
    "镇人民政府",
]


# Section numberings other than 一、 that reports use: 第一部分 总体情况, 第一章, 1、, 1., （一）.
NUMBERINGS = ("{}、", "第{}部分 ", "第{}部分　", "第{}章 ", "{d}、", "{d}. ", "（{}）")


def _heading(n: int, st: dict, layout: str) -> str:
    title = SECTIONS[n] if n != 4 else st["wu"]
    numbering = st["numbering"].format(NUMERALS[n], d=n + 1)
    text = numbering + title
    if st["heading"] == "indent":
        text = "  " + text
    elif st["heading"] == "space":
        text = f"{numbering.rstrip()} {title}"
    elif st["heading"] == "fullwidth_indent":
        text = "\u3000\u3000" + text
    elif st["heading"] == "colon":
        text += "："
    elif st["heading"] == "dot" and st["numbering"] == NUMBERINGS[0]:
        text = f"{NUMERALS[n]}．{title}"
    if layout.startswith("markdown"):
        text = "## " + (f"**{text.strip()}**" if st["heading"] == "bold" else text.strip())
    return text


def _prose(r: random.Random, n: int, vals: dict, st: dict, year: int) -> list[str]:
    if n == 0:
        out = [
            f"{year}年，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进政务公开工作。",
            "（一）主动公开情况",
            f"全年通过门户网站主动公开政府信息{r.randint(50, 3000)}条，发布政策解读{r.randint(1, 40)}篇。",
            "（二）依申请公开情况",
        ]
        if st["prose_apps"]:
            out.append(f"全年共收到政府信息公开申请{vals['t3.new.total']}件，均在法定期限内答复。")
        else:
            out.append("严格按照法定程序办理依申请公开事项，做到依法答复、规范答复。")
        out += ["（三）政府信息管理情况", "加强公开前保密审查，规范信息发布流程。"]
        return out
    if n == 4:
        return [
            "工作中仍存在一些不足：一是公开内容不够全面；二是政策解读形式较为单一。",
            f"{year + 1}年，我们将进一步加强培训，提升信息公开工作质量。",
        ]
    return [r.choice(["本年度无其他需要报告的事项。", f"{year}年度未收取信息处理费。", "无。"])]


def _chrome(r: random.Random) -> tuple[list[str], list[str]]:
    nav = ["首页", "政务公开", "政府信息公开年报", "当前位置：首页 > 政务公开 > 政府信息公开年报", "字体：大 中 小"]
    foot = [
        "扫一扫在手机上查看当前页面",
        "关闭",
        "主办单位：某某人民政府办公室 | 网站标识码：0000000000 | 备案号：某ICP备00000000号",
    ]
    return r.sample(nav, r.randint(2, 4)), r.sample(foot, r.randint(1, 3))


def _table_lines(r: random.Random, layout: str, which: str, grid: list[Row], vals: dict, st: dict) -> list[Line]:
    lines = _table_lines_of(r, layout, which, grid, vals, st)
    if st["spacer"] and layout in ("pipe_rows", "pipe_aligned", "web_rows", "tab_rows", "tab_spaced"):
        # blank lines, or lines of nothing but white space (full-width, NBSP), between the rows
        spaced: list[Line] = []
        for line in lines:
            spaced.append(line)
            if line[1] and r.random() < 0.3:
                spaced.append((r.choice(["", "\u3000", "\u00a0", "  ", "\u3000\u3000"]), []))
        lines = spaced
    return lines


def _table_lines_of(r: random.Random, layout: str, which: str, grid: list[Row], vals: dict, st: dict) -> list[Line]:
    width = {"t2": 4, "t3": 10, "t4": 15}[which]
    if layout == "pipe_rows":
        return _render_pipe(r, grid, vals, st, width + (1 if which != "t4" else 0), aligned=False)
    if layout == "pipe_aligned":
        return _render_pipe(r, grid, vals, st, 0, aligned=True)
    if layout in ("tab_rows", "tab_spaced"):
        fields = st["label_fields"] if which == "t3" else 0
        return _render_tab(r, grid, vals, st, {"t2": 11, "t3": 10, "t4": 15}[which], layout == "tab_spaced", fields)
    if layout == "lines_pipe":
        return _render_lines(r, grid, vals, st, "rowfill", width)
    if layout == "lines_tab":
        return _render_lines(r, grid, vals, st, "tab", width)
    if layout == "web_rows":
        return _render_pipe(r, grid, vals, st, 0, aligned=False)
    if layout == "web_cells":
        return _render_lines(r, grid, vals, st, "pipe", width)
    if layout == "web_marked":
        return _render_marked(r, grid, vals, st)
    return _render_markdown(r, grid, vals, st, width)


def _markdown_split_t4(r: random.Random, grid: list[Row], vals: dict, st: dict) -> list[Line]:
    """表四 as three small tables of five columns, one per group (a PDF converter's output)."""
    lines: list[Line] = []
    values = grid[-1]
    labels = [c.text for c in grid[2]]
    for g, title in enumerate(["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]):
        part = values[5 * g : 5 * g + 5]
        cells = _cells_text(r, part, vals, st)
        lines += [
            (f"### {title}", []),
            ("| " + " | ".join(t.replace("\n", "") for t in labels[5 * g : 5 * g + 5]) + " |", []),
            ("|" + "---|" * 5, []),
            ("| " + " | ".join(t for t, _, _ in cells) + " |", [k for _, k, _ in cells if k]),
            ("", []),
        ]
    return lines


def _markdown_split_t3(r: random.Random, grid: list[Row], vals: dict, st: dict) -> list[Line]:
    """表三 as small tables, one per group of rows, with generic headers (a PDF converter's output)."""
    lines: list[Line] = [(_w(JIGOU, st), []), ("", [])]
    data = [row for row in grid if not row[0].header]
    chunks: list[tuple[str, list[Row]]] = []
    for row in data:
        labels = [c.text for c in row if c.key is None]
        group = labels[-2] if len(labels) >= 2 else labels[-1]
        if chunks and len(labels) == 1 and chunks[-1][0] not in ("", None) and row[0].span == 1:
            chunks[-1][1].append(row)
        elif chunks and len(labels) == 1 and row[0].span == 1:
            chunks[-1][1].append(row)
        else:
            chunks.append((group.strip(), [row]))
    generic = ["类别"] + [f"数据{i}" for i in range(1, 7)] + ["总计"]
    for title, rows in chunks:
        lines += [
            ("### " + title.replace("\n", ""), []),
            ("| " + " | ".join(generic) + " |", []),
            ("|" + "---|" * 8, []),
        ]
        for row in rows:
            cells = _cells_text(r, row, vals, st)
            label = [t for t, k, _ in cells if k is None][-1].replace("\n", "")
            lines.append(
                ("| " + " | ".join([label] + [t for t, k, _ in cells if k]) + " |", [k for _, k, _ in cells if k])
            )
        lines.append(("", []))
    return lines


def report(
    seed: int,
    layout: str,
    template: str | None = None,
    defect: str | None = None,
    numbering: str | None = None,
    spaced: bool = False,
) -> Report:
    """The report ``seed`` in ``layout`` (``template`` 2019 or 2021, at random if None), with ``defect`` injected;
    ``numbering`` (one of :data:`NUMBERINGS`) numbers its section headings, else one is drawn; ``spaced``: its
    thousands set apart by a space or NBSP (where the layout allows, else a thin space), always."""
    r = random.Random(f"independent:{seed}")
    template = template or r.choice(["2019", "2021"])
    year = r.choice([2019, 2020]) if template == "2019" else r.randint(2021, 2025)
    st = _style(r, layout)
    if defect == BLANK_T4:
        st["wrap_headers"] = True
    # drawn apart, so that every other choice of the report stays what it was before numberings were added
    nr = random.Random(f"numbering:{seed}")
    drawn = nr.choice(NUMBERINGS[1:]) if nr.random() < 0.25 else NUMBERINGS[0]
    st["numbering"] = drawn if numbering is None else numbering
    seps = THIN_SEPARATORS + (SPACE_SEPARATORS if layout in SPACE_DELIMITED + SPACE_SHAPED else ())
    st["thousands_sep"] = nr.choice(seps) if nr.random() < 0.3 else ","
    if spaced:
        st["thousands"] = True
        st["thousands_sep"] = nr.choice(seps[len(THIN_SEPARATORS) :] or seps)
    vals = _values(r, template)
    truth = dict(vals)
    place, agency = r.choice(_PLACES), r.choice(_AGENCIES)
    dr = random.Random(f"defect:{seed}:{defect}")
    t3 = _t3_grid(r, template, st)
    t2 = _t2_grid(r, template, st, vals)
    t4 = _t4_grid(r, st)
    missing_row: str | None = None
    changed: str | None = None
    if defect in ("sum-t3", "total-t3", "sum-t4"):
        changed = _break_sum(dr, defect, template, vals)
        truth[changed] = vals[changed]
    elif defect == "row-missing":
        candidates = [
            k for k, _, _ in t3_rows(template) if k not in ("new", "total") and not k.endswith("state_secret")
        ]
        missing_row = dr.choice(candidates)
        t3 = [row for row in t3 if not any(c.key and c.key.startswith(f"t3.{missing_row}.") for c in row)]
        for c in APPLICANTS:
            truth.pop(f"t3.{missing_row}.{c}")
    elif defect in ("non-numeric", "blank"):
        keys = [k for k in vals if k.startswith("t3.") or k.startswith("t4.")]
        changed = dr.choice(keys)
        vals[changed] = dr.choice(["无", "—", "/", "-", "空", "——"]) if defect == "non-numeric" else ""
        truth[changed] = None
    elif defect == BLANK_T4:
        changed = dr.choice([k for k in vals if k.startswith("t4.")])
        vals[changed] = ""
        truth[changed] = None
    elif defect == BLANK_END:
        rows = [k for k, _, _ in t3_rows(template)]
        zeros = [k for k in rows if not any(vals[f"t3.{k}.{c}"] for c in APPLICANTS)]
        row = dr.choice(zeros if zeros and dr.random() < 0.7 else rows)
        changed = f"t3.{row}.{dr.choice(['natural', 'total'])}"
        vals[changed] = ""
        truth[changed] = None

    elif defect == EXTRA_BLANKS:
        rows = [row for row in [*t3, *t4] if sum(1 for c in row if c.key and not vals[c.key]) >= 2]
        if rows:
            row = dr.choice(rows)
            at = [k for k, c in enumerate(row) if c.key]
            for c in dr.sample([c for c in row if c.key and not vals[c.key]], 2):
                vals[c.key] = ""
                truth[c.key] = None
            changed = next(c.key for c in row if c.key)
            k = dr.choice([at[0], at[-1] + 1, dr.choice(at)])
            near = [vals[c.key] for c in row[max(0, k - 1) : k + 1] if c.key and vals[c.key] != ""]
            stray = dr.choice([*near, dr.randint(1, 9), dr.randint(10, 99)])
            row.insert(k, Cell(str(stray)))

    lines: list[Line] = []

    def add(text: str, keys: list[str] | None = None) -> None:
        lines.append((text, keys or []))

    web = layout.startswith("web_")
    if web:
        head, foot = _chrome(r)
        for h in head:
            add(h)
    title = f"{place}{agency}{year}年政府信息公开工作年度报告"
    add(("# " if layout.startswith("markdown") else "") + title)
    if not layout.startswith("lines"):
        add("")
    add(
        f"本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
    gap = layout.startswith("markdown") or layout in ("tab_rows", "tab_spaced") or r.random() < 0.3
    for n in range(6):
        if gap:
            add("")
        add(_heading(n, st, layout))
        if gap:
            add("")
        if n == 1:
            for _item, grid in t2:
                if layout.startswith("markdown") and r.random() < 0.5:
                    add(f"### {grid[0][0].text}")
                    grid = grid[1:]
                lines.extend(_table_lines(r, layout, "t2", grid, vals, st))
                if layout.startswith("markdown"):
                    add("")
        elif n == 2:
            if st["units"]:
                add("单位：件")
            if layout == "markdown_split":
                lines.extend(_markdown_split_t3(r, t3, vals, st))
            else:
                lines.extend(_table_lines(r, layout, "t3", t3, vals, st))
        elif n == 3:
            if st["units"]:
                add("单位：件")
            if layout == "markdown_split" and st["t4_split"]:
                lines.extend(_markdown_split_t4(r, t4, vals, st))
            else:
                lines.extend(_table_lines(r, layout, "t4", t4, vals, st))
        else:
            for p in _prose(r, n, vals, st, year):
                add(("\u3000\u3000" if r.random() < 0.3 else "") + p)
    add("")
    add(f"{place}{agency}")
    add(f"{year + 1}年{r.randint(1, 3)}月{r.randint(1, 28)}日")
    if web:
        for f in foot:
            add(f)
    text = "\n".join(t for t, _ in lines) + "\n"
    cell_lines: dict[str, int] = {}
    for i, (_, keys) in enumerate(lines, 1):
        for k in keys:
            cell_lines.setdefault(k, i)
    report_ = Report(text, truth, template, layout, year, cell_lines, style=st)
    if defect is not None:
        report_.defect = _locate(defect, template, changed, missing_row, lines, cell_lines)
    return report_


def _break_sum(r: random.Random, defect: str, template: str, vals: dict) -> str:
    if defect == "sum-t3":
        row = r.choice([*result_keys(template), "new", "carried_in", "carried_forward"])
        key = f"t3.{row}.{r.choice(APPLICANTS[:-1])}"
    elif defect == "total-t3":
        row = r.choice(["total", "total", *result_keys(template), "new"])
        key = f"t3.{row}.{r.choice(APPLICANTS) if row == 'total' else 'total'}"
    else:
        key = f"t4.{r.choice(T4_GROUPS)}.{r.choice(T4_COLS)}"
    delta = r.randint(1, 9)
    vals[key] = vals[key] + delta if vals[key] < delta or r.random() < 0.6 else vals[key] - delta
    return key


def _locate(
    defect: str, template: str, changed: str | None, missing: str | None, lines: list[Line], cell_lines: dict[str, int]
) -> Defect:
    fam = FAMILIES[defect]
    if missing is not None:
        order = [k for k, _, _ in t3_rows(template)]
        i = order.index(missing)
        last = cell_lines[f"t3.{order[i - 1]}.total"]
        # the row's place: after the previous row's last value, up to the next row's first value
        # (the last row's: the line after the previous one)
        nxt = cell_lines[f"t3.{order[i + 1]}.natural"] if i + 1 < len(order) else last + 1
        if i + 1 == len(order):  # up to the next line with text (the next heading)
            texts = [k for k in range(last + 1, len(lines) + 1) if lines[k - 1][0].strip().strip("|").strip()]
            nxt = texts[0] if texts else last + 1
        place = set(range(last + 1, nxt + 1))
        around = set(range(last, (cell_lines[f"t3.{order[i + 1]}.total"] if i + 1 < len(order) else nxt) + 1))
        return Defect(defect, f"t3.{missing}", min(place), around, fam, place)
    assert changed is not None
    line = cell_lines[changed]
    if defect == EXTRA_BLANKS:  # the row's lines: after the row before it (its label, a stray cell) to its last
        prefix = changed.rsplit(".", 1)[0] + "."
        own = [ln for k, ln in cell_lines.items() if k.startswith(prefix)]
        before = [ln for k, ln in cell_lines.items() if not k.startswith(prefix) and ln < min(own)]
        place = set(range(max(before, default=min(own) - 1) + 1, max(own) + 2))
        return Defect(defect, changed, line, place, fam, place)
    related = {line}
    table, *rest = changed.split(".")
    col = rest[-1]
    row = ".".join(rest[:-1])
    if table == "t3":
        related |= {ln for k, ln in cell_lines.items() if k.startswith(f"t3.{row}.")}
        related |= {ln for k, ln in cell_lines.items() if k.startswith("t3.") and k.endswith(f".{col}")}
        # a wrong row total also breaks the 总计 column's sums; a wrong column cell its row's 总计
        related |= {ln for k, ln in cell_lines.items() if k.startswith("t3.") and k.endswith(".total")}
    elif table == "t4":
        # which of a group's five cells is wrong nobody can tell: a finding at any of them is at its line
        group = {ln for k, ln in cell_lines.items() if k.startswith(f"t4.{row}.")}
        return Defect(defect, changed, line, related | group, fam, group)
    return Defect(defect, changed, line, related, fam, {line})
