"""Where a section that is not there should have begun."""

from __future__ import annotations

import re

from nianbao.model import Report

from .._common import line_of, table_extent, table_lines, table_start, title_line

# Needed only when a section is missing: compiled on first use (by ``re``'s own cache), not at start-up.
_PREAMBLE = (
    r"^(?:根据|按照|依据|依照|本报告|本年度报告|本年报|现将|[，,。；])|统计期限|特向社会公布|特编制|编制本报告|编制而成"
)
_OTHER_MATTERS = r"^(?:无|本机关无|本单位无|我[局委办]无|没有)[。.,，]?|信息处理费|其他需要报告|处理费"
_TAIL = r"^(?:\S{2,30}(?:局|委|办|办公室|政府|中心|委员会|人民政府))\s*$|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$"


def _is_prose(text: str) -> bool:
    s = text.strip()
    return len(s) >= 20 and any(mark in s for mark in "，。,；") and not re.match(_TAIL, s)


def _next_text_line(report: Report, after_line: int, skip: set[int]) -> int | None:
    for line in report.lines[after_line:]:
        if line.text.strip() and line.number not in skip:
            return line.number
    return None


def section_anchor(report: Report, number: int) -> int:
    """The line where the missing section ``number``'s heading belongs."""
    lines = report.lines
    present = sorted(report.headings, key=lambda h: h.span.start)
    later = [h for h in present if h.section > number]
    limit = line_of(report, later[0].span.start) if later else len(lines) + 1
    if number in (2, 3, 4):
        start = table_start(report, f"t{number}", markers=True)
        if start is not None:
            return line_of(report, start)
    tables = table_lines(report)
    if number == 1:
        title = title_line(report)
        first = line_of(report, title[1].end) if title else 0
        t2 = table_start(report, "t2")
        stop = min(limit, line_of(report, t2) if t2 is not None else limit)
        for line in lines[first : stop - 1]:
            s = line.text.strip().lstrip("#").strip()
            prose = any(mark in s for mark in "，。,；")
            if len(s) >= 25 and prose and not re.search(_PREAMBLE, s) and line.number not in tables:
                return line.number
        return min(first + 1, len(lines))
    if number == 5:
        t4 = table_extent(report, "t4")
        if t4 is not None:
            found = _next_text_line(report, line_of(report, t4.end), tables)
            if found is not None and found <= limit:
                return found
    if number == 6:
        earlier = [h for h in present if h.section < 6]
        if earlier:
            after = line_of(report, earlier[-1].span.start)
            region = [ln for ln in lines[after : limit - 1] if ln.text.strip() and ln.number not in tables]
            for ln in region[1:]:
                s = ln.text.strip().lstrip("#-* ").strip()
                if re.search(_OTHER_MATTERS, s) and not re.match(_TAIL, s):
                    return ln.number
            # the heading stood right after the last paragraph of the section before
            prose = [ln for ln in region if _is_prose(ln.text)]
            if prose:
                found = _next_text_line(report, prose[-1].number, tables)
                if found is not None:
                    return found
    if later:
        return line_of(report, later[0].span.start)
    return len(lines)
