"""What a report says about itself besides its numbers: who publishes it, the period, the signing date.

The 发布机构 (agency) is read from the title (``湘乡市行政审批服务局2019年度政府信息公开年度报告``)
or, failing that, from the signature at the end (the agency's name on the line above the date).
The statistics period is the sentence the format asks for (``统计期限自2020年1月1日起至2020年
12月31日止``); the signing date is a line holding only a date, at the end of the report or
right under its title (``(2026年1月23日)``). Dates may be written in Arabic, full-width or
Chinese numerals (``二〇二一年一月二十日``). Whatever is not clearly written stays ``None``.
"""

from __future__ import annotations

import re
from datetime import date

from . import regex_cache
from .model import Report, Span

_CN = "〇○零一二三四五六七八九"
_CN_VALUE = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YEAR = rf"(?:\d{{4}}|[{_CN}]{{4}})"
_SMALL = rf"(?:\d{{1,2}}|[{_CN}十]{{1,3}})"
DATE = regex_cache.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>{_SMALL})\s*月\s*(?P<d>{_SMALL})\s*日")
_PERIOD = regex_cache.compile(r"统计(?:期限|期间|时限|时段|周期|区间)")
_PERIOD_REACH = 60  # characters after 统计期限 within which its two dates stand
_PERIOD_BETWEEN = regex_cache.compile(r"^(?:起|开始)?\s*(?:至|到|—+|－|-|–|～|~)$")
_REPORT_WORDS = regex_cache.compile(r"(?:关于)?\s*(?:的)?\s*(?:政府)?\s*信息公开")
_TITLE_YEAR = regex_cache.compile(rf"[（(]?\s*{_YEAR}\s*年\s*度?\s*[)）]?\s*的?")
_NOT_A_NAME = regex_cache.compile(r"[。，,；;：:！？!?“”\"《》、]|\d+\s*[.．]|^[一二三四五六七八九十]+、")
_MAX_NAME = 40


def describe(report: Report) -> None:
    """Fill in ``report.agency``, ``period_start`` / ``period_end`` and ``signed`` (with their spans)."""
    text = report.text.text
    found = None
    if report.title_span:
        found = _agency_of_title(text, report.title_span) or _agency_beside_title(report)
    period = find_period(text)
    if period:
        report.period_start, report.period_end, report.period_dates_span = period
    signed = _signature(report)
    if signed:
        report.signed, report.signed_span, signer = signed
        if found is None and signer is not None:
            found = signer
    if found:
        report.agency, report.agency_span = found


def parse_date(m: re.Match[str]) -> date | None:
    """The date of a :data:`DATE` match, or ``None`` when it is no real day (2月30日)."""
    try:
        return date(_number(m.group("y")), _number(m.group("m")), _number(m.group("d")))
    except ValueError:
        return None


def _number(s: str) -> int:
    s = s.strip()
    if s.isdigit():  # also full-width digits: int() reads them
        return int(s)
    if len(s) == 4 and "十" not in s:  # a year written digit by digit: 二〇二一
        return int("".join(str(_CN_VALUE[c]) for c in s))
    if "十" in s:  # 十, 十二, 二十, 二十三, 三十一
        tens, _, units = s.partition("十")
        return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[units] if units else 0)
    return _CN_VALUE[s] if len(s) == 1 else -1


def find_period(text: str) -> tuple[date, date, Span] | None:
    """The statistics period: the first ``统计期限 … 日 至 … 日`` with two real dates."""
    for m in _PERIOD.finditer(text):
        window_end = min(len(text), m.end() + _PERIOD_REACH)
        dates = list(DATE.finditer(text, m.end(), window_end))
        if len(dates) < 2 or not _PERIOD_BETWEEN.match(text[dates[0].end() : dates[1].start()].strip()):
            continue
        start, end = parse_date(dates[0]), parse_date(dates[1])
        if start and end and start <= end:
            return start, end, Span(dates[0].start(), dates[1].end())
    return None


