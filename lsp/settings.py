"""The settings of one document: the project's configuration file, then the editor's settings.

The file (``[tool.nianbao]`` in ``pyproject.toml`` or ``nianbao.toml``, the
nearest one above the document) gives the base. The editor's settings (section
``nianbao``: ``select``, ``ignore``, ``lang``) are laid over it like command-line
options: a non-empty ``select`` replaces the file's, ``ignore`` adds to it,
``lang`` wins.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from nianbao.config import ConfigError, load_config
from nianbao.lint import Config

log = logging.getLogger("nianbao.lsp")

KEYS = ("select", "ignore", "lang")


def file_config(path: str | None) -> tuple[Config, str | None]:
    """The configuration that applies to ``path`` (a file or folder), and an error message if it is unusable."""
    try:
        return load_config(Path(path) if path else None), None
    except ConfigError as err:
        return Config(), str(err)
    except Exception as err:  # never let a configuration problem stop the checks
        return Config(), f"{path}: {err!r}"


def client_settings(value: object) -> dict:
    """The ``nianbao`` section from whatever the client sent (None, the section, or a map holding it)."""
    if not isinstance(value, Mapping):
        return {}
    if "nianbao" in value and isinstance(value["nianbao"], Mapping):
        value = value["nianbao"]
    return {k: value[k] for k in KEYS if k in value}


def merge(base: Config, settings: Mapping | None) -> tuple[Config, str | None]:
    """``base`` with the editor's settings laid over it, and a message naming a bad setting (then ignored)."""
    if not settings:
        return base, None
    problems = []
    select = _codes(settings.get("select"), "select", problems)
    ignore = _codes(settings.get("ignore"), "ignore", problems) or []
    lang = settings.get("lang")
    if lang not in (None, "", "zh", "en"):
        problems.append(f"nianbao.lang must be 'zh' or 'en', not {lang!r}")
        lang = None
    lang = lang or None
    select = select or None  # an empty list (the VS Code default) means "as configured"
    if hasattr(base, "with_overrides"):
        config = base.with_overrides(select=select, ignore=ignore, lang=lang)
    else:  # the plain Config: the same rules by hand
        from dataclasses import replace

        config = replace(
            base,
            select=list(select) if select else list(base.select),
            ignore=[*base.ignore, *ignore],
            lang=lang or base.lang,
        )
    return config, "; ".join(problems) or None


def _codes(value: object, name: str, problems: list[str]) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        problems.append(f"nianbao.{name} must be a list of rule codes or prefixes, not {value!r}")
        return None
    try:
        from nianbao.lint import parse_selectors
    except ImportError:
        return [v.strip().upper() for v in value if v.strip()]
    try:
        return parse_selectors(value)
    except ValueError as err:
        problems.append(f"nianbao.{name}: not a rule code or prefix: {err}")
        return None
