"""``nianbao export``: the seeds and the real 2021-format reports as CSV, XLSX, Parquet and JSONL."""

from __future__ import annotations

import csv
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao import Source, parse
from nianbao.output import report_json
from nianbao.template import VERSIONS, template

from ..paths import CORPUS, FIXTURES, SEEDS
from .conftest import nianbao

PDF = FIXTURES / "documents" / "huaian_city_2024.pdf"  # the published PDF itself (truth beside it)
CORPUS_FILES = sorted([*CORPUS.glob("*/*.txt"), *CORPUS.glob("*/*.md")])
ALL = [*SEEDS, *CORPUS_FILES, PDF]


def _truth(path: Path) -> dict:
    """truth.json for the corpus; for the seeds (no published truth) what ``parse`` reads."""
    truth = path.with_suffix(".json") if path.suffix == ".pdf" else path.parent / "truth.json"
    if truth.exists():
        return json.loads(truth.read_text("utf-8"))["cells"]
    return {k: c["value"] for k, c in report_json(parse(Source.from_path(str(path))))["cells"].items()}


def _all_keys() -> list[str]:
    return [k for v in VERSIONS for k in template(v).keys]


def _check_rows(rows: list[dict], blank) -> None:
    """One row per report; every cell equal to the truth; the other version's keys blank."""
    assert [r["path"] for r in rows] == [str(p) for p in ALL]
    keys = set(_all_keys())
    for path, row in zip(ALL, rows, strict=True):
        truth = _truth(path)
        assert keys <= set(row), keys - set(row)
        for key in keys:
            want = truth.get(key, blank) if key in truth else blank
            got = row[key]
            if want is None or want == blank:
                assert got in (None, blank), (path, key, got)
            else:
                assert isinstance(got, int | float) and got == want, (path, key, got, want)


@pytest.fixture(scope="module")
def lint_json() -> list:
    return json.loads(nianbao("lint", "--format", "json", *ALL).stdout)


def test_csv_utf8_bom_numbers_as_numbers(tmp_path, lint_json) -> None:
    out = tmp_path / "all.csv"
    proc = nianbao("export", *ALL, "-o", out)
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr  # not a terminal: no bar, no chatter
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on Windows reads UTF-8 only with it
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))

    def typed(v: str):
        if v == "":
            return None
        try:
            return int(v)
        except ValueError:
            return float(v) if v.replace(".", "", 1).lstrip("-").isdigit() else v

    _check_rows([{k: (typed(v) if "." in k else v) for k, v in r.items()} for r in rows], None)
    for path, row in zip(ALL, rows, strict=True):
        mine = [d for d in lint_json if d["path"] == str(path)]
        assert int(row["errors"]) == sum(d["severity"] == "error" for d in mine)
        assert int(row["warnings_T"]) == sum(d["severity"] == "warning" and d["code"][0] == "T" for d in mine)
    by_path = {r["path"]: r for r in rows}
    assert by_path[str(SEEDS[4])]["agency"] == "湘乡市行政审批服务局"
    assert by_path[str(CORPUS_FILES[0])]["template"] == "2021"


def test_columns_are_both_versions_keys_from_the_format(tmp_path) -> None:
    out = tmp_path / "one.csv"
    nianbao("export", SEEDS[0], "-o", out)
    header = out.read_text("utf-8-sig").splitlines()[0].split(",")
    keys = [h for h in header if h.startswith(("t2.", "t3.", "t4."))]
    assert sorted(keys) == sorted(set(_all_keys())) and len(keys) == len(set(keys))
    for v in VERSIONS:  # each version's keys in its own order
        mine = [k for k in keys if k in template(v).keys]
        assert mine == template(v).keys
    assert header[:6] == ["path", "title", "agency", "year", "template", "dialect"]


def test_xlsx_frozen_header_captions_and_findings(tmp_path, lint_json) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "all.xlsx"
    assert nianbao("export", *ALL, "-o", out).returncode == 0
    book = load_workbook(out)
    sheet = book["reports"]
    assert sheet.freeze_panes == "B3"
    names = [c.value for c in sheet[1]]
    captions = dict(zip(names, [c.value for c in sheet[2]], strict=True))
    assert captions["t3.new.natural"] == "表三 · 自然人 · 一、本年新收政府信息公开申请数量"
    assert captions["t2.regulations.issued"] == "表二 · 规章 · 本年制发件数"
    assert captions["t4.litigation_direct.upheld"] == "表四 · 行政诉讼（未经复议直接起诉） · 结果维持"
    assert captions["agency"] == "发布机构"
    rows = [dict(zip(names, [c.value for c in r], strict=True)) for r in sheet.iter_rows(min_row=3)]
    _check_rows(rows, None)
    findings = book["findings"]
    assert findings.freeze_panes == "B3"
    head = [c.value for c in findings[1]]
    got = [dict(zip(head, [c.value for c in r], strict=True)) for r in findings.iter_rows(min_row=3)]
    assert sorted((f["path"], f["code"], f["line"], f["column"]) for f in got) == sorted(
        (d["path"], d["code"], d["line"], d["column"]) for d in lint_json
    )


