"""Cells right in the text PDF libraries give for generated PDFs, per library.

    python benchmarks/accuracy_pdf_text.py [--seeds N] [--first S] [--families clean T A] [--keep DIR]

Reports come from tests/synth/generate.py, laid out as PDFs by tests/documents/make_pdfs.py
(LibreOffice from Word and Chromium from HTML; ruled or not, fonts, sizes, column widths,
centred or top-aligned cells, footers, landscape, paper sizes, margins, header rows
repeated, page breaks moved), needs LibreOffice, Chromium, poppler-utils and CJK fonts
(Debian fonts-noto-cjk: without them the PDFs carry no Chinese text). Each PDF's text is
taken with pdfplumber (``extract_text()``, and ``layout=True``), pypdf (``extract_text()``,
and ``extraction_mode="layout"``) and poppler's ``pdftotext`` (plain and ``-layout``),
then read by ``nianbao.parse`` as text; row ``nianbao`` is the PDF itself, read by the
pdf dialect.
Per library: cells right, cells wrong without saying so (a wrong value not read as a
guess, a lost one not reported missing: must stay 0), clean reports with an error or a
warning. Prints Markdown; the README quotes it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nianbao import Source, parse  # noqa: E402
from nianbao.lint import Config, check_document  # noqa: E402
from nianbao.source import SourceError  # noqa: E402
from tests.documents.make_pdfs import write_set  # noqa: E402
from tests.documents.pdf_text import LIBRARIES  # noqa: E402


def said(report, key: str) -> bool:
    """Whether a wrong cell is flagged: read as a guess, its row or the cell reported missing, or its row
    reported read by position, its label not found (T211: which row it is, is a guess)."""
    if any(key in p.keys for p in report.problems if p.kind in ("row-missing", "cell-missing")):
        return True
    if any(key in p.keys and "merged" not in p.data for p in report.problems if p.kind == "row-guessed"):
        return True  # what T211 reports (a row under merged-cell text it leaves alone: not said)
    cell = report.cells.get(key)
    return cell is not None and cell.reading == "guessed"


def _read(lib: str, pdf: Path):
    """The report nianbao reads: from the library's text, or (``nianbao``) from the PDF itself; None if refused."""
    try:
        if lib == "nianbao":
            return parse(Source.from_path(str(pdf)))
        return parse(Source.from_text(f"{pdf.stem}.{lib}.txt", LIBRARIES[lib](pdf)))
    except SourceError:  # text a library gave as NULs (pypdf on some Chromium fonts): refused with a message
        return None


def measure(names: list[Path], verbose: bool = False) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for lib in ("nianbao", *LIBRARIES):
        right = total = silent = flagged = clean = refused = 0
        by_maker: Counter[str] = Counter()
        by_maker_total: Counter[str] = Counter()
        for name in names:
            meta = json.loads(name.with_suffix(".json").read_text(encoding="utf-8"))
            report = _read(lib, name.with_suffix(".pdf"))
            maker = meta["style"]["maker"]
            if report is None:
                refused += 1
                total += len(meta["cells"])
                by_maker_total[maker] += len(meta["cells"])
                if verbose:
                    print(f"  refused {lib} {name.name}", file=sys.stderr)
                continue
            for key, want in meta["cells"].items():
                cell = report.cells.get(key)
                got = cell.value if cell else None
                total += 1
                by_maker_total[maker] += 1
                if got == want or (got is not None and want is not None and abs(got - want) < 1e-6):
                    right += 1
                    by_maker[maker] += 1
                elif not said(report, key):
                    silent += 1
                    if verbose:
                        print(f"  silent {lib} {name.name} {key}: {want} read {got}", file=sys.stderr)
            if meta["defect"] is None:
                clean += 1
                diags = check_document(report, Config(), [])
                bad = [d.code for d in diags if d.severity.value in ("error", "warning")]
                flagged += bool(bad)
                if verbose and bad:
                    print(f"  flagged {lib} {name.name}: {bad}", file=sys.stderr)
        out[lib] = {
            "right": right,
            "total": total,
            "silent": silent,
            "flagged": flagged,
            "clean": clean,
            "refused": refused,
            "makers": {m: by_maker[m] / by_maker_total[m] for m in ("libreoffice", "chromium") if by_maker_total[m]},
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=10, help="reports per format version and maker")
    ap.add_argument("--first", type=int, default=5000, help="first seed")
    ap.add_argument("--keep", type=Path, help="write the PDFs here (else a temporary folder)")
    ap.add_argument("--families", nargs="+", default=["clean", "T", "A"], help="clean and injected defect families")
    ap.add_argument("--read", type=Path, help="measure the PDFs already in this folder (written by --keep)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every silent wrong cell and flagged report")
    args = ap.parse_args()
    if args.read:
        names = sorted(p.with_suffix("") for p in args.read.glob("*.pdf"))
        print(f"{len(names)} PDFs in {args.read}\n")
        results = measure(names, args.verbose)
    else:
        results = _generated(args)
    _print(results)


def _generated(args: argparse.Namespace) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        started = time.perf_counter()
        families = tuple(None if f == "clean" else f for f in args.families)
        names = write_set(folder, list(range(args.first, args.first + args.seeds)), families)
        print(f"{len(names)} PDFs generated in {time.perf_counter() - started:.0f} s\n")
        return measure(names, args.verbose)


def _print(results: dict[str, dict]) -> None:
    print(
        "| library | cells right | LibreOffice / Chromium PDFs | wrong without saying so | clean reports flagged "
        "| refused (not text) |"
    )
    print("|---|---|---|---|---|---|")
    for lib, r in results.items():
        makers = " / ".join(f"{v:.1%}" for v in r["makers"].values())
        print(
            f"| {lib} | {r['right'] / r['total']:.2%} ({r['total']} cells) | {makers} "
            f"| {r['silent']} | {r['flagged']}/{r['clean']} | {r['refused']} |"
        )


if __name__ == "__main__":
    main()
