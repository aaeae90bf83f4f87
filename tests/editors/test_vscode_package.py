"""The VS Code extension builds into a .vsix from the repository, with only the npm registry."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"
NPM = shutil.which("npm")


@pytest.mark.skipif(NPM is None, reason="npm (Node.js) is not installed")
def test_npm_run_package_builds_the_vsix(tmp_path) -> None:
    work = tmp_path / "vscode"
    shutil.copytree(EXTENSION, work, ignore=shutil.ignore_patterns("node_modules", "dist", "*.vsix"))
    for step in (["ci", "--no-audit", "--no-fund"], ["run", "package"]):
        done = subprocess.run([NPM, *step], cwd=work, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with zipfile.ZipFile(work / "nianbao.vsix") as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
    assert {"extension/dist/extension.js", "extension/package.json", "extension/LICENSE.txt"} <= names
    assert not any(n.startswith("extension/node_modules/") or n.startswith("extension/src/") for n in names)
    assert {"onLanguage:plaintext", "onLanguage:markdown"} <= set(manifest["activationEvents"])
    assert manifest["main"] == "./dist/extension.js"
