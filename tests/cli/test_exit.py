"""How the console script ends: output complete, files written, exit status kept, exit handlers run.

``nianbao`` flushes its output and leaves with ``os._exit`` (no tear-down of
the interpreter) when nothing is left that the tear-down would do. These run
the real console script with buffered output (``PYTHONUNBUFFERED`` unset, as
in a user's shell), so that a lost buffer would show.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..paths import CORPUS, SEEDS

SCRIPT = Path(sys.executable).with_name("nianbao")  # the console script pip installed
CLEAN = CORPUS / "pingtan_2023" / "pingtan_2023.rows.txt"  # a real report with nothing above info
COPIES = 6  # of each seed: outputs larger than a pipe's buffer (64 KiB) and a stream's (8 KiB)
LARGE = 96 * 1024


def _env() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONUNBUFFERED", "NIANBAO_LANG", "COLUMNS", "FORCE_COLOR", "PYTHONPATH")
    }


def _script(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [str(SCRIPT), *map(str, args)], capture_output=True, stdin=subprocess.DEVNULL, env=_env(), cwd=cwd, timeout=300
    )
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return proc


def _python(program: str, *args: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", program, *map(str, args)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=_env(),
        timeout=300,
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("reports")
    out = []
    for i in range(COPIES):
        for seed in SEEDS:
            path = folder / f"{i}-{seed.name}"
            path.write_bytes(seed.read_bytes())
            out.append(path)
    return out


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.is_file(), f"no console script next to {sys.executable}: pip install -e ."


@pytest.mark.parametrize("fmt", ["json", "sarif", "concise", "github"])
def test_a_large_output_through_a_pipe_is_complete_and_the_same_as_written_to_a_file(reports, tmp_path, fmt) -> None:
    piped = _script("lint", "--format", fmt, *reports)
    assert piped.returncode == 1  # the seeds have findings
    written = tmp_path / f"out.{fmt}"
    to_file = _script("lint", "--format", fmt, "-o", written, *reports)
    assert to_file.returncode == 1 and to_file.stdout == b""
    assert len(piped.stdout) > LARGE
    assert piped.stdout == written.read_bytes()
    text = piped.stdout.decode("utf-8")
    if fmt == "json":
        assert {d["path"] for d in json.loads(text)} == {str(p) for p in reports}
    elif fmt == "sarif":
        results = json.loads(text)["runs"][0]["results"]
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert {uri.rsplit("/", 1)[-1] for uri in uris} == {p.name for p in reports}
    else:
        assert all(p.name in text for p in reports)
        assert text.endswith("\n")


def test_text_output_through_a_pipe_ends_with_its_summary(reports) -> None:
    piped = _script("lint", "--lang", "en", *reports)
    assert piped.returncode == 1
    text = piped.stdout.decode("utf-8")
    assert len(text.encode()) > LARGE
    assert all(p.name in text for p in reports)
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    assert last.startswith("Found ") and f" in {len(reports)} files " in last, last


def test_exit_status(tmp_path) -> None:
    assert _script("lint", CLEAN).returncode == 0
    assert _script("lint", SEEDS[0]).returncode == 1
    assert _script("lint", "--exit-zero", SEEDS[0]).returncode == 0
    missing = _script("lint", tmp_path / "nope.txt")
    assert missing.returncode == 2 and b"nope.txt" in missing.stderr
    bad = _script("lint", "--no-such-option", SEEDS[0])
    assert bad.returncode == 2 and b"--no-such-option" in bad.stderr
    helped = _script("lint", "--help")
    assert helped.returncode == 0 and b"--output-format" in helped.stdout
    version = _script("--version")
    assert version.returncode == 0 and version.stdout.startswith(b"nianbao ")
    assert _script("parse", "--format", "json", SEEDS[0]).returncode == 0
    assert _script("rules").returncode == 0
    assert _script("explain", "NOPE").returncode == 2


def test_files_written_with_output_are_complete(reports, tmp_path) -> None:
    html = tmp_path / "report.html"
    assert _script("lint", "--format", "html", "-o", html, *reports).returncode == 1
    page = html.read_text("utf-8")
    assert page.rstrip().endswith("</html>") and all(p.name in page for p in reports)
    for suffix in ("csv", "jsonl"):
        table = tmp_path / f"cells.{suffix}"
        done = _script("export", *reports, "-o", table)
        assert done.returncode == 0, done.stderr
        lines = table.read_text("utf-8-sig").splitlines()
        assert len(lines) == len(reports) + (suffix == "csv")  # a header row
        assert all(p.name in table.read_text("utf-8-sig") for p in reports)
    xlsx = tmp_path / "cells.xlsx"
    assert _script("export", *reports, "-o", xlsx).returncode == 0
    from openpyxl import load_workbook

    rows = list(load_workbook(xlsx, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == len(reports) + 2  # names and captions
    assert {r[0] for r in rows[2:]} == {str(p) for p in reports}


def test_baseline_written_is_complete(reports, tmp_path) -> None:
    baseline = tmp_path / "baseline.json"
    assert _script("lint", "--write-baseline", baseline, *reports).returncode == 0
    assert json.loads(baseline.read_text("utf-8"))
    assert _script("lint", "--baseline", baseline, *reports).returncode == 0  # nothing new


@pytest.mark.parametrize("command", [["lint", "--format", "json"], ["lint"], ["lint", "--format", "concise"]])
def test_a_closed_pipe_keeps_the_status_with_buffered_output(reports, command) -> None:
    """``nianbao lint … | head -c 100``, the output buffered: no 'Exception ignored', no status 120."""
    proc = subprocess.Popen(
        [str(SCRIPT), *command, *map(str, reports)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_env(),
    )
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=300) == 1, err
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err


_ENTRY = """
import sys
from nianbao.cli import entry
sys.argv = ["nianbao", *sys.argv[2:]]
{setup}
entry()
"""


def test_exit_handlers_registered_during_the_run_still_run(tmp_path) -> None:
    """A plugin or library that registers an exit handler gets it called: the interpreter's own exit is taken."""
    mark = tmp_path / "mark"
    setup = f"import atexit, pathlib\natexit.register(pathlib.Path({str(mark)!r}).write_text, 'ran')"
    done = _python(_ENTRY.format(setup=setup), "-", "lint", SEEDS[0])
    assert done.returncode == 1, done.stderr
    assert mark.read_text() == "ran"


