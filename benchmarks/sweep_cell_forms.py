"""Cells written oddly in text layouts and PDF text: read right, or said to be unsure — never a false finding.

    python benchmarks/sweep_cell_forms.py [--seeds N] [--read DIR ...] [--forms F ...] [-v]

Each case takes a clean report's text and rewrites ONE number cell the reader got right:

- ``无`` ``-`` ``—`` ``/`` ``／`` ``空``: a placeholder for the number (the cell's truth becomes blank);
- ``space`` ``nbsp`` ``comma`` ``fwcomma`` (``1 234``, ``1\\u00a0234``, ``1,234``, ``1，234``): thousands
  grouped, for values of 1,000 or more;
- ``fwdigits`` (``１２３４``), ``fwpoint`` (``２０５．８１``: an amount's full-width point).

Texts: the PDF-text fixtures (tests/fixtures/pdf_text*, five libraries' text of generated PDFs),
the PDFs in each ``--read DIR`` (as ``accuracy_pdf_text.py --keep`` writes them; their text taken
with every library read), and reports of tests/synth/generate.py in pipe, tab and one-cell-a-line
layouts and the ``flat``/``flat_rows`` variants (crawler dumps: cells run together), both formats.

Per text kind and form: cases, cells right, cells wrong without saying so (not guessed/plausible,
not reported missing, its row not reported read by position: must be 0), and cases with a new error
or warning other than the one the form deserves (T209 on a placeholder): a false finding.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nianbao import Source, parse  # noqa: E402
from nianbao.lint import Config, check_document  # noqa: E402
from nianbao.source import SourceError  # noqa: E402

PLACEHOLDERS = ("无", "-", "—", "/", "／", "空")
GROUPED = {"space": " ", "nbsp": "\u00a0", "comma": ",", "fwcomma": "，"}
FORMS = (*PLACEHOLDERS, *GROUPED, "fwdigits", "fwpoint")
_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")
GEN_LAYOUTS = ("pipe", "tab", "cells_pipe", "web_rows")
GEN_VARIANTS = ("flat", "flat_rows")


def said(report, key: str) -> bool:
    """Whether a wrong cell is flagged: a guess, its row or the cell reported missing, or its row read by position."""
    cell = report.cells.get(key)
    if cell is not None and cell.reading in ("guessed", "plausible"):
        return True
    kinds = ("row-missing", "table-missing", "cell-missing")
    if any(key in p.keys for p in report.problems if p.kind in kinds):
        return True
    return any(key in p.keys and "merged" not in p.data for p in report.problems if p.kind == "row-guessed")


def rewrite(raw: str, value, form: str) -> str | None:
    """The cell's text written in ``form``, or None when the form does not apply to it."""
    if form in PLACEHOLDERS:
        return form
    if not raw.replace(".", "", 1).isdigit() or (raw.startswith("0") and len(raw) > 1 and raw[1] != "."):
        return None
    whole, dot, frac = raw.partition(".")
    if form in GROUPED:
        if len(whole) < 4:
            return None
        head = len(whole) % 3 or 3
        groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
        return GROUPED[form].join(groups) + dot + frac
    if form == "fwdigits":
        return raw.translate(_FULL)
    if form == "fwpoint":
        return raw.translate(_FULL) if dot else None
    raise ValueError(form)


def _findings(report) -> list[tuple[str, int]]:
    text = report.text.text
    out = []
    for d in check_document(report, Config(), []):
        if d.severity.value in ("error", "warning"):
            out.append((d.code, text.count("\n", 0, d.span.start) + 1))
    return out


