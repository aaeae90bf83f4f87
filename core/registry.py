"""The plugin manager: built-in and third-party dialects and rules, via entry points."""

from __future__ import annotations

import logging
from functools import cache

import pluggy

from . import hookspecs
from .dialect import Dialect

log = logging.getLogger(__name__)


class PluginError(Exception):
    """A plugin could not be loaded or misbehaved."""


@cache
def manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    try:
        pm.load_setuptools_entrypoints(hookspecs.PROJECT)
    except Exception as err:  # a broken third-party plugin must not stop the tool
        log.warning("a nianbao plugin failed to load: %s", err)
    pm.check_pending()
    return pm


def dialects() -> dict[str, Dialect]:
    """Installed dialects by name (first registration of a name wins)."""
    return dict(_dialects(manager()))


def reset() -> None:
    """Forget loaded plugins (tests that install a plugin call this)."""
    manager.cache_clear()
    _dialects.cache_clear()
    _rules.cache_clear()


def rules() -> dict[str, type]:
    """Installed rule classes by code (first registration of a code wins)."""
    return dict(_rules(manager()))


# asked for every report: computed once per plugin manager
@cache
def _dialects(pm: pluggy.PluginManager) -> dict[str, Dialect]:
    found: dict[str, Dialect] = {}
    for group in pm.hook.nianbao_dialects():
        for d in group or ():
            found.setdefault(d.name, d)
    return found


@cache
def _rules(pm: pluggy.PluginManager) -> dict[str, type]:
    found: dict[str, type] = {}
    for group in pm.hook.nianbao_rules():
        for rule in group or ():
            found.setdefault(rule.code, rule)
    return dict(sorted(found.items()))
