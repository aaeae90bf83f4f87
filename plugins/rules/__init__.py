"""Built-in rule bundles, one per family (S, T, A, N, X).

Every rule's docstring has one fixed shape, read by :func:`parse_doc` for
``nianbao explain`` and ``docs/rules.md``::

    一句话说明（中文）。

    What it checks:
        …
    Why it matters:
        …
    Example:
        …   (the defect, as real text shows it)
    Fix:
        …   (the repaired text)
"""

from __future__ import annotations

import inspect
import re
import textwrap

SECTIONS = {"what it checks": "checks", "why it matters": "why", "example": "example", "fix": "fix"}
_HEADER = re.compile(r"^(What it checks|Why it matters|Example|Fix):\s*$")


def parse_doc(rule_cls: type) -> dict[str, str]:
    """The parts of a rule's docstring: ``summary``, ``checks``, ``why``, ``example``, ``fix``.

    Missing parts are empty strings; the blocks under each header are dedented.
    """
    doc = inspect.cleandoc(rule_cls.__doc__ or "")
    out = dict.fromkeys(("summary", *SECTIONS.values()), "")
    lines = doc.splitlines()
    summary: list[str] = []
    i = 0
    while i < len(lines) and lines[i].strip() and not _HEADER.match(lines[i]):
        summary.append(lines[i].strip())
        i += 1
    out["summary"] = " ".join(summary)
    current: str | None = None
    body: dict[str, list[str]] = {}
    for line in lines[i:]:
        m = _HEADER.match(line)
        if m:
            current = SECTIONS[m.group(1).lower()]
            body[current] = []
        elif current is not None:
            body[current].append(line)
    for key, block in body.items():
        out[key] = textwrap.dedent("\n".join(block)).strip("\n")
    return out


__all__ = ["parse_doc"]
