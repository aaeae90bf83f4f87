"""Install instructions that work: nianbao is not on PyPI, so no document may tell users to `pip install nianbao`."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
WHERE = ["README.md", "docs/*.md", "editors/vscode/*.md", "editors/vscode/src/*.ts", "editors/vscode/package.json"]


def test_no_document_installs_from_pypi() -> None:
    files = [p for pattern in WHERE for p in sorted(ROOT.glob(pattern))]
    assert len(files) >= 8
    wrong = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in files
        for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
        if re.search(r"pip install nianbao(?![\w\[-])", line)
    ]
    assert wrong == []
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "pip install ." in readme and "pip install 'git+https://" in readme and "pip wheel" in readme
