from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

from ._problems import problems, row_name


class T212(Rule):
    """表格中连在一起的数字有多种读法，无法确定各单元格的数值。

    What it checks:
        Digits of a row that ran together with no separator (``801000081`` for seven cells,
        as crawlers and text extractors store pages) are split into the row's values so that
        the format's relations hold (the applicant columns sum to 总计, the groups of 表四
        to theirs, 一 + 二 = (七)总计 + 四 …). When several splits satisfy everything — or
        none does — the reading is a guess: the finding names the readings and the one
        taken. Arithmetic findings are not made on guessed cells; this warning stands for them.
        Rows that no relation ties (table 二 of the 2019 format: 上一年项目数量 | 本年增/减 |
        处理决定数量) are read by how real reports fill them (本年增/减 mostly 0 and no larger
        than 上一年项目数量, 本年新公开数量 ≤ 对外公开总数量 …): where one reading holds at least
        99.5 % of the probability it is taken and said as information. A doubt that no relation
        could have decided is information too (the reading stays ``guessed``): no arithmetic
        finding rests on those cells, and nothing suggests the report itself is wrong.
    Why it matters:
        A linter that reports a broken sum that is not there is worse than none: a value read
        from digits that can be split several ways is not known, and a supervising office
        acting on it would send a correct report back. Writing the cells with separators
        (or checking the published table) settles it.
    检查内容:
        一行中连在一起、没有分隔符的数字（如七个单元格写成“801000081”，多见于网页存档和抓取文本），
        按格式的勾稽关系（各类申请人之和等于总计、表四各组之和等于总计、一加二等于(七)总计加四等）拆分为各单元格的数值。
        若有多种拆分都满足全部关系，或没有一种满足，读法只能推测：提示列出各种读法及采用的一种。
        推测读取的单元格不作勾稽关系（A类）检查，由本提示代替。
        没有勾稽关系约束的行（2019年格式表二：上一年项目数量、本年增/减、处理决定数量），按真实报告的常见数值规律
        （本年增/减多为0且一般不大于上一年项目数量、本年新公开数量不大于对外公开总数量等）判断：
        某种读法的可能性达到99.5%时采用并作为提示（信息）列出；没有任何勾稽关系可据以确定的读法也作为提示（信息），
        单元格仍标为推测读取：这些单元格不涉及勾稽关系检查，也没有迹象表明报告本身有误。
    为何重要:
        报告并不存在的计算错误，比不检查更糟：能有多种拆法的数字，其数值并不确定，据此退回报告会冤枉正确的报告。
        用分隔符写出各单元格（或核对公开的原表）即可确定。
    Example:
        行政规范性文件77132470
    Fix:
        行政规范性文件 | 77 | 132 | 470 |
    """

    code = "T212"
    name = "reading-ambiguous"
    severity = Severity.WARNING

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        for p in problems(report, "reading-ambiguous"):
            shown = [str(r) for r in p.data.get("readings", [])]
            if not shown:
                continue
            where = row_name(report, p) if p.keys else ""
            text = p.data.get("text", "")
            more = int(p.data.get("more", 0))
            others = shown[1:]
            if "plausible" in p.data:
                share = f"{float(p.data['plausible']):.1%}"
                zh = (
                    f"{where}“{text}”有多种读法，无勾稽关系可据以确定：按表二数值的常见规律读作 {shown[0]}"
                    f"（可能性 {share}）；也可读作 " + "；".join(others)
                )
                en = (
                    f"{where} “{text}” reads several ways that no relation decides: read as {shown[0]}, by how "
                    f"table 二's values usually are ({share} likely); also " + "; ".join(others)
                )
                if more:
                    zh += f" 等（另有{more}种）"
                    en += f" (and {more} more)"
                yield self.diagnostic(
                    report,
                    p.span,
                    Message(zh + "（请核对）", en + " (please check)"),
                    keys=p.keys,
                    severity=Severity.INFO,
                )
                continue
            severity = None  # the rule's: a warning stands for the arithmetic findings not made
            if not p.data.get("related", True):
                severity = Severity.INFO  # no relation involves these cells: nothing is stood in for
                zh = f"{where}“{text}”有多种读法，无勾稽关系可据以确定：采用 {shown[0]}；也可读作 " + "；".join(others)
                en = (
                    f"{where} “{text}” reads several ways that no relation decides: taken as {shown[0]}; also "
                    + "; ".join(others)
                )
                if more:
                    zh += f" 等（另有{more}种）"
                    en += f" (and {more} more)"
            elif p.data.get("padding"):
                # the one reading that holds takes a blank the placement took for the label's padding
                zh = (
                    f"{where}“{text}”只有把标签后的空白算作本行的单元格才满足总计关系：采用 {shown[0]}；"
                    f"按空白为标签占位读作 " + "；".join(others)
                )
                en = (
                    f"{where} “{text}” satisfies the row's totals only with a blank after the label taken as "
                    f"one of its cells: taken as {shown[0]}; with the blank as the label's padding, "
                    + "; ".join(others)
                )
            elif p.data.get("consistent", True):
                zh = f"{where}“{text}”有多种读法都满足勾稽关系：采用 {shown[0]}；也可读作 " + "；".join(others)
                en = (
                    f"{where} “{text}” reads several ways that all satisfy the relations: taken as {shown[0]}; also "
                    + "; ".join(others)
                )
                if more:
                    zh += f" 等（另有{more}种）"
                    en += f" (and {more} more)"
            else:
                zh = f"{where}“{text}”无论怎样拆分都不满足本行的总计关系：按最可能的读法 {shown[0]} 读取，请核对"
                en = (
                    f"{where} “{text}” satisfies the row's totals under no split: "
                    f"read as the likeliest, {shown[0]}; please check"
                )
            yield self.diagnostic(
                report,
                p.span,
                Message(zh + "（请用分隔符写出各单元格）", en + " (write the cells with separators)"),
                keys=p.keys,
                severity=severity,
            )
