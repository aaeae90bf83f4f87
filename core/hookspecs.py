"""Hook specifications: what a nianbao plugin can provide.

A plugin is a module (or object) with functions marked ``@hookimpl``,
registered under the entry-point group ``nianbao`` in its package metadata::

    [project.entry-points.nianbao]
    mydialect = "my_package.my_module"

The built-in dialects and rule bundles register exactly this way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .dialect import Dialect
    from .rules import Rule

PROJECT = "nianbao"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def nianbao_dialects() -> list[Dialect]:
    """Return the format dialects this plugin provides (instances)."""


@hookspec
def nianbao_rules() -> list[type[Rule]]:
    """Return the rule classes this plugin provides."""
