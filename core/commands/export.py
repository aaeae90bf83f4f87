"""``nianbao export PATH... -o FILE``: every number of every report as a table (CSV, XLSX, Parquet, JSONL).

The format comes from the file name. Reports are read (and linted, for the
counts of findings) one at a time and their rows written at once: nothing is
kept, so a hundred thousand reports export in the memory of one. Files that
cannot be read get a one-line message and the export goes on (exit status 2); so do files under
a broken ``nianbao.toml`` (with lint's message, once), which are not exported with the defaults.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import gcpause
from ..i18n import msg
from ..tables import SUFFIXES, MissingExtra, Writer, finding_row, long_rows, wide_row, writer_for
from ._inputs import describe, expand

PROGRESS_AFTER = 2  # files: a bar for anything but a single report


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "export",
        help="把各报告的数值导出为表格 (export every number as a table: .csv .xlsx .parquet .jsonl)",
        description="把各报告的数值导出为表格，格式由文件名决定 (export every number of the reports as a table; "
        "the format comes from the file name: .csv (UTF-8 with BOM), .xlsx, .parquet, .jsonl)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="年报文件或目录 (report files or directories)")
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="输出文件 (output file: " + ", ".join(SUFFIXES) + ")"
    )
    p.add_argument(
        "--long", action="store_true", help="每个单元格一行，而非每份报告一行 (one row per cell instead of per report)"
    )
    p.add_argument(
        "--no-lint", action="store_true", help="不运行检查，不计问题数 (skip the rules: no counts of findings, faster)"
    )
    p.add_argument("--dialect", help="指定版式，不自动识别 (force a dialect instead of detecting it)")
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=1,
        metavar="N",
        help="并行进程数，0 为 CPU 数 (worker processes; 0: one per CPU)",
    )
    return p


@dataclass
class Exported:
    """What one file gives the table: its rows, or why it could not be read."""

    path: str
    wide: dict[str, Any] | None = None
    cells: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False  # found in a folder, and no annual report (a README)
    config_error: str | None = None  # its folder's configuration is broken: not exported


@dataclass(frozen=True)
class _Job:
    long: bool
    lint: bool
    dialect: str | None
    lang: str


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        writer = writer_for(args.output, args.long)
    except ValueError:
        print("nianbao: " + msg("export.bad_suffix", lang, path=args.output), file=sys.stderr)
        return 2
    except MissingExtra as err:
        print(
            "nianbao: " + msg("export.missing_extra", lang, suffix=err.suffix, package=err.package, extra=err.extra),
            file=sys.stderr,
        )
        return 2
    except OSError as err:
        print(
            "nianbao: " + msg("error.output", lang, path=args.output, detail=err.strerror or str(err)), file=sys.stderr
        )
        return 2
    paths = list(expand(args.paths))
    named = set(args.paths)
    items = [(p, p not in named) for p in paths]  # found in a folder: skipped unless it reads as a report
    job = _Job(args.long, not args.no_lint, args.dialect, lang)
    status, written = 0, 0
    bad_configs: set[str] = set()
    progress = _progress(len(paths), lang) if len(paths) >= PROGRESS_AFTER and sys.stderr.isatty() else None
    try:
        for i, done in enumerate(exported(items, job, args.jobs)):
            if i == 1:  # start-up is over: many reports may follow, their garbage is collected
                gcpause.resume()
            if done.skipped:
                pass
            elif done.config_error:
                if done.config_error not in bad_configs:  # one message per broken file, as lint says it
                    bad_configs.add(done.config_error)
                    print("nianbao: " + msg("error.config", lang, detail=done.config_error), file=sys.stderr)
                status = 2
            elif done.error:
                print(done.error, file=sys.stderr)
                status = 2
            else:
                _write(writer, done, args.long)
                written += 1
            if progress:
                progress.advance()
        writer.close()
    except OSError as err:
        print(
            "nianbao: " + msg("error.output", lang, path=args.output, detail=err.strerror or str(err)), file=sys.stderr
        )
        return 2
    finally:
        if progress:
            progress.stop()
    if sys.stderr.isatty():
        print(msg("export.done", lang, n=written, path=args.output), file=sys.stderr)
    return status


def _cannot_write(path: str, err: OSError, lang: str) -> int:
    print("nianbao: " + msg("error.output", lang, path=path, detail=err.strerror or str(err)), file=sys.stderr)
    return 2


def _write(writer: Writer, done: Exported, long: bool) -> None:
    if long:
        for row in done.cells:
            writer.write(row)
    else:
        assert done.wide is not None
        writer.write(done.wide)
    for row in done.findings:
        writer.finding(row)


def exported(items: Iterable[tuple[str, bool]], job: _Job, jobs: int = 1) -> Iterator[Exported]:
    """The rows of each file, in order, read in ``jobs`` processes (results streamed, never all held).

    ``items`` are (path, found in a folder): such a file is skipped when it is no report at all.
    """
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    if jobs == 1:
        for item in items:
            yield export_one(item, job)
        return
    import multiprocessing
    from functools import partial

    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        yield from pool.imap(partial(export_one, job=job), items, chunksize=4)


def export_one(item: tuple[str, bool], job: _Job) -> Exported:
    """Read (and lint) one file into its rows; the report itself is dropped here."""
    from ..engine import DialectError, parse
    from ..source import Source, SourceError

    path, walked = item
    try:
        report = parse(Source.from_path(path), job.dialect)
    except SourceError as err:
        return Exported(path, error=describe(err, job.lang))
    except DialectError as err:
        return Exported(path, error=f"nianbao: {path}: {err}")
    except Exception as err:  # an engine bug must not stop the export (nor print a traceback)
        return Exported(
            path, error="nianbao: " + msg("error.internal", job.lang, detail=f"{type(err).__name__}: {err}")
        )
    if walked and not report.is_report:
        return Exported(path, skipped=True)
    diagnostics = None
    if job.lint:
        from ..lint import check_document

        config = _config(str(Path(path).resolve().parent))
        if isinstance(config, str):  # a broken configuration: not linted with the defaults, not exported (as lint)
            return Exported(path, config_error=config)
        diagnostics = check_document(report, config)
    out = Exported(path)
    if job.long:
        out.cells = list(long_rows(report))
    else:
        out.wide = wide_row(report, diagnostics)
    out.findings = [finding_row(d, report, job.lang) for d in diagnostics or ()]
    return out


@lru_cache(maxsize=256)
def _config(folder: str):  # type: ignore[no-untyped-def]
    """The configuration nearest to a folder (``nianbao.toml`` or ``[tool.nianbao]``), as ``lint`` uses it.

    A broken one is its error (a string, to cross process boundaries), never the defaults.
    """
    from ..config import ConfigError, find_config_file, load_config_file
    from ..lint import Config

    try:
        found = find_config_file(Path(folder) / "_")
        return load_config_file(found) if found else Config()
    except ConfigError as err:
        return str(err)


class _Bar:
    def __init__(self, total: int, lang: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task(msg("export.progress", lang), total=total)
        self.progress.start()

    def advance(self) -> None:
        self.progress.advance(self.task)

    def stop(self) -> None:
        self.progress.stop()


def _progress(total: int, lang: str) -> _Bar:
    return _Bar(total, lang)
