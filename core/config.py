"""Configuration: ``[tool.nianbao]`` in ``pyproject.toml`` or ``nianbao.toml``.

Found by walking up from the linted file; the nearest file wins (a
``pyproject.toml`` counts only if it has a ``[tool.nianbao]`` table). Keys::

    select = ["S", "T", "A"]          # codes or prefixes; "ALL" for every rule
    ignore = ["N403"]
    lang = "zh"                       # or "en"
    [per-file-ignores]                # in nianbao.toml; [tool.nianbao.per-file-ignores] in pyproject
    "drafts/*.txt" = ["S"]            # globs relative to the folder of the config file
    [severity]                        # codes or prefixes; the most specific wins
    T205 = "info"
    exclude = ["README.md", "old/**"]  # files a folder's search skips (globs, relative as above)
    max-file-size = "50MB"            # larger files are refused with a message
    [options]                         # free-form settings handed to the rules (Context.options)

A file that cannot be used (bad TOML, an unknown key, a bad value) raises
:class:`ConfigError`, whose message names the file. See docs/configuration.md.
"""

from __future__ import annotations

import os

from .lint import Config, parse_selectors, unknown_selectors
from .rules import Severity
from .source import parse_size

TYPE_CHECKING = False  # (typing is not imported for this)
if TYPE_CHECKING:
    from pathlib import Path

KEYS = ("select", "ignore", "per-file-ignores", "severity", "lang", "options", "exclude", "max-file-size")


class ConfigError(Exception):
    """A configuration file that cannot be used (with the file named)."""


def find_config_file(start: Path | str) -> Path | None:
    """The nearest ``nianbao.toml``, or ``pyproject.toml`` with ``[tool.nianbao]``, at or above ``start``.

    The search is in ``os.path``: pathlib (it imports urllib.parse and ipaddress) cost a lint of one
    file 4 % of its start-up, and most runs find no file. What is found is a ``Path``, as ever.
    """
    start = os.fspath(start)
    here = start if os.path.isdir(start) else (os.path.dirname(start) or os.curdir)
    here = os.path.realpath(here)  # what Path.resolve() does
    while True:
        candidate = os.path.join(here, "nianbao.toml")
        if os.path.isfile(candidate):
            return _found(candidate)
        candidate = os.path.join(here, "pyproject.toml")
        if os.path.isfile(candidate) and _configures(candidate):
            return _found(candidate)
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _found(path: str) -> Path:
    from pathlib import Path

    return Path(path)


def _configures(pyproject: str) -> bool:
    """Whether a ``pyproject.toml`` has a ``[tool.nianbao]`` table, parsing it only when that is unknown.

    Most projects' pyproject.toml has nothing of nianbao: parsing it (and importing ``tomllib``) cost a
    lint of one file about 3 % of its start-up. A key spelt with escapes (``"\\u006eianbao"``) needs
    a backslash, so a file with one is parsed; one that cannot be read is left to :func:`_read`. A
    file that mentions nianbao without configuring it (a plugin's or nianbao's own project) is
    answered from the user's cache while its bytes are those the answer was found for.
    """
    try:
        with open(pyproject, "rb") as f:
            data = f.read()
    except OSError:
        data = None
    if data is not None and b"nianbao" not in data and b"\\" not in data:
        return False
    if data is not None and _unconfigured(pyproject, data):
        return False
    found = "nianbao" in _read(pyproject).get("tool", {})  # a broken file: ConfigError, as ever
    if data is not None and not found:
        _remember_unconfigured(pyproject, data)
    return found


_UNCONFIGURED_KEPT = 32  # pyproject files remembered (the most recent)


def _unconfigured_file() -> str | None:
    import sys

    from .cachefiles import cache_dir

    folder = cache_dir()
    return os.path.join(folder, f"pyproject-{sys.implementation.cache_tag}.marshal") if folder else None


def _read_unconfigured(path: str) -> dict[str, bytes]:
    import marshal

    try:
        with open(path, "rb") as f:
            found = marshal.loads(f.read())
    except Exception:  # missing, unreadable, truncated, not ours: nothing known
        return {}
    return found if isinstance(found, dict) else {}


def _unconfigured(pyproject: str, data: bytes) -> bool:
    """Whether these very bytes of this file were parsed before and had no ``[tool.nianbao]``."""
    path = _unconfigured_file()
    return path is not None and _read_unconfigured(path).get(str(pyproject)) == data


def _remember_unconfigured(pyproject: str, data: bytes) -> None:
    from .cachefiles import write_cache as _write_cache

    path = _unconfigured_file()
    if path is None:
        return
    known = _read_unconfigured(path)
    known.pop(str(pyproject), None)
    known[str(pyproject)] = data  # the most recent last
    _write_cache(path, dict(list(known.items())[-_UNCONFIGURED_KEPT:]))


