"""The notebook API: names, reading, checking, rows, DataFrames with and without pandas."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

import nianbao
from nianbao.output import report_json
from nianbao.template import VERSIONS, template

from ..paths import CORPUS, SEEDS, seed_path


def test_stable_names_in_all_and_lazy() -> None:
    for name in nianbao.__all__:
        assert getattr(nianbao, name) is not None, name
    assert {"read", "read_all", "check", "records", "dataframe", "export", "Report", "Finding"} <= set(nianbao.__all__)
    assert set(nianbao.__all__) <= set(dir(nianbao))
    # importing the package does not import the engine: names load when first used
    code = "import sys, nianbao; print('nianbao.engine' in sys.modules, 'nianbao.api' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.split() == [
        "False",
        "False",
    ]
    with pytest.raises(AttributeError):
        nianbao.no_such_name  # noqa: B018


def test_short_repr() -> None:
    report = nianbao.read(seed_path("003"))
    assert len(repr(report)) < 200 and "cells=198" in repr(report)
    finding = nianbao.check(report)[0]
    assert len(repr(finding)) < 120 and finding.code in repr(finding)


def test_read_all_folders_and_files_one_at_a_time(tmp_path) -> None:
    reports = nianbao.read_all([SEEDS[0].parent, CORPUS / "shuyang_county_2025" / "shuyang_county_2025.md"])
    assert not isinstance(reports, list)
    got = list(reports)
    assert [r.path for r in got][:5] == [str(p) for p in SEEDS] and len(got) == 6
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(nianbao.SourceError):
        list(nianbao.read_all(tmp_path))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert list(nianbao.read_all(tmp_path, errors="skip")) == []
    assert "empty.txt" in str(caught[0].message)


def test_check_is_lint(tmp_path) -> None:
    """The findings of the API are those of ``nianbao lint --format json``, place by place."""
    findings = nianbao.check(list(nianbao.read_all(SEEDS)))
    proc = subprocess.run(
        [sys.executable, "-m", "nianbao", "lint", "--format", "json", *map(str, SEEDS)], capture_output=True
    )
    cli = json.loads(proc.stdout)
    assert sorted((f.path, f.code, f.line, f.column, f.message) for f in findings) == sorted(
        (d["path"], d["code"], d["line"], d["column"], d["message"]) for d in cli
    )
    only_a = nianbao.check(nianbao.read(seed_path("001")), select=["A"])
    assert only_a and {f.family for f in only_a} == {"A"}
    assert all(f.to_dict()["code"] == f.code for f in only_a)


def test_records_match_parse_json() -> None:
    for path in SEEDS:
        report = nianbao.read(path)
        (row,) = nianbao.records(report)
        doc = report_json(report)
        assert {k: row[k] for k in doc["cells"]} == {k: c["value"] for k, c in doc["cells"].items()}
        assert (row["title"], row["agency"], row["year"]) == (doc["title"], doc["agency"], doc["year"])
        cells = nianbao.records(report, long=True)
        assert [(c["key"], c["value"], c["line"], c["column"]) for c in cells] == [
            (k, c["value"], c["line"], c["column"]) for k, c in doc["cells"].items()
        ]


def test_read_text_same_as_file() -> None:
    path = seed_path("002")
    text = path.read_text("utf-8")
    assert nianbao.read_text(text, str(path)).to_dict() == nianbao.read(path).to_dict()


def test_dataframe_with_pandas() -> None:
    import pandas as pd

    reports = list(nianbao.read_all(SEEDS))
    frame = nianbao.dataframe(reports)
    assert isinstance(frame, pd.DataFrame) and len(frame) == 5
    assert frame["t3.new.total"].tolist() == [r.value("t3.new.total") for r in reports]
    long = nianbao.dataframe(reports, long=True)
    assert len(long) == sum(len(r.cells) for r in reports)


def test_dataframe_without_pandas_says_so() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import nianbao\n"
        "r = nianbao.read(sys.argv[1])\n"
        "print(len(nianbao.records(r)[0]))\n"
        "try:\n    nianbao.dataframe(r)\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(SEEDS[0])], capture_output=True, text=True).stdout
    n, message = out.splitlines()
    every_key = {k for v in VERSIONS for k in template(v).keys}
    assert int(n) == len(every_key) + 9  # path, title, agency, year, template, dialect, period, signed
    assert "pip install pandas" in message
