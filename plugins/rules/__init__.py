"""Built-in rule bundles, one per family (S, T, A, N, X).

Every rule's docstring has one fixed shape, read by :func:`parse_doc` for
``nianbao explain`` and ``docs/rules.md``::

    一句话说明（中文）。

    What it checks:
        …
    Why it matters:
        …
    检查内容:
        …   (What it checks, in Chinese)
    为何重要:
        …   (Why it matters, in Chinese)
    Example:
        …   (the defect, as real text shows it)
    Fix:
        …   (the repaired text)
"""

from __future__ import annotations

import re

SECTIONS = {
    "what it checks": "checks",
    "why it matters": "why",
    "检查内容": "checks_zh",
    "为何重要": "why_zh",
    "example": "example",
    "fix": "fix",
}
ZH_SECTIONS = ("checks_zh", "why_zh")  # prose: returned with its lines joined
# for ``nianbao explain`` and the docs, not for linting: compiled on first use (by ``re``'s cache)
_HEADER = r"^(What it checks|Why it matters|检查内容|为何重要|Example|Fix):\s*$"


def parse_doc(rule_cls: type) -> dict[str, str]:
    """The parts of a rule's docstring: ``summary``, ``checks``, ``why``, ``checks_zh``, ``why_zh``,
    ``example``, ``fix``.

    Missing parts are empty strings; the blocks under each header are dedented. The Chinese
    parts (``checks_zh``, ``why_zh``) come with the lines of each paragraph joined, since
    Chinese puts no space between words: a line break there is not a space.
    """
    import inspect

    doc = inspect.cleandoc(rule_cls.__doc__ or "")
    out = dict.fromkeys(("summary", *SECTIONS.values()), "")
    lines = doc.splitlines()
    summary: list[str] = []
    i = 0
    while i < len(lines) and lines[i].strip() and not re.match(_HEADER, lines[i]):
        summary.append(lines[i].strip())
        i += 1
    out["summary"] = " ".join(summary)
    current: str | None = None
    body: dict[str, list[str]] = {}
    for line in lines[i:]:
        m = re.match(_HEADER, line)
        if m:
            current = SECTIONS[m.group(1).lower()]
            body[current] = []
        elif current is not None:
            body[current].append(line)
    import textwrap  # here: its class compiles regexes at import (4 ms), and only explain/docs need it

    for key, block in body.items():
        out[key] = textwrap.dedent("\n".join(block)).strip("\n")
    for key in ZH_SECTIONS:
        out[key] = flow(out[key])
    return out


def flow(text: str) -> str:
    """Join the lines of each paragraph of Chinese text: nothing between two lines, or a space
    when both sides are ASCII letters or digits; blank lines separate paragraphs."""
    paragraphs = []
    for para in re.split(r"\n\s*\n", text):
        joined = ""
        for line in (ln.strip() for ln in para.splitlines()):
            if not line:
                continue
            if joined and joined[-1].isascii() and joined[-1].isalnum() and line[0].isascii() and line[0].isalnum():
                joined += " "
            joined += line
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)


__all__ = ["flow", "parse_doc"]
