"""Lint speed: reports/second with --jobs 1 and 2, one report's parse+lint, the CLI end to end.

    .venv/bin/python benchmarks/bench_lint.py [--count 200] [--repeat 5]

Prints Markdown tables (copied into docs/benchmarks.md):

- throughput: ``nianbao lint --format json DIR`` over ``count`` generated reports,
  wall time of the whole command (start-up included), with ``--jobs 1`` and ``--jobs 2``;
  also ``--jobs 2`` with the collection rules ignored, which spares sending the
  parsed reports back from the workers;
- one report in-process: parse + every rule (median of ``repeat`` runs), and what
  sending a parsed report between processes costs (pickle + unpickle);
- ``nianbao lint SEED`` end to end (median of ``repeat`` runs), and ``nianbao --version``
  for the interpreter and import start-up alone.
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import SEEDS, write_reports

from nianbao import Source, parse, registry
from nianbao.lint import Config, check_collection, check_document, is_collection_rule

CLI = [sys.executable, "-m", "nianbao"]


def timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1) or b"Traceback" in proc.stderr:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    return elapsed, proc


def median(values: list[float]) -> float:
    return statistics.median(values)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallelism() -> float:
    """How many cores two processes really get now (2.0 on an idle two-core machine)."""
    from concurrent.futures import ProcessPoolExecutor

    n = 3_000_000
    t = time.perf_counter()
    _spin(n)
    _spin(n)
    serial = time.perf_counter() - t
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [1000, 1000]))  # start the workers
        t = time.perf_counter()
        list(pool.map(_spin, [n, n]))
        parallel = time.perf_counter() - t
    return serial / parallel


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200, help="generated reports for the throughput")
    ap.add_argument("--repeat", type=int, default=5, help="runs of the single-report measures (median shown)")
    ap.add_argument("--rounds", type=int, default=3, help="runs of each throughput measure (median shown)")
    args = ap.parse_args()
    collection = [code for code, cls in registry.rules().items() if is_collection_rule(cls)]
    before = parallelism()

    print(
        f"| throughput ({args.count} reports), median of {args.rounds} | wall s | reports/s | CPU s (all processes) |"
    )
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        paths, origin = write_reports(Path(tmp), args.count)
        runs = [("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"])]
        if collection:
            ignore = ["--ignore", ",".join(collection)]
            runs += [
                (f"--jobs 1, collection rules ({', '.join(collection)}) ignored", ["--jobs", "1", *ignore]),
                (f"--jobs 2, collection rules ({', '.join(collection)}) ignored", ["--jobs", "2", *ignore]),
            ]
        walls: dict[str, list[float]] = {label: [] for label, _ in runs}
        cpus: dict[str, list[float]] = {label: [] for label, _ in runs}
        outputs = {}
        for _ in range(args.rounds):  # interleaved, so that a busy moment hits every variant alike
            for label, options in runs:
                before_cpu = _children_cpu()
                elapsed, proc = timed([*CLI, "lint", "--format", "json", *options, tmp])
                cpus[label].append(_children_cpu() - before_cpu)
                walls[label].append(elapsed)
                outputs[label] = proc.stdout
        for label, _ in runs:
            wall = median(walls[label])
            print(f"| `nianbao lint` {label} | {wall:.2f} | {len(paths) / wall:.1f} | {median(cpus[label]):.2f} |")
        assert outputs["--jobs 1"] == outputs["--jobs 2"], "--jobs 2 gave another result than --jobs 1"

    print()
    print("| one report, in-process | chars | parse + lint, median (ms) | pickle + unpickle (ms) |")
    print("|---|---:|---:|---:|")
    config = Config(select=["ALL"])
    parse(Source.from_path(str(SEEDS[0])))  # warm up
    for path in SEEDS:
        source = Source.from_path(str(path))
        times, moves = [], []
        for _ in range(args.repeat):
            t = time.perf_counter()
            report = parse(source)
            check_document(report, config)
            check_collection([report], config)
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            pickle.loads(pickle.dumps(report))
            moves.append(time.perf_counter() - t)
        chars = len(source.data.decode("utf-8"))
        print(f"| {path.name} | {chars} | {median(times) * 1000:.1f} | {median(moves) * 1000:.1f} |")

    print()
    print("| command line, end to end | median (ms) |")
    print("|---|---:|")
    seed = str(SEEDS[1])
    for label, cmd in (
        (f"`nianbao lint {Path(seed).name}`", [*CLI, "lint", seed]),
        (f"`nianbao lint --format json {Path(seed).name}`", [*CLI, "lint", "--format", "json", seed]),
        ("`nianbao --version` (start-up only)", [*CLI, "--version"]),
    ):
        times = [timed(cmd)[0] for _ in range(args.repeat)]
        print(f"| {label} | {median(times) * 1000:.0f} |")
    print()
    after = parallelism()
    print(
        f"Speed-up that two processes got on a pure-Python loop at the time: {before:.2f}x before, "
        f"{after:.2f}x after (2.00x: two idle cores)."
    )
    print(f"Reports: {origin}. {len(registry.rules())} rules. Python {sys.version.split()[0]}, {os.cpu_count()} CPUs.")


if __name__ == "__main__":
    main()
