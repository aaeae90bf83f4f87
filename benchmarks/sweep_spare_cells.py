"""Rows with more cells than the format's row (spare cells), swept over the independent generator.

    python benchmarks/sweep_spare_cells.py [--seeds N] [--start S] [--save F] [--against F] [--show N]

Every layout of tests/synth/independent.py, both formats (2019, 2021), N seeds each, with the
EXTRA_BLANKS variant: a row of 表三 or 表四 with two of its zero cells left blank and a stray number
besides (at its start, end or among its values). Which cell is the stray one only the row's own
totals can tell; when they cannot, the cells in doubt must be guessed (T212), never an A finding.

Prints: reports with a false finding (an error or warning not in the variant's family at its
lines), false A findings, and silently wrong cells (a value unlike the truth not marked guessed).
``--save F`` writes the figures and each report's problems as JSON; ``--against F`` prints them
before (F) -> after (this run), and the reports that got worse.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nianbao import check, read_text
from tests.synth.independent import EXTRA_BLANKS, LAYOUTS, report

EW = ("error", "warning")


def _same(got: object, want: object) -> bool:
    if got is None or want is None:
        return got is want
    return abs(float(got) - float(want)) < 1e-6  # type: ignore[arg-type]


def measure(seed: int, layout: str, version: str) -> dict[str, list[str]]:
    """One report's false findings (code@line) and silently wrong cells (key: got, want)."""
    rep = report(seed, layout, version, EXTRA_BLANKS)
    parsed = read_text(rep.text, f"{layout}.txt")
    d = rep.defect
    findings = [f for f in check(parsed) if f.severity in EW]
    false = [f"{f.code}@{f.line}" for f in findings if d is None or f.family != d.family or f.line not in d.lines]
    silent = []
    for key, want in rep.truth.items():
        cell = parsed.cells.get(key)
        got = cell.value if cell else None
        if not _same(got, want) and (cell is None or cell.reading != "guessed"):
            silent.append(f"{key}: {got!r} (want {want!r})")
    return {"false": false, "silent": silent}


def figures(per: dict[str, dict[str, list[str]]]) -> dict[str, int]:
    return {
        "reports": len(per),
        "reports with a false finding": sum(1 for r in per.values() if r["false"]),
        "reports with a false A finding": sum(1 for r in per.values() if any(f.startswith("A") for f in r["false"])),
        "false A findings": sum(1 for r in per.values() for f in r["false"] if f.startswith("A")),
        "silently wrong cells": sum(len(r["silent"]) for r in per.values()),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=100, help="seeds per layout and format")
    ap.add_argument("--start", type=int, default=0, help="first seed")
    ap.add_argument("--save", type=Path, help="write the figures and per-report problems here (JSON)")
    ap.add_argument("--against", type=Path, help="a --save file of an earlier run: print before -> after")
    ap.add_argument("--show", type=int, default=0, help="print the first N reports with a problem")
    args = ap.parse_args()
    started = time.perf_counter()
    per: dict[str, dict[str, list[str]]] = {}
    for layout in LAYOUTS:
        for version in ("2019", "2021"):
            for seed in range(args.start, args.start + args.seeds):
                per[f"{seed} {layout} {version}"] = measure(seed, layout, version)
    now = figures(per)
    took = time.perf_counter() - started
    print(f"# spare cells (EXTRA_BLANKS): {args.seeds} seeds x {len(LAYOUTS)} layouts x 2 formats, {took:.0f} s\n")
    if args.against:
        old = json.loads(args.against.read_text("utf-8"))
        print("| | before | after |\n|---|---:|---:|")
        for k, v in now.items():
            print(f"| {k} | {old['figures'][k]} | {v} |")
        worse = [
            k
            for k, r in per.items()
            if k in old["reports"]
            and (
                len(r["false"]) > len(old["reports"][k]["false"]) or len(r["silent"]) > len(old["reports"][k]["silent"])
            )
        ]
        print(f"\nreports worse than before: {len(worse)}")
        for k in worse[: args.show or len(worse)]:
            print(f"  {k}: before {old['reports'][k]}, after {per[k]}")
    else:
        print("| | |\n|---|---:|")
        for k, v in now.items():
            print(f"| {k} | {v} |")
    shown = 0
    for k, r in per.items():
        if shown >= args.show:
            break
        if r["false"] or r["silent"]:
            print(f"{k}: false {r['false']} silent {r['silent'][:4]}")
            shown += 1
    if args.save:
        args.save.write_text(json.dumps({"figures": now, "reports": per}, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
