"""User-facing messages: Chinese by default (the users are civil servants), English on request."""

from __future__ import annotations

import os

LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    "error.empty": ("文件为空", "the file is empty"),
    "error.binary": ("不是文本文件（可能是二进制文件）", "not a text file (binary data)"),
    "error.undecodable": ("无法识别文件的文字编码", "cannot determine the file's text encoding"),
    "error.unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "error.not_found": ("文件不存在", "no such file"),
    "error.dialect": ("未安装名为 {name} 的格式方言；可用：{available}", "no dialect named {name}; installed: {available}"),
    "error.internal": ("内部错误（请报告此问题）：{detail}", "internal error (please report it): {detail}"),
    "parse.year": ("统计年度", "year"),
    "parse.template": ("格式版本", "format version"),
    "parse.dialect": ("版式", "layout"),
    "parse.sections": ("章节", "sections"),
    "parse.none": ("（未识别）", "(not found)"),
    "parse.no_tables": ("未找到统计表格", "no statistics tables found"),
    "parse.template_name": ("{version}年版格式", "{version} format"),
    "table.t2": ("二、主动公开政府信息情况", "Table 2: proactive disclosure"),
    "table.t3": ("三、收到和处理政府信息公开申请情况", "Table 3: applications received and handled"),
    "table.t4": ("四、政府信息公开行政复议、行政诉讼情况", "Table 4: administrative review and litigation"),
    "table.row": ("项目", "row"),
    "dialects.title": ("已安装的格式方言", "Installed dialects"),
    "dialects.name": ("名称", "name"),
    "dialects.summary": ("说明", "description"),
    "dialects.source": ("来自", "from"),
}


def default_lang() -> str:
    lang = os.environ.get("NIANBAO_LANG", "zh").lower()[:2]
    return lang if lang in LANGS else "zh"


def msg(key: str, lang: str = "zh", **kwargs: object) -> str:
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**kwargs)