def test_parquet(tmp_path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "all.parquet"
    assert nianbao("export", *ALL, "-o", out).returncode == 0
    table = pq.read_table(out)
    assert str(table.schema.field("t3.new.total").type) == "double"
    assert str(table.schema.field("year").type) == "int64"
    _check_rows(table.to_pylist(), None)


def test_jsonl_and_long(tmp_path) -> None:
    out = tmp_path / "all.jsonl"
    assert nianbao("export", *ALL, "-o", out).returncode == 0
    _check_rows([json.loads(line) for line in out.read_text("utf-8").splitlines()], None)
    out = tmp_path / "cells.csv"
    assert nianbao("export", "--long", *ALL, "-o", out).returncode == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for path in ALL:
        doc = report_json(parse(Source.from_path(str(path))))
        mine = [r for r in rows if r["path"] == str(path)]
        assert [r["key"] for r in mine] == list(doc["cells"])
        for r in mine:
            cell = doc["cells"][r["key"]]
            assert (int(r["line"]), int(r["column"]), r["raw"]) == (cell["line"], cell["column"], cell["raw"])
            assert r["reading"] == cell.get("reading", r["reading"])
            assert (r["location"] != "") == (path.suffix == ".pdf")  # a document's page and box
            if r["location"]:
                assert json.loads(r["location"]) == cell["location"]
            assert (r["value"] == "") == (cell["value"] is None)
            if cell["value"] is not None:
                assert float(r["value"]) == cell["value"]
        truth = _truth(path)
        assert {r["key"]: (float(r["value"]) if r["value"] else None) for r in mine} == truth


def test_a_folder_s_readme_is_no_report(tmp_path) -> None:
    """As ``lint`` does: a file found in a folder that is no report is left out; one named is exported."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "README.md").write_text("# 说明\n\n这些是2020年的年报。\n", "utf-8")
    (folder / "r.txt").write_bytes(SEEDS[2].read_bytes())
    out = tmp_path / "x.jsonl"
    assert nianbao("export", folder, "-o", out).returncode == 0
    assert [json.loads(line)["path"] for line in out.read_text("utf-8").splitlines()] == [str(folder / "r.txt")]
    assert nianbao("export", folder / "README.md", "-o", out).returncode == 0
    assert len(out.read_text("utf-8").splitlines()) == 1


def test_jobs_give_the_same_file(tmp_path) -> None:
    one, two = tmp_path / "1.csv", tmp_path / "2.csv"
    nianbao("export", *SEEDS, "-o", one)
    nianbao("export", "--jobs", "2", *SEEDS, "-o", two)
    assert one.read_bytes() == two.read_bytes()


def test_bad_input_one_line_each(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "x.csv"
    proc = nianbao("export", SEEDS[0], tmp_path / "empty.txt", tmp_path / "missing.txt", SEEDS[1], "-o", out)
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 2 and "empty.txt" in lines[0] and "missing.txt" in lines[1]
    assert len(out.read_text("utf-8-sig").splitlines()) == 3  # the header and the two readable reports
    proc = nianbao("export", SEEDS[0], "-o", tmp_path / "x.ods")
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and b".xlsx" in proc.stderr
    proc = nianbao("export", SEEDS[0], "-o", tmp_path / "no" / "such" / "dir.csv")
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1


def test_missing_pyarrow_names_it(tmp_path) -> None:
    code = (
        "import sys; sys.modules['pyarrow'] = None; from nianbao.cli import main; raise SystemExit(main(sys.argv[1:]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "export", str(SEEDS[0]), "-o", str(tmp_path / "x.parquet")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "pyarrow" in proc.stderr and "nianbao[parquet]" in proc.stderr
    assert not (tmp_path / "x.parquet").exists()


def test_rows_are_written_as_reports_finish() -> None:
    """The export pulls one path at a time and hands its rows on before reading the next."""
    from nianbao.commands.export import _Job, exported

    pulled = []

    def paths():
        for p in SEEDS:
            pulled.append(p)
            yield str(p), False

    stream = exported(paths(), _Job(long=False, lint=True, dialect=None, lang="zh"))
    first = next(stream)
    assert first.path == str(SEEDS[0]) and len(pulled) == 1
    assert first.wide is not None and first.wide["t3.new.total"] is not None


def test_progress_bar_on_a_terminal_only(tmp_path) -> None:
    out = tmp_path / "x.csv"
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NIANBAO_LANG", "NO_COLOR")}
    proc = subprocess.run(
        [sys.executable, "-m", "nianbao", "export", *SEEDS, "-o", out],
        stderr=follower,
        stdout=subprocess.DEVNULL,
        env={**env, "TERM": "xterm", "COLUMNS": "100"},
        timeout=300,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    text = shown.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "导出" in text and "5/5" in text  # the bar, then the closing line
    assert f"已导出 5 份报告到 {out}" in text
