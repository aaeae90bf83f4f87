"""lint writes each file's findings as it is done: the same bytes as collecting them first."""

from __future__ import annotations

import io
import shutil

from nianbao import Source, parse
from nianbao.lint import Config, check
from nianbao.render import LintRun
from nianbao.render.machine import JsonStream, write_json

from ..paths import CORPUS, SEEDS


def test_json_stream_writes_what_write_json_writes() -> None:
    reports = [parse(Source.from_path(str(p))) for p in SEEDS]
    texts = {r.path: r.text for r in reports}
    diagnostics = check(reports, Config(select=["ALL"]))
    assert len(diagnostics) > 20
    whole = io.StringIO()
    write_json(LintRun(diagnostics, texts), whole)
    for hold in (False, True):
        streamed = io.StringIO()
        out = JsonStream(streamed, hold=hold)
        for r in reports:
            out.write(LintRun([d for d in diagnostics if d.path == r.path], {r.path: r.text}))
        out.close()
        assert streamed.getvalue() == whole.getvalue()
    empty = io.StringIO()
    JsonStream(empty).close()
    assert empty.getvalue() == "[]\n" == _whole([])


def _whole(diagnostics) -> str:
    out = io.StringIO()
    write_json(LintRun(diagnostics, {}), out)
    return out.getvalue()


# The main process rendering every file itself, as before findings were rendered in the workers.
_RENDER_IN_MAIN = (
    "import sys\n"
    "from nianbao.commands import lint\n"
    "lint.Prerender.of = classmethod(lambda cls, *args: None)\n"
    "from nianbao.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _lint_rendered_in_main(*args: object, env: dict | None = None):
    import os
    import subprocess
    import sys

    from .conftest import PLUGIN, Result

    environ = {k: v for k, v in os.environ.items() if k not in ("NIANBAO_LANG", "COLUMNS", "FORCE_COLOR")}
    environ["PYTHONPATH"] = os.pathsep.join([str(PLUGIN), environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    environ.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-c", _RENDER_IN_MAIN, "lint", *map(str, args)], capture_output=True, env=environ, timeout=300
    )
    return Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode(), proc.stdout)


def test_findings_rendered_in_the_workers_are_the_bytes_the_main_process_renders(tmp_path) -> None:
    """Every streamed format, plain and on a colour terminal, with a collection rule's findings, a file
    that cannot be read, a crashing rule and a file that is no report: the same output, exit code, stderr."""
    from .conftest import nianbao

    for f in [*SEEDS, *sorted((CORPUS / "pingtan_2023").glob("*.txt"))]:
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "boom.txt").write_text("一、总体情况\n政务ζ公开 BOOM\n六、其他需要报告的事项\n无。\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "README.txt").write_text("这是说明文件。\n", encoding="utf-8")
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "83"}
    cases = [("text", None), ("text", terminal), ("concise", None), ("github", None), ("json", None)]
    for fmt, env in cases:
        for jobs in ("1", "2"):
            args = ("--format", fmt, "--select", "ALL", "--jobs", jobs, tmp_path)
            workers, main = nianbao("lint", *args, env=env), _lint_rendered_in_main(*args, env=env)
            assert workers.out_bytes == main.out_bytes, (fmt, env, jobs)
            assert (workers.code, workers.err) == (main.code, main.err)
            assert workers.code == 2 and "X990" in workers.out  # empty.txt, A990; the collection rule ran
        if env is terminal:
            assert "\x1b[" in workers.out  # coloured
