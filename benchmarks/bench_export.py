"""Export speed and memory: ``nianbao export DIR -o FILE`` over generated reports.

    .venv/bin/python benchmarks/bench_export.py [--count 10000] [--formats csv,xlsx,parquet] [--jobs 1]

Generates ``count`` reports with tests/synth/generate.py (all layouts, both format
versions), then runs the command end to end in a subprocess for each format and
prints a Markdown table: wall time, reports per second, and the peak resident
memory of the export process (``ru_maxrss`` of the child). The rows are streamed
(nothing is kept per report), so the peak must not grow with the count: the same
command over a tenth of the reports is measured for comparison. The bar for
issue 12 is 10 000 reports to CSV in at most 200 MiB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import write_reports

CLI = [sys.executable, "-m", "nianbao"]
LIMIT_MIB = 200


def measure(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one command run in a fresh child (its own ``ru_maxrss``)."""
    wrapper = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "p = subprocess.run(sys.argv[1:], capture_output=True); el = time.perf_counter() - t; "
        "sys.stderr.write(p.stderr.decode(errors='replace')) if p.returncode not in (0, 1) else None; "
        "print(el, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)"
    )
    proc = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True)
    elapsed, kib, code = proc.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{proc.stderr}")
    return float(elapsed), int(kib) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--formats", default="csv,xlsx,parquet")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        t = time.perf_counter()
        paths, origin = write_reports(folder, args.count)
        small = Path(tmp) / "small"
        small.mkdir()
        for p in paths[: max(1, args.count // 10)]:
            os.link(p, small / p.name)
        print(f"{args.count} reports from {origin}, generated in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, --jobs {args.jobs}\n")
        print("| export | reports | wall time | reports/s | peak memory |")
        print("|---|---:|---:|---:|---:|")
        worst = 0.0
        for fmt in args.formats.split(","):
            for where, n in ((small, len(list(small.iterdir()))), (folder, args.count)):
                out = Path(tmp) / f"out.{fmt}"
                cmd = [*CLI, "export", str(where), "-o", str(out), "--jobs", str(args.jobs)]
                elapsed, mib = measure(cmd)
                if fmt == "csv" and n == args.count:
                    worst = mib
                print(f"| `{fmt}` | {n} | {elapsed:.1f} s | {n / elapsed:.0f} | {mib:.0f} MiB |", flush=True)
                out.unlink()
        print(
            f"\n10 000-report CSV bar: peak {worst:.0f} MiB ≤ {LIMIT_MIB} MiB: {'yes' if worst <= LIMIT_MIB else 'NO'}"
        )
    return 0 if worst <= LIMIT_MIB else 1


if __name__ == "__main__":
    raise SystemExit(main())
