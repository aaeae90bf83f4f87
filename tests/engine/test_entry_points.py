"""The plugin scan reads entry points exactly as importlib.metadata does (it replaces it to start faster)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points as metadata_entry_points
from pathlib import Path

import pytest

from nianbao import registry

from ..paths import FIXTURES


def _dist(root: Path, folder: str, entry_points: str | None) -> None:
    d = root / folder
    d.mkdir(parents=True)
    name, _, version = folder.rpartition(".")[0].partition("-")
    (d / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version or '0'}\n", "utf-8")
    if entry_points is not None:
        (d / "entry_points.txt").write_text(entry_points, "utf-8")


def _both(monkeypatch: pytest.MonkeyPatch, path: list[str]) -> tuple[list, list]:
    monkeypatch.setattr(sys, "path", path)
    ours = [(ep.name, ep.value) for ep in registry.entry_points("nianbao")]
    theirs = [(ep.name, ep.value) for ep in metadata_entry_points(group="nianbao")]
    return ours, theirs


def test_same_entry_points_as_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "site-a", tmp_path / "site-b"
    _dist(first, "alpha_plugin-1.0.dist-info", "[console_scripts]\na = alpha:main\n\n[nianbao]\nalpha = alpha.mod\n")
    _dist(first, "Beta.Plugin-2.0.dist-info", "# a comment\n[nianbao]\n# another\n beta = beta.rules:Bundle.hooks \n")
    _dist(first, "no_entry_points-1.0.dist-info", None)
    _dist(first, "other_group-1.0.dist-info", "[pytest11]\nx = y\n")
    _dist(first, "legacy-0.3.egg-info", "[nianbao]\nlegacy = legacy_mod\n")
    # the same distribution again later on the path (an older copy): the first one wins, as in importlib
    _dist(second, "alpha_plugin-0.9.dist-info", "[nianbao]\nalpha-old = alpha_old\n")
    _dist(second, "beta_plugin-1.0.dist-info", "[nianbao]\nbeta-old = beta_old\n")
    _dist(second, "gamma-1.0.dist-info", "[nianbao]\ngamma = gamma\n[nianbao.extra]\nnot = this\n")
    path = [str(first), str(tmp_path / "missing"), str(second)]
    ours, theirs = _both(monkeypatch, path)
    assert ours == theirs
    assert sorted(ours) == [
        ("alpha", "alpha.mod"),
        ("beta", "beta.rules:Bundle.hooks"),
        ("gamma", "gamma"),
        ("legacy", "legacy_mod"),
    ]


def test_a_distribution_installed_later_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No cache between runs: a plugin installed (or removed) shows up (or goes) at the next scan."""
    site = tmp_path / "site"
    _dist(site, "one-1.0.dist-info", "[nianbao]\none = one\n")
    assert _both(monkeypatch, [str(site)])[0] == [("one", "one")]
    _dist(site, "two-1.0.dist-info", "[nianbao]\ntwo = two\n")
    ours, theirs = _both(monkeypatch, [str(site)])
    assert sorted(ours) == sorted(theirs) == [("one", "one"), ("two", "two")]
    for f in (site / "one-1.0.dist-info").iterdir():
        f.unlink()
    (site / "one-1.0.dist-info").rmdir()
    assert _both(monkeypatch, [str(site)])[0] == [("two", "two")]


def test_the_installed_environment_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    ours, theirs = _both(monkeypatch, [*sys.path, str(FIXTURES / "toy_plugin")])
    assert ours == theirs
    assert ("semicolon", "nianbao_toy") in ours and ("pipe", "nianbao.plugins.dialects.pipe") in ours


def test_a_zip_on_the_path_is_read_by_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("zipped-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped\nVersion: 1.0\n")
        z.writestr("zipped-1.0.dist-info/entry_points.txt", "[nianbao]\nzipped = zipped_mod\n")
    ours, theirs = _both(monkeypatch, [str(archive)])
    assert ours == theirs == [("zipped", "zipped_mod")]


def test_entry_point_load_resolves_attributes() -> None:
    ep = registry.EntryPoint("x", "nianbao.plugins.rules.hygiene:RULES")
    from nianbao.plugins.rules.hygiene import RULES

    assert ep.load() is RULES
    assert registry.EntryPoint("x", "nianbao.plugins.rules.hygiene").load().__name__ == "nianbao.plugins.rules.hygiene"


def test_lint_does_not_import_importlib_metadata() -> None:
    """What made every command start slowly: the whole importlib.metadata (email, zipfile, csv ...)."""
    code = "import sys; from nianbao.cli import main; main(['rules']); print('importlib.metadata' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
