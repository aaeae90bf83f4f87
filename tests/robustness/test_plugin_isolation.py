"""A broken plugin is named and left out; every other plugin, and always the built-ins, keep working.

Issue 15, case 7 and issue 10's plugin hygiene: each plugin below is installed
like a third-party package (a dist-info on ``PYTHONPATH``) and the real CLI is
run with it; the output must be what it is without the plugin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..paths import SEEDS

PLUGINS = Path(__file__).parent / "plugins"


def _nianbao(*args: str, plugin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if plugin:
        env["PYTHONPATH"] = str(PLUGINS / plugin)
    return subprocess.run(
        [sys.executable, "-m", "nianbao", *args], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def clean() -> dict[str, object]:
    """What the CLI says without any extra plugin."""
    rules = _nianbao("rules", "--format", "json")
    lint = _nianbao("lint", "--format", "json", *map(str, SEEDS))
    return {"rules": json.loads(rules.stdout), "lint": json.loads(lint.stdout), "lint_rc": lint.returncode}


def _codes(doc: object) -> list[str]:
    return sorted(r["code"] for r in doc)  # type: ignore[attr-defined, index]


def test_a_plugin_that_fails_on_import_leaves_every_builtin_working(clean) -> None:
    rules = _nianbao("rules", "--format", "json", plugin="broken_import")
    assert rules.returncode == 0
    assert _codes(json.loads(rules.stdout)) == _codes(clean["rules"])
    assert "broken" in rules.stderr and "ImportError" in rules.stderr and "Traceback" not in rules.stderr
    lint = _nianbao("lint", "--format", "json", *map(str, SEEDS), plugin="broken_import")
    assert lint.returncode == clean["lint_rc"] == 1
    assert json.loads(lint.stdout) == clean["lint"]  # every seed defect still found
    dialects = _nianbao("dialects", plugin="broken_import")
    assert all(name in dialects.stdout for name in ("pipe", "tab", "cells"))


def test_misbehaving_rules_are_contained_and_named(clean) -> None:
    lint = _nianbao("lint", "--format", "json", *map(str, SEEDS), plugin="bad_rules")
    assert lint.returncode == 2, lint.stderr  # a rule failed: reported as an error, not exit 99
    assert "Traceback" not in lint.stderr
    found = json.loads(lint.stdout)
    builtin = [d for d in found if d["code"] not in ("N983", "N985") and not d["code"].startswith("E")]
    assert builtin == clean["lint"]  # the impostor A301 did not replace the built-in, nothing else changed
    failed = " ".join(d["message"] for d in found if d["code"] == "E004")  # the incomplete checks, in the output
    assert all(code in failed for code in ("N981", "N982", "N984"))
    assert {d["code"] for d in found if d["code"] == "N985"} == {"N985"}  # the good rule of the plugin runs
    for code in ("N981", "N982", "N984"):
        assert code in lint.stderr
    # a span outside the text is moved inside it (the finding is kept), and the rule named
    assert "N983" in lint.stderr and [d for d in found if d["code"] == "N983"]
    assert "badrules" in lint.stderr  # the plugin is named
    assert all(d["line"] >= 1 and d["column"] >= 1 for d in found)
    rules = _nianbao("rules", "--format", "json", plugin="bad_rules")
    listed = _codes(json.loads(rules.stdout))
    assert set(listed) == set(_codes(clean["rules"])) | {"N981", "N982", "N983", "N984", "N985"}
    assert "A301" in rules.stderr and "not a code" in rules.stderr  # the clash and the malformed code, named
    owners = {r["code"]: (r["plugin"], r["module"]) for r in json.loads(rules.stdout)}
    assert owners["N985"] == ("badrules", "nianbao_badrules")  # who provides each rule, as the registry says
    assert owners["A301"] == ("rules-arithmetic", "nianbao.plugins.rules.arithmetic")  # the built-in kept it


def test_a_plugin_whose_rules_hook_raises_is_left_out_of_the_catalogue(clean) -> None:
    """The registry calls the hook once and leaves the plugin out; ``rules`` lists what it collected."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "lsp" / "fixtures" / "broken_plugin")}
    env["NIANBAO_BROKEN"] = "hook"
    done = subprocess.run(
        [sys.executable, "-m", "nianbao", "rules", "--format", "json"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert json.loads(done.stdout) == clean["rules"]
    assert "broken" in done.stderr and "nianbao_rules" in done.stderr  # named, with the hook that failed


def test_misbehaving_dialects_are_skipped_and_named(clean) -> None:
    expected = {}
    for path in SEEDS:
        doc = json.loads(_nianbao("parse", "--format", "json", str(path)).stdout)
        expected[path.name] = doc
    warnings = ""
    for path in SEEDS:
        parsed = _nianbao("parse", "--format", "json", str(path), plugin="bad_dialects")
        assert parsed.returncode == 0, parsed.stderr
        assert "Traceback" not in parsed.stderr
        assert json.loads(parsed.stdout) == expected[path.name]
        warnings += parsed.stderr
    # read-raises and read-garbage are tried where no built-in is sure (a score below 1)
    for name in ("detect-raises", "huge-score", "read-raises", "read-garbage", "'pipe' already provided"):
        assert name in warnings
    lint = _nianbao("lint", "--format", "json", *map(str, SEEDS), plugin="bad_dialects")
    assert json.loads(lint.stdout) == clean["lint"]
    forced = _nianbao("parse", "--dialect", "read-raises", str(SEEDS[0]), plugin="bad_dialects")
    assert forced.returncode == 2 and "read exploded" in forced.stderr and "Traceback" not in forced.stderr
    listing = _nianbao("dialects", plugin="bad_dialects")
    assert listing.returncode == 0 and "Traceback" not in listing.stderr
    assert "nianbao.plugins.dialects.pipe" in listing.stdout  # the built-in kept its name
