"""Lint at scale: memory against the number of reports, --jobs scaling, one report in-process, start-up.

    .venv/bin/python benchmarks/bench_lint.py [--sizes 200,2000] [--count 400] [--rounds 3] [--repeat 20]
    .venv/bin/python benchmarks/bench_lint.py --jobs        # the --jobs part only (about a minute on 2 free cores)

Prints Markdown tables (copied into docs/benchmarks.md). Every figure is CPU
time (user + system, of all processes) beside the wall clock, because the
machine these run on is shared: wall times say what a user waits, CPU times
and their ratios are what can be compared from one run to the next.

- memory: ``nianbao lint --format json``, ``--format concise``, ``--statistics``
  and ``--baseline`` (a baseline of ten reports' findings) over each of
  ``--sizes`` generated reports, ``--jobs 1`` (one process holds everything the
  run keeps): the peak resident memory of the process;
- scaling (``--jobs``): ``nianbao lint --jobs 1`` and ``--jobs 2`` over
  ``--count`` reports in each of ``--formats``, ``--rounds`` interleaved runs:
  wall, throughput, CPU of the main process and of the workers apart, peak
  memory of each, the throughput and CPU ratios (what running in two
  processes costs in total), and what the main process pays once and per
  report (from a run over the first quarter of the reports), i.e. how many
  workers one main process can feed. A probe says what the machine gave:
  how much work two processes got done against one, and how much more CPU
  time the same work took when two ran at once (1.00 on free cores);
- one report in-process: parse + every rule of each seed, ``--repeat`` runs
  (median and minimum CPU ms; the minimum is the least disturbed run);
- start-up: ``python -c pass``, ``nianbao --version``, ``nianbao lint
  --format json SEED`` (the console script beside the interpreter, as a user
  runs it; also without the format cache, as a first run), median CPU of
  ``--repeat`` runs and the ratios, with
  byte-code written (as after ``pip install .``, which compiles it) and with
  none at all (``PYTHONDONTWRITEBYTECODE`` and an empty byte-code cache: every
  module compiled, the standard library's too, on every run);
  ``--python PATH`` measures another interpreter (a virtual environment with a
  real ``pip install .`` rather than the editable one);
- ``--instructions``: the same start-up commands and the in-process parse +
  lint of the 14 KB seed counted in instructions by ``valgrind --tool=callgrind``
  (independent of the load of the machine; slow);
- floor (``--only floor``): what a one-file ``lint --format json`` cannot avoid
  importing (the standard library and third-party modules it needs, pluggy
  among them), one more module per row, as median CPU over ``python -c pass``
  (and instructions with ``--instructions``), beside the lint itself: how far
  the 4x bar of issue #11 is from what is left for nianbao's own code.
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


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(wall s, CPU s of the command and its children, peak RSS MiB of the largest process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or ENV)
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


def _spin_cpu(n: int) -> float:
    t = time.process_time()
    _spin(n)
    return time.process_time() - t


def parallelism() -> tuple[float, float]:
    """What two processes really get now: (work of one in the same wall time, CPU time of the same work).

    The first is 2.00 on two free cores; the second is 1.00 there, and above 1 when the processes share
    cores with others (caches, hyper-threads of the host): by that much the CPU time of any program grows.
    """
    from concurrent.futures import ProcessPoolExecutor

    n = 3_000_000
    t = time.perf_counter()
    alone = _spin_cpu(n) + _spin_cpu(n)
    serial = time.perf_counter() - t
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [1000, 1000]))
        t = time.perf_counter()
        together = sum(pool.map(_spin_cpu, [n, n]))
        parallel = time.perf_counter() - t
    return serial / parallel, together / alone


# runs ``nianbao`` in this process and writes its own CPU time and its children's (the workers) to argv[1]
MEASURED = """
import json, resource, sys, time
out, sys.argv = sys.argv[1], ["nianbao", *sys.argv[2:]]
t = time.perf_counter()
from nianbao.cli import main
try:
    code = main(sys.argv[1:])
finally:
    wall = time.perf_counter() - t
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as f:
        json.dump({"wall": wall, "main": me.ru_utime + me.ru_stime, "workers": kids.ru_utime + kids.ru_stime,
                   "main_mib": me.ru_maxrss / 1024, "worker_mib": kids.ru_maxrss / 1024}, f)
