"""Parse time and memory against input size, 10 KB to 10 MB, pathological lines included.

    nice .venv/bin/python benchmarks/bench_scaling.py               # every family, 10 KB … 10 MB
    nice .venv/bin/python benchmarks/bench_scaling.py --max-kb 640 --family spaces

Each (family, size) is parsed in a fresh process (so peak memory is that input's); the time is
the parse alone (decoding, dialect, structure, alignment), the best of ``--repeat`` runs. The
ratio column is the time over the time of half the size: linear growth is about 2.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_56d52824af3b7c81.txt"  # pipe layout
CELLS_SEED = ROOT / "tests" / "fixtures" / "seeds" / "003_a780bcacce4add61.txt"  # one cell per line

FAMILIES = {
    "reports": "whole reports one after another",
    "rows": "one report, then the same table row repeated (issue 15.9)",
    "prose": "one report with its prose paragraphs repeated",
    "spaces": "one report with one line of spaces then 'x|' (issue 13, 15.2)",
    "pipes": "a one-cell-per-line report with one line of '|' then 'x' (issue 15.1)",
    "brackets": "one report with one line of '（' (issue 15.3)",
}


def make(family: str, size: int) -> bytes:
    """About ``size`` bytes of the family: a report grown to that size, or a report with one line of that size."""
    seed = SEED.read_text("utf-8")
    lines = seed.split("\n")
    if family == "reports":
        return ((seed + "\n") * (size // len(seed.encode()) + 1)).encode()[:size].decode("utf-8", "ignore").encode()
    if family == "rows":
        return (seed + "\n" + "规章 | 0 | 0 | 0 | |\n" * (size // 24 + 1)).encode()
    if family == "prose":
        paragraph = "本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。\n"
        return "\n".join([*lines[:3], paragraph * (size // len(paragraph.encode()) + 1), *lines[3:]]).encode()
    if family == "spaces":
        return "\n".join([*lines[:3], " " * size + "x|", *lines[3:]]).encode()
    if family == "pipes":
        cells_lines = CELLS_SEED.read_text("utf-8").split("\n")
        return "\n".join([*cells_lines[:45], "|" * size + "x", *cells_lines[45:]]).encode()
    if family == "brackets":
        return "\n".join([*lines[:3], "（" * (size // 3), *lines[3:]]).encode()
    raise ValueError(family)


_CHILD = """
import resource, sys, time
from nianbao.engine import parse
from nianbao.source import Source
data = sys.stdin.buffer.read()
parse(Source("warm-up.txt", open(sys.argv[2], "rb").read()))  # plugins, grammar, templates loaded first
best = None
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    report = parse(Source("bench.txt", data))
    dt = time.perf_counter() - t
    best = dt if best is None else min(best, dt)
print(best, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(report.cells))
"""


def measure(data: bytes, repeat: int) -> tuple[float, int, int]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(repeat), str(SEED)],
        input=data,
        capture_output=True,
        check=True,
        timeout=1800,
    )
    seconds, rss, cells = done.stdout.split()
    return float(seconds), int(rss), int(cells)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", action="append", choices=sorted(FAMILIES))
    ap.add_argument("--min-kb", type=int, default=10)
    ap.add_argument("--max-kb", type=int, default=10 * 1024)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()
    figures = []
    print(f"{'family':<9} {'size':>9} {'parse s':>9} {'ratio':>6} {'peak MB':>8} {'cells':>6}")
    for family in args.family or list(FAMILIES):
        kb, previous = args.min_kb, None
        while kb <= args.max_kb:
            seconds, rss, cells = measure(make(family, kb * 1024), args.repeat if kb <= 1280 else 1)
            ratio = seconds / previous if previous else None
            print(
                f"{family:<9} {kb:>6} KB {seconds:>9.3f} {ratio if ratio else 0:>6.2f} {rss / 1024:>8.0f} {cells:>6}",
                flush=True,
            )
            figures.append({"family": family, "kb": kb, "seconds": seconds, "ratio": ratio, "peak_kb": rss})
            previous, kb = seconds, kb * 2
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