def test_a_thread_still_running_is_waited_for(tmp_path) -> None:
    mark = tmp_path / "mark"
    setup = (
        "import threading, time, pathlib\n"
        f"threading.Thread(target=lambda: (time.sleep(0.5), pathlib.Path({str(mark)!r}).write_text('done'))).start()"
    )
    done = _python(_ENTRY.format(setup=setup), "-", "lint", "--format", "json", SEEDS[0])
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)  # the output complete too
    assert mark.read_text() == "done"


def _lsp_message(body: dict) -> bytes:
    data = json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def test_the_language_server_ends_as_it_always_did(tmp_path) -> None:
    """``nianbao lsp`` (logging, threads, an event loop): initialize, shutdown, exit -> status 0, all answered."""
    log = tmp_path / "lsp.log"
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None},
        {"jsonrpc": "2.0", "method": "exit", "params": None},
    ]
    proc = subprocess.run(
        [str(SCRIPT), "lsp", "--log-file", str(log)],
        input=b"".join(map(_lsp_message, messages)),
        capture_output=True,
        env=_env(),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert b'"id": 2' in proc.stdout and b'"result": null' in proc.stdout  # shutdown answered
    assert "Shutting down the server" in log.read_text("utf-8")


_COLLECTOR = """
import gc, sys
from nianbao import gcpause
from nianbao.cli import main
gcpause.pause()  # as the console script starts
main(sys.argv[1:])
print(gc.isenabled(), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("command", "files", "collecting"),
    [
        (["lint", "--format", "json"], 1, False),  # one file: no collection at all, start to end
        (["lint", "--format", "json"], 3, True),  # a batch: collection back on after the first report
        (["lint", "--format", "json", "--jobs", "2"], 3, True),
        (["parse", "--format", "json"], 1, False),
        (["parse", "--format", "json"], 3, True),
    ],
)
def test_collection_comes_back_on_for_a_batch(command, files, collecting) -> None:
    done = _python(_COLLECTOR, *command, *SEEDS[:files])
    assert done.stderr.decode().strip().splitlines()[-1] == str(collecting), done.stderr


def test_collection_comes_back_on_for_an_export(reports, tmp_path) -> None:
    done = _python(_COLLECTOR, "export", *reports[:3], "-o", tmp_path / "out.csv")
    assert done.stderr.decode().strip().splitlines()[-1] == "True", done.stderr
