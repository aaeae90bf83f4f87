"""Synthetic annual reports (政府信息公开工作年度报告) for testing nianbao.

Standard library only, and independent of the nianbao package: the generator is
the oracle the parser and the linter are tested against.

    generate(seed, layout, template=None, noise=True) -> Synthetic
    inject(report, family, seed) -> Synthetic      # one more defect of family S/T/A/N/X

The same seed gives the same report *content* (agency, year, prose, numbers) in
every layout; the layout and its noise come from a second generator seeded with
(seed, layout).  Everything is built as a document model first (blocks, table
rows, cells with their raw text) and rendered last, so an injected defect is a
change to the model followed by a re-render: lines, columns and truth stay exact.

CLI:  python -m tests.synth.generate --out DIR --count N [--layout L]
                                     [--template 2019|2021] [--defects] [--seed S]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

LAYOUTS = ("pipe", "pipe_broken", "tab", "cells_pipe", "cells_tab", "web_rows", "web_cells", "web_marked")
DIALECT_OF = {
    "pipe": "pipe",
    "pipe_broken": "pipe",
    "tab": "tab",
    "cells_pipe": "cells",
    "cells_tab": "cells",
    "web_rows": "pipe",
    "web_cells": "cells",
    "web_marked": "cells",
}
FAMILIES = ("S", "T", "A", "N", "X")
TEMPLATES = ("2019", "2021")

# Characters sprinkled by the copy-paste of seed 000 (a site's anti-copy noise).
GARBAGE = "ㄨ▅ζ〓※←╲↓卐〗』⌒♂@◣▲☉∩∴↘▂々○"


# --------------------------------------------------------------------------- public types


@dataclass
class Defect:
    family: str  # "S" | "T" | "A" | "N" | "X"
    kind: str  # short id, e.g. "garbage-char", "sum-broken"
    line: int  # 1-based line where a linter should report it
    detail: str


@dataclass
class Synthetic:
    text: str
    truth: dict[str, float | int | None]
    template: str
    year: int
    layout: str
    sections: list[tuple[int, int]]
    cell_lines: dict[str, int]
    defects: list[Defect]
    # extras (not required by the brief, useful to tests)
    cell_columns: dict[str, int] = field(default_factory=dict)  # key -> 1-based column (Unicode chars) of the raw text
    cell_raw: dict[str, str] = field(default_factory=dict)  # key -> text as written ("" = blank cell)
    noise_log: list[Defect] = field(default_factory=list)  # noise added by noise=True (not defects)
    seed: int = 0
    noise: bool = True
    _doc: Any = field(default=None, repr=False, compare=False)  # document model, used by inject()


# --------------------------------------------------------------------------- format tables

T3_COLS = ("natural", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
T3_APPLICANT_COLS = T3_COLS[:6]
T4_GROUPS = ("review", "litigation_direct", "litigation_after_review")
T4_COLS = ("upheld", "corrected", "other", "pending", "total")

_G = "三、本年度办理结果"
_T3_SUB = {
    "withheld": (
        "（三）不予公开",
        [
            ("state_secret", "1.属于国家秘密"),
            ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
            ("three_securities", "3.危及“三安全一稳定”"),
            ("third_party", "4.保护第三方合法权益"),
            ("internal_affairs", "5.属于三类内部事务信息"),
            ("process_info", "6.属于四类过程性信息"),
            ("enforcement_files", "7.属于行政执法案卷"),
            ("query_matters", "8.属于行政查询事项"),
        ],
    ),
    "unavailable": (
        "（四）无法提供",
        [
            ("not_held", "1.本机关不掌握相关政府信息"),
            ("needs_creation", "2.没有现成信息需要另行制作"),
            ("unclear", "3.补正后申请内容仍不明确"),
        ],
    ),
    "unprocessed": (
        "（五）不予处理",
        [
            ("petition", "1.信访举报投诉类申请"),
            ("duplicate", "2.重复申请"),
            ("publication", "3.要求提供公开出版物"),
            ("bulk_repeat", "4.无正当理由大量反复申请"),
            ("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
        ],
    ),
    "other": (
        "（六）其他处理",
        [
            ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other", "3.其他"),
        ],
    ),
}


@dataclass(frozen=True)
class _T3Row:
    key: str
    level: int  # 1: label spans the 3 label columns; 2: under 三、; 3: under 三、 and a sub-group
    own: str  # the row's own label
    sub: str | None  # sub-group label, level 3 only
    first_in_group: bool  # first row under 三、本年度办理结果
    first_in_sub: bool


def t3_rows(template: str) -> list[_T3Row]:
    rows = [
        _T3Row("new", 1, "一、本年新收政府信息公开申请数量", None, False, False),
        _T3Row("carried_in", 1, "二、上年结转政府信息公开申请数量", None, False, False),
        _T3Row("granted", 2, "（一）予以公开", None, True, False),
        _T3Row("partial", 2, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, False, False),
    ]
    for grp in ("withheld", "unavailable", "unprocessed"):
        sub, items = _T3_SUB[grp]
        for i, (k, lab) in enumerate(items):
            rows.append(_T3Row(f"{grp}.{k}", 3, lab, sub, False, i == 0))
    if template == "2019":
        rows.append(_T3Row("other", 2, "（六）其他处理", None, False, False))
    else:
        sub, items = _T3_SUB["other"]
        for i, (k, lab) in enumerate(items):
            rows.append(_T3Row(f"other.{k}", 3, lab, sub, False, i == 0))
    rows.append(_T3Row("total", 2, "（七）总计", None, False, False))
    rows.append(_T3Row("carried_forward", 1, "四、结转下年度继续办理", None, False, False))
    return rows


T3_RESULT_EXCLUDE = ("new", "carried_in", "total", "carried_forward")

# item, header columns, [(row key, label)], column keys
_T2_2019 = [
    (
        "（一）",
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        [("regulations", "规章"), ("normative_docs", "规范性文件")],
        ("made", "published", "total"),
    ),
    (
        "（五）",
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
        ("prev", "change", "decisions"),
    ),
    (
        "（六）",
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        [("penalties", "行政处罚"), ("coercion", "行政强制")],
        ("prev", "change", "decisions"),
    ),
    ("（八）", ["信息内容", "上一年项目数量", "本年增/减"], [("fees", "行政事业性收费")], ("prev", "change")),
    ("（九）", ["信息内容", "采购项目数量", "采购总金额"], [("procurement", "政府集中采购")], ("count", "amount")),
]
_T2_2021 = [
    (
        "（一）",
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        [("regulations", "规章"), ("normative_docs", "行政规范性文件")],
        ("issued", "repealed", "in_force"),
    ),
    ("（五）", ["信息内容", "本年处理决定数量"], [("licensing", "行政许可")], ("decisions",)),
    ("（六）", ["信息内容", "本年处理决定数量"], [("penalties", "行政处罚"), ("coercion", "行政强制")], ("decisions",)),
    ("（八）", ["信息内容", "本年收费金额（单位：万元）"], [("fees", "行政事业性收费")], ("amount",)),
]


def template_keys(template: str) -> list[str]:
    """Every canonical cell key of a template, in table order."""
    keys: list[str] = []
    for _item, _heads, rows, cols in _T2_2019 if template == "2019" else _T2_2021:
        for rk, _lab in rows:
            keys += [f"t2.{rk}.{c}" for c in cols]
    for row in t3_rows(template):
        keys += [f"t3.{row.key}.{c}" for c in T3_COLS]
    for g in T4_GROUPS:
        keys += [f"t4.{g}.{c}" for c in T4_COLS]
    return keys


def value_of(raw: str) -> float | int | None:
    """Read a cell as written, by the rules of spec/cell-keys.md (增N, 减N, N万)."""
    s = raw.strip()
    if not s:
        return None
    sign = 1
    if s[0] == "增":
        s = s[1:]
    elif s[0] == "减":
        sign, s = -1, s[1:]
    mult = 1
    if s.endswith("万"):
        mult, s = 10000, s[:-1]
    try:
        d = Decimal(s) * sign * mult
    except InvalidOperation:
        return None
    if d == d.to_integral_value() and ("." not in s or mult != 1):
        return int(d)
    return float(d)


def relation_errors(truth: dict[str, Any], template: str) -> list[str]:
    """The relations of reference/national-format.md that do not hold (blank cells count as 0)."""

    def v(k: str) -> float:
        x = truth.get(k)
        return x if isinstance(x, (int, float)) else 0

    errs: list[str] = []
    rows = [r.key for r in t3_rows(template)]
    results = [r for r in rows if r not in T3_RESULT_EXCLUDE]
    for c in T3_COLS:
        if v(f"t3.new.{c}") + v(f"t3.carried_in.{c}") != v(f"t3.total.{c}") + v(f"t3.carried_forward.{c}"):
            errs.append(f"t3 {c}: 一+二 != (七)总计+四")
        if v(f"t3.total.{c}") != sum(v(f"t3.{r}.{c}") for r in results):
            errs.append(f"t3 {c}: (七)总计 != sum of results")
    for r in rows:
        if v(f"t3.{r}.total") != sum(v(f"t3.{r}.{c}") for c in T3_APPLICANT_COLS):
            errs.append(f"t3 {r}: 总计 != sum of applicants")
    for g in T4_GROUPS:
        if v(f"t4.{g}.total") != sum(v(f"t4.{g}.{c}") for c in T4_COLS[:4]):
            errs.append(f"t4 {g}: 总计 != 维持+纠正+其他+尚未审结")
    return errs


# --------------------------------------------------------------------------- document model


@dataclass
class _Label:
    text: str
    span: int = 1
    own: bool = False


@dataclass
class _Cell:
    key: str
    raw: str
    value: float | int | None
    span: int = 1


@dataclass
class _Row:
    rid: str
    labels: list[_Label]
    cells: list[_Cell] = field(default_factory=list)
    fill: bool = True  # write the colspan filler / row-end marker
    merge: int | None = None  # tab: cells[merge] and cells[merge+1] written in one field "N M"
    deleted: bool = False
    noise: list[tuple] = field(default_factory=list)  # (family, kind, detail, target)


@dataclass
class _Table:
    tid: str
    rows: list[_Row]
    width: int = 0  # pipe/cells_pipe: cells per row incl. fillers; tab: fields per line (0 = no padding)
    lead_blank: int = 0  # blank lines before the first row


@dataclass
class _Block:
    bid: int
    kind: str  # nav title period prose subhead heading table tail
    lines: list[str] = field(default_factory=list)
    section: int | None = None
    numeral: str = ""  # heading: "二、"
    title: str = ""  # heading: "主动公开政府信息情况"
    glued: bool = False
    deleted: bool = False
    numeral_dropped: bool = False
    table: _Table | None = None
    tag: str = ""  # "narrative_apps"
    blank_after: int = 0
    noise: list[tuple] = field(default_factory=list)  # (line index, family, kind, detail)


@dataclass
class _Doc:
    layout: str
    template: str
    year: int
    style: str
    agency: str
    blocks: list[_Block]
    defects: list[tuple] = field(default_factory=list)  # (family, kind, detail, target)
    next_bid: int = 0
    info: dict = field(default_factory=dict)

    def block(self, kind: str, **kw) -> _Block:
        b = _Block(self.next_bid, kind, **kw)
        self.next_bid += 1
        return b


# --------------------------------------------------------------------------- text helpers

_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";"})
_FULL = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；"})


def _style(text: str, style: str) -> str:
    return text.translate(_HALF) if style == "half" else text.translate(_FULL)


def _is_digitish(ch: str) -> bool:
    return ch.isdigit() or ch in ".%"


def _insert_at_safe(text: str, r: random.Random, ins: str, lo: int = 1) -> tuple[str, int]:
    """Insert ins at a position not touching a digit; returns (text, position)."""
    cands = [i for i in range(max(lo, 1), len(text)) if not _is_digitish(text[i - 1]) and not _is_digitish(text[i])]
    if not cands:
        cands = [len(text)]
    i = r.choice(cands)
    return text[:i] + ins + text[i:], i


_NUMPREFIX = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七][）)]|\d+[.．、])")


_HEADER_SPLITS = {
    "商业企业": ["商业 企业"],
    "科研机构": ["科研 机构"],
    "社会公益组织": ["社会 公益 组织", "社会公益 组织", "社会 公益组织"],
    "法律服务机构": ["法律服 务机构", "法律 服务机构", "法律服务 机构"],
    "其他": ["其他"],
    "自然人": ["自然 人"],
}


def _space_in(text: str, r: random.Random) -> str:
    """A PDF-wrap space inside a label: 商业 企业, （三）不予 公开."""
    if text in _HEADER_SPLITS:
        return r.choice(_HEADER_SPLITS[text])
    m = _NUMPREFIX.match(text)
    lo = (m.end() if m else 0) + 1
    cands = [
        i
        for i in range(lo, len(text) - 0)
        if i < len(text) and "\u4e00" <= text[i - 1] <= "\u9fff" and "\u4e00" <= text[i] <= "\u9fff"
    ]
    if not cands:
        return text
    i = r.choice(cands)
    return text[:i] + " " + text[i:]


_NEAR_MISS = {
    "规章": "规范",
    "行政强制": "行政强治",
    "行政处罚": "行政处法",
    "政府集中采购": "政府集中釆购",
    "行政事业性收费": "行政事业性收废",
    "2.重复申请": "2.重复甲请",
    "1.属于国家秘密": "1.属于国家秘蜜",
    "4.保护第三方合法权益": "4.保护第三方合法权溢",
    "1.信访举报投诉类申请": "1.信访举报投拆类申请",
    "3.要求提供公开出版物": "3.要求提供公开出版勿",
    "1.本机关不掌握相关政府信息": "1.本机关不掌提相关政府信息",
    "行政规范性文件": "行政规范住文件",
    "其他对外管理服务事项": "其他对外管理服务事顶",
    "7.属于行政执法案卷": "7.属于行政执法案券",
    "（七）总计": "（七）总汁",
}

_GIBBERISH = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"


def _garble(text: str, r: random.Random) -> str:
    """Misspell a label beyond a near-miss: most of its characters replaced."""
    m = _NUMPREFIX.match(text)
    head, body = (text[: m.end()], text[m.end() :]) if m else ("", text)
    idx = [i for i, ch in enumerate(body) if "\u4e00" <= ch <= "\u9fff"]
    n = max(2, (len(idx) * 2 + 2) // 3)
    chosen = set(r.sample(idx, min(n, len(idx))))
    out = [r.choice(_GIBBERISH) if i in chosen else ch for i, ch in enumerate(body)]
    res = head + "".join(out)
    return res if res != text else head + "甲乙" + body


# --------------------------------------------------------------------------- content: names, prose

_PLACE1 = "清永安平兴宁丰长新东西南华泰嘉瑞昌盛桂青云河江湖松柏林岳山川溪石金玉凤龙鹤桃梅兰竹洛汉临望"
_PLACE2 = "阳安平江山河水城州宁兴丰源川陵台溪岭泉谷湾浦坪川沙"
_DEPTS = [
    ("人民政府办公室", "我办"),
    ("发展和改革局", "我局"),
    ("教育局", "我局"),
    ("民政局", "我局"),
    ("司法局", "我局"),
    ("财政局", "我局"),
    ("人力资源和社会保障局", "我局"),
    ("自然资源局", "我局"),
    ("住房和城乡建设局", "我局"),
    ("交通运输局", "我局"),
    ("水利局", "我局"),
    ("农业农村局", "我局"),
    ("商务局", "我局"),
    ("文化广电和旅游局", "我局"),
    ("卫生健康委员会", "我委"),
    ("应急管理局", "我局"),
    ("审计局", "我局"),
    ("市场监督管理局", "我局"),
    ("行政审批服务局", "我局"),
    ("医疗保障局", "我局"),
    ("城市管理局", "我局"),
    ("统计局", "我局"),
    ("林业局", "我局"),
    ("退役军人事务局", "我局"),
    ("政务服务管理局", "我局"),
]
_PROVINCES = [
    ("湖南", "湘"),
    ("福建", "闽"),
    ("江苏", "苏"),
    ("浙江", "浙"),
    ("广东", "粤"),
    ("四川", "川"),
    ("河南", "豫"),
    ("山东", "鲁"),
    ("湖北", "鄂"),
    ("安徽", "皖"),
    ("江西", "赣"),
    ("云南", "滇"),
    ("辽宁", "辽"),
    ("河北", "冀"),
    ("贵州", "黔"),
    ("陕西", "陕"),
]


def _place(r: random.Random) -> str:
    return r.choice(_PLACE1) + r.choice(_PLACE2)


def _agency(r: random.Random) -> tuple[str, str, str]:
    """(full name, self-reference, short region name)"""
    kind = r.random()
    county = _place(r) + r.choice("县县县市区")
    if kind < 0.15:
        town = _place(r) + r.choice(["镇", "镇", "乡", "街道"])
        suffix = "办事处" if town.endswith("街道") else "人民政府"
        return f"{county}{town}{suffix}", ("我街道" if suffix == "办事处" else "我" + town[-1]), county
    if kind < 0.3:
        return f"{county}人民政府", "我" + county[-1], county
    if r.random() < 0.3:
        county = _place(r) + "市" + _place(r) + "区"
    dept, me = r.choice(_DEPTS)
    return f"{county}{dept}", me, county


def _n(r: random.Random, lo: int, hi: int) -> int:
    return r.randint(lo, hi)


def _fill(tpl: str, r: random.Random, ctx: dict) -> str:
    out = re.sub(r"\{n:(\d+)-(\d+)\}", lambda m: str(_n(r, int(m.group(1)), int(m.group(2)))), tpl)
    return out.format(**ctx)


_INTRO = [
    "{Y}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级关于政务公开工作的决策部署，坚持以公开为常态、不公开为例外，不断提升政务公开质量和实效。",
    "{Y}年，{me}严格按照《条例》要求，围绕中心工作，以群众需求为导向，全面推进决策、执行、管理、服务、结果公开，政府信息公开工作取得了较好成效。",
    "{Y}年，在上级政务公开主管部门的指导下，{me}紧紧围绕年度政务公开工作要点，进一步完善工作机制，拓宽公开渠道，政府信息公开工作走上了经常化、制度化、规范化的轨道。",
    "{Y}年，{agency}根据《条例》的规定，全面推进政务公开工作，在落实政务公开制度化和规范化方面做了大量工作，为各项工作健康、稳定、持续发展发挥了重要作用。",
    "{Y}年，{me}以“透明、高效、规范、便捷”为目标，进一步优化服务流程、改善服务方式、拓宽公开平台，政务公开意识进一步增强，公开内容进一步全面。",
]

_TOPICS = [
    (
        ["主动公开情况", "主动公开政府信息情况", "主动公开方面"],
        [
            "全年通过政府门户网站主动公开政府信息{n:40-3000}条，其中政策文件{n:3-60}件，工作动态{n:20-800}条。",
            "围绕重点领域信息公开，及时公开财政预决算、公共资源配置、重大建设项目等信息，主动回应社会关切。",
            "严格落实政策文件与解读材料同步组织、同步审签、同步部署，全年发布政策解读{n:2-60}篇。",
            "通过政务新媒体发布各类信息{n:30-2000}条，进一步扩大了政府信息的传播范围。",
            "动态调整主动公开基本目录，确保公开内容全面、准确、及时。",
            "持续做好“双随机、一公开”监管信息、行政许可和行政处罚信息的公开工作。",
            "对照主动公开基本目录，逐项梳理机构职能、领导分工、内设机构等基础信息，确保信息准确完整。",
            "主动公开规范性文件{n:1-30}件，并同步在规范性文件库中集中发布。",
            "聚焦稳就业、保民生、优化营商环境等群众关心的事项，加大信息发布和解读力度。",
        ],
    ),
    (
        ["依申请公开情况", "依申请公开政府信息情况", "依申请公开方面"],
        [
            "进一步规范依申请公开受理、审查、办理、答复、归档等工作流程，确保依法按时答复。",
            "严格执行依申请公开工作制度，对每件申请做到有登记、有审核、有答复、有归档。",
            "认真研判申请内容，加强与申请人的沟通，提高答复质量，减少因答复不规范引发的复议诉讼。",
            "答复文书格式统一、依据充分、告知权利救济途径，答复质量进一步提升。",
            "结合典型案例开展业务交流，提升依申请公开办理人员的法治意识和业务能力。",
        ],
    ),
    (
        ["政府信息管理", "政府信息管理情况", "政府信息管理方面"],
        [
            "严格落实信息发布“三审三校”制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
            "按照“谁公开、谁审查，谁审查、谁负责”的要求，严格做好信息发布前的保密审查。",
            "及时更新《政府信息公开指南》和政府信息公开目录，方便公众查询获取。",
            "开展已公开政府信息清理工作，对过时失效信息进行集中清理，清理过期信息{n:10-800}条。",
            "建立健全政府信息公开属性源头认定机制，在公文办理环节明确公开属性。",
        ],
    ),
    (
        ["政府信息公开平台建设", "平台建设情况", "信息公开平台建设方面"],
        [
            "以政府门户网站为第一平台，优化政府信息公开专栏设置，提升栏目内容的规范性和实用性。",
            "加强政务新媒体管理，落实信息发布审核制度，确保发布内容准确规范。",
            "在政务服务大厅设置政府信息公开查阅点，配备查阅设备，方便群众现场查阅。",
            "全年开展网站日常巡查{n:12-365}次，及时整改错别字、空白栏目等问题。",
            "完善网站智能搜索和互动交流功能，提高信息获取的便捷性。",
        ],
    ),
    (
        ["监督保障", "监督保障情况", "监督保障方面"],
        [
            "成立以主要负责人为组长的政务公开工作领导小组，明确分管领导和具体工作人员，形成一级抓一级、层层抓落实的工作格局。",
            "将政务公开工作纳入年度绩效考核，定期通报工作开展情况，推动各项任务落到实处。",
            "组织开展政务公开业务培训{n:1-12}次，参训人员{n:10-400}人次，有效提升了工作人员的业务水平。",
            "自觉接受社会监督，畅通意见反馈渠道，及时回应群众关切。",
            "本年度未发生因政府信息公开工作引发的责任追究情况。",
        ],
    ),
]

_NARRATIVE_APPS = [
    "{Y}年，{me}共收到政府信息公开申请{N}件。",
    "全年共收到政府信息公开申请{N}件，均在法定期限内予以答复。",
    "本年度共受理政府信息公开申请{N}件。",
    "全年共受理公民、法人和其他组织提出的政府信息公开申请{N}件。",
]

_PROBLEMS = [
    "一是政务公开工作人员业务能力有待进一步提升；二是政策解读形式还不够丰富，解读质量有待提高；三是主动公开的深度和广度还需进一步拓展。",
    "{me}政府信息公开工作虽取得了一定成效，但与公众的需求和上级的要求相比还存在一定差距，主要表现在：公开内容不够全面，信息更新不够及时，政策解读的针对性还不够强。",
    "政务公开广度、深度有待加强，部分栏目信息更新不及时，公开内容与群众需求还有差距。",
    "工作人员对政府信息公开工作不够熟悉，依法公开、主动公开意识还需进一步加强，信息发布的及时性有待提高。",
]
_IMPROVE = [
    "{Y1}年，{me}将进一步加强组织领导，完善工作机制，持续加强业务培训，推动政府信息公开工作规范化、常态化。",
    "下一步，我们将严格落实政务公开工作要点，加大重点领域信息公开力度，丰富政策解读形式，提高信息公开质量。",
    "针对上述问题，{me}将采取以下措施加以改进：一是加强业务培训，提升工作人员素质；二是强化审核把关，确保公开信息准确规范；三是拓宽公开渠道，增强公开实效。",
    "进一步健全依申请公开工作机制，加强与申请人的沟通，不断提高答复质量。",
    "加强政府门户网站和政务新媒体的日常监管，及时更新栏目内容，确保信息发布准确、及时、规范。",
]
_OTHER_2019 = ["无。", "无其他需要报告的事项。", "本机关无其他需要报告的事项。", "本年度未收取政府信息公开处理费。"]
_OTHER_2021 = [
    "本年度未收取信息处理费。",
    "{Y}年，{me}未收取信息处理费。",
    "无。",
    "依据《政府信息公开信息处理费管理办法》，本年度{me}未发出收费通知，未收取信息处理费。",
    "{Y}年，{me}共收取信息处理费{n:100-2000}元。",
]

_HEADINGS = {
    1: ["总体情况", "总体情况", "政府信息公开总体情况"],
    2: ["主动公开政府信息情况", "主动公开政府信息情况", "主动公开政府信息的情况"],
    3: ["收到和处理政府信息公开申请情况"],
    4: ["政府信息公开行政复议、行政诉讼情况"],
    5: [
        "存在的主要问题及改进情况",
        "存在的主要问题及改进情况",
        "存在问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
    ],
    6: ["其他需要报告的事项"],
}
_NUMERALS = "一二三四五六"


# --------------------------------------------------------------------------- values


def _loguni(r: random.Random, lo: int, hi: int) -> int:
    import math

    return round(math.exp(r.uniform(math.log(lo), math.log(hi))))


def _gen_values(r: random.Random, template: str, t2: random.Random | None = None) -> dict[str, tuple[Any, str]]:
    """key -> (value, raw as written); all relations hold.

    ``t2``: draw the 2019 format's table 二 from the distributions of real reports (see
    :func:`_real_t2_2019`) with this generator; None keeps the independent random values
    (the hard case for a crawler dump: no fact of real reports helps to split a run).
    """
    vals: dict[str, tuple[Any, str]] = {}

    def put(k: str, v: Any, raw: str | None = None) -> None:
        vals[k] = (v, str(v) if raw is None else raw)

    # ---- table 二
    if template == "2019":
        for rk, big in (("regulations", False), ("normative_docs", True)):
            made = r.randint(0, 60) if big else (0 if r.random() < 0.5 else r.randint(1, 4))
            pub = made if r.random() < 0.6 else r.randint(0, made)
            tot = pub + (r.randint(0, 400) if big else r.randint(0, 12))
            put(f"t2.{rk}.made", made), put(f"t2.{rk}.published", pub), put(f"t2.{rk}.total", tot)
        for rk, hi in (("licensing", 999999), ("other_services", 90000), ("penalties", 20000), ("coercion", 800)):
            prev = 0 if r.random() < 0.1 else _loguni(r, 1, hi)
            ch = r.choice([0, r.randint(-max(1, prev // 5), max(1, prev // 3))])
            dec = 0 if r.random() < 0.1 else _loguni(r, 1, hi)
            put(f"t2.{rk}.prev", prev)
            put(f"t2.{rk}.change", ch, _fmt_change(r, ch))
            put(f"t2.{rk}.decisions", dec)
        prev = r.randint(0, 40)
        ch = r.choice([0, 0, r.randint(-5, 5)])
        put("t2.fees.prev", prev), put("t2.fees.change", ch, _fmt_change(r, ch))
        cnt = 0 if r.random() < 0.15 else r.randint(1, 60)
        put("t2.procurement.count", cnt)
        if cnt == 0:
            put("t2.procurement.amount", 0)
        else:
            st = r.random()
            if st < 0.35:
                raw = (
                    f"{_loguni(r, 10, 90000)}万" if r.random() < 0.7 else f"{_loguni(r, 10, 9000)}.{r.randint(1, 9)}万"
                )
            elif st < 0.7:
                raw = f"{_loguni(r, 20000, 90000000)}.{r.randint(1, 9)}" + (
                    str(r.randint(1, 9)) if r.random() < 0.5 else ""
                )
            else:
                raw = str(_loguni(r, 20000, 90000000))
            put("t2.procurement.amount", value_of(raw), raw)
    else:
        for rk, big in (("regulations", False), ("normative_docs", True)):
            iss = r.randint(0, 80) if big else (0 if r.random() < 0.6 else r.randint(1, 3))
            rep = r.randint(0, 150) if big else (0 if r.random() < 0.7 else r.randint(1, 2))
            inf = (r.randint(0, 600) if big else r.randint(0, 30)) + iss
            put(f"t2.{rk}.issued", iss), put(f"t2.{rk}.repealed", rep), put(f"t2.{rk}.in_force", inf)
        for rk, hi in (("licensing", 999999), ("penalties", 700000), ("coercion", 3000)):
            put(f"t2.{rk}.decisions", 0 if r.random() < 0.1 else _loguni(r, 1, hi))
        st = r.random()
        if st < 0.15:
            raw = "0"
        elif st < 0.3:
            raw = str(_loguni(r, 1, 9000))
        else:
            nd = r.randint(1, 6)
            raw = f"{_loguni(r, 1, 9000)}.{''.join(str(r.randint(0, 9)) for _ in range(nd - 1))}{r.randint(1, 9)}"
        put("t2.fees.amount", value_of(raw), raw)

    if template == "2019" and t2 is not None:
        # drawn after the random values, from a generator of its own: the other tables stay as they were
        for k, v in _real_t2_2019(t2).items():
            vals[k] = v

    # ---- table 三
    rows = [x.key for x in t3_rows(template)]
    results = [x for x in rows if x not in T3_RESULT_EXCLUDE]
    w = {
        "granted": 30,
        "partial": 9,
        "withheld.state_secret": 0.3,
        "withheld.prohibited_by_law": 0.6,
        "withheld.three_securities": 0.6,
        "withheld.third_party": 2,
        "withheld.internal_affairs": 2,
        "withheld.process_info": 2,
        "withheld.enforcement_files": 1,
        "withheld.query_matters": 2,
        "unavailable.not_held": 18,
        "unavailable.needs_creation": 3,
        "unavailable.unclear": 2,
        "unprocessed.petition": 4,
        "unprocessed.duplicate": 3,
        "unprocessed.publication": 0.6,
        "unprocessed.bulk_repeat": 0.6,
        "unprocessed.confirmation": 1.5,
        "other": 5,
        "other.no_correction": 3,
        "other.fee_unpaid": 0.6,
        "other.other": 4,
    }
    scale = r.choices(["small", "medium", "large"], [0.3, 0.5, 0.2])[0]
    nat = {"small": 9, "medium": 30, "large": 160}[scale] * r.uniform(0.6, 1.5)
    base = {
        "natural": nat,
        "commercial": nat * r.uniform(0.1, 0.4),
        "research": nat * r.uniform(0.02, 0.1),
        "social_welfare": nat * r.uniform(0.02, 0.1),
        "legal_service": nat * r.uniform(0.05, 0.2),
        "other_org": nat * r.uniform(0.03, 0.15),
    }
    table: dict[tuple[str, str], int] = {}
    for c in T3_APPLICANT_COLS:
        for x in results:
            mean = base[c] * w[x] / 30 * r.uniform(0.4, 1.6)
            p_nz = 0.04 + 0.92 * mean / (mean + 0.4)
            table[(x, c)] = 0 if r.random() > p_nz else max(1, round(mean * r.uniform(0.5, 1.5)))
        processed = sum(table[(x, c)] for x in results)
        cfw = 0 if r.random() < 0.35 else r.randint(1, max(1, processed // 6 + 1))
        cin = 0 if r.random() < 0.35 else r.randint(1, max(1, (processed + cfw) // 5 + 1))
        cin = min(cin, processed + cfw)
        table[("total", c)] = processed
        table[("carried_forward", c)] = cfw
        table[("carried_in", c)] = cin
        table[("new", c)] = processed + cfw - cin
    for x in rows:
        table[(x, "total")] = sum(table[(x, c)] for c in T3_APPLICANT_COLS)
        for c in T3_COLS:
            put(f"t3.{x}.{c}", table[(x, c)])

    # ---- table 四
    quiet = r.random() < 0.25
    for g in T4_GROUPS:
        parts = [0 if (quiet or r.random() < 0.45) else r.randint(1, hi) for hi in (6, 3, 3, 4)]
        for c, v in zip(T4_COLS[:4], parts, strict=False):
            put(f"t4.{g}.{c}", v)
        put(f"t4.{g}.total", sum(parts))
    return vals


def _real_t2_2019(r: random.Random) -> dict[str, tuple[Any, str]]:
    """The 2019 format's table 二 as real reports fill it (the model of nianbao.readings.log_prior).

    Seen in published reports (seeds 001/004, 武汉市生态环境局 2020, 上海市人民政府办公厅 2019,
    咸宁高新区 2020): 本年增/减 is 0 in most rows and else mostly no larger than 上一年项目数量
    (11246 | 增4747 | 1251, 71 | 增3 | 58, 8 | 5 | 93, 117 | 0 | 165; once 15 | 增69 | 84); a decrease
    never exceeds it; 本年新公开数量 = 本年新制作数量 in most rows and ≤ 对外公开总数量 always
    (13 | 13 | 524, 41 | 22 | 22, 2 | 2 | 19); a procurement project costs some thousand to some
    million 元 (6 projects 251000元, 19 projects 14241119.2, 170 projects 2736740元).
    """
    out: dict[str, tuple[Any, str]] = {}

    def put(k: str, v: Any, raw: str | None = None) -> None:
        out[k] = (v, str(v) if raw is None else raw)

    def change(prev: int) -> int:
        if r.random() < 0.5:
            return 0
        if r.random() < 0.85:
            size = _loguni(r, 1, max(1, prev))
            return -size if prev and r.random() < 0.3 else size
        return _loguni(r, prev + 1, 10 * (prev + 1))

    for rk, big in (("regulations", False), ("normative_docs", True)):
        made = _loguni(r, 1, 60) if big and r.random() < 0.8 else (0 if r.random() < 0.5 else r.randint(1, 4))
        st = r.random()
        pub = made if st < 0.6 or made == 0 else r.randint(0, made - 1) if st < 0.9 else made + r.randint(1, 5)
        extra = 0 if r.random() < 0.15 else _loguni(r, 1, 400 if big else 12)
        put(f"t2.{rk}.made", made), put(f"t2.{rk}.published", pub), put(f"t2.{rk}.total", pub + extra)
    for rk, hi in (("licensing", 999999), ("other_services", 90000), ("penalties", 20000), ("coercion", 800)):
        prev = 0 if r.random() < 0.15 else _loguni(r, 1, hi)
        ch = change(prev)
        put(f"t2.{rk}.prev", prev)
        put(f"t2.{rk}.change", ch, _fmt_change(r, ch))
        dec = prev + ch if prev + ch > 0 and r.random() < 0.1 else 0 if r.random() < 0.15 else _loguni(r, 1, hi)
        put(f"t2.{rk}.decisions", dec)  # (a tenth: last year's decisions as 上一年, 咸宁高新区 2020)
    prev = 0 if r.random() < 0.3 else _loguni(r, 1, 40)
    ch = change(prev)
    put("t2.fees.prev", prev), put("t2.fees.change", ch, _fmt_change(r, ch))
    cnt = 0 if r.random() < 0.15 else _loguni(r, 1, 200)
    put("t2.procurement.count", cnt)
    if cnt == 0:
        put("t2.procurement.amount", 0)
        return out
    amount = cnt * _loguni(r, 1_000, 5_000_000)
    st = r.random()
    if st < 0.3 and amount >= 10_000:
        raw = f"{amount // 10_000}万" if r.random() < 0.7 else f"{amount // 10_000}.{r.randint(1, 9)}万"
    elif st < 0.65:
        raw = f"{amount}.{r.randint(1, 9)}" + (str(r.randint(1, 9)) if r.random() < 0.5 else "")
    else:
        raw = str(amount)
    put("t2.procurement.amount", value_of(raw), raw)
    return out


def _fmt_change(r: random.Random, v: int) -> str:
    if v > 0:
        return r.choice([f"增{v}", f"增{v}", str(v)])
    if v < 0:
        return r.choice([f"减{-v}", f"减{-v}", str(v)])
    return "0"


# --------------------------------------------------------------------------- tables per layout

_WIDTHS = {  # (t2, t3, t4) row width in cells (pipe, cells_pipe) or fields (tab)
    "pipe": (5, 10, 15),
    "pipe_broken": (5, 10, 15),
    "cells_pipe": (4, 10, 15),
    "tab": (11, 10, 15),
}
_JIGOU = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_T3_HEAD3 = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
_T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


class _Ctx:
    def __init__(self, layout: str, template: str, style: str, vals: dict, r: random.Random, noise: bool):
        self.layout, self.template, self.style, self.vals, self.r, self.noise = layout, template, style, vals, r, noise
        self.web = layout.startswith("web_")
        self.info_truncate = False
        self.near_budget = 1  # at most one near-miss label per report

    def p(self, text: str) -> str:
        """Styled label, sometimes (noise) in the other bracket width."""
        st = self.style
        if self.noise and self.r.random() < 0.08:
            st = "full" if st == "half" else "half"
        return _style(text, st)

    def cell(self, key: str, span: int = 1) -> _Cell:
        v, raw = self.vals[key]
        return _Cell(key, raw, v, span)


def _own_label(
    ctx: _Ctx, row: _Row, text: str, garbage_p: float = 0.0, space_p: float = 0.0, near_p: float = 0.0, span: int = 1
) -> _Label:
    r = ctx.r
    t = ctx.p(text)
    idx = len(row.labels)
    if ctx.noise:
        canon = _style(text, "full")
        if near_p and ctx.near_budget and canon in _NEAR_MISS and r.random() < near_p:
            ctx.near_budget -= 1
            t = _style(_NEAR_MISS[canon], ctx.style)
            row.noise.append(("T", "label-near-miss", f"{t} for {ctx.p(text)}", ("label", idx)))
        elif space_p and r.random() < space_p:
            t = _space_in(t, r)
        if garbage_p and r.random() < garbage_p:
            m = _NUMPREFIX.match(t)
            t, _ = _insert_at_safe(t, r, r.choice(GARBAGE), lo=(m.end() if m else 0) + 1)
            row.noise.append(("N", "garbage-char", f"garbage character in row label {t}", ("label", idx)))
    return _Label(t, span, own=True)


def _t2_head_text(ctx: _Ctx, h: str, wrap_ok: bool) -> str:
    r = ctx.r
    if h in ("本年新制作数量", "本年新公开数量"):
        lay = ctx.layout
        if lay in ("pipe", "pipe_broken"):
            return "本年新" if ctx.info_truncate else h
        if lay in ("tab", "cells_pipe"):
            return h[:3] + " " + h[3:] if (ctx.noise and r.random() < 0.8) else h
        if lay == "cells_tab" and wrap_ok:
            return h[:3] + "\n" + h[3:]
    if ctx.noise and ctx.layout in ("cells_tab",) and wrap_ok and len(h) >= 6 and h != "信息内容":
        cut = r.randint(3, len(h) - 2)
        return h[:cut] + "\n" + h[cut:]
    return ctx.p(h)


def _build_t2(ctx: _Ctx) -> _Table:
    r, lay = ctx.r, ctx.layout
    spec = _T2_2019 if ctx.template == "2019" else _T2_2021
    rows: list[_Row] = []
    ctx.info_truncate = ctx.noise and r.random() < 0.5
    wrap = ctx.noise and r.random() < 0.6
    garb = 0.12 if (ctx.noise and lay == "pipe") else 0.0
    for item, heads, datarows, cols in spec:
        rows.append(_Row(f"t2.item{item}", [_Label(ctx.p(f"第二十条第{item}项"), span=4)]))
        hl: list[_Label] = []
        for j, h in enumerate(heads):
            t = _t2_head_text(ctx, h, wrap)
            if garb and j and r.random() < garb:
                t, _ = _insert_at_safe(t, r, r.choice(GARBAGE), lo=2)
            span = 1
            if j == len(heads) - 1 and len(heads) == 2:
                span = 3
            elif j == len(heads) - 1 and len(heads) == 3:
                span = 2
            hl.append(_Label(t, span))
        hrow = _Row(f"t2.head{item}", hl)
        if garb:
            for j, lab in enumerate(hl):
                if any(g in lab.text for g in GARBAGE):
                    hrow.noise.append(("N", "garbage-char", f"garbage character in header {lab.text}", ("label", j)))
        rows.append(hrow)
        for rk, lab in datarows:
            row = _Row(f"t2.{rk}", [])
            row.labels.append(_own_label(ctx, row, lab, garbage_p=garb, near_p=0.05))
            span = {1: 3, 2: 2}.get(len(cols), 1)
            for j, c in enumerate(cols):
                row.cells.append(ctx.cell(f"t2.{rk}.{c}", span if j == len(cols) - 1 else 1))
            rows.append(row)
    t = _Table("t2", rows, _WIDTHS.get(lay, (0, 0, 0))[0])
    if ctx.noise and lay == "tab":
        data = [x for x in rows if x.cells]
        if r.random() < 0.5:  # two numbers in one cell: "0 0"
            cand = [x for x in data if len(x.cells) >= 2]
            row = r.choice(cand)
            i = r.randrange(len(row.cells) - 1)
            row.merge = i
            row.noise.append(
                (
                    "T",
                    "merged-numbers",
                    f"two numbers in one field: {row.cells[i].raw} {row.cells[i + 1].raw}",
                    ("cell", row.cells[i].key),
                )
            )
        if r.random() < 0.4:  # a value lost, its field kept
            cand = [(x, c) for x in data for c in x.cells if c.value == 0 and x.merge is None]
            if cand:
                row, c = r.choice(cand)
                c.raw, c.value = "", None
                row.noise.append(("T", "missing-value", f"{c.key} empty", ("cell", c.key)))
    if ctx.noise and lay == "cells_pipe" and r.random() < 0.6:
        rows[-1].fill = False
    return t


def _t3_header_rows(ctx: _Ctx) -> list[_Row]:
    r, lay, p = ctx.r, ctx.layout, ctx.p

    def sp(s):
        return _space_in(s, r) if (ctx.noise and r.random() < 0.35) else s

    h3 = [p(x) for x in _T3_HEAD3]
    if lay in ("pipe", "pipe_broken", "cells_pipe"):
        if lay == "cells_pipe":
            h3 = [sp(x) for x in h3]
        return [
            _Row("t3.h1", [_Label(p(_JIGOU)), _Label("申请人情况")]),
            _Row("t3.h2", [_Label("自然人"), _Label("法人或其他组织"), _Label("总计")]),
            _Row("t3.h3", [_Label(x) for x in h3]),
        ]
    if lay == "tab":
        if ctx.noise and r.random() < 0.7:
            j = p(_JIGOU)
            cut = j.index("第二项") + 3
            f1 = [j[:cut], "", "申请人情况"] + [""] * 7
            f2 = ["", "", "自", "法人或其他组织"] + [""] * 6
            f3 = [j[cut:], "", "", "· 然 人"] + [_space_in(x, r) if r.random() < 0.6 else x for x in h3] + ["总计"]
            return [
                _Row("t3.h1", [_Label(x) for x in f1]),
                _Row("t3.h2", [_Label(x) for x in f2]),
                _Row("t3.h3", [_Label(x) for x in f3]),
            ]
        f1 = [p(_JIGOU), "", "", "申请人情况"] + [""] * 6
        f2 = ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]
        f3 = ["", "", "", "", *h3, ""]
        return [_Row(f"t3.h{i + 1}", [_Label(x) for x in f]) for i, f in enumerate((f1, f2, f3))]
    if lay == "cells_tab":
        return [
            _Row("t3.h1", [_Label(p(_JIGOU)), _Label("申请人情况")]),
            _Row("t3.h2", [_Label(""), _Label("自然人"), _Label("法人或其他组织"), _Label("总计")]),
            _Row("t3.h3", [_Label(""), _Label("")] + [_Label(x) for x in h3] + [_Label("")]),
        ]
    # web
    return [
        _Row("t3.h1", [_Label(p(_JIGOU), 3), _Label("申请人情况", 7)]),
        _Row("t3.h2", [_Label("自然人"), _Label("法人或其他组织", 5), _Label("总计")]),
        _Row("t3.h3", [_Label(sp(x)) for x in h3]),
    ]


def _build_t3(ctx: _Ctx) -> _Table:
    r, lay, p, noise = ctx.r, ctx.layout, ctx.p, ctx.noise
    specs = t3_rows(ctx.template)
    rows = _t3_header_rows(ctx)
    head_n = len(rows)
    garb = 0.12 if (noise and lay == "pipe") else 0.0
    near = 0.03 if noise else 0.0
    sub_space = 0.5 if (noise and lay in ("cells_pipe", "tab")) else (0.1 if noise else 0.0)
    own_space = 0.12 if (noise and lay in ("cells_pipe", "tab")) else (0.03 if noise else 0.0)
    for s in specs:
        row = _Row(f"t3.{s.key}", [])
        G = _Label(p(_G)) if s.first_in_group else _Label("")
        S = (
            _Label(_space_in(p(s.sub), r) if (s.sub and noise and r.random() < sub_space) else p(s.sub or ""))
            if s.first_in_sub
            else _Label("")
        )
        if lay == "tab":
            if s.level == 1:
                row.labels.append(_own_label(ctx, row, s.own))
                row.labels += [_Label(""), _Label("")]
            elif s.level == 2:
                row.labels = [G]
                row.labels.append(_own_label(ctx, row, s.own, space_p=own_space, near_p=near))
                row.labels.append(_Label(""))
            else:
                row.labels = [G, S]
                row.labels.append(_own_label(ctx, row, s.own, space_p=own_space, near_p=near))
        elif lay == "cells_tab":
            if s.level >= 2:
                row.labels.append(G)
            if s.level == 3:
                row.labels.append(S)
            row.labels.append(_own_label(ctx, row, s.own, near_p=near))
        else:
            if s.level >= 2 and s.first_in_group:
                row.labels.append(_Label(G.text, 1))
            if s.level == 3 and s.first_in_sub:
                row.labels.append(S)
            span = {1: 3, 2: 2, 3: 1}[s.level] if ctx.web else 1
            row.labels.append(_own_label(ctx, row, s.own, garbage_p=garb, space_p=own_space, near_p=near, span=span))
        row.cells = [ctx.cell(f"t3.{s.key}.{c}") for c in T3_COLS]
        rows.append(row)
    t = _Table("t3", rows, _WIDTHS.get(lay, (0, 0, 0))[1])
    data = rows[head_n:]
    if noise:
        _t3_noise(ctx, t, data, specs)
    return t


def _t3_noise(ctx: _Ctx, t: _Table, data: list[_Row], specs: list[_T3Row]) -> None:
    r, lay = ctx.r, ctx.layout

    def zero_cells(cols=T3_COLS) -> list[tuple[_Row, _Cell]]:
        return [(row, c) for row in data for c in row.cells if c.value == 0 and c.key.rsplit(".", 1)[1] in cols]

    if lay == "pipe_broken":
        p_blank = r.uniform(0.6, 0.95)
        for row, c in zero_cells():
            col = c.key.rsplit(".", 1)[1]
            if r.random() < (0.1 if col == "natural" else p_blank):
                c.raw, c.value = "", None
                row.noise.append(("T", "blank-cell", f"{c.key} blank", ("cell", c.key)))
    elif lay in ("cells_pipe", "web_cells", "web_marked") and r.random() < 0.35:
        cand = zero_cells(T3_COLS[1:6])
        for row, c in r.sample(cand, min(len(cand), r.randint(1, 2))):
            c.raw, c.value = "", None
            row.noise.append(("T", "blank-cell", f"{c.key} blank", ("cell", c.key)))

    if lay == "cells_pipe":
        for row in data:
            if r.random() < 0.12:
                row.fill = False
        if r.random() < 0.6:
            data[-1].fill = False
        if r.random() < 0.5:  # the merged label 三、本年度办理结果 repeated mid-table
            firsts = [
                row for s, row in zip(specs, data, strict=False) if s.first_in_sub and s.key.split(".")[0] != "withheld"
            ]
            row = r.choice(firsts)
            row.labels.insert(0, _Label(ctx.p(_G)))
            for i, n in enumerate(row.noise):
                if n[3][0] == "label":
                    row.noise[i] = (*n[:3], ("label", n[3][1] + 1))

    if lay == "tab":
        group = [row for s, row in zip(specs, data, strict=False) if s.level >= 2]
        # the merged 三、本年度办理结果 cell lands mid-block, often split in two fragments
        if r.random() < 0.75:
            group[0].labels[0] = _Label("")
            free = [i for i, row in enumerate(group) if not row.labels[0].text and 2 <= i < len(group) - 2]
            g = ctx.p(_G)
            if r.random() < 0.6 and len(free) >= 2:
                cut = r.randint(4, len(g) - 2)
                a = r.choice(free[: len(free) // 2])
                b = r.choice([i for i in free if i > a + 1] or [free[-1]])
                tail = g[cut:]
                if r.random() < 0.5 and len(tail) >= 2:
                    tail = tail[:-1] + " " + tail[-1]
                group[a].labels[0] = _Label(g[:cut])
                group[b].labels[0] = _Label(tail)
            else:
                group[len(group) // 2].labels[0] = _Label(g)
        # level-3 labels lost; sub-group labels moved to the middle of their block, sometimes split
        lose = r.random() < 0.6
        subs: dict[str, list[_Row]] = {}
        for s, row in zip(specs, data, strict=False):
            if s.level == 3:
                subs.setdefault(s.sub or "", []).append(row)
                if lose and r.random() < 0.85:
                    row.labels[2] = _Label("")
                    row.noise.append(("T", "lost-label", f"row label of t3.{s.key} lost", ("row",)))
        for _sub, members in subs.items():
            if r.random() < 0.5:
                lab = members[0].labels[1]
                members[0].labels[1] = _Label("")
                mid = len(members) // 2
                m = _NUMPREFIX.match(lab.text)
                if m and r.random() < 0.4 and mid + 1 < len(members):
                    members[mid].labels[1] = _Label(m.group(0))
                    rest = lab.text[m.end() :]
                    members[mid + 1].labels[1] = _Label(_space_in(rest, r) if len(rest) > 2 else rest)
                else:
                    members[mid].labels[1] = lab
        # a level-2 label shifted to the first column: "(一) 予以公开"
        for s, row in zip(specs, data, strict=False):
            if s.level == 2 and not row.labels[0].text and r.random() < 0.3:
                txt = row.labels[1].text
                m = _NUMPREFIX.match(txt)
                if m and r.random() < 0.6:
                    txt = txt[: m.end()] + " " + txt[m.end() :]
                row.labels[0], row.labels[1] = _Label(txt, own=True), _Label("")
                row.noise = [(*n[:3], ("label", 0)) if n[3] == ("label", 1) else n for n in row.noise]
        # a stray character from the page
        if r.random() < 0.35:
            cand = [row for row in data if not row.labels[0].text]
            if cand:
                row = r.choice(cand)
                row.labels[0] = _Label(r.choice("朱丨丶亻木"))
                row.noise.append(("N", "stray-char", f"stray character {row.labels[0].text}", ("label", 0)))
        # an extra number in the last label column
        if r.random() < 0.5:
            cand = [row for row in data if not row.labels[2].text]
            for row in r.sample(cand, min(len(cand), r.randint(1, 3))):
                row.labels[2] = _Label(str(r.choice([0, 0, 0, 1, 2])))
                row.noise.append(
                    ("T", "extra-value", f"extra value {row.labels[2].text} before the values", ("label", 2))
                )
        # one value too few (field kept); at most one per row, never on a row with an extra value
        if r.random() < 0.5:
            cand = [(row, c) for row, c in zero_cells() if not row.labels[2].text.isdigit()]
            picked: list[tuple[_Row, _Cell]] = []
            for row, c in r.sample(cand, len(cand)):
                if len(picked) < r.randint(1, 2) and all(row is not p for p, _ in picked):
                    picked.append((row, c))
            for row, c in picked:
                c.raw, c.value = "", None
                row.noise.append(("T", "missing-value", f"{c.key} empty", ("cell", c.key)))
        # two numbers in one field
        if r.random() < 0.25:
            row = r.choice(data)
            i = r.randrange(6)
            if row.cells[i].raw and row.cells[i + 1].raw:
                row.merge = i
                row.noise.append(
                    (
                        "T",
                        "merged-numbers",
                        f"two numbers in one field: {row.cells[i].raw} {row.cells[i + 1].raw}",
                        ("cell", row.cells[i].key),
                    )
                )

    if lay == "cells_tab":
        for row in data:
            for _j, lab in enumerate(row.labels):
                if lab.own and len(lab.text) >= 9 and r.random() < 0.15:
                    cut = r.randint(4, len(lab.text) - 3)
                    lab.text = lab.text[:cut] + "\n" + lab.text[cut:]
    if lay == "pipe" and r.random() < 0.5:
        data[-1].fill = False


def _build_t4(ctx: _Ctx) -> _Table:
    r, lay, noise = ctx.r, ctx.layout, ctx.noise
    res = list(_T4_RESULTS)
    spaced = [x[:2] + " " + x[2:] if x != "总计" else x for x in res]
    rows: list[_Row]
    L = lambda xs: [_Label(x) for x in xs]  # noqa: E731
    if lay in ("pipe", "pipe_broken"):
        rows = [
            _Row("t4.h1", L(["行政复议", "行政诉讼"])),
            _Row("t4.h2", L([*res, "未经复议直接起诉", "复议后起诉"])),
            _Row("t4.h3", L(res + res)),
        ]
    elif lay == "cells_pipe":
        rows = [
            _Row("t4.h1", L(["行政复议", "行政诉讼"])),
            _Row("t4.h2", L(["未经复议直接起诉", "复议后起诉"])),
            _Row("t4.h3", L(res * 3)),
        ]
    elif lay == "tab":
        if noise and r.random() < 0.7:
            rows = [
                _Row("t4.h1", L(["行政复议", "", "", "", "行政诉讼"] + [""] * 10)),
                _Row(
                    "t4.h2",
                    L([x[0] for x in res[:4]] + ["", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]),
                ),
                _Row("t4.h3", L([x[1:] for x in res[:4]] + ["总计"] + res + res)),
            ]
        else:
            rows = [
                _Row("t4.h1", L(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9)),
                _Row("t4.h2", L([*res, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""])),
                _Row("t4.h3", L([""] * 5 + res + res)),
            ]
    elif lay == "cells_tab":
        rows = [
            _Row("t4.h1", L(["行政复议", "行政诉讼"])),
            _Row("t4.h2", L([*res, "未经复议直接起诉", "复议后起诉"])),
            _Row("t4.h3", L([""] * 5 + res + res)),
        ]
    else:
        sp = noise and r.random() < 0.6
        h2 = spaced if sp else res
        if sp:
            h2 = [res[0], *h2[1:]]
        rows = [
            _Row("t4.h1", [_Label("行政复议", 5), _Label("行政诉讼", 10)]),
            _Row("t4.h2", [*L(h2), _Label("未经复议直接起诉", 5), _Label("复议后起诉", 5)]),
            _Row("t4.h3", L((spaced if sp else res) * 2)),
        ]
    vrow = _Row("t4.values", [], [ctx.cell(f"t4.{g}.{c}") for g in T4_GROUPS for c in T4_COLS])
    rows.append(vrow)
    return _Table("t4", rows, _WIDTHS.get(lay, (0, 0, 0))[2])


# --------------------------------------------------------------------------- building the document


def _paragraphs_for_topic(r: random.Random, pool: list[str], k: int, ctx: dict) -> str:
    return "".join(_fill(s, r, ctx) for s in r.sample(pool, min(k, len(pool))))


def _web_chrome(
    r: random.Random, prov: tuple[str, str], region: str, title: str, source: str, year: int
) -> tuple[list[str], list[str], list[str]]:
    pname, pabbr = prov
    top = [
        "国务院 省政府 省人大 省政协",
        "移动版",
        f"{r.choice(['闽政通', '赣服通', '皖事通', '粤省事', '湘易办'])}APP",
        "登录 注册",
        "网站支持IPV6",
        "首页",
        "政务公开",
        "解读回应",
        "办事服务",
        "互动交流",
        f"走进{region}",
        "政府信息公开 领导之窗 政府机构 要闻 政府会议 最新文件 政策文件库 公示公告 规划信息 人事信息 统计信息 数据开放 专题专栏",
        f"{region}政策解读 新闻发布会 回应关切",
        "历史搜索：",
        "热门搜索：",
        "长者模式 无障碍浏览",
    ]
    top = [x for x in top if r.random() < 0.8]
    if r.random() < 0.5:
        top += ["当前位置：", "首页", "政务公开", "政府信息公开", "政府信息公开年报"]
    else:
        top += ["当前位置：首页 > 政务公开 > 政府信息公开 > 政府信息公开年报"]
    meta = [
        f"来源：{source} 时间：{year + 1}-0{r.randint(1, 3)}-{r.randint(10, 28)} {r.randint(8, 17):02d}:{r.randint(0, 59):02d}"
    ]
    meta += [x for x in ["微信 微博 QQ空间", "全真版", "文字版", "文件下载", "相关链接："] if r.random() < 0.7]
    foot = ["附件下载", "扫一扫在手机上查看当前页面", "关闭"]
    if r.random() < 0.5:
        foot += ["【打印本页】 【关闭窗口】"]
    foot += ["省市政府网站", f"{pname}省人民政府"] + [f"{_place(r)}市政府网站" for _ in range(r.randint(3, 8))]
    foot += ["友情链接", "人民网", "新华网", "中国新闻网", "央视国际", f"{region}网"]
    if r.random() < 0.6:
        foot += ["使用帮助 | 联系我们 | 隐私保护 | 新媒体矩阵 | 关于我们 |"]
    foot += [
        f"网站标识码：{r.randint(10**9, 10**10 - 1)} 公安备案号：{r.randint(10**13, 10**14 - 1)} {pabbr}ICP备{r.randint(10**7, 10**8 - 1)}号",
        f"版权所有：{region}人民政府网站",
        f"主办单位：{region}人民政府办公室",
    ]
    return top, meta, foot


def _build(
    seed: int, layout: str, template: str | None, noise: bool, year: int | None = None, t2: str = "real"
) -> _Doc:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; one of {LAYOUTS}")
    c = random.Random(seed)  # content: same for every layout
    r = random.Random(f"{seed}:{layout}:layout")  # layout and noise
    if template is None:
        template = c.choice(TEMPLATES)
    else:
        c.random()
    if template not in TEMPLATES:
        raise ValueError(f"template must be 2019 or 2021, not {template!r}")
    y = c.randint(2019, 2020) if template == "2019" else c.randint(2021, 2025)
    year = y if year is None else year
    agency, me, region = _agency(c)
    prov = c.choice(_PROVINCES)
    if t2 not in ("real", "random"):
        raise ValueError(f"t2 must be real or random, not {t2!r}")
    vals = _gen_values(c, template, random.Random(f"{seed}:t2") if t2 == "real" else None)
    style = "full" if layout in ("cells_tab",) or layout.startswith("web_") else r.choice(["half", "half", "full"])
    if layout in ("pipe", "pipe_broken", "tab", "cells_pipe") and r.random() < 0.25:
        style = "full"
    doc = _Doc(layout, template, year, style, agency, [])
    doc.info = {"seed": seed, "noise": noise, "t2": t2}
    B = doc.block
    tctx = {"Y": year, "Y1": year + 1, "me": me, "agency": agency}
    blanks = layout in ("tab", "cells_tab")
    para_gap = (lambda: 1) if blanks else (lambda: 0)
    sty = lambda s: _style(s, style)  # noqa: E731

    # ---- title, site chrome, preamble
    title_forms = [
        f"{agency}{year}年度政府信息公开工作年度报告",
        f"{agency}{year}年政府信息公开工作年度报告",
        f"{agency}{year}年度政府信息公开年度报告",
        f"{agency}{year}年政府信息公开年度报告",
    ]
    title = c.choice(title_forms)
    if layout == "tab" and r.random() < 0.6:
        title = title.replace(f"{year}年", f" {year} 年")
    foot: list[str] = []
    if layout.startswith("web_"):
        top, meta, foot = _web_chrome(
            r, prov, region, title, agency if r.random() < 0.5 else f"{region}人民政府办公室", year
        )
        doc.blocks.append(B("nav", lines=top))
        doc.blocks.append(B("title", lines=[title]))
        doc.blocks.append(B("nav", lines=meta))
    else:
        if layout == "pipe" and r.random() < 0.5:
            crumb = f"您当前的位置: 首页 > 政务 > 信息公开年报 > 政府信息公开年报 > {year}年"
            nb = B("nav", lines=[crumb])
            if noise:
                for _ in range(r.randint(1, 2)):
                    nb.lines[0], _i = _insert_at_safe(nb.lines[0], r, r.choice(GARBAGE), lo=3)
                nb.noise.append((0, "N", "garbage-char", "garbage characters in the breadcrumb"))
            doc.blocks.append(nb)
        tb = B("title", lines=[title], blank_after=para_gap())
        if layout == "pipe_broken" and r.random() < 0.5:
            tb.lines += ["政府信息公开工作年度报告", agency, sty(f"（{year}年度）")]
        doc.blocks.append(tb)
    pre = c.random()
    period = f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    fmt_doc = "（国办公开办函〔2021〕30号）" if template == "2021" else "（国办公开办函〔2019〕60号）"
    if pre < 0.7:
        opts = [
            f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。{period}本报告电子版可在{region}人民政府门户网站下载。如对本报告有疑问，请与{agency}办公室联系（联系电话：0{c.randint(700, 999)}-{c.randint(2000000, 8999999)}）。",
            f"根据《中华人民共和国政府信息公开条例》，特向社会公布{year}年度本单位政府信息公开工作年度报告。{period}",
            f"按照《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》{fmt_doc}要求，编制本报告。{period}如对本报告有任何疑问，请与{agency}联系。",
        ]
        doc.blocks.append(B("period", lines=[sty(c.choice(opts))], blank_after=para_gap()))
        doc.info["has_period"] = True
    elif pre < 0.85:
        doc.blocks.append(
            B(
                "prose",
                lines=[
                    sty(
                        f"按照《中华人民共和国政府信息公开条例》（国务院令第711号）要求，特编制{agency}{year}年度政府信息公开工作年度报告。"
                    )
                ],
                blank_after=para_gap(),
            )
        )

    def heading(n: int) -> _Block:
        t = c.choice(_HEADINGS[n])
        return B("heading", lines=[], section=n, numeral=_NUMERALS[n - 1] + "、", title=t, blank_after=para_gap())

    def prose(text: str, tag: str = "", bullet: str = "") -> _Block:
        return B("prose", lines=[bullet + sty(text)], tag=tag, blank_after=para_gap())

    # ---- section 一
    doc.blocks.append(heading(1))
    doc.blocks.append(prose(_fill(c.choice(_INTRO), c, tctx)))
    n_apps = vals["t3.new.total"][0]
    narrative = c.random() < 0.6
    topics = c.sample(_TOPICS, c.randint(2, 5)) if c.random() < 0.7 else []
    if not any(tp is _TOPICS[1] for tp in topics) and narrative:
        topics.insert(min(1, len(topics)), _TOPICS[1])
    topics.sort(key=lambda tp: _TOPICS.index(tp))
    numbering = r.choice(["sub", "sub", "num", "bullet"]) if layout == "tab" else r.choice(["sub", "sub", "num"])
    for i, (names, pool) in enumerate(topics):
        text = _paragraphs_for_topic(c, pool, c.randint(2, 4), tctx)
        tag = ""
        if pool is _TOPICS[1][1] and narrative:
            sent = _fill(c.choice(_NARRATIVE_APPS), c, dict(tctx, N=n_apps))
            text = sent + text if c.random() < 0.5 else text + sent
            tag = "narrative_apps"
        name = c.choice(names)
        if numbering == "sub":
            doc.blocks.append(B("subhead", lines=[sty(f"（{'一二三四五'[i]}）{name}")], blank_after=para_gap()))
            doc.blocks.append(prose(text, tag))
        elif numbering == "num":
            doc.blocks.append(prose(f"{i + 1}、{name}。{text}", tag))
        else:
            doc.blocks.append(
                prose(
                    f"{'一二三四五'[i]}是{name[:-2] if name.endswith('方面') else name}。{text}",
                    tag,
                    bullet="- " if r.random() < 0.7 else "",
                )
            )
    if not topics and narrative:
        doc.blocks.append(prose(_fill(c.choice(_NARRATIVE_APPS), c, dict(tctx, N=n_apps)), "narrative_apps"))

    ctx = _Ctx(layout, template, style, vals, r, noise)
    for n, builder in ((2, _build_t2), (3, _build_t3), (4, _build_t4)):
        h = heading(n)
        if layout == "cells_tab" and r.random() < 0.4:
            h.blank_after = 0
        doc.blocks.append(h)
        doc.blocks.append(B("table", table=builder(ctx), blank_after=1 if blanks else 0))

    # ---- section 五, 六
    doc.blocks.append(heading(5))
    if c.random() < 0.4:
        doc.blocks.append(B("subhead", lines=[sty("（一）存在的主要问题")], blank_after=para_gap()))
        doc.blocks.append(prose(_fill(c.choice(_PROBLEMS), c, tctx)))
        doc.blocks.append(B("subhead", lines=[sty("（二）改进情况")], blank_after=para_gap()))
        for s in c.sample(_IMPROVE, c.randint(1, 2)):
            doc.blocks.append(prose(_fill(s, c, tctx)))
    else:
        doc.blocks.append(prose(_fill(c.choice(_PROBLEMS), c, tctx) + _fill(c.choice(_IMPROVE), c, tctx)))
    h6 = heading(6)
    other = _fill(c.choice(_OTHER_2019 if template == "2019" else _OTHER_2021), c, tctx)
    if other == "无。" and c.random() < 0.5:
        h6.title += sty("：无")
        doc.blocks.append(h6)
    else:
        doc.blocks.append(h6)
        doc.blocks.append(prose(other))
    if not layout.startswith("web_") and c.random() < 0.5:
        trail = "      " if layout == "cells_tab" else ""
        doc.blocks.append(
            B("tail", lines=[agency + trail, f"{year + 1}年{c.randint(1, 3)}月{c.randint(1, 28)}日" + trail])
        )
    if foot:
        doc.blocks.append(B("tail", lines=foot))

    # ---- prose noise: page-break splits (tab), hard wraps (pipe), garbage characters (pipe)
    if noise:
        for b in doc.blocks:
            if b.kind != "prose" or b.tag or len(b.lines[0]) < 60:
                continue
            if layout in ("tab", "pipe") and r.random() < (0.3 if layout == "tab" else 0.12):
                txt = b.lines[0]
                cands = [
                    i for i in range(20, len(txt) - 10) if not _is_digitish(txt[i - 1]) and not _is_digitish(txt[i])
                ]
                if cands:
                    i = r.choice(cands)
                    b.lines = [txt[:i], "", txt[i:]] if layout == "tab" else [txt[:i], txt[i:]]
        if layout == "pipe":
            for b in doc.blocks:
                if b.kind != "prose" or b.tag:
                    continue
                for li, txt in enumerate(b.lines):
                    if txt and r.random() < 0.5:
                        for _ in range(r.randint(1, 3)):
                            txt, _i = _insert_at_safe(
                                txt, r, r.choice(GARBAGE) + ("" if r.random() < 0.8 else " "), lo=2
                            )
                        b.lines[li] = txt
                        b.noise.append((li, "N", "garbage-char", "garbage characters in prose"))
        if layout == "cells_tab":
            for b in doc.blocks:
                if b.kind == "prose" and r.random() < 0.2:
                    b.lines[-1] += " "
    return doc


# --------------------------------------------------------------------------- rendering


@dataclass
class _Out:
    text: str
    cells: list[tuple[str, int]] = field(default_factory=list)  # (key, col0)
    labels: list[tuple[str, int, int]] = field(default_factory=list)  # (rid, label index, col0)
    rid: str | None = None
    owners: list[tuple[int, int | None]] = field(default_factory=list)  # (block id, line index in block)


def _assemble(pieces: list[tuple[str, Any]], strip: bool = False) -> list[tuple[str, list[tuple[Any, int]]]]:
    lines, marks = [""], [[]]
    for text, tag in pieces:
        if tag is not None:
            marks[-1].append((tag, len(lines[-1])))
        parts = text.split("\n")
        lines[-1] += parts[0]
        for part in parts[1:]:
            lines.append(part)
            marks.append([])
    out = []
    for t, m in zip(lines, marks, strict=False):
        if strip:
            lead = len(t) - len(t.lstrip(" "))
            t2 = t.strip(" ")
            m = [(tag, max(0, min(len(t2), col - lead))) for tag, col in m]
            t = t2
        out.append((t, m))
    return out


def _row_tokens(row: _Row, blank: str) -> list[tuple[str, int, Any]]:
    toks = [(lab.text, lab.span, ("label", i)) for i, lab in enumerate(row.labels)]
    toks += [(c.raw if c.raw else blank, c.span, ("cell", c.key)) for c in row.cells]
    return toks


def _render_row(layout: str, table: _Table, row: _Row, first: bool) -> list[tuple[str, list]]:
    if layout in ("pipe", "pipe_broken"):
        toks = _row_tokens(row, "\n" if layout == "pipe_broken" else "")
        pieces: list[tuple[str, Any]] = []
        for j, (text, _span, tag) in enumerate(toks):
            if j:
                pieces.append((" | ", None))
            pieces.append((text, tag))
        pieces.append((" |", None))
        if row.fill and table.width > len(toks):
            pieces.append((" " + "|" * (table.width - len(toks)), None))
        return _assemble(pieces, strip=True)
    if layout == "tab":
        fields: list[list[tuple[str, Any]]] = [[(lab.text, ("label", i))] for i, lab in enumerate(row.labels)]
        cells = row.cells
        i = 0
        while i < len(cells):
            c = cells[i]
            if row.merge == i and i + 1 < len(cells):
                fields.append([(c.raw, ("cell", c.key)), (" ", None), (cells[i + 1].raw, ("cell", cells[i + 1].key))])
                i += 2
            else:
                fields.append([(c.raw, ("cell", c.key))])
                i += 1
        if table.tid != "t3" and table.width > len(fields):
            fields += [[("", None)]] * (table.width - len(fields))
        pieces = []
        for j, f in enumerate(fields):
            if j:
                pieces.append(("\t", None))
            pieces.extend(f)
        return _assemble(pieces)
    if layout == "cells_pipe":
        out = []
        toks = _row_tokens(row, "")
        for text, _span, tag in toks:
            out += _assemble([(text, tag), (" |" if text else "|", None)])
        if row.fill and table.width > len(toks):
            out.append(("|" * (table.width - len(toks)), []))
        return out
    if layout == "cells_tab":
        out = []
        for text, _span, tag in _row_tokens(row, ""):
            out += _assemble([("\t", None), (text, tag)])
        out.append(("", []))
        return out
    if layout == "web_rows":
        pieces = []
        for j, (text, span, tag) in enumerate(_row_tokens(row, "")):
            if j:
                pieces.append((" ", None))
            pieces.append((text, tag))
            pieces.append((" |" + (" " + "|" * (span - 1) if span > 1 else ""), None))
        return _assemble(pieces, strip=True)
    if layout == "web_cells":
        out = []
        for text, span, tag in _row_tokens(row, ""):
            out += _assemble([(text, tag), (" |", None)], strip=True)
            if span > 1:
                out.append(("|" * (span - 1), []))
        return out
    if layout == "web_marked":
        out = [("|", [])]
        for text, span, tag in _row_tokens(row, ""):
            out += _assemble([(text, tag), (" |" + (" " + "|" * (span - 1) if span > 1 else ""), None)], strip=True)
        return out
    raise ValueError(layout)


@dataclass
class _Rendered:
    out: list[_Out]
    anchors: dict[tuple, int]  # positions of deleted things: the line now in their place


def _render(doc: _Doc) -> _Rendered:
    out: list[_Out] = []
    anchors: dict[tuple, int] = {}
    for b in doc.blocks:
        if b.kind == "heading":
            if b.deleted:
                anchors[("heading", b.section)] = len(out) + 1
                continue
            text = ("" if b.numeral_dropped else b.numeral) + b.title
            if b.glued:
                while out and not out[-1].text.strip():
                    out.pop()
                out[-1].text = out[-1].text.rstrip("。 ") + text
                out[-1].owners.append((b.bid, 0))
            else:
                out.append(_Out(text, owners=[(b.bid, 0)]))
        elif b.kind == "table":
            t = b.table
            out += [_Out("") for _ in range(t.lead_blank)]
            first = True
            for row in t.rows:
                if row.deleted:
                    anchors[("row", row.rid)] = len(out) + 1
                    continue
                for text, marks in _render_row(doc.layout, t, row, first):
                    o = _Out(text, rid=row.rid, owners=[(b.bid, None)])
                    for tag, col in marks:
                        if tag[0] == "cell":
                            o.cells.append((tag[1], col))
                        else:
                            o.labels.append((row.rid, tag[1], col))
                    out.append(o)
                first = False
        else:
            for i, line in enumerate(b.lines):
                out.append(_Out(line, owners=[(b.bid, i)]))
        out += [_Out("") for _ in range(b.blank_after)]
    # drop trailing blank lines
    while out and not out[-1].text:
        out.pop()
    return _Rendered(out, anchors)


def _resolve(doc: _Doc, rend: _Rendered, target: tuple) -> int:
    kind = target[0]
    out = rend.out
    if kind == "cell":
        for n, o in enumerate(out, 1):
            if any(k == target[1] for k, _ in o.cells):
                return n
        return _resolve(doc, rend, ("row", target[1].rsplit(".", 1)[0]))  # its row was deleted later
    elif kind == "label":  # ("label", rid, index)
        for n, o in enumerate(out, 1):
            if any(rid == target[1] and i == target[2] for rid, i, _ in o.labels):
                return n
        return _resolve(doc, rend, ("row", target[1]))
    elif kind == "row":
        if ("row", target[1]) in rend.anchors:
            return rend.anchors[("row", target[1])]
        for n, o in enumerate(out, 1):
            if o.rid == target[1]:
                return n
    elif kind == "heading":
        if ("heading", target[1]) in rend.anchors:
            return rend.anchors[("heading", target[1])]
        for b in doc.blocks:
            if b.kind == "heading" and b.section == target[1]:
                return _resolve(doc, rend, ("block", b.bid, 0))
    elif kind == "block":
        for n, o in enumerate(out, 1):
            if (target[1], target[2]) in o.owners or (target[1], None) in o.owners:
                return n
    elif kind == "table":  # first line of the table's first row with text (not a "|" row opener)
        for n, o in enumerate(out, 1):
            if o.rid and o.rid.startswith(target[1] + ".") and o.text.strip("| \t"):
                return n
    elif kind == "line":
        return target[1]
    raise KeyError(f"cannot resolve {target}")


def _finish(doc: _Doc) -> Synthetic:
    rend = _render(doc)
    text = "\n".join(o.text for o in rend.out) + "\n"
    truth: dict[str, Any] = {}
    raw: dict[str, str] = {}
    for b in doc.blocks:
        if b.kind == "table":
            for row in b.table.rows:
                if row.deleted:
                    continue
                for cl in row.cells:
                    truth[cl.key], raw[cl.key] = cl.value, cl.raw
    cell_lines: dict[str, int] = {}
    cell_cols: dict[str, int] = {}
    for n, o in enumerate(rend.out, 1):
        for k, col in o.cells:
            cell_lines[k], cell_cols[k] = n, col + 1
    sections = []
    for b in doc.blocks:
        if b.kind == "heading" and not b.deleted:
            sections.append((b.section, _resolve(doc, rend, ("block", b.bid, 0))))
    sections.sort(key=lambda s: s[1])
    noise_log: list[Defect] = []
    for b in doc.blocks:
        for li, fam, kind, detail in b.noise:
            noise_log.append(Defect(fam, kind, _resolve(doc, rend, ("block", b.bid, li)), detail))
        if b.kind == "table":
            for row in b.table.rows:
                if row.deleted:
                    continue
                for fam, kind, detail, tg in row.noise:
                    if tg[0] == "label":
                        tg = ("label", row.rid, tg[1])
                    elif tg[0] == "row":
                        tg = ("row", row.rid)
                    noise_log.append(Defect(fam, kind, _resolve(doc, rend, tg), detail))
    noise_log.sort(key=lambda d: d.line)
    defects = [Defect(f, k, _resolve(doc, rend, tg), d) for f, k, d, tg in doc.defects]
    return Synthetic(
        text=text,
        truth=truth,
        template=doc.template,
        year=doc.year,
        layout=doc.layout,
        sections=sections,
        cell_lines=cell_lines,
        defects=defects,
        cell_columns=cell_cols,
        cell_raw=raw,
        noise_log=noise_log,
        seed=doc.info.get("seed", 0),
        noise=doc.info.get("noise", True),
        _doc=doc,
    )


# --------------------------------------------------------------------------- public API


def generate(seed: int, layout: str, template: str | None = None, noise: bool = True, t2: str = "real") -> Synthetic:
    """A clean report (no defect); noise=True adds the layout's real-world noise.

    ``t2``: ``"real"`` draws the 2019 format's table 二 as real reports fill it, ``"random"``
    as independent random numbers (the hard case for digits that ran together).
    """
    return _finish(_build(seed, layout, template, noise, t2=t2))


# Spaces a report may set its thousands apart with: a space, NBSP, a full-width (ideographic) space,
# a thin space and a narrow no-break space (GB/T 15835's 千分空).
THOUSANDS_SPACES = (" ", "\u00a0", "\u3000", "\u2009", "\u202f")
_COUNT_UNITS = ("件", "个", "项")


def spaced_thousands(report: Synthetic, seed: int, share: float = 0.6, big: bool = True) -> Synthetic:
    """The report with numbers of 1,000 or more written with their thousands set apart by a space.

    Each such cell (a ``share`` of them, drawn) gets a separator of :data:`THOUSANDS_SPACES`, and
    now and then a unit glued to the number (``1 234件``, count columns only). ``big``: first raise
    one applicant column of table 三 by thousands (一、本年新收, (一)予以公开 and (七)总计, their
    总计 too, so every relation still holds, and the narrative's count of applications with them),
    as a large city's report has, so that table 三 has such cells too. The truth is unchanged but
    for that raise; lines and columns are exact (re-rendered).
    """
    r = random.Random(f"spaced:{seed}:{report.seed}:{report.layout}")
    doc: _Doc = copy.deepcopy(report._doc)
    cells = {cl.key: cl for _row, cl in _data_cells(doc)}
    if big and "t3.new.natural" in cells:
        col = r.choice(("natural", "commercial", "other_org"))
        d = r.randint(1, 40) * 1000 + r.randint(0, 999)
        old_new = cells["t3.new.total"].value
        keys = [f"t3.{row}.{c}" for row in ("new", "granted", "total") for c in dict.fromkeys((col, "total"))]
        if all(k in cells and isinstance(cells[k].value, int) and cells[k].raw.isdigit() for k in keys):
            for k in keys:
                cells[k].value += d
                cells[k].raw = str(cells[k].value)
            for b in doc.blocks:
                if b.tag == "narrative_apps":
                    b.lines = [
                        re.sub(rf"(?<!\d){old_new}(?!\d)", str(cells["t3.new.total"].value), ln) for ln in b.lines
                    ]
    for _row, cl in _data_cells(doc):
        if not (isinstance(cl.value, int) and cl.value >= 1000 and cl.raw.isdigit()) or r.random() >= share:
            continue
        sep = r.choice(THOUSANDS_SPACES)
        unit = r.choice(_COUNT_UNITS) if r.random() < 0.15 and not cl.key.endswith(("amount",)) else ""
        cl.raw = f"{cl.value:,}".replace(",", sep) + unit
    return _finish(doc)


def _rows(doc: _Doc, tid: str | None = None) -> list[_Row]:
    return [
        row
        for b in doc.blocks
        if b.kind == "table" and (tid is None or b.table.tid == tid)
        for row in b.table.rows
        if not row.deleted
    ]


def _data_cells(doc: _Doc, prefix: str = "") -> list[tuple[_Row, _Cell]]:
    return [(row, cl) for row in _rows(doc) for cl in row.cells if cl.key.startswith(prefix)]


def _headings(doc: _Doc) -> list[_Block]:
    return [b for b in doc.blocks if b.kind == "heading" and not b.deleted]


def _prev_content(doc: _Doc, b: _Block) -> _Block | None:
    i = doc.blocks.index(b)
    return doc.blocks[i - 1] if i > 0 else None


def inject(report: Synthetic, family: str, seed: int) -> Synthetic:
    """A new report with one more defect of family S, T, A, N or X (the input is not changed)."""
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {FAMILIES}")
    if report._doc is None:
        raise ValueError("inject() needs a report made by generate() or inject()")
    r = random.Random(f"inject:{family}:{seed}:{report.seed}:{len(report.defects)}")
    doc: _Doc = copy.deepcopy(report._doc)
    before = _render(doc)
    fn = {"S": _inject_s, "T": _inject_t, "A": _inject_a, "N": _inject_n, "X": _inject_x}[family]
    doc = fn(doc, r, before, report)
    return _finish(doc)


def _inject_s(doc: _Doc, r: random.Random, before: _Rendered, report: Synthetic) -> _Doc:
    heads = _headings(doc)
    taken = {tg[1] for f, k, d, tg in doc.defects if tg[0] == "heading"}
    heads = [h for h in heads if h.section not in taken and not h.glued and not h.numeral_dropped] or heads
    kinds = ["heading-missing", "heading-unnumbered", "heading-glued", "sections-swapped"]
    glue_ok = [
        h
        for h in heads
        if (p := _prev_content(doc, h)) is not None
        and p.kind in ("prose", "period")
        and not p.tag
        and p.lines
        and p.lines[-1]
    ]
    if not glue_ok:
        kinds.remove("heading-glued")
    kind = r.choice(kinds)
    if kind == "heading-missing":
        h = r.choice(heads)
        h.deleted = True
        doc.defects.append(
            ("S", kind, f"section {h.section} heading {h.numeral}{h.title} deleted", ("heading", h.section))
        )
    elif kind == "heading-unnumbered":
        h = r.choice(heads)
        h.numeral_dropped = True
        doc.defects.append(
            ("S", kind, f"heading {h.numeral}{h.title} written without its numeral", ("heading", h.section))
        )
    elif kind == "heading-glued":
        h = r.choice(glue_ok)
        h.glued = True
        prev = _prev_content(doc, h)
        prev.blank_after = 0
        doc.defects.append(
            (
                "S",
                kind,
                f"heading {h.numeral}{h.title} glued to the end of the previous paragraph",
                ("heading", h.section),
            )
        )
    else:
        # swap two adjacent sections (heading and everything up to the next heading; the tail stays last)
        idx = [i for i, b in enumerate(doc.blocks) if b.kind == "heading" and not b.deleted]
        k = r.randrange(len(idx) - 1)
        a0, b0 = idx[k], idx[k + 1]
        end = (
            idx[k + 2]
            if k + 2 < len(idx)
            else next((i for i in range(b0, len(doc.blocks)) if doc.blocks[i].kind == "tail"), len(doc.blocks))
        )
        A, Bb = doc.blocks[a0:b0], doc.blocks[b0:end]
        if A[-1].blank_after == 0 and Bb[-1].blank_after > 0:
            A[-1].blank_after, Bb[-1].blank_after = Bb[-1].blank_after, 0
        doc.blocks[a0:end] = Bb + A
        sec = Bb[0].section
        doc.defects.append(("S", kind, f"section {sec} placed before section {A[0].section}", ("heading", sec)))
    return doc


def _inject_t(doc: _Doc, r: random.Random, before: _Rendered, report: Synthetic) -> _Doc:
    kind = r.choice(["label-unknown", "cell-blank", "cell-non-numeric", "row-missing"])
    touched = {tg[1] for f, k, d, tg in doc.defects if tg[0] in ("cell", "row", "label")}
    if kind == "label-unknown":
        cand = [
            (row, i, lab)
            for row in _rows(doc)
            for i, lab in enumerate(row.labels)
            if lab.own and lab.text.strip() and row.rid not in touched
        ]
        row, i, lab = r.choice(cand)
        old = lab.text
        lab.text = _garble(old.replace("\n", ""), r)
        doc.defects.append(
            (
                "T",
                kind,
                f"row label of {row.rid} misspelt beyond recognition: {lab.text} (was {old}); "
                "its cells keep their truth",
                ("label", row.rid, i),
            )
        )
    elif kind in ("cell-blank", "cell-non-numeric"):
        cand = [(row, cl) for row, cl in _data_cells(doc) if cl.raw and cl.key not in touched and row.merge is None]
        pref = [(row, cl) for row, cl in cand if cl.value and cl.key.startswith("t3.")]
        row, cl = r.choice(pref or cand)
        old = cl.raw
        if kind == "cell-blank":
            cl.raw, cl.value = "", None
            detail = f"{cl.key} left blank (was {old})"
        else:
            cl.raw, cl.value = r.choice(["无", "-", "—", "/"]), None
            detail = f"{cl.key} written {cl.raw} (was {old})"
        doc.defects.append(("T", kind, detail, ("cell", cl.key)))
    else:
        free = [
            row
            for row in _rows(doc)
            if row.cells and row.rid not in touched and not any(cl.key in touched for cl in row.cells)
        ]
        cand = [row for row in free if row.rid.startswith("t3.")]
        cand += [row for row in free if row.rid.startswith("t2.")][:2]
        row = r.choice(cand)
        row.deleted = True
        doc.defects.append(
            ("T", kind, f"table row {row.rid} deleted (its cells are absent from truth)", ("row", row.rid))
        )
    return doc


def _inject_a(doc: _Doc, r: random.Random, before: _Rendered, report: Synthetic) -> _Doc:
    touched = {tg[1] for f, k, d, tg in doc.defects if tg[0] == "cell"}
    cells = {
        cl.key: (row, cl)
        for row, cl in _data_cells(doc)
        if cl.raw and cl.value is not None and cl.key not in touched and re.fullmatch(r"\d+", cl.raw)
    }
    groups = [
        [k for k in cells if k.startswith("t3.total.")],
        [k for k in cells if k.startswith("t3.") and k.endswith(".total")],
        [k for k in cells if k.startswith("t4.") and k.endswith(".total")],
        [k for k in cells if k.startswith("t3.")],
        [k for k in cells if k.startswith("t4.")],
    ]
    groups = [g for g in groups if g]
    key = r.choice(r.choice(groups))
    _row, cl = cells[key]
    old = cl.value
    delta = r.choice([1, 1, 2, 3, 5, 10]) * (1 if (old == 0 or r.random() < 0.5) else -1)
    new = max(0, old + delta)
    if new == old:
        new = old + 1
    cl.value, cl.raw = new, str(new)
    doc.defects.append(("A", "sum-broken", f"{key} changed from {old} to {new}", ("cell", key)))
    return doc


def _inject_n(doc: _Doc, r: random.Random, before: _Rendered, report: Synthetic) -> _Doc:
    taken = {tg[1] for f, k, d, tg in doc.defects if tg[0] == "block"}
    cand = [
        (b, i)
        for b in doc.blocks
        if b.kind == "prose" and not b.noise and not b.tag and b.bid not in taken
        for i, ln in enumerate(b.lines)
        if len(ln) >= 20
    ]
    if not cand:  # every paragraph has noise: take a line of one without noise on that line
        cand = [
            (b, i)
            for b in doc.blocks
            if b.kind == "prose" and not b.tag
            for i, ln in enumerate(b.lines)
            if len(ln) >= 20 and i not in {x[0] for x in b.noise}
        ]
    b, i = r.choice(cand)
    line = b.lines[i]
    if r.random() < 0.6:
        k = r.randint(1, 3)
        chars = "".join(r.choice(GARBAGE) for _ in range(k))
        for ch in chars:
            line, _p = _insert_at_safe(line, r, ch, lo=2)
        kind, detail = "garbage-char", f"garbage characters {chars} inserted"
    else:
        open_b = "（" if doc.style == "full" else "("
        cands = [j for j in range(4, len(line) - 4) if "\u4e00" <= line[j] <= "\u9fff"]
        j = r.choice(cands)
        line = line[:j] + open_b + line[j:]
        kind, detail = "bracket-unbalanced", f"unbalanced {open_b} inserted"
    b.lines[i] = line
    doc.defects.append(("N", kind, detail, ("block", b.bid, i)))
    return doc


def _inject_x(doc: _Doc, r: random.Random, before: _Rendered, report: Synthetic) -> _Doc:
    kinds = ["title-year", "narrative-apps"]
    if not doc.defects:
        kinds.append("template-year")
    done = {k for f, k, d, tg in doc.defects if f == "X"}
    kinds = [k for k in kinds if k not in done] or kinds
    kind = r.choice(kinds)
    B = doc.block
    if kind == "template-year":
        y = r.randint(2021, 2025)
        nd = _build(doc.info["seed"], doc.layout, "2019", doc.info["noise"], year=y, t2=doc.info.get("t2", "real"))
        nd.defects.append(
            ("X", kind, f"2019-format tables in a {y} report (the 2021 format applies from 2021)", ("table", "t2"))
        )
        return nd
    if kind == "title-year":
        tb = next(b for b in doc.blocks if b.kind == "title")
        if not doc.info.get("has_period"):
            i = doc.blocks.index(tb)
            j = i + 1
            while j < len(doc.blocks) and doc.blocks[j].kind == "nav":
                j += 1
            pb = B(
                "period",
                lines=[
                    _style(f"本报告中所列数据的统计期限自{doc.year}年1月1日起至{doc.year}年12月31日止。", doc.style)
                ],
                blank_after=tb.blank_after,
            )
            doc.blocks.insert(j, pb)
            doc.info["has_period"] = True
        wrong = doc.year + r.choice([-1, 1, 1])
        t0 = tb.lines[0]
        tb.lines[0] = t0.replace(str(doc.year), str(wrong), 1)
        doc.defects.append(("X", kind, f"title says {wrong}, statistics period is {doc.year}", ("block", tb.bid, 0)))
        return doc
    # narrative application count contradicts table 三
    n_true = next((cl.value for _row, cl in _data_cells(doc, "t3.new.total")), None)
    n_true = n_true if isinstance(n_true, int) else 0
    wrong = max(0, n_true + r.choice([-3, -2, -1, 1, 2, 3, 5, 10]))
    if wrong == n_true:
        wrong = n_true + 1
    nb = next((b for b in doc.blocks if b.tag == "narrative_apps"), None)
    if nb is None:
        h1 = next((b for b in doc.blocks if b.kind == "heading" and b.section == 1), None)
        i = doc.blocks.index(h1) + 1 if h1 else 0
        while i < len(doc.blocks) and doc.blocks[i].kind not in ("prose",):
            i += 1
        nb = doc.blocks[i]
        nb.lines[-1] += _style(f"全年共收到政府信息公开申请{n_true}件。", doc.style)
        nb.tag = "narrative_apps"
    for li, ln in enumerate(nb.lines):
        m = re.search(r"申请(\d+)件", ln)
        if m:
            nb.lines[li] = ln[: m.start(1)] + str(wrong) + ln[m.end(1) :]
            doc.defects.append(
                (
                    "X",
                    kind,
                    f"narrative says {wrong} applications, table 三 一、本年新收 总计 is {n_true}",
                    ("block", nb.bid, li),
                )
            )
            return doc
    raise AssertionError("narrative sentence not found")


# --------------------------------------------------------------------------- serialisation and CLI


def to_json(report: Synthetic) -> dict:
    return {
        "template": report.template,
        "year": report.year,
        "layout": report.layout,
        "dialect": DIALECT_OF[report.layout],
        "seed": report.seed,
        "noise": report.noise,
        "sections": [list(s) for s in report.sections],
        "truth": report.truth,
        "cell_lines": report.cell_lines,
        "cell_columns": report.cell_columns,
        "cell_raw": report.cell_raw,
        "defects": [vars(d) for d in report.defects],
        "noise_log": [vars(d) for d in report.noise_log],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.synth.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--count", type=int, default=8)
    ap.add_argument("--layout", choices=LAYOUTS)
    ap.add_argument("--template", choices=TEMPLATES)
    ap.add_argument("--defects", action="store_true", help="inject one defect per report (families in turn)")
    ap.add_argument("--seed", type=int, default=0, help="first seed")
    ap.add_argument("--clean", action="store_true", help="no layout noise")
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    for i in range(a.count):
        seed = a.seed + i
        layout = a.layout or LAYOUTS[i % len(LAYOUTS)]
        rep = generate(seed, layout, a.template, noise=not a.clean)
        name = f"synth_{seed:04d}_{layout}_{rep.template}"
        if a.defects:
            fam = FAMILIES[i % len(FAMILIES)]
            rep = inject(rep, fam, seed)
            name += f"_{fam}"
        (a.out / f"{name}.txt").write_text(rep.text, encoding="utf-8")
        (a.out / f"{name}.json").write_text(json.dumps(to_json(rep), ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {a.count} reports to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
