"""``nianbao explain CODE``: what a rule checks, why, an example, the fix."""

from __future__ import annotations

import argparse
import difflib
import inspect
import sys

from rich.console import Group
from rich.markdown import Markdown
from rich.padding import Padding
from rich.panel import Panel
from rich.syntax import Syntax
from rich.text import Text as RichText

from ..i18n import msg
from ..rules import Severity
from ._inputs import stdout_console
from .rules import installed

SECTIONS = ("checks", "why", "example", "fix")
CODE_SECTIONS = ("example", "fix")  # shown verbatim: they quote report text


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("explain", help="解释一条规则 (explain a rule)")
    p.add_argument("code", metavar="CODE", help="规则代码，例如 A301 (a rule code such as A301)")
    return p


def doc_parts(cls: type) -> dict[str, str]:
    """``summary``, ``checks``, ``why``, ``checks_zh``, ``why_zh``, ``example``, ``fix`` of a rule's docstring.

    Uses ``nianbao.plugins.rules.parse_doc`` when it is installed; otherwise
    the whole docstring is the summary's first line plus a body under ``checks``.
    """
    try:
        from ..plugins.rules import parse_doc  # type: ignore[import-not-found]

        parts = parse_doc(cls)
        if isinstance(parts, dict):
            return {k: str(v or "") for k, v in parts.items()}
    except Exception:  # not there, or the docstring is odd: fall back to the plain text
        pass
    doc = inspect.getdoc(cls) or ""
    first, _, rest = doc.strip().partition("\n")
    return {"summary": first.strip(), "checks": rest.strip()}


def closest_codes(code: str, codes: list[str]) -> list[str]:
    """The codes a mistyped one most likely meant: those it begins (``A30`` → A301–A304), else the nearest, in order."""
    started = sorted(c for c in codes if code and c.startswith(code))
    if started:
        return started[:8]
    scored = [(difflib.SequenceMatcher(None, code, c).ratio(), c) for c in codes]
    return [c for r, c in sorted(scored, key=lambda rc: (-rc[0], rc[1])) if r >= 0.5][:3]


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    rules = {r.code: r for r in installed()}
    code = args.code.strip().upper()
    info = rules.get(code)
    if info is None:
        text = msg("explain.unknown", lang, code=args.code)
        close = closest_codes(code, list(rules))
        if close:
            text += msg("explain.did_you_mean", lang, codes=", ".join(close))
        print(f"nianbao: {text}", file=sys.stderr)
        return 2
    cls = info.cls
    parts = doc_parts(cls)
    from ..render.text import STYLE, severity_word

    sev = Severity(info.severity)
    head = RichText()
    head.append(f"{code}", style="bold")
    head.append(f"  {getattr(cls, 'name', '')}", style="bold cyan")
    head.append("\n")
    head.append(f"{msg('explain.severity', lang)}: ", style="dim")
    head.append(severity_word(sev, lang), style=STYLE[sev])
    head.append("   ")
    head.append(msg("explain.fixable" if info.fixable else "explain.not_fixable", lang), style="dim")
    head.append(f"   {msg('explain.plugin', lang)}: ", style="dim")
    head.append(info.module, style="dim")
    body: list = [head]
    if parts.get("summary"):
        body.append(RichText("\n" + parts["summary"]))
    shown = False
    for key in SECTIONS:
        text = parts.get(key, "").strip("\n")
        if lang == "zh" and key not in CODE_SECTIONS:
            text = parts.get(f"{key}_zh", "").strip("\n") or text  # the English text when there is no Chinese
        if not text:
            continue
        shown = True
        body.append(RichText("\n" + msg(f"explain.{key}", lang), style="bold underline"))
        if key in CODE_SECTIONS:
            body.append(
                Padding(Syntax(text, "text", theme="ansi_dark", word_wrap=True, background_color="default"), (0, 2))
            )
        else:
            body.append(Padding(Markdown(text), (0, 2)))
    if not shown and not parts.get("summary"):
        body.append(RichText(msg("explain.no_doc", lang), style="dim"))
    stdout_console(highlight=False).print(Panel(Group(*body), title=code, title_align="left", expand=False))
    return 0
