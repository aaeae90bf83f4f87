"""The plugin manager: built-in and third-party dialects and rules, via entry points.

Plugins are loaded one entry point at a time, so one that fails to import (or
whose hook raises, or returns something that is not a dialect or a rule)
is reported by name and left out while every other plugin, and always the
built-ins, keep working. Built-ins are registered first and win a clash of
rule codes or dialect names.
"""

from __future__ import annotations

import math
import os
import sys
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import NamedTuple

import pluggy

from . import hookspecs, regex_cache
from .dialect import Dialect

BUILTIN_PREFIX = "nianbao.plugins."
# What ``--select``/``--ignore`` can name: one to three capitals, then digits ("A301", "ZZ12")
RULE_CODE = regex_cache.compile(r"^[A-Z]{1,3}[0-9]{1,4}$")


class PluginError(Exception):
    """A plugin could not be loaded or misbehaved."""


class PluginProblem(NamedTuple):  # a NamedTuple: far cheaper to define than a dataclass (start-up)
    """A plugin that was (partly) left out, and why (one line, for people)."""

    plugin: str
    problem: str

    def __str__(self) -> str:
        return f"插件 {self.plugin}：{self.problem}，已忽略 (plugin {self.plugin}: ignored)"


class EntryPoint(NamedTuple):
    """An entry point of an installed distribution: ``name = module[:attr.attr]``."""

    name: str
    value: str

    def load(self) -> object:
        module, _, attrs = self.value.partition(":")
        obj: object = import_module(module.strip())
        for attr in filter(None, attrs.strip().split(".")):
            obj = getattr(obj, attr)
        return obj


def _section(text: str, group: str) -> list[EntryPoint]:
    """The entries of ``[group]`` in an ``entry_points.txt`` (the INI-like format of the packaging spec)."""
    out: list[EntryPoint] = []
    inside = False
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
        elif inside and "=" in line:
            name, _, value = line.partition("=")
            out.append(EntryPoint(name.strip(), value.strip()))
    return out


