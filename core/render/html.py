"""The ``html`` renderer: one self-contained page to send to a department or print.

The page holds a summary of every report (worst first), then for each report
its three tables laid out as the national format, with the cells of each
finding highlighted and the findings' messages beside their row, the findings
on the text with their snippet, and at the end what each rule that fired
checks and why. The CSS is inline; the page loads nothing and runs no script,
so it opens the same from a mail attachment, offline, on a phone or on paper.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import IO

from ..i18n import msg
from ..model import Report
from ..rules import Diagnostic, Severity
from ..source import Source
from ..template import Template
from . import LintRun

FAMILIES = ("S", "T", "A", "N", "X")
UTF8_BOM = b"\xef\xbb\xbf"
SNIPPET_LINES = 3
_DOCUMENT_SUFFIXES = (".docx", ".pdf", ".xlsx", ".html", ".htm")  # lines of text shown around a finding on the text

_WORDS = {
    "zh": {
        "title": "政府信息公开工作年度报告检查结果",
        "summary": "概览",
        "reports": "份报告",
        "errors": "错误",
        "warnings": "警告",
        "others": "提示",
        "report": "报告",
        "year": "年度",
        "agency": "发布机构",
        "template": "格式",
        "template_name": "{v}年版",
        "findings": "问题",
        "no_findings": "未发现错误或警告。",
        "text_findings": "正文中的问题",
        "table_findings": "表格中的问题",
        "rules": "规则说明",
        "checks": "检查内容",
        "why": "为何重要",
        "unreadable": "无法读取的文件",
        "row": "项目",
        "missing": "未找到",
        "blank": "空",
        "t2": "二、主动公开政府信息情况",
        "t3": "三、收到和处理政府信息公开申请情况",
        "t4": "四、政府信息公开行政复议、行政诉讼情况",
        "applicants": "申请人情况",
        "legal_persons": "法人或其他组织",
        "review": "行政复议",
        "litigation": "行政诉讼",
        "no_tables": "未识别出统计表。",
        "at": "第{line}行第{column}列",
        "same": "同上",
        "legend": "红色：错误；黄色：警告。单元格中的代码对应右侧说明。",
        "generated": "由 nianbao 生成",
        "family": {"S": "结构", "T": "表格", "A": "勾稽", "N": "文字", "X": "一致性"},
    },
    "en": {
        "title": "Annual report check results",
        "summary": "Summary",
        "reports": "reports",
        "errors": "errors",
        "warnings": "warnings",
        "others": "notes",
        "report": "Report",
        "year": "Year",
        "agency": "Agency",
        "template": "Format",
        "template_name": "{v} format",
        "findings": "Findings",
        "no_findings": "No error or warning found.",
        "text_findings": "Findings in the text",
        "table_findings": "Findings in the tables",
        "rules": "The rules",
        "checks": "What it checks",
        "why": "Why it matters",
        "unreadable": "Files that could not be read",
        "row": "Item",
        "missing": "not found",
        "blank": "blank",
        "t2": "2. Information disclosed proactively",
        "t3": "3. Applications received and handled",
        "t4": "4. Administrative reviews and lawsuits",
        "applicants": "Applicants",
        "legal_persons": "Legal persons and other organisations",
        "review": "Administrative review",
        "litigation": "Administrative litigation",
        "no_tables": "No statistics table was recognised.",
        "at": "line {line}, column {column}",
        "same": "the same",
        "legend": "Red: error; yellow: warning. The codes in a cell refer to the notes beside its row.",
        "generated": "made by nianbao",
        "family": {"S": "structure", "T": "tables", "A": "arithmetic", "N": "text", "X": "consistency"},
    },
}

CSS = """
:root{--err:#b3261e;--err-bg:#fde7e5;--warn:#8a5a00;--warn-bg:#fff4d6;--line:#c9ccd1;--muted:#5f6368}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0 auto;
max-width:1100px;padding:12px;color:#1f1f1f;line-height:1.5;font-size:15px}
h1{font-size:1.4em;margin:.3em 0}
h2{font-size:1.2em;margin:1.6em 0 .3em;border-bottom:2px solid #1f1f1f;overflow-wrap:anywhere}
h3{font-size:1.05em;margin:1.2em 0 .3em}
.meta{color:var(--muted);margin:.2em 0}
.wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.4em 0}
table{border-collapse:collapse;font-size:.92em}
th,td{border:1px solid var(--line);padding:3px 6px;vertical-align:top}
th{background:#f1f3f4;font-weight:600}.t2 th,.t3 th,.t4 th{min-width:4.5em}
.summary td:first-child{min-width:12em;max-width:24em;overflow-wrap:anywhere}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.label{min-width:9em}td.group{background:#f8f9fa;font-weight:600}.sub1{padding-left:1.2em}.sub2{padding-left:2.4em}
td.err{background:var(--err-bg);outline:2px solid var(--err);outline-offset:-2px}
td.warn{background:var(--warn-bg);outline:2px solid #d49a00;outline-offset:-2px}
td.notes{min-width:16em;font-size:.9em;border:none;padding-left:10px}
.code{display:inline-block;font:600 .78em ui-monospace,Menlo,Consolas,monospace;padding:0 3px;border-radius:3px;
color:#fff;background:var(--muted);margin-left:2px;white-space:nowrap}
.code.error{background:var(--err)}.code.warning{background:var(--warn)}
.sev-error{color:var(--err);font-weight:600}.sev-warning{color:var(--warn);font-weight:600}
ul.findings{padding-left:1.1em;margin:.3em 0}ul.findings li{margin:.25em 0}.same{color:var(--muted)}
.where{color:var(--muted);font-size:.9em;white-space:nowrap}
pre.snippet{background:#f8f9fa;border-left:3px solid var(--line);padding:4px 8px;margin:.2em 0 .6em;
white-space:pre-wrap;word-break:break-all;font:.85em/1.45 ui-monospace,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace}
pre.snippet mark{background:var(--err-bg);color:var(--err);outline:1px solid var(--err)}
pre.snippet mark.warning{background:var(--warn-bg);color:var(--warn);outline-color:#d49a00}
.summary td.zero{color:#aaa}.summary td.bad{color:var(--err);font-weight:600}
.rule dt{font-weight:600;margin-top:.8em}.rule dd{margin:0 0 0 1em}.rule p{margin:.2em 0}
footer{color:var(--muted);font-size:.85em;margin:2em 0 1em}
@media (max-width:600px){body{font-size:14px;padding:8px}td.label{min-width:7em}
td.notes{min-width:80vw}.summary td:first-child{min-width:9em}}
@media print{body{max-width:none;font-size:10.5pt;padding:0}.wrap{overflow:visible}
section.report{break-before:page}a{color:inherit;text-decoration:none}
td.err,td.warn{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.code{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}}
"""


@dataclass
class _Finding:
    d: Diagnostic
    number: int  # within its report, from 1
    line: int
    column: int
    keys: tuple[str, ...] = ()  # the template cells it is shown on
    anchor: str = ""


@dataclass
class _Page:
    path: str
    anchor: str
    report: Report | None
    findings: list[_Finding] = field(default_factory=list)

    def count(self, severity: Severity, family: str | None = None) -> int:
        return sum(
            1 for f in self.findings if f.d.severity is severity and (family is None or f.d.code.startswith(family))
        )


def write_html(run: LintRun, out: IO[str], reports: Mapping[str, Report] | None = None) -> None:
    """The page of ``run`` to ``out``; ``reports`` are the parsed reports (read again from the texts if absent)."""
    words = _WORDS["en" if run.lang == "en" else "zh"]
    pages = _pages(run, reports or {})
    pages.sort(key=lambda p: (-p.count(Severity.ERROR), -p.count(Severity.WARNING), p.path))
    w = out.write
    w(f'<!DOCTYPE html>\n<html lang="{"en" if run.lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n')
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    w(f"<title>{escape(words['title'])}</title>\n<style>{CSS}</style>\n</head>\n<body>\n")
    w(f"<h1>{escape(words['title'])}</h1>\n")
    errors = sum(p.count(Severity.ERROR) for p in pages)
    warnings = sum(p.count(Severity.WARNING) for p in pages)
    w(
        f'<p class="meta">{len(pages)} {words["reports"]} · '
        f'<span class="sev-error">{errors} {words["errors"]}</span> · '
        f'<span class="sev-warning">{warnings} {words["warnings"]}</span></p>\n'
    )
    _summary(w, pages, words)
    if run.errors:
        w(f"<h2>{escape(words['unreadable'])}</h2>\n<ul>")
        for path, message in run.errors:
            w(f"<li><b>{escape(path)}</b>: {escape(message)}</li>")
        w("</ul>\n")
    for page in pages:
        _report(w, page, run, words)
    _rules(w, pages, run, words)
    w(f"<footer>{escape(words['generated'])}</footer>\n</body>\n</html>\n")


def _pages(run: LintRun, reports: Mapping[str, Report]) -> list[_Page]:
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in run.texts}
    for d in run.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    pages = []
    for i, (path, diagnostics) in enumerate(by_path.items(), 1):
        report = reports.get(path) or _reparse(run, path)
        page = _Page(path, f"r{i}", report)
        shown = [d for d in diagnostics if d.severity in (Severity.ERROR, Severity.WARNING)] + [
            d for d in diagnostics if d.severity not in (Severity.ERROR, Severity.WARNING)
        ]
        shown.sort(key=lambda d: (d.span.start, d.code))
        for n, d in enumerate(shown, 1):
            line, column, _, _ = run.position(d)
            f = _Finding(d, n, line, column, _cells_of(d, report), f"{page.anchor}-f{n}")
            page.findings.append(f)
        pages.append(page)
    return pages


def _reparse(run: LintRun, path: str) -> Report | None:
    """The report of a linted text (the renderer gets texts; reading one again takes a few milliseconds).

    A document (HTML, Word, PDF) is read again from its file, since its tables come from the
    document's grid, not from the text; when that gives another text (the file changed) or the
    input was a text, the linted text itself is read.
    """
    text = run.texts.get(path)
    if text is None:
        return None
    from ..engine import parse

    try:
        if getattr(text, "document", None) is not None and os.path.isfile(path):
            report = parse(Source.from_path(path))
            if report.text.text == text.text:
                return report
        name = f"{path}.txt" if path.lower().endswith(_DOCUMENT_SUFFIXES) else path  # the text, not the document
        return parse(Source(name, UTF8_BOM + text.text.encode("utf-8")))
    except Exception:  # the page is still useful without the tables
        return None


def _cells_of(d: Diagnostic, report: Report | None) -> tuple[str, ...]:
    """The template cells a finding is about: its keys, else the cell its span lies in."""
    if report is None or report.template is None:
        return ()
    keys = tuple(k for k in d.keys if report.template.cell(k))
    if keys:
        return keys
    for cell in report.cells.values():
        if cell.span.start <= d.span.start < max(cell.span.end, cell.span.start + 1):
            return (cell.key,)
    return ()


def _summary(w, pages: list[_Page], words: dict) -> None:
    fam = words["family"]
    w(f"<h2>{escape(words['summary'])}</h2>\n")
    w('<div class="wrap"><table class="summary">\n<thead><tr>')
    w(f'<th rowspan="2">{escape(words["report"])}</th><th rowspan="2">{escape(words["year"])}</th>')
    w(f'<th rowspan="2">{escape(words["errors"])}</th><th rowspan="2">{escape(words["warnings"])}</th>')
    w("".join(f'<th colspan="2">{f} {escape(fam[f])}</th>' for f in FAMILIES))
    w("</tr><tr>")
    w("".join(f"<th>{escape(words['errors'])}</th><th>{escape(words['warnings'])}</th>" for _ in FAMILIES))
    w("</tr></thead>\n<tbody>\n")
    for p in pages:
        r = p.report
        name = escape(r.title) if r is not None and r.title else ""
        w(f'<tr><td><a href="#{p.anchor}">{escape(p.path)}</a>{"<br>" + name if name else ""}</td>')
        w(f'<td class="n">{r.year if r is not None and r.year else "—"}</td>')
        w(_count_td(p.count(Severity.ERROR), True) + _count_td(p.count(Severity.WARNING), False))
        for f in FAMILIES:
            w(_count_td(p.count(Severity.ERROR, f), True) + _count_td(p.count(Severity.WARNING, f), False))
        w("</tr>\n")
    w("</tbody></table></div>\n")


def _count_td(n: int, error: bool) -> str:
    cls = "n zero" if n == 0 else ("n bad" if error else "n")
    return f'<td class="{cls}">{n}</td>'


def _report(w, page: _Page, run: LintRun, words: dict) -> None:
    r = page.report
    w(f'<section class="report" id="{page.anchor}">\n<h2>{escape(page.path)}</h2>\n')
    if r is not None:
        facts = []
        if r.title:
            facts.append(escape(r.title))
        if r.agency:
            facts.append(f"{escape(words['agency'])}: {escape(r.agency)}")
        if r.year:
            facts.append(f"{escape(words['year'])}: {r.year}")
        if r.template:
            facts.append(f"{escape(words['template'])}: {escape(words['template_name'].format(v=r.template.version))}")
        if facts:
            w(f'<p class="meta">{" · ".join(facts)}</p>\n')
    errors, warnings = page.count(Severity.ERROR), page.count(Severity.WARNING)
    w(
        f'<p><span class="sev-error">{errors} {words["errors"]}</span> · '
        f'<span class="sev-warning">{warnings} {words["warnings"]}</span></p>\n'
    )
    on_cells = [f for f in page.findings if f.keys]
    on_text = [f for f in page.findings if not f.keys]
    if not page.findings:
        w(f"<p>{escape(words['no_findings'])}</p>\n")
    if on_text:
        w(f"<h3>{escape(words['text_findings'])}</h3>\n")
        for f in on_text:
            w('<div class="finding">')
            w(_finding_line(f, run, words, tag="p"))
            w(_snippet(f, run))
            w("</div>\n")
    if r is not None and r.template is not None:
        if on_cells:
            w(f'<p class="meta">{escape(words["legend"])}</p>\n')
        by_key: dict[str, list[_Finding]] = {}
        for f in on_cells:
            for k in f.keys:
                by_key.setdefault(k, []).append(f)
        _tables(w, r, r.template, by_key, run, words)
    elif r is not None:
        w(f"<p>{escape(words['no_tables'])}</p>\n")
    w("</section>\n")


def _finding_line(f: _Finding, run: LintRun, words: dict, tag: str = "li", short: str = "") -> str:
    """One finding: code, severity, place, message (``short``: "the same" and the column, below its twin)."""
    sev = f.d.severity.value
    where = words["at"].format(line=f.line, column=f.column)
    message = escape(f.d.message.get(run.lang)).replace("\n", "<br>")
    if short:
        message = f'<span class="same">{escape(words["same"])}</span>: {escape(short)}'
    return (
        f'<{tag} id="{f.anchor}" class="f" data-code="{f.d.code}" data-line="{f.line}" data-column="{f.column}">'
        f'<span class="code {sev}">{f.d.code}</span> '
        f'<span class="sev-{sev}">{_severity_word(f.d.severity, run)}</span> '
        f'<span class="where">{where}</span> {message}</{tag}>'
    )


def _severity_word(severity: Severity, run: LintRun) -> str:
    return escape(msg(f"severity.{severity.value}", run.lang))


def _snippet(f: _Finding, run: LintRun) -> str:
    text = run.texts.get(f.d.path)
    if text is None:
        return ""
    source = text.text
    start = min(f.d.span.start, len(source))
    end = min(max(f.d.span.end, start), len(source))
    line_start = source.rfind("\n", 0, start) + 1
    line_end = start
    for _ in range(SNIPPET_LINES):
        nl = source.find("\n", max(line_end, end))
        if nl < 0:
            line_end = len(source)
            break
        line_end = nl
        if line_end >= end:
            break
    before, marked, after = source[line_start:start], source[start:end], source[end:line_end]
    if len(before) > 120:
        before = "…" + before[-120:]
    if len(after) > 120:
        after = after[:120] + "…"
    mark = f'<mark class="{f.d.severity.value}">{escape(marked) or "&#8203;▮"}</mark>'
    return f'<pre class="snippet">{escape(before.rstrip(chr(13)))}{mark}{escape(after.rstrip(chr(13)))}</pre>'


# --------------------------------------------------------------------------- the three tables


def _cell_td(report: Report, key: str, by_key: dict[str, list[_Finding]], words: dict) -> str:
    cell = report.cells.get(key)
    if cell is None:
        shown = f'<span title="{escape(words["missing"])}">?</span>'
    elif cell.value is None:
        shown = f'<span title="{escape(words["blank"])}">—</span>'
    else:
        shown = escape(_fmt(cell.value))
    found = by_key.get(key, [])
    cls = "n"
    if any(f.d.severity is Severity.ERROR for f in found):
        cls += " err"
    elif found:
        cls += " warn"
    codes = "".join(
        f'<a class="code {f.d.severity.value}" href="#{f.anchor}">{f.d.code}</a>' for f in _unique_findings(found)
    )
    title = ""
    if cell is not None:
        line, column = report.position(cell.span.start)
        title = f' title="{escape(key)} · {escape(words["at"].format(line=line, column=column))}"'
    return f'<td class="{cls}" data-key="{escape(key)}"{title}>{shown}{codes}</td>'


def _unique_findings(found: list[_Finding]) -> list[_Finding]:
    seen: set[int] = set()
    out = []
    for f in found:
        if id(f) not in seen:
            seen.add(id(f))
            out.append(f)
    return out


def _notes_td(
    keys: list[str], by_key: dict[str, list[_Finding]], run: LintRun, words: dict, done: set[int], tmpl: Template
) -> str:
    """The messages of the findings on a row's cells, each once (beside the first row it touches)."""
    items = []
    previous: _Finding | None = None
    for k in keys:
        for f in by_key.get(k, []):
            if id(f) in done:
                continue
            done.add(id(f))
            # the same rule again on the next cells of the row (a row of blanks): only where, not the whole message
            same = previous is not None and previous.d.code == f.d.code
            column = tmpl.cell(k)[1].label if tmpl.cell(k) else k  # type: ignore[index]
            items.append(_finding_line(f, run, words, short=column if same else ""))
            previous = f
    return f'<td class="notes"><ul class="findings">{"".join(items)}</ul></td>' if items else '<td class="notes"></td>'


def _tables(w, report: Report, tmpl: Template, by_key: dict[str, list[_Finding]], run: LintRun, words: dict) -> None:
    done: set[int] = set()
    # table 二: blocks of rows, each with its own column headers
    rows = tmpl.rows_of("t2")
    width = max(len(r.columns) for r in rows)
    w(f'<h3>{escape(words["t2"])}</h3>\n<div class="wrap"><table class="t2">\n')
    header = None
    for row in rows:
        if row.header != header:
            header = row.header
            w(f"<tr><th>{escape(header)}</th>")
            w("".join(f"<th>{escape(c.label)}</th>" for c in row.columns))
            w(f'<th colspan="{width - len(row.columns)}"></th>' if width > len(row.columns) else "")
            w("</tr>\n")
        keys = [c.key for c in row.columns]
        w(f'<tr><td class="label">{escape(row.label)}</td>')
        w("".join(_cell_td(report, k, by_key, words) for k in keys))
        w(f'<td colspan="{width - len(keys)}"></td>' if width > len(keys) else "")
        w(_notes_td(keys, by_key, run, words, done, tmpl) + "</tr>\n")
    w("</table></div>\n")

    # table 三: the applicant columns under their two-level header, result rows under their groups
    rows = tmpl.rows_of("t3")
    columns = rows[0].columns
    w(f'<h3>{escape(words["t3"])}</h3>\n<div class="wrap"><table class="t3">\n<thead>')
    w(f'<tr><th rowspan="3">{escape(words["row"])}</th>')
    w(f'<th colspan="{len(columns)}">{escape(words["applicants"])}</th></tr>\n')
    w(f'<tr><th rowspan="2">{escape(columns[0].label)}</th>')
    w(f'<th colspan="{len(columns) - 2}">{escape(words["legal_persons"])}</th>')
    w(f'<th rowspan="2">{escape(columns[-1].label)}</th></tr>\n<tr>')
    w("".join(f"<th>{escape(c.label)}</th>" for c in columns[1:-1]))
    w("</tr></thead>\n<tbody>\n")
    top = sub = ""
    for row in rows:
        # merged labels of the format (三、本年度办理结果, (三)不予公开 …) as rows of their own, the items indented
        row_top = row.group if row.group.startswith("三、") else (top if row.group else "")
        row_sub = row.group if row.group and row.group != row_top else ""
        if row_top and row_top != top:
            w(f'<tr><td class="group" colspan="{len(columns) + 1}">{escape(row_top)}</td></tr>\n')
        if row_sub and row_sub != sub:
            w(f'<tr><td class="group sub1" colspan="{len(columns) + 1}">{escape(row_sub)}</td></tr>\n')
        top, sub = row_top, row_sub
        depth = " sub2" if row_sub else (" sub1" if row_top else "")
        keys = [c.key for c in row.columns]
        w(f'<tr><td class="label{depth}">{escape(row.label)}</td>')
        w("".join(_cell_td(report, k, by_key, words) for k in keys))
        w(_notes_td(keys, by_key, run, words, done, tmpl) + "</tr>\n")
    w("</tbody></table></div>\n")

    # table 四: 行政复议 and the two kinds of 行政诉讼, one row each (the format's single wide row, folded)
    (row,) = tmpl.rows_of("t4")
    labels = [c.label for c in row.columns[:5]]
    w(f'<h3>{escape(words["t4"])}</h3>\n<div class="wrap"><table class="t4">\n<tr><th></th>')
    w("".join(f"<th>{escape(x)}</th>" for x in labels) + "</tr>\n")
    for gkey, glabel in tmpl.t4_groups:
        keys = [c.key for c in row.columns if c.key.split(".")[1] == gkey]
        kind = words["review"] if gkey == "review" else f"{words['litigation']} · {glabel}"
        w(f'<tr><td class="label">{escape(kind)}</td>')
        w("".join(_cell_td(report, k, by_key, words) for k in keys))
        w(_notes_td(keys, by_key, run, words, done, tmpl) + "</tr>\n")
    w("</table></div>\n")


def _fmt(value: float | int) -> str:
    if isinstance(value, float):
        text = repr(value)
        return f"{value:f}".rstrip("0").rstrip(".") if "e" in text else text.removesuffix(".0")
    return str(value)


# --------------------------------------------------------------------------- rule explanations


def _rules(w, pages: list[_Page], run: LintRun, words: dict) -> None:
    codes = sorted({f.d.code for p in pages for f in p.findings})
    if not codes:
        return
    from ..commands.explain import doc_parts

    w(f'<section class="rules"><h2>{escape(words["rules"])}</h2>\n<dl class="rule">\n')
    for code in codes:
        cls = run.rules.get(code)
        parts = doc_parts(cls) if cls is not None else {}
        name = getattr(cls, "name", "")
        w(f'<dt id="rule-{code}"><span class="code">{code}</span> {escape(name)}</dt>\n<dd>')
        if parts.get("summary"):
            w(f"<p>{escape(parts['summary'])}</p>")
        for key in ("checks", "why"):
            text = parts.get(f"{key}_zh") if run.lang != "en" else ""
            text = text or parts.get(key, "")
            if text:
                body = "".join(f"<p>{escape(' '.join(para.split()))}</p>" for para in text.split("\n\n"))
                w(f"<p><b>{escape(words[key])}</b></p>{body}")
        w("</dd>\n")
    w("</dl></section>\n")


__all__ = ["write_html"]
