from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Span
from nianbao.rules import Context, Diagnostic, Message, Rule, Severity


class N407(Rule):
    """文件末尾有不完整的字符（文件在一个汉字中间被截断，可能下载或复制时中断）。

    What it checks:
        A file (UTF-8, GB18030 or UTF-16) whose last bytes are the start of a character and
        nothing more: the file stops in the middle of a character. The text before is read as the report; the
        finding stands at the end of the text and names the bytes. Nothing is fixed: the
        bytes are written back as they are (a fix elsewhere in the file keeps them).
    Why it matters:
        A file cut mid-character was cut, full stop: a download, a copy or a save that
        stopped early. What followed (the end of the report, a table, the signature) is
        probably missing too; the other findings (missing sections, rows) say what.
        Compare the file with the original.
    检查内容:
        文件（UTF-8、GB18030 或 UTF-16）的最后几个字节只是一个字符的开头，文件在一个字符中间结束。
        此前的文本照常按年报读取；问题标在文本末尾，并列出这些字节。不作修复：这些字节原样保留（修复文件其他地方时也不改动）。
    为何重要:
        在字符中间结束的文件是被截断的：下载、复制或保存中途停止。其后的内容（报告结尾、表格、落款）很可能
        也已缺失，其他问题（缺少章节、表格行）会指出缺了什么。请与原始文件核对。
    Example:
        六、其他需要报告的事项
        本机关无其他需要报告的事项。（文件在“。”的三个字节中的第二个之后结束：e3 80）
    Fix:
        从原始文件重新复制或下载完整的报告。
    """

    code = "N407"
    name = "cut-character"
    severity = Severity.WARNING
    fixable = False

    def check(self, report: Report, ctx: Context) -> Iterator[Diagnostic]:
        tail = report.text.tail
        if not tail:
            return
        end = len(report.text.text)
        shown = " ".join(f"{b:02x}" for b in tail)
        yield self.diagnostic(
            report,
            Span(end, end),
            Message(
                f"文件在一个字符中间结束（末尾{len(tail)}个字节 {shown} 不是完整的字符），"
                "文件可能不完整；这些字节原样保留",
                f"the file ends inside a character (its last {len(tail)} byte{'s' if len(tail) > 1 else ''} {shown}"
                " are no whole character): it may be cut short; the bytes are kept as they are",
            ),
        )
