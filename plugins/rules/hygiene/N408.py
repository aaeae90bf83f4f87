from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity

MAX_FINDINGS = 20  # findings of one file; the rest are one finding
_SHOWN = 8  # bytes named in a message


def _hex(raw: bytes) -> str:
    shown = " ".join(f"{b:02x}" for b in raw[:_SHOWN])
    return shown + (" …" if len(raw) > _SHOWN else "")


def _runs(entries: tuple[tuple[int, bytes], ...]) -> list[tuple[int, int, bytes]]:
    """One run per stretch of U+FFFD: an editor shows a run as one U+FFFD per invalid sequence (``ff fe``:
    two), each its own entry; the command line reads a run as one."""
    out: list[tuple[int, int, bytes]] = []
    for at, raw in entries:
        if out and out[-1][1] == at:
            out[-1] = (out[-1][0], at + 1, out[-1][2] + raw)
        else:
            out.append((at, at + 1, raw))
    return out


class N408(Rule):
    """文件中有无法按其编码解码的字节（文件损坏、拼接了不同编码的文字，或转换编码时出错）。

    What it checks:
        Bytes inside the file that are no text in its encoding (UTF-8, GB18030 or UTF-16):
        a damaged file, text of another encoding pasted in, a conversion that went wrong.
        The file is read as the report it is, each run of such bytes as one replacement
        character (U+FFFD); every run is one finding at its place naming the bytes, the first
        20 of a file one by one and the rest as one. Nothing is fixed, and ``--fix`` does not
        rewrite the file at all: where the bytes stood in a fixed text would be lost with them.
    Why it matters:
        What stood there cannot be read: a character, a number or a word of the report may be
        missing or wrong (a cell read as text, a garbled heading). The systems that publish
        the report show the place as “�” or refuse the file.
    检查内容:
        文件中按其编码（UTF-8、GB18030 或 UTF-16）无法解码的字节：文件损坏、粘贴了其他编码的文字，或转换编码出错。
        文件仍按年报读取，每一串这样的字节读作一个替换字符（U+FFFD）；每一串在其位置提示一处并列出这些字节，
        每个文件前20处逐一提示，其余合并为一处。不作修复，`--fix` 也不改写该文件：改写后这些字节的位置和内容会丢失。
    为何重要:
        这些位置的内容无法读出：报告中可能缺少或错了一个字、一个数字或一个词（单元格被读成文字、标题残缺）。
        发布系统会把这里显示为“�”，或拒收该文件。
    Example:
        本年新收政府信息公开申请12件（“申”与“请”之间有字节 ff fe）
    Fix:
        用原始文件核对此处的文字并改正，再以统一的编码（UTF-8）保存。
    """

    code = "N408"
    name = "undecodable-bytes"
    severity = Severity.WARNING
    fixable = False

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        runs = _runs(report.text.undecodable)
        encoding = report.text.encoding
        for at, end, raw in runs[:MAX_FINDINGS]:
            n = len(raw)
            yield self.diagnostic(
                report,
                Span(at, end),
                Message(
                    f"有{n}个字节（{_hex(raw)}）无法按 {encoding} 解码，此处读作“\ufffd”；这里原有的文字可能已损坏",
                    f"{n} byte{'s' if n > 1 else ''} ({_hex(raw)}) are no {encoding} text, read as “\ufffd”:"
                    " what was written here may be damaged",
                ),
            )
        rest = runs[MAX_FINDINGS:]
        if rest:
            n = sum(len(raw) for _, _, raw in rest)
            yield self.diagnostic(
                report,
                Span(rest[0][0], rest[0][1]),
                Message(
                    f"此后另有{len(rest)}处共{n}个字节无法按 {encoding} 解码",
                    f"{len(rest)} more runs ({n} bytes) from here on are no {encoding} text",
                ),
            )