def load_config(start: Path | str | None) -> Config:
    """The configuration that applies to a file or folder (defaults when none is found)."""
    if start is None or str(start) == "-":
        start = os.getcwd()
    found = find_config_file(start)
    return load_config_file(found) if found else Config()


def load_config_file(path: Path | str) -> Config:
    """The configuration in one file (``nianbao.toml``, or ``pyproject.toml``'s ``[tool.nianbao]``)."""
    from pathlib import Path  # here: only a run that has a configuration file needs pathlib

    path = Path(path)
    data = _read(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("nianbao", {})
        where = f"{path} [tool.nianbao]"
    else:
        table, where = data, str(path)
    config = config_from_mapping(table, where, strict=True)
    check_codes(config, where)
    config.root = str(path.resolve().parent)
    config.origin = str(path)
    return config


_cache: dict[str, tuple[tuple[int, int], dict]] = {}


def _read(path: Path | str) -> dict:
    """The TOML of a file, cached while the file is unchanged."""
    import tomllib  # here: most runs find no configuration file

    try:
        st = os.stat(path)
        stamp = (st.st_mtime_ns, st.st_size)
        hit = _cache.get(os.fspath(path))
        if hit and hit[0] == stamp:
            return hit[1]
        with open(path, encoding="utf-8") as f:
            data = tomllib.loads(f.read())
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: {err}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as err:
        raise ConfigError(f"{path}: {err.strerror or err}") from None
    _cache[os.fspath(path)] = (stamp, data)
    return data


def config_from_mapping(table: dict, origin: str = "settings", strict: bool = False) -> Config:
    """A :class:`Config` from a mapping of the documented keys (files and editor settings).

    ``strict`` (files): an unknown key is an error, so a typo does not pass silently.
    """
    config = Config()
    try:
        if not isinstance(table, dict):
            raise TypeError("expected a table of settings")
        if strict:
            unknown = [k for k in table if k not in KEYS]
            if unknown:
                raise ValueError(f"unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
        if "select" in table:
            config.select = _selectors(table["select"], "select")
        config.ignore = _selectors(table.get("ignore", []), "ignore")
        exclude = table.get("exclude", [])
        if isinstance(exclude, str):
            exclude = [exclude]
        if not isinstance(exclude, list) or not all(isinstance(x, str) for x in exclude):
            raise TypeError("exclude must be a list of globs")
        config.exclude = list(exclude)
        pfi = table.get("per-file-ignores", {})
        if not isinstance(pfi, dict):
            raise TypeError("per-file-ignores must be a table of glob = [codes]")
        config.per_file_ignores = {str(k): _selectors(v, f"per-file-ignores.{k}") for k, v in pfi.items()}
        sev = table.get("severity", {})
        if not isinstance(sev, dict):
            raise TypeError("severity must be a table of code = level")
        config.severity = {}
        for k, v in sev.items():
            key = _selectors([k], "severity")[0]
            try:
                config.severity[key] = Severity(str(v).lower())
            except ValueError:
                raise ValueError(f"severity.{k}: {v!r} is not one of {', '.join(s.value for s in Severity)}") from None
        lang = table.get("lang")
        if lang is not None:
            if lang not in ("zh", "en"):
                raise ValueError(f"lang must be zh or en, not {lang!r}")
            config.lang = lang
        if "max-file-size" in table:
            config.max_file_size = parse_size(table["max-file-size"])
        options = table.get("options", {})
        if not isinstance(options, dict):
            raise TypeError("options must be a table")
        config.options = dict(options)
    except (TypeError, ValueError, AttributeError) as err:
        raise ConfigError(f"{origin}: {err}") from None
    return config


def check_codes(config: Config, where: str) -> None:
    """Every code and prefix of a configuration names installed rules, else :class:`ConfigError`."""
    from . import registry

    codes = list(registry.rules())
    used = [
        ("select", config.select),
        ("ignore", config.ignore),
        *((f"per-file-ignores.{k}", v) for k, v in config.per_file_ignores.items()),
        ("severity", list(config.severity)),
    ]
    for key, selectors in used:
        for sel, close in unknown_selectors(selectors, codes):
            hint = f" (closest: {', '.join(close)})" if close else ""
            raise ConfigError(f"{where}: {key}: no rule code or prefix {sel!r}{hint}")


def _selectors(value: object, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise TypeError(f"{key} must be a list of rule codes")
    try:
        return parse_selectors(str(v) for v in value)
    except ValueError as err:
        raise ValueError(f"{key}: {str(err)!r} is not a rule code or prefix (e.g. A301, A3, A, ALL)") from None
