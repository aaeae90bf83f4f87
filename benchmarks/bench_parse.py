"""Parse time per report and reports per second, in-process (no start-up, no rules).

    .venv/bin/python benchmarks/bench_parse.py [--count 200] [--repeat 5]

Prints a Markdown table: per seed report, the median parse time of ``repeat``
runs, wall clock and CPU time (on a shared machine the CPU time is the figure
that compares from run to run); then the throughput over ``count`` generated
reports.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import CORPUS, SEEDS, write_reports

from nianbao import Source, parse


def median_times(fn, repeat: int) -> tuple[float, float]:
    """(wall s, CPU s), the medians of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200, help="generated reports for the throughput")
    ap.add_argument("--repeat", type=int, default=5, help="runs per report (the median is shown)")
    args = ap.parse_args()

    parse(Source.from_path(str(SEEDS[0])))  # warm up: imports, grammar, templates
    print("| report | size (chars) | parse, median (ms) | CPU ms, median |")
    print("|---|---:|---:|---:|")
    for path in (*SEEDS, *CORPUS):
        source = Source.from_path(str(path))
        chars = len(source.data.decode("utf-8"))
        wall, cpu = median_times(lambda source=source: parse(source), args.repeat)
        print(f"| {path.name} | {chars} | {wall * 1000:.1f} | {cpu * 1000:.1f} |")

    with tempfile.TemporaryDirectory() as tmp:
        paths, origin = write_reports(Path(tmp), args.count)
        sources = [Source.from_path(str(p)) for p in paths]
        t, c = time.perf_counter(), time.process_time()
        for s in sources:
            parse(s)
        elapsed, cpu = time.perf_counter() - t, time.process_time() - c
    print()
    print("| throughput | reports | seconds | reports/s | ms/report | CPU ms/report |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| parse, in-process | {len(sources)} | {elapsed:.2f} | {len(sources) / elapsed:.1f} | "
        f"{elapsed / len(sources) * 1000:.1f} | {cpu / len(sources) * 1000:.1f} |"
    )
    print()
    print(f"Reports: {origin}. Python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f}.")


if __name__ == "__main__":
    main()
