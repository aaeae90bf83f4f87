"""nianbao on reports from the independent generator (tests/synth/independent.py).

    python benchmarks/accuracy_independent.py [--count N] [--show N]

For every layout and format version: N clean reports and N reports with each injected defect.
Measures cells right (every cell of the truth; a cell written without a number must read as
no number), clean reports with an error or a warning (must be 0), errors and warnings that are
real (each at a line of the injected defect's relations, in the defect's family), and injected
defects found at their line. Prints Markdown tables (README quotes them); ``--show`` prints the
first N misreads and false findings, to see what went wrong; ``--spaced`` writes every report's
thousands apart by a space or NBSP (a thin space in tabs mixed with spaces).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nianbao import check, read_text
from tests.synth.independent import DEFECTS, LAYOUTS, Report, report

EW = ("error", "warning")


def same(got: object, want: object) -> bool:
    if got is None or want is None:
        return got is want
    return abs(float(got) - float(want)) < 1e-6  # type: ignore[arg-type]


def measure(rep: Report) -> tuple[int, int, list[str], list, list, bool]:
    """(cells right, cells, misreads, errors and warnings, the false ones, defect found at its line)."""
    parsed = read_text(rep.text, f"{rep.layout}.txt")
    misreads = []
    right = 0
    for key, want in rep.truth.items():
        cell = parsed.cells.get(key)
        got = cell.value if cell else None
        if same(got, want):
            right += 1
        else:
            misreads.append(f"{key}: {got!r} (want {want!r}, line {rep.cell_lines.get(key)})")
    findings = [f for f in check(parsed) if f.severity in EW]
    d = rep.defect
    false = [f for f in findings if d is None or f.family != d.family or f.line not in d.lines]
    found = d is not None and any(f.family == d.family and f.line in d.at for f in findings)
    return right, len(rep.truth), misreads, findings, false, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=10, help="reports per layout, version and defect (and clean)")
    ap.add_argument("--seed", type=int, default=90_000)
    ap.add_argument("--show", type=int, default=0, help="print the first N problems")
    ap.add_argument("--spaced", action="store_true", help="every report's thousands set apart by a space or NBSP")
    args = ap.parse_args()
    right: Counter[tuple[str, str]] = Counter()
    cells: Counter[tuple[str, str]] = Counter()
    flagged: Counter[str] = Counter()
    clean: Counter[str] = Counter()
    findings = real = 0
    injected: Counter[str] = Counter()
    found: Counter[str] = Counter()
    shown = 0
    started = time.perf_counter()
    for layout in LAYOUTS:
        for version in ("2019", "2021"):
            for i in range(args.count):
                seed = args.seed + i
                for defect in (None, *DEFECTS):
                    rep = report(seed, layout, version, defect, spaced=args.spaced)
                    ok, n, misreads, all_ew, false, hit = measure(rep)
                    right[layout, version] += ok
                    cells[layout, version] += n
                    if defect is None:
                        clean[layout] += 1
                        flagged[layout] += bool(false)
                    else:
                        injected[defect] += 1
                        found[defect] += hit
                    findings += len(all_ew)
                    real += len(all_ew) - len(false)
                    if shown < args.show and (misreads or false or (defect and not hit)):
                        shown += 1
                        print(f"--- {layout} {version} seed {seed} defect {defect} at {rep.defect and rep.defect.line}")
                        for m in misreads[:6]:
                            print("  misread", m)
                        for f in false[:6]:
                            print("  false", f.code, f.line, f.message[:120])
                        if defect and not hit:
                            print("  not found at its line")
    print("| layout | 2019 format | 2021 format | clean reports flagged |\n|---|---|---|---|")
    for layout in LAYOUTS:
        cols = [f"{right[layout, v] / cells[layout, v]:.2%}" for v in ("2019", "2021")]
        print(f"| {layout} | {' | '.join(cols)} | {flagged[layout]}/{clean[layout]} |")
    n = sum(cells.values())
    print(f"\ncells right: {sum(right.values())}/{n} ({sum(right.values()) / n:.3%})")
    print(f"clean reports with an error or a warning: {sum(flagged.values())}/{sum(clean.values())}")
    print(f"errors and warnings real: {real}/{findings} ({real / max(findings, 1):.2%})")
    print("\n| injected defect | found at its line |\n|---|---|")
    for d in DEFECTS:
        print(f"| {d} | {found[d]}/{injected[d]} |")
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