def _texts(args: argparse.Namespace):
    """(kind, name, text, truth, template) of every clean text swept."""
    from tests.documents.pdf_text import LIBRARIES, READ

    folders = [ROOT / "tests/fixtures/pdf_text", ROOT / "tests/fixtures/pdf_text_narrow"]
    for folder in folders:
        for meta in sorted(folder.glob("*.json")):
            truth = json.loads(meta.read_text(encoding="utf-8"))
            if truth["defect"] is not None:
                continue
            for lib in READ:
                path = folder / f"{meta.stem}.{lib}.txt"
                if path.exists():
                    yield f"pdf:{lib}", f"{meta.stem}.{lib}", path.read_text(encoding="utf-8"), truth["cells"]
    for folder in args.read or []:
        for pdf in sorted(folder.glob("*.pdf")):
            truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
            if truth["defect"] is not None:
                continue
            for lib in READ:
                cache = pdf.with_suffix(f".{lib}.txt")
                if not cache.exists():
                    cache.write_text(LIBRARIES[lib](pdf), encoding="utf-8")
                yield f"pdf:{lib}", f"{pdf.stem}.{lib}", cache.read_text(encoding="utf-8"), truth["cells"]
    from tests.synth.generate import generate
    from tests.synth.variants import variant

    for seed in range(args.first, args.first + args.seeds):
        for version in ("2019", "2021"):
            for layout in GEN_LAYOUTS:
                rep = generate(seed, layout, version, noise=False)
                yield f"gen:{layout}", f"{layout}-{version}-{seed}", rep.text, rep.truth
            for name in GEN_VARIANTS:
                text, truth = variant(seed, name, version)
                yield f"var:{name}", f"{name}-{version}-{seed}", text, truth


def sweep(args: argparse.Namespace) -> dict:
    stats: dict[tuple[str, str], Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for kind, name, text, truth in _texts(args):
        try:
            base = parse(Source.from_text(f"{name}.txt", text))
        except SourceError:
            continue
        before = Counter(_findings(base))
        r = random.Random(name)
        for form in args.forms:
            # a cell the reader got right as written, that the form applies to
            cands = []
            for key, want in truth.items():
                cell = base.cells.get(key)
                if cell is None or want is None or cell.value != want or cell.reading not in ("exact", "position"):
                    continue
                if text[cell.span.start : cell.span.end] != cell.raw:
                    continue
                new = rewrite(cell.raw, want, form)
                if new is not None and new != cell.raw:
                    cands.append((key, cell, new))
            if not cands:
                continue
            key, cell, new = r.choice(cands)
            mutated = text[: cell.span.start] + new + text[cell.span.end :]
            want_all = dict(truth)
            if form in PLACEHOLDERS:
                want_all[key] = None
            report = parse(Source.from_text(f"{name}.txt", mutated))
            s = stats[kind, form]
            s["cases"] += 1
            silent = []
            for k, want in want_all.items():
                c = report.cells.get(k)
                got = c.value if c else None
                s["cells"] += 1
                if got == want or (got is not None and want is not None and abs(got - want) < 1e-6):
                    s["right"] += 1
                elif not said(report, k):
                    silent.append(f"{k}: {want} read {got}")
            s["silent"] += len(silent)
            line = text.count("\n", 0, cell.span.start) + 1
            after = Counter(_findings(report))
            new_findings = after - before
            if form in PLACEHOLDERS:  # the placeholder's own T209 (and the row's count, for text that lost it)
                new_findings.pop(("T209", line), None)
            false = sorted(new_findings.elements())
            s["false"] += bool(false)
            for code, _ in false:
                s[f"code:{code}"] += 1
            if (silent or false) and len(examples[kind, form]) < args.examples:
                examples[kind, form].append(f"{name} {key} {cell.raw!r}->{new!r} line {line}: {silent[:3]} {false}")
    return {"stats": stats, "examples": examples}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=5, help="generated reports per format version and layout")
    ap.add_argument("--first", type=int, default=9100, help="first seed")
    ap.add_argument("--read", type=Path, nargs="*", help="folders of PDFs kept by accuracy_pdf_text.py --keep")
    ap.add_argument("--forms", nargs="+", default=list(FORMS), choices=FORMS)
    ap.add_argument("--examples", type=int, default=3, help="cases listed per kind and form (-v)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    out = sweep(args)
    stats = out["stats"]
    print("| text | form | cases | cells right | wrong without saying so | cases with a false finding |")
    print("|---|---|---|---|---|---|")
    total: Counter = Counter()
    for (kind, form), s in sorted(stats.items()):
        codes = ", ".join(f"{k[5:]}×{v}" for k, v in sorted(s.items()) if k.startswith("code:"))
        print(
            f"| {kind} | {form} | {s['cases']} | {s['right'] / s['cells']:.2%} | {s['silent']} "
            f"| {s['false']}{f' ({codes})' if codes else ''} |"
        )
        total.update(s)
    print(f"\nall: {total['cases']} cases, silent {total['silent']}, false findings in {total['false']}")
    if args.verbose:
        for (kind, form), ex in sorted(out["examples"].items()):
            for e in ex:
                print(f"  {kind} {form}: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
