"""Parse time per report and reports per second, in-process (no start-up, no rules).

    .venv/bin/python benchmarks/bench_parse.py [--count 200] [--repeat 5]

Prints a Markdown table: per seed report, the median parse time of ``repeat``
runs; then the throughput over ``count`` generated reports.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import CORPUS, SEEDS, write_reports

from nianbao import Source, parse


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200, help="generated reports for the throughput")
    ap.add_argument("--repeat", type=int, default=5, help="runs per report (the median is shown)")
    args = ap.parse_args()

    parse(Source.from_path(str(SEEDS[0])))  # warm up: imports, grammar, templates
    print("| report | size (chars) | parse, median (ms) |")
    print("|---|---:|---:|")
    for path in (*SEEDS, *CORPUS):
        source = Source.from_path(str(path))
        chars = len(source.data.decode("utf-8"))
        t = median_time(lambda source=source: parse(source), args.repeat)
        print(f"| {path.name} | {chars} | {t * 1000:.1f} |")

    with tempfile.TemporaryDirectory() as tmp:
        paths, origin = write_reports(Path(tmp), args.count)
        sources = [Source.from_path(str(p)) for p in paths]
        t = time.perf_counter()
        for s in sources:
            parse(s)
        elapsed = time.perf_counter() - t
    print()
    print("| throughput | reports | seconds | reports/s | ms/report |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| parse, in-process | {len(sources)} | {elapsed:.2f} | {len(sources) / elapsed:.1f} | "
        f"{elapsed / len(sources) * 1000:.1f} |"
    )
    print()
    print(f"Reports: {origin}. Python {sys.version.split()[0]}.")


if __name__ == "__main__":
    main()
