"""The project's address is one constant (``nianbao.project``); what cannot import it says the same."""

from __future__ import annotations

import re
from pathlib import Path

from nianbao.project import REPOSITORY, RULES_DOC

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = re.compile(r"https://github\.com/[\w.-]+/[\w.-]+?(?=\.git\b|[/'\"\s)`]|$)")
CODE = ["core", "lsp", "plugins"]
# files that name the repository and cannot import the constant
TEXTS = [
    "README.md",
    "docs/editors.md",
    "editors/vscode/README.md",
    "editors/vscode/EDITORS.md",
    "editors/vscode/package.json",
    "editors/vscode/src/extension.ts",
]


def test_python_code_names_the_address_only_in_nianbao_project() -> None:
    naming = [
        str(p.relative_to(ROOT))
        for folder in CODE
        for p in (ROOT / folder).rglob("*.py")
        if "github.com/" in p.read_text("utf-8")
    ]
    assert naming == ["core/project.py"]


def test_the_other_files_name_the_same_address() -> None:
    for name in TEXTS:
        found = set(ADDRESS.findall((ROOT / name).read_text("utf-8")))
        assert found == {REPOSITORY}, name


def test_sarif_and_the_language_server_link_the_rules_there() -> None:
    from nianbao.lsp.convert import rule_url
    from nianbao.render.sarif import rule_help_uri

    assert rule_url("A301") == RULES_DOC + "#a301"
    assert rule_help_uri("A301", REPOSITORY).startswith(REPOSITORY + "/")
