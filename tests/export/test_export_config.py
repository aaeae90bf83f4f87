"""``export`` under a broken ``nianbao.toml``: lint's message and exit 2, never the defaults silently."""

from __future__ import annotations

import csv

import pytest

from ..paths import SEEDS
from .conftest import nianbao

BROKEN = {
    "not TOML": "select = [\n",
    "an unknown code": 'select = ["A999"]\n',
    "a wrong type": "ignore = 3\n",
}


@pytest.mark.parametrize("toml", sorted(BROKEN))
def test_a_broken_configuration_is_said_as_lint_says_it(tmp_path, toml: str) -> None:
    bad, good = tmp_path / "bad", tmp_path / "good"
    for folder in (bad, good):
        folder.mkdir()
        for seed in SEEDS[:2]:
            (folder / seed.name).write_bytes(seed.read_bytes())
    (bad / "nianbao.toml").write_text(BROKEN[toml], encoding="utf-8")
    out = tmp_path / "out.csv"

    lint = nianbao("lint", "--format", "json", bad)
    export = nianbao("export", bad, good, "-o", out)
    assert lint.returncode == 2 and export.returncode == 2
    said = [line for line in lint.stderr.decode().splitlines() if "配置文件有误" in line]
    assert len(said) == 1
    assert export.stderr.decode().splitlines() == said  # the same line, once for the two files under it
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["path"].split("/")[-2] for r in rows) == ["good", "good"]  # the others not exported

    # without linting, the configuration plays no part: everything is exported
    assert nianbao("export", "--no-lint", bad, good, "-o", out).returncode == 0
