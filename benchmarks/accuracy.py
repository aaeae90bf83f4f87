"""Cell accuracy of `nianbao parse` on generated reports, per layout and format version.

    python benchmarks/accuracy.py [--count N]

Reports come from tests/synth/generate.py (random non-zero numbers, noise of
each layout), then from tests/synth/variants.py (the same reports as crawler dumps,
padded tab rows, colspan gaps) on other seeds. Prints Markdown tables; the README
quotes them. For the variants it also counts cells read wrong without saying so
(a wrong value not read as a guess or as merely plausible, a lost one not reported
missing): that must stay 0. Wrong cells that were said are counted by how: a guess
(a T212 warning) or the likeliest reading of a row no relation decides (T212 information).

Crawler dumps of the 2019 format are measured twice: with table 二 as real reports fill
it (generate's default) and with its numbers independent and random (``t2="random"``,
the hard case: no fact of real reports helps to split a run). Clean dumps (no noise) are
linted too: the number flagged with an error, or with a warning other than T212.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nianbao import Source, parse
from nianbao.lint import Config, check
from tests.synth.generate import LAYOUTS, generate
from tests.synth.variants import VARIANTS, variant


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=50, help="reports per layout and version")
    ap.add_argument("--variants", action="store_true", help="only the variants (crawler dumps, padding, gaps …)")
    args = ap.parse_args()
    if args.variants:
        _variants(args.count)
        _real_dumps()
        return
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
    _real_dumps()


def _said(report, key: str) -> str:
    """How a wrong cell is flagged: "guessed", "plausible", "missing" (its row reported missing) or "" (not at all)."""
    cell = report.cells.get(key)
    if cell is not None and cell.reading in ("guessed", "plausible"):
        return cell.reading
    if cell is not None and cell.value is not None:
        return ""
    kinds = ("row-missing", "table-missing", "cell-missing")
    return "missing" if any(key in p.keys for p in report.problems if p.kind in kinds) else ""


_COLUMNS = (("2019", "real"), ("2019", "random"), ("2021", "real"))


def _variants(count: int) -> None:
    right: Counter[tuple] = Counter()
    total: Counter[tuple] = Counter()
    said: Counter[tuple] = Counter()
    flagged: Counter[tuple] = Counter()
    clean: Counter[tuple] = Counter()
    for name in VARIANTS:
        for version, t2 in _COLUMNS:
            if t2 == "random" and not name.startswith("flat"):
                continue
            for seed in range(count):
                noise = seed % 2 == 1
                text, truth = variant(40_000 + seed, name, version, noise=noise, t2=t2)
                report = parse(Source.from_text(f"{name}.txt", text))
                for key, want in truth.items():
                    cell = report.cells.get(key)
                    got = cell.value if cell else None
                    total[name, version, t2] += 1
                    if got == want or (got is not None and want is not None and abs(got - want) < 1e-6):
                        right[name, version, t2] += 1
                    else:
                        said[name, _said(report, key)] += 1
                if not noise:
                    clean[name, version, t2] += 1
                    found = {(d.code, d.severity.value) for d in check([report], Config())}
                    if any(s == "error" or (s == "warning" and c != "T212") for c, s in found):
                        flagged[name, version, t2, "other"] += 1
                    elif any(c == "T212" and s == "warning" for c, s in found):
                        flagged[name, version, t2, "T212"] += 1
    print(
        "\n| variant | 2019 format | 2019, table 二 random | 2021 format "
        "| wrong, said as a guess / as plausible / without saying so "
        "| clean reports with a T212 warning / another warning or error |\n|---|---|---|---|---|---|"
    )
    for name in VARIANTS:
        cols = [f"{right[name, v, t] / total[name, v, t]:.2%}" if total[name, v, t] else "—" for v, t in _COLUMNS]
        wrong = f"{said[name, 'guessed'] + said[name, 'missing']} / {said[name, 'plausible']} / {said[name, '']}"
        n = sum(clean[name, v, t] for v, t in _COLUMNS)
        t212 = sum(flagged[name, v, t, "T212"] for v, t in _COLUMNS)
        other = sum(flagged[name, v, t, "other"] for v, t in _COLUMNS)
        print(f"| {name} | {' | '.join(cols)} | {wrong} | {t212} / {other} of {n} |")


def _real_dumps() -> None:
    """The real reports of tests/fixtures as crawler dumps (tests/engine/test_flat_real.py measures the same)."""
    from tests.engine.test_flat_real import REAL, _said, _truth
    from tests.synth.variants import CRAWLER_SHAPES, crawler_dump

    print(
        "\n| real report as a crawler dump | " + " | ".join(CRAWLER_SHAPES) + " |\n|---|" + "---|" * len(CRAWLER_SHAPES)
    )
    right = total = silent = 0
    for name, path in REAL:
        text = path.read_text("utf-8")
        truth = _truth(name, path)
        cell_lines = parse(Source.from_path(str(path))).dialect not in ("pipe", "tab", "markdown")
        cols = []
        for shape in CRAWLER_SHAPES:
            if shape == "rows" and cell_lines:
                cols.append("—")
                continue
            report = parse(Source.from_text(f"{name}.txt", crawler_dump(text, shape)))
            ok = 0
            for key, want in truth.items():
                cell = report.cells.get(key)
                good = cell is not None and (
                    cell.value == want or (None not in (cell.value, want) and abs(cell.value - want) < 1e-6)
                )
                ok += good
                silent += not good and not _said(report, key)
            right, total = right + ok, total + len(truth)
            cols.append(f"{ok}/{len(truth)}")
        print(f"| {name} | {' | '.join(cols)} |")
    print(f"\n{right}/{total} cells right ({right / total:.2%}); wrong without saying so: {silent}")


if __name__ == "__main__":
    main()
