"""Cell accuracy of `nianbao parse` on generated reports, per layout and format version.

    python benchmarks/accuracy.py [--count N]

Reports come from tests/synth/generate.py (random non-zero numbers, noise of
each layout), then from tests/synth/variants.py (the same reports as crawler dumps,
padded tab rows, colspan gaps) on other seeds. Prints Markdown tables; the README
quotes them. For the variants it also counts cells read wrong without saying so
(a wrong value not read as a guess, a lost one not reported missing): that must stay 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nianbao import Source, parse
from tests.synth.generate import LAYOUTS, generate
from tests.synth.variants import VARIANTS, variant


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=50, help="reports per layout and version")
    args = ap.parse_args()
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    for layout in LAYOUTS:
        for version in ("2019", "2021"):
            for seed in range(args.count):
                synthetic = generate(10_000 + seed, layout, version, noise=True)
                report = parse(Source.from_text(f"{layout}.txt", synthetic.text))
                for key, want in synthetic.truth.items():
                    cell = report.cells.get(key)
                    got = cell.value if cell else None
                    total[layout, version] += 1
                    if got == want or (got is not None and want is not None and abs(got - want) < 1e-6):
                        right[layout, version] += 1
    print("| layout | 2019 format | 2021 format |\n|---|---|---|")
    for layout in LAYOUTS:
        cols = [f"{right[layout, v] / total[layout, v]:.2%}" for v in ("2019", "2021")]
        print(f"| {layout} | {' | '.join(cols)} |")
    n = sum(total.values())
    print(
        f"\n{sum(right.values())}/{n} cells right ({sum(right.values()) / n:.3%}) "
        f"in {2 * len(LAYOUTS) * args.count} reports, {time.perf_counter() - started:.1f} s"
    )
    _variants(args.count)


def _said(report, key: str) -> bool:
    """Whether a wrong cell is flagged: read as a guess, or its row reported missing."""
    cell = report.cells.get(key)
    if cell is not None:
        return cell.reading == "guessed"
    return any(key in p.keys for p in report.problems if p.kind in ("row-missing", "table-missing", "cell-missing"))


def _variants(count: int) -> None:
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    silent: Counter[tuple[str, str]] = Counter()
    for name in VARIANTS:
        for version in ("2019", "2021"):
            for seed in range(count):
                text, truth = variant(40_000 + seed, name, version, noise=seed % 2 == 1)
                report = parse(Source.from_text(f"{name}.txt", text))
                for key, want in truth.items():
                    cell = report.cells.get(key)
                    got = cell.value if cell else None
                    total[name, version] += 1
                    if got == want or (got is not None and want is not None and abs(got - want) < 1e-6):
                        right[name, version] += 1
                    elif not _said(report, key):
                        silent[name, version] += 1
    print("\n| variant | 2019 format | 2021 format | wrong without saying so |\n|---|---|---|---|")
    for name in VARIANTS:
        cols = [f"{right[name, v] / total[name, v]:.2%}" for v in ("2019", "2021")]
        print(f"| {name} | {' | '.join(cols)} | {silent[name, '2019'] + silent[name, '2021']} |")


if __name__ == "__main__":
    main()
