"""Regenerate docs/html-report.png: ``nianbao lint --format html`` of examples/, photographed by headless Chromium.

    .venv/bin/python scripts/html_screenshot.py [--width 1000] [--height 2200]

Needs Debian's ``chromium`` (and a CJK font, e.g. ``fonts-noto-cjk``, for the Chinese to show).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--width", type=int, default=1000)
    ap.add_argument("--height", type=int, default=2200)
    ap.add_argument("--out", default=str(ROOT / "docs" / "html-report.png"))
    args = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is not installed (apt-get install chromium fonts-noto-cjk)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "examples.html"
        subprocess.run(
            [sys.executable, "-m", "nianbao", "lint", "--format", "html", "-o", str(page), "examples/"], cwd=ROOT
        )
        subprocess.run(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--window-size={args.width},{args.height}",
                f"--screenshot={args.out}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
