"""Dialects are plugins: built-ins and third-party packages load the same way."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from nianbao import registry

from ..paths import FIXTURES, seed_path


def test_builtin_dialects_come_from_entry_points() -> None:
    plugins = {name for name, _ in registry.manager().list_name_plugin()}
    assert {"pipe", "tab", "cells"} <= plugins  # registered under their entry-point names
    assert set(registry.dialects()) >= {"pipe", "tab", "cells"}


def test_third_party_dialect_is_found_and_used(tmp_path) -> None:
    """An installed distribution (here a dist-info on PYTHONPATH) with a ``nianbao`` entry point."""
    report = tmp_path / "report.txt"
    text = seed_path("000").read_text("utf-8")
    report.write_text(text.replace(" | ", ";").replace("|", ";"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(FIXTURES / "toy_plugin")}
    listing = subprocess.run([sys.executable, "-m", "nianbao", "dialects"], env=env, capture_output=True, text=True)
    assert "semicolon" in listing.stdout
    parsed = subprocess.run(
        [sys.executable, "-m", "nianbao", "parse", "--format", "jsonl", str(report)],
        env=env,
        capture_output=True,
        text=True,
    )
    doc = json.loads(parsed.stdout)
    assert doc["dialect"] == "semicolon"
    assert doc["template"] == "2019"
    assert doc["cells"]["t3.total.total"]["value"] == 0 and len(doc["cells"]) == 198


def test_builtin_plugins_are_registered_by_their_hooks_alone() -> None:
    """pluggy scans every name of a registered plugin: a built-in module is handed over as its hooks only."""
    import pluggy

    from nianbao import hookspecs

    spec_names = {n for n in dir(hookspecs) if pluggy.PluginManager("nianbao").parse_hookspec_opts(hookspecs, n)}
    assert set(registry.HOOKS) == spec_names
    modules = {ep.name: ep.value for ep in registry.entry_points("nianbao") if ep.value.startswith("nianbao.plugins.")}
    registered = dict(registry.manager().list_name_plugin())
    assert set(modules) <= set(registered)
    for name, module in modules.items():
        plugin = registered[name]
        assert plugin.__name__ == module  # what ``nianbao rules`` shows as the rule's module
        hooks = {n for n in vars(plugin) if not n.startswith("__")}
        assert hooks and hooks <= set(registry.HOOKS)
        assert all(getattr(plugin, n) is getattr(sys.modules[module], n) for n in hooks)


def test_pluggy_is_shown_the_hooks_alone() -> None:
    """dir() of a built-in plugin and of the specifications names their hooks only (pluggy inspects each name).

    Yet every hook is found: each built-in's hook functions are the manager's implementations,
    and the specifications are hookspecs.py's own functions.
    """
    from nianbao import hookspecs

    manager = registry.manager()
    modules = {ep.name: ep.value for ep in registry.entry_points("nianbao") if ep.value.startswith("nianbao.plugins.")}
    registered = dict(manager.list_name_plugin())
    for name, module in modules.items():
        plugin = registered[name]
        hooks = sorted(h for h in registry.HOOKS if hasattr(sys.modules[module], h))
        assert sorted(dir(plugin)) == hooks
        for hook in hooks:
            impls = {i.plugin_name: i.function for i in getattr(manager.hook, hook).get_hookimpls()}
            assert impls[name] is getattr(sys.modules[module], hook)
    for hook in registry.HOOKS:
        spec = getattr(manager.hook, hook).spec
        assert spec is not None and spec.function is getattr(hookspecs, hook)
    assert registry.dialects() and registry.rules()
