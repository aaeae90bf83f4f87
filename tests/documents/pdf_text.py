"""A PDF's text as each PDF library gives it (what users paste or feed to nianbao as text).

pdfplumber ``extract_text()`` (and ``layout=True``), pypdf ``extract_text()`` (and
``extraction_mode="layout"``), poppler's ``pdftotext`` (plain and ``-layout``); pages
joined with a line break (pdftotext also writes a form feed between them).
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable
from pathlib import Path


def pdfplumber_text(path: Path, layout: bool = False) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join((page.extract_text(layout=layout) or "") for page in pdf.pages)


def pypdf_text(path: Path, layout: bool = False) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font-descriptor warnings on Chromium's PDFs
    mode = {"extraction_mode": "layout"} if layout else {}
    return "\n".join(page.extract_text(**mode) for page in PdfReader(path).pages)


def pdftotext(path: Path, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


LIBRARIES: dict[str, Callable[[Path], str]] = {
    "pdfplumber": lambda p: pdfplumber_text(p),
    "pdfplumber-layout": lambda p: pdfplumber_text(p, layout=True),
    "pypdf": lambda p: pypdf_text(p),
    "pypdf-layout": lambda p: pypdf_text(p, layout=True),
    "pdftotext": lambda p: pdftotext(p),
    "pdftotext-layout": lambda p: pdftotext(p, layout=True),
}

# the libraries whose text nianbao reads (plain pdftotext writes each column of a table apart: not read)
READ = tuple(lib for lib in LIBRARIES if lib != "pdftotext")


def main(argv: list[str] | None = None) -> int:
    """Write each PDF's text from every library read, beside its truth: the fixtures of tests/engine."""
    import argparse
    import shutil

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("pdfs", type=Path, nargs="+")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for pdf in args.pdfs:
        shutil.copyfile(pdf.with_suffix(".json"), args.out / pdf.with_suffix(".json").name)
        for lib in READ:
            (args.out / f"{pdf.stem}.{lib}.txt").write_text(LIBRARIES[lib](pdf), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
