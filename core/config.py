"""Configuration: ``[tool.nianbao]`` in ``pyproject.toml`` or ``nianbao.toml``.

Found by walking up from the linted file; the nearest file wins. Keys::

    select = ["S", "T", "A"]          # codes or family prefixes
    ignore = ["N403"]
    lang = "zh"                       # or "en"
    [per-file-ignores]                # in nianbao.toml; [tool.nianbao.per-file-ignores] in pyproject
    "drafts/*.txt" = ["S"]
    [severity]
    T205 = "info"
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from .lint import Config
from .rules import Severity


class ConfigError(Exception):
    """A configuration file that cannot be used (with the file named)."""


def find_config_file(start: Path) -> Path | None:
    """The nearest ``nianbao.toml``, or ``pyproject.toml`` with ``[tool.nianbao]``, at or above ``start``."""
    here = start if start.is_dir() else start.parent
    for folder in (here.resolve(), *here.resolve().parents):
        candidate = folder / "nianbao.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "nianbao" in _read(candidate).get("tool", {}):
            return candidate
    return None


def load_config(start: Path | str | None) -> Config:
    """The configuration that applies to a file or folder (defaults when none is found)."""
    if start is None or str(start) == "-":
        start = Path.cwd()
    found = find_config_file(Path(start))
    return _load(found) if found else Config()


@lru_cache(maxsize=64)
def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: {err}") from None


def _load(path: Path) -> Config:
    data = _read(path)
    table = data.get("tool", {}).get("nianbao", {}) if path.name == "pyproject.toml" else data
    return config_from_mapping(table, str(path))


def config_from_mapping(table: dict, origin: str = "settings") -> Config:
    """A :class:`Config` from a mapping of the documented keys (files and editor settings)."""
    config = Config()
    try:
        if table.get("select"):
            config.select = [str(c) for c in table["select"]]
        config.ignore = [str(c) for c in table.get("ignore", [])]
        config.per_file_ignores = {str(k): [str(c) for c in v] for k, v in table.get("per-file-ignores", {}).items()}
        config.severity = {str(k): Severity(str(v)) for k, v in table.get("severity", {}).items()}
        lang = table.get("lang")
        if lang:
            if lang not in ("zh", "en"):
                raise ValueError(f"lang must be zh or en, not {lang!r}")
            config.lang = lang
    except (TypeError, ValueError, AttributeError) as err:
        raise ConfigError(f"{origin}: {err}") from None
    return config
