"""Time of the split search (digits run together, ``flat`` dialect) per report, worst case included.

    python benchmarks/bench_split.py [--count N]

Reads each report with the flat dialect (row finding, the split of every run, the
choice between rows by the relations) and reports the median and worst time per
report over: the real crawler dump, generated dumps (both format versions), and
adversarial copies of the real dump (CPU time, best of three) — every run of table 三 replaced by random digits
(each row's search then runs into its budget), and a run of 400 digits.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nianbao import Source  # noqa: E402
from nianbao.plugins.dialects.flat import FlatDialect  # noqa: E402
from nianbao.source import decode  # noqa: E402
from tests.synth.variants import variant  # noqa: E402

DUMP = ROOT / "tests" / "fixtures" / "corpus" / "pingtan_2023" / "pingtan_2023.flat.txt"


def _time(text: str, repeat: int = 3) -> float:
    source = Source.from_text("r.txt", text)
    decoded = decode(source)
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()  # CPU time: the shared machine's wall clock says more about the others
        FlatDialect().read(source, decoded)
        best = min(best, time.process_time() - started)
    return best * 1000


def _adversarial(text: str, r: random.Random, length: int | None) -> str:
    """Every digit run after a table 三 label replaced by random digits (``length`` of them, or 7–84)."""
    start = text.index("申请人情况")
    end = text.index("政府信息公开行政复议")

    def repl(m: re.Match) -> str:
        n = length or r.randint(7, 84)
        return "".join(r.choice("0123456789") for _ in range(n))

    return text[:start] + re.sub(r"\d{5,}", repl, text[start:end]) + text[end:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=40, help="generated dumps per format version")
    args = ap.parse_args()
    dump = DUMP.read_text("utf-8")
    r = random.Random(7)
    groups = {
        "real dump (pingtan_2023.flat.txt)": [dump],
        "generated dumps, 2019 and 2021": [
            variant(20_000 + i, "flat", v)[0] for i in range(args.count) for v in ("2019", "2021")
        ],
        "real dump, every 表三 run random (7-84 digits)": [_adversarial(dump, r, None) for _ in range(20)],
        "real dump, every 表三 run 84 random digits": [_adversarial(dump, r, 84) for _ in range(5)],
        "real dump with a 400-digit run": [
            dump.replace("801000081", "".join(r.choice("0123456789") for _ in range(400)), 1)
        ],
    }
    _time(dump)  # warm up imports and caches
    print("| reports | n | median ms | worst ms |\n|---|---|---|---|")
    for name, texts in groups.items():
        times = [_time(t) for t in texts]
        print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {max(times):.1f} |")


if __name__ == "__main__":
    main()
