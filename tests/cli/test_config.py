"""Rule selection: --select/--ignore, configuration files found by walking up, per-file ignores, severities."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.config import ConfigError, config_from_mapping, load_config
from nianbao.lint import Config
from nianbao.rules import Severity

from .conftest import nianbao

# N990 (garbage), N991 (XXX), N992 (ZZ), X990 (always); two sections: a report, also when found in a folder
TEXT = "一、总体情况\n今年 XXX 件，政务ζ公开ZZ。\n六、其他需要报告的事项\n无。\n"


def _codes(*args, cwd=None) -> list[str]:
    r = nianbao("lint", "--format", "json", *args, cwd=cwd)
    assert r.code in (0, 1), r.err
    return sorted({d["code"] for d in json.loads(r.out)})


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_select_by_code_and_prefix(report) -> None:
    assert _codes("--select", "N990", report) == ["N990"]
    assert _codes("--select", "N99", "--select", "X990", report) == ["N990", "N991", "N992", "X990"]
    assert _codes("--select", "n990,x990", report) == ["N990", "X990"]  # case does not matter


def test_ignore_and_specificity(report) -> None:
    assert _codes("--select", "N99", "--ignore", "N991", report) == ["N990", "N992"]
    assert _codes("--select", "N990,N991", "--ignore", "N", report) == ["N990", "N991"]  # the more specific wins
    assert _codes("--select", "N99", "--ignore", "N99", report) == []  # a tie: ignore wins


def test_config_walking_up(tmp_path, report) -> None:
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    nested = deep / "r.txt"
    nested.write_text(TEXT, encoding="utf-8")
    (tmp_path / "nianbao.toml").write_text('select = ["N99"]\nignore = ["N992"]\n', encoding="utf-8")
    assert _codes(nested) == ["N990", "N991"]
    assert _codes(report) == ["N990", "N991"]
    # a nearer pyproject.toml with [tool.nianbao] wins over the farther nianbao.toml
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.nianbao]\nselect = ["X990"]\n', encoding="utf-8")
    assert _codes(nested) == ["X990"]
    # a pyproject.toml without [tool.nianbao] is passed over
    (tmp_path / "a" / "b" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert _codes(nested) == ["X990"]
    # each file gets its own configuration in one run
    r = nianbao("lint", "--format", "json", nested, report)
    by_path = {}
    for d in json.loads(r.out):
        by_path.setdefault(d["path"], set()).add(d["code"])
    assert by_path == {str(nested): {"X990"}, str(report): {"N990", "N991"}}


def test_pyproject_without_nianbao_is_not_parsed(tmp_path) -> None:
    """A project's own pyproject.toml is passed over unread; an escaped key spelling nianbao is still found."""
    from nianbao.config import find_config_file

    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.ruff\nbroken = \n', encoding="utf-8")
    assert find_config_file(folder) is None  # not this tool's file: even broken TOML is no error of ours
    probe = "import sys, nianbao.config as c; print(c.find_config_file(sys.argv[1]), 'tomllib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe, str(folder)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["None", "False"]
    (folder / "pyproject.toml").write_text('[tool."\\u006eianbao"]\nselect = ["A301"]\n', encoding="utf-8")
    assert find_config_file(folder) == (folder / "pyproject.toml").resolve()
    assert load_config(folder).select == ["A301"]


def test_pyproject_mentioning_nianbao_without_configuring_it_is_parsed_once(tmp_path, monkeypatch) -> None:
    """A plugin's (or nianbao's own) pyproject.toml: remembered unconfigured for its very bytes, never more."""
    from nianbao.config import find_config_file

    cache = tmp_path / "cache"
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(cache))
    folder = tmp_path / "p"
    folder.mkdir()
    pyproject = folder / "pyproject.toml"
    pyproject.write_text('[project]\nname = "nianbao-toy"\n[project.entry-points.nianbao]\ntoy = "toy"\n', "utf-8")
    probe = "import sys, nianbao.config as c; print(c.find_config_file(sys.argv[1]), 'tomllib' in sys.modules)"

    def found_in_a_new_process() -> list[str]:
        out = subprocess.run([sys.executable, "-c", probe, str(folder)], capture_output=True, text=True, check=True)
        return out.stdout.split()

    assert found_in_a_new_process() == ["None", "True"]  # parsed: it mentions nianbao
    assert found_in_a_new_process() == ["None", "False"]  # the same bytes: known to configure nothing
    # the same file, now configuring nianbao
    pyproject.write_text('[project]\nname = "nianbao-toy"\n[tool.nianbao]\nselect = ["A"]\n#' + "x" * 3, "utf-8")
    assert found_in_a_new_process() == [str(pyproject.resolve()), "True"]
    assert load_config(folder).select == ["A"]
    pyproject.write_text('[project]\nname = "nianbao-toy"\n[tool.nianbao\n', "utf-8")  # broken: an error, as ever
    with pytest.raises(ConfigError, match=r"pyproject\.toml"):
        find_config_file(folder)
    for damaged in (b"", b"\x00garbage", b"\xfb" * 40):  # a damaged cache file is read around
        pyproject.write_text('[project]\nname = "nianbao-toy"\n', "utf-8")
        for f in cache.glob("pyproject-*.marshal"):
            f.write_bytes(damaged)
        assert find_config_file(folder) is None
        pyproject.write_text('[tool.nianbao]\nselect = ["T"]\n', "utf-8")
        assert find_config_file(folder) == pyproject.resolve()