def _agency_of_title(text: str, span: Span) -> tuple[str, Span] | None:
    """The agency a title names: before its year (``××局2020年度…``), else between the year and the
    report words (``2020年度××局政府信息公开…``), else before the report words."""
    title = text[span.start : span.end]
    words = _REPORT_WORDS.search(title)
    if not words:
        return None
    head = title[: words.start()]
    year = _TITLE_YEAR.search(head)
    candidates = [head[: year.start()], head[year.end() :]] if year else [head]
    offsets = [0, year.end()] if year else [0]
    for piece, offset in zip(candidates, offsets, strict=True):
        name = _clean(piece)
        if name:
            start = span.start + offset + piece.index(name)
            return name, Span(start, start + len(name))
    return None


def _agency_beside_title(report: Report) -> tuple[str, Span] | None:
    """A title without a name (``2024年政府信息公开工作年度报告``) under or over the agency's own line
    (``淮安市人民政府``): the nearest non-blank line above it, else below it, when it reads as a name."""
    assert report.title_span is not None
    lines = report.text.lines
    i = next((n for n, line in enumerate(lines) if line.start <= report.title_span.start <= line.end), None)
    if i is None:
        return None
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text.strip():
            j += step
        if not 0 <= j < len(lines) or abs(j - i) > 2:
            continue
        raw = lines[j].text.rstrip("\r\n")
        name = _clean(raw)
        if name and not _REPORT_WORDS.search(name) and not _TITLE_YEAR.search(name) and not DATE.search(name):
            start = lines[j].start + raw.index(name)
            return name, Span(start, start + len(name))
    return None


def _clean(piece: str) -> str:
    name = piece.strip().strip("#*【】[]「」 \t\u3000").strip()
    if not name or len(name) > _MAX_NAME or len(name) < 2 or _NOT_A_NAME.search(name):
        return ""
    return name


def _signature(report: Report) -> tuple[date, Span, tuple[str, Span] | None] | None:
    """The signing date (a line holding only a date) and the agency on the line above it, if any.

    Looked for after the last section's heading (the signature closes the report), else in the
    few lines under the title (``沭阳县人民政府 / (2026年1月23日)``).
    """
    lines = report.text.lines
    last = report.sections[-1].heading.span.start if report.sections else None
    after_title = report.title_span.end if report.title_span else None
    found: tuple[date, Span, tuple[str, Span] | None] | None = None
    if last is not None:
        for i, line in enumerate(lines):
            if line.start < last:
                continue
            dated = _dated(line.text, line.start)
            if dated:
                found = (*dated, _name_above(lines, i))
    if found is None and after_title is not None:
        near = [i for i, line in enumerate(lines) if line.start >= after_title][:4]
        for i in near:
            dated = _dated(lines[i].text, lines[i].start)
            if dated:
                return (*dated, None)
    return found


def date_alone(stripped: str) -> re.Match[str] | None:
    r"""The :data:`DATE` that is all of a stripped line, perhaps in brackets: ``(2026年1月23日)``.

    What ``^[(（]?\s*DATE\s*[)）]?$`` matched, without compiling DATE's pattern a second time.
    """
    start = 1 if stripped.startswith(("(", "（")) else 0
    end = len(stripped) - 1 if stripped.endswith((")", "）")) else len(stripped)
    inner = stripped[start:end]
    start += len(inner) - len(inner.lstrip())
    end -= len(inner) - len(inner.rstrip())
    return DATE.fullmatch(stripped, start, end)


def _dated(line: str, offset: int) -> tuple[date, Span] | None:
    stripped = line.strip()
    m = date_alone(stripped)
    if not m:
        return None
    day = parse_date(m)
    at = offset + line.index(stripped)  # where the stripped text starts in the line
    return (day, Span(at + m.start("y"), at + stripped.index("日", m.end("d")) + 1)) if day else None


def _name_above(lines: list, i: int) -> tuple[str, Span] | None:
    """The agency signing: the nearest non-blank line above the date, when it reads as a name."""
    for j in range(i - 1, max(-1, i - 3), -1):
        raw = lines[j].text.rstrip("\r\n")
        if not raw.strip():
            continue
        name = _clean(raw)
        if name and not _REPORT_WORDS.search(name) and "无" != name:
            start = lines[j].start + raw.index(name)
            return name, Span(start, start + len(name))
        return None
    return None


__all__ = ["DATE", "describe", "find_period", "parse_date"]
