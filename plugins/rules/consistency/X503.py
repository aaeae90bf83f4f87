from __future__ import annotations

from collections.abc import Iterator

from nianbao import regex_cache
from nianbao.chars import garbage_spans
from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Message, Related, Rule, Severity

from .._common import fmt, garbage_lines, table_lines

_CN = {"零": 0, "〇": 0, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?P<n>\d+|[零〇一两二三四五六七八九十]{1,3})"
_VERBS = ("收到", "受理", "接收", "接到")
_VERB = "(?:" + "|".join(_VERBS) + ")"
# "(共)收到/受理/接收…政府信息公开申请(共计)N件"; the words between may not start another count
_COUNT = regex_cache.compile(
    _VERB
    + r"(?P<mid>[^。；;！？!?，,\d]{0,30}?)"
    + r"(?:(?:政府)?信息公开(?:的)?申请|依申请公开(?:政府信息)?(?:的)?(?:申请)?)"
    + r"\s*(?:共计|共|合计|总计|总数)?\s*(?:为|达)?\s*"
    + _NUM
    + r"\s*(?:件|个|份)"
)
_NONE = regex_cache.compile(
    r"(?:暂未|尚未|未|没有)" + _VERB + r"[^。；;，,\d]{0,15}?(?:政府信息公开|信息公开|依申请公开)"
)


def _value(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _CN.get(tens, 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    return _CN.get(s) if len(s) == 1 else None


def _without_garbage(text: str) -> tuple[str, list[int]]:
    """The line without its garbage characters, and where each kept character was."""
    drop = {i for a, b in garbage_spans(text) for i in range(a, b)}
    if not drop:  # the common case
        return text, list(range(len(text)))
    kept = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in kept), kept


def statements(report: Report) -> Iterator[tuple[int, Span]]:
    """(number, span of the number) of each narrative statement of applications received."""
    tables = table_lines(report)
    garbled = garbage_lines(report)
    for line in report.lines:
        if line.number in tables:
            continue
        if line.number not in garbled and not any(v in line.text for v in _VERBS):
            continue  # both patterns need a verb; a line with no garbage is read as it is
        text, where = _without_garbage(line.text)
        where.append(len(line.text))

        def span(a: int, b: int, line=line, where=where) -> Span:
            return Span(line.start + where[a], line.start + where[b - 1] + 1)

        for m in _COUNT.finditer(text):
            if "其中" in m.group("mid"):
                continue
            n = _value(m.group("n"))
            if n is not None:
                yield n, span(m.start("n"), m.end("n"))
        for m in _NONE.finditer(text):
            yield 0, span(m.start(), m.end())


class X503(Rule):
    """正文中所述收到的政府信息公开申请数与表三不一致。

    What it checks:
        A sentence of the prose stating how many applications were received
        (“共收到/受理/接收……政府信息公开申请N件”, “暂未收到依申请公开……” = 0) against table
        三: N must be 一、本年新收 总计, or 本年新收 + 二、上年结转 (the applications handled
        this year, a common way of counting). Other counts (“12345平台派转工单3件”,
        “办结……81件”, “其中自然人申请80件”) are not read.
    Why it matters:
        The prose of section 一 and table 三 report the same fact (条例 第五十条 第(二)项);
        when they differ one of them is wrong, and readers quote the prose.
    检查内容:
        把正文中说明收到多少件申请的句子（“共收到/受理/接收……政府信息公开申请N件”；“暂未收到依申请公开……”视为0）
        与表三对照：N应等于“一、本年新收”的总计，或本年新收 + 二、上年结转（即本年度办理的申请数，这也是常见的算法）。
        其他数字（“12345平台派转工单3件”“办结……81件”“其中自然人申请80件”）不读取。
    为何重要:
        第一部分的正文与表三报告的是同一事实（《条例》第五十条第(二)项）；两者不一致，必有一处有误，
        而读者引用的往往是正文。
    Example:
        全年共收到政府信息公开申请12件，均在法定期限内予以答复。
        一、本年新收政府信息公开申请数量 | 9 | 1 | 0 | 0 | 0 | 0 | 10 |
    Fix:
        全年共收到政府信息公开申请10件，均在法定期限内予以答复。
    """

    code = "X503"
    name = "narrative-count-mismatch"
    severity = Severity.WARNING

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        new = report.cells.get("t3.new.total")
        if new is None or new.value is None:
            return
        carried = report.cells.get("t3.carried_in.total")
        accepted = {new.value}
        if carried is not None and carried.value is not None:
            accepted.add(new.value + carried.value)
        for n, span in statements(report):
            if n in accepted:
                continue
            related = [
                Related(
                    new.span,
                    Message(f"一、本年新收 总计 = {fmt(new.value)}", f"new, total = {fmt(new.value)}"),
                    new.key,
                )
            ]
            also = ""
            also_en = ""
            if carried is not None and carried.value:
                also = f"（加上年结转为{fmt(new.value + carried.value)}）"
                also_en = f" ({fmt(new.value + carried.value)} with those carried over)"
            yield self.diagnostic(
                report,
                span,
                Message(
                    f"正文说收到政府信息公开申请{n}件，但表三 一、本年新收 总计为{fmt(new.value)}{also}",
                    f"the text says {n} applications were received, but table 3 counts {fmt(new.value, 'en')} new"
                    f"{also_en}",
                ),
                related=related,
                keys=(new.key,),
            )
