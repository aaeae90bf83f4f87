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
