"""Lint at scale: memory against the number of reports, --jobs scaling, one report in-process, start-up.

    .venv/bin/python benchmarks/bench_lint.py [--sizes 200,2000] [--count 400] [--rounds 3] [--repeat 20]

Prints Markdown tables (copied into docs/benchmarks.md). Every figure is CPU
time (user + system, of all processes) beside the wall clock, because the
machine these run on is shared: wall times say what a user waits, CPU times
and their ratios are what can be compared from one run to the next.

- memory: ``nianbao lint --format json`` and ``--format concise`` over each of
  ``--sizes`` generated reports, ``--jobs 1`` (one process holds everything the
  run keeps): the peak resident memory of the process;
- scaling: ``nianbao lint --format concise --jobs 1`` and ``--jobs 2`` over
  ``--count`` reports, ``--rounds`` interleaved runs: wall, CPU, throughput
  and the CPU ratio (what running in two processes costs in total);
- one report in-process: parse + every rule of each seed, ``--repeat`` runs
  (median and minimum CPU ms; the minimum is the least disturbed run);
- start-up: ``python -c pass``, ``nianbao --version``, ``nianbao lint
  --format json SEED`` (median CPU of ``--repeat`` runs, and the ratios).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import SEEDS, write_reports

CLI = [sys.executable, "-m", "nianbao"]
# as installed: byte-code compiled once (an environment that forbids writing it compiles every module every time)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s of the command and its children, peak RSS MiB of the largest process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1) or b"Traceback" in proc.stderr:
        raise SystemExit(f"{' '.join(cmd[:6])} … failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """(peak RSS MiB, wall s, CPU s) of one command, by GNU time (ru_maxrss of all children only ever grows)."""
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M %e %U %S", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
        raise SystemExit(f"{' '.join(cmd[:6])} … failed ({proc.returncode}):\n{proc.stderr}")
    rss, wall, user, system = proc.stderr.strip().splitlines()[-1].split()
    return int(rss) / 1024, float(wall), float(user) + float(system)


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
        list(pool.map(_spin, [1000, 1000]))
        t = time.perf_counter()
        list(pool.map(_spin, [n, n]))
        parallel = time.perf_counter() - t
    return serial / parallel


def memory(folder: Path, sizes: list[int]) -> None:
    paths, origin = write_reports(folder, max(sizes))
    print(f"Reports: {origin}.")
    print()
    print("| reports | `--format concise`: peak MiB | wall s | CPU s | CPU ms/report | `--format json`: peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        if n == len(paths):
            args = [str(folder)]
        else:
            sub = folder.parent / f"first{n}"
            sub.mkdir(exist_ok=True)
            for p in paths[:n]:
                link = sub / p.name
                if not link.exists():
                    link.symlink_to(p)
            args = [str(sub)]
        peak, wall, cpu = timed([*CLI, "lint", "--jobs", "1", "--format", "concise", *args])
        json_peak, _, _ = timed([*CLI, "lint", "--jobs", "1", "--format", "json", *args])
        print(f"| {n} | {peak:.0f} | {wall:.1f} | {cpu:.1f} | {cpu / n * 1000:.1f} | {json_peak:.0f} |", flush=True)


def scaling(folder: Path, count: int, rounds: int) -> None:
    write_reports(folder, count)
    before = parallelism()
    walls: dict[str, list[float]] = {"1": [], "2": []}
    cpus: dict[str, list[float]] = {"1": [], "2": []}
    for _ in range(rounds):  # interleaved, so that a busy moment hits both alike
        for jobs in ("1", "2"):
            wall, cpu, _ = run([*CLI, "lint", "--format", "concise", "--jobs", jobs, str(folder)])
            walls[jobs].append(wall)
            cpus[jobs].append(cpu)
    after = parallelism()
    print(f"| {count} reports, median of {rounds} | wall s | reports/s | CPU s (all processes) | CPU ms/report |")
    print("|---|---:|---:|---:|---:|")
    for jobs in ("1", "2"):
        wall, cpu = statistics.median(walls[jobs]), statistics.median(cpus[jobs])
        print(f"| `--jobs {jobs}` | {wall:.2f} | {count / wall:.1f} | {cpu:.2f} | {cpu / count * 1000:.1f} |")
    w1, w2 = statistics.median(walls["1"]), statistics.median(walls["2"])
    c1, c2 = statistics.median(cpus["1"]), statistics.median(cpus["2"])
    print()
    print(
        f"Throughput `--jobs 2` / `--jobs 1`: {w1 / w2:.2f}x; CPU `--jobs 2` / `--jobs 1`: {c2 / c1:.2f}. "
        f"Two processes got {before:.2f}x / {after:.2f}x the work of one at the start / end "
        "(pure-Python loop; 2.00x: two free cores)."
    )


def in_process(repeat: int) -> None:
    from nianbao import Source, parse
    from nianbao.lint import Config, check_collection, check_document

    config = Config(select=["ALL"])
    print("| one report, in-process | bytes | parse + lint, CPU ms median | minimum |")
    print("|---|---:|---:|---:|")
    for path in SEEDS:
        source = Source.from_path(str(path))
        report = parse(source)  # warm up
        check_document(report, config)
        times = []
        for _ in range(repeat):
            t = time.process_time()
            report = parse(source)
            check_document(report, config)
            check_collection([report], config)
            times.append(time.process_time() - t)
        print(f"| {path.name} | {len(source.data)} | {statistics.median(times) * 1000:.1f} | {min(times) * 1000:.1f} |")


def start_up(repeat: int) -> None:
    seed = str(SEEDS[3])
    cases = [
        ("`python -c pass`", [sys.executable, "-c", "pass"]),
        ("`nianbao --version`", [*CLI, "--version"]),
        (f"`nianbao lint --format json {Path(seed).name}`", [*CLI, "lint", "--format", "json", seed]),
        (f"`nianbao lint {Path(seed).name}` (text)", [*CLI, "lint", seed]),
    ]
    for _label, cmd in cases:  # byte-code written, caches warm
        run(cmd)
    found = {}
    for _ in range(repeat):  # interleaved
        for label, cmd in cases:
            wall, cpu, _ = run(cmd)
            found.setdefault(label, []).append((wall, cpu))
    base = statistics.median(c for _, c in found[cases[0][0]])
    print("| command | wall ms, median | CPU ms, median | CPU / `python -c pass` |")
    print("|---|---:|---:|---:|")
    for label, _cmd in cases:
        wall = statistics.median(w for w, _ in found[label])
        cpu = statistics.median(c for _, c in found[label])
        print(f"| {label} | {wall * 1000:.0f} | {cpu * 1000:.0f} | {cpu / base:.1f}x |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,2000", help="report counts of the memory runs (e.g. 200,2000,10000)")
    ap.add_argument("--count", type=int, default=400, help="reports of the --jobs runs")
    ap.add_argument("--rounds", type=int, default=3, help="runs of each --jobs measure (median shown)")
    ap.add_argument("--repeat", type=int, default=20, help="runs of the in-process and start-up measures")
    ap.add_argument("--only", choices=("memory", "scaling", "in-process", "start-up"), help="one part only")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    print(f"Load average at the start: {load:.2f}; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs.")
    print()
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "start-up"):
            start_up(args.repeat)
            print()
        if args.only in (None, "in-process"):
            in_process(args.repeat)
            print()
        if args.only in (None, "scaling"):
            scaling(Path(tmp) / "scaling", args.count, args.rounds)
            print()
        if args.only in (None, "memory"):
            memory(Path(tmp) / "memory" / "all", [int(n) for n in args.sizes.split(",")])
            print()
    print(f"Load average at the end: {os.getloadavg()[0]:.2f}.")


if __name__ == "__main__":
    main()