def test_cli_overrides_config(tmp_path, report) -> None:
    (tmp_path / "nianbao.toml").write_text('select = ["N99"]\nignore = ["N991"]\n', encoding="utf-8")
    assert _codes(report) == ["N990", "N992"]
    assert _codes("--select", "X990", report) == ["X990"]  # --select replaces select
    assert _codes("--select", "N991", report) == ["N991"]  # and beats an ignore of the same code
    assert _codes("--ignore", "N990", report) == ["N992"]  # --ignore adds to ignore


def test_config_option_uses_one_file(tmp_path, report) -> None:
    other = tmp_path / "elsewhere.toml"
    other.write_text('select = ["N992"]\n', encoding="utf-8")
    (tmp_path / "nianbao.toml").write_text('select = ["N990"]\n', encoding="utf-8")
    assert _codes("--config", other, report) == ["N992"]


def test_per_file_ignores(tmp_path) -> None:
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "d.txt"
    final = tmp_path / "final.txt"
    for p in (draft, final):
        p.write_text(TEXT, encoding="utf-8")
    (tmp_path / "nianbao.toml").write_text(
        'select = ["N99"]\n[per-file-ignores]\n"drafts/*.txt" = ["N99"]\n"final.txt" = ["N990"]\n', encoding="utf-8"
    )
    r = nianbao("lint", "--format", "json", tmp_path)
    by_path: dict[str, set[str]] = {}
    for d in json.loads(r.out):
        by_path.setdefault(d["path"], set()).add(d["code"])
    assert by_path == {str(final): {"N991", "N992"}}
    # the patterns are relative to the config file's folder, whatever the current folder
    assert _codes(draft, cwd=tmp_path / "drafts") == []
    # and per-file ignores hold even against --select
    assert _codes("--select", "N990", draft) == []


def test_severity_overrides(tmp_path, report) -> None:
    (tmp_path / "nianbao.toml").write_text(
        'select = ["N99"]\n[severity]\nN99 = "info"\nN991 = "hint"\n', encoding="utf-8"
    )
    r = nianbao("lint", "--format", "json", report)
    sev = {d["code"]: d["severity"] for d in json.loads(r.out)}
    assert sev == {"N990": "info", "N991": "hint", "N992": "info"}  # the most specific key wins
    assert r.code == 0  # info and hints do not fail the run
    r = nianbao("lint", "--format", "json", "--severity", "N992=error", report)
    sev = {d["code"]: d["severity"] for d in json.loads(r.out)}
    assert sev["N992"] == "error" and r.code == 1


def test_config_lang(tmp_path, report) -> None:
    (tmp_path / "nianbao.toml").write_text('select = ["N990"]\nlang = "en"\n', encoding="utf-8")
    r = nianbao("lint", "--format", "concise", report)
    assert "garbage characters" in r.out
    assert "乱码字符" in nianbao("lint", "--format", "concise", "--lang", "zh", report).out  # --lang wins