sys.exit(code)
"""


def measured(args: list[str]) -> dict[str, float]:
    """``nianbao ARGS``: wall s, CPU s of the main process and of its workers, peak MiB of each."""
    with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
        cmd = [sys.executable, "-c", MEASURED, out.name, *args]
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
        if proc.returncode not in (0, 1) or b"Traceback" in proc.stderr:
            raise SystemExit(f"nianbao {' '.join(args[:6])} … failed ({proc.returncode}):\n{proc.stderr.decode()}")
        import json

        return json.load(out)


def memory(folder: Path, sizes: list[int]) -> None:
    paths, origin = write_reports(folder, max(sizes))
    print(f"Reports: {origin}.")
    print()
    # a baseline of the first ten reports' findings: most findings are still new, as in a project's CI
    baseline = folder.parent / "baseline.json"
    timed([*CLI, "lint", "--jobs", "1", "--write-baseline", str(baseline), *map(str, paths[:10])])
    print(
        "| reports | `--format concise`: peak MiB | wall s | CPU s | CPU ms/report | `--format json`: peak MiB"
        " | `--statistics`: peak MiB | `--baseline`: peak MiB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
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
        stats_peak, _, _ = timed([*CLI, "lint", "--jobs", "1", "--statistics", *args])
        base_peak, _, _ = timed([*CLI, "lint", "--jobs", "1", "-q", "--baseline", str(baseline), *args])
        print(
            f"| {n} | {peak:.0f} | {wall:.1f} | {cpu:.1f} | {cpu / n * 1000:.1f} | {json_peak:.0f}"
            f" | {stats_peak:.0f} | {base_peak:.0f} |",
            flush=True,
        )


def scaling(folder: Path, count: int, rounds: int, formats: list[str]) -> None:
    """``--jobs 1`` against ``--jobs 2``: throughput, CPU (main process and workers), the main process's share."""
    paths, _origin = write_reports(folder, count)
    quarter = folder.parent / f"{folder.name}-quarter"  # the first quarter: what the main process pays per report
    quarter.mkdir(exist_ok=True)
    for p in paths[: count // 4]:
        (quarter / p.name).symlink_to(p)
    measured(["lint", "--format", "concise", "--jobs", "2", str(folder)])  # byte-code and page cache warm
    before = parallelism()
    runs: dict[tuple[str, str], list[dict[str, float]]] = {}
    for _ in range(rounds):  # interleaved, so that a busy moment hits both alike
        for fmt in formats:
            for jobs, where in (("1", folder), ("2", folder), ("2q", quarter)):
                args = ["lint", "--format", fmt, "--jobs", jobs[0], str(where)]
                runs.setdefault((fmt, jobs), []).append(measured(args))
    after = parallelism()

    def med(fmt: str, jobs: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[fmt, jobs])

    def cpu(fmt: str, jobs: str) -> float:
        return statistics.median(r["main"] + r["workers"] for r in runs[fmt, jobs])

    print(f"`nianbao lint DIR`, {count} generated reports, median of {rounds} interleaved rounds:")
    print()
    print(
        "| format, jobs | wall s | reports/s | CPU s, all | main process CPU s | workers CPU s "
        "| CPU ms/report | main process ms/report | peak MiB: main / a worker |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for fmt in formats:
        for jobs in ("1", "2"):
            wall, total = med(fmt, jobs, "wall"), cpu(fmt, jobs)
            main, workers = med(fmt, jobs, "main"), med(fmt, jobs, "workers")
            mib = f"{med(fmt, jobs, 'main_mib'):.0f} / " + (
                f"{med(fmt, jobs, 'worker_mib'):.0f}" if jobs != "1" else "–"
            )
            print(
                f"| `{fmt}`, `--jobs {jobs}` | {wall:.2f} | {count / wall:.1f} | {total:.2f} | {main:.2f} "
                f"| {workers:.2f} | {total / count * 1000:.2f} | {main / count * 1000:.2f} | {mib} |"
            )
    print()
    for fmt in formats:
        w1, w2 = med(fmt, "1", "wall"), med(fmt, "2", "wall")
        c1, c2 = cpu(fmt, "1"), cpu(fmt, "2")
        # the main process per report: its CPU over all the reports less its CPU over the first quarter
        per_report = (med(fmt, "2", "main") - med(fmt, "2q", "main")) / (count - count // 4)
        fixed = med(fmt, "2", "main") - per_report * count
        worker = med(fmt, "2", "workers") / count
        print(
            f"- `{fmt}`: throughput `--jobs 2` / `--jobs 1` **{w1 / w2:.2f}x**; CPU `--jobs 2` / `--jobs 1` "
            f"**{c2 / c1:.2f}**. The main process: {fixed:.2f} s once (start-up, reading the options, "
            f"finding the files, warming up) and {per_report * 1000:.2f} ms per report against the workers' "
            f"{worker * 1000:.1f} ms"
            + (
                f": one main process keeps up with {worker / per_report:.0f} workers."
                if per_report > 0
                else " (the main process's share per report is below this run's noise: more --rounds)."
            )
        )
    print(
        f"- The machine: two processes got {before[0]:.2f}x / {after[0]:.2f}x the work of one at the start / end "
        f"(2.00x: two free cores), and a pure-Python loop took {before[1]:.2f}x / {after[1]:.2f}x its CPU time "
        "when two ran at once (1.00x on free cores: the CPU ratio above includes that much of the machine's share)."
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


def console_script(python: str) -> list[str]:
    """``nianbao`` as a user runs it: the console script pip installed beside the interpreter, else ``-m``."""
    script = Path(python).with_name("nianbao")
    return [str(script)] if script.is_file() else [python, "-m", "nianbao"]


def start_up_cases(python: str) -> list[tuple[str, list[str], dict[str, str]]]:
    """(label, command, environment): the format cache (NIANBAO_CACHE_DIR) as a user's second run finds it."""
    seed = str(SEEDS[3])
    cli = console_script(python)
    no_cache = {**ENV, "NIANBAO_CACHE_DIR": ""}
    return [
        ("`python -c pass`", [python, "-c", "pass"], ENV),
        ("`nianbao --version`", [*cli, "--version"], ENV),
        (f"`nianbao lint --format json {Path(seed).name}`", [*cli, "lint", "--format", "json", seed], ENV),
        (
            f"`nianbao lint --format json {Path(seed).name}`, no format cache",
            [*cli, "lint", "--format", "json", seed],
            no_cache,
        ),
        (f"`nianbao lint {Path(seed).name}` (text)", [*cli, "lint", seed], ENV),
    ]


def start_up(repeat: int, python: str) -> None:
    cases = start_up_cases(python)
    with tempfile.TemporaryDirectory() as empty:
        # nothing compiled, nothing written: every module compiled from source on every run
        modes = {"written": {}, "none": {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": empty}}
        found: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for extra in modes.values():
            for _label, cmd, env in cases:  # byte-code written (in the first mode), caches warm
                run(cmd, {**env, **extra})
        for _ in range(repeat):  # interleaved
            for mode, extra in modes.items():
                for label, cmd, env in cases:
                    wall, cpu, _ = run(cmd, {**env, **extra})
                    found.setdefault((mode, label), []).append((wall, cpu))
    print(f"Interpreter: {python}")
    print()
    print(
        "| command | wall ms, median | CPU ms, median | CPU / `python -c pass` "
        "| no byte-code: CPU ms | CPU / `python -c pass` |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    base = {m: statistics.median(c for _, c in found[(m, cases[0][0])]) for m in ("written", "none")}
    for label, _cmd, _env in cases:
        wall = statistics.median(w for w, _ in found[("written", label)])
        cpu = statistics.median(c for _, c in found[("written", label)])
        cold = statistics.median(c for _, c in found[("none", label)])
        print(
            f"| {label} | {wall * 1000:.0f} | {cpu * 1000:.0f} | {cpu / base['written']:.1f}x "
            f"| {cold * 1000:.0f} | {cold / base['none']:.1f}x |"
        )


def _instructions(cmd: list[str], env: dict[str, str] | None = None) -> int:
    """Instructions a command executes, by callgrind."""
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env or ENV,
    )
    found = [line for line in proc.stderr.splitlines() if "refs:" in line]
    if not found:
        raise SystemExit(f"valgrind gave no count for {' '.join(cmd[:4])} …:\n{proc.stderr[-500:]}")
    return int(found[-1].split("refs:")[1].replace(",", "").strip())


_IN_PROCESS = """
import sys
from nianbao import Source, parse
from nianbao.lint import Config, check_collection, check_document
config, source = Config(select=["ALL"]), Source.from_path(sys.argv[1])
for _ in range(int(sys.argv[2])):
    report = parse(source)
    check_document(report, config)
    check_collection([report], config)
"""


def instructions(python: str) -> None:
    cases = start_up_cases(python)
    for _label, cmd, env in cases:
        run(cmd, env)  # byte-code and the format cache written
    counts = {label: _instructions(cmd, env) for label, cmd, env in cases}
    base = counts[cases[0][0]]
    print("| command (valgrind callgrind) | instructions, millions | / `python -c pass` |")
    print("|---|---:|---:|")
    for label, _cmd, _env in cases:
        print(f"| {label} | {counts[label] / 1e6:.0f} | {counts[label] / base:.2f}x |")
    seed, n = str(SEEDS[3]), 10
    one = _instructions([python, "-c", _IN_PROCESS, seed, "1"])
    more = _instructions([python, "-c", _IN_PROCESS, seed, str(n + 1)])
    print()
    print(
        f"Parse + every rule of {Path(seed).name} in-process, after a first run: "
        f"{(more - one) / n / 1e6:.1f} M instructions per report."
    )


# What a one-file ``lint --format json`` imports and cannot do without, and why (issue #11's floor).
FLOOR = (
    ("argparse", "the command line"),
    ("dataclasses", "the records of the API (it imports inspect, ast, dis, tokenize)"),
    ("typing", "NamedTuple records; pluggy imports it too"),
    ("pluggy", "plugins are discovered and called through it (a fixed choice)"),
    ("rapidfuzz", "label similarity, on every parse (its __init__ imports every submodule)"),
    ("datetime", "the report's period and signing date"),
    ("json", "the json output"),
)


def floor(repeat: int, python: str, count: bool) -> None:
    """Median CPU (and instructions) of importing FLOOR's modules one more at a time, against the lint itself.

    Each import ends with ``os._exit(0)``, as the console script does (no tear-down of the modules).
    """
    seed = str(SEEDS[3])

    def importing(names: str) -> list[str]:
        return [python, "-c", f"import {names}; import os; os._exit(0)"]

    cases = [("`python -c pass`", [python, "-c", "pass"], "")]
    alone = {module: importing(module) for module, _why in FLOOR}
    for i, (module, why) in enumerate(FLOOR):
        cases.append((f"+ `{module}`", importing(", ".join(m for m, _ in FLOOR[: i + 1])), why))
    lint = f"`nianbao lint --format json {Path(seed).name}`"
    cases.append((lint, [*console_script(python), "lint", "--format", "json", seed], ""))
    commands = [*((label, cmd) for label, cmd, _why in cases), *alone.items()]
    for _label, cmd in commands:
        run(cmd)  # byte-code and caches written
    found: dict[str, list[float]] = {}
    for _ in range(repeat):  # interleaved
        for label, cmd in commands:
            found.setdefault(label, []).append(run(cmd)[1])
    cpu = {label: statistics.median(found[label]) * 1000 for label, _cmd in commands}
    irs = {label: _instructions(cmd) / 1e6 for label, cmd in commands} if count else {}
    base, ir_base = cpu[cases[0][0]], irs.get(cases[0][0], 1.0)
    print(f"Interpreter: {python}; median CPU of {repeat} interleaved runs.")
    print()
    head = "| imports (one more a row) | needed for | CPU ms | over `python -c pass`, ms | / `python -c pass` "
    head += "| alone: over, ms |"
    print(head + (" M instructions | / `python -c pass` |" if count else ""))
    print("|---|---|---:|---:|---:|---:|" + ("---:|---:|" if count else ""))
    for i, (label, _cmd, why) in enumerate(cases):
        module = FLOOR[i - 1][0] if 0 < i <= len(FLOOR) else None
        by_itself = f"{cpu[module] - base:+.1f}" if module else ""
        row = f"| {label} | {why} | {cpu[label]:.1f} | {cpu[label] - base:+.1f} | {cpu[label] / base:.2f}x "
        row += f"| {by_itself} |"
        if count:
            row += f" {irs[label]:.0f} | {irs[label] / ir_base:.2f}x |"
        print(row)
    everything = cpu[cases[-2][0]]
    print()
    print(
        f"The floor (every module above): {everything / base:.2f}x of `python -c pass`; the 4x bar leaves "
        f"{4 * base - everything:.1f} ms for nianbao's own modules, its plugins and the work of the run, "
        f"which take {cpu[lint] - everything:.1f} ms now ({cpu[lint] / base:.2f}x in all)."
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,2000", help="report counts of the memory runs (e.g. 200,2000,10000)")
    ap.add_argument("--count", type=int, default=400, help="reports of the --jobs runs")
    ap.add_argument("--rounds", type=int, default=3, help="runs of each --jobs measure (median shown)")
    ap.add_argument("--repeat", type=int, default=20, help="runs of the in-process and start-up measures")
    ap.add_argument(
        "--only",
        choices=("memory", "scaling", "in-process", "start-up", "instructions", "floor"),
        help="one part only",
    )
    ap.add_argument("--jobs", dest="only", action="store_const", const="scaling", help="the --jobs part only")
    ap.add_argument("--formats", default="concise,text", help="output formats of the --jobs runs")
    ap.add_argument("--python", default=sys.executable, help="the interpreter to measure start-up with")
    ap.add_argument("--instructions", action="store_true", help="also count instructions with valgrind (slow)")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    print(f"Load average at the start: {load:.2f}; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs.")
    print()
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "start-up"):
            start_up(args.repeat, args.python)
            print()
        if args.only == "instructions" or (args.only is None and args.instructions):
            instructions(args.python)
            print()
        if args.only in (None, "floor"):
            floor(args.repeat, args.python, args.instructions)
            print()
        if args.only in (None, "in-process"):
            in_process(args.repeat)
            print()
        if args.only in (None, "scaling"):
            scaling(Path(tmp) / "scaling", args.count, args.rounds, args.formats.split(","))
            print()
        if args.only in (None, "memory"):
            memory(Path(tmp) / "memory" / "all", [int(n) for n in args.sizes.split(",")])
            print()
    print(f"Load average at the end: {os.getloadavg()[0]:.2f}.")


if __name__ == "__main__":
    main()