def _normalized(dist_dir: str) -> str:
    """A distribution's name from its metadata folder ("Nianbao_Toy-0.1.dist-info" → "nianbao_toy")."""
    # (the cached program: compiling it took 0.3 M instructions of every start-up)
    return regex_cache.compile(r"[-_.]+").sub("_", dist_dir.rpartition(".")[0].partition("-")[0]).lower()


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of every installed distribution, as ``importlib.metadata`` finds them.

    Read straight from the ``*.dist-info`` / ``*.egg-info`` folders on ``sys.path`` (in path order,
    the first copy of a distribution winning): importing ``importlib.metadata`` and scanning with it
    cost 15–25 ms of every command's start-up, this about half a millisecond. Where distributions
    may be found elsewhere (a zip on the path, a finder of its own), ``importlib.metadata`` is asked.
    """
    finders = [f for f in sys.meta_path if getattr(f, "find_distributions", None) is not None]
    if any(getattr(f, "__name__", None) != "PathFinder" for f in finders):
        return _metadata_entry_points(group)
    if any(entry.lower().endswith(".egg") for entry in sys.path):
        return _metadata_entry_points(group)  # a legacy egg's EGG-INFO
    seen: set[str] = set()
    out: list[EntryPoint] = []
    for entry in sys.path:
        root = entry or "."
        try:
            children = os.listdir(root)
        except NotADirectoryError:
            return _metadata_entry_points(group)  # a zip file on the path
        except OSError:
            continue
        for child in children:
            if not child.lower().endswith((".dist-info", ".egg-info")):
                continue
            name = _normalized(child)
            if name in seen:
                continue
            seen.add(name)
            try:
                with open(os.path.join(root, child, "entry_points.txt"), encoding="utf-8") as f:
                    text = f.read()
            except (OSError, UnicodeDecodeError):
                continue
            out.extend(_section(text, group))
    return out


def _metadata_entry_points(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as metadata_entry_points

    return [EntryPoint(ep.name, ep.value) for ep in metadata_entry_points(group=group)]


def _is_builtin(ep: EntryPoint) -> bool:
    return ep.value.startswith(BUILTIN_PREFIX)


# the hooks of hookspecs.py: all a built-in plugin module is scanned for
HOOKS = ("nianbao_dialects", "nianbao_rules")


def _hooks_only(plugin: object) -> object:
    """A built-in plugin module as pluggy needs to see it: a module holding only its hook functions.

    pluggy inspects every name of what is registered (statically, about 50,000 instructions a name):
    the imports and helpers of a module cost ~1 M instructions each at every start-up. Third-party
    plugins are registered as they are (a misspelt hook name in them must still be found). The
    module's ``__dir__`` (PEP 562) names its hooks alone, so that pluggy does not inspect the five
    attributes every module has either (3 M instructions of a start-up's twelve built-ins).
    """
    if not isinstance(plugin, ModuleType):
        return plugin
    hooks = ModuleType(plugin.__name__, plugin.__doc__)
    names = [name for name in HOOKS if hasattr(plugin, name)]
    for name in names:
        setattr(hooks, name, getattr(plugin, name))
    hooks.__dir__ = names.copy  # type: ignore[method-assign]  # dir(hooks): the hooks, nothing else
    return hooks


def _describe(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}".splitlines()[0][:300]


class _Loaded(NamedTuple):
    """The plugins loaded (once a run): the manager, the order of their answers, what was left out."""

    manager: pluggy.PluginManager
    order: list[str]  # plugin names in the order their answers are taken: built-ins first
    problems: list[PluginProblem]


@cache
def _loaded() -> _Loaded:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(_hooks_only(hookspecs))  # the specifications alone (1 M instructions less)
    problems: list[PluginProblem] = []
    order: list[str] = []
    found = sorted(entry_points(group=hookspecs.PROJECT), key=lambda ep: not _is_builtin(ep))  # stable
    for ep in found:
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue  # the same entry point seen twice (two copies on the path): the first wins
        try:
            plugin = ep.load()
            pm.register(_hooks_only(plugin) if _is_builtin(ep) else plugin, name=ep.name)
        except (Exception, SystemExit, KeyboardInterrupt) as err:  # a broken plugin must not stop the tool
            problems.append(PluginProblem(ep.name, _describe(err)))
            continue
        try:
            pm.check_pending()  # hook implementations nianbao does not know (a misspelt hook name)
        except pluggy.PluginValidationError as err:
            pm.unregister(name=ep.name)
            problems.append(PluginProblem(ep.name, _describe(err)))
            continue
        order.append(ep.name)
    # within each kind, the order pluggy calls them in (the last registered first), as before
    builtin = {ep.name for ep in found if _is_builtin(ep)}
    order = [n for n in reversed(order) if n in builtin] + [n for n in reversed(order) if n not in builtin]
    loaded = _Loaded(pm, order, problems)
    _collect(loaded)
    if problems:
        import logging

        for p in problems:
            logging.getLogger(__name__).warning("%s", p)
    return loaded


def manager() -> pluggy.PluginManager:
    return _loaded().manager


def problems() -> list[PluginProblem]:
    """The plugins (or parts of plugins) left out, and why."""
    return list(_loaded().problems)


class _Provided(NamedTuple):
    """What the loaded plugins provide: dialects and rules by name, and which plugin gave each rule."""

    dialects: dict[str, Dialect]
    rules: dict[str, type]
    rule_plugin: dict[str, str]  # code → the plugin that provides it


_provided: dict[int, _Provided] = {}


def _call(loaded: _Loaded, hook: str) -> list[tuple[str, object]]:
    """Each plugin's answer to ``hook``, in registration order, skipping (and recording) those that raise."""
    out: list[tuple[str, object]] = []
    impls = {impl.plugin_name: impl for impl in getattr(loaded.manager.hook, hook).get_hookimpls()}
    for name in loaded.order:
        impl = impls.get(name)
        if impl is None:
            continue
        try:
            out.append((name, impl.function()))
        except (Exception, SystemExit, KeyboardInterrupt) as err:
            loaded.problems.append(PluginProblem(name, f"{hook}: {_describe(err)}"))
    return out


def _items(loaded: _Loaded, name: str, hook: str, answer: object) -> list[object]:
    if answer is None:
        return []
    try:
        return list(answer)  # type: ignore[call-overload]
    except Exception as err:
        loaded.problems.append(PluginProblem(name, f"{hook}: not a list ({_describe(err)})"))
        return []


def _collect(loaded: _Loaded) -> None:
    from .rules import Rule

    dialects: dict[str, Dialect] = {}
    for plugin, answer in _call(loaded, "nianbao_dialects"):
        for d in _items(loaded, plugin, "nianbao_dialects", answer):
            name = getattr(d, "name", None)
            if not isinstance(d, Dialect) or not isinstance(name, str) or not name:
                loaded.problems.append(PluginProblem(plugin, f"nianbao_dialects: not a dialect: {d!r:.80}"))
            elif name in dialects:
                loaded.problems.append(PluginProblem(plugin, f"dialect {name!r} already provided"))
            else:
                dialects[name] = d
    rules: dict[str, type] = {}
    owner: dict[str, str] = {}
    for plugin, answer in _call(loaded, "nianbao_rules"):
        for cls in _items(loaded, plugin, "nianbao_rules", answer):
            code = getattr(cls, "code", None)
            if not (isinstance(cls, type) and issubclass(cls, Rule)):
                loaded.problems.append(PluginProblem(plugin, f"nianbao_rules: not a Rule class: {cls!r:.80}"))
            elif not isinstance(code, str) or not RULE_CODE.match(code):
                loaded.problems.append(PluginProblem(plugin, f"rule {cls.__name__}: malformed code {code!r:.40}"))
            elif code in rules:
                if rules[code] is not cls:
                    loaded.problems.append(
                        PluginProblem(plugin, f"rule code {code} already provided by plugin {owner[code]}")
                    )
            else:
                rules[code], owner[code] = cls, plugin
    _provided[id(loaded)] = _Provided(dialects, dict(sorted(rules.items())), owner)


def _get() -> _Provided:
    return _provided[id(_loaded())]


def dialects() -> dict[str, Dialect]:
    """Installed dialects by name (built-ins first; the first registration of a name wins)."""
    return dict(_get().dialects)


def rules() -> dict[str, type]:
    """Installed rule classes by code (built-ins first; the first registration of a code wins)."""
    return dict(_get().rules)


def rule_plugin(code: str) -> str | None:
    """The name of the plugin that provides the rule ``code``."""
    return _get().rule_plugin.get(code)


def reset() -> None:
    """Forget loaded plugins (tests that install a plugin call this)."""
    _loaded.cache_clear()
    _provided.clear()


def valid_score(score: object) -> bool:
    """A dialect's detection score must be a real number in 0–1 (1e9 must not win by fiat)."""
    return isinstance(score, int | float) and not isinstance(score, bool) and math.isfinite(score) and 0 <= score <= 1