def test_config_values_in_process(tmp_path) -> None:
    config = config_from_mapping(
        {"select": ["A", "n1"], "ignore": "A3", "severity": {"A301": "INFO"}, "per-file-ignores": {"x/*": ["S"]}}
    )
    assert config.select == ["A", "N1"] and config.ignore == ["A3"]
    assert config.severity_of("A301", Severity.ERROR) == Severity.INFO
    assert config.enabled("A101") and not config.enabled("A301") and config.enabled("N101")
    assert not config.enabled("S101")  # not selected
    with pytest.raises(ConfigError, match="settings: lang must be zh or en"):
        config_from_mapping({"lang": "de"})
    config_from_mapping({"unknown-editor-setting": 1})  # editor settings are not strict
    (tmp_path / "nianbao.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    loaded = load_config(tmp_path / "any.txt")
    assert loaded.enabled("Q999") and loaded.origin == str(tmp_path / "nianbao.toml")
    # the cache notices a changed file
    (tmp_path / "nianbao.toml").write_text('select = ["A"]\nignore = ["A30"]\n', encoding="utf-8")
    assert not load_config(tmp_path / "any.txt").enabled("A301")
    assert Config().enabled("X301")


def test_exclude_skips_files_found_in_folders_but_not_named_ones(tmp_path) -> None:
    (tmp_path / "old").mkdir()
    for p in (tmp_path / "README.md", tmp_path / "old" / "2019.txt", tmp_path / "r.txt"):
        p.write_text(TEXT, encoding="utf-8")
    (tmp_path / "nianbao.toml").write_text('select = ["N990"]\nexclude = ["README.md", "old/**"]\n', encoding="utf-8")
    r = nianbao("lint", "--format", "json", tmp_path)
    assert {d["path"] for d in json.loads(r.out)} == {str(tmp_path / "r.txt")}
    r = nianbao("lint", "--format", "json", tmp_path / "README.md")
    assert {d["path"] for d in json.loads(r.out)} == {str(tmp_path / "README.md")}


def test_a_file_named_twice_is_linted_once(tmp_path, report) -> None:
    r = nianbao("lint", "--format", "json", "--select", "N990", report, tmp_path / "." / "r.txt", cwd=tmp_path)
    assert len(json.loads(r.out)) == 1


@pytest.mark.parametrize(
    ("option", "value", "closest"),
    [
        ("--select", "Q999", "X990"),
        ("--select", "N998", "N990"),
        ("--ignore", "A39", "A30"),
        ("--severity", "T2999=info", "T209"),
    ],
)
def test_unknown_codes_on_the_command_line_are_errors(report, option, value, closest) -> None:
    r = nianbao("lint", option, value, report)
    assert r.code == 2 and r.out == ""
    assert r.err.strip().count("\n") == 0
    assert value.split("=")[0] in r.err and "最接近的：" in r.err
    assert closest in r.err.split("最接近的：")[1].strip().split(", ")
    assert "closest" in nianbao("lint", "--lang", "en", option, value, report).err


@pytest.mark.parametrize(
    "toml",
    [
        'select = ["S", "Q999"]\n',
        'ignore = ["N998"]\n',
        '[severity]\nT2999 = "info"\n',
        '[per-file-ignores]\n"*.txt" = ["A399"]\n',
    ],
    ids=["select", "ignore", "severity", "per-file-ignores"],
)
def test_unknown_codes_in_the_configuration_are_errors(tmp_path, report, toml) -> None:
    (tmp_path / "nianbao.toml").write_text(toml, encoding="utf-8")
    r = nianbao("lint", report)
    assert r.code == 2
    assert "nianbao.toml" in r.err and "no rule code or prefix" in r.err and "closest" in r.err
    assert nianbao("lint", "--config", tmp_path / "nianbao.toml", report).code == 2


def test_all_works_everywhere(tmp_path, report) -> None:
    assert _codes("--ignore", "ALL", report) == []
    assert _codes("--select", "ALL", "--ignore", "ALL", report) == []  # a tie: ignore wins
    assert _codes("--select", "N990", "--ignore", "ALL", report) == ["N990"]  # the more specific wins
    assert "X990" in _codes("--select", "ALL", report)
    (tmp_path / "nianbao.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    assert _codes(report) == []
    assert _codes("--select", "N990", report) == ["N990"]
    pfi = 'select = ["N99"]\n[per-file-ignores]\n"r.txt" = ["ALL"]\n'
    (tmp_path / "nianbao.toml").write_text(pfi, encoding="utf-8")
    assert _codes(report) == []
    (tmp_path / "nianbao.toml").write_text('select = ["N99"]\n[severity]\nALL = "hint"\n', encoding="utf-8")
    r = nianbao("lint", "--format", "json", report)
    assert r.code == 0 and {d["severity"] for d in json.loads(r.out)} == {"hint"}
    r = nianbao("lint", "--format", "json", "--severity", "ALL=error", "--select", "X990", report)
    assert r.code == 1 and {d["severity"] for d in json.loads(r.out)} == {"error"}
    # --ignore on the command line disables what it matches, even a code the configuration selects
    (tmp_path / "nianbao.toml").write_text('select = ["N990", "N991"]\n', encoding="utf-8")
    assert _codes("--ignore", "N", report) == []
