"""Blank cells on correct reports: a blank 0 must read as blank (or 0), or as a guess — never a finding.

    python benchmarks/sweep_blank_cells.py [--seeds N] [--layout L] [--kind K] [--list]

Reports come from tests/synth/generate.py (every layout, both format versions, noise on).
In each, cells whose value is 0 are written blank in the layout's own way (the generator
renders the blank: pipe_broken a newline, tab an empty field, one cell a line an empty cell),
one kind at a time:

- ``first`` / ``middle`` / ``last``: one 0 cell at that place of its row (first value, one
  strictly inside, last value);
- ``row``: every cell of a row whose values are all 0;
- ``total``: one 0 total (a row's 总计 column, a (七)总计 cell, a 表四 总计).

The report stays correct (a blank counts as 0), so every A or T finding the blank adds is false,
but for a whole row blank: T201/T203 there say that cells are missing (table 四's one row of
values, or a row no label on its line names, is not in the text), an honest T finding, counted
apart as expected (docs/robustness.md, "Blank cells").
Counted per kind: reports with a false finding (error or warning of family A, T or X not in the
report before the blank, T207 — the blank cell itself — aside), those with a false A finding,
and cells read wrong without saying so (a value that differs from the truth, the blank read
as anything but blank or 0, not read as guessed or plausible). ``--list`` prints each report
with a false finding or a silently wrong cell (seed, layout, format, kind, what).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nianbao import Source, parse
from nianbao.lint import check
from tests.synth.blanks import KINDS, blanked, silently_wrong
from tests.synth.generate import LAYOUTS, TEMPLATES, generate

EXPECTED_ROW = frozenset({"T201", "T203"})  # a whole row blank: cells missing, said


def _findings(report) -> Counter[str]:
    return Counter(
        d.code for d in check([report]) if d.code[0] in "ATX" and d.code != "T207" and d.severity.name != "INFO"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=20, help="seeds per layout and format version")
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--layout", choices=LAYOUTS, action="append", help="only this layout (repeatable)")
    ap.add_argument("--kind", choices=KINDS, action="append", help="only this kind of blank (repeatable)")
    ap.add_argument("--list", action="store_true", help="print every report with a false finding or wrong cell")
    args = ap.parse_args(argv)
    layouts, kinds = args.layout or LAYOUTS, args.kind or KINDS
    reports: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    false_a: Counter[str] = Counter()
    silent: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    by_layout: Counter[str] = Counter()
    started = time.perf_counter()
    for layout in layouts:
        for template in TEMPLATES:
            for seed in range(args.first_seed, args.first_seed + args.seeds):
                rep = generate(seed, layout, template)
                base = parse(Source.from_text("r.txt", rep.text))
                before, wrong_before = _findings(base), set(silently_wrong(base, rep.truth, []))
                for kind in kinds:
                    got = blanked(rep, kind, random.Random(f"{seed}:{layout}:{template}:{kind}"))
                    if got is None:
                        continue
                    bad, keys = got
                    report = parse(Source.from_text("r.txt", bad.text))
                    new = _findings(report) - before
                    said = Counter({c: n for c, n in new.items() if kind == "row" and c in EXPECTED_ROW})
                    new -= said
                    expected[kind] += bool(said)
                    wrong = [w for w in silently_wrong(report, bad.truth, keys) if w not in wrong_before]
                    reports[kind] += 1
                    flagged[kind] += bool(new)
                    false_a[kind] += any(c[0] == "A" for c in new)
                    silent[kind] += len(wrong)
                    by_layout[layout] += bool(new) or bool(wrong)
                    if args.list and (new or wrong):
                        what = " ".join(sorted(new.elements())) + (f" wrong: {', '.join(wrong)}" if wrong else "")
                        print(f"seed {seed} {layout} {template} {kind} [{', '.join(keys)}]: {what}")
    print(
        "| blank | reports | with a false finding | false A | silently wrong cells | cells missing said (T201/T203) |"
        "\n|---|---|---|---|---|---|"
    )
    for kind in kinds:
        print(f"| {kind} | {reports[kind]} | {flagged[kind]} | {false_a[kind]} | {silent[kind]} | {expected[kind]} |")
    n = sum(reports.values())
    print(
        f"| all | {n} | {sum(flagged.values())} | {sum(false_a.values())} | {sum(silent.values())} "
        f"| {sum(expected.values())} |\n\n"
        f"by layout (reports with a false finding or a silently wrong cell): "
        + ", ".join(f"{lay} {by_layout[lay]}" for lay in layouts)
        + f"\n{len(layouts)} layouts x {len(TEMPLATES)} formats x {args.seeds} seeds, "
        + f"{time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
